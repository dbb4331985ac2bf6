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

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..diagnostics import Diagnostic
from ..model.nodes import Plan, Text
from ..source import Source
from ..catalogue import say
from ._common import Locator, diag, iter_texts, make_fix
from ._memo import per_text

_TOKEN = re.compile(r"[^\s,;:.()“”\"'!?]+")
_DROP = {"-", "–", "&", "/"}


@dataclass(frozen=True)
class Tok:
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
    for w in iter_texts(plan):
        if w.kind not in ("preamble", "body", "closing", "task", "note", "appendix-note"):
            continue
        yield from per_text("R608", w.text, context,
                            lambda t=w.text: _drift(t, names, exact, known_words, loc), sources)


def _drift(text: Text, names, exact: set[str], known_words: set[str], loc: Locator) -> Iterator[Diagnostic]:
    plain = text.plain
    toks = tokens(plain)
    at: dict[str, list[int]] = {}  # a word as written → where it stands in the text
    for i, t in enumerate(toks):
        at.setdefault(t.raw, []).append(i)
    taken: list[tuple[int, int]] = []
    for ident, name, ntoks in sorted(names, key=lambda n: -len(n[2])):
        L = len(ntoks)
        # one word at most differs, so a window holds the name's first word or its second in place
        # (names have three words or more): only those windows are compared, in text order
        starts = sorted({i for i in at.get(ntoks[0].raw, ())} | {i - 1 for i in at.get(ntoks[1].raw, ())})
        for i in starts:
            if i < 0 or i > len(toks) - L:
                continue
            win = toks[i:i + L]
            diffs = [(a, b) for a, b in zip(win, ntoks) if a.raw != b.raw]
            if len(diffs) != 1:
                continue  # the name as declared, or another name
            a, b = diffs[0]
            if a.raw.lower() == b.raw.lower():
                # capitalisation: only inside an abbreviation ("HĐTđKT" for "HĐTĐKT"); "ngành" and
                # "Ngành" are both written in running text
                if sum(c.isupper() for c in b.raw) < 2 or a.raw[1:] == b.raw[1:]:
                    continue
            elif len(b.raw) < 4 or not _one_letter(a.raw.lower(), b.raw.lower()) or a.word in known_words:
                continue  # a letter off in a long enough word that no declared name uses
            s, e = win[0].start, win[-1].end
            if not loc.literal(text, s, e) or any(x < e and s < y for x, y in taken):
                continue
            sp = loc.span(text, s, e)
            if sp is None:
                continue
            taken.append((s, e))
            fix = make_fix([loc.edit(text, s, e, f"@{ident}")], say("fix.use-id", id=ident), safe=False)
            yield diag("R608", sp, fix=fix, found=plain[s:e], name=name, id=ident)
