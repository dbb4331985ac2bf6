"""DOCX files of the reference plans made by producers other than tdkt.

* pandoc (Debian's): each line of the reference text becomes a markdown paragraph (markers escaped
  so pandoc keeps them as printed text, as a clerk types them), each tab-separated block a pipe table.
* python-docx, with a layout unlike tdkt's: a 2×2 header table (agency | Quốc hiệu / number |
  date), Word's own bold/italic runs, recipients and signer in plain paragraphs, a grid-styled
  appendix table with one header row.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path


def _md_escape(s: str) -> str:
    s = s.replace("\\", "\\\\").replace("|", "\\|").replace("<", "\\<").replace("#", "\\#")
    s = re.sub(r"^([-+])(\s)", r"\\\1\2", s)
    s = re.sub(r"^(\d+|[IVXivx]+|[a-zA-Z])([.)])(\s)", r"\1\\\2\3", s)
    s = re.sub(r"^(\d+(?:\.\d+)+)\.", r"\1\\.", s)
    s = re.sub(r"(?<=\S)\*(?=\S)", lambda m: "*", s)
    s = s.replace("_", "\\_")
    return s


def reference_to_markdown(text: str) -> str:
    out: list[str] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if "\t" in line:
            rows = []
            while i < len(lines) and ("\t" in lines[i] or not lines[i].strip()):
                if lines[i].strip():
                    rows.append([_md_escape(c.strip()) or " " for c in lines[i].split("\t")])
                i += 1
            width = max(len(r) for r in rows)
            rows = [r + [" "] * (width - len(r)) for r in rows]
            out.append("| " + " | ".join(rows[0]) + " |")
            out.append("|" + "---|" * width)
            out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
            out.append("")
            continue
        if line.strip():
            out.append(_md_escape(line.strip()))
            out.append("")
        i += 1
    return "\n".join(out) + "\n"


def have_pandoc() -> bool:
    return shutil.which("pandoc") is not None


def pandoc_docx(text: str, out: Path) -> Path:
    md = out.with_suffix(".md")
    md.write_text(reference_to_markdown(text), encoding="utf-8")
    subprocess.run(["pandoc", "-f", "markdown-smart-auto_identifiers", "-t", "docx", str(md), "-o", str(out)],
                   check=True, capture_output=True, timeout=120)
    return out


def python_docx(text: str, out: Path) -> Path:
    """The reference text through python-docx, laid out as a clerk might in Word."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    lines = [l for l in text.splitlines()]
    header = [l.strip() for l in lines[:12] if l.strip()]
    number = next((l for l in header if l.startswith("Số")), "")
    date = next((l for l in header if ", ngày" in l), "")
    t = doc.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"
    t.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    t.cell(1, 0).text = number
    t.cell(1, 1).text = date
    i = 0
    body_start = max(lines.index(l) for l in lines[:12] if l.strip() == date.strip()) + 1 if date else 0
    lines = lines[body_start:]
    while i < len(lines):
        line = lines[i]
        if "\t" in line:
            rows = []
            while i < len(lines) and ("\t" in lines[i] or not lines[i].strip()):
                if lines[i].strip():
                    rows.append([c.strip() for c in lines[i].split("\t")])
                i += 1
            width = max(len(r) for r in rows)
            table = doc.add_table(rows=len(rows), cols=width)
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
            continue
        s = line.strip()
        if s:
            p = doc.add_paragraph()
            if s in ("KẾ HOẠCH",) or s.isupper():
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", s):
                if not part:
                    continue
                if part.startswith("**"):
                    p.add_run(part[2:-2]).bold = True
                elif part.startswith("*") and part.endswith("*") and len(part) > 2:
                    p.add_run(part[1:-1]).italic = True
                else:
                    p.add_run(part)
        i += 1
    doc.save(str(out))
    return out


def published_text(docx: bytes) -> str:
    """A DOCX as a school or office website publishes it as text: one paragraph a line, a table
    row a line of tab-separated cells, a cell of several paragraphs an HTML list
    (`<ul><li>- …</li></ul>`), the header's layout tables flattened — the form the variants of
    variants.py start from. Read with the importer's own DOCX reader (paragraph and cell text)."""
    from tdkt_dsl.importer.readers import Para, read_docx
    from tdkt_dsl.importer.safety import open_docx

    blocks, _ = read_docx(open_docx(docx))
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Para):
            out.append(b.plain.strip())
            continue
        for row in b.rows:
            cells = []
            for cell in row:
                items = [re.sub(r"^[-–•]\s*", "", i.strip()) for i in cell.replace("*", "").split("\n") if i.strip()]
                cells.append("<ul>" + "".join(f"<li>- {i}</li>" for i in items) + "</ul>" if len(items) > 1
                             else " ".join(items))
            out.append("\t".join(cells))
    return "\n".join(line for line in out if line) + "\n"
