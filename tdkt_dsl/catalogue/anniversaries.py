"""Anniversaries and the lunar calendar (A5xx)."""

from __future__ import annotations

from .entries import ERROR, WARNING, Code

CODES: tuple[Code, ...] = (
    Code("A501", "anniversary-count-mismatch", ERROR,
         vi="Kỷ niệm {n} năm nhưng từ {y1} đến {y2} là {diff} năm.",
         en="A {n}th anniversary, but {y1} to {y2} is {diff} years."),
    Code("A502", "anniversary-not-plan-year", WARNING,
         vi="Năm kỷ niệm {y2} không phải năm của kế hoạch ({year}).",
         en="The anniversary year {y2} is not the plan's year ({year})."),
    Code("A503", "anniversary-date-mismatch", WARNING,
         vi="Hai mốc của ngày kỷ niệm khác nhau: {d1} và {d2}.",
         en="The two ends of the anniversary differ: {d1} and {d2}."),
    Code("A504", "can-chi-mismatch", ERROR,
         vi="Năm {year} là năm {expected}, không phải {found}.",
         en="{year} is the year of {expected}, not {found}."),
    Code("A505", "anniversary-count-base-year", ERROR,
         vi="Kỷ niệm {n} năm {event}: từ năm {base} đến năm {year} là {expected} năm.",
         en="A {n}th anniversary of {event}: {base} to {year} is {expected} years.",
         fixable=True),
)
