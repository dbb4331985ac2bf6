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
from typing import Optional

import typer

from .diagnostics import EXIT_INTERNAL, EXIT_PROBLEMS, Diagnostic, Problem, Span, exit_code, render, summary
from .output import write_atomic

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


def _say(msg: str) -> None:
    typer.echo(msg, err=True)


def _print_diagnostics(diags: list[Diagnostic], sources, lang: str, fmt: Format = Format.text,
                       stream_err: bool = True) -> None:
    if fmt is Format.json:
        typer.echo(json.dumps({"diagnostics": [d.to_dict(lang) for d in diags],
                               "summary": summary(diags, lang)}, ensure_ascii=False, indent=2))
        return
    for d in diags:
        typer.echo(render(d, sources.get(d.span.file), lang), err=stream_err)
    if diags:
        typer.echo(summary(diags, lang), err=stream_err)


def _stop(problem: Problem, lang: str, file: object = "") -> None:
    """Show the diagnostic of a stage that could not go on, and exit with its code."""
    d = problem.diagnostic
    if not d.span.file and file:
        d = d.model_copy(update={"span": Span.at(str(file))})
    _say(render(d, None, lang))  # one line: nothing was produced, no summary to give
    raise typer.Exit(exit_code([d]))


@app.command()
def build(
    plan: Path = typer.Argument(..., help="Tệp kế hoạch .tdkt"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Tệp kết quả (mặc định: cạnh tệp nguồn)"),
    to: Target = typer.Option(Target.docx, "--to", help="Định dạng: docx, json, text, html, pdf, xlsx (bảng nhiệm vụ), ics (lịch) hoặc ref (mục danh sách văn bản cấp trên)"),
    watch: bool = typer.Option(False, "--watch", help="Biên dịch lại mỗi khi lưu kế hoạch hoặc hồ sơ"),
    lang: Optional[Lang] = LangOpt,
) -> None:
    """Biên dịch kế hoạch ra DOCX (hoặc JSON/text/HTML/PDF). Không ghi gì nếu kế hoạch có lỗi."""
    from .compiler import compile_path

    lg = (lang or _lang_default()).value
    if watch:
        from .watch import watch as watch_plan

        out = output or plan.with_suffix(_SUFFIX.get(to, "." + to.value))
        protect = lambda comp: [Path(p) for p in comp.sources if not p.startswith("<")]  # noqa: E731
        watch_plan(plan, out, lambda p: _render(p, to), lambda o, data, comp: write_atomic(o, data, protect=protect(comp)),
                   _print_diagnostics, _say, lg)
        return
    comp = compile_path(str(plan))
    _print_diagnostics(comp.diagnostics, comp.sources, lg)
    if not comp.ok or comp.plan is None:
        _say("Không tạo tệp vì kế hoạch có lỗi." if lg == "vi" else "No file written: the plan has errors.")
        raise typer.Exit(exit_code(comp.diagnostics) or EXIT_PROBLEMS)
    out = output or plan.with_suffix(_SUFFIX.get(to, "." + to.value))
    try:
        data = _render(comp.plan, to)
        write_atomic(out, data, protect=[Path(p) for p in comp.sources if not p.startswith("<")])
    except Problem as exc:
        _stop(exc, lg)
    _say(f"Đã ghi {out}" if lg == "vi" else f"Wrote {out}")


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
    plan: Path = typer.Argument(..., help="Tệp kế hoạch .tdkt"),
    format: Format = typer.Option(Format.text, "--format", help="text (mặc định) hoặc json"),
    fix: bool = typer.Option(False, "--fix", help="Sửa tự động các lỗi có cách sửa an toàn"),
    lang: Optional[Lang] = LangOpt,
) -> None:
    """Kiểm tra kế hoạch: lỗi cú pháp, tham chiếu, ngày tháng, năm, trích dẫn…"""
    from .compiler import compile_path

    lg = (lang or _lang_default()).value
    comp = compile_path(str(plan))
    if fix:
        from .fix import apply_fixes

        comp = apply_fixes(plan, comp, lg)
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


def _write_plan_and_report(output: Path, plan_text: str, report: Optional[Path], report_text: str,
                           *, source: Path, lang: str) -> None:
    """`new` and `import`: write the .tdkt and, when asked, the review report (both atomically,
    never over the input), then print the report."""
    try:
        write_atomic(output, plan_text.encode("utf-8"), protect=[source])
        if report is not None:
            write_atomic(report, report_text.encode("utf-8"), protect=[source, output])
    except Problem as exc:
        _stop(exc, lang)
    typer.echo(report_text)


@app.command("new")
def new_plan(
    from_: Path = typer.Option(..., "--from", help="Kế hoạch năm trước, hoặc kế hoạch cấp trên với --for (.tdkt)"),
    year: Optional[int] = typer.Option(None, "--year", help="Năm của kế hoạch mới, ví dụ 2024"),
    output: Path = typer.Option(..., "-o", "--output", help="Tệp .tdkt mới"),
    report: Optional[Path] = typer.Option(None, "--report", help="Ghi báo cáo rà soát (markdown) vào tệp này"),
    for_: Optional[Path] = typer.Option(None, "--for", help="Hồ sơ cơ quan cấp dưới: xây dựng kế hoạch cấp dưới từ kế hoạch --from"),
    lead_days: int = typer.Option(3, "--lead-days", min=0, max=60, help="Với --for: hạn của cấp dưới sớm hơn hạn cấp trên bấy nhiêu ngày làm việc"),
    lang: Optional[Lang] = LangOpt,
) -> None:
    """Kế hoạch mới: sang năm mới (--year: dời năm, năm học, mọi thời hạn), hoặc cho cấp dưới (--for:
    trích dẫn kế hoạch cấp trên, nhận các nhiệm vụ giao cho cấp dưới); in báo cáo những dòng cần xem lại."""
    from .rollover import render_report, rollover
    from .source import Source, SourceError

    lg = (lang or _lang_default()).value
    if for_ is not None:
        from .derive import derive, render_report as derive_report

        try:
            d = derive(from_, for_, output, lead_days)
        except Problem as exc:
            _stop(exc, lg)
        _write_plan_and_report(output, d.text, report, derive_report(d, str(from_), str(output), lg),
                               source=from_, lang=lg)
        _say(f"Đã ghi {output}" if lg == "vi" else f"Wrote {output}")
        return
    if year is None:
        _stop(Problem("O910", str(from_)), lg)
    try:
        src = Source.from_path(str(from_))
    except SourceError as exc:
        d = Diagnostic(code=exc.code, span=Span.point(str(from_)),
                       params=dict(path=str(from_), **exc.params))
        _print_diagnostics([d], {}, lg)
        raise typer.Exit(exit_code([d]))
    res = rollover(src, year, str(output))
    if res.text is None:
        _print_diagnostics(res.diagnostics, res.sources, lg)
        vi, en = res.error or ("Không chuyển được kế hoạch.", "Cannot roll the plan over.")
        _say(en if lg == "en" else vi)
        raise typer.Exit(exit_code(res.diagnostics) or EXIT_PROBLEMS)
    _write_plan_and_report(output, res.text, report, render_report(res, str(from_), str(output), lg),
                           source=from_, lang=lg)
    _say(f"Đã ghi {output}" if lg == "vi" else f"Wrote {output}")


@app.command("import")
def import_plan(
    document: Path = typer.Argument(..., help="Kế hoạch soạn tay: .docx, .txt hoặc .md"),
    output: Path = typer.Option(..., "-o", "--output", help="Tệp .tdkt sẽ ghi"),
    report: Optional[Path] = typer.Option(None, "--report", help="Ghi báo cáo nhập (markdown) vào tệp này"),
    lang: Optional[Lang] = LangOpt,
) -> None:
    """Đọc một kế hoạch soạn tay (DOCX/TXT/MD) và viết ra tệp .tdkt biên dịch được."""
    from .importer import ImportRefused, import_document, render_report

    lg = (lang or _lang_default()).value
    try:
        res = import_document(document)
    except ImportRefused as exc:
        _stop(exc, lg, document)
    _write_plan_and_report(output, res.text, report, render_report(res, str(document), str(output), lg),
                           source=document, lang=lg)
    _say(f"Đã ghi {output}" if lg == "vi" else f"Wrote {output}")


@app.command()
def fmt(
    files: list[Path] = typer.Argument(..., help="Tệp .tdkt hoặc thư mục"),
    check_only: bool = typer.Option(False, "--check", help="Không ghi; mã thoát 1 nếu có tệp cần định dạng"),
    lang: Optional[Lang] = LangOpt,
) -> None:
    """Định dạng tệp .tdkt theo bố cục chuẩn (không đổi nội dung văn bản in ra)."""
    from .formatter import format_text
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
            write_atomic(path, new.encode("utf-8"))
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


def main() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")  # no mojibake on odd terminals
        except (AttributeError, ValueError):
            pass
    try:
        app(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # a bug in tdkt: never show a traceback to a drafter
        if os.environ.get("TDKT_DEBUG"):
            raise
        _say(f"tdkt: lỗi nội bộ ({type(exc).__name__}: {exc}). Hãy báo lỗi kèm tệp đầu vào; "
             f"đặt TDKT_DEBUG=1 để xem chi tiết.\ntdkt: internal error; please report it with the input file.")
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
