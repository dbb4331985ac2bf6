"""DOCX → PDF through LibreOffice, when it is installed (`tdkt build --to pdf`).

The PDF is what LibreOffice prints from the DOCX tdkt wrote, so it matches the official file
page for page. `TDKT_SOFFICE` names the converter when it is not on PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..diagnostics import Problem

CONVERT_SECONDS = 180


def converter() -> str | None:
    named = os.environ.get("TDKT_SOFFICE")
    if named:
        return named if os.access(named, os.X_OK) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, name: str = "ke-hoach") -> bytes:
    exe = converter()
    if exe is None:
        raise Problem("O904", name)
    with tempfile.TemporaryDirectory(prefix="tdkt-pdf-") as tmp:
        src = Path(tmp) / f"{name}.docx"
        src.write_bytes(docx)
        try:
            run = subprocess.run([exe, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                                  "--convert-to", "pdf", "--outdir", tmp, str(src)],
                                 capture_output=True, timeout=CONVERT_SECONDS)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise Problem("O905", name, reason=type(exc).__name__) from None
        pdf = src.with_suffix(".pdf")
        if run.returncode != 0 or not pdf.is_file():
            raise Problem("O905", name, reason=f"exit {run.returncode}")
        return pdf.read_bytes()
