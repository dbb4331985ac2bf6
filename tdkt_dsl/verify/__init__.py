"""`tdkt verify`: check any .docx against the format rules of Nghị định 30/2020/NĐ-CP.

    verify_path(path) -> list[Diagnostic]      raises NotADocx for unreadable input
    cli_verify(path, fmt, lang) -> exit code   0 clean, 1 findings, 2 not a readable DOCX
"""

from __future__ import annotations

from ..diagnostics import Diagnostic
from .reader import NotADocx, read_docx
from .report import cli_verify
from .rules import CHECKS, run_checks

__all__ = ["verify_path", "cli_verify", "NotADocx", "CHECKS"]


def verify_path(path: str) -> list[Diagnostic]:
    """Read ``path`` and return every ND30 finding, in document order."""
    return run_checks(read_docx(str(path)))
