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

CHECKS: tuple[Check, ...] = ()


def run_checks(plan: Plan, sources: dict[str, Source]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for check in CHECKS:
        out.extend(check(plan, sources))
    return out
