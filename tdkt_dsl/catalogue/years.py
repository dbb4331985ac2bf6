"""Years in prose (Y4xx)."""

from __future__ import annotations

from .entries import ERROR, WARNING, Code

CODES: tuple[Code, ...] = (
    Code("Y401", "school-year-mismatch", WARNING,
         vi="Năm học {found} không thuộc kỳ của kế hoạch năm {year} (năm học {school_year}).",
         en="School year {found} is outside the period of the {year} plan (school year {school_year})."),
    Code("Y402", "previous-year-meant", ERROR,
         vi='"Kết quả đạt được" là của năm trước: năm {found} ở đây phải là {expected}.',
         en='"Results achieved" belong to the previous year: {found} here should be {expected}.'),
    Code("Y403", "title-year-mismatch", ERROR,
         vi="Năm {found} trong {where} khác năm kế hoạch {year}.",
         en="The year {found} in {where} differs from the plan year {year}.",
         fixable=True),
    Code("Y404", "stale-school-year", WARNING,
         vi="Việc nhìn tới ở dòng tháng {when} ghi năm học {found}, đã kết thúc ngày {ended}: "
            "dòng này thuộc năm học {expected}.",
         en="Forward-looking work in the row of {when} names the school year {found}, which ended"
            " on {ended}: the row belongs to the school year {expected}.",
         fixable=True),
    Code("Y405", "stale-year", WARNING,
         vi="Việc nhìn tới ở dòng tháng {when} ghi năm {found}, đã qua: kế hoạch là của năm {year}.",
         en="Forward-looking work in the row of {when} names the year {found}, already past: the"
            " plan is for {year}.",
         fixable=True),
)
