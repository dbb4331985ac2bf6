"""`tdkt new`: each example and fixture rolled to the next year, compared line by line with an
expected source and an expected review report (tests/rollover/expected/). The rolled plans build,
and `tdkt check` on them reports nothing but lines the review report lists.

Regenerate the expected files after a deliberate change: TDKT_UPDATE_EXPECTED=1 pytest tests/rollover
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tdkt_dsl.compiler import compile_path
from tdkt_dsl.rollover import rollover
from tdkt_dsl.source import Source

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
EXPECTED = HERE / "expected"
UPDATE = bool(os.environ.get("TDKT_UPDATE_EXPECTED"))


def _cases() -> list[tuple[Path, int]]:
    out = []
    for p in sorted((ROOT / "examples").glob("*.tdkt")) + sorted((HERE / "fixtures").glob("*.tdkt")):
        m = re.search(r"(\d{4})\.tdkt$", p.name)
        if m:
            out.append((p, int(m.group(1)) + 1))
    return out


def _tdkt(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tdkt_dsl.cli", *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def _roll(src: Path, year: int, tmp: Path) -> tuple[Path, Path, subprocess.CompletedProcess]:
    work = tmp / "work"
    shutil.copytree(src.parent, work, ignore=shutil.ignore_patterns("*.docx", "*.pdf", "*.json", "*.txt"))
    new_name = re.sub(r"\d{4}\.tdkt$", f"{year}.tdkt", src.name)
    report = work / (new_name[:-5] + ".md")
    res = _tdkt("new", "--from", src.name, "--year", str(year), "-o", new_name, "--report", report.name, cwd=work)
    return work / new_name, report, res


@pytest.mark.parametrize("src,year", _cases(), ids=lambda v: v.name if isinstance(v, Path) else str(v))
def test_rollover_matches_expected(src: Path, year: int, tmp_path: Path) -> None:
    new, report, res = _roll(src, year, tmp_path)
    assert res.returncode == 0, res.stderr
    expected_src = EXPECTED / new.name
    expected_rep = EXPECTED / report.name
    if UPDATE:
        EXPECTED.mkdir(exist_ok=True)
        shutil.copyfile(new, expected_src)
        shutil.copyfile(report, expected_rep)
    got, want = new.read_text(encoding="utf-8").splitlines(), expected_src.read_text(encoding="utf-8").splitlines()
    for i, (g, w) in enumerate(zip(got, want), 1):
        assert g == w, f"{new.name}:{i}\n  got:  {g}\n  want: {w}"
    assert len(got) == len(want)
    assert report.read_text(encoding="utf-8") == expected_rep.read_text(encoding="utf-8")
    assert res.stdout.strip() == report.read_text(encoding="utf-8").strip()  # printed and written alike
    # layout kept: same number of lines, every comment kept
    old_text = src.read_text(encoding="utf-8")
    assert len(got) == len(old_text.splitlines()) + (0 if "năm:" in old_text else got.count(f"năm: {year}"))
    assert [l for l in old_text.splitlines() if l.lstrip().startswith("//")] == \
        [l for l in got if l.lstrip().startswith("//")]


@pytest.mark.parametrize("src,year", _cases(), ids=lambda v: v.name if isinstance(v, Path) else str(v))
def test_rolled_plan_builds_and_check_lists_only_review_lines(src: Path, year: int, tmp_path: Path) -> None:
    new, report, res = _roll(src, year, tmp_path)
    comp = compile_path(str(new))
    assert comp.ok, [d.message() for d in comp.diagnostics]
    assert comp.plan.header.year == year
    review = report.read_text(encoding="utf-8").split("## Cần xem lại")[1]
    lines = {int(n) for n in re.findall(r"^- dòng (\d+) \[", review, re.M)}
    for d in comp.diagnostics:
        if d.span.file == str(new):
            assert d.span.line in lines, f"check reports line {d.span.line} ({d.code}) not in the review report"
    # the draft blanks until they are set, and last cycle's citations and periods until replaced
    assert {d.code for d in comp.diagnostics} <= {"M210", "C706", "C707", "C708"}
    build = _tdkt("build", new.name, "--to", "text", "-o", "out.txt", cwd=new.parent)
    assert build.returncode == 0, build.stderr


def test_variables_plan_needs_only_the_year(tmp_path: Path) -> None:
    src = ROOT / "tests" / "fixtures" / "render-sample.tdkt"
    res = rollover(Source.from_path(src), 2026)
    old, new = src.read_text(encoding="utf-8").splitlines(), res.text.splitlines()
    changed = [(a, b) for a, b in zip(old, new) if a != b]
    assert changed == [("số: 05", "số:"), ("ngày: 15/02/2025", "ngày:"), ("năm: 2025", "năm: 2026")]


def test_literal_rules() -> None:
    res = rollover(Source.from_path(HERE / "fixtures" / "literal-2024.tdkt"), 2025)
    t = res.text
    assert "hạn: trước ngày 28/02/2025" in t  # 29/02 lands on 28/02
    assert "giai đoạn 2021-2025" in t and "định hướng đến năm 2030" in t  # periods and targets stay
    assert "Luật Thi đua, khen thưởng năm 2022" in t  # a law's year stays
    assert "ngày 19/12/2023 của Sở GDĐT" in t  # citations stay (and are flagged)
    assert "kỷ niệm 71 năm Ngày Giải phóng Thủ đô (10/10/1954 - 10/10/2025)" in t
    assert "Tết Nguyên đán Ất Tỵ 2025" in t
    assert "kết quả đạt được năm 2024" in t  # last year's results move with the plan
    assert "hạn: hàng tháng" in t
    reviews = " ".join(d.message("vi") for d in res.reviews)
    assert "71 năm" in reviews and "4626/KH-SGDĐT" in reviews and "02/KH-HĐTĐKT" not in reviews


def test_date_only_plan_gets_an_explicit_year(tmp_path: Path) -> None:
    p = tmp_path / "p-2023.tdkt"
    p.write_text("cơ quan: PHÒNG GD\nviết tắt: PGDĐT\nđịa danh: X\nsố: 1\nngày: 06/01/2023\n"
                 "trích yếu: Kế hoạch năm 2023\n# Nội dung\n- Làm việc năm 2023.\n", encoding="utf-8")
    res = rollover(Source.from_path(p), 2024)
    assert "ngày:\nnăm: 2024\n" in res.text
    assert any(d.span.line == 6 and "năm: 2024" in d.message("vi") for d in res.changes)


def test_refusals(tmp_path: Path) -> None:
    bad = tmp_path / "bad-2023.tdkt"
    bad.write_text("năm: 2023\nchủ trì: x\n", encoding="utf-8")
    r = _tdkt("new", "--from", bad.name, "--year", "2024", "-o", "out.tdkt", cwd=tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr and not (tmp_path / "out.tdkt").exists()
    src = ROOT / "tests" / "rollover" / "fixtures" / "literal-2024.tdkt"
    r = _tdkt("new", "--from", str(src), "--year", "2024", "-o", "out.tdkt", cwd=tmp_path)
    assert r.returncode == 1 and "2024" in r.stderr
    r = _tdkt("new", "--from", "missing.tdkt", "--year", "2024", "-o", "out.tdkt", cwd=tmp_path)
    assert r.returncode == 2


def test_can_chi_moves_only_with_the_year_printed_beside_it(tmp_path: Path) -> None:
    p = tmp_path / "truong-2026.tdkt"
    p.write_text("cơ quan chủ quản: UBND PHƯỜNG LONG BIÊN\ncơ quan: TRƯỜNG THCS GIA THỤY\nviết tắt: THCSGT\n"
                 "địa danh: Long Biên\nngười ký: A\nchức vụ: Hiệu trưởng\n"
                 "số: 1\nngày: 15/09/2026\nnăm: 2026\nnăm học: 2026-2027\n"
                 "trích yếu: Kế hoạch năm học {năm_học}\n# Nội dung\n"
                 "- Thi đua chào mừng Xuân Đinh Mùi 2027 và Tết Nguyên đán Bính Ngọ 2026 đã qua.\n"
                 "- Vui Tết Đinh Mùi an toàn.\nnơi nhận:\n- Lưu: VT\n", encoding="utf-8")
    t = rollover(Source.from_path(p), 2027).text
    # 2027 is not the plan year nor the year before: it stays, and so does its can-chi
    assert "Xuân Đinh Mùi 2027" in t and "Xuân Mậu Thân 2027" not in t
    assert "Tết Nguyên đán Đinh Mùi 2027" in t  # the plan year moved, its can-chi with it
    assert "Vui Tết Mậu Thân an toàn" in t  # no year printed: it moves with the plan year


def test_rounds_of_recurring_events_are_listed_for_review() -> None:
    res = rollover(Source.from_path(ROOT / "examples" / "long-bien-2023.tdkt"), 2026)
    rounds = [d.message("vi") for d in res.reviews if "lần thứ" in d.message("vi")]
    assert len(rounds) == 1 and "lần thứ 17" in rounds[0]  # NGND/NGƯT every 3 years: 16 → 17
    # party congresses cited as history ("Đại hội … lần thứ XIII") are not rounds to update
    assert not any("XIII" in d.message("vi") for d in res.reviews)


def test_rolling_long_bien_to_2026_then_check_flags_agency_and_every_old_citation(tmp_path: Path) -> None:
    new, report, res = _roll(ROOT / "examples" / "long-bien-2023.tdkt", 2026, tmp_path)
    assert res.returncode == 0, res.stderr
    comp = compile_path(str(new))
    by_code: dict[str, list] = {}
    for d in comp.diagnostics:
        by_code.setdefault(d.code, []).append(d)
    # the district People's Committee and its education office, abolished on 01/07/2025
    assert sorted(d.params["agency"] for d in by_code["R609"]) == ["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
                                                                   "UBND QUẬN LONG BIÊN"]
    # every citation of the old cycle: the three yearly plans in `căn cứ:` (C706), the period plan
    # whose period has ended (C708) and the contest plans cited in prose (C707)
    text = new.read_text(encoding="utf-8").splitlines()
    stale = sorted(d.span.line for d in by_code["C706"])
    assert [re.search(r"số (\S+)", text[n - 1]).group(1) for n in stale] == \
        ["322/KH-UBND", "4582/KH-SGDĐT", "02/KH-HĐTĐKT"]
    assert sorted(d.params["number"] for d in by_code["C707"]) == ["06/KH-BTC", "3597/KH-SGDĐT", "66/KH-HĐTĐKT"]
    assert {d.params["period"] for d in by_code["C708"]} == {"2021-2025", "2022 - 2025"}
    # … and the review report lists each of them
    review = report.read_text(encoding="utf-8").split("## Cần xem lại")[1]
    listed = {int(n) for n in re.findall(r"^- dòng (\d+) \[", review, re.M)}
    assert {d.span.line for c in ("C706", "C707", "C708") for d in by_code[c]} <= listed
    assert "[R609]" in review


def test_english_report_lists_the_same_codes_at_the_same_lines(tmp_path: Path) -> None:
    src = ROOT / "examples" / "long-bien-2023.tdkt"
    work = tmp_path / "work"
    shutil.copytree(src.parent, work, ignore=shutil.ignore_patterns("*.docx", "*.pdf", "*.json", "*.txt"))
    reports = {}
    for lang in ("vi", "en"):
        r = _tdkt("new", "--from", src.name, "--year", "2026", "-o", f"moi-{lang}.tdkt", "--lang", lang, cwd=work)
        assert r.returncode == 0, r.stderr
        reports[lang] = r.stdout
    vi, en = reports["vi"], reports["en"]
    assert vi.startswith("# Chuyển kế hoạch sang năm 2026") and en.startswith("# Rollover to 2026")
    assert "## Changes made (" in en and "## To review (" in en and "Cần xem lại" not in en
    item = re.compile(r"^- (?:dòng|line) (\d+) \[([A-Z]\d{3})\]|^- (\S+:\d+) \[([A-Z]\d{3})\]", re.M)
    assert item.findall(vi) == item.findall(en) and len(item.findall(en)) > 20
    assert "không còn là năm chẵn" not in en and "no longer a round one" in en
