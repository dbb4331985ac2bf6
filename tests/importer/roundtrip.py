"""Round-trip measure shared by the tests and `python -m tests.importer.roundtrip`: which paragraphs
of a reference plan survive import → build word for word.

Reference paragraphs are the non-empty lines of the reference text (a table row is one paragraph,
cells joined by tabs), except scan noise (the reference README: stray stamp/signature fragments)
and with lines cut by a page break in the extraction joined back (a line starting in lower case
after one that does not end a sentence). Both sides are compared after normalising what the
decree's format prescribes: whitespace, spaces around `/` in a number symbol, leading zeros of
day and month numbers, the TT cell's trailing dot, letter case (level-1 headings and appendix titles
are printed in capitals by the format). A table header repeated at a page break counts once, and
scan noise after the final "./." is not part of the paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from tdkt_dsl.importer.emit import fold
from tdkt_dsl.importer.recognize import is_noise


def norm(s: str) -> str:
    s = unicodedata.normalize("NFC", s).replace("\t", " | ")
    s = s.replace("*", "")
    s = re.sub(r"\s*/\s*", "/", s)
    s = re.sub(r"(?<!\d)0(\d)(?!\d)", r"\1", s)
    s = re.sub(r"^(\d+)\.(?= \|)", r"\1", s)
    return " ".join(s.split()).casefold()


def reference_paragraphs(text: str) -> list[str]:
    out: list[str] = []
    header_rows: set[str] = set()
    for raw in text.splitlines():
        line = raw.strip()
        line = re.sub(r"(\./\.)\s*(\S{1,6})$", lambda m: m.group(1) if is_noise(m.group(2)) else m.group(0), line)
        if "\t" in raw and re.match(r"(?i)^s?tt\t", line):
            if line in header_rows:
                continue  # the table header repeated where the table crossed a page
            header_rows.add(line)
        if not line or (is_noise(line) and "\t" not in raw):
            continue
        if (out and line[:1].islower() and "\t" not in raw and len(out[-1]) > 60
                and not re.search(r"[.:;!?…)\]”\"]\**$", out[-1]) and not line.startswith(("-", "+"))):
            out[-1] = out[-1] + " " + line
            continue
        out.append(raw.strip(" ") if "\t" in raw else line)
    return out


def measure(reference: str, built: str, folded: bool = False) -> tuple[int, int, list[str]]:
    """(kept, total, missing paragraphs). ``folded``: compare without diacritics (a plan whose OCR
    lost them, against the reference it was made from; the importer restores the diacritics of a
    few keywords and says so)."""
    key = (lambda s: fold(norm(s))) if folded else norm
    have = Counter(key(line) for line in built.splitlines() if line.strip())
    kept, missing = 0, []
    refs = reference_paragraphs(reference)
    for p in refs:
        k = key(p)
        if have[k] > 0:
            have[k] -= 1
            kept += 1
        else:
            missing.append(p)
    return kept, len(refs), missing
