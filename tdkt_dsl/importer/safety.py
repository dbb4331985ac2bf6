"""Opening untrusted input safely: size caps, zip-bomb checks, bounded reads.

Everything is checked from the zip's central directory *before* anything is decompressed, and
every read is bounded again while decompressing (a central directory can lie).
"""

from __future__ import annotations

import io
import zipfile

from ..diagnostics import Problem

MAX_INPUT_BYTES = 20 * 1024 * 1024  # a plan's DOCX is well under 1 MB, with pictures a few MB
MAX_TEXT_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED = 60 * 1024 * 1024  # all members together
MAX_MEMBER = 30 * 1024 * 1024  # one member
MAX_RATIO = 100  # uncompressed / compressed, for members above RATIO_FLOOR
RATIO_FLOOR = 256 * 1024
MAX_MEMBERS = 5000


class ImportRefused(Problem):
    """The input cannot or must not be read: one diagnostic (F9xx), exit code from `exit_code`."""


def check_size(size: int, limit: int) -> None:
    if size > limit:
        raise ImportRefused("F905", size=size, limit=limit)


def open_docx(data: bytes) -> zipfile.ZipFile:
    """A checked zip: a DOCX package with sane sizes. Raises ImportRefused."""
    check_size(len(data), MAX_INPUT_BYTES)
    if not data.startswith(b"PK"):
        raise ImportRefused("F909")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise ImportRefused("F910", detail=str(exc)) from None
    if len(infos) > MAX_MEMBERS:
        raise ImportRefused("F911", count=len(infos), limit=MAX_MEMBERS)
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ImportRefused("F914")
        total += info.file_size
        if info.file_size > MAX_MEMBER or total > MAX_UNCOMPRESSED:
            limit = MAX_MEMBER if info.file_size > MAX_MEMBER else MAX_UNCOMPRESSED
            raise ImportRefused("F912", member=info.filename, limit=limit // (1024 * 1024))
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ImportRefused("F913", member=info.filename,
                                ratio=info.file_size // max(info.compress_size, 1))
    names = set(zf.namelist())
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        missing = "word/document.xml" if "word/document.xml" not in names else "[Content_Types].xml"
        raise ImportRefused("F915", member=missing)
    return zf


def read_member(zf: zipfile.ZipFile, name: str, limit: int = MAX_MEMBER) -> bytes:
    """Decompress one member, never more than ``limit`` bytes whatever the directory claims."""
    try:
        with zf.open(name) as fh:
            data = fh.read(limit + 1)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise ImportRefused("F910", detail=f"{name}: {exc}") from None
    if len(data) > limit:
        raise ImportRefused("F912", member=name, limit=limit // (1024 * 1024))
    return data
