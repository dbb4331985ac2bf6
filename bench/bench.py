#!/usr/bin/env python3
"""Benchmark (a script, never a timed test). One run prints:

1. cold `tdkt check` and `tdkt build` of examples/long-bien-2023.tdkt next to pandoc converting the
   same plan from Markdown to DOCX (bench/long-bien-2023.md, made by pandoc from tdkt's DOCX:
   `--make-markdown` remakes it);
2. warm re-check and rebuild after a one-line edit, in process (the Session API of compiler.py
   when it exists, else compile_text from scratch — the table says which);
3. the 1×/10×/100× series of long-bien-2023 (sections and appendix tasks repeated, each copy's
   tasks numbered so they are distinct): warm in-process check/build, cold check/build and each
   cold process's peak memory; and a 10 MB source;
4. a batch of 1,000 generated school-size plans (examples/thcs-gia-thuy-2026.tdkt with a different
   number, date and task wording each) built with `tdkt build DIR -o OUT -j 2`.

    .venv/bin/python bench/bench.py [--runs 7] [--batch 1000] [--skip-batch] [--markdown]

The machine is shared, so every process figure is the median of --runs runs (commands of one table
interleaved, so they meet the same load) and is given as CPU time (user + system, the steadier
figure under load) and wall time. Python bytecode is compiled first (an install has it).
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXAMPLES = ROOT / "examples"
PLAN = EXAMPLES / "long-bien-2023.tdkt"
SCHOOL = EXAMPLES / "thcs-gia-thuy-2026.tdkt"
MARKDOWN = ROOT / "bench" / "long-bien-2023.md"
CONTEXT = ("tdkt.toml", "van-ban-cap-tren.toml", "profiles")  # what the examples' plans read besides themselves


def tdkt_cmd() -> list[str]:
    venv = ROOT / ".venv/bin/tdkt"
    return [str(venv)] if venv.exists() else [sys.executable, "-m", "tdkt_dsl.launch"]


# -- measuring processes ------------------------------------------------------------------------

def run_child(cmd: list[str], cwd: Path | None = None, ok: tuple[int, ...] = (0, 1)) -> tuple[float, float, float, int]:
    """One process: (wall s, CPU s = user + system of it and its children, peak RSS MB, exit code)."""
    with tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, cwd=cwd)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode not in ok:
            err.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed ({p.returncode}): {err.read().decode('utf-8', 'replace')[-800:]}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, p.returncode


def rounds(cmds: dict[str, list[str]], runs: int, cwd: Path | None = None) -> dict[str, list[tuple[float, float, float]]]:
    """Each command `runs` times, interleaved (one round runs each once); per command its (wall,
    CPU, peak RSS) of every round."""
    samples: dict[str, list[tuple[float, float, float]]] = {k: [] for k in cmds}
    for name, cmd in cmds.items():  # warm-up: page cache, bytecode
        run_child(cmd, cwd)
    for _ in range(runs):
        for name, cmd in cmds.items():
            samples[name].append(run_child(cmd, cwd)[:3])
    return samples


def medians(cmds: dict[str, list[str]], runs: int, cwd: Path | None = None) -> dict[str, tuple[float, float, float]]:
    """Each command `runs` times, interleaved; per command the median wall, CPU and peak RSS."""
    return {k: tuple(statistics.median(s[i] for s in v) for i in range(3)) for k, v in rounds(cmds, runs, cwd).items()}


def ms(s: float) -> str:
    return f"{s * 1000:.0f} ms"


# -- plans --------------------------------------------------------------------------------------

def workspace(dest: Path) -> Path:
    """A folder holding what the examples read besides the plan itself (profiles, tdkt.toml …)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in CONTEXT:
        src = EXAMPLES / name
        if src.is_dir():
            shutil.copytree(src, dest / name, dirs_exist_ok=True)
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


_TASK = re.compile(r"(?i)^(\s*nhiệm vụ\s*:\s*)(.*)$")


_FIELD = re.compile(r"^\s*[^\W\d][\w ]{0,30}:(\s|$)")


def _distinct(line: str, k: int) -> str:
    """A heading, bullet or paragraph of copy k, made distinct (a real plan does not repeat its
    prose, so no cache may flatter the figure); field lines (`chủ trì: …`) repeat as in real plans."""
    if not line.strip() or line.lstrip().startswith("//") or _FIELD.match(line):
        return line
    text, sep, comment = line.partition("   //")
    return f"{text} (đợt {k}){sep}{comment}"


def big_text(times: int, base: Path = PLAN) -> str:
    """long-bien-2023 with its content sections and appendix tasks repeated `times` times; from the
    second copy on, every heading, paragraph, bullet and task says which copy it is (a real plan
    has no duplicate prose or tasks)."""
    lines = base.read_text(encoding="utf-8").splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("# "))
    impl = next(i for i, l in enumerate(lines) if re.match(r"(?i)^tổ chức thực hiện\s*:", l))
    app = next(i for i, l in enumerate(lines) if re.match(r"(?i)^phụ lục\s*:", l))
    first_task = next(i for i in range(app, len(lines)) if _TASK.match(lines[i]))
    tasks: list[str] = []
    body = lines[start:impl]
    copies = [body] + [[_distinct(line, k) for line in body] for k in range(2, times + 1)]
    for k in range(1, times + 1):
        for line in lines[first_task:]:
            m = _TASK.match(line)
            tasks.append(f"{m.group(1)}{m.group(2)} (đợt {k})" if m and k > 1 else line)
    out = lines[:start] + [line for copy in copies for line in copy] + lines[impl:first_task] + tasks
    return "\n".join(out) + "\n"


def school_text(i: int) -> str:
    """School plan number i: its own number, issue date and wording of every task."""
    text = SCHOOL.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^số:.*$", f"số: {i % 900 + 10}", text, count=1)
    text = re.sub(r"(?m)^ngày:.*$", f"ngày: {i % 6 + 10:02d}/09/2026", text, count=1)
    return _TASK.sub(lambda m: f"{m.group(1)}{m.group(2)} (trường {i})", text)


# -- the sections -------------------------------------------------------------------------------

def cold_vs_pandoc(tmp: Path, runs: int) -> list[str]:
    ws = workspace(tmp / "cold")
    plan = ws / PLAN.name
    shutil.copy2(PLAN, plan)
    cmds = {"check": tdkt_cmd() + ["check", str(plan)],
            "build": tdkt_cmd() + ["build", str(plan), "-o", str(ws / "out.docx")]}
    if shutil.which("pandoc") and MARKDOWN.exists():
        cmds["pandoc"] = ["pandoc", str(MARKDOWN), "-o", str(ws / "pandoc.docx")]
    samples = rounds(cmds, runs)
    res = {k: tuple(statistics.median(s[i] for s in v) for i in range(3)) for k, v in samples.items()}
    # × pandoc: the median, over the rounds, of tdkt's time ÷ pandoc's in the same round — this
    # machine has slow phases of a few seconds that slow both alike; a round takes about half a second
    out = ["| cold, long-bien-2023 | CPU (user+sys) | wall | × pandoc (CPU) | × pandoc (wall) | target |",
           "|---|---:|---:|---:|---:|---|"]
    for name, target in (("check", "≤ 1.5×"), ("build", "≤ 2.0×"), ("pandoc", "")):
        if name not in res:
            continue
        w, c, _ = res[name]
        label = {"check": "`tdkt check`", "build": "`tdkt build` (DOCX)", "pandoc": "pandoc Markdown → DOCX"}[name]
        ratio = ("", "")
        if "pandoc" in samples and name != "pandoc":
            pairs = list(zip(samples[name], samples["pandoc"]))
            ratio = tuple(f"{statistics.median(a[i] / b[i] for a, b in pairs):.2f}×" for i in (1, 0))
        out.append(f"| {label} | {ms(c)} | {ms(w)} | {ratio[0]} | {ratio[1]} | {target} |")
    return out


def _median_time(fn, runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return statistics.median(times)


def warm_edit(runs: int) -> list[str]:
    """Re-check / rebuild after a one-line edit (a task's wording changes each time)."""
    from tdkt_dsl import compiler
    from tdkt_dsl.render.docx import render_docx

    text = PLAN.read_text(encoding="utf-8")
    line = next(l for l in text.splitlines() if _TASK.match(l))
    session = compiler.Session() if hasattr(compiler, "Session") else None
    how = "compiler.Session" if session else "compile_text from scratch: no Session API"
    compile_text = session.compile_text if session else compiler.compile_text
    n = [0]

    def edited() -> str:
        n[0] += 1
        return text.replace(line, f"{line} {n[0]}", 1)

    def check():
        compile_text(edited(), str(PLAN))

    def build():
        comp = compile_text(edited(), str(PLAN))
        assert comp.ok, [d.code for d in comp.diagnostics]
        render_docx(comp.plan)

    chk, bld = _median_time(check, runs * 3), _median_time(build, runs * 3)
    return [f"| warm, one-line edit of long-bien-2023 ({how}) | CPU | target |", "|---|---:|---|",
            f"| re-check | {ms(chk)} | ≤ 10 ms |", f"| rebuild (DOCX) | {ms(bld)} | ≤ 25 ms |"]


WARM = """
import sys, time, statistics
sys.path.insert(0, {root!r})
from tdkt_dsl.compiler import compile_path
from tdkt_dsl.render.docx import render_docx
def med(fn, n):
    fn()
    v = []
    for _ in range(n):
        t = time.process_time(); fn(); v.append(time.process_time() - t)
    return statistics.median(v)
path = sys.argv[1]
n = int(sys.argv[2])
def build():
    comp = compile_path(path)
    assert comp.ok, [d.code for d in comp.diagnostics][:5]
    render_docx(comp.plan)
print(med(lambda: compile_path(path), n), med(build, n))
"""


def series(tmp: Path, runs: int) -> list[str]:
    ws = workspace(tmp / "series")
    out = ["| plan | lines | source | warm check | warm build | cold check (CPU / wall) | cold build (CPU / wall) | peak RSS check / build |",
           "|---|---:|---:|---:|---:|---:|---:|---:|"]
    warm1 = None
    for times in (1, 10, 100):
        plan = ws / f"long-bien-x{times}.tdkt"
        plan.write_text(big_text(times), encoding="utf-8")
        n = max(1, runs // (1 if times < 100 else 3))
        r = subprocess.run([sys.executable, "-c", WARM.format(root=str(ROOT)), str(plan), str(n)],
                           capture_output=True, text=True, check=True)
        wchk, wbld = map(float, r.stdout.split())
        warm1 = warm1 or (wchk, wbld)
        res = medians({"check": tdkt_cmd() + ["check", str(plan)],
                       "build": tdkt_cmd() + ["build", str(plan), "-o", str(ws / "out.docx")]},
                      n)
        (cw, cc, cr), (bw, bc, br) = res["check"], res["build"]
        scale = f" ({wchk / warm1[0]:.0f}× / {wbld / warm1[1]:.0f}× the 1×)" if times > 1 else ""
        out.append(f"| {times}× long-bien-2023 | {plan.read_text(encoding='utf-8').count(chr(10))} | "
                   f"{plan.stat().st_size / 1e6:.2f} MB | {ms(wchk)} | {ms(wbld)}{scale} | {ms(cc)} / {ms(cw)} | "
                   f"{ms(bc)} / {ms(bw)} | {cr:.0f} / {br:.0f} MB |")
    # the largest source accepted (source.MAX_SOURCE_BYTES and MAX_LINES) must stay under 500 MB;
    # 10 MB is refused early
    from tdkt_dsl.source import MAX_LINES, MAX_SOURCE_BYTES

    def lines_of(n: int) -> int:
        return big_text(n).count("\n")

    one, two = (len(big_text(n).encode("utf-8")) for n in (1, 2))
    by_lines = (MAX_LINES - lines_of(1)) // (lines_of(2) - lines_of(1)) + 1
    largest = min((MAX_SOURCE_BYTES - one) // (two - one) + 1, by_lines)
    while lines_of(largest) > MAX_LINES or len(big_text(largest).encode("utf-8")) > MAX_SOURCE_BYTES:
        largest -= 1
    for label, times in (("largest accepted", largest), ("10 MB", (10_000_000 - one) // (two - one) + 1)):
        plan = ws / f"long-bien-{times}x.tdkt"
        plan.write_text(big_text(times), encoding="utf-8")
        cw, cc, cr, code = run_child(tdkt_cmd() + ["check", str(plan)], ok=(0, 1, 2))
        bw, bc, br, bcode = run_child(tdkt_cmd() + ["build", str(plan), "-o", str(ws / "out.docx")], ok=(0, 1, 2))
        out.append(f"| {label}: {times}× | {plan.read_text(encoding='utf-8').count(chr(10))} | "
                   f"{plan.stat().st_size / 1e6:.2f} MB | | | {ms(cc)} / {ms(cw)} (exit {code}) | "
                   f"{ms(bc)} / {ms(bw)} (exit {bcode}) | {cr:.0f} / {br:.0f} MB |")
    return out


def batch(tmp: Path, count: int, jobs: int) -> list[str]:
    ws = workspace(tmp / "batch")
    shutil.rmtree(ws / "profiles")
    plans = ws / "plans"
    (plans / "profiles").mkdir(parents=True)
    shutil.copy2(EXAMPLES / "profiles" / "thcs-gia-thuy.tdkt", plans / "profiles")
    for name in ("tdkt.toml", "van-ban-cap-tren.toml"):
        if (ws / name).exists():
            shutil.move(ws / name, plans / name)
    for i in range(count):
        (plans / f"truong-{i:04d}.tdkt").write_text(school_text(i), encoding="utf-8")
    out_dir = ws / "out"
    wall, cpu, rss, code = run_child(tdkt_cmd() + ["build", str(plans), "-o", str(out_dir), "-j", str(jobs)])
    built = len(list(out_dir.rglob("*.docx")))
    return [f"| batch: `tdkt build plans/ -o out/ -j {jobs}` | plans | DOCX written | wall | CPU (all processes) | per plan (wall) | target |",
            "|---|---:|---:|---:|---:|---:|---|",
            f"| {count} school-size plans (thcs-gia-thuy-2026 variants) | {count} | {built} | {wall:.1f} s | "
            f"{cpu:.1f} s | {ms(wall / count)} | ≤ 60 s |"]


def make_markdown(tmp: Path) -> None:
    ws = workspace(tmp / "md")
    plan = ws / PLAN.name
    shutil.copy2(PLAN, plan)
    subprocess.run(tdkt_cmd() + ["build", str(plan), "-o", str(ws / "plan.docx")], check=True)
    subprocess.run(["pandoc", str(ws / "plan.docx"), "-t", "markdown", "-o", str(MARKDOWN)], check=True)
    print(f"wrote {MARKDOWN.relative_to(ROOT)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7, help="runs per figure (median)")
    ap.add_argument("--batch", type=int, default=1000, help="plans in the batch")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--skip-batch", action="store_true")
    ap.add_argument("--skip-series", action="store_true")
    ap.add_argument("--make-markdown", action="store_true", help="remake bench/long-bien-2023.md with pandoc and exit")
    args = ap.parse_args()
    compileall.compile_dir(str(ROOT / "tdkt_dsl"), quiet=1)
    tmp = Path(tempfile.mkdtemp(prefix="tdkt-bench-"))
    try:
        if args.make_markdown:
            make_markdown(tmp)
            return
        load = os.getloadavg()[0]
        print(f"tdkt benchmark — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} — {platform.machine()}, "
              f"{os.cpu_count()} cores, Python {platform.python_version()}, load average {load:.1f} at start; "
              f"medians of {args.runs} runs\n")
        tables = [lambda: cold_vs_pandoc(tmp, args.runs), lambda: warm_edit(args.runs)]
        tables += [] if args.skip_series else [lambda: series(tmp, args.runs)]
        tables += [] if args.skip_batch else [lambda: batch(tmp, args.batch, args.jobs)]
        for table in tables:  # each printed as soon as it is measured
            print("\n".join(table()))
            print(flush=True)
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
