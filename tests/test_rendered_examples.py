"""Each example as a word processor shows it (LibreOffice → PDF): stable page count, every heading
and appendix row present, one font family (the Times New Roman stand-in), page numbers from page 2
on, landscape appendix pages when the source asks."""

from __future__ import annotations

import json
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
