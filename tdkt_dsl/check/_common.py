"""Helpers shared by the rule families: walking every text of a plan, mapping offsets of a
``Text``'s printed characters back to source spans, finding prose citations.

Not a rule family: it registers no code.
"""


import datetime as _dt
import re
from contextvars import ContextVar
from functools import lru_cache
from typing import Iterator, NamedTuple

from .. import vocabulary
from ..prose_dates import _DOC_TYPES, lacks, lacks_doc_type, matches, starts_of
from ..catalogue import Wording
from ..diagnostics import Diagnostic, Edit, Fix, Span
from ..model.nodes import Citation, CitationList, Date, Paragraph, Plan, Section, Text
from ..source import Source


class Where(NamedTuple):
    """A text of the plan and the part of the plan it belongs to."""

    text: Text
    kind: str  # title, preamble, body, heading, closing, recipient, appendix-title, task, note,
    #            appendix-note, registry, signer, header, citation-issuer, citation-summary


# While `run_checks` runs, the texts of its plan, listed once for all the rule families, the
# characters of each (by the text's id: the plan keeps its texts alive), joined once, not by each
# family, and what several families read of the whole plan (its prose citations), found once.
TEXTS_OF: ContextVar[tuple[Plan, list[Where], dict[int, str], dict[str, object]] | None] = ContextVar(
    "tdkt_texts_of", default=None)


def listed(plan: Plan) -> tuple[Plan, list[Where], dict[int, str], dict[str, object]]:
    """The value of `TEXTS_OF` while the checks of ``plan`` run."""
    wheres = list(_iter_texts(plan))
    plains = {}
    for w in wheres:
        runs = w.text.runs  # (`Text.plain`, without a generator: most texts are one run)
        plains[id(w.text)] = runs[0].text if len(runs) == 1 else "".join([r.text for r in runs])
    return plan, wheres, plains, {}


def plain_of(text: Text) -> str:
    """``text.plain``, joined once per run of the checks."""
    found = TEXTS_OF.get()
    if found is not None:
        p = found[2].get(id(text))
        if p is not None:
            return p
    return text.plain


def iter_texts(plan: Plan) -> Iterator[Where]:
    found = TEXTS_OF.get()
    if found is not None and found[0] is plan:
        return iter(found[1])
    return _iter_texts(plan)


def _iter_texts(plan: Plan) -> Iterator[Where]:
    h = plan.header
    if h.title:
        yield Where(h.title, "title")
    for t in (h.parent, h.issuer, h.issuer_name, h.place):
        if t:
            yield Where(t, "header")
    for item in plan.preamble:
        if isinstance(item, Paragraph):
            yield Where(item.text, "preamble")
        elif isinstance(item, CitationList):
            for c in item.items:
                if isinstance(c, Text):
                    yield Where(c, "preamble")
                else:
                    if c.issuer:
                        yield Where(c.issuer, "citation-issuer")
                    if c.summary:
                        yield Where(c.summary, "citation-summary")
    for sec in plan.walk_sections():
        if sec.title:
            yield Where(sec.title, "heading")
        for ch in sec.children:
            if isinstance(ch, Paragraph):
                yield Where(ch.text, "body")
    if plan.closing is not None:
        yield Where(plan.closing.text, "closing")
    for r in plan.recipients:
        yield Where(r.text, "recipient")
    for a in plan.appendices:
        yield Where(a.title, "appendix-title")
        for t in a.all_tasks():
            yield Where(t.content, "task")
            if t.note:
                yield Where(t.note, "note")
        for p in a.notes:
            yield Where(p.text, "appendix-note")
    reg = plan.registry
    for group in (reg.units, reg.leaders, reg.movements):
        for item in group.values():
            if item.name:
                yield Where(item.name, "registry")
    s = plan.signer
    for t in (s.name, s.position, s.authority):
        if t:
            yield Where(t, "signer")


PROSE = ("preamble", "body", "heading", "closing", "task", "note", "appendix-note", "title",
         "appendix-title")


def exact(run) -> bool:
    """A literal run whose characters map 1:1 onto source offsets."""
    return (run.origin == "text" and run.span is not None
            and len(run.text) == run.span.end - run.span.start)


class Locator:
    """Offsets in ``Text.plain`` → source spans (exact for literal runs, whole run otherwise)."""

    def __init__(self, sources: dict[str, Source]) -> None:
        self.sources = sources

    def span(self, text: Text, start: int, end: int) -> Span | None:
        lo = hi = None
        file = None
        pos = 0
        for r in text.runs:
            a, b = pos, pos + len(r.text)
            pos = b
            if r.span is None:
                continue
            if start == end:
                hit = a <= start < b
            else:
                hit = a < end and b > start
            if not hit:
                continue
            if exact(r):
                s = r.span.start + max(start, a) - a
                e = r.span.start + min(end, b) - a
            else:
                s, e = r.span.start, r.span.end
            file = file or r.span.file
            if r.span.file != file:
                continue
            lo = s if lo is None else min(lo, s)
            hi = e if hi is None else max(hi, e)
        if lo is None or file is None:
            return None
        src = self.sources.get(file)
        if src is None:
            return None
        return Span.of(src, lo, hi)

    def literal(self, text: Text, start: int, end: int) -> bool:
        """True when every character of [start, end) was written literally (a fix can edit it)."""
        pos = 0
        for r in text.runs:
            a, b = pos, pos + len(r.text)
            pos = b
            if a < end and b > start and not exact(r):
                return False
        return True

    def edit(self, text: Text, start: int, end: int, new: str) -> Edit | None:
        if not self.literal(text, start, end):
            return None
        sp = self.span(text, start, end)
        if sp is None:
            if start == end:
                return None
            return None
        return Edit(start=sp.start, end=sp.end, text=new)


def make_fix(edits: list[Edit | None], says: Wording, safe: bool = True) -> Fix | None:
    """A fix of ``edits`` described by ``says`` (a phrase of the catalogue); None when an edit
    could not be placed."""
    real = [e for e in edits if e is not None]
    if not real or len(real) != len(edits):
        return None
    return Fix.of(real, says, safe)


def diag(code: str, span: Span, fix: Fix | None = None, hints=None, related=None, **params) -> Diagnostic:
    return Diagnostic(code=code, span=span, params=params, fix=fix, hints=hints or [],
                      related=related or [])


def fmt_date(d: _dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


# ---- prose citations ("Kế hoạch số 322/KH-UBND ngày 09/12/2022 của …" inside running text) -----

# the prose form needs the word "số" (without it, "Kế hoạch 5 năm" would be a citation)
_ISSUER, _SUMMARY = (re.escape(vocabulary.document_word(w)) for w in ("issuer", "summary"))
_ISSUER_END = vocabulary.prose_pattern("issuer_end").pattern
PROSE_CITATION = re.compile(
    vocabulary.citation_head(number_word_required=True)
    + r"(?P<num>\d[^\s,;()]*(?:\s+/\s*[^\s,;()]+|\s*/\s+[^\s,;()]+)?)"
    + rf"(?:{vocabulary.citation_date()})?"
    + rf"(?:\s+{_ISSUER}\s+(?P<issuer>[^;.,()]*?)(?=\s+{_SUMMARY}\s|{_ISSUER_END}|[;.,()]|$))?",
    re.IGNORECASE)


_NUMBER_WORD = vocabulary.document_word("number").lower()  # in every prose citation ("số")


class ProseCitation(NamedTuple):
    text: Text
    doc_type: str
    number: str
    number_at: tuple[int, int]
    date: _dt.date | None
    date_raw: str | None
    date_at: tuple[int, int] | None
    issuer: str | None
    issuer_at: tuple[int, int] | None


def prose_citations(plan: Plan) -> list[ProseCitation]:
    found = TEXTS_OF.get()
    if found is not None and found[0] is plan:
        hit = found[3].get("prose_citations")
        if hit is None:
            hit = found[3]["prose_citations"] = _prose_citations(plan)
        return list(hit)
    return _prose_citations(plan)


def _prose_citations(plan: Plan) -> list[ProseCitation]:
    out: list[ProseCitation] = []
    for w in iter_texts(plan):
        if w.kind not in ("preamble", "body", "closing", "task", "note", "appendix-note"):
            continue
        for found in _prose_citations_in(plain_of(w.text)):
            out.append(ProseCitation(w.text, *found))
    return out


@lru_cache(maxsize=8192)
def _prose_citations_in(plain: str) -> tuple[tuple, ...]:
    """The citations of one text, as the fields of `ProseCitation` after ``text``: a function of
    the characters alone, so a text met again (another check, the next compilation) is not
    searched again."""
    out = []
    if lacks(plain, _NUMBER_WORD) or lacks_doc_type(plain):
        return ()
    for m in matches(PROSE_CITATION, plain, starts_of(plain, _DOC_TYPES)):
        date = None
        date_at = None
        raw = m.group("date")
        if raw:
            d, mo, y = ((m.group("d"), m.group("m"), m.group("y")) if m.group("d")
                        else (m.group("d2"), m.group("m2"), m.group("y2")))
            date_at = (m.start("date"), m.end("date"))
            try:
                date = _dt.date(int(y), int(mo), int(d))
            except ValueError:
                date = None
        issuer = m.group("issuer")
        num, num_end = m.group("num"), m.end("num")
        while num.endswith((".", ":")):
            num, num_end = num[:-1], num_end - 1
        out.append((vocabulary.doc_type(m.group("type")), num, (m.start("num"), num_end), date, raw, date_at,
                    issuer.strip() if issuer else None,
                    (m.start("issuer"), m.end("issuer")) if issuer else None))
    return tuple(out)


def citations(plan: Plan) -> list[Citation]:
    return [c for item in plan.preamble if isinstance(item, CitationList)
            for c in item.items if isinstance(c, Citation)]


def as_date(d: Date | None) -> _dt.date | None:
    try:
        return d.as_date() if d is not None else None
    except ValueError:
        return None


def sections_of(plan: Plan) -> list[Section]:
    return list(plan.walk_sections())
