"""Inline text: Lark `text` trees → ``Text`` runs; slicing and trimming runs by character offset."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
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


@dataclass
class TextContext:
    source: Source
    variables: dict[str, str]
    resolve_ref: Callable[[str, Span], Run | None]  # returns None and reports when unknown
    diagnostics: list[Diagnostic] = field(default_factory=list)
    cache: "TextCache | None" = None  # a compiler Session's texts of earlier compilations
    _variables_key: tuple | None = None

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
    runs: list[Run] = []
    if tree is not None:
        _walk(tree, offset, ctx, False, False, runs)
    text = Text(runs=_merge(runs), span=_cover(runs))
    text = trim_text(text) if trim else text
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


def _walk(node, offset: int, ctx: TextContext, bold: bool, italic: bool, out: list[Run]) -> None:
    if isinstance(node, Token):
        out.extend(_token_runs(node, offset, ctx, bold, italic))
        return
    kind = node.data
    if kind in ("strong", "strong_in_emph"):
        bold = True
    elif kind in ("emph", "emph_in_strong"):
        italic = True
    for child in node.children:
        _walk(child, offset, ctx, bold, italic, out)


def _token_runs(tok: Token, offset: int, ctx: TextContext, bold: bool, italic: bool) -> list[Run]:
    span = Span.of(ctx.source, offset + tok.start_pos, offset + tok.end_pos)
    value = str(tok)
    if tok.type == "PLAIN":
        return [Run(text=value, bold=bold, italic=italic, span=span)]
    if tok.type == "ESCAPE":
        return [Run(text=value[1:], bold=bold, italic=italic, span=span)]
    if tok.type == "VAR":
        name = variable_key(value[1:-1])
        canonical = VARIABLE_ALIASES.get(name)
        if canonical is None:
            ctx.diagnostics.append(_unknown_variable(value[1:-1], span))
            return [Run(text=value, bold=bold, italic=italic, span=span)]
        return [Run(text=ctx.variables.get(canonical, ""), bold=bold, italic=italic,
                    origin="var", name=canonical, span=span)]
    if tok.type == "REF":
        run = ctx.resolve_ref(value[1:], span)
        if run is None:
            return [Run(text=value, bold=bold, italic=italic, span=span)]
        return [run.model_copy(update={"bold": bold or run.bold, "italic": italic or run.italic})]
    return [Run(text=value, bold=bold, italic=italic, span=span)]  # "*" tokens never reach here


def _unknown_variable(name: str, span: Span) -> Diagnostic:
    import difflib

    names = sorted(set(VARIABLE_ALIASES))
    close = difflib.get_close_matches(variable_key(name), names, n=1, cutoff=0.5)
    suggestion = say("hint.did-you-mean", name=f"{{{close[0]}}}") if close else ""
    return Diagnostic(code="M207", span=span, params=dict(name=name, suggestion=suggestion))


def _merge(runs: list[Run]) -> list[Run]:
    """Join neighbouring literal runs of the same formatting (keeps spans contiguous)."""
    out: list[Run] = []
    for r in runs:
        if not r.text:
            continue
        prev = out[-1] if out else None
        if (prev is not None and prev.origin == r.origin == "text" and prev.bold == r.bold
                and prev.italic == r.italic and prev.span and r.span and prev.span.end == r.span.start
                and len(prev.text) == prev.span.end - prev.span.start
                and len(r.text) == r.span.end - r.span.start):
            out[-1] = prev.model_copy(update={
                "text": prev.text + r.text,
                "span": prev.span.model_copy(update={"end": r.span.end, "end_line": r.span.end_line,
                                                    "end_column": r.span.end_column}),
            })
        else:
            out.append(r)
    return out


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
