"""Load any .docx into a flat, style-resolved list of blocks for the ND30 rules.

The reader knows nothing about plans: it opens the package safely (size caps, no external
entities), resolves every paragraph's and run's effective formatting through
run → character style → paragraph style chain → document defaults, and describes sections
(page size, margins, first-page flag, headers/footers with their PAGE fields).

Units: lengths are kept in twips (1/20 pt) as Word stores them; sizes in points.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from lxml import etree

from ..docx_package import DocxPackage, DocxRefused, number
from .vocabulary import where as place

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
V_NS = "urn:schemas-microsoft-com:vml"

TWIPS_PER_MM = 1440 / 25.4
EMU_PER_TWIP = 635
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
LENGTH_LIMIT = 10**9  # no real twip, EMU or count comes near; beyond it a value is junk


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


# -- the block model --------------------------------------------------------------------------

@dataclass
class Run:
    text: str
    fonts: dict[str, str | None]  # slot -> font name (None: nothing resolved)
    size: float  # pt
    bold: bool
    italic: bool
    caps: bool
    underline: bool
    color: str | None


@dataclass(eq=False)  # identity: blocks point at each other
class Paragraph:
    block: int  # 1-based index of the top-level body block holding it
    where_vi: str
    where_en: str
    text: str
    runs: list[Run]
    style_id: str | None
    align: str  # left|center|right|both (Word's "start"/"end" mapped)
    ind_left: int = 0
    ind_right: int = 0
    ind_first: int = 0  # first line; negative for a hanging indent
    space_before: int = 0
    space_after: int = 0
    line: int | None = None
    line_rule: str = "auto"
    contextual: bool = False
    border_top: bool = False
    border_bottom: bool = False
    drawing_widths: list[int] = field(default_factory=list)  # twips of each drawn line/shape
    fields: list[str] = field(default_factory=list)  # field instructions (PAGE, NUMPAGES…)
    section: int = 0  # 0-based section index
    container_width: int | None = None  # twips available (cell or text width), if known
    cell: "Cell | None" = None

    @property
    def text_runs(self) -> list[Run]:
        return [r for r in self.runs if r.text.strip()]

    def dominant_size(self) -> float | None:
        weights: dict[float, int] = {}
        for r in self.text_runs:
            weights[r.size] = weights.get(r.size, 0) + len(r.text.strip())
        return max(weights, key=weights.get) if weights else None

    def all_runs(self, attr: str) -> bool:
        runs = self.text_runs
        return bool(runs) and all(getattr(r, attr) for r in runs)

    def any_run(self, attr: str) -> bool:
        return any(getattr(r, attr) for r in self.text_runs)

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()


@dataclass(eq=False)  # identity: blocks point at each other
class Cell:
    width: int | None  # tcW in twips (dxa), None when auto/pct
    width_type: str
    span: int
    has_p: bool
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass(eq=False)  # identity: blocks point at each other
class Row:
    cells: list[Cell]
    is_header: bool
    cant_split: bool
    grid_before: int = 0
    grid_after: int = 0


@dataclass(eq=False)  # identity: blocks point at each other
class Table:
    block: int
    index: int  # 1-based over all tables, nested included
    grid: list[int] | None  # gridCol widths (twips); None when w:tblGrid is missing
    rows: list[Row]
    section: int = 0
    nested: bool = False

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for row in self.rows for c in row.cells for p in c.paragraphs]


@dataclass
class HeaderPart:
    kind: str  # header|footer
    paragraphs: list[Paragraph]
    bad_values: list["BadValue"] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.paragraphs).strip()

    def page_paragraphs(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if any(f.split()[:1] == ["PAGE"] for f in p.fields)]


@dataclass
class Section:
    index: int
    first_block: int  # 1-based block index of its first block (or of the last block when empty)
    last_block: int
    width: int | None
    height: int | None
    orient: str | None
    margins: dict[str, int]  # top/bottom/left/right in twips
    has_pgsz: bool
    has_pgmar: bool
    title_pg: bool
    page_start: int | None
    break_type: str  # nextPage|continuous|evenPage|oddPage
    headers: dict[str, HeaderPart | None] = field(default_factory=dict)  # default/first/even
    footers: dict[str, HeaderPart | None] = field(default_factory=dict)

    @property
    def landscape(self) -> bool:
        return bool(self.width and self.height and self.width > self.height)

    @property
    def text_width(self) -> int | None:
        if not self.width:
            return None
        return self.width - self.margins.get("left", 0) - self.margins.get("right", 0)


@dataclass
class Document:
    path: str
    blocks: list[Paragraph | Table]  # top-level body blocks in order
    tables: list[Table]  # every table, nested ones included
    sections: list[Section]
    empty_cells: list[tuple[Table, int, int]]  # (table, row, cell) of w:tc without w:p
    bad_values: list["BadValue"] = field(default_factory=list)  # numeric attributes out of range

    def body_paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def all_paragraphs(self) -> list[Paragraph]:
        out: list[Paragraph] = []
        for b in self.blocks:
            out.extend([b] if isinstance(b, Paragraph) else b.paragraphs)
        return out


# -- safe package access: the shared reader (tdkt_dsl/docx_package.py) -------------------------

NotADocx = DocxRefused  # verify's name for the one error of the shared DOCX reader


# -- numbers Word could not have written ------------------------------------------------------

# element → (its numeric attributes, the least and greatest value Word accepts)
NUMERIC: dict[str, tuple[tuple[str, ...], int, int]] = {
    "sz": (("val",), 0, 3276), "szCs": (("val",), 0, 3276),  # half-points: up to 1638 pt
    "ind": (("left", "right", "start", "end", "firstLine", "hanging"), -31680, 31680),  # twips, 22 in
    "spacing": (("before", "after", "line"), -31680, 31680),
    "pgSz": (("w", "h"), 1, 31680),
    "pgMar": (("top", "bottom", "left", "right", "header", "footer", "gutter"), -31680, 31680),
    "gridCol": (("w",), 0, 31680),
    "gridSpan": (("val",), 1, 63), "gridBefore": (("val",), 0, 63), "gridAfter": (("val",), 0, 63),
    "pgNumType": (("start",), 0, 32767),
}


@dataclass(frozen=True)
class BadValue:
    """A numeric attribute that is not a number Word accepts (``w:sz="1e400"``); the reader
    reads it as absent and verify reports it (V904)."""

    where_vi: str
    where_en: str
    block: int
    element: str
    attribute: str
    value: str
    low: int
    high: int


def _bad_values(root: etree._Element, locate) -> list[BadValue]:
    out = []
    for tag, (attrs, lo, hi) in NUMERIC.items():
        for el in root.iter(w(tag)):
            for a in attrs:
                v = el.get(w(a))
                if v is not None and number(v, lo, hi) is None:
                    out.append(BadValue(*locate(el), f"w:{tag}", f"w:{a}", v[:24], lo, hi))
    for el in root.iter(w("tcW")):
        v = el.get(w("w"))
        if v is not None and el.get(w("type"), "dxa") == "dxa" and number(v, 0, 31680) is None:
            out.append(BadValue(*locate(el), "w:tcW", "w:w", v[:24], 0, 31680))
    return out


# -- style resolution -------------------------------------------------------------------------

def _val(el: etree._Element | None, attr: str = "val") -> str | None:
    return None if el is None else el.get(w(attr))


def _on(el: etree._Element | None) -> bool | None:
    """A WordprocessingML on/off property: absent → None; present without val → True."""
    if el is None:
        return None
    v = el.get(w("val"))
    return v is None or v.lower() not in ("0", "false", "off", "none")


def _int(v: str | None) -> int | None:
    """A length or count as Word stores it; junk (``1e400``, ``abc``) reads as absent and is
    reported by `bad_values` (V904)."""
    return number(v, -LENGTH_LIMIT, LENGTH_LIMIT)


class Styles:
    """Resolves paragraph and run properties through styles and document defaults."""

    def __init__(self, styles: etree._Element | None, theme: etree._Element | None):
        self.by_id: dict[str, etree._Element] = {}
        self.default_para: str | None = None
        self.default_char: str | None = None
        self.rpr_default = None
        self.ppr_default = None
        self.theme_fonts = _theme_fonts(theme)
        self.bad_values: list[BadValue] = []
        if styles is None:
            return
        self.bad_values = _bad_values(styles, lambda el: ("word/styles.xml", "word/styles.xml", 1))
        for st in styles.iter(w("style")):
            sid = st.get(w("styleId"))
            if not sid:
                continue
            self.by_id[sid] = st
            if st.get(w("default")) in ("1", "true", "on"):
                if st.get(w("type")) == "paragraph":
                    self.default_para = sid
                elif st.get(w("type")) == "character":
                    self.default_char = sid
        dd = styles.find(w("docDefaults"))
        if dd is not None:
            self.rpr_default = dd.find(f"{w('rPrDefault')}/{w('rPr')}")
            self.ppr_default = dd.find(f"{w('pPrDefault')}/{w('pPr')}")

    def chain(self, sid: str | None) -> list[etree._Element]:
        """The style and its basedOn ancestors, most specific first (cycles cut)."""
        out, seen = [], set()
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            st = self.by_id[sid]
            out.append(st)
            sid = _val(st.find(w("basedOn")))
        return out

    def para_pprs(self, ppr: etree._Element | None) -> tuple[str | None, list]:
        """Paragraph property elements, most specific first, and the style id."""
        sid = _val(ppr.find(w("pStyle"))) if ppr is not None else None
        if sid not in self.by_id:
            sid = self.default_para
        levels = [ppr] + [st.find(w("pPr")) for st in self.chain(sid)] + [self.ppr_default]
        return sid, [x for x in levels if x is not None]

    def para_rprs(self, sid: str | None) -> list:
        levels = [st.find(w("rPr")) for st in self.chain(sid)] + [self.rpr_default]
        return [x for x in levels if x is not None]

    def run_rprs(self, rpr: etree._Element | None, para_rprs: list) -> list:
        cid = _val(rpr.find(w("rStyle"))) if rpr is not None else None
        chars = [st.find(w("rPr")) for st in self.chain(cid or self.default_char)]
        return [x for x in [rpr] + chars if x is not None] + para_rprs


def _theme_fonts(theme: etree._Element | None) -> dict[str, str]:
    out: dict[str, str] = {}
    if theme is None:
        return out
    for kind in ("major", "minor"):
        fs = theme.find(f".//{{{A_NS}}}{kind}Font")
        if fs is None:
            continue
        for tag, key in (("latin", "HAnsi"), ("ea", "EastAsia"), ("cs", "Bidi")):
            el = fs.find(f"{{{A_NS}}}{tag}")
            face = el.get("typeface", "") if el is not None else ""
            out[f"{kind}{key}"] = face
        out[f"{kind}Ascii"] = out.get(f"{kind}HAnsi", "")
    return out


def _first(levels: list, tag: str) -> etree._Element | None:
    for lv in levels:
        el = lv.find(w(tag))
        if el is not None:
            return el
    return None


def _resolve_fonts(levels: list, styles: Styles) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    theme_attr = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme", "eastAsia": "eastAsiaTheme",
                  "cs": "cstheme"}
    for slot in FONT_SLOTS:
        out[slot] = None
        for lv in levels:
            rf = lv.find(w("rFonts"))
            if rf is None:
                continue
            theme = rf.get(w(theme_attr[slot]))
            if theme:  # a theme font wins over the plain attribute at the same level
                face = styles.theme_fonts.get(theme, "")
                out[slot] = face or f"(theme {theme})"
                break
            plain = rf.get(w(slot))
            if plain:
                out[slot] = plain
                break
    return out


def _resolve_run(rpr: etree._Element | None, para_rprs: list, styles: Styles, text: str) -> Run:
    levels = styles.run_rprs(rpr, para_rprs)
    # junk in one level (w:sz="1e400", reported as V904) reads as if that level had no size
    sz = next((v for v in (_int(_val(lv.find(w("sz")))) for lv in levels) if v is not None), None)
    u = _first(levels, "u")
    color = _val(_first(levels, "color"))
    return Run(
        text=text,
        fonts=_resolve_fonts(levels, styles),
        size=(sz / 2) if sz else 10.0,  # Word's built-in default is 10 pt
        bold=bool(_on(_first(levels, "b"))),
        italic=bool(_on(_first(levels, "i"))),
        caps=bool(_on(_first(levels, "caps"))),
        underline=u is not None and _val(u) not in (None, "none"),
        color=color,
    )


_ALIGN = {"start": "left", "end": "right", "justify": "both", "distribute": "both",
          "left": "left", "right": "right", "center": "center", "both": "both"}


def _apply_ppr(p: Paragraph, levels: list) -> None:
    jc = _val(_first(levels, "jc"))
    p.align = _ALIGN.get(jc or "left", jc or "left")
    # indentation and spacing attributes inherit one by one
    for lv in reversed(levels):
        ind = lv.find(w("ind"))
        if ind is not None:
            left = _int(ind.get(w("left"))) if ind.get(w("left")) is not None else _int(ind.get(w("start")))
            right = _int(ind.get(w("right"))) if ind.get(w("right")) is not None else _int(ind.get(w("end")))
            if left is not None:
                p.ind_left = left
            if right is not None:
                p.ind_right = right
            if ind.get(w("firstLine")) is not None:
                p.ind_first = _int(ind.get(w("firstLine"))) or 0
            if ind.get(w("hanging")) is not None:
                p.ind_first = -(_int(ind.get(w("hanging"))) or 0)
        sp = lv.find(w("spacing"))
        if sp is not None:
            if sp.get(w("before")) is not None:
                p.space_before = _int(sp.get(w("before"))) or 0
            if sp.get(w("after")) is not None:
                p.space_after = _int(sp.get(w("after"))) or 0
            if sp.get(w("line")) is not None:
                p.line = _int(sp.get(w("line")))
                p.line_rule = sp.get(w("lineRule"), "auto")
    p.contextual = bool(_on(_first(levels, "contextualSpacing")))
    bdr = _first(levels, "pBdr")
    if bdr is not None:
        p.border_top = _real_border(bdr.find(w("top")))
        p.border_bottom = _real_border(bdr.find(w("bottom")))


def _real_border(el: etree._Element | None) -> bool:
    return el is not None and el.get(w("val"), "nil") not in ("nil", "none")


# -- paragraphs -------------------------------------------------------------------------------

def _own_descendants(p_el: etree._Element, tag: str):
    """Descendants of a paragraph that belong to it: not inside text boxes nor mc:Fallback."""
    for el in p_el.iter(tag):
        anc = el.getparent()
        skip = False
        while anc is not None and anc is not p_el:
            if anc.tag in (w("txbxContent"), f"{{{MC_NS}}}Fallback"):
                skip = True
                break
            anc = anc.getparent()
        if not skip:
            yield el


def _run_text(r: etree._Element) -> str:
    parts = []
    for ch in r:
        if ch.tag == w("t"):
            # a no-break space is a space to every rule (Word users and tdkt put them inside
            # words, dates and names so a line does not break there)
            parts.append((ch.text or "").replace("\u00a0", " "))
        elif ch.tag == w("tab"):
            parts.append("\t")
        elif ch.tag in (w("br"), w("cr")):
            parts.append("\n")
        elif ch.tag == w("noBreakHyphen"):
            parts.append("-")
    return "".join(parts)


def _drawing_widths(p_el: etree._Element) -> list[int]:
    out = []
    for ext in _own_descendants(p_el, f"{{{WP_NS}}}extent"):
        cx, cy = _int(ext.get("cx")) or 0, _int(ext.get("cy")) or 0
        if cx and cy <= cx / 10:  # flat shapes are lines; a logo or picture is not a rule
            out.append(cx // EMU_PER_TWIP)
    for line in _own_descendants(p_el, f"{{{V_NS}}}line"):
        length = _vml_line_length(line)
        if length:
            out.append(length)
    return out


def _vml_length(s: str) -> float | None:
    s = s.strip()
    units = {"pt": 20, "in": 1440, "cm": 1440 / 2.54, "mm": TWIPS_PER_MM, "px": 15, "pc": 240}
    for u, k in units.items():
        if s.endswith(u):
            try:
                return float(s[: -len(u)]) * k
            except ValueError:
                return None
    try:
        return float(s) * 15  # VML bare numbers are pixels
    except ValueError:
        return None


def _vml_line_length(line: etree._Element) -> int | None:
    try:
        (x1, y1), (x2, y2) = [[_vml_length(v) for v in line.get(k, "0,0").split(",")[:2]]
                              for k in ("from", "to")]
        return int(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5)
    except (TypeError, ValueError):
        return None


def _fields(p_el: etree._Element) -> list[str]:
    out = [fs.get(w("instr"), "").strip() for fs in _own_descendants(p_el, w("fldSimple"))]
    out += [(it.text or "").strip() for it in _own_descendants(p_el, w("instrText"))]
    return [f.upper() for f in out if f]


def read_paragraph(p_el: etree._Element, styles: Styles, block: int, where: tuple[str, str],
                   container_width: int | None) -> Paragraph:
    ppr = p_el.find(w("pPr"))
    sid, plevels = styles.para_pprs(ppr)
    para_rprs = styles.para_rprs(sid)
    runs = []
    for r in _own_descendants(p_el, w("r")):
        text = _run_text(r)
        runs.append(_resolve_run(r.find(w("rPr")), para_rprs, styles, text))
    p = Paragraph(block=block, where_vi=where[0], where_en=where[1],
                  text=unicodedata.normalize("NFC", "".join(r.text for r in runs)),
                  runs=runs, style_id=sid, align="left", container_width=container_width)
    _apply_ppr(p, plevels)
    p.drawing_widths = _drawing_widths(p_el)
    p.fields = _fields(p_el)
    return p


# -- tables -----------------------------------------------------------------------------------

DEFAULT_CELL_MARGIN = 108  # twips each side, Word's default for tables


def read_table(tbl: etree._Element, styles: Styles, block: int, counter: list[int],
               tables: list[Table], empty: list, nested: bool = False) -> Table:
    counter[0] += 1
    grid_el = tbl.find(w("tblGrid"))
    grid = None if grid_el is None else [
        _int(g.get(w("w"))) or 0 for g in grid_el.findall(w("gridCol"))]
    table = Table(block=block, index=counter[0], grid=grid, rows=[], nested=nested)
    tables.append(table)
    for ri, tr in enumerate(tbl.findall(w("tr")), start=1):
        trpr = tr.find(w("trPr"))
        row = Row(cells=[], is_header=bool(_on(trpr.find(w("tblHeader")) if trpr is not None else None)),
                  cant_split=bool(_on(trpr.find(w("cantSplit")) if trpr is not None else None)),
                  grid_before=_int(_val(trpr.find(w("gridBefore")))) or 0 if trpr is not None else 0,
                  grid_after=_int(_val(trpr.find(w("gridAfter")))) or 0 if trpr is not None else 0)
        table.rows.append(row)
        for ci, tc in enumerate(_row_cells(tr), start=1):
            row.cells.append(_read_cell(tc, styles, block, table, ri, ci, counter, tables, empty))
    return table


def _row_cells(tr: etree._Element):
    # cells may hide inside content controls (w:sdt/w:sdtContent)
    for ch in tr:
        if ch.tag == w("tc"):
            yield ch
        elif ch.tag == w("sdt"):
            yield from ch.iter(w("tc"))


def _read_cell(tc, styles, block, table, ri, ci, counter, tables, empty) -> Cell:
    tcpr = tc.find(w("tcPr"))
    tcw = tcpr.find(w("tcW")) if tcpr is not None else None
    wtype = tcw.get(w("type"), "dxa") if tcw is not None else "auto"
    width = _int(tcw.get(w("w"))) if tcw is not None and wtype == "dxa" else None
    span = _int(_val(tcpr.find(w("gridSpan")))) if tcpr is not None else None
    cell = Cell(width=width, width_type=wtype, span=span or 1, has_p=tc.find(w("p")) is not None)
    if not cell.has_p:
        empty.append((table, ri, ci))
    inner = (width - 2 * DEFAULT_CELL_MARGIN) if width else None
    where = place("cell", table=table.index, row=ri, cell=ci)
    for ch in tc:
        if ch.tag == w("p"):
            p = read_paragraph(ch, styles, block, where, inner)
            p.cell = cell
            cell.paragraphs.append(p)
        elif ch.tag == w("tbl"):
            sub = read_table(ch, styles, block, counter, tables, empty, nested=True)
            cell.paragraphs.extend(sub.paragraphs)
    return cell


# -- sections and headers ---------------------------------------------------------------------

def _read_sectpr(sp: etree._Element | None, index: int) -> Section:
    pgsz = sp.find(w("pgSz")) if sp is not None else None
    pgmar = sp.find(w("pgMar")) if sp is not None else None
    typ = sp.find(w("type")) if sp is not None else None
    num = sp.find(w("pgNumType")) if sp is not None else None
    margins = {}
    if pgmar is not None:
        for k in ("top", "bottom", "left", "right"):
            v = _int(pgmar.get(w(k)))
            if v is not None:
                margins[k] = abs(v)  # negative top/bottom = "exactly"; the distance is the same
    return Section(
        index=index, first_block=1, last_block=1,
        width=_int(pgsz.get(w("w"))) if pgsz is not None else None,
        height=_int(pgsz.get(w("h"))) if pgsz is not None else None,
        orient=pgsz.get(w("orient")) if pgsz is not None else None,
        margins=margins, has_pgsz=pgsz is not None, has_pgmar=pgmar is not None,
        title_pg=bool(_on(sp.find(w("titlePg")))) if sp is not None else False,
        page_start=_int(num.get(w("start"))) if num is not None else None,
        break_type=_val(typ) or "nextPage",
    )


def _read_hf(pkg: DocxPackage, part: str, styles: Styles, kind: str, sec: Section) -> HeaderPart:
    """A header or footer part, its paragraphs placed at the first block of the first section
    that shows it (where its findings are reported)."""
    root = pkg.xml(part)
    paras = []
    bad: list[BadValue] = []
    if root is not None:
        where = place(kind)
        for p_el in root.iter(w("p")):
            paras.append(read_paragraph(p_el, styles, sec.first_block, where, sec.text_width))
        bad = _bad_values(root, lambda el: (where[0], where[1], sec.first_block))
    return HeaderPart(kind=kind, paragraphs=paras, bad_values=bad)


def _attach_headers(sections: list[Section], sectprs: list, pkg: DocxPackage, rels: dict,
                    styles: Styles) -> None:
    """Give every section its effective headers/footers: missing references inherit."""
    prev_h: dict[str, HeaderPart | None] = {"default": None, "first": None, "even": None}
    prev_f = dict(prev_h)
    cache: dict[str, HeaderPart] = {}
    for sec, sp in zip(sections, sectprs):
        h, f = dict(prev_h), dict(prev_f)
        if sp is not None:
            for tag, target, kind in (("headerReference", h, "header"), ("footerReference", f, "footer")):
                for ref in sp.findall(w(tag)):
                    part = rels.get(ref.get(f"{{{R_NS}}}id", ""))
                    if part and part in pkg.names:
                        if part not in cache:
                            cache[part] = _read_hf(pkg, part, styles, kind, sec)
                        target[ref.get(w("type"), "default")] = cache[part]
        sec.headers, sec.footers = h, f
        prev_h, prev_f = h, f


# -- the whole document -----------------------------------------------------------------------

def read_docx(path: str) -> Document:
    """Read ``path`` through the shared safe reader; raises `NotADocx` (= `DocxRefused`)."""
    with DocxPackage.open(path) as pkg:
        return _read(pkg, path)


def _read(pkg: DocxPackage, path: str) -> Document:
    main = pkg.main_part()
    root = pkg.xml(main)
    body = root.find(w("body")) if root is not None else None
    if body is None:
        raise DocxRefused("F918", path)
    rels = pkg.rels(main)
    styles = Styles(
        pkg.xml(rels.get("type:http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
                         "word/styles.xml")),
        pkg.xml(rels.get("type:http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme",
                         "word/theme/theme1.xml")))

    children = list(_body_children(body))
    final_sp = body.find(w("sectPr"))
    # the section of each block: a paragraph's own sectPr closes the section it ends
    sectprs: list = []
    block_section: list[int] = []
    for ch in children:
        block_section.append(len(sectprs))
        if ch.tag == w("p"):
            ppr = ch.find(w("pPr"))
            sp = ppr.find(w("sectPr")) if ppr is not None else None
            if sp is not None:
                sectprs.append(sp)
    sectprs.append(final_sp)
    sections = [_read_sectpr(sp, i) for i, sp in enumerate(sectprs)]

    blocks: list[Paragraph | Table] = []
    tables: list[Table] = []
    empty: list = []
    counter = [0]
    for i, ch in enumerate(children, start=1):
        sec = sections[block_section[i - 1]]
        if ch.tag == w("p"):
            b = read_paragraph(ch, styles, i, place("paragraph", n=i), sec.text_width)
        else:
            b = read_table(ch, styles, i, counter, tables, empty)
        _set_section(b, sec.index)
        blocks.append(b)

    # first and last block of every section in one pass (40,000 sections stay linear)
    spans: dict[int, list[int]] = {}
    for b in blocks:
        spans.setdefault(b.section, [b.block, b.block])[1] = b.block
    for sec in sections:
        first, last = spans.get(sec.index, [blocks[-1].block if blocks else 1] * 2)
        sec.first_block, sec.last_block = first, last
    _attach_headers(sections, sectprs, pkg, rels, styles)
    parts = {id(hp): hp for sec in sections for hp in (*sec.headers.values(), *sec.footers.values()) if hp}
    bad = _bad_values(body, _body_locator(children, blocks, sections, sectprs)) + styles.bad_values
    bad += [b for hp in parts.values() for b in hp.bad_values]
    return Document(path=path, blocks=blocks, tables=tables, sections=sections, empty_cells=empty,
                    bad_values=bad)


def _body_locator(children: list, blocks: list, sections: list[Section], sectprs: list):
    """Where an element of the body is, in words: its paragraph, table or section."""
    top = {el: b for el, b in zip(children, blocks)}
    section_of = {sp: sec for sp, sec in zip(sectprs, sections) if sp is not None}

    def locate(el: etree._Element) -> tuple[str, str, int]:
        node = el
        while node is not None:
            if node in section_of and node.getparent() is not None and node.getparent().tag == w("body"):
                sec = section_of[node]
                return (*place("section", n=sec.index + 1), sec.first_block)
            if node in top:
                b = top[node]
                if isinstance(b, Table):
                    return (*place("table", n=b.index), b.block)
                return b.where_vi, b.where_en, b.block
            node = node.getparent()
        return "", "", 1
    return locate


def _body_children(body: etree._Element):
    """Top-level paragraphs and tables, looking through content controls and revisions."""
    for ch in body:
        if ch.tag in (w("p"), w("tbl")):
            yield ch
        elif ch.tag in (w("sdt"), w("customXml"), w("ins"), w("moveTo")):
            content = ch.find(w("sdtContent")) if ch.tag == w("sdt") else ch
            if content is not None:
                yield from _body_children(content)


def _set_section(b: Paragraph | Table, index: int) -> None:
    b.section = index
    if isinstance(b, Table):
        for p in b.paragraphs:
            p.section = index

