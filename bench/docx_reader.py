"""Time and memory of the shared DOCX reader on hostile and large input (issue 9): verify of a
small DOCX with 40,000 section breaks (72 s when the work per section grew with the number of
sections), verify of a 100× Long Biên plan (tdkt's own large output, inside the reader's limits),
and import of a numbering start of 10^11 with upper-case Roman numerals.

    .venv/bin/python bench/docx_reader.py [--sections 40000] [--times 100]

Each case runs in a fresh process; the figures are wall time and peak RSS.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def package(document: str, **parts: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("word/document.xml", document)
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def sections_docx(n: int) -> bytes:
    sect = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:bottom="1134" '
            'w:left="1701" w:right="1134"/></w:sectPr>')
    paras = "".join(f"<w:p><w:pPr>{sect}</w:pPr><w:r><w:t>PHỤ LỤC {i}</w:t></w:r></w:p>" for i in range(n))
    return package(f'<w:document xmlns:w="{W}"><w:body>{paras}{sect}</w:body></w:document>')


def numbering_docx() -> bytes:
    numbering = (f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0">'
                 '<w:start w:val="100000000000"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/>'
                 '</w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>')
    paras = "".join('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                    f"<w:r><w:t>Mục {i}</w:t></w:r></w:p>" for i in range(20))
    return package(f'<w:document xmlns:w="{W}"><w:body>{paras}</w:body></w:document>',
                   **{"word/numbering.xml": numbering})


def run(args: list[str], cwd: Path) -> tuple[float, float, int]:
    code = ("import resource, sys, runpy; sys.argv = ['tdkt'] + sys.argv[1:]\n"
            "try:\n    runpy.run_module('tdkt_dsl.cli', run_name='__main__')\n"
            "except SystemExit as e:\n    rc = e.code\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, rc, file=sys.stderr)")
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    rss, rc = r.stderr.strip().splitlines()[-1].split()
    return elapsed, float(rss) / 1024, int(rc)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sections", type=int, default=40000)
    ap.add_argument("--times", type=int, default=100)
    a = ap.parse_args()
    from bench import generate_big  # bench/bench.py: the 100× plan

    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        (d / "sections.docx").write_bytes(sections_docx(a.sections))
        (d / "numbering.docx").write_bytes(numbering_docx())
        big = generate_big((ROOT / "examples" / "long-bien-2023.tdkt").resolve(), a.times, d / "big.tdkt")
        for f in (ROOT / "examples").glob("*.toml"):
            (d / f.name).write_bytes(f.read_bytes())
        subprocess.run([sys.executable, "-m", "tdkt_dsl.cli", "build", str(big), "-o", str(d / "big.docx")],
                       cwd=d, capture_output=True, check=True)
        with zipfile.ZipFile(d / "big.docx") as z:
            info = z.getinfo("word/document.xml")
        print(f"{a.times}× plan: {(d / 'big.docx').stat().st_size / 1e6:.2f} MB DOCX, document.xml "
              f"{info.file_size / 1e6:.1f} MB, ratio {info.file_size / info.compress_size:.0f}:1")
        print("| case | wall | peak RSS | exit |\n|---|---|---|---|")
        for name, args in ((f"verify, {a.sections} sections", ["verify", "sections.docx"]),
                           (f"verify, {a.times}× plan", ["verify", "big.docx"]),
                           (f"import, {a.times}× plan", ["import", "big.docx", "-o", "big-import.tdkt"]),
                           ("import, numbering start 10^11 upperRoman", ["import", "numbering.docx", "-o", "n.tdkt"])):
            wall, rss, rc = run(args, d)
            print(f"| {name} | {wall:.1f} s | {rss:.0f} MB | {rc} |")


if __name__ == "__main__":
    main()
