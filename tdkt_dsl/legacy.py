"""Vietnamese text in legacy 8-bit encodings, pasted into a UTF-8 file: detection and conversion.

Before Unicode, Vietnamese offices typed with the TCVN3 (ABC, fonts `.VnTime`) and VNI
(fonts `VNI-Times`) encodings. Copied out of an old file, such text arrives as Windows-1252
look-alikes: "KÕ ho¹ch" (TCVN3) or "Keá hoaïch" (VNI) for "Kế hoạch". ``find_legacy`` finds such
stretches in a string; ``convert`` turns one into Unicode (NFC).
"""


from functools import lru_cache

import re
import unicodedata
from typing import NamedTuple

from .resources import data_table

_DATA = data_table("legacy-encodings")  # the encodings' tables: tdkt_dsl/data/legacy-encodings.toml

# TCVN3: the Windows-1252 look-alike of each byte 0xA1–0xFF → its Unicode letter
TCVN3: dict[str, str] = {}
for _i, _ch in enumerate("".join(_DATA["tcvn3"]["bytes_from_a1"])):
    if _ch != "\0":
        _b = bytes([0xA1 + _i])
        try:
            TCVN3[_b.decode("cp1252")] = _ch
        except UnicodeDecodeError:
            TCVN3[_b.decode("latin-1")] = _ch
        TCVN3.setdefault(_b.decode("latin-1"), _ch)

_TCVN3_MARK = set(_DATA["tcvn3"]["marks"])
_TCVN3_STRONG = set(_DATA["tcvn3"]["strong_marks"])  # never in VNI
# One isolated look-alike character ("®" in "Nhãn hiệu®", "±") is not legacy text: a stretch must
# hold at least this many legacy characters.
MIN_LEGACY_CHARS = 2

# VNI Windows: a base letter followed by a mark character.
_VNI = _DATA["vni"]
_VNI_TONE: dict[str, str] = _VNI["tone"]
_VNI_HAT: dict[str, str] = _VNI["hat"]
_VNI_BREVE: dict[str, str] = _VNI["breve"]
_VNI_SINGLE: dict[str, str] = _VNI["single"]
_VNI_MARK = set(_VNI["marks"])
_VNI_HORNED = _VNI["horned"]
_VNI_D = _VNI["d_letters"]
_VNI_TONE_AFTER_VOWEL = re.compile(_VNI["tone_after_vowel"])
_VNI_TELLTALE = re.compile(_VNI["telltale"])
_VOWEL = set(_VNI["vowels"])


def tcvn3_to_unicode(s: str) -> str:
    return unicodedata.normalize("NFC", "".join(TCVN3.get(c, c) for c in s))


def vni_to_unicode(s: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(s):
        c = s[i]
        nxt = s[i + 1] if i + 1 < len(s) else ""
        if c in _VOWEL or c in _VNI_HORNED:
            base = _VNI_SINGLE.get(c, c) if c in _VNI_HORNED else c
            low = c.lower()
            if low in "aeo" and nxt in _VNI_HAT:
                out.append(base + "\u0302" + _VNI_HAT[nxt])
                i += 2
                continue
            if low == "a" and nxt in _VNI_BREVE:
                out.append(base + "\u0306" + _VNI_BREVE[nxt])
                i += 2
                continue
            if nxt in _VNI_TONE:
                out.append(base + _VNI_TONE[nxt])
                i += 2
                continue
            out.append(base)
            i += 1
            continue
        out.append(_VNI_SINGLE.get(c, c))
        i += 1
    return unicodedata.normalize("NFC", "".join(out))


@lru_cache(maxsize=65536)  # a plan repeats its words: classify each once
def _is_tcvn3_word(w: str) -> bool:
    return any(c in _TCVN3_MARK for c in w) and any(c.isascii() and c.isalpha() for c in w)


@lru_cache(maxsize=65536)
def _is_vni_word(w: str) -> bool:
    if not any(c.isascii() and c.isalpha() for c in w) and not any(c in _VNI_D for c in w):
        return False
    if any(c in _VNI_MARK for c in w):
        return True
    # a vowel followed by a tone mark that Unicode Vietnamese never puts after a vowel
    return bool(_VNI_TONE_AFTER_VOWEL.search(w))


class Legacy(NamedTuple):
    start: int
    end: int
    encoding: str  # "TCVN3" or "VNI"
    converted: str


_WORD = re.compile(r"\S+")


# Every legacy word holds one of these (see _is_tcvn3_word, _is_vni_word): text without any is
# skipped at once — nearly every line of a plan.
_ANY_MARK = re.compile("[" + re.escape("".join(sorted(_TCVN3_MARK | _VNI_MARK | set(_VNI["vowel_tones"])))) + "]")


# A word starts a stretch only with a TCVN3 or VNI mark or a VNI tone right after a vowel: "ù"
# and "õ" alone are Vietnamese letters ("rõ", "tù"), common in plans.
_STRONG_MARK = re.compile("[" + re.escape("".join(sorted(_TCVN3_MARK | _VNI_MARK))) + "]")


def find_legacy(text: str) -> list[Legacy]:
    """Stretches of ``text`` that are TCVN3 or VNI; neighbouring suspect words form one stretch."""
    if not _ANY_MARK.search(text):
        return []
    if not _STRONG_MARK.search(text) and not _VNI_TONE_AFTER_VOWEL.search(text):
        return []
    return list(_find_legacy(text))


@lru_cache(maxsize=8192)
def _find_legacy(text: str) -> tuple[Legacy, ...]:
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]
    out: list[Legacy] = []
    i = 0
    while i < len(words):
        s, e, w = words[i]
        strong_t = any(c in _TCVN3_STRONG for c in w) and _is_tcvn3_word(w)
        is_v = _is_vni_word(w)
        is_t = _is_tcvn3_word(w)
        if not (strong_t or is_v or is_t):
            i += 1
            continue
        j = i
        last = i
        kinds = []
        while j < len(words) and j - last <= 2:
            wj = words[j][2]
            if _is_tcvn3_word(wj) or _is_vni_word(wj):
                last = j
                kinds.append(wj)
            j += 1
        first = i
        seg = text[words[i][0]:words[last][1]]
        if any(c in _TCVN3_STRONG for c in seg):
            enc = "TCVN3"
        elif any(_VNI_TELLTALE.search(k) for k in kinds):
            enc = "VNI"
        else:
            enc = "TCVN3"
        # neighbours written in the same encoding with only ambiguous letters ("KÕ" next to "ho¹ch")
        while first > 0 and _ambiguous(words[first - 1][2], enc):
            first -= 1
        while last + 1 < len(words) and _ambiguous(words[last + 1][2], enc):
            last += 1
        seg_start, seg_end = words[first][0], words[last][1]
        seg = text[seg_start:seg_end]
        conv = tcvn3_to_unicode(seg) if enc == "TCVN3" else vni_to_unicode(seg)
        if conv != seg and _looks_vietnamese(conv) and _legacy_chars(seg, enc) >= MIN_LEGACY_CHARS:
            out.append(Legacy(seg_start, seg_end, enc, conv))
        i = last + 1
    return tuple(out)


def _legacy_chars(seg: str, enc: str) -> int:
    if enc == "TCVN3":
        return sum(1 for c in seg if not c.isascii() and c in TCVN3 and c != "\u00ad")
    table = {**_VNI_TONE, **_VNI_HAT, **_VNI_BREVE, **_VNI_SINGLE}
    return sum(1 for c in seg if c in table)


def _ambiguous(w: str, enc: str) -> bool:
    if not all(ord(c) < 0x100 for c in w) or all(c.isascii() for c in w):
        return False
    table = TCVN3 if enc == "TCVN3" else {**_VNI_TONE, **_VNI_HAT, **_VNI_BREVE, **_VNI_SINGLE}
    return any(c in table for c in w)


_VN_LETTERS = set(_DATA["unicode"]["letters"])
_LATIN1_VIETNAMESE = _DATA["unicode"]["latin1_letters"]


def _looks_vietnamese(s: str) -> bool:
    """After conversion no legacy marks are left and Vietnamese letters appear."""
    low = s.lower()
    if any(0xA0 <= ord(c) <= 0xFF and c not in _LATIN1_VIETNAMESE for c in low):
        return False  # a Latin-1 letter Vietnamese does not use survived: not legacy text
    return any(c in _VN_LETTERS for c in low)
