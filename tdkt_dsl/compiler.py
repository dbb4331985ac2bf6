"""The pipeline in one place: source → syntax → model → checks. Writers take the result."""

from __future__ import annotations

from dataclasses import dataclass, field

from .check import run_checks
from .check.hygiene import check_characters
from .config import apply as apply_config
from .diagnostics import Diagnostic, has_errors, sort_key
from .model.builder import build, build_path
from .model.nodes import Plan
from .source import Source


@dataclass
class Compilation:
    plan: Plan | None
    diagnostics: list[Diagnostic]
    sources: dict[str, Source] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.plan is not None and not has_errors(self.diagnostics)


def _finish(result) -> Compilation:
    diags = list(result.diagnostics)
    diags.extend(check_characters(result.sources))  # even when the plan was not understood
    if result.plan is not None:
        diags.extend(run_checks(result.plan, result.sources))
    path = result.plan.source_path if result.plan is not None else next(iter(result.sources), None)
    diags = apply_config(diags, result.plan, result.sources, path)  # suppressions, [tool.tdkt]
    diags = _dedupe(sorted(diags, key=sort_key))
    return Compilation(result.plan, diags, result.sources)


def _dedupe(diags: list[Diagnostic]) -> list[Diagnostic]:
    seen, out = set(), []
    for d in diags:
        key = (d.code, d.span.file, d.span.start, d.span.end, repr(sorted(d.params.items())))
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def compile_path(path: str) -> Compilation:
    return _finish(build_path(path))


def compile_source(source: Source) -> Compilation:
    return _finish(build(source))


def compile_text(text: str, path: str = "<input>") -> Compilation:
    return compile_source(Source.from_text(text, path))
