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
from functools import lru_cache
from pathlib import Path

from .compiler import compile_path, compile_text
from .diagnostics import Problem
from .importer.emit import prose
from .model.nodes import Deadline, Plan, Section, Task
from .render.phrases import phrase
from .resources import package_dir

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


def moved_deadline(dl: Deadline, days: int) -> tuple[str, str]:
    """The deadline of the lower level as source text, and how it was moved (for the report)."""
    old = phrase("deadline", dl)
    if dl.kind in ("before", "on") and dl.date is not None:
        new = earlier(dl.date.as_date(), days)
        return f"{'trước ngày' if dl.kind == 'before' else 'ngày'} {_fmt(new)}", old
    if dl.kind == "range" and dl.date is not None and dl.end is not None:
        end = earlier(dl.end.as_date(), days)
        start = min(dl.date.as_date(), end)
        return f"từ {_fmt(start)} đến {_fmt(end)}", old
    if dl.kind == "month" and dl.month is not None:
        return f"tháng {dl.month.month:02d}/{dl.month.year}", old
    if dl.kind == "month_range" and dl.month is not None and dl.start_month is not None:
        return (f"từ tháng {dl.start_month.month} đến tháng {dl.month.month:02d}/{dl.month.year}"
                if dl.start_month.year == dl.month.year else f'"{old}"'), old
    if dl.kind == "recurring":
        return old.lower(), old
    if dl.kind == "none":
        return "", old
    return f'"{dl.text or old}"', old


@dataclass
class DerivedTask:
    task: Task
    group: str | None  # month group "09/2026" in a timeline
    deadline: str
    old_deadline: str


@dataclass
class Derivation:
    text: str
    carried: list[DerivedTask] = field(default_factory=list)
    left_out: list[Task] = field(default_factory=list)
    upper: Plan | None = None
    lead: str = ""


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


def _year_vars(s: str, plan: Plan) -> str:
    sy = "%d-%d" % plan.header.school_year
    return s.replace(sy, "{năm_học}").replace(str(plan.header.year), "{năm}")


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
    lower = compile_text(f"dùng: {rel_profile}\nnăm: {h.year}\ntrích yếu: x\n", str(output))
    if lower.plan is None or not lower.plan.registry.units:
        raise Problem("O909", str(profile), path=str(profile))
    lead = next(iter(lower.plan.registry.units))
    issuer = h.issuer_name.plain if h.issuer_name else (h.issuer.plain if h.issuer else "")

    lines = [f"// Kế hoạch cấp dưới xây dựng từ Kế hoạch số {h.number.full} của {issuer} "
             f"(tdkt new --for); rà soát báo cáo kèm theo.",
             f"dùng: {rel_profile}", "số:", "ngày:", f"năm: {h.year}", "năm học: %d-%d" % h.school_year,
             prose(_year_vars(h.title.plain, up), "trích yếu: ", "text_field").replace("\\{", "{"), ""]
    for m in up.registry.movements.values():
        keyword = "phong trào" if m.kind == "movement" else "cuộc vận động"
        lines.append(prose(m.name.plain, f"{keyword} {m.id}: ", "declaration"))
    if up.registry.movements:
        lines.append("")
    lines += ["thực hiện:",
              prose(f"Kế hoạch số {h.number.full} ngày {_fmt(h.date.as_date())} của {issuer} về "
                    f"{h.title.plain}", "- ", "bullet"),
              "- Căn cứ tình hình thực tế, {cơ_quan} xây dựng Kế hoạch công tác thi đua, khen thưởng "
              "năm học {năm_học} như sau:", ""]
    for role, paras in _purposes(up):
        lines.append("mục đích:" if role == "purposes" else "yêu cầu:")
        lines += [prose(p, "- ", "bullet") for p in paras if p.strip()]
    lines += ["", "# Nội dung thực hiện", "## Triển khai các nhiệm vụ của Kế hoạch cấp trên",
              "- Tổ chức thực hiện các nhiệm vụ được giao tại Phụ lục kèm theo Kế hoạch này.", "",
              "tổ chức thực hiện:", f"## @{lead}",
              "- Triển khai Kế hoạch; phân công, đôn đốc thực hiện các nhiệm vụ và báo cáo kết quả đúng thời hạn.", "",
              "kết thúc: Trên đây là Kế hoạch công tác thi đua, khen thưởng của {cơ_quan}; "
              "đề nghị các bộ phận nghiêm túc thực hiện.", ""]
    result = Derivation("", upper=up, lead=lead)
    for a in up.appendices:
        groups = [(f"{g.month.month:02d}/{g.month.year}", g.tasks) for g in a.groups] if a.layout == "by_month" \
            else [(None, a.tasks)]
        chosen = []
        for label, tasks in groups:
            for t in tasks:
                names = [up.registry.units[r.id].name.plain for r in t.lead + t.partners if r.id in up.registry.units]
                if any(addresses_lower_level(n) for n in names) or task_for_lower_level(t.content.plain):
                    new, old = moved_deadline(t.deadline, lead_days)
                    chosen.append(DerivedTask(t, label, new, old))
                else:
                    result.left_out.append(t)
        if not chosen:
            continue
        result.carried += chosen
        lines += [prose(_year_vars(a.title.plain, up), "phụ lục: ", "block").replace("\\{", "{"),
                  "kiểu: theo tháng" if a.layout == "by_month" else "kiểu: bảng",
                  "cột: tt, nội dung, chủ trì, thời hạn", ""]
        current = None
        for d in chosen:
            if d.group is not None and d.group != current:
                lines.append(f"tháng: {d.group}")
                current = d.group
            lines.append(prose(d.task.content.plain, "nhiệm vụ: ", "task"))
            lines.append(f"  chủ trì: {lead}")
            if d.deadline:
                lines.append(f"  hạn: {d.deadline}")
            movements = [r.id for r in d.task.movements if r.id in up.registry.movements]
            if movements:
                lines.append(f"  phong trào: {', '.join(movements)}")
        lines.append("")
    result.text = "\n".join(lines).rstrip() + "\n"
    return result


def render_report(d: Derivation, upper: str, out: str, lang: str = "vi") -> str:
    vi = lang != "en"
    lines = [f"# {'Kế hoạch cấp dưới' if vi else 'Derived plan'}: {out}", "",
             (f"Xây dựng từ `{upper}`: {len(d.carried)} nhiệm vụ giao cho cấp dưới được chuyển sang (chủ trì: "
              f"`{d.lead}`), {len(d.left_out)} nhiệm vụ khác không chuyển." if vi else
              f"Derived from `{upper}`: {len(d.carried)} tasks addressed to the level below carried over (lead: "
              f"`{d.lead}`), {len(d.left_out)} other tasks left out."), ""]
    lines.append(f"## {'Nhiệm vụ chuyển sang' if vi else 'Tasks carried over'} ({len(d.carried)})")
    lines.append("")
    for t in d.carried:
        moved = f" — {'hạn' if vi else 'due'}: {t.old_deadline} → {t.deadline}" if t.deadline and t.deadline != t.old_deadline.lower() else ""
        lines.append(f"- {t.task.content.plain}{moved}")
    lines += ["", f"## {'Nhiệm vụ không chuyển (không giao cho cấp dưới)' if vi else 'Tasks left out (not addressed to the level below)'} ({len(d.left_out)})", ""]
    lines += [f"- {t.content.plain}" for t in d.left_out]
    lines += ["", f"## {'Cần điền' if vi else 'To fill in'}", "",
              ("- `số:` và `ngày:` khi ban hành; mục đích, yêu cầu và nội dung riêng của đơn vị; người chủ trì "
               "từng nhiệm vụ nếu không phải đơn vị đầu tiên của hồ sơ." if vi else
               "- `số:` and `ngày:` at issue; the unit's own purposes, requirements and content; each task's lead "
               "where it is not the profile's first unit.")]
    return "\n".join(lines) + "\n"
