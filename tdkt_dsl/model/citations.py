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
from ..diagnostics import Diagnostic, Edit, Fix, Span
from .nodes import Citation, Date, Text
from .text import slice_text

if TYPE_CHECKING:
    from .builder import Builder

_TYPE = vocabulary.doc_type_pattern()
_HEAD = re.compile(rf"^(?P<type>{_TYPE})\s+(?:(?P<so>số)\s*:?\s*)?(?=\d)", re.IGNORECASE)
_NUMBER = re.compile(r"(?P<num>\d+[^\s,;]*)")
_DATE = re.compile(r"\s+ngày\s+(?P<date>(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})"
                   r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4}))", re.IGNORECASE)
# a number/symbol: digits, then "/" or "-" and letters: 322/KH-UBND, 124-KH/TU, 06/2022/QH15
SYMBOL = re.compile(r"^\d+(?:[/-][0-9A-Za-zĐđ&.]+)+$")


def parse_citation(text: Text, b: "Builder", span: Span | None) -> Union[Citation, Text]:
    text = _trailing_punctuation(text, b)
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
        _malformed(b, text, m.start(), m.end(), "số ký hiệu `{0}` thiếu phần ký hiệu (ví dụ 322/KH-UBND)".format(number),
                   f"the number `{number}` has no symbol part (e.g. 322/KH-UBND)")
    date = None
    dm = _DATE.match(plain, pos)
    if dm:
        d, mo, y = (dm.group("d"), dm.group("m"), dm.group("y")) if dm.group("d") else (
            dm.group("d2"), dm.group("m2"), dm.group("y2"))
        dspan = _sub_span(text, dm.start("date"), dm.end("date"))
        try:
            date = Date(day=int(d), month=int(mo), year=int(y), span=dspan)
        except ValidationError:
            b.report("M202", dspan or span, text=dm.group("date"))
        pos = dm.end()
    else:
        _malformed(b, text, pos, min(len(plain), pos + 12), "thiếu `ngày dd/mm/yyyy` sau số ký hiệu",
                   "missing `ngày dd/mm/yyyy` after the number")
    rest = plain[pos:]
    issuer = summary = None
    cua = re.match(r"\s+của\s+", rest, re.IGNORECASE)
    ve_at = None
    if cua:
        ve = re.search(r"\s+về\s+", rest[cua.end():], re.IGNORECASE)
        if ve:
            issuer = slice_text(text, pos + cua.end(), pos + cua.end() + ve.start())
            ve_at = pos + cua.end() + ve.end()
        else:
            issuer = slice_text(text, pos + cua.end(), len(plain))
    else:
        ve = re.match(r"\s+về\s+", rest, re.IGNORECASE)
        if ve:
            ve_at = pos + ve.end()
        elif rest.strip():
            _malformed(b, text, pos, len(plain), "phần sau ngày phải bắt đầu bằng `của …` hoặc `về …`",
                       "after the date comes `của …` (issuer) or `về …` (summary)")
    if ve_at is not None:
        summary = slice_text(text, ve_at, len(plain))
    return Citation(doc_type=doc_type, number=number, date=date, issuer=issuer, summary=summary, span=span)


def _trailing_punctuation(text: Text, b: "Builder") -> Text:
    """A line of the list ending in "," or ";" (copied from a printed plan): warn with a fix and
    drop the mark, since the printed sentence adds its own separators."""
    plain = text.plain.rstrip()
    if not plain.endswith((",", ";")):
        return text
    mark = slice_text(text, len(plain) - 1, len(plain))
    if mark.span is not None and mark.plain == plain[-1]:
        fix = Fix(edits=[Edit(start=mark.span.start, end=mark.span.end, text="")],
                  vi=f"xóa dấu `{plain[-1]}`", en=f"delete the `{plain[-1]}`")
        b.diags.append(Diagnostic(code="M222", span=mark.span, params=dict(mark=plain[-1]), fix=fix))
    return slice_text(text, 0, len(plain) - 1)


def _sub_span(text: Text, start: int, end: int) -> Span | None:
    part = slice_text(text, start, end)
    return part.span or text.span


def _malformed(b: "Builder", text: Text, start: int, end: int, vi: str, en: str) -> None:
    span = _sub_span(text, start, max(end, start + 1)) or text.span
    if span is not None:
        b.diags.append(Diagnostic(code="M214", span=span, params=dict(problem=vi, problem_en=en)))
