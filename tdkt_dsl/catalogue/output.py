"""Output (O9xx): writing what the user asked for. Every one stops the command (exit 2): tdkt
writes atomically, only where asked, and never over a file it must not replace."""

from __future__ import annotations

from .code import ERROR, Code

CODES: tuple[Code, ...] = (
    Code("O901", "overwrite-source", ERROR,
         vi="Từ chối ghi đè tệp nguồn `{path}`.",
         en="Refusing to overwrite the source file `{path}`.",
         usage=True),
    Code("O902", "no-directory", ERROR,
         vi="Thư mục `{path}` không tồn tại.",
         en="Directory `{path}` does not exist.",
         usage=True),
    Code("O903", "cannot-write", ERROR,
         vi="Không ghi được `{path}`: {reason}.",
         en="Cannot write `{path}`: {reason}.",
         usage=True),
    Code("O904", "pdf-converter-missing", ERROR,
         vi="Không tạo được PDF: máy này chưa có LibreOffice (cài gói libreoffice-writer, hoặc đặt TDKT_SOFFICE là đường dẫn lệnh soffice).",
         en="Cannot make a PDF: LibreOffice is not installed (install libreoffice-writer, or set TDKT_SOFFICE to the soffice command).",
         usage=True),
    Code("O905", "pdf-conversion-failed", ERROR,
         vi="LibreOffice không chuyển được tệp sang PDF ({reason}).",
         en="LibreOffice could not convert the file to PDF ({reason})."),
    Code("O906", "not-a-folder", ERROR,
         vi="`{path}` không phải một thư mục.",
         en="`{path}` is not a folder.",
         usage=True),
    Code("O907", "reference-needs-issue", ERROR,
         vi="Chỉ kế hoạch đã ban hành (có `số:` và `ngày:`) mới có mục trong danh sách văn bản cấp trên.",
         en="Only an issued plan (with `số:` and `ngày:`) has an entry in the list of upper-level documents."),
    Code("O908", "upper-plan-has-errors", ERROR,
         vi="Kế hoạch cấp trên `{path}` còn lỗi: sửa hết lỗi (`tdkt check`) rồi mới xây dựng kế hoạch cấp dưới.",
         en="The upper-level plan `{path}` has errors: fix them (`tdkt check`) before deriving from it."),
    Code("O909", "profile-without-units", ERROR,
         vi="Hồ sơ `{path}` không khai báo đơn vị nào (`đơn vị <mã>: …`): không biết ai chủ trì các nhiệm vụ.",
         en="The profile `{path}` declares no unit (`đơn vị <mã>: …`): there is no one to lead the tasks.",
         usage=True),
    Code("O910", "new-needs-year-or-for", ERROR,
         vi="`tdkt new` cần `--year NĂM` (kế hoạch năm sau) hoặc `--for HỒ-SƠ` (kế hoạch cấp dưới).",
         en="`tdkt new` needs `--year YEAR` (next year's plan) or `--for PROFILE` (the lower level's plan).",
         usage=True),
)
