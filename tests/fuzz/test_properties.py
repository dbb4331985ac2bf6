"""Property-based robustness of the front end: random and mutated plans never crash the parser,
the model builder or the checks, and every diagnostic's span lies inside its source."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.plans import plan as valid_plan

from .harness import run_one

ROOT = Path(__file__).resolve().parent.parent.parent
CRASHES = Path(__file__).resolve().parent / "crashes"
SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))

LINE_PARTS = st.sampled_from([
    "năm: ", "ngày: ", "số: ", "trích yếu: ", "căn cứ:", "mục đích:", "nơi nhận:", "phụ lục: ", "tháng: ",
    "nhiệm vụ: ", "  chủ trì: ", "  hạn: ", "# ", "## ", "#### ", "#. ", "- ", "+ ", "**", "*", "{năm}",
    "{", "}", "@pgd", "@", "\\", "“", "”", "(", ")", "30/02/2024", "15/02/2024", "02/{năm}", "2024",
    "2023-2024", "Kế hoạch số 5/KH ngày 1/1/2024", "kỷ niệm 70 năm X (10/1954 - 10/2024)",
    "Tết Nguyên đán Quý Mão 2024", "KÕ ho¹ch", "Keá hoaïch", " // tdkt: bỏ qua D301", "kỷ niệm kỷ niệm",
])


@st.composite
def token_plan(draw) -> bytes:
    lines = draw(st.lists(st.lists(LINE_PARTS, min_size=1, max_size=5).map("".join), max_size=40))
    return "\n".join(lines).encode("utf-8")


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes(data):
    run_one(data)


@SETTINGS
@given(st.text(max_size=2000))
def test_random_text(text):
    run_one(text.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(token_plan())
def test_plans_of_keywords_and_markup(data):
    run_one(data)


@SETTINGS
@given(valid_plan())
def test_valid_plans(text):
    run_one(text.encode("utf-8"))


@SETTINGS
@given(valid_plan(), st.integers(0, 10_000), st.integers(0, 255), st.integers(0, 10_000))
def test_valid_plans_truncated_and_flipped(text, cut, byte, where):
    data = bytearray(text.encode("utf-8"))
    if data:
        data[where % len(data)] ^= byte
        data = data[: len(data) - cut % max(1, len(data))]
    run_one(bytes(data))


@pytest.mark.parametrize("name", ["long-bien-2023.tdkt", "dong-da-2023.tdkt", "thanh-xuan-2024.tdkt"])
def test_examples_spliced(name):
    rng = random.Random(name)
    base = (ROOT / "examples" / name).read_bytes()
    others = [p.read_bytes() for p in sorted((ROOT / "examples").glob("*.tdkt"))]
    for _ in range(60):
        other = rng.choice(others)
        data = base[: rng.randrange(len(base))] + other[rng.randrange(len(other)):]
        run_one(data)


def test_huge_and_deeply_nested():
    run_one(("- " + "(" * 5000 + "**" * 2000 + "“" * 3000 + "\n").encode("utf-8"))
    run_one(("#" * 200 + " x\n" + "## y\n" * 2000).encode("utf-8"))
    run_one(((ROOT / "examples" / "long-bien-2023.tdkt").read_bytes() * 8))


SAVED_CRASHES = sorted(CRASHES.glob("*.tdkt"))


def test_the_crash_folder_is_tracked():
    # scripts/fuzz.py saves every crashing input here; the files are committed with the fix
    assert SAVED_CRASHES, f"{CRASHES} has no saved input: the regression test below would test nothing"


@pytest.mark.parametrize("path", SAVED_CRASHES, ids=lambda p: p.stem)
def test_saved_crashes_stay_fixed(path):
    run_one(path.read_bytes())
