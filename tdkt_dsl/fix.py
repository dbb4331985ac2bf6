"""`tdkt check --fix`: apply the safe fixes of the diagnostics to the source, atomically."""

from __future__ import annotations

from pathlib import Path

from .diagnostics import Diagnostic
from .output import write_atomic


def apply_edits(text: str, diags: list[Diagnostic]) -> tuple[str, int]:
    """Apply non-overlapping safe edits, last first; returns the new text and the count applied."""
    edits = []
    for d in diags:
        if d.fix is None or not d.fix.safe:
            continue
        edits.extend(d.fix.edits)
    edits.sort(key=lambda e: (e.start, e.end))
    chosen, last_end = [], -1
    for e in edits:
        if e.start >= last_end:
            chosen.append(e)
            last_end = e.end
    for e in reversed(chosen):
        text = text[: e.start] + e.text + text[e.end:]
    return text, len(chosen)


def apply_fixes(path: Path, comp, lang: str):
    from .compiler import compile_path

    source = comp.sources.get(str(path))
    if source is None:
        return comp
    mine = [d for d in comp.diagnostics if d.span.file == str(path)]
    new_text, n = apply_edits(source.text, mine)
    if n:
        write_atomic(path, new_text.encode("utf-8"))
        return compile_path(str(path))
    return comp
