"""Syntax (S1xx): what the parser reports."""

from __future__ import annotations

from .entries import ERROR, WARNING, Code

CODES: tuple[Code, ...] = (
    Code("S102", "unexpected-token", ERROR,
         vi="Không mong đợi `{found}`{context}; cần {expected}.",
         en="Unexpected `{found}`{context}; expected {expected}."),
    Code("S103", "unexpected-end", ERROR,
         vi="Dòng kết thúc khi chưa đủ{context}; cần {expected}.",
         en="The line ends too early{context}; expected {expected}."),
    Code("S104", "unclosed-emphasis", ERROR,
         vi="Thiếu `{mark}` để đóng chữ {style} mở ở cột {col}.",
         en="Missing `{mark}` to close the {style} text opened at column {col}."),
    Code("S105", "unclosed-variable", ERROR,
         vi="Thiếu `}}` để đóng biến mở bằng `{{`; để viết dấu ngoặc nhọn hãy dùng `\\{{`.",
         en="Missing `}}` to close the variable opened with `{{`; write `\\{{` for a literal brace."),
    Code("S106", "stray-at", ERROR,
         vi="Dấu `@` phải đi liền một mã, ví dụ `@pgd`; để viết dấu @ hãy dùng `\\@`.",
         en="`@` must be followed by an id such as `@pgd`; write `\\@` for a literal @."),
    Code("S107", "too-many-hashes", WARNING,
         vi="{count} dấu `#` không phải đề mục (đề mục có từ 1 đến 6 dấu `#`): dòng này được in như văn bản.",
         en="{count} `#` marks are not a heading (headings have 1 to 6): the line is printed as text."),
)
