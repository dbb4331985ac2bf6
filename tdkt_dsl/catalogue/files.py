"""Files (F9xx): reading a plan or profile from disk."""

from __future__ import annotations

from .code import ERROR, Code

CODES: tuple[Code, ...] = (
    Code("F901", "file-not-found", ERROR,
         vi="Không tìm thấy tệp `{path}`.",
         en="File `{path}` not found."),
    Code("F902", "not-utf8", ERROR,
         vi="Tệp không phải UTF-8 (byte lỗi ở dòng {line}); hãy lưu lại tệp với mã UTF-8.",
         en="The file is not UTF-8 (bad byte on line {line}); save it as UTF-8."),
    Code("F903", "binary-file", ERROR,
         vi="Tệp chứa byte NUL: đây không phải tệp văn bản.",
         en="The file contains NUL bytes: it is not a text file."),
    Code("F904", "is-directory", ERROR,
         vi="`{path}` là thư mục, không phải tệp.",
         en="`{path}` is a directory, not a file."),
    Code("F905", "file-too-large", ERROR,
         vi="Tệp quá lớn ({size} byte; tối đa {limit}).",
         en="The file is too large ({size} bytes; at most {limit})."),
    Code("F906", "cannot-read", ERROR,
         vi="Không đọc được tệp `{path}`.",
         en="Cannot read `{path}`."),
)
