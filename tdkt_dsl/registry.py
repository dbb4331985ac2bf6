"""Every diagnostic code tdkt knows, from every stage (for `tdkt rules`, the README and tests)."""

from __future__ import annotations

import importlib
import pkgutil

from .diagnostics import REGISTRY, Rule


def load_all() -> None:
    from . import codes  # noqa: F401
    from . import check

    for mod in pkgutil.iter_modules(check.__path__):
        importlib.import_module(f"{check.__name__}.{mod.name}")
    try:
        importlib.import_module("tdkt_dsl.verify")
    except ImportError:
        pass


def all_rules() -> list[Rule]:
    load_all()
    return sorted(REGISTRY.values(), key=lambda r: r.code)
