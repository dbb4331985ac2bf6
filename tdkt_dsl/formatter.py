"""`tdkt fmt`: the canonical layout of a `.tdkt` source.

The formatter works line by line on what the syntax stage recognises, so it can never change
what the document prints: prose is kept character for character, only the layout around it
changes —

* NFC, LF line ends, no trailing spaces, exactly one newline at the end;
* a keyword line is written `keyword: value` (one space after the colon, none before it,
  single spaces inside a multi-word keyword), as written otherwise (case is the drafter's);
* task fields (`chủ trì:`, `hạn:` …) under a `nhiệm vụ:` are indented by two spaces, every
  other statement starts at column 1;
* line marks (`#`, `#.`, `-`, `+`) are followed by exactly one space; `–` and `•` bullets become `-`;
* dates in `ngày:` and `hạn:` get their leading zeros (`5/2/2024` → `05/02/2024`);
* at most one blank line in a row, none at the start of the file.

Comments are kept: a whole-line comment keeps its text (indented with its block), an end-of-line
comment keeps its text and the spacing before it. A line the syntax stage rejects is left as it
is, so formatting a file with mistakes never makes it worse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .source import Source
from .syntax import parser

_INDENT = "  "
_TASK_FIELD_KINDS = {"ids_field", "due_field"}  # plus `ghi chú:` (a text field), see _is_task_field
_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\{[^{}\s]+\})")
_MONTH_YEAR = re.compile(r"(?<![\d/])(?<=\s)(\d{1,2})/(\d{4}|\{[^{}\s]+\})")
_MARK = re.compile(r"^(#\.|#{1,6}|[-–•+])\s*")


@dataclass
class FormattedLine:
    """What became of one source line: its new text, or None when the line is dropped."""

    number: int
    text: str | None


def _kind(tree) -> str:
    data = tree.data
    return data if isinstance(data, str) else data.value


def _first_token_type(tree) -> str:
    for child in tree.children:
        if hasattr(child, "type"):
            return child.type
    return ""


def _is_task_field(tree) -> bool:
    kind = _kind(tree)
    if kind in _TASK_FIELD_KINDS:
        return True
    return kind == "text_field" and _first_token_type(tree) == "KW_NOTE"


def _pad_dates(value: str) -> str:
    value = _DATE.sub(lambda m: f"{int(m.group(1)):02d}/{int(m.group(2)):02d}/{m.group(3)}", value)
    return _MONTH_YEAR.sub(lambda m: f"{int(m.group(1)):02d}/{m.group(2)}", value)


def _keyword_line(body: str, kind: str) -> str:
    key, _, value = body.partition(":")
    key = " ".join(key.split())
    value = value.strip()
    if kind in ("date_field", "due_field") and '"' not in value and "“" not in value:
        value = _pad_dates(value)
    return f"{key}: {value}" if value else f"{key}:"


def _marked_line(body: str) -> str:
    m = _MARK.match(body)
    if not m:
        return body
    mark = m.group(1)
    if mark in ("–", "•"):
        mark = "-"
    rest = body[m.end():]
    return f"{mark} {rest}" if rest else mark


def _format_statement(body: str, tree) -> str:
    kind = _kind(tree)
    if kind in ("heading", "numbered", "bullet", "subbullet"):
        return _marked_line(body)
    if kind == "paragraph":
        return body
    return _keyword_line(body, kind)


def format_lines(text: str) -> list[FormattedLine]:
    """Every line of ``text`` with its formatted form (None: a blank line that goes away)."""
    source = Source.from_text(text)
    lines, comments = source.lines()
    comment_at = {c.line: c for c in comments}
    p = parser()
    out: list[FormattedLine] = []
    in_task = False
    blank_run = 0
    seen_content = False
    for line in lines:
        body = line.text[line.indent:]
        comment = comment_at.get(line.number)
        if not body and comment is None:
            blank_run += 1
            keep = seen_content and blank_run == 1
            out.append(FormattedLine(line.number, "" if keep else None))
            continue
        blank_run = 0
        seen_content = True
        comment_text = line.raw[comment.start - line.start:].rstrip() if comment else ""
        if not body:  # a whole-line comment: indented with the task it sits in
            out.append(FormattedLine(line.number, (_INDENT if in_task and line.indent else "") + comment_text))
            continue
        try:
            tree = p.parse(body)
        except Exception:  # a line with a syntax error stays as written
            out.append(FormattedLine(line.number, line.raw.rstrip()))
            continue
        kind = _kind(tree)
        new = _format_statement(body, tree)
        if kind == "task":
            in_task = True
            indent = ""
        elif in_task and _is_task_field(tree):
            indent = _INDENT
        else:
            in_task = False
            indent = ""
        if comment:
            gap = line.raw[len(line.raw[: comment.start - line.start].rstrip()): comment.start - line.start]
            new = f"{new}{gap or ' '}{comment_text}"
        out.append(FormattedLine(line.number, indent + new))
    # no blank lines at the end of the file
    for fl in reversed(out):
        if fl.text is None:
            continue
        if fl.text == "":
            fl.text = None
            continue
        break
    return out


def format_text(text: str) -> str:
    kept = [fl.text for fl in format_lines(text) if fl.text is not None]
    return "\n".join(kept) + "\n" if kept else ""
