"""Hostile plain-text input to `tdkt import` (issue 9): a paste of unpunctuated lines, one huge
paragraph, a giant table cell, device files and FIFOs. Behaviour only (speed is in
bench/import_hostile.py): every word is kept, no paragraph handed to the parser is huge, absurd
input is refused with one message, and nothing blocks."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tdkt_dsl.compiler import compile_text
from tdkt_dsl.diagnostics import Problem
from tdkt_dsl.importer import import_bytes
from tdkt_dsl.importer.recognize import MAX_CELL, MAX_JOINED
from tdkt_dsl.render.text import render_text

WORDS = "các đơn vị thực hiện công tác thi đua khen thưởng năm học giáo dục đào tạo phòng trường".split()
HEAD = "KẾ HOẠCH\nCông tác thi đua năm 2024\nI. NỘI DUNG\nMột dòng mở đầu dài hơn sáu mươi ký tự để các dòng sau nối vào\n"


def _words(s: str) -> Counter:
    return Counter(w for w in re.findall(r"\w+", s.lower()))


def _lines(n: int, per: int, end: str = "") -> list[str]:
    return [" ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(per)) + end for i in range(n)]


def _import_and_build(text: str) -> tuple[str, str]:
    res = import_bytes(text.encode("utf-8"), "paste.txt")
    comp = compile_text(res.text, "<paste>")
    assert comp.ok, [d.message() for d in comp.diagnostics if d.level.value == "error"][:3]
    return res.text, render_text(comp.plan)


def test_unpunctuated_lines_are_joined_in_bounded_paragraphs_and_every_word_is_kept() -> None:
    body = _lines(3000, 12)  # ~250 KB: a PDF paste, every line starts in lower case, none ends a sentence
    source, printed = _import_and_build(HEAD + "\n".join(body) + "\n")
    assert _words("\n".join(body)) - _words(printed) == Counter()
    paragraphs = [l for l in printed.splitlines() if l.split(" ", 1)[0] in WORDS]
    assert len(paragraphs) > 1 and max(len(p) for p in paragraphs) <= MAX_JOINED


def test_a_huge_paragraph_is_cut_at_sentence_ends_without_losing_a_word() -> None:
    para = " ".join(_lines(3000, 12, "."))  # one ~250 KB line
    source, printed = _import_and_build(HEAD + para + "\n")
    assert _words(para) - _words(printed) == Counter()
    pieces = [l for l in source.splitlines() if l.split(" ", 1)[0] in WORDS]
    assert len(pieces) > 10 and all(len(p) <= MAX_JOINED + 10 for p in pieces)
    assert all(p.rstrip().endswith(".") for p in pieces)  # cut after a sentence, not inside one


def test_a_huge_paragraph_without_spaces_is_still_cut() -> None:
    blob = "x" * (3 * MAX_JOINED + 5)
    res = import_bytes((HEAD + blob + "\n").encode(), "blob.txt")
    assert "".join(re.findall(r"(?m)^x+$", res.text)) == blob


def test_a_giant_table_cell_is_refused_with_its_row() -> None:
    text = HEAD + "PHỤ LỤC\nTT\tNội dung\tThời gian\n1\t" + "việc " * (MAX_CELL // 4) + "\tTháng 3/2024\n"
    with pytest.raises(Problem) as exc:
        import_bytes(text.encode(), "t.txt")
    assert exc.value.code == "F920" and "hàng 2" in exc.value.message("vi") and str(MAX_CELL) in exc.value.message("en")


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tdkt_dsl.cli", *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", timeout=60)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_device_file_is_refused_not_read(tmp_path: Path) -> None:
    r = _cli("import", "/dev/zero", "-o", "out.tdkt", cwd=tmp_path)
    assert r.returncode == 2 and "F919" in r.stderr and "tệp thường" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "out.tdkt").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    r = _cli("import", "pipe.txt", "-o", "out.tdkt", cwd=tmp_path)  # timeout=60 fails the test if it blocks
    assert r.returncode == 2 and "F919" in r.stderr


def test_text_over_the_cap_is_refused_while_reading(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_bytes(b"a" * (5 * 1024 * 1024 + 1))
    r = _cli("import", "big.txt", "-o", "out.tdkt", cwd=tmp_path)
    assert r.returncode == 2 and "F905" in r.stderr and not (tmp_path / "out.tdkt").exists()
