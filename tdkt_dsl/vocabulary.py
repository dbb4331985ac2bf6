"""The one vocabulary table (tdkt_dsl/data/vocabulary.toml), read once: statement keywords with
their Vietnamese and English words, deadline words, column kinds, layouts, orientations, the
types of documents a plan cites and the authority prefixes of a signature.

grammar/tdkt.lark's keyword terminals are generated from it (`grammar_terminals`, written by
scripts/gen_grammar.py and checked by tests/test_vocabulary.py), so the parser, the builder, the
checks, the importer and the editor all read the same words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

try:
    import tomllib as _toml
except ModuleNotFoundError:  # Python < 3.11
    import tomli as _toml  # type: ignore[no-redef]

_FILE = Path(__file__).resolve().parent / "data" / "vocabulary.toml"


@dataclass(frozen=True)
class Keyword:
    terminal: str  # KW_ISSUER
    name: str  # issuer: the field of the model
    vi: tuple[str, ...]  # ("cơ quan",)
    en: tuple[str, ...]  # ("issuer",); a hyphen stands for a space or a hyphen
    declares: bool  # `đơn vị <mã>:` — the keyword is followed by an id

    @property
    def words(self) -> tuple[str, ...]:
        return self.vi + tuple(w.replace("-", " ") for w in self.en)


@lru_cache(maxsize=1)
def _data() -> dict:
    with open(_FILE, "rb") as fh:
        return _toml.load(fh)


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
    out.append("// values of `cột:`, `kiểu:`, `khổ:`")
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
