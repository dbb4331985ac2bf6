"""`tdkt new --from UPPER.tdkt --for PROFILE.tdkt`: the lower level's plan, derived from the
upper level's (a school's from its ward's, a ward's from the Sở's).

The upper plan is compiled; its header becomes the new plan's first citation (number, date,
issuer, title — a citation `tdkt check` verifies against the entry `tdkt build --to ref` emits);
its movements and campaigns are declared again; its purposes and requirements are carried over
as a starting point; every task addressed to the level below — a task whose lead or partners is
a unit named like "các trường", "các đơn vị", "các cơ sở giáo dục" … (tdkt_dsl/data/derive.toml,
extendable) — becomes a task of the new plan, led by the lower level's first declared unit, with
its deadline moved earlier by a lead time (working days, default 3) so the lower level reports
before the upper level must. The other tasks are left out and listed in the report. Number and
date are left blank for the clerk; the units, signer and recipients come from the profile.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass, field
from types import SimpleNamespace
from functools import lru_cache
from pathlib import Path

from .compiler import compile_path, compile_text
from .diagnostics import Diagnostic, Problem, Span
from .importer.emit import prose
from .model.nodes import Deadline, Plan, Section, Task
from .render.phrases import environment, phrase
from .resources import package_dir
from .vocabulary import keyword

DEFAULT_LEAD_DAYS = 3


@lru_cache(maxsize=1)
def _vocabulary() -> dict:
    try:
        import tomllib as toml
    except ModuleNotFoundError:  # Python 3.10
        import tomli as toml  # type: ignore[no-redef]
    return toml.loads((package_dir() / "data" / "derive.toml").read_text(encoding="utf-8"))


def addresses_lower_level(name: str) -> bool:
    """Is a unit with this name the level below (the schools, the wards, "các đơn vị" …)?"""
    low = " ".join(name.lower().split())
    return any(re.search(p, low) for p in _vocabulary()["lower-level"]["patterns"])


def task_for_lower_level(text: str) -> bool:
    low = " ".join(text.lower().split())
    return any(re.search(p, low) for p in _vocabulary()["lower-level-task"]["patterns"])


def earlier(d: _dt.date, working_days: int) -> _dt.date:
    """``working_days`` working days (Monday–Friday) before ``d``."""
    while working_days > 0:
        d -= _dt.timedelta(days=1)
        if d.weekday() < 5:
            working_days -= 1
    return d


def _fmt(d: _dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


@dataclass(frozen=True)
class LowerDeadline:
    """A deadline of the lower level, spelled as source text by templates/derive.j2 (``due``)."""

    kind: str  # before | on | range | month | month_range | recurring | text | none
    start: str = ""
    end: str = ""
    text: str = ""


@lru_cache(maxsize=1)
def _template():
    return environment().get_template("derive.j2").module


def moved_deadline(dl: Deadline, days: int) -> tuple[str, str, bool]:
    """The deadline of the lower level as source text, the upper level's as printed, and whether
    it was moved earlier (only a dated deadline is; a month or "hàng tháng" stays as it is)."""
    old = phrase("deadline", dl)
    moved = False
    if dl.kind in ("before", "on") and dl.date is not None:
        new = earlier(dl.date.as_date(), days)
        low, moved = LowerDeadline(dl.kind, end=_fmt(new)), new != dl.date.as_date()
    elif dl.kind == "range" and dl.date is not None and dl.end is not None:
        end = earlier(dl.end.as_date(), days)
        low, moved = LowerDeadline("range", _fmt(min(dl.date.as_date(), end)), _fmt(end)), end != dl.end.as_date()
    elif dl.kind == "month" and dl.month is not None:
        low = LowerDeadline("month", end=f"{dl.month.month:02d}/{dl.month.year}")
    elif dl.kind == "month_range" and dl.month is not None and dl.start_month is not None \
            and dl.start_month.year == dl.month.year:
        low = LowerDeadline("month_range", str(dl.start_month.month), f"{dl.month.month:02d}/{dl.month.year}")
    elif dl.kind == "recurring":
        low = LowerDeadline("recurring", text=old.lower())
    elif dl.kind == "none":
        low = LowerDeadline("none")
    else:
        low = LowerDeadline("text", text=old if dl.kind == "month_range" else (dl.text or old))
    return str(_template().due(low)), old, moved


@dataclass
class DerivedTask:
    task: Task
    group: str | None  # month group "09/2026" in a timeline
    deadline: str
    old_deadline: str
    moved: bool = False  # moved earlier by the lead time


@dataclass
class Derivation:
    text: str
    carried: list[DerivedTask] = field(default_factory=list)
    left_out: list[Task] = field(default_factory=list)
    upper: Plan | None = None
    lead: str = ""
    report: list[Diagnostic] = field(default_factory=list)  # what the report lists (N3xx)


def _purposes(plan: Plan) -> list[tuple[str, list[str]]]:
    out = []

    def walk(sec: Section) -> None:
        if sec.role in ("purposes", "requirements"):
            out.append((sec.role, [p.text.plain for p in sec.children if not isinstance(p, Section)]))
        for c in sec.children:
            if isinstance(c, Section):
                walk(c)

    for s in plan.sections:
        walk(s)
    return out


def _prose(text: str, prefix: str, kind: str, variables: bool = False) -> str:
    """A source line that prints ``text`` (importer.emit.prose); with ``variables``, the plan's
    variables written by `_year_vars` (`{năm}`) stay variables."""
    line = prose(text, prefix, kind)
    return line.replace("\\{", "{") if variables else line


def _year_vars(s: str, plan: Plan) -> str:
    sy = "%d-%d" % plan.header.school_year
    t = _template()
    return s.replace(sy, str(t.variable("school_year"))).replace(str(plan.header.year), str(t.variable("year")))


def derive(upper_path: Path, profile: Path, output: Path, lead_days: int = DEFAULT_LEAD_DAYS) -> Derivation:
    comp = compile_path(str(upper_path))
    if comp.plan is None or not comp.ok:
        raise Problem("O908", str(upper_path), path=str(upper_path))
    up = comp.plan
    h = up.header
    if h.number is None or h.date is None:
        raise Problem("O907", str(upper_path))
    rel_profile = os.path.relpath(profile.resolve(), output.resolve().parent).replace(os.sep, "/")
    # the profile as the new plan will use it: its units, signer and recipients
    lower = compile_text(str(_template().profile_probe(rel_profile, h.year)), str(output))
    if lower.plan is None or not lower.plan.registry.units:
        raise Problem("O909", str(profile), path=str(profile))
    lead = next(iter(lower.plan.registry.units))
    issuer = h.issuer_name.plain if h.issuer_name else (h.issuer.plain if h.issuer else "")

    result = Derivation("", upper=up, lead=lead)
    appendices = []
    for a in up.appendices:
        groups = [(f"{g.month.month:02d}/{g.month.year}", g.tasks) for g in a.groups] if a.layout == "by_month" \
            else [(None, a.tasks)]
        chosen = []
        for label, tasks in groups:
            for t in tasks:
                names = [up.registry.units[r.id].name.plain for r in t.lead + t.partners if r.id in up.registry.units]
                if any(addresses_lower_level(n) for n in names) or task_for_lower_level(t.content.plain):
                    new, old, moved = moved_deadline(t.deadline, lead_days)
                    chosen.append(DerivedTask(t, label, new, old, moved))
                else:
                    result.left_out.append(t)
        if not chosen:
            continue
        result.carried += chosen
        appendices.append(SimpleNamespace(
            title=_year_vars(a.title.plain, up), by_month=a.layout == "by_month",
            tasks=[SimpleNamespace(group=d.group, content=d.task.content.plain, deadline=d.deadline,
                                   movements=[r.id for r in d.task.movements if r.id in up.registry.movements])
                   for d in chosen]))
    plan = SimpleNamespace(
        number=h.number.full, issuer=issuer, profile=rel_profile, year=h.year,
        school_year="%d-%d" % h.school_year, title=_year_vars(h.title.plain, up),
        movements=[SimpleNamespace(kind=m.kind, id=m.id, name=m.name.plain) for m in up.registry.movements.values()],
        date=_fmt(h.date.as_date()), upper_title=h.title.plain,
        purposes=[(role, [p for p in paras if p.strip()]) for role, paras in _purposes(up)],
        lead=lead, appendices=appendices)
    result.text = str(_template().plan(plan, _prose)).rstrip() + "\n"

    result.report = _report(result, output)
    return result


def _report(d: Derivation, output: Path) -> list[Diagnostic]:
    """The report's lines: each carried task at its line of the new plan (how its deadline moved),
    each task left out at its line of the upper plan, and what the clerk must fill in."""
    new = compile_text(d.text, str(output))
    placed = new.plan.all_tasks() if new.plan is not None else []
    out = []
    for k, t in enumerate(d.carried):
        span = placed[k].span if k < len(placed) and placed[k].span else Span.at(str(output))
        out.append(Diagnostic(code="N301" if t.moved else "N302", span=span,
                              params=dict(task=t.task.content.plain, old=t.old_deadline, new=t.deadline)))
    for t in d.left_out:
        out.append(Diagnostic(code="N303", span=t.span or Span.at(d.upper.source_path if d.upper else ""),
                              params=dict(task=t.content.plain)))
    number, date = keyword("KW_NUMBER").vi[0], keyword("KW_DATE").vi[0]
    blank = re.search(rf"(?m)^{re.escape(number)}:[ \t]*$", d.text)
    line = d.text.count("\n", 0, blank.start()) + 1 if blank else 1
    out.append(Diagnostic(code="N304", span=Span.point(str(output), line), params=dict(number=number, date=date)))
    return out


def render_report(d: Derivation, upper: str, out: str, lang: str = "vi") -> str:
    """The report (Markdown) of a derived plan, rendered by the shared report renderer."""
    from .report import render_markdown_report

    return render_markdown_report(d.report, lang, report="derive", file=out, source=upper, output=out,
                                  carried=len(d.carried), left_out=len(d.left_out), lead=d.lead)
