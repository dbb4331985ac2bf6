"""Recognising a plan in a flat list of blocks: header, preamble and citations, numbered sections
(printed numbers removed), bullets, closing, recipients, signer, appendices with their tasks.

What cannot be classified is kept as prose (or, for scan noise, as a comment) and reported.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter

from .. import vocabulary
from ..diagnostics import Problem
from ..prose_dates import CITATION_HEAD
from .phrases import phrase
from .vocab import placeholder, vocab
from .emit import AppendixPart, BodyLine, DocumentPart, HeaderPart, TaskPart, fold, name_key, pending
from .readers import Block, Para, TableBlock

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
_LETTER = re.compile(_P["letter_item"])
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

_YEAR_IN_TEXT = re.compile(_P["year_in_text"])
_SIGNER_NAME = re.compile(_P["signer_name"])
_SCHOOL_YEAR = re.compile(_P["school_year"])
_DISTRICT_OFFICE = re.compile(_P["district_office"])
_DISTRICT = re.compile(_P["district"])
_CAPTION_ISSUER = re.compile(_P["caption_issuer"])
_DEPUTY = re.compile(_P["deputy"])
_ABBREVIATION_END = re.compile(_P["abbreviation_end"])

_KNOWN_ISSUERS: dict[str, str] = vocab()["issuers"]
_SECTIONS: dict = vocab()["sections"]
_CITATION_BLOCKS: dict[str, str] = vocab()["citation_blocks"]


def _default_title(role: str) -> str:
    """How the DOCX titles a section of this role (templates/phrases.j2): a heading that says the
    same needs no custom title."""
    from ..render.phrases import phrase as document_phrase

    return document_phrase("section_title", role, [])
COLUMN_DEFAULT_TITLES: dict[str, str] = vocab()["column_titles"]


_n = pending  # a report item, placed on its line of the .tdkt by the writer


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
                        raise Problem("F920", table=tables, row=r + 1, length=len(cell), limit=MAX_CELL)
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


_CHARACTERS = str.maketrans({chr(int(k, 16)): v for k, v in vocab()["characters"].items()})


def _plain_characters(blocks: list[Block]) -> list[Block]:
    """Word's no-break spaces and hyphens, soft hyphens … as the plain characters a `.tdkt` is
    written with (data/import.toml [characters]); tdkt's DOCX writer puts the no-break ones back
    where a line must not break."""
    for b in blocks:
        if isinstance(b, Para):
            b.text, b.plain = b.text.translate(_CHARACTERS), b.plain.translate(_CHARACTERS)
        else:
            b.rows = [[c.translate(_CHARACTERS) for c in row] for row in b.rows]
    return blocks


_VI_MARKED = re.compile(_P["marked_letter"])


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
    lines = vocab()["restore_lines"]
    rules = [(re.compile(r["find"]), r["write"], re.compile(lines[r["line"]]) if "line" in r else None)
             for r in vocab()["restore"]]
    restored = 0
    for b in blocks:
        if not isinstance(b, Para) or b.text != b.plain:
            continue
        f = fold(b.plain)
        if len(f) != len(b.plain):
            continue
        out, changed = b.plain, False
        for rx, write, line in rules:
            if line is not None and not line.fullmatch(fold(out)):
                continue  # the rule restores words of this kind of line only
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

def _valid(d: str, m: str, y: str) -> bool:
    try:
        _dt.date(int(y), int(m), int(d))
        return True
    except ValueError:
        return False


_REWRITES = [(re.compile(r["find"]), r["write"], bool(r.get("always"))) for r in vocab()["deadline_rewrite"]]


def _rewrite_deadline(s: str) -> str:
    """The cell in the words of a `hạn:` value (data/import.toml [[deadline_rewrite]])."""
    for rx, write, always in _REWRITES:
        f = fold(s)
        if len(f) != len(s):  # folding changed the length: positions would not line up
            return s
        out, last = [], 0
        for m in rx.finditer(f):
            if not always and s[m.start():m.end()].lower() != m.group(0):
                continue  # written with diacritics of its own: not an OCR loss
            out += [s[last:m.start()], m.expand(write)]
            last = m.end()
        s = "".join(out) + s[last:]
    return s


MAX_DEADLINE = 80  # characters: a longer cell is a sentence, kept as text without building it


def parse_deadline(cell: str, grouped: bool = False) -> tuple[str | None, bool]:
    """A deadline cell → a `hạn:` value; (None, True) when empty; the flag is False for free text.

    The cell is typed when the compiler reads it as one of the language's deadline forms (a date,
    a month, a week of a month, a semester, a part of a month, a range, a recurrence …; a day or
    month without a year belongs to the school year) — checked by building it (validate.py), so
    the import never writes a deadline the compiler would reject. ``grouped``: the task is under
    a `tháng:` group (`trong tháng`, `cuối tháng` take the group's month). Anything else is kept
    word for word as quoted text. Words written without diacritics (OCR) are read like the original."""
    from .validate import deadline_ok

    s = " ".join(cell.replace("*", "").split()).strip().rstrip(".")
    if not s:
        return None, True
    candidate = _rewrite_deadline(s)
    if "\n" not in candidate and len(candidate) <= MAX_DEADLINE and deadline_ok(candidate, grouped):
        return candidate, True
    if '"' not in s:
        return f'"{s}"', False
    return f"“{s.replace('“', '').replace('”', '')}”", False


# ==== the recogniser ==============================================================================

class Recognizer:
    def __init__(self, blocks: list[Block], origin: str = "") -> None:
        blocks, self.split = _split_long(_plain_characters(list(blocks)))
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
        first.notes.append(_n("I201", count=len(after), closing=closing.text[:40]))
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
                    self.h.note("number", "I101", doc_type=m.group("type"))
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
            self.h.note("title", "I102")
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
                                             notes=[_n("I202")]))
                self.i += 1
                continue
            t = b.plain.strip()
            if _RECIPIENTS.match(t) or _APPENDIX.match(t):
                return
            if self._signer_start(t):
                return
            self.i += 1
            if is_noise(t):
                body.append(BodyLine("comment", phrase("noise", b.text),
                                     notes=[_n("I401", text=t)]))
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
                notes.append(_n("I401", text=tail))
            after_heading = bool(body) and body[-1].kind == "heading"  # the section's own text
            kind = "bullet" if _BULLET.match(core) else "paragraph" if after_heading else "closing"
            if kind == "bullet":
                core = _BULLET.match(core).group("t")
            body.append(BodyLine(kind, core))
            if tail:
                body.append(BodyLine("comment", phrase("noise", tail), notes=notes))
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
        if f.startswith(_SECTIONS["purposes"]) or f == _SECTIONS["requirements"]:
            nxt = self._next_text()
            if nxt and _OBJECTIVES_NEXT.match(nxt):
                self.objectives = True
                self.level = 1
                if f not in _SECTIONS["objectives"]:
                    body.append(BodyLine("comment", phrase("original_heading", title),
                                         notes=[_n("I301", text=title)]))
                return
        if f.startswith(_SECTIONS["implementation"]):
            self.level = 1
            custom = _sentence(title)
            body.append(BodyLine("block", "" if custom == _default_title("implementation") else custom,
                                 keyword="implementation"))
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
        role = next((r for r in ("purposes", "requirements") if f.startswith(_SECTIONS[r])), None)
        if self.objectives and level == 2 and role:
            default = _default_title(role)
            body.append(BodyLine("block", "" if title.rstrip(": ") == default else title, keyword=role))
            self.level = 2
            return
        if level == 2 and self.objectives:
            self.objectives = False
        long_text = len(title) > 220 or re.search(r"[.;]\**$", title.strip())
        if long_text and level == self.level + 1 and self.level >= 1:
            body.append(BodyLine("numbered", title))
            return
        if level > self.level + 1:
            body.append(BodyLine("comment", phrase("original_number", number),
                                 notes=[_n("I302", number=number, level=self.level + 1)]))
            level = self.level + 1
        if self.level == 0 and level >= 2:
            level = 1
        self.level = level
        body.append(BodyLine("heading", title, level=level))
        self.seen_heading = True

    def _citations(self, b: Para) -> bool:
        text = b.text.strip()
        m = _CITATION_START.match(text)
        end = m.end() + len(text[m.end():]) - len(text[m.end():].lstrip()) if m else 0
        if not m or end == m.end() or not CITATION_HEAD.match(text, end):
            return False
        parts = _split_citations(text[end:])
        lines = [BodyLine("block", keyword=_CITATION_BLOCKS[" ".join(fold(m.group(1)).split())])]
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
            if (not self.h.signer and _SIGNER_NAME.fullmatch(t)
                    and not t.isupper()):
                self.h.signer = t
                continue
            if _SIGNATURE_NOTE.fullmatch(t):
                self.doc.trailer.append(BodyLine("comment", t))
                continue
            noise = is_noise(t)
            self.doc.trailer.append(BodyLine("comment", phrase("noise" if noise else "unplaced", b.text),
                                             notes=[_n("I401", text=t) if noise else _n("I203", text=t[:60])]))

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
                        self.doc.trailer.append(BodyLine("comment", phrase("noise", b.text),
                                                         notes=[_n("I401", text=t)]))
                        continue
                    app = AppendixPart(title="", head_notes=[_n("I303")])
                    self.doc.appendices.append(app)
                if _CAPTION.match(t):
                    self.caption = t
                    app.before.append(BodyLine("comment", phrase("original_caption", t),
                                               notes=[_n("I304", text=t)]))
                    continue
                if is_noise(t):
                    (app.notes if app.tasks or app.groups else app.before).append(
                        BodyLine("comment", phrase("noise", b.text),
                                 notes=[_n("I401", text=t)]))
                    continue
                if m := _MONTH_ROW.match(t):
                    app.by_month = True
                    if not app.columns:
                        app.columns = [("no", None), ("content", None)]
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
                app = AppendixPart(title="", head_notes=[_n("I303")])
                self.doc.appendices.append(app)
            pending_title = []
            app.landscape = app.landscape or b.landscape
            rows = [r for r in b.rows if any(c.strip() for c in r)]
            if not rows:
                continue
            header_kinds = _column_kinds(rows[0])
            if header_kinds is not None:
                if columns and [k for k, _ in header_kinds] == columns:
                    app.notes.append(BodyLine("comment", phrase("repeated_header", rows[0]),
                                              notes=[_n("I305")]))
                elif not columns:
                    columns = [k for k, _ in header_kinds]
                    app.columns = header_kinds
                rows = rows[1:]
            if not columns:
                n = max(len(r) for r in rows)
                columns = (["no", "content", "units", "deadline", "note"] + ["note"] * n)[:n]
                app.columns = [(k, None) for k in columns]
                app.head_notes.append(_n("I306"))
            if _is_timeline(rows, columns):
                group = self._timeline(app, rows, columns, group)
                continue
            for row in rows:
                if "month" in columns and self._month_row(app, row, columns):
                    group = app.groups[-1][1]
                    continue
                again = _column_kinds(row)
                if again is not None and [k for k, _ in again] == columns:
                    app.notes.append(BodyLine("comment", phrase("repeated_header", row),
                                              notes=[_n("I305")]))
                    continue
                distinct = {c.strip() for c in row if c.strip()}
                if len(distinct) == 1 and (m := _MONTH_ROW.match(next(iter(distinct)))):
                    app.by_month = True
                    group = []
                    app.groups.append((f"{int(m.group('m')):02d}/{m.group('y')}", group))
                    continue
                task = self._task(row, columns, grouped=group is not None)
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
                a.head_notes.append(_n("I119"))
            elif a.title.isupper():
                low = a.title.lower()
                a.title = low[:1].upper() + low[1:]

    def _timeline(self, app: AppendixPart, rows: list[list[str]], columns: list[str],
                  group: list[TaskPart] | None) -> list[TaskPart] | None:
        """A month timeline as published: one row per month, its cell listing the month's tasks
        ("- …" each, or one alone) → one `tháng:` group, one task per item, each with the row's
        units and notes (the month is the group's, a deadline cell that is a date stays the task's)."""
        ti, ci = _time_column(columns), columns.index("content")
        if not app.by_month:
            app.by_month = True
            # the time column becomes the month column, under the title it was printed with
            # ("Thời gian"); another deadline column's dates go with the items
            app.columns = [_month_column(c) if i == ti else c for i, c in enumerate(app.columns)
                           if i == ti or c[0] not in ("deadline", "month")]
            app.head_notes.append(_n("I307"))
        for row in rows:
            again = _column_kinds(row)
            if again is not None and [k for k, _ in again] == columns:  # repeated where the page broke
                app.notes.append(BodyLine("comment", phrase("repeated_header", row),
                                          notes=[_n("I305")]))
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
                one[ci], due = _own_deadline(item, grouped=group is not None)
                task = self._task(one, columns, grouped=group is not None)
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
        mi = columns.index("month")
        m = _MONTH_ROW.match(" ".join(cells[mi].split()))
        if not m or "content" not in columns:
            return False
        app.by_month = True
        group: list = []
        app.groups.append((f"{int(m.group('m')):02d}/{m.group('y')}", group))
        ci = columns.index("content")
        lines = [ln.strip() for ln in cells[ci].split("\n") if ln.strip()]
        if len(lines) > 1:
            lines = [re.sub(r"^[-–•]\s+", "", ln) for ln in lines]
        for item in lines:
            item, due = _own_deadline(item, grouped=True)
            sub = list(cells)  # (a unit cell may list one unit a line)
            sub[ci], sub[mi] = item, ""
            task = self._task(sub, columns, grouped=True)
            if task is not None:
                if due is not None:
                    task.due = due
                group.append(task)
        return True

    def _task(self, row: list[str], columns: list[str], grouped: bool = False) -> TaskPart | None:
        cells = list(row) + [""] * (len(columns) - len(row))
        task = TaskPart(content="")
        extra = [c for c in cells[len(columns):] if c.strip()]
        for kind, cell in zip(columns, cells):
            cell = cell.strip()
            if kind == "content":
                items = _items(cell)
                task.content = "; ".join(i.rstrip(";") for i in items)
                if len(items) > 1:
                    task.notes.append(_n("I308", count=len(items)))
            elif kind in ("lead", "units"):
                task.lead += _names(cell)
            elif kind == "partners":
                task.partners += _names(cell)
            elif kind == "responsible":
                task.responsible += _names(cell)
            elif kind == "deadline":
                due, typed = parse_deadline(cell, grouped)
                task.due = due
                if not typed:
                    task.notes.append(_n("I204", text=cell))
            elif kind == "note":
                task.note = (task.note + "; " + cell) if task.note and cell else (cell or task.note)
        if extra:
            task.note = "; ".join(([task.note] if task.note else []) + extra)
            task.notes.append(_n("I309"))
        if not task.content:
            rest = " | ".join(c for c in cells if c.strip())
            if not rest:
                return None
            task.content = rest
            task.lead = task.partners = task.responsible = []
            task.due = task.note = None
            task.notes.append(_n("I205"))
        return task

    # ---------------------------------------------------------------- derived header fields
    def _people(self) -> None:
        """Leads and partners that are people, declared as leaders (a leader may lead a task): a
        name also given in a "phụ trách" column, a person's name, or a name that opens with an
        honorific or a leader's title (data/import.toml [leaders])."""
        tasks = [t for a in self.doc.appendices for t in a.tasks + [t for _, ts in a.groups for t in ts]]
        responsible = {name_key(n) for t in tasks for n in t.responsible}
        for t in tasks:
            for n in t.lead + t.partners:
                if name_key(n) in responsible or is_leader_name(n):
                    self.doc.leaders.add(name_key(n))

    def _derive(self) -> None:
        self._people()
        h = self.h
        if self.no_diacritics:
            self.doc.notes.append(_n("I120", restored=self.restored))
        text = " ".join(self.texts)
        if h.year is None:
            years = _YEAR_IN_TEXT.findall((h.title or "") + " " + text)
            if years:
                in_title = _YEAR_IN_TEXT.findall(h.title or "")
                h.year = int(in_title[-1]) if in_title else int(Counter(years).most_common(1)[0][0])
                h.note("year", "I103")
            else:
                h.year = _dt.date.today().year
                h.note("year", "I104")
        m = _SCHOOL_YEAR.search(h.title or "")
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
                a.head_notes.append(_n("I118"))
        if not h.title:
            h.title = phrase("placeholder_title", h.year)
            h.note("title", "I105")
        if not h.abbreviation:
            h.abbreviation = placeholder("abbreviation")
            h.note("abbreviation", "I106", abbreviation=h.abbreviation)
        if not h.issuer:
            guess = _KNOWN_ISSUERS.get(fold(h.abbreviation).replace(" ", ""))
            h.issuer = guess or h.abbreviation
            h.note("issuer", "I107", issuer=h.issuer, abbreviation=h.abbreviation)
        if h.place and not h.parent and _DISTRICT_OFFICE.match(h.issuer):
            for m in _DISTRICT.finditer(text):
                name = " ".join(m.group("name").split()[: len(h.place.split())])
                if fold(name) == fold(h.place):
                    h.parent = phrase("district_parent", m.group("level"), name)
                    h.note("parent", "I108", parent=h.parent)
                    if fold(name) != fold(h.place) or name != h.place:
                        h.note("place", "I109", place=h.place, written=name)
                    break
        if h.issuer and not h.issuer_name and self.caption:
            # "(Kèm theo Kế hoạch số … của Phòng GD&ĐT quận Long Biên)": how the plan names its issuer
            m = _CAPTION_ISSUER.search(self.caption.strip().rstrip("*").strip())
            if m and m.group("n").strip() != h.issuer and not is_person_name(m.group("n")):
                h.issuer_name = m.group("n").strip()
                h.note("issuer_name", "I110", name=h.issuer_name)
        if h.issuer and not h.issuer_name:
            sentence = _sentence(h.issuer)
            m = re.search(re.escape(sentence) + _P["issuer_in_text_place"].replace("PLACE", re.escape(h.place or "#")), text)
            if m and m.group(0) != sentence:
                h.issuer_name = m.group(0)
        if not h.place:
            h.place = placeholder("place")
            h.note("place", "I111")
        if not h.number:
            h.note("number", "I112")
        if not h.date:
            h.note("date", "I113")
        if not h.signer:  # a plan must be signed to build: a placeholder the report lists
            h.signer = placeholder("signer")
            h.note("signer", "I114", placeholder=h.signer)
        if not h.position:
            issuer = (h.issuer or "").upper()
            heads = vocab()["head_titles"]
            h.position = heads[max((k for k in heads if issuer.startswith(k)), key=len)]
            h.note("position", "I115", position=h.position)
        if not self.doc.recipients:
            self.doc.recipients.append(placeholder("archive"))
            self.doc.recipient_notes.append(_n("I116", placeholder=self.doc.recipients[-1]))
        if self.caption:
            c = self.caption
            mismatch = []
            if h.number and not re.search(rf"\b0*{int(h.number)}\s*/", c):
                mismatch.append(_field("KW_NUMBER"))
            if h.date and not re.search(_P["caption_date"].replace("DAY", str(h.date[0])).replace("MONTH", str(h.date[1])), c):
                mismatch.append(_field("KW_DATE"))
            if mismatch:
                for a in self.doc.appendices:
                    a.head_notes.append(_n("I117", fields=", ".join(vi for vi, _ in mismatch),
                                           fields_en=", ".join(en for _, en in mismatch)))
                    break


def is_leader_name(name: str) -> bool:
    """"Đ/c Phó Chủ tịch UBND phường", "Hiệu trưởng", "Lê Thị Mai": a person, not a body."""
    f = fold(name_key(name))
    conf = vocab()
    if any(f.startswith(h + " ") for h in conf["ids"]["honorifics"]) or is_person_name(name_key(name)):
        return True
    return any(f == t or f.startswith(t + " ") for t in conf["leaders"]["titles"])


def _field(terminal: str) -> tuple[str, str]:
    """A header field as the report names it: its keyword in each language (vocabulary.toml)."""
    k = vocabulary.keyword(terminal)
    return k.vi[0], k.en[0]


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
    m = _DEPUTY.match(t)
    if m and t != s or (m and s.isupper()):
        rest = m.group("rest")
        return m.group("deputy").capitalize() + " " + rest[:1].upper() + rest[1:]
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
                and not _ABBREVIATION_END.search(buf):
            out.append(buf.strip())
            buf = ""
        else:
            buf += ch
        i += 1
    if buf.strip():
        out.append(buf.strip())
    return [p for p in out if p]


_MONTH_CELL = re.compile(_P["month_cell"])


def _month_cell(cell: str) -> str | None:
    """"Tháng 9", "Tháng 9/2026", "9/2026", "Tháng 9 năm 2026" → "09/2026" (or "09/?" when the
    year is the school year's, resolved once the plan's year is known)."""
    m = _MONTH_CELL.match(fold(" ".join(cell.replace("*", "").split())))
    if not m or not 1 <= int(m.group(1)) <= 12:
        return None
    return f"{int(m.group(1)):02d}/{m.group(2) or '?'}"


def _month_column(column: tuple[str, str | None]) -> tuple[str, str | None]:
    """A timeline's time column as the `tháng` column, keeping the words of its header."""
    kind, title = column
    printed = title or COLUMN_DEFAULT_TITLES[kind]
    return "month", (None if printed == COLUMN_DEFAULT_TITLES["month"] else printed)


def _own_deadline(item: str, grouped: bool = False) -> tuple[str, str | None]:
    """An item of a month cell with its own deadline in brackets after it, as tdkt prints it
    ("Hội thi … (tuần 3 tháng 10/2026)") → (the item, the deadline); a bracket that is not a
    deadline stays in the item."""
    if dm := re.search(r"\s*\(([^()]*)\)$", item):
        parsed, typed = parse_deadline(dm.group(1), grouped)
        if typed and parsed is not None:
            return item[:dm.start()], parsed
    return item, None


def _is_timeline(rows: list[list[str]], columns: list[str]) -> bool:
    """The time column comes before the content and holds months: a published month timeline."""
    ti = _time_column(columns)
    if ti is None or "content" not in columns:
        return False
    if ti > columns.index("content"):
        return False
    cells = [r[ti] for r in rows if ti < len(r) and r[ti].strip() and _column_kinds(r) is None]
    if "month" in columns and cells and all(_MONTH_ROW.match(" ".join(c.split())) for c in cells):
        return False  # months with their years, as tdkt prints them: read row by row (_month_row)
    return bool(cells) and sum(_month_cell(c) is not None for c in cells) >= 0.6 * len(cells)


def _time_column(columns: list[str]) -> int | None:
    """The column that holds the month: a `tháng` column, else the time column."""
    for kind in ("month", "deadline"):
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
            kinds.append(("note", c or None))
            continue
        hits += 1
        default = COLUMN_DEFAULT_TITLES[k]
        title = None if c == default else c.replace("(", "[").replace(")", "]") or None
        kinds.append((k, title))
    if hits < 2 or not any(k == "content" for k, _ in kinds):
        return None
    seen: set[str] = set()
    out = []
    for k, t in kinds:
        if k in seen:
            k = "note" if "note" not in seen else k
        seen.add(k)
        out.append((k, t))
    return out
