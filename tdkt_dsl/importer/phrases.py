"""The fixed phrases `tdkt import` writes into a `.tdkt` (comments, placeholders), from
templates/import.j2 — the same Jinja environment as the documents' phrases."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _module():
    from ..render.phrases import environment

    return environment().get_template("import.j2").module


def phrase(name: str, *args: Any) -> str:
    return str(getattr(_module(), name)(*args)).strip("\n")
