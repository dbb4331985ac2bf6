"""`tdkt check --fix`: apply the safe fixes of the diagnostics to the source — only when they
cannot corrupt it.

A fix is kept only if re-reading the fixed text gives the same plan except for the intended
change: the same structure (sections, bullets, tasks, units, fields — everything but the
wording), unless the fix itself adds or removes a line, and no new error. When the fixes taken
together fail that test they are tried one by one (at most `MAX_TRIALS` re-reads) and the ones
that fail are reported (O916) and left for the drafter. The file keeps its line endings (CRLF
stays CRLF), its byte order mark, its permissions and its hard links (see output.py).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from .diagnostics import Diagnostic, Edit, Severity, Span
from .output import prepare, write
from .source import Source, SourceError, read_limited

MAX_TRIALS = 40


def _edits_of(diags: list[Diagnostic]) -> list[tuple[Diagnostic, list[Edit]]]:
    """Diagnostics with a safe fix, each with its edits; overlapping fixes keep the first."""
    out, taken = [], []
    for d in sorted((d for d in diags if d.fix is not None and d.fix.safe and d.fix.edits),
                    key=lambda d: min(e.start for e in d.fix.edits)):
        edits = sorted(d.fix.edits, key=lambda e: (e.start, e.end))
        if any(_overlap(e.start, e.end, a, b) for e in edits for a, b in taken):
            continue
        taken.extend((e.start, e.end) for e in edits)
        out.append((d, edits))
    return out


def _overlap(s1: int, e1: int, s2: int, e2: int) -> bool:
    if s1 < e2 and s2 < e1:
        return True
    return s1 == s2 and (s1 == e1 or s2 == e2)  # two insertions (or an insertion and a change) at one point


def apply_edits(text: str, diags: list[Diagnostic]) -> tuple[str, int]:
    """Apply non-overlapping safe edits, last first; returns the new text and the count applied."""
    chosen = [e for _, edits in _edits_of(diags) for e in edits]
    return _apply(text, chosen), len(chosen)


def _apply(text: str, edits: list[Edit]) -> str:
    for e in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: e.start] + e.text + text[e.end:]
    return text


def _structural(text: str, edits: list[Edit]) -> bool:
    """The fix adds or removes a line: the plan's structure is meant to change."""
    return any("\n" in e.text or "\n" in text[e.start:e.end] for e in edits)


_IGNORED = {"span", "source_path", "profile_path", "comments"}
# strings that are structure, not wording: what kind of paragraph, which role, which layout …
_STRUCTURAL = {"kind", "layout", "orientation", "recurrence", "role", "id"}


def skeleton(node, key: str = ""):
    """The plan without its wording: what a text-only fix must leave unchanged. A text (a dict
    with ``runs``) is wording as a whole: a fix may split it into runs (a year → `{năm}`)."""
    if isinstance(node, dict):
        if "runs" in node:
            return "text"
        return {k: skeleton(v, k) for k, v in node.items() if k not in _IGNORED}
    if isinstance(node, list):
        return [skeleton(v, key) for v in node]
    if isinstance(node, str):
        return node if key in _STRUCTURAL else ""
    return node


def _printed_words(plan) -> list[str] | None:
    from .render.text import render_text

    try:
        return re.sub(r"[\x00-\x1f\x7f]", " ", render_text(plan)).split()
    except Exception:  # noqa: BLE001 - a plan that cannot be printed cannot be compared: refuse
        return None


def _header_words(plan) -> list[str]:
    def strings(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k not in _IGNORED:
                    yield from strings(v)
        elif isinstance(node, list):
            for v in node:
                yield from strings(v)
        elif isinstance(node, str):
            yield node

    return re.sub(r"[\x00-\x1f\x7f]", " ", " ".join(strings(plan.header.model_dump(mode="json")))).split()


def _errors(comp) -> Counter:
    return Counter(d.code for d in comp.diagnostics if d.level is Severity.ERROR)


def _acceptable(before, after, structural: bool) -> bool:
    if (after.plan is None) != (before.plan is None):
        return False
    new_errors = _errors(after) - _errors(before)
    if new_errors:
        return False
    if before.plan is None:
        return True
    if structural:  # a line added or removed: the printed words stay the same, in order, and
        # the header (title, agency …) keeps its words: a new line may not cut a field short
        return (_printed_words(before.plan) == _printed_words(after.plan)
                and _header_words(before.plan) == _header_words(after.plan))
    return skeleton(before.plan.model_dump(mode="json")) == skeleton(after.plan.model_dump(mode="json"))


def apply_fixes(path: Path, comp, lang: str):
    """Fix ``path`` in place; returns the compilation of the fixed file (with O916 notes for the
    fixes that were not applied). Raises a `Problem` when the file cannot be written."""
    from .compiler import compile_path, compile_source

    source = comp.sources.get(str(path))
    if source is None:
        return comp
    candidates = _edits_of([d for d in comp.diagnostics if d.span.file == str(path)])
    if not candidates:
        return comp

    def trial(edits: list[Edit]):
        return compile_source(Source.from_text(_apply(source.text, edits), source.path))

    every = [e for _, edits in candidates for e in edits]
    rejected: list[Diagnostic] = []
    result = trial(every)
    if _acceptable(comp, result, _structural(source.text, every)):
        accepted = every
    else:  # find the culprits: add the fixes one at a time
        accepted, result = [], None
        for i, (d, edits) in enumerate(candidates):
            if i >= MAX_TRIALS:
                rejected.extend(d2 for d2, _ in candidates[i:])
                break
            attempt = trial(accepted + edits)
            if _acceptable(comp, attempt, _structural(source.text, accepted + edits)):
                accepted, result = accepted + edits, attempt
            else:
                rejected.append(d)
    if not accepted:
        return _with(comp, [Diagnostic(code="O916", span=d.span, params=dict(code=d.code)) for d in rejected])
    target = prepare(str(path), "tdkt", force=True)  # the user's own source, asked to be fixed
    write(target, _encode(_apply(source.text, accepted), path))
    fixed = compile_path(str(path))
    new_source = fixed.sources.get(str(path))
    notes = []
    for d in rejected:  # where the unfixed place is now, in the fixed file
        shift = sum(len(e.text) - (e.end - e.start) for e in accepted if e.end <= d.span.start)
        span = (Span.of(new_source, d.span.start + shift, d.span.end + shift) if new_source is not None
                else d.span)
        notes.append(Diagnostic(code="O916", span=span, params=dict(code=d.code)))
    return _with(fixed, notes)


def _with(comp, notes: list[Diagnostic]):
    if notes:
        return comp._replace(diagnostics=sorted(comp.diagnostics + notes,
                                                key=lambda d: (d.span.file, d.span.start, d.code)))
    return comp


def _encode(text: str, path: Path) -> bytes:
    """Write back as the file was: CRLF line endings and a byte order mark are kept."""
    try:
        raw = read_limited(path)
    except SourceError:
        raw = b""
    crlf = raw.count(b"\r\n")
    if crlf and crlf * 2 >= raw.count(b"\n"):
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        data = b"\xef\xbb\xbf" + data
    return data


__all__ = ["MAX_TRIALS", "apply_edits", "apply_fixes", "skeleton", "Span"]
