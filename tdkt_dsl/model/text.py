"""Inline text: Lark `text` trees → ``Text`` runs; slicing and trimming runs by character offset."""

from __future__ import annotations

import unicodedata
from typing import Callable

from .. import vocabulary
from ..catalogue import say
from ..syntax import Token, Tree

from ..diagnostics import Diagnostic, Span
from ..generations import Generations
from ..source import Source
from .nodes import Run, Text

# Variable names a drafter may write, in either language → canonical name (vocabulary.toml).
VARIABLE_ALIASES = vocabulary.variable_aliases()


def variable_key(raw: str) -> str:
    s = unicodedata.normalize("NFC", raw.strip().lower())
    return "_".join(s.replace("-", " ").split())


class TextContext:
    """What converting a text reads besides its tree (a plain class: a dataclass costs ~0.5 ms of
    start-up to define)."""

    __slots__ = ("source", "variables", "resolve_ref", "diagnostics", "cache", "_variables_key")

    def __init__(self, source: Source, variables: dict[str, str],
                 resolve_ref: Callable[[str, Span], Run | None],  # returns None and reports when unknown
                 diagnostics: list[Diagnostic] | None = None,
                 cache: TextCache | None = None) -> None:  # a compiler Session's texts of earlier compilations
        self.source, self.variables, self.resolve_ref, self.cache = source, variables, resolve_ref, cache
        self.diagnostics: list[Diagnostic] = [] if diagnostics is None else diagnostics
        self._variables_key: tuple | None = None

    def variables_key(self) -> tuple:
        if self._variables_key is None:  # the variables are settled before any text is converted
            self._variables_key = tuple(sorted(self.variables.items()))
        return self._variables_key


class TextCache(Generations):
    """Texts converted in earlier compilations of a session, by the tree they came from (the
    session's line cache gives an unchanged line the very same tree). Only texts whose conversion
    read nothing but the tree and the variables — no `@id` (the registry), no diagnostic — are
    kept. A text found again at another place is moved there: spans shifted by the distance, lines
    and columns by the line's. Two generations, like the line cache."""



def convert(tree: Tree | None, offset: int, ctx: TextContext, *, trim: bool = True) -> Text:
    cache = ctx.cache
    if cache is not None and tree is not None:
        key = (id(tree), trim, ctx.source.path, ctx.variables_key())
        hit = cache.get(key)
        if hit is not None and hit[0] is tree:
            return _moved(hit, offset, ctx.source)
        before = len(ctx.diagnostics)
    pieces: list[list] = []
    if tree is not None:
        _collect(tree, offset, ctx, False, False, pieces)
    text = _assemble(pieces, offset, ctx.source, trim)
    if cache is not None and tree is not None and len(ctx.diagnostics) == before:
        line, column = ctx.source.line_col(offset)
        spans = [r.span for r in text.runs if r.span is not None] + ([text.span] if text.span else [])
        if (all(sp.line == sp.end_line == line for sp in spans)
                and not any(t.type == "REF" for t in tree.scan_values(lambda v: isinstance(v, Token)))):
            cache.current[key] = (tree, offset, line, column, text)
    return text


def _moved(hit: tuple, offset: int, source: Source) -> Text:
    """A cached text at ``offset``: itself when nothing before it moved, else a shifted copy."""
    _, old_offset, old_line, old_column, text = hit
    line, column = source.line_col(offset)
    delta, dl, dc = offset - old_offset, line - old_line, column - old_column
    if not (delta or dl or dc):
        return text

    def span(sp: Span | None) -> Span | None:
        if sp is None:
            return None
        return Span(file=sp.file, start=sp.start + delta, end=sp.end + delta, line=sp.line + dl,
                    column=sp.column + dc, end_line=sp.end_line + dl, end_column=sp.end_column + dc)

    runs = [Run(text=r.text, bold=r.bold, italic=r.italic, origin=r.origin, name=r.name, span=span(r.span))
            for r in text.runs]
    return Text(runs=runs, span=span(text.span))


# A piece of text while a tree is converted: [text, bold, italic, origin, name, start, end, span].
# Runs are merged and trimmed as pieces and become ``Run``s once, at the end (`_assemble`): the same
# runs and spans `_merge` and `trim_text` make from ``Run``s, without a copy per step. ``span`` is
# the span already made for the piece (a diagnostic or a resolved `@id` needed it), else None.
_TEXT, _BOLD, _ITALIC, _ORIGIN, _NAME, _START, _END, _SPAN = range(8)


def _collect(node, offset: int, ctx: TextContext, bold: bool, italic: bool, out: list[list]) -> None:
    if isinstance(node, Token):
        out.append(_token_piece(node, offset, ctx, bold, italic))
        return
    kind = node.data
    if kind in ("strong", "strong_in_emph"):
        bold = True
    elif kind in ("emph", "emph_in_strong"):
        italic = True
    for child in node.children:
        if isinstance(child, Token):
            out.append(_token_piece(child, offset, ctx, bold, italic))
        else:
            _collect(child, offset, ctx, bold, italic, out)


def _token_piece(tok: Token, offset: int, ctx: TextContext, bold: bool, italic: bool) -> list:
    start, end = offset + tok.start_pos, offset + tok.end_pos
    kind, value = tok.type, str(tok)
    if kind == "ESCAPE":
        return [value[1:], bold, italic, "text", None, start, end, None]
    if kind == "VAR":
        name = variable_key(value[1:-1])
        canonical = VARIABLE_ALIASES.get(name)
        if canonical is None:
            span = Span.of(ctx.source, start, end)
            ctx.diagnostics.append(_unknown_variable(value[1:-1], span))
            return [value, bold, italic, "text", None, start, end, span]
        return [ctx.variables.get(canonical, ""), bold, italic, "var", canonical, start, end, None]
    if kind == "REF":
        span = Span.of(ctx.source, start, end)
        run = ctx.resolve_ref(value[1:], span)
        if run is None:
            return [value, bold, italic, "text", None, start, end, span]
        return [run.text, bold or run.bold, italic or run.italic, run.origin, run.name,
                run.span.start, run.span.end, run.span]
    return [value, bold, italic, "text", None, start, end, None]  # PLAIN ("*" tokens never reach here)


def _assemble(pieces: list[list], offset: int, source: Source, trim: bool) -> Text:
    """``Text`` of the pieces: neighbouring literal pieces of one formatting joined (`_merge`), then
    blank pieces dropped and the ends stripped (`trim_text`). Every piece lies on the line of
    ``offset``, so its span's line and columns come from that line's start."""
    if not pieces:
        return Text(runs=[], span=None)
    line, column = source.line_col(offset)
    path = source.path
    # (pydantic's validators called without the Python wrappers of model_validate and __init__: the
    # same validation of the same fields, for every run of every text)
    new_span = Span.__pydantic_validator__.validate_python
    new_run = Run.__pydantic_validator__.validate_python

    def span(start: int, end: int) -> Span:
        return new_span({"file": path, "start": start, "end": end, "line": line,
                         "column": column + start - offset, "end_line": line, "end_column": column + end - offset})

    cover = (pieces[0][_START], pieces[-1][_END])  # of every piece, empty ones too (`_cover`)
    merged: list[list] = []
    for p in pieces:
        if not p[_TEXT]:
            continue
        prev = merged[-1] if merged else None
        if (prev is not None and prev[_ORIGIN] == p[_ORIGIN] == "text" and prev[_BOLD] == p[_BOLD]
                and prev[_ITALIC] == p[_ITALIC] and prev[_END] == p[_START]
                and len(prev[_TEXT]) == prev[_END] - prev[_START] and len(p[_TEXT]) == p[_END] - p[_START]):
            merged[-1] = [prev[_TEXT] + p[_TEXT], prev[_BOLD], prev[_ITALIC], "text", None,
                          prev[_START], p[_END], None]
        else:
            merged.append(p)
    if trim:
        lo, hi = 0, len(merged)
        while lo < hi and not merged[lo][_TEXT].strip():
            lo += 1
        while hi > lo and not merged[hi - 1][_TEXT].strip():
            hi -= 1
        merged = merged[lo:hi]
        if not merged:
            return Text(runs=[], span=span(*cover))
        first = merged[0]
        lead = len(first[_TEXT]) - len(first[_TEXT].lstrip())
        if lead:
            exact = first[_ORIGIN] == "text" and len(first[_TEXT]) == first[_END] - first[_START]
            first = merged[0] = list(first)
            first[_TEXT] = first[_TEXT][lead:]
            if exact:
                first[_START] += lead
                first[_SPAN] = None
        last = merged[-1]
        tail = len(last[_TEXT]) - len(last[_TEXT].rstrip())
        if tail:
            exact = last[_ORIGIN] == "text" and len(last[_TEXT]) == last[_END] - last[_START]
            last = merged[-1] = list(last)
            last[_TEXT] = last[_TEXT][: len(last[_TEXT]) - tail]
            if exact:
                last[_END] -= tail
                last[_SPAN] = None
        cover = (merged[0][_START], merged[-1][_END])
    runs = []
    for p in merged:
        sp = p[_SPAN] or span(p[_START], p[_END])
        p[_SPAN] = sp
        if p[_ORIGIN] == "text":
            runs.append(new_run({"text": p[_TEXT], "bold": p[_BOLD], "italic": p[_ITALIC], "span": sp}))
        else:
            runs.append(new_run({"text": p[_TEXT], "bold": p[_BOLD], "italic": p[_ITALIC], "origin": p[_ORIGIN],
                                 "name": p[_NAME], "span": sp}))
    one = merged[0] if len(merged) == 1 else None  # one run: the text's span is the run's (spans are frozen)
    return Text(runs=runs, span=one[_SPAN] if one and (one[_START], one[_END]) == cover else span(*cover))


def _unknown_variable(name: str, span: Span) -> Diagnostic:
    import difflib

    names = sorted(set(VARIABLE_ALIASES))
    close = difflib.get_close_matches(variable_key(name), names, n=1, cutoff=0.5)
    suggestion = say("hint.did-you-mean", name=f"{{{close[0]}}}") if close else ""
    return Diagnostic(code="M207", span=span, params=dict(name=name, suggestion=suggestion))


def _cover(runs: list[Run]) -> Span | None:
    spans = [r.span for r in runs if r.span]
    if not spans:
        return None
    a, b = spans[0], spans[-1]
    return a.model_copy(update={"end": b.end, "end_line": b.end_line, "end_column": b.end_column})


def _shift(span: Span | None, start_delta: int, end_delta: int, exact: bool) -> Span | None:
    if span is None or not exact:
        return span
    new_start, new_end = span.start + start_delta, span.end - end_delta
    return span.model_copy(update={
        "start": new_start, "end": max(new_start, new_end),
        "column": span.column + start_delta,
        "end_column": span.end_column - end_delta if span.line == span.end_line else span.end_column,
    })


def _exact(run: Run) -> bool:
    return run.origin == "text" and run.span is not None and len(run.text) == run.span.end - run.span.start


def trim_text(text: Text) -> Text:
    runs = list(text.runs)
    while runs and not runs[0].text.strip():
        runs.pop(0)
    while runs and not runs[-1].text.strip():
        runs.pop()
    if not runs:
        return Text(runs=[], span=text.span)
    first, last = runs[0], runs[-1]
    lead = len(first.text) - len(first.text.lstrip())
    if lead:
        runs[0] = first.model_copy(update={"text": first.text[lead:],
                                           "span": _shift(first.span, lead, 0, _exact(first))})
    last = runs[-1]
    tail = len(last.text) - len(last.text.rstrip())
    if tail:
        runs[-1] = last.model_copy(update={"text": last.text[: len(last.text) - tail],
                                           "span": _shift(last.span, 0, tail, _exact(last))})
    return Text(runs=runs, span=_cover(runs))


def slice_text(text: Text, start: int, end: int) -> Text:
    """The part of ``text`` between character offsets of ``text.plain``."""
    out: list[Run] = []
    pos = 0
    for r in text.runs:
        a, b = pos, pos + len(r.text)
        pos = b
        lo, hi = max(a, start), min(b, end)
        if lo >= hi:
            continue
        exact = _exact(r)
        out.append(r.model_copy(update={
            "text": r.text[lo - a: hi - a],
            "span": _shift(r.span, lo - a, b - hi, exact),
        }))
    return trim_text(Text(runs=out, span=_cover(out)))


def plain_text(value: str, span: Span | None = None) -> Text:
    return Text(runs=[Run(text=value, span=span)] if value else [], span=span)
