"""The whole-pipeline fuzz harness (tests/fuzz/pipeline.py) on hostile seeds of issue 9, and every
saved pipeline crash replayed through every command (scripts/fuzz.py saves them as
tests/fuzz/crashes/pipeline-*.tdkt)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from .pipeline import mutate_docx, prepare_workdir, run_docx, run_pipeline

ROOT = Path(__file__).resolve().parent.parent.parent
CRASHES = Path(__file__).resolve().parent / "crashes"
MINIMAL = (ROOT / "tests" / "fixtures" / "minimal.tdkt").read_text(encoding="utf-8")

HOSTILE = {
    "control characters": MINIMAL.replace("dạy tốt, học tốt", "dạy\v tốt,\f học\x1b tốt\uffff"),
    "soft hyphen and direction marks": MINIMAL.replace("khen thưởng", "khen\u00adthưởng\u202e"),
    "huge numbers": MINIMAL.replace("số: 3", "số: " + "9" * 400).replace("năm: 2026", "năm: 99999999999999"),
    "very long field": MINIMAL.replace("trích yếu: Công tác", "trích yếu: " + "Công tác " * 400),
    "rat year": MINIMAL.replace("2026", "2020").replace("Thi đua dạy tốt", "Vui Tết Canh Tý 2020, thi đua"),
    "profile outside": "dùng: ../../../../../../etc/passwd\n" + MINIMAL,
    "clean": MINIMAL,
}
SAVED = sorted(CRASHES.glob("pipeline-*.tdkt")) + sorted(CRASHES.glob("seed-*.tdkt"))
SAVED_DOCX = sorted(CRASHES.glob("pipeline-*.docx")) + sorted(CRASHES.glob("seed-*.docx"))  # DOCX that broke verify or import


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    w = tmp_path_factory.mktemp("pipeline")
    prepare_workdir(w)
    return w


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_seed_through_every_command(work, name):
    assert run_pipeline(HOSTILE[name].encode("utf-8"), work, random.Random(name)) >= 6


@pytest.mark.parametrize("path", SAVED, ids=lambda p: p.name)
def test_saved_input_through_every_command(work, path):
    run_pipeline(path.read_bytes(), work, random.Random(path.name))


@pytest.mark.parametrize("path", SAVED_DOCX, ids=lambda p: p.name)
def test_saved_docx_through_verify_and_import(work, path):
    run_docx(path, work)


def test_mutated_docx_stays_a_zip_and_changes(work):
    import zipfile
    from io import BytesIO

    from tdkt_dsl.compiler import compile_text
    from tdkt_dsl.render.docx import render_docx

    docx = render_docx(compile_text(MINIMAL, "plan.tdkt").plan)
    rng = random.Random(5)
    changed = 0
    for _ in range(10):
        m = mutate_docx(rng, docx)
        z = zipfile.ZipFile(BytesIO(m))
        assert sorted(z.namelist()) == sorted(zipfile.ZipFile(BytesIO(docx)).namelist())
        changed += m != docx
    assert changed >= 8
