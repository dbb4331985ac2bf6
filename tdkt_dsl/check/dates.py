"""Ngày tháng (D3xx): thời hạn, ngày ban hành, ngày của văn bản được trích dẫn, thứ tự tháng.

Ngày không có thật (30/02) đã được báo ở bước dựng mô hình (M202).

**D301 deadline-before-issue** — thời hạn đã qua trước ngày ban hành kế hoạch.

    ngày: 15/02/2023
    nhiệm vụ: Trình Thành phố xét tặng danh hiệu Nhà giáo Ưu tú
      hạn: trước ngày 10/02/2023        // sai: kế hoạch ban hành ngày 15/02
      hạn: trước ngày 10/3/2023         // đúng

**D302 deadline-outside-period** — thời hạn nằm ngoài năm của kế hoạch và ngoài năm học.

    năm: 2024
      hạn: tháng 05/2022                // sai
      hạn: tháng 05/{năm}               // đúng

**D303 citation-after-issue** — văn bản được trích dẫn (ở `căn cứ:` hoặc trong đoạn văn) mang ngày
sau ngày ban hành kế hoạch: không thể căn cứ vào văn bản chưa có.

    ngày: 15/02/2023
    … Kế hoạch số 66/KH-HĐTĐKT ngày 09 tháng 10 năm 2023 …   // sai
    … Kế hoạch số 66/KH-HĐTĐKT ngày 09 tháng 10 năm 2022 …   // đúng

**D304 month-out-of-order** — phụ lục theo tháng có nhóm `tháng:` đứng sau một tháng muộn hơn.

    tháng: 03/{năm}
    tháng: 02/{năm}                     // sai: tháng 2 sau tháng 3

**D305 month-heading-mismatch** — nhiệm vụ dưới `tháng: 03/2024` nhưng thời hạn ở tháng khác.

    tháng: 03/{năm}
    nhiệm vụ: Tổng kết năm học
      hạn: ngày 20/05/{năm}             // sai: nhiệm vụ tháng 5 nằm ở nhóm tháng 3

**D306 reversed-range** — khoảng thời gian có ngày kết thúc trước ngày bắt đầu.

      hạn: từ 15/03/2024 đến 01/03/2024 // sai
      hạn: từ 01/03/2024 đến 15/03/2024 // đúng

**D311 empty-range** — khoảng thời gian bắt đầu và kết thúc cùng một tháng (một ngày): thường là
gõ nhầm một đầu, hoặc chỉ cần ghi một tháng (một ngày).

      hạn: từ tháng 9 đến tháng 9       // sai: đến tháng nào?
      hạn: từ tháng 9 đến tháng 10      // đúng
      hạn: tháng 9                      // đúng, nếu chỉ trong tháng 9

**D307 issue-date-outside-year** — ngày ban hành không thuộc năm kế hoạch hay năm liền trước.

    năm: 2024
    ngày: 02/01/2022                    // sai
    ngày: 02/01/2024                    // đúng
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator

from ..catalogue import Wording, say
from ..diagnostics import Diagnostic, Related
from ..model.nodes import Plan
from ..source import Source
from ._common import Locator, as_date, citations, diag, fmt_date, prose_citations



def _describe(dl) -> Wording | str:
    """A deadline in words, for messages: "trước ngày 10/02/2023" / "before 10/02/2023"."""
    if dl.kind in ("before", "on") and dl.date:
        return say(f"dates.deadline.{dl.kind}", date=fmt_date(dl.date.as_date()))
    if dl.kind == "range" and dl.date and dl.end:
        return f"{fmt_date(dl.date.as_date())} – {fmt_date(dl.end.as_date())}"
    if dl.kind in ("week", "semester") or (dl.kind == "month" and dl.date and dl.end):
        # a school-year form: the days it means (the form itself is at the caret)
        return f"{fmt_date(dl.date.as_date())} – {fmt_date(dl.end.as_date())}"
    if dl.kind == "month" and dl.month:
        return say("dates.month", month=f"{dl.month.month:02d}/{dl.month.year}")
    if dl.kind == "month_range" and dl.month and dl.start_month:
        if dl.start_month.year != dl.month.year:
            return say("dates.months", first=f"{dl.start_month.month:02d}/{dl.start_month.year}",
                       last=f"{dl.month.month:02d}/{dl.month.year}")
        return say("dates.months-in-year", first=f"{dl.start_month.month:02d}",
                   last=f"{dl.month.month:02d}/{dl.month.year}")
    return dl.kind


def _period(plan: Plan) -> tuple[_dt.date, _dt.date]:
    """The plan's year joined with its school year (August to August)."""
    y = plan.header.year
    a, b = plan.header.school_year
    start = min(_dt.date(y, 1, 1), _dt.date(a, 8, 1))
    end = max(_dt.date(y, 12, 31), _dt.date(b, 8, 31))
    return start, end


def check_dates(plan: Plan, sources: dict[str, Source]) -> Iterator[Diagnostic]:
    loc = Locator(sources)
    issued = as_date(plan.header.date)
    h = plan.header
    if issued is not None and issued.year not in (h.year - 1, h.year) and plan.header.date.span:
        yield diag("D307", plan.header.date.span, issued=fmt_date(issued), year=h.year)
    start, end = _period(plan)
    school = f"{h.school_year[0]}-{h.school_year[1]}"
    for appendix in plan.appendices:
        for task in appendix.all_tasks():
            dl = task.deadline
            if dl.span is None:
                continue
            try:
                latest, earliest = dl.latest(), dl.earliest()
            except ValueError:
                continue
            if dl.kind == "range" and dl.date and dl.end and dl.end.as_date() < dl.date.as_date():
                yield diag("D306", dl.span, start=fmt_date(dl.date.as_date()), end=fmt_date(dl.end.as_date()))
                continue
            if dl.kind == "month_range" and dl.start_month and dl.month and dl.start_month.key() > dl.month.key():
                yield diag("D306", dl.span, start=say("dates.month", month=dl.start_month.month),
                           end=say("dates.month", month=f"{dl.month.month}/{dl.month.year}"))
                continue
            if dl.kind == "range" and dl.date and dl.end and dl.end.as_date() == dl.date.as_date():
                yield diag("D311", dl.span, same=say("dates.day", date=fmt_date(dl.date.as_date())))
            elif dl.kind == "month_range" and dl.start_month and dl.month and dl.start_month.key() == dl.month.key():
                yield diag("D311", dl.span, same=say("dates.month", month=f"{dl.month.month}/{dl.month.year}"))
            if issued is not None and latest is not None and latest < issued:
                yield diag("D301", dl.span, deadline=_describe(dl), issued=fmt_date(issued))
            elif latest is not None and earliest is not None and (latest > end or earliest < start):
                yield diag("D302", dl.span, deadline=_describe(dl), year=h.year, school_year=school)
        if appendix.layout == "by_month":
            prev = None
            for g in appendix.groups:
                if prev is not None and g.month.key() < prev.month.key() and g.month.span:
                    yield diag("D304", g.month.span, month=f"{g.month.month:02d}/{g.month.year}",
                               previous=f"{prev.month.month:02d}/{prev.month.year}",
                               related=[Related.of(prev.month.span, say("dates.related.earlier-month"))]
                               if prev.month.span else None)
                if prev is None or g.month.key() >= prev.month.key():
                    prev = g
                yield from _group_mismatch(g)
    # citations dated after the plan
    if issued is not None:
        for c in citations(plan):
            d = as_date(c.date)
            if d is not None and d > issued and c.date is not None and c.date.span is not None:
                yield diag("D303", c.date.span, cited=fmt_date(d), issued=fmt_date(issued))
        for pc in prose_citations(plan):
            if pc.date is not None and pc.date > issued and pc.date_at:
                sp = loc.span(pc.text, *pc.date_at)
                if sp is not None:
                    yield diag("D303", sp, cited=fmt_date(pc.date), issued=fmt_date(issued))


def _group_mismatch(g) -> Iterator[Diagnostic]:
    gk = g.month.key()
    for t in g.tasks:
        dl = t.deadline
        if dl.span is None or dl.span == g.month.span:
            continue  # the task takes its group's month
        try:
            latest, earliest = dl.latest(), dl.earliest()
        except ValueError:
            continue
        if latest is None:
            continue
        late = (latest.year, latest.month)
        early = (earliest.year, earliest.month) if earliest is not None else None
        if gk > late or (dl.kind != "before" and early is not None and gk < early):
            yield diag("D305", dl.span, month=f"{g.month.month:02d}/{g.month.year}", deadline=_describe(dl))
