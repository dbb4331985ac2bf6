"""Checks the importer makes with the compiler itself, so that what it writes compiles and prints
as the original did."""

from __future__ import annotations

import re
from functools import lru_cache

from ..diagnostics import has_errors
from ..model.builder import build
from ..model.nodes import Citation, CitationList
from ..source import Source
from .emit import prose


def _norm(s: str) -> str:
    return " ".join(s.split()).rstrip(".;")


def citation_ok(text: str) -> bool:
    """`text` parses as a citation without errors and prints back word for word."""
    from ..render.layout import _citation_view
    from ..render.phrases import phrase

    from .emit import kw

    res = build(Source.from_text(_skeleton() + f"{kw('KW_BASED_ON')}:\n" + prose(text, "- ", "bullet") + "\n",
                                 "<citation>"))
    if res.plan is None or has_errors(res.diagnostics):
        return False
    items = [i for p in res.plan.preamble if isinstance(p, CitationList) for i in p.items]
    if len(items) != 1 or not isinstance(items[0], Citation):
        return False
    printed = phrase("citation", _citation_view(items[0]))
    return _norm(printed) == _norm(re.sub(r"(?<!\\)\*", "", text))


def _skeleton() -> str:
    from .emit import kw

    return "".join(f"{kw(t)}: {v}\n" for t, v in (
        ("KW_ISSUER", "X"), ("KW_ABBR", "X"), ("KW_PLACE", "X"), ("KW_NUMBER", "1"),
        ("KW_DATE", "01/01/2000"), ("KW_YEAR", "2000"), ("KW_TITLE", "x")))


@lru_cache(maxsize=4096)
def deadline_ok(text: str, grouped: bool = False) -> bool:
    """`text`, as a task's `hạn:`, builds without errors to a typed deadline (not quoted text).
    ``grouped``: the task is under a `tháng:` group."""
    from .emit import kw

    from .. import vocabulary

    layout = vocabulary.layouts()
    by_month = next(w for w, v in layout.items() if v == "by_month")
    group = f"{kw('KW_LAYOUT')}: {by_month}\n{kw('KW_MONTH')}: 01/2000\n" if grouped else ""
    src = (_skeleton() + f"{kw('KW_APPENDIX')}: x\n" + group + f"{kw('KW_TASK')}: x\n"
           + f"  {kw('KW_DUE')}: {text}\n")
    res = build(Source.from_text(src, "<deadline>"))
    if res.plan is None or has_errors(res.diagnostics):
        return False
    tasks = [t for a in res.plan.appendices for t in a.all_tasks()]
    return len(tasks) == 1 and tasks[0].deadline is not None and tasks[0].deadline.kind != "text"
