"""Where a printed line of Vietnamese may break, and where a typesetter would break it.

A Vietnamese word is often two or three syllables separated by spaces ("giáo dục", "đào tạo"): a
break between them reads as a typo, so does one between "ngày" and its date, inside a place name or
between a number and its unit. The vocabulary is data (``data/line-breaks.toml``); this module
turns it into

* ``bindings(text)`` — the spaces of ``text`` where no line may break;
* ``choose_breaks(text, …)`` — the spaces to turn into line breaks so that a header, agency name or
  title fits its column: as few lines as possible, never at a bound space, preferably after a
  comma, before "và", "của", "năm" …; in an agency name above all before a place or an
  administrative unit and after the kind of a school; the lines as even as those allow;
* ``protect(text)`` — ``text`` with U+00A0 (no-break space) at its bound spaces, for text that the
  word processor wraps itself (table cells, recipients).

Text is split at single spaces; offsets are those of the spaces in ``text``.
"""


import re
from functools import lru_cache
from typing import Callable, NamedTuple

from ..resources import data_table


NBSP = "\u00a0"
FORCED = "\n"  # a break the drafter asked for (`|` in the source) or the writer chose

# costs of a break (lower is better); balance is weighed against them in choose_breaks
_BOUND = 1000  # only when nothing else fits (an unbreakable stretch wider than the column)
_AFTER_COMMA = -40
_BEFORE_PLACE = -40  # before a place name or an administrative unit
_AFTER_SCHOOL_KIND = -40
_BEFORE_PHRASE = -10
_IN_PHRASE = 25  # after the comma of a fixed phrase ("THI ĐUA, / KHEN THƯỞNG"): only if nothing better
_BALANCE = 60  # × ((widest − narrowest line) / available width)²
_SHORT_FIRST = 5  # a two-line agency name reads better with the longer line on top

_NUMBER = re.compile(r"^[(“\"‘]?\d")  # a number, a date, a symbol "05/KH-PGDĐT", a school year
_TRAIL = ".,;:!?)”\"’"
_LEAD = "(“\"‘"


class Vocabulary(NamedTuple):
    words: frozenset[tuple[str, ...]]
    places: frozenset[tuple[str, ...]]
    place_prefixes: frozenset[tuple[str, ...]]
    school_kinds: frozenset[tuple[str, ...]]
    break_before: frozenset[tuple[str, ...]]
    before_number: frozenset[tuple[str, ...]]
    after_number: frozenset[tuple[str, ...]]
    title_words: frozenset[tuple[str, ...]]
    word_like: frozenset[tuple[str, ...]]  # words and places
    name_ends: frozenset[str]  # words a name never runs past ("và", "của")
    phrases: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # (before the comma, after it)
    longest: int


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    data = data_table("line-breaks")

    def entries(key: str) -> frozenset[tuple[str, ...]]:
        return frozenset(tuple(e.lower().split()) for e in data.get(key, []))

    v = {k: entries(k) for k in ("words", "places", "place_prefixes", "school_kinds", "break_before",
                                 "before_number", "after_number", "title_words")}
    longest = max(len(e) for s in v.values() for e in s)
    phrases = tuple((tuple(p.lower().split(",")[0].split()), tuple(p.lower().split(",", 1)[1].split()))
                    for p in data.get("phrases", []))
    return Vocabulary(longest=longest, phrases=phrases, word_like=v["words"] | v["places"],
                      name_ends=frozenset(w.lower() for w in data.get("name_ends", [])), **v)


def _in_phrase(keys: list[str], i: int, voc: Vocabulary) -> bool:
    """The comma after syllable ``i`` belongs to a fixed phrase ("thi đua, khen thưởng"): a break
    there is allowed but not sought, unlike after the comma of a clause."""
    for first, second in voc.phrases:
        a, b = len(first), len(second)
        if tuple(keys[i - a + 1:i + 1]) == first and tuple(keys[i + 1:i + 1 + b]) == second:
            return True
    return False


def _key(syllable: str) -> str:
    return syllable.strip(_TRAIL).strip(_LEAD).lower()


@lru_cache(maxsize=1)
def _first_syllables() -> dict[str, tuple[int, ...]]:
    """First syllable of any entry → the entry lengths that start with it, longest first."""
    voc = vocabulary()
    index: dict[str, set[int]] = {}
    for table in (voc.words, voc.places, voc.place_prefixes, voc.school_kinds, voc.break_before,
                  voc.before_number, voc.after_number, voc.title_words):
        for entry in table:
            index.setdefault(entry[0], set()).add(len(entry))
    return {k: tuple(sorted(v, reverse=True)) for k, v in index.items()}


@lru_cache(maxsize=1)
def _first_syllables_of() -> dict[str, dict[str, tuple[int, ...]]]:
    """Per table of the vocabulary: first syllable of an entry → the entry lengths, longest first."""
    voc = vocabulary()
    out = {}
    for name in ("word_like", "places", "place_prefixes", "school_kinds", "break_before", "before_number",
                 "after_number", "title_words"):
        index: dict[str, set[int]] = {}
        for entry in getattr(voc, name):
            index.setdefault(entry[0], set()).add(len(entry))
        out[name] = {k: tuple(sorted(v, reverse=True)) for k, v in index.items()}
    return out


class _Analysis(NamedTuple):
    spaces: list[int]  # offset of the space after syllable k (k = 0 … n-2)
    bound: set[int]  # indices k of spaces that must not break
    bonus: dict[int, int]  # index k → cost of breaking there (agency names)
    text_bonus: dict[int, int]  # the same for titles and captions: a place is only a phrase start
    text_bound: set[int]  # bound in a title or caption only ("Giáo dục và Đào tạo")


@lru_cache(maxsize=2048)
def _analyse(text: str) -> _Analysis:
    voc = vocabulary()
    syl = text.split(" ")
    keys = [_key(s) for s in syl]
    spaces, pos = [], 0
    for s in syl[:-1]:
        pos += len(s)
        spaces.append(pos)
        pos += 1
    n = len(syl)
    bound: set[int] = set()
    bonus: dict[int, int] = {}

    def ends_clause(k: int) -> bool:  # syllable k ends with punctuation: nothing binds across it
        return syl[k][-1:] in ",;:.!?" if syl[k] else True

    def bind(first: int, count: int) -> None:  # syllables first … first+count-1 stay together
        for k in range(first, first + count - 1):
            if not ends_clause(k):
                bound.add(k)

    def _comma(i: int) -> None:  # a break after the comma of a clause reads well, inside a phrase not
        if ends_clause(i) and i < n - 1 and syl[i][-1:] in ",;":
            if _in_phrase(keys, i, voc):
                bonus[i] = max(bonus.get(i, 0), _IN_PHRASE)
            else:
                bonus[i] = min(bonus.get(i, 0), _AFTER_COMMA)

    starts = _first_syllables()
    firsts = _first_syllables_of()

    def match(i: int, name: str) -> int:  # _match, trying only the lengths of the table's entries
        table = getattr(voc, name)
        for m in firsts[name].get(keys[i], ()):
            if i + m <= n and tuple(keys[i:i + m]) in table:
                return m
        return 0

    for i in range(n):
        if keys[i] not in starts:  # no entry starts here: only numbers and punctuation matter
            if _NUMBER.match(syl[i]) and i + 1 < n and not ends_clause(i) and syl[i + 1][:1] not in _LEAD:
                an = match(i + 1, "after_number")
                if an:
                    bind(i, an + 1)
            if syl[i] in ("-", "–", "—", ":", ";", ",", ".", "…") and i > 0:
                bound.add(i - 1)
            _comma(i)
            continue
        w = match(i, "word_like")
        if w > 1:
            bind(i, w)
        p = match(i, "places")
        if p and i > 0:
            bonus[i - 1] = min(bonus.get(i - 1, 0), _BEFORE_PLACE)
        pre = match(i, "place_prefixes")
        if pre and i + pre < n and not ends_clause(i + pre - 1) and syl[i + pre][:1].isupper():
            # the unit and its name: the name is a known place, else its capitalised syllables
            name = match(i + pre, "places")
            if not name:
                name = 0
                while (i + pre + name < n and name < 3 and syl[i + pre + name][:1].isupper()
                       and keys[i + pre + name] not in voc.name_ends):
                    name += 1
                    if ends_clause(i + pre + name - 1):
                        break
            bind(i, pre + name)
            if i > 0:
                bonus[i - 1] = min(bonus.get(i - 1, 0), _BEFORE_PLACE)
        kind = match(i, "school_kinds")
        if kind and i + kind < n:
            bonus[i + kind - 1] = min(bonus.get(i + kind - 1, 0), _AFTER_SCHOOL_KIND)
            # the school's name after its kind (up to a comma or the end) is not broken
            end = i + kind
            while end < n and not ends_clause(end) and keys[end] not in voc.name_ends:
                end += 1
            bind(i + kind, min(end + 1, n) - (i + kind))
        b = match(i, "break_before")
        if b and i > 0:
            bonus[i - 1] = min(bonus.get(i - 1, 0), _BEFORE_PHRASE)
        bn = match(i, "before_number")
        if bn and i + bn < n and _NUMBER.match(syl[i + bn]) and not ends_clause(i + bn - 1):
            bind(i, bn + 1)
        if _NUMBER.match(syl[i]) and i + 1 < n and not ends_clause(i) and syl[i + 1][:1] not in _LEAD:
            # "15 ngày" binds; "20/11 (tuần 3 …)" does not: a bracket opens another phrase
            an = match(i + 1, "after_number")
            if an:
                bind(i, an + 1)
        if syl[i] in ("-", "–", "—", ":", ";", ",", ".", "…") and i > 0:
            bound.add(i - 1)  # a line never starts with a dash or a punctuation mark
        _comma(i)
    for k in range(n - 1):
        if not syl[k] or not syl[k + 1]:
            bound.add(k)  # double spaces: keep as they are
    text_bonus = {k: max(v, _BEFORE_PHRASE) if v in (_BEFORE_PLACE, _AFTER_SCHOOL_KIND) else v
                  for k, v in bonus.items()}
    text_bound = set(bound)
    for i in range(n):
        t = match(i, "title_words")
        text_bound.update(k for k in range(i, i + t - 1) if not ends_clause(k))
    return _Analysis(spaces, bound, bonus, text_bonus, text_bound)


def bindings(text: str) -> list[int]:
    """Offsets of the spaces of ``text`` where a line must not break."""
    a = _analyse(text)
    return [a.spaces[k] for k in sorted(a.bound)]


@lru_cache(maxsize=1 << 14)  # column widths and the writer ask for each cell of a 1,500-row table
def protect(text: str) -> str:
    """``text`` with a no-break space at every bound space (the word processor wraps the rest)."""
    chars = list(text)
    for off in bindings(text):
        chars[off] = NBSP
    return "".join(chars)


Measure = Callable[[str], int]


def choose_breaks(text: str, measure: Measure, avail: int, *, agency: bool = False,
                  max_lines: int = 4) -> list[int]:
    """Offsets of the spaces of ``text`` to replace by line breaks so that every line fits
    ``avail`` (as measured by ``measure``); [] when the text fits on one line."""
    if measure(text) <= avail:
        return []
    a = _analyse(text)
    if not agency:
        a = _Analysis(a.spaces, a.text_bound, a.bonus, a.text_bonus, a.text_bound)
    n = len(a.spaces)
    width = lru_cache(maxsize=None)(lambda lo, hi: measure(text[lo:hi]))
    starts = [0] + [s + 1 for s in a.spaces]
    ends = a.spaces + [len(text)]
    for allow_bound in (False, True):
        candidates = [k for k in range(n) if allow_bound or k not in a.bound]
        # two lines: every split tried, the evenest with the best break wins
        best = None
        for k in candidates:
            ws = [width(0, ends[k]), width(starts[k + 1], len(text))]
            if max(ws) > avail:
                continue
            cost = _BALANCE * ((max(ws) - min(ws)) / avail) ** 2 + _cost(a, k, agency)
            if agency and ws[0] < ws[1]:
                cost += _SHORT_FIRST
            if best is None or (cost, k) < best:
                best = (cost, k)
        if best is not None:
            return [a.spaces[best[1]]]
        # more lines: fewest lines, then the least cost (raggedness + breaks), by dynamic programming
        cuts = _fewest_lines(a, candidates, width, starts, ends, len(text), avail, max_lines, agency)
        if cuts is not None:
            return [a.spaces[k] for k in cuts]
    # nothing fits even at bound spaces: greedy, one line per overflowing stretch
    out, start, prev = [], 0, None
    for k, off in enumerate(a.spaces + [len(text)]):
        if prev is not None and width(start, off) > avail:
            out.append(prev)
            start = prev + 1
        prev = off if k < n else prev
    return out


def _cost(a: _Analysis, k: int, agency: bool = True) -> float:
    return (a.bonus if agency else a.text_bonus).get(k, 0) + (_BOUND if k in a.bound else 0)


def _fewest_lines(a: _Analysis, candidates: list[int], width, starts: list[int], ends: list[int],
                  length: int, avail: int, max_lines: int, agency: bool) -> list[int] | None:
    """Breaks (space indices) giving the fewest lines that fit, then the least sum of squared
    slack and break costs; None when no set of at most ``max_lines`` lines fits."""
    n = len(a.spaces)
    points = [-1] + candidates  # a line starts after one of these (−1: the start of the text)
    # best[i] = (lines, cost, cuts) for the text up to and including the break at points[i]
    best: dict[int, tuple[int, float, tuple[int, ...]]] = {-1: (0, 0.0, ())}
    for end in candidates + [n]:
        stop = ends[end] if end < n else length
        options = []
        for start in points:
            if start >= end or start not in best:
                continue
            w = width(starts[start + 1], stop)
            if w > avail:
                continue
            lines, cost, cuts = best[start]
            slack = _BALANCE * ((avail - w) / avail) ** 2 if end < n else 0.0  # last line may be short
            options.append((lines + 1, cost + slack + (_cost(a, end, agency) if end < n else 0), cuts + ((end,) if end < n else ())))
        if options:
            best[end] = min(options)
    result = best.get(n)
    if result is None or result[0] > max_lines:
        return None
    return list(result[2])
