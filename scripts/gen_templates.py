#!/usr/bin/env python3
"""Regenerate tdkt_dsl/generated_phrases.py from templates/phrases.j2 (run after editing it).

    .venv/bin/python scripts/gen_templates.py          # write it
    .venv/bin/python scripts/gen_templates.py --check  # exit 1 if it is stale

The generated module is the template translated into plain Python, one function per macro, from the
tree Jinja2 parses (so whitespace control and the environment's syntax are Jinja2's own): a build
needs neither Jinja2 nor compiling the template (~15 ms of import and ~12 ms of compiling on every
start). The translation covers what the template uses — text, ``{{ }}``, if/elif/else, set,
macro calls, filters (the decree's day/month/dmy and Jinja2's capitalize, lower, trim), dict
literals, subscripts and slices, comparisons, ``and``/``or``/``not``, inline if — and stops with a
message at anything else. Values print as Jinja2 prints them with autoescape off (``str``), and
attributes are looked up as Jinja2 does (attribute, then item). The module records the SHA-256 of
the template; tdkt_dsl.render.phrases uses it only when it matches (otherwise it compiles the
template with Jinja2, correct but slower), and tests/test_generated_templates.py fails while it is
stale and compares every phrase with Jinja2's.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import _generate  # noqa: E402

TARGET = ROOT / "tdkt_dsl" / "generated_phrases.py"

FILTERS = {  # Jinja2's filters (soft_str, then the str method) and the decree's (tdkt_dsl.render.phrases)
    "capitalize": "str({}).capitalize()", "lower": "str({}).lower()", "trim": "str({}).strip()",
    "day": "day({})", "month": "month({})", "dmy": "dmy({})",
}
OWN_FILTERS = ("day", "dmy", "month")  # defined in tdkt_dsl.render.phrases, imported by the module
COMPARE = {"eq": "==", "ne": "!=", "lt": "<", "lteq": "<=", "gt": ">", "gteq": ">=", "in": "in", "notin": "not in"}


class Unsupported(Exception):
    pass


class Translator:
    def __init__(self, macros: set[str]) -> None:
        self.macros = macros
        self.lines: list[str] = []
        self.scope: set[str] = set()
        self.own_filters: set[str] = set()  # the decree's filters the template uses

    # -- expressions -------------------------------------------------------------------------

    def expr(self, n) -> str:
        from jinja2 import nodes

        if isinstance(n, nodes.Const):
            return repr(n.value)
        if isinstance(n, nodes.Name):
            if n.name in self.scope:
                return f"l_{n.name}"
            if n.name in self.macros:
                return f"m_{n.name}"
            if n.name in ("true", "false", "none", "True", "False", "None"):
                return repr({"true": True, "false": False, "none": None}.get(n.name.lower()))
            raise Unsupported(f"line {n.lineno}: unknown name {n.name!r}")
        if isinstance(n, nodes.Getattr):
            return f"_attr({self.expr(n.node)}, {n.attr!r})"
        if isinstance(n, nodes.Getitem):
            if isinstance(n.arg, nodes.Slice):
                s = n.arg
                parts = [self.expr(x) if x is not None else "" for x in (s.start, s.stop)]
                step = f":{self.expr(s.step)}" if s.step is not None else ""
                return f"{self.expr(n.node)}[{parts[0]}:{parts[1]}{step}]"
            return f"{self.expr(n.node)}[{self.expr(n.arg)}]"
        if isinstance(n, nodes.Dict):
            return "{" + ", ".join(f"{self.expr(p.key)}: {self.expr(p.value)}" for p in n.items) + "}"
        if isinstance(n, nodes.Filter):
            if n.name not in FILTERS or n.args or n.kwargs or n.dyn_args or n.dyn_kwargs:
                raise Unsupported(f"line {n.lineno}: filter {n.name!r} with these arguments")
            if n.name in OWN_FILTERS:
                self.own_filters.add(n.name)
            return FILTERS[n.name].format(self.expr(n.node))
        if isinstance(n, nodes.Call):
            if not isinstance(n.node, nodes.Name) or n.node.name not in self.macros or n.kwargs or n.dyn_args \
                    or n.dyn_kwargs:
                raise Unsupported(f"line {n.lineno}: only macros are called, with positional arguments")
            return f"m_{n.node.name}({', '.join(self.expr(a) for a in n.args)})"
        if isinstance(n, nodes.Compare):
            out = self.expr(n.expr)
            for op in n.ops:
                out += f" {COMPARE[op.op]} {self.expr(op.expr)}"
            return f"({out})"
        if isinstance(n, nodes.And):
            return f"({self.expr(n.left)} and {self.expr(n.right)})"
        if isinstance(n, nodes.Or):
            return f"({self.expr(n.left)} or {self.expr(n.right)})"
        if isinstance(n, nodes.Not):
            return f"(not {self.expr(n.node)})"
        if isinstance(n, nodes.CondExpr):
            if n.expr2 is None:
                raise Unsupported(f"line {n.lineno}: an inline if needs an else")
            return f"({self.expr(n.expr1)} if {self.expr(n.test)} else {self.expr(n.expr2)})"
        raise Unsupported(f"line {n.lineno}: {type(n).__name__} is not translated")

    # -- statements --------------------------------------------------------------------------

    def emit(self, line: str, depth: int) -> None:
        self.lines.append("    " * depth + line)

    def body(self, stmts, depth: int) -> None:
        from jinja2 import nodes

        start = len(self.lines)
        for s in stmts:
            if isinstance(s, nodes.Output):
                for part in s.nodes:
                    if isinstance(part, nodes.TemplateData):
                        if part.data:
                            self.emit(f"out.append({part.data!r})", depth)
                    else:
                        self.emit(f"out.append(str({self.expr(part)}))", depth)
            elif isinstance(s, nodes.If):
                self.emit(f"if {self.expr(s.test)}:", depth)
                self.body(s.body, depth + 1)
                for e in s.elif_:
                    self.emit(f"elif {self.expr(e.test)}:", depth)
                    self.body(e.body, depth + 1)
                if s.else_:
                    self.emit("else:", depth)
                    self.body(s.else_, depth + 1)
            elif isinstance(s, nodes.Assign):
                if not isinstance(s.target, nodes.Name):
                    raise Unsupported(f"line {s.lineno}: set assigns one name")
                value = self.expr(s.node)
                self.scope.add(s.target.name)
                self.emit(f"l_{s.target.name} = {value}", depth)
            else:
                raise Unsupported(f"line {s.lineno}: {type(s).__name__} is not translated")
        if len(self.lines) == start:
            self.emit("pass", depth)

    def macro(self, m) -> None:
        if m.defaults:
            raise Unsupported(f"line {m.lineno}: macro {m.name!r} has default arguments")
        self.scope = {a.name for a in m.args}
        params = ", ".join(f"l_{a.name}" for a in m.args)
        self.emit(f"def m_{m.name}({params}):", 0)
        self.emit("out = []", 1)
        self.body(m.body, 1)
        self.emit('return "".join(out)', 1)
        self.emit("", 0)
        self.emit("", 0)


def translate(source: str) -> tuple[str, set[str]]:
    """The Python of the template's macros (``m_<name>``) and ``MACROS`` (name → function); and
    the decree's filters it calls."""
    from jinja2 import nodes

    from tdkt_dsl.render import phrases

    tree = phrases.environment().parse(source)
    macros = [n for n in tree.body if isinstance(n, nodes.Macro)]
    for n in tree.body:
        if isinstance(n, nodes.Output) and all(isinstance(p, nodes.TemplateData) and not p.data.strip()
                                               for p in n.nodes):
            continue  # whitespace between macros: printed by nobody
        if not isinstance(n, nodes.Macro):
            raise Unsupported(f"line {n.lineno}: only macros at the top of the template")
    t = Translator({m.name for m in macros})
    for m in macros:
        t.macro(m)
    t.emit("MACROS = {" + ", ".join(f"{m.name!r}: m_{m.name}" for m in macros) + "}", 0)
    return "\n".join(t.lines) + "\n", t.own_filters


HELPERS = '''

def _attr(obj, name):
    """``obj.name`` as Jinja2 looks it up: the attribute, else the item."""
    try:
        return getattr(obj, name)
    except AttributeError:
        pass
    try:
        return obj[name]
    except (TypeError, LookupError) as e:
        raise AttributeError(f"{type(obj).__name__!r} has no attribute {name!r}") from e


'''


def generate() -> str:
    from tdkt_dsl.render import phrases

    source = (phrases.templates_dir() / phrases.TEMPLATE).read_text(encoding="utf-8")
    code, filters = translate(source)
    head = ("# GENERATED by scripts/gen_templates.py from templates/phrases.j2 — do not edit; rerun the\n"
            "# script after changing the template.  # noqa\n"
            "# fmt: off\n"
            f"TEMPLATE_SHA256 = {phrases.template_sha256()!r}\n")
    if filters:
        head += f"from .render.phrases import {', '.join(sorted(filters))}  # the template's filters\n"
    return head + HELPERS + code


current, write = _generate.text_file(TARGET, generate, ROOT)


def main(argv: list[str] | None = None) -> int:
    return _generate.main("compiled templates", "gen_templates.py", current, write, argv)


if __name__ == "__main__":
    sys.exit(main())
