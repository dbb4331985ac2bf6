"""Every V code has a planted defect: a correct hand-made plan (verify_fixtures.build_plan, which
`test_good_plan_has_no_findings` shows is clean) changed in one place so that exactly that rule
fires. The defects of tests/verify/test_verify.py::CASES cover the other codes; the meta-test
tests/test_catalogue.py asks that the two tables together name every V code."""

from __future__ import annotations

import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from tdkt_dsl.verify import verify_path
from verify_fixtures import build_plan


def _para(plan, start: str):
    """The first paragraph (body or table cell) whose text starts with ``start``."""
    from docx.text.paragraph import Paragraph

    for p in plan.doc.element.body.iter(qn("w:p")):
        para = Paragraph(p, plan.doc)
        if para.text.startswith(start):
            return para
    raise LookupError(start)


def letter_paper(plan):
    plan.doc.sections[0].page_width = Mm(216)
    plan.doc.sections[0].page_height = Mm(279)


def starts_landscape(plan):
    s = plan.doc.sections[0]
    s.orientation = WD_ORIENT.LANDSCAPE
    s.page_width, s.page_height = s.page_height, s.page_width
    s.top_margin = s.bottom_margin = Mm(20)  # the portrait margins turned with the page
    s.left_margin, s.right_margin = Mm(30), Mm(15)


def tieu_ngu_en_dashes(plan):
    plan.handles["tn"].runs[0].text = "Độc lập – Tự do – Hạnh phúc"


def date_without_comma(plan):
    plan.handles["date"].runs[0].text = "Long Biên ngày 15 tháng 02 năm 2023"


def quoc_hieu_not_bold(plan):
    plan.handles["qh"].runs[0].font.bold = False


def sizes_of_two_pairings(plan):
    # Quốc hiệu 12 (pairing 12/13/13) with Tiêu ngữ and date at 14 (pairing 13/14/14)
    for key in ("tn", "date"):
        plan.handles[key].runs[0].font.size = Pt(14)


def agency_not_bold(plan):
    plan.handles["agency"].runs[0].font.bold = False


def document_type_not_bold(plan):
    _para(plan, "KẾ HOẠCH").runs[0].font.bold = False


def title_not_bold(plan):
    plan.handles["title"].runs[0].font.bold = False


def number_in_italics(plan):
    plan.handles["number"].runs[0].font.italic = True


def one_body_paragraph_at_13(plan):
    for r in plan.handles["body"][3].runs:
        r.font.size = Pt(13)


def recipient_without_semicolon(plan):
    _para(plan, "- Ban Giám hiệu").runs[0].text = "- Ban Giám hiệu"


def archive_without_full_stop(plan):
    _para(plan, "- Lưu: VT").runs[0].text = "- Lưu: VT, TĐKT"


def signer_name_not_bold(plan):
    _para(plan, "Nguyễn Văn An").runs[0].font.bold = False


def page_number_in_footer(plan):
    sec = plan.doc.sections[0]
    for r in list(sec.header.paragraphs[0]._p.findall(qn("w:r"))):
        sec.footer.paragraphs[0]._p.append(r)


def page_number_at_10pt(plan):
    for r in plan.doc.sections[0].header.paragraphs[0].runs:
        r.font.size = Pt(10)


def appendix_in_the_plans_section(plan):
    brk = next(p for p in plan.doc.element.body.iter(qn("w:p"))
               if p.pPr is not None and p.pPr.find(qn("w:sectPr")) is not None)
    brk.getparent().remove(brk)


def caption_upright(plan):
    plan.handles["caption"].runs[0].font.italic = False


def appendix_heading_not_bold(plan):
    plan.handles["appendix_head"].runs[0].font.bold = False


def short_tieu_ngu_rule(plan):
    from docx.oxml import parse_xml

    p = plan.handles["tn_rule"]
    p._p.pPr.remove(p._p.pPr.find(qn("w:pBdr")))
    p._p.append(parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
        '<v:line from="0,0" to="40pt,0" strokeweight="1pt"/></w:pict></w:r>'))


def spacing_overflows(plan):
    # w:before="1e400" (issue 9: an internal error once): read as absent and reported where it is
    plan.handles["qh"]._p.get_or_add_pPr().get_or_add_spacing().set(qn("w:before"), "1e400")


DRAFT = {"number": "     ", "day": "     ", "month": "     ", "year": "2024", "caption_number": "     "}

# code → (build_plan options, mutation, the other codes the same defect necessarily brings)
CASES = [
    ("V101", {}, letter_paper, set()),
    ("V103", {}, starts_landscape, {"V303"}),  # the title rule drawn for portrait measures wrong
    ("V202", {}, tieu_ngu_en_dashes, set()),
    ("V204", {}, date_without_comma, set()),
    ("V206", DRAFT, None, set()),
    ("V207", {}, quoc_hieu_not_bold, set()),
    ("V209", {}, sizes_of_two_pairings, set()),
    ("V210", {}, agency_not_bold, set()),
    ("V211", {}, document_type_not_bold, set()),
    ("V212", {}, title_not_bold, set()),
    ("V213", {}, number_in_italics, set()),
    ("V303", {}, short_tieu_ngu_rule, set()),
    ("V406", {}, one_body_paragraph_at_13, set()),
    ("V502", {}, recipient_without_semicolon, set()),
    ("V503", {}, archive_without_full_stop, set()),
    ("V504", {}, signer_name_not_bold, set()),
    ("V602", {}, page_number_in_footer, {"V603"}),
    ("V603", {}, page_number_at_10pt, set()),
    ("V701", {}, appendix_in_the_plans_section, None),
    ("V704", {}, caption_upright, set()),
    ("V707", {}, appendix_heading_not_bold, set()),
    ("V904", {}, spacing_overflows, set()),
]


@pytest.mark.parametrize("code,opts,mutate,also", CASES,
                         ids=[f"{c}-{m.__name__ if m else 'options'}" for c, _, m, _ in CASES])
def test_planted_defect_fires_its_code(tmp_path, code, opts, mutate, also):
    plan = build_plan(**opts)
    if mutate:
        mutate(plan)
    diags = verify_path(plan.save(tmp_path / "plan.docx"))
    got = {d.code for d in diags}
    assert code in got, [f"{d.code}: {d.message('en')}" for d in diags]
    if also is not None:  # None: removing the section break moves everything after it
        assert got == {code} | also, [f"{d.code}: {d.message('en')}" for d in diags]
    for d in diags:
        for lang in ("vi", "en"):
            assert "{" not in d.message(lang), d.message(lang)
