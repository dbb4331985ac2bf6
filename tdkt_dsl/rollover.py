"""Rollover: last year's plan → next year's plan, source to source.

`tdkt new --from plan-2023.tdkt --year 2024 -o plan-2024.tdkt`. The old plan is built first (its
model and its parsed lines carry offsets into the NFC source); every change is a precise edit of
the original text, applied back to front, so comments, order and layout stay as the drafter left
them. A plan written with variables ({năm}, {năm_học} …) needs no textual edit beyond `năm:`.

What moves: `năm:`, `năm học:`, every deadline (`hạn:`, `tháng:`; 29/02 lands on 28/02), and in
prose the plan's own year, the year before it ("kết quả năm 2022"), the school years around it,
dates of those years, the end year of anniversary ranges and their counts, the can-chi of Tết.
What stays: periods ("giai đoạn 2021-2025"), targets ("đến năm 2030"), laws ("Luật … năm 2022"),
cited documents (numbers, dates, summaries) and the first year of an anniversary range.
What is cleared: the document number and the issue date (draft blanks; `check` warns until set).
What the drafter must look at is listed with its line number in the new file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from types import SimpleNamespace
from pathlib import Path

from .syntax import Token, Tree

from .prose_dates import (can_chi, find_anniversaries, find_can_chi, find_citations, find_years, is_round,
                       shift_year_in_prose, year_of_can_chi)
from .catalogue.rollover import CHANGES
from .diagnostics import Diagnostic, Span, has_errors
from .knowledge import knowledge_for
from .render.phrases import phrase
from .resources import data_table
from .model.builder import build
from .model.nodes import Citation, CitationList
from .source import Source
from .syntax import ParsedLine, parse
from .vocabulary import doc_type, keyword


@dataclass
class TextReplacement:
    start: int
    end: int
    new: str


@dataclass
class Finding:
    """One line of the review report, found in the old text: a code of catalogue/rollover.py and its
    parameters. ``offset`` is in the old text; ``after`` counts characters past where it lands in
    the new one (a line inserted after the one at ``offset``)."""

    offset: int
    code: str
    params: dict
    after: int = 0


@dataclass
class RolloverResult:
    text: str | None  # the new source; None when the old plan cannot be rolled
    old_year: int = 0
    new_year: int = 0
    report: list[Diagnostic] = field(default_factory=list)  # changes and reviews, spans in the new text
    diagnostics: list[Diagnostic] = field(default_factory=list)  # of the old plan, when refused
    sources: dict = field(default_factory=dict)
    refusal: Diagnostic | None = None  # why the plan was not rolled over (N9xx)
    path: str = ""  # the new file, as the report's spans name it

    @property
    def changes(self) -> list[Diagnostic]:
        return [d for d in self.report if d.rule.section == CHANGES]

    @property
    def reviews(self) -> list[Diagnostic]:
        return [d for d in self.report if d.rule.section != CHANGES]


_DIGIT_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# the words the rollover reads in prose: tdkt_dsl/data/rollover.toml
_WORDS = data_table("rollover")["prose"]
_PRINTED_YEAR = re.compile(_WORDS["printed-year"], re.IGNORECASE)
_ROUND = re.compile(_WORDS["round"], re.IGNORECASE)
_CONGRESS = re.compile(_WORDS["congress"], re.IGNORECASE)
_DATES = tuple(re.compile(p, re.IGNORECASE) for p in _WORDS["dates"])
PLAN = doc_type(_WORDS["plan"])
# codes `tdkt check` gives a rolled plan that the review report must list too
_REVIEW_CODES = ("C706", "C707", "C708", "R609", "A504", "A505", "D308", "D309", "D310", "Y404", "Y405")


class _Roller:
    def __init__(self, source: Source, plan, new_year: int, new_path: str | None) -> None:
        self.src = source
        self.text = source.text
        self.plan = plan
        self.old = plan.header.year
        self.new = new_year
        self.delta = new_year - self.old
        self.edits: dict[int, TextReplacement] = {}
        self.found: list[Finding] = []
        self.new_path = new_path

    # ---------------------------------------------------------------- helpers
    def edit(self, start: int, end: int, new: str) -> bool:
        if self.text[start:end] == new:
            return False
        for e in self.edits.values():  # never two edits over the same characters
            if start < e.end and e.start < end:
                return False
        self.edits[start] = TextReplacement(start, end, new)
        return True

    def note(self, offset: int, code: str, **params) -> None:
        """A change made (N1xx) or a line to review (N2xx) at ``offset`` of the old text."""
        self.found.append(Finding(offset, code, params))

    def y(self, year: int) -> int:
        return year + self.delta

    @staticmethod
    def tok_span(parsed: ParsedLine, node) -> tuple[int, int]:
        if isinstance(node, Token):
            return parsed.offset + node.start_pos, parsed.offset + node.end_pos
        return parsed.offset + node.meta.start_pos, parsed.offset + node.meta.end_pos

    def shift_date_text(self, s: str) -> tuple[str, bool]:
        """Shift every written year in a date/month token; 29/02 → 28/02 when needed."""
        leap_fix = False

        def fix_day(day: int, month: int, year: int) -> int:
            nonlocal leap_fix
            import calendar as _cal

            if month == 2 and day == 29 and not _cal.isleap(year):
                leap_fix = True
                return 28
            return day

        # dd/mm/yyyy and "dd tháng mm năm yyyy": day, separator, month, separator, year
        for pattern in _DATES:
            m = pattern.fullmatch(s)
            if m:
                year = self.y(int(m.group(5)))
                day = fix_day(int(m.group(1)), int(m.group(3)), year)
                d = f"{day:0{len(m.group(1))}d}"
                return f"{d}{m.group(2)}{m.group(3)}{m.group(4)}{year}", leap_fix
        return _DIGIT_YEAR.sub(lambda mm: str(self.y(int(mm.group()))), s), False

    # ---------------------------------------------------------------- run
    def run(self, lines: list[ParsedLine]) -> None:
        citation_lines = self._citation_lines()
        has_year = any(parsed.kind == "year_field" for parsed in lines)
        date_line: ParsedLine | None = None
        for parsed in lines:
            k = parsed.kind
            if k == "year_field":
                self._year_field(parsed)
            elif k == "school_year_field":
                self._school_year_field(parsed)
            elif k == "number_field":
                self._clear(parsed, "N201")
            elif k == "date_field":
                date_line = parsed
                self._clear(parsed, "N202")
            elif k == "due_field":
                self._deadline(parsed)
            elif k == "month_group":
                self._month_group(parsed)
            elif k == "use_field":
                self._use(parsed)
            elif parsed.line.number in citation_lines:
                self._citation(parsed, citation_lines[parsed.line.number])
            elif k in ("paragraph", "bullet", "subbullet", "numbered", "heading", "task", "block",
                       "text_field", "declaration"):
                self._prose_line(parsed)
        if not has_year:
            self._insert_year(date_line, lines)

    def _citation_lines(self) -> dict[int, Citation]:
        out = {}
        for item in self.plan.preamble:
            if isinstance(item, CitationList):
                for c in item.items:
                    if isinstance(c, Citation) and c.span and c.span.file == self.src.path:
                        out[c.span.line] = c
        return out

    # ---------------------------------------------------------------- header fields
    def _year_field(self, parsed: ParsedLine) -> None:
        tok = parsed.tree.children[1]
        if not str(tok).isdigit():
            return
        a, b = self.tok_span(parsed, tok)
        if self.edit(a, b, str(self.new)):
            self.note(a, "N101", **_field(parsed), old=str(tok), new=str(self.new))

    def _school_year_field(self, parsed: ParsedLine) -> None:
        tok = parsed.tree.children[1]
        a, b = self.tok_span(parsed, tok)
        new = _DIGIT_YEAR.sub(lambda m: str(self.y(int(m.group()))), str(tok))
        if self.edit(a, b, new):
            self.note(a, "N101", **_field(parsed), old=str(tok), new=new)

    def _clear(self, parsed: ParsedLine, blank_code: str) -> None:
        """Clear `số:` / `ngày:` for the draft; ``blank_code`` lists the blank for review."""
        kw = _field(parsed)
        if len(parsed.tree.children) < 2:
            self.note(parsed.offset, blank_code, **kw)
            return
        a, b = self.tok_span(parsed, parsed.tree.children[1])
        old = self.text[a:b]
        while a > 0 and self.text[a - 1] in " \t":
            a -= 1
        self.edit(a, b, "")
        self.note(parsed.offset, "N103", **kw, old=old)
        self.note(parsed.offset, blank_code, **kw)

    def _insert_year(self, date_line: ParsedLine | None, lines: list[ParsedLine]) -> None:
        """The old plan took its year from `ngày:`, which is now blank: write `năm:` explicitly."""
        if any(parsed.kind == "school_year_field" for parsed in lines):
            return  # the (shifted) school year gives the year
        anchor = date_line or (lines[0] if lines else None)
        if anchor is None:
            return
        end = self.text.find("\n", anchor.line.start)
        end = len(self.text) if end < 0 else end
        indent = anchor.line.raw[:anchor.line.indent]
        year_kw = keyword("KW_YEAR").vi[0]
        self.edit(end, end, f"\n{indent}{year_kw}: {self.new}")
        date_kw = str(date_line.tree.children[0]) if date_line else keyword("KW_DATE").vi[0]
        self.found.append(Finding(end, "N104", dict(field=year_kw, year=self.new, date_field=date_kw),
                                  after=1))

    def _use(self, parsed: ParsedLine) -> None:
        """Keep `dùng:` pointing at the same profile when the new file lives elsewhere."""
        if not self.new_path:
            return
        tok = parsed.tree.children[1]
        raw = str(tok)
        if os.path.isabs(raw):
            return
        old_dir = Path(self.src.path).resolve().parent
        new_dir = Path(self.new_path).resolve().parent
        if old_dir == new_dir:
            return
        target = (old_dir / raw).resolve()
        rel = os.path.relpath(target, new_dir).replace(os.sep, "/")
        a, b = self.tok_span(parsed, tok)
        if self.edit(a, b, rel):
            self.note(a, "N102", **_field(parsed), old=raw, new=rel)

    # ---------------------------------------------------------------- deadlines
    def _deadline(self, parsed: ParsedLine) -> None:
        tree = parsed.tree.children[1]
        if tree.data == "dl_text":
            tok = tree.children[0]
            a, _ = self.tok_span(parsed, tok)
            self._prose(a + 1, str(tok)[1:-1], deadline=True)
            self.note(a, "N203", deadline=str(tok), year=self.new)
            return
        for tok in tree.scan_values(lambda v: isinstance(v, Token) and v.type in ("DATE", "DATE_LONG", "MONTH_YEAR")):
            if "{" in str(tok):
                continue
            a, b = self.tok_span(parsed, tok)
            new, leap = self.shift_date_text(str(tok))
            if self.edit(a, b, new):
                self.note(a, "N101", **_field(parsed), old=str(tok), new=new)
                if leap:
                    self.note(a, "N204", new=new, year=self.new)

    def _month_group(self, parsed: ParsedLine) -> None:
        tok = parsed.tree.children[1].children[0]
        if "{" in str(tok):
            return
        a, b = self.tok_span(parsed, tok)
        new, _ = self.shift_date_text(str(tok))
        if self.edit(a, b, new):
            self.note(a, "N101", **_field(parsed), old=str(tok), new=new)

    # ---------------------------------------------------------------- prose
    def _text_tree(self, parsed: ParsedLine) -> Tree | None:
        for c in reversed(parsed.tree.children):
            if isinstance(c, Tree) and c.data == "text":
                return c
        return None

    def _prose_line(self, parsed: ParsedLine) -> None:
        if parsed.kind == "text_field" and parsed.tree.children[0].type not in ("KW_TITLE", "KW_CLOSING", "KW_NOTE",
                                                                         "KW_ISSUER_NAME"):
            return  # agency names, place and signer are not dated
        t = self._text_tree(parsed)
        if t is None or getattr(t.meta, "empty", True):
            return
        a, b = self.tok_span(parsed, t)
        self._prose(a, self.text[a:b])
        self._prose_citations(a, self.text[a:b])

    def _prose(self, base: int, s: str, deadline: bool = False) -> None:
        Y = self.old
        for an in find_anniversaries(s):
            self._anniversary(base, s, an)
        mentions = find_years(s)
        for k, m in enumerate(mentions):
            a, b = base + m.start, base + m.end
            if m.kind == "anniversary" or (m.kind == "school_year" and m.role == "end"):
                continue  # handled with its anniversary / with the start of its school year
            if m.kind == "school_year" and k + 1 < len(mentions) and (deadline or shift_year_in_prose(m, Y)):
                end = mentions[k + 1]
                old = s[m.start:end.end]
                new = old[: m.start - m.start] + str(self.y(m.year)) + old[m.end - m.start: end.start - m.start] + str(self.y(end.year))
                if self.edit(a, base + end.end, new):
                    self.note(a, "N105", old=_context(s, m.start, end.end), new=f"…{new}…")
                continue
            if not (deadline or shift_year_in_prose(m, Y)):
                if m.kind == "plain" and m.year == Y + 1:
                    self.note(a, "N205", year=m.year)
                continue
            if m.kind in ("date", "month") and m.date_start >= 0:
                da, db = base + m.date_start, base + m.date_end
                old = self.text[da:db]
                new, leap = self.shift_date_text(old) if m.kind == "date" else (
                    old[: m.start - m.date_start] + str(self.y(m.year)) + old[m.end - m.date_start:], False)
                if self.edit(da, db, new):
                    self.note(da, "N105", old=old, new=new)
                    if leap:
                        self.note(da, "N204", new=new, year=self.new)
                continue
            new = str(self.y(m.year))
            if self.edit(a, b, new):
                self.note(a, "N105", old=_context(s, m.start, m.end), new=f"…{new}…")
        shifted = {m.start for m in mentions if self._year_edited(base, m)}
        for cc in find_can_chi(s):
            printed = _PRINTED_YEAR.match(s, cc.end)
            if printed:
                # "Xuân Đinh Mùi 2027": the can-chi names the year printed beside it and moves only
                # when that year moves (a year left as written keeps its can-chi)
                if printed.start("y") not in shifted:
                    continue
                y0 = int(printed.group("y"))
            else:
                y0 = year_of_can_chi(cc.name, Y)
                if y0 is None or abs(y0 - Y) > 1:
                    continue
            new = can_chi(self.y(y0))
            if self.edit(base + cc.start, base + cc.end, new):
                self.note(base + cc.start, "N105", old=cc.name, new=new)
        for m in _ROUND.finditer(s):
            self._round(base, s, m)

    def _year_edited(self, base: int, m) -> bool:
        """Whether a rollover edit covers the year of mention ``m`` (at ``base`` in the text)."""
        a, b = base + m.start, base + m.end
        return any(e.start <= a and b <= e.end and e.new != self.text[e.start:e.end]
                   for e in self.edits.values())

    def _round(self, base: int, s: str, m) -> None:
        """"lần thứ 16": a round of a recurring event, listed for the drafter to confirm."""
        n = m.group("n")
        tail = s[m.end():m.end() + 120]
        ctx = s[max(0, m.start() - 120):m.start()] + " " + tail
        rec = knowledge_for(self.src.path).recurring_of(ctx)
        where = _context(s, m.start(), m.end())
        at = base + m.start()
        if rec is not None and n.isdigit():
            if self.delta % rec.period == 0:
                self.note(at, "N206", where=where, period=rec.period, year=self.new,
                          guess=int(n) + self.delta // rec.period)
            else:
                self.note(at, "N207", where=where, period=rec.period, year=self.new)
        elif not n.isdigit() or _CONGRESS.search(s[max(0, m.start() - 60):m.start()]):
            return  # "Đại hội … lần thứ XIII": a congress cited as history, not a round to update
        else:
            self.note(at, "N208", where=where, year=self.new)

    def _anniversary(self, base: int, s: str, an) -> None:
        end_new = self.y(an.end_year) if an.end_year is not None else None
        if an.origin_year is not None and end_new is not None:
            if an.end_year not in (self.old - 1, self.old, self.old + 1):
                return  # a range of another time, not this plan's anniversary
            count = end_new - an.origin_year
        else:
            count = an.count + self.delta
        ca, cb = base + an.count_span[0], base + an.count_span[1]
        if self.edit(ca, cb, str(count)):
            self.note(ca, "N106", count=an.count, event=an.event, new=count)
        if end_new is not None and an.end_span:
            ea, eb = base + an.end_date_span[0], base + an.end_date_span[1]
            old = self.text[ea:eb]
            new = old[: an.end_span[0] - an.end_date_span[0]] + str(end_new)
            if self.edit(ea, eb, new):
                self.note(ea, "N105", old=f"…-{old})", new=f"…-{new})")
        if not is_round(count):
            self.note(ca, "N209", count=count, event=an.event)

    def _prose_citations(self, base: int, s: str) -> None:
        for c in find_citations(s):
            seg = s[c.start:c.end]
            if doc_type(c.doc_type) == PLAN and _mentions_year(seg, self.old):
                self.note(base + c.start, "N210", doc_type=c.doc_type, number=c.number, old_year=self.old,
                          year=self.new)

    def _citation(self, parsed: ParsedLine, c: Citation) -> None:
        summary = c.summary.plain if c.summary else ""
        this_cycle = (c.date is not None and c.date.year in (self.old - 1, self.old)) or \
            _mentions_year(summary, self.old) or any(r.origin == "var" for r in (c.summary.runs if c.summary else []))
        if not this_cycle:
            return  # a period's plan (2021-2025) or an older document: still in force
        cited = SimpleNamespace(doc_type=c.doc_type, number=c.number, date=c.date,
                                issuer=c.issuer.plain if c.issuer else "", summary="")
        self.note(parsed.offset, "N211", citation=phrase("citation", cited), year=self.new)


def _field(parsed: ParsedLine) -> dict[str, str]:
    """The keyword of a field line as the plan writes it, and its English spelling."""
    tok = parsed.tree.children[0]
    return {"field": str(tok), "field_en": keyword(tok.type).en[0]}


def _mentions_year(s: str, year: int) -> bool:
    """"năm 2023" in a citation's words: the document belongs to that year."""
    return re.search(_WORDS["year-mention"].format(year=year), s, re.IGNORECASE) is not None


def _context(s: str, a: int, b: int) -> str:
    left = s[max(0, a - 24):a]
    left = left[left.find(" ") + 1:] if " " in left and a > 24 else left
    return f"…{left}{s[a:b]}…"


def _apply(text: str, edits: list[TextReplacement]) -> str:
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[:e.start] + e.new + text[e.end:]
    return text


def _map_offset(offset: int, edits: list[TextReplacement]) -> int:
    """Where an offset of the old text lands in the new one (edits before it shift it)."""
    shift = 0
    for e in edits:
        if e.start < offset and e.end <= offset:
            shift += len(e.new) - (e.end - e.start)
    return offset + shift


def rollover(source: Source, new_year: int, new_path: str | None = None) -> RolloverResult:
    result = build(source)
    whole = Span.at(source.path)
    if result.plan is None or has_errors(result.diagnostics):
        return RolloverResult(None, diagnostics=result.diagnostics, sources=result.sources,
                              refusal=Diagnostic(code="N901", span=whole))
    plan = result.plan
    old = plan.header.year
    if new_year == old:
        return RolloverResult(None, old, new_year, refusal=Diagnostic(code="N902", span=whole,
                                                                      params={"year": old}))
    if not 1900 <= new_year <= 2099:
        return RolloverResult(None, old, new_year, refusal=Diagnostic(code="N903", span=whole,
                                                                      params={"year": new_year}))
    roller = _Roller(source, plan, new_year, new_path)
    roller.run(parse(source).lines)
    edits = sorted(roller.edits.values(), key=lambda e: e.start)
    new_text = _apply(source.text, edits)
    new_src = Source.from_text(new_text, new_path or source.path)
    report = []
    for f in roller.found:
        at = min(len(new_text), _map_offset(f.offset, edits) + f.after)
        report.append(Diagnostic(code=f.code, span=Span.of(new_src, at, at), params=f.params))
    listed = {d.span.line for d in report if d.rule.section != CHANGES}
    report += _checked(new_src, listed)
    return RolloverResult(new_text, old, new_year, report, path=new_src.path)


def _checked(new_src: Source, listed: set[int]) -> list[Diagnostic]:
    """What `tdkt check` will say about the new plan's context (an abolished agency, citations and
    periods of an earlier cycle …), unless the line is listed already. A diagnostic of the profile
    names it as the new plan's `dùng:` line does (relative to the new file)."""
    from .compiler import compile_source

    comp = compile_source(new_src)
    here = os.path.dirname(os.path.abspath(new_src.path))
    out = []
    for d in comp.diagnostics:
        if d.code not in _REVIEW_CODES:
            continue
        if d.span.file == new_src.path:
            if d.span.line in listed:
                continue
        elif d.span.file and not d.span.file.startswith("<"):
            try:
                shown = os.path.relpath(os.path.abspath(d.span.file), here).replace(os.sep, "/")
            except ValueError:  # another drive: keep the path as compiled
                shown = d.span.file
            d = d.model_copy(update={"span": d.span.model_copy(update={"file": shown})})
        out.append(d)
    return out


def render_report(res: RolloverResult, old_name: str, new_name: str, lang: str = "vi") -> str:
    """The review report (Markdown): every change made, then every line to look at."""
    from .report import render_markdown_report

    return render_markdown_report(res.report, lang, report="rollover", file=res.path, source=old_name,
                                  output=new_name, old_year=res.old_year, new_year=res.new_year)
