"""Paragraphs, runs and the appendix table are written as XML text and parsed (render/docx.py): the
text must be what lxml prints for the same elements made one by one, for every character a plan may
hold, and what lxml refuses stays refused."""

from __future__ import annotations

import pytest
from lxml import etree

from tdkt_dsl.render import docx as writer

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _by_elements(text: str, bold: bool, italic: bool, size) -> bytes:
    """The run made element by element, as the writer made it before."""
    p = writer._el("w:p")
    r = writer._sub(p, "w:r")
    writer._rpr(r, bold=bold, italic=italic, size=size)
    for k, part in enumerate(text.split(writer.FORCED)):
        if k:
            writer._sub(r, "w:br")
        start = 0
        for cut in writer._hard_hyphens(part):
            if cut > start:
                t = writer._sub(r, "w:t")
                t.text = part[start:cut]
                t.set(XML_SPACE, "preserve")
            writer._sub(r, "w:noBreakHyphen")
            start = cut + 1
        if start < len(part):
            t = writer._sub(r, "w:t")
            t.text = part[start:]
            t.set(XML_SPACE, "preserve")
    return etree.tostring(p, encoding="UTF-8")


TEXTS = ["a & b < c > d", "tab\there", "CR\rLF\r\nx", "quotes \" ' ”", "05/KH-PGDĐT 2026-2027 a-b",
         "line\nbreak", "\u00a0nbsp\u00a0", "emoji 😀 and 𝔸", "\u0085 \u2028 \u200b \x7f", "]]> <!-- -->",
         "&amp; &#13; &lt;", " leading and trailing ", "Việt Nam — “trích”"]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("bold,italic,size", [(False, False, None), (True, False, 14), (True, True, 11),
                                              (False, True, 2)])
def test_run_as_text_equals_run_by_elements(text, bold, italic, size):
    p = writer._el("w:p")
    writer._run(p, text, bold=bold, italic=italic, size=size)
    assert etree.tostring(p, encoding="UTF-8") == _by_elements(text, bold, italic, size)


@pytest.mark.parametrize("ch", ["\x00", "\x01", "\x0b", "\x1f", "\ufffe", "\uffff"])
def test_what_lxml_refuses_stays_refused(ch):
    with pytest.raises(ValueError):
        etree.Element("t").text = f"a{ch}b"
    with pytest.raises(ValueError):
        writer._run(writer._el("w:p"), f"a{ch}b")


# ---- the blocks written as text reach the document without being parsed (writer.SPLICE) ----------

def _plans():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    paths = sorted((root / "examples").glob("*.tdkt")) + sorted((root / "tests").rglob("*.tdkt"))
    return [p for p in paths if "profiles" not in p.parts]


def _both(plan) -> tuple[bytes, bytes]:
    try:
        writer.SPLICE = True
        spliced = writer.render_docx(plan)
        writer.SPLICE = False
        parsed = writer.render_docx(plan)
    finally:
        writer.SPLICE = True
    return spliced, parsed


def test_spliced_document_equals_the_parsed_one():
    """Every example and test plan: the package with its blocks put in as text is the package with
    each block parsed into the tree and printed by lxml, byte for byte."""
    from tdkt_dsl.compiler import compile_path

    done = 0
    for path in _plans():
        comp = compile_path(str(path))
        if not comp.ok:
            continue
        spliced, parsed = _both(comp.plan)
        assert spliced == parsed, path
        done += 1
    assert done >= 10


def test_a_plan_text_that_looks_like_a_marker_stays_text(tmp_path):
    from tdkt_dsl.compiler import compile_path

    src = (_plans()[0]).read_text("utf-8")
    marker = f"<!--{writer._MARKER_WORD}0--> & <w:p/>"
    lines = src.split("\n")
    i = next(k for k, line in enumerate(lines) if line.startswith("# "))
    lines.insert(i + 1, f"Đoạn văn có {marker} ở giữa.")
    plan = tmp_path / _plans()[0].name
    plan.write_text("\n".join(lines), encoding="utf-8")
    for f in _plans()[0].parent.iterdir():
        if f.name != plan.name and not (tmp_path / f.name).exists():
            (tmp_path / f.name).symlink_to(f)
    comp = compile_path(str(plan))
    assert comp.plan is not None
    spliced, parsed = _both(comp.plan)
    assert spliced == parsed
    import io
    import zipfile

    document = zipfile.ZipFile(io.BytesIO(spliced)).read("word/document.xml").decode("utf-8")
    assert "&lt;!--tdkt" in document and "&amp; &lt;w:p/&gt;" in document  # (its hyphens print apart)


def test_empty_paragraph_text_is_what_lxml_prints():
    body = etree.fromstring(f'<w:body xmlns:w="{writer.NAMESPACES["w"]}"/>')
    body.append(writer._p([], writer.PStyle()))
    assert writer._p_xml([], writer.PStyle()) == "<w:p/>"
    assert etree.tostring(body).endswith(b"><w:p/></w:body>")
