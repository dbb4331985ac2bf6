"""Opening untrusted input safely: size caps, zip-bomb checks, bounded reads.

Everything is checked from the zip's central directory *before* anything is decompressed, and
every read is bounded again while decompressing (a central directory can lie).
"""

from __future__ import annotations

import io
import zipfile

MAX_INPUT_BYTES = 20 * 1024 * 1024  # a plan's DOCX is well under 1 MB, with pictures a few MB
MAX_TEXT_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED = 60 * 1024 * 1024  # all members together
MAX_MEMBER = 30 * 1024 * 1024  # one member
MAX_RATIO = 100  # uncompressed / compressed, for members above RATIO_FLOOR
RATIO_FLOOR = 256 * 1024
MAX_MEMBERS = 5000


class ImportRefused(Exception):
    """The input cannot or must not be read. One clear message, exit code 1 (2 when missing)."""

    def __init__(self, code: str, vi: str, en: str, exit_code: int = 1) -> None:
        super().__init__(en)
        self.code, self.vi, self.en, self.exit_code = code, vi, en, exit_code

    def message(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def check_size(size: int, limit: int) -> None:
    if size > limit:
        raise ImportRefused("SIZE", f"Tệp quá lớn ({_mb(size)}; tối đa {_mb(limit)}).",
                            f"The file is too large ({_mb(size)}; at most {_mb(limit)}).")


def open_docx(data: bytes) -> zipfile.ZipFile:
    """A checked zip: a DOCX package with sane sizes. Raises ImportRefused."""
    check_size(len(data), MAX_INPUT_BYTES)
    if not data.startswith(b"PK"):
        raise ImportRefused("NOTZIP", "Tệp không phải DOCX: không phải một gói zip (có thể là .doc cũ hoặc PDF đổi tên?).",
                            "Not a DOCX: the file is not a zip package (an old .doc or a renamed PDF?).")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ImportRefused("NOTZIP", "Tệp không phải DOCX: gói zip bị hỏng hoặc cắt cụt.",
                            "Not a DOCX: the zip package is damaged or truncated.") from None
    if len(infos) > MAX_MEMBERS:
        raise ImportRefused("BOMB", f"Gói zip có {len(infos)} tệp con — quá nhiều; từ chối đọc.",
                            f"The zip holds {len(infos)} members — too many; refused.")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ImportRefused("ENCRYPTED", "Tệp DOCX được mã hóa bằng mật khẩu; hãy lưu bản không mật khẩu.",
                                "The DOCX is password-protected; save an unprotected copy.")
        total += info.file_size
        if info.file_size > MAX_MEMBER or total > MAX_UNCOMPRESSED:
            raise ImportRefused("BOMB", f"Nội dung giải nén quá lớn ({_mb(max(total, info.file_size))}; tối đa "
                                        f"{_mb(MAX_UNCOMPRESSED)}): có thể là bom zip; từ chối đọc.",
                                f"Uncompressed content too large ({_mb(max(total, info.file_size))}; at most "
                                f"{_mb(MAX_UNCOMPRESSED)}): possibly a zip bomb; refused.")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ImportRefused("BOMB", f"Tỷ lệ nén của `{info.filename}` bất thường "
                                        f"({info.file_size // max(info.compress_size, 1)}:1): có thể là bom zip; từ chối đọc.",
                                f"`{info.filename}` has an abnormal compression ratio "
                                f"({info.file_size // max(info.compress_size, 1)}:1): possibly a zip bomb; refused.")
    names = set(zf.namelist())
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise ImportRefused("NOTDOCX", "Tệp là gói zip nhưng không phải DOCX (thiếu word/document.xml).",
                            "The file is a zip but not a DOCX (no word/document.xml).")
    return zf


def read_member(zf: zipfile.ZipFile, name: str, limit: int = MAX_MEMBER) -> bytes:
    """Decompress one member, never more than ``limit`` bytes whatever the directory claims."""
    try:
        with zf.open(name) as fh:
            data = fh.read(limit + 1)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise ImportRefused("NOTZIP", f"Không giải nén được `{name}` ({exc}).", f"Cannot decompress `{name}` ({exc}).") from None
    if len(data) > limit:
        raise ImportRefused("BOMB", f"`{name}` giải nén ra quá lớn: có thể là bom zip; từ chối đọc.",
                            f"`{name}` decompresses to too much data: possibly a zip bomb; refused.")
    return data
