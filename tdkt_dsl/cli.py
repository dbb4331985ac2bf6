"""The `tdkt` command. Every command takes its exit code from `diagnostics.exit_code`:

    0  success (warnings allowed)
    1  the plan (or the DOCX given to `verify`) has errors / findings
    2  usage: bad arguments, an input file that cannot be opened, an unreadable DOCX, an output
       that cannot be written (codes declared ``usage=True`` in the catalogue)
    3  internal error of tdkt (a bug: the message says how to report it)
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

from .catalogue.ui import help_text, text

if TYPE_CHECKING:
    from .diagnostics import Diagnostic, Problem

# Only what every command needs is imported here: each command imports its own stages, so `--help`
# loads no pydantic and `check` loads no python-docx (see main() for the start-up fast path).
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3  # = diagnostics.EXIT_* (tested)

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help=help_text("cli.app"))


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


def _lang_default() -> Lang:
    return Lang.en if os.environ.get("TDKT_LANG", "").lower().startswith("en") else Lang.vi


LangOpt = typer.Option(None, "--lang", help=help_text("cli.opt.lang"))


MAX_SHOWN_PER_CODE = 20  # findings printed per code in text output; the summary counts them all


def _say(msg: str) -> None:
    typer.echo(msg, err=True)


def _print_diagnostics(diags: list[Diagnostic], sources, lang: str, fmt: Format = Format.text,
                       stream_err: bool = True) -> None:
    from .diagnostics import render, summary

    if fmt is Format.json:
        typer.echo(json.dumps({"diagnostics": [d.to_dict(lang) for d in diags],
                               "summary": summary(diags, lang)}, ensure_ascii=False, indent=2))
        return
    shown: dict[str, int] = {}
    for d in diags:
        shown[d.code] = shown.get(d.code, 0) + 1
        if shown[d.code] <= MAX_SHOWN_PER_CODE:
            typer.echo(render(d, sources.get(d.span.file), lang), err=stream_err)
    for code, n in shown.items():  # a 5 MB line must not print a million findings
        if n > MAX_SHOWN_PER_CODE:
            rest = n - MAX_SHOWN_PER_CODE
            typer.echo(text("cli.more", lang, rest=rest, code=code), err=stream_err)
    if diags:
        typer.echo(summary(diags, lang), err=stream_err)


def _stop(problem: Problem, lang: str, file: object = "") -> None:
    """Show the diagnostic of a stage that could not go on, and exit with its code."""
    from .diagnostics import Span, exit_code, render

    d = problem.diagnostic
    if not d.span.file and file:
        d = d.model_copy(update={"span": Span.at(str(file))})
    _say(render(d, None, lang))  # one line: nothing was produced, no summary to give
    raise typer.Exit(exit_code([d]))


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
    from .compiler import compile_path
    from .diagnostics import Problem, exit_code
    from .output import prepare, write, write_atomic

    if watch:
        from .output import write_atomic
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
    comp = compile_path(str(plan))
    _print_diagnostics(comp.diagnostics, comp.sources, lg)
    if not comp.ok or comp.plan is None:
        _say(text("cli.not-written", lg))
        raise typer.Exit(exit_code(comp.diagnostics) or EXIT_PROBLEMS)
    if output is None and to not in (Target.json, Target.text):
        output = str(plan.with_suffix(_SUFFIX.get(to, "." + to.value)))  # text and JSON: standard output
    try:
        data = _render(comp.plan, to, lg)
        target = prepare(output, to.value, protect=[Path(p) for p in comp.sources if not p.startswith("<")],
                         force=force, data=data, keep_plans=True)
        write(target, data)
    except Problem as exc:
        _stop(exc, lg)
    if not target.stdout:
        _say(text("cli.wrote", lg, path=target.shown))


_SUFFIX = {Target.text: ".txt", Target.ref: ".ref.toml"}


def _render(plan, to: Target, lang: str = "vi") -> bytes:
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
    plan = plan[0]
    from .compiler import compile_path
    from .diagnostics import Problem, exit_code

    comp = compile_path(str(plan))
    if fix:
        from .fix import apply_fixes

        try:
            comp = apply_fixes(plan, comp, lg)
        except Problem as exc:
            _stop(exc, lg)
    if format is Format.json:
        _print_diagnostics(comp.diagnostics, comp.sources, lg, format)
    else:
        _print_diagnostics(comp.diagnostics, comp.sources, lg, format, stream_err=False)
        if not comp.diagnostics:
            typer.echo(text("cli.no-problems", lg))
    raise typer.Exit(exit_code(comp.diagnostics))


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
    from .importer import ImportRefused, import_document, render_report

    lg = (lang or _lang_default()).value
    try:
        _check_outputs(output, report, source=document, force=True)  # paths first: nothing written on a refusal
    except Problem as exc:
        _stop(exc, lg)
    try:
        res = import_document(document)
    except ImportRefused as exc:
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


# -- start-up -----------------------------------------------------------------------------------
# A cold `tdkt check` is dominated by start-up, so main() (1) answers the two everyday commands
# with one plain file argument without going through click's parser (the same functions run),
# (2) raises the GC threshold (the model is a large tree of small objects; default thresholds make
# the collector rescan it dozens of times), and (3) leaves without tearing the interpreter down
# once every output is written and fsynced and stdout/stderr are flushed: freeing each object one
# by one is work the OS does in one step.

_FAST_OPTIONS = {
    "build": {"-o": "output", "--output": "output", "--to": "to", "--lang": "lang"},
    "check": {"--format": "format", "--lang": "lang"},
}
_FAST_FLAGS = {"check": {"--fix": "fix"}}


def _fast_args(argv: list[str]) -> tuple[str, dict] | None:
    """`build|check FILE [simple options]` → (command, keyword arguments), else None (→ typer)."""
    if not argv or argv[0] not in _FAST_OPTIONS:
        return None
    cmd, options, flags = argv[0], _FAST_OPTIONS[argv[0]], _FAST_FLAGS.get(argv[0], {})
    kw: dict = {}
    plans: list[str] = []
    args = iter(argv[1:])
    for a in args:
        name, eq, value = a.partition("=")
        if a in flags and flags[a] not in kw:
            kw[flags[a]] = True
        elif name in options and options[name] not in kw:
            value = value if eq else next(args, None)
            if value is None or value.startswith("-"):
                return None
            kw[options[name]] = value
        elif a.startswith("-") or plans:
            return None  # --help, -j, a second file, anything unusual: the full parser decides
        else:
            plans.append(a)
    if len(plans) != 1:
        return None
    try:
        kw = {k: (v if k == "output" else Target(v) if k == "to" else Format(v) if k == "format"
                  else Lang(v) if k == "lang" else v) for k, v in kw.items()}
    except ValueError:
        return None  # a bad value: let typer word the usage error
    if Path(plans[0]).is_dir():
        return None
    return cmd, dict(kw, plan=[Path(plans[0])])


def _defaults(command) -> dict:
    """Each parameter's default as typer would give it (options added later are covered too)."""
    import inspect

    return {name: getattr(p.default, "default", p.default)
            for name, p in inspect.signature(command).parameters.items()}


def run(argv: list[str]) -> int:
    """Run one `tdkt` command line in this process and return its exit code (prints as usual)."""
    fast = _fast_args(argv)
    try:
        if fast is not None:
            cmd, kw = fast
            command = build if cmd == "build" else check
            command(**{**_defaults(command), **kw})
            return EXIT_OK
        app(args=argv, prog_name="tdkt", standalone_mode=True)
        return EXIT_OK
    except typer.Exit as exc:
        return exc.exit_code
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_USAGE)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug in tdkt: never show a traceback to a drafter
        if os.environ.get("TDKT_DEBUG"):
            raise
        error = f"{type(exc).__name__}: {exc}"  # the language was not necessarily read yet: both
        _say(text("cli.internal-error", "vi", error=error) + "\n" + text("cli.internal-error", "en", error=error))
        return EXIT_INTERNAL


def main() -> None:
    import gc

    gc.set_threshold(100_000, 50, 100)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # skip scanning every installed package
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")  # no mojibake on odd terminals
        except (AttributeError, ValueError):
            pass
    code = run(sys.argv[1:])
    if os.environ.get("TDKT_DEBUG"):
        sys.exit(code)
    try:  # outputs are already fsynced (output.write_atomic); the streams are all that is left
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe (`tdkt check … | head`): nothing more to say
        pass
    os._exit(code)


if __name__ == "__main__":
    main()
