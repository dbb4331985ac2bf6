"""One input through the *whole* pipeline, as a user runs it: `check` (text and JSON), `check
--fix`, `build` to DOCX/JSON/text, `new` (rollover), `import` of the plan as .txt/.md, and — when
the DOCX was built — `import` and `verify` of that DOCX with its XML mutated (attributes and
structure). Every command runs through the real Typer app in this process (no subprocess per
command, so a run covers thousands of inputs); scripts/fuzz.py runs this in a child process under
a memory cap (resource.setrlimit).

Invariants (a break raises `PipelineError`, which scripts/fuzz.py saves as a crash):
- every command exits 0, 1 or 2 — never an uncaught exception (exit 3);
- a command that fails writes nothing (no output file, no temporary file left);
- every diagnostic of `check --format json` lies inside the source (0 ≤ start ≤ end ≤ length,
  line/column agreeing with the offset);
- `check --fix` leaves a file that is still UTF-8 and checks again without an internal error.
"""

from __future__ import annotations

import io
import json
import random
import re
import shutil
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from tdkt_dsl.cli import app
from tdkt_dsl.diagnostics import Span
from tdkt_dsl.source import Source, SourceError

ROOT = Path(__file__).resolve().parent.parent.parent
RUNNER = CliRunner()

ATTR_VALUES = ["1e400", "-1", "0", "999999999999999", "100000000000", "2000000000", "abc", "", "NaN",
               "-99999", "upperRoman", "decimal", "\u00ad", "&#x0;", "1.5"]


class PipelineError(AssertionError):
    pass


def _run(args: list[str]):
    r = RUNNER.invoke(app, args, catch_exceptions=True)
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        exc = r.exception
        raise PipelineError(f"`tdkt {' '.join(args)}` raised {type(exc).__name__}: {exc}") from exc
    if r.exit_code not in (0, 1, 2):
        raise PipelineError(f"`tdkt {' '.join(args)}` exited {r.exit_code}:\n{r.output[-2000:]}")
    return r


def _no_output(path: Path, args: list[str], code: int) -> None:
    if code != 0 and path.exists():
        raise PipelineError(f"`tdkt {' '.join(args)}` failed (exit {code}) but wrote {path.name}")
    left = [p.name for p in path.parent.iterdir() if p.name.startswith(".tdkt-")]
    if left:
        raise PipelineError(f"`tdkt {' '.join(args)}` left temporary files {left}")


def _check_spans(data: bytes, out: str, plan: str) -> None:
    try:
        src = Source.from_bytes(data, plan)
    except SourceError:
        return
    try:
        report = json.loads(out)
    except ValueError as exc:
        raise PipelineError(f"`check --format json` printed invalid JSON: {exc}") from None
    n = len(src.text)
    for d in report.get("diagnostics", []):
        if d["file"] != plan or d["line"] == 0:
            continue
        if not (0 <= d["start"] <= d["end"] <= n):
            raise PipelineError(f"{d['code']}: span {d['start']}-{d['end']} outside 0-{n}")
        if d["start"]:
            sp = Span.of(src, d["start"], d["end"])
            if (sp.line, sp.column) != (d["line"], d["column"]):
                raise PipelineError(f"{d['code']}: {d['line']}:{d['column']} ≠ offset {d['start']} "
                                    f"({sp.line}:{sp.column})")


def mutate_docx(rng: random.Random, data: bytes) -> bytes:
    """Change XML attributes and structure of a DOCX (tdkt's own), keeping it a zip."""
    src = zipfile.ZipFile(io.BytesIO(data))
    names = [n for n in src.namelist() if n.endswith(".xml")]
    target = rng.choice([n for n in names if n.startswith("word/")] or names)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == target:
                body = _mutate_xml(rng, body)
            dst.writestr(info.filename, body)
    return out.getvalue()


def _mutate_xml(rng: random.Random, xml: bytes) -> bytes:
    text = xml.decode("utf-8", "replace")
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        attrs = list(re.finditer(r'(w:[A-Za-z]+)="([^"]*)"', text))
        if op <= 1 and attrs:  # an attribute gets a hostile value
            m = rng.choice(attrs)
            text = text[:m.start(2)] + rng.choice(ATTR_VALUES) + text[m.end(2):]
        elif op == 2:  # an element removed
            els = list(re.finditer(r"<w:(p|r|tc|tr|tbl|sectPr|pPr|rPr|numPr)\b[^>]*/>", text))
            if els:
                m = rng.choice(els)
                text = text[:m.start()] + text[m.end():]
        elif op == 3:  # an element repeated many times
            els = list(re.finditer(r"<w:(sectPr|p|tr|gridCol|tab)\b[^>]*/>", text))
            if els:
                m = rng.choice(els)
                text = text[:m.end()] + m.group(0) * rng.randint(2, 3000) + text[m.end():]
        elif op == 4:  # cut the part
            text = text[: rng.randrange(len(text) + 1)]
        else:  # a gridSpan / numbering level / start with a hostile value
            attr = rng.choice(['<w:gridSpan w:val="{v}"/>', '<w:ilvl w:val="{v}"/>', '<w:start w:val="{v}"/>'])
            i = text.find("<w:tcPr>") if "gridSpan" in attr else text.find("<w:pPr>")
            if i >= 0:
                j = text.index(">", i) + 1
                text = text[:j] + attr.format(v=rng.choice(ATTR_VALUES)) + text[j:]
    return text.encode("utf-8")


def prepare_workdir(work: Path) -> None:
    """Profiles and config the corpus plans refer to (`dùng: profiles/…`)."""
    shutil.copytree(ROOT / "examples" / "profiles", work / "profiles", dirs_exist_ok=True)
    for name in ("tdkt.toml", "van-ban-cap-tren.toml"):
        shutil.copy(ROOT / "examples" / name, work / name)


def run_pipeline(data: bytes, work: Path, rng: random.Random) -> int:
    """All commands on one input in ``work`` (the current directory is not changed). Returns the
    number of commands run."""
    for p in work.iterdir():  # outputs of the previous input
        if p.is_file() and p.name not in ("tdkt.toml", "van-ban-cap-tren.toml"):
            p.unlink()
    plan = work / "plan.tdkt"
    plan.write_bytes(data)
    n = 0

    def run(args: list[str], out: Path | None = None):
        nonlocal n
        n += 1
        r = _run(args)
        if out is not None:
            _no_output(out, args, r.exit_code)
        return r

    r = run(["check", str(plan), "--format", "json"])
    _check_spans(data, r.stdout, str(plan))
    clean = r.exit_code == 0
    if rng.random() < 0.2:
        run(["check", str(plan), "--lang", "en"])  # the text renderer (windows, caps) in English
    built = {}
    targets = [("text", "out.txt"), ("json", "out.json"), ("docx", "out.docx")]
    # a plan with errors fails every build the same way: one target is enough to see that it
    # fails cleanly (and writes nothing); a clean plan is built to every target
    for to, name in (targets if clean else [rng.choice(targets)]):
        out = work / name
        r = run(["build", str(plan), "--to", to, "-o", str(out)], out)
        built[to] = r.exit_code == 0
    fixed = work / "fixed.tdkt"
    fixed.write_bytes(data)
    run(["check", "--fix", str(fixed)])
    try:
        data.decode("utf-8")
        was_utf8 = True
    except UnicodeDecodeError:
        was_utf8 = False
    if was_utf8:
        try:
            fixed.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            raise PipelineError("check --fix left a file that is not UTF-8") from None
    if fixed.read_bytes() != data:
        run(["check", str(fixed)])
    year = rng.choice([2020, 2024, 2025, 2032, 1900, 9999, 0, -5, 10**12])
    run(["new", "--from", str(plan), "--year", str(year), "-o", str(work / "new.tdkt"),
         "--report", str(work / "new.md")], work / "new.tdkt")
    for ext in (".txt", ".md"):
        src = work / f"old{ext}"
        src.write_bytes(data)
        run(["import", str(src), "-o", str(work / f"imp{ext}.tdkt")], work / f"imp{ext}.tdkt")
    if built.get("docx"):
        docx = (work / "out.docx").read_bytes()
        mutated = work / "mut.docx"
        mutated.write_bytes(mutate_docx(rng, docx))
        try:
            n += run_docx(mutated, work)
        except PipelineError as exc:
            exc.docx = mutated.read_bytes()  # saved as is: the mutation depended on the random state
            raise
        run(["verify", str(work / "out.docx")])
    return n


def run_docx(docx: Path, work: Path) -> int:
    """`verify` (JSON) and `import` of one DOCX: exit 0/1/2, nothing written on failure."""
    _run(["verify", str(docx), "--format", "json"])
    out = work / (docx.stem + ".imported.tdkt")
    r = _run(["import", str(docx), "-o", str(out)])
    _no_output(out, ["import", str(docx)], r.exit_code)
    return 2
