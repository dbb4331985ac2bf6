"""Estimate printed text width in Times New Roman, to judge the length of the short rules."""

from __future__ import annotations

import unicodedata

from ._metrics_data import _BOLD, _CHARS, _REGULAR

_TABLES = {False: dict(zip(_CHARS, _REGULAR)), True: dict(zip(_CHARS, _BOLD))}
_AVERAGE = 500  # unknown characters: an average Times letter


def _base(ch: str) -> str:
    # Vietnamese letters keep the advance of their base letter (Đ/đ have D/d widths)
    if ch in "Đđ":
        return "D" if ch == "Đ" else "d"
    return unicodedata.normalize("NFD", ch)[0]


def text_width_twips(text: str, size_pt: float, bold: bool) -> int:
    """Width of one line of ``text`` at ``size_pt``, in twips (1/20 pt)."""
    table = _TABLES[bool(bold)]
    units = sum(table.get(_base(ch), _AVERAGE) for ch in text if not unicodedata.combining(ch))
    return round(units / 1000 * size_pt * 20)
