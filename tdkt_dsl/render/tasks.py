"""Plans people can track: the tasks of a plan as a spreadsheet (`--to xlsx`), a calendar
(`--to ics`), and the plan itself as an entry of the shared list of upper-level documents
(`--to ref`), so lower levels' citations of it can be checked.

Each writer reads the model only. Output is the same bytes for the same plan: dates in the files
come from the plan (its issue date, or 1 January of its year), never from the clock.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass

from ..catalogue.ui import text
from ..diagnostics import Problem
from ..model.nodes import Plan, Task
from ..vocabulary import doc_type
from .phrases import phrase

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass
class TaskRow:
    appendix: str  # the appendix title
    group: str  # the month group ("Tháng 9/2026") or ""
    task: Task
    lead: str
    partners: str
    responsible: str
    movements: str
    deadline: str
    start: _dt.date | None
    end: _dt.date | None


def names(plan: Plan, refs) -> str:
    """The printed names of the ids (units, leaders, movements), `; `-joined; an unknown id as written."""
    reg = plan.registry
    out = []
    for r in refs:
        node = reg.units.get(r.id) or reg.leaders.get(r.id) or reg.movements.get(r.id)
        out.append(node.name.plain if node is not None else r.id)
    return "; ".join(out)


def task_rows(plan: Plan) -> list[tuple[str, list[TaskRow]]]:
    """Per appendix: its title and one row per task, in printed order."""
    out = []
    for a in plan.appendices:
        rows = []
        groups = [(phrase("month_row", g.month), g.tasks) for g in a.groups] if a.layout == "by_month" \
            else [("", a.tasks)]
        for label, tasks in groups:
            for t in tasks:
                rows.append(TaskRow(a.title.plain, label, t, names(plan, t.lead), names(plan, t.partners),
                                    names(plan, t.responsible), names(plan, t.movements),
                                    phrase("deadline", t.deadline), t.deadline.earliest(), t.deadline.latest()))
        out.append((a.title.plain, rows))
    return out


def _stamp(plan: Plan) -> _dt.datetime:
    d = plan.header.date.as_date() if plan.header.date else _dt.date(plan.header.year, 1, 1)
    return _dt.datetime(d.year, d.month, d.day)


def _stable_zip(data: bytes, stamp: _dt.datetime) -> bytes:
    """The same package with fixed member times and modification date (openpyxl stamps the clock)."""
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, _ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", lambda m: m.group(1) + when, body)
            out.writestr(fixed, body)
    return buf.getvalue()


# the spreadsheet's columns (their titles: catalogue/ui.py tasks.column.<name>) and widths
COLUMNS = ("no", "group", "task", "lead", "partners", "responsible", "deadline", "from", "to", "movements",
           "note", "line")
_WIDTHS = [6, 14, 60, 28, 28, 22, 22, 12, 12, 24, 24, 7]


def headers(lang: str = "vi") -> list[str]:
    return [text(f"tasks.column.{c}", lang) for c in COLUMNS]


def render_xlsx(plan: Plan, lang: str = "vi") -> bytes:
    """One sheet per appendix: one row per task, dates as real dates, filters and a frozen header."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    stamp = _stamp(plan)
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = "tdkt"
    wb.properties.title = plan.header.title.plain if plan.header.title else ""
    appendices = task_rows(plan) or [("", [])]
    used: set[str] = set()
    for i, (title, rows) in enumerate(appendices, 1):
        name = text("tasks.sheet", lang, number=i) if len(appendices) > 1 else text("tasks.sheet-one", lang)
        while name in used:
            name += "'"
        used.add(name)
        ws = wb.create_sheet(name[:31])
        ws.append(headers(lang))
        for c in ws[1]:
            c.font = Font(bold=True)
            c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        for r in rows:
            t = r.task
            ws.append([t.number, r.group, t.content.plain, r.lead, r.partners, r.responsible, r.deadline,
                       r.start, r.end, r.movements, t.note.plain if t.note else "",
                       t.span.line if t.span else None])
        for row in ws.iter_rows(min_row=2):
            for c in row:
                c.alignment = Alignment(wrap_text=True, vertical="top")
            row[7].number_format = row[8].number_format = "DD/MM/YYYY"
        for j, w in enumerate(_WIDTHS, 1):
            ws.column_dimensions[get_column_letter(j)].width = w
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(_WIDTHS))}{max(1, ws.max_row)}"
    buf = io.BytesIO()
    wb.save(buf)
    return _stable_zip(buf.getvalue(), stamp)


def _uid(plan: Plan, appendix_no: int, task: Task) -> str:
    """Stable across rebuilds and edits elsewhere in the plan: the issuer, the year, the appendix
    and the task's own words (a re-imported calendar updates its events, never duplicates them)."""
    key = "|".join([plan.header.abbreviation or "", str(plan.header.year), str(appendix_no),
                    re.sub(r"\s+", " ", task.content.plain.strip().lower())])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24] + "@tdkt"


def render_ics(plan: Plan, lang: str = "vi") -> bytes:
    """One all-day event per task with dates (its deadline's range); recurring and undated
    tasks are left out (the spreadsheet lists them)."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//tdkt//Ke hoach thi dua khen thuong//VI")
    cal.add("version", "2.0")
    h = plan.header
    number = phrase("number_line", h.number.number if h.number else None, h.symbol).strip()
    cal.add("x-wr-calname", f"{h.title.plain if h.title else ''} ({number})")
    stamp = _stamp(plan)
    for i, (title, rows) in enumerate(task_rows(plan), 1):
        for r in rows:
            if r.end is None:
                continue
            start = r.start or r.end
            ev = Event()
            ev.add("uid", _uid(plan, i, r.task))
            ev.add("dtstamp", stamp)
            ev.add("summary", r.task.content.plain)
            ev.add("dtstart", start)
            if r.end < _dt.date.max:
                ev.add("dtend", r.end + _dt.timedelta(days=1))
            else:  # 31/12/9999: the day after (the end, exclusive) has no date; the same days as a duration
                ev.add("duration", _dt.timedelta(days=(r.end - start).days + 1))
            lines = [f"{number} — {title}"]
            for column, value in (("lead", r.lead), ("partners", r.partners), ("responsible", r.responsible),
                                  ("deadline", r.deadline)):
                if value or column == "deadline":
                    lines.append(f"{text(f'tasks.column.{column}', lang)}: {value}")
            ev.add("description", "\n".join(lines))
            ev.add("categories", [h.abbreviation or "tdkt"])
            cal.add_component(ev)
    return cal.to_ical()


def render_reference(plan: Plan) -> bytes:
    """The `[[van-ban]]` entry of this plan for the shared list of upper-level documents."""
    h = plan.header
    if h.number is None or h.date is None:
        raise Problem("O907", plan.source_path)
    issuer = h.issuer_name.plain if h.issuer_name else (h.issuer.plain.title() if h.issuer else "")

    def q(s: str) -> str:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

    kind = doc_type(phrase("doc_type", h.doc_type))  # "KẾ HOẠCH" → the vocabulary's "Kế hoạch"
    lines = ["[[van-ban]]", f"loai = {q(kind)}", f"so = {q(h.number.full)}",
             f"ngay = {q(f'{h.date.day:02d}/{h.date.month:02d}/{h.date.year}')}",
             f"co-quan = {q(issuer)}", f"trich-yeu = {q(h.title.plain if h.title else '')}"]
    return ("\n".join(lines) + "\n").encode("utf-8")
