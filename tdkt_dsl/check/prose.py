"""Ngày và năm học viết trong văn xuôi (D308–D310, Y404–Y405): nơi người soạn thật sự viết ngày.

Mỗi đoạn văn, gạch đầu dòng, nội dung và ghi chú nhiệm vụ, ô phụ lục, thời hạn viết tự do được
đọc; ngày không ghi năm ("trước 30/4") được điền năm theo tháng của dòng (nhóm `tháng:`, thời hạn
của nhiệm vụ) hoặc theo năm học (tháng 9–12 → năm đầu, tháng 1–8 → năm sau). Ngày là lịch sử
(khoảng kỷ niệm, ngày của văn bản được trích dẫn, "ngày 03/02" là ngày lễ, sau "kỷ niệm", "chào
mừng") không bị xét. Từ ngữ (thời hạn, nhìn tới, nhìn lại) ở tdkt_dsl/data/knowledge.toml.

**D308 prose-deadline-before-issue** — thời hạn viết trong văn bản đã qua trước ngày ban hành.

    ngày: 15/02/2023
    tháng: 05/2023
    nhiệm vụ: Các trường gửi hồ sơ về Phòng trước ngày 25/5/2022     // sai
    nhiệm vụ: Các trường gửi hồ sơ về Phòng trước ngày 25/5/{năm}    // đúng

**D309 prose-date-outside-period** — một ngày (có ghi năm) nằm ngoài năm và năm học của kế hoạch
nhưng không phải lịch sử (trong vòng hai năm quanh kỳ kế hoạch).

**D310 prose-date-month-mismatch** — dòng của nhóm `tháng: 05/2023` mà thời hạn viết trong văn
bản đã hết trước tháng đó ("trước ngày 30/4"), hay việc "vào ngày" của tháng khác.

**Y404 stale-school-year** — việc nhìn tới (đăng ký, hướng dẫn, triển khai, phát động, xây dựng
kế hoạch, tập huấn) ở một dòng sau khi năm học đã kết thúc mà vẫn ghi năm học đã kết thúc. Việc
nhìn lại (tổng kết, bình xét, đánh giá, khen thưởng, báo cáo kết quả, hồ sơ đề nghị) thì đúng.

    tháng: 09/2023
    nhiệm vụ: Phát động đăng ký thi đua năm học 2022-2023      // sai: tháng 9/2023 là năm học 2023-2024
    nhiệm vụ: Tổng kết, khen thưởng năm học 2022-2023          // đúng

**Y405 stale-year** — việc nhìn tới ghi "năm N" đã qua so với thời điểm của dòng và năm kế hoạch.

    năm: 2024
    nhiệm vụ: Triển khai Cuộc thi viết về gương điển hình tiên tiến năm 2023   // sai
    nhiệm vụ: Khen thưởng gương điển hình tiên tiến năm 2023                     // đúng
"""


import datetime as _dt
import re
from collections.abc import Iterator
from typing import NamedTuple
from functools import lru_cache

from ..diagnostics import Diagnostic, Span
from ..knowledge import Knowledge, fold, knowledge_for
from ..model.deadlines import last_day
from ..model.nodes import Plan, Run, Text, YearMonth
from ..prose_dates import complete_year, find_anniversaries, find_citations, find_dates, find_years
from ..source import Source
from ..catalogue import say
from ._common import Locator, as_date, diag, fmt_date, iter_texts, make_fix, plain_of
from ._memo import identity, per_text, remembering

_NOT_PROSE = ("registry", "signer", "header", "recipient", "citation-issuer", "citation-summary",
              "title", "appendix-title")


class DatedText(NamedTuple):
    """A text with the time it belongs to."""

    text: Text
    kind: str
    group: YearMonth | None = None  # the month group of a timeline row
    when: _dt.date | None = None  # the date the row is about (deadline, group, issue date)
    near: tuple[int, int] | None = None  # the month a year-less date is completed near


def _month_end(ym: YearMonth) -> _dt.date:
    return _dt.date(ym.year, ym.month, last_day(ym.year, ym.month))


def _quoted_deadline(dl, sources: dict[str, Source]) -> Text | None:
    """A free-text deadline (`hạn: "…"`) as a Text whose characters map onto the source."""
    if dl.kind != "text" or not dl.text or dl.span is None:
        return None
    src = sources.get(dl.span.file)
    if src is None:
        return None
    i = src.text.find(dl.text, dl.span.start, dl.span.end)
    if i < 0:
        return None
    return Text(runs=[Run(text=dl.text, span=Span.of(src, i, i + len(dl.text)))])


def rows(plan: Plan, sources: dict[str, Source]) -> Iterator[DatedText]:
    issued = as_date(plan.header.date)
    in_tasks: set[int] = set()
    for a in plan.appendices:
        groups = a.groups if a.layout == "by_month" else [None]
        for g in groups:
            tasks = g.tasks if g is not None else a.tasks
            for t in tasks:
                try:
                    latest = t.deadline.latest()
                except ValueError:
                    latest = None
                if g is not None:
                    when = _month_end(g.month) if latest is None or latest.month != g.month.month else latest
                    near = (g.month.year, g.month.month)
                else:
                    when = latest or issued
                    near = (latest.year, latest.month) if latest else None
                texts = [t.content, t.note, _quoted_deadline(t.deadline, sources)]
                for txt in texts:
                    if txt is not None and plain_of(txt).strip():  # (Text.__bool__, its characters joined once)
                        in_tasks.add(id(txt))
                        yield DatedText(txt, "task", g.month if g is not None else None, when, near)
    for w in iter_texts(plan):
        if w.kind in _NOT_PROSE or id(w.text) in in_tasks:
            continue
        yield DatedText(w.text, w.kind, None, issued, None)


def _words(words: list[str]) -> re.Pattern:
    alts = "|".join(re.escape(fold(w)) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)")


class Lexicon:
    """The word lists of the knowledge file as patterns over `fold_keep`ed text."""

    def __init__(self, k: Knowledge) -> None:
        self.k = k
        self.forward = _words(k.forward)
        self.backward = _words(k.backward)
        self.history = _words(k.history_words)
        alts = "|".join(re.escape(fold(w)) for w in sorted(k.deadline_words, key=len, reverse=True))
        # the deadline word right before the date: "trước ngày 25/5", "hạn: 30/4", "chậm nhất là ngày 10/02"
        self.deadline = re.compile(rf"(?<!\w)(?:{alts})\s*:?\s*(?:la\s+)?(?:ngay\s+)?$")
        self.on_day = re.compile(r"(?<!\w)vao\s+(?:ngay\s+)?$")
        # names of a field of work ("công tác thi đua, khen thưởng") are no verbs
        alts = "|".join(r"[\s,\-–]+".join(map(re.escape, fold(w).split())) for w in k.neutral)
        self.neutral = re.compile(rf"(?<!\w)(?:{alts})(?!\w)") if alts else None

    def blank_neutral(self, folded: str) -> str:
        if self.neutral is None:
            return folded
        return self.neutral.sub(lambda m: " " * len(m.group()), folded)

    def looks_forward(self, folded: str, start: int, end: int) -> bool:
        """The work that names [start, end) looks forward: the nearest verb before it in its
        sentence is forward-looking (đăng ký, triển khai …), and no backward-looking word
        (tổng kết, khen thưởng, kết quả …) comes between, nor after it in its clause."""
        stop = _SENTENCE_STOP
        a = max([m.end() for m in stop.finditer(folded, 0, start)] or [0])
        last_fwd = max([m.end() for m in self.forward.finditer(folded, a, start)] or [-1])
        last_back = max([m.end() for m in self.backward.finditer(folded, a, start)] or [-1])
        if last_fwd < 0 or last_back > last_fwd:
            return False
        _, cb = _clause(folded, start, end)
        return not self.backward.search(folded, end, cb)


_LEXICONS: dict[int, tuple[Knowledge, Lexicon]] = {}


def lexicon(k: Knowledge) -> Lexicon:
    """The patterns of a loaded knowledge, built once (knowledge tables are never changed)."""
    hit = _LEXICONS.get(id(k))
    if hit is None or hit[0] is not k:
        if len(_LEXICONS) > 16:
            _LEXICONS.clear()
        hit = _LEXICONS[id(k)] = (k, Lexicon(k))
    return hit[1]


# (compiled once, not looked up in re's cache at every row)
_SENTENCE_STOP = re.compile(r"[;]|\.(?:\s|$)")
_CLAUSE_STOP = re.compile(r"[,;:()]|\.(?:\s|$)")
_PARENS = re.compile(r"\([^()]*\)")
_YEAR_RANGE = re.compile(r"(?:19|20)\d{2}\s*[-–—]\s*\d")
_OLD_YEAR = re.compile(r"\b1[0-9]\d{2}\b")


def _clause(plain: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): between the nearest , ; : ( ) or sentence end."""
    a = max(plain.rfind(c, 0, start) for c in ",;:.()") + 1
    stop = _CLAUSE_STOP.search(plain, end)
    return a, stop.start() if stop else len(plain)


def _history_spans(plain: str) -> list[tuple[int, int]]:
    out = [(c.start, c.end) for c in find_citations(plain)]
    for a in find_anniversaries(plain):
        out.append((a.start, a.end))
    for m in _PARENS.finditer(plain) if "(" in plain else ():  # "(06/11/2003-06/11/2023)", "(ngày 19/5/1890)"
        if _YEAR_RANGE.search(m.group()) or _OLD_YEAR.search(m.group()):
            out.append(m.span())
    return out


def _school_year_of(d: _dt.date) -> tuple[int, int]:
    return (d.year, d.year + 1) if d.month >= 9 else (d.year - 1, d.year)


def check_prose(plan: Plan, sources: dict[str, Source]) -> Iterator[Diagnostic]:
    loc = Locator(sources)
    k = knowledge_for(plan.source_path)
    lex = lexicon(k)
    h = plan.header
    issued = as_date(h.date)
    a, b = h.school_year
    start = min(_dt.date(h.year, 1, 1), _dt.date(a, 8, 1))
    end = max(_dt.date(h.year, 12, 31), _dt.date(b, 8, 31))
    school = f"{a}-{b}"
    plan_context = (identity(k), h.year, tuple(h.school_year), issued)
    memo = remembering()
    for row in rows(plan, sources):
        if not memo:
            yield from _judge_row(row, k, lex, loc, h, issued, start, end, school)
            continue
        context = (plan_context, row.kind, row.group and (row.group.year, row.group.month), row.when, row.near)
        yield from per_text("prose", row.text, context,
                            lambda row=row: _judge_row(row, k, lex, loc, h, issued, start, end, school), sources)


def _judge_row(row: DatedText, k: Knowledge, lex: Lexicon, loc: Locator, h, issued: _dt.date | None,
               start: _dt.date, end: _dt.date, school: str) -> Iterator[Diagnostic]:
    """The dates and years of one row, judged against the plan's period (its context)."""
    plain = plain_of(row.text)
    dates = find_dates(plain)
    when = row.when
    # the years judged below: school years (their first year) and plain years
    years = [ym for ym in find_years(plain) if ym.kind == "plain" or (ym.kind == "school_year" and ym.role == "start")
             ] if when is not None else []
    if not dates and not years:
        return  # (most texts: nothing below reads them)
    history = _history_spans(plain)

    def in_history(i: int) -> bool:
        return any(x <= i < y for x, y in history)

    if all(in_history(m.start) for m in (*dates, *years)):
        return  # only dates and years of cited documents, anniversaries, history
    # folded one character at a time (`fold_keep`): a stretch is folded on its own, the whole text
    # only when a year's verb is looked for, after the quick tests of the year
    verbs = None  # the folded text with the names of fields of work blanked, when a year needs it

    def forward(ym) -> bool:
        nonlocal verbs
        if verbs is None:
            verbs = lex.blank_neutral(fold_keep(plain))
        return lex.looks_forward(verbs, ym.start, ym.end)

    # ---- dates -------------------------------------------------------------------------
    for dm in dates:
        if in_history(dm.start):
            continue
        prefix = fold_keep(plain[max(0, dm.start - 40):dm.start])
        deadline = bool(lex.deadline.search(prefix))
        ca, cb = _clause(plain, dm.start, dm.end)
        clause_before = fold_keep(plain[ca:dm.start])
        historic = bool(lex.history.search(clause_before)) and not deadline
        if dm.year is None:
            if not deadline:
                continue  # "ngày 03/02", "10/10": a holiday or a mention, judged only as a deadline
            year = complete_year(dm.month, h.year, h.school_year, row.near)
        else:
            year = dm.year
        try:
            date = _dt.date(year, dm.month, dm.day)
        except ValueError:
            continue
        if historic:
            continue
        # only literal text: a date made from {năm} is right by construction
        if dm.year is not None and not loc.literal(row.text, *dm.year_span):
            if not deadline or issued is None or date >= issued:
                continue
        sp = loc.span(row.text, dm.start, dm.end)
        if sp is None:
            continue
        written = plain[dm.start:dm.end]
        if deadline and issued is not None and date < issued:
            yield diag("D308", sp, date=fmt_date(date), written=written, issued=fmt_date(issued))
            continue
        if dm.year is not None and not (start <= date <= end):
            near_plan = abs(date.year - h.year) <= 2 and (dm.day, dm.month) not in k.holidays
            if deadline or near_plan:
                yield diag("D309", sp, date=fmt_date(date), year=h.year, school_year=school)
            continue
        if row.group is not None:
            gk = (row.group.year, row.group.month)
            dk = (date.year, date.month)
            on_day = bool(lex.on_day.search(prefix))
            if (deadline and dk < gk) or (on_day and dk != gk):
                yield diag("D310", sp, date=fmt_date(date),
                           month=f"{row.group.month:02d}/{row.group.year}")
    # ---- school years and years named by forward-looking work (whether the work looks forward is
    # asked last: it reads the whole text) --------------------------------------------------------
    for ym in years:
        if in_history(ym.start):
            continue
        if ym.kind == "school_year":
            sy = (ym.year, ym.year + 1)
            m = re.match(r"\s*[-–]\s*(\d{4})", plain[ym.end:])
            if not m:
                continue
            s, e = ym.start, ym.end + m.end()
            ended = _dt.date(sy[1], 8, 31)
            right = _school_year_of(when)
            if when <= ended or right[0] <= sy[0]:
                continue
            if sy not in {tuple(h.school_year), (h.year - 1, h.year), (h.year, h.year + 1)}:
                continue  # Y401 reports a school year outside the plan's period
            if not forward(ym):
                continue
            if not loc.literal(row.text, s, e):
                continue
            sp = loc.span(row.text, s, e)
            if sp is None:
                continue
            sep = re.search(r"\s*[-–]\s*", plain[s:e]).group()
            new = f"{right[0]}{sep}{right[1]}"
            fix = make_fix([loc.edit(row.text, s, e, new)], say("fix.make-it", to=new), safe=False)
            yield diag("Y404", sp, fix=fix, found=plain[s:e], expected=new,
                       when=f"{when.month:02d}/{when.year}", ended=fmt_date(ended))
        else:
            if not re.search(r"(?<!\w)nam\s+$", fold_keep(plain[max(0, ym.start - 6):ym.start])):
                continue
            limit = min(h.year, when.year)
            if ym.year >= limit or ym.year < limit - 2:
                continue
            if not forward(ym):
                continue
            if not loc.literal(row.text, ym.start, ym.end):
                continue
            sp = loc.span(row.text, ym.start, ym.end)
            if sp is None:
                continue
            fix = make_fix([loc.edit(row.text, ym.start, ym.end, str(h.year))],
                           say("fix.make-it", to=h.year), safe=False)
            yield diag("Y405", sp, fix=fix, found=ym.year, year=h.year,
                       when=f"{when.month:02d}/{when.year}")


def fold_keep(s: str) -> str:
    """`fold` without collapsing spaces or dropping characters: offsets stay those of ``s``."""
    return s.translate(_FOLD_TABLE)


class _FoldTable(dict):
    """code point → its folded character, filled as characters are met (str.translate reads it)."""

    def __missing__(self, cp: int) -> str:
        folded = self[cp] = _fold_char(chr(cp))
        return folded


_FOLD_TABLE = _FoldTable()


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    # one character at a time, cached: this runs over every word of every paragraph
    f = fold(ch) if not ch.isspace() else " "
    return f[:1] if f else ch
