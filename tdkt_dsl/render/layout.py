"""Plan model → document layout: the paragraphs and tables every writer prints, with their roles.

All wording comes from templates (phrases.j2); all numbering from the model. A writer (DOCX,
text, later HTML) only decides how each role looks. Dispatch is by node kind with a loud
fallback: a node without a handler is a bug, never silently skipped.
"""


import re
from dataclasses import dataclass, field
from typing import NamedTuple

from ..model.nodes import (Appendix, Citation, CitationList, MonthGroup, Paragraph, Plan, Recipient, Section,
                           Task, Text)
from .linebreak import FORCED, protect
from .phrases import phrase


class StyledRun(NamedTuple):
    """A formatted stretch of printed text."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class PrintedParagraph:
    role: str  # see ROLES
    spans: list[StyledRun]
    level: int = 0  # headings: 1..4

    @property
    def text(self) -> str:
        """The printed words; a forced line break reads as a space."""
        return "".join(s.text for s in self.spans).replace(FORCED, " ")


ROLES = {
    "parent", "issuer", "number", "quoc_hieu", "tieu_ngu", "date_line", "doc_type", "title",
    "preamble", "heading", "body", "bullet", "subbullet", "numbered", "closing",
    "recipients_label", "recipient", "signer_authority", "signer_position", "signer_name",
    "appendix_heading", "appendix_title", "appendix_caption", "appendix_note",
}


@dataclass
class PrintedCell:
    spans: list[StyledRun]
    align: str = "left"  # left | center
    more: list[list[StyledRun]] = field(default_factory=list)  # further paragraphs (a month's items)

    @property
    def paragraphs(self) -> list[list[StyledRun]]:
        return [self.spans] + self.more

    @property
    def text(self) -> str:
        return "\n".join("".join(s.text for s in p) for p in self.paragraphs)


class PrintedRow(NamedTuple):
    cells: list[PrintedCell]
    kind: str = "task"  # task | month (one merged cell across the table)


class PrintedTable(NamedTuple):
    columns: list[str]  # column kinds
    header: list[str]
    widths: list[float]  # relative weights, summing to 1
    rows: list[PrintedRow]


class AppendixLayout(NamedTuple):
    landscape: bool
    heading: PrintedParagraph
    title: PrintedParagraph
    caption: PrintedParagraph
    table: PrintedTable
    notes: list[PrintedParagraph]


class Layout(NamedTuple):
    parent: PrintedParagraph | None
    issuer: PrintedParagraph
    number: PrintedParagraph
    quoc_hieu: PrintedParagraph
    tieu_ngu: PrintedParagraph
    date_line: PrintedParagraph
    doc_type: PrintedParagraph
    title: PrintedParagraph
    body: list[PrintedParagraph]
    recipients: list[PrintedParagraph]
    signer: list[PrintedParagraph]
    appendices: list[AppendixLayout]


# -- text helpers ------------------------------------------------------------------------------

def spans(text: Text | None, *, bold: bool = False, italic: bool = False) -> list[StyledRun]:
    if text is None:
        return []
    return [StyledRun(r.text, r.bold or bold, r.italic or italic) for r in text.runs]


# `|` in an agency name or a title is a line break the drafter asks for ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO |
# QUẬN LONG BIÊN"); in the layout it is FORCED (a newline) in the span, printed as a line break
_DRAFTER_BREAK = re.compile(r"\s*\|\s*")


def protected(spans: list[StyledRun]) -> list[StyledRun]:
    """No-break spaces where a line must not break (inside a word, a place name, a date with its
    "ngày" …), computed on the joined text so a binding across two spans is kept too. For text the
    word processor or the browser wraps itself (table cells, recipients)."""
    safe, out, pos = protect("".join(s.text for s in spans)), [], 0
    for s in spans:
        out.append(StyledRun(safe[pos:pos + len(s.text)], s.bold, s.italic))
        pos += len(s.text)
    return out


def breakable(items: list[StyledRun]) -> list[StyledRun]:
    return [StyledRun(_DRAFTER_BREAK.sub(FORCED, s.text), s.bold, s.italic) for s in items]


def plain(s: str, *, bold: bool = False, italic: bool = False) -> list[StyledRun]:
    return [StyledRun(s, bold, italic)] if s else []


def _upper(text: Text | None) -> str:
    return (text.plain if text else "").upper()


# -- the layout ----------------------------------------------------------------------------------

def layout(plan: Plan) -> Layout:
    h = plan.header
    number = phrase("number_line", h.number.number if h.number else None, h.symbol)
    place = h.place.plain if h.place else ""
    body = _preamble(plan) + [p for s in plan.sections for p in _section(s)]
    _closing(plan, body)
    return Layout(
        parent=PrintedParagraph("parent", breakable(plain(_upper(h.parent)))) if h.parent else None,
        issuer=PrintedParagraph("issuer", breakable(plain(_upper(h.issuer), bold=True))),
        number=PrintedParagraph("number", plain(number)),
        quoc_hieu=PrintedParagraph("quoc_hieu", plain(phrase("quoc_hieu"), bold=True)),
        tieu_ngu=PrintedParagraph("tieu_ngu", plain(phrase("tieu_ngu"), bold=True)),
        date_line=PrintedParagraph("date_line", plain(phrase("date_line", place, h.date, h.year), italic=True)),
        doc_type=PrintedParagraph("doc_type", plain(phrase("doc_type", h.doc_type), bold=True)),
        title=PrintedParagraph("title", breakable(spans(h.title, bold=True))),
        body=body,
        recipients=_recipients(plan.recipients),
        signer=_signer(plan),
        appendices=[_appendix(plan, a) for a in plan.appendices],
    )


def _preamble(plan: Plan) -> list[PrintedParagraph]:
    out: list[PrintedParagraph] = []
    for item in plan.preamble:
        if isinstance(item, CitationList):
            out.append(PrintedParagraph("preamble", plain(_citation_sentence(item))))
        elif isinstance(item, Paragraph):
            out.append(_paragraph(item, role_for_plain="preamble"))
        else:
            raise TypeError(f"layout: no rule for preamble item {type(item).__name__}")
    return out


def _citation_sentence(cl: CitationList) -> str:
    """`Căn cứ A; B; C.` — prose items continue the sentence (`; tiếp tục …`) or, when they
    start with a capital, begin a new one (`. Phát huy …`)."""
    text = phrase("citation_verb", cl.kind) + " "
    for i, item in enumerate(cl.items):
        if isinstance(item, Citation):
            part = phrase("citation", _citation_view(item))
            sep = "; "
        elif isinstance(item, Text):
            part = item.plain
            sep = ". " if part[:1].isupper() else "; "
        else:
            raise TypeError(f"layout: no rule for citation item {type(item).__name__}")
        if i:
            text = text.rstrip().rstrip(";.,") + sep
        text += part
    if not text.rstrip().endswith((".", ":", ";", "!", "?")):
        text = text.rstrip() + "."
    return text


def _citation_view(c: Citation) -> dict:
    return {"doc_type": c.doc_type, "number": c.number, "date": c.date,
            "issuer": c.issuer.plain if c.issuer else "", "summary": c.summary.plain if c.summary else ""}


def _section(sec: Section) -> list[PrintedParagraph]:
    roles = [c.role for c in sec.children if isinstance(c, Section)]
    title = spans(sec.title) if sec.title else plain(phrase("section_title", sec.role, roles))
    if sec.level == 1:
        title = [StyledRun(s.text.upper(), s.bold, s.italic) for s in title]
    number = phrase("heading_number", sec.level, sec.number)
    out = [PrintedParagraph("heading", [StyledRun(number + " ")] + title, level=sec.level)]
    for child in sec.children:
        if isinstance(child, Section):
            out.extend(_section(child))
        elif isinstance(child, Paragraph):
            out.append(_paragraph(child))
        else:
            raise TypeError(f"layout: no rule for section child {type(child).__name__}")
    return out


def _paragraph(p: Paragraph, role_for_plain: str = "body") -> PrintedParagraph:
    content = spans(p.text)
    if p.kind == "bullet":
        return PrintedParagraph("bullet", [StyledRun("- ")] + content)
    if p.kind == "subbullet":
        return PrintedParagraph("subbullet", [StyledRun("+ ")] + content)
    if p.kind == "numbered":
        label = (p.number or "") + ("." if p.number and not p.number.isalpha() else ")")
        return PrintedParagraph("numbered", [StyledRun(label + " ")] + content)
    if p.kind == "paragraph":
        return PrintedParagraph(role_for_plain, content)
    raise TypeError(f"layout: no rule for paragraph kind {p.kind}")


def _closing(plan: Plan, body: list[PrintedParagraph]) -> None:
    """The text of a plan ends with `./.`: after the closing sentence, or the last paragraph."""
    mark = phrase("closing_mark")
    if plan.closing is not None:
        body.append(PrintedParagraph("closing", spans(plan.closing.text)))
    target = body[-1] if body else None
    if target is None or target.role == "heading":
        return
    if not target.spans:  # an empty paragraph (M212: the preview of a plan with errors) takes the mark alone
        target.spans.append(StyledRun(mark))
    elif not target.text.rstrip().endswith(mark):
        last = target.spans[-1]
        target.spans[-1] = StyledRun(last.text.rstrip().rstrip(".") + mark, last.bold, last.italic)


def _recipients(items: list[Recipient]) -> list[PrintedParagraph]:
    out = [PrintedParagraph("recipients_label", plain(phrase("recipients_label"), bold=True, italic=True))]
    regular = [r for r in items if not r.archive]
    archive = [r for r in items if r.archive]
    for r in regular:
        out.append(PrintedParagraph("recipient", [StyledRun("- ")] + spans(r.text) + [StyledRun(";")]))
    if archive:
        out.append(PrintedParagraph("recipient", [StyledRun("- ")] + spans(archive[-1].text) + [StyledRun(".")]))
    else:
        out.append(PrintedParagraph("recipient", [StyledRun("- " + phrase("archive_default"))]))
    return out


def _signer(plan: Plan) -> list[PrintedParagraph]:
    s = plan.signer
    out: list[PrintedParagraph] = []
    for a in s.authority_lines:  # "TM. ỦY BAN NHÂN DÂN" over "KT. CHỦ TỊCH"
        out.append(PrintedParagraph("signer_authority", plain(phrase("authority_line", a.prefix, a.body.upper()), bold=True)))
    if s.position:
        out.append(PrintedParagraph("signer_position", plain(_upper(s.position), bold=True)))
    if s.name:
        out.append(PrintedParagraph("signer_name", spans(s.name, bold=True)))
    return out


# -- appendices ----------------------------------------------------------------------------------

# relative column widths: the content column takes what the others leave
_WEIGHTS = {"no": 0.6, "month": 1.4, "content": 5.0, "lead": 2.0, "partners": 2.0, "units": 2.6, "deadline": 1.8,
            "responsible": 2.2, "note": 1.5}


def _appendix(plan: Plan, a: Appendix) -> AppendixLayout:
    h = plan.header
    cols = [c.kind for c in a.columns]
    total = sum(_WEIGHTS[k] for k in cols)
    table = PrintedTable(
        columns=cols,
        header=[c.title or phrase("column_title", c.kind) for c in a.columns],
        widths=[_WEIGHTS[k] / total for k in cols],
        rows=[],
    )
    if a.layout == "by_month":
        table.rows.extend(_month_row(plan, i, g, cols) for i, g in enumerate(a.groups, 1))
    else:
        table.rows.extend(_task_row(plan, t, cols) for t in a.tasks)
    caption = phrase("appendix_caption", h.number.number if h.number else None, h.symbol, h.date,
                     h.issuer_name.plain if h.issuer_name else "", h.year)
    return AppendixLayout(
        landscape=a.landscape,
        heading=PrintedParagraph("appendix_heading", plain(phrase("appendix_heading", a.number), bold=True)),
        title=PrintedParagraph("appendix_title", breakable(plain(a.title.plain.upper(), bold=True))),
        caption=PrintedParagraph("appendix_caption", plain(caption, italic=True)),
        table=table,
        notes=[_paragraph(n, role_for_plain="appendix_note") for n in a.notes],
    )


def _name_list(plan: Plan, refs) -> list[str]:
    """The names of units and leaders (a leader may lead a task), each once, in order."""
    reg = plan.registry
    out: list[str] = []
    for r in refs:
        item = reg.units.get(r.id) or reg.leaders.get(r.id)
        if item is not None and item.name.plain not in out:
            out.append(item.name.plain)
    return out


def _names(plan: Plan, refs) -> str:
    return "; ".join(_name_list(plan, refs))


def _cell_lines(items: list[list[StyledRun]], align: str = "left") -> PrintedCell:
    """One cell holding several lines, each its own paragraph."""
    items = [i for i in items if "".join(s.text for s in i).strip()]
    if not items:
        return PrintedCell([], align=align)
    return PrintedCell(items[0], align=align, more=items[1:])


def _month_row(plan: Plan, n: int, g: MonthGroup, cols: list[str]) -> PrintedRow:
    """A month of a timeline, as published timelines print it: one row, the month in its own
    column once, the month's items listed in the content cell ("- …" each, or the item alone)."""
    items = []
    for t in g.tasks:
        item = spans(t.content)
        dl = t.deadline
        own = dl.span is not None and dl.span != g.month.span and dl.kind != "none" and not (
            dl.kind == "month" and not dl.part and dl.month is not None and dl.month.key() == g.month.key())
        if own:  # a deadline narrower than the month is said after the item
            item = item + plain(" " + phrase("item_deadline", dl))
        items.append(([StyledRun("- ")] + item) if len(g.tasks) > 1 else item)
    cells = []
    for k in cols:
        if k == "no":
            cells.append(PrintedCell(plain(str(n)), align="center"))
        elif k == "month":
            cells.append(PrintedCell(plain(phrase("month_row", g.month), bold=True), align="center"))
        elif k == "content":
            cells.append(_cell_lines(items))
        elif k in ("lead", "partners", "units", "responsible"):
            attrs = {"lead": ("lead",), "partners": ("partners",), "units": ("lead", "partners"),
                     "responsible": ("responsible",)}[k]
            names = _name_list(plan, [r for t in g.tasks for a_ in attrs for r in getattr(t, a_)])
            cells.append(PrintedCell(plain("; ".join(names))))
        elif k == "note":
            cells.append(_cell_lines([spans(t.note) for t in g.tasks if t.note]))
        else:
            raise TypeError(f"layout: no rule for month-timeline column kind {k}")
    return PrintedRow(cells)


def _task_row(plan: Plan, t: Task, cols: list[str]) -> PrintedRow:
    cells = []
    for k in cols:
        if k == "no":
            cells.append(PrintedCell(plain(str(t.number)), align="center"))
        elif k == "content":
            cells.append(PrintedCell(spans(t.content)))
        elif k == "lead":
            cells.append(PrintedCell(plain(_names(plan, t.lead))))
        elif k == "partners":
            cells.append(PrintedCell(plain(_names(plan, t.partners))))
        elif k == "units":
            cells.append(PrintedCell(plain(_names(plan, t.lead + t.partners))))
        elif k == "deadline":
            cells.append(PrintedCell(plain(phrase("deadline", t.deadline)), align="center"))
        elif k == "responsible":
            cells.append(PrintedCell(plain(_names(plan, t.responsible))))
        elif k == "note":
            cells.append(PrintedCell(spans(t.note)))
        else:
            raise TypeError(f"layout: no rule for column kind {k}")
    return PrintedRow(cells)
