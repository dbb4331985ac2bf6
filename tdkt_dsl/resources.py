"""Find grammar/ and templates/: inside the installed package (wheel) or at the checkout's top;
read the package's data tables (tdkt_dsl/data/*.toml) — the one TOML loader every module uses."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

try:
    import tomllib as _toml
except ModuleNotFoundError:  # Python < 3.11
    import tomli as _toml  # type: ignore[no-redef]

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


def parse_toml(text: str) -> dict[str, Any]:
    """Parse TOML text (a user's tdkt.toml, a reference list): the same parser as the data tables.
    Raises ValueError (TOMLDecodeError) on malformed text, RecursionError on absurd nesting."""
    return _toml.loads(text)


@lru_cache(maxsize=None)
def data_table(name: str) -> dict[str, Any]:
    """The data table ``tdkt_dsl/data/<name>.toml`` (``data_table("vocabulary")``), read once.

    The tables ship with the package and are read-only: callers must not mutate the result."""
    return _toml.loads((resource_dir("data") / f"{name}.toml").read_text(encoding="utf-8"))
