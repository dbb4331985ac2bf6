"""Recognising a plan in a flat list of blocks: header, preamble and citations, numbered sections
(printed numbers removed), bullets, closing, recipients, signer, appendices with their tasks.

What cannot be classified is kept as prose (or, for scan noise, as a comment) and reported.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter

from ..prose_dates import CITATION_HEAD
from .vocab import placeholder, vocab
from .emit import AppendixPart, BodyLine, DocumentPart, HeaderPart, Note, TaskPart, fold
from .readers import Block, Para, TableBlock
from .safety import ImportRefused

_P = vocab()["patterns"]  # data/import.toml: read once, compiled once
_QUOC_HIEU = re.compile(_P["national_title"])
_TIEU_NGU = re.compile(_P["motto"])
_NUMBER = re.compile(_P["number"])
_DATE_LINE = re.compile(_P["date_line"])
_DOC_TYPE = re.compile(_P["document_type"])
_ROMAN = re.compile(r"^(?P<n>(?:X{0,3})(?:IX|IV|V?I{0,3}))\s*[.)]\s*(?P<t>\S.*)$")
_NUM2 = re.compile(r"^(?P<n>\d{1,2})\s*[.)]\s*(?P<t>[^\d\s].*)$")
_NUM3 = re.compile(r"^(?P<n>\d{1,2}\.\d{1,2})\.?\s+(?P<t>\S.*)$")
_NUM4 = re.compile(r"^(?P<n>\d{1,2}\.\d{1,2}\.\d{1,2})\.?\s+(?P<t>\S.*)$")
_LETTER = re.compile(r"^(?P<n>[a-zđ])\s*\)\s*(?P<t>\S.*)$")
_BULLET = re.compile(r"^[-–—•·▪◦]\s*(?P<t>\S.*)$")
_SUB = re.compile(r"^\+\s*(?P<t>\S.*)$")
_RECIPIENTS = re.compile(_P["recipients"])
_APPENDIX = re.compile(_P["appendix"])
_CAPTION = re.compile(_P["caption"])
_AUTHORITY = re.compile(r"^(?P<a>KT|TM|Q|TL|TUQ)\.\s*(?P<t>.+)$")
_CLOSE_MARK = re.compile(r"\s*\./\.\s*(?P<tail>.*)$")
_MONTH_ROW = re.compile(_P["month_row"])
_SCHOOL_WORDS = tuple(_P["signature_words"])
_ARCHIVE = re.compile(_P["archive"])
_SIGNATURE_NOTE = re.compile(_P["signature_note"])
_CITATION_START = re.compile(_P["citation_start"])
_OBJECTIVES_NEXT = re.compile(_P["objectives_next"])
_CLOSING = re.compile(_P["closing"])

_KNOWN_ISSUERS: dict[str, str] = vocab()["issuers"]
COLUMN_DEFAULT_TITLES: dict[str, str] = vocab()["column_titles"]


def _n(vi: str, en: str, kind: str = "note") -> Note:
    return Note(vi, en, kind)


def is_noise(text: str) -> bool:
    """Scan noise: stray fragments of stamps and signatures ("X.1", "PH", "/AC", "*Min*")."""
    s = text.strip().strip("*").strip()
    if not s:
        return True
    if len(s) <= 4 and not s.endswith(":") and not re.fullmatch(r"[IVX]+\.?", s):
        return True
    if re.fullmatch(r"\d{1,2}\s*/\s*\d{1,2}\.?", s):  # a stamp's date fragment ("12/11")
        return True
    return False


_SENTENCE_END = re.compile(r"[.:;!?…)\]”\"]\**$")
MAX_JOINED = 8000  # characters: no printed paragraph is longer; a PDF paste of unpunctuated lines is


MAX_CELL = 20000  # characters in one table cell: beyond it the table is not a plan's table


def _split_long(blocks: list[Block]) -> tuple[list[Block], int]:
    """A paragraph longer than MAX_JOINED (a 2–9 MB paragraph of a hostile or broken file) is cut
    at sentence ends, else at spaces, into paragraphs of at most MAX_JOINED characters: every word
    is kept and the parser never sees a megabyte line. Linear in the paragraph's length."""
    out: list[Block] = []
    split = 0
    tables = 0
    for b in blocks:
        if isinstance(b, TableBlock):
            tables += 1
            for r, row in enumerate(b.rows):
                for cell in row:
                    if len(cell) > MAX_CELL:
                        raise ImportRefused("F920", table=tables, row=r + 1, length=len(cell), limit=MAX_CELL)
        if not isinstance(b, Para) or len(b.text) <= MAX_JOINED:
            out.append(b)
            continue
        text, start = b.text, 0
        while start < len(text):
            end = start + MAX_JOINED
            if end < len(text):
                cut = text.rfind(". ", start + MAX_JOINED // 2, end)
                cut = cut + 1 if cut >= 0 else text.rfind(" ", start + MAX_JOINED // 2, end)
                end = cut if cut > start else end
            piece = text[start:end].strip()
            if piece:
                out.append(Para(text=piece, plain=re.sub(r"(?<!\\)\*+", "", piece), style=b.style, source=b.source))
            start = end
        split += 1
    return out, split


_VI_MARKED = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)


def _restore_keywords(blocks: list[Block]) -> tuple[bool, int]:
    """Text without diacritics (OCR that lost them): True, and the structural keywords of
    data/import.toml [[restore]] given back their diacritics (counted for the report). Text with
    diacritics is left alone."""
    letters = marked = 0
    for b in blocks:
        if isinstance(b, Para):
            letters += sum(1 for c in b.plain if c.isalpha())
            marked += len(_VI_MARKED.findall(b.plain))
    if letters < 200 or marked > 0.005 * letters:  # Vietnamese has a diacritic on most words
        return False, 0
    rules = [(re.compile(r["find"]), r["write"]) for r in vocab()["restore"]]
    restored = 0
    for b in blocks:
        if not isinstance(b, Para) or b.text != b.plain:
            continue
        f = fold(b.plain)
        if len(f) != len(b.plain):
            continue
        out, changed = b.plain, False
        for rx, write in rules:
            m = rx.search(fold(out))
            if m and len(fold(out)) == len(out):
                out = out[:m.start()] + write + out[m.end():]
                changed = True
        if changed:
            b.text = b.plain = out
            restored += 1
    return True, restored


def _join_page_breaks(paras: list[Block]) -> tuple[list[Block], int]:
    """A paragraph cut by a page break in the extraction ("… hoàn" / "thành thắng lợi …").

    Linear: the pieces of a paragraph are collected and joined once (a 5 MB paste of unpunctuated
    lines would otherwise be rebuilt at every line), and a joined paragraph stops growing at
    MAX_JOINED characters — the next line starts a new paragraph, nothing is dropped."""
    out: list[Block] = []
    pieces: dict[int, tuple[list[str], list[str]]] = {}  # index in out → (text pieces, plain pieces)
    joined = 0
    length = 0  # of the last paragraph in out, as joined so far
    last_end = ""  # its last piece
    deferred: list[Block] = []  # scan noise between the two halves of a paragraph: placed after it
    for k, b in enumerate(paras):
        prev = out[-1] if out else None
        if (isinstance(b, Para) and isinstance(prev, Para) and is_noise(b.plain) and length > 60
                and not _SENTENCE_END.search(last_end) and k + 1 < len(paras)
                and isinstance(paras[k + 1], Para) and paras[k + 1].plain[:1].islower()):
            deferred.append(b)
            continue
        if (isinstance(b, Para) and isinstance(prev, Para) and b.plain[:1].islower()
                and length > 60 and length + len(b.plain) < MAX_JOINED
                and not _SENTENCE_END.search(last_end) and not _BULLET.match(b.plain) and not _SUB.match(b.plain)):
            texts, plains = pieces.setdefault(len(out) - 1, ([prev.text.rstrip()], [prev.plain.rstrip()]))
            texts.append(b.text.strip())
            plains.append(b.plain.strip())
            length += 1 + len(b.plain)
            last_end = b.plain.rstrip()[-8:]
            joined += 1
            continue
        out.extend(deferred)
        deferred = []
        out.append(b)
        if isinstance(b, Para):
            length = len(b.plain.rstrip())
            last_end = b.plain.rstrip()[-8:]
    out.extend(deferred)
    for k, (texts, plains) in pieces.items():
        out[k].text = " ".join(texts)
        out[k].plain = " ".join(plains)
    return out, joined


# ==== deadlines ==================================================================================

_D = r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"


def _valid(d: str, m: str, y: str) -> bool:
    try:
        _dt.date(int(y), int(m), int(d))
        return True
    except ValueError:
        return False


_RECURRENCE: dict[str, str] = vocab()["recurrence"]


def parse_deadline(cell: str) -> tuple[str | None, bool]:
    """A deadline cell → tdkt `hạn:` syntax; (None, True) when empty; typed flag False for free text.
    Matched without diacritics, so an OCR'd "Truoc ngay 25/02/2023" is typed like the original."""
    s = " ".join(cell.replace("*", "").split()).strip().rstrip(".")
    if not s:
        return None, True
    f = fold(s)
    if m := re.fullmatch(r"thang\s+(\d{1,2})\s*/\s*(\d{4})", f):
        if 1 <= int(m.group(1)) <= 12:
            return f"tháng {int(m.group(1)):02d}/{m.group(2)}", True
    if m := re.fullmatch(rf"(?:truoc|cham\s+nhat|han\s+chot)\s+(?:ngay\s+)?{_D}", f):
        if _valid(*m.groups()):
            return f"trước ngày {int(m.group(1)):02d}/{int(m.group(2)):02d}/{m.group(3)}", True
    if m := re.fullmatch(rf"(?:ngay\s+)?{_D}", f):
        if _valid(*m.groups()):
            return f"ngày {int(m.group(1)):02d}/{int(m.group(2)):02d}/{m.group(3)}", True
    if m := re.fullmatch(rf"tu\s+(?:ngay\s+)?{_D}\s*(?:den|-|–)\s*(?:ngay\s+)?{_D}", f):
        g = m.groups()
        if _valid(*g[:3]) and _valid(*g[3:]):
            return (f"từ {int(g[0]):02d}/{int(g[1]):02d}/{g[2]} đến {int(g[3]):02d}/{int(g[4]):02d}/{g[5]}", True)
    if m := re.fullmatch(r"tu\s+thang\s+(\d{1,2})\s*(?:den|-|–)\s*(?:thang\s+)?(\d{1,2})\s*/\s*(\d{4})", f):
        if 1 <= int(m.group(1)) <= 12 and 1 <= int(m.group(2)) <= 12:
            return f"từ tháng {int(m.group(1))} đến tháng {int(m.group(2)):02d}/{m.group(3)}", True
    # the school year's forms, as tdkt prints them ("Tuần 2 tháng 9/2026", "Cuối học kỳ II",
    # "Đầu tháng 10/2026", "Từ tháng 9/2026 đến tháng 5/2027")
    if m := re.fullmatch(r"tuan\s+([1-5])\s+thang\s+(\d{1,2})\s*/\s*(\d{4})", f):
        if 1 <= int(m.group(2)) <= 12:
            return f"tuần {m.group(1)} tháng {int(m.group(2)):02d}/{m.group(3)}", True
    if m := re.fullmatch(r"(?:(dau|giua|cuoi|trong)\s+)?(?:hoc\s+k[yi]|hk)\s*(i{1,2}|[12])", f):
        part = {"dau": "đầu ", "giua": "giữa ", "cuoi": "cuối ", "trong": "trong "}.get(m.group(1) or "", "")
        return f"{part}học kỳ {'I' * len(m.group(2)) if m.group(2).startswith('i') else 'I' * int(m.group(2))}", True
    if m := re.fullmatch(r"(dau|giua|cuoi|trong)\s+thang\s+(\d{1,2})\s*/\s*(\d{4})", f):
        if 1 <= int(m.group(2)) <= 12:
            part = {"dau": "đầu", "giua": "giữa", "cuoi": "cuối", "trong": "trong"}[m.group(1)]
            return f"{part} tháng {int(m.group(2)):02d}/{m.group(3)}", True
    if m := re.fullmatch(r"tu\s+thang\s+(\d{1,2})\s*/\s*(\d{4})\s*(?:den|-|–)\s*(?:thang\s+)?(\d{1,2})\s*/\s*(\d{4})", f):
        if 1 <= int(m.group(1)) <= 12 and 1 <= int(m.group(3)) <= 12:
            return (f"từ tháng {int(m.group(1)):02d}/{m.group(2)} đến tháng {int(m.group(3)):02d}/{m.group(4)}",
                    True)
    if f in _RECURRENCE:
        low = s.lower()
        return (low if fold(low) == f and low != f else _RECURRENCE[f]), True
    if '"' not in s:
        return f'"{s}"', False
    return f"“{s.replace('“', '').replace('”', '')}”", False


# ==== the recogniser ==============================================================================

class Recognizer:
    def __init__(self, blocks: list[Block], origin: str = "") -> None:
        blocks, self.split = _split_long(list(blocks))
        self.no_diacritics, self.restored = _restore_keywords(blocks)
        self.blocks, self.joined = _join_page_breaks(blocks)
        self.doc = DocumentPart(header=HeaderPart(), origin=origin)
        self.h = self.doc.header
        self.i = 0
        self.level = 0  # open heading level
        self.objectives = False
        self.seen_heading = False
        self.texts: list[str] = []  # all body text, to derive missing header fields
        self.caption: str | None = None

    def peek(self, k: int = 0) -> Block | None:
        j = self.i + k
        return self.blocks[j] if j < len(self.blocks) else None

    def run(self) -> DocumentPart:
        self._header()
        self._body()
        self._end()
        self._appendices()
        self._closing_last()
        self._derive()
        return self.doc

    def _closing_last(self) -> None:
        """Text printed after the closing sentence belongs before it: it stays prose in the body,
        in the order read, and the closing ends the body (the format has nothing after it)."""
        body = self.doc.body
        k = next((i for i, bl in enumerate(body) if bl.kind == "closing"), None)
        if k is None:
            return
        after = [bl for bl in body[k + 1:] if bl.kind not in ("comment", "blank")]
        if not after:
            return
        closing = body[k]
        rest = body[k + 1:]
        for bl in after:
            if bl.kind in ("heading", "block", "closing"):
                bl.kind = "paragraph" if bl.kind != "block" or bl.text else bl.kind
        first = after[0]
        first.notes.append(_n(f"{len(after)} đoạn in sau câu kết thúc “{closing.text[:40]}…”: chuyển lên trước câu đó "
                              "(giữ nguyên văn, cùng thứ tự).",
                              f"{len(after)} paragraph(s) printed after the closing sentence: moved before it "
                              "(kept as written, in order).", "prose"))
        body[k:] = rest + [closing]

    # ---------------------------------------------------------------- header
    def _header(self) -> None:
        caps: list[str] = []
        seen_type = False
        start = self.i
        limit = min(len(self.blocks), 25)
        while self.i < limit:
            b = self.peek()
            if isinstance(b, TableBlock):
                break
            t = b.plain.strip()
            if _QUOC_HIEU.match(t) or _TIEU_NGU.match(t) or re.fullmatch(r"[-_=.…\s]+", t):
                self.i += 1
                continue
            if m := _NUMBER.match(t):
                self.h.number = m.group("num")
                self.h.abbreviation = m.group("abbr")
                if m.group("type") != "KH":
                    self.h.note("number", f"Loại văn bản `{m.group('type')}` khác KH; tdkt viết Kế hoạch (KH).",
                                f"Document type `{m.group('type')}` is not KH; tdkt writes plans (KH).")
                self.i += 1
                continue
            if m := _DATE_LINE.match(t):
                self.h.place = m.group("place").strip()
                if m.group("d") and m.group("m") and _valid(m.group("d"), m.group("m"), m.group("y")):
                    self.h.date = (int(m.group("d")), int(m.group("m")), int(m.group("y")))
                self.h.year = self.h.year or int(m.group("y"))
                self.i += 1
                continue
            if _DOC_TYPE.match(t):
                seen_type = True
                self.i += 1
                self._title()
                break
            if t.isupper() and len(t) < 90 and not seen_type and not _ROMAN.match(t):
                caps.append(t)
                self.i += 1
                continue
            break
        if not seen_type:
            self.i = max(self.i, start)
            self.h.note("title", "Không thấy dòng “KẾ HOẠCH” và tên kế hoạch: điền `trích yếu:`.",
                        "No “KẾ HOẠCH” line and title found: fill in `trích yếu:`.")
        if len(caps) >= 2:
            self.h.parent, self.h.issuer = caps[-2], caps[-1]
        elif caps:
            self.h.issuer = caps[0]

    def _title(self) -> None:
        parts = []
        while self.i < len(self.blocks):
            b = self.peek()
            if not isinstance(b, Para):
                break
            t = b.plain.strip()
            if re.fullmatch(r"[-_=.…\s]+", t):
                self.i += 1
                continue
            if parts and (t[:1].isupper() and not b.centered or len(t) > 160 or _ROMAN.match(t)
                          or _CITATION_START.match(t)):
                break
            # a centred line right after "KẾ HOẠCH" is the title even when it opens like a citation
            # ("Thực hiện công tác thi đua, khen thưởng …")
            if not parts and (len(t) > 200 or _CITATION_START.match(t) and not b.centered):
                break
            parts.append(t)
            self.i += 1
            if t.endswith(".") or len(parts) == 3:
                break
            if not b.centered and not (self.peek() and isinstance(self.peek(), Para)
                                       and self.peek().plain[:1].islower()):
                break
        if parts:
            self.h.title = " ".join(parts).strip().rstrip(".")
            if self.h.title.isupper():
                low = self.h.title.lower()
                self.h.title = low[:1].upper() + low[1:]

    # ---------------------------------------------------------------- body
    def _body(self) -> None:
        body = self.doc.body
        while self.i < len(self.blocks):
            b = self.peek()
            if isinstance(b, TableBlock):
                if not self.seen_heading and not body:
                    break
                # a table in the body: kept row by row as prose
                for row in b.rows:
                    cells = [" ".join(c.split()) for c in row if c.strip()]
                    if cells:
                        body.append(BodyLine("paragraph", " – ".join(cells),
                                             notes=[_n("Bảng trong phần nội dung: giữ thành đoạn văn (các ô nối bằng “–”).",
                                                       "A table inside the body: kept as paragraphs (cells joined by “–”).",
                                                       "prose")]))
                self.i += 1
                continue
            t = b.plain.strip()
            if _RECIPIENTS.match(t) or _APPENDIX.match(t):
                return
            if self._signer_start(t):
                return
            self.i += 1
            if is_noise(t):
                body.append(BodyLine("comment", f"[nhiễu bản quét] {b.text}",
                                     notes=[_n(f"Mảnh chữ lạc “{t}” (nhiễu bản quét/dấu/chữ ký): giữ thành chú thích.",
                                               f"Stray fragment “{t}” (scan/stamp noise): kept as a comment.", "noise")]))
                continue
            self.texts.append(t)
            self._body_para(b)

    def _signer_start(self, t: str) -> bool:
        """The signature block without a "Nơi nhận:" before it: after the closing, its authority
        or title line, or the signer's name alone (a two-column block flattened by a website);
        without a closing, a name alone right before "Nơi nhận:" or "PHỤ LỤC"."""
        if is_person_name(t):
            nxt = self._next_text()
            after = self.blocks[self.i + 1] if self.i + 1 < len(self.blocks) else None
            nxt = after.plain.strip() if isinstance(after, Para) else ("" if after is None else "table")
            if any(bl.kind == "closing" for bl in self.doc.body) or not nxt or nxt == "table" \
                    or _RECIPIENTS.match(nxt) or _APPENDIX.match(nxt):
                return True
        if not any(bl.kind == "closing" for bl in self.doc.body):
            return False
        return bool(_AUTHORITY.match(t)) or (t.isupper() and any(w in t for w in _SCHOOL_WORDS) and len(t) < 60)

    def _body_para(self, b: Para) -> None:
        body = self.doc.body
        text, t = b.text.strip(), b.plain.strip()
        if m := _CLOSE_MARK.search(text):
            tail = m.group("tail").strip()
            core = text[:m.start()].rstrip()
            notes = []
            if tail:
                notes.append(_n(f"Sau “./.” còn “{tail}” (nhiễu): giữ thành chú thích.",
                                f"“{tail}” after “./.” (noise): kept as a comment.", "noise"))
            after_heading = bool(body) and body[-1].kind == "heading"  # the section's own text
            kind = "bullet" if _BULLET.match(core) else "paragraph" if after_heading else "closing"
            if kind == "bullet":
                core = _BULLET.match(core).group("t")
            body.append(BodyLine(kind, core))
            if tail:
                body.append(BodyLine("comment", f"[nhiễu bản quét] {tail}", notes=notes))
            return
        if _CLOSING.match(fold(t)):
            body.append(BodyLine("closing", text))
            return
        if not self.seen_heading:
            if self._citations(b):
                return
        m = _ROMAN.match(t)
        if m and m.group("n"):
            self._roman(m.group("t"), b)
            return
        for rx, level in ((_NUM4, 4), (_NUM3, 3), (_LETTER, 4), (_NUM2, 2)):
            m = rx.match(text)
            if m and (level != 2 or self.seen_heading):
                self._numbered(level, m.group("t"), m.group("n"))
                return
        if m := _SUB.match(text):
            body.append(BodyLine("subbullet", m.group("t")))
            return
        if m := _BULLET.match(text):
            body.append(BodyLine("bullet", m.group("t")))
            return
        body.append(BodyLine("paragraph", text))

    def _roman(self, title: str, b: Para) -> None:
        self.seen_heading = True
        f = fold(title).rstrip(": ")
        body = self.doc.body
        self.objectives = False
        if f.startswith("muc dich") or f == "yeu cau":
            nxt = self._next_text()
            if nxt and _OBJECTIVES_NEXT.match(nxt):
                self.objectives = True
                self.level = 1
                if f not in ("muc dich, yeu cau", "muc dich yeu cau", "muc dich", "yeu cau"):
                    body.append(BodyLine("comment", f"tiêu đề gốc: {title}",
                                         notes=[_n(f"Tiêu đề “{title}” in lại theo mẫu “MỤC ĐÍCH, YÊU CẦU”.",
                                                   f"Heading “{title}” is printed as the standard “MỤC ĐÍCH, YÊU CẦU”.")]))
                return
        if f.startswith("to chuc thuc hien"):
            self.level = 1
            custom = _sentence(title)
            body.append(BodyLine("block", "" if custom == "Tổ chức thực hiện" else custom, keyword="tổ chức thực hiện"))
            return
        self.level = 1
        body.append(BodyLine("heading", title, level=1))

    def _next_text(self) -> str | None:
        j = self.i
        while j < len(self.blocks):
            b = self.blocks[j]
            if isinstance(b, Para) and not is_noise(b.plain):
                return b.plain.strip()
            j += 1
        return None

    def _numbered(self, level: int, title: str, number: str) -> None:
        body = self.doc.body
        f = fold(title).rstrip(": ")
        if self.objectives and level == 2 and (f.startswith("muc dich") or f.startswith("yeu cau")):
            kw = "mục đích" if f.startswith("muc dich") else "yêu cầu"
            default = "Mục đích" if kw == "mục đích" else "Yêu cầu"
            body.append(BodyLine("block", "" if title.rstrip(": ") == default else title, keyword=kw))
            self.level = 2
            return
        if level == 2 and self.objectives:
            self.objectives = False
        long_text = len(title) > 220 or re.search(r"[.;]\**$", title.strip())
        if long_text and level == self.level + 1 and self.level >= 1:
            body.append(BodyLine("numbered", title))
            return
        if level > self.level + 1:
            body.append(BodyLine("comment", f"số in gốc: {number}",
                                 notes=[_n(f"Đề mục “{number}” bỏ cấp (không có cấp trên): hạ về cấp {self.level + 1}.",
                                           f"Heading “{number}” skips a level: moved up to level {self.level + 1}.")]))
            level = self.level + 1
        if self.level == 0 and level >= 2:
            level = 1
        self.level = level
        body.append(BodyLine("heading", title, level=level))
        self.seen_heading = True

    def _citations(self, b: Para) -> bool:
        text = b.text.strip()
        m = re.match(r"(?i)^(căn\s+cứ|thực\s+hiện)\s+", text)
        if not m or not CITATION_HEAD.match(text, m.end()):
            return False
        kw = "căn cứ" if fold(m.group(1)).startswith("can") else "thực hiện"
        parts = _split_citations(text[m.end():])
        lines = [BodyLine("block", keyword=kw)]
        from .validate import citation_ok
        for p in parts:
            if CITATION_HEAD.match(p) and not citation_ok(p):
                return False  # printed differently or not parseable: keep the paragraph as written
            lines.append(BodyLine("bullet", p))
        self.doc.body.extend(lines)
        return True

    # ---------------------------------------------------------------- recipients and signer
    def _end(self) -> None:
        in_recipients = False
        while self.i < len(self.blocks):
            b = self.peek()
            if isinstance(b, TableBlock):
                return
            t = b.plain.strip()
            if _APPENDIX.match(t):
                return
            self.i += 1
            if m := _RECIPIENTS.match(t):
                in_recipients = True
                rest = m.group("rest").strip()
                if rest:
                    self.doc.recipients.append(re.sub(r"^[-–•]\s*", "", rest))
                continue
            if in_recipients and (bm := _BULLET.match(t)):
                self.doc.recipients.append(bm.group("t"))
                continue
            if in_recipients and _ARCHIVE.match(t):
                self.doc.recipients.append(t)
                continue
            in_recipients = False
            if m := _AUTHORITY.match(t):  # one or two lines: "TM. ỦY BAN NHÂN DÂN" over "KT. CHỦ TỊCH"
                line = f"{m.group('a')}. {_title_case(m.group('t'))}"
                self.h.authority = f"{self.h.authority}, {line}" if self.h.authority else line
                continue
            if t.isupper() and len(t) < 60 and not self.h.position and not is_noise(t):
                self.h.position = _title_case(t)
                continue
            if (not self.h.signer and re.fullmatch(r"(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\.?\s+){1,5}[A-ZĐÀ-Ỹ][\wÀ-ỹ]*", t)
                    and not t.isupper()):
                self.h.signer = t
                continue
            if _SIGNATURE_NOTE.fullmatch(t):
                self.doc.trailer.append(BodyLine("comment", t))
                continue
            noise = is_noise(t)
            self.doc.trailer.append(BodyLine("comment", ("[nhiễu bản quét] " if noise else "[không xếp loại được] ") + b.text,
                                             notes=[_n(f"“{t}” (nhiễu bản quét) giữ thành chú thích.",
                                                       f"“{t}” (scan noise) kept as a comment.", "noise") if noise else
                                                    _n(f"Không xếp được “{t[:60]}” sau phần ký: giữ thành chú thích.",
                                                       f"Could not place “{t[:60]}” after the signature: kept as a comment.",
                                                       "prose")]))

    # ---------------------------------------------------------------- appendices
    def _appendices(self) -> None:
        app: AppendixPart | None = None
        columns: list[str] = []
        pending_title: list[str] = []
        group: list[TaskPart] | None = None
        while self.i < len(self.blocks):
            b = self.peek()
            self.i += 1
            if isinstance(b, Para):
                t = b.plain.strip()
                if _APPENDIX.match(t):
                    app = AppendixPart(title="")
                    self.doc.appendices.append(app)
                    columns, group = [], None
                    continue
                if app is None:
                    if is_noise(t):
                        self.doc.trailer.append(BodyLine("comment", f"[nhiễu bản quét] {b.text}",
                                                         notes=[_n(f"“{t}” (nhiễu bản quét) giữ thành chú thích.",
                                                                   f"“{t}” (scan noise) kept as a comment.", "noise")]))
                        continue
                    app = AppendixPart(title="", head_notes=[_n("Không có dòng “PHỤ LỤC” trước bảng: coi là phụ lục.",
                                                                "No “PHỤ LỤC” line before the table: read as an appendix.")])
                    self.doc.appendices.append(app)
                if _CAPTION.match(t):
                    self.caption = t
                    app.before.append(BodyLine("comment", f"chú thích gốc: {t}",
                                               notes=[_n(f"Chú thích phụ lục được tdkt sinh lại từ phần đầu; bản gốc ghi: “{t}”.",
                                                         f"The appendix caption is regenerated from the header; the original read: “{t}”.")]))
                    continue
                if is_noise(t):
                    (app.notes if app.tasks or app.groups else app.before).append(
                        BodyLine("comment", f"[nhiễu bản quét] {b.text}",
                                 notes=[_n(f"“{t}” (nhiễu bản quét) giữ thành chú thích.",
                                           f"“{t}” (scan noise) kept as a comment.", "noise")]))
                    continue
                if m := _MONTH_ROW.match(t):
                    app.by_month = True
                    if not app.columns:
                        app.columns = [("tt", None), ("nội dung", None)]
                    group = []
                    app.groups.append((f"{int(m.group('m')):02d}/{m.group('y')}", group))
                    continue
                if group is not None and (bm := _BULLET.match(b.text.strip())):
                    group.append(TaskPart(bm.group("t")))
                    continue
                if not app.title and not app.tasks and not app.groups:
                    pending_title.append(b.text.strip())
                    app.title = " ".join(pending_title)
                    continue
                app.notes.append(BodyLine("paragraph", b.text.strip()))
                continue
            # a table
            if app is None:
                app = AppendixPart(title="", head_notes=[_n("Bảng không có dòng “PHỤ LỤC” trước: coi là phụ lục.",
                                                            "A table without a “PHỤ LỤC” line: read as an appendix.")])
                self.doc.appendices.append(app)
            pending_title = []
            app.landscape = app.landscape or b.landscape
            rows = [r for r in b.rows if any(c.strip() for c in r)]
            if not rows:
                continue
            header_kinds = _column_kinds(rows[0])
            if header_kinds is not None:
                if columns and [k for k, _ in header_kinds] == columns:
                    app.notes.append(BodyLine("comment", "dòng tiêu đề bảng lặp lại: " + " | ".join(rows[0]),
                                              notes=[_n("Dòng tiêu đề bảng lặp lại (sang trang) — DOCX tự lặp tiêu đề.",
                                                        "Repeated table header (page break) — the DOCX repeats it itself.")]))
                elif not columns:
                    columns = [k for k, _ in header_kinds]
                    app.columns = header_kinds
                rows = rows[1:]
            if not columns:
                n = max(len(r) for r in rows)
                columns = (["tt", "nội dung", "đơn vị", "thời hạn", "ghi chú"] + ["ghi chú"] * n)[:n]
                app.columns = [(k, None) for k in columns]
                app.head_notes.append(_n("Bảng không có dòng tiêu đề: cột được đoán (TT, nội dung, đơn vị, thời hạn…).",
                                         "The table has no header row: columns guessed (no, content, units, deadline…)."))
            if _is_timeline(rows, columns):
                group = self._timeline(app, rows, columns, group)
                continue
            for row in rows:
                if "tháng" in columns and self._month_row(app, row, columns):
                    group = app.groups[-1][1]
                    continue
                again = _column_kinds(row)
                if again is not None and [k for k, _ in again] == columns:
                    app.notes.append(BodyLine("comment", "dòng tiêu đề bảng lặp lại: " + " | ".join(row),
                                              notes=[_n("Dòng tiêu đề bảng lặp lại (sang trang) — DOCX tự lặp tiêu đề.",
                                                        "Repeated table header (page break) — the DOCX repeats it itself.")]))
                    continue
                distinct = {c.strip() for c in row if c.strip()}
                if len(distinct) == 1 and (m := _MONTH_ROW.match(next(iter(distinct)))):
                    app.by_month = True
                    group = []
                    app.groups.append((f"{int(m.group('m')):02d}/{m.group('y')}", group))
                    continue
                task = self._task(row, columns)
                if task is None:
                    continue
                (group if group is not None else app.tasks).append(task)
            if app.by_month and app.tasks:  # tasks before the first month row
                first = app.groups[0][1] if app.groups else []
                first[:0] = app.tasks
                app.tasks = []
        for a in self.doc.appendices:
            if not a.title:
                a.title = placeholder("appendix_title")
                a.head_notes.append(_n("Phụ lục không có tên: ghi tên thật vào `phụ lục:`.",
                                       "The appendix has no title: write its real title after `phụ lục:`.", "todo"))
            elif a.title.isupper():
                low = a.title.lower()
                a.title = low[:1].upper() + low[1:]

    def _timeline(self, app: AppendixPart, rows: list[list[str]], columns: list[str],
                  group: list[TaskPart] | None) -> list[TaskPart] | None:
        """A month timeline as published: one row per month, its cell listing the month's tasks
        ("- …" each, or one alone) → one `tháng:` group, one task per item, each with the row's
        units and notes (the month is the group's, a deadline cell that is a date stays the task's)."""
        ti, ci = _time_column(columns), columns.index("nội dung")
        if not app.by_month:
            app.by_month = True
            app.columns = [c for c in app.columns if c[0] not in ("thời hạn", "tháng")]
            app.head_notes.append(_n("Bảng theo tháng (mỗi tháng một dòng, các việc liệt kê trong ô): mỗi việc "
                                     "thành một nhiệm vụ của nhóm `tháng:`.",
                                     "A month timeline (one row per month, its tasks listed in the cell): each "
                                     "item becomes a task of a `tháng:` group."))
        for row in rows:
            again = _column_kinds(row)
            if again is not None and [k for k, _ in again] == columns:  # repeated where the page broke
                app.notes.append(BodyLine("comment", "dòng tiêu đề bảng lặp lại: " + " | ".join(row),
                                          notes=[_n("Dòng tiêu đề bảng lặp lại (sang trang) — DOCX tự lặp tiêu đề.",
                                                    "Repeated table header (page break) — the DOCX repeats it itself.")]))
                continue
            cells = list(row) + [""] * (len(columns) - len(row))
            month = _month_cell(cells[ti])
            if month is not None:
                group = []
                app.groups.append((month, group))
                cells[ti] = ""
            items = _items(cells[ci]) or [""]
            for item in items:
                one = list(cells)
                one[ci], due = _own_deadline(item)
                task = self._task(one, columns)
                if task is not None:
                    if due is not None:
                        task.due = due
                    (group if group is not None else app.tasks).append(task)
        return group

    def _month_row(self, app, row: list[str], columns: list[str]) -> bool:
        """A month timeline as tdkt and published plans print it: one row per month, the month in
        its column, the month's items one per paragraph ("- …") in the content cell; an item's own
        deadline in brackets after it. Each item becomes a task with the row's units."""
        cells = list(row) + [""] * (len(columns) - len(row))
        mi = columns.index("tháng")
        m = _MONTH_ROW.match(" ".join(cells[mi].split()))
        if not m or "nội dung" not in columns:
            return False
        app.by_month = True
        group: list = []
        app.groups.append((f"{int(m.group('m')):02d}/{m.group('y')}", group))
        ci = columns.index("nội dung")
        lines = [ln.strip() for ln in cells[ci].split("\n") if ln.strip()]
        if len(lines) > 1:
            lines = [re.sub(r"^[-–•]\s+", "", ln) for ln in lines]
        for item in lines:
            item, due = _own_deadline(item)
            sub = list(cells)  # (a unit cell may list one unit a line)
            sub[ci], sub[mi] = item, ""
            task = self._task(sub, columns)
            if task is not None:
                if due is not None:
                    task.due = due
                group.append(task)
        return True

    def _task(self, row: list[str], columns: list[str]) -> TaskPart | None:
        cells = list(row) + [""] * (len(columns) - len(row))
        task = TaskPart(content="")
        extra = [c for c in cells[len(columns):] if c.strip()]
        for kind, cell in zip(columns, cells):
            cell = cell.strip()
            if kind == "nội dung":
                items = _items(cell)
                task.content = "; ".join(i.rstrip(";") for i in items)
                if len(items) > 1:
                    task.notes.append(_n(f"Ô nội dung là danh sách {len(items)} mục: nối bằng “;” thành một nhiệm vụ.",
                                         f"The content cell is a list of {len(items)} items: joined with “;” into one task."))
            elif kind in ("chủ trì", "đơn vị"):
                task.lead += _names(cell)
            elif kind == "phối hợp":
                task.partners += _names(cell)
            elif kind == "phụ trách":
                task.responsible += _names(cell)
            elif kind == "thời hạn":
                due, typed = parse_deadline(cell)
                task.due = due
                if not typed:
                    task.notes.append(_n(f"Thời hạn “{cell}” không nhận ra dạng chuẩn: giữ nguyên văn (không kiểm tra được ngày).",
                                         f"Deadline “{cell}” is not a known form: kept as written (its date cannot be checked).",
                                         "prose"))
            elif kind == "ghi chú":
                task.note = (task.note + "; " + cell) if task.note and cell else (cell or task.note)
        if extra:
            task.note = "; ".join(([task.note] if task.note else []) + extra)
            task.notes.append(_n("Ô thừa ngoài các cột: đưa vào ghi chú.", "Cells beyond the columns: moved to the note."))
        if not task.content:
            rest = " | ".join(c for c in cells if c.strip())
            if not rest:
                return None
            task.content = rest
            task.lead = task.partners = task.responsible = []
            task.due = task.note = None
            task.notes.append(_n("Dòng bảng không có nội dung: giữ cả dòng làm nội dung nhiệm vụ.",
                                 "A table row without content: the whole row kept as the task's content.", "prose"))
        return task

    # ---------------------------------------------------------------- derived header fields
    def _derive(self) -> None:
        h = self.h
        if self.no_diacritics:
            self.doc.notes.append(_n(
                f"Văn bản không có dấu tiếng Việt (bản quét nhận dạng mất dấu?): giữ nguyên văn như đã đọc; "
                f"chỉ khôi phục dấu của {self.restored} dòng từ khóa cấu trúc (Số:, ngày … tháng … năm, KẾ HOẠCH, "
                "Nơi nhận, PHỤ LỤC …). Hãy thêm dấu cho nội dung trước khi ban hành.",
                f"The text has no Vietnamese diacritics (an OCR'd scan?): kept as read; only {self.restored} "
                "structural keyword lines got their diacritics back (Số:, the date line, KẾ HOẠCH, Nơi nhận, "
                "PHỤ LỤC …). Add the diacritics to the text before issuing it.", "todo"))
        text = " ".join(self.texts)
        if h.year is None:
            years = re.findall(r"(?:năm|nam)\s+((?:19|20)\d{2})", (h.title or "") + " " + text)
            if years:
                h.year = int(Counter(years).most_common(1)[0][0]) if not h.title or not re.search(
                    r"(?:năm|nam)\s+(\d{4})", h.title) else int(re.findall(r"(?:năm|nam)\s+(\d{4})", h.title)[-1])
                h.note("year", "Năm kế hoạch suy ra từ tên/nội dung: kiểm tra lại.",
                       "The plan year was inferred from the title/text: check it.")
            else:
                h.year = _dt.date.today().year
                h.note("year", "Không tìm thấy năm kế hoạch: đã ghi năm hiện tại, hãy sửa.",
                       "No plan year found: the current year was written; correct it.")
        m = re.search(r"(?i)(?:năm|nam)\s+(?:học|hoc)\s+(\d{4})\s*[-–]\s*(\d{4})", h.title or "")
        if m and int(m.group(2)) == int(m.group(1)) + 1 and h.year in (int(m.group(1)), int(m.group(2))):
            h.school_year = (int(m.group(1)), int(m.group(2)))
        for a in self.doc.appendices:  # "Tháng 9" without a year: the school year's (Sep–Dec its first year)
            guessed = False
            for k, (month, tasks) in enumerate(a.groups):
                if month.endswith("/?"):
                    mm, sy = int(month[:2]), h.school_year
                    a.groups[k] = (f"{mm:02d}/{(sy[0] if mm >= 8 else sy[1]) if sy else h.year}", tasks)
                    guessed = True
            if guessed:
                a.head_notes.append(_n("Tháng không ghi năm: năm suy ra từ năm học (tháng 8–12 thuộc năm đầu); kiểm tra lại.",
                                       "Months without a year: the year comes from the school year (August–December "
                                       "belong to its first year); check them.", "todo"))
        if not h.title:
            h.title = f"Công tác thi đua, khen thưởng năm {h.year}"
            h.note("title", "Không thấy tên kế hoạch: đã ghi tên tạm, hãy sửa.",
                   "No title found: a placeholder was written; correct it.")
        if not h.abbreviation:
            h.abbreviation = "PGDĐT"
            h.note("abbreviation", "Không thấy số ký hiệu (Số: …/KH-…): viết tắt tạm là PGDĐT, hãy sửa.",
                   "No number/symbol (Số: …/KH-…) found: abbreviation PGDĐT is a placeholder; correct it.")
        if not h.issuer:
            guess = _KNOWN_ISSUERS.get(fold(h.abbreviation).replace(" ", ""))
            h.issuer = guess or h.abbreviation
            h.note("issuer", f"Không thấy tên cơ quan ban hành: suy ra “{h.issuer}” từ ký hiệu {h.abbreviation}; kiểm tra lại.",
                   f"No issuing agency found: “{h.issuer}” inferred from the symbol {h.abbreviation}; check it.")
        if h.place and not h.parent and h.issuer.startswith("PHÒNG"):
            m = re.search(r"(?i)\b(quận|huyện|thị\s+xã|thành\s+phố)\s+(" + r"\S+(?:\s+\S+){0,2})", text)
            for m in re.finditer(r"\b(quận|huyện|thị xã)\s+((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s*){1,3})", text):
                name = " ".join(m.group(2).split()[: len(h.place.split())])
                if fold(name) == fold(h.place):
                    h.parent = f"UBND {m.group(1).upper()} {name.upper()}"
                    h.note("parent", f"Cơ quan chủ quản suy ra từ nội dung: “{h.parent}”; kiểm tra lại.",
                           f"The parent agency was inferred from the text: “{h.parent}”; check it.")
                    if fold(name) != fold(h.place) or name != h.place:
                        h.note("place", f"Địa danh ghi “{h.place}” nhưng nội dung viết “{name}”: kiểm tra chính tả.",
                               f"The place reads “{h.place}” but the text says “{name}”: check the spelling.")
                    break
        if h.issuer and not h.issuer_name and self.caption:
            # "(Kèm theo Kế hoạch số … của Phòng GD&ĐT quận Long Biên)": how the plan names its issuer
            m = re.search(r"\bcủa\s+(?P<n>[^()]{3,120}?)\s*\)?\s*$", self.caption.strip().rstrip("*").strip())
            if m and m.group("n").strip() != h.issuer and not is_person_name(m.group("n")):
                h.issuer_name = m.group("n").strip()
                h.note("issuer_name", f"Tên cơ quan trong câu lấy từ chú thích phụ lục: “{h.issuer_name}”.",
                       f"The issuer's running-text name was taken from the appendix caption: “{h.issuer_name}”.",
                       "note")
        if h.issuer and not h.issuer_name:
            sentence = _sentence(h.issuer)
            m = re.search(re.escape(sentence) + r"(?:\s+(?:quận|huyện|thị xã)\s+" + re.escape(h.place or "#") + r")?", text)
            if m and m.group(0) != sentence:
                h.issuer_name = m.group(0)
        if not h.place:
            h.place = placeholder("place")
            h.note("place", "Không thấy dòng “…, ngày … tháng … năm …”: ghi địa danh tạm, hãy sửa.",
                   "No “…, ngày … tháng … năm …” line: the place is a placeholder; correct it.")
        if not h.number:
            h.note("number", "Số văn bản để trống (bản nháp).", "The document number is blank (draft).")
        if not h.date:
            h.note("date", "Ngày ban hành để trống (bản nháp).", "The issue date is blank (draft).")
        if not h.signer:  # a plan must be signed to build: a placeholder the report lists
            h.signer = placeholder("signer")
            h.note("signer", "Không thấy tên người ký: ghi chỗ trống “Họ và tên người ký”, hãy điền.",
                   "No signer's name found: a placeholder was written; fill it in.")
        if not h.position:
            issuer = (h.issuer or "").upper()
            heads = vocab()["head_titles"]
            h.position = heads[max((k for k in heads if issuer.startswith(k)), key=len)]
            h.note("position", f"Không thấy chức vụ người ký: ghi tạm “{h.position}” theo cơ quan ban hành, hãy kiểm tra.",
                   f"No signer's position found: “{h.position}” was written from the issuing body; check it.")
        if not self.doc.recipients:
            self.doc.recipients.append(placeholder("archive"))
            self.doc.recipient_notes.append(_n("Không thấy “Nơi nhận:”: ghi tạm “Lưu: VT.”, hãy bổ sung nơi nhận.",
                                               "No “Nơi nhận:” found: “Lưu: VT.” was written; add the recipients.",
                                               "todo"))
        if self.caption:
            c = self.caption
            mismatch = []
            if h.number and not re.search(rf"\b0*{int(h.number)}\s*/", c):
                mismatch.append("số")
            if h.date and not re.search(rf"\b0?{h.date[0]}\s*(?:/|\s+tháng\s+)0?{h.date[1]}\b", c):
                mismatch.append("ngày")
            if mismatch:
                for a in self.doc.appendices:
                    a.head_notes.append(_n(f"Chú thích phụ lục gốc lệch phần đầu ({', '.join(mismatch)}); tdkt in theo phần đầu.",
                                           f"The original appendix caption contradicts the header ({', '.join(mismatch)}); tdkt prints the header's.",
                                           "todo"))
                    break


def is_person_name(t: str) -> bool:
    """"Vũ Thị Thu Hà", "Nguyen Van A": two to six capitalised words, the first a family name."""
    words = t.strip().rstrip(".").split()
    if not 2 <= len(words) <= 6 or not all(w[:1].isupper() and w.replace(".", "").isalpha() for w in words):
        return False
    if t.isupper() and len(words) > 4:
        return False
    return fold(words[0]) in _surnames()


def _surnames() -> frozenset[str]:
    return frozenset(vocab()["names"]["surnames"])


def _title_case(s: str) -> str:
    """A title printed in capitals → as written in running text: "PHÓ HIỆU TRƯỞNG" → "Phó Hiệu
    trưởng", "PHÓ CHỦ TỊCH" → "Phó Chủ tịch" (the deputy's "Phó" and the title both capitalised)."""
    t = _sentence(s)
    m = re.match(r"(?i)^(phó)\s+(.+)$", t)
    if m and t != s or (m and s.isupper()):
        rest = m.group(2)
        return "Phó " + rest[:1].upper() + rest[1:]
    return t


def _sentence(s: str) -> str:
    s = " ".join(s.split()).rstrip()
    letters = [c for c in s if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        low = s.lower()
        return low[:1].upper() + low[1:]
    return s


def _items(cell: str) -> list[str]:
    """A cell's list items ("- a" per line, as read from `<ul><li>` or typed), markers removed."""
    lines = [line.strip() for line in cell.split("\n") if line.strip()]
    return [re.sub(r"^[-–•+]\s*", "", line) for line in lines]


def _names(cell: str) -> list[str]:
    parts = [p.strip().strip(",.").strip() for item in _items(cell) for p in item.split(";")]
    return [p for p in parts if p and p not in ("-", "–")]


def _split_citations(s: str) -> list[str]:
    """`A; B; tiếp tục …` → items; a sentence break (`. Phát huy`) starts a new (prose) item."""
    out, buf, quote = [], "", 0
    i = 0
    while i < len(s):
        ch = s[i]
        if ch in "“(":
            quote += 1
        elif ch in "”)" and quote:
            quote -= 1
        if ch == ";" and not quote:
            out.append(buf.strip())
            buf = ""
        elif ch == "." and not quote and s[i + 1: i + 2] == " " and s[i + 2: i + 3].isupper() \
                and not re.search(r"\b(?:số|TP|Tp|St|[A-ZĐ])$", buf):
            out.append(buf.strip())
            buf = ""
        else:
            buf += ch
        i += 1
    if buf.strip():
        out.append(buf.strip())
    return [p for p in out if p]


_MONTH_CELL = re.compile(r"^(?:thang\s+)?(\d{1,2})(?:\s*(?:/|nam)\s*(\d{4}))?\s*:?$")


def _month_cell(cell: str) -> str | None:
    """"Tháng 9", "Tháng 9/2026", "9/2026", "Tháng 9 năm 2026" → "09/2026" (or "09/?" when the
    year is the school year's, resolved once the plan's year is known)."""
    m = _MONTH_CELL.match(fold(" ".join(cell.replace("*", "").split())))
    if not m or not 1 <= int(m.group(1)) <= 12:
        return None
    return f"{int(m.group(1)):02d}/{m.group(2) or '?'}"


def _own_deadline(item: str) -> tuple[str, str | None]:
    """An item of a month cell with its own deadline in brackets after it, as tdkt prints it
    ("Hội thi … (tuần 3 tháng 10/2026)") → (the item, the deadline); a bracket that is not a
    deadline stays in the item."""
    if dm := re.search(r"\s*\(([^()]*)\)$", item):
        parsed, typed = parse_deadline(dm.group(1))
        if typed and parsed is not None:
            return item[:dm.start()], parsed
    return item, None


def _is_timeline(rows: list[list[str]], columns: list[str]) -> bool:
    """The time column comes before the content and holds months: a published month timeline."""
    ti = _time_column(columns)
    if ti is None or "nội dung" not in columns:
        return False
    if ti > columns.index("nội dung"):
        return False
    cells = [r[ti] for r in rows if ti < len(r) and r[ti].strip() and _column_kinds(r) is None]
    if "tháng" in columns and cells and all(_MONTH_ROW.match(" ".join(c.split())) for c in cells):
        return False  # months with their years, as tdkt prints them: read row by row (_month_row)
    return bool(cells) and sum(_month_cell(c) is not None for c in cells) >= 0.6 * len(cells)


def _time_column(columns: list[str]) -> int | None:
    """The column that holds the month: a `tháng` column, else the time column."""
    for kind in ("tháng", "thời hạn"):
        if kind in columns:
            return columns.index(kind)
    return None


_COLUMN_RULES: list[dict] = vocab()["columns"]


def _column_kinds(row: list[str]) -> list[tuple[str, str | None]] | None:
    """The header row of an appendix table → (kind keyword, custom title); None if it is not one."""
    kinds = []
    hits = 0
    for cell in row:
        c = " ".join(cell.replace("*", "").split())
        f = fold(c)
        k = next((rule["kind"] for rule in _COLUMN_RULES
                  if f in rule.get("exact", ()) or any(w in f for w in rule.get("contains", ()))
                  or f.startswith(tuple(rule.get("starts", ())))), None)
        if k is None:
            kinds.append(("ghi chú", c or None))
            continue
        hits += 1
        default = COLUMN_DEFAULT_TITLES[k]
        title = None if c == default else c.replace("(", "[").replace(")", "]") or None
        kinds.append((k, title))
    if hits < 2 or not any(k == "nội dung" for k, _ in kinds):
        return None
    seen: set[str] = set()
    out = []
    for k, t in kinds:
        if k in seen:
            k = "ghi chú" if "ghi chú" not in seen else k
        seen.add(k)
        out.append((k, t))
    return out
