"""The ND30 rules, one function per family, over a read document.

Each check takes a ``Context`` (the document plus the landmarks found once, before any rule:
Quốc hiệu, the header cells, the number and date lines with their values, the title, the Nơi
nhận block …), only reads it, and yields findings; the order the checks run in changes nothing.
Landmarks are found by content, not by position, so Word files made by hand are read too;
when a landmark is missing, the checks that need it stay silent and one finding says so.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from typing import Callable, Iterator

from ..diagnostics import Diagnostic, Span
from ..metrics import text_width_twips
from ..vocabulary import strip_marks
from .reader import TWIPS_PER_MM, Cell, Document, Paragraph, Section, Table
from .vocabulary import landmark, pattern, say, where

# the landmarks and their wording live in tdkt_dsl/data/verify.toml
QUOC_HIEU = landmark("quoc_hieu")
TIEU_NGU = landmark("tieu_ngu")
TNR = "times new roman"
A4 = (11906, 16838)


# -- findings ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    code: str
    line: int  # block index: findings are ordered by it
    where: tuple[str, str]
    quote: str
    expected: tuple[str, str]
    found: tuple[str, str]
    group: tuple | None = None  # findings with the same group collapse into the first

    def order(self) -> tuple:
        """A total order, so the result never depends on the order the rules ran in."""
        nums = tuple(int(n) for n in re.findall(r"\d+", self.where[1]))
        return (self.line, self.code, nums, self.where, self.quote, self.expected, self.found, repr(self.group))


def _t(vi: str, en: str | None = None) -> tuple[str, str]:
    return (vi, vi if en is None else en)


def at(code: str, p: Paragraph, expected, found, group: tuple | None = None,
       quote: str | None = None) -> Finding:
    return Finding(code, p.block, (p.where_vi, p.where_en), _quote(p.text if quote is None else quote),
                   _pair(expected), _pair(found), group)


def at_section(code: str, s: Section, expected, found, quote: str = "", group: tuple | None = None) -> Finding:
    return Finding(code, s.first_block, where("section", n=s.index + 1), quote, _pair(expected), _pair(found),
                   group)


def _pair(x) -> tuple[str, str]:
    return x if isinstance(x, tuple) else (str(x), str(x))


def _quote(text: str, limit: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def to_diagnostics(path: str, findings: list[Finding]) -> list[Diagnostic]:
    """Order the findings, collapse grouped ones (the same fault in many paragraphs) into the
    first, and make each a Diagnostic with a detached span naming where it is (`đoạn 5`)."""
    firsts: dict[tuple, Finding] = {}
    counts: dict[tuple, int] = {}
    ordered: list[Finding] = []
    for f in sorted(findings, key=Finding.order):
        if f.group is None:
            ordered.append(f)
            continue
        key = (f.code,) + f.group
        counts[key] = counts.get(key, 0) + 1
        if key not in firsts:
            firsts[key] = f
            ordered.append(f)
    out = []
    for f in ordered:
        n = counts.get((f.code,) + f.group, 1) - 1 if f.group is not None else 0
        out.append(Diagnostic(code=f.code, span=Span.at(path, f.where[0], f.where[1]), params={
            "quote": f.quote, "quoted": f" «{f.quote}»" if f.quote else "",
            "expected": f.expected[0], "expected_en": f.expected[1],
            "found": f.found[0], "found_en": f.found[1],
            "more": where("more", n=n)[0] if n else "", "more_en": where("more", n=n)[1] if n else "",
            "count": n + 1,
        }))
    return out


# -- text helpers -----------------------------------------------------------------------------

def loose(text: str) -> str:
    """Letters only, no diacritics, upper case: finds landmarks whatever their spelling."""
    return "".join(ch for ch in strip_marks(text) if ch.isalnum()).upper()


def shows_upper(p: Paragraph) -> bool:
    return all(r.caps or r.text == r.text.upper() for r in p.text_runs)


def pt(size: float | None) -> str:
    return "?" if size is None else (f"{size:g} pt")


def mm(twips: float) -> str:
    return say("mm", v=f"{twips / TWIPS_PER_MM:.1f}".replace(".", ","))[0]


def mm_en(twips: float) -> str:
    return say("mm", v=f"{twips / TWIPS_PER_MM:.1f}")[1]


def _join(*pairs: tuple[str, str]) -> tuple[str, str]:
    return ", ".join(p[0] for p in pairs), ", ".join(p[1] for p in pairs)


def in_range(v: float | None, lo: float, hi: float) -> bool:
    return v is not None and lo <= v <= hi


def style_words(p: Paragraph) -> tuple[str, str]:
    size = pt(p.dominant_size())
    return _join((size, size), say("bold" if p.all_runs("bold") else "not_bold"),
                 say("italic" if p.all_runs("italic") else "upright"))


def align_words(align: str) -> tuple[str, str]:
    return say(f"align_{align}") if align in ("left", "right", "center", "both") else (align, align)


# -- landmarks: the facts every rule shares, found once, before any rule ----------------------

NUMBER_RE = pattern("number")
DATE_RE = pattern("date", re.IGNORECASE)
APPENDIX_RE = pattern("appendix")


@dataclass(frozen=True)
class Context:
    """The read document and its landmarks (Quốc hiệu, number and date with their values, the
    title, Nơi nhận, appendix headings …) as one value: rules read it and never write it, so
    they can run in any order (tests/verify/test_verify_pure.py)."""

    doc: Document
    header_paras: tuple[Paragraph, ...] = ()
    national_title: Paragraph | None = None
    motto: Paragraph | None = None
    agency_cell: Cell | None = None
    number: Paragraph | None = None
    number_val: tuple[str | None, str] | None = None  # (digits or None for a draft, symbol)
    date: Paragraph | None = None
    date_val: tuple[int, int, int] | None = None  # a real date written in digits
    date_draft_year: int | None = None  # a draft's date: day and month left blank
    doc_type: Paragraph | None = None
    title: tuple[Paragraph, ...] = ()
    body_end: int | None = None  # block index where the closing block starts
    recipients_head: Paragraph | None = None  # «Nơi nhận:»
    appendix_heads: tuple[Paragraph, ...] = ()
    # indexes that keep the rules linear on hostile input (40,000 sections or headings)
    body: tuple[Paragraph, ...] = ()  # the body's top-level paragraphs, in order
    body_index: dict = field(default_factory=dict)  # body paragraph -> its index in ``body``
    first_nonempty: dict = field(default_factory=dict)  # section -> its first non-empty block
    appendix_tables: dict = field(default_factory=dict)  # appendix heading -> the tables under it


def find_landmarks(doc: Document) -> Context:
    first = [p for p in doc.all_paragraphs() if p.section == 0]
    national_title = next((p for p in first if loose(p.text) == loose(QUOC_HIEU)), None)
    motto = next((p for p in first if loose(p.text) == loose(TIEU_NGU)), None)
    body = doc.body_paragraphs()
    doc_type = next((p for p in body if p.section == 0 and loose(p.text) == loose(landmark("doc_type"))), None)
    limit = doc_type.block if doc_type else 12
    header_paras = tuple(p for p in first if p.block < limit or (p.block == limit and p.cell))
    number = next((p for p in header_paras if loose(p.text).startswith(loose(landmark("number_head"))) and "/" in p.text
                   and NUMBER_RE.match(p.text.strip())), None)
    date = next((p for p in header_paras if DATE_RE.match(p.text.strip())), None)
    body_index = {p: i for i, p in enumerate(body)}
    recipients_head = next((p for p in reversed(first)
                            if loose(p.text).startswith(loose(landmark("noi_nhan")))), None)
    heads = tuple(p for p in body if APPENDIX_RE.match(p.text.strip()))
    return Context(
        doc=doc, header_paras=header_paras, national_title=national_title, motto=motto, agency_cell=_agency_cell(doc, national_title),
        number=number, number_val=_number_value(number),
        date=date, date_val=_date_value(date), date_draft_year=_draft_year(date),
        doc_type=doc_type, title=_title(body, body_index, doc_type),
        body_end=recipients_head.block if recipients_head else None, recipients_head=recipients_head,
        appendix_heads=heads,
        body=tuple(body), body_index=body_index, first_nonempty=_first_nonempty(doc),
        appendix_tables=_tables_under(doc, heads))


def _agency_cell(doc: Document, national_title: Paragraph | None) -> Cell | None:
    """The agency block: the first cell of the header table row that holds the Quốc hiệu."""
    if national_title is None or national_title.cell is None:
        return None
    for t in doc.tables:
        for row in t.rows:
            if any(national_title.cell is c for c in row.cells) and row.cells[0] is not national_title.cell:
                return row.cells[0]
    return None


def _title(body: list[Paragraph], index: dict, doc_type: Paragraph | None) -> tuple[Paragraph, ...]:
    if doc_type is None:
        return ()
    out: list[Paragraph] = []
    i = index[doc_type] + 1
    while i < len(body) and len(out) < 4:
        p = body[i]
        if p.is_empty or p.align != "center" or p.block != doc_type.block + len(out) + 1:
            break
        out.append(p)
        if p.border_bottom:
            break
        i += 1
    return tuple(out)


def _number_value(p: Paragraph | None) -> tuple[str | None, str] | None:
    """(the number, or None for a draft's blank; the symbol without spaces)."""
    m = NUMBER_RE.match(p.text.strip()) if p is not None else None
    if m is None:
        return None
    num = m.group("num")
    return (None if num.strip(" ._…") == "" else num, m.group("sym").strip().replace(" ", ""))


def _date_parts(p: Paragraph | None) -> tuple[str, str, str] | None:
    m = DATE_RE.match(p.text.strip()) if p is not None else None
    return None if m is None else tuple(m.group(k).strip(" ._…") for k in ("d", "m", "y"))  # type: ignore[return-value]


def _date_value(p: Paragraph | None) -> tuple[int, int, int] | None:
    parts = _date_parts(p)
    if parts is None:
        return None
    d, mo, y = parts
    if not (d.isdigit() and mo.isdigit() and y.isdigit() and len(y) == 4):
        return None
    day, month, year = int(d), int(mo), int(y)
    if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return day, month, year


def _draft_year(p: Paragraph | None) -> int | None:
    parts = _date_parts(p)
    if parts is None or parts[0] or parts[1]:
        return None
    return int(parts[2]) if parts[2].isdigit() else None


def _first_nonempty(doc: Document) -> dict[int, Paragraph | Table]:
    out: dict[int, Paragraph | Table] = {}
    for b in doc.blocks:
        if b.section not in out and not (isinstance(b, Paragraph) and b.is_empty):
            out[b.section] = b
    return out


def _tables_under(doc: Document, heads: tuple[Paragraph, ...]) -> dict[Paragraph, list[Table]]:
    """Each top-level table of two rows or more, under the last appendix heading before it in
    its section."""
    out: dict[Paragraph, list[Table]] = {h: [] for h in heads}
    by_block = {h.block: h for h in heads}
    current: Paragraph | None = None
    tables = iter(sorted((t for t in doc.tables if not t.nested and len(t.rows) >= 2), key=lambda t: t.block))
    t = next(tables, None)
    for b in doc.blocks:
        if b.block in by_block:
            current = by_block[b.block]
        while t is not None and t.block <= b.block:
            if t.block == b.block and current is not None and current.section == t.section \
                    and t.block > current.block:
                out[current].append(t)
            t = next(tables, None)
    return out


# -- V1: page and fonts -----------------------------------------------------------------------

def check_page(ctx: Context) -> Iterator[Finding]:
    for s in ctx.doc.sections:
        if not (s.width and s.height):
            continue
        if abs(min(s.width, s.height) - A4[0]) > 30 or abs(max(s.width, s.height) - A4[1]) > 30:
            found = (say("size_mm", w=mm(s.width), h=mm(s.height))[0], say("size_mm", w=mm_en(s.width), h=mm_en(s.height))[1])
            yield at_section("V101", s, say("a4"), found)
        if not _margins_ok(s):
            yield at_section("V102", s, _margin_expect(s), _margin_found(s))
    if ctx.doc.sections and ctx.doc.sections[0].landscape:
        yield at_section("V103", ctx.doc.sections[0], say("portrait"), say("landscape"))


_PORTRAIT = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
# a landscape appendix page keeps the binding edge: either as drawn, or turned a quarter
_LANDSCAPE = (_PORTRAIT,
              {"top": (30, 35), "bottom": (15, 20), "left": (20, 25), "right": (20, 25)},
              {"top": (15, 20), "bottom": (30, 35), "left": (20, 25), "right": (20, 25)})


def _margins_ok(s: Section) -> bool:
    if not s.has_pgmar:
        return True  # V903 reports it
    options = _LANDSCAPE if s.landscape else (_PORTRAIT,)
    return any(all(lo - 0.3 <= s.margins.get(k, 0) / TWIPS_PER_MM <= hi + 0.3
                   for k, (lo, hi) in opt.items()) for opt in options)


def _margin_expect(s: Section) -> tuple[str, str]:
    vi, en = say("margins_expected")
    if s.landscape:
        tvi, ten = say("margins_turned")
        return vi + tvi, en + ten
    return vi, en


def _margin_found(s: Section) -> tuple[str, str]:
    m = {k: f"{s.margins.get(k, 0) / TWIPS_PER_MM:.1f}" for k in ("top", "bottom", "left", "right")}
    return (say("margins_found", **{k: v.replace(".", ",") for k, v in m.items()})[0],
            say("margins_found", **m)[1])


def _every_paragraph(ctx: Context) -> Iterator[Paragraph]:
    yield from ctx.doc.all_paragraphs()
    seen = set()
    for s in ctx.doc.sections:
        for part in list(s.headers.values()) + list(s.footers.values()):
            if part is not None and id(part) not in seen:
                seen.add(id(part))
                yield from part.paragraphs


def check_fonts(ctx: Context) -> Iterator[Finding]:
    for p in _every_paragraph(ctx):
        for r in p.text_runs:
            bad = tuple((slot, font or "?") for slot, font in r.fonts.items()
                        if (font or "").strip().lower() != TNR)
            if bad:
                found = ", ".join(f"{slot}={font}" for slot, font in bad)
                yield at("V110", p, say("tnr_slots"),
                         _t(found), group=bad, quote=r.text)
                break
        for r in p.text_runs:
            if r.color and r.color.lower() not in ("auto", "000000"):
                yield at("V111", p, say("black"), _t(r.color), group=(r.color,), quote=r.text)
                break


# -- V2: first-page elements ------------------------------------------------------------------

def check_national_title(ctx: Context) -> Iterator[Finding]:
    for p, text, code, fmt_code, lo, hi, upper in (
            (ctx.national_title, QUOC_HIEU, "V201", "V207", 12, 13, True),
            (ctx.motto, TIEU_NGU, "V202", "V208", 13, 14, False)):
        if p is None:
            yield _not_found(ctx, code, _t(text), say("not_found"))
            continue
        shown = p.text.strip().upper() if upper and shows_upper(p) else p.text.strip()
        if shown != text:
            yield at(code, p, _t(text), _t(p.text.strip()))
        size = p.dominant_size()
        ok = in_range(size, lo, hi) and p.all_runs("bold") and not p.any_run("italic")
        if upper and not shows_upper(p):
            ok = False
        if not ok:
            yield at(fmt_code, p, say("national_format_upper" if upper else "national_format", lo=lo, hi=hi),
                     style_words(p))


def check_size_pairing(ctx: Context) -> Iterator[Finding]:
    if not (ctx.national_title and ctx.motto and ctx.date):
        return
    sizes = (ctx.national_title.dominant_size(), ctx.motto.dominant_size(), ctx.date.dominant_size())
    if not (in_range(sizes[0], 12, 13) and in_range(sizes[1], 13, 14) and in_range(sizes[2], 13, 14)):
        return  # each element's own rule already reports it
    if sizes not in ((13, 14, 14), (12, 13, 13)):
        found = "/".join(f"{s:g}" for s in sizes)
        yield at("V209", ctx.motto, say("pairings"), say("sizes_found", sizes=found))


def check_agency(ctx: Context) -> Iterator[Finding]:
    lines = _agency_lines(ctx)
    for i, p in enumerate(lines):
        issuing = i == len(lines) - 1
        size = p.dominant_size()
        ok = in_range(size, 12, 13) and shows_upper(p) and not p.any_run("italic")
        ok = ok and (p.all_runs("bold") if issuing else not p.any_run("bold"))
        if not ok:
            yield at("V210", p, say("agency_issuing" if issuing else "agency_parent"), style_words(p))


def _agency_lines(ctx: Context) -> list[Paragraph]:
    if ctx.agency_cell is None:
        return []
    out = []
    for p in ctx.agency_cell.paragraphs:
        if p is ctx.number or loose(p.text).startswith(loose(landmark("number_head"))) and "/" in p.text:
            break
        if not p.is_empty and not _is_rule_text(p.text):
            out.append(p)
    return out


def _not_found(ctx: Context, code: str, expected, found) -> Finding:
    """A first-page element the document lacks, reported at its top."""
    line = ctx.doc.blocks[0].block if ctx.doc.blocks else 1
    return Finding(code, line, where("top"), "", expected, found)


def check_number(ctx: Context) -> Iterator[Finding]:
    p = ctx.number
    if p is None:
        yield _not_found(ctx, "V205", say("number_example"), say("number_not_found"))
        return
    text = " ".join(p.text.split())
    m = NUMBER_RE.match(p.text.strip())
    num, sym = m.group("num"), m.group("sym").strip()
    draft = num.strip(" ._…") == ""
    problems: list[tuple[tuple[str, str], str]] = []  # (expected, found)
    if not m.group("colon") or not text.startswith(landmark("number_head")):
        problems.append((say("number_colon"), text.split("/")[0]))
    if not draft and not num.isdigit():
        problems.append((say("number_digits"), num))
    elif not draft and int(num) < 10 and len(num) < 2:
        problems.append((say("number_zero", n=f"{int(num):02d}"), num))
    if re.search(r"\s", sym) or re.search(r"\s/|/\s", p.text.split(":", 1)[-1].strip()) and not draft:
        problems.append((say("symbol_spaces"), sym))
    if not pattern("symbol").match(sym.replace(" ", "")):
        problems.append((say("symbol_form"), sym))
    for expected, found in problems:
        yield at("V205", p, expected, _t(found))
    if draft and not problems:
        yield at("V206", p, say("document_number"), say("left_blank"))
    size = p.dominant_size()
    if size != 13 or p.any_run("italic"):
        yield at("V213", p, say("number_format"), style_words(p))


def check_date(ctx: Context) -> Iterator[Finding]:
    p = ctx.date
    if p is None:
        yield _not_found(ctx, "V204", say("date_example"), say("not_found"))
        return
    m = DATE_RE.match(p.text.strip())
    d, mo, y = (m.group(k).strip(" ._…") for k in ("d", "m", "y"))
    if not m.group("comma") or not m.group("place").strip():
        yield at("V204", p, say("date_comma"),
                 _t(p.text.strip()))
    if m.group("ngay") != landmark("date_word"):
        yield at("V204", p, say("date_lower"), _t(m.group("ngay")))
    if not d and not mo:
        yield at("V206", p, say("issue_date"), say("left_blank"))
    elif d.isdigit() and mo.isdigit() and y.isdigit() and len(y) == 4:
        yield from _date_digits(ctx, p, d, mo, int(y))
    else:
        yield at("V204", p, say("date_digits"), _t(p.text.strip()))
    size = p.dominant_size()
    if not (in_range(size, 13, 14) and p.all_runs("italic")):
        yield at("V214", p, say("date_format"), style_words(p))


def _date_digits(ctx: Context, p: Paragraph, d: str, mo: str, y: int) -> Iterator[Finding]:
    day, month = int(d), int(mo)
    if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(y, month)[1]):
        yield at("V204", p, say("real_date"), say("date_numeric", d=d, m=mo, y=y))
        return
    want_d = f"{day:02d}" if day < 10 else str(day)
    want_m = f"{month:02d}" if month <= 2 else str(month)
    if (d, mo) != (want_d, want_m):
        yield at("V203", p, say("date_words", d=want_d, m=want_m, y=y), say("date_words", d=d, m=mo, y=y))


def check_doc_type(ctx: Context) -> Iterator[Finding]:
    p = ctx.doc_type
    if p is None:
        yield _not_found(ctx, "V211", _t(landmark("doc_type")), say("doc_type_not_found"))
        return
    ok = (in_range(p.dominant_size(), 13, 14) and p.all_runs("bold") and shows_upper(p)
          and p.align == "center" and not p.any_run("italic"))
    if not ok:
        yield at("V211", p, say("doc_type_format"), _join(style_words(p), align_words(p.align)))
    if ctx.doc_type and not ctx.title:
        yield at("V212", p, say("title_missing"), say("not_found"))
    for t in ctx.title:
        if not (in_range(t.dominant_size(), 13, 14) and t.all_runs("bold") and not t.any_run("italic")):
            yield at("V212", t, say("title_format"), style_words(t))


# -- V3: the short rules ----------------------------------------------------------------------

_RULE_CHARS = set("_-–—‾.= ")


def _is_rule_text(text: str) -> bool:
    t = text.strip()
    return len(t) >= 4 and set(t) <= _RULE_CHARS and t.count(" ") < len(t) / 2


def _siblings(ctx: Context, p: Paragraph) -> list[Paragraph]:
    if p.cell is not None:
        return p.cell.paragraphs
    return list(ctx.body)


def _rule_under(ctx: Context, p: Paragraph) -> tuple[str, int | None, Paragraph | None]:
    """('line', length, holder) | ('text', None, holder) | ('none', None, None)."""
    if p.drawing_widths:
        return "line", max(p.drawing_widths), p
    sib = _siblings(ctx, p)
    nxt = None
    if p in sib:
        i = sib.index(p)
        nxt = sib[i + 1] if i + 1 < len(sib) else None
    if nxt is not None and nxt.drawing_widths and (nxt.is_empty or _is_rule_text(nxt.text)):
        return "line", max(nxt.drawing_widths), nxt
    if nxt is not None and nxt.is_empty and (nxt.border_top or nxt.border_bottom):
        return "line", _border_length(nxt), nxt
    if p.border_bottom:
        return "line", _border_length(p), p
    if _is_rule_text(p.text.split("\n")[-1]) and "\n" in p.text:
        return "text", None, p
    if nxt is not None and (_is_rule_text(nxt.text) or nxt.is_empty and nxt.text and nxt.any_run("underline")):
        return "text", None, nxt
    return "none", None, None


def _border_length(p: Paragraph) -> int | None:
    if p.container_width is None:
        return None
    return p.container_width - max(0, p.ind_left) - max(0, p.ind_right)


def _line_width(p: Paragraph) -> int:
    size = p.dominant_size() or 13
    bold = p.all_runs("bold")
    longest = max(text_width_twips(line, size, bold) for line in p.text.split("\n"))
    return min(longest, p.container_width) if p.container_width else longest


def check_rules(ctx: Context) -> Iterator[Finding]:
    agency = _agency_lines(ctx)
    targets = []
    if agency:
        targets.append((agency[-1], (1 / 3, 1 / 2), say("issuing_agency")))
    if ctx.motto:
        targets.append((ctx.motto, (1.0, 1.0), say("tieu_ngu")))
    if ctx.title:
        targets.append((ctx.title[-1], (1 / 3, 1 / 2), say("title")))
    for p, (lo, hi), (name_vi, name_en) in targets:
        kind, length, holder = _rule_under(ctx, p)
        if kind == "none":
            yield at("V301", p, (say("rule_under", name=name_vi)[0], say("rule_under", name=name_en)[1]),
                     say("none"))
        elif kind == "text":
            yield at("V302", holder, say("real_line"), say("typed_line"))
        elif length is not None:
            base = _line_width(p)
            ratio = length / base if base else 0
            if not (lo * 0.75 <= ratio <= hi * 1.2 if lo != hi else 0.8 <= ratio <= 1.2):
                want = (say("length_range", lo=mm(base * lo), hi=mm(base * hi))[0] if lo != hi
                        else say("length_about", v=mm(base))[0])
                want_en = (say("length_range", lo=mm_en(base * lo), hi=mm_en(base * hi))[1] if lo != hi
                           else say("length_about", v=mm_en(base))[1])
                yield at("V303", holder, (want, want_en), (mm(length), mm_en(length)), quote=p.text)


# -- V4: body ---------------------------------------------------------------------------------

def body_paragraphs(ctx: Context) -> list[Paragraph]:
    if ctx.doc_type is None:
        return []
    start = (ctx.title[-1].block if ctx.title else ctx.doc_type.block) + 1
    end = ctx.body_end or min((p.block for p in ctx.appendix_heads), default=10 ** 9)
    out = []
    for p in ctx.body:
        if start <= p.block < end and p.section == 0 and not p.is_empty and not _is_rule_text(p.text):
            out.append(p)
    return out


def check_body(ctx: Context) -> Iterator[Finding]:
    body = body_paragraphs(ctx)
    prev: Paragraph | None = None
    for p in body:
        if p.align != "both":
            yield at("V401", p, say("justified"), align_words(p.align),
                     group=(p.align,))
        if not (abs(p.ind_first - 567) <= 28 or abs(p.ind_first - 720) <= 28):
            cm = p.ind_first / 567
            yield at("V402", p, say("indent"), (say("indent_found", cm=f"{cm:.2f}".replace(".", ","))[0],
                                                 say("indent_found", cm=f"{cm:.2f}")[1]), group=(p.ind_first,))
        if prev is not None and prev.block == p.block - 1:
            gap = prev.space_after + p.space_before
            if p.contextual and prev.contextual and p.style_id == prev.style_id:
                gap = 0  # Word drops the spacing between same-style paragraphs
            if gap < 120:
                yield at("V403", p, say("spacing"), say("points", v=f"{gap / 20:g}"), group=(gap,))
        yield from _line_spacing(p)
        prev = p
    yield from _body_sizes(body)


def _line_spacing(p: Paragraph) -> Iterator[Finding]:
    if p.line is None:
        return
    size = p.dominant_size() or 13
    if p.line_rule == "auto":
        ok, found = 236 <= p.line <= 364, f"{p.line / 240:.2f}"
        found_vi, found_en = say("lines", v=found.replace(".", ","))[0], say("lines", v=found)[1]
    else:  # exact/atLeast in twips: single spacing of Times is ~1.15 × the font size
        ratio = p.line / 20 / size
        ok = 1.0 <= ratio <= 1.75
        found_vi, found_en = say("points", v=f"{p.line / 20:g}")
    if not ok:
        yield at("V404", p, say("line_spacing"), (found_vi, found_en),
                 group=(p.line, p.line_rule))


def _body_sizes(body: list[Paragraph]) -> Iterator[Finding]:
    sizes = [p.dominant_size() for p in body]
    counts: dict[float, int] = {}
    for p, s in zip(body, sizes):
        if s is None:
            continue
        if not in_range(s, 13, 14):
            yield at("V405", p, say("body_size"), _t(pt(s)), group=(s,))
        else:
            counts[s] = counts.get(s, 0) + 1
    if len(counts) > 1:
        main = max(counts, key=counts.get)
        for p, s in zip(body, sizes):
            if s in counts and s != main:
                yield at("V406", p, _t(pt(main)), _t(pt(s)), group=(s,))


# -- V5: recipients and signature -------------------------------------------------------------

def check_closing(ctx: Context) -> Iterator[Finding]:
    p = ctx.recipients_head
    if p is None:
        if ctx.doc_type is not None:  # a plan without recipients; other documents stay quiet
            last = ctx.doc.blocks[-1]
            yield Finding("V501", last.block, where("end"), "", _t(landmark("noi_nhan")), say("not_found"))
        return
    head = p.text.strip()
    if not head.startswith(landmark("noi_nhan")):
        yield at("V501", p, say("noi_nhan"), _t(head[:12]))
    if not (p.dominant_size() == 12 and p.all_runs("bold") and p.all_runs("italic")):
        yield at("V501", p, say("noi_nhan_format"), style_words(p))
    sib = _siblings(ctx, p)
    lines = []
    for q in sib[sib.index(p) + 1:]:
        if q.is_empty:
            if lines:
                break
            continue
        lines.extend([(q, ln.strip()) for ln in q.text.split("\n") if ln.strip()])
    yield from _recipients(p, lines)
    yield from _signer(ctx, p)


def _recipients(head: Paragraph, lines: list[tuple[Paragraph, str]]) -> Iterator[Finding]:
    for i, (q, text) in enumerate(lines):
        last = i == len(lines) - 1
        if last:
            if not (pattern("archive").match(text) and text.endswith(".")):
                yield at("V503", q, say("archive"), _t(text), quote=text)
        elif not (text.startswith("-") and text.endswith(";")):
            yield at("V502", q, say("recipient"), _t(text), quote=text)
        if q.dominant_size() != 11 or q.any_run("italic"):
            yield at("V502", q, say("recipient_format"), style_words(q), group=(q.dominant_size(),))
    if not lines:
        yield at("V503", head, say("archive"), say("no_recipients"))


def _signer(ctx: Context, p: Paragraph) -> Iterator[Finding]:
    """The signature sits in the cell beside Nơi nhận: titles in upper case, the name last."""
    cell = next((c for t in ctx.doc.tables for row in t.rows if p.cell in row.cells
                 for c in row.cells if c is not p.cell), None) if p.cell else None
    if cell is None:
        return
    lines = [q for q in cell.paragraphs if not q.is_empty and not q.text.strip().startswith("(")]
    if not lines:
        yield at("V504", p, say("signer"), say("none"))
        return
    *titles, name = lines
    for q in titles:
        if not (shows_upper(q) and q.all_runs("bold") and in_range(q.dominant_size(), 13, 14)):
            yield at("V504", q, say("signer_title"), style_words(q))
    if not (name.all_runs("bold") and in_range(name.dominant_size(), 13, 14)):
        yield at("V504", name, say("signer_name"), style_words(name))


# -- V6: page numbers -------------------------------------------------------------------------

def check_page_numbers(ctx: Context) -> Iterator[Finding]:
    if not ctx.doc.sections:
        return
    s = ctx.doc.sections[0]
    default, first = s.headers.get("default"), s.headers.get("first")
    numbered = bool(default and default.page_paragraphs())
    if not numbered:
        yield at_section("V602", s, say("page_field"), say("none"))
    if numbered and not s.title_pg:
        yield at_section("V601", s, say("title_page"), say("page_one_numbered"))
    if s.title_pg and first is not None and (first.text or first.page_paragraphs()):
        yield at_section("V601", s, say("empty_first_header"),
                         _t(first.text or "PAGE"), quote=first.text)
    yield from _page_number_format(ctx)


def _page_number_format(ctx: Context) -> Iterator[Finding]:
    seen = set()
    for s in ctx.doc.sections:
        for kind, parts in (("header", s.headers), ("footer", s.footers)):
            for part in parts.values():
                if part is None or id(part) in seen:
                    continue
                seen.add(id(part))
                for p in part.page_paragraphs():
                    if kind == "footer":
                        yield at_section("V603", s, say("number_on_top"), say("in_footer"))
                        continue
                    sizes = {r.size for r in p.runs} or {None}
                    size = max(sizes, key=lambda x: x or 0)
                    if p.align != "center" or not in_range(size, 13, 14) or p.any_run("italic"):
                        yield at_section("V603", s, say("page_number_format"),
                                         _join(align_words(p.align), (pt(size), pt(size))))


# -- V7: appendices ---------------------------------------------------------------------------

CAPTION_RE = pattern("caption", re.IGNORECASE)


def check_appendices(ctx: Context) -> Iterator[Finding]:
    for h in ctx.appendix_heads:
        sec = ctx.doc.sections[h.section]
        first_nonempty = ctx.first_nonempty.get(h.section)
        if h.section == 0 or first_nonempty is not h or sec.break_type == "continuous":
            yield at("V701", h, say("appendix_section"), say("inside_section"))
        else:
            if sec.page_start != 1:
                yield at_section("V702", sec, _t('w:pgNumType w:start="1"'),
                                 say("not_set") if sec.page_start is None else _t(str(sec.page_start)),
                                 quote=h.text, group=(sec.page_start,))
            default = sec.headers.get("default")
            if not (default and default.page_paragraphs()):
                yield at_section("V602", sec, say("appendix_page_field"), say("none"), quote=h.text,
                                 group=("appendix",))
        if not (h.all_runs("bold") and h.align == "center"):
            found = _join(style_words(h), align_words(h.align))
            yield at("V707", h, say("bold_centred"), found, group=found)
        yield from _caption(ctx, h)
        yield from _appendix_tables(ctx, h)


def _caption(ctx: Context, h: Paragraph) -> Iterator[Finding]:
    paras = ctx.body
    i = ctx.body_index[h]
    cap = next((p for p in paras[i + 1:i + 6] if p.text.strip().startswith(landmark("caption_start"))), None)
    if cap is None:
        yield at("V703", h, say("caption"), say("none"), group=("missing",))
        return
    if not (cap.all_runs("italic") and cap.align == "center"):
        yield at("V704", cap, say("italic_centred"), _join(style_words(cap), align_words(cap.align)))
    m = CAPTION_RE.search(cap.text)
    if m is None:
        yield at("V703", cap, say("caption_form"), _t(cap.text.strip()))
        return
    if ctx.number_val is None:
        return  # no header number to compare with (V205 says why)
    want = _header_ref(ctx)
    num = m.group("num").strip(" ._…")
    got_date = _parse_caption_date(m.group("date"))
    num_ok = (ctx.number_val[0] is None and not num) or (
        num.isdigit() and ctx.number_val[0] is not None and int(num) == int(ctx.number_val[0]))
    sym_ok = m.group("sym").replace(" ", "") == ctx.number_val[1]
    date_ok = (ctx.date_val is None and got_date is None) or got_date == ctx.date_val
    if ctx.date_val is None and ctx.date_draft_year is not None:
        date_ok = got_date is None
    if not (num_ok and sym_ok and date_ok):
        found = say("caption_ref", num=m.group("num").strip(), sym=m.group("sym"), date=m.group("date").strip())
        yield at("V703", cap, want, found)


def _header_ref(ctx: Context) -> tuple[str, str]:
    num = ctx.number_val[0] or "…"
    date = "…/…/…" if ctx.date_val is None else "{:02d}/{:02d}/{}".format(*ctx.date_val)
    return say("caption_ref", num=num, sym=ctx.number_val[1], date=date)


def _parse_caption_date(text: str) -> tuple[int, int, int] | None:
    m = re.match(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", text.strip())
    if m is None:
        m = pattern("caption_long_date").match(text.strip())
    return tuple(int(g) for g in m.groups()) if m else None  # type: ignore[return-value]


def _appendix_tables(ctx: Context, h: Paragraph) -> Iterator[Finding]:
    for t in ctx.appendix_tables.get(h, ()):
        place = where("table", n=t.index)
        quote = _quote(" | ".join(c.text for c in t.rows[0].cells))
        if not t.rows[0].is_header:
            yield Finding("V705", t.block, place, quote, say("header_row"), say("none"))
        split = [i for i, r in enumerate(t.rows, start=1) if not r.cant_split]
        if split:
            yield Finding("V706", t.block, place, quote, say("cant_split"),
                          say("rows_missing", n=len(split), first=split[0]))


# -- V9: package integrity --------------------------------------------------------------------

def check_integrity(ctx: Context) -> Iterator[Finding]:
    for t in ctx.doc.tables:
        yield from _table_grid(t)
    for b in ctx.doc.bad_values:
        yield Finding("V904", b.block, (b.where_vi, b.where_en), f'{b.element} {b.attribute}="{b.value}"',
                      say("integer_range", lo=b.low, hi=b.high), _t(b.value),
                      group=(b.element, b.attribute, b.value))
    for t, ri, ci in ctx.doc.empty_cells:
        yield Finding("V902", t.block, where("cell", table=t.index, row=ri, cell=ci), "",
                      say("cell_paragraph"), say("empty_cell"))
    for s in ctx.doc.sections:
        if not s.has_pgsz or not s.has_pgmar:
            missing = " ".join(x for x, ok in (("w:pgSz", s.has_pgsz), ("w:pgMar", s.has_pgmar)) if not ok)
            yield at_section("V903", s, say("page_setup"), say("lacks", what=missing))
        elif s.width and s.height and (s.orient == "landscape") != (s.width > s.height):
            yield at_section("V903", s, say("orient"),
                             _t(f"orient={s.orient or 'portrait'}, w={s.width}, h={s.height}"))


def _table_grid(t: Table) -> Iterator[Finding]:
    place = where("table", n=t.index)
    quote = _quote(" | ".join(c.text for c in t.rows[0].cells)) if t.rows else ""
    if t.grid is None:
        yield Finding("V901", t.block, place, quote, _t("w:tblGrid"), say("missing"))
        return
    for ri, row in enumerate(t.rows, start=1):
        spans = row.grid_before + sum(c.span for c in row.cells) + row.grid_after
        if spans != len(t.grid):
            yield Finding("V901", t.block, where("row", table=t.index, row=ri), quote,
                          say("grid_columns", n=len(t.grid)), say("row_spans", n=spans))
            return
        col = row.grid_before
        for ci, c in enumerate(row.cells, start=1):
            grid_w = sum(t.grid[col:col + c.span])
            col += c.span
            if c.width is not None and abs(c.width - grid_w) > max(30, 0.02 * grid_w):
                yield Finding("V901", t.block, where("cell", table=t.index, row=ri, cell=ci),
                              quote, _t(f"w:tcW = {grid_w} (gridCol)"), _t(f"w:tcW = {c.width}"))
                return


CHECKS: tuple[Callable[[Context], Iterator[Finding]], ...] = (
    check_integrity,
    check_page,
    check_fonts,
    check_national_title,
    check_agency,
    check_number,
    check_date,
    check_size_pairing,
    check_doc_type,
    check_rules,
    check_body,
    check_closing,
    check_page_numbers,
    check_appendices,
)


def run_checks(doc: Document, checks: tuple = CHECKS) -> list[Diagnostic]:
    """Every finding, in document order. The facts are found once, before the rules; each rule
    only reads them, so ``checks`` in any order gives the same result."""
    ctx = find_landmarks(doc)
    findings: list[Finding] = []
    for check in checks:
        findings.extend(check(ctx))
    return to_diagnostics(doc.path, findings)
