"""`tdkt build --watch`: rebuild whenever the plan or a profile it uses is saved.

Each rebuild prints the diagnostics; the output is replaced atomically and only by a plan
without errors, so the file on disk is always the last good build, never a partial one.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from .catalogue.ui import text
from .compiler import Session
from .diagnostics import Problem


def watch(plan: Path, out: Path, render: Callable, write: Callable, show: Callable, say: Callable,
          lang: str, *, stop_after: int | None = None) -> None:
    """Build now, then after each change of a watched file; ``stop_after`` bounds the rebuilds
    (tests)."""
    from watchfiles import watch as changes

    session = Session()  # a save re-parses only the lines that changed, a profile only when saved

    def once() -> set[Path]:
        comp = session.compile_path(str(plan))
        show(comp.diagnostics, comp.sources, lang)
        if comp.ok and comp.plan is not None:
            try:
                write(out, render(comp.plan), comp)
                say(f"[{time.strftime('%H:%M:%S')}] " + text("cli.wrote", lang, path=out))
            except Problem as exc:
                say(exc.message(lang))
        else:
            say(f"[{time.strftime('%H:%M:%S')}] " + text("watch.kept", lang))
        return {Path(p).resolve() for p in comp.sources if not p.startswith("<")} | {plan.resolve()}

    watched = once()
    say(text("watch.watching", lang))
    rebuilds = 0
    folders = {p.parent for p in watched}
    for batch in changes(*folders, debounce=150, step=50, rust_timeout=0, yield_on_timeout=False):
        if not {Path(p).resolve() for _, p in batch} & watched:
            continue
        watched = once()
        folders_now = {p.parent for p in watched}
        rebuilds += 1
        if stop_after is not None and rebuilds >= stop_after:
            return
        if folders_now != folders:  # a new profile folder: watch it too
            return watch(plan, out, render, write, show, say, lang,
                         stop_after=None if stop_after is None else stop_after - rebuilds)
