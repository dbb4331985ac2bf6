"""Syntax stage: each source line → a Lark tree (or one located syntax diagnostic).

Lines are parsed one at a time with the LALR parser of grammar/tdkt.lark, so a mistake costs
exactly one diagnostic and the rest of the file is still read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .catalogue import Wording, say, say_joined
from .diagnostics import Diagnostic, Span
from .generations import Generations
from .resources import grammar_path
from .source import MAX_LINE_CHARS, MAX_LINES, Comment, Line, Source

LARK_OPTIONS = dict(parser="lalr", lexer="contextual", propagate_positions=True, maybe_placeholders=False)


def _lark_module():
    """The parser's home: the generated standalone module when it was made from this very grammar
    (loads in a few ms, no `lark` import), else Lark itself (builds the tables: ~40 ms, still
    correct). Tree, Token and the exceptions come from the same place, so every stage imports them
    from here, never from `lark` directly."""
    grammar = grammar_path().read_text(encoding="utf-8")
    try:
        from . import generated_parser as gen
    except ImportError:  # pragma: no cover - a checkout without the generated file
        gen = None
    if gen is not None and gen.GRAMMAR_TEXT == grammar and gen.OPTIONS == sorted(LARK_OPTIONS.items()):
        return gen, lambda: gen.Lark_StandAlone()
    import lark
    import lark.exceptions as exc

    class _Lark:  # the same names the standalone module exports
        Tree, Token = lark.Tree, lark.Token
        LarkError, UnexpectedInput = exc.LarkError, exc.UnexpectedInput
        UnexpectedCharacters, UnexpectedEOF, UnexpectedToken = (
            exc.UnexpectedCharacters, exc.UnexpectedEOF, exc.UnexpectedToken)

    return _Lark, lambda: lark.Lark(grammar, **LARK_OPTIONS)


_mod, _make_parser = _lark_module()
Tree, Token = _mod.Tree, _mod.Token
LarkError, UnexpectedInput = _mod.LarkError, _mod.UnexpectedInput
UnexpectedCharacters, UnexpectedEOF, UnexpectedToken = (
    _mod.UnexpectedCharacters, _mod.UnexpectedEOF, _mod.UnexpectedToken)


@lru_cache(maxsize=1)
def parser():
    return _make_parser()


@dataclass
class ParsedLine:
    line: Line
    tree: Tree
    offset: int  # absolute offset of the tree's position 0 (line start + indentation)

    @property
    def kind(self) -> str:
        return self.tree.data if isinstance(self.tree.data, str) else self.tree.data.value


@dataclass
class SyntaxResult:
    source: Source
    lines: list[ParsedLine]
    comments: list[Comment]
    diagnostics: list[Diagnostic]


_TOO_MANY_HASHES = re.compile(r"#{7,}(?=\s|$)")


def parse(source: Source, cache: "LineCache | None" = None) -> SyntaxResult:
    """Every line of ``source``. With a ``cache`` (a `Session`'s), a line whose text was parsed
    before reuses that tree: trees are relative to the line (``ParsedLine.offset`` places them)
    and no stage changes them."""
    lines, comments = source.lines()
    parsed: list[ParsedLine] = []
    diags: list[Diagnostic] = []
    p = parser()
    if len(lines) > MAX_LINES:  # limits before work: refuse, located, naming the limit
        start = source.line_start(MAX_LINES + 1)
        return SyntaxResult(source, [], comments, [Diagnostic(
            code="F927", span=Span.of(source, start, start), params=dict(count=len(lines), limit=MAX_LINES))])
    for line in lines:
        body = line.text[line.indent:]
        if not body:
            continue
        offset = line.start + line.indent
        if len(body) > MAX_LINE_CHARS:  # a whole document pasted on one line: not parsed at all
            diags.append(Diagnostic(code="F926", span=Span.of(source, offset + MAX_LINE_CHARS, offset + MAX_LINE_CHARS + 1),
                                    params=dict(length=len(body), limit=MAX_LINE_CHARS)))
            continue
        m = _TOO_MANY_HASHES.match(body)
        if m:  # "####### x" is read as text: say so rather than print the hashes silently
            diags.append(Diagnostic(code="S107", span=Span.of(source, offset, offset + m.end()),
                                    params=dict(count=m.end())))
        tree = cache.get(body) if cache is not None else None
        if tree is None:
            try:
                tree = p.parse(body)
            except UnexpectedInput as exc:
                tree = exc
            if cache is not None:
                cache.put(body, tree)
        if isinstance(tree, UnexpectedInput):
            diags.append(_syntax_diagnostic(source, body, offset, tree))
            continue
        parsed.append(ParsedLine(line, tree, offset))
    return SyntaxResult(source, parsed, comments, diags)


class LineCache(Generations):
    """Line text → its tree (or the parse error), kept for two compilations."""


# -- turning Lark's errors into messages a drafter can act on --------------------------------

# what the parser expected, by terminal: the phrase (catalogue/phrases.py, syntax.expect.*) that names it
_EXPECT = {
    "DATE": "date", "DATE_LONG": "date", "KW_DAY_WORD": "date", "YEAR": "year",
    "SCHOOL_YEAR": "school-year", "DOC_NUMBER": "doc-number", "ID": "id", "MONTH_YEAR": "month-year",
    "MONTH_NUM": "month-number", "KW_MONTH_WORD": "deadline", "KW_BEFORE": "deadline",
    "KW_ON": "deadline", "KW_FROM": "deadline", "RECURRENCE": "deadline", "KW_NONE": "deadline",
    "QUOTED": "deadline", "KW_TO": "to", "COLUMN_KIND": "column", "LAYOUT_NAME": "layout",
    "ORIENTATION_NAME": "orientation", "PATH": "path", "_COLON": "colon", "_SEP": "comma",
    "COLUMN_TITLE": "column-title", "$END": "end-of-line",
}

_EMPHASIS_MARKS = {"_EMPH_MARK", "_STRONG_MARK"}
_TEXT_TERMINALS = {"PLAIN", "ESCAPE", "VAR", "REF"} | _EMPHASIS_MARKS


def _describe(expected: set[str]) -> Wording:
    names = set(expected)
    if names & {"KW_BEFORE", "RECURRENCE", "KW_FROM"}:
        return say("syntax.expect.deadline-forms")
    if names & _TEXT_TERMINALS and len(names - _TEXT_TERMINALS - {"$END"}) == 0:
        return say("syntax.expect.text")
    keys = list(dict.fromkeys(_EXPECT[n] for n in sorted(names) if n in _EXPECT))
    if not keys:
        return say("syntax.expect.valid-line")
    return say_joined([say(f"syntax.expect.{k}") for k in keys], "syntax.or")


def _context(body: str, tree_prefix: str) -> Wording | str:
    """Name the keyword the line started with, so the message says where we were."""
    head = body.split(":", 1)[0].strip() if ":" in body else ""
    if head and len(head) <= 30 and tree_prefix:
        return say("syntax.after-keyword", keyword=head)
    return ""


def _syntax_diagnostic(source: Source, body: str, offset: int, exc: UnexpectedInput) -> Diagnostic:
    col = max(1, getattr(exc, "column", 1) or 1)
    pos = min(len(body), col - 1)
    if isinstance(exc, UnexpectedCharacters):
        ch = body[pos] if pos < len(body) else ""
        span = Span.of(source, offset + pos, offset + pos + 1)
        if ch == "{":
            return Diagnostic(code="S105", span=span)
        if ch == "@":
            return Diagnostic(code="S106", span=span)
        allowed = set(exc.allowed or ())
        expected_words = _describe(allowed)
        context = _context(body, body[:pos])
        # show the rest of the word, not one letter
        end = pos
        while end < len(body) and not body[end].isspace() and end - pos < 30:
            end += 1
        found = body[pos:end] or ch
        span = Span.of(source, offset + pos, offset + max(end, pos + 1))
        return Diagnostic(code="S102", span=span,
                          params=dict(found=found, expected=expected_words, context=context))
    expected: set[str] = set()
    if isinstance(exc, (UnexpectedToken, UnexpectedEOF)):
        expected = set(exc.expected or ())
    token = getattr(exc, "token", None)
    at_end = isinstance(exc, UnexpectedEOF) or (isinstance(token, Token) and token.type == "$END")
    if at_end and expected & _EMPHASIS_MARKS or (at_end and _open_emphasis(body)):
        mark, where = _open_emphasis(body) or ("*", 0)
        span = Span.of(source, offset + where, offset + where + len(mark))
        style = say("syntax.style.bold" if mark == "**" else "syntax.style.italic")
        return Diagnostic(code="S104", span=span, params=dict(mark=mark, style=style, col=where + 1))
    expected_words = _describe(expected)
    context = _context(body, "x")
    if at_end:
        span = Span.of(source, offset + len(body), offset + len(body))
        return Diagnostic(code="S103", span=span,
                          params=dict(expected=expected_words, context=context))
    start = offset + (token.start_pos if isinstance(token, Token) and token.start_pos is not None else pos)
    text = str(token) if token is not None else body[pos:]
    # the contextual lexer may have read a stray `{` or `@` as part of another terminal
    if text.startswith("{") and "}" not in text:
        return Diagnostic(code="S105", span=Span.of(source, start, start + 1))
    if text.startswith("@") and not re.match(r"@[A-Za-z0-9]", text):
        return Diagnostic(code="S106", span=Span.of(source, start, start + 1))
    span = Span.of(source, start, start + max(1, len(text)))
    return Diagnostic(code="S102", span=span,
                      params=dict(found=text[:40], expected=expected_words, context=context))


def _open_emphasis(body: str) -> tuple[str, int] | None:
    """The first `*` or `**` left unclosed on the line, if any (escapes respected)."""
    stack: list[tuple[str, int]] = []
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            i += 2
            continue
        if c == "*":
            mark = "**" if body.startswith("**", i) else "*"
            if stack and stack[-1][0] == mark:
                stack.pop()
            else:
                stack.append((mark, i))
            i += len(mark)
            continue
        i += 1
    if not stack:
        return None
    mark, where = stack[0]
    return mark, where
