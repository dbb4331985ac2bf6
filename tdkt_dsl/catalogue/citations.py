"""Citations of upper-level documents (C7xx)."""

from __future__ import annotations

from .entries import ERROR, INFO, WARNING, Code

CODES: tuple[Code, ...] = (
    Code("C701", "malformed-prose-citation", WARNING,
         vi="Số ký hiệu `{number}` của văn bản được trích dẫn chưa đúng dạng ({problem}).",
         en="The cited number `{number}` is malformed ({problem}).",
         fixable=True),
    Code("C702", "citation-number-mismatch", ERROR,
         vi="Văn bản này trong danh sách văn bản cấp trên có số ký hiệu {expected}, không phải {found}.",
         en="The reference list gives this document the number {expected}, not {found}.",
         fixable=True),
    Code("C703", "citation-date-mismatch", ERROR,
         vi="Văn bản {number} trong danh sách văn bản cấp trên ban hành ngày {expected}, không"
            " phải {found}.",
         en="The reference list dates {number} {expected}, not {found}.",
         fixable=True),
    Code("C704", "citation-issuer-mismatch", WARNING,
         vi="Văn bản {number} trong danh sách văn bản cấp trên do {expected} ban hành, không phải {found}.",
         en="The reference list says {number} was issued by {expected}, not {found}."),
    Code("C705", "invalid-reference-list", ERROR,
         vi="Danh sách văn bản cấp trên `{path}` không dùng được: {problem}.",
         en="The reference list `{path}` cannot be used: {problem}."),
    Code("C706", "citation-earlier-cycle", WARNING,
         vi="Văn bản {number} mang ngày {date} của chu kỳ trước nhưng trích yếu ghi năm {year}: "
            "thay bằng văn bản năm {year} (số, ngày) khi cấp trên ban hành.",
         en="{number} is dated {date}, an earlier cycle, but its summary says {year}: cite the"
            " {year} document (number, date) once it is issued."),
    Code("C707", "old-document-in-prose", INFO,
         vi="Văn bản {number} ban hành năm {date_year}, trước năm liền trước kế hoạch năm {year}: "
            "xem còn dùng được không.",
         en="{number} was issued in {date_year}, before the year preceding the {year} plan: check"
            " that it still applies."),
    Code("C708", "ended-period", INFO,
         vi="Giai đoạn {period} đã kết thúc trước năm {year} của kế hoạch: xem lại.",
         en="The period {period} ended before the plan's year {year}: review it."),
)
