"""Text and JSON output of `tdkt verify`, and its exit codes (one place)."""

from __future__ import annotations

import json
import sys
from typing import TextIO

from ..diagnostics import (EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, Diagnostic, Problem, Severity, Span, render,
                           summary)
from ..diagnostics import exit_code as _exit_code
from .vocabulary import say

EXIT_CLEAN, EXIT_FINDINGS, EXIT_UNREADABLE = EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE


def format_text(path: str, d: Diagnostic, lang: str = "vi") -> str:
    """`file.docx:đoạn 12: lỗi[V203 date-leading-zero]: … — cần: …; thấy: … «…»`"""
    return f"{path}:{d.span.label(lang)}: {d.level.word(lang)}[{d.code} {d.name}]: {d.message(lang)}"


def to_json(path: str, diags: list[Diagnostic], lang: str = "vi") -> dict:
    items = []
    for d in diags:
        item = d.to_dict(lang)
        suffix = "_en" if lang == "en" else ""
        item["where"] = d.span.label(lang)
        for key in ("quote", "expected", "found"):
            item[key] = d.params.get(key + suffix, d.params.get(key, ""))
        item["count"] = d.params.get("count", 1)
        items.append(item)
    return {"file": path, "ok": exit_code(diags) == EXIT_CLEAN, "summary": summary(diags, lang),
            "diagnostics": items}


def exit_code(diags: list[Diagnostic]) -> int:
    # warnings are findings too; notes (a draft's blank number and date) do not fail a check
    return _exit_code(diags, fail_on=Severity.WARNING)


def cli_verify(path: str, fmt: str = "text", lang: str = "vi", out: TextIO | None = None,
               err: TextIO | None = None) -> int:
    """Print the findings for ``path`` and return the exit code. A file the shared DOCX reader
    refuses is one diagnostic (exit 2); anything else raised is a bug of tdkt, left to the
    command's one handler of internal errors (exit 3, cli.main)."""
    from . import verify_path
    from .reader import NotADocx

    out = out or sys.stdout
    err = err or sys.stderr
    lang = "en" if lang == "en" else "vi"
    try:
        diags = verify_path(path)
    except NotADocx as exc:
        return _unreadable(path, exc, fmt, lang, out, err)
    if fmt == "json":
        print(json.dumps(to_json(path, diags, lang), ensure_ascii=False, indent=2), file=out)
    else:
        for d in diags:
            print(format_text(path, d, lang), file=out)
        tail = summary(diags, lang)
        if exit_code(diags) == EXIT_CLEAN:
            tail += say("conforms")[1 if lang == "en" else 0]
        print(f"{path}: {tail}", file=out)
    return exit_code(diags)


def _unreadable(path: str, exc: Problem, fmt: str, lang: str, out: TextIO, err: TextIO) -> int:
    d = exc.diagnostic.model_copy(update={"span": Span.at(path)})
    if fmt == "json":
        print(json.dumps({"file": path, "ok": False, "error": " ".join(d.message(lang).split()),
                          "diagnostics": [d.to_dict(lang)]}, ensure_ascii=False), file=out)
    else:
        print(" ".join(render(d, None, lang).split("\n")), file=err)  # exactly one line
    return _exit_code([d])
