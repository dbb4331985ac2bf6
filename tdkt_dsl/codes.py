"""Codes of the compiler's own diagnostics: file (F), syntax (S) and model (M).

Semantic checks register theirs in tdkt_dsl/check/*; `tdkt rules` and the README list them all.
"""

from .diagnostics import Severity, register

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

# -- files -------------------------------------------------------------------------------------
register("F901", "file-not-found", E, "Không tìm thấy tệp `{path}`.", "File `{path}` not found.")
register("F902", "not-utf8", E,
         "Tệp không phải UTF-8 (byte lỗi ở dòng {line}); hãy lưu lại tệp với mã UTF-8.",
         "The file is not UTF-8 (bad byte on line {line}); save it as UTF-8.")
register("F903", "binary-file", E, "Tệp chứa byte NUL: đây không phải tệp văn bản.",
         "The file contains NUL bytes: it is not a text file.")
register("F904", "is-directory", E, "`{path}` là thư mục, không phải tệp.", "`{path}` is a directory, not a file.")
register("F905", "file-too-large", E, "Tệp quá lớn ({size} byte; tối đa {limit}).",
         "The file is too large ({size} bytes; at most {limit}).")
register("F906", "cannot-read", E, "Không đọc được tệp `{path}`.", "Cannot read `{path}`.")

# -- syntax ------------------------------------------------------------------------------------
register("S102", "unexpected-token", E,
         "Không mong đợi `{found}`{context}; cần {expected}.",
         "Unexpected `{found}`{context_en}; expected {expected_en}.")
register("S103", "unexpected-end", E,
         "Dòng kết thúc khi chưa đủ{context}; cần {expected}.",
         "The line ends too early{context_en}; expected {expected_en}.")
register("S104", "unclosed-emphasis", E,
         "Thiếu `{mark}` để đóng chữ {style} mở ở cột {col}.",
         "Missing `{mark}` to close the {style_en} text opened at column {col}.")
register("S105", "unclosed-variable", E,
         "Thiếu `}}` để đóng biến mở bằng `{{`; để viết dấu ngoặc nhọn hãy dùng `\\{{`.",
         "Missing `}}` to close the variable opened with `{{`; write `\\{{` for a literal brace.")
register("S106", "stray-at", E,
         "Dấu `@` phải đi liền một mã, ví dụ `@pgd`; để viết dấu @ hãy dùng `\\@`.",
         "`@` must be followed by an id such as `@pgd`; write `\\@` for a literal @.")

# -- model -------------------------------------------------------------------------------------
register("M201", "unknown-reference", E, "Không có {kind} nào mã `{id}`.{suggestion}",
         "No {kind_en} has the id `{id}`.{suggestion_en}")
register("M202", "impossible-date", E, "Ngày không có thật: {text}.", "Impossible date: {text}.")
register("M203", "misplaced-line", E, "{what} không được đặt {where}.", "{what_en} cannot appear {where_en}.")
register("M204", "duplicate-field", E, "`{field}` đã khai báo ở dòng {first_line}.",
         "`{field}` was already given on line {first_line}.")
register("M205", "missing-field", E, "Kế hoạch thiếu `{field}:` ({what}).", "The plan has no `{field}:` ({what_en}).")
register("M206", "heading-level-skip", E,
         "Đề mục cấp {level} nằm ngay dưới cấp {parent}: không được bỏ cấp.",
         "A level-{level} heading directly under level {parent}: levels cannot be skipped.")
register("M207", "unknown-variable", E, "Không có biến `{{{name}}}`.{suggestion}",
         "There is no variable `{{{name}}}`.{suggestion_en}")
register("M208", "duplicate-id", E, "Mã `{id}` đã dùng ở dòng {first_line}.", "The id `{id}` is already used on line {first_line}.")
register("M209", "include-failed", E, "Không dùng được tệp hồ sơ `{path}`: {reason}.",
         "Cannot use the profile `{path}`: {reason_en}.")
register("M210", "draft-blank", W,
         "{what} để trống: bản in có chỗ trống cho văn thư điền khi ban hành.",
         "{what_en} left blank: the printout leaves room for the clerk to fill in at issue.")
register("M211", "symbol-mismatch", E,
         "Ký hiệu `{found}` khác ký hiệu ghép từ loại văn bản và viết tắt cơ quan: `{expected}`.",
         "The symbol `{found}` differs from the one composed of document type and agency abbreviation: `{expected}`.")
register("M212", "empty-statement", E, "`{keyword}:` cần có nội dung.", "`{keyword}:` needs a value.")
register("M213", "heading-too-deep", E, "Đề mục quá sâu (tối đa 4 cấp: I., 1., 1.1., a)).",
         "Heading too deep (at most 4 levels: I., 1., 1.1., a)).")
register("M214", "malformed-citation", E,
         "Trích dẫn văn bản chưa đúng dạng: {problem}. Dạng đúng: `Kế hoạch số 322/KH-UBND ngày 09/12/2022 của … về …`.",
         "Malformed citation: {problem_en}. Expected `Kế hoạch số 322/KH-UBND ngày 09/12/2022 của … về …`.")
register("M215", "year-mismatch", E, "Năm học `{school_year}` không khớp năm kế hoạch {year}.",
         "School year `{school_year}` does not fit the plan year {year}.")
register("M216", "bad-value", E, "Giá trị `{value}` không hợp lệ cho `{field}:`; dùng {expected}.",
         "`{value}` is not valid for `{field}:`; use {expected_en}.")
register("M217", "keyword-like-paragraph", W,
         "Dòng này được hiểu là đoạn văn, nhưng `{word}:` gần giống từ khóa `{keyword}:`.",
         "This line is read as a paragraph, but `{word}:` looks like the keyword `{keyword}:`.")
