"""The compiler's core: syntax, model, diagnostics, CLI contract (exit codes, no traceback,
atomic output, Vietnamese by default and English on request)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tdkt_dsl.compiler import compile_text
from tdkt_dsl.diagnostics import render
from tdkt_dsl.render.text import render_text

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = (ROOT / "tests/fixtures/minimal.tdkt").read_text(encoding="utf-8")


def tdkt(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tdkt_dsl.cli", *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd or ROOT)


def codes(text: str) -> list[tuple[str, int, int]]:
    return [d.check_tuple() for d in compile_text(text, "p.tdkt").diagnostics]


def test_minimal_plan_is_clean():
    assert codes(MINIMAL) == []


def test_minimal_plan_prints_official_phrases():
    out = render_text(compile_text(MINIMAL, "p.tdkt").plan)
    assert "Số: 03/KH-THCSGT" in out  # number below 10 takes a leading zero
    assert "Long Biên, ngày 05 tháng 01 năm 2026" in out
    assert "I. MỤC ĐÍCH\n1. Mục đích\n- Phát động phong trào thi đua năm 2026." in out
    assert "II. NỘI DUNG THỰC HIỆN" in out
    assert "(Kèm theo Kế hoạch số 03/KH-THCSGT ngày 05/01/2026 của Trường THCS Gia Thụy)" in out
    assert "1\tXây dựng kế hoạch thi đua năm 2026\tBan Giám hiệu\tTổ chuyên môn\tTháng 01/2026\tĐ/c Hiệu trưởng" in out
    assert "- UBND phường Long Biên;\n- Lưu: VT." in out


# -- the three mistakes of the "done when": one located message each, exit 1 -------------

BAD_SYNTAX = MINIMAL.replace("  hạn: tháng 01/{năm}", "  hạn: sớm nhất có thể")
UNKNOWN_UNIT = MINIMAL.replace("  chủ trì: bgh", "  chủ trì: bgh-x")
IMPOSSIBLE_DATE = MINIMAL.replace("  hạn: tháng 01/{năm}", "  hạn: trước ngày 30/02/2024")


@pytest.mark.parametrize("text,code,line,col", [
    (BAD_SYNTAX, "S102", 29, 8),
    (UNKNOWN_UNIT, "M201", 27, 12),
    (IMPOSSIBLE_DATE, "M202", 29, 19),
], ids=["syntax-error", "unknown-unit", "impossible-date"])
def test_one_clear_located_message_each(tmp_path, text, code, line, col):
    assert codes(text) == [(code, line, col)]
    plan = tmp_path / "ke-hoach.tdkt"
    plan.write_text(text, encoding="utf-8")
    r = tdkt("check", str(plan))
    assert r.returncode == 1
    assert "Traceback" not in r.stdout + r.stderr
    assert f"{plan}:{line}:{col}: lỗi[{code}]" in r.stdout
    src_line = text.splitlines()[line - 1]
    assert f" {line} | {src_line}" in r.stdout
    caret_line = r.stdout.splitlines()[r.stdout.splitlines().index(f" {line} | {src_line}") + 1]
    assert caret_line.index("^") == len(f" {line} | ") + col - 1
    r = tdkt("build", str(plan), "-o", str(tmp_path / "out.docx"))
    assert r.returncode == 1 and not (tmp_path / "out.docx").exists()
    assert not list(tmp_path.glob(".out.docx.*"))  # no temporary file left behind


def test_unknown_unit_suggests_the_closest_id():
    comp = compile_text(UNKNOWN_UNIT, "p.tdkt")
    [d] = comp.diagnostics
    assert "Ý bạn là `bgh`?" in d.message("vi")
    assert d.message("en") == "No unit has the id `bgh-x`. Did you mean `bgh`?"


def test_english_messages_on_request(tmp_path):
    plan = tmp_path / "p.tdkt"
    plan.write_text(IMPOSSIBLE_DATE, encoding="utf-8")
    r = tdkt("check", str(plan), "--lang", "en")
    assert "error[M202]: Impossible date: 30/02/2024." in r.stdout
    assert r.stdout.rstrip().endswith("1 error(s), 0 warning(s), 0 note(s)")


def test_check_json_format(tmp_path):
    plan = tmp_path / "p.tdkt"
    plan.write_text(UNKNOWN_UNIT, encoding="utf-8")
    r = tdkt("check", str(plan), "--format", "json")
    data = json.loads(r.stdout)
    [d] = data["diagnostics"]
    assert (d["code"], d["name"], d["line"], d["column"]) == ("M201", "unknown-reference", 27, 12)


# -- syntax ------------------------------------------------------------------------------------

@pytest.mark.parametrize("line,code", ids=lambda v: v if isinstance(v, str) and v[:1] in "SM" else None, argvalues=[
    ("ngày: 15-02-2026", "S102"),
    ("năm học: 2026", "S102"),
    ("Phát động *thi đua", "S104"),
    ("Kế hoạch năm {năm", "S105"),
    ("Liên hệ @ văn phòng", "S106"),
    ("hạn:", "S103"),
])
def test_syntax_errors_have_codes(line, code):
    got = codes(MINIMAL + line + "\n")
    assert [c for c, _, _ in got][:1] == [code], got


def test_a_mistake_costs_one_diagnostic_and_the_rest_is_read():
    text = MINIMAL.replace("- Thi đua dạy tốt, học tốt.", "ngày: 1/1\n- Thi đua dạy tốt, học tốt.")
    text = text.replace("  phụ trách: ht", "  phụ trách: htx")
    got = codes(text)
    assert [c for c, _, _ in got] == ["S102", "M201"]


def test_prose_is_not_mistaken_for_keywords():
    text = MINIMAL.replace("- Thi đua dạy tốt, học tốt.",
                           "Năm 2026 là năm bản lề; số liệu: tốt.\nThực hiện Kế hoạch số 1/KH-UBND ngày 02/01/2026.")
    comp = compile_text(text, "p.tdkt")
    assert comp.diagnostics == []
    sec = comp.plan.sections[1]
    assert [p.text.plain for p in sec.children] == [
        "Năm 2026 là năm bản lề; số liệu: tốt.", "Thực hiện Kế hoạch số 1/KH-UBND ngày 02/01/2026."]


def test_escaped_keyword_starts_a_paragraph():
    comp = compile_text(MINIMAL.replace("- Thi đua dạy tốt, học tốt.", r"\Số: 5 trường đạt chuẩn."), "p.tdkt")
    assert comp.diagnostics == []
    assert comp.plan.sections[1].children[0].text.plain == "Số: 5 trường đạt chuẩn."


def test_english_keywords_build_the_same_plan():
    en = MINIMAL
    for vi, eng in [("cơ quan chủ quản:", "parent:"), ("tên cơ quan:", "issuer name:"), ("cơ quan:", "issuer:"),
                    ("viết tắt:", "abbr:"), ("địa danh:", "place:"), ("số:", "number:"), ("ngày:", "date:"),
                    ("năm:", "year:"), ("trích yếu:", "title:"), ("người ký:", "signer:"),
                    ("chức vụ:", "position:"), ("đơn vị ", "unit "), ("lãnh đạo ", "leader "),
                    ("mục đích:", "purposes:"), ("nơi nhận:", "recipients:"), ("phụ lục:", "appendix:"),
                    ("nhiệm vụ:", "task:"), ("chủ trì:", "lead:"), ("phối hợp:", "partners:"),
                    ("hạn:", "due:"), ("phụ trách:", "responsible:"), ("{năm}", "{year}")]:
        en = en.replace(vi, eng)
    a, b = compile_text(MINIMAL, "p.tdkt"), compile_text(en, "p.tdkt")
    assert b.diagnostics == []
    assert render_text(a.plan) == render_text(b.plan)


def test_nfd_source_is_normalised():
    import unicodedata
    comp = compile_text(unicodedata.normalize("NFD", MINIMAL), "p.tdkt")
    assert not [d for d in comp.diagnostics if d.code.startswith(("S", "M"))]
    assert comp.plan.header.issuer.plain == "TRƯỜNG THCS GIA THỤY"
    assert unicodedata.is_normalized("NFC", render_text(comp.plan))


# -- model -------------------------------------------------------------------------------------

def test_sections_are_numbered_by_the_compiler():
    text = MINIMAL.replace("# Nội dung thực hiện\n", "# A\n## B\n### C\n#### D\n#. đoạn\n## E\n#. x\n")
    plan = compile_text(text, "p.tdkt").plan
    heads = [(s.level, s.number) for s in plan.walk_sections()]
    assert heads == [(1, "I"), (2, "1"), (1, "II"), (2, "1"), (3, "1.1"), (4, "a"), (2, "2")]
    out = render_text(plan)
    assert "1.1. C\na) D\n- đoạn" not in out and "a) D\n" in out


def test_draft_number_and_date_print_blanks_with_warnings():
    text = MINIMAL.replace("số: 3\n", "").replace("ngày: 05/01/2026\n", "")
    comp = compile_text(text, "p.tdkt")
    assert [d.code for d in comp.diagnostics] == ["M210", "M210"]
    assert comp.ok  # warnings do not stop a build
    out = render_text(comp.plan)
    assert "Số:       /KH-THCSGT" in out
    assert "Long Biên, ngày      tháng      năm 2026" in out


def test_spans_point_into_the_source():
    comp = compile_text(MINIMAL, "p.tdkt")
    task = comp.plan.all_tasks()[0]
    assert MINIMAL[task.lead[0].span.start:task.lead[0].span.end] == "bgh"
    title_run = comp.plan.header.title.runs[0]
    assert MINIMAL[title_run.span.start:title_run.span.end] == title_run.text


def test_missing_required_fields_are_reported():
    got = codes("năm: 2026\n")
    assert [c for c, _, _ in got].count("M205") == 4  # title, issuer, abbreviation, place


# -- CLI contract ------------------------------------------------------------------------------

def test_usage_errors_exit_2(tmp_path):
    r = tdkt("build", str(tmp_path / "missing.tdkt"))
    assert r.returncode == 2 and "F901" in r.stderr and "Traceback" not in r.stderr
    r = tdkt("build")
    assert r.returncode == 2


def test_build_json_and_text(tmp_path):
    plan = tmp_path / "p.tdkt"
    plan.write_text(MINIMAL, encoding="utf-8")
    r = tdkt("build", str(plan), "--to", "json", "-o", str(tmp_path / "p.json"))
    assert r.returncode == 0, r.stderr
    data = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert data["header"]["number"]["number"] == "03"
    assert data["appendices"][0]["tasks"][0]["deadline"]["kind"] == "month"
    assert data["appendices"][0]["tasks"][0]["span"]["line"] == 26


def test_build_never_overwrites_its_source(tmp_path):
    plan = tmp_path / "p.tdkt"
    plan.write_text(MINIMAL, encoding="utf-8")
    r = tdkt("build", str(plan), "--to", "text", "-o", str(plan))
    assert r.returncode == 2
    assert plan.read_text(encoding="utf-8") == MINIMAL


def test_not_utf8_input_is_a_clear_error(tmp_path):
    plan = tmp_path / "p.tdkt"
    plan.write_bytes(MINIMAL.encode("cp1258", errors="replace"))
    r = tdkt("check", str(plan))
    assert r.returncode == 2 and "F902" in r.stdout and "Traceback" not in r.stdout + r.stderr


def test_diagnostic_rendering_handles_wide_lines():
    comp = compile_text(UNKNOWN_UNIT, "p.tdkt")
    text = render(comp.diagnostics[0], comp.sources["p.tdkt"], "vi")
    assert text.splitlines()[0].startswith("p.tdkt:27:12: lỗi[M201]")
