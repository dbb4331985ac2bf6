"""Citations of upper-level documents (C7xx)."""

from __future__ import annotations

from .code import ERROR, WARNING, Code

CODES: tuple[Code, ...] = (
    Code("C701", "malformed-prose-citation", WARNING,
         vi="Số ký hiệu `{number}` của văn bản được trích dẫn chưa đúng dạng ({problem}).",
         en="The cited number `{number}` is malformed ({problem_en}).",
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
         en="The reference list `{path}` cannot be used: {problem_en}."),
)
