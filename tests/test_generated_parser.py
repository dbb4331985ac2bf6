"""The pre-generated parser (tdkt_dsl/generated_parser.py) must be current with grammar/tdkt.lark
and parse exactly as a parser built from the grammar does."""

from __future__ import annotations

from pathlib import Path
from tests.scripts import load_script

ROOT = Path(__file__).resolve().parent.parent
REGENERATE = ("tdkt_dsl/generated_parser.py is stale: grammar/tdkt.lark (or the parser options in "
              "tdkt_dsl/syntax.py) changed since it was generated. Regenerate it and commit the result:\n"
              "    .venv/bin/python scripts/gen_parser.py\n"
              "(tdkt still works meanwhile — it builds the parser from the grammar, ~40 ms slower per start.)")


def _gen_script():
    return load_script("gen_parser")


def test_generated_parser_is_current_with_the_grammar():
    assert _gen_script().current(), REGENERATE


def test_syntax_uses_the_generated_parser():
    from tdkt_dsl import generated_parser, syntax

    assert syntax.Tree is generated_parser.Tree, REGENERATE


def test_generated_parser_parses_like_lark_from_the_grammar():
    """Every line of every example and fixture, and some broken ones, give the same tree (or the same
    error position) from the generated parser and from Lark building the grammar."""
    import lark

    from tdkt_dsl import syntax
    from tdkt_dsl.source import Source

    reference = lark.Lark((ROOT / "grammar" / "tdkt.lark").read_text(encoding="utf-8"), **syntax.LARK_OPTIONS)
    generated = syntax.parser()
    bodies = []
    for path in sorted((ROOT / "examples").rglob("*.tdkt")) + sorted((ROOT / "tests").rglob("*.tdkt")):
        lines, _ = Source.from_text(path.read_text(encoding="utf-8"), str(path)).lines()
        bodies += [ln.text[ln.indent:] for ln in lines if ln.text.strip()]
    bodies += ["ngày: 31/02", "hạn: trước ngày", "chủ trì: @", "*mở mà không đóng", "số: {x", "cột: tt, ("]
    assert len(bodies) > 200
    for body in bodies:
        try:
            want = ("tree", reference.parse(body).pretty())
        except lark.exceptions.UnexpectedInput as exc:
            want = ("error", type(exc).__name__, exc.column)
        try:
            got = ("tree", generated.parse(body).pretty())
        except syntax.UnexpectedInput as exc:
            got = ("error", type(exc).__name__, exc.column)
        assert got == want, body
