"""The two everyday commands, `build` and `check` of one plan, as plain functions returning the exit
code. cli.py's typer commands call them; launch.py calls them directly for a plain command line, so
a cold `tdkt check plan.tdkt` loads neither typer nor click (about a sixth of its start-up).

Nothing here imports a stage at module level: each function imports what it needs.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from .catalogue.ui import text

if TYPE_CHECKING:
    from .diagnostics import Diagnostic, Problem

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3  # = diagnostics.EXIT_* (tested)


class Lang(str, Enum):
    vi = "vi"
    en = "en"


class Target(str, Enum):
    docx = "docx"
    json = "json"
    text = "text"
    html = "html"
    pdf = "pdf"
    xlsx = "xlsx"
    ics = "ics"
    ref = "ref"


class Format(str, Enum):
    text = "text"
    json = "json"


SUFFIX = {Target.text: ".txt", Target.ref: ".ref.toml"}  # else "." + the target's name

MAX_SHOWN_PER_CODE = 20  # findings printed per code in text output; the summary counts them all


def lang_default() -> Lang:
    return Lang.en if os.environ.get("TDKT_LANG", "").lower().startswith("en") else Lang.vi


def echo(msg: str, err: bool = False) -> None:
    """One line on stdout (or stderr), flushed — what click.echo does with a str."""
    stream = sys.stderr if err else sys.stdout
    stream.write(msg + "\n")
    stream.flush()


def say(msg: str) -> None:
    echo(msg, err=True)


def print_diagnostics(diags: list[Diagnostic], sources, lang: str, fmt: Format = Format.text,
                      stream_err: bool = True) -> None:
    from .diagnostics import render, summary

    if fmt is Format.json:
        import json

        echo(json.dumps({"diagnostics": [d.to_dict(lang) for d in diags],
                         "summary": summary(diags, lang)}, ensure_ascii=False, indent=2))
        return
    shown: dict[str, int] = {}
    for d in diags:
        shown[d.code] = shown.get(d.code, 0) + 1
        if shown[d.code] <= MAX_SHOWN_PER_CODE:
            echo(render(d, sources.get(d.span.file), lang), err=stream_err)
    for code, n in shown.items():  # a 5 MB line must not print a million findings
        if n > MAX_SHOWN_PER_CODE:
            rest = n - MAX_SHOWN_PER_CODE
            echo(text("cli.more", lang, rest=rest, code=code), err=stream_err)
    if diags:
        echo(summary(diags, lang), err=stream_err)


def stop_code(problem: Problem, lang: str, file: object = "") -> int:
    """Show the diagnostic of a stage that could not go on; its exit code."""
    from .diagnostics import Span, exit_code, render

    d = problem.diagnostic
    if not d.span.file and file:
        d = d.model_copy(update={"span": Span.at(str(file))})
    say(render(d, None, lang))  # one line: nothing was produced, no summary to give
    return exit_code([d])


def render_target(plan, to: Target, lang: str = "vi") -> bytes:
    """The bytes of ``plan`` as ``to``; the task table and calendar are labelled in ``lang``."""
    if to is Target.json:
        from .render.json import render_json

        return render_json(plan).encode("utf-8")
    if to is Target.text:
        from .render.text import render_text

        return render_text(plan).encode("utf-8")
    if to is Target.html:
        from .render.html import render_html

        return render_html(plan).encode("utf-8")
    if to in (Target.xlsx, Target.ics, Target.ref):
        from .render import tasks

        if to is Target.xlsx:
            return tasks.render_xlsx(plan, lang)
        return tasks.render_ics(plan, lang) if to is Target.ics else tasks.render_reference(plan)
    from .render.docx import render_docx

    if to is Target.pdf:
        from .render.pdf import docx_to_pdf

        return docx_to_pdf(render_docx(plan), Path(plan.source_path).stem)
    return render_docx(plan)


def build_plan(plan: Path, output: str | None = None, to: Target = Target.docx, force: bool = False,
               lang: str = "vi") -> int:
    """`tdkt build PLAN`: compile; write nothing when the plan has errors."""
    from .compiler import compile_path
    from .diagnostics import Problem, exit_code
    from .output import prepare, write

    comp = compile_path(str(plan))
    print_diagnostics(comp.diagnostics, comp.sources, lang)
    if not comp.ok or comp.plan is None:
        say(text("cli.not-written", lang))
        return exit_code(comp.diagnostics) or EXIT_PROBLEMS
    if output is None and to not in (Target.json, Target.text):
        output = str(plan.with_suffix(SUFFIX.get(to, "." + to.value)))  # text and JSON: standard output
    try:
        data = render_target(comp.plan, to, lang)
        target = prepare(output, to.value, protect=[Path(p) for p in comp.sources if not p.startswith("<")],
                         force=force, data=data, keep_plans=True)
        write(target, data)
    except Problem as exc:
        return stop_code(exc, lang)
    if not target.stdout:
        say(text("cli.wrote", lang, path=target.shown))
    return EXIT_OK


def check_plan(plan: Path, fmt: Format = Format.text, fix: bool = False, lang: str = "vi") -> int:
    """`tdkt check PLAN`: diagnostics on stdout (text or JSON); `--fix` applies the safe fixes."""
    from .compiler import compile_path
    from .diagnostics import Problem, exit_code

    comp = compile_path(str(plan))
    if fix:
        from .fix import apply_fixes

        try:
            comp = apply_fixes(plan, comp, lang)
        except Problem as exc:
            return stop_code(exc, lang)
    if fmt is Format.json:
        print_diagnostics(comp.diagnostics, comp.sources, lang, fmt)
    else:
        print_diagnostics(comp.diagnostics, comp.sources, lang, fmt, stream_err=False)
        if not comp.diagnostics:
            echo(text("cli.no-problems", lang))
    return exit_code(comp.diagnostics)
