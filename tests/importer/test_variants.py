"""Import on variety (issue 8): every published-layout variant of every reference plan, and the
committed pandoc conversions (tests/importer/fixtures/, written by make_fixtures.py) of the
reference plans and of the DOCX each example builds, import to a plan that builds and keeps
≥ 98 % of its paragraphs word for word (the figure is printed per fixture: `pytest -s`).

Beyond the share of paragraphs, what follows an out-of-place element must survive as structure:
the signer, the recipients and every appendix task are the same as when the plain reference is
imported — one unexpected element is never the reason the rest is lost."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from tdkt_dsl.compiler import compile_path, compile_text
from tdkt_dsl.importer import import_bytes
from tdkt_dsl.importer.emit import fold
from tdkt_dsl.render.docx import render_docx
from tdkt_dsl.render.text import render_text

from .producers import published_text
from .roundtrip import measure, norm
from .variants import VARIANTS

ROOT = Path(__file__).resolve().parent.parent.parent
REFS = sorted((ROOT / "tests" / "reference-plans").glob("*.txt"))
EXAMPLES = sorted((ROOT / "examples").glob("*.tdkt"))
FIXTURES = sorted((Path(__file__).resolve().parent / "fixtures").iterdir())


def _import(data: bytes, name: str):
    res = import_bytes(data, name)
    comp = compile_text(res.text, "<imported>")
    assert comp.ok, [f"{d.span.line}: {d.message()}" for d in comp.diagnostics if d.level.value == "error"][:5]
    assert "[không nhập được]" not in res.text  # nothing the compiler rejected had to be commented out
    return res, comp.plan


def _structure(plan, folded: bool = False) -> dict:
    f = fold if folded else (lambda s: s)
    return {
        "signer": f(plan.signer.name.plain) if plan.signer and plan.signer.name else None,
        "recipients": [f(r.text.plain) for r in plan.recipients],
        "tasks": [f(t.content.plain) for a in plan.appendices for t in a.all_tasks()],
        "sections": sum(1 for _ in plan.walk_sections()),
    }


@lru_cache(maxsize=None)
def _baseline(ref: Path) -> dict:
    _, plan = _import(ref.read_bytes(), ref.name)
    return _structure(plan)


def _report(label: str, kept: int, total: int, missing: list[str]) -> float:
    share = kept / total
    print(f"\nimport {label}: {kept}/{total} paragraphs word for word = {share:.1%}"
          + "".join(f"\n   differs: {m[:100]}" for m in missing))
    return share


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("ref", REFS, ids=lambda p: p.stem)
def test_variant_keeps_paragraphs_and_structure(ref: Path, variant: str) -> None:
    src, ext, expected = VARIANTS[variant](ref.read_text(encoding="utf-8"))
    folded = variant == "no-diacritics"
    res, plan = _import(src.encode("utf-8"), f"{ref.stem}{ext}")
    kept, total, missing = measure(expected, render_text(plan), folded=folded)
    assert _report(f"{ref.stem} [{variant}]", kept, total, missing) >= 0.98
    want, got = _baseline(ref), _structure(plan, folded)
    if folded:
        want = {k: ([fold(x) for x in v] if isinstance(v, list) else fold(v) if isinstance(v, str) else v)
                for k, v in want.items()}
    assert got["signer"] == want["signer"]
    assert got["recipients"] == want["recipients"]
    if variant == "cell-lists":  # list items joined with "; " — same words, same number of tasks
        assert len(got["tasks"]) == len(want["tasks"])
    else:
        assert got["tasks"] == want["tasks"]
    if variant not in ("no-diacritics",):
        assert got["sections"] == want["sections"]


def test_every_variant_is_reported() -> None:
    """What the importer moved or guessed is in the report: text after the closing, a list in a
    cell, scan noise, a missing diacritic layer, a link."""
    text = (ROOT / "tests" / "reference-plans" / "long-bien-2023.txt").read_text(encoding="utf-8")
    expect = {"after-closing": "I201", "cell-lists": "I308", "scan-fragments": "I401",
              "no-diacritics": "I120", "md-headings": "I310"}
    for variant, code in expect.items():
        src, ext, _ = VARIANTS[variant](text)
        res = import_bytes(src.encode("utf-8"), "x" + ext)
        assert code in {d.code for d in res.report}, variant


@lru_cache(maxsize=None)
def _published(example: Path) -> tuple[str, str]:
    """(the example's DOCX as a website publishes it as text, what the example prints)."""
    plan = compile_path(str(example)).plan
    return published_text(render_docx(plan)), render_text(plan)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_variant_keeps_paragraphs_and_structure(example: Path, variant: str) -> None:
    """Every example (a new one is picked up when it lands) as published — its DOCX flattened to
    text, multi-paragraph cells as `<ul><li>` lists — in every variant, against what the example
    prints: a month timeline, two-line authority, school-year deadlines must survive each one."""
    published, printed = _published(example)
    src, ext, expected = VARIANTS[variant](published)
    removed = {norm(x) for x in published.splitlines()} - {norm(x) for x in expected.splitlines()}
    reference = "\n".join(x for x in printed.splitlines() if norm(x) not in removed)
    folded = variant == "no-diacritics"
    res, plan = _import(src.encode("utf-8"), f"{example.stem}{ext}")
    kept, total, missing = measure(reference, render_text(plan), folded=folded)
    assert _report(f"{example.stem} (published) [{variant}]", kept, total, missing) >= 0.98
    _, base = _import(published.encode("utf-8"), f"{example.stem}.txt")
    want, got = _structure(base, folded), _structure(plan, folded)
    assert got["signer"] == want["signer"]
    assert got["recipients"] == want["recipients"]
    # every task's words, in order (a month cell the variant turned into a list has more items:
    # in a timeline each item is a task, so the items' words are compared, not their number)
    assert "; ".join(got["tasks"]) == "; ".join(want["tasks"])


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_published_conversion_imports_and_builds(fixture: Path) -> None:
    stem = fixture.name.split(".")[0]
    if ".docx." in fixture.name or ".example-" in fixture.name:  # what tdkt printed must come back
        expected = render_text(compile_path(str(ROOT / "examples" / f"{stem}.tdkt")).plan)
    else:
        expected = (ROOT / "tests" / "reference-plans" / f"{stem}.txt").read_text(encoding="utf-8")
    res, plan = _import(fixture.read_bytes(), fixture.name)
    kept, total, missing = measure(expected, render_text(plan))
    assert _report(fixture.name, kept, total, missing) >= 0.98
    assert render_docx(plan)[:2] == b"PK"  # and it builds to a DOCX
