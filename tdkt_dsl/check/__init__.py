"""Semantic checks: an ordered tuple of plain functions over the model, each yielding diagnostics.

Each rule family lives in its own module and registers its codes with tdkt_dsl.diagnostics.register.
A check reads the model only: it never renders and never re-parses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..diagnostics import Diagnostic
from ..model.nodes import Plan
from ..source import Source

Check = Callable[[Plan, dict[str, Source]], Iterable[Diagnostic]]

from . import suppression as _suppression  # noqa: F401,E402  (X9xx codes)
from .anniversaries import check_anniversaries  # noqa: E402
from .citations import check_citations  # noqa: E402
from .dates import check_dates  # noqa: E402
from .hygiene import check_hygiene  # noqa: E402
from .references import check_references  # noqa: E402
from .years import check_years  # noqa: E402

CHECKS: tuple[Check, ...] = (
    check_dates,
    check_years,
    check_anniversaries,
    check_references,
    check_citations,
    check_hygiene,
)


def run_checks(plan: Plan, sources: dict[str, Source]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for check in CHECKS:
        out.extend(check(plan, sources))
    return out
