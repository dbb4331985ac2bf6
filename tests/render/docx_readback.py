"""Reading the DOCX written by tdkt_dsl.render.docx back, for the tests (lxml only)."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(tag: str) -> str:
    p, t = tag.split(":")
    assert p == "w"
    return f"{{{W}}}{t}"


def part(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def parts(data: bytes) -> list[str]:
    return zipfile.ZipFile(io.BytesIO(data)).namelist()


def p_text(p: etree._Element) -> str:
    """A paragraph's printed text. A w:br is one of the balancing line breaks the writer puts
    in place of a space (agency names, titles), so it reads as a space, as does a no-break space;
    w:noBreakHyphen is a hyphen; w:tab a tab."""
    out = []
    for e in p.iter(q("w:t"), q("w:br"), q("w:tab"), q("w:noBreakHyphen")):
        if e.tag == q("w:t"):
            out.append((e.text or "").replace("\u00a0", " "))
        elif e.tag == q("w:br"):
            out.append(" ")
        elif e.tag == q("w:noBreakHyphen"):
            out.append("-")
        else:
            out.append("\t")
    return "".join(out)


def is_data_table(tbl: etree._Element) -> bool:
    """Appendix tables have a repeated header row; the page-1 header and the end block are
    borderless layout tables without one."""
    first = tbl.find(q("w:tr"))
    return first is not None and first.find("w:trPr/w:tblHeader", NS) is not None


def printed_lines(data: bytes) -> list[str]:
    """The DOCX in the order of render.text.paragraphs():

    * a body paragraph → its text;
    * a layout table (page-1 header, end block) → each cell in row order, each of its paragraphs;
    * an appendix table → one line per row, its cells' texts joined by a tab;
    * empty paragraphs (rules, signature room, section-break carriers) are left out.
    """
    body = part(data, "word/document.xml").find(q("w:body"))
    out: list[str] = []
    for el in body:
        if el.tag == q("w:p"):
            t = p_text(el)
            if t:
                out.append(t)
        elif el.tag == q("w:tbl"):
            if is_data_table(el):
                for tr in el.findall(q("w:tr")):
                    out.append("\t".join("\n".join(p_text(p) for p in tc.findall(q("w:p")))
                                         for tc in tr.findall(q("w:tc"))))
            else:
                for tr in el.findall(q("w:tr")):
                    for tc in tr.findall(q("w:tc")):
                        for p in tc.findall(q("w:p")):
                            t = p_text(p)
                            if t:
                                out.append(t)
        elif el.tag == q("w:sectPr"):
            pass
        else:
            raise AssertionError(f"unexpected body element {el.tag}")
    return out


def sections(data: bytes) -> list[etree._Element]:
    doc = part(data, "word/document.xml")
    return doc.findall(".//w:pPr/w:sectPr", NS) + doc.findall("w:body/w:sectPr", NS)
