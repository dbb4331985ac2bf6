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
