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
)
