"""Verify's rules are pure: the landmarks (number, date, title …) are found once, before the
rules, as one value; each rule only reads it. The rule tuple in any order — as written,
reversed, shuffled — gives identical findings on every example DOCX and every verify fixture."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest

from tdkt_dsl.compiler import compile_path
from tdkt_dsl.render.docx import render_docx
from tdkt_dsl.verify.reader import read_docx
from tdkt_dsl.verify.rules import CHECKS, find_landmarks, run_checks
from test_verify import CASES as DEFECTS
from verify_fixtures import build_plan

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.tdkt")) + sorted((ROOT / "tests" / "fixtures").glob("*.tdkt"))
ORDERS = [CHECKS, tuple(reversed(CHECKS))] + [tuple(random.Random(seed).sample(CHECKS, len(CHECKS)))
                                               for seed in (1, 2, 3)]


def _same_in_every_order(path: Path) -> list:
    doc = read_docx(str(path))
    results = [[d.model_dump() for d in run_checks(doc, order)] for order in ORDERS]
    for order, got in zip(ORDERS[1:], results[1:]):
        assert got == results[0], [c.__name__ for c in order]
    return results[0]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_examples_give_the_same_findings_in_any_rule_order(tmp_path, example):
    comp = compile_path(str(example))
    assert comp.plan is not None
    path = tmp_path / "plan.docx"
    path.write_bytes(render_docx(comp.plan))
    _same_in_every_order(path)


@pytest.mark.parametrize("code,opts,mutate", DEFECTS, ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(DEFECTS)])
def test_fixtures_give_the_same_findings_in_any_rule_order(tmp_path, code, opts, mutate):
    plan = build_plan(**opts)
    if mutate:
        mutate(plan)
    found = _same_in_every_order(Path(plan.save(tmp_path / "plan.docx")))
    assert code in {d["code"] for d in found}  # the order test runs on documents with findings


def test_rules_cannot_write_the_facts(tmp_path):
    """The shared facts are a frozen value: a rule that tried to pass a result to a later rule
    through them (as the caption rule once read ctx.number_val written by the number rule) fails."""
    ctx = find_landmarks(read_docx(build_plan().save(tmp_path / "plan.docx")))
    assert ctx.number_val == ("05", "KH-THCSLB") and ctx.date_val == (15, 2, 2023)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ctx.number_val = None  # type: ignore[misc]
