"""Calendar knowledge shared by rollover, import and the checks: can-chi names of years, years
written in prose, and anniversaries ("kỷ niệm 75 năm Ngày … (11/6/1948-11/6/2023)").

Pure functions over plain strings; offsets are into the string given. Nothing here reads the model.

    can_chi(2024)                       -> "Giáp Thìn"
    find_years(text)                    -> [YearMention(...)], one per four-digit year, classified
    find_anniversaries(text)            -> [AnniversaryMention(...)]
    find_can_chi(text)                  -> [CanChiMention(...)]
    shift_year_in_prose(m, plan_year)   -> True when a rollover moves this year with the plan
"""


import re
from typing import NamedTuple
from collections.abc import Callable, Iterator
from functools import lru_cache, wraps

from . import vocabulary


# Quick tests before a search: a text without the characters every match of a pattern holds is
# not searched (most texts of a plan hold no date, range or anniversary). tests/check/
# test_fast_paths.py turns them off and compares.
GATES = True
_DASHES = ("-", "–", "—")


def cannot_match(text: str, pattern: str) -> bool:
    """``text`` lacks something every match of the recogniser ``pattern`` holds (its [needs])."""
    for group in vocabulary.prose_needs(pattern):
        if lacks(text, *group):
            return True
    return False


def _cannot_hold(pattern: re.Pattern) -> Callable[[str], bool]:
    """A quick test from a pattern of what every match holds (searched with a literal character
    first, so the engine skips to it): true when ``text`` cannot match."""
    return lambda text: GATES and pattern.search(text) is None


def _after_digit(text: str, needles: tuple[str, ...], spaced: bool) -> bool | None:
    """Whether one of ``needles`` (in lower case: in any case) stands right after a digit and white
    space — at least one character of it when ``spaced`` — as `\\d\\s+năm` and `\\d\\s*[/-]` find
    them, looking only where a needle is; None when the lower-cased text cannot be searched in place
    of the text (`needle_offsets`)."""
    offsets = needle_offsets(text, needles)
    if offsets is None:
        return None
    for q in offsets:
        e = q
        while e > 0 and text[e - 1].isspace():
            e -= 1
        if e > 0 and (e < q or not spaced) and text[e - 1].isdecimal():
            return True
    return False


def _cannot_hold_after_digit(pattern: re.Pattern, needles: tuple[str, ...], spaced: bool) -> Callable[[str], bool]:
    """`_cannot_hold` of a pattern "a digit, white space, one of ``needles``", looked for at the needles."""
    def cannot(text: str) -> bool:
        if not GATES:
            return False
        found = _after_digit(text, needles, spaced)
        return pattern.search(text) is None if found is None else not found
    return cannot


# every anniversary count: digits, spaces, "năm" ("75 năm", "20 năm")
_NO_COUNT = _cannot_hold_after_digit(re.compile(r"\d\s+(?i:%s)" % re.escape(vocabulary.date_word("year"))),
                                     (vocabulary.date_word("year").lower(),), True)
def lacks_count(text: str) -> bool:
    """``text`` holds no count of years ("75 năm"): no anniversary, with or without its range."""
    return _NO_COUNT(text)


# every cited number: digits, then "/" or "-" ("322/KH-UBND", "124-KH/TU")
_NO_NUMBER = _cannot_hold_after_digit(re.compile(r"\d\s*[/-]"), ("/", "-"), False)


def lacks_doc_type(text: str) -> bool:
    """``text`` names no type of document of the vocabulary (in any case)."""
    return GATES and _lacks_doc_type(text)


@lru_cache(maxsize=8192)  # (asked of a text by the citation finder and by the prose citations)
def _lacks_doc_type(text: str) -> bool:
    return lacks(text, *_DOC_TYPES)


def cannot_cite(text: str) -> bool:
    """``text`` holds no citation `CITATION_HEAD` finds: no document type, or no number with a symbol."""
    return _NO_NUMBER(text) or lacks_doc_type(text)


# letters that ignore-case matching also finds as a character whose lower case differs
_CASE_TWINS = {"i": ("ı", "İ"), "s": ("ſ",)}


def lacks(text: str, *needles: str) -> bool:
    """None of ``needles`` is in ``text``. A needle in lower case stands for a case-insensitive
    word: it is looked for in the lower-cased text, which finds it wherever ignore-case matching
    does (for a Vietnamese word; the twins of i and s are looked for as they are)."""
    if not GATES:
        return False
    low = None
    for n in needles:
        how = _NEEDLES.get(n)
        if how is None:
            how = _NEEDLES[n] = (n.islower(), tuple({t for c in n for t in _CASE_TWINS.get(c, ())}))
        if how[0]:
            if low is None:
                low = _lower(text)
            if n in low:
                return False
            for t in how[1]:  # (a loop, not any(): most needles have no twin)
                if t in text:
                    return False
        elif n in text:
            return False
    return True


_NEEDLES: dict[str, tuple[bool, tuple[str, ...]]] = {}  # needle → (in any case?, twins to look for)


def _lower(text: str) -> str:
    """``text.lower()``, kept: each finder and check asks again of the same text (a plain dict, emptied
    when it holds as many texts as the finders keep: cheaper to ask than an lru_cache)."""
    low = _LOWERED.get(text)
    if low is None:
        if len(_LOWERED) >= 8192:
            _LOWERED.clear()
        low = _LOWERED[text] = text.lower()
    return low


_LOWERED: dict[str, str] = {}


# ---- where a match can start ----------------------------------------------------------------
# A pattern that starts with a look-behind or an optional group is tried by the regex engine at
# every character. When every match starts at a word the text holds, or at the digits before one,
# `matches` tries it only there (found by str.find), in order and without overlap, as finditer
# does; look-behinds still see the text before. GATES off: finditer.

_ODD_CASE = ("ı", "İ", "ſ")  # ignoring case they match i and s, and İ lower-cases to two characters


def needle_offsets(text: str, needles) -> list[int] | None:
    """Every offset of ``text`` where one of ``needles`` starts (a needle in lower case in any case:
    looked for in the lower-cased text); None when the lower-cased text cannot be searched in place
    of the text (it holds a letter of `_ODD_CASE`) and a needle needs it."""
    low = None
    out: list[int] = []
    for n in needles:
        hay = text
        if n.islower():
            if low is None:
                for t in _ODD_CASE:
                    if t in text:
                        return None
                low = _lower(text)
            hay = low
        q = hay.find(n)
        while q >= 0:
            out.append(q)
            q = hay.find(n, q + 1)
    return out


def starts_of(text: str, words=(), after_digits=(), digits: int = 0) -> list[int] | None:
    """Every offset of ``text`` where one of ``words`` starts, and the one to ``digits`` offsets
    before each of ``after_digits`` and the white space before it (a needle in lower case in any
    case); None when the lower-cased text cannot be searched in place of the text."""
    out = needle_offsets(text, words)
    after = needle_offsets(text, after_digits) if out is not None else None
    if after is None:
        return None
    for q in after:
        e = q
        while e > 0 and text[e - 1].isspace():
            e -= 1
        out.extend(range(max(0, e - digits), e))
    return out


def matches(pattern: re.Pattern, text: str, starts: list[int] | None):
    """``pattern.finditer(text)`` when every match starts at one of ``starts`` (`starts_of`)."""
    if starts is None or not GATES:
        yield from pattern.finditer(text)
        return
    pos = 0
    for s in sorted(set(starts)):
        if s >= pos:
            m = pattern.match(text, s)
            if m is not None:
                yield m
                pos = m.end() if m.end() > s else s + 1


def matches_named(name: str, pattern: re.Pattern, text: str):
    """`matches` of the recogniser ``name`` of data/prose-patterns.toml at its [starts]."""
    return matches(pattern, text, starts_of(text, *vocabulary.prose_starts(name)))


def _per_text(find: Callable[[str], list]) -> Callable[[str], list]:
    """``find`` remembered by the characters of its text (a pure function of them: checks and
    sessions meet the same text many times); each caller gets its own list."""
    remembered = lru_cache(maxsize=8192)(lambda text: tuple(find(text)))

    @wraps(find)
    def found(text: str) -> list:
        return list(remembered(text))
    found.cache_clear = remembered.cache_clear  # type: ignore[attr-defined]
    return found

# the sexagenary cycle, from the vocabulary (one table for rollover, import and the checks)
_CYCLE = vocabulary.can_chi()
STEMS: tuple[str, ...] = _CYCLE["stems"]  # can: Giáp, Ất …
BRANCHES: tuple[str, ...] = _CYCLE["branches"]  # chi: Tý, Sửu …
_STEM_ALIASES: dict[str, str] = _CYCLE["stem_aliases"]
_BRANCH_ALIASES: dict[str, str] = _CYCLE["branch_aliases"]


def can_chi(year: int) -> str:
    """The sexagenary name of a (lunar) year: 2023 → "Quý Mão", 2024 → "Giáp Thìn"."""
    return f"{STEMS[(year - 4) % 10]} {BRANCHES[(year - 4) % 12]}"


def _by_loose(names: tuple[str, ...], aliases: dict[str, str]) -> dict[str, set[str]]:
    """Each spelling without marks → the names of the table it may mean."""
    out: dict[str, set[str]] = {}
    for spelled, name in [*((n, n) for n in names), *aliases.items()]:
        out.setdefault(vocabulary.strip_marks(spelled), set()).add(name)
    return out


_STEMS_BY_LOOSE = _by_loose(STEMS, _STEM_ALIASES)  # compared once here, not per word met in prose
_BRANCH_BY_LOOSE = {loose: min(found, key=BRANCHES.index)
                    for loose, found in _by_loose(BRANCHES, _BRANCH_ALIASES).items()}


def stem(word: str) -> str | None:
    """The stem (can) ``word`` names, tolerant of case and missing tone marks ("quy" → Quý)."""
    found = _STEMS_BY_LOOSE.get(vocabulary.strip_marks(word), ())
    return next(iter(found)) if len(found) == 1 else None


def branch(word: str) -> str | None:
    """The branch (chi) ``word`` names, tolerant of case and missing tone marks. Tý and Tỵ differ
    only by their tone: written with one, the tone decides; without, the earlier of the cycle (Tý)."""
    exact = word.capitalize()
    exact = _BRANCH_ALIASES.get(exact, exact)
    if exact in BRANCHES:
        return exact
    return _BRANCH_BY_LOOSE.get(vocabulary.strip_marks(word))


def year_of_can_chi(name: str, near: int) -> int | None:
    """The year closest to ``near`` whose can-chi is ``name`` (None when it is not a can-chi)."""
    parts = name.split()
    if len(parts) != 2:
        return None
    can = parts[0].capitalize()
    chi = _BRANCH_ALIASES.get(parts[1].capitalize(), parts[1].capitalize())
    if can not in STEMS or chi not in BRANCHES:
        return None
    for delta in sorted(range(-30, 31), key=abs):
        if can_chi(near + delta) == f"{can} {chi}":
            return near + delta
    return None


def is_round(count: int) -> bool:
    """A round anniversary, the kind plans celebrate: 5, 10, 15 … years."""
    return count > 0 and count % 5 == 0


# ---- years in prose ---------------------------------------------------------------------------

# kinds of YearMention:
#   plain          "năm 2023", "Quý Mão 2023"
#   date           the year of 15/02/2023 or "ngày 15 tháng 02 năm 2023" (date_start/date_end: the whole date)
#   month          the year of 02/2023, "tháng 5/2023"
#   school_year    either year of a school year "2022-2023", "năm học 2022 - 2023"
#   period         either year of a range that is not a school year, or one after "giai đoạn"/"nhiệm kỳ"
#   citation       inside "Kế hoạch số 322/KH-UBND ngày 09/12/2022 …" (number, date, and the summary)
#   law            "Luật Thi đua, khen thưởng năm 2022": a law's name
#   anniversary    in an anniversary range "(11/6/1948-11/6/2023)": role origin | end
YEAR_KINDS = ("plain", "date", "month", "school_year", "period", "citation", "law", "anniversary")


class YearMention(NamedTuple):
    start: int  # the four digits
    end: int
    year: int
    kind: str
    role: str = ""  # school_year/period/anniversary: "start"/"end" ("origin"/"end" for anniversaries)
    date_start: int = -1  # kind date/month: the whole written date
    date_end: int = -1
    day: int = 0
    month: int = 0


# Each pattern starts with the characters it matches and looks behind them afterwards (not
# "(?<!\d)(?:19|20)…" but "(?:19|20)(?<!\d(?:19|20))…"): the same matches, and the regex engine
# skips at once to where they can start instead of trying every position.
_Y = r"(?:19|20)(?<![\d/.,](?:19|20))\d{2}(?![\d])"
_YEAR = re.compile(_Y)
_ANY_YEAR = re.compile(r"(?:19|20)(?<!\d(?:19|20))\d{2}(?!\d)")
_DATE = re.compile(r"(\d(?<![\d/]\d)\d?)\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d{2})(?!\d)")
_DATE_LONG = vocabulary.prose_pattern("long_date")
_MONTH_WORD = vocabulary.date_word("month")  # in every long date and prose date ("tháng")
_YEAR_WORD = vocabulary.date_word("year")  # in every anniversary count ("năm")
_MONTH = re.compile(r"(\d(?<![\d/]\d)\d?)\s*/\s*((?:19|20)\d{2})(?!\d)")
_RANGE = re.compile(r"((?:19|20)(?<![\d/](?:19|20))\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?![\d/])")
_PERIOD_WORDS = vocabulary.prose_pattern("period_words")
_LAW = vocabulary.prose_pattern("law")
_FINAL_YEAR = vocabulary.prose_pattern("final_year")

# "Kế hoạch số 322/KH-UBND ngày 09/12/2022", "Kế hoạch 124-KH/TU", "Công văn số 15/HĐTĐKT"
CITATION_HEAD = re.compile(vocabulary.citation_head()
                           + rf"(?P<num>\d+(?:\s*[/-]\s*{vocabulary.symbol_characters()}+)+)")


_DOC_TYPES = tuple(t.lower() for t in vocabulary.doc_types())  # (case-insensitive in CITATION_HEAD)


class CitationMention(NamedTuple):
    start: int
    end: int  # the end of the cited text: the next `;`, sentence end or citation, or the text's end
    doc_type: str
    number: str
    date_year: int | None


# where a cited document's text ends: a semicolon, a sentence end, a closing parenthesis, the end
_CITATION_STOPS = (re.compile(";"), vocabulary.prose_pattern("sentence_end"), re.compile(r"\)"), re.compile(r"\.$"))


@_per_text
def find_citations(text: str) -> list[CitationMention]:
    """Documents cited in running text, each up to where its summary ends."""
    if cannot_cite(text):
        return []
    heads = list(matches(CITATION_HEAD, text, starts_of(text, _DOC_TYPES)))
    out = []
    for i, m in enumerate(heads):
        limit = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        stop = len(text)
        for pat in _CITATION_STOPS:
            mm = pat.search(text, m.end())
            if mm:
                stop = min(stop, mm.start())
        end = min(limit, stop)
        seg = text[m.start():end]
        dm = _DATE.search(seg) or _DATE_LONG.search(seg)
        out.append(CitationMention(m.start(), end, m.group("type"), re.sub(r"\s+", "", m.group("num")),
                                   int(dm.group(3)) if dm else None))
    return out


@_per_text
def find_years(text: str) -> list[YearMention]:
    """Every four-digit year (1900–2099) in ``text``, classified by what it is part of."""
    # every mention below is one of these (a four-digit 19xx/20xx between non-digits): a text
    # without any is not searched further
    years = [] if lacks(text, "19", "20") else list(_ANY_YEAR.finditer(text))
    if not years:
        return []
    taken: dict[int, YearMention] = {}

    def put(m: YearMention) -> None:
        if m.start not in taken:
            taken[m.start] = m

    anniversaries = find_anniversaries(text)
    for a in anniversaries:
        if a.origin_span:
            put(YearMention(a.origin_span[0], a.origin_span[1], a.origin_year or 0, "anniversary", "origin"))
        if a.end_span:
            put(YearMention(a.end_span[0], a.end_span[1], a.end_year or 0, "anniversary", "end",
                            a.end_date_span[0], a.end_date_span[1], a.end_day, a.end_month))
    cited = [(c.start, c.end) for c in find_citations(text)]
    if cited:
        for m in years:
            if any(a <= m.start() < b for a, b in cited):
                put(YearMention(m.start(), m.end(), int(m.group()), "citation"))
    slash = not lacks(text, "/")  # (each pattern skipped below needs the characters tested)
    if slash:  # both patterns start at the digits before a "/"
        at_slash = starts_of(text, (), ("/",), 2)
    for m in matches(_DATE, text, at_slash) if slash else ():
        put(YearMention(m.start(3), m.end(3), int(m.group(3)), "date", "", m.start(), m.end(),
                        int(m.group(1)), int(m.group(2))))
    for m in matches_named("long_date", _DATE_LONG, text) if not lacks(text, _MONTH_WORD) else ():
        put(YearMention(m.start(3), m.end(3), int(m.group(3)), "date", "", m.start(), m.end(),
                        int(m.group(1)), int(m.group(2))))
    for m in matches(_MONTH, text, at_slash) if slash else ():
        put(YearMention(m.start(2), m.end(2), int(m.group(2)), "month", "", m.start(), m.end(), 0, int(m.group(1))))
    ranges = len(years) > 1 or not GATES  # (a range holds two of them)
    for m in _RANGE.finditer(text) if ranges and not lacks(text, *_DASHES) else ():
        a, b = int(m.group(1)), int(m.group(2))
        before = text[max(0, m.start() - 40):m.start()]
        kind = "school_year" if b == a + 1 and not _PERIOD_WORDS.search(before) else "period"
        put(YearMention(m.start(1), m.end(1), a, kind, "start"))
        put(YearMention(m.start(2), m.end(2), b, kind, "end"))
    laws = not cannot_match(text, "law")
    targets = not cannot_match(text, "final_year")
    for m in _plain_years(text, years):
        before = text[max(0, m.start() - 100):m.start()]
        if laws and _LAW.search(before):
            put(YearMention(m.start(), m.end(), int(m.group()), "law"))
        elif targets and _FINAL_YEAR.search(before[-40:]):
            put(YearMention(m.start(), m.end(), int(m.group()), "period", "target"))
        else:
            put(YearMention(m.start(), m.end(), int(m.group()), "plain"))
    return sorted(taken.values(), key=lambda m: m.start)


def _plain_years(text: str, years: list[re.Match]) -> list[re.Match] | Iterator[re.Match]:
    """The matches of `_YEAR`, from those of `_ANY_YEAR` (``years``): the same four digits, but not
    right after "/", "." or ","; neither pattern's matches can overlap, so finditer finds each."""
    if not GATES:
        return _YEAR.finditer(text)
    return [m for m in years if m.start() == 0 or text[m.start() - 1] not in "/.,"]


def shift_year_in_prose(m: YearMention, plan_year: int) -> bool:
    """Does a rollover of a plan for ``plan_year`` move this year along with the plan?

    The plan's own year and the year before it (results of last year) move; so do school years
    around the plan year and the end of an anniversary range. Periods ("giai đoạn 2021-2025"),
    targets ("đến năm 2030"), laws ("Luật … năm 2022"), citations and anniversary origins stay.
    """
    y = plan_year
    if m.kind in ("citation", "law", "period"):
        return False
    if m.kind == "anniversary":
        return m.role == "end" and m.year in (y - 1, y, y + 1)
    if m.kind == "school_year":
        start = m.year if m.role == "start" else m.year - 1
        return start in (y - 2, y - 1, y)
    if m.kind in ("date", "month"):
        return m.year in (y - 1, y, y + 1)
    return m.year in (y - 1, y)


# ---- anniversaries ----------------------------------------------------------------------------

class AnniversaryMention(NamedTuple):
    start: int  # the whole mention: from the count to the closing parenthesis of the range (if any)
    end: int
    count: int
    count_span: tuple[int, int]
    event: str  # "Ngày Chủ tịch Hồ Chí Minh ra lời kêu gọi thi đua ái quốc"
    origin_year: int | None = None
    end_year: int | None = None
    origin_span: tuple[int, int] | None = None
    end_span: tuple[int, int] | None = None
    end_date_span: tuple[int, int] = (-1, -1)
    end_day: int = 0
    end_month: int = 0

    @property
    def round(self) -> bool:
        return is_round(self.count)

    @property
    def consistent(self) -> bool:
        """The count agrees with its range (when a range is written)."""
        if self.origin_year is None or self.end_year is None:
            return True
        return self.end_year - self.origin_year == self.count


_ANNIV = vocabulary.prose_pattern("anniversary")
_ANNIV_NEXT = vocabulary.prose_pattern("anniversary_next")
_ANNIV_EVENT_END = vocabulary.prose_pattern("anniversary_event_end")
_ANNIV_STOP = re.compile(r"[.;](?:\s|$)")
_DATE_PART = r"(?:(?P<{p}d>\d{{1,2}})\s*/\s*)?(?:(?P<{p}m>\d{{1,2}})\s*/\s*)?(?P<{p}y>(?:19|20)\d{{2}})"
_ANNIV_RANGE = re.compile(r"\(\s*" + _DATE_PART.format(p="a") + r"\s*[-–—]\s*" + _DATE_PART.format(p="b") + r"\s*\)")


@_per_text
def find_anniversaries(text: str) -> list[AnniversaryMention]:
    """Anniversaries: "kỷ niệm 75 năm Ngày … (11/6/1948-11/6/2023)", "20 năm ngày thành lập …".

    A count of years counts when "kỷ niệm" comes before it or "Ngày/ngày/thành lập…" after it (so
    "Kế hoạch 5 năm (2021 - 2025)" is not one). The range, when written, is the first
    parenthesised "(…1948 - …2023)" after the count, before the next anniversary or sentence end.
    """
    out: list[AnniversaryMention] = []
    if lacks(text, _YEAR_WORD) or _NO_COUNT(text):
        return out
    found = [m for m in matches_named("anniversary", _ANNIV, text)
             if m.group("kn") or _ANNIV_NEXT.match(m.group("next"))]
    for i, m in enumerate(found):
        count = int(m.group("count"))
        if count == 0 or count > 500:
            continue
        limit = found[i + 1].start() if i + 1 < len(found) else len(text)
        stop = _ANNIV_STOP.search(text, m.end())
        if stop:
            limit = min(limit, stop.start())
        r = _ANNIV_RANGE.search(text, m.end(), limit)
        event_end = r.start() if r else limit
        event = text[m.end():event_end]
        event = _ANNIV_EVENT_END.split(event)[0].strip().rstrip(".")
        event = " ".join(event.split()[:12])
        start = m.start("count") if not m.group("kn") else m.start()
        if r:
            ends = r.span("by")
            bd, bm = r.group("bd"), r.group("bm")
            if bd and not bm:  # "(10/1954 - 10/2024)": the first number is a month
                bd, bm = None, bd
            date_start = r.start("bd") if r.group("bd") else r.start("by")
            out.append(AnniversaryMention(start, r.end(), count, m.span("count"), event,
                                   int(r.group("ay")), int(r.group("by")), r.span("ay"), ends,
                                   (date_start, r.end("by")), int(bd or 0), int(bm or 0)))
        else:
            out.append(AnniversaryMention(start, m.end("count") + 4, count, m.span("count"), event))
    return out


# ---- can-chi in prose ----------------------------------------------------------------------------

class CanChiMention(NamedTuple):
    start: int
    end: int
    name: str  # "Quý Mão"


_CAN_CHI = re.compile(r"(?<!\w)(" + "|".join(STEMS) + r")\s+("
                      + "|".join(BRANCHES + tuple(_BRANCH_ALIASES)) + r")(?!\w)")


def find_can_chi(text: str) -> list[CanChiMention]:
    """Names of lunar years ("Tết Nguyên đán Quý Mão 2023")."""
    return [CanChiMention(m.start(), m.end(), f"{m.group(1)} {m.group(2)}") for m in _CAN_CHI.finditer(text)]


# ---- dates written in prose, with or without a year ----------------------------------------------

class DateMention(NamedTuple):
    start: int  # the whole written date ("ngày 25/5/2023", "30/4", "08 tháng 01 năm 2024")
    end: int
    day: int
    month: int
    year: int | None  # None: written without a year
    year_span: tuple[int, int] | None = None


_PROSE_DATE = vocabulary.prose_pattern("prose_date")


@_per_text
def find_dates(text: str) -> list[DateMention]:
    """Every day-and-month written in ``text`` ("25/5/2023", "trước 30/4", "ngày 08 tháng 01 năm 2024").

    "02/2023" (a month) and "322/KH-UBND" (a number) are not dates; "32/13" is not either.
    """
    out = []
    if lacks(text, "/", _MONTH_WORD):
        return out  # a date is written with "/" or "tháng"
    for m in matches_named("prose_date", _PROSE_DATE, text):
        long = m.group("d2") is not None
        d, mo = int(m.group("d2" if long else "d")), int(m.group("m2" if long else "m"))
        yg = "y2" if long else "y"
        if not (1 <= d <= 31 and 1 <= mo <= 12):
            continue
        y = int(m.group(yg)) if m.group(yg) else None
        if y is not None:
            try:
                import datetime as _dt

                _dt.date(y, mo, d)
            except ValueError:
                continue  # a date that does not exist: M202's business where it is typed
        out.append(DateMention(m.start(), m.end(), d, mo, y, m.span(yg) if y is not None else None))
    return out


def school_year_plan(year: int, school_year: tuple[int, int]) -> bool:
    """A plan for a school year (năm 2026, năm học 2026-2027), not for a calendar year."""
    return tuple(school_year) == (year, year + 1)


def complete_year(month: int, year: int, school_year: tuple[int, int],
                  near: tuple[int, int] | None = None) -> int:
    """The year of a day-and-month written without one.

    Near a known month (the month group of a timeline row, a typed deadline): the year that puts
    the month closest to it ("trước 25/12" in the row of 01/2024 is 2023). Otherwise the rule of
    school years: September–December → the first year of the school year, January–August → the
    second; a calendar-year plan's school year ends in its year, so its autumn months take the plan
    year instead.
    """
    if near is not None:
        ny, nm = near
        return min((ny - 1, ny, ny + 1), key=lambda y: abs((y * 12 + month) - (ny * 12 + nm)))
    a, b = school_year
    if month >= 9:
        return a if school_year_plan(year, school_year) else year
    return b
