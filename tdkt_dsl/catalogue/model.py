"""Model (M2xx): what building the plan model from the parse tree reports."""

from __future__ import annotations

from .entries import ERROR, WARNING, Code

CODES: tuple[Code, ...] = (
    Code("M201", "unknown-reference", ERROR,
         vi="Không có {kind} nào mã `{id}`.{suggestion}",
         en="No {kind} has the id `{id}`.{suggestion}"),
    Code("M202", "impossible-date", ERROR,
         vi="Ngày không có thật: {text}.",
         en="Impossible date: {text}."),
    Code("M203", "misplaced-line", ERROR,
         vi="{what} không được đặt {where}.",
         en="{what} cannot appear {where}."),
    Code("M204", "duplicate-field", ERROR,
         vi="`{field}` đã khai báo ở dòng {first_line}.",
         en="`{field}` was already given on line {first_line}."),
    Code("M205", "missing-field", ERROR,
         vi="Kế hoạch thiếu `{field}:` ({what}).",
         en="The plan has no `{field}:` ({what})."),
    Code("M206", "heading-level-skip", ERROR,
         vi="Đề mục cấp {level} nằm ngay dưới cấp {parent}: không được bỏ cấp.",
         en="A level-{level} heading directly under level {parent}: levels cannot be skipped."),
    Code("M207", "unknown-variable", ERROR,
         vi="Không có biến `{{{name}}}`.{suggestion}",
         en="There is no variable `{{{name}}}`.{suggestion}"),
    Code("M208", "duplicate-id", ERROR,
         vi="Mã `{id}` đã dùng ở dòng {first_line}.",
         en="The id `{id}` is already used on line {first_line}."),
    Code("M209", "include-failed", ERROR,
         vi="Không dùng được tệp hồ sơ `{path}`: {reason}.",
         en="Cannot use the profile `{path}`: {reason}."),
    Code("M210", "draft-blank", WARNING,
         vi="{what} để trống: bản in có chỗ trống cho văn thư điền khi ban hành.",
         en="{what} left blank: the printout leaves room for the clerk to fill in at issue."),
    Code("M211", "symbol-mismatch", ERROR,
         vi="Ký hiệu `{found}` khác ký hiệu ghép từ loại văn bản và viết tắt cơ quan: `{expected}`.",
         en="The symbol `{found}` differs from the one composed of document type and agency "
            "abbreviation: `{expected}`."),
    Code("M212", "empty-statement", ERROR,
         vi="`{keyword}:` cần có nội dung.",
         en="`{keyword}:` needs a value."),
    Code("M213", "heading-too-deep", ERROR,
         vi="Đề mục quá sâu (tối đa 4 cấp: I., 1., 1.1., a)).",
         en="Heading too deep (at most 4 levels: I., 1., 1.1., a))."),
    Code("M214", "malformed-citation", ERROR,
         vi="Trích dẫn văn bản chưa đúng dạng: {problem}. Dạng đúng: `Kế hoạch số 322/KH-UBND "
            "ngày 09/12/2022 của … về …`.",
         en="Malformed citation: {problem}. Expected `Kế hoạch số 322/KH-UBND ngày "
            "09/12/2022 của … về …`."),
    Code("M215", "year-mismatch", ERROR,
         vi="Năm học `{school_year}` không khớp năm kế hoạch {year}.",
         en="School year `{school_year}` does not fit the plan year {year}."),
    Code("M216", "bad-value", ERROR,
         vi="Giá trị `{value}` không hợp lệ cho `{field}:`; dùng {expected}.",
         en="`{value}` is not valid for `{field}:`; use {expected}."),
    Code("M217", "keyword-like-paragraph", WARNING,
         vi="Dòng này được hiểu là đoạn văn, nhưng `{word}:` gần giống từ khóa `{keyword}:`.",
         en="This line is read as a paragraph, but `{word}:` looks like the keyword `{keyword}:`."),
    Code("M218", "wrong-kind-reference", ERROR,
         vi="`{id}` là {actual}, không phải {kind}: `{field}:` cần {allowed}.",
         en="`{id}` is a {actual}, not a {kind}: `{field}:` takes {allowed}."),
    Code("M219", "column-not-in-layout", WARNING,
         vi="Phụ lục {layout} không có cột `{column}` ({reason}); các cột dùng được: {allowed}.",
         en="A {layout} appendix has no `{column}` column ({reason}); its columns: {allowed}."),
    Code("M220", "bad-authority", ERROR,
         vi="Thẩm quyền ký `{found}` chưa đúng: {problem}.",
         en="Signing authority `{found}` is not valid: {problem}."),
    Code("M221", "authority-position-mismatch", ERROR,
         vi="`{prefix}` cần chức vụ {need}, nhưng `chức vụ:` là `{position}`.",
         en="`{prefix}` needs the position {need}, but `chức vụ:` is `{position}`."),
    Code("M222", "citation-trailing-punctuation", WARNING,
         vi="Dòng căn cứ kết thúc bằng `{mark}`: tdkt tự nối các văn bản bằng `;` và kết thúc câu "
            "bằng `.`, nên bản in sẽ thừa dấu.",
         en="The citation line ends with `{mark}`: tdkt joins cited documents with `;` and ends the "
            "sentence with `.`, so the print would double the punctuation.",
         fixable=True),
    Code("M223", "deputy-without-authority", WARNING,
         vi="Người ký là cấp phó (`{position}`) nhưng kế hoạch không có `thẩm quyền:`: cấp phó ký "
            "thay người đứng đầu nên bản in cần dòng `KT.` phía trên chức vụ (Nghị định 30/2020/NĐ-CP, "
            "Phụ lục I), ví dụ `{line}`; cơ quan làm việc theo chế độ tập thể ghi thêm dòng `TM.` trước.",
         en="The signer is a deputy (`{position}`) but the plan has no `thẩm quyền:`: a deputy signs "
            "on behalf of the head, so the print needs a `KT.` line above the position (Decree "
            "30/2020/NĐ-CP, Appendix I), e.g. `{line}`; a collective body adds a `TM.` line first.",
         fixable=True),
)
