"""The school year's deadline forms: each is a typed deadline with the days it means, printed in
the decree's way, and `tdkt new` rolls it with the plan (a form without a year follows `năm học:`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tdkt_dsl.compiler import compile_path
from tdkt_dsl.render.phrases import phrase
from tdkt_dsl.rollover import rollover
from tdkt_dsl.source import Source

ROOT = Path(__file__).resolve().parent.parent
HEAD = (ROOT / "tests" / "fixtures" / "minimal.tdkt").read_text(encoding="utf-8").split("mục đích:")[0]
HEAD = HEAD.replace("ngày: 05/01/2026", "ngày: 10/09/2026").replace("năm: 2026", "năm: 2026\nnăm học: 2026-2027")
TAIL = "mục đích:\n- Phát động.\nnơi nhận:\n- Lưu: VT\nphụ lục: Tiến độ\n"

D = dt.date
CASES = [
    # written, kind, earliest, latest, printed
    ("tuần 2 tháng 9", "week", D(2026, 9, 8), D(2026, 9, 14), "Tuần 2 tháng 9/2026"),
    ("tuần 5 tháng 3/2027", "week", D(2027, 3, 29), D(2027, 3, 31), "Tuần 5 tháng 3/2027"),
    ("học kỳ I", "semester", D(2026, 9, 5), D(2027, 1, 15), "Học kỳ I"),
    ("HK II", "semester", D(2027, 1, 16), D(2027, 5, 31), "Học kỳ II"),
    ("cuối học kỳ II", "semester", D(2027, 4, 16), D(2027, 5, 31), "Cuối học kỳ II"),
    ("đầu học kỳ 1", "semester", D(2026, 9, 5), D(2026, 10, 18), "Đầu học kỳ I"),
    ("trước 30/4", "before", D(2027, 4, 30), D(2027, 4, 30), "Trước ngày 30/4/2027"),
    ("ngày 20/11", "on", D(2026, 11, 20), D(2026, 11, 20), "Ngày 20/11/2026"),
    ("từ tháng 9/2026 đến tháng 5/2027", "month_range", D(2026, 9, 1), D(2027, 5, 31),
     "Từ tháng 9/2026 đến tháng 5/2027"),
    ("tháng 9 – tháng 5", "month_range", D(2026, 9, 1), D(2027, 5, 31), "Từ tháng 9/2026 đến tháng 5/2027"),
    ("từ tháng 9 đến tháng 5", "month_range", D(2026, 9, 1), D(2027, 5, 31), "Từ tháng 9/2026 đến tháng 5/2027"),
    ("từ tháng 11 đến tháng 02/2027", "month_range", D(2026, 11, 1), D(2027, 2, 28),
     "Từ tháng 11/2026 đến tháng 02/2027"),
    ("trong tháng 10", "month", D(2026, 10, 1), D(2026, 10, 31), "Trong tháng 10/2026"),
    ("đầu tháng 10", "month", D(2026, 10, 1), D(2026, 10, 10), "Đầu tháng 10/2026"),
    ("cuối tháng 12", "month", D(2026, 12, 21), D(2026, 12, 31), "Cuối tháng 12/2026"),
    ("tháng 3", "month", D(2027, 3, 1), D(2027, 3, 31), "Tháng 3/2027"),
    ("từ 15/12 đến 15/01", "range", D(2026, 12, 15), D(2027, 1, 15), "Từ ngày 15/12/2026 đến ngày 15/01/2027"),
]


def _plan(tmp_path: Path, deadlines: list[str]) -> Path:
    body = "".join(f"nhiệm vụ: Việc {i}\n  chủ trì: bgh\n  phối hợp: td\n  phụ trách: ht\n  hạn: {d}\n"
                   for i, d in enumerate(deadlines, 1))
    p = tmp_path / "ke-hoach.tdkt"
    p.write_text(HEAD + TAIL + body, encoding="utf-8")
    return p


def test_each_form_is_a_typed_deadline_with_its_days(tmp_path):
    comp = compile_path(str(_plan(tmp_path, [c[0] for c in CASES])))
    assert comp.ok and not comp.diagnostics, [d.message("en") for d in comp.diagnostics]
    for (written, kind, first, last, printed), task in zip(CASES, comp.plan.all_tasks()):
        dl = task.deadline
        assert (dl.kind, dl.earliest(), dl.latest(), phrase("deadline", dl)) == (kind, first, last, printed), written


@pytest.mark.parametrize("written,code", [
    ("tuần 5 tháng 2", "M202"),      # February 2027 has no fifth week
    ("đầu tháng", "M216"),           # which month? (only under `tháng:`)
    ("trước 31/4", "M202"),
    ("tuần 2 tháng 9/2025", "D301"),  # a school-year form checked like any deadline
])
def test_wrong_forms_are_located(tmp_path, written, code):
    comp = compile_path(str(_plan(tmp_path, [written])))
    assert [d.code for d in comp.diagnostics] == [code]


def test_rollover_moves_written_years_and_school_year_forms_follow(tmp_path):
    forms = [c[0] for c in CASES]
    src = _plan(tmp_path, forms)
    result = rollover(Source.from_path(str(src)), 2027)
    new = tmp_path / "ke-hoach-2027.tdkt"
    new.write_text(result.text, encoding="utf-8")
    comp = compile_path(str(new))
    assert comp.plan is not None
    for (written, kind, first, last, _), task in zip(CASES, comp.plan.all_tasks()):
        assert task.deadline.kind == kind, written
        assert task.deadline.earliest().year == first.year + 1, written
        assert task.deadline.latest().year == last.year + 1, written


def test_the_last_day_of_a_month_is_the_calendar_s_to_the_last_year_a_date_has():
    """Month ends are computed without the calendar module (it is not imported on `check`): they
    must agree with it in every month of the years at both ends of the range, December 9999 too."""
    import calendar

    from tdkt_dsl.model.deadlines import last_day
    from tdkt_dsl.model.nodes import Deadline, YearMonth

    for year in (1, 4, 100, 1900, 2000, 2023, 2024, 9998, 9999):
        for month in range(1, 13):
            days = calendar.monthrange(year, month)[1]
            assert last_day(year, month) == days, (year, month)
            latest = Deadline(kind="month", month=YearMonth(month=month, year=year)).latest()
            assert latest == dt.date(year, month, days), (year, month)
