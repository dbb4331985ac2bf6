"""The HTML preview shows what the DOCX prints: the same words in the same order, and, laid out
by the browser on A4 sheets, the same number of pages as LibreOffice renders from the DOCX
(tests/rendered_pages.json, checked against LibreOffice by tests/test_rendered_examples.py)."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tdkt_dsl.compiler import compile_path
from tdkt_dsl.render.docx import render_docx
from tdkt_dsl.render.html import render_html

from .conftest import ROOT

PAGES = json.loads((ROOT / "tests" / "rendered_pages.json").read_text("utf-8"))
EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*.tdkt") if p.name in PAGES)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_words(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out = []
    for el in root.iter(W + "t", W + "noBreakHyphen", W + "br", W + "tab", W + "p", W + "tc"):
        if el.tag == W + "t":
            out.append(el.text or "")
        elif el.tag == W + "noBreakHyphen":
            out.append("-")
        else:
            out.append(" ")
    return _words("".join(out))


def _words(text: str) -> list[str]:
    return re.sub(r"[\u00a0\u200b\s]+", " ", text).split()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_preview_has_the_docx_text_and_page_count(path: Path, browser, tmp_path):
    plan = compile_path(str(path)).plan
    page_file = tmp_path / "preview.html"
    page_file.write_text(render_html(plan), "utf-8")
    page = browser.new_page()
    page.goto(page_file.as_uri())
    page.wait_for_selector(".tdkt-doc[data-pages]", state="attached", timeout=20000)
    pages = int(page.eval_on_selector(".tdkt-doc", "e => e.dataset.pages"))
    landscape = page.locator(".sheet.landscape").count()
    # the text of each sheet's own column (the other columns of its copy are clipped)
    text = page.evaluate("""() => Array.from(document.querySelectorAll('.sheet')).map(sheet => {
        const v = sheet.querySelector('.viewport').getBoundingClientRect();
        const range = document.createRange(); const parts = [];
        const walker = document.createTreeWalker(sheet.querySelector('.viewport'),
                                                 NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (n.nodeType === 1) { if (/^(P|TD|TH|TR|BR|DIV)$/.test(n.tagName)) parts.push(' '); continue; }
          for (let i = 0; i < n.data.length; i++) {
            range.setStart(n, i); range.setEnd(n, i + 1);
            const r = range.getBoundingClientRect();
            if (r.width === 0 && r.height === 0) { parts.push(n.data[i]); continue; }
            if (r.left >= v.left - 1 && r.right <= v.right + 1) parts.push(n.data[i]);
          }
        }
        return parts.join('');
      }).join(' ')""")
    page.close()
    assert pages == PAGES[path.name], f"preview {pages} pages, LibreOffice {PAGES[path.name]}"
    assert (landscape > 0) == any(a.landscape for a in plan.appendices)  # landscape where the DOCX is
    got, want = _words(text), _docx_words(render_docx(plan))
    first = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
    assert got == want, " ".join(got[first - 3:first + 12]) + "  ≠  " + " ".join(want[first - 3:first + 12])
