#!/usr/bin/env python3
"""Regenerate tdkt_dsl/regex-programs.bin: the compiled programs of the regular expressions a
`tdkt` process compiles (tdkt_dsl/regex_cache.py says why), for the interpreter running this script.

    .venv/bin/python scripts/gen_regex_cache.py          # write it
    .venv/bin/python scripts/gen_regex_cache.py --check  # exit 1 if it is stale
    .venv/bin/python scripts/gen_regex_cache.py --if-unusable  # only if made by another interpreter

Run it after changing the grammar, a pattern or a data table that makes one; `./scripts/setup`
runs it for the interpreter of an install. The patterns are those `tdkt --help`, `tdkt check` and
`tdkt build` of every example compile (run in a fresh interpreter, twice with different hash seeds: a pattern whose
text depends on the seed is left out, it would never be found again).
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import _generate  # noqa: E402

from tdkt_dsl import regex_cache  # noqa: E402

SEEDS = ("1", "2")

# a fresh interpreter runs the command lines one after the other, then prints the keys of re's cache
RECORD = """
import os, re, sys
sys.path.insert(0, {root!r})
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
from tdkt_dsl import launch
launch.skip_pydantic_plugin_search()
real_stdout = os.dup(1)
os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
for argv in {argvs!r}:
    launch.run(argv)
sys.stdout.flush()
os.write(real_stdout, repr([(t is bytes, p, f) for (t, p, f) in list(re._cache)]).encode())
os._exit(0)
"""


def command_lines(out: Path) -> list[list[str]]:
    lines = [["--help"], ["check", "--help"]]  # typer, click and rich: every other command line
    for plan in sorted((ROOT / "examples").glob("*.tdkt")):
        lines.append(["check", str(plan)])
        lines.append(["build", str(plan), "-o", str(out / (plan.stem + ".docx"))])
    return lines


def recorded(seed: str) -> list[tuple]:
    """(is bytes, pattern, flags) of every pattern the command lines compiled, in one interpreter."""
    env = dict(os.environ, PYTHONHASHSEED=seed)
    with tempfile.TemporaryDirectory() as tmp:
        code = RECORD.format(root=str(ROOT), argvs=command_lines(Path(tmp)))
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, cwd=ROOT, check=True,
                           timeout=600)
    return ast.literal_eval(r.stdout.decode("utf-8"))


def patterns() -> list[tuple]:
    import re

    seen: dict[tuple, set[str]] = {}
    for seed in SEEDS:
        for key in recorded(seed):
            seen.setdefault(key, set()).add(seed)
    keep = [k for k, seeds in seen.items() if len(seeds) == len(SEEDS) and not k[2] & re.DEBUG]
    return sorted(keep, key=repr)[: re._MAXCACHE]


def generate() -> bytes:
    return regex_cache.dump(regex_cache.programs(patterns()))


def current() -> bool:
    import marshal
    import zlib

    try:
        on_disk = marshal.loads(zlib.decompress(Path(regex_cache.PROGRAMS).read_bytes()))
    except (OSError, ValueError, EOFError, zlib.error):
        return False
    return on_disk == marshal.loads(zlib.decompress(generate()))


def usable() -> bool:
    import marshal
    import zlib

    try:
        key, _ = marshal.loads(zlib.decompress(Path(regex_cache.PROGRAMS).read_bytes()))
    except (OSError, ValueError, EOFError, zlib.error):
        return False
    return key == regex_cache.interpreter_key()


def write() -> str:
    data = generate()
    Path(regex_cache.PROGRAMS).write_bytes(data)
    return f"wrote {regex_cache.PROGRAMS} ({len(data)} bytes)"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if "--if-unusable" in args:  # ./scripts/setup: only when this interpreter cannot use the file
        if usable():
            return 0
        args = [a for a in args if a != "--if-unusable"]
    return _generate.main("regex-programs.bin", "gen_regex_cache.py", current, write, args)


if __name__ == "__main__":
    sys.exit(main())
