"""A small tdkt writer: recognised parts of a plan → canonical `.tdkt` source.

Text is escaped so that it prints as written: `\\{`, `\\@`, `\\//`, a `\\` before a first letter
that would otherwise read as a keyword or a line marker, and `\\*` when the asterisks are not
balanced emphasis. Every line this writer produces is checked against the grammar.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass, field

from .. import vocabulary
from ..diagnostics import Diagnostic, Span
from ..syntax import LarkError, parser
from .phrases import phrase

_UNPLACED = Span.point("", 0, 0)


def pending(code: str, **params) -> Diagnostic:
    """A report item (a catalogue code, tdkt_dsl/catalogue/importer.py) not yet on a line: the
    writer gives it the line of the `.tdkt` where its part is written."""
    return Diagnostic(code=code, span=_UNPLACED, params=params)


@dataclass
class BodyLine:
    kind: str  # paragraph | bullet | subbullet | numbered | heading | block | comment | closing | blank
    text: str = ""
    level: int = 0  # heading
    keyword: str = ""  # block: a key of BLOCK_KEYWORDS (based_on, purposes …)
    notes: list[Diagnostic] = field(default_factory=list)


@dataclass
class TaskPart:
    content: str
    lead: list[str] = field(default_factory=list)  # names, as printed
    partners: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    due: str | None = None  # tdkt deadline syntax
    note: str | None = None
    notes: list[Diagnostic] = field(default_factory=list)


@dataclass
class AppendixPart:
    title: str
    columns: list[tuple[str, str | None]] = field(default_factory=list)  # (kind: content, lead …; custom title)
    by_month: bool = False
    landscape: bool = False  # the source printed it on landscape pages: `khổ: ngang`
    tasks: list[TaskPart] = field(default_factory=list)
    groups: list[tuple[str, list[TaskPart]]] = field(default_factory=list)  # ("01/2024", tasks)
    before: list[BodyLine] = field(default_factory=list)  # comments (caption …)
    notes: list[BodyLine] = field(default_factory=list)  # prose after the table
    head_notes: list[Diagnostic] = field(default_factory=list)


@dataclass
class HeaderPart:
    parent: str | None = None
    issuer: str | None = None
    issuer_name: str | None = None
    abbreviation: str | None = None
    place: str | None = None
    number: str | None = None
    date: tuple[int, int, int] | None = None
    year: int | None = None
    school_year: tuple[int, int] | None = None
    title: str | None = None
    signer: str | None = None
    position: str | None = None
    authority: str | None = None
    notes: dict[str, list[Diagnostic]] = field(default_factory=dict)  # field → notes

    def note(self, field_name: str, code: str, **params) -> None:
        self.notes.setdefault(field_name, []).append(pending(code, **params))


@dataclass
class DocumentPart:
    header: HeaderPart
    body: list[BodyLine] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    recipient_notes: list[Diagnostic] = field(default_factory=list)
    appendices: list[AppendixPart] = field(default_factory=list)
    trailer: list[BodyLine] = field(default_factory=list)  # comments kept at the end
    notes: list[Diagnostic] = field(default_factory=list)  # about the whole document (reported on line 1)
    origin: str = ""
    leaders: set[str] = field(default_factory=set)  # names (name_key) of leads and partners that are people


def name_key(name: str) -> str:
    """A unit's or leader's name as one id stands for it (spacing and end punctuation ignored)."""
    return " ".join(name.split()).rstrip(";,.").strip()


# ==== escaping ==================================================================================

def _parses_as(line: str) -> str | None:
    try:
        tree = parser().parse(line)
    except LarkError:
        return None
    return tree.data if isinstance(tree.data, str) else tree.data.value


def escape_inline(s: str) -> str:
    """Escape characters that are markup in tdkt text (not the line start)."""
    s = s.replace("\\", "\\\\").replace("{", "\\{")
    s = re.sub(r"(?<![\w.])@", r"\\@", s)
    s = re.sub(r"(?:(?<=^)|(?<=[ \t]))//", r"\\//", s)
    return s


def _escape_stars(s: str) -> str:
    return re.sub(r"(?<!\\)\*", r"\\*", s)


def prose(s: str, prefix: str = "", expect: str = "paragraph") -> str:
    """``prefix`` + text, escaped so the line parses as ``expect`` and prints ``s``."""
    s = " ".join(s.split())
    body = escape_inline(s)
    for candidate in (body, _escape_stars(body)):
        variants = [candidate]
        if expect == "paragraph" and candidate and candidate[0] != "\\":
            variants.append("\\" + candidate)  # reads as a keyword or a marker: escape its first character
        for v in variants:
            if _parses_as(prefix + v) == expect:
                return prefix + v
    return prefix + _escape_stars(body)


def field_value(s: str) -> str:
    """A field's text value (after `keyword: `)."""
    return _escape_stars(escape_inline(" ".join(s.split()))) if not _balanced(s) else escape_inline(" ".join(s.split()))


def _balanced(s: str) -> bool:
    return _parses_as("x " + escape_inline(s)) == "paragraph"


# ==== ids ========================================================================================

def fold(s: str) -> str:
    """Lower case without diacritics, one character for one (positions line up with ``s``): the
    letters Unicode does not decompose (đ) from data/import.toml [fold]."""
    s = unicodedata.normalize("NFD", s.lower().translate(_fold_table()))
    return "".join(c for c in s if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    from .vocab import vocab

    return str.maketrans(vocab()["fold"])


def slug(name: str, words: int = 4) -> str:
    parts = [p for p in re.split(r"[^a-z0-9]+", fold(name)) if p]
    return "-".join(parts[:words]) or "x"


def readable_id(name: str, words: int = 4) -> str:
    """A short id a drafter would choose: "Phòng Giáo dục và Đào tạo" → `pgddt`, "Đ/c Trưởng
    phòng" → `tp`, "Phó Chủ tịch UBND Quận" → `pct-ubnd-quan`, "TT HĐTĐKT ngành" →
    `tt-hdtdkt-nganh`. Known names give their usual abbreviation (data/import.toml [ids]); an
    acronym stays as written; a run of two or more other words gives its initials."""
    from .vocab import vocab

    conf = vocab()["ids"]
    s = " ".join(name.split())
    f = fold(s).replace("&", "")
    for h in conf["honorifics"]:
        if f.startswith(h + " "):
            f, s = f[len(h) + 1:], s[len(h) + 1:]
            break
    acronyms = {fold(w).replace("&", "") for w in re.findall(r"[\w&]+", s)
                if sum(c.isupper() for c in w) >= 2}
    for phrase, abbr in sorted(conf["abbreviations"].items(), key=lambda kv: -len(kv[0])):
        f = re.sub(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])", f" {abbr} ", f)
        acronyms.add(abbr)
    groups: list[str] = []
    for chunk in re.split(r"[,;()/]+", f):  # punctuation ends a run of words
        run: list[str] = []
        for w in [w for w in re.split(r"[^a-z0-9]+", chunk) if w]:
            if w in conf["skip"]:
                continue
            if w in acronyms or w.isdigit():
                if run:
                    groups.append(run[0] if len(run) == 1 else "".join(x[0] for x in run))
                    run = []
                groups.append(w)
            else:
                run.append(w)
        if run:
            groups.append(run[0] if len(run) == 1 else "".join(x[0] for x in run))
    return "-".join(groups[:words]) or slug(name, words)


class Ids:
    def __init__(self) -> None:
        self.by_name: dict[str, str] = {}
        self.used: set[str] = set()
        self.order: list[tuple[str, str]] = []

    def get(self, name: str) -> str:
        key = name_key(name)
        if key in self.by_name:
            return self.by_name[key]
        base = readable_id(key)
        ident, n = base, 2
        while ident in self.used:
            ident, n = f"{base}-{n}", n + 1
        self.used.add(ident)
        self.by_name[key] = ident
        self.order.append((ident, key))
        return ident


# ==== the writer =================================================================================

@dataclass
class Emitted:
    text: str
    report: list[Diagnostic]  # each on its line of the .tdkt


class Writer:
    def __init__(self, file: str) -> None:
        self.file = file
        self.lines: list[str] = []
        self.report: list[Diagnostic] = []

    def add(self, line: str, notes: list[Diagnostic] | None = None) -> None:
        self.lines.append(line)
        for n in notes or []:
            self.report.append(n.model_copy(update={"span": Span.point(self.file, len(self.lines), 1)}))

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")


def _sentence_case(s: str) -> str:
    """ALL-CAPS headings → sentence case (the DOCX prints level-1 titles in capitals anyway)."""
    letters = [c for c in s if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        low = s.lower()
        return low[:1].upper() + low[1:]
    return s


def kw(terminal: str) -> str:
    """A statement keyword as the importer writes it: its shortest Vietnamese word in the one
    vocabulary (tdkt_dsl/data/vocabulary.toml): `KW_DUE` → `hạn`."""
    return min(vocabulary.keyword(terminal).vi, key=len)


def value_word(table: dict[str, str], value: str) -> str:
    """The first word of a vocabulary value table meaning ``value`` (its Vietnamese word):
    `orientations()`, "landscape" → `ngang`."""
    return next(w for w, v in table.items() if v == value)


_HEADER_FIELDS = (("parent", "KW_PARENT"), ("issuer", "KW_ISSUER"), ("issuer_name", "KW_ISSUER_NAME"),
                  ("abbreviation", "KW_ABBR"), ("place", "KW_PLACE"))
_SIGNATURE_FIELDS = (("signer", "KW_SIGNER"), ("position", "KW_POSITION"), ("authority", "KW_AUTHORITY"))
BLOCK_KEYWORDS = {"based_on": "KW_BASED_ON", "implementing": "KW_IMPLEMENTING", "purposes": "KW_PURPOSES",
                  "requirements": "KW_REQUIREMENTS", "implementation": "KW_IMPLEMENTATION"}


def emit(doc: DocumentPart, file: str = "") -> Emitted:
    """The `.tdkt` source of ``doc``; its report items on their lines of ``file``."""
    w = Writer(file)
    h = doc.header
    w.add(phrase("origin", doc.origin), doc.notes)

    def header_field(name: str, terminal: str, value: str | None) -> None:
        notes = h.notes.get(name, [])
        if value:
            w.add(f"{kw(terminal)}: {field_value(value)}", notes)
        elif notes:
            w.add(phrase("missing_field", kw(terminal), notes[0].message("vi")), notes)

    for name, terminal in _HEADER_FIELDS:
        header_field(name, terminal, getattr(h, name))
    w.add(f"{kw('KW_NUMBER')}: " + (h.number or ""), h.notes.get("number"))
    d = h.date
    w.add(f"{kw('KW_DATE')}: " + (f"{d[0]:02d}/{d[1]:02d}/{d[2]}" if d else ""), h.notes.get("date"))
    w.add(f"{kw('KW_YEAR')}: {h.year}", h.notes.get("year"))
    if h.school_year and h.school_year != (h.year - 1, h.year):
        w.add(f"{kw('KW_SCHOOL_YEAR')}: {h.school_year[0]}-{h.school_year[1]}")
    w.add(f"{kw('KW_TITLE')}: {field_value(h.title or '')}", h.notes.get("title"))
    for name, terminal in _SIGNATURE_FIELDS:
        header_field(name, terminal, getattr(h, name))

    units, leaders = Ids(), Ids()
    leaders.used = units.used  # one namespace: a unit and a leader never share an id
    for a in doc.appendices:  # ids first: declarations go near the top
        for t in a.tasks + [t for _, ts in a.groups for t in ts]:
            for n in t.lead + t.partners:  # a person may lead or take part: a leader
                (leaders if name_key(n) in doc.leaders else units).get(n)
            for n in t.responsible:
                leaders.get(n)
    if units.order or leaders.order:
        w.blank()
        w.add(phrase("ids_heading"))
        for ident, name in units.order:
            w.add(f"{kw('KW_UNIT')} {ident}: {field_value(name)}")
        for ident, name in leaders.order:
            w.add(f"{kw('KW_LEADER')} {ident}: {field_value(name)}")

    w.blank()
    for bl in doc.body:
        _body_line(w, bl)
    if doc.recipients:
        w.blank()
        w.add(f"{kw('KW_RECIPIENTS')}:", doc.recipient_notes)
        for r in doc.recipients:
            w.add(prose(r.strip().rstrip(";.").strip(), "- ", "bullet"))
    for a in doc.appendices:
        w.blank()
        for bl in a.before:
            _body_line(w, bl)
        w.add(f"{kw('KW_APPENDIX')}: {field_value(a.title)}", a.head_notes)
        if a.columns:
            words = vocabulary.columns()
            cols = [f"{value_word(words, kind)} ({title})" if title else value_word(words, kind)
                    for kind, title in a.columns]
            w.add(f"{kw('KW_COLUMNS')}: " + ", ".join(cols))
        if a.landscape:
            w.add(f"{kw('KW_ORIENTATION')}: {value_word(vocabulary.orientations(), 'landscape')}")
        if a.by_month:
            w.add(f"{kw('KW_LAYOUT')}: {value_word(vocabulary.layouts(), 'by_month')}")
            for month, tasks in a.groups:
                w.add(f"{kw('KW_MONTH')}: {month}")
                for t in tasks:
                    _task(w, t, units, leaders, doc.leaders)
        for t in a.tasks:
            _task(w, t, units, leaders, doc.leaders)
        for bl in a.notes:
            _body_line(w, bl)
    if doc.trailer:
        w.blank()
        for bl in doc.trailer:
            _body_line(w, bl)
    return Emitted("\n".join(w.lines).rstrip("\n") + "\n", w.report)


def _body_line(w: Writer, bl: BodyLine) -> None:
    k = bl.kind
    if k == "blank":
        w.blank()
    elif k == "comment":
        w.add("// " + " ".join(bl.text.split()), bl.notes)
    elif k == "heading":
        w.add(prose(_sentence_case(bl.text) if bl.level == 1 else bl.text, "#" * bl.level + " ", "heading"), bl.notes)
    elif k == "block":
        w.add(f"{kw(BLOCK_KEYWORDS[bl.keyword])}:" + (f" {field_value(bl.text)}" if bl.text else ""), bl.notes)
    elif k == "closing":
        w.add(f"{kw('KW_CLOSING')}: {field_value(bl.text)}", bl.notes)
    elif k == "bullet":
        w.add(prose(bl.text, "- ", "bullet"), bl.notes)
    elif k == "subbullet":
        w.add(prose(bl.text, "+ ", "subbullet"), bl.notes)
    elif k == "numbered":
        w.add(prose(bl.text, "#. ", "numbered"), bl.notes)
    else:
        w.add(prose(bl.text), bl.notes)


def _task(w: Writer, t: TaskPart, units: Ids, leaders: Ids, people: set[str]) -> None:
    w.add(f"{kw('KW_TASK')}: " + (field_value(t.content) if t.content.strip() else phrase("empty_task")), t.notes)
    for terminal, names in (("KW_LEAD", t.lead), ("KW_PARTNERS", t.partners)):
        if names:
            w.add(f"  {kw(terminal)}: " + ", ".join((leaders if name_key(n) in people else units).get(n)
                                                    for n in names))
    if t.due:
        w.add(f"  {kw('KW_DUE')}: " + t.due)
    if t.responsible:
        w.add(f"  {kw('KW_RESPONSIBLE')}: " + ", ".join(leaders.get(n) for n in t.responsible))
    if t.note:
        w.add(f"  {kw('KW_NOTE')}: " + field_value(t.note))
