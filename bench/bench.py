#!/usr/bin/env python3
"""Benchmark (a script, never a timed test): build and check time of each example, in-process and
as a cold `tdkt` process, and of a generated plan 100× long-bien-2023, plus peak memory.

    .venv/bin/python bench/bench.py [--repeat 5] [--markdown]

In-process figures are the median of --repeat runs after one warm-up; cold figures are one fresh
`tdkt` process each (interpreter start, imports, grammar load included). Peak memory is the
process's maximum resident set size (ru_maxrss) of a fresh process doing one build.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tdkt_dsl.compiler import compile_path  # noqa: E402


def tdkt_cmd() -> list[str]:
    venv = ROOT / ".venv/bin/tdkt"
    return [str(venv)] if venv.exists() else [sys.executable, "-m", "tdkt_dsl.cli"]


def median_time(fn, repeat: int) -> float:
    fn()  # warm-up: grammar, templates, imports
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def in_process(path: Path, repeat: int) -> tuple[float, float]:
    from tdkt_dsl.render.docx import render_docx

    def check():
        compile_path(str(path))

    def build():
        comp = compile_path(str(path))
        assert comp.ok, [d.code for d in comp.diagnostics]
        render_docx(comp.plan)

    return median_time(check, repeat), median_time(build, repeat)


def cold(path: Path, out: Path) -> tuple[float, float, float]:
    cmd = tdkt_cmd()
    t = time.perf_counter()
    subprocess.run(cmd + ["check", str(path)], capture_output=True, check=False)
    t_check = time.perf_counter() - t
    t = time.perf_counter()
    r = subprocess.run(cmd + ["build", str(path), "-o", str(out)], capture_output=True, check=False)
    t_build = time.perf_counter() - t
    if r.returncode != 0:
        raise SystemExit(f"build failed for {path}: {r.stderr.decode('utf-8', 'replace')[-500:]}")
    # peak RSS of one fresh build process
    code = ("import resource,sys; from tdkt_dsl.cli import main; sys.argv=['tdkt','build',%r,'-o',%r];\n"
            "try:\n main()\nexcept SystemExit:\n pass\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)") % (str(path), str(out))
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    rss_kb = float(r.stderr.strip().splitlines()[-1])
    return t_check, t_build, rss_kb / 1024


def generate_big(base: Path, times: int, dest: Path) -> Path:
    """long-bien-2023 with its content sections and appendix tasks repeated `times` times."""
    lines = base.read_text(encoding="utf-8").splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("# "))
    impl = next(i for i, l in enumerate(lines) if re.match(r"(?i)^tổ chức thực hiện\s*:", l))
    app = next(i for i, l in enumerate(lines) if re.match(r"(?i)^phụ lục\s*:", l))
    first_task = next(i for i in range(app, len(lines)) if re.match(r"(?i)^nhiệm vụ\s*:", lines[i].strip()))
    out = lines[:start] + lines[start:impl] * times + lines[impl:first_task] + lines[first_task:] * times
    dest.write_text("\n".join(out) + "\n", encoding="utf-8")
    profile_dir = base.parent / "profiles"
    if profile_dir.exists():
        link = dest.parent / "profiles"
        if not link.exists():
            link.symlink_to(profile_dir)
    return dest


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--times", type=int, default=100)
    args = ap.parse_args()
    examples = sorted((ROOT / "examples").glob("*.tdkt"))
    tmp = Path(tempfile.mkdtemp(prefix="tdkt-bench-"))
    big = generate_big(ROOT / "examples/long-bien-2023.tdkt", args.times, tmp / f"long-bien-x{args.times}.tdkt")
    rows = []
    for path in examples + [big]:
        comp = compile_path(str(path))
        lines = path.read_text(encoding="utf-8").count("\n")
        tasks = len(comp.plan.all_tasks()) if comp.plan else 0
        chk, bld = in_process(path, args.repeat if path != big else max(1, args.repeat // 2))
        cchk, cbld, rss = cold(path, tmp / (path.stem + ".docx"))
        rows.append((path.name, lines, tasks, chk, bld, cchk, cbld, rss))
    print(f"tdkt benchmark — {time.strftime('%Y-%m-%d')} — {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {platform.platform(terse=True)}")
    print()
    print("| plan | lines | tasks | check (in-process) | build DOCX (in-process) | check (cold `tdkt`) | build (cold `tdkt`) | peak RSS |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, lines, tasks, chk, bld, cchk, cbld, rss in rows:
        print(f"| {name} | {lines} | {tasks} | {chk * 1000:.0f} ms | {bld * 1000:.0f} ms | "
              f"{cchk * 1000:.0f} ms | {cbld * 1000:.0f} ms | {rss:.0f} MB |")


if __name__ == "__main__":
    main()
