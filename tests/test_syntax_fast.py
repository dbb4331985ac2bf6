"""The fast LALR loop of tdkt_dsl/syntax.py (`_FastLALR`) must give, for every line, the very tree
Lark's own parser gives — data, children, every token position, every ``Meta`` attribute — and
must reject exactly the lines Lark rejects (those are then parsed by Lark for its error)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from tdkt_dsl import syntax
from tdkt_dsl.source import Source

ROOT = Path(__file__).resolve().parent.parent

# pieces a drafter might type, markup and the words of deadlines among them
JUNK = list("*{}\\@:#-+.,;/()“”\"–—•0123456789 \tađ") + [
    "**", "tháng ", "ngày ", "năm ", "{năm}", "{nam hoc}", "@pgd", "\\*", "hạn: ", "- ", "# ", "#. ",
    "KT. ", "30/4", "12/2024", "2023-2024", " đến ", "học kỳ I", "cuối ", "chủ trì: ", "đơn vị x: "]


def _bodies() -> list[str]:
    texts = [p.read_text(encoding="utf-8")
             for p in sorted((ROOT / "examples").rglob("*.tdkt")) + sorted((ROOT / "tests").rglob("*.tdkt"))]
    for path in sorted((ROOT / "tests").rglob("cases/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        texts += [c["plan"] for c in data.get("cases") or [] if isinstance(c, dict) and isinstance(c.get("plan"), str)]
    bodies = set()
    for text in texts:
        lines, _ = Source.from_text(text).lines()
        bodies.update(ln.text[ln.indent:] for ln in lines if ln.text.strip())
    return sorted(bodies)


def _mutants(bodies: list[str], count: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(count):
        b = rnd.choice(bodies)
        for _ in range(rnd.randint(1, 3)):
            op, i = rnd.randrange(4), rnd.randint(0, len(b))
            if op == 0:
                b = b[:i] + rnd.choice(JUNK) + b[i:]
            elif op == 1:
                b = b[:i]
            elif op == 2:
                b = b[i:].lstrip(" \t")
            else:
                b = b[:i] + b[i + rnd.randint(1, 4):]
        b = b.rstrip()
        if b:
            out.append(b)
    return out


def _same(a, b, where: str) -> None:
    assert type(a) is type(b), where
    if isinstance(a, syntax.Token):
        for k in ("type", "value", "start_pos", "line", "column", "end_line", "end_column", "end_pos"):
            assert getattr(a, k) == getattr(b, k), (where, k)
        assert str(a) == str(b), where
        return
    assert a.data == b.data, where
    assert vars(a.meta) == vars(b.meta), (where, vars(a.meta), vars(b.meta))
    assert len(a.children) == len(b.children), where
    for i, (x, y) in enumerate(zip(a.children, b.children)):
        _same(x, y, f"{where}/{i}")


def test_fast_loop_is_on():
    assert syntax.fast_parser() is not None


@pytest.mark.parametrize("seed", [1, 2])
def test_fast_loop_parses_like_lark(seed):
    lark_parser, fast = syntax.parser(), syntax.fast_parser()
    bodies = _bodies()
    assert len(bodies) > 500
    lines = (bodies if seed == 1 else []) + _mutants(bodies, 3000, seed)
    parsed = rejected = 0
    for body in lines:
        try:
            want = lark_parser.parse(body)
        except syntax.UnexpectedInput:
            want = None
        got = fast.parse(body)
        if want is None:
            assert got is None, f"the fast loop parsed what Lark rejects: {body!r}"
            rejected += 1
        else:
            assert got is not None, f"the fast loop rejected what Lark parses: {body!r}"
            _same(got, want, repr(body))
            parsed += 1
    assert parsed > 1000 and rejected > 50  # both paths really exercised


def test_fast_loop_from_lark_built_from_the_grammar():
    """The same loop over the tables of a parser Lark builds from the grammar (what syntax.py uses
    while the generated parser is stale) gives Lark's trees too."""
    import lark

    reference = lark.Lark((ROOT / "grammar" / "tdkt.lark").read_text(encoding="utf-8"), **syntax.LARK_OPTIONS)
    fast = syntax._FastLALR.for_parser(reference)
    assert fast is not None
    for body in _bodies()[::3] + _mutants(_bodies(), 500, 3):
        try:
            want = reference.parse(body).pretty()
        except lark.exceptions.UnexpectedInput:
            want = None
        got = fast.parse(body)
        assert (got.pretty() if got is not None else None) == want, body


def test_parse_without_the_fast_loop_is_the_same(monkeypatch):
    """`syntax.parse` gives the same lines and diagnostics when the loop is switched off."""
    text = (ROOT / "examples" / "long-bien-2023.tdkt").read_text(encoding="utf-8")
    text += "\nhạn: trước ngày\n*mở mà không đóng\nsố: {x\n"
    fast = syntax.parse(Source.from_text(text, "a.tdkt"))
    monkeypatch.setattr(syntax, "fast_parser", lambda: None)
    slow = syntax.parse(Source.from_text(text, "a.tdkt"))
    assert [d.model_dump() for d in fast.diagnostics] == [d.model_dump() for d in slow.diagnostics]
    assert len(fast.lines) == len(slow.lines)
    for a, b in zip(fast.lines, slow.lines):
        assert (a.line, a.offset) == (b.line, b.offset)
        _same(a.tree, b.tree, a.line.text)


def test_generated_tables_are_the_generated_parsers():
    """FAST_TABLES in tdkt_dsl/generated_parser.py are the tables of that module's own parser."""
    from tdkt_dsl import generated_parser

    assert generated_parser.FAST_TABLES == syntax._FastLALR.tables_of(generated_parser.Lark_StandAlone())


def test_a_plan_without_syntax_errors_never_builds_lark():
    """A start that checks a correct plan loads no Lark object and none of the modules the generated
    parser needs only for Lark's own logging and cache files."""
    import subprocess
    import sys

    code = ("import sys\n"
            "from tdkt_dsl import syntax\n"
            "from tdkt_dsl.model.builder import build_path\n"
            f"r = build_path({str(ROOT / 'examples' / 'long-bien-2023.tdkt')!r})\n"
            "assert r.plan is not None and not [d for d in r.diagnostics if d.code.startswith('S')]\n"
            "print(syntax.parser.cache_info().currsize, 'logging' in sys.modules, 'pickle' in sys.modules)\n"
            "syntax.parse(syntax.Source.from_text('hạn: trước ngày'))\n"
            "print(syntax.parser.cache_info().currsize)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["0", "False", "False", "1"]
