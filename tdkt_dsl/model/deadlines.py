"""The school year's calendar: which days "học kỳ I", "tuần 2 tháng 9", "cuối tháng 12" or
"trước 30/4" mean.

The calendar is data (tdkt_dsl/data/school-calendar.toml); this module turns it into date ranges
for the model builder. A day or month written without a year belongs to the plan's school year:
September–December to its first year, January–August to its second.
"""


import datetime as _dt
from typing import NamedTuple
from functools import lru_cache

from .. import vocabulary
from ..resources import data_table


FIRST_MONTH_OF_SCHOOL_YEAR = 9  # September opens the school year


class SchoolCalendar(NamedTuple):
    semesters: dict[int, tuple[tuple[int, int], tuple[int, int]]]  # n → ((day, month), (day, month))
    month_parts: dict[str, tuple[int, int]]  # early/mid/late → (first day, last day)


def _day_month(s: str) -> tuple[int, int]:
    d, m = s.split("/")
    return int(d), int(m)


@lru_cache(maxsize=1)
def school_calendar() -> SchoolCalendar:
    data = data_table("school-calendar")
    sem = {int(k): (_day_month(v["start"]), _day_month(v["end"])) for k, v in data["semester"].items()}
    parts = {k: (int(v[0]), int(v[1])) for k, v in data["month_part"].items()}
    return SchoolCalendar(sem, parts)


def year_in_school_year(month: int, school_year: tuple[int, int]) -> int:
    """The year of a month written without one (`tháng 10`, `30/4`)."""
    return school_year[0] if month >= FIRST_MONTH_OF_SCHOOL_YEAR else school_year[1]


def last_day(year: int, month: int) -> int:
    """The number of days of a month (what calendar.monthrange gives, without importing calendar
    and locale on every start)."""
    if month == 12:
        return 31
    return (_dt.date(year, month + 1, 1) - _dt.timedelta(days=1)).day


def week_range(year: int, month: int, week: int) -> tuple[_dt.date, _dt.date]:
    """Week N of a month: days 7·(N−1)+1 … 7·N; ValueError when the month has no such week."""
    last = last_day(year, month)
    first = 7 * (week - 1) + 1
    if week < 1 or first > last:
        raise ValueError(f"week {week} of {month}/{year}")
    return _dt.date(year, month, first), _dt.date(year, month, min(7 * week, last))


def month_part_range(year: int, month: int, part: str) -> tuple[_dt.date, _dt.date]:
    first, last = school_calendar().month_parts[part]
    return _dt.date(year, month, first), _dt.date(year, month, min(last, last_day(year, month)))


def semester_range(semester: int, school_year: tuple[int, int], part: str | None
                   ) -> tuple[_dt.date, _dt.date]:
    """The days of a semester (or of its first, middle or last third)."""
    (d1, m1), (d2, m2) = school_calendar().semesters[semester]
    start = _dt.date(year_in_school_year(m1, school_year), m1, d1)
    end = _dt.date(year_in_school_year(m2, school_year), m2, d2)
    if part in (None, "within"):
        return start, end
    days = (end - start).days + 1
    third = days // 3
    i = {"early": 0, "mid": 1, "late": 2}[part]
    a = start + _dt.timedelta(days=i * third)
    b = end if i == 2 else a + _dt.timedelta(days=third - 1)
    return a, b




def part_of(word: str) -> str:
    """`cuối` → "late" (the vocabulary's [deadline_parts])."""
    return vocabulary.value("deadline_parts", word)
