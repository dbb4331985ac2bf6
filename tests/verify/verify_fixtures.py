"""Build, with python-docx, a plan laid out by hand the way a clerk does it in Word.

`build_plan()` returns a `Plan`: the python-docx Document and handles on the parts tests break
(the rule under the Tiêu ngữ, the body paragraphs, the appendix table …). It is deliberately not
the project's renderer: `tdkt verify` must accept any producer's correct file.
Header sizes use the decree's 12/13/13 pairing so the Quốc hiệu fits its column; body 14 pt.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, Twips

TEXT_WIDTH = 9354  # A4 210 mm - 30 - 15, in twips
FONT = "Times New Roman"


@dataclass
class Plan:
    doc: object
    handles: dict = field(default_factory=dict)

    def save(self, path) -> str:
        self.doc.save(str(path))
        return str(path)


def _fonts_everywhere(doc) -> None:
    """All four font slots Times New Roman in every style and the defaults; no theme fonts."""
    styles = doc.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    if rpr.find(qn("w:rFonts")) is None:
        rpr.insert(0, OxmlElement("w:rFonts"))
    for rf in styles.iter(qn("w:rFonts")):
        for a in list(rf.attrib):
            del rf.attrib[a]
        for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            rf.set(qn(slot), FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    rpr.append(lang)


def _border(paragraph, side: str = "top") -> None:
    ppr = paragraph._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    el = OxmlElement(f"w:{side}")
    for k, v in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "auto")):
        el.set(qn(f"w:{k}"), v)
    bdr.append(el)
    # schema order: pBdr comes before shd/tabs/spacing/ind/jc…; Word repairs files that break it
    before = {qn(f"w:{t}") for t in ("shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
              "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
              "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
              "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")}
    nxt = next((c for c in ppr if c.tag in before), None)
    if nxt is None:
        ppr.append(bdr)
    else:
        nxt.addprevious(bdr)


def rule(container, length_twips: int, width_twips: int, *, kind: str = "border"):
    """A short centred rule: an empty bordered paragraph with equal indents."""
    p = container.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pf = p.paragraph_format
    # a few points above, or the line cuts through the letters of the line it underlines
    pf.space_before, pf.space_after, pf.line_spacing = Pt(3), Pt(0), 1.0
    if kind == "border":
        side = max(0, (width_twips - length_twips) // 2)
        pf.left_indent = pf.right_indent = Twips(side)
        _border(p, "top")
        p.add_run().font.size = Pt(4)
    elif kind == "underscores":
        p.add_run("_" * 22).font.size = Pt(13)
    return p


def text(container, s: str, size: float, *, bold=False, italic=False, align="center",
         before=0, after=0):
    p = container.add_paragraph()
    p.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                   "both": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    pf = p.paragraph_format
    pf.space_before, pf.space_after, pf.line_spacing = Pt(before), Pt(after), 1.0
    r = p.add_run(s)
    r.font.size, r.font.bold, r.font.italic = Pt(size), bold, italic
    return p


def _fixed_table(doc_or_cell, rows: int, widths: list[int], style=None):
    t = doc_or_cell.add_table(rows=rows, cols=len(widths))
    if style:
        t.style = style
    t.autofit = False
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for col, wdt in zip(t.columns, widths):
        col.width = Twips(wdt)
    for row in t.rows:
        for cell, wdt in zip(row.cells, widths):
            cell.width = Twips(wdt)
            first = cell.paragraphs[0]._p  # start cells empty so add_paragraph controls the look
            first.getparent().remove(first)
    return t


def _page_field(paragraph, size: float) -> None:
    def run(child):
        r = paragraph.add_run()
        r.font.size = Pt(size)
        r._r.append(child)
        return r
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run(sep)
    r = paragraph.add_run("2")
    r.font.size = Pt(size)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run(end)


def _a4(section, landscape=False) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)


BODY = [
    ("I. MỤC ĐÍCH, YÊU CẦU", True),
    ("1. Mục đích", True),
    ("Thực hiện Kế hoạch số 4626/KH-SGDĐT ngày 19/12/2022 của Sở Giáo dục và Đào tạo Hà Nội "
     "về công tác thi đua, khen thưởng năm 2023, nhà trường xây dựng kế hoạch như sau.", False),
    ("Phát huy tinh thần thi đua yêu nước, động viên cán bộ, giáo viên, nhân viên và học sinh "
     "hoàn thành xuất sắc nhiệm vụ năm học; kịp thời biểu dương, khen thưởng những tập thể, cá nhân "
     "có thành tích tiêu biểu.", False),
    ("2. Yêu cầu", True),
    ("Công tác thi đua, khen thưởng bảo đảm công khai, dân chủ, chính xác, kịp thời; đúng quy định "
     "của Luật Thi đua, khen thưởng và các văn bản hướng dẫn.", False),
    ("II. NỘI DUNG THI ĐUA", True),
    ("Các tập thể, cá nhân đăng ký danh hiệu thi đua ngay từ đầu năm học và tổ chức thực hiện "
     "theo các tiêu chí tại Phụ lục kèm theo Kế hoạch này.", False),
]


def build_plan(*, number: str = "05", symbol: str = "KH-THCSLB", day: str = "15",
               month: str = "02", year: str = "2023", caption_number: str | None = None,
               tn_rule: str = "border") -> Plan:
    doc = Document()
    _fonts_everywhere(doc)
    h: dict = {}
    sec = doc.sections[0]
    _a4(sec)

    # -- header block: borderless two-column table ------------------------------------------
    left_w, right_w = 3911, TEXT_WIDTH - 3911
    ht = _fixed_table(doc, 2, [left_w, right_w])
    left, right = ht.cell(0, 0), ht.cell(0, 1)
    text(left, "UBND PHƯỜNG LONG BIÊN", 13)
    agency = text(left, "TRƯỜNG THCS LONG BIÊN", 13, bold=True)
    rule(left, int(0.42 * 3446), left_w - 216)  # ~42 % of the agency line
    h["qh"] = text(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    h["tn"] = text(right, "Độc lập - Tự do - Hạnh phúc", 13, bold=True)
    if tn_rule != "none":
        h["tn_rule"] = rule(right, 3171, right_w - 216, kind=tn_rule)  # as long as the Tiêu ngữ
    h["agency"] = agency
    h["number"] = text(ht.cell(1, 0), f"Số: {number}/{symbol}", 13, before=6)
    h["date"] = text(ht.cell(1, 1), f"Long Biên, ngày {day} tháng {month} năm {year}", 13,
                     italic=True, before=6)
    h["header_table"] = ht

    # -- type, title, body ------------------------------------------------------------------
    text(doc, "KẾ HOẠCH", 14, bold=True, before=18)
    h["title"] = text(doc, "Công tác thi đua, khen thưởng năm học 2023", 14, bold=True)
    rule(doc, int(0.4 * 5344), TEXT_WIDTH)
    h["body"] = []
    for s, bold in BODY:
        p = text(doc, s, 14, bold=bold, align="both", before=0, after=6)
        p.paragraph_format.first_line_indent = Cm(1.27)
        p.paragraph_format.line_spacing = 1.15
        h["body"].append(p)

    # -- recipients and signature -----------------------------------------------------------
    ct = _fixed_table(doc, 1, [4536, TEXT_WIDTH - 4536])
    nn, sig = ct.cell(0, 0), ct.cell(0, 1)
    h["noi_nhan"] = text(nn, "Nơi nhận:", 12, bold=True, italic=True, align="left", before=12)
    for line in ("- Phòng GD&ĐT quận Long Biên;", "- Ban Giám hiệu;", "- Lưu: VT, TĐKT."):
        text(nn, line, 11, align="left")
    text(sig, "KT. HIỆU TRƯỞNG", 14, bold=True, before=12)
    text(sig, "PHÓ HIỆU TRƯỞNG", 14, bold=True)
    for _ in range(3):
        text(sig, "", 14)
    text(sig, "Nguyễn Văn An", 14, bold=True)
    h["closing_table"] = ct

    # -- page numbers: none on page 1, centred PAGE above later pages -----------------------
    sec.different_first_page_header_footer = True
    sec.first_page_header.is_linked_to_previous = False
    hp = sec.header.paragraphs[0]
    hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(hp, 14)

    # -- landscape appendix in its own section, numbered from 1 -----------------------------
    app = doc.add_section(WD_SECTION.NEW_PAGE)
    _a4(app, landscape=True)
    app.different_first_page_header_footer = False  # add_section copied titlePg
    num = app._sectPr.get_or_add_pgNumType() if hasattr(app._sectPr, "get_or_add_pgNumType") else None
    if num is None:
        num = OxmlElement("w:pgNumType")
        app._sectPr.append(num)
    num.set(qn("w:start"), "1")
    h["appendix_section"] = app
    h["appendix_head"] = text(doc, "Phụ lục", 14, bold=True)
    text(doc, "DANH SÁCH ĐĂNG KÝ DANH HIỆU THI ĐUA NĂM HỌC 2023", 14, bold=True)
    cap_num = caption_number if caption_number is not None else number
    h["caption"] = text(doc, f"(Kèm theo Kế hoạch số {cap_num}/{symbol} ngày "
                             f"{int(day):02d}/{int(month):02d}/{year} của Trường THCS Long Biên)"
                        if day.strip() else
                        f"(Kèm theo Kế hoạch số {cap_num}/{symbol} ngày     /     /{year} "
                        f"của Trường THCS Long Biên)", 14, italic=True)
    rule(doc, 2268, 15874 - 1701 - 850)
    widths = [907, 5103, 4536, 4777]  # sums to the landscape text width (297-30-15 mm)
    at = _fixed_table(doc, 4, widths, style="Table Grid")
    rows = [("TT", "Họ và tên", "Chức vụ", "Danh hiệu đăng ký"),
            ("1", "Nguyễn Thị Bình", "Giáo viên", "Lao động tiên tiến"),
            ("2", "Trần Văn Cường", "Tổ trưởng", "Chiến sĩ thi đua cơ sở"),
            ("3", "Lê Thu Hà", "Nhân viên", "Lao động tiên tiến")]
    for r, values in zip(at.rows, rows):
        trpr = r._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))
        for cell, v in zip(r.cells, values):
            text(cell, v, 13, bold=r is at.rows[0], align="center" if r is at.rows[0] else "left")
    at.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    h["appendix_table"] = at
    return Plan(doc, h)
