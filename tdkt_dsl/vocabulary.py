"""The one vocabulary table (tdkt_dsl/data/vocabulary.toml), read once: statement keywords with
their Vietnamese and English words, deadline words, column kinds, layouts, orientations, the
types of documents a plan cites and the authority prefixes of a signature.

grammar/tdkt.lark's keyword terminals are generated from it (`grammar_terminals`, written by
scripts/gen_grammar.py and checked by tests/test_vocabulary.py), so the parser, the builder, the
checks, the importer and the editor all read the same words.
"""


import re
import unicodedata
from typing import NamedTuple
from functools import lru_cache

from .resources import data_table


class Keyword(NamedTuple):
    terminal: str  # KW_ISSUER
    name: str  # issuer: the field of the model
    vi: tuple[str, ...]  # ("cơ quan",)
    en: tuple[str, ...]  # ("issuer",); a hyphen stands for a space or a hyphen
    declares: bool  # `đơn vị <mã>:` — the keyword is followed by an id

    @property
    def words(self) -> tuple[str, ...]:
        return self.vi + tuple(w.replace("-", " ") for w in self.en)


def _data() -> dict:
    return data_table("vocabulary")


class _Unmarked(dict):
    """code point → None for a combining mark (deleted by str.translate), else itself; filled as
    characters are met, so a mark is classified once, not once per character of every text."""

    def __missing__(self, cp: int) -> int | None:
        kept = self[cp] = None if unicodedata.combining(chr(cp)) else cp
        return kept


_UNMARKED = _Unmarked()


def strip_marks(s: str) -> str:
    """Lower case without tone marks, đ → d, every other character kept (offsets unchanged for
    text without combining characters): how words typed without their marks are compared."""
    s = unicodedata.normalize("NFD", s.lower().replace("đ", "d"))
    return s if s.isascii() else s.translate(_UNMARKED)


def lower_words(s: str) -> str:
    """NFC, lower case, single spaces — marks kept: how keys and positions are compared."""
    return " ".join(unicodedata.normalize("NFC", s).lower().split())


@lru_cache(maxsize=16384)  # a pure function of the string, met again by every check and compilation
def fold(s: str) -> str:
    """`strip_marks` with runs of white space collapsed to one space: for tolerant comparisons."""
    return " ".join(strip_marks(s).split())


def _spaces(word: str) -> str:
    return " ".join(word.replace("-", " ").split()).lower()


@lru_cache(maxsize=1)
def keywords() -> tuple[Keyword, ...]:
    return tuple(Keyword(t, k["name"], tuple(k["vi"]), tuple(k["en"]), bool(k.get("declares")))
                 for t, k in _data()["keywords"].items())


def keyword(terminal: str) -> Keyword:
    return next(k for k in keywords() if k.terminal == terminal)


def vietnamese_keywords(declaring: bool = True) -> list[str]:
    """Every Vietnamese statement keyword (``declaring=False``: without those followed by an id)."""
    seen: list[str] = []
    for k in keywords():
        if declaring or not k.declares:
            seen += [w for w in k.vi if w not in seen]
    return seen


def _value_table(section: str) -> dict[str, str]:
    return {_spaces(word): value for word, value in _data()[section].items()}


def value(section: str, word: str) -> str | None:
    """What ``word`` (as typed: any case, spaces, hyphens) means in ``section``
    (recurrence, columns, layouts, orientations)."""
    return _value_table(section).get(_spaces(word))


def field_label(name: str) -> str:
    """How a field is named in messages: its (first) Vietnamese keyword."""
    return next((k.vi[0] for k in keywords() if k.name == name), name)


def recurrence() -> dict[str, str]:
    return _value_table("recurrence")


def deadline_parts() -> dict[str, str]:
    return _value_table("deadline_parts")


def columns() -> dict[str, str]:
    return _value_table("columns")


def column_kinds() -> list[str]:
    """The kinds of appendix column, in the table's order (tt, tháng, nội dung …)."""
    return list(dict.fromkeys(_data()["columns"].values()))


def column_word(kind: str) -> str:
    """How messages name a column kind: its first word in the table (``no`` → ``tt``)."""
    return next(word for word, k in _data()["columns"].items() if k == kind)


def archive_line() -> str:
    """The recipients list's archive line as tdkt writes it into a plan ("Lưu: VT")."""
    return _data()["documents"]["archive_line"]


def recipients_archive_word() -> str:
    """The word of the recipients list's archive line ("Lưu: VT")."""
    return _data()["documents"]["archive_word"]


def layouts() -> dict[str, str]:
    return _value_table("layouts")


def orientations() -> dict[str, str]:
    return _value_table("orientations")


def deadline_words() -> dict[str, tuple[str, ...]]:
    return {t: tuple(words) for t, words in _data()["deadline_words"].items()}


@lru_cache(maxsize=1)
def doc_types() -> tuple[str, ...]:
    return tuple(_data()["documents"]["types"])


def doc_type_pattern() -> str:
    """A regex alternation of the document types, longest first (``Nghị quyết`` before ``Nghị``)."""
    return "|".join(re.escape(t) for t in sorted(doc_types(), key=len, reverse=True))


def doc_type(word: str) -> str:
    """The document type as the vocabulary spells it (``kế hoạch`` → ``Kế hoạch``)."""
    return next(t for t in doc_types() if t.lower() == word.lower())


def document_word(part: str) -> str:
    """A word of a citation (``number``: số, ``issuer``: của, ``summary``: về)."""
    return _data()["documents"][f"{part}_word"]


def date_word(part: str) -> str:
    """A word of a written-out date (``day``: ngày, ``month``: tháng, ``year``: năm)."""
    return _data()["date_words"][part]


@lru_cache(maxsize=None)
def citation_head(number_word_required: bool = False) -> str:
    """The head of a cited document, the one pattern the builder, the checks, rollover and the
    importer match citations with: a document type of the vocabulary (group ``type``), then the
    word "số" (group ``number_word``; optional unless ``number_word_required``) and an optional
    colon — ``Kế hoạch số 322/…``, ``Kế hoạch 124-KH/TU``, ``Công văn số: 15/…``. Case-insensitive;
    the number itself is left to the caller."""
    word = re.escape(document_word("number"))
    optional = "" if number_word_required else "?"
    return (rf"(?i:(?<!\w)(?P<type>{doc_type_pattern()})\s+"
            rf"(?:(?P<number_word>{word})\s*:?\s*){optional})")


@lru_cache(maxsize=1)
def citation_date() -> str:
    """The date after a cited number: `` ngày 09/12/2022`` or `` ngày 9 tháng 12 năm 2022``
    (groups date, and d/m/y or d2/m2/y2). Case-insensitive."""
    day, month, year = (re.escape(date_word(w)) for w in ("day", "month", "year"))
    return (rf"(?i:\s+{day}\s+(?P<date>(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})\s*/\s*(?P<y>\d{{4}})"
            rf"|(?P<d2>\d{{1,2}})\s+{month}\s+(?P<m2>\d{{1,2}})\s+{year}\s+(?P<y2>\d{{4}})))")


@lru_cache(maxsize=1)
def variable_aliases() -> dict[str, str]:
    """Every spelling of a text variable (``năm_trước``) → its canonical name (``prev_year``)."""
    return {alias: name for name, aliases in _data()["variables"].items() for alias in aliases}


def variable(name: str) -> str:
    """A variable as messages and fixes write it: ``{năm_học}`` for ``school_year``."""
    return "{" + _data()["variables"][name][1] + "}"


@lru_cache(maxsize=1)
def can_chi() -> dict:
    """The sexagenary cycle: ``stems`` and ``branches`` (tuples, in cycle order) and their
    ``stem_aliases``/``branch_aliases`` (other spellings → the table's)."""
    t = _data()["can_chi"]
    return {"stems": tuple(t["stems"]), "branches": tuple(t["branches"]),
            "stem_aliases": dict(t["stem_aliases"]), "branch_aliases": dict(t["branch_aliases"])}


@lru_cache(maxsize=1)
def point_letters() -> tuple[str, ...]:
    """The letters that number points a), b) … đ) …: the Vietnamese alphabet."""
    return tuple(_data()["numbering"]["letters"])


def capital_letters() -> str:
    """A regex character class's inside: the capitals an abbreviation is written with (PGDĐT)."""
    return _data()["documents"]["capital_letters"]


@lru_cache(maxsize=1)
def symbol_characters() -> str:
    """A regex character class of what a document symbol is written with after its number
    (322/KH-UBND, 15/HĐTĐKT, 06/2022/QH15)."""
    return "[" + _data()["documents"]["symbol_characters"] + "]"


def suppression_words() -> tuple[str, ...]:
    """What follows `tdkt:` in a comment that silences codes (`bỏ qua`, `ignore` …)."""
    return tuple(_data()["suppression"]["words"])


def severity_words() -> dict[str, str]:
    """A level written in tdkt.toml (either language) → error | warning | info | off."""
    return dict(_data()["severity_words"])


def hygiene_words(name: str) -> tuple[str, ...]:
    """A word list of [hygiene] (``function_words``)."""
    return tuple(_data()["hygiene"][name])


@lru_cache(maxsize=None)
def prose_pattern(name: str) -> re.Pattern:
    """A recogniser of running text from data/prose-patterns.toml (``law``, ``anniversary`` …)."""
    return re.compile(data_table("prose-patterns")["patterns"][name])


@lru_cache(maxsize=None)
def prose_needs(name: str) -> tuple[tuple[str, ...], ...]:
    """What every match of the recogniser ``name`` holds ([needs] of data/prose-patterns.toml): one
    tuple per requirement, any of whose strings will do; () when nothing is listed."""
    return tuple(tuple(group) for group in data_table("prose-patterns").get("needs", {}).get(name, ()))


@lru_cache(maxsize=None)
def prose_starts(name: str) -> tuple[tuple[str, ...], tuple[str, ...], int]:
    """Where every match of the recogniser ``name`` starts ([starts] of data/prose-patterns.toml):
    (words, after_digits, digits); ((), (), 0) when nothing is listed."""
    found = data_table("prose-patterns").get("starts", {}).get(name, {})
    return tuple(found.get("words", ())), tuple(found.get("after_digits", ())), found.get("digits", 0)


def authority_prefixes() -> tuple[str, ...]:
    return tuple(_data()["authority"]["prefixes"])


# ---- the grammar's terminals, generated -------------------------------------------------------

def _pattern(word: str) -> str:
    parts = [re.escape(p) for p in word.split()]
    return r"\s+".join(r"[\s-]+".join(q.split(r"\-")) for q in parts)


def _alternatives(words) -> str:
    return "|".join(_pattern(w) for w in words)


def grammar_terminals() -> str:
    """The keyword and value terminals of grammar/tdkt.lark, as the grammar spells them."""
    out = []
    for k in keywords():
        look = r"(?=\s+[A-Za-z0-9_-]+\s*:)" if k.declares else r"(?=\s*:)"
        out.append(f"{k.terminal}.3: /(?i:{_alternatives(k.vi + k.en)}){look}/")
    out.append("")
    out.append("// words inside deadlines and dates")
    for terminal, words in deadline_words().items():
        out.append(f"{terminal}: /(?i:{_alternatives(words)})/")
    out.append(f"PART_WORD: /(?i:{_alternatives(_data()['deadline_parts'])})/")
    out.append(f"RECURRENCE: /(?i:{_alternatives(_data()['recurrence'])})/")
    out.append("")
    out.append("// values of " + ", ".join(f"`{field_label(n)}:`" for n in ("columns", "layout", "orientation")))
    for terminal, section in (("COLUMN_KIND", "columns"), ("LAYOUT_NAME", "layouts"),
                              ("ORIENTATION_NAME", "orientations")):
        words = sorted(_data()[section], key=len, reverse=True)  # the longest word wins
        out.append(f"{terminal}: /(?i:{_alternatives(words)})/")
    return "\n".join(out) + "\n"


START, END = "// ---- vocabulary:start", "// ---- vocabulary:end"


def grammar_with_terminals(grammar: str) -> str:
    """``grammar`` with the block between the vocabulary markers regenerated."""
    a = grammar.index(START)
    a = grammar.index("\n", a) + 1
    b = grammar.index(END)
    return grammar[:a] + grammar_terminals() + grammar[b:]
