"""`tdkt verify`: a correct hand-made plan passes; each planted defect gives exactly its code."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from tdkt_dsl.diagnostics import Severity
from tdkt_dsl.verify import NotADocx, cli_verify, verify_path
from verify_fixtures import build_plan


def codes_of(diags) -> list[str]:
    return sorted({d.code for d in diags})


def verify_plan(tmp_path, plan, name="plan.docx"):
    return verify_path(plan.save(tmp_path / name))


def test_good_plan_has_no_findings(tmp_path):
    diags = verify_plan(tmp_path, build_plan())
    assert [d.message() for d in diags] == []


# -- planted defects: (builder options, mutation) → the one expected code -----------------------

def wrong_margin(p):
    p.doc.sections[0].left_margin = Mm(25)


def arial_run(p):
    p.handles["body"][3].runs[0].font.name = "Arial"


def east_asia_missing(p):
    for rf in p.doc.styles.element.iter(qn("w:rFonts")):
        rf.attrib.pop(qn("w:eastAsia"), None)


def body_12pt(p):
    for para in p.handles["body"]:
        for r in para.runs:
            r.font.size = Pt(12)


def remove_tn_rule(p):
    el = p.handles["tn_rule"]._p
    el.getparent().remove(el)


def drop_tbl_grid(p):
    tbl = p.handles["appendix_table"]._tbl
    tbl.remove(tbl.find(qn("w:tblGrid")))


def empty_cell(p):
    tc = p.handles["appendix_table"].cell(2, 3)._tc
    for child in tc.findall(qn("w:p")):
        tc.remove(child)


def no_title_pg(p):
    p.doc.sections[0].different_first_page_header_footer = False


def no_page_restart(p):
    sect = p.handles["appendix_section"]._sectPr
    sect.remove(sect.find(qn("w:pgNumType")))


def no_header_repeat(p):
    trpr = p.handles["appendix_table"].rows[0]._tr.trPr
    trpr.remove(trpr.find(qn("w:tblHeader")))


def rows_split(p):
    for row in p.handles["appendix_table"].rows[1:]:
        trpr = row._tr.trPr
        trpr.remove(trpr.find(qn("w:cantSplit")))


def quoc_hieu_hoa(p):
    p.handles["qh"].runs[0].text = "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def tieu_ngu_not_bold(p):
    p.handles["tn"].runs[0].font.bold = False


def date_upright(p):
    p.handles["date"].runs[0].font.italic = False


def body_centered(p):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    p.handles["body"][2].alignment = WD_ALIGN_PARAGRAPH.CENTER


def no_indent(p):
    p.handles["body"][2].paragraph_format.first_line_indent = None


def no_spacing(p):
    for para in p.handles["body"]:
        para.paragraph_format.space_after = Pt(0)


def double_spacing(p):
    p.handles["body"][2].paragraph_format.line_spacing = 2.0


def noi_nhan_upright(p):
    p.handles["noi_nhan"].runs[0].font.italic = False


def orient_mismatch(p):
    p.handles["appendix_section"]._sectPr.find(qn("w:pgSz")).attrib.pop(qn("w:orient"))


def red_text(p):
    from docx.shared import RGBColor
    p.handles["body"][2].runs[0].font.color.rgb = RGBColor(0xC0, 0, 0)


CASES = [
    ("V102", {}, wrong_margin),
    ("V110", {}, arial_run),
    ("V110", {}, east_asia_missing),
    ("V111", {}, red_text),
    ("V405", {}, body_12pt),
    ("V203", {"day": "6", "month": "1"}, None),
    ("V203", {"day": "15", "month": "05"}, None),
    ("V205", {"number": "5"}, None),
    ("V205", {"symbol": "KH - THCSLB"}, None),
    ("V301", {"tn_rule": "none"}, None),
    ("V301", {}, remove_tn_rule),
    ("V302", {"tn_rule": "underscores"}, None),
    ("V703", {"caption_number": "07"}, None),
    ("V901", {}, drop_tbl_grid),
    ("V902", {}, empty_cell),
    ("V601", {}, no_title_pg),
    ("V702", {}, no_page_restart),
    ("V705", {}, no_header_repeat),
    ("V706", {}, rows_split),
    ("V201", {}, quoc_hieu_hoa),
    ("V208", {}, tieu_ngu_not_bold),
    ("V214", {}, date_upright),
    ("V401", {}, body_centered),
    ("V402", {}, no_indent),
    ("V403", {}, no_spacing),
    ("V404", {}, double_spacing),
    ("V501", {}, noi_nhan_upright),
    ("V903", {}, orient_mismatch),
]


@pytest.mark.parametrize("code,opts,mutate", CASES,
                         ids=[f"{c}-{m.__name__ if m else next(iter(o))}" for c, o, m in CASES])
def test_planted_defect(tmp_path, code, opts, mutate):
    plan = build_plan(**opts)
    if mutate:
        mutate(plan)
    diags = verify_plan(tmp_path, plan)
    assert codes_of(diags) == [code], [f"{d.code}: {d.message()}" for d in diags]
    d = diags[0]
    for key in ("quote", "expected", "found"):
        assert key in d.params
    assert d.span.detached and d.span.label("vi") and d.span.label("en")  # `đoạn 5`, `bảng 1, hàng 2`


def test_grouped_findings_collapse(tmp_path):
    # twelve 12 pt paragraphs are one finding with a count, not a flood
    plan = build_plan()
    body_12pt(plan)
    diags = verify_plan(tmp_path, plan)
    assert len(diags) == 1 and diags[0].params["count"] == len(plan.handles["body"])
    assert "khác" in diags[0].message("vi") and "more" in diags[0].message("en")


def test_date_leading_zero_message(tmp_path, capsys):
    path = build_plan(day="6", month="1").save(tmp_path / "kh.docx")
    assert cli_verify(path) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{path}:bảng 1, hàng 2, ô 2: lỗi[V203 date-leading-zero]: ")
    assert "cần: ngày 06 tháng 01 năm 2023; thấy: ngày 6 tháng 1 năm 2023" in out[0]
    assert out[-1].endswith("1 lỗi, 0 cảnh báo, 0 ghi chú")


def test_draft_blanks_are_notes(tmp_path, capsys):
    plan = build_plan(number="     ", day="     ", month="     ", year="2024", caption_number="     ")
    diags = verify_plan(tmp_path, plan)
    assert codes_of(diags) == ["V206"] and all(d.level is Severity.INFO for d in diags)
    assert len(diags) == 2  # number and date
    assert cli_verify(str(tmp_path / "plan.docx")) == 0  # notes do not fail the check


def test_json_output(tmp_path, capsys):
    path = build_plan(caption_number="07").save(tmp_path / "kh.docx")
    assert cli_verify(path, fmt="json", lang="en") == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False and data["file"] == path
    (item,) = data["diagnostics"]
    assert item["code"] == "V703" and item["name"] == "appendix-caption"
    assert item["expected"] == "05/KH-THCSLB ngày 15/02/2023" and item["found"].startswith("07/")
    assert item["where"].startswith("paragraph ")


def test_clean_exit_and_summary(tmp_path, capsys):
    path = build_plan().save(tmp_path / "ok.docx")
    assert cli_verify(path, lang="en") == 0
    assert "conforms" in capsys.readouterr().out


def test_not_a_plan_does_not_crash(tmp_path):
    from docx import Document
    d = Document()
    d.add_paragraph("Biên bản họp tổ chuyên môn")
    d.add_table(rows=1, cols=2)
    path = tmp_path / "other.docx"
    d.save(str(path))
    found = codes_of(verify_path(str(path)))
    assert {"V201", "V202", "V211"} <= set(found)


# -- unreadable input -----------------------------------------------------------------------

def _zip(path, entries: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return str(path)


def unreadable_inputs(tmp_path):
    (tmp_path / "plain.docx").write_text("không phải zip")
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<a/>" + b" " * (30 * 2**20))  # 30 MB of spaces, ~30 kB
    return {
        "missing": str(tmp_path / "nope.docx"),
        "not-zip": str(tmp_path / "plain.docx"),
        "no-document": _zip(tmp_path / "empty.docx", {"hello.txt": b"hi"}),
        "corrupt-xml": _zip(tmp_path / "bad.docx", {"word/document.xml": b"<w:document"}),
        "entities": _zip(tmp_path / "xxe.docx", {"word/document.xml": (
            b'<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            b'<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')}),
        "zip-bomb": str(bomb),
    }


@pytest.mark.parametrize("kind", ["missing", "not-zip", "no-document", "corrupt-xml", "zip-bomb"])
def test_unreadable_is_not_a_docx(tmp_path, capsys, kind):
    path = unreadable_inputs(tmp_path)[kind]
    with pytest.raises(NotADocx) as exc:
        verify_path(path)
    assert exc.value.message_vi and exc.value.message_en
    assert cli_verify(path) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err and path in lines[0]


def test_external_entities_are_never_resolved(tmp_path):
    path = unreadable_inputs(tmp_path)["entities"]
    out = io.StringIO()
    cli_verify(path, out=out, err=out)
    assert "root:" not in out.getvalue()


def test_mangled_documents_never_crash(tmp_path):
    """Delete random elements of a good plan: findings or NotADocx, never an exception."""
    import random

    from lxml import etree

    src = build_plan().save(tmp_path / "good.docx")
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    rng = random.Random(30)
    for i in range(25):
        root = etree.fromstring(parts["word/document.xml"])
        elements = list(root.iter())[2:]
        for el in rng.sample(elements, 12):
            if el.getparent() is not None:
                el.getparent().remove(el)
        path = _zip(tmp_path / f"m{i}.docx", {**parts, "word/document.xml": etree.tostring(root)})
        try:
            verify_path(path)
        except NotADocx:
            pass


# -- accepted variants: other correct ways of writing the same plan ------------------------------

def caption_long_date(p):
    p.handles["caption"].runs[0].text = (
        "(Kèm theo Kế hoạch số 05/KH-THCSLB ngày 15 tháng 02 năm 2023 của Trường THCS Long Biên)")


def heading_upper_roman(p):
    p.handles["appendix_head"].runs[0].text = "PHỤ LỤC I"


def indent_1cm_exact_spacing(p):
    from docx.shared import Cm
    for para in p.handles["body"]:
        para.paragraph_format.first_line_indent = Cm(1)
        para.paragraph_format.line_spacing = Pt(18)


def landscape_rotated_margins(p):
    s = p.handles["appendix_section"]
    s.top_margin, s.bottom_margin, s.left_margin, s.right_margin = Mm(30), Mm(15), Mm(20), Mm(20)


@pytest.mark.parametrize("opts,mutate", [
    ({}, caption_long_date), ({}, heading_upper_roman), ({}, indent_1cm_exact_spacing),
    ({}, landscape_rotated_margins), ({"month": "5", "day": "09"}, None),
], ids=["caption-long-date", "PHU-LUC-I", "indent-1cm", "rotated-margins", "month-5"])
def test_accepted_variants(tmp_path, opts, mutate):
    plan = build_plan(**opts)
    if mutate:
        mutate(plan)
    assert [d.message() for d in verify_plan(tmp_path, plan)] == []
