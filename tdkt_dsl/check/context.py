"""Kế hoạch đã lỗi thời so với bối cảnh (R609, C706–C708): cơ quan không còn, văn bản và giai đoạn
của chu kỳ trước. Kiến thức (thay đổi hành chính và ngày của chúng, loại văn bản theo năm) ở
tdkt_dsl/data/knowledge.toml; dự án bổ sung bằng `knowledge = [...]` trong tdkt.toml.

**R609 abolished-agency** — kế hoạch ban hành từ ngày 01/7/2025 (hoặc cho năm sau đó, khi ngày
còn để trống) mà cơ quan ban hành hay cơ quan chủ quản là cơ quan cấp huyện (quận, huyện, thị xã,
thành phố thuộc tỉnh; Phòng GD&ĐT của cấp huyện), đã bị bỏ từ ngày đó.

    cơ quan chủ quản: UBND QUẬN LONG BIÊN      // sai trong kế hoạch năm 2026
    cơ quan chủ quản: UBND PHƯỜNG LONG BIÊN    // đúng

**C706 citation-earlier-cycle** — văn bản được trích dẫn mang số, ngày của chu kỳ trước trong khi
trích yếu của nó ghi năm của kế hoạch (thường do chuyển năm: trích yếu đổi, số và ngày chưa đổi).

    năm: 2026
    - Kế hoạch số 322/KH-UBND ngày 09/12/2022 của UBND Thành phố về công tác TĐKT năm {năm}   // sai

**C707 old-document-in-prose** (ghi chú) — trong văn xuôi, một kế hoạch, công văn, hướng dẫn …
ban hành trước năm liền trước năm kế hoạch: xem còn dùng được không.

**C708 ended-period** (ghi chú) — "giai đoạn 2021-2025" đã kết thúc trước năm của kế hoạch.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator

from .. import vocabulary
from ..catalogue import Wording
from ..diagnostics import Diagnostic
from ..knowledge import fold, knowledge_for
from ..model.nodes import Plan, Text
from ..prose_dates import find_citations, find_years, matches_named, school_year_plan
from ..source import Source
from .prose import Lexicon, fold_keep, lexicon
from ._common import Locator, as_date, citations, diag, fmt_date, iter_texts, plain_of
from ._memo import identity, per_text, remembering

_PERIOD_HEAD = vocabulary.prose_pattern("period_head")
_SUMMARY_YEAR = vocabulary.prose_pattern("summary_year")
_SUMMARY_SCHOOL = vocabulary.prose_pattern("summary_school_year")
_YEAR_WORD_BEFORE = vocabulary.prose_pattern("year_word_before")


def effective_date(plan: Plan) -> _dt.date:
    """The issue date, or the first day of the plan's period while it is left blank."""
    h = plan.header
    issued = as_date(h.date)
    if issued is not None:
        return issued
    return _dt.date(h.year, 9, 1) if school_year_plan(h.year, h.school_year) else _dt.date(h.year, 1, 1)


def summary_year(summary: str) -> int | None:
    """The year a cited document is for, as its summary says: "… năm 2026", "năm học 2026-2027".

    Targets ("định hướng đến năm 2030"), periods and laws' years say nothing about the cycle."""
    m = next(matches_named("summary_school_year", _SUMMARY_SCHOOL, summary), None)  # (its search)
    if m:
        return int(m.group("a"))
    years = [y.year for y in find_years(summary)
             if y.kind == "plain" and _YEAR_WORD_BEFORE.search(summary[max(0, y.start - 5):y.start])]
    return max(years) if years else None


def _running_period(text: str, year: int) -> bool:
    """The text names a period that has not ended by ``year`` ("giai đoạn 2021-2025" in 2024)."""
    for m in find_years(text):
        if m.kind == "period" and m.role in ("end", "target") and m.year >= year:
            return True
    return False


def check_context(plan: Plan, sources: dict[str, Source]) -> Iterator[Diagnostic]:
    loc = Locator(sources)
    k = knowledge_for(plan.source_path)
    h = plan.header
    when = effective_date(plan)
    # ---- R609: the agency no longer exists
    for text in (h.parent, h.issuer):
        if not text or text.span is None:
            continue
        for change in k.changes:
            if when >= change.date and change.applies(text.plain):
                yield diag("R609", text.span, agency=text.plain.strip(), date=fmt_date(change.date),
                           change=Wording(change.what, change.what_en),
                           plan_date=fmt_date(when))
                break
    # ---- C706: a structured citation of an earlier cycle than its summary's year
    for c in citations(plan):
        d = as_date(c.date)
        if d is None or c.summary is None:
            continue
        s = summary_year(c.summary.plain)
        if s is None or s < h.year - 1 or d.year >= s - (0 if _SUMMARY_SCHOOL.search(c.summary.plain) else 1):
            continue
        span = c.date.span if c.date and c.date.span else c.span
        if span is not None:
            yield diag("C706", span, number=c.number, date=fmt_date(d), year=s)
    # ---- prose: citations (C706, C707) and ended periods (C708)
    yearly = {fold(t) for t in k.yearly_doc_types}
    lex = lexicon(k)
    context = (identity(k), h.year, tuple(h.school_year))  # with the text, all a result depends on
    memo = remembering()
    for w in iter_texts(plan):
        if w.kind not in ("preamble", "body", "closing", "task", "note", "appendix-note",
                          "citation-summary"):
            continue
        summary = w.kind == "citation-summary"
        if not memo:
            yield from _judge_text(w.text, summary, loc, h, yearly, lex)
            continue
        yield from per_text("context", w.text, (context, summary),
                            lambda w=w, summary=summary: _judge_text(w.text, summary, loc, h, yearly, lex), sources)


def _judge_text(text: Text, summary: bool, loc: Locator, h, yearly: set[str], lex: Lexicon) -> Iterator[Diagnostic]:
    """C706, C707 of the citations written in one text, and C708 of its ended periods."""
    plain = plain_of(text)
    cited = find_citations(plain) if not summary else []
    for c in cited:
        seg = plain[c.start:c.end]
        if c.date_year is None:
            continue
        i = seg.find(vocabulary.date_word("day"))
        dm = re.search(r"(?:19|20)\d{2}", seg[i:]) if i >= 0 else None
        at = (c.start + i + dm.start(), c.start + i + dm.end()) if dm else (c.start, c.end)
        sp = loc.span(text, *at)
        if sp is None or _running_period(seg, h.year):
            continue
        s = summary_year(seg)
        if s is not None and s >= h.year - 1 and c.date_year < s - 1:
            yield diag("C706", sp, number=c.number, date=str(c.date_year), year=s)
            continue
        # the work of this year runs "theo Kế hoạch số … ngày …" of an older cycle
        sentence = plain[max(plain.rfind(x, 0, c.start) for x in ";.") + 1:c.start]
        named = summary_year(sentence)
        this_cycle = named is not None and (named == h.year or (
            named == h.year - 1 and school_year_plan(h.year, h.school_year)))
        if (fold(c.doc_type) in yearly and c.date_year < h.year - 1 and this_cycle
                and not _running_period(sentence, h.year)):
            yield diag("C707", sp, number=c.number, date_year=c.date_year, year=h.year)
    yield from _ended_periods(text, plain, loc, h.year, lex)


def _ended_periods(text: Text, plain: str, loc: Locator, year: int, lex: Lexicon) -> Iterator[Diagnostic]:
    mentions = find_years(plain)
    for i, m in enumerate(mentions):
        if m.kind != "period" or m.role != "start" or i + 1 >= len(mentions):
            continue
        end = mentions[i + 1]
        if end.kind != "period" or end.role != "end" or end.year >= year:
            continue
        if not _PERIOD_HEAD.search(plain[max(0, m.start - 30):m.start]):
            continue
        sentence_start = max(plain.rfind(c, 0, m.start) for c in ";.") + 1
        if lex.backward.search(lex.blank_neutral(fold_keep(plain)), sentence_start, m.start):
            continue  # "tổng kết giai đoạn 2021-2025": looking back at it is right
        sp = loc.span(text, m.start, end.end)
        if sp is not None:
            yield diag("C708", sp, period=plain[m.start:end.end], year=year)
