"""The examples print the published plans they transcribe — every paragraph, every appendix row —
up to the normalisation written down in tests/golden.py and the explicit per-plan corrections."""

from __future__ import annotations

import io
import re

import pytest

from tdkt_dsl.compiler import compile_path
from tdkt_dsl.render.docx import render_docx
from tdkt_dsl.render.layout import layout
from tdkt_dsl.render.text import paragraphs

from tests.golden import EXAMPLES_DIR, GOLDENS, Golden, diff, our_lines, reference_lines, role_lines

IDS = [g.name for g in GOLDENS]


def _compile(name: str):
    comp = compile_path(str(EXAMPLES_DIR / f"{name}.tdkt"))
    assert comp.ok, [f"{d.code} {d.message('en')}" for d in comp.diagnostics]
    return comp.plan


@pytest.mark.parametrize("g", GOLDENS, ids=IDS)
def test_example_prints_the_published_plan(g: Golden):
    lay = layout(_compile(g.name))
    problem = diff(reference_lines(g), our_lines(lay), g.name)
    assert not problem, problem


@pytest.mark.parametrize("g", GOLDENS, ids=IDS)
def test_every_correction_is_in_the_printed_text(g: Golden):
    """A listed correction whose corrected text the example no longer prints is stale."""
    lines = paragraphs(layout(_compile(g.name)))
    printed = "\n".join(lines)
    missing = [c for c in g.corrections if (c.ours not in printed if c.ours else c.ref in lines)]
    assert not missing, [f"{c.ref!r} → {c.ours!r} ({c.reason})" for c in missing]


@pytest.mark.parametrize("g", GOLDENS, ids=IDS)
def test_role_lines_follow_the_text_writer(g: Golden):
    """The golden test skips header lines by role: its role list must be the text writer's list."""
    lay = layout(_compile(g.name))
    assert [t for _, t in role_lines(lay)] == paragraphs(lay)


def test_the_golden_comparison_catches_a_dropped_garbled_added_or_moved_line():
    g = GOLDENS[0]
    ref = reference_lines(g)
    ours = our_lines(layout(_compile(g.name)))
    assert not diff(ref, ours, g.name)
    i = ours.index(next(x for x in ours if x.startswith("- Tăng cường vai trò, trách nhiệm")))
    assert diff(ref, ours[:i] + ours[i + 1:], g.name)  # dropped
    assert diff(ref, ours[:i] + [ours[i].replace("vai trò", "vai tro")] + ours[i + 1:], g.name)  # garbled
    assert diff(ref, ours[:i] + ["- Thêm một ý."] + ours[i:], g.name)  # added
    assert diff(ref, ours[:i - 1] + [ours[i], ours[i - 1]] + ours[i + 1:], g.name)  # reordered


# ---- the DOCX prints the same list ----------------------------------------------------------------

def _docx_lines(data: bytes) -> list[str]:
    """Paragraphs and table rows of a DOCX in document order, as the text writer prints them: a layout
    table (page-1 header, recipients and signature) cell by cell; a data table (it has a repeated
    header row) one line per row, cells joined by tabs. Empty paragraphs (rules, spacing) are skipped."""
    from docx import Document
    from docx.oxml.ns import qn

    def ptext(p) -> str:
        parts = []
        for el in p.iter():
            if el.tag == qn("w:t"):
                parts.append(el.text or "")
            elif el.tag == qn("w:br"):
                parts.append(" ")
            elif el.tag == qn("w:noBreakHyphen"):
                parts.append("-")
            elif el.tag == qn("w:tab"):
                parts.append("\t")
        return "".join(parts)

    out: list[str] = []
    body = Document(io.BytesIO(data)).element.body
    for child in body:
        if child.tag == qn("w:p"):
            t = ptext(child)
            if t.strip():
                out.append(t)
        elif child.tag == qn("w:tbl"):
            rows = child.findall(qn("w:tr"))
            data_table = any(r.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for r in rows)
            for r in rows:
                cells = r.findall(qn("w:tc"))
                if data_table:
                    out.append("\t".join(" ".join(ptext(p) for p in c.findall(qn("w:p"))) for c in cells))
                else:
                    for c in cells:
                        out += [ptext(p) for p in c.findall(qn("w:p")) if ptext(p).strip()]
    return out


@pytest.mark.parametrize("g", GOLDENS, ids=IDS)
def test_docx_prints_the_same_paragraphs(g: Golden):
    plan = _compile(g.name)
    data = render_docx(plan)
    squash = lambda s: re.sub(r"[ \u00a0]+", " ", s).strip()  # noqa: E731
    got = [squash(x) for x in _docx_lines(data)]
    want = [squash(x) for x in paragraphs(layout(plan))]
    problem = diff(want, got, g.name + " (DOCX)")
    assert not problem, problem
