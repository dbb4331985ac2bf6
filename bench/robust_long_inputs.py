#!/usr/bin/env python3
"""Benchmark (a script, never a timed test) of `tdkt check` and `tdkt build` on the long inputs of
issue 9: one line of prose of N MB (with repeated words, and without), a plan of N MB of ordinary
paragraphs under the line limit, and a plan of N MB of short lines. Each input is generated, run
in a fresh process, and its time, peak memory (ru_maxrss of the child) and output size printed.

    .venv/bin/python bench/robust_long_inputs.py [--sizes 5,10,20]   # sizes in MB

Lines over source.MAX_LINE_CHARS are refused before parsing (F926), files over MAX_LINES lines
(F927) and over MAX_SOURCE_BYTES (F905) too: those figures measure the refusal, which must be
quick and small; the paragraph plans are parsed and checked in full.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = (ROOT / "tests" / "fixtures" / "minimal.tdkt").read_text(encoding="utf-8")
WORDS = ("các đơn vị thực hiện công tác thi đua khen thưởng năm học giáo dục đào tạo phòng trường "
         "phát động phong trào nhà giáo tiêu biểu").split()


def prose(rnd: random.Random, size: int, repeats: bool) -> str:
    out, n, i = [], 0, 0
    while n < size:
        w = rnd.choice(WORDS) if repeats else f"từ{i}"
        i += 1
        out.append(w)
        n += len(w.encode("utf-8")) + 1
    return " ".join(out)


def make(kind: str, mb: int) -> str:
    rnd = random.Random(mb)
    size = mb * 1024 * 1024
    if kind == "one line, repeats":
        return MINIMAL + "- " + prose(rnd, size, True) + "\n"
    if kind == "one line, no repeats":
        return MINIMAL + "- " + prose(rnd, size, False) + "\n"
    if kind == "paragraphs of 40 KB":
        paras, n = [], 0
        while n < size:
            p = prose(rnd, 40_000, True) + "."
            paras.append("- " + p)
            n += len(p.encode("utf-8"))
        return MINIMAL + "\n".join(paras) + "\n"
    lines = ["- " + " ".join(rnd.choice(WORDS) for _ in range(6)) + "." for _ in range(size // 40)]
    return MINIMAL + "\n".join(lines) + "\n"


def run(args: list[str], cwd: Path) -> tuple[float, float, int, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "tdkt_dsl.cli", *args], cwd=cwd, capture_output=True)
    elapsed = time.monotonic() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest child so far
    return elapsed, max(peak, before) / 1024, r.returncode, len(r.stdout) + len(r.stderr)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="5,10,20")
    a = ap.parse_args()
    kinds = ("one line, repeats", "one line, no repeats", "paragraphs of 40 KB", "short lines")
    print(f"{'input':<24} {'MB':>4} {'command':<7} {'s':>7} {'peak MB':>8} {'exit':>4} {'output B':>9}")
    for mb in (int(x) for x in a.sizes.split(",")):
        for kind in kinds:
            with tempfile.TemporaryDirectory() as tmp:
                d = Path(tmp)
                (d / "plan.tdkt").write_text(make(kind, mb), encoding="utf-8")
                for cmd in (["check", "plan.tdkt"], ["build", "plan.tdkt", "-o", "plan.docx"]):
                    s, peak, code, out = run(cmd, d)
                    print(f"{kind:<24} {mb:>4} {cmd[0]:<7} {s:>7.1f} {peak:>8.0f} {code:>4} {out:>9}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
