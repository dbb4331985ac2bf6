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
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Iterator

from ..diagnostics import Diagnostic, Span
from ..metrics import text_width_twips
from .reader import TWIPS_PER_MM, Cell, Document, Paragraph, Section, Table

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
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


def at_section(code: str, s: Section, expected, found, quote: str = "") -> Finding:
    return Finding(code, s.first_block, (f"phần {s.index + 1}", f"section {s.index + 1}"),
                   quote, _pair(expected), _pair(found))


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
            "more": f" (và {n} chỗ khác)" if n else "", "more_en": f" (and {n} more)" if n else "",
            "count": n + 1,
        }))
    return out


# -- text helpers -----------------------------------------------------------------------------

def loose(text: str) -> str:
    """Letters only, no diacritics, upper case: finds landmarks whatever their spelling."""
    t = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in t if ch.isalnum() and not unicodedata.combining(ch)).upper()


def shows_upper(p: Paragraph) -> bool:
    return all(r.caps or r.text == r.text.upper() for r in p.text_runs)


def pt(size: float | None) -> str:
    return "?" if size is None else (f"{size:g} pt")


def mm(twips: float) -> str:
    return f"{twips / TWIPS_PER_MM:.1f} mm".replace(".", ",")


def mm_en(twips: float) -> str:
    return f"{twips / TWIPS_PER_MM:.1f} mm"


def in_range(v: float | None, lo: float, hi: float) -> bool:
    return v is not None and lo <= v <= hi


def style_words(p: Paragraph) -> tuple[str, str]:
    vi = [("đậm" if p.all_runs("bold") else "không đậm"), ("nghiêng" if p.all_runs("italic") else "đứng")]
    en = [("bold" if p.all_runs("bold") else "not bold"), ("italic" if p.all_runs("italic") else "upright")]
    return ", ".join([pt(p.dominant_size())] + vi), ", ".join([pt(p.dominant_size())] + en)


_ALIGN_VI = {"left": "căn trái", "right": "căn phải", "center": "căn giữa", "both": "căn đều"}


# -- landmarks: the facts every rule shares, found once, before any rule ----------------------

NUMBER_RE = re.compile(r"^Số\s*(?P<colon>:?)\s*(?P<num>[^/]*?)\s*/\s*(?P<sym>.*)$")
DATE_RE = re.compile(
    r"^(?P<place>[^,]*?)\s*(?P<comma>,?)\s*(?P<ngay>ngày)\s*(?P<d>[\d._… ]*?)\s*tháng\s*"
    r"(?P<m>[\d._… ]*?)\s*năm\s*(?P<y>[\d._… ]*)\s*$", re.IGNORECASE)
APPENDIX_RE = re.compile(r"^(PHỤ LỤC|Phụ lục)(\s+[IVXLC\d]+)?\s*[.:]?$")


@dataclass(frozen=True)
class Context:
    """The read document and its landmarks (Quốc hiệu, number and date with their values, the
    title, Nơi nhận, appendix headings …) as one value: rules read it and never write it, so
    they can run in any order (tests/verify/test_verify_pure.py)."""

    doc: Document
    header_paras: tuple[Paragraph, ...] = ()
    qh: Paragraph | None = None
    tn: Paragraph | None = None
    agency_cell: Cell | None = None
    number: Paragraph | None = None
    number_val: tuple[str | None, str] | None = None  # (digits or None for a draft, symbol)
    date: Paragraph | None = None
    date_val: tuple[int, int, int] | None = None  # a real date written in digits
    date_draft_year: int | None = None  # a draft's date: day and month left blank
    doc_type: Paragraph | None = None
    title: tuple[Paragraph, ...] = ()
    body_end: int | None = None  # block index where the closing block starts
    noi_nhan: Paragraph | None = None
    appendix_heads: tuple[Paragraph, ...] = ()
    # indexes that keep the rules linear on hostile input (40,000 sections or headings)
    body: tuple[Paragraph, ...] = ()  # the body's top-level paragraphs, in order
    body_index: dict = field(default_factory=dict)  # body paragraph -> its index in ``body``
    first_nonempty: dict = field(default_factory=dict)  # section -> its first non-empty block
    appendix_tables: dict = field(default_factory=dict)  # appendix heading -> the tables under it


def find_landmarks(doc: Document) -> Context:
    first = [p for p in doc.all_paragraphs() if p.section == 0]
    qh = next((p for p in first if loose(p.text) == loose(QUOC_HIEU)), None)
    tn = next((p for p in first if loose(p.text) == loose(TIEU_NGU)), None)
    body = doc.body_paragraphs()
    doc_type = next((p for p in body if p.section == 0 and loose(p.text) == "KEHOACH"), None)
    limit = doc_type.block if doc_type else 12
    header_paras = tuple(p for p in first if p.block < limit or (p.block == limit and p.cell))
    number = next((p for p in header_paras if loose(p.text).startswith("SO") and "/" in p.text
                   and NUMBER_RE.match(p.text.strip())), None)
    date = next((p for p in header_paras if DATE_RE.match(p.text.strip())), None)
    body_index = {p: i for i, p in enumerate(body)}
    noi_nhan = next((p for p in reversed(first) if loose(p.text).startswith("NOINHAN")), None)
    heads = tuple(p for p in body if APPENDIX_RE.match(p.text.strip()))
    return Context(
        doc=doc, header_paras=header_paras, qh=qh, tn=tn, agency_cell=_agency_cell(doc, qh),
        number=number, number_val=_number_value(number),
        date=date, date_val=_date_value(date), date_draft_year=_draft_year(date),
        doc_type=doc_type, title=_title(body, body_index, doc_type),
        body_end=noi_nhan.block if noi_nhan else None, noi_nhan=noi_nhan, appendix_heads=heads,
        body=tuple(body), body_index=body_index, first_nonempty=_first_nonempty(doc),
        appendix_tables=_tables_under(doc, heads))


def _agency_cell(doc: Document, qh: Paragraph | None) -> Cell | None:
    """The agency block: the first cell of the header table row that holds the Quốc hiệu."""
    if qh is None or qh.cell is None:
        return None
    for t in doc.tables:
        for row in t.rows:
            if any(qh.cell is c for c in row.cells) and row.cells[0] is not qh.cell:
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
            size = f"{mm(s.width)} × {mm(s.height)}"
            yield at_section("V101", s, _t("A4 210 × 297 mm"), _t(size, f"{mm_en(s.width)} × {mm_en(s.height)}"))
        if not _margins_ok(s):
            yield at_section("V102", s, _margin_expect(s), _margin_found(s))
    if ctx.doc.sections and ctx.doc.sections[0].landscape:
        yield at_section("V103", ctx.doc.sections[0], _t("khổ dọc", "portrait"), _t("khổ ngang", "landscape"))


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
    vi = "trên 20–25, dưới 20–25, trái 30–35, phải 15–20 mm"
    en = "top 20–25, bottom 20–25, left 30–35, right 15–20 mm"
    if s.landscape:
        return vi + " (hoặc xoay tương ứng)", en + " (or turned accordingly)"
    return vi, en


def _margin_found(s: Section) -> tuple[str, str]:
    m = {k: s.margins.get(k, 0) / TWIPS_PER_MM for k in ("top", "bottom", "left", "right")}
    f = lambda v: f"{v:.1f}"  # noqa: E731
    return (f"trên {f(m['top'])}, dưới {f(m['bottom'])}, trái {f(m['left'])}, phải {f(m['right'])} mm".replace(".", ","),
            f"top {f(m['top'])}, bottom {f(m['bottom'])}, left {f(m['left'])}, right {f(m['right'])} mm")


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
                yield at("V110", p, _t("Times New Roman (ascii, hAnsi, eastAsia, cs)"),
                         _t(found), group=bad, quote=r.text)
                break
        for r in p.text_runs:
            if r.color and r.color.lower() not in ("auto", "000000"):
                yield at("V111", p, _t("đen", "black"), _t(r.color), group=(r.color,), quote=r.text)
                break


# -- V2: first-page elements ------------------------------------------------------------------

def check_national_title(ctx: Context) -> Iterator[Finding]:
    for p, text, code, fmt_code, lo, hi, upper in (
            (ctx.qh, QUOC_HIEU, "V201", "V207", 12, 13, True),
            (ctx.tn, TIEU_NGU, "V202", "V208", 13, 14, False)):
        if p is None:
            yield _not_found(ctx, code, _t(text), _t("không tìm thấy", "not found"))
            continue
        shown = p.text.strip().upper() if upper and shows_upper(p) else p.text.strip()
        if shown != text:
            yield at(code, p, _t(text), _t(p.text.strip()))
        size = p.dominant_size()
        ok = in_range(size, lo, hi) and p.all_runs("bold") and not p.any_run("italic")
        if upper and not shows_upper(p):
            ok = False
        if not ok:
            exp = f"{lo}–{hi} pt, đậm, đứng" + (", in hoa" if upper else "")
            exp_en = f"{lo}–{hi} pt, bold, upright" + (", upper case" if upper else "")
            yield at(fmt_code, p, _t(exp, exp_en), style_words(p))


def check_size_pairing(ctx: Context) -> Iterator[Finding]:
    if not (ctx.qh and ctx.tn and ctx.date):
        return
    sizes = (ctx.qh.dominant_size(), ctx.tn.dominant_size(), ctx.date.dominant_size())
    if not (in_range(sizes[0], 12, 13) and in_range(sizes[1], 13, 14) and in_range(sizes[2], 13, 14)):
        return  # each element's own rule already reports it
    if sizes not in ((13, 14, 14), (12, 13, 13)):
        found = "/".join(f"{s:g}" for s in sizes)
        yield at("V209", ctx.tn, _t("13/14/14 hoặc 12/13/13 pt", "13/14/14 or 12/13/13 pt"),
                 _t(f"{found} pt"))


def check_agency(ctx: Context) -> Iterator[Finding]:
    lines = _agency_lines(ctx)
    for i, p in enumerate(lines):
        issuing = i == len(lines) - 1
        size = p.dominant_size()
        ok = in_range(size, 12, 13) and shows_upper(p) and not p.any_run("italic")
        ok = ok and (p.all_runs("bold") if issuing else not p.any_run("bold"))
        if not ok:
            exp = ("12–13 pt, in hoa, đậm (cơ quan ban hành)" if issuing
                   else "12–13 pt, in hoa, không đậm (cơ quan chủ quản)")
            exp_en = ("12–13 pt, upper case, bold (issuing agency)" if issuing
                      else "12–13 pt, upper case, regular (parent agency)")
            yield at("V210", p, _t(exp, exp_en), style_words(p))


def _agency_lines(ctx: Context) -> list[Paragraph]:
    if ctx.agency_cell is None:
        return []
    out = []
    for p in ctx.agency_cell.paragraphs:
        if p is ctx.number or loose(p.text).startswith("SO") and "/" in p.text:
            break
        if not p.is_empty and not _is_rule_text(p.text):
            out.append(p)
    return out


def _not_found(ctx: Context, code: str, expected, found) -> Finding:
    """A first-page element the document lacks, reported at its top."""
    line = ctx.doc.blocks[0].block if ctx.doc.blocks else 1
    return Finding(code, line, ("đầu văn bản", "top of the document"), "", expected, found)


def check_number(ctx: Context) -> Iterator[Finding]:
    p = ctx.number
    if p is None:
        yield _not_found(ctx, "V205", _t("Số: 05/KH-PGDĐT"),
                         _t("không tìm thấy dòng số, ký hiệu", "no number line found"))
        return
    text = " ".join(p.text.split())
    m = NUMBER_RE.match(p.text.strip())
    num, sym = m.group("num"), m.group("sym").strip()
    draft = num.strip(" ._…") == ""
    problems: list[tuple[str, str, str]] = []  # (expected vi, expected en, found)
    if not m.group("colon") or not text.startswith("Số:"):
        problems.append(("«Số:» có dấu hai chấm", "«Số:» with a colon", text.split("/")[0]))
    if not draft and not num.isdigit():
        problems.append(("số là chữ số", "a number in digits", num))
    elif not draft and int(num) < 10 and len(num) < 2:
        problems.append((f"số 0 đứng trước: {int(num):02d}", f"a leading zero: {int(num):02d}", num))
    if re.search(r"\s", sym) or re.search(r"\s/|/\s", p.text.split(":", 1)[-1].strip()) and not draft:
        problems.append(("không có dấu cách trong ký hiệu", "no spaces inside the symbol", sym))
    if not re.match(r"^KH-\S+$", sym.replace(" ", "")):
        problems.append(("ký hiệu dạng KH-<cơ quan>", "a symbol KH-<agency>", sym))
    for vi, en, found in problems:
        yield at("V205", p, _t(vi, en), _t(found))
    if draft and not problems:
        yield at("V206", p, _t("số văn bản", "a document number"), _t("để trống", "left blank"))
    size = p.dominant_size()
    if size != 13 or p.any_run("italic"):
        yield at("V213", p, _t("13 pt, đứng", "13 pt, upright"), style_words(p))


def check_date(ctx: Context) -> Iterator[Finding]:
    p = ctx.date
    if p is None:
        yield _not_found(ctx, "V204", _t("Địa danh, ngày … tháng … năm …", "Place, ngày … tháng … năm …"),
                         _t("không tìm thấy", "not found"))
        return
    m = DATE_RE.match(p.text.strip())
    d, mo, y = (m.group(k).strip(" ._…") for k in ("d", "m", "y"))
    if not m.group("comma") or not m.group("place").strip():
        yield at("V204", p, _t("«Địa danh, ngày …» (dấu phẩy sau địa danh)", "«Place, ngày …» (comma after the place)"),
                 _t(p.text.strip()))
    if m.group("ngay") != "ngày":
        yield at("V204", p, _t("«ngày» viết thường", "«ngày» in lower case"), _t(m.group("ngay")))
    if not d and not mo:
        yield at("V206", p, _t("ngày, tháng ban hành", "the date of issue"), _t("để trống", "left blank"))
    elif d.isdigit() and mo.isdigit() and y.isdigit() and len(y) == 4:
        yield from _date_digits(ctx, p, d, mo, int(y))
    else:
        yield at("V204", p, _t("ngày, tháng, năm bằng chữ số", "day, month, year in digits"), _t(p.text.strip()))
    size = p.dominant_size()
    if not (in_range(size, 13, 14) and p.all_runs("italic")):
        yield at("V214", p, _t("13–14 pt, nghiêng", "13–14 pt, italic"), style_words(p))


def _date_digits(ctx: Context, p: Paragraph, d: str, mo: str, y: int) -> Iterator[Finding]:
    day, month = int(d), int(mo)
    if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(y, month)[1]):
        yield at("V204", p, _t("một ngày có thật", "a real date"), _t(f"{d}/{mo}/{y}"))
        return
    want_d = f"{day:02d}" if day < 10 else str(day)
    want_m = f"{month:02d}" if month <= 2 else str(month)
    if (d, mo) != (want_d, want_m):
        yield at("V203", p, _t(f"ngày {want_d} tháng {want_m} năm {y}"), _t(f"ngày {d} tháng {mo} năm {y}"))


def check_doc_type(ctx: Context) -> Iterator[Finding]:
    p = ctx.doc_type
    if p is None:
        yield _not_found(ctx, "V211", _t("KẾ HOẠCH"),
                         _t("không tìm thấy tên loại văn bản", "no document type found"))
        return
    ok = (in_range(p.dominant_size(), 13, 14) and p.all_runs("bold") and shows_upper(p)
          and p.align == "center" and not p.any_run("italic"))
    if not ok:
        yield at("V211", p, _t("KẾ HOẠCH: 13–14 pt, in hoa, đậm, đứng, căn giữa",
                               "KẾ HOẠCH: 13–14 pt, upper case, bold, upright, centred"),
                 _t(style_words(p)[0] + ", " + _ALIGN_VI.get(p.align, p.align), style_words(p)[1] + ", " + p.align))
    if ctx.doc_type and not ctx.title:
        yield at("V212", p, _t("trích yếu đậm, căn giữa dưới «KẾ HOẠCH»", "a bold centred title under «KẾ HOẠCH»"),
                 _t("không tìm thấy", "not found"))
    for t in ctx.title:
        if not (in_range(t.dominant_size(), 13, 14) and t.all_runs("bold") and not t.any_run("italic")):
            yield at("V212", t, _t("13–14 pt, đậm, đứng", "13–14 pt, bold, upright"), style_words(t))


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
        targets.append((agency[-1], (1 / 3, 1 / 2), ("tên cơ quan ban hành", "the issuing agency")))
    if ctx.tn:
        targets.append((ctx.tn, (1.0, 1.0), ("Tiêu ngữ", "the Tiêu ngữ")))
    if ctx.title:
        targets.append((ctx.title[-1], (1 / 3, 1 / 2), ("trích yếu", "the title")))
    for p, (lo, hi), (name_vi, name_en) in targets:
        kind, length, holder = _rule_under(ctx, p)
        if kind == "none":
            yield at("V301", p, _t(f"đường kẻ liền dưới {name_vi}", f"a solid rule under {name_en}"),
                     _t("không có", "none"))
        elif kind == "text":
            yield at("V302", holder, _t("đường kẻ thật (viền đoạn hoặc đường vẽ)", "a real line (border or drawing)"),
                     _t("ký tự gạch", "typed characters"))
        elif length is not None:
            base = _line_width(p)
            ratio = length / base if base else 0
            if not (lo * 0.75 <= ratio <= hi * 1.2 if lo != hi else 0.8 <= ratio <= 1.2):
                want = (f"{mm(base * lo)}–{mm(base * hi)}" if lo != hi else f"≈ {mm(base)}")
                want_en = (f"{mm_en(base * lo)}–{mm_en(base * hi)}" if lo != hi else f"≈ {mm_en(base)}")
                yield at("V303", holder, _t(want, want_en), _t(mm(length), mm_en(length)), quote=p.text)


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
            yield at("V401", p, _t("căn đều hai bên", "justified"), _t(_ALIGN_VI.get(p.align, p.align), p.align),
                     group=(p.align,))
        if not (abs(p.ind_first - 567) <= 28 or abs(p.ind_first - 720) <= 28):
            cm = p.ind_first / 567
            yield at("V402", p, _t("1 cm hoặc 1,27 cm", "1 cm or 1.27 cm"),
                     _t(f"{cm:.2f} cm".replace(".", ","), f"{cm:.2f} cm"), group=(p.ind_first,))
        if prev is not None and prev.block == p.block - 1:
            gap = prev.space_after + p.space_before
            if p.contextual and prev.contextual and p.style_id == prev.style_id:
                gap = 0  # Word drops the spacing between same-style paragraphs
            if gap < 120:
                yield at("V403", p, _t("≥ 6 pt"), _t(f"{gap / 20:g} pt"), group=(gap,))
        yield from _line_spacing(p)
        prev = p
    yield from _body_sizes(body)


def _line_spacing(p: Paragraph) -> Iterator[Finding]:
    if p.line is None:
        return
    size = p.dominant_size() or 13
    if p.line_rule == "auto":
        ok, found = 236 <= p.line <= 364, f"{p.line / 240:.2f}"
        found_vi = found.replace(".", ",") + " dòng"
        found_en = found + " lines"
    else:  # exact/atLeast in twips: single spacing of Times is ~1.15 × the font size
        ratio = p.line / 20 / size
        ok, found_vi, found_en = 1.0 <= ratio <= 1.75, f"{p.line / 20:g} pt", f"{p.line / 20:g} pt"
    if not ok:
        yield at("V404", p, _t("từ đơn đến 1,5 dòng", "single to 1.5 lines"), _t(found_vi, found_en),
                 group=(p.line, p.line_rule))


def _body_sizes(body: list[Paragraph]) -> Iterator[Finding]:
    sizes = [p.dominant_size() for p in body]
    counts: dict[float, int] = {}
    for p, s in zip(body, sizes):
        if s is None:
            continue
        if not in_range(s, 13, 14):
            yield at("V405", p, _t("13–14 pt"), _t(pt(s)), group=(s,))
        else:
            counts[s] = counts.get(s, 0) + 1
    if len(counts) > 1:
        main = max(counts, key=counts.get)
        for p, s in zip(body, sizes):
            if s in counts and s != main:
                yield at("V406", p, _t(pt(main)), _t(pt(s)), group=(s,))


# -- V5: recipients and signature -------------------------------------------------------------

def check_closing(ctx: Context) -> Iterator[Finding]:
    p = ctx.noi_nhan
    if p is None:
        if ctx.doc_type is not None:  # a plan without recipients; other documents stay quiet
            last = ctx.doc.blocks[-1]
            yield Finding("V501", last.block, ("cuối văn bản", "end of the document"), "",
                          _t("Nơi nhận:"), _t("không tìm thấy", "not found"))
        return
    head = p.text.strip()
    if not head.startswith("Nơi nhận:"):
        yield at("V501", p, _t("«Nơi nhận:»"), _t(head[:12]))
    if not (p.dominant_size() == 12 and p.all_runs("bold") and p.all_runs("italic")):
        yield at("V501", p, _t("12 pt, đậm, nghiêng", "12 pt, bold, italic"), style_words(p))
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
            if not (re.match(r"^-\s*Lưu\s*:\s*VT", text) and text.endswith(".")):
                yield at("V503", q, _t("- Lưu: VT, ….", "- Lưu: VT, …."), _t(text), quote=text)
        elif not (text.startswith("-") and text.endswith(";")):
            yield at("V502", q, _t("«- …;»"), _t(text), quote=text)
        if q.dominant_size() != 11 or q.any_run("italic"):
            yield at("V502", q, _t("11 pt, đứng", "11 pt, upright"), style_words(q), group=(q.dominant_size(),))
    if not lines:
        yield at("V503", head, _t("- Lưu: VT, ….", "- Lưu: VT, …."), _t("không có dòng nơi nhận", "no recipient lines"))


def _signer(ctx: Context, p: Paragraph) -> Iterator[Finding]:
    """The signature sits in the cell beside Nơi nhận: titles in upper case, the name last."""
    cell = next((c for t in ctx.doc.tables for row in t.rows if p.cell in row.cells
                 for c in row.cells if c is not p.cell), None) if p.cell else None
    if cell is None:
        return
    lines = [q for q in cell.paragraphs if not q.is_empty and not q.text.strip().startswith("(")]
    if not lines:
        yield at("V504", p, _t("chức vụ và họ tên người ký", "the signer's title and name"),
                 _t("không có", "none"))
        return
    *titles, name = lines
    for q in titles:
        if not (shows_upper(q) and q.all_runs("bold") and in_range(q.dominant_size(), 13, 14)):
            yield at("V504", q, _t("chức vụ: in hoa, đậm, 13–14 pt", "title: upper case, bold, 13–14 pt"),
                     style_words(q))
    if not (name.all_runs("bold") and in_range(name.dominant_size(), 13, 14)):
        yield at("V504", name, _t("họ tên: đậm, 13–14 pt", "name: bold, 13–14 pt"), style_words(name))


# -- V6: page numbers -------------------------------------------------------------------------

def check_page_numbers(ctx: Context) -> Iterator[Finding]:
    if not ctx.doc.sections:
        return
    s = ctx.doc.sections[0]
    default, first = s.headers.get("default"), s.headers.get("first")
    numbered = bool(default and default.page_paragraphs())
    if not numbered:
        yield at_section("V602", s, _t("trường PAGE ở đầu trang các trang sau", "a PAGE field in the header"),
                         _t("không có", "none"))
    if numbered and not s.title_pg:
        yield at_section("V601", s, _t("trang đầu khác (titlePg), đầu trang đầu để trống",
                                       "different first page (titlePg) with an empty first header"),
                         _t("số trang hiện ở trang 1", "page 1 shows a number"))
    if s.title_pg and first is not None and (first.text or first.page_paragraphs()):
        yield at_section("V601", s, _t("đầu trang đầu để trống", "an empty first-page header"),
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
                        yield at_section("V603", s, _t("số trang ở lề trên (đầu trang)", "the number in the top margin"),
                                         _t("ở chân trang", "in the footer"))
                        continue
                    sizes = {r.size for r in p.runs} or {None}
                    size = max(sizes, key=lambda x: x or 0)
                    if p.align != "center" or not in_range(size, 13, 14) or p.any_run("italic"):
                        yield at_section("V603", s, _t("căn giữa, 13–14 pt, đứng", "centred, 13–14 pt, upright"),
                                         _t(f"{_ALIGN_VI.get(p.align, p.align)}, {pt(size)}", f"{p.align}, {pt(size)}"))


# -- V7: appendices ---------------------------------------------------------------------------

CAPTION_RE = re.compile(
    r"Kế hoạch\s+số\s*(?P<num>[\d._… ]*?)\s*/\s*(?P<sym>.+?)\s+ngày\s+(?P<date>.*?)\s*(của|\)|$)",
    re.IGNORECASE)


def check_appendices(ctx: Context) -> Iterator[Finding]:
    for h in ctx.appendix_heads:
        sec = ctx.doc.sections[h.section]
        first_nonempty = ctx.first_nonempty.get(h.section)
        if h.section == 0 or first_nonempty is not h or sec.break_type == "continuous":
            yield at("V701", h, _t("phụ lục mở đầu một phần (section) mới, sang trang",
                                   "the appendix opens a new section on a new page"),
                     _t("nằm giữa phần trước", "inside the previous section"))
        else:
            if sec.page_start != 1:
                yield at_section("V702", sec, _t('w:pgNumType w:start="1"'),
                                 _t("không đặt" if sec.page_start is None else str(sec.page_start),
                                    "not set" if sec.page_start is None else str(sec.page_start)), quote=h.text)
            default = sec.headers.get("default")
            if not (default and default.page_paragraphs()):
                yield at_section("V602", sec, _t("trường PAGE ở đầu trang phụ lục", "a PAGE field in the appendix header"),
                                 _t("không có", "none"), quote=h.text)
        if not (h.all_runs("bold") and h.align == "center"):
            yield at("V707", h, _t("đậm, căn giữa", "bold, centred"),
                     _t(style_words(h)[0] + ", " + _ALIGN_VI.get(h.align, h.align), style_words(h)[1] + ", " + h.align))
        yield from _caption(ctx, h)
        yield from _appendix_tables(ctx, h)


def _caption(ctx: Context, h: Paragraph) -> Iterator[Finding]:
    paras = ctx.body
    i = ctx.body_index[h]
    cap = next((p for p in paras[i + 1:i + 6] if p.text.strip().startswith("(Kèm theo")), None)
    if cap is None:
        yield at("V703", h, _t("(Kèm theo Kế hoạch số … ngày … của …)"), _t("không có", "none"))
        return
    if not (cap.all_runs("italic") and cap.align == "center"):
        yield at("V704", cap, _t("nghiêng, căn giữa", "italic, centred"),
                 _t(style_words(cap)[0] + ", " + _ALIGN_VI.get(cap.align, cap.align), style_words(cap)[1] + ", " + cap.align))
    m = CAPTION_RE.search(cap.text)
    if m is None:
        yield at("V703", cap, _t("«Kế hoạch số NN/KH-… ngày DD/MM/YYYY»"), _t(cap.text.strip()))
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
        found = f"{m.group('num').strip()}/{m.group('sym')} ngày {m.group('date').strip()}"
        yield at("V703", cap, _t(want), _t(found))


def _header_ref(ctx: Context) -> str:
    num = ctx.number_val[0] or "…"
    date = "…/…/…" if ctx.date_val is None else "{:02d}/{:02d}/{}".format(*ctx.date_val)
    return f"{num}/{ctx.number_val[1]} ngày {date}"


def _parse_caption_date(text: str) -> tuple[int, int, int] | None:
    m = re.match(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", text.strip())
    if m is None:
        m = re.match(r"(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", text.strip())
    return tuple(int(g) for g in m.groups()) if m else None  # type: ignore[return-value]


def _appendix_tables(ctx: Context, h: Paragraph) -> Iterator[Finding]:
    for t in ctx.appendix_tables.get(h, ()):
        where = (f"bảng {t.index}", f"table {t.index}")
        quote = _quote(" | ".join(c.text for c in t.rows[0].cells))
        if not t.rows[0].is_header:
            yield Finding("V705", t.block, where, quote, _t("w:tblHeader ở hàng 1", "w:tblHeader on row 1"),
                          _t("không có", "none"))
        split = [i for i, r in enumerate(t.rows, start=1) if not r.cant_split]
        if split:
            yield Finding("V706", t.block, where, quote, _t("w:cantSplit ở mọi hàng", "w:cantSplit on every row"),
                          _t(f"thiếu ở {len(split)} hàng (từ hàng {split[0]})",
                             f"missing on {len(split)} rows (from row {split[0]})"))


# -- V9: package integrity --------------------------------------------------------------------

def check_integrity(ctx: Context) -> Iterator[Finding]:
    for t in ctx.doc.tables:
        yield from _table_grid(t)
    for b in ctx.doc.bad_values:
        yield Finding("V904", b.block, (b.where_vi, b.where_en), f'{b.element} {b.attribute}="{b.value}"',
                      _t(f"số nguyên {b.low}…{b.high}", f"an integer {b.low}…{b.high}"), _t(b.value),
                      group=(b.element, b.attribute, b.value))
    for t, ri, ci in ctx.doc.empty_cells:
        yield Finding("V902", t.block, (f"bảng {t.index}, hàng {ri}, ô {ci}", f"table {t.index}, row {ri}, cell {ci}"),
                      "", _t("ít nhất một w:p trong w:tc", "at least one w:p in w:tc"), _t("w:tc rỗng", "empty w:tc"))
    for s in ctx.doc.sections:
        if not s.has_pgsz or not s.has_pgmar:
            missing = " ".join(x for x, ok in (("w:pgSz", s.has_pgsz), ("w:pgMar", s.has_pgmar)) if not ok)
            yield at_section("V903", s, _t("w:pgSz và w:pgMar", "w:pgSz and w:pgMar"),
                             _t(f"thiếu {missing}", f"missing {missing}"))
        elif s.width and s.height and (s.orient == "landscape") != (s.width > s.height):
            yield at_section("V903", s, _t("w:orient khớp rộng/cao", "w:orient consistent with width/height"),
                             _t(f"orient={s.orient or 'portrait'}, w={s.width}, h={s.height}"))


def _table_grid(t: Table) -> Iterator[Finding]:
    where = (f"bảng {t.index}", f"table {t.index}")
    quote = _quote(" | ".join(c.text for c in t.rows[0].cells)) if t.rows else ""
    if t.grid is None:
        yield Finding("V901", t.block, where, quote, _t("w:tblGrid"), _t("không có", "missing"))
        return
    for ri, row in enumerate(t.rows, start=1):
        spans = row.grid_before + sum(c.span for c in row.cells) + row.grid_after
        if spans != len(t.grid):
            yield Finding("V901", t.block, (f"{where[0]}, hàng {ri}", f"{where[1]}, row {ri}"), quote,
                          _t(f"{len(t.grid)} cột lưới", f"{len(t.grid)} grid columns"),
                          _t(f"hàng chiếm {spans} cột", f"row spans {spans} columns"))
            return
        col = row.grid_before
        for ci, c in enumerate(row.cells, start=1):
            grid_w = sum(t.grid[col:col + c.span])
            col += c.span
            if c.width is not None and abs(c.width - grid_w) > max(30, 0.02 * grid_w):
                yield Finding("V901", t.block, (f"{where[0]}, hàng {ri}, ô {ci}", f"{where[1]}, row {ri}, cell {ci}"),
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
