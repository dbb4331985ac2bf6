"""Other producers draw rules and place numbers differently: accepted when right, caught when wrong."""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import qn

from tdkt_dsl.verify import verify_path
from verify_fixtures import _border as border, build_plan

VML_LINE = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
    '<v:line from="0,0" to="{length},0" strokeweight="1pt"/></w:pict></w:r>')


def _codes(tmp_path, plan):
    return sorted({d.code for d in verify_path(plan.save(tmp_path / "p.docx"))})


def _vml_rule(plan, length: str):
    """Replace the bordered Tiêu ngữ rule with an empty paragraph holding a drawn VML line."""
    p = plan.handles["tn_rule"]
    p._p.pPr.remove(p._p.pPr.find(qn("w:pBdr")))
    p._p.append(parse_xml(VML_LINE.format(length=length)))


def test_drawn_vml_line_is_a_real_rule(tmp_path):
    plan = build_plan()
    _vml_rule(plan, "159pt")  # ≈ 56 mm, the Tiêu ngữ at 13 pt bold
    assert _codes(tmp_path, plan) == []


def test_drawn_line_too_short(tmp_path):
    plan = build_plan()
    _vml_rule(plan, "40pt")
    assert _codes(tmp_path, plan) == ["V303"]


def test_border_on_text_paragraph_is_accepted(tmp_path):
    # some offices put the bottom border on the agency line itself, with indents
    plan = build_plan()
    agency = plan.handles["agency"]
    rule_p = agency._p.getnext()
    rule_p.getparent().remove(rule_p)
    border(agency, "bottom")
    ind = agency.paragraph_format
    from docx.shared import Twips
    ind.left_indent = ind.right_indent = Twips(1000)
    assert _codes(tmp_path, plan) == []


def test_page_number_in_footer(tmp_path):
    plan = build_plan()
    sec = plan.doc.sections[0]
    footer_p = sec.footer.paragraphs[0]
    header_p = sec.header.paragraphs[0]
    for r in list(header_p._p.findall(qn("w:r"))):
        footer_p._p.append(r)
    assert _codes(tmp_path, plan) == ["V602", "V603"]


def test_appendix_without_its_own_section(tmp_path):
    plan = build_plan()
    # drop the section break: the appendix now runs on inside the plan's only section
    brk = next(p for p in plan.doc.element.body.iter(qn("w:p"))
               if p.pPr is not None and p.pPr.find(qn("w:sectPr")) is not None)
    brk.getparent().remove(brk)
    assert "V701" in _codes(tmp_path, plan)


def test_header_as_plain_paragraphs(tmp_path):
    """No header table at all: landmarks are still found by their text."""
    from docx import Document
    d = Document()
    for t in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
              "Số: 05/KH-PGDĐT", "Long Biên, ngày 15 tháng 02 năm 2023", "KẾ HOẠCH", "Công tác"):
        d.add_paragraph(t)
    path = tmp_path / "plain.docx"
    d.save(str(path))
    codes = {x.code for x in verify_path(str(path))}
    assert "V201" not in codes and "V202" not in codes and "V205" not in codes
    assert {"V207", "V208", "V110"} <= codes
