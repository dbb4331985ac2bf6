"""Opening untrusted input for import.

A DOCX goes through the shared safe reader (tdkt_dsl/docx_package.py): the same limits, DTD
refusal and codes as `tdkt verify`; its `DocxRefused` reaches the user as an `ImportRefused`
with the same diagnostic. Plain text has its own size cap.
"""

from __future__ import annotations

from ..diagnostics import Problem
from ..docx_package import MAX_FILE, DocxPackage, DocxRefused

MAX_INPUT_BYTES = MAX_FILE  # a DOCX: the shared reader's cap
MAX_TEXT_BYTES = 5 * 1024 * 1024


class ImportRefused(Problem):
    """The input cannot or must not be read: one diagnostic (F9xx), exit code from `exit_code`."""

    @classmethod
    def from_docx(cls, exc: DocxRefused, file: str = "") -> "ImportRefused":
        d = exc.diagnostic
        return cls(exc.code, file or d.span.file, **d.params)


def check_size(size: int, limit: int) -> None:
    if size > limit:
        raise ImportRefused("F905", size=size, limit=limit)


def open_docx(data: bytes, name: str = "") -> DocxPackage:
    """A checked DOCX package with a main document part. Raises ImportRefused."""
    try:
        pkg = DocxPackage.from_bytes(data, name)
        pkg.main_part()
    except DocxRefused as exc:
        raise ImportRefused.from_docx(exc) from None
    return pkg
