"""Results of a check on one text, kept between compilations of a `compiler.Session`.

A rule that judges each text of the plan on its own (a paragraph, a task's content) computes
through `per_text(tag, text, context, compute, sources)`. Outside a session it simply runs
``compute``. Inside one, the result is remembered under the text *as written relative to its first
character* (runs, formatting, relative offsets, file) plus ``context`` — everything else the
computation reads (the declared names, the plan's year …), which the caller must spell out. When
the same text comes back, maybe moved by an edit above it, the diagnostics are moved with it: spans
and fix edits are shifted by the distance and their lines and columns recomputed. A result that
points outside its own text (a related span elsewhere) is never remembered, so moving is exact.

Not a rule family: it registers no code.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from contextvars import ContextVar

from ..generations import Generations
from ..diagnostics import Diagnostic, Edit, Span
from ..model.nodes import Text
from ..source import Source

ACTIVE: ContextVar["TextMemo | None"] = ContextVar("tdkt_text_memo", default=None)
_UNCACHEABLE = object()


class TextMemo(Generations):
    """Two generations, like the session's line cache: what the latest compilation used and what
    the one before it used."""

    def __init__(self) -> None:
        super().__init__()
        self.pinned: dict[int, object] = {}  # objects named in contexts by identity stay alive
        self.keys: dict[int, tuple] = {}  # id(text) → (text, its key): each family asks again

    def next_generation(self) -> None:
        super().next_generation()
        self.keys = {}

    def text_key(self, text: Text):
        hit = self.keys.get(id(text))
        if hit is None or hit[0] is not text:  # the entry holds the text: its id is not reused
            hit = self.keys[id(text)] = (text, _text_key(text))
        return hit[1]


def identity(obj: object) -> int:
    """``obj`` in a context by identity (an unhashable, never-changed table such as the loaded
    knowledge): kept alive while the session lives, so its id is never reused."""
    memo = ACTIVE.get()
    if memo is not None:
        memo.pinned[id(obj)] = obj
    return id(obj)


def _text_key(text: Text) -> tuple[Hashable, str | None, int, int, int] | None:
    """(key, file, base, low, high): the text relative to its first located character, and the
    range of source offsets it covers. None when its runs lie in more than one file."""
    base = file = None
    lo = hi = 0
    parts = []
    for r in text.runs:
        sp = r.span
        if sp is None:
            parts.append((r.text, r.bold, r.italic, r.origin, r.name))
            continue
        if base is None:
            base, file, lo, hi = sp.start, sp.file, sp.start, sp.end
        elif sp.file != file:
            return None
        lo, hi = min(lo, sp.start), max(hi, sp.end)
        parts.append((r.text, r.bold, r.italic, r.origin, r.name, sp.start - base, sp.end - base))
    if base is None:
        return (tuple(parts), None), None, 0, 0, 0
    cover = text.span
    if cover is not None:
        if cover.file != file:
            return None
        parts.append(("cover", cover.start - base, cover.end - base))
    return (tuple(parts), file), file, base, lo, hi


def _inside(d: Diagnostic, file: str | None, lo: int, hi: int) -> bool:
    spans = [d.span, *(r.span for r in d.related)]
    if any(s.file != file or s.detached or not (lo <= s.start <= s.end <= hi) for s in spans):
        return False
    if d.fix is not None and not all(lo <= e.start <= e.end <= hi for e in d.fix.edits):
        return False
    return True


def _moved(d: Diagnostic, src: Source, delta: int) -> Diagnostic:
    def span(s: Span) -> Span:
        return Span.of(src, s.start + delta, s.end + delta)

    update: dict = {"span": span(d.span)}
    if d.related:
        update["related"] = [r.model_copy(update={"span": span(r.span)}) for r in d.related]
    if d.fix is not None:
        update["fix"] = d.fix.model_copy(update={"edits": [
            Edit(start=e.start + delta, end=e.end + delta, text=e.text) for e in d.fix.edits]})
    return d.model_copy(update=update)


def remembering() -> bool:
    """A session's memo is at hand (outside one, a family judges each text directly: `per_text`
    would only run ``compute``)."""
    return ACTIVE.get() is not None


def per_text(tag: str, text: Text, context: Hashable, compute: Callable[[], Iterable[Diagnostic]],
             sources: dict[str, Source]) -> list[Diagnostic]:
    memo = ACTIVE.get()
    if memo is None:
        return list(compute())
    found = memo.text_key(text)
    if found is None:
        return list(compute())
    tkey, file, base, lo, hi = found
    key = (tag, tkey, context)
    hit = memo.get(key)
    if hit is _UNCACHEABLE:
        return list(compute())
    if hit is not None:
        old_base, diags = hit
        if not diags:
            return []
        src = sources.get(file) if file is not None else None
        if src is None:
            return list(compute())
        delta = base - old_base
        return [_moved(d, src, delta) for d in diags]
    out = list(compute())
    ok = all(_inside(d, file, lo, hi) for d in out) and (not out or file is not None)
    memo.current[key] = (base, out) if ok else _UNCACHEABLE
    return out
