"""DOCX writer: the official format of Nghị định 30/2020/NĐ-CP, Phụ lục I (see shared nd30.md).

``render_docx(plan) -> bytes`` writes ``layout(plan)``. No wording lives here: every word is
already in the Layout (templates/phrases.j2); this module decides only how each *role* looks.
Roles are dispatched to ``_role_<name>`` methods; a role without one raises (never skipped).

Document structure (the order of text is exactly ``render.text.paragraphs(layout)``):

* page-1 header: a borderless one-row, two-column table. Left cell: parent agency, issuer,
  a short rule, ``Số: …``; right cell: Quốc hiệu, Tiêu ngữ, a rule as long as the Tiêu ngữ,
  place/date. Header cells use an exact line height so the number and date lines can be put level
  (the shorter column's last line gets the missing lines as space before).
* KẾ HOẠCH, the title, a short rule; the body (Normal = body paragraph; Heading 1..4 restyled).
* end block: a borderless two-column table: Nơi nhận (left), signature (right).
* each appendix: its own section on a new page (landscape when the layout says so), page
  numbers restarting at 1, a bordered table built with lxml directly (fast for big tables).

Rules (short lines) are empty paragraphs with a bottom border and equal left/right indents;
their lengths are measured from the printed text with Times New Roman metrics, never hard-coded.

Wide agency names and titles that cannot fit on one line are broken at the most balanced word
boundary with a line break (``w:br``) rather than left to the greedy line breaker: a line break
is what a clerk types in Word, and readers (``verify``, the tests) read it as a space.
"""


import datetime as _dt
import re
from typing import NamedTuple

from functools import lru_cache

from lxml import etree

from .. import vocabulary
from ..metrics import text_width
from ..model.nodes import Plan
from .layout import AppendixLayout, Layout, PrintedParagraph, StyledRun, PrintedTable, layout, protected
from .geometry import CELL_MARGIN, LANDSCAPE, PORTRAIT, TABLE_PT, Page, _mm
from .geometry import column_widths as _column_widths  # (tests measure it through the writer)
from .linebreak import FORCED, NBSP, choose_breaks, protect
from .phrases import phrase
from . import package

# ==== the look, in one place ====================================================================
# (page geometry, the table's size and padding and its column widths: .geometry, shared with the
# HTML preview)

HEADER_DISTANCE = _mm(10)  # the page number sits 10 mm from the top edge, inside the 20 mm margin
FOOTER_DISTANCE = _mm(10)

FONT = "Times New Roman"
LANG = "vi-VN"

# sizes in points (nd30 pairing 13 / 14 / 14: Quốc hiệu 13, Tiêu ngữ 14, date 14)
BODY_PT = 14  # body and headings (one size for the whole text)
AGENCY_PT = 13  # parent agency and issuer
QUOC_HIEU_PT = 13
TIEU_NGU_PT = 14
NUMBER_PT = 13
DATE_PT = 14
DOC_TYPE_PT = 14
TITLE_PT = 14
NOI_NHAN_PT = 12
RECIPIENT_PT = 11
SIGNER_PT = 14
PAGE_NUMBER_PT = 14
APPENDIX_PT = 14  # appendix heading, title and caption

FIRST_LINE = 720  # 1.27 cm
BODY_AFTER = 120  # 6 pt between paragraphs
BODY_LINE = 276  # "multiple 1.15" (w:line / 240)
HEADER_LINE = 340  # exact 17 pt lines in the page-1 header cells (13–14 pt text)
SIGNATURE_LINES = 5  # empty lines between the signer's title and name (signature and seal)
RULE_RATIO = 0.4  # short rules: 2/5 of the longest line above (nd30: 1/3 to 1/2)
RULE_SZ = 6  # border width in eighths of a point (0.75 pt)
QH_SLACK = 240  # twips of room around the Quốc hiệu so it never wraps (renderer differences)
AGENCY_GAP = 240  # agency lines keep 2 mm clear of each side of their column (≥ 4 mm from the Quốc hiệu)
HEADING_BEFORE = {1: 120, 2: 60, 3: 0, 4: 0}

# ==== text metrics =============================================================================

# widths come from the shipped Times New Roman table (tdkt_dsl.metrics): never from whatever
# font library happens to be installed, so every machine writes the same bytes


def _with_breaks(spans: list[StyledRun], offsets: list[int]) -> list[StyledRun]:
    """Replace the spaces at ``offsets`` (in the joined text) by newlines (→ ``w:br``)."""
    if not offsets:
        return spans
    out, pos, todo = [], 0, set(offsets)
    for s in spans:
        chars = list(s.text)
        for k in range(len(chars)):
            if pos + k in todo:
                chars[k] = "\n"
        out.append(StyledRun("".join(chars), s.bold, s.italic))
        pos += len(s.text)
    return out


def _lines(spans: list[StyledRun]) -> list[str]:
    return "".join(s.text for s in spans).replace(NBSP, " ").split(FORCED)


def _longest(spans: list[StyledRun], size_pt: float, bold: bool, italic: bool = False) -> int:
    return max(text_width(line, size_pt, bold, italic) for line in _lines(spans))




# ==== XML helpers ==============================================================================

NAMESPACES = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
              "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


@lru_cache(maxsize=None)  # a document asks for the same few dozen names thousands of times
def qn(tag: str) -> str:
    """``"w:p"`` → ``"{http://…/main}p"`` (Clark notation, as lxml names elements)."""
    prefix, local = tag.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def _el(tag: str, attrs: dict | None = None, *children) -> etree._Element:
    e = etree.Element(qn(tag), {qn(k): str(v) for k, v in (attrs or {}).items()})
    for c in children:
        if c is not None:
            e.append(c)
    return e


def _sub(parent, tag: str, attrs: dict | None = None) -> etree._Element:
    return etree.SubElement(parent, qn(tag), {qn(k): str(v) for k, v in (attrs or {}).items()})


def _fonts_el() -> etree._Element:
    return _el("w:rFonts", {"w:ascii": FONT, "w:hAnsi": FONT, "w:eastAsia": FONT, "w:cs": FONT})


def _lang_el() -> etree._Element:
    return _el("w:lang", {"w:val": LANG, "w:eastAsia": LANG, "w:bidi": LANG})


def _rpr(parent, *, bold=False, italic=False, size: float | None = None):
    """Append a w:rPr (schema order: b, bCs, i, iCs, sz, szCs) when anything is set."""
    if not (bold or italic or size):
        return None
    rpr = _sub(parent, "w:rPr")
    if bold:
        _sub(rpr, "w:b")
        _sub(rpr, "w:bCs")
    if italic:
        _sub(rpr, "w:i")
        _sub(rpr, "w:iCs")
    if size:
        _sub(rpr, "w:sz", {"w:val": round(size * 2)})
        _sub(rpr, "w:szCs", {"w:val": round(size * 2)})
    return rpr


# a hyphen inside a document symbol, a number range, a school year or an abbreviation
# ("05/KH-PGDĐT", "124-KH/TU", "2026-2027", "GDNN-GDTX"): printed as a non-breaking hyphen, since
# Word and LibreOffice would otherwise end a line after it
_HYPHENATED_TOKEN = re.compile(r"(?<!\S)\S*-\S*")  # a whole token (a run of non-spaces) holding a hyphen
_HARD_HYPHEN_TOKEN = re.compile(rf"\d|/|[{vocabulary.capital_letters()}]{{2}}")
_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def _hard_hyphens(text: str) -> list[int]:
    """Offsets of the hyphens of ``text`` to print as non-breaking hyphens."""
    if "-" not in text:
        return []
    cuts = []
    for m in _HYPHENATED_TOKEN.finditer(text):
        token = m.group()
        if _HARD_HYPHEN_TOKEN.search(token):
            cuts += [m.start() + h.start() for h in _INNER_HYPHEN.finditer(token)]
    return cuts


# Paragraphs and runs are written as XML text and parsed (a big plan has tens of thousands of runs:
# ~5× faster than making their elements one by one); the text is exactly what lxml prints for the
# same elements — escaped as libxml2 escapes text, attributes in the order they were set.
_W = NAMESPACES["w"]
_FRAGMENT_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True, remove_blank_text=False)
# what lxml refuses in text (its ValueError, kept): C0 controls but tab/newline/CR, U+FFFE/FFFF, surrogates
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _parse(xml: str) -> etree._Element:
    """One element written as text (its first tag declares no namespace: ``xmlns:w`` is added)."""
    head = xml.index(">")
    if xml[head - 1] == "/":
        head -= 1
    tag_end = min(i for i in (xml.find(" ", 0, head), head) if i >= 0)
    return etree.fromstring(f'{xml[:tag_end]} xmlns:w="{_W}"{xml[tag_end:]}'.encode("utf-8"), _FRAGMENT_PARSER)


# Blocks written as text reach the document as it is printed: `fill` leaves a comment in their
# place and `render` puts the text there (a comment cannot come from a plan's text: its "<" is
# printed "&lt;"). SPLICE off (and `fill` on its own): each block is parsed into the tree (tests
# compare the bytes).
SPLICE = True
_MARKER_WORD = "tdkt-block-"
_MARKER = re.compile(rb"<!--" + _MARKER_WORD.encode() + rb"(\d+)-->")


def _xml_text(text: str) -> str:
    """``text`` escaped as libxml2 prints a text node (&, <, > and CR as references)."""
    if _NOT_XML.search(text):
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _xml_rpr(bold=False, italic=False, size: float | None = None) -> str:
    """A w:rPr (schema order: b, bCs, i, iCs, sz, szCs) when anything is set."""
    if not (bold or italic or size):
        return ""
    out = "<w:rPr>"
    if bold:
        out += "<w:b/><w:bCs/>"
    if italic:
        out += "<w:i/><w:iCs/>"
    if size:
        out += f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>'
    return out + "</w:rPr>"


def _xml_run(out: list[str], text: str, bold=False, italic=False, size: float | None = None) -> None:
    """A run for ``text``; a newline becomes a ``w:br`` (a line break inside the paragraph), a hyphen
    inside a symbol or a number a ``w:noBreakHyphen``."""
    out.append("<w:r>" + _xml_rpr(bold, italic, size))
    for k, part in enumerate(text.split(FORCED)):
        if k:
            out.append("<w:br/>")
        start = 0
        for cut in _hard_hyphens(part):
            if cut > start:
                out.append(f'<w:t xml:space="preserve">{_xml_text(part[start:cut])}</w:t>')
            out.append("<w:noBreakHyphen/>")
            start = cut + 1
        if start < len(part):
            out.append(f'<w:t xml:space="preserve">{_xml_text(part[start:])}</w:t>')
    out.append("</w:r>")


def _run(p, text: str, *, bold=False, italic=False, size: float | None = None) -> None:
    """Append to ``p`` the run ``_xml_run`` writes."""
    out: list[str] = []
    _xml_run(out, text, bold, italic, size)
    p.append(_parse("".join(out)))


class PStyle(NamedTuple):
    """Paragraph formatting. ``None`` = inherit from the paragraph style."""

    style: str | None = None
    keep_next: bool = False
    keep_lines: bool = False
    border_bottom: bool = False
    before: int | None = None
    after: int | None = None
    line: int | None = None
    line_rule: str = "auto"
    left: int | None = None
    right: int | None = None
    first: int | None = None
    jc: str | None = None
    size: float | None = None  # run and paragraph-mark size


def _p(spans: list[StyledRun], fmt: PStyle, *, bold=False, italic=False) -> etree._Element:
    """A paragraph: ``fmt`` for the paragraph, spans as runs (``bold``/``italic`` added to all)."""
    return _parse(_p_xml(spans, fmt, bold=bold, italic=italic))


def _p_xml(spans: list[StyledRun], fmt: PStyle, *, bold=False, italic=False) -> str:
    """`_p` as the text lxml prints for it inside the document."""
    ppr = []
    if fmt.style:
        ppr.append(f'<w:pStyle w:val="{fmt.style}"/>')
    if fmt.keep_next:
        ppr.append("<w:keepNext/>")
    if fmt.keep_lines:
        ppr.append("<w:keepLines/>")
    if fmt.border_bottom:
        ppr.append(f'<w:pBdr><w:bottom w:val="single" w:sz="{RULE_SZ}" w:space="1" w:color="000000"/></w:pBdr>')
    # a w:spacing / w:ind holding the attributes whose value is set, in this order; none if none is
    # set (Word reads an absent attribute as inherited)
    line_rule = fmt.line_rule if fmt.line is not None else None
    for tag, attributes in (("spacing", (("before", fmt.before), ("after", fmt.after), ("line", fmt.line),
                                         ("lineRule", line_rule))),
                            ("ind", (("left", fmt.left), ("right", fmt.right), ("firstLine", fmt.first)))):
        values = "".join(f' w:{name}="{value}"' for name, value in attributes if value is not None)
        if values:
            ppr.append(f"<w:{tag}{values}/>")
    if fmt.jc:
        ppr.append(f'<w:jc w:val="{fmt.jc}"/>')
    ppr.append(_xml_rpr(bold=bold and not spans, size=fmt.size))
    out = ["<w:p>"]
    if any(ppr):
        out += ["<w:pPr>", *ppr, "</w:pPr>"]
    for s in spans:
        if s.text:
            _xml_run(out, s.text, s.bold or bold, s.italic or italic, fmt.size)
    if len(out) == 1:
        return "<w:p/>"  # (as lxml prints an empty element)
    out.append("</w:p>")
    return "".join(out)


def _centred(size: float, **kw) -> PStyle:
    """A centred line without first-line indent or spacing (header blocks, titles)."""
    base = dict(first=0, jc="center", before=0, after=0, line=240, line_rule="auto", size=size)
    base.update(kw)
    return PStyle(**base)


def _rule(length: int, container: int, *, before: int = 40, after: int = 0) -> etree._Element:
    """A short centred rule: an empty paragraph with a bottom border, ``length`` twips long,
    centred in ``container`` twips by equal left/right indents; ``before`` keeps it off the
    letters above (the paragraph's own line is 2 pt high, the border 1 pt below it)."""
    return _parse(_rule_xml(length, container, before=before, after=after))


def _rule_xml(length: int, container: int, *, before: int = 40, after: int = 0) -> str:
    length = max(1, min(length, container))
    side = (container - length) // 2
    return _p_xml([], PStyle(border_bottom=True, left=side, right=container - length - side, first=0,
                         jc="center", before=before, after=after, line=40, line_rule="exact", size=2))


def _fixed_table(widths: list[int], *, borders: dict, margins: int, header_row: bool,
                 centred: bool = False, indent: bool = False) -> etree._Element:
    """A fixed-layout table with explicit grid (w:tblGrid + w:tblW): the skeleton both the page's
    layout tables and the appendix tables share; rows are added by the caller."""
    tbl = _el("w:tbl")
    tblpr = _sub(tbl, "w:tblPr")
    _sub(tblpr, "w:tblW", {"w:w": sum(widths), "w:type": "dxa"})
    if indent:
        _sub(tblpr, "w:tblInd", {"w:w": 0, "w:type": "dxa"})
    if centred:
        _sub(tblpr, "w:jc", {"w:val": "center"})
    bdr = _sub(tblpr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _sub(bdr, f"w:{side}", borders)
    _sub(tblpr, "w:tblLayout", {"w:type": "fixed"})
    mar = _sub(tblpr, "w:tblCellMar")
    _sub(mar, "w:left", {"w:w": margins, "w:type": "dxa"})
    _sub(mar, "w:right", {"w:w": margins, "w:type": "dxa"})
    _sub(tblpr, "w:tblLook", {"w:val": "0000", "w:firstRow": int(header_row), "w:lastRow": 0,
                              "w:firstColumn": 0, "w:lastColumn": 0, "w:noHBand": 1, "w:noVBand": 1})
    grid = _sub(tbl, "w:tblGrid")
    for w in widths:
        _sub(grid, "w:gridCol", {"w:w": w})
    return tbl


def _layout_table(widths: list[int], *, margins: int) -> tuple[etree._Element, etree._Element]:
    """A borderless fixed-layout table with one row; returns (tbl, tr)."""
    tbl = _fixed_table(widths, borders={"w:val": "nil"}, margins=margins, header_row=False, indent=True)
    tr = _sub(tbl, "w:tr")
    trpr = _sub(tr, "w:trPr")
    _sub(trpr, "w:cantSplit")
    return tbl, tr


def _cell(tr, width: int, *, span: int = 1, valign: str | None = None) -> etree._Element:
    tc = _sub(tr, "w:tc")
    tcpr = _sub(tc, "w:tcPr")
    _sub(tcpr, "w:tcW", {"w:w": width, "w:type": "dxa"})
    if span > 1:
        _sub(tcpr, "w:gridSpan", {"w:val": span})
    if valign:
        _sub(tcpr, "w:vAlign", {"w:val": valign})
    return tc


# ==== styles, sections, package ================================================================

def _set_page(sect_pr, page: Page, *, title_pg: bool, restart: bool, new_page: bool) -> None:
    """Fill a w:sectPr (keeping its header references) in schema order."""
    refs = [c for c in sect_pr if c.tag in (qn("w:headerReference"), qn("w:footerReference"))]
    for c in list(sect_pr):
        sect_pr.remove(c)
    for key in list(sect_pr.attrib):
        del sect_pr.attrib[key]
    for c in refs:
        sect_pr.append(c)
    if new_page:
        _sub(sect_pr, "w:type", {"w:val": "nextPage"})
    size = {"w:w": page.width, "w:h": page.height}
    if page.landscape:
        size["w:orient"] = "landscape"
    _sub(sect_pr, "w:pgSz", size)
    _sub(sect_pr, "w:pgMar", {"w:top": page.top, "w:right": page.right, "w:bottom": page.bottom,
                              "w:left": page.left, "w:header": HEADER_DISTANCE, "w:footer": FOOTER_DISTANCE,
                              "w:gutter": 0})
    if restart:
        _sub(sect_pr, "w:pgNumType", {"w:fmt": "decimal", "w:start": 1})
    else:
        _sub(sect_pr, "w:pgNumType", {"w:fmt": "decimal"})
    _sub(sect_pr, "w:cols", {"w:space": 720})
    if title_pg:
        _sub(sect_pr, "w:titlePg")
    _sub(sect_pr, "w:docGrid", {"w:linePitch": 360})


CORE_PROPERTY_MAX = 255


# ==== the writer ===============================================================================

class DocxWriter:
    def __init__(self, plan: Plan):
        self.plan = plan
        self.lay = layout(plan)
        # the body's blocks in order: elements, or the text lxml prints for one (`_p_xml`, `_table`)
        self.out: list[etree._Element | str] = []
        self.texts: list[str] = []  # what `fill` left for `render` to put in place of its markers
        self.page = PORTRAIT

    # -- driver --------------------------------------------------------------------------------

    def render(self) -> bytes:
        root = package.document_root()
        self.fill(root.find(qn("w:body")), splice=SPLICE)
        document = etree.tostring(root, encoding="UTF-8", standalone=True)
        if self.texts:  # each marker comment → the blocks written as text (never parsed, moved, printed again)
            texts = [t.encode("utf-8") for t in self.texts]
            document = _MARKER.sub(lambda m: texts[int(m.group(1))], document)
        return package.write(document, package.core_xml(**self.core_properties()))

    def core_properties(self) -> dict:
        lay, h = self.lay, self.plan.header
        return dict(
            # core properties hold at most 255 characters: cut longer ones as Word does (the page keeps all)
            title=lay.title.text[:CORE_PROPERTY_MAX], subject=lay.doc_type.text[:CORE_PROPERTY_MAX],
            author=lay.issuer.text[:CORE_PROPERTY_MAX], keywords=phrase("document_keywords"),
            # deterministic: the plan's own date
            stamp=_dt.datetime(h.date.year, h.date.month, h.date.day) if h.date else _dt.datetime(h.year, 1, 1))

    def fill(self, body: etree._Element, splice: bool = False) -> None:
        """Write the plan into ``body``, a w:body holding only the final w:sectPr (with its header
        references). ``splice``: the blocks written as text are left to `render` (a marker each)."""
        lay = self.lay
        final = body.find(qn("w:sectPr"))
        body.remove(final)

        self._page_header()
        self.emit(lay.doc_type)
        tw = self.page.text_width
        title = self._balanced(lay.title, TITLE_PT, tw)
        self.emit(title)
        self.out.append(_rule_xml(round(_longest(title.spans, TITLE_PT, True) * RULE_RATIO), tw, before=40, after=240))
        for p in lay.body:
            self.emit(p)
        self._end_block()

        # sections: the main text (titlePg, no restart), then one per appendix. Every section but
        # the last ends with a tiny paragraph carrying its w:sectPr.
        sect = final
        _set_page(sect, PORTRAIT, title_pg=True, restart=False, new_page=False)
        for a in lay.appendices:
            self.out.append(self._section_break(sect))
            sect = _el("w:sectPr")
            self.page = LANDSCAPE if a.landscape else PORTRAIT
            # Appendix pages are numbered on their own from 1 (nd30) and every appendix page shows
            # its number, its first page included: the "different first page" flag copied from
            # the main section is deliberately off here, and the default header (PAGE field) is
            # inherited from the main section.
            _set_page(sect, self.page, title_pg=False, restart=True, new_page=True)
            self._appendix(a)
        pending: list[str] = []
        for e in [*self.out, None]:
            if isinstance(e, str):
                pending.append(e)
                continue
            if pending:
                if splice:
                    body.append(etree.Comment(f"{_MARKER_WORD}{len(self.texts)}"))
                    self.texts.append("".join(pending))
                else:
                    body.extend(_parse(x) for x in pending)
                pending = []
            if e is not None:
                body.append(e)
        body.append(sect)

    def _section_break(self, sect_pr) -> etree._Element:
        p = _p([], PStyle(before=0, after=0, line=20, line_rule="exact", first=0, size=1))
        p.find(qn("w:pPr")).append(sect_pr)
        return p

    # -- dispatch ------------------------------------------------------------------------------

    def para(self, p: PrintedParagraph) -> str:
        handler = getattr(self, f"_role_{p.role}", None)
        if handler is None:
            raise TypeError(f"docx writer: no rule for paragraph role {p.role!r}")
        return handler(p)

    def emit(self, p: PrintedParagraph) -> None:
        self.out.append(self.para(p))

    # -- page-1 header -------------------------------------------------------------------------

    def _header_widths(self) -> tuple[int, int]:
        tw = self.page.text_width
        right = max(text_width(self.lay.quoc_hieu.text, QUOC_HIEU_PT, True) + QH_SLACK, round(tw * 0.55))
        right = min(right, tw - tw // 4)
        return tw - right, right

    def _page_header(self) -> None:
        lay = self.lay
        left_w, right_w = self._header_widths()
        tbl, tr = _layout_table([left_w, right_w], margins=0)
        # left: parent, issuer, rule, number
        agency = [p for p in (lay.parent, lay.issuer) if p is not None]
        agency = [self._balanced(p, AGENCY_PT, left_w - AGENCY_GAP, agency=True) for p in agency]
        left_lines = sum(len(_lines(p.spans)) for p in agency)
        right_lines = 2  # Quốc hiệu (one line by construction) + Tiêu ngữ
        lc = _cell(tr, left_w)
        for p in agency:
            lc.append(_parse(self.para(p)))
        issuer = agency[-1]
        lc.append(_rule(round(_longest(issuer.spans, AGENCY_PT, True) * RULE_RATIO), left_w))
        lc.append(self._header_line(lay.number, NUMBER_PT, max(0, right_lines - left_lines)))
        # right: Quốc hiệu, Tiêu ngữ, a rule as long as the Tiêu ngữ, place and date
        rc = _cell(tr, right_w)
        rc.append(_parse(self.para(lay.quoc_hieu)))
        rc.append(_parse(self.para(lay.tieu_ngu)))
        rc.append(_rule(text_width(lay.tieu_ngu.text, TIEU_NGU_PT, True), right_w))
        rc.append(self._header_line(lay.date_line, DATE_PT, max(0, left_lines - right_lines)))
        self.out.append(tbl)

    def _header_line(self, p: PrintedParagraph, size: float, missing_lines: int) -> etree._Element:
        """The number / date line: 6 pt below the rule, plus the lines the other column has more."""
        el = _parse(self.para(p))
        sp = el.find(qn("w:pPr")).find(qn("w:spacing"))
        sp.set(qn("w:before"), str(120 + missing_lines * HEADER_LINE))
        return el

    def _balanced(self, p: PrintedParagraph, size: float, avail: int, *, agency: bool = False) -> PrintedParagraph:
        """``p`` with line breaks where it must break to fit ``avail`` twips (linebreak.py), the
        drafter's own breaks kept, and no-break spaces where a line must not break."""
        printed = [s for s in p.spans if s.text.strip()]
        bold = bool(printed) and all(s.bold for s in printed)
        italic = bool(printed) and all(s.italic for s in printed)
        text = "".join(s.text for s in p.spans)
        offsets, start = [], 0
        for segment in text.split(FORCED):  # each stretch between forced breaks on its own
            offsets += [start + o for o in choose_breaks(
                segment, lambda t: text_width(t, size, bold, italic), avail, agency=agency)]
            start += len(segment) + 1
        return PrintedParagraph(p.role, protected(_with_breaks(p.spans, offsets)), p.level)

    def _header_fmt(self, size: float) -> PStyle:
        return _centred(size, line=HEADER_LINE, line_rule="exact")

    def _role_parent(self, p: PrintedParagraph):
        return _p_xml(p.spans, self._header_fmt(AGENCY_PT))

    def _role_issuer(self, p: PrintedParagraph):
        return _p_xml(p.spans, self._header_fmt(AGENCY_PT), bold=True)

    def _role_number(self, p: PrintedParagraph):
        return _p_xml(p.spans, self._header_fmt(NUMBER_PT))

    def _role_quoc_hieu(self, p: PrintedParagraph):
        return _p_xml(p.spans, self._header_fmt(QUOC_HIEU_PT), bold=True)

    def _role_tieu_ngu(self, p: PrintedParagraph):
        return _p_xml(p.spans, self._header_fmt(TIEU_NGU_PT), bold=True)

    def _role_date_line(self, p: PrintedParagraph):
        return _p_xml(p.spans, self._header_fmt(DATE_PT), italic=True)

    # -- type, title ---------------------------------------------------------------------------

    def _role_doc_type(self, p: PrintedParagraph):
        return _p_xml(p.spans, _centred(DOC_TYPE_PT, before=360, keep_next=True), bold=True)

    def _role_title(self, p: PrintedParagraph):
        # nd30: the abstract is bold and upright — an italic stretch written in the source is
        # printed upright here (the role's look wins over inline emphasis)
        upright = [StyledRun(s.text, s.bold, False) for s in p.spans]
        return _p_xml(upright, _centred(TITLE_PT, keep_next=True, line=BODY_LINE), bold=True)

    # -- body ----------------------------------------------------------------------------------

    def _body(self, p: PrintedParagraph, **kw) -> str:
        return _p_xml(p.spans, PStyle(**kw))

    def _role_preamble(self, p: PrintedParagraph):
        return self._body(p)

    def _role_body(self, p: PrintedParagraph):
        return self._body(p)

    def _role_bullet(self, p: PrintedParagraph):
        return self._body(p)

    def _role_subbullet(self, p: PrintedParagraph):
        return self._body(p)

    def _role_numbered(self, p: PrintedParagraph):
        return self._body(p)

    def _role_closing(self, p: PrintedParagraph):
        return self._body(p, keep_next=True)

    def _role_heading(self, p: PrintedParagraph):
        if not 1 <= p.level <= 4:
            raise ValueError(f"docx writer: heading level {p.level} outside 1..4")
        return _p_xml(p.spans, PStyle(style=f"Heading{p.level}"))

    # -- end block: recipients and signature ---------------------------------------------------

    def _end_block(self) -> None:
        left_w, right_w = self._header_widths()
        tbl, tr = _layout_table([left_w, right_w], margins=0)
        lc = _cell(tr, left_w)
        for p in self.lay.recipients:
            lc.append(_parse(self.para(p)))
        rc = _cell(tr, right_w)
        signer = self.lay.signer
        for k, p in enumerate(signer):
            if p.role == "signer_name":
                for _ in range(SIGNATURE_LINES):
                    rc.append(_p([], _centred(SIGNER_PT)))
            rc.append(_parse(self.para(p)))
        if not signer:
            rc.append(_p([], _centred(SIGNER_PT)))
        self.out.append(tbl)

    def _role_recipients_label(self, p: PrintedParagraph):
        return _p_xml(p.spans, PStyle(first=0, left=0, jc="left", before=240, after=0, line=240, size=NOI_NHAN_PT),
                  bold=True, italic=True)

    def _role_recipient(self, p: PrintedParagraph):
        return _p_xml(protected(p.spans), PStyle(first=0, left=0, jc="left", before=0, after=0, line=240, size=RECIPIENT_PT))

    def _signer_fmt(self, p: PrintedParagraph) -> PStyle:
        first = p is self.lay.signer[0]
        return _centred(SIGNER_PT, before=240 if first else 0)

    def _role_signer_authority(self, p: PrintedParagraph):
        return _p_xml(p.spans, self._signer_fmt(p), bold=True)

    def _role_signer_position(self, p: PrintedParagraph):
        return _p_xml(p.spans, self._signer_fmt(p), bold=True)

    def _role_signer_name(self, p: PrintedParagraph):
        return _p_xml(p.spans, self._signer_fmt(p), bold=True)

    # -- appendices ----------------------------------------------------------------------------

    def _appendix(self, a: AppendixLayout) -> None:
        tw = self.page.text_width
        self.emit(a.heading)
        title = self._balanced(a.title, APPENDIX_PT, tw)
        self.emit(title)
        caption = self._balanced(a.caption, APPENDIX_PT, tw)
        self.emit(caption)
        self.out.append(_rule_xml(round(_longest(caption.spans, APPENDIX_PT, False, True) * RULE_RATIO), tw,
                              before=40, after=240))
        self.out.append(self._table(a.table, tw))
        for n in a.notes:
            self.emit(n)

    def _role_appendix_heading(self, p: PrintedParagraph):
        return _p_xml(p.spans, _centred(APPENDIX_PT, keep_next=True), bold=True)

    def _role_appendix_title(self, p: PrintedParagraph):
        return _p_xml(p.spans, _centred(APPENDIX_PT, keep_next=True, before=60), bold=True)

    def _role_appendix_caption(self, p: PrintedParagraph):
        return _p_xml(p.spans, _centred(APPENDIX_PT, keep_next=True), italic=True)

    def _role_appendix_note(self, p: PrintedParagraph):
        return self._body(p)

    def _table(self, t: PrintedTable, total: int) -> str:
        """The appendix table. A big plan's table holds most of its elements, so it is written as
        XML text (~10× faster than making its elements one by one); the text is exactly what lxml
        prints for the same elements inside the document (``_xml_text``, ``_xml_run``)."""
        n = len(t.columns)
        if len(t.header) != n or len(t.widths) != n:
            raise ValueError("docx writer: table header/widths do not match its columns")
        widths = _column_widths(t, total)
        # centred: the table is exactly the text width, so its borders sit on the margins whatever
        # the application's rule for where cell padding goes (tblInd is measured differently)
        border = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
        out = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
               '<w:jc w:val="center"/><w:tblBorders>',
               *(f"<w:{side} {border}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV")),
               f'</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
               f'<w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000" w:firstRow="1" '
               'w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>',
               *(f'<w:gridCol w:w="{w}"/>' for w in widths), "</w:tblGrid>"]
        # header row: bold, centred, repeated on every page, never split
        out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>")
        for w, text in zip(widths, t.header):
            self._table_cell(out, w, protected([StyledRun(text, bold=True)]), "center")
        out.append("</w:tr>")
        for row in t.rows:
            out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            if row.kind == "month":
                if len(row.cells) != 1:
                    raise ValueError("docx writer: a month row has exactly one cell")
                c = row.cells[0]
                # a month heading keeps with its first item: never alone at the foot of a page
                self._table_cell(out, total, protected([StyledRun(s.text, True, s.italic) for s in c.spans]), c.align,
                                 span=n, keep_next=True)
            elif row.kind == "task":
                if len(row.cells) != n:
                    raise ValueError("docx writer: a task row needs one cell per column")
                for w, c in zip(widths, row.cells):
                    self._table_cell(out, w, protected(c.spans), c.align, more=[protected(m) for m in c.more])
            else:
                raise TypeError(f"docx writer: no rule for table row kind {row.kind!r}")
            out.append("</w:tr>")
        out.append("</w:tbl>")
        return "".join(out)

    @staticmethod
    def _table_cell(out: list[str], width: int, spans: list[StyledRun], align: str, span: int = 1,
                    keep_next: bool = False, more: list[list[StyledRun]] = ()) -> None:
        if align not in ("left", "center"):
            raise ValueError(f"docx writer: no rule for cell alignment {align!r}")
        out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>')
        if span > 1:
            out.append(f'<w:gridSpan w:val="{span}"/>')
        out.append('<w:vAlign w:val="center"/></w:tcPr>')
        ppr = ('<w:p><w:pPr><w:pStyle w:val="TableText"/>' + ("<w:keepNext/>" if keep_next else "")
               + ('<w:jc w:val="center"/>' if align == "center" else "") + "</w:pPr>")
        for para in [spans, *more]:  # a month's items: one paragraph each
            out.append(ppr)  # every w:tc holds at least one w:p, even when empty
            for s in para:
                if s.text:
                    _xml_run(out, s.text, s.bold, s.italic)
            out.append("</w:p>")
        out.append("</w:tc>")


def render_docx(plan: Plan) -> bytes:
    return DocxWriter(plan).render()
