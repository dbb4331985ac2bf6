"""The DOCX writer (tdkt_dsl/render/docx.py) against nd30.md: text, package rules, sections."""

from __future__ import annotations

from pathlib import Path

import pytest

from tdkt_dsl.compiler import compile_path, compile_text
from tdkt_dsl.render.docx import (FONT, LANDSCAPE, PORTRAIT, DocxWriter, render_docx, text_width)
from tdkt_dsl.render.layout import PrintedParagraph, StyledRun, layout
from tdkt_dsl.render.text import paragraphs

from docx_readback import NS, is_data_table, p_text, part, parts, printed_lines, q

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "render-sample.tdkt"


@pytest.fixture(scope="module")
def plan():
    comp = compile_path(str(FIXTURE))
    assert comp.ok and comp.plan is not None, comp.diagnostics
    assert not comp.diagnostics, "the fixture must be clean under `tdkt check`"
    return comp.plan


@pytest.fixture(scope="module")
def data(plan) -> bytes:
    return render_docx(plan)


@pytest.fixture(scope="module")
def doc(data):
    return part(data, "word/document.xml")


# -- (1) the printed text, in order ------------------------------------------------------------

def test_text_in_order_equals_text_writer(plan, data):
    assert printed_lines(data) == paragraphs(layout(plan))


def test_fixture_covers_every_role(plan):
    lay = layout(plan)
    roles = {p.role for p in lay.body} | {p.role for p in lay.recipients} | {p.role for p in lay.signer}
    assert {"preamble", "heading", "body", "bullet", "subbullet", "numbered", "closing", "recipients_label",
            "recipient", "signer_authority", "signer_position", "signer_name"} <= roles
    assert {p.level for p in lay.body if p.role == "heading"} == {1, 2, 3, 4}
    assert lay.parent is not None
    assert [a.landscape for a in lay.appendices] == [True, False]
    # a month timeline: one row per month, the month in its own column, several items in one cell
    month = lay.appendices[1].table
    assert "month" in month.columns and all(r.kind == "task" for r in month.rows)
    assert any(c.more for r in month.rows for c in r.cells)
    assert len(lay.appendices[0].table.columns) == 6


def test_header_table_layout(doc, plan):
    lay = layout(plan)
    tbl = doc.find("w:body/w:tbl", NS)
    cells = tbl.findall("w:tr/w:tc", NS)
    assert len(cells) == 2 and len(tbl.findall("w:tr", NS)) == 1
    left = [p_text(p) for p in cells[0].findall(q("w:p"))]
    right = [p_text(p) for p in cells[1].findall(q("w:p"))]
    assert left == [lay.parent.text, lay.issuer.text, "", lay.number.text]
    assert right == [lay.quoc_hieu.text, lay.tieu_ngu.text, "", lay.date_line.text]
    # no borders, fixed layout
    assert {e.get(q("w:val")) for e in tbl.find("w:tblPr/w:tblBorders", NS)} == {"nil"}
    assert tbl.find("w:tblPr/w:tblLayout", NS).get(q("w:type")) == "fixed"
    # the Quốc hiệu fits its column on one line (no break inside it)
    qh = cells[1].findall(q("w:p"))[0]
    assert qh.find(".//w:br", NS) is None
    width = int(cells[1].find("w:tcPr/w:tcW", NS).get(q("w:w")))
    assert text_width(lay.quoc_hieu.text, 13, True) < width


def _rules(container_el):
    return [p for p in container_el.iter(q("w:p")) if p.find("w:pPr/w:pBdr/w:bottom", NS) is not None]


def test_rules_are_borders_of_empty_paragraphs_with_measured_length(doc, plan):
    lay = layout(plan)
    rules = _rules(doc)
    assert len(rules) == 3 + len(lay.appendices)
    for r in rules:
        assert p_text(r) == "" and "_" not in p_text(r)
        ind = r.find("w:pPr/w:ind", NS)
        left, right = int(ind.get(q("w:left"))), int(ind.get(q("w:right")))
        assert abs(left - right) <= 1
        assert int(r.find("w:pPr/w:spacing", NS).get(q("w:before"))) > 0  # off the letters above
    cells = doc.find("w:body/w:tbl", NS).findall("w:tr/w:tc", NS)

    def length(p, container):
        ind = p.find("w:pPr/w:ind", NS)
        return container - int(ind.get(q("w:left"))) - int(ind.get(q("w:right")))

    lw = int(cells[0].find("w:tcPr/w:tcW", NS).get(q("w:w")))
    rw = int(cells[1].find("w:tcPr/w:tcW", NS).get(q("w:w")))
    issuer_p = cells[0].findall(q("w:p"))[1]
    longest = max(text_width(s, 13, True) for s in _lines_of(issuer_p))
    assert longest / 3 <= length(rules[0], lw) <= longest / 2
    tn = text_width(lay.tieu_ngu.text, 14, True)
    assert abs(length(rules[1], rw) - tn) <= 2
    tw = PORTRAIT.text_width
    title_longest = max(text_width(s, 14, True) for s in _lines_of(rules[2].getprevious()))
    assert title_longest / 3 <= length(rules[2], tw) <= title_longest / 2


def _lines_of(p) -> list[str]:
    """The printed lines of a paragraph (no-break spaces read as spaces)."""
    out, cur = [], ""
    for e in p.iter(q("w:t"), q("w:br"), q("w:noBreakHyphen")):
        if e.tag == q("w:br"):
            out.append(cur)
            cur = ""
        elif e.tag == q("w:noBreakHyphen"):
            cur += "-"
        else:
            cur += (e.text or "").replace("\u00a0", " ")
    return out + [cur]


def test_issuer_broken_in_customary_shape(doc):
    issuer_p = doc.find("w:body/w:tbl", NS).findall("w:tr/w:tc", NS)[0].findall(q("w:p"))[1]
    assert _lines_of(issuer_p) == ["PHÒNG GIÁO DỤC", "VÀ ĐÀO TẠO"]


def test_end_block(doc, plan):
    lay = layout(plan)
    tables = doc.findall("w:body/w:tbl", NS)
    end = tables[1]
    assert not is_data_table(end)
    left, right = end.findall("w:tr/w:tc", NS)
    lps = [p for p in left.findall(q("w:p"))]
    assert [p_text(p) for p in lps] == [p.text for p in lay.recipients]

    def rpr(p, tag):
        return [r.find(f"w:rPr/{tag}", NS) for r in p.findall(q("w:r"))]

    label = lps[0]
    assert all(e is not None and e.get(q("w:val")) == "24" for e in rpr(label, "w:sz"))
    assert all(e is not None for e in rpr(label, "w:b")) and all(e is not None for e in rpr(label, "w:i"))
    for p in lps[1:]:
        assert all(e is not None and e.get(q("w:val")) == "22" for e in rpr(p, "w:sz"))
        assert all(e is None for e in rpr(p, "w:i"))
        assert p.find("w:pPr/w:jc", NS).get(q("w:val")) == "left"
        assert p.find("w:pPr/w:ind", NS).get(q("w:firstLine")) == "0"
    rps = right.findall(q("w:p"))
    texts = [p_text(p) for p in rps]
    assert texts[:2] == ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"]
    assert texts[-1] == "Nguyễn Văn An"
    assert 4 <= texts.count("") <= 5  # room for the signature and seal
    for p in rps:
        assert p.find("w:pPr/w:jc", NS).get(q("w:val")) == "center"
        if p_text(p):
            assert all(e is not None and e.get(q("w:val")) == "28" for e in rpr(p, "w:sz"))
            assert all(e is not None for e in rpr(p, "w:b"))


def test_headings_are_word_heading_styles(doc, data, plan):
    lay = layout(plan)
    heads = [p for p in doc.iter(q("w:p")) if (s := p.find("w:pPr/w:pStyle", NS)) is not None
             and s.get(q("w:val")).startswith("Heading")]
    want = [(f"Heading{p.level}", p.text) for p in lay.body if p.role == "heading"]
    assert [(p.find("w:pPr/w:pStyle", NS).get(q("w:val")), p_text(p)) for p in heads] == want
    styles = part(data, "word/styles.xml")
    looks = {1: (True, False), 2: (True, False), 3: (True, True), 4: (False, True)}
    for lvl, (b, i) in looks.items():
        st = styles.find(f"w:style[@w:styleId='Heading{lvl}']", NS)
        rpr = st.find(q("w:rPr"))
        assert (rpr.find(q("w:b")) is not None) == b
        assert (rpr.find(q("w:i")) is not None) == i
        assert rpr.find(q("w:sz")).get(q("w:val")) == "28"
        assert rpr.find(q("w:color")).get(q("w:val")) == "000000"
        assert st.find("w:pPr/w:outlineLvl", NS).get(q("w:val")) == str(lvl - 1)


def test_body_paragraph_style(data):
    normal = part(data, "word/styles.xml").find("w:style[@w:styleId='Normal']", NS)
    ppr = normal.find(q("w:pPr"))
    assert ppr.find(q("w:jc")).get(q("w:val")) == "both"
    assert ppr.find(q("w:ind")).get(q("w:firstLine")) == "720"
    sp = ppr.find(q("w:spacing"))
    assert int(sp.get(q("w:after"))) >= 120
    assert sp.get(q("w:lineRule")) == "auto" and 240 <= int(sp.get(q("w:line"))) <= 360
    assert normal.find("w:rPr/w:sz", NS).get(q("w:val")) == "28"


def test_inline_bold_italic_kept(doc):
    runs = [(r.find("w:rPr/w:b", NS) is not None, r.find("w:rPr/w:i", NS) is not None,
             "".join(t.text for t in r.iter(q("w:t")))) for r in doc.iter(q("w:r"))]
    assert (True, False, "nhiệm vụ trọng tâm") in runs
    assert (False, True, "điển hình tiên tiến") in runs


# -- (2) package rules ----------------------------------------------------------------------

def test_tables_have_grids_matching_cell_widths(doc):
    tables = list(doc.iter(q("w:tbl")))
    assert len(tables) == 4
    for tbl in tables:
        cols = [int(g.get(q("w:w"))) for g in tbl.findall("w:tblGrid/w:gridCol", NS)]
        assert cols
        assert tbl.find("w:tblPr/w:tblLayout", NS).get(q("w:type")) == "fixed"
        assert int(tbl.find("w:tblPr/w:tblW", NS).get(q("w:w"))) == sum(cols)
        for tr in tbl.findall(q("w:tr")):
            tcs = tr.findall(q("w:tc"))
            spans = [int(tc.find("w:tcPr/w:gridSpan", NS).get(q("w:val")))
                     if tc.find("w:tcPr/w:gridSpan", NS) is not None else 1 for tc in tcs]
            assert sum(spans) == len(cols)
            widths = [int(tc.find("w:tcPr/w:tcW", NS).get(q("w:w"))) for tc in tcs]
            assert abs(sum(widths) - sum(cols)) <= 1
            k = 0
            for tc, span, w in zip(tcs, spans, widths):
                assert abs(w - sum(cols[k:k + span])) <= 1
                k += span
    for tc in doc.iter(q("w:tc")):
        assert tc.find(q("w:p")) is not None


def test_tables_fill_the_text_width_of_their_section(doc):
    tables = doc.findall("w:body/w:tbl", NS)
    widths = [sum(int(g.get(q("w:w"))) for g in t.findall("w:tblGrid/w:gridCol", NS)) for t in tables]
    assert widths == [PORTRAIT.text_width, PORTRAIT.text_width, LANDSCAPE.text_width, PORTRAIT.text_width]


def test_appendix_tables(doc, plan):
    lay = layout(plan)
    data_tables = [t for t in doc.findall("w:body/w:tbl", NS) if is_data_table(t)]
    assert len(data_tables) == 2
    for tbl, a in zip(data_tables, lay.appendices):
        rows = tbl.findall(q("w:tr"))
        assert len(rows) == 1 + len(a.table.rows)
        assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
        for r in rows[1:]:
            assert r.find("w:trPr/w:tblHeader", NS) is None
        for r in rows:
            assert r.find("w:trPr/w:cantSplit", NS) is not None
        for tc in rows[0].findall(q("w:tc")):
            p = tc.find(q("w:p"))
            assert p.find("w:pPr/w:jc", NS).get(q("w:val")) == "center"
            assert all(r.find("w:rPr/w:b", NS) is not None for r in p.findall(q("w:r")))
        borders = tbl.find("w:tblPr/w:tblBorders", NS)
        assert {e.get(q("w:val")) for e in borders} == {"single"} and len(borders) == 6
        cols = a.table.columns
        for row, tr in zip(a.table.rows, rows[1:]):
            tcs = tr.findall(q("w:tc"))
            if row.kind == "month":
                assert len(tcs) == 1
                assert tcs[0].find("w:tcPr/w:gridSpan", NS).get(q("w:val")) == str(len(cols))
                assert all(r.find("w:rPr/w:b", NS) is not None for r in tcs[0].iter(q("w:r")))
                continue
            for kind, tc in zip(cols, tcs):
                jc = tc.find("w:p/w:pPr/w:jc", NS)
                if kind in ("no", "month", "deadline"):
                    assert jc is not None and jc.get(q("w:val")) == "center"
                else:
                    assert jc is None  # left, from the Table Text style
                ind = tc.find("w:p/w:pPr/w:ind", NS)
                assert ind is None  # style: first line 0
    tt = part_styles_table_text()
    assert tt.find("w:pPr/w:ind", NS).get(q("w:firstLine")) == "0"


def part_styles_table_text():
    comp = compile_path(str(FIXTURE))
    return part(render_docx(comp.plan), "word/styles.xml").find("w:style[@w:styleId='TableText']", NS)


FOUR = ("ascii", "hAnsi", "eastAsia", "cs")


def _fonts_ok(rf) -> bool:
    return (all(rf.get(q(f"w:{s}")) == FONT for s in FOUR)
            and not any(k.endswith("Theme") or k.endswith("theme") for k in rf.attrib))


def test_fonts_times_new_roman_in_all_slots(data):
    styles = part(data, "word/styles.xml")
    dd = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert _fonts_ok(dd.find(q("w:rFonts")))
    lang = dd.find(q("w:lang"))
    assert {lang.get(q(f"w:{k}")) for k in ("val", "eastAsia", "bidi")} == {"vi-VN"}
    assert dd.find(q("w:color")).get(q("w:val")) == "000000"
    for st in styles.findall(q("w:style")):
        rf = st.find("w:rPr/w:rFonts", NS)
        assert rf is not None and _fonts_ok(rf), st.get(q("w:styleId"))
        c = st.find("w:rPr/w:color", NS)
        assert c is None or c.get(q("w:val")) == "000000"
    # runs never override the fonts with something else; every used style exists
    style_ids = {st.get(q("w:styleId")) for st in styles.findall(q("w:style"))}
    for name in parts(data):
        if name.startswith("word/") and name.endswith(".xml") and ("document" in name or "header" in name):
            root = part(data, name)
            for rf in root.iter(q("w:rFonts")):
                assert _fonts_ok(rf)
            for c in root.iter(q("w:color")):
                assert c.get(q("w:val")) in ("000000", "auto")
            for ps in root.iter(q("w:pStyle")):
                assert ps.get(q("w:val")) in style_ids


# -- (3) sections -------------------------------------------------------------------------

def _mm(twips: str) -> float:
    return int(twips) / (1440 / 25.4)


def test_sections(doc, plan):
    secs = sections_in_order(doc)
    assert len(secs) == 1 + len(plan.appendices)
    for s in secs:
        sz, mar = s.find(q("w:pgSz")), s.find(q("w:pgMar"))
        assert sz is not None and mar is not None
        w, h = int(sz.get(q("w:w"))), int(sz.get(q("w:h")))
        assert {w, h} == {11906, 16838}
        assert (sz.get(q("w:orient")) == "landscape") == (w > h)
        m = {k: _mm(mar.get(q(f"w:{k}"))) for k in ("top", "bottom", "left", "right")}
        assert 20 <= round(m["top"], 1) <= 25 and 20 <= round(m["bottom"], 1) <= 25
        assert 30 <= round(m["left"], 1) <= 35 and 15 <= round(m["right"], 1) <= 20
        assert int(mar.get(q("w:header"))) < int(mar.get(q("w:top")))
    main, app1, app2 = secs
    assert main.find(q("w:titlePg")) is not None
    assert int(main.find("w:pgSz", NS).get(q("w:w"))) == 11906
    assert main.find("w:pgNumType", NS) is None or main.find("w:pgNumType", NS).get(q("w:start")) is None
    refs = {r.get(q("w:type")) for r in main.findall(q("w:headerReference"))}
    assert refs == {"default", "first"}
    for s in (app1, app2):
        assert s.find("w:pgNumType", NS).get(q("w:start")) == "1"
        assert s.find("w:type", NS).get(q("w:val")) == "nextPage"
        assert s.find(q("w:titlePg")) is None  # the appendix's first page shows its number
    assert app1.find("w:pgSz", NS).get(q("w:orient")) == "landscape"
    assert int(app1.find("w:pgSz", NS).get(q("w:w"))) == 16838
    assert app2.find("w:pgSz", NS).get(q("w:orient")) is None
    # a section-break paragraph carries no text
    for s in secs[:-1]:
        assert p_text(s.getparent().getparent()) == ""


def sections_in_order(doc):
    return [e for e in doc.iter(q("w:sectPr"))]


def test_page_number_header(data, doc):
    main = sections_in_order(doc)[0]
    rels = part(data, "word/_rels/document.xml.rels")
    target = {r.get("Id"): r.get("Target") for r in rels}
    hdr = {r.get(q("w:type")): target[r.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")]
           for r in main.findall(q("w:headerReference"))}
    default = part(data, "word/" + hdr["default"])
    instr = "".join(t.text for t in default.iter(q("w:instrText")))
    assert instr.strip() == "PAGE"
    p = default.find(q("w:p"))
    first = part(data, "word/" + hdr["first"])
    assert "".join(t.text or "" for t in first.iter(q("w:t"))) == ""
    assert not list(first.iter(q("w:instrText"))) and not list(first.iter(q("w:fldSimple")))
    styles = part(data, "word/styles.xml")
    hs = styles.find("w:style[@w:styleId='Header']", NS)
    assert hs.find("w:pPr/w:jc", NS).get(q("w:val")) == "center"
    sizes = {e.get(q("w:val")) for e in p.iter(q("w:sz"))}
    assert sizes == {"28"}


def test_core_properties_and_reproducible(plan, data):
    core = part(data, "docProps/core.xml")
    text = {e.tag.split("}")[1]: e.text for e in core}
    assert text["title"] == layout(plan).title.text
    assert text["language"] == "vi-VN"
    assert render_docx(plan) == data  # same plan, same bytes


# -- dispatch, performance --------------------------------------------------------------------

def test_unknown_role_raises(plan):
    w = DocxWriter(plan)
    with pytest.raises(TypeError, match="no rule for paragraph role"):
        w.para(PrintedParagraph("mystery", [StyledRun("x")]))


def test_big_appendix_builds(tmp_path):
    """100× a 15-row appendix: all 1500 rows are written (its time is measured in bench/, not here)."""
    src = FIXTURE.read_text(encoding="utf-8")
    head = src.split("phụ lục:")[0]
    tasks = "\n".join(
        f"nhiệm vụ: Nhiệm vụ số {i} về công tác thi đua, khen thưởng năm {{năm}}\n"
        f"  chủ trì: pgd\n  phối hợp: truong, cd\n  hạn: tháng {3 + i % 10:02d}/{{năm}}\n  phụ trách: pho-phong"
        for i in range(1500))
    text = head + "phụ lục: Danh mục nhiệm vụ\ncột: tt, nội dung, chủ trì, phối hợp, thời hạn, phụ trách\n" + tasks + "\n"
    comp = compile_text(text, str(tmp_path / "big.tdkt"))
    assert comp.plan is not None, [d.code for d in comp.diagnostics][:5]
    data = render_docx(comp.plan)
    rows = part(data, "word/document.xml").findall(".//w:tbl", NS)[-1].findall(q("w:tr"))
    assert len(rows) == 1501


# -- line balancing ---------------------------------------------------------------------------

def test_break_points():
    from tdkt_dsl.render.linebreak import choose_breaks

    text = "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"
    full = text_width(text, 13, True)
    measure = lambda t: text_width(t, 13, True)  # noqa: E731
    assert choose_breaks(text, measure, full) == []
    (k,) = choose_breaks(text, measure, full - 10, agency=True)
    assert (text[:k], text[k + 1:]) == ("PHÒNG GIÁO DỤC", "VÀ ĐÀO TẠO")
    long = " ".join(["thi đua khen thưởng"] * 12)
    avail = text_width("thi đua khen thưởng thi đua", 14, False)
    cuts = choose_breaks(long, lambda t: text_width(t, 14, False), avail, max_lines=12)
    assert len(cuts) >= 3
    bounds = [-1] + cuts + [len(long)]
    for a, b in zip(bounds, bounds[1:]):
        assert text_width(long[a + 1:b], 14, False) <= avail


def test_without_parent_agency_number_and_date_stay_level():
    src = FIXTURE.read_text(encoding="utf-8").replace("cơ quan chủ quản: UBND PHƯỜNG LONG BIÊN\n", "")
    comp = compile_text(src, str(FIXTURE))
    assert comp.plan is not None and comp.plan.header.parent is None
    data = render_docx(comp.plan)
    assert printed_lines(data) == paragraphs(layout(comp.plan))
    left, right = part(data, "word/document.xml").find("w:body/w:tbl", NS).findall("w:tr/w:tc", NS)
    lps, rps = left.findall(q("w:p")), right.findall(q("w:p"))
    assert [p_text(p) for p in lps] == ["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "", "Số: 05/KH-PGDĐT"]

    def lines(ps):
        return sum(len(_lines_of(p)) for p in ps if p_text(p))

    def before(p):
        return int(p.find("w:pPr/w:spacing", NS).get(q("w:before")))

    # the column with fewer lines above its rule gives the difference to its last line
    line = int(lps[0].find("w:pPr/w:spacing", NS).get(q("w:line")))
    diff = lines(rps[:2]) - lines(lps[:1])
    assert before(lps[-1]) - before(rps[-1]) == diff * line
