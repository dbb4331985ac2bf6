"""`tdkt fmt`: idempotent, keeps every comment, and never changes what the document prints."""

from __future__ import annotations

import io
import random
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tdkt_dsl.compiler import compile_text
from tdkt_dsl.formatter import format_text
from tdkt_dsl.render.docx import render_docx
from tdkt_dsl.render.text import render_text
from tdkt_dsl.source import Source
from tests.plans import plan as valid_plan

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").rglob("*.tdkt"))
PLANS = [p for p in EXAMPLES if "profiles" not in p.parts]


def _comments(text: str) -> list[str]:
    _, comments = Source.from_text(text).lines()
    return [c.text for c in comments]


def _document_xml(text: str, path: Path) -> bytes:
    comp = compile_text(text, str(path))
    assert comp.plan is not None
    with zipfile.ZipFile(io.BytesIO(render_docx(comp.plan))) as z:
        return z.read("word/document.xml")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_idempotent_and_comments_kept(path: Path):
    text = path.read_text("utf-8")
    once = format_text(text)
    assert format_text(once) == once
    assert _comments(once) == _comments(text)


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.name)
def test_printed_document_unchanged(path: Path):
    text = path.read_text("utf-8")
    messy = _mess_up(text, random.Random(path.name))
    assert messy != text
    formatted = format_text(messy)
    assert _document_xml(formatted, path) == _document_xml(text, path)
    assert format_text(text) == formatted  # messing up the layout changes nothing the formatter keeps


def _mess_up(text: str, rng: random.Random) -> str:
    """The same plan with a careless layout: odd spacing, lost indentation, extra blank lines."""
    out = []
    for line in text.split("\n"):
        r = rng.random()
        if re.match(r"^\s+(chủ trì|phối hợp|hạn|phụ trách|phong trào|ghi chú):", line) and r < 0.5:
            line = line.strip().replace(": ", " :", 1)
        elif line.startswith("- ") and r < 0.3:
            line = "-   " + line[2:] + "   "
        elif line == "" and r < 0.5:
            line = "\n\n"
        out.append(line)
    return "\n".join(out) + "\n\n\n"


def test_canonical_layout():
    src = ("\n\nnăm :2024\nngày:5/2/2024   // ban hành\n\nnhiệm vụ:  Làm việc\nchủ trì : pgd\n\t hạn:tháng 2/2024\n"
           "-   gạch đầu dòng\n•  chấm\n##   Mục\n\n\n\n// cuối\n")
    assert format_text(src) == ("năm: 2024\nngày: 05/02/2024   // ban hành\n\nnhiệm vụ: Làm việc\n  chủ trì: pgd\n"
                                "  hạn: tháng 02/2024\n- gạch đầu dòng\n- chấm\n## Mục\n\n// cuối\n")


def test_lines_with_mistakes_are_left_alone():
    src = "năm: hai nghìn\nhạn: khi nào xong\n"
    assert format_text(src) == src


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(valid_plan())
def test_generated_plans(text: str):
    once = format_text(text)
    assert format_text(once) == once
    assert _comments(once) == _comments(text)
    a, b = compile_text(text, "x.tdkt"), compile_text(once, "x.tdkt")
    if a.plan is not None:
        assert b.plan is not None
        assert render_text(b.plan) == render_text(a.plan)


def test_cli_check_and_write(tmp_path: Path):
    good = (ROOT / "examples" / "thanh-xuan-2024.tdkt").read_text("utf-8")
    f = tmp_path / "a.tdkt"
    f.write_text(good.replace("\n\n", "\n\n\n", 1), "utf-8")
    tdkt = [sys.executable, "-m", "tdkt_dsl.cli"]
    r = subprocess.run([*tdkt, "fmt", "--check", str(f)], capture_output=True, text=True)
    assert r.returncode == 1 and "a.tdkt" in r.stdout
    r = subprocess.run([*tdkt, "fmt", str(f)], capture_output=True, text=True)
    assert r.returncode == 0
    assert f.read_text("utf-8") == good
    r = subprocess.run([*tdkt, "fmt", "--check", str(f)], capture_output=True, text=True)
    assert r.returncode == 0


def test_examples_are_formatted():
    r = subprocess.run([sys.executable, "-m", "tdkt_dsl.cli", "fmt", "--check", str(ROOT / "examples")],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
