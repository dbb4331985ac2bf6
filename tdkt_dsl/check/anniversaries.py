"""Ngày kỷ niệm và lịch âm (A5xx).

**A501 anniversary-count-mismatch** — "kỷ niệm N năm … (d/m/Y1 - d/m/Y2)" mà Y2 − Y1 ≠ N.

    kỷ niệm 75 năm Ngày Bác Hồ ra Lời kêu gọi thi đua ái quốc (11/6/1948 - 11/6/2024)   // sai: 76 năm
    kỷ niệm 75 năm Ngày Bác Hồ ra Lời kêu gọi thi đua ái quốc (11/6/1948 - 11/6/2023)   // đúng

**A502 anniversary-not-plan-year** — năm kỷ niệm (Y2) không phải năm của kế hoạch.

    năm: 2024
    kỷ niệm 69 năm Ngày Giải phóng Thủ đô (10/10/1954 - 10/10/2023)   // sai: không phải năm 2024
    kỷ niệm 70 năm Ngày Giải phóng Thủ đô (10/10/1954 - 10/10/2024)   // đúng

Dạng tháng/năm cũng được xét: "kỷ niệm 70 năm Ngày thành lập ngành (10/1954 - 10/2024)".

**A503 anniversary-date-mismatch** — hai đầu của khoảng kỷ niệm khác ngày/tháng.

    (06/11/2003 - 16/11/2023)   // sai
    (06/11/2003 - 06/11/2023)   // đúng

**A505 anniversary-count-base-year** — "kỷ niệm N năm Ngày …" không ghi khoảng năm: N được đối chiếu
với năm gốc của ngày đó trong tdkt_dsl/data/knowledge.toml (dự án bổ sung bằng `knowledge = [...]`).

    năm: 2024
    kỷ niệm 69 năm Ngày Giải phóng Thủ đô     // sai: 2024 − 1954 = 70
    kỷ niệm 70 năm Ngày Giải phóng Thủ đô     // đúng

**A504 can-chi-mismatch** — tên can chi sau "Tết", "Tết Nguyên đán", "Xuân", "năm" không đúng với
năm in bên cạnh (hoặc, khi không in năm sau "Tết"/"Xuân", với năm âm lịch của kế hoạch).

    Tết Nguyên đán Quý Mão 2024     // sai: 2024 là năm Giáp Thìn
    Tết Nguyên đán Giáp Thìn 2024   // đúng
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..model.nodes import Plan
from ..source import Source
from ..knowledge import knowledge_for
from .. import vocabulary
from ..catalogue import say
from ..prose_dates import branch, can_chi, cannot_match, complete_year, find_anniversaries, lacks_count, matches_named, stem
from ..vocabulary import fold
from ._common import PROSE, Locator, diag, iter_texts, make_fix, plain_of
from ._memo import identity, per_text, remembering



_ANNIV = vocabulary.prose_pattern("anniversary_range")
_CELEBRATE = vocabulary.prose_pattern("celebrate")

# "Tết Nguyên đán Quý Mão 2023", "mừng Xuân Giáp Thìn 2024", "năm Ất Tỵ 2025", "Tết Bính Ngọ":
# the can-chi is held to the year printed beside it, or to the plan's lunar year(s) when none is
_TET = vocabulary.prose_pattern("lunar_new_year")


def _parts(raw: str) -> tuple[int | None, int, int]:
    nums = [int(x) for x in re.findall(r"\d+", raw)]
    if len(nums) == 3:
        return nums[0], nums[1], nums[2]
    return None, nums[0], nums[1]


def check_anniversaries(plan: Plan, sources: dict[str, Source]) -> Iterator[Diagnostic]:
    loc = Locator(sources)
    year = plan.header.year
    k = knowledge_for(plan.source_path)
    h = plan.header
    context = (identity(k), year, tuple(h.school_year))  # with the text, all a result depends on
    memo = remembering()
    for w in iter_texts(plan):
        if w.kind not in PROSE:
            continue
        if not memo:
            yield from _judge_text(plan, w, loc, k)
            continue
        yield from per_text("anniversaries", w.text, context, lambda w=w: _judge_text(plan, w, loc, k), sources)


def _judge_text(plan: Plan, w, loc: Locator, k) -> Iterator[Diagnostic]:
    year = plan.header.year
    yield from _base_year_counts(plan, w, loc, k)
    plain = plain_of(w.text)
    ranged = not (cannot_match(plain, "anniversary_range") or lacks_count(plain))  # "75 năm … (…-…)"
    for m in matches_named("anniversary_range", _ANNIV, plain) if ranged else ():
        before = plain[max(0, m.start() - 250): m.start()]
        if not (_CELEBRATE.search(before) or _CELEBRATE.search(m.group("what"))):
            continue
        n = int(m.group("n"))
        d1, mo1, y1 = _parts(m.group("d1"))
        d2, mo2, y2 = _parts(m.group("d2"))
        if n == 0 or not (1 <= mo1 <= 12 and 1 <= mo2 <= 12):
            continue
        if y2 - y1 != n:
            sp = loc.span(w.text, m.start("n"), m.end("n"))
            if sp is not None:
                fix = make_fix([loc.edit(w.text, m.start("n"), m.end("n"), str(y2 - y1))],
                               say("fix.make-it-years", n=y2 - y1), safe=False)
                yield diag("A501", sp, fix=fix, n=n, y1=y1, y2=y2, diff=y2 - y1)
        if y2 != year:
            ystart = m.end("d2") - 4
            sp = loc.span(w.text, ystart, m.end("d2"))
            if sp is not None:
                yield diag("A502", sp, y2=y2, year=year)
        if (d1, mo1) != (d2, mo2) and (d1 is None) == (d2 is None):
            sp = loc.span(w.text, m.start("d2"), m.end("d2"))
            if sp is not None:
                yield diag("A503", sp, d1=m.group("d1"), d2=m.group("d2"))
    for m in matches_named("lunar_new_year", _TET, plain) if not cannot_match(plain, "lunar_new_year") else ():
        can = stem(m.group("can"))
        chi = branch(m.group("chi"))
        if can is None or chi is None:
            continue
        found = f"{can} {chi}"
        if m.group("y"):
            years = [int(m.group("y"))]
        elif fold(m.group("lead")) == fold(vocabulary.date_word("year")):
            continue  # "năm Quý Mão" without a year: which year is meant is not written
        else:
            years = lunar_years(plan)
        if any(can_chi(y) == found for y in years):
            continue
        y = years[-1] if not m.group("y") else years[0]
        expected = can_chi(y)
        s, e = m.start("can"), m.end("chi")
        sp = loc.span(w.text, s, e)
        if sp is None:
            continue
        fix = make_fix([loc.edit(w.text, s, e, expected)], say("fix.make-it", to=expected), safe=False)
        yield diag("A504", sp, fix=fix, year=y, expected=expected, found=f"{m.group('can')} {m.group('chi')}")


def _base_year_counts(plan: Plan, w, loc: Locator, k) -> Iterator[Diagnostic]:
    h = plan.header
    plain = plain_of(w.text)
    for an in find_anniversaries(plain):
        if an.origin_year is not None:
            continue  # a written range: A501/A502
        known = k.anniversary_of(an.event)
        if known is None:
            continue
        month = known.day_month[1] if known.day_month else 1
        year = complete_year(month, h.year, h.school_year) if known.day_month else h.year
        expected = year - known.year
        if expected == an.count or expected <= 0:
            continue
        a, b = an.count_span
        sp = loc.span(w.text, a, b)
        if sp is None:
            continue
        fix = make_fix([loc.edit(w.text, a, b, str(expected))], say("fix.make-it-years", n=expected),
                       safe=False)
        yield diag("A505", sp, fix=fix, n=an.count, event=an.event, base=known.year, year=year,
                   expected=expected)


def lunar_years(plan: Plan) -> list[int]:
    """The years whose Tết a plan celebrates: its year, and the next one for a school-year plan."""
    h = plan.header
    a, b = h.school_year
    return [h.year] if b == h.year else [h.year, h.year + 1]
