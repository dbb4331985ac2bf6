"""The plan model: one validated pydantic tree; every node keeps its source span.

Renderers and checks read this tree only. Text is kept as ``Run``s so that a renderer knows bold
and italic, and a check knows which characters were written literally (and where) and which came
from a variable or a reference.
"""


import datetime as _dt
from typing import Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..diagnostics import Span, new_dict, new_list
from .deadlines import last_day


class Node(BaseModel):
    model_config = ConfigDict(extra="forbid")
    span: Span | None = None


# ---- inline text ------------------------------------------------------------------------

class Run(Node):
    """A stretch of text with one formatting. ``origin`` says where the text came from."""

    text: str
    bold: bool = False
    italic: bool = False
    origin: Literal["text", "var", "ref"] = "text"
    name: str | None = None  # the variable or referenced id


class Text(Node):
    runs: list[Run] = Field(default_factory=new_list)

    @property
    def plain(self) -> str:
        return "".join(r.text for r in self.runs)

    def __bool__(self) -> bool:  # empty text is falsy
        return bool(self.plain.strip())


# ---- dates and deadlines ------------------------------------------------------------------

class Date(Node):
    day: int
    month: int
    year: int

    @model_validator(mode="after")
    def _real_date(self) -> "Date":
        _dt.date(self.year, self.month, self.day)  # ValueError for 30/02
        return self

    def as_date(self) -> _dt.date:
        return _dt.date(self.year, self.month, self.day)


class YearMonth(Node):
    month: int
    year: int

    @model_validator(mode="after")
    def _real_month(self) -> "YearMonth":
        if not 1 <= self.month <= 12:
            raise ValueError("month")
        if not _dt.MINYEAR <= self.year <= _dt.MAXYEAR:  # its days are dates (`cuối tháng 02/0000`)
            raise ValueError("year")
        return self

    def key(self) -> tuple[int, int]:
        return (self.year, self.month)


DeadlineKind = Literal["month", "before", "on", "range", "month_range", "week", "semester", "recurring",
                      "none", "text"]
DeadlinePart = Literal["within", "early", "mid", "late"]  # trong / đầu / giữa / cuối


class Deadline(Node):
    """A task's deadline, as written, with the days it covers.

    Every form that names days has a range: ``earliest()`` … ``latest()``. The school-year forms
    (a week of a month, a semester, the early/middle/late part of a month) keep what was written
    (``week``, ``semester``, ``part``) and the days it means (``date`` … ``end``), computed when the
    model is built from tdkt_dsl/data/school-calendar.toml, so checks never need the calendar.
    """

    kind: DeadlineKind
    date: Date | None = None  # before / on / range start; week, semester, month part: first day
    end: Date | None = None  # range end; week, semester, month part: last day
    month: YearMonth | None = None  # month / week / month_range end
    start_month: YearMonth | None = None  # month_range start
    part: DeadlinePart | None = None  # month, semester: "cuối tháng 12", "đầu học kỳ I"
    week: int | None = None  # kind == "week": 1–5
    semester: int | None = None  # kind == "semester": 1 or 2
    school_year: tuple[int, int] | None = None  # kind == "semester": the school year it belongs to
    recurrence: Literal["daily", "weekly", "monthly", "quarterly", "yearly", "ongoing"] | None = None
    text: str | None = None  # kind == "text": printed as written

    def latest(self) -> _dt.date | None:
        """The last day the task may be done, when the deadline fixes one."""
        if self.kind in ("before", "on") and self.date:
            return self.date.as_date()
        if self.kind in ("range", "week", "semester") and self.end:
            return self.end.as_date()
        if self.kind == "month" and self.end:  # a part of the month
            return self.end.as_date()
        if self.kind in ("month", "month_range") and self.month:
            y, m = self.month.year, self.month.month
            return _dt.date(y, m, last_day(y, m))
        return None

    def earliest(self) -> _dt.date | None:
        if self.kind in ("before", "on", "range", "week", "semester") and self.date:
            return self.date.as_date()
        if self.kind == "month" and self.date:  # a part of the month
            return self.date.as_date()
        if self.kind == "month" and self.month:
            return _dt.date(self.month.year, self.month.month, 1)
        if self.kind == "month_range" and self.start_month:
            return _dt.date(self.start_month.year, self.start_month.month, 1)
        return None

    def month_key(self) -> tuple[int, int] | None:
        d = self.latest()
        return (d.year, d.month) if d else None


# ---- registry -----------------------------------------------------------------------------

class Unit(Node):
    id: str
    name: Text


class Leader(Node):
    id: str
    name: Text


class Movement(Node):
    id: str
    kind: Literal["movement", "campaign"] = "movement"
    name: Text


class Ref(Node):
    """A use of a registry id (in a task attribute)."""

    id: str


class Registry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    units: dict[str, Unit] = Field(default_factory=new_dict)
    leaders: dict[str, Leader] = Field(default_factory=new_dict)
    movements: dict[str, Movement] = Field(default_factory=new_dict)


# ---- header -------------------------------------------------------------------------------

class DocNumber(Node):
    number: str  # "05"; as written, zero-padded to two digits
    symbol: str  # "KH-PGDĐT"

    @property
    def full(self) -> str:
        return f"{self.number}/{self.symbol}"


class Header(Node):
    parent: Text | None = None  # cơ quan chủ quản
    issuer: Text | None = None  # cơ quan ban hành
    issuer_name: Text | None = None  # how the issuer is named in running text and captions
    abbreviation: str | None = None  # PGDĐT
    doc_type: str = "KH"
    place: Text | None = None
    number: DocNumber | None = None  # None: left blank for the clerk
    number_raw: str | None = None
    date: Date | None = None  # None: left blank
    year: int
    school_year: tuple[int, int]
    title: Text

    @property
    def symbol(self) -> str:
        return f"{self.doc_type}-{self.abbreviation or ''}"


class AuthorityLine(Node):
    """One line of signing authority: ``KT.`` + ``Chủ tịch`` (printed upper case)."""

    prefix: str  # TM, KT, TL, TUQ, Q (without the dot)
    body: str  # the body or title after the prefix, as written


class Signer(Node):
    name: Text | None = None
    position: Text | None = None  # PHÓ TRƯỞNG PHÒNG
    authority: Text | None = None  # KT. TRƯỞNG PHÒNG (as written; may hold two lines)
    authority_lines: list[AuthorityLine] = Field(default_factory=new_list)  # parsed from `authority`


# ---- citations and prose ------------------------------------------------------------------

class Citation(Node):
    doc_type: str  # Kế hoạch, Quyết định, Công văn …
    number: str  # 322/KH-UBND
    date: Date | None = None
    issuer: Text | None = None
    summary: Text | None = None


class CitationList(Node):
    """`căn cứ:` / `thực hiện:` — rendered as one preamble paragraph."""

    kind: Literal["based_on", "implementing"] = "based_on"
    items: list[Union[Citation, Text]] = Field(default_factory=new_list)


ParagraphKind = Literal["paragraph", "bullet", "subbullet", "numbered"]


class Paragraph(Node):
    kind: ParagraphKind = "paragraph"
    text: Text
    number: str | None = None  # kind == "numbered": assigned by the compiler ("4.1", "a")


SectionRole = Literal["content", "objectives", "purposes", "requirements", "implementation"]


class Section(Node):
    role: SectionRole = "content"
    level: int  # 1 = I., 2 = 1., 3 = 1.1., 4 = a)
    number: str = ""  # assigned by the compiler: "II", "1", "2.1", "a"
    title: Text | None = None  # None: the template's title for the role (Mục đích, yêu cầu …)
    implicit: bool = False  # opened by `mục đích:` without a written heading
    children: list[Union[Paragraph, "Section"]] = Field(default_factory=new_list)


# ---- appendix -----------------------------------------------------------------------------

ColumnKind = Literal["no", "month", "content", "lead", "partners", "units", "deadline", "responsible", "note"]


class Column(Node):
    kind: ColumnKind
    title: str | None = None  # None: the template's default title


class Task(Node):
    content: Text
    lead: list[Ref] = Field(default_factory=new_list)
    partners: list[Ref] = Field(default_factory=new_list)
    responsible: list[Ref] = Field(default_factory=new_list)
    movements: list[Ref] = Field(default_factory=new_list)
    deadline: Deadline = Field(default_factory=lambda: Deadline(kind="none"))
    note: Text | None = None
    number: int = 0  # TT, assigned by the compiler


class MonthGroup(Node):
    month: YearMonth
    tasks: list[Task] = Field(default_factory=new_list)


class Appendix(Node):
    number: str = ""  # "" when the plan has one appendix, else "I", "II" …
    title: Text
    layout: Literal["table", "by_month"] = "table"
    orientation: Literal["auto", "portrait", "landscape"] = "auto"
    columns: list[Column] = Field(default_factory=new_list)
    tasks: list[Task] = Field(default_factory=new_list)  # layout == table
    groups: list[MonthGroup] = Field(default_factory=new_list)  # layout == by_month
    notes: list[Paragraph] = Field(default_factory=new_list)

    def all_tasks(self) -> list[Task]:
        if self.layout == "by_month":
            return [t for g in self.groups for t in g.tasks]
        return list(self.tasks)

    @property
    def landscape(self) -> bool:
        if self.orientation == "auto":
            return len(self.columns) > 4
        return self.orientation == "landscape"


# ---- the plan -----------------------------------------------------------------------------

class Recipient(Node):
    text: Text
    archive: bool = False  # the last line, "Lưu: VT …"


class CommentNode(Node):
    text: str


class Plan(Node):
    source_path: str
    profile_path: str | None = None
    header: Header
    preamble: list[Union[Paragraph, CitationList]] = Field(default_factory=new_list)
    sections: list[Section] = Field(default_factory=new_list)
    closing: Paragraph | None = None
    recipients: list[Recipient] = Field(default_factory=new_list)
    signer: Signer = Field(default_factory=Signer)
    registry: Registry = Field(default_factory=Registry)
    appendices: list[Appendix] = Field(default_factory=new_list)
    comments: list[CommentNode] = Field(default_factory=new_list)
    variables: dict[str, str] = Field(default_factory=new_dict)
    # lines of the plan whose statement the parser rejected (reported as S1xx): what they held
    # is missing from the model, and checks must not report its absence a second time
    unparsed_lines: list[int] = Field(default_factory=new_list)

    def all_tasks(self) -> list[Task]:
        return [t for a in self.appendices for t in a.all_tasks()]

    def walk_sections(self):
        stack = list(reversed(self.sections))
        while stack:
            s = stack.pop()
            yield s
            stack.extend(reversed([c for c in s.children if isinstance(c, Section)]))


Section.model_rebuild()
