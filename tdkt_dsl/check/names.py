"""Tên đơn vị, lãnh đạo viết trong văn xuôi lệch với tên đã khai báo (R608).

**R608 name-drift** — một tên đã khai báo (`đơn vị …:`, `lãnh đạo …:`, kể cả trong hồ sơ cơ quan)
được viết lại trong văn bản với một chữ cái sai ở một từ (từ ≥ 4 chữ cái, không phải từ của tên khai
báo khác) hay sai hoa thường bên trong một chữ viết tắt ("HĐTđKT"): gợi ý dùng `@mã` (in ra đúng tên
đã khai báo). Chỉ xét tên từ ba từ trở lên. Cách viết tắt khác ("Hội đồng TĐKT Ngành" cho "Hội đồng
Thi đua - Khen thưởng Ngành") và "ngành"/"Ngành" không bị xét: các kế hoạch thật viết như vậy.

    đơn vị hd-nganh: Hội đồng Thi đua - Khen thưởng Ngành
    - Báo cáo về Hội đồng Thi đua - Khen thưởng Nghành.    // sai: ý bạn là `@hd-nganh`?
    - Báo cáo về @hd-nganh.                                 // đúng
"""


import re
from collections.abc import Iterator
from typing import NamedTuple

from ..diagnostics import Diagnostic
from ..model.nodes import Plan, Text
from ..source import Source
from ..catalogue import say
from ._common import Locator, diag, iter_texts, make_fix, plain_of
from ._memo import per_text, remembering

_TOKEN = re.compile(r"[^\s,;:.()“”\"'!?]+")
_DROP = {"-", "–", "&", "/"}
_BREAKS = tuple(",;:.()“”\"'!?")  # where a _TOKEN ends besides white space


def _raw_words(plain: str) -> list[str]:
    """The words `_TOKEN` finds, without the _DROP ones: the marks it stops at read as spaces, then
    split at white space (a pass in C per mark present instead of the pattern over every character)."""
    s = plain
    for ch in _BREAKS:
        if ch in s:
            s = s.replace(ch, " ")
    words = s.split()
    if "-" in s or "–" in s or "&" in s or "/" in s:
        return [w for w in words if w not in _DROP]
    return words


class Tok(NamedTuple):
    word: str  # lower case, an expanded abbreviation's word
    raw: str
    start: int
    end: int


def tokens(s: str) -> list[Tok]:
    out = []
    for m in _TOKEN.finditer(s):
        raw = m.group()
        if raw in _DROP:
            continue
        low = raw.lower()
        out.append(Tok(low, raw, m.start(), m.end()))
    return out


def _one_letter(a: str, b: str) -> bool:
    """Edit distance exactly 1 (a letter changed, added or dropped)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1:] == a for i in range(len(b)))


def _names(plan: Plan) -> list[tuple[str, str, list[Tok]]]:
    out = []
    for group in (plan.registry.units, plan.registry.leaders):
        for item in group.values():
            name = item.name.plain.strip() if item.name else ""
            toks = tokens(name)
            if len({t.raw for t in toks}) >= 3:
                out.append((item.id, name, toks))
    return out


def check_names(plan: Plan, sources: dict[str, Source]) -> Iterator[Diagnostic]:
    loc = Locator(sources)
    names = _names(plan)
    if not names:
        return
    exact: set[str] = set()
    known_words = {t.word for _, _, toks in names for t in toks}
    context = tuple((ident, name) for ident, name, _ in names)  # all a text's result depends on
    index = _Index(names)
    memo = remembering()
    for w in iter_texts(plan):
        if w.kind not in ("preamble", "body", "closing", "task", "note", "appendix-note"):
            continue
        if not memo:
            yield from _drift(w.text, names, exact, known_words, loc, index)
            continue
        yield from per_text("R608", w.text, context,
                            lambda t=w.text: _drift(t, names, exact, known_words, loc, index), sources)


class _Index:
    """The declared names in the order they are tried (longest first), with the words a window
    must hold in place (a name's first or second word): built once per check, not per text."""

    def __init__(self, names) -> None:
        self.names = names
        self.order = [(ident, name, tuple(t.raw for t in ntoks))
                      for ident, name, ntoks in sorted(names, key=lambda n: -len(n[2]))]
        self.anchors = frozenset(w for *_, raws in self.order for w in raws[:2])


def _drift(text: Text, names, exact: set[str], known_words: set[str], loc: Locator,
           index: _Index | None = None) -> Iterator[Diagnostic]:
    plain = plain_of(text)
    if index is None or index.names is not names:
        index = _Index(names)
    anchors = index.anchors
    if not any(map(plain.__contains__, anchors)):
        return  # no word of the text can be a name's first or second word
    # the words as written, without their offsets: offsets are looked up only for a finding
    raws = _raw_words(plain)
    at: dict[str, list[int]] = {}  # a name's first or second word → where it stands in the text
    for a in anchors.intersection(raws):
        where = at[a] = []
        i = raws.index(a)
        while True:
            where.append(i)
            try:
                i = raws.index(a, i + 1)
            except ValueError:
                break
    if not at:
        return
    offsets: list[tuple[int, int]] | None = None
    taken: list[tuple[int, int]] = []
    n = len(raws)
    for ident, name, nraws in index.order:
        L = len(nraws)
        # one word at most differs, so a window holds the name's first word or its second in place
        # (names have three words or more): only those windows are compared, in text order
        first, second = at.get(nraws[0]), at.get(nraws[1])
        if first is None and second is None:
            continue
        starts = sorted({*(first or ()), *(i - 1 for i in second or ())})
        for i in starts:
            if i < 0 or i > n - L:
                continue
            diffs = [j for j in range(L) if raws[i + j] != nraws[j]]
            if len(diffs) != 1:
                continue  # the name as declared, or another name
            j = diffs[0]
            a, b = raws[i + j], nraws[j]
            if a.lower() == b.lower():
                # capitalisation: only inside an abbreviation ("HĐTđKT" for "HĐTĐKT"); "ngành" and
                # "Ngành" are both written in running text
                if sum(c.isupper() for c in b) < 2 or a[1:] == b[1:]:
                    continue
            elif len(b) < 4 or not _one_letter(a.lower(), b.lower()) or a.lower() in known_words:
                continue  # a letter off in a long enough word that no declared name uses
            if offsets is None:
                offsets = [m.span() for m in _TOKEN.finditer(plain) if m.group() not in _DROP]
            s, e = offsets[i][0], offsets[i + L - 1][1]
            if not loc.literal(text, s, e) or any(x < e and s < y for x, y in taken):
                continue
            sp = loc.span(text, s, e)
            if sp is None:
                continue
            taken.append((s, e))
            fix = make_fix([loc.edit(text, s, e, f"@{ident}")], say("fix.use-id", id=ident), safe=False)
            yield diag("R608", sp, fix=fix, found=plain[s:e], name=name, id=ident)
