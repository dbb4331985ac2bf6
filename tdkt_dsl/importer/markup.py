"""Readers of published layouts: plain text, Markdown (by hand or from pandoc) and HTML (pandoc,
websites) → the same flat list of blocks as the DOCX reader (readers.py).

What websites and converters add is undone here, never interpreted: `#` heading marks, a bold
wrapper around a whole line, Markdown escapes and links (the text is kept, the address is
reported), pandoc's wrapping of a paragraph over several lines, HTML lists and line breaks inside
table cells (a cell keeps one "- item" per line), layout tables (the header and signature blocks)
flattened to paragraphs in reading order. Linear in the input's size.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from .readers import Block, Para, TableBlock

_MD_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_LINK = re.compile(r"(?<!\\)\[([^\]\n]{1,500})\]\(([^)\s]{1,2000})\)")
_HEADING_MARK = re.compile(r"^#{1,6}\s+")
_BLOCK_START = re.compile(r"^(?:#{1,6}\s|\||<|[-*+]\s|\\[-+]\s|\d{1,3}[.)]\s|[IVX]{1,5}\.\s)")


class Links:
    """Addresses of the links whose text was kept (for the import report)."""

    def __init__(self) -> None:
        self.found: list[tuple[str, str]] = []

    def strip(self, s: str) -> str:
        def keep(m: re.Match) -> str:
            if m.group(1) != m.group(2):
                self.found.append((m.group(1), m.group(2)))
            return m.group(1)
        return _LINK.sub(keep, s) if "](" in s else s


def unmark(s: str) -> str:
    return re.sub(r"(?<!\\)\*+", "", s)


def unwrap_bold(s: str) -> str:
    """`**I. MỤC ĐÍCH**` (a whole line in bold, as websites mark headings) → its text; italics
    inside are kept (`**2.2. *Đẩy mạnh …***`)."""
    t = s.strip()
    colon = ""
    if t.endswith(":") and not t.endswith("**:**"):
        t, colon = t[:-1].rstrip(), ":"
    for mark in ("**", "__"):
        if len(t) > 4 and t.startswith(mark) and t.endswith(mark) and mark not in t[2:-2]:
            inner = t[2:-2].strip()
            return (inner + colon) if inner else s
    return s


def md_inline(s: str) -> str:
    s = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>])", r"\1", s)  # markdown escapes
    s = re.sub(r"__(.+?)__", r"**\1**", s)
    return s


_ESCAPED_LIST_TAG = re.compile(r"(?i)&lt;\s*/?\s*(?:ul|ol|li|br|p)\b[^&<>]{0,200}?/?&gt;")


def has_list_markup(text: str) -> bool:
    """The text of a cell holds HTML list markup, as tags or shown as text."""
    return bool(re.search(r"(?i)(?:<|&lt;)\s*li\b", text))


def cell_text(raw: str) -> str:
    """A table cell as typed or exported: `<ul><li>- a</li><li>b</li></ul>`, `<br>`, `<p>` →
    one "- item" per line; other tags dropped; entities decoded."""
    if "<" not in raw and "&" not in raw:
        return " ".join(raw.split())
    # list markup shown as text (a page that escaped the cell's HTML): read as the list it is
    raw = _ESCAPED_LIST_TAG.sub(lambda m: html.unescape(m.group(0)), raw)
    s = re.sub(r"\s+", " ", raw)  # the source's own line breaks are wrapping, not structure
    s = re.sub(r"(?is)<\s*li[^>]*>\s*(?:[-–•+]\s*)?", "\n- ", s)
    s = re.sub(r"(?is)<\s*br\s*/?>|<\s*/?\s*(?:p|div|ul|ol|li)(?:\s[^>]*)?>", "\n", s)
    s = re.sub(r"(?is)<\s*/?\s*(?:strong|b)\s*>", "**", s)
    s = re.sub(r"(?is)<[^>]{0,500}>", "", s)
    s = html.unescape(s)
    lines = [" ".join(line.split()) for line in s.split("\n")]
    return "\n".join(line for line in lines if line and line != "-")


def _para(s: str, links: Links, markdown: bool) -> Para | None:
    s = s.strip()
    if markdown:
        s = _HEADING_MARK.sub("", s)
        s = re.sub(r"^\*\s+", "- ", s)
        s = md_inline(links.strip(s))
    s = unwrap_bold(s).strip()
    if not s:
        return None
    return Para(text=s, plain=unmark(s))


def read_text(text: str, markdown: bool = False, links: Links | None = None) -> list[Block]:
    """One paragraph per non-empty line; tab-separated lines (or markdown pipe rows) are table
    rows; an HTML table (pandoc writes one for complex tables) is read as HTML. In Markdown whose
    paragraphs are separated by blank lines (pandoc's output), a paragraph's wrapped lines are
    joined back."""
    links = links if links is not None else Links()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    nonblank = sum(1 for line in lines if line.strip())
    # pandoc wraps paragraphs at 72 columns and separates them with blank lines
    wrapped = markdown and nonblank and (len(lines) - nonblank) >= 0.08 * nonblank
    blocks: list[Block] = []
    table: TableBlock | None = None
    para: list[str] = []
    soft = False

    def flush() -> None:
        if para:
            p = _para(" ".join(para), links, markdown)
            if p:
                blocks.append(p)
            para.clear()

    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        i += 1
        s = line.strip()
        if markdown and re.match(r"(?i)^<table\b", s):  # an HTML table block: up to its end
            flush()
            j = i - 1
            chunk = []
            while j < len(lines):
                chunk.append(lines[j])
                j += 1
                if re.search(r"(?i)</table>\s*$", lines[j - 1]):
                    break
            blocks.extend(read_html("\n".join(chunk), links))
            i, table = j, None
            continue
        if markdown and _MD_TABLE_SEP.match(line):
            continue
        if markdown and s.startswith("|") and s.endswith("|") and len(s) > 1:
            flush()
            cells = [cell_text(md_inline(links.strip(c.strip()))) for c in re.split(r"(?<!\\)\|", s.strip("|"))]
            if table is None:
                table = TableBlock()
                blocks.append(table)
            table.rows.append(cells)
            continue
        if "\t" in line and s:
            flush()
            cells = [cell_text(c) for c in line.split("\t")]
            if table is None:
                table = TableBlock()
                blocks.append(table)
            table.rows.append(cells)
            continue
        if not s:
            flush()
            continue  # a blank line ends nothing else: tables broken by blank lines continue
        table = None
        if wrapped:
            if para and (_BLOCK_START.match(s) or (len(para[-1]) < 50 and not soft)):  # a short line is not wrapped
                flush()
            soft = lines[i - 1].endswith("  ")  # Markdown's hard break: a forced line break inside the paragraph
            hard = s.endswith("\\") and not s.endswith("\\\\")
            para.append(s[:-1].rstrip() if hard else s)
            if hard:
                flush()
            continue
        para.append(s)
        flush()
    flush()
    return blocks


# ==== HTML ======================================================================================

_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "blockquote", "pre", "caption"}


class _HtmlReader(HTMLParser):
    """HTML → blocks. Tables: rows of cells (see cell_text); a table of at most two columns and
    three rows is a layout table (header or signature block) and is flattened to paragraphs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.buf: list[str] = []  # the current paragraph (outside tables)
        self.tables: list[list[list[str]]] = []  # open tables: rows of raw cell HTML
        self.cell: list[str] | None = None
        self.skip = 0  # inside <script>/<style>/<head>
        self.depth = 0  # open lists (outside tables)
        self.sub = False  # the open list is the sub-list of the item before it

    # text goes to the open cell (raw HTML kept for cell_text) or to the paragraph
    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("script", "style", "head", "title"):
            self.skip += 1
            return
        if tag == "table":
            self._flush()
            self.tables.append([])
            return
        if self.tables:
            if tag == "tr":
                self.tables[-1].append([])
            elif tag in ("td", "th"):
                if not self.tables[-1]:
                    self.tables[-1].append([])
                self.cell = []
                self.tables[-1][-1].append("")
            elif self.cell is not None:
                self.cell.append(f"<{tag}>")
            return
        if tag in ("ul", "ol"):
            self._flush()
            self.depth += 1
            last = self.blocks[-1] if self.blocks else None
            if (self.depth == 1 and isinstance(last, Para) and last.plain.startswith(("- ", "+ "))
                    and last.plain.rstrip().endswith(":")):
                self.depth = 2  # a list right after an item that announces it ("…:") is its sub-list
                self.sub = True
            return
        if tag in _BLOCK_TAGS or tag == "br":
            if tag == "p" and "".join(self.buf).strip() in ("-", "+"):
                return  # <li><p>…: the paragraph is the item's
            self._flush()
            if tag == "li":
                self.buf.append("- " if self.depth <= 1 else "+ ")
        elif tag in ("strong", "b"):
            self.buf.append("**")
        elif tag in ("em", "i"):
            self.buf.append("*")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "title"):
            self.skip = max(0, self.skip - 1)
            return
        if self.tables:
            if tag in ("td", "th") and self.cell is not None:
                self.tables[-1][-1][-1] = "".join(self.cell)
                self.cell = None
            elif tag == "table":
                rows = self.tables.pop()
                self._table(rows)
            elif self.cell is not None:
                self.cell.append(f"</{tag}>")
            return
        if tag in ("ul", "ol"):
            self._flush()
            self.depth = max(0, self.depth - (2 if self.sub and self.depth == 2 else 1))
            self.sub = False if self.depth == 0 else self.sub
        elif tag in _BLOCK_TAGS:
            self._flush()
        elif tag in ("strong", "b"):
            self.buf.append("**")
        elif tag in ("em", "i"):
            self.buf.append("*")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag == "br":
            if self.cell is not None:
                self.cell.append("<br>")
            elif not self.tables:
                self.buf.append(" ")  # a line break inside a heading or paragraph: one paragraph

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(html.escape(data, quote=False))
        elif not self.tables:
            self.buf.append(data)

    def _flush(self) -> None:
        s = " ".join("".join(self.buf).split())
        self.buf = []
        s = re.sub(r"\*\*\s*\*\*", "", s).strip()
        if s and s not in ("-", "+", "**", "*"):
            s = unwrap_bold(s)
            self.blocks.append(Para(text=s, plain=unmark(s)))

    def _table(self, rows: list[list[str]]) -> None:
        rows = [r for r in rows if r]
        if not rows:
            return
        width = max(len(r) for r in rows)
        if width <= 2 and len(rows) <= 3:  # layout: each cell's paragraphs in reading order
            for r in rows:
                for c in r:
                    inner = _HtmlReader()
                    inner.feed(c.replace("<br>", " "))
                    inner.close()
                    inner._flush()
                    self.blocks.extend(inner.blocks)
            return
        self.blocks.append(TableBlock(rows=[[cell_text(c) for c in r] for r in rows]))

    def close(self) -> None:
        super().close()
        self._flush()


def read_html(text: str, links: Links | None = None) -> list[Block]:
    reader = _HtmlReader()
    reader.feed(text)
    reader.close()
    return reader.blocks
