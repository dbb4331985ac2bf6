"""Find grammar/ and templates/: inside the installed package (wheel) or at the checkout's top;
read the package's data tables (tdkt_dsl/data/*.toml) — the one TOML loader every module uses.

Parsing the tables a `check` reads is a few milliseconds of every start, so
scripts/gen_data_tables.py stores them parsed, with the exact text each was parsed from, in
data-tables.bin (marshal); `data_table` takes a table from there only while its file still holds
that text, and otherwise parses the file (correct, slower; tests/test_data_tables.py fails until
the script is run again)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

_PKG = Path(__file__).resolve().parent
PARSED_TABLES = _PKG / "data-tables.bin"


def _toml():
    try:
        import tomllib
    except ModuleNotFoundError:  # Python < 3.11
        import tomli as tomllib  # type: ignore[no-redef]
    return tomllib


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
    return _toml().loads(text)


@lru_cache(maxsize=None)
def data_table(name: str) -> dict[str, Any]:
    """The data table ``tdkt_dsl/data/<name>.toml`` (``data_table("vocabulary")``), read once.

    The tables ship with the package and are read-only: callers must not mutate the result."""
    raw = (resource_dir("data") / f"{name}.toml").read_bytes()
    parsed = parsed_tables().get(name)
    if isinstance(parsed, tuple) and len(parsed) == 2 and parsed[0] == raw and isinstance(parsed[1], dict):
        return parsed[1]
    return parse_table(raw)


def parse_table(raw: bytes) -> dict[str, Any]:
    """A data table's bytes parsed (as a text file read with universal newlines)."""
    return _toml().loads(raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"))


@lru_cache(maxsize=None)
def parsed_tables() -> dict[str, tuple[bytes, dict[str, Any]]]:
    """name → (the text it was parsed from, the table) as scripts/gen_data_tables.py stored them."""
    import marshal

    try:
        tables = marshal.loads(PARSED_TABLES.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return tables if isinstance(tables, dict) else {}
