"""Markdown reports: a list of `Diagnostic` rendered as Markdown, the one renderer of the reports
of `tdkt import --report` and `tdkt new --report` (and of the web editor's report pane).

The report's title, introduction and section titles are data (catalogue/reports.py); each
diagnostic is listed under the section its code declares, sorted by line, as
``- dòng 12 [I105]: message`` with its hints and fix on indented lines below.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .catalogue.reports import LINE, NONE, REPORTS, Report
from .diagnostics import Diagnostic, details


def _fill(template: str, params: dict[str, Any]) -> str:
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def _where(d: Diagnostic, lang: str, file: str | None) -> str:
    """`dòng 12`; a diagnostic of another file (a profile) names it; a detached span its place."""
    span = d.span
    if span.detached:
        return span.label(lang)
    if _elsewhere(d, file):
        return f"{span.file}:{span.line}"
    return _fill(LINE[lang], {"line": span.line})


def _elsewhere(d: Diagnostic, file: str | None) -> bool:
    return file is not None and not d.span.detached and bool(d.span.file) and d.span.file != file


def item(d: Diagnostic, lang: str = "vi", file: str | None = None) -> str:
    """One diagnostic as a Markdown list item (with its hints, related places and fix)."""
    where = _where(d, lang, file)
    head = f"- {where} [{d.code}]: " if where else f"- [{d.code}] "
    lines = [head + d.message(lang)]
    for label, text in details(d, lang, lambda span: _where(Diagnostic(code=d.code, span=span), lang, file)):
        lines.append(f"  - {label}: {text}")
    return "\n".join(lines)


def render_markdown_report(diagnostics: Sequence[Diagnostic], lang: str = "vi", report: str = "import",
                           file: str | None = None, **params: Any) -> str:
    """The report ``report`` (a key of catalogue/reports.py REPORTS) over ``diagnostics``.

    ``params`` fill the report's title and introduction (``source``, ``output`` …). ``file``: the
    file the line numbers refer to; a diagnostic of another file is shown as ``file:line``.
    """
    lang = "en" if lang == "en" else "vi"
    spec: Report = REPORTS[report]
    out = [f"# {_fill(spec.title_en if lang == 'en' else spec.title_vi, params)}", ""]
    intro = spec.intro_en if lang == "en" else spec.intro_vi
    if intro:
        out += [_fill(intro, params), ""]
    keys = {s.key for s in spec.sections}
    grouped: dict[str, list[Diagnostic]] = {s.key: [] for s in spec.sections}
    for d in diagnostics:
        grouped[d.rule.section if d.rule.section in keys else spec.default].append(d)
    for section in spec.sections:
        items = sorted(grouped[section.key], key=lambda d: (_elsewhere(d, file), d.span.line, d.span.column))
        if not items and not spec.show_empty:
            continue
        out += [f"## {section.en if lang == 'en' else section.vi} ({len(items)})", ""]
        out += [item(d, lang, file) for d in items] or [f"- {NONE[lang]}"]
        out.append("")
    return "\n".join(out)
