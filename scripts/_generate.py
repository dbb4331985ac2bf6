"""What every generator of a committed file shares (scripts/gen_*.py): `--check` says whether the
committed copy is current (exit 1 if not, for CI and tests), no argument writes it.

    sys.exit(_generate.main("generated parser", "gen_parser.py", current, write))

`current()` compares the committed file with what would be generated; `write()` writes it and
returns the line to print. `scripts/gen_all.py` runs every generator in the order they depend on.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable


def text_file(target: Path, generate: Callable[[], str], root: Path) -> tuple[Callable[[], bool], Callable[[], str]]:
    """`current` and `write` of a generated text file: current when it holds what `generate` makes."""

    def current() -> bool:
        return target.exists() and target.read_text(encoding="utf-8") == generate()

    def write() -> str:
        target.write_text(generate(), encoding="utf-8")
        return f"wrote {target.relative_to(root)}"

    return current, write


def main(what: str, script: str, current: Callable[[], bool], write: Callable[[], str],
         argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    unknown = [a for a in args if a != "--check"]
    if unknown:
        print(f"usage: scripts/{script} [--check]   (unknown: {' '.join(unknown)})", file=sys.stderr)
        return 2
    if args:
        if current():
            print(f"{what} is current")
            return 0
        print(f"{what} is STALE: run .venv/bin/python scripts/{script}", file=sys.stderr)
        return 1
    print(write())
    return 0
