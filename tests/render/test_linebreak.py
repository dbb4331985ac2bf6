"""Line breaks a typesetter would choose (tdkt_dsl/render/linebreak.py, data/line-breaks.toml) and
the DOCX writer's use of them: forced breaks only where a line does not fit, never inside a
Vietnamese word or between "ngày" and its date; no-break spaces and hyphens where Word and
LibreOffice would otherwise break; appendix columns as wide as their content needs."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from tdkt_dsl.compiler import compile_path, compile_text
from tdkt_dsl.metrics import text_width
from tdkt_dsl.render import docx as writer
from tdkt_dsl.render.layout import PrintedCell, PrintedRow, PrintedTable, StyledRun, layout
from tdkt_dsl.render.linebreak import NBSP, bindings, choose_breaks, protect, vocabulary

from docx_readback import NS, part, q

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.tdkt"))
FIXTURE = ROOT / "tests" / "fixtures" / "render-sample.tdkt"


def _lines(text: str, cuts: list[int]) -> list[str]:
    bounds = [-1] + cuts + [len(text)]
    return [text[a + 1:b] for a, b in zip(bounds, bounds[1:])]


def _bold13(t: str) -> int:
    return text_width(t, 13, True)


# -- the vocabulary ------------------------------------------------------------------------------

def test_vocabulary_is_clean_data():
    voc = vocabulary()
    assert ("giáo", "dục") in voc.words and ("đào", "tạo") in voc.words
    for table in (voc.words, voc.places, voc.place_prefixes, voc.school_kinds, voc.before_number,
                  voc.after_number, voc.break_before):
        for entry in table:
            text = " ".join(entry)
            assert text == unicodedata.normalize("NFC", text) == text.lower(), text
            assert 1 <= len(entry) <= voc.longest
    assert all(len(e) >= 2 for e in voc.words), "a word list entry of one syllable binds nothing"


# -- where a line may break ----------------------------------------------------------------------

@pytest.mark.parametrize("text, bound", [
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", ["GIÁO DỤC", "ĐÀO TẠO"]),
    ("ngành Giáo dục năm học 2026-2027", ["Giáo dục", "năm học", "học 2026-2027"]),
    ("Long Biên, ngày 08/01/2024", ["Long Biên,", "ngày 08/01/2024"]),
    ("ngày 15 tháng 02 năm 2023", ["ngày 15", "15 tháng", "tháng 02", "02 năm", "năm 2023"]),
    ("UBND QUẬN LONG BIÊN", ["QUẬN LONG", "LONG BIÊN"]),
    ("Thời gian hoàn thành", ["Thời gian", "hoàn thành"]),
    ("Kế hoạch số 05/KH-PGDĐT", ["Kế hoạch", "hoạch số", "số 05/KH-PGDĐT"]),
    ("Thi đua - Khen thưởng", ["đua -", "Thi đua", "Khen thưởng"]),
])
def test_bound_spaces(text, bound):
    got = {text[text.rfind(" ", 0, off) + 1:text.find(" ", off + 1) if text.find(" ", off + 1) > 0 else len(text)]
           for off in bindings(text)}
    assert got == set(bound)


def test_a_comma_ends_a_binding():
    # "thi đua, khen thưởng": nothing binds across the comma, and a break after it reads well
    assert "đua, khen" not in protect("thi đua, khen thưởng").replace(NBSP, "_").replace(" ", "|")
    assert protect("thi đua, khen thưởng") == f"thi{NBSP}đua, khen{NBSP}thưởng"


# -- which breaks are chosen ---------------------------------------------------------------------

def test_a_name_that_fits_is_not_broken():
    for text in ("TRƯỜNG TIỂU HỌC ÁI MỘ", "SỞ GIÁO DỤC VÀ ĐÀO TẠO HÀ NỘI"):
        assert choose_breaks(text, _bold13, _bold13(text)) == []


@pytest.mark.parametrize("text, avail_of, want", [
    ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "PHÒNG GIÁO DỤC VÀ", ["PHÒNG GIÁO DỤC", "VÀ ĐÀO TẠO"]),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO HÀ NỘI", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", ["SỞ GIÁO DỤC VÀ ĐÀO TẠO", "HÀ NỘI"]),
    ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN LONG BIÊN", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
     ["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "QUẬN LONG BIÊN"]),
    ("TRƯỜNG TIỂU HỌC ÁI MỘ", "TRƯỜNG TIỂU HỌC ÁI", ["TRƯỜNG TIỂU HỌC", "ÁI MỘ"]),
    ("UBND PHƯỜNG LONG BIÊN", "UBND PHƯỜNG LONG", ["UBND", "PHƯỜNG LONG BIÊN"]),
    ("SƠ KẾT HỌC KỲ I, TỔNG KẾT NĂM HỌC 2026-2027", "SƠ KẾT HỌC KỲ I, TỔNG KẾT NĂM",
     ["SƠ KẾT HỌC KỲ I,", "TỔNG KẾT NĂM HỌC 2026-2027"]),
    # the comma of "thi đua, khen thưởng" is inside a fixed phrase: the title breaks elsewhere
    ("CÔNG TÁC THI ĐUA, KHEN THƯỞNG NGÀNH GIÁO DỤC NĂM 2023", "CÔNG TÁC THI ĐUA, KHEN THƯỞNG NGÀNH",
     ["CÔNG TÁC THI ĐUA, KHEN THƯỞNG", "NGÀNH GIÁO DỤC NĂM 2023"]),
])
def test_breaks_a_typesetter_would_choose(text, avail_of, want):
    cuts = choose_breaks(text, _bold13, _bold13(avail_of), agency=True)
    assert _lines(text, cuts) == want


def test_never_inside_a_word_even_when_balance_would_want_it():
    # the most even two-line split of this title falls inside "Giáo dục"; a typesetter moves it
    text = "Công tác thi đua khen thưởng ngành Giáo dục năm 2023"
    measure = lambda t: text_width(t, 14, True)  # noqa: E731
    for avail in range(measure(text) // 2 + 200, measure(text), 150):
        for line in _lines(text, choose_breaks(text, measure, avail)):
            assert not line.endswith(("Giáo", "ngày", "thi", "khen", "năm")), (avail, line)
            assert measure(line) <= avail


def test_unbreakable_stretch_wider_than_the_column_still_breaks_somewhere():
    text = "GIÁO DỤC ĐÀO TẠO"
    cuts = choose_breaks(text, _bold13, _bold13("GIÁO DỤC") + 5)
    assert _lines(text, cuts) == ["GIÁO DỤC", "ĐÀO TẠO"]
    cuts = choose_breaks(text, _bold13, _bold13("GIÁO") + 5)  # nothing fits: every space is used
    assert len(cuts) == 3


# -- the DOCX: every forced break of every example -------------------------------------------------

def _br_lines(p) -> list[str]:
    out, cur = [], ""
    for e in p.iter(q("w:t"), q("w:br"), q("w:noBreakHyphen")):
        if e.tag == q("w:br"):
            out.append(cur)
            cur = ""
        elif e.tag == q("w:noBreakHyphen"):
            cur += "-"
        else:
            cur += (e.text or "").replace(NBSP, " ")
    return out + [cur]


def _size_bold(p) -> tuple[float, bool, bool]:
    r = p.find("w:r/w:rPr", NS)
    size = int(r.find("w:sz", NS).get(q("w:val"))) / 2
    return size, r.find("w:b", NS) is not None, r.find("w:i", NS) is not None


def _pair_across(before: str, after: str) -> str | None:
    """The word, place or date a break between these two lines cuts through, if any."""
    voc = vocabulary()
    left = before.split()[-2:] if before.split() else []
    right = after.split()[:2]
    keys = [w.strip(",.;:()“”").lower() for w in left + right]
    cut = len(left)
    for i in range(len(keys)):
        for n in (2, 3):
            if i < cut < i + n <= len(keys) and tuple(keys[i:i + n]) in voc.words | voc.places:
                return " ".join(keys[i:i + n])
    if left and left[-1].lower() == "ngày" and right and right[0][:1].isdigit():
        return f"{left[-1]} {right[0]}"
    return None


@pytest.mark.parametrize("path", EXAMPLES + [FIXTURE], ids=lambda p: p.stem)
def test_forced_breaks_fall_between_words_and_only_where_needed(path):
    plan = compile_path(str(path)).plan
    data = writer.render_docx(plan)
    doc = part(data, "word/document.xml")
    checked = 0
    header = doc.find(".//w:tbl", NS)  # the header: agency names, number, national title, date
    for p in doc.iter(q("w:p")):
        if p.find(".//w:br", NS) is None:
            if header is not None and any(a is header for a in p.iterancestors(q("w:tbl"))) and "".join(p.itertext()).strip():
                # a header line tdkt did not break fits its column: the word processor never wraps it
                size, bold, italic = _size_bold(p)
                tc = next(p.iterancestors(q("w:tc")))
                avail = int(tc.find("w:tcPr/w:tcW", NS).get(q("w:w"))) - writer.AGENCY_GAP
                assert text_width(" ".join(_br_lines(p)), size, bold, italic) <= avail, _br_lines(p)
                checked += 1
            continue
        lines = _br_lines(p)
        for before, after in zip(lines, lines[1:]):
            assert _pair_across(before, after) is None, (path.stem, before, after)
        # the whole text would not have fitted on one line of its column
        size, bold, italic = _size_bold(p)
        tc = next((a for a in p.iterancestors(q("w:tc"))), None)
        if tc is not None:
            avail = int(tc.find("w:tcPr/w:tcW", NS).get(q("w:w"))) - writer.AGENCY_GAP
        else:
            landscape = any(a.landscape for a in layout(plan).appendices) and "PHỤ LỤC" in "".join(
                x.text or "" for x in doc.iter(q("w:t")))
            avail = writer.PORTRAIT.text_width if not landscape else writer.LANDSCAPE.text_width
        assert text_width(" ".join(lines), size, bold, italic) > min(avail, writer.PORTRAIT.text_width), lines
        assert all(text_width(line, size, bold, italic) <= avail for line in lines), lines
        checked += 1
    assert checked >= 4  # the header's lines at least


def test_the_drafter_can_force_a_break():
    src = FIXTURE.read_text(encoding="utf-8")
    src = re.sub(r"(?m)^trích yếu: .*$", "trích yếu: Công tác thi đua, khen thưởng | năm {năm}", src)
    plan = compile_text(src, str(FIXTURE)).plan
    lay = layout(plan)
    assert lay.title.text == "Công tác thi đua, khen thưởng năm 2025"  # the text reads on
    doc = part(writer.render_docx(plan), "word/document.xml")
    title = next(p for p in doc.iter(q("w:p")) if "".join(p.itertext()).replace(NBSP, " ").startswith("Công tác"))
    assert _br_lines(title) == ["Công tác thi đua, khen thưởng", "năm 2025"]


# -- no-break hyphens ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, hard", [
    ("Kế hoạch số 05/KH-PGDĐT", 1), ("Kế hoạch 124-KH/TU", 1), ("năm học 2026-2027", 1),
    ("TT GDNN-GDTX", 1), ("Hội đồng TĐ-KT Quận", 1), ("(11/6/1948-11/6/2023)", 1),
    ("Thi đua - Khen thưởng", 0), ("học trực tuyến e-learning", 0), ("Xanh - Sạch - Đẹp", 0),
])
def test_hyphens_inside_symbols_do_not_break(text, hard):
    p = writer._el("w:p")
    writer._run(p, text)
    assert len(p.findall(".//w:noBreakHyphen", NS)) == hard
    printed = "".join("-" if e.tag == q("w:noBreakHyphen") else e.text for e in p.iter(q("w:t"), q("w:noBreakHyphen")))
    assert printed == text


# -- appendix columns ------------------------------------------------------------------------------

def _table(header, rows) -> PrintedTable:
    return PrintedTable(columns=["x"] * len(header), header=header, widths=[1 / len(header)] * len(header),
                 rows=[PrintedRow([PrintedCell([StyledRun(c)]) for c in r]) for r in rows])


def test_column_widths_follow_the_content():
    total = writer.LANDSCAPE.text_width
    t = _table(["TT", "Nội dung công việc", "Đơn vị phối hợp", "Thời gian hoàn thành"],
               [["1", "Xây dựng kế hoạch triển khai công tác thi đua, khen thưởng năm học 2026-2027 " * 2, "",
                 "Trước ngày 25/02/2023"],
                ["2", "Tổ chức hội nghị tổng kết", "", "Tháng 01/2023"]])
    w = writer._column_widths(t, total)
    assert sum(w) == total
    pad = 2 * writer.CELL_MARGIN
    # an empty column is as narrow as the longest word of its header
    assert w[2] < text_width("Đơn vị phối hợp", 13, True) + pad
    assert w[2] >= text_width("phối hợp", 13, True) + pad
    # the header's words are not split: "hoàn thành" fits its column
    assert w[3] >= text_width("hoàn thành", 13, True) + pad
    # a short deadline is on one line, the long content takes the rest
    assert w[3] >= text_width("Trước ngày 25/02/2023", 13, False) + pad
    assert w[1] == max(w)


def test_columns_never_narrower_than_an_unbreakable_symbol():
    t = _table(["TT", "Nội dung", "Chủ trì"], [["1", "Nội dung " * 40, "TT GDNN-GDTX"]])
    w = writer._column_widths(t, writer.PORTRAIT.text_width)
    assert w[2] >= text_width("GDNN-GDTX", 13, False) + 2 * writer.CELL_MARGIN
