"""Plans that flow down and plans people can track: derive a lower level's plan, compare two
plans, export tasks to a spreadsheet and a calendar, emit the reference entry of a plan."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tdkt_dsl.compiler import compile_path
from tdkt_dsl.derive import earlier
from tdkt_dsl.diff import diff_compilations

ROOT = Path(__file__).resolve().parents[2]
PLANS = sorted(p for p in (ROOT / "examples").glob("*.tdkt"))


def tdkt(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tdkt_dsl.cli", *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", env={"PYTHONUTF8": "1", "PATH": "/usr/bin:/bin"})


@pytest.fixture()
def office(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    return tmp_path / "examples"


# ---- derive -------------------------------------------------------------------------------------

def test_derived_school_plan_builds_and_its_citation_checks_against_the_reference_entry(office: Path):
    r = tdkt("build", "long-bien-2023.tdkt", "--to", "ref", "-o", "cap-tren.toml", cwd=office)
    assert r.returncode == 0, r.stderr
    (office / "tdkt.toml").write_text('references = ["cap-tren.toml"]\n', "utf-8")
    r = tdkt("new", "--from", "long-bien-2023.tdkt", "--for", "profiles/thcs-gia-thuy.tdkt", "-o", "truong.tdkt",
             "--report", "truong.md", cwd=office)
    assert r.returncode == 0, r.stderr
    text = (office / "truong.tdkt").read_text("utf-8")
    assert "Kế hoạch số 05/KH-PGDĐT ngày 15/02/2023 của Phòng GD&ĐT quận Long Biên" in text
    comp = compile_path(str(office / "truong.tdkt"))
    assert comp.ok, [d.code for d in comp.diagnostics]
    assert not [d for d in comp.diagnostics if d.code.startswith("C7")]
    tasks = comp.plan.all_tasks()
    upper = compile_path(str(office / "long-bien-2023.tdkt")).plan
    assert set(upper.registry.movements) <= set(comp.plan.registry.movements)  # movements carried
    assert {t.content.plain for t in tasks} == {
        "Xây dựng KH triển khai công tác TĐKT năm 2023 các trường",
        "100% các trường thực hiện chủ đề “Hành động vì trường học Xanh - Sạch - Đẹp - Văn minh - Hạnh phúc”; "
        "văn hóa chào trong và ngoài nhà trường: “Cúi đầu – mỉm cười – khoanh tay”",
        "Các đơn vị gửi hồ sơ xét tặng kỷ niệm chương “Vì sự nghiệp giáo dục” năm 2023",
        "Các đơn vị gửi hồ sơ thi đua năm học 2022-2023"}
    by_text = {t.content.plain: t for t in upper.all_tasks()}
    for t in tasks:  # each deadline 3 working days before the upper level's
        up = by_text[t.content.plain].deadline.latest()
        assert t.deadline.latest() == earlier(up, 3) < up
        assert [r.id for r in t.lead] == ["bgh"]  # the school's first unit
    report = (office / "truong.md").read_text("utf-8")
    assert "Nhiệm vụ không chuyển" in report and "Trình Thành phố xét tặng danh hiệu Nhà giáo" in report

    # a citation that does not match what was issued is caught
    bad = text.replace("ngày 15/02/2023 của Phòng", "ngày 16/02/2023 của Phòng")
    (office / "truong-sai.tdkt").write_text(bad, "utf-8")
    codes = [d.code for d in compile_path(str(office / "truong-sai.tdkt")).diagnostics]
    assert "C703" in codes


def test_derive_refuses_a_draft_upper_plan(office: Path):
    r = tdkt("new", "--from", "thcs-gia-thuy-2026.tdkt", "--for", "profiles/thcs-gia-thuy.tdkt", "-o", "x.tdkt",
             cwd=office)
    assert r.returncode == 1 and "O907" in r.stderr and not (office / "x.tdkt").exists()


def test_working_days_skip_weekends():
    assert earlier(dt.date(2026, 11, 30), 3) == dt.date(2026, 11, 25)  # Monday → the Wednesday before
    assert earlier(dt.date(2026, 12, 2), 1) == dt.date(2026, 12, 1)


# ---- diff -------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [p for p in PLANS], ids=lambda p: p.name)
def test_diff_with_itself_and_with_its_rollover_is_empty(path: Path, tmp_path: Path):
    shutil.copytree(ROOT / "examples", tmp_path / "ex")
    src = tmp_path / "ex" / path.name
    year = compile_path(str(src)).plan.header.year
    r = tdkt("new", "--from", path.name, "--year", str(year + 1), "-o", "next.tdkt", cwd=tmp_path / "ex")
    assert r.returncode == 0, r.stderr
    same = diff_compilations(compile_path(str(src)), compile_path(str(src)))
    assert same.changes == []
    rolled = diff_compilations(compile_path(str(src)), compile_path(str(tmp_path / "ex" / "next.tdkt")))
    assert rolled.rolled and rolled.changes == [], [(c.kind, c.what, c.old, c.new) for c in rolled.changes]


PLANTED = [  # (replace, with, expected (kind, action, what contains))
    ("  chủ trì: hd\n  phối hợp: to\n  hạn: trước ngày 30/09/{năm}",
     "  chủ trì: cd\n  phối hợp: to\n  hạn: trước ngày 28/09/{năm}",
     [("task", "changed", "chủ trì"), ("task", "changed", "thời hạn")]),
    ("nhiệm vụ: Hội thi giáo viên dạy giỏi cấp trường\n  chủ trì: bgh\n  phối hợp: to\n", "",
     [("task", "removed", "Hội thi giáo viên dạy giỏi")]),
    ("tháng: 03/{năm_sau}\n", "tháng: 03/{năm_sau}\nnhiệm vụ: Tổ chức ngày hội đọc sách\n  chủ trì: doan\n",
     [("task", "added", "ngày hội đọc sách")]),
    ("- Kịp thời phát hiện, tôn vinh, khen thưởng", "- Kịp thời phát hiện, biểu dương, khen thưởng",
     [("paragraph", "changed", "")]),
    ("- Kế hoạch số 186/KH-UBND ngày 04/9/2026", "- Kế hoạch số 190/KH-UBND ngày 04/9/2026",
     [("citation", "removed", "186/KH-UBND"), ("citation", "added", "190/KH-UBND")]),
    ("nhiệm vụ: Các tổ tổ chức tiết dạy tốt đợt 1", "nhiệm vụ: Các tổ tổ chức tiết dạy tốt đợt 1 (chuyên đề STEM)",
     [("task", "changed", "nội dung")]),
]


def test_diff_finds_every_planted_change_and_nothing_else(tmp_path: Path):
    shutil.copytree(ROOT / "examples", tmp_path / "ex")
    old = tmp_path / "ex" / "thcs-gia-thuy-2026.tdkt"
    text = old.read_text("utf-8")
    expected = []
    for a, b, exp in PLANTED:
        assert a in text, a
        text = text.replace(a, b, 1)
        expected += exp
    new = tmp_path / "ex" / "sua.tdkt"
    new.write_text(text, "utf-8")
    d = diff_compilations(compile_path(str(old)), compile_path(str(new)))
    got = [(c.kind, c.action, c.what) for c in d.changes]
    for kind, action, what in expected:
        assert any(k == kind and a == action and what in w for k, a, w in got), (kind, action, what, got)
    assert len(got) == len(expected), got
    r = tdkt("diff", "thcs-gia-thuy-2026.tdkt", "sua.tdkt", "--format", "json", cwd=tmp_path / "ex")
    assert r.returncode == 0 and len(json.loads(r.stdout)["changes"]) == len(expected)
    md = tdkt("diff", "thcs-gia-thuy-2026.tdkt", "sua.tdkt", "--format", "md", cwd=tmp_path / "ex").stdout
    assert "## Nhiệm vụ" in md and "**biểu dương,**" in md or "**biểu dương**" in md


def test_diff_lists_removed_units_in_the_same_order_in_every_process(tmp_path: Path):
    """Units, leaders and movements dropped from a plan are listed by id, as added ones are: they
    came out in the order of a set of strings, which changes with each process's hash seed."""
    shutil.copytree(ROOT / "examples", tmp_path / "ex")
    new = tmp_path / "ex" / "ubnd-bo-de-2026.tdkt"
    text = new.read_text("utf-8")
    extra = {"unit": ["zeta", "alpha", "mu", "beta", "omega"], "leader": ["pgd-b", "pgd-a", "pgd-c"],
             "movement": ["pt-b", "pt-a"]}
    words = {"unit": "đơn vị", "leader": "lãnh đạo", "movement": "phong trào"}
    declared = "".join(f"{words[kind]} {i}: Tên {i}\n" for kind, ids in extra.items() for i in ids)
    (tmp_path / "ex" / "cu.tdkt").write_text(text.replace("\ncăn cứ:", "\n" + declared + "\ncăn cứ:", 1),
                                             "utf-8")
    d = diff_compilations(compile_path(str(tmp_path / "ex" / "cu.tdkt")), compile_path(str(new)))
    removed = [(c.kind, c.what) for c in d.changes if c.action == "removed"]
    assert removed == [(kind, i) for kind, ids in extra.items() for i in sorted(ids)]
    outputs = set()
    for seed in ("1", "2", "3", "4"):
        r = subprocess.run([sys.executable, "-m", "tdkt_dsl.cli", "diff", "cu.tdkt", "ubnd-bo-de-2026.tdkt"],
                           cwd=tmp_path / "ex", capture_output=True, text=True, encoding="utf-8",
                           env={"PYTHONUTF8": "1", "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": seed})
        assert r.returncode == 0, r.stderr
        outputs.add(r.stdout)
    assert len(outputs) == 1, outputs

# ---- exports ------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
def test_xlsx_round_trips_to_the_tasks(path: Path, tmp_path: Path):
    from openpyxl import load_workbook

    out = tmp_path / "tasks.xlsx"
    r = tdkt("build", str(path), "--to", "xlsx", "-o", str(out), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    plan = compile_path(str(path)).plan
    wb = load_workbook(out)
    rows = [row for ws in wb.worksheets for row in ws.iter_rows(min_row=2, values_only=True)]
    tasks = plan.all_tasks()
    assert len(rows) == len(tasks) and len(wb.worksheets) == max(1, len(plan.appendices))
    for row, t in zip(rows, tasks):
        assert row[0] == t.number and row[2] == t.content.plain
        start, end = t.deadline.earliest(), t.deadline.latest()
        assert (row[7].date() if row[7] else None) == start and (row[8].date() if row[8] else None) == end
        assert row[11] == t.span.line
    ws = wb.worksheets[0]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    again = tmp_path / "again.xlsx"
    tdkt("build", str(path), "--to", "xlsx", "-o", str(again), cwd=tmp_path)
    assert again.read_bytes() == out.read_bytes()  # same plan, same bytes


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
def test_ics_round_trips_to_the_dated_tasks(path: Path, tmp_path: Path):
    from icalendar import Calendar

    out = tmp_path / "tasks.ics"
    r = tdkt("build", str(path), "--to", "ics", "-o", str(out), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    plan = compile_path(str(path)).plan
    cal = Calendar.from_ical(out.read_bytes())
    events = list(cal.walk("VEVENT"))
    dated = [t for t in plan.all_tasks() if t.deadline.latest() is not None]
    assert len(events) == len(dated)
    for ev, t in zip(events, dated):
        assert str(ev["summary"]) == t.content.plain
        assert ev.decoded("dtstart") == (t.deadline.earliest() or t.deadline.latest())
        assert ev.decoded("dtend") == t.deadline.latest() + dt.timedelta(days=1)
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)
    # stable: an edit elsewhere in the plan keeps every other event's UID
    edited = tmp_path / path.name
    shutil.copytree(ROOT / "examples" / "profiles", tmp_path / "profiles", dirs_exist_ok=True)
    edited.write_text(path.read_text("utf-8").replace("\nmục đích:\n", "\nmục đích:\n- Thêm một mục đích.\n", 1),
                      "utf-8")
    r = tdkt("build", str(edited), "--to", "ics", "-o", str(tmp_path / "b.ics"), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    again = [str(e["uid"]) for e in Calendar.from_ical((tmp_path / "b.ics").read_bytes()).walk("VEVENT")]
    assert again == uids


def test_ics_of_a_task_ending_on_the_last_day_of_9999(tmp_path: Path):
    """An all-day event ends (exclusive) the day after its last day: for 31/12/9999 there is none
    (was an internal error, OverflowError); such an event is given as its duration in days."""
    from icalendar import Calendar

    shutil.copytree(ROOT / "examples" / "profiles", tmp_path / "profiles")
    (tmp_path / "z.tdkt").write_text(
        "dùng: profiles/th-ai-mo.tdkt\nsố: 86\nngày: 05/01/9999\nnăm: 9999\nnăm học: 9998-9999\n"
        "trích yếu: Công tác thi đua, khen thưởng năm {năm}\n\n# Nội dung\n- Thi đua tốt.\n\n"
        "phụ lục: Tiến độ\nnhiệm vụ: Tổng kết\n  chủ trì: ht\n  hạn: trước ngày 31/12/9999\n"
        "nhiệm vụ: Tổng kết lần hai\n  chủ trì: ht\n  hạn: từ ngày 30/12/9999 đến ngày 31/12/9999\n"
        "nhiệm vụ: Sơ kết\n  chủ trì: ht\n  hạn: trước ngày 30/12/9999\n", "utf-8")
    r = tdkt("build", "z.tdkt", "--to", "ics", "-o", "z.ics", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    events = list(Calendar.from_ical((tmp_path / "z.ics").read_bytes()).walk("VEVENT"))
    last = dt.date(9999, 12, 31)
    assert [(ev.decoded("dtstart"), ev.decoded("duration") if "duration" in ev else None) for ev in events[:2]] == [
        (last, dt.timedelta(days=1)), (last - dt.timedelta(days=1), dt.timedelta(days=2))]
    assert "dtend" not in events[0] and events[2].decoded("dtend") == last  # (30/12: ends as every other event)


def test_reference_entry_reads_back_as_the_shared_list(tmp_path: Path):
    import tomllib

    out = tmp_path / "ref.toml"
    r = tdkt("build", str(ROOT / "examples" / "long-bien-2023.tdkt"), "--to", "ref", "-o", str(out), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    entry = tomllib.loads(out.read_text("utf-8"))["van-ban"][0]
    assert entry == {"loai": "Kế hoạch", "so": "05/KH-PGDĐT", "ngay": "15/02/2023",
                     "co-quan": "Phòng GD&ĐT quận Long Biên",
                     "trich-yeu": "Công tác thi đua, khen thưởng ngành Giáo dục và Đào tạo năm 2023"}
