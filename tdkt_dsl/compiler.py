"""The pipeline in one place: source → syntax → model → checks. Writers take the result.

`compile_path`, `compile_source` and `compile_text` compile from scratch. A `Session` compiles the
same plan again and again (an editor, a preview, `--watch`) and keeps what it can between
compilations; its results are those of a cold compile, byte for byte (tests/test_session.py).
"""


import gc
import hashlib
import os
import threading
import time
from contextlib import contextmanager
from typing import NamedTuple

from .check import run_checks
from .check._memo import ACTIVE as _ACTIVE_MEMO, TextMemo
from .check.hygiene import check_characters
from .config import apply as apply_config, one_lookup
from .diagnostics import Diagnostic, has_errors, sort_key
from .model.builder import build, build_path
from .model.text import TextCache
from .model.nodes import Plan
from .source import Source
from .syntax import LineCache


class Compilation(NamedTuple):
    plan: Plan | None
    diagnostics: list[Diagnostic]
    sources: dict[str, Source]

    @property
    def ok(self) -> bool:
        return self.plan is not None and not has_errors(self.diagnostics)


def _finish(result, memo: TextMemo | None = None) -> Compilation:
    diags = list(result.diagnostics)
    diags.extend(check_characters(result.sources))  # even when the plan was not understood
    if result.plan is not None:
        token = _ACTIVE_MEMO.set(memo)
        try:
            diags.extend(run_checks(result.plan, result.sources))
        finally:
            _ACTIVE_MEMO.reset(token)
    path = result.plan.source_path if result.plan is not None else next(iter(result.sources), None)
    diags = apply_config(diags, result.plan, result.sources, path)  # suppressions, [tool.tdkt]
    diags = _dedupe(sorted(diags, key=sort_key))
    return Compilation(result.plan, diags, result.sources)


def _dedupe(diags: list[Diagnostic]) -> list[Diagnostic]:
    seen, out = set(), []
    for d in diags:
        key = (d.code, d.span.file, d.span.start, d.span.end, repr(sorted(d.params.items())))
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


@contextmanager
def _collector_paused():
    """A compilation allocates hundreds of thousands of objects and frees them by reference
    counting; the cyclic collector, left on, would scan the growing heap again and again (it
    doubled the time of a 10,000-line plan). Paused for the compilation, as the CLI does for the
    whole process; left as it was afterwards (a compilation in another thread may resume it
    early: harmless)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def compile_path(path: str) -> Compilation:
    with _collector_paused(), one_lookup():
        return _finish(build_path(path))


def compile_source(source: Source) -> Compilation:
    with _collector_paused(), one_lookup():
        return _finish(build(source))


def compile_text(text: str, path: str = "<input>") -> Compilation:
    return compile_source(Source.from_text(text, path))


# ---- warm compilation ----------------------------------------------------------------------

class _Files:
    """Profiles (`dùng:`) read through a session: a file is read again only when its stat (mtime,
    ctime, size, inode) changed, or when it was modified less than two seconds before it was last
    read (a second write within the clock's tick would keep the stat); same bytes → the same
    `Source` object."""

    RACY_SECONDS = 2.0

    def __init__(self) -> None:
        self.entries: dict[str, tuple[tuple, float, bytes, Source]] = {}

    def load(self, path: str) -> Source:
        try:
            st = os.stat(path)
        except OSError:
            return Source.from_path(path)  # the same SourceError a cold compile reports
        key = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino, st.st_dev)
        changed = max(st.st_mtime_ns, st.st_ctime_ns) / 1e9
        hit = self.entries.get(path)
        if hit is not None and hit[0] == key and hit[1] - changed > self.RACY_SECONDS:
            return hit[3]
        read_at = time.time()
        src = Source.from_path(path)
        digest = hashlib.sha256(src.text.encode("utf-8")).digest()
        if hit is not None and hit[2] == digest and hit[3].was_nfc == src.was_nfc:
            src = hit[3]
        self.entries[path] = (key, read_at, digest, src)
        return src


class Session:
    """Compiles one plan again and again, keeping between compilations:

    - the parse of every line, by its text (the grammar reads one line at a time, and a tree is
      relative to its line), so an edit re-parses only the lines it touched, and the texts
      converted from those trees (`model/text.py`'s TextCache, moved with their line);
    - the profiles it uses (`dùng:`), read again only when their files change;
    - the results of the checks that judge one text at a time (prose dates and years, name drift),
      by the text and the context they read (`check/_memo.py`), moved with the text when an edit
      above it shifts it.

    Everything else runs again, so a result is always the cold compile's. One session per
    document; safe to share between threads (compilations take turns)."""

    def __init__(self) -> None:
        self._lines = LineCache()
        self._texts = TextCache()
        self._files = _Files()
        self._memo = TextMemo()
        self._lock = threading.Lock()

    def _start(self) -> None:
        self._lines.next_generation()
        self._texts.next_generation()
        self._memo.next_generation()

    def compile_source(self, source: Source) -> Compilation:
        with self._lock:
            self._start()
            with _collector_paused(), one_lookup():
                return _finish(build(source, self._files.load, self._lines, self._texts), self._memo)

    def compile_text(self, text: str, path: str = "<input>") -> Compilation:
        return self.compile_source(Source.from_text(text, path))

    def compile_path(self, path: str) -> Compilation:
        with self._lock:
            self._start()
            with _collector_paused(), one_lookup():
                return _finish(build_path(path, self._files.load, self._lines, self._texts), self._memo)


class Sessions:
    """One `Session` per document path for a server with many documents open (the language
    server, `tdkt serve`); the ``limit`` most recently used are kept."""

    def __init__(self, limit: int = 32) -> None:
        self.limit = limit
        self._by_path: dict[str, Session] = {}
        self._lock = threading.Lock()

    def get(self, path: str) -> Session:
        with self._lock:
            session = self._by_path.pop(path, None) or Session()
            self._by_path[path] = session  # most recent last
            while len(self._by_path) > self.limit:
                self._by_path.pop(next(iter(self._by_path)))
            return session

    def drop(self, path: str) -> None:
        with self._lock:
            self._by_path.pop(path, None)
