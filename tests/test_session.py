"""A `Session` gives exactly what a cold compile gives: after every edit of a random sequence
(words changed, lines deleted, duplicated, swapped, inserted, undone) on every example and every
saved fuzz input, the diagnostics (JSON, both languages), the model (JSON with spans) and the DOCX
bytes of the warm compilation equal those of a compilation from scratch. Profiles edited on disk
between compilations are seen, even when a rewrite keeps the file's size and mtime."""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt_dsl.compiler import Session, compile_path, compile_text
from tdkt_dsl.render.docx import render_docx
from tdkt_dsl.render.json import render_json

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.tdkt"))
SEEDS = sorted((ROOT / "tests" / "fuzz" / "crashes").glob("*.tdkt"))

# pieces an edit puts into a line: ids known and unknown, dates before and after issue, years of
# the plan and stale ones, school years, variables, markup, a misspelt declared name
PIECES = ["", "x", " ", "khongco", "@pgd", "@tt", "{năm}", "{năm_học}", "{nam}", "**", "*", "\\*",
          "ngày 15/02/2023", "trước ngày 30/4", "trước ngày 25/5/2022", "năm 2021", "năm học 2022-2023",
          "Kế hoạch số 12/KH-UBND ngày 09/12/2022 của UBND quận", "kỷ niệm 70 năm", "Quý Mão 2023",
          "Hội đồng Thi đua - Khen thưởng Nghành", "Phòng Giáo dục và Đào tạoo", "//", " // tdkt: bỏ qua D308",
          "KÕ ho¹ch", "2024", "\t", "“", ":", "đến"]
NEW_LINES = ["nhiệm vụ: Các trường gửi hồ sơ về Phòng trước ngày 25/5/2022",
             "  chủ trì: khongco", "  hạn: tháng 05/{năm}", "- Phát động đăng ký thi đua năm học 2021-2022.",
             "# Mục mới", "tháng: 09/2023", "", "// một chú thích", "- Báo cáo về @pgd trước ngày 10/01/2023.",
             "dùng: profiles/khong-co.tdkt", "năm: 2024", "ngày: 05/02/2023"]


def fingerprint(comp, docx: bool) -> dict:
    out = {"vi": [d.to_dict("vi") for d in comp.diagnostics],
           "en": [d.to_dict("en") for d in comp.diagnostics],
           "sources": sorted(comp.sources),
           "model": render_json(comp.plan) if comp.plan is not None else None}
    if docx and comp.plan is not None and comp.ok:
        out["docx"] = render_docx(comp.plan)
    return out


def edit(rng: random.Random, lines: list[str], original: list[str]) -> list[str]:
    lines = list(lines)
    what = rng.randrange(7)
    i = rng.randrange(len(lines)) if lines else 0
    if not lines or what == 0:
        lines.insert(i, rng.choice(NEW_LINES))
    elif what in (1, 2):  # change a word: the most common edit while typing
        line = lines[i]
        a = rng.randrange(len(line) + 1)
        b = min(len(line), a + rng.randrange(4))
        lines[i] = line[:a] + rng.choice(PIECES) + line[b:]
    elif what == 3:
        del lines[i]
    elif what == 4:
        lines.insert(i, lines[rng.randrange(len(lines))])
    elif what == 5:
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    else:
        return list(original)  # undo everything
    return lines


def assert_same(session: Session, text: str, path: str, docx: bool) -> None:
    warm = fingerprint(session.compile_text(text, path), docx)
    cold = fingerprint(compile_text(text, path), docx)
    assert warm == cold


@pytest.mark.parametrize("path", EXAMPLES + SEEDS, ids=lambda p: p.name)
def test_random_edits_match_a_cold_compile(path):
    rng = random.Random(path.name)
    original = path.read_text("utf-8").split("\n")
    session = Session()
    lines = original
    assert_same(session, "\n".join(lines), str(path), docx=True)
    for step in range(24):
        lines = edit(rng, lines, original)
        assert_same(session, "\n".join(lines), str(path), docx=step % 8 == 7)


SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


@SETTINGS
@given(example=st.sampled_from(EXAMPLES), seed=st.integers(0, 2**32 - 1), steps=st.integers(1, 6))
def test_fuzzed_edit_sequences(example, seed, steps):
    rng = random.Random(seed)
    original = example.read_text("utf-8").split("\n")
    session = Session()
    session.compile_text("\n".join(original), str(example))
    lines = original
    for _ in range(steps):
        lines = edit(rng, lines, original)
    assert_same(session, "\n".join(lines), str(example), docx=False)


def test_edited_profile_is_read_again(tmp_path):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    plan = tmp_path / "examples" / "long-bien-2023.tdkt"
    profile = tmp_path / "examples" / "profiles" / "pgd-long-bien.tdkt"
    session = Session()
    first = session.compile_path(str(plan))
    assert fingerprint(first, docx=False) == fingerprint(compile_path(str(plan)), docx=False)
    text = profile.read_text("utf-8")
    stamp = profile.stat().st_mtime_ns
    # the same size, the same mtime: only the content (and the ctime the OS keeps) changed
    changed = text.replace("người ký: Vũ Thị Thu Hà", "người ký: Vũ Thị Thy Hà", 1)
    assert changed != text and len(changed.encode()) == len(text.encode())
    profile.write_text(changed, "utf-8")
    os.utime(profile, ns=(stamp, stamp))
    second = session.compile_path(str(plan))
    assert fingerprint(second, docx=True) == fingerprint(compile_path(str(plan)), docx=True)
    assert fingerprint(second, docx=False) != fingerprint(first, docx=False)
    profile.unlink()  # a profile that disappears is reported as a cold compile reports it
    third = session.compile_path(str(plan))
    assert fingerprint(third, docx=False) == fingerprint(compile_path(str(plan)), docx=False)
    assert any(d.code == "M209" for d in third.diagnostics)


def test_unchanged_profile_is_not_read_again(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    plan = tmp_path / "examples" / "long-bien-2023.tdkt"
    profile = tmp_path / "examples" / "profiles" / "pgd-long-bien.tdkt"
    old = profile.stat().st_mtime_ns - 10**10  # written long before it is read
    os.utime(profile, ns=(old, old))
    session = Session()
    session.compile_path(str(plan))
    reads = []
    from tdkt_dsl import compiler

    real = compiler.Source.from_path
    monkeypatch.setattr(compiler.Source, "from_path", lambda p: reads.append(str(p)) or real(p))
    monkeypatch.setattr(compiler._Files, "RACY_SECONDS", 0.0)  # ctime was just set by utime
    session.compile_path(str(plan))
    assert str(profile) not in reads and reads  # the plan itself is read, its profile is not
