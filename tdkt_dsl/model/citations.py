"""Citations of upper-level documents, written as they are printed:

    Kế hoạch số 322/KH-UBND ngày 09/12/2022 của Ủy ban nhân dân Thành phố về công tác …

type, number/symbol, date, issuer (after "của") and summary (after "về"). A line of the
`căn cứ:` list that does not start with a document type followed by a number stays prose.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Union

from pydantic import ValidationError

from .. import vocabulary
from ..catalogue import Wording, say
from ..diagnostics import Diagnostic, Edit, Fix, Span
from .nodes import Citation, Date, Text
from .text import slice_text

if TYPE_CHECKING:
    from .builder import Builder

_HEAD = re.compile(vocabulary.citation_head() + r"(?=\d)")
_NUMBER = re.compile(r"(?P<num>\d+[^\s,;]*)")
_DATE = re.compile(vocabulary.citation_date())
_ISSUER = re.compile(rf"\s+{re.escape(vocabulary.document_word('issuer'))}\s+", re.IGNORECASE)  # của
_SUMMARY = re.compile(rf"\s+{re.escape(vocabulary.document_word('summary'))}\s+", re.IGNORECASE)  # về
# a number/symbol: digits, then "/" or "-" and letters: 322/KH-UBND, 124-KH/TU, 06/2022/QH15
SYMBOL = re.compile(rf"^\d+(?:[/-]{vocabulary.symbol_characters()}+)+$")


def parse_citation(text: Text, builder: "Builder", span: Span | None) -> Union[Citation, Text]:
    text = _trailing_punctuation(text, builder)
    plain = text.plain
    head = _HEAD.match(plain)
    if not head:
        return text  # prose between citations ("tiếp tục thực hiện Đề án …")
    doc_type = head.group("type")
    doc_type = vocabulary.doc_type(doc_type)
    m = _NUMBER.match(plain, head.end())
    assert m is not None  # the lookahead saw a digit
    number = m.group("num")
    pos = m.end()
    if not SYMBOL.match(number):
        _malformed(builder, text, m.start(), m.end(), say("model.citation.no-symbol", number=number))
    date = None
    dm = _DATE.match(plain, pos)
    if dm:
        d, mo, y = (dm.group("d"), dm.group("m"), dm.group("y")) if dm.group("d") else (
            dm.group("d2"), dm.group("m2"), dm.group("y2"))
        dspan = _sub_span(text, dm.start("date"), dm.end("date"))
        try:
            date = Date(day=int(d), month=int(mo), year=int(y), span=dspan)
        except ValidationError:
            builder.report("M202", dspan or span, text=dm.group("date"))
        pos = dm.end()
    else:
        _malformed(builder, text, pos, min(len(plain), pos + 12), say("model.citation.no-date"))
    rest = plain[pos:]
    issuer = summary = None
    issuer_match = _ISSUER.match(rest)
    summary_at = None
    if issuer_match:
        summary_match = _SUMMARY.search(rest[issuer_match.end():])
        if summary_match:
            issuer = slice_text(text, pos + issuer_match.end(), pos + issuer_match.end() + summary_match.start())
            summary_at = pos + issuer_match.end() + summary_match.end()
        else:
            issuer = slice_text(text, pos + issuer_match.end(), len(plain))
    else:
        summary_match = _SUMMARY.match(rest)
        if summary_match:
            summary_at = pos + summary_match.end()
        elif rest.strip():
            _malformed(builder, text, pos, len(plain), say("model.citation.after-date"))
    if summary_at is not None:
        summary = slice_text(text, summary_at, len(plain))
    return Citation(doc_type=doc_type, number=number, date=date, issuer=issuer, summary=summary, span=span)


def _trailing_punctuation(text: Text, builder: "Builder") -> Text:
    """A line of the list ending in "," or ";" (copied from a printed plan): warn with a fix and
    drop the mark, since the printed sentence adds its own separators."""
    plain = text.plain.rstrip()
    if not plain.endswith((",", ";")):
        return text
    mark = slice_text(text, len(plain) - 1, len(plain))
    if mark.span is not None and mark.plain == plain[-1]:
        fix = Fix.of([Edit(start=mark.span.start, end=mark.span.end, text="")],
                     say("fix.delete-mark", mark=plain[-1]))
        builder.diags.append(Diagnostic(code="M222", span=mark.span, params=dict(mark=plain[-1]), fix=fix))
    return slice_text(text, 0, len(plain) - 1)


def _sub_span(text: Text, start: int, end: int) -> Span | None:
    part = slice_text(text, start, end)
    return part.span or text.span


def _malformed(builder: "Builder", text: Text, start: int, end: int, problem: Wording) -> None:
    span = _sub_span(text, start, max(end, start + 1)) or text.span
    if span is not None:
        builder.diags.append(Diagnostic(code="M214", span=span, params=dict(problem=problem)))
