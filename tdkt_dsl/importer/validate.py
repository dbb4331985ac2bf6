"""Checks the importer makes with the compiler itself, so that what it writes compiles and prints
as the original did."""

from __future__ import annotations

import re

from ..diagnostics import has_errors
from ..model.builder import build
from ..model.nodes import Citation, CitationList
from ..source import Source
from .emit import prose

_SKELETON = "cơ quan: X\nviết tắt: X\nđịa danh: X\nsố: 1\nngày: 01/01/2000\nnăm: 2000\ntrích yếu: x\n"


def _norm(s: str) -> str:
    return " ".join(s.split()).rstrip(".;")


def citation_ok(text: str) -> bool:
    """`text` parses as a citation without errors and prints back word for word."""
    from ..render.layout import _citation_view
    from ..render.phrases import phrase

    res = build(Source.from_text(_SKELETON + "căn cứ:\n" + prose(text, "- ", "bullet") + "\n", "<citation>"))
    if res.plan is None or has_errors(res.diagnostics):
        return False
    items = [i for p in res.plan.preamble if isinstance(p, CitationList) for i in p.items]
    if len(items) != 1 or not isinstance(items[0], Citation):
        return False
    printed = phrase("citation", _citation_view(items[0]))
    return _norm(printed) == _norm(re.sub(r"(?<!\\)\*", "", text))
