"""Semantic checks: an ordered tuple of plain functions over the model, each yielding diagnostics.

Each rule family lives in its own module; its codes are declared in tdkt_dsl/catalogue/<family>.py.
A check reads the model only: it never renders and never re-parses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..diagnostics import Diagnostic
from ..model.nodes import Plan
from ..source import Source
from ._common import TEXTS_OF, listed
from .anniversaries import check_anniversaries
from .citations import check_citations
from .context import check_context
from .dates import check_dates
from .hygiene import check_hygiene
from .names import check_names
from .prose import check_prose
from .references import check_references
from .years import check_years

Check = Callable[[Plan, dict[str, Source]], Iterable[Diagnostic]]

CHECKS: tuple[Check, ...] = (
    check_dates,
    check_years,
    check_prose,
    check_anniversaries,
    check_references,
    check_names,
    check_citations,
    check_context,
    check_hygiene,
)


def run_checks(plan: Plan, sources: dict[str, Source]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    token = TEXTS_OF.set(listed(plan))  # walked once, read by every family
    try:
        for check in CHECKS:
            out.extend(check(plan, sources))
    finally:
        TEXTS_OF.reset(token)
    return out
