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

if TYPE_CHECKING:
    from .diagnostics import Diagnostic, Problem

# Only what every command needs is imported here: each command imports its own stages, so `--help`
# loads no pydantic and `check` loads no python-docx (see main() for the start-up fast path).
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3  # = diagnostics.EXIT_* (tested)

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="tdkt — soạn Kế hoạch công tác thi đua, khen thưởng bằng văn bản thuần, "
                       "biên dịch ra DOCX đúng thể thức Nghị định 30/2020/NĐ-CP.")


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


LangOpt = typer.Option(None, "--lang", help="Ngôn ngữ thông báo: vi (mặc định) hoặc en.")


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
            typer.echo(f"… và {rest} chỗ [{code}] nữa (xem hết: --format json)" if lang == "vi"
                       else f"… and {rest} more [{code}] (all of them: --format json)", err=stream_err)
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


PlansArg = typer.Argument(..., help="Tệp kế hoạch .tdkt (hoặc nhiều tệp, thư mục: biên dịch cả loạt)")
JobsOpt = typer.Option(None, "-j", "--jobs", min=1, help="Số tiến trình song song khi biên dịch nhiều tệp "
                                                      "(mặc định: số lõi CPU)")
ForceOpt = typer.Option(False, "--force", help="Cho phép thay một tệp đã có mà tdkt không tạo ra")


@app.command()
def build(
    plan: List[Path] = PlansArg,
    output: Optional[str] = typer.Option(
        None, "-o", "--output",
        help="Tệp kết quả; `-` là màn hình (mặc định: cạnh tệp nguồn; JSON/text ra màn hình); thư mục khi biên dịch nhiều tệp"),
    to: Target = typer.Option(Target.docx, "--to", help="Định dạng: docx, json, text, html, pdf, xlsx (bảng nhiệm vụ), ics (lịch) hoặc ref (mục danh sách văn bản cấp trên)"),
    watch: bool = typer.Option(False, "--watch", help="Biên dịch lại mỗi khi lưu kế hoạch hoặc hồ sơ"),
    force: bool = ForceOpt,
    lang: Optional[Lang] = LangOpt,
    jobs: Optional[int] = JobsOpt,
) -> None:
    """Biên dịch kế hoạch ra DOCX (hoặc JSON/text/HTML/PDF). Không ghi gì nếu kế hoạch có lỗi."""
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
        watch_plan(plan, out, lambda p: _render(p, to), lambda o, data, comp: write_atomic(o, data, protect=protect(comp), keep_plans=True),
                   _print_diagnostics, _say, lg)
        return
    comp = compile_path(str(plan))
    _print_diagnostics(comp.diagnostics, comp.sources, lg)
    if not comp.ok or comp.plan is None:
        _say("Không tạo tệp vì kế hoạch có lỗi." if lg == "vi" else "No file written: the plan has errors.")
        raise typer.Exit(exit_code(comp.diagnostics) or EXIT_PROBLEMS)
    if output is None and to not in (Target.json, Target.text):
        output = str(plan.with_suffix(_SUFFIX.get(to, "." + to.value)))  # text and JSON: standard output
    try:
        data = _render(comp.plan, to)
        target = prepare(output, to.value, protect=[Path(p) for p in comp.sources if not p.startswith("<")],
                         force=force, data=data, keep_plans=True)
        write(target, data)
    except Problem as exc:
        _stop(exc, lg)
    if not target.stdout:
        _say(f"Đã ghi {target.shown}" if lg == "vi" else f"Wrote {target.shown}")


_SUFFIX = {Target.text: ".txt", Target.ref: ".ref.toml"}


def _render(plan, to: Target) -> bytes:
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
            return tasks.render_xlsx(plan)
        return tasks.render_ics(plan) if to is Target.ics else tasks.render_reference(plan)
    from .render.docx import render_docx

    if to is Target.pdf:
        from .render.pdf import docx_to_pdf

        return docx_to_pdf(render_docx(plan), Path(plan.source_path).stem)
    return render_docx(plan)


@app.command()
def check(
    plan: List[Path] = PlansArg,
    format: Format = typer.Option(Format.text, "--format", help="text (mặc định) hoặc json"),
    fix: bool = typer.Option(False, "--fix", help="Sửa tự động các lỗi có cách sửa an toàn"),
    lang: Optional[Lang] = LangOpt,
    jobs: Optional[int] = JobsOpt,
) -> None:
    """Kiểm tra kế hoạch: lỗi cú pháp, tham chiếu, ngày tháng, năm, trích dẫn…"""
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
            typer.echo("Không có lỗi." if lg == "vi" else "No problems found.")
    raise typer.Exit(exit_code(comp.diagnostics))


@app.command()
def verify(
    docx: Path = typer.Argument(..., help="Tệp .docx bất kỳ cần kiểm tra thể thức"),
    format: Format = typer.Option(Format.text, "--format", help="text (mặc định) hoặc json"),
    lang: Optional[Lang] = LangOpt,
) -> None:
    """Kiểm tra một tệp DOCX bất kỳ theo thể thức Nghị định 30/2020/NĐ-CP."""
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
        _say(f"Đã ghi {out.shown}" if lang == "vi" else f"Wrote {out.shown}")


@app.command("new")
def new_plan(
    from_: Path = typer.Option(..., "--from", help="Kế hoạch năm trước, hoặc kế hoạch cấp trên với --for (.tdkt)"),
    year: Optional[int] = typer.Option(None, "--year", help="Năm của kế hoạch mới, ví dụ 2024"),
    output: str = typer.Option(..., "-o", "--output", help="Tệp .tdkt mới (`-`: màn hình)"),
    report: Optional[str] = typer.Option(None, "--report", help="Ghi báo cáo rà soát (markdown) vào tệp này"),
    for_: Optional[Path] = typer.Option(None, "--for", help="Hồ sơ cơ quan cấp dưới: xây dựng kế hoạch cấp dưới từ kế hoạch --from"),
    lead_days: int = typer.Option(3, "--lead-days", min=0, max=60, help="Với --for: hạn của cấp dưới sớm hơn hạn cấp trên bấy nhiêu ngày làm việc"),
    force: bool = ForceOpt,
    lang: Optional[Lang] = LangOpt,
) -> None:
    """Kế hoạch mới: sang năm mới (--year: dời năm, năm học, mọi thời hạn), hoặc cho cấp dưới (--for:
    trích dẫn kế hoạch cấp trên, nhận các nhiệm vụ giao cho cấp dưới); in báo cáo những dòng cần xem lại."""
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


@app.command("import")
def import_plan(
    document: Path = typer.Argument(..., help="Kế hoạch soạn tay: .docx, .txt hoặc .md"),
    output: str = typer.Option(..., "-o", "--output", help="Tệp .tdkt sẽ ghi (`-`: màn hình)"),
    report: Optional[str] = typer.Option(None, "--report", help="Ghi báo cáo nhập (markdown) vào tệp này"),
    force: bool = ForceOpt,
    lang: Optional[Lang] = LangOpt,
) -> None:
    """Đọc một kế hoạch soạn tay (DOCX/TXT/MD) và viết ra tệp .tdkt biên dịch được."""
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


@app.command()
def fmt(
    files: list[Path] = typer.Argument(..., help="Tệp .tdkt hoặc thư mục"),
    check_only: bool = typer.Option(False, "--check", help="Không ghi; mã thoát 1 nếu có tệp cần định dạng"),
    lang: Optional[Lang] = LangOpt,
) -> None:
    """Định dạng tệp .tdkt theo bố cục chuẩn (không đổi nội dung văn bản in ra)."""
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
            typer.echo(f"{path}: cần định dạng lại" if lg == "vi" else f"{path}: would reformat")
            continue
        try:
            write_atomic(path, new.encode("utf-8"), kind="tdkt")
        except Problem as exc:
            _say(render(exc.diagnostic, None, lg))
            problems.append(exc.diagnostic)
            continue
        typer.echo(f"Đã định dạng {path}" if lg == "vi" else f"Formatted {path}")
    if problems:
        raise typer.Exit(exit_code(problems))
    if check_only and changed:
        raise typer.Exit(EXIT_PROBLEMS)


@app.command()
def lsp() -> None:
    """Máy chủ ngôn ngữ (Language Server Protocol) qua stdio, cho VS Code và các trình soạn thảo khác."""
    from .lsp.server import main as serve_lsp

    serve_lsp()


@app.command()
def serve(
    root: Path = typer.Option(Path("."), "--root", help="Thư mục chứa các tệp .tdkt (không đọc/ghi ngoài thư mục này)"),
    host: str = typer.Option("127.0.0.1", "--host", help="Địa chỉ lắng nghe (mặc định chỉ máy này)"),
    port: int = typer.Option(8000, "--port", help="Cổng"),
    token: Optional[str] = typer.Option(None, "--token", envvar="TDKT_TOKEN",
                                        help="Mã truy cập (bắt buộc khi không chỉ nghe trên máy này; tự sinh nếu bỏ trống)"),
    lang: Optional[Lang] = LangOpt,
) -> None:
    """Trình soạn thảo trên trình duyệt cho cả cơ quan: soạn, xem trước, tải DOCX/PDF, nhập, kiểm tra."""
    from .diagnostics import Problem
    from .web.app import create_app, is_loopback, new_token

    lg = (lang or _lang_default()).value
    if not root.is_dir():
        _stop(Problem("O906", str(root), path=str(root)), lg)
    if not is_loopback(host) and not token:
        token = new_token()
    import uvicorn

    url = f"http://{host if ':' not in host else '[' + host + ']'}:{port}/" + (f"?token={token}" if token else "")
    _say((f"tdkt serve: mở {url}  (thư mục {root.resolve()}; Ctrl+C để dừng)") if lg == "vi"
         else f"tdkt serve: open {url}  (folder {root.resolve()}; Ctrl+C to stop)")
    uvicorn.run(create_app(root, token=token), host=host, port=port, log_level="warning")


class DiffFormat(str, Enum):
    text = "text"
    md = "md"
    json = "json"


@app.command("diff")
def diff_plans(
    old: Path = typer.Argument(..., help="Kế hoạch cũ (.tdkt)"),
    new: Path = typer.Argument(..., help="Kế hoạch mới (.tdkt)"),
    format: DiffFormat = typer.Option(DiffFormat.text, "--format", help="text, md hoặc json"),
    lang: Optional[Lang] = LangOpt,
) -> None:
    """So sánh hai kế hoạch theo nội dung: phần đầu, căn cứ, đoạn văn, nhiệm vụ, đơn vị (kể cả khác năm)."""
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


@app.command()
def rules(lang: Optional[Lang] = LangOpt) -> None:
    """Liệt kê mọi mã lỗi/cảnh báo."""
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
        _say(f"tdkt: lỗi nội bộ ({type(exc).__name__}: {exc}). Hãy báo lỗi kèm tệp đầu vào; "
             f"đặt TDKT_DEBUG=1 để xem chi tiết.\ntdkt: internal error; please report it with the input file.")
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
