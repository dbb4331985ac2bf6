"""Every example compiles with exactly the diagnostics it is meant to have, and `tdkt build` writes
each output format for it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tdkt_dsl.compiler import compile_path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

# example → the (code, line) of every diagnostic `tdkt check` must report, and nothing else
EXPECTED = {
    "long-bien-2023.tdkt": [],
    "dong-da-2023.tdkt": [],
    "thanh-xuan-2024.tdkt": [],
    # a draft: number and date left blank for the clerk
    "thcs-gia-thuy-2026.tdkt": [("M210", 5), ("M210", 6)],
    # a ward People's Committee after 01/7/2025: two-level authority, leaders as leads and partners,
    # school-year deadlines (week of a month, semester parts, days without a year, months across
    # the new year)
    "ubnd-bo-de-2026.tdkt": [],
    # a Sở GDĐT Hà Nội plan for the school year: a leader as lead and as partner, days and months
    # without a year, a semester, a month range written with its years
    "sgddt-ha-noi-2026.tdkt": [],
    # a primary school's month timeline: several items in most months, one in some; leaders lead
    "th-ai-mo-2026.tdkt": [],
}


def tdkt(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tdkt_dsl.cli", *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=ROOT, timeout=120)


def test_every_example_is_listed():
    assert sorted(p.name for p in EXAMPLES.glob("*.tdkt")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_has_exactly_the_expected_diagnostics(name):
    comp = compile_path(str(EXAMPLES / name))
    got = sorted((d.code, d.span.line) for d in comp.diagnostics)
    assert got == sorted(EXPECTED[name]), [f"{d.code} {d.span.line}: {d.message('en')}" for d in comp.diagnostics]
    assert comp.ok


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_check_cli_exits_0(name):
    r = tdkt("check", f"examples/{name}", "--format", "json")
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_build_json_and_text(tmp_path, name):
    stem = Path(name).stem
    out = tmp_path / f"{stem}.json"
    r = tdkt("build", f"examples/{name}", "--to", "json", "-o", str(out))
    assert r.returncode == 0, r.stdout + r.stderr
    model = json.loads(out.read_text(encoding="utf-8"))
    assert model  # a JSON document with the model
    txt = tmp_path / f"{stem}.txt"
    r = tdkt("build", f"examples/{name}", "--to", "text", "-o", str(txt))
    assert r.returncode == 0, r.stdout + r.stderr
    text = txt.read_text(encoding="utf-8")
    assert "KẾ HOẠCH" in text and "Nơi nhận:" in text


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_build_docx(tmp_path, name):
    out = tmp_path / (Path(name).stem + ".docx")
    r = tdkt("build", f"examples/{name}", "-o", str(out))
    assert r.returncode == 0, r.stdout + r.stderr
    data = out.read_bytes()
    assert data[:2] == b"PK" and len(data) > 5000
    from docx import Document

    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "KẾ HOẠCH" in text
