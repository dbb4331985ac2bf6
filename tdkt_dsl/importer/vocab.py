"""The importer's vocabulary (tdkt_dsl/data/import.toml), read once."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

try:
    import tomllib as _toml
except ModuleNotFoundError:  # Python < 3.11
    import tomli as _toml  # type: ignore[no-redef]

_FILE = Path(__file__).resolve().parent.parent / "data" / "import.toml"


@lru_cache(maxsize=1)
def vocab() -> dict:
    with open(_FILE, "rb") as fh:
        return _toml.load(fh)


def placeholder(name: str) -> str:
    return vocab()["placeholders"][name]
