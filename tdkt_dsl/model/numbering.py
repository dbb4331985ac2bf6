"""The compiler numbers sections, numbered paragraphs, tasks and appendices; a source never does.

Levels follow the decree's structure for a plan: I., II. (mục); 1., 2. (khoản); 1.1., 2.1.;
a), b) (điểm, in the Vietnamese alphabet, which has no f, j, w, z).
"""

from __future__ import annotations

from .. import vocabulary
from .nodes import Appendix, Paragraph, Plan, Section

VI_LETTERS = vocabulary.point_letters()


def roman(n: int) -> str:
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
            (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def letter(n: int) -> str:
    """1 → a, 24 → y, 25 → aa (plans never get there, but numbering must not fail)."""
    k = len(VI_LETTERS)
    return VI_LETTERS[(n - 1) % k] * ((n - 1) // k + 1)


def label(level: int, index: int, parent: str) -> str:
    if level == 1:
        return roman(index)
    if level == 2:
        return str(index)
    if level == 3:
        return f"{parent}.{index}" if parent else str(index)
    return letter(index)


def _number_children(sec: Section) -> None:
    i = 0
    for child in sec.children:
        if isinstance(child, Section):
            i += 1
            child.number = label(child.level, i, sec.number)
            _number_children(child)
        elif isinstance(child, Paragraph) and child.kind == "numbered":
            i += 1
            child.number = label(sec.level + 1, i, sec.number)


def assign_numbers(plan: Plan) -> None:
    for i, sec in enumerate(plan.sections, 1):
        sec.number = label(1, i, "")
        _number_children(sec)
    many = len(plan.appendices) > 1
    for i, app in enumerate(plan.appendices, 1):
        app.number = roman(i) if many else ""
        _number_tasks(app)


def _number_tasks(app: Appendix) -> None:
    for i, task in enumerate(app.all_tasks(), 1):
        task.number = i
