"""Signing authority (thẩm quyền ký): one or two lines such as "TM. ỦY BAN NHÂN DÂN" over
"KT. CHỦ TỊCH", checked against the signer's position ("PHÓ CHỦ TỊCH").

The prefixes and what each asks of the position are data (tdkt_dsl/data/authority.toml).
`thẩm quyền:` holds the lines in order; each starts with its prefix, so they need no separator
(`thẩm quyền: TM. Ủy ban nhân dân, KT. Chủ tịch`; a `,` `;` or `/` between them is allowed).
"""


import re
from typing import NamedTuple
from functools import lru_cache

from .. import vocabulary
from ..resources import data_table


MAX_LINES = 2


class Prefix(NamedTuple):
    name: str  # KT
    meaning: str  # ký thay
    position: str  # deputy | head | acting | any
    first: bool  # may open a two-line authority


@lru_cache(maxsize=1)
def _words() -> dict[str, str]:
    """The words that open a deputy's and an acting head's position (authority.toml [position])."""
    return {k: vocabulary.lower_words(v) for k, v in data_table("authority")["position"].items()}


@lru_cache(maxsize=1)
def prefixes() -> dict[str, Prefix]:
    """The vocabulary's prefixes (in its order), each with its rule from authority.toml."""
    data = data_table("authority")["prefix"]
    out = {}
    for p in vocabulary.authority_prefixes():
        k = p.rstrip(".")
        v = data[k]
        out[k] = Prefix(k, v["meaning"], v["position"], bool(v.get("first", False)))
    return out


def allowed_list() -> str:
    return ", ".join(f"`{p}.`" for p in prefixes())


# a prefix: letters then a dot, at the start or after a separator ("TM. …, KT. …")
_LINE = re.compile(r"(?:^|(?<=[\s,;/|]))(?P<prefix>[A-Za-zĐđ]{1,4})\.\s*")


class AuthorityPart(NamedTuple):
    prefix: str  # as written, without the dot
    body: str
    start: int  # offset of the prefix in the value
    end: int


def split_lines(value: str) -> list[AuthorityPart]:
    """The authority lines of a `thẩm quyền:` value; text before the first prefix is a line
    with an empty prefix (reported by the builder)."""
    out: list[AuthorityPart] = []
    marks = [m for m in _LINE.finditer(value) if m.group("prefix").upper() in prefixes() or m.start() == 0]
    if not marks or marks[0].start() > 0:
        first_end = marks[0].start() if marks else len(value)
        out.append(AuthorityPart("", value[:first_end].strip(" ,;/|"), 0, first_end))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(value)
        out.append(AuthorityPart(m.group("prefix"), value[m.end():end].strip(" ,;/|"), m.start(), end))
    return out


def _opens_with(position: str, word: str) -> bool:
    return vocabulary.lower_words(position).startswith(_words()[word] + " ")


def is_deputy(position: str) -> bool:
    """A deputy's position: "Phó Chủ tịch"."""
    return _opens_with(position, "deputy")


def is_acting(position: str) -> bool:
    """An acting head's position: "Quyền Trưởng phòng"."""
    return _opens_with(position, "acting")


def deputy_of(position: str, head: str) -> bool:
    """``position`` is the deputy of ``head``: "Phó Chủ tịch" of "Chủ tịch"."""
    return vocabulary.lower_words(position).startswith(
        _words()["deputy"] + " " + vocabulary.lower_words(head))


def head_of(position: str) -> str:
    """The head a deputy signs for, as written: "Phó Hiệu trưởng" → "Hiệu trưởng"."""
    words = position.split()
    return " ".join(words[len(_words()["deputy"].split()):])
