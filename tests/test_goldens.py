"""Goldens: each example's word/document.xml (pretty-printed, w:rsid* stripped) and its model as
JSON (no spans) equal the files under tests/goldens/. A change in what the compiler writes must be
deliberate: run scripts/regen-goldens, review `git diff tests/goldens`, commit it with the cause."""

from __future__ import annotations

import difflib

import pytest

from tests.docx_golden import EXAMPLES, GOLDEN_DIR, document_xml, outputs

HOW = "if the change is intended: .venv/bin/python scripts/regen-goldens, then review git diff tests/goldens"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_output_equals_its_golden(example):
    for name, text in outputs(example).items():
        path = GOLDEN_DIR / name
        assert path.exists(), f"no golden {name} ({HOW})"
        want = path.read_text(encoding="utf-8")
        if text != want:
            diff = "".join(list(difflib.unified_diff(want.splitlines(True), text.splitlines(True),
                                                     f"golden/{name}", "now", n=2))[:60])
            pytest.fail(f"{name} differs from its golden ({HOW}):\n{diff}")


def test_every_golden_belongs_to_an_example():
    names = {n for e in EXAMPLES for n in (f"{e.stem}.document.xml", f"{e.stem}.model.json")}
    stale = sorted(p.name for p in GOLDEN_DIR.iterdir() if p.suffix in (".xml", ".json"))
    assert set(stale) == names, f"stale or missing goldens ({HOW})"


def test_the_normalisation_keeps_content_and_drops_only_rsids():
    """The golden compares real content: a changed word or attribute shows, an rsid does not."""
    import io
    import zipfile

    def docx(body: str) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/'
                       'wordprocessingml/2006/main"><w:body>' + body + "</w:body></w:document>")
        return buf.getvalue()

    a = document_xml(docx('<w:p w:rsidR="00A1"><w:r><w:t>giáo dục</w:t></w:r></w:p>'))
    assert a == document_xml(docx('<w:p w:rsidR="00B2"><w:r><w:t>giáo dục</w:t></w:r></w:p>'))
    assert a != document_xml(docx('<w:p><w:r><w:t>giáo  dục</w:t></w:r></w:p>'))
    assert a != document_xml(docx('<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:t>giáo dục</w:t></w:r></w:p>'))
    assert "\n  <w:body>" in a  # pretty-printed: one element a line, a readable diff
