#!/usr/bin/env python3
"""Benchmark (a script, never a timed test) of the long inputs of issue 9 through every stage that
reads them: the parser and checks (`check`, `build`; the repeated-word rule runs on every
paragraph), the importer (`import` of text and DOCX) and `verify`. Each input is generated, run in
a fresh process, and its CPU time (user+sys of that process — steadier than wall time on a loaded
machine), wall time, peak memory (VmHWM of that process) and output size printed.

    .venv/bin/python bench/robust_long_inputs.py [--sizes 5,10,20] [--only plan,import,verify]

Sizes are MB of input text (for a DOCX: of its uncompressed word/document.xml). Lines over
source.MAX_LINE_CHARS are refused before parsing (F926), plans over MAX_LINES lines (F927) or
MAX_SOURCE_BYTES (F905) and texts to import over 5 MB likewise: those rows measure the refusal,
which must be quick and small. The verdict column flags a run over 500 MB or one whose CPU time
per MB grows by more than 1.6× from the smallest to the largest size (not linear).
"""

from __future__ import annotations

import argparse
import io
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = (ROOT / "tests" / "fixtures" / "minimal.tdkt").read_text(encoding="utf-8")
WORDS = ("các đơn vị thực hiện công tác thi đua khen thưởng năm học giáo dục đào tạo phòng trường "
         "phát động phong trào nhà giáo tiêu biểu").split()
MB = 1024 * 1024
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MEMORY_CAP_MB = 500


def prose(rnd: random.Random, size: int, repeats: bool) -> str:
    out, n, i = [], 0, 0
    while n < size:
        w = rnd.choice(WORDS) if repeats else f"từ{i}"
        i += 1
        out.append(w)
        n += len(w.encode("utf-8")) + 1
    return " ".join(out)


def plan(kind: str, size: int) -> str:
    rnd = random.Random(size)
    if kind == "one line, repeats":
        return MINIMAL + "- " + prose(rnd, size, True) + "\n"
    if kind == "one line, no repeats":
        return MINIMAL + "- " + prose(rnd, size, False) + "\n"
    if kind == "paragraphs of 40 KB":  # under the line limit: parsed and checked in full
        paras, n = [], 0
        while n < size:
            p = prose(rnd, 40_000, True) + "."
            paras.append("- " + p)
            n += len(p.encode("utf-8"))
        return MINIMAL + "\n".join(paras) + "\n"
    lines = ["- " + " ".join(rnd.choice(WORDS) for _ in range(6)) + "." for _ in range(size // 40)]
    return MINIMAL + "\n".join(lines) + "\n"


def import_text(kind: str, size: int) -> str:
    """A paste from PDF: unpunctuated lines (page-break joining), or one paragraph on one line."""
    rnd = random.Random(size)
    head = "KẾ HOẠCH\nCông tác thi đua năm 2024\nI. NỘI DUNG\n"
    if kind == "text, one paragraph":
        return head + prose(rnd, size, True) + ".\n"
    lines, n = [], 0
    while n < size:
        line = " ".join(rnd.choice(WORDS) for _ in range(12))
        lines.append(line)
        n += len(line.encode("utf-8")) + 1
    return head + "\n".join(lines) + "\n"


def docx(kind: str, size: int) -> bytes:
    """A DOCX whose document.xml is about ``size`` bytes: paragraphs of 400 characters (a long
    plan), or one paragraph of all the text (a broken or hostile file)."""
    rnd = random.Random(size)
    if kind == "docx, one paragraph":
        body = f"<w:p><w:r><w:t>{prose(rnd, size - 200, True)}.</w:t></w:r></w:p>"
    else:
        paras, n = [], 0
        while n < size:
            p = (f'<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:sz w:val="28"/></w:rPr>'
                 f"<w:t>{prose(rnd, 400, True)}.</w:t></w:r></w:p>")
            paras.append(p)
            n += len(p.encode("utf-8"))
        body = "".join(paras)
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>'
           f"{body}<w:sectPr/></w:body></w:document>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns='
                   '"http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


# The child reports its own peak (VmHWM of its address space): ru_maxrss would include the RSS of
# this process at fork, which holds the generated input.
_CHILD = ("import os, sys\nfrom tdkt_dsl.cli import run\ncode = run(sys.argv[2:])\n"
          "hwm = next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1]\n"
          "open(sys.argv[1], 'w').write(hwm)\nsys.stdout.flush(); sys.stderr.flush(); os._exit(code)")


def run(args: list[str], cwd: Path) -> tuple[float, float, float, int, int]:
    """(CPU s, wall s, peak MB, exit, output bytes) of one fresh `tdkt` process."""
    t = time.monotonic()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen([sys.executable, "-c", _CHILD, str(cwd / ".peak"), *args], cwd=cwd, stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        _, status, ru = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.monotonic() - t
        size = out.seek(0, 2)
    peak = int((cwd / ".peak").read_text()) / 1024
    return ru.ru_utime + ru.ru_stime, wall, peak, proc.returncode, size


CASES = {
    "plan": [(k, c) for k in ("one line, repeats", "one line, no repeats", "paragraphs of 40 KB", "short lines")
             for c in ("check", "build")],
    "import": [(k, "import") for k in ("text, unpunctuated lines", "text, one paragraph",
                                        "docx, paragraphs", "docx, one paragraph")],
    "verify": [(k, "verify") for k in ("docx, paragraphs", "docx, one paragraph")],
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="5,10,20")
    ap.add_argument("--only", default="plan,import,verify")
    a = ap.parse_args()
    sizes = [int(x) for x in a.sizes.split(",")]
    print(f"| input | MB | command | CPU s | wall s | peak MB | exit | output B |\n|---|---:|---|---:|---:|---:|---:|---:|")
    per_mb: dict[tuple[str, str], list[tuple[int, float, float]]] = {}
    for group in a.only.split(","):
        for kind, cmd in CASES[group]:
            for mb in sizes:
                with tempfile.TemporaryDirectory() as tmp:
                    d = Path(tmp)
                    if group == "plan":
                        (d / "in.tdkt").write_text(plan(kind, mb * MB), encoding="utf-8")
                        args = [cmd, "in.tdkt"] + (["-o", "out.docx"] if cmd == "build" else [])
                    elif kind.startswith("text"):
                        (d / "in.txt").write_text(import_text(kind, mb * MB - 4096), encoding="utf-8")
                        args = ["import", "in.txt", "-o", "out.tdkt"]
                    else:
                        (d / "in.docx").write_bytes(docx(kind, mb * MB))
                        args = [cmd, "in.docx"] + (["-o", "out.tdkt"] if cmd == "import" else [])
                    cpu, wall, peak, code, out = run(args, d)
                print(f"| {kind} | {mb} | {cmd} | {cpu:.1f} | {wall:.1f} | {peak:.0f} | {code} | {out} |", flush=True)
                per_mb.setdefault((kind, cmd), []).append((mb, cpu, peak))
    bad = []
    for (kind, cmd), rows in per_mb.items():
        if any(peak > MEMORY_CAP_MB for _, _, peak in rows):
            bad.append(f"{kind} / {cmd}: peak over {MEMORY_CAP_MB} MB")
        (m0, c0, _), (m1, c1, _) = rows[0], rows[-1]
        if len(rows) > 1 and c1 > 1.0 and c1 / m1 > 1.6 * max(c0, 0.3) / m0:
            bad.append(f"{kind} / {cmd}: CPU per MB {c0 / m0:.2f} → {c1 / m1:.2f} s")
    print("\n" + ("\n".join("NOT LINEAR OR OVER THE CAP: " + b for b in bad) if bad else
                  f"all runs linear in size (CPU per MB within 1.6×) and under {MEMORY_CAP_MB} MB"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
