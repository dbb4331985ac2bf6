"""Printed width of text in Times New Roman, from shipped advance widths (no font, no Pillow).

``data/times-metrics.json`` holds the advance of every character Vietnamese plans use, in the
four styles, extracted from Liberation Serif (metric-compatible with Times New Roman) by
``scripts/gen_font_metrics.py``. The DOCX writer (rules, line breaks, column widths) and ``verify``
(rule lengths) both measure with this module, so the same plan gives the same bytes on every
machine, whatever happens to be installed.
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache

from .resources import resource_dir


@lru_cache(maxsize=1)
def _tables() -> tuple[int, dict[str, dict[str, int]]]:
    data = json.loads((resource_dir("data") / "times-metrics.json").read_text(encoding="utf-8"))
    styles = {}
    for style, runs in data["styles"].items():
        table: dict[str, int] = {}
        for first, advances in runs:
            for k, adv in enumerate(advances):
                table[chr(first + k)] = adv
        styles[style] = table
    return data["units_per_em"], styles


def _style(bold: bool, italic: bool) -> str:
    return {(False, False): "regular", (True, False): "bold", (False, True): "italic",
            (True, True): "bold_italic"}[(bool(bold), bool(italic))]


@lru_cache(maxsize=4096)
def _units(text: str, style: str) -> int:
    upem, styles = _tables()
    table = styles[style]
    total = 0
    for ch in text:
        adv = table.get(ch)
        if adv is None:
            # a character outside the table: the advance of its base letter (a decomposed
            # Vietnamese letter), else that of an average letter (half an em)
            base = unicodedata.normalize("NFD", ch)[:1]
            adv = 0 if unicodedata.combining(ch) else table.get(base, upem // 2)
        total += adv
    return total


def text_width(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> int:
    """Width of one line of ``text`` at ``size_pt`` points, in twips (1/20 pt)."""
    upem, _ = _tables()
    return round(_units(text, _style(bold, italic)) * size_pt * 20 / upem)


# the name verify has always used
text_width_twips = text_width
