"""Render the good fixture with LibreOffice: one font family, no page number on page 1."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from verify_fixtures import build_plan

RENDER = Path(__file__).resolve().parents[2] / "scripts" / "render-docx"
TOOLS = ("soffice", "pdffonts", "pdftotext", "pdftoppm")


def _require_tools() -> None:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if not RENDER.exists():
        missing.append(str(RENDER))
    if missing:
        reason = ("needs " + ", ".join(missing) + " (Debian: apt-get install libreoffice-writer-nogui "
                  "poppler-utils fonts-liberation2)")
        if os.environ.get("CI") == "true":
            pytest.fail(reason)  # CI must render, never silently skip
        pytest.skip(reason)


def test_good_plan_renders_official(tmp_path):
    _require_tools()
    docx = build_plan().save(tmp_path / "good.docx")
    out = tmp_path / "render"
    res = subprocess.run([str(RENDER), docx, str(out)], capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stderr
    pdf = out / "good.pdf"

    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in fonts.splitlines()[2:] if line.strip()]
    # subset prefix "ABCDEF+" and style suffix "-Bold" aside, one family: the Times stand-in
    families = {re.sub(r"^[A-Z]{6}\+", "", n).split("-")[0] for n in names}
    assert families <= {"LiberationSerif", "TimesNewRomanPSMT", "TimesNewRoman"} and len(families) == 1, fonts

    text = (out / "good.txt").read_text(encoding="utf-8")
    pages = text.split("\f")
    first_lines = [ln.strip() for ln in pages[0].splitlines() if ln.strip()]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first_lines[0]
    assert not any(re.fullmatch(r"\d+", ln) for ln in first_lines), "page 1 shows a page number"
    # the appendix (page 2) is numbered on its own, from 1, above its heading
    second = [ln.strip() for ln in pages[1].splitlines() if ln.strip()]
    assert second[0] == "1" and second[1] == "Phụ lục"
