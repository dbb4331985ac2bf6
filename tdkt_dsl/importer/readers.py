"""Readers: a hand-written plan (DOCX here; plain text, Markdown and HTML in markup.py) → a flat
list of blocks.

A block is a paragraph (text with `**bold**`/`*italic*` marks, as tdkt writes them) or a table
(rows of cell texts). Nothing is interpreted here; recognising the header, sections and tasks is
recognize.py's job.

A DOCX comes through the shared safe reader (tdkt_dsl/docx_package.py: size and ratio caps, DTDs
refused in any encoding, entities never resolved, the network never touched); only the main
document part and word/numbering.xml are read (macros and everything else are ignored).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..docx_package import DocxPackage, DocxRefused, number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": W}


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Para:
    text: str  # with tdkt emphasis marks
    plain: str  # without marks
    style: str = ""
    centered: bool = False
    bold: bool = False  # the whole paragraph is bold
    source: str = ""  # where it was: "body", "table" (a layout table flattened)

    @property
    def kind(self) -> str:
        return "para"


@dataclass
class TableBlock:
    rows: list[list[str]] = field(default_factory=list)  # cell texts, marks kept
    landscape: bool = False  # printed in a landscape section (DOCX): the appendix's `khổ: ngang`

    @property
    def kind(self) -> str:
        return "table"


Block = Para | TableBlock


# ==== DOCX =====================================================================================

MAX_LIST_START = 32767  # Word's largest list start value
MAX_GRID_SPAN = 63  # Word's largest number of table columns


class _Numbering:
    """Printed numbers of Word's automatic lists ("1.", "a)", "-") from word/numbering.xml."""

    def __init__(self, root: etree._Element | None) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, ilvl) → (fmt, text, start)
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for a in root.findall("w:abstractNum", _NS):
            lv = {}
            for lvl in a.findall("w:lvl", _NS):
                il = number(lvl.get(_q("ilvl"), "0"), 0, 8)
                if il is None:
                    continue  # not one of Word's nine levels: no printed number
                fmt = lvl.find("w:numFmt", _NS)
                txt = lvl.find("w:lvlText", _NS)
                st = lvl.find("w:start", _NS)
                start = number(st.get(_q("val"), "1"), 0, MAX_LIST_START) if st is not None else 1
                lv[il] = (fmt.get(_q("val")) if fmt is not None else "decimal",
                          txt.get(_q("val")) if txt is not None else "",
                          1 if start is None else start)
            abstract[a.get(_q("abstractNumId"), "")] = lv
        for n in root.findall("w:num", _NS):
            aid = n.find("w:abstractNumId", _NS)
            lv = abstract.get(aid.get(_q("val")) if aid is not None else "", {})
            for il, spec in lv.items():
                self.levels[(n.get(_q("numId"), ""), il)] = spec

    def label(self, num_id: str, ilvl: int) -> str:
        spec = self.levels.get((num_id, ilvl))
        if spec is None or num_id == "0":
            return ""
        fmt, text, start = spec
        if fmt == "bullet":
            return "+" if ilvl >= 1 else "-"
        c = self.counters.setdefault(num_id, [0] * 9)
        if c[ilvl] == 0:
            c[ilvl] = start - 1
        c[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            c[deeper] = 0

        def fmt_n(level: int) -> str:
            f = self.levels.get((num_id, level), ("decimal", "", 1))[0]
            v = max(c[level], 1)
            if v > 3999:  # beyond Roman numerals (and a hostile start value): digits
                return str(v)
            if f == "upperRoman":
                return _roman(v)
            if f == "lowerRoman":
                return _roman(v).lower()
            if f == "lowerLetter":
                return "abcdefghijklmnopqrstuvwxyz"[(v - 1) % 26]
            if f == "upperLetter":
                return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[(v - 1) % 26]
            return str(v)

        return re.sub(r"%([1-9])", lambda m: fmt_n(int(m.group(1)) - 1), (text or f"%{ilvl + 1}.")[:64])


def _roman(n: int) -> str:
    out = ""
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                 (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out += s
            n -= v
    return out


def _on(el: etree._Element | None) -> bool:
    if el is None:
        return False
    return el.get(_q("val"), "true") not in ("0", "false", "off", "none")


def _para(p: etree._Element, numbering: _Numbering, styles_bold: set[str]) -> Para:
    ppr = p.find("w:pPr", _NS)
    style = ""
    centered = False
    label = ""
    if ppr is not None:
        ps = ppr.find("w:pStyle", _NS)
        style = ps.get(_q("val"), "") if ps is not None else ""
        jc = ppr.find("w:jc", _NS)
        centered = jc is not None and jc.get(_q("val")) == "center"
        num = ppr.find("w:numPr", _NS)
        if num is not None:
            nid = num.find("w:numId", _NS)
            il = num.find("w:ilvl", _NS)
            level = number(il.get(_q("val"), "0"), 0, 8) if il is not None else 0
            label = numbering.label(nid.get(_q("val"), "0") if nid is not None else "0", level or 0)
    pieces: list[tuple[str, bool, bool]] = []
    for r in p.iter(_q("r")):
        rpr = r.find("w:rPr", _NS)
        b = i = False
        if rpr is not None:
            b, i = _on(rpr.find("w:b", _NS)), _on(rpr.find("w:i", _NS))
            if rpr.find("w:vanish", _NS) is not None and _on(rpr.find("w:vanish", _NS)):
                continue
        for ch in r:
            if ch.tag == _q("t"):
                pieces.append((ch.text or "", b, i))
            elif ch.tag == _q("tab"):
                pieces.append(("\t", False, False))
            elif ch.tag in (_q("br"), _q("cr")):
                pieces.append((" ", False, False))
            elif ch.tag == _q("noBreakHyphen"):
                pieces.append(("-", b, i))
    plain = "".join(t for t, _, _ in pieces)
    whole_bold = bool(plain.strip()) and all(b for t, b, _ in pieces if t.strip())
    whole_italic = bool(plain.strip()) and all(i for t, _, i in pieces if t.strip())
    marked = plain if (whole_bold or whole_italic) else _marks(pieces)
    marked = " ".join(marked.replace("\t", " ").split()) if "\t" not in plain.strip() else marked.strip()
    plain = " ".join(plain.split()) if "\t" not in plain.strip() else plain.strip()
    if label:
        marked, plain = f"{label} {marked}", f"{label} {plain}"
    return Para(text=marked, plain=plain, style=style, centered=centered, bold=whole_bold or style in styles_bold,
                source="body")


def _marks(pieces: list[tuple[str, bool, bool]]) -> str:
    """Runs → text with **bold** / *italic* marks around emphasised words."""
    out = []
    merged: list[list] = []
    for t, b, i in pieces:
        if merged and merged[-1][1] == b and merged[-1][2] == i:
            merged[-1][0] += t
        else:
            merged.append([t, b, i])
    for t, b, i in merged:
        core = t.strip()
        if not core or not (b or i):
            out.append(t)
            continue
        lead = t[: len(t) - len(t.lstrip())]
        tail = t[len(t.rstrip()):]
        mark = "**" if b else "*"  # bold italic keeps its bold
        out.append(f"{lead}{mark}{core}{mark}{tail}")
    return "".join(out)


def _cell_text(tc: etree._Element, numbering: _Numbering, styles_bold: set[str]) -> str:
    parts = [_para(p, numbering, styles_bold).text for p in tc.iter(_q("p"))]
    return "\n".join(p for p in parts if p.strip())


def _is_data_table(tbl: etree._Element) -> bool:
    """A table of the plan's content (appendix), as opposed to a borderless layout table."""
    rows = tbl.findall("w:tr", _NS)
    if not rows:
        return False
    cells = ["".join(t.text or "" for t in tc.iter(_q("t"))).strip() for tc in rows[0].findall("w:tc", _NS)]
    from .vocab import vocab

    head = re.compile(vocab()["patterns"]["table_header_cell"])
    heads = [c for c in cells if len(c) < 60 and head.match(c)]
    return len(cells) >= 2 and len(heads) >= 2


def _landscape_tables(body: etree._Element) -> set[etree._Element]:
    """The body's tables that lie in a landscape section. A section ends at the paragraph whose
    properties hold a w:sectPr; the body's own w:sectPr is the last section's."""
    out: set[etree._Element] = set()
    pending: list[etree._Element] = []

    def landscape(sect: etree._Element | None) -> bool:
        size = sect.find("w:pgSz", _NS) if sect is not None else None
        return size is not None and size.get(_q("orient")) == "landscape"

    for el in body:
        if el.tag == _q("tbl"):
            pending.append(el)
        elif el.tag == _q("p"):
            sect = el.find("w:pPr/w:sectPr", _NS)
            if sect is not None:
                if landscape(sect):
                    out.update(pending)
                pending = []
        elif el.tag == _q("sectPr") and landscape(el):
            out.update(pending)
    return out


def read_docx(pkg: DocxPackage) -> tuple[list[Block], list[str]]:
    """Blocks in reading order, and notes about what was ignored (macros …)."""
    return _read_docx(pkg)  # a DocxRefused (a Problem) goes up as it is


def _read_docx(pkg: DocxPackage) -> tuple[list[Block], list[str]]:
    from .markup import cell_text, has_list_markup  # (markup reads Para and TableBlock from here)

    notes = ["macros"] if pkg.has_macros else []
    main = pkg.main_part()
    doc = pkg.xml(main)
    numbering = _Numbering(pkg.xml("word/numbering.xml"))
    body = doc.find("w:body", _NS)
    if body is None:
        raise DocxRefused("F918", pkg.path)
    blocks: list[Block] = []
    bold_styles: set[str] = set()

    landscape = _landscape_tables(body)

    def walk(container: etree._Element) -> None:
        for el in container:
            if el.tag == _q("p"):
                para = _para(el, numbering, bold_styles)
                if "\t" in para.plain and not para.plain.startswith("\t"):
                    pass
                if para.plain.strip():
                    blocks.append(para)
            elif el.tag == _q("tbl"):
                if _is_data_table(el):
                    tb = TableBlock(landscape=el in landscape)
                    for tr in el.findall("w:tr", _NS):
                        cells = []
                        for tc in tr.findall("w:tc", _NS):
                            tcpr = tc.find("w:tcPr", _NS)
                            span = 1
                            if tcpr is not None and tcpr.find("w:gridSpan", _NS) is not None:
                                span = number(tcpr.find("w:gridSpan", _NS).get(_q("val"), "1"),
                                              1, MAX_GRID_SPAN) or 1
                            text = _cell_text(tc, numbering, bold_styles)
                            if has_list_markup(text):  # a list pasted from a web page as text
                                text = cell_text(text)
                            if tcpr is not None and tcpr.find("w:vMerge", _NS) is not None and \
                                    tcpr.find("w:vMerge", _NS).get(_q("val")) != "restart":
                                text = ""
                            cells.append(text)  # paragraphs kept apart: a month's items
                            cells.extend([""] * (span - 1) if span > 1 and len(tr.findall("w:tc", _NS)) > 1 else [])
                        tb.rows.append(cells)
                    blocks.append(tb)
                else:  # a layout table (header, signature block): its cells in reading order
                    for tr in el.findall("w:tr", _NS):
                        for tc in tr.findall("w:tc", _NS):
                            n = len(blocks)
                            walk(tc)
                            for b in blocks[n:]:
                                if isinstance(b, Para):
                                    b.source = "table"
            elif el.tag in (_q("sdt"), _q("customXml"), _q("smartTag")):
                content = el.find("w:sdtContent", _NS)
                walk(content if content is not None else el)

    walk(body)
    return blocks, notes
