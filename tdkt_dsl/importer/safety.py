"""Opening untrusted input for import.

A DOCX goes through the shared safe reader (tdkt_dsl/docx_package.py): the same limits, DTD
refusal and codes as `tdkt verify`, its `DocxRefused` (a `Problem`) reaching the user unchanged.
Plain text has its own size cap. A refusal is a `diagnostics.Problem` carrying one F9xx
diagnostic, like every stage's.
"""

from __future__ import annotations

from ..diagnostics import Problem
from ..docx_package import MAX_FILE, DocxPackage

MAX_INPUT_BYTES = MAX_FILE  # a DOCX: the shared reader's cap
MAX_TEXT_BYTES = 5 * 1024 * 1024


def check_size(size: int, limit: int) -> None:
    if size > limit:
        raise Problem("F905", size=size, limit=limit)


def open_docx(data: bytes, name: str = "") -> DocxPackage:
    """A checked DOCX package with a main document part. Raises `DocxRefused` (a Problem)."""
    pkg = DocxPackage.from_bytes(data, name)
    pkg.main_part()
    return pkg
