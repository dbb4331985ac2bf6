"""Years in prose (Y4xx)."""

from __future__ import annotations

from .code import ERROR, WARNING, Code

CODES: tuple[Code, ...] = (
    Code("Y401", "school-year-mismatch", WARNING,
         vi="Năm học {found} không thuộc kỳ của kế hoạch năm {year} (năm học {school_year}).",
         en="School year {found} is outside the period of the {year} plan (school year {school_year})."),
    Code("Y402", "previous-year-meant", ERROR,
         vi='"Kết quả đạt được" là của năm trước: năm {found} ở đây phải là {expected}.',
         en='"Results achieved" belong to the previous year: {found} here should be {expected}.'),
    Code("Y403", "title-year-mismatch", ERROR,
         vi="Năm {found} trong {where} khác năm kế hoạch {year}.",
         en="The year {found} in {where_en} differs from the plan year {year}.",
         fixable=True),
)
