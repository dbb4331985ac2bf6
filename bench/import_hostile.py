#!/usr/bin/env python3
"""Benchmark (a script, never a timed test) of `tdkt import` on hostile plain-text inputs of
issue 9: a paste of unpunctuated lines (page-break joining), one huge paragraph, very long lines.
Each input is generated, imported in a fresh process, and its time and peak memory printed.

    .venv/bin/python bench/import_hostile.py [--sizes 5,10,20]   # sizes in MB

Inputs above the text-size cap (5 MB) are refused while reading: the figure then measures the
refusal (it must be immediate and small).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("các đơn vị thực hiện công tác thi đua khen thưởng năm học giáo dục đào tạo phòng trường "
         "phát động phong trào nhà giáo tiêu biểu").split()


def make(kind: str, size: int, path: Path) -> None:
    rnd = random.Random(size)
    out, n = [], 0
    while n < size:
        words = " ".join(rnd.choice(WORDS) for _ in range(12 if kind != "long-lines" else 4000))
        line = words + ("." if kind == "paragraph" else "")
        out.append(line)
        n += len(line.encode()) + 1
    sep = " " if kind == "paragraph" else "\n"
    head = "KẾ HOẠCH\nCông tác thi đua năm 2024\nI. NỘI DUNG\nMột dòng mở đầu dài hơn sáu mươi ký tự để các dòng sau nối vào\n"
    path.write_text(head + sep.join(out) + "\n", encoding="utf-8")


def run(path: Path) -> tuple[float, float, int]:
    cmd = [sys.executable, "-c", (
        "import resource,sys; from tdkt_dsl.cli import app\n"
        "try: app(['import', sys.argv[1], '-o', sys.argv[1] + '.tdkt'])\n"
        "except SystemExit as e: code = e.code\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, code, file=sys.stderr)"), str(path)]
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    dt = time.perf_counter() - t
    last = r.stderr.strip().splitlines()[-1].split()
    return dt, int(last[0]) / 1024, int(last[1]) if last[1].isdigit() else 0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1,2.5,5,10,20")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'input':<34}{'MB':>6}{'s':>8}{'peak MB':>10}  exit")
        for kind in ("unpunctuated-lines", "paragraph", "long-lines"):
            for mb in (float(x) for x in args.sizes.split(",")):
                p = Path(tmp) / f"{kind}-{mb}.txt"
                make(kind, int(mb * 1_000_000), p)
                dt, peak, code = run(p)
                print(f"{kind:<34}{mb:>6}{dt:>8.2f}{peak:>10.0f}  {code}")


if __name__ == "__main__":
    main()
