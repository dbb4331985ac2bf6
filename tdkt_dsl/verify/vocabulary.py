"""Verify's vocabulary (tdkt_dsl/data/verify.toml), read once: the landmarks looked for in a
DOCX and the words of findings, each a (Vietnamese, English) pair."""

from __future__ import annotations

import re
from functools import lru_cache

from ..resources import data_table


def vocabulary() -> dict:
    return data_table("verify")


def landmark(name: str) -> str:
    return vocabulary()["landmarks"][name]


@lru_cache(maxsize=None)
def pattern(name: str, flags: int = 0) -> re.Pattern:
    return re.compile(vocabulary()["patterns"][name], flags)


def say(key: str, **params: object) -> tuple[str, str]:
    """The (vi, en) words ``key`` of [words], formatted with ``params``."""
    vi, en = vocabulary()["words"][key]
    return vi.format(**params), en.format(**params)


def where(key: str, **params: object) -> tuple[str, str]:
    """A place in the document in words, (vi, en): `đoạn 5`, `bảng 1, hàng 2, ô 2` …"""
    vi, en = vocabulary()["where"][key]
    return vi.format(**params), en.format(**params)
