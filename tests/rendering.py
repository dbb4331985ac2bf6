"""Render a DOCX as a word processor shows it: LibreOffice → PDF (scripts/render-docx),
then read pages, sizes, fonts and text with poppler. Tests skip when the tools are missing —
naming the Debian packages — except under CI=true, where they fail instead."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RENDER_DOCX = ROOT / "scripts" / "render-docx"
PACKAGES = "libreoffice-writer-nogui poppler-utils fonts-liberation2"


def require_renderer() -> None:
    missing = [t for t in ("soffice", "pdftotext", "pdfinfo", "pdffonts") if shutil.which(t) is None]
    if not RENDER_DOCX.exists():
        missing.append(str(RENDER_DOCX))
    if missing:
        msg = f"rendering needs {', '.join(missing)} (Debian: apt-get install {PACKAGES})"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(msg)
        pytest.skip(msg)


@dataclass
class Rendered:
    pdf: Path
    pages: int
    sizes: list[tuple[float, float]]  # points, per page
    fonts: list[str]
    page_text: list[str]  # pdftotext -layout: columns side by side, as on the page
    raw_text: list[str]  # pdftotext -raw: content-stream order, cells and columns kept whole

    def landscape(self, page: int) -> bool:
        w, h = self.sizes[page - 1]
        return w > h


def render(docx: Path, outdir: Path) -> Rendered:
    require_renderer()
    r = subprocess.run([str(RENDER_DOCX), str(docx), str(outdir)], capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    pdf = outdir / (docx.stem + ".pdf")
    return read_pdf(pdf)


def read_pdf(pdf: Path) -> Rendered:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], capture_output=True,
                          text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    sizes = [(float(w), float(h)) for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)]
    fonts_out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    fonts = [line.split()[0] for line in fonts_out.splitlines()[2:] if line.strip()]
    def text(mode: str) -> list[str]:
        return [subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), mode, "-enc", "UTF-8", str(pdf), "-"],
                               capture_output=True, text=True, check=True).stdout for p in range(1, pages + 1)]

    return Rendered(pdf, pages, sizes, fonts, text("-layout"), text("-raw"))


def squash(s: str) -> str:
    """Compare text across line breaks and justification: drop all whitespace."""
    return re.sub(r"\s+", "", s)


@lru_cache(maxsize=None)
def font_families(fonts: tuple[str, ...]) -> set[str]:
    # "ABCDEF+LiberationSerif-Bold" → "LiberationSerif"
    return {re.sub(r"^[A-Z]{6}\+", "", f).split("-")[0].split(",")[0] for f in fonts}
