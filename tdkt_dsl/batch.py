"""Batch mode: `tdkt build|check` over several files and folders, compiled in parallel.

    tdkt build plans/ -o out/ [-j N]      # out/ mirrors plans/: plans/a/b.tdkt → out/a/b.docx
    tdkt check plans/ other.tdkt

Each plan is compiled on its own (a worker process per core by default, `-j 1` in this process);
its diagnostics are rendered in the worker against its own source and printed by this process in
the order of the input, so the output does not depend on `-j`. On a terminal a progress bar runs
while the plans compile; then come the plans' diagnostics and one summary line (no line per file
written). A `.tdkt` file met while walking a
folder is skipped when it is a profile, not a plan: another file of the batch uses it (`dùng:`), or
it holds only what a profile may hold (agency, signer, units, recipients). Files named on the
command line are always compiled. The exit code is the worst of the plans'
(0 all good, 1 a plan has errors, 2 an input could not be opened, 3 a bug in tdkt).
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .catalogue.ui import pair, text

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3



@lru_cache(maxsize=1)
def _use_line() -> re.Pattern:
    """A `dùng:` line (the keyword's spellings from the vocabulary table) and the profile it names."""
    from .vocabulary import keyword

    kw = keyword("KW_USE")
    words = "|".join(re.escape(w) for w in (*kw.vi, *kw.en))
    return re.compile(rf"^[ \t]*(?i:{words})[ \t]*:[ \t]*(\S[^\n]*?)[ \t]*(?://.*)?$", re.MULTILINE)


def _suffix(to: str) -> str:
    """The extension a single build gives this target (commands.SUFFIX, else `.<target>`)."""
    from .commands import SUFFIX, Target

    return SUFFIX.get(Target(to), "." + to)


@dataclass(frozen=True)
class Job:
    index: int
    command: str  # "build" | "check"
    plan: str
    output: str | None  # build: where to write
    lang: str
    to: str = "docx"
    fmt: str = "text"
    fix: bool = False
    walked: bool = False  # found in a folder (may be a profile) rather than named


@dataclass(frozen=True)
class Outcome:
    index: int
    plan: str
    code: int
    stdout: str
    stderr: str
    errors: int = 0
    warnings: int = 0
    skipped: bool = False  # a profile met in a folder


def collect(paths: list[Path]) -> list[tuple[Path, Path, bool]]:
    """The plans named by files and folders → [(plan, path relative to the output root, walked)]."""
    from .source import SourceError, read_limited

    found: list[tuple[Path, Path, bool]] = []  # (plan, relative, named explicitly)
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*.tdkt")):
                rel = f.relative_to(p)
                if not any(part.startswith(".") for part in rel.parts):
                    found.append((f, rel, False))
        else:
            found.append((p, Path(p.name), True))  # a missing file is reported by its own compile
    used: set[Path] = set()
    for plan, _, _ in found:
        try:  # a FIFO must not block the walk, nor /dev/zero behind a symlink fill the memory
            content = read_limited(plan).decode("utf-8", "replace")
        except SourceError:
            continue  # reported by the plan's own compile (F919, F905 …)
        for m in _use_line().finditer(content):
            try:
                used.add((plan.parent / m.group(1)).resolve())
            except (OSError, RuntimeError):
                pass
    out, seen = [], {}
    for plan, rel, explicit in found:
        try:
            key = plan.resolve()
        except (OSError, RuntimeError):
            key = plan
        if not explicit and key in used:
            continue  # a profile shared by the plans beside it
        if key in seen:
            continue
        seen[key] = plan
        out.append((plan, rel, not explicit))
    return out


def _targets(plans: list[tuple[Path, Path, bool]], output: Path | None, to: str) -> list[Path]:
    suffix = _suffix(to)
    if output is None:
        return [plan.with_suffix(suffix) for plan, _, _ in plans]
    return [output / rel.with_suffix(suffix) for _, rel, _ in plans]


def run_batch(command: str, paths: list[Path], *, lang: str, jobs: int | None = None,
              output: Path | None = None, to: str = "docx", fmt: str = "text", fix: bool = False) -> int:
    plans = collect(paths)
    if not plans:
        return _refuse("O917", " ".join(str(p) for p in paths), lang)
    targets: list[str | None] = [None] * len(plans)
    if command == "build":
        if output is not None and output.exists() and not output.is_dir():
            return _refuse("O906", output, lang, pair("batch.output-is-folder"))
        paths_out = _targets(plans, output, to)
        clash: dict[Path, Path] = {}
        for (plan, _, _), target in zip(plans, paths_out):
            if target in clash:
                return _refuse("O915", target, lang, pair("batch.same-output", first=clash[target], second=plan))
            clash[target] = plan
        targets = [str(t) for t in paths_out]
    work = [Job(i, command, str(plan), targets[i], lang, to, fmt, fix, walked)
            for i, (plan, _, walked) in enumerate(plans)]
    outcomes = _run_all(work, jobs)
    return _report(outcomes, command, lang, fmt)


def _run_all(work: list[Job], jobs: int | None) -> list[Outcome]:
    jobs = jobs or _cores()
    jobs = max(1, min(jobs, len(work)))
    results: list[Outcome | None] = [None] * len(work)
    with _progress(len(work)) as advance:
        if jobs == 1:
            for job in work:
                results[job.index] = compile_one(job)
                advance()
        else:
            from concurrent.futures import ProcessPoolExecutor, as_completed

            with ProcessPoolExecutor(max_workers=jobs) as pool:
                futures = [pool.submit(compile_one, job) for job in work]
                for fut in as_completed(futures):
                    res = fut.result()
                    results[res.index] = res
                    advance()
    return [r for r in results if r is not None]


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class _progress:
    """A progress bar on a terminal (rich, which typer brings); nothing when stderr is a file."""

    def __init__(self, total: int) -> None:
        self.total, self.bar = total, None

    def __enter__(self):
        if self.total > 1 and sys.stderr.isatty() and not os.environ.get("CI"):
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            self.bar = Progress(BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("tdkt", total=self.total)
        return self.advance

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def _refuse(code: str, path: object, lang: str, hint: tuple[str, str] | None = None) -> int:
    """The batch cannot start (no plan, an output that cannot be used): say why, exit 2."""
    from .diagnostics import Diagnostic, Span, exit_code, render

    d = Diagnostic(code=code, span=Span.at(str(path)), params={"path": str(path)}, hints=[hint] if hint else [])
    print(render(d, None, lang), file=sys.stderr)
    return exit_code([d])


def compile_one(job: Job) -> Outcome:
    """One plan, start to finish; everything it would print is returned as text."""
    try:
        return _compile_one(job)
    except Exception as exc:  # a bug in tdkt: reported for this plan, the others go on
        if os.environ.get("TDKT_DEBUG"):
            raise
        error = f"{type(exc).__name__}: {exc}"
        return Outcome(job.index, job.plan, EXIT_INTERNAL, "",
                       text("batch.internal-error", job.lang, path=job.plan, error=error) + "\n", 1)


def _compile_one(job: Job) -> Outcome:
    import json

    from .compiler import compile_path
    from .diagnostics import Severity, has_errors, render, summary

    if job.walked and _is_profile(job.plan):
        return Outcome(job.index, job.plan, EXIT_OK, "", "", skipped=True)
    comp = compile_path(job.plan)
    if job.command == "check" and job.fix:
        from .fix import apply_fixes

        comp = apply_fixes(Path(job.plan), comp, job.lang)
    diags = comp.diagnostics
    errors = sum(1 for d in diags if d.level is Severity.ERROR)
    warnings = sum(1 for d in diags if d.level is Severity.WARNING)
    code = _exit_code(diags)
    shown = "".join(render(d, comp.sources.get(d.span.file), job.lang) + "\n" for d in diags)
    if diags:
        shown += summary(diags, job.lang) + "\n"
    if job.command == "check":
        if job.fmt == "json":
            out = json.dumps({"file": job.plan, "diagnostics": [d.to_dict(job.lang) for d in diags],
                              "summary": summary(diags, job.lang)}, ensure_ascii=False, indent=2) + "\n"
            return Outcome(job.index, job.plan, code, out, "", errors, warnings)
        return Outcome(job.index, job.plan, code, shown, "", errors, warnings)
    if not comp.ok or comp.plan is None or has_errors(diags):
        shown += text("cli.not-written", job.lang) + "\n"
        return Outcome(job.index, job.plan, code or EXIT_ERRORS, "", shown, errors, warnings)
    from .commands import Target, render_target
    from .diagnostics import Problem
    from .output import OutputError, write_atomic

    out = Path(job.output or Path(job.plan).with_suffix(_suffix(job.to)))
    data = render_target(comp.plan, Target(job.to), job.lang)
    try:
        try:
            out.parent.mkdir(parents=True, exist_ok=True)  # the output folder mirrors the input's
        except OSError as exc:
            raise OutputError("O903", out, reason=exc.strerror or str(exc)) from None
        write_atomic(out, data, protect=[Path(p) for p in comp.sources if not p.startswith("<")], keep_plans=True)
    except Problem as exc:
        from .diagnostics import exit_code, render

        return Outcome(job.index, job.plan, exit_code([exc.diagnostic]), "",
                       shown + render(exc.diagnostic, None, job.lang) + "\n", errors + 1, warnings)
    # no "Wrote …" line per plan: a thousand of them would bury the diagnostics; the summary counts them
    return Outcome(job.index, job.plan, code, "", shown, errors, warnings)


_HEAD_LINES = 40  # a plan gives itself away near its top (its number, date, year or first section)


def _is_profile(path: str) -> bool:
    """Only statements a profile may hold (the rules of model.builder's first pass). The first
    lines are read first: for a plan they already hold a statement no profile may, so a batch does
    not parse each plan twice (once here, once to compile it)."""
    from .source import Source, SourceError

    try:
        src = Source.from_path(path)
    except SourceError:
        return False
    head = src.text.split("\n", _HEAD_LINES)
    if len(head) > _HEAD_LINES and _profile_statements(Source.from_text("\n".join(head[:_HEAD_LINES]), path),
                                                       head_only=True) is False:
        return False  # a statement no profile may hold, or a mistake: the whole file has it too
    return bool(_profile_statements(src))


def _profile_statements(src, head_only: bool = False) -> bool | None:
    """False at the first statement a profile may not hold (or a syntax mistake); True when all
    are a profile's; None when only the first lines were read and none holds a statement yet."""
    from .model.builder import _PROFILE_FIELDS, _TEXT_FIELD
    from .syntax import parse

    res = parse(src)
    if res.diagnostics:
        return False
    if not res.lines:
        return None if head_only else False
    for pl in res.lines:
        kind, tree = pl.kind, pl.tree
        if kind == "text_field":
            if _TEXT_FIELD.get(tree.children[0].type) not in _PROFILE_FIELDS:
                return False
        elif kind == "block":
            if tree.children[0].type != "KW_RECIPIENTS":
                return False
        elif kind not in ("declaration", "bullet", "use_field"):
            return False
    return True


def _exit_code(diags) -> int:
    from .diagnostics import exit_code

    return exit_code(diags)


def _report(outcomes: list[Outcome], command: str, lang: str, fmt: str) -> int:
    outcomes = [o for o in outcomes if not o.skipped]
    if command == "check" and fmt == "json":
        import json

        files = [json.loads(o.stdout) if o.stdout else {"file": o.plan, "error": o.stderr.strip()}
                 for o in outcomes]
        print(json.dumps({"files": files, "summary": _summary(outcomes, lang)}, ensure_ascii=False, indent=2))
    else:
        for o in outcomes:
            if o.stdout:
                sys.stdout.write(o.stdout)
            if o.stderr:
                sys.stderr.write(o.stderr)
        sys.stdout.flush()
        print(_summary(outcomes, lang), file=sys.stderr if command == "build" else sys.stdout)
    return max((o.code for o in outcomes), default=EXIT_OK)


def _summary(outcomes: list[Outcome], lang: str) -> str:
    failed = sum(1 for o in outcomes if o.code != EXIT_OK)
    errors = sum(o.errors for o in outcomes)
    warnings = sum(o.warnings for o in outcomes)
    n = len(outcomes)
    plural = {f"{k}_s": "" if v == 1 else "s" for k, v in (("plans", n), ("errors", errors), ("warnings", warnings))}
    return text("batch.summary", lang, plans=n, ok=n - failed, failed=failed, errors=errors, warnings=warnings,
                **plural)
