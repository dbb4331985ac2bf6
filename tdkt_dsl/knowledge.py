"""Knowledge about time and context, read from tdkt_dsl/data/knowledge.toml (and the files a project
adds with `knowledge = [...]` in its tdkt.toml): base years of anniversaries, holidays,
administrative changes, recurring events and the word lists of the prose checks.

Data only: the checks and the rollover decide what to do with it. Loading never raises; a file
that cannot be read adds nothing (the project's config check reports it).
"""


import datetime as _dt
import os
import re
from typing import NamedTuple
from functools import lru_cache
from pathlib import Path

from . import vocabulary
from .resources import data_table



@lru_cache(maxsize=16384)  # a pure function of the string, met again by every check and compilation
def fold(s: str) -> str:
    """`vocabulary.fold` with "&" and "-" as spaces: names of events are compared this way."""
    return vocabulary.fold(s.replace("&", " ").replace("-", " "))


class KnownAnniversary(NamedTuple):
    names: tuple[str, ...]  # folded
    year: int
    day_month: tuple[int, int] | None


class AdminChange(NamedTuple):
    what: str
    what_en: str
    date: _dt.date
    patterns: tuple[re.Pattern, ...]
    exceptions: tuple[re.Pattern, ...]

    def applies(self, agency: str) -> bool:
        return (any(p.search(agency) for p in self.patterns)
                and not any(p.search(agency) for p in self.exceptions))


class Recurring(NamedTuple):
    names: tuple[str, ...]  # folded
    period: int


class Knowledge:
    """The knowledge tables of a plan, merged from the packaged file and the project's (a plain
    class: filled by _merge, and a dataclass costs ~0.5 ms of start-up to define)."""

    __slots__ = ("anniversaries", "holidays", "changes", "recurring", "forward", "backward", "deadline_words",
                 "history_words", "neutral", "yearly_doc_types")

    def __init__(self) -> None:
        self.anniversaries: list[KnownAnniversary] = []
        self.holidays: set[tuple[int, int]] = set()
        self.changes: list[AdminChange] = []
        self.recurring: list[Recurring] = []
        self.forward: list[str] = []
        self.backward: list[str] = []
        self.deadline_words: list[str] = []
        self.history_words: list[str] = []
        self.neutral: list[str] = []
        self.yearly_doc_types: list[str] = []

    def anniversary_of(self, event: str) -> KnownAnniversary | None:
        """The anniversary whose (longest) name the event text starts with or contains."""
        f = fold(event)
        best, best_len = None, 0
        for a in self.anniversaries:
            for n in a.names:
                if n in f and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", f) and len(n) > best_len:
                    best, best_len = a, len(n)
        return best

    def recurring_of(self, text: str) -> Recurring | None:
        f = fold(text)
        for r in self.recurring:
            if any(n in f for n in r.names):
                return r
        return None


def _day_month(raw) -> tuple[int, int] | None:
    m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})\s*", str(raw or ""))
    return (int(m.group(1)), int(m.group(2))) if m else None


def _strings(v) -> list[str]:
    if isinstance(v, str):
        return [v]
    return [x for x in v if isinstance(x, str)] if isinstance(v, list) else []


def _merge(k: Knowledge, data: dict) -> None:
    for e in data.get("ky-niem", []) or []:
        if isinstance(e, dict) and isinstance(e.get("nam"), int) and _strings(e.get("ten")):
            dm = _day_month(e.get("ngay"))
            k.anniversaries.append(KnownAnniversary(tuple(fold(n) for n in _strings(e["ten"])), e["nam"], dm))
            if dm:
                k.holidays.add(dm)
    for raw in _strings((data.get("ngay-le") or {}).get("ngay", [])):
        dm = _day_month(raw)
        if dm:
            k.holidays.add(dm)
    for e in data.get("thay-doi-hanh-chinh", []) or []:
        if not isinstance(e, dict):
            continue
        m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", str(e.get("ngay", "")).strip())
        try:
            date = _dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else None
            pats = tuple(re.compile(p, re.IGNORECASE) for p in _strings(e.get("mau")))
            excs = tuple(re.compile(p, re.IGNORECASE) for p in _strings(e.get("tru")))
        except (ValueError, re.error):
            continue
        if date and pats:
            what = str(e.get("ten", ""))
            k.changes.append(AdminChange(what, str(e.get("ten-en", what)), date, pats, excs))
    for e in data.get("su-kien-dinh-ky", []) or []:
        if isinstance(e, dict) and isinstance(e.get("chu-ky"), int) and _strings(e.get("ten")):
            k.recurring.append(Recurring(tuple(fold(n) for n in _strings(e["ten"])), e["chu-ky"]))
    words = data.get("tu-ngu") or {}
    k.forward += _strings(words.get("nhin-toi"))
    k.backward += _strings(words.get("nhin-lai"))
    k.deadline_words += _strings(words.get("han"))
    k.history_words += _strings(words.get("lich-su"))
    k.neutral += _strings(words.get("trung-lap"))
    k.yearly_doc_types += _strings((data.get("van-ban") or {}).get("theo-nam"))


def _read(path: Path) -> dict | None:
    from .config import _read_toml

    data, _err = _read_toml(path)
    return data if isinstance(data, dict) else None


def _stamp(path: str) -> tuple | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)


@lru_cache(maxsize=16)
def _load(extra: tuple[str, ...], stamps: tuple = ()) -> Knowledge:
    # `stamps` (the files' stat) is part of the key only: a project's knowledge file edited while
    # an editor's session or `tdkt serve` runs is read again, as a new command would read it
    k = Knowledge()
    _merge(k, data_table("knowledge"))  # shipped, then the project's own files
    for path in map(Path, extra):
        data = _read(path)
        if data is not None:
            _merge(k, data)
    return k


def knowledge_for(plan_path: str | None = None) -> Knowledge:
    """The shipped knowledge plus the files named by the plan's project config (`knowledge`)."""
    extra: tuple[str, ...] = ()
    if plan_path:
        from .config import load_for

        extra = tuple(load_for(plan_path).knowledge)
    return _load(extra, tuple(_stamp(p) for p in extra))
