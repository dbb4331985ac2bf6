"""Text hygiene (T8xx)."""

from __future__ import annotations

from .entries import ERROR, WARNING, Code

CODES: tuple[Code, ...] = (
    Code("T801", "repeated-word", WARNING,
         vi='Lặp từ: "{words}" viết hai lần liền nhau.',
         en='Repeated words: "{words}" is written twice in a row.',
         fixable=True),
    Code("T802", "legacy-encoding", ERROR,
         vi='Chữ gõ bằng bảng mã {encoding} (dán từ tệp cũ): "{found}" là "{converted}".',
         en='Text in the legacy {encoding} encoding (pasted from an old file): "{found}" is "{converted}".',
         fixable=True),
    Code("T803", "not-nfc", WARNING,
         vi="Tệp không ở dạng chuẩn Unicode NFC (có chữ tổ hợp dấu rời).",
         en="The file is not in Unicode NFC form (it has decomposed letters).",
         fixable=True),
    Code("T804", "space-before-punctuation", WARNING,
         vi="Thừa dấu cách {where} `{mark}`.",
         en="Extra space {where} `{mark}`.",
         fixable=True),
    Code("T805", "unbalanced-delimiters", WARNING,
         vi="{what} không có dấu đóng/mở tương ứng.",
         en="{what} has no matching partner."),
    Code("T806", "invisible-character", WARNING,
         vi="Ký tự ẩn {name} (U+{cp}) trong chữ — thường dán từ Word hay PDF: không thấy được nhưng làm "
            "sai tìm kiếm, so sánh và ngắt dòng{more}.",
         en="Invisible character {name} (U+{cp}) in the text — usually pasted from Word or a PDF: it "
            "cannot be seen but breaks searching, comparing and line breaking{more}.",
         fixable=True),
    Code("T807", "control-character", ERROR,
         vi="Ký tự điều khiển {name} (U+{cp}) không thể đưa vào tệp DOCX{more}.",
         en="Control character {name} (U+{cp}) cannot go into a DOCX file{more}.",
         fixable=True,
         doc="Thường gặp nhất là tab dọc (U+000B), cách Word chép một lần xuống dòng (Shift+Enter): "
             "`--fix` đổi nó thành xuống dòng; các ký tự điều khiển khác bị xóa. Không thể bỏ qua mã này."),
)
