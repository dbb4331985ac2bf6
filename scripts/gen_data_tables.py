#!/usr/bin/env python3
"""Regenerate tdkt_dsl/data-tables.bin: every data table of tdkt_dsl/data/*.toml parsed, with the
text it was parsed from (tdkt_dsl/resources.py says why). Run it after editing a data table.

    .venv/bin/python scripts/gen_data_tables.py          # write it
    .venv/bin/python scripts/gen_data_tables.py --check  # exit 1 if it is stale
"""

from __future__ import annotations

import marshal
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import _generate  # noqa: E402

from tdkt_dsl import resources  # noqa: E402


def generate() -> bytes:
    tables = {}
    for path in sorted((ROOT / "tdkt_dsl" / "data").glob("*.toml")):
        raw = path.read_bytes()
        tables[path.stem] = (raw, resources.parse_table(raw))
    return marshal.dumps(tables, 2)  # version 2: no object references, the same bytes on every run


def current() -> bool:
    try:
        return resources.PARSED_TABLES.read_bytes() == generate()
    except OSError:
        return False


def write() -> str:
    data = generate()
    resources.PARSED_TABLES.write_bytes(data)
    return f"wrote {resources.PARSED_TABLES} ({len(data)} bytes)"


def main(argv: list[str] | None = None) -> int:
    return _generate.main("data-tables.bin", "gen_data_tables.py", current, write, argv)


if __name__ == "__main__":
    sys.exit(main())
