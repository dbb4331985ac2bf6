"""Each example as a word processor shows it (LibreOffice → PDF): stable page count, every heading
and appendix row present, one font family (the Times New Roman stand-in), page numbers from page 2
on, landscape appendix pages when the source asks."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tdkt_dsl.compiler import compile_path
from tdkt_dsl.render.layout import layout

from tests.rendering import ROOT, font_families, render, squash

EXAMPLES = sorted(p.name for p in (ROOT / "examples").glob("*.tdkt"))
PAGES_FILE = ROOT / "tests" / "rendered_pages.json"  # expected page counts (update deliberately)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    from tdkt_dsl.render.docx import render_docx

    cache = {}

    def get(name: str):
        if name not in cache:
            comp = compile_path(str(ROOT / "examples" / name))
            assert comp.ok, [d.code for d in comp.diagnostics]
            out = tmp_path_factory.mktemp(name.replace(".", "-"))
            docx = out / (Path(name).stem + ".docx")
            docx.write_bytes(render_docx(comp.plan))
            cache[name] = (comp.plan, render(docx, out))
        return cache[name]

    return get


@pytest.mark.parametrize("name", EXAMPLES)
def test_page_count_is_stable(rendered, name):
    _, pdf = rendered(name)
    expected = json.loads(PAGES_FILE.read_text(encoding="utf-8"))
    assert pdf.pages == expected[name], f"{name}: {pdf.pages} pages, expected {expected[name]}"


@pytest.mark.parametrize("name", EXAMPLES)
def test_pdf_holds_header_title_headings_and_rows(rendered, name):
    plan, pdf = rendered(name)
    lay = layout(plan)
    text = squash("".join(pdf.raw_text))
    wanted = [lay.number.text, lay.date_line.text, lay.quoc_hieu.text, lay.tieu_ngu.text,
              lay.doc_type.text, lay.title.text, lay.issuer.text]
    wanted += [p.text for p in lay.body if p.role == "heading"]
    for a in lay.appendices:
        wanted += [a.heading.text, a.caption.text]
        for row in a.table.rows:
            wanted += [c.text for c in row.cells if c.text]
    missing = [w for w in wanted if squash(w) not in text]
    assert not missing, f"{name}: not in the PDF: {missing[:5]}"


@pytest.mark.parametrize("name", EXAMPLES)
def test_only_the_times_stand_in_is_used(rendered, name):
    _, pdf = rendered(name)
    assert font_families(tuple(pdf.fonts)) == {"LiberationSerif"}, pdf.fonts


@pytest.mark.parametrize("name", EXAMPLES)
def test_page_numbers_from_page_two(rendered, name):
    _, pdf = rendered(name)
    assert pdf.pages >= 2
    first_lines = [l.strip() for l in pdf.page_text[0].splitlines() if l.strip()]
    assert first_lines[0] != "1", "page 1 must not carry a page number"
    top = [l.strip() for l in pdf.page_text[1].splitlines() if l.strip()][0]
    assert top == "2", f"page 2 starts with {top!r}"


@pytest.mark.parametrize("name", EXAMPLES)
def test_appendix_pages_orientation(rendered, name):
    plan, pdf = rendered(name)
    lay = layout(plan)
    if not lay.appendices:
        assert not any(pdf.landscape(p) for p in range(1, pdf.pages + 1))
        return
    # the appendix starts on the first page whose text holds its caption
    caption = squash(lay.appendices[0].caption.text)
    start = next(i for i, t in enumerate(pdf.page_text, 1) if caption in squash(t))
    assert not any(pdf.landscape(p) for p in range(1, start)), "the plan itself is portrait"
    want = lay.appendices[0].landscape
    assert all(pdf.landscape(p) == want for p in range(start, pdf.pages + 1))
    # appendix pages are numbered on their own, starting again at 1
    if start < pdf.pages:
        top = [l.strip() for l in pdf.page_text[start].splitlines() if l.strip()][0]
        assert top == "2", f"second appendix page starts with {top!r}"


# -- typesetting: what must never be split across lines ------------------------------------------

_UNBREAKABLE = (
    re.compile(r"(?<![\w/-])\d{1,4}[/-][A-ZĐ][A-ZĐ0-9&]*(?:[/-][A-ZĐ0-9&]+)+"),  # 05/KH-PGDĐT, 124-KH/TU
    re.compile(r"(?<![\w/])\d{1,2}/\d{1,2}/\d{4}(?![\w/])"),  # dates
    re.compile(r"(?<![\w/-])\d{4}-\d{4}(?![\w/-])"),  # school years, periods
)


def _printed_texts(lay) -> list[str]:
    texts = [p.text for p in (lay.parent, lay.issuer, lay.number, lay.date_line, lay.title) if p]
    texts += [p.text for p in lay.body + lay.recipients + lay.signer]
    for a in lay.appendices:
        texts += [a.title.text, a.caption.text] + a.table.header
        texts += [c.text for r in a.table.rows for c in r.cells] + [n.text for n in a.notes]
    return texts


@pytest.mark.parametrize("name", EXAMPLES)
def test_symbols_dates_and_school_years_are_never_split(rendered, name):
    plan, pdf = rendered(name)
    printed = "\n".join(_printed_texts(layout(plan)))
    lines = [line for page in pdf.page_text for line in page.splitlines()]
    seen = 0
    for rx in _UNBREAKABLE:
        for token in sorted(set(rx.findall(printed))):
            want = len(re.findall(r"(?<![\w/-])" + re.escape(token) + r"(?![\w/-])", printed))
            got = sum(len(re.findall(r"(?<![\w/-])" + re.escape(token) + r"(?![\w/-])", line)) for line in lines)
            assert got >= want, f"{name}: {token!r} printed whole {got} times of {want}: split across lines"
            seen += 1
    assert seen >= 5, f"{name}: the example should hold symbols and dates"


@pytest.mark.parametrize("name", EXAMPLES)
def test_no_month_heading_ends_a_page(rendered, name):
    """A month of a timeline is one row — the month in its column, its items in the cell — and that
    row is never split: the month and every one of its items are on one page (so no month is left at
    the foot of a page while its items start the next)."""
    plan, pdf = rendered(name)
    lay = layout(plan)
    timelines = [a for a in lay.appendices if "month" in a.table.columns]
    if not timelines:
        return
    start = next(i for i, t in enumerate(pdf.page_text) if squash(lay.appendices[0].caption.text) in squash(t))
    pages = [squash(t) for t in pdf.raw_text[start:]]
    checked = 0
    for a in timelines:
        col = a.table.columns.index("month")
        content = a.table.columns.index("content")
        for row in a.table.rows:
            month = squash(row.cells[col].text)
            items = [squash("".join(s.text for s in item))[:40] for item in row.cells[content].paragraphs]
            holding = [k for k, page in enumerate(pages) if all(i in page for i in items)]
            assert holding, f"{name}: the items of {row.cells[col].text} are not all on one page"
            assert any(month in pages[k] for k in holding), f"{name}: {row.cells[col].text} apart from its items"
            checked += 1
    assert checked >= 5
