"""`tdkt import`: a plan written by hand (DOCX, text, markdown) → a `.tdkt` that compiles.

Reader (readers.py) → blocks → recogniser (recognize.py) → parts → writer (emit.py) → source,
then compiled; a line the compiler still rejects is kept as a comment and reported, so the output
always builds and no text is dropped. Hostile input is refused by safety.py with one message.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, Problem, Span
from ..docx_package import read_regular
from .emit import emit
from .markup import Links, read_html, read_text
from .readers import read_docx
from .recognize import Recognizer
from .phrases import phrase
from .safety import MAX_INPUT_BYTES, MAX_TEXT_BYTES, check_size, open_docx

__all__ = ["ImportResult", "import_document", "import_bytes", "render_report"]


@dataclass
class ImportResult:
    text: str
    report: list[Diagnostic] = field(default_factory=list)  # on lines of the written .tdkt
    stats: dict = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)


def import_document(path: str | Path, output: str = "") -> ImportResult:
    """Import the file at ``path``; ``output`` names the `.tdkt` its report's lines refer to."""
    p = Path(path)
    data = _read_bounded(p)
    return import_bytes(data, p.name, output)


def _read_bounded(p: Path) -> bytes:
    limit = MAX_INPUT_BYTES if p.suffix.lower() in (".docx", ".docm", ".dotx") else MAX_TEXT_BYTES
    return read_regular(p, limit)


_TEXT_KINDS = {".txt": "text", ".text": "text", "": "text", ".md": "markdown", ".markdown": "markdown",
               ".html": "html", ".htm": "html"}


def import_bytes(data: bytes, name: str, output: str = "") -> ImportResult:
    ext = Path(name).suffix.lower()
    ignored: list[str] = []
    links = Links()
    if ext in (".docx", ".docm", ".dotx") or data[:2] == b"PK":
        zf = open_docx(data)
        blocks, notes = read_docx(zf)
        if "macros" in notes:
            ignored.append("macros")
    elif ext in _TEXT_KINDS:
        check_size(len(data), MAX_TEXT_BYTES)
        if b"\x00" in data:
            raise Problem("F903", name)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise Problem("F902", name, line=data[: exc.start].count(b"\n") + 1) from None
        text = unicodedata.normalize("NFC", text)  # (no-break hyphens and spaces: recognize._plain_characters)
        kind = _TEXT_KINDS[ext]
        blocks = read_html(text, links) if kind == "html" else read_text(text, markdown=kind == "markdown", links=links)
    else:
        raise Problem("F907", name, ext=ext)
    if not blocks:
        raise Problem("F908", name)
    rec = Recognizer(blocks, name)
    doc = rec.run()
    out = emit(doc, output)
    stats = {"blocks": len(blocks), "joined_page_breaks": rec.joined,
             "tasks": sum(len(a.tasks) + sum(len(g) for _, g in a.groups) for a in doc.appendices)}
    # the document's blocks and parts are not needed to compile the result: dropped before it
    # (a 20 MB document.xml otherwise holds ~150 MB through the compilation)
    del blocks, rec, doc
    _within_source_limits(out.text, name)
    text, report = _repair(out.text, out.report, output)
    first = Span.point(output, 1, 1)
    report[:0] = [Diagnostic(code="I310", span=first, params={"text": label, "address": address})
                  for label, address in links.found]
    if ignored:
        report.insert(0, Diagnostic(code="I311", span=first))
    return ImportResult(text, report, stats, ignored)


def _within_source_limits(text: str, name: str) -> None:
    """The imported plan must be one tdkt can read back (source.py's limits, F905/F927): refused
    before it is compiled, not written to fail on the next `tdkt check`."""
    from ..source import MAX_LINES, MAX_SOURCE_BYTES

    size = len(text.encode("utf-8"))
    if size > MAX_SOURCE_BYTES:
        raise Problem("F905", name, size=size, limit=MAX_SOURCE_BYTES)
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise Problem("F927", name, count=lines, limit=MAX_LINES)


def _repair(text: str, report: list[Diagnostic], output: str) -> tuple[str, list[Diagnostic]]:
    """Compile. A line the model rejects becomes a comment (its text kept); a mistake of the original
    that a check finds (a deadline before the issue date …) is kept word for word with a same-line
    suppression, so the plan builds — both are report items for the drafter."""
    from ..compiler import compile_text
    from ..diagnostics import Severity

    for _ in range(5):
        comp = compile_text(text, "<import>")
        errors = [d for d in comp.diagnostics if d.level is Severity.ERROR and d.span.line > 0]
        del comp  # one compilation alive at a time: for a 20 MB document each holds ~300 MB
        if not errors:
            break
        lines = text.split("\n")
        changed = False
        suppress: dict[int, list[str]] = {}
        for d in errors:
            n = d.span.line
            if not 1 <= n <= len(lines) or lines[n - 1].lstrip().startswith("//"):
                continue
            at = Span.point(output, n, 1)
            if d.code[0] in "SMF":
                lines[n - 1] = phrase("not_imported", lines[n - 1])
                report.append(Diagnostic(code="I206", span=at, params={"message": d.message("vi"),
                                                                        "message_en": d.message("en")}))
                changed = True
            elif d.code not in suppress.setdefault(n, []):
                suppress[n].append(d.code)
                report.append(Diagnostic(code="I207", span=at, params={
                    "message": d.message("vi"), "message_en": d.message("en"), "code": d.code}))
        for n, codes in suppress.items():
            lines[n - 1] = lines[n - 1] + "   " + phrase("suppress", ", ".join(codes))
            changed = True
        text = "\n".join(lines)
        if not changed:
            break
    return text, sorted(report, key=lambda d: d.span.line)


def render_report(res: ImportResult, src_name: str, out_name: str, lang: str = "vi") -> str:
    """The import report (Markdown): its diagnostics through the one report renderer."""
    from ..report import render_markdown_report

    s = res.stats
    return render_markdown_report(res.report, lang, report="import", file=out_name, source=src_name,
                                  output=out_name, blocks=s.get("blocks", 0), tasks=s.get("tasks", 0),
                                  joined=s.get("joined_page_breaks", 0))
