"""The `tdkt` command. Every command takes its exit code from `diagnostics.exit_code`:

    0  success (warnings allowed)
    1  the plan (or the DOCX given to `verify`) has errors / findings
    2  usage: bad arguments, an input file that cannot be opened, an unreadable DOCX, an output
       that cannot be written (codes declared ``usage=True`` in the catalogue)
    3  internal error of tdkt (a bug: the message says how to report it)
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

from .catalogue.ui import help_text, text
# A plain `tdkt build|check FILE` does not come here at all: launch.py calls commands.py directly,
# without typer. Each command imports its own stages, so `--help` loads no pydantic and `check`
# loads no python-docx.
from .commands import (EXIT_OK, EXIT_PROBLEMS, SUFFIX as _SUFFIX, Format, Lang, Target,
                       lang_default as _lang_default, print_diagnostics as _print_diagnostics,
                       render_target as _render)
from .commands import build_plan, check_plan, say as _say, stop_code

if TYPE_CHECKING:
    from .diagnostics import Problem

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help=help_text("cli.app"))

LangOpt = typer.Option(None, "--lang", help=help_text("cli.opt.lang"))


def _stop(problem: Problem, lang: str, file: object = "") -> None:
    """Show the diagnostic of a stage that could not go on, and exit with its code."""
    raise typer.Exit(stop_code(problem, lang, file))


PlansArg = typer.Argument(..., help=help_text("cli.opt.plans"))
JobsOpt = typer.Option(None, "-j", "--jobs", min=1, help=help_text("cli.opt.jobs"))
ForceOpt = typer.Option(False, "--force", help=help_text("cli.opt.force"))


@app.command(help=help_text("cli.build"))
def build(
    plan: List[Path] = PlansArg,
    output: Optional[str] = typer.Option(
        None, "-o", "--output",
        help=help_text("cli.build.output")),
    to: Target = typer.Option(Target.docx, "--to", help=help_text("cli.build.to")),
    watch: bool = typer.Option(False, "--watch", help=help_text("cli.build.watch")),
    force: bool = ForceOpt,
    lang: Optional[Lang] = LangOpt,
    jobs: Optional[int] = JobsOpt,
) -> None:
    """`tdkt build` (its help is the catalogue's cli.build, as for every command)."""
    lg = (lang or _lang_default()).value
    if len(plan) != 1 or plan[0].is_dir():
        from .batch import run_batch

        raise typer.Exit(run_batch("build", plan, lang=lg, jobs=jobs, output=Path(output) if output else None, to=to.value))
    plan = plan[0]
    if watch:
        from .diagnostics import Problem
        from .output import prepare, write_atomic
        from .watch import watch as watch_plan

        out = Path(output) if output else plan.with_suffix(_SUFFIX.get(to, "." + to.value))
        try:  # checked once before watching: never replace a file tdkt did not write (--force)
            prepare(str(out), to.value, protect=[plan], force=force)
        except Problem as exc:
            _stop(exc, lg)
        protect = lambda comp: [Path(p) for p in comp.sources if not p.startswith("<")]  # noqa: E731
        watch_plan(plan, out, lambda p: _render(p, to, lg), lambda o, data, comp: write_atomic(o, data, protect=protect(comp), keep_plans=True),
                   _print_diagnostics, _say, lg)
        return
    raise typer.Exit(build_plan(plan, output, to, force, lg))


@app.command(help=help_text("cli.check"))
def check(
    plan: List[Path] = PlansArg,
    format: Format = typer.Option(Format.text, "--format", help=help_text("cli.opt.format")),
    fix: bool = typer.Option(False, "--fix", help=help_text("cli.check.fix")),
    lang: Optional[Lang] = LangOpt,
    jobs: Optional[int] = JobsOpt,
) -> None:
    """`tdkt check`."""
    lg = (lang or _lang_default()).value
    if len(plan) != 1 or plan[0].is_dir():
        from .batch import run_batch

        raise typer.Exit(run_batch("check", plan, lang=lg, jobs=jobs, fmt=format.value, fix=fix))
    raise typer.Exit(check_plan(plan[0], format, fix, lg))


@app.command(help=help_text("cli.verify"))
def verify(
    docx: Path = typer.Argument(..., help=help_text("cli.verify.docx")),
    format: Format = typer.Option(Format.text, "--format", help=help_text("cli.opt.format")),
    lang: Optional[Lang] = LangOpt,
) -> None:
    """`tdkt verify`."""
    from .verify import cli_verify

    raise typer.Exit(cli_verify(str(docx), format.value, (lang or _lang_default()).value))


def _check_outputs(output: str, report: Optional[str], *, source: Path, force: bool,
                   plan_text: str | None = None, report_text: str | None = None):
    """`new` and `import`: validate both outputs before writing either (nothing is written when
    one is refused)."""
    from .output import prepare

    out = prepare(output, "tdkt", protect=[source], force=force,
                  data=None if plan_text is None else plan_text.encode("utf-8"))
    rep = None
    if report is not None:
        rep = prepare(report, "report", protect=[source], force=force, others=[out], keep_plans=True,
                      data=None if report_text is None else report_text.encode("utf-8"))
        if rep.stdout and out.stdout:
            rep = None  # both to standard output: the report is printed anyway
    return out, rep


def _write_plan_and_report(output: str, plan_text: str, report: Optional[str], report_text: str,
                           *, source: Path, lang: str, force: bool) -> None:
    """`new` and `import`: write the .tdkt and, when asked, the review report (both atomically,
    never over the input), then print the report (on stderr when the plan goes to stdout)."""
    from .diagnostics import Problem
    from .output import write

    try:
        out, rep = _check_outputs(output, report, source=source, force=force,
                                  plan_text=plan_text, report_text=report_text)
        write(out, plan_text.encode("utf-8"))
        if rep is not None:
            write(rep, report_text.encode("utf-8"))
    except Problem as exc:
        _stop(exc, lang)
    typer.echo(report_text, err=out.stdout)
    if not out.stdout:
        _say(text("cli.wrote", lang, path=out.shown))


@app.command("new", help=help_text("cli.new"))
def new_plan(
    from_: Path = typer.Option(..., "--from", help=help_text("cli.new.from")),
    year: Optional[int] = typer.Option(None, "--year", help=help_text("cli.new.year")),
    output: str = typer.Option(..., "-o", "--output", help=help_text("cli.new.output")),
    report: Optional[str] = typer.Option(None, "--report", help=help_text("cli.new.report")),
    for_: Optional[Path] = typer.Option(None, "--for", help=help_text("cli.new.for")),
    lead_days: int = typer.Option(3, "--lead-days", min=0, max=60, help=help_text("cli.new.lead_days")),
    force: bool = ForceOpt,
    lang: Optional[Lang] = LangOpt,
) -> None:
    """`tdkt new`: a rollover (--year) or a plan for the level below (--for)."""
    from .diagnostics import Diagnostic, Problem, Span, exit_code, render
    from .rollover import render_report, rollover
    from .source import Source, SourceError

    lg = (lang or _lang_default()).value
    if for_ is not None:
        from .derive import derive, render_report as derive_report

        try:
            _check_outputs(output, report, source=from_, force=True)  # paths first: nothing written on a refusal
            d = derive(from_, for_, Path(output), lead_days)
        except Problem as exc:
            _stop(exc, lg)
        _write_plan_and_report(output, d.text, report, derive_report(d, str(from_), str(output), lg),
                               source=from_, lang=lg, force=force)
        return
    if year is None:
        _stop(Problem("O910", str(from_)), lg)
    try:
        _check_outputs(output, report, source=from_, force=True)  # paths first: nothing written on a refusal
    except Problem as exc:
        _stop(exc, lg)
    try:
        src = Source.from_path(str(from_))
    except SourceError as exc:
        d = Diagnostic(code=exc.code, span=Span.point(str(from_), int(exc.params.get("line", 1))
                                                      if exc.code == "F902" else 1),
                       params=dict(path=str(from_), **exc.params))
        _print_diagnostics([d], {}, lg)
        raise typer.Exit(exit_code([d]))
    res = rollover(src, year, str(output))
    if res.text is None:
        _print_diagnostics(res.diagnostics, res.sources, lg)
        if res.refusal is not None:
            _say(render(res.refusal, None, lg))
        raise typer.Exit(exit_code(res.diagnostics + [res.refusal] if res.refusal else res.diagnostics)
                         or EXIT_PROBLEMS)
    _write_plan_and_report(output, res.text, report, render_report(res, str(from_), str(output), lg),
                           source=from_, lang=lg, force=force)


@app.command("import", help=help_text("cli.import"))
def import_plan(
    document: Path = typer.Argument(..., help=help_text("cli.import.document")),
    output: str = typer.Option(..., "-o", "--output", help=help_text("cli.import.output")),
    report: Optional[str] = typer.Option(None, "--report", help=help_text("cli.import.report")),
    force: bool = ForceOpt,
    lang: Optional[Lang] = LangOpt,
) -> None:
    """`tdkt import`."""
    from .diagnostics import Problem
    from .importer import import_document, render_report

    lg = (lang or _lang_default()).value
    try:
        _check_outputs(output, report, source=document, force=True)  # paths first: nothing written on a refusal
    except Problem as exc:
        _stop(exc, lg)
    try:
        res = import_document(document, str(output))  # the report's lines refer to the written plan
    except Problem as exc:
        _stop(exc, lg, document)
    _write_plan_and_report(output, res.text, report, render_report(res, str(document), str(output), lg),
                           source=document, lang=lg, force=force)


@app.command(help=help_text("cli.fmt"))
def fmt(
    files: list[Path] = typer.Argument(..., help=help_text("cli.fmt.files")),
    check_only: bool = typer.Option(False, "--check", help=help_text("cli.fmt.check")),
    lang: Optional[Lang] = LangOpt,
) -> None:
    """`tdkt fmt`."""
    from .diagnostics import Diagnostic, Problem, Span, exit_code, render
    from .formatter import format_text
    from .output import write_atomic
    from .source import Source, SourceError

    lg = (lang or _lang_default()).value
    paths: list[Path] = []
    for f in files:
        paths.extend(sorted(f.rglob("*.tdkt")) if f.is_dir() else [f])
    changed, problems = 0, []
    for path in paths:
        try:
            src = Source.from_path(str(path))
        except SourceError as exc:
            d = Diagnostic(code=exc.code, span=Span.point(str(path)), params=dict(path=str(path), **exc.params))
            _print_diagnostics([d], {}, lg)
            problems.append(d)
            continue
        raw = path.read_bytes().decode("utf-8")
        new = format_text(src.text)
        if new == raw:
            continue
        changed += 1
        if check_only:
            typer.echo(text("cli.would-reformat", lg, path=path))
            continue
        try:
            write_atomic(path, new.encode("utf-8"), kind="tdkt")
        except Problem as exc:
            _say(render(exc.diagnostic, None, lg))
            problems.append(exc.diagnostic)
            continue
        typer.echo(text("cli.formatted", lg, path=path))
    if problems:
        raise typer.Exit(exit_code(problems))
    if check_only and changed:
        raise typer.Exit(EXIT_PROBLEMS)


@app.command(help=help_text("cli.lsp"))
def lsp() -> None:
    """`tdkt lsp`."""
    from .lsp.server import main as serve_lsp

    serve_lsp()


@app.command(help=help_text("cli.serve"))
def serve(
    root: Path = typer.Option(Path("."), "--root", help=help_text("cli.serve.root")),
    host: str = typer.Option("127.0.0.1", "--host", help=help_text("cli.serve.host")),
    port: int = typer.Option(8000, "--port", help=help_text("cli.serve.port")),
    token: Optional[str] = typer.Option(None, "--token", envvar="TDKT_TOKEN", help=help_text("cli.serve.token")),
    lang: Optional[Lang] = LangOpt,
) -> None:
    """`tdkt serve`."""
    from .diagnostics import Problem
    from .web.app import create_app, is_loopback, new_token

    lg = (lang or _lang_default()).value
    if not root.is_dir():
        _stop(Problem("O906", str(root), path=str(root)), lg)
    if not is_loopback(host) and not token:
        token = new_token()
    import uvicorn

    url = f"http://{host if ':' not in host else '[' + host + ']'}:{port}/" + (f"?token={token}" if token else "")
    _say(text("cli.serving", lg, url=url, root=root.resolve()))
    uvicorn.run(create_app(root, token=token), host=host, port=port, log_level="warning")


class DiffFormat(str, Enum):
    text = "text"
    md = "md"
    json = "json"


@app.command("diff", help=help_text("cli.diff"))
def diff_plans(
    old: Path = typer.Argument(..., help=help_text("cli.diff.old")),
    new: Path = typer.Argument(..., help=help_text("cli.diff.new")),
    format: DiffFormat = typer.Option(DiffFormat.text, "--format", help=help_text("cli.diff.format")),
    lang: Optional[Lang] = LangOpt,
) -> None:
    """`tdkt diff`."""
    from .compiler import compile_path
    from .diagnostics import exit_code
    from .diff import diff_compilations, render_diff

    lg = (lang or _lang_default()).value
    comps = [compile_path(str(p)) for p in (old, new)]
    for comp in comps:
        if comp.plan is None or not comp.ok:
            _print_diagnostics(comp.diagnostics, comp.sources, lg)
            raise typer.Exit(exit_code(comp.diagnostics) or EXIT_PROBLEMS)
    typer.echo(render_diff(diff_compilations(*comps), format.value, lg), nl=False)


@app.command(help=help_text("cli.rules"))
def rules(lang: Optional[Lang] = LangOpt) -> None:
    """`tdkt rules`."""
    from .catalogue import all_codes

    lg = (lang or _lang_default()).value
    for r in all_codes():
        typer.echo(f"{r.code}  {r.name:<28} {r.severity.value:<8} {r.en if lg == 'en' else r.vi}")


def run_typer(argv: list[str]) -> int:
    """Any command line through typer's parser (launch.run sends the plain ones to commands.py)."""
    try:
        app(args=argv, prog_name="tdkt", standalone_mode=True)
        return EXIT_OK
    except typer.Exit as exc:
        return exc.exit_code
    except SystemExit:
        # click met a closed stdout (`tdkt … | head`), silenced the streams and exits 1: give the
        # closed-pipe code launch.run gives on the fast path
        pacified = getattr(getattr(getattr(typer, "_click", None), "utils", None), "PacifyFlushWrapper", None)
        if pacified is not None and isinstance(sys.stdout, pacified):
            from .launch import EXIT_BROKEN_PIPE

            return EXIT_BROKEN_PIPE
        raise


def run(argv: list[str]) -> int:
    """Run one `tdkt` command line in this process and return its exit code (prints as usual)."""
    from .launch import run as launch_run

    return launch_run(argv)


def main() -> None:
    from .launch import main as launch_main

    launch_main()


if __name__ == "__main__":
    main()
