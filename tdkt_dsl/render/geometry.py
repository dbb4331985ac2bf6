"""The printed geometry shared by the DOCX writer and the HTML preview: the A4 pages (twips), the
appendix table's text size and padding, and its column widths computed from the content — so that
the preview wraps table cells where the DOCX does and has as many pages."""


from typing import NamedTuple
from functools import lru_cache

from ..metrics import text_width
from .layout import PrintedTable
from .linebreak import NBSP, protect

TWIPS_PER_MM = 1440 / 25.4


def _mm(v: float) -> int:
    return round(v * TWIPS_PER_MM)


class Page(NamedTuple):
    """One page geometry, in twips."""

    width: int
    height: int
    top: int
    bottom: int
    left: int
    right: int

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def text_width(self) -> int:
        return self.width - self.left - self.right


A4_W, A4_H = 11906, 16838  # 210 × 297 mm
# nd30: top 20–25, bottom 20–25, left 30–35, right 15–20 mm.
PORTRAIT = Page(A4_W, A4_H, top=_mm(20), bottom=_mm(20), left=_mm(30), right=_mm(15))
# A landscape appendix keeps the same margins as drawn (binding edge on the left, 30 mm; right
# 15 mm; top/bottom 20 mm) — the first of the options nd30/verify accept for a landscape page.
LANDSCAPE = Page(A4_H, A4_W, top=_mm(20), bottom=_mm(20), left=_mm(30), right=_mm(15))

TABLE_PT = 13  # appendix table cells (13 pt keeps wide tables readable; nd30 does not fix it)
CELL_MARGIN = 85  # appendix table cell left/right padding (1.5 mm)
SHORT_COLUMN = 0.2  # an appendix column whose longest cell is within this share of the width: one line


def split_widths(total: int, weights: list[float]) -> list[int]:
    """Integer twips proportional to ``weights``, summing exactly to ``total``."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    out = [int(x) for x in raw]
    # hand the rounding remainder to the largest fractional parts
    order = sorted(range(len(raw)), key=lambda i: raw[i] - out[i], reverse=True)
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


@lru_cache(maxsize=1 << 15)  # a rebuild measures the same cells again; a big table many alike
def tokens_width(text: str, size: float, bold: bool) -> tuple[int, int]:
    """(widest unbreakable stretch, whole text on one line) of a cell's text, in twips: lines
    break only at ordinary spaces (no-break spaces and hyphens inside symbols hold)."""
    text = protect(text)
    words = [w for w in text.replace("\n", " ").split(" ") if w]
    if not words:
        return 0, 0
    widest = max(text_width(w.replace(NBSP, " "), size, bold) for w in words)
    return widest, max(text_width(line.replace(NBSP, " "), size, bold) for line in text.split("\n"))


def column_widths(t: PrintedTable, total: int) -> list[int]:
    """Column widths from the content, within ``total`` twips. Each column is first as wide as
    its widest unbreakable stretch (header included, at the cell's size and weight: a symbol, a
    date with its "ngày", a two-syllable word never wraps inside); the remaining room is handed
    out a slice at a time to the column where it saves the most printed lines over the whole
    table (a row is as tall as its tallest cell); whatever no column needs is shared in
    proportion to the one-line widths. An empty column stays as narrow as its header's words."""
    n = len(t.columns)
    pad = 2 * CELL_MARGIN + 20  # cell padding, and a point of air so a measured word never wraps
    lo, hi = [0] * n, [0] * n
    # every cell as the one-line widths of its paragraphs (a month's items are one each), header first
    rows: list[list[tuple[int, ...]]] = []
    cells = [[(text, True) for text in t.header]]
    for row in t.rows:
        if row.kind == "task":
            texts = [c.text for c in row.cells]
            cells.append([(text, bool(text.strip()) and all(s.bold for s in c.spans if s.text.strip()))
                          for text, c in zip(texts, row.cells)])
    for i, row in enumerate(cells):
        widths = []
        for j, (text, bold) in enumerate(row):
            a, b = tokens_width(text, TABLE_PT, bold)
            if i == 0:  # a header may take two or three lines: only its words count
                b = a
            lo[j], hi[j] = max(lo[j], a + pad), max(hi[j], b + pad)
            widths.append((b,) if i == 0 or "\n" not in text else
                          tuple(tokens_width(para, TABLE_PT, bold)[1] for para in text.split("\n")))
        rows.append(widths)
    if sum(lo) >= total:  # not even the words fit: scale the minimums
        return split_widths(total, [float(x) for x in lo])
    if len(rows) > 240:  # a long table: every k-th row tells the shape well enough
        rows = rows[:: len(rows) // 240 + 1]
    w = lo[:]
    # short columns (a number, a deadline, a unit's short name) first get their whole line, as
    # long as the long columns keep 40 % of the width between them
    short = sorted((hi[j], j) for j in range(n) if hi[j] <= total * SHORT_COLUMN)
    long_cols = [j for j in range(n) if hi[j] > total * SHORT_COLUMN]
    for h, j in short:
        keep = max(sum(lo[k] for k in long_cols), round(total * 0.4)) if long_cols else 0
        if sum(w) - w[j] + h + keep - sum(w[k] for k in long_cols) <= total:
            w[j] = h
    step = max(total // 120, 20)

    def lines(x: tuple[int, ...], wj: int) -> int:  # +5 %: words do not pack
        return max(1, sum(-(-p * 21 // (20 * max(wj - pad, 1))) if p else 1 for p in x))

    # each column's line counts per row at its current width, kept as the widths grow (only the
    # widened column changes): a row's height and the gains read them instead of measuring again
    now_lines = [[lines(r[j], w[j]) for r in rows] for j in range(n)]
    height = [max(col) for col in zip(*now_lines)]
    wider_lines: dict[int, list[int]] = {}  # column → its line counts one step wider (until it widens)
    while total - sum(w) >= step:
        best, best_gain, best_lines = None, 0, None
        for j in range(n):
            if w[j] >= hi[j]:
                continue  # already on one line everywhere
            # lines saved: of the table's height (rows), then of the column's own cells — a
            # cell shorter than its row still reads better on fewer lines
            wider = wider_lines.get(j)
            if wider is None:
                wider = wider_lines[j] = [lines(r[j], w[j] + step) for r in rows]
            others = [now_lines[k] for k in range(n) if k != j]
            gain = 0
            for i, (now, then, h) in enumerate(zip(now_lines[j], wider, height)):
                gain += now - then
                if now == h:
                    after = max(then, *(col[i] for col in others)) if others else then
                    gain += 4 * (h - after)
            if gain > best_gain:
                best, best_gain, best_lines = j, gain, wider
        if best is None:
            break
        w[best] += step
        now_lines[best] = best_lines
        del wider_lines[best]
        height = [max(col) for col in zip(*now_lines)]
    spare = total - sum(w)
    if spare > 0:
        lack = [max(0, h - x) for h, x in zip(hi, w)]
        share = lack if sum(lack) else hi
        w = [x + spare * s / sum(share) for x, s in zip(w, share)]
    return split_widths(total, [float(x) for x in w])
