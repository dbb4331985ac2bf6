"""Năm trong văn xuôi (Y4xx): năm, năm học viết tay mâu thuẫn với kỳ của kế hoạch.

Viết năm bằng biến (`{năm}`, `{năm_trước}`, `{năm_học}` …) thì không bao giờ sót năm cũ; các quy
tắc này chỉ xét chữ viết tay và gợi ý biến thay thế.

**Y401 school-year-mismatch** — "năm học 2022-2023" trong kế hoạch năm 2024 (năm học 2023-2024):
kế hoạch năm N chỉ nói tới năm học N-1–N và N–N+1.

    năm: 2024
    - Tổng kết năm học 2022-2023          // sai
    - Tổng kết năm học {năm_học}          // đúng

**Y402 previous-year-meant** — "kết quả đạt được … năm 2023" trong kế hoạch năm 2023: kết quả
đạt được là của năm trước.

    năm: 2023
    Phát huy kết quả đạt được trong công tác thi đua, khen thưởng năm 2023, …   // sai
    Phát huy kết quả đạt được trong công tác thi đua, khen thưởng năm {năm_trước}, …   // đúng

**Y403 title-year-mismatch** — trích yếu hay tên phụ lục ghi năm khác năm kế hoạch.

    năm: 2024
    trích yếu: Công tác thi đua, khen thưởng năm 2023     // sai
    trích yếu: Công tác thi đua, khen thưởng năm {năm}    // đúng
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import vocabulary
from ..diagnostics import Diagnostic, Edit
from ..model.nodes import Plan, Text
from ..source import Source
from ..catalogue import say
from ._common import Locator, diag, iter_texts, make_fix, plain_of
from ._memo import per_text, remembering
from ..prose_dates import cannot_match, matches_named



_SCHOOL = vocabulary.prose_pattern("school_year")
_ACHIEVED = vocabulary.prose_pattern("achieved")
_YEAR = vocabulary.prose_pattern("year_in_title")

_NO_PROSE = ("registry", "signer", "header", "recipient", "citation-issuer", "citation-summary")


def _year_edit(loc: Locator, text: Text, start: int, end: int, var: str) -> Edit | None:
    """Replace the year at [start, end) by a variable: literal digits, or the variable that made it."""
    e = loc.edit(text, start, end, var)
    if e is not None:
        return e
    pos = 0
    for r in text.runs:
        a, b = pos, pos + len(r.text)
        pos = b
        if a <= start and end <= b and r.origin == "var" and r.span is not None and (a, b) == (start, end):
            return Edit(start=r.span.start, end=r.span.end, text=var)
    return None


def check_years(plan: Plan, sources: dict[str, Source]) -> Iterator[Diagnostic]:
    loc = Locator(sources)
    y = plan.header.year
    sy = plan.header.school_year
    ok_school = {sy, (y - 1, y), (y, y + 1)}
    memo = remembering()
    for w in iter_texts(plan):
        if w.kind in _NO_PROSE:
            continue
        if not memo:
            yield from _judge_text(loc, w, y, sy, ok_school)
            continue
        title = w.kind in ("title", "appendix-title")
        yield from per_text("years", w.text, (y, tuple(sy), w.kind if title else None),
                            lambda w=w: _judge_text(loc, w, y, sy, ok_school), sources)


def _judge_text(loc: Locator, w, y: int, sy: tuple[int, int], ok_school: set) -> Iterator[Diagnostic]:
    plain = plain_of(w.text)
    for m in matches_named("school_year", _SCHOOL, plain) if not cannot_match(plain, "school_year") else ():
        a, b = int(m.group("a")), int(m.group("b"))
        s, e = m.start("a"), m.end("b")
        if not loc.literal(w.text, s, e):
            continue
        if (a, b) in ok_school and b == a + 1:
            continue
        sp = loc.span(w.text, s, e)
        if sp is None:
            continue
        fix = make_fix([loc.edit(w.text, s, e, vocabulary.variable("school_year"))],
                       say("fix.use-variable", variable=vocabulary.variable("school_year")), safe=False)
        yield diag("Y401", sp, fix=fix, found=f"{a}-{b}", year=y, school_year=f"{sy[0]}-{sy[1]}")
    for m in _ACHIEVED.finditer(plain) if not cannot_match(plain, "achieved") else ():
        tail_end = len(plain)
        stop = re.search(r"[;.:!?]", plain[m.end():])
        if stop:
            tail_end = m.end() + stop.start()
        tail_end = min(tail_end, m.end() + 160)
        ym = _YEAR.search(plain, m.end(), tail_end)
        if not ym or int(ym.group("y")) != y:
            continue
        s, e = ym.start("y"), ym.end("y")
        sp = loc.span(w.text, s, e)
        if sp is None:
            continue
        fix = make_fix([_year_edit(loc, w.text, s, e, vocabulary.variable("prev_year"))],
                       say("fix.use-variable", variable=vocabulary.variable("prev_year")), safe=False)
        yield diag("Y402", sp, fix=fix, found=y, expected=y - 1)
    if w.kind in ("title", "appendix-title"):
        for ym in _YEAR.finditer(plain):
            found = int(ym.group("y"))
            s, e = ym.start("y"), ym.end("y")
            if found == y or not loc.literal(w.text, s, e):
                continue
            sp = loc.span(w.text, s, e)
            if sp is None:
                continue
            fix = make_fix([loc.edit(w.text, s, e, vocabulary.variable("year"))],
                           say("fix.use-variable", variable=vocabulary.variable("year")))
            where = say("years.where.title" if w.kind == "title" else "years.where.appendix-title")
            yield diag("Y403", sp, fix=fix, found=found, year=y, where=where)
