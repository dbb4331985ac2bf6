"""One diagnostic type for everything tdkt tells a user: CLI, tests, language server.

A ``Diagnostic`` carries a code (looked up in the static catalogue, tdkt_dsl/catalogue, for its
readable name, default severity and message templates in Vietnamese and English), a ``Span``,
the message parameters, optional hints, related spans and a ``Fix``. Messages are formatted when
shown, in the language asked for, so one diagnostic serves every front end.

A span has a position (line/column in a text file) or, for things without one (a paragraph of a
DOCX, a whole file), is *detached*: line 0 and a "where" label such as `đoạn 5` or
`bảng 1, hàng 2, ô 2` (`Span.detached`).
"""


import unicodedata
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .catalogue import CATALOGUE, Code, Severity, Wording, in_language, say
from .source import Source


# Default factories as Python functions, not the builtins `list`/`dict`: pydantic reads each
# factory's signature, and a builtin's must be parsed from its text signature by the tokenizer
# (~2 ms for the first model of a process, 0.1 ms each after).
def new_list() -> list:
    return []


def new_dict() -> dict:
    return {}


class Span(BaseModel):
    """A range of a source file: offsets into the NFC text plus 1-based line/column."""

    model_config = ConfigDict(frozen=True)

    file: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    where: str = ""  # detached spans: where the thing is, in words (vi)
    where_en: str = ""

    @property
    def detached(self) -> bool:
        """No line/column: the span names a place in words (``where``) or a whole file."""
        return self.line == 0

    def label(self, lang: str = "vi") -> str:
        return self.where_en if lang == "en" and self.where_en else self.where

    @classmethod
    def at(cls, file: str, where: str = "", where_en: str = "") -> "Span":
        """A detached span: a file and, optionally, a place in it given in words."""
        return cls(file=file, start=0, end=0, line=0, column=0, end_line=0, end_column=0,
                   where=where, where_en=where_en or where)

    @classmethod
    def of(cls, source: Source, start: int, end: int) -> "Span":
        start = max(0, min(start, len(source.text)))
        end = max(start, min(end, len(source.text)))
        line, col, eline, ecol = source.line_cols(start, end)
        # (model_validate without its Python wrapper: the same validation, tens of thousands of spans)
        return cls.__pydantic_validator__.validate_python({
            "file": source.path, "start": start, "end": end, "line": line, "column": col, "end_line": eline,
            "end_column": ecol})

    @classmethod
    def point(cls, file: str, line: int = 1, column: int = 1) -> "Span":
        return cls(file=file, start=0, end=0, line=line, column=column, end_line=line,
                   end_column=column)


def rule(code: str) -> Code:
    return CATALOGUE[code]


class Edit(BaseModel):
    """Replace ``span`` (offsets) with ``text``."""

    model_config = ConfigDict(frozen=True)
    start: int
    end: int
    text: str


class Fix(BaseModel):
    model_config = ConfigDict(frozen=True)
    edits: list[Edit]
    safe: bool = True  # `tdkt check --fix` applies safe fixes only
    vi: str = ""
    en: str = ""

    @classmethod
    def of(cls, edits: list[Edit], says: Wording, safe: bool = True) -> "Fix":
        """A fix described by a phrase of the catalogue (``say("fix.…", …)``)."""
        return cls(edits=edits, safe=safe, vi=says.vi, en=says.en)


class Related(BaseModel):
    model_config = ConfigDict(frozen=True)
    span: Span
    vi: str
    en: str

    @classmethod
    def of(cls, span: Span, says: Wording) -> "Related":
        """A related place described by a phrase of the catalogue."""
        return cls(span=span, vi=says.vi, en=says.en)


class Diagnostic(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    span: Span
    params: dict[str, Any] = Field(default_factory=new_dict)
    severity: Severity | None = None  # None: the catalogue's default
    hints: list[tuple[str, str]] = Field(default_factory=new_list)  # (vi, en)
    related: list[Related] = Field(default_factory=new_list)
    fix: Fix | None = None

    @property
    def rule(self) -> Code:
        return CATALOGUE[self.code]

    @property
    def level(self) -> Severity:
        return self.severity or self.rule.severity

    @property
    def name(self) -> str:
        return self.rule.name

    def message(self, lang: str = "vi") -> str:
        template = self.rule.template(lang)
        try:
            return template.format(**in_language(lang, self.params))
        except (KeyError, IndexError, ValueError):
            return template

    def hint_texts(self, lang: str = "vi") -> list[str]:
        return [en if lang == "en" else vi for vi, en in self.hints]

    def with_severity(self, severity: Severity) -> "Diagnostic":
        return self.model_copy(update={"severity": severity})

    def check_tuple(self) -> tuple[str, int, int]:
        """(code, line, column): what tests compare."""
        return (self.code, self.span.line, self.span.column)

    def to_dict(self, lang: str = "vi") -> dict[str, Any]:
        d: dict[str, Any] = {
            "code": self.code,
            "name": self.name,
            "severity": self.level.value,
            "message": self.message(lang),
            "file": self.span.file,
        }
        if self.span.detached:
            d["where"] = self.span.label(lang)
        d |= {
            "line": self.span.line,
            "column": self.span.column,
            "end_line": self.span.end_line,
            "end_column": self.span.end_column,
            "start": self.span.start,
            "end": self.span.end,
        }
        if self.hints:
            d["hints"] = self.hint_texts(lang)
        if self.related:
            d["related"] = [
                {"file": r.span.file, "line": r.span.line, "column": r.span.column,
                 "message": r.en if lang == "en" else r.vi}
                for r in self.related
            ]
        if self.fix:
            d["fix"] = {
                "safe": self.fix.safe,
                "description": self.fix.en if lang == "en" else self.fix.vi,
                "edits": [e.model_dump() for e in self.fix.edits],
            }
        return d


def diag(code: str, span: Span, **params: Any) -> Diagnostic:
    return Diagnostic(code=code, span=span, params=params)


# -- human rendering ------------------------------------------------------------------------

def _display_width(s: str) -> int:
    # combining marks take no column; wide East Asian characters take two
    w = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return w


WINDOW = 160  # characters of a long source line shown around the caret


def _window(text: str, col: int, width: int) -> tuple[str, int, int]:
    """A long line (a paragraph pasted on one line, a 5 MB line) is shown as a window of about
    ``WINDOW`` characters around the caret, with `…` where it was cut: output stays linear."""
    if len(text) <= WINDOW:
        return text, col, width
    width = min(width, WINDOW // 2)
    start = max(0, col - 1 - WINDOW // 3)
    end = min(len(text), start + WINDOW)
    start = max(0, min(start, end - WINDOW))
    piece = text[start:end]
    new_col = col - start
    if start > 0:
        piece, new_col = "…" + piece, new_col + 1
    if end < len(text):
        piece += "…"
    return piece, new_col, min(width, len(piece) - new_col + 1)


def location(span: Span, lang: str = "vi") -> str:
    """`file:line:col`, or `file: where` for a detached span."""
    if span.detached:
        label = span.label(lang)
        return f"{span.file}: {label}" if label else span.file
    return f"{span.file}:{span.line}:{span.column}"


def render(d: Diagnostic, source: Source | None, lang: str = "vi") -> str:
    """`file:line:col: lỗi[CODE]: message`, the source line and a caret under the span."""
    head = f"{location(d.span, lang)}: {d.level.word(lang)}[{d.code}]: {d.message(lang)}"
    out = [head]
    if source is not None and not d.span.detached and source.path == d.span.file and 1 <= d.span.line <= source.line_count:
        text = source.line_text(d.span.line).replace("\t", " ")
        gutter = str(d.span.line)
        pad = " " * len(gutter)
        col = max(1, d.span.column)
        if d.span.end_line == d.span.line:
            width = max(1, d.span.end_column - d.span.column)
        else:
            width = max(1, len(text) - col + 1)
        text, col, width = _window(text, col, width)
        lead = _display_width(text[: col - 1])
        caret = _display_width(text[col - 1 : col - 1 + width]) or 1
        out.append(f" {gutter} | {text}")
        out.append(f" {pad} | {' ' * lead}{'^' * caret}")
    for label, text in details(d, lang, lambda span: location(span, lang)):
        out.append(f"  = {label}: {text}")
    return "\n".join(out)


def details(d: Diagnostic, lang: str, where) -> list[tuple[str, str]]:
    """What follows a diagnostic's message, as (label, text): its hints, related places (labelled
    by ``where(span)``) and fix — one order for the terminal and the Markdown reports."""
    out = [(say("render.hint").text(lang), h) for h in d.hint_texts(lang)]
    out += [(where(r.span), r.en if lang == "en" else r.vi) for r in d.related]
    if d.fix and (d.fix.vi or d.fix.en):
        out.append((say("render.fix").text(lang), d.fix.en if lang == "en" else d.fix.vi))
    return out


def summary(diags: list[Diagnostic], lang: str = "vi") -> str:
    e = sum(1 for d in diags if d.level is Severity.ERROR)
    w = sum(1 for d in diags if d.level is Severity.WARNING)
    i = sum(1 for d in diags if d.level is Severity.INFO)
    return say("render.summary", errors=e, warnings=w, notes=i).text(lang)


def has_errors(diags: list[Diagnostic]) -> bool:
    return any(d.level is Severity.ERROR for d in diags)


# -- exit codes: the one place every command asks -----------------------------------------------

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def exit_code(diags: list[Diagnostic], fail_on: Severity = Severity.ERROR) -> int:
    """The one place that decides every command's exit code (the README's table says the same):
    0 clean · 1 the input was read and has problems at ``fail_on`` or worse (a plan's errors,
    verify's findings, one line over the length limit) · 2 an input refused as a whole or an
    output that cannot be written — a code declared ``usage=True`` in the catalogue: missing,
    not a regular file, too large, too many lines, not UTF-8, not a text file, not a DOCX, a zip
    bomb, a DTD, nothing to import, an output tdkt may not replace (catalogue/files.py says which)
    · 3 (cli.run) an internal error. `verify` fails on warnings too (``fail_on=WARNING``); notes
    never fail."""
    if any(d.rule.usage for d in diags):
        return EXIT_USAGE
    failing = (Severity.ERROR,) if fail_on is Severity.ERROR else (Severity.ERROR, Severity.WARNING)
    return EXIT_PROBLEMS if any(d.level in failing for d in diags) else EXIT_OK


class Problem(Exception):
    """A stage that cannot go on raises its diagnostic (an unreadable input, an unwritable
    output); the command shows it like any other and takes its exit code from `exit_code`."""

    def __init__(self, code: str, file: str = "", where: str = "", where_en: str = "",
                 **params: Any) -> None:
        self.diagnostic = Diagnostic(code=code, span=Span.at(file, where, where_en), params=params)
        self.code = code
        super().__init__(f"{code}: {self.diagnostic.message('en')}")

    def message(self, lang: str = "vi") -> str:
        return self.diagnostic.message(lang)


def sort_key(d: Diagnostic) -> tuple:
    return (d.span.file, d.span.start, d.code)
