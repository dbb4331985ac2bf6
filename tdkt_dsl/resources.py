"""Find grammar/ and templates/: inside the installed package (wheel) or at the checkout's top."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def resource_dir(name: str) -> Path:
    for candidate in (_PKG / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"tdkt installation is incomplete: no {name}/ directory")


def package_dir() -> Path:
    """The installed package (tdkt_dsl/), where web/static lives."""
    return _PKG


def grammar_path() -> Path:
    return resource_dir("grammar") / "tdkt.lark"


def templates_dir() -> Path:
    return resource_dir("templates")
