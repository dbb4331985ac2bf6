"""`tdkt import`: a plan written by hand (DOCX, text, markdown) → a `.tdkt` that compiles.

Reader (readers.py) → blocks → recogniser (recognize.py) → parts → writer (emit.py) → source,
then compiled; a line the compiler still rejects is kept as a comment and reported, so the output
always builds and no text is dropped. Hostile input is refused by safety.py with one message.
"""

from __future__ import annotations

import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .emit import Note, emit
from .markup import Links, read_html, read_text
from .readers import read_docx
from .recognize import Recognizer
from .safety import MAX_INPUT_BYTES, MAX_TEXT_BYTES, ImportRefused, check_size, open_docx

__all__ = ["ImportRefused", "ImportResult", "import_document", "import_bytes", "render_report"]


@dataclass
class ImportResult:
    text: str
    report: list[tuple[int, Note]] = field(default_factory=list)
    stats: dict = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)


def import_document(path: str | Path) -> ImportResult:
    p = Path(path)
    data = _read_bounded(p)
    return import_bytes(data, p.name)


def _read_bounded(p: Path) -> bytes:
    """Only a regular file, and its size is checked while reading (st_size is 0 for /dev/zero and
    a FIFO would block on open)."""
    try:
        st = p.stat()
    except FileNotFoundError:
        raise ImportRefused("F901", str(p), path=str(p)) from None
    except OSError:
        raise ImportRefused("F906", str(p), path=str(p)) from None
    if stat.S_ISDIR(st.st_mode):
        raise ImportRefused("F904", str(p), path=str(p))
    if not stat.S_ISREG(st.st_mode):
        raise ImportRefused("F919", str(p), path=str(p))
    limit = MAX_INPUT_BYTES if p.suffix.lower() in (".docx", ".docm", ".dotx") else MAX_TEXT_BYTES
    try:
        check_size(st.st_size, limit)
        with open(p, "rb") as fh:
            data = fh.read(limit + 1)
        check_size(len(data), limit)  # the file grew, or st_size lied
    except OSError:
        raise ImportRefused("F906", str(p), path=str(p)) from None
    except ImportRefused as exc:  # the size check: name the file
        raise ImportRefused(exc.code, str(p), **exc.diagnostic.params) from None
    return data


_TEXT_KINDS = {".txt": "text", ".text": "text", "": "text", ".md": "markdown", ".markdown": "markdown",
               ".html": "html", ".htm": "html"}


def import_bytes(data: bytes, name: str) -> ImportResult:
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
            raise ImportRefused("F903", name)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportRefused("F902", name, line=data[: exc.start].count(b"\n") + 1) from None
        # a non-breaking hyphen (Word's w:noBreakHyphen, kept as U+2011 by pandoc) is a hyphen to
        # the recogniser: "412/KH‑UBND", "2026‑2027"
        text = unicodedata.normalize("NFC", text).replace("\u2011", "-")
        kind = _TEXT_KINDS[ext]
        blocks = read_html(text, links) if kind == "html" else read_text(text, markdown=kind == "markdown", links=links)
    else:
        raise ImportRefused("F907", name, ext=ext)
    if not blocks:
        raise ImportRefused("F908", name)
    rec = Recognizer(blocks, name)
    doc = rec.run()
    out = emit(doc)
    text, report = _repair(out.text, out.report)
    for label, address in links.found:
        report.insert(0, (1, Note(f"Liên kết “{label}” → {address}: giữ chữ, bỏ địa chỉ (văn bản in không có liên kết).",
                                  f"Link “{label}” → {address}: text kept, address dropped (a printed plan has no links).")))
    if ignored:
        report.insert(0, (1, Note("Tệp có macro (vbaProject.bin): bỏ qua, không chạy.",
                                  "The file has macros (vbaProject.bin): ignored, never run.")))
    stats = {"blocks": len(blocks), "joined_page_breaks": rec.joined,
             "tasks": sum(len(a.tasks) + sum(len(g) for _, g in a.groups) for a in doc.appendices)}
    return ImportResult(text, report, stats, ignored)


def _repair(text: str, report: list[tuple[int, Note]]) -> tuple[str, list[tuple[int, Note]]]:
    """Compile. A line the model rejects becomes a comment (its text kept); a mistake of the original
    that a check finds (a deadline before the issue date …) is kept word for word with a same-line
    suppression, so the plan builds — both are report items for the drafter."""
    from ..compiler import compile_text
    from ..diagnostics import Severity

    for _ in range(5):
        comp = compile_text(text, "<import>")
        errors = [d for d in comp.diagnostics if d.level is Severity.ERROR and d.span.line > 0]
        if not errors:
            break
        lines = text.split("\n")
        changed = False
        suppress: dict[int, list[str]] = {}
        for d in errors:
            n = d.span.line
            if not 1 <= n <= len(lines) or lines[n - 1].lstrip().startswith("//"):
                continue
            if d.code[0] in "SMF":
                lines[n - 1] = "// [không nhập được] " + lines[n - 1]
                report.append((n, Note(f"Dòng không biên dịch được ({d.message('vi')}): giữ thành chú thích.",
                                       f"Line does not compile ({d.message('en')}): kept as a comment.", "prose")))
                changed = True
            elif d.code not in suppress.setdefault(n, []):
                suppress[n].append(d.code)
                report.append((n, Note(f"Lỗi có sẵn trong bản gốc, giữ nguyên văn: {d.message('vi')} "
                                       f"(`// tdkt: bỏ qua {d.code}` — sửa rồi xóa chú thích này).",
                                       f"A mistake of the original, kept as written: {d.message('en')} "
                                       f"(`// tdkt: ignore {d.code}` — fix it, then remove the comment).", "todo")))
        for n, codes in suppress.items():
            lines[n - 1] = lines[n - 1] + "   // tdkt: bỏ qua " + ", ".join(codes)
            changed = True
        text = "\n".join(lines)
        if not changed:
            break
    return text, sorted(report, key=lambda r: r[0])


_KIND_TITLE = {"todo": ("Cần điền/sửa", "To fill in or correct"),
               "prose": ("Giữ nguyên văn (không phân loại được)", "Kept as written (not classified)"),
               "note": ("Ghi chú", "Notes"),
               "noise": ("Nhiễu bản quét giữ thành chú thích", "Scan noise kept as comments")}


def render_report(res: ImportResult, src_name: str, out_name: str, lang: str = "vi") -> str:
    en = lang == "en"
    out = [f"# {'Import report' if en else 'Báo cáo nhập'}: `{src_name}` → `{out_name}`", ""]
    s = res.stats
    out.append((f"{s.get('blocks', 0)} blocks read, {s.get('tasks', 0)} tasks, "
                f"{s.get('joined_page_breaks', 0)} paragraphs rejoined across page breaks.") if en else
               (f"Đọc {s.get('blocks', 0)} khối, {s.get('tasks', 0)} nhiệm vụ, "
                f"nối lại {s.get('joined_page_breaks', 0)} đoạn bị ngắt trang."))
    out.append("")
    for kind in ("todo", "prose", "note", "noise"):
        items = [(n, note) for n, note in res.report if note.kind == kind]
        if not items:
            continue
        vi, e = _KIND_TITLE[kind]
        out.append(f"## {e if en else vi} ({len(items)})")
        out.append("")
        for n, note in items:
            out.append(f"- {'line' if en else 'dòng'} {n}: {note.en if en else note.vi}")
        out.append("")
    return "\n".join(out)
