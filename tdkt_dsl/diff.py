"""`tdkt diff OLD NEW`: what changed between two plans, in the plan's own terms.

Not a line diff: the header, citations, paragraphs (with the words that changed), tasks (matched
across the plans by their words and position, then compared field by field: lead, partners,
leader, deadline, movements, note) and the declared units, leaders and movements.

Across years the old plan is first rolled over to the new plan's year by `tdkt new`'s own rules
(tdkt_dsl.rollover), so a year, school year, can-chi, anniversary count or deadline that simply
moved with the year is not a change; the issue number and date of plans of different years are
expected to differ and are not reported. Between a plan and the plan derived from it (same year)
everything is compared as written.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import asdict, dataclass, field
from types import SimpleNamespace

from .catalogue.ui import text
from .compiler import Compilation, compile_source
from .model.nodes import CitationList, Paragraph, Plan, Section, Task, Text
from .render.phrases import phrase
from .render.tasks import names
from .source import Source
from .vocabulary import columns, field_label

TASK_MATCH = 0.55  # lowest word similarity for two tasks to be "the same task, changed"
PARA_MATCH = 0.5


@dataclass
class Change:
    kind: str  # header | citation | paragraph | task | unit | leader | movement | signer | recipient
    action: str  # added | removed | changed
    what: str = ""  # the field, or a short label of the item
    old: str | None = None
    new: str | None = None
    old_line: int | None = None
    new_line: int | None = None
    words: list[tuple[str, str]] = field(default_factory=list)  # ("=", "-", "+", text) runs


@dataclass
class PlanDiff:
    old_path: str
    new_path: str
    old_year: int
    new_year: int
    rolled: bool
    changes: list[Change]

    def to_dict(self) -> dict:
        return asdict(self)


def _line(node) -> int | None:
    return node.span.line if node is not None and getattr(node, "span", None) is not None else None


def _plain(t: Text | None) -> str:
    return re.sub(r"\s+", " ", t.plain).strip() if t else ""


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("=", " ".join(a[i1:i2])))
        else:
            if i2 > i1:
                out.append(("-", " ".join(a[i1:i2])))
            if j2 > j1:
                out.append(("+", " ".join(b[j1:j2])))
    return out


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(a=a.lower().split(), b=b.lower().split(), autojunk=False).ratio()


# ---- flattening a plan into comparable items -------------------------------------------------

def _paragraphs(plan: Plan) -> list[tuple[str, str, int | None]]:
    """(where, text, line) of every paragraph and heading, in order."""
    out: list[tuple[str, str, int | None]] = []
    for item in plan.preamble:
        if isinstance(item, Paragraph):
            out.append(("preamble", _plain(item.text), _line(item)))
        elif isinstance(item, CitationList):
            for c in item.items:
                if isinstance(c, Text):
                    out.append(("preamble", _plain(c), _line(c)))

    def walk(sec: Section, path: str) -> None:
        title = _plain(sec.title) if sec.title else sec.role
        here = f"{path} / {title}" if path else title
        out.append((here, "# " + title, _line(sec)))
        for child in sec.children:
            if isinstance(child, Section):
                walk(child, here)
            else:
                out.append((here, _plain(child.text), _line(child)))

    for s in plan.sections:
        walk(s, "")
    if plan.closing is not None:
        out.append(("closing", _plain(plan.closing.text), _line(plan.closing)))
    return out


def _citations(plan: Plan) -> dict[str, tuple[str, int | None]]:
    out = {}
    for item in plan.preamble:
        if isinstance(item, CitationList):
            for c in item.items:
                if not isinstance(c, Text):
                    cited = SimpleNamespace(doc_type=c.doc_type, number=c.number, date=c.date,
                                            issuer=_plain(c.issuer), summary=_plain(c.summary))
                    out[c.number] = (phrase("citation", cited), _line(c))
    return out


def _task_fields(plan: Plan, t: Task) -> dict[str, str]:
    """A task's fields, each named by its keyword (vocabulary table) as the plan writes it."""
    return {field_label("lead"): names(plan, t.lead), field_label("partners"): names(plan, t.partners),
            field_label("responsible"): names(plan, t.responsible),
            field_label("due"): phrase("deadline", t.deadline),
            field_label("movements"): names(plan, t.movements),
            field_label("note"): _plain(t.note)}


def _column_word(kind: str) -> str:
    """A table column's name (``content`` → ``nội dung``): the first word the vocabulary gives it."""
    return next(word for word, k in columns().items() if k == kind)


# ---- comparing ---------------------------------------------------------------------------------

def _compare_header(old: Plan, new: Plan, rolled: bool, out: list[Change]) -> None:
    ho, hn = old.header, new.header
    fields = [("parent", _plain(ho.parent), _plain(hn.parent), hn.parent),
              ("issuer", _plain(ho.issuer), _plain(hn.issuer), hn.issuer),
              ("place", _plain(ho.place), _plain(hn.place), hn.place),
              ("title", _plain(ho.title), _plain(hn.title), hn.title)]
    if not rolled:
        fields += [("number", ho.number.full if ho.number else "", hn.number.full if hn.number else "", hn.number),
                   ("date", _date(ho.date), _date(hn.date), hn.date),
                   ("year", str(ho.year), str(hn.year), None),
                   ("school_year", "%d-%d" % ho.school_year, "%d-%d" % hn.school_year, None)]
    for name, a, b, node in fields:
        if a != b:
            out.append(Change("header", "changed", field_label(name), a or None, b or None, None, _line(node),
                              word_diff(a, b) if a and b else []))
    so, sn = old.signer, new.signer
    for name, a, b in (("signer", _plain(so.name), _plain(sn.name)),
                       ("position", _plain(so.position), _plain(sn.position)),
                       ("authority", _plain(so.authority), _plain(sn.authority))):
        if a != b:
            out.append(Change("signer", "changed", field_label(name), a or None, b or None))


def _date(d) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if d else ""


def _compare_citations(old: Plan, new: Plan, out: list[Change]) -> None:
    a, b = _citations(old), _citations(new)
    for number, (cited, line) in a.items():
        if number not in b:
            out.append(Change("citation", "removed", number, cited, None, line))
    for number, (cited, line) in b.items():
        if number not in a:
            out.append(Change("citation", "added", number, None, cited, None, line))
        elif a[number][0] != cited:
            out.append(Change("citation", "changed", number, a[number][0], cited, a[number][1], line,
                              word_diff(a[number][0], cited)))


def _compare_paragraphs(old: Plan, new: Plan, out: list[Change]) -> None:
    a, b = _paragraphs(old), _paragraphs(new)
    sm = difflib.SequenceMatcher(a=[t for _, t, _ in a], b=[t for _, t, _ in b], autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        left, right = list(range(i1, i2)), list(range(j1, j2))
        # pair the most similar paragraphs of a replaced block as "changed"
        pairs = []
        for i in left:
            best = max(right, key=lambda j: _ratio(a[i][1], b[j][1]), default=None)
            if best is not None and _ratio(a[i][1], b[best][1]) >= PARA_MATCH:
                pairs.append((i, best))
                right.remove(best)
        paired_old = {i for i, _ in pairs}
        for i in left:
            if i not in paired_old:
                out.append(Change("paragraph", "removed", a[i][0], a[i][1], None, a[i][2]))
        for i, j in pairs:
            out.append(Change("paragraph", "changed", b[j][0], a[i][1], b[j][1], a[i][2], b[j][2],
                              word_diff(a[i][1], b[j][1])))
        for j in right:
            out.append(Change("paragraph", "added", b[j][0], None, b[j][1], None, b[j][2]))


def match_tasks(old: list[Task], new: list[Task]) -> list[tuple[int | None, int | None]]:
    """Pairs (old index, new index) of the same task; None for a task only one plan has.
    Similarity of the words first, position breaks ties."""
    scores = []
    for i, t in enumerate(old):
        for j, u in enumerate(new):
            r = _ratio(_plain(t.content), _plain(u.content))
            if r >= TASK_MATCH:
                closeness = 1 - abs(i / max(1, len(old)) - j / max(1, len(new)))
                scores.append((r + 0.05 * closeness, i, j))
    pairs, used_old, used_new = [], set(), set()
    for _, i, j in sorted(scores, reverse=True):
        if i not in used_old and j not in used_new:
            pairs.append((i, j))
            used_old.add(i)
            used_new.add(j)
    pairs += [(i, None) for i in range(len(old)) if i not in used_old]
    pairs += [(None, j) for j in range(len(new)) if j not in used_new]
    return sorted(pairs, key=lambda p: (p[1] if p[1] is not None else 1e9, p[0] if p[0] is not None else -1))


def _compare_tasks(old: Plan, new: Plan, out: list[Change]) -> None:
    a, b = old.all_tasks(), new.all_tasks()
    for i, j in match_tasks(a, b):
        if j is None:
            out.append(Change("task", "removed", _plain(a[i].content)[:60], _plain(a[i].content), None, _line(a[i])))
            continue
        if i is None:
            out.append(Change("task", "added", _plain(b[j].content)[:60], None, _plain(b[j].content), None,
                              _line(b[j])))
            continue
        t, u = a[i], b[j]
        label = _plain(u.content)[:60]
        if _plain(t.content) != _plain(u.content):
            out.append(Change("task", "changed", f"{label} · {_column_word('content')}", _plain(t.content), _plain(u.content),
                              _line(t), _line(u), word_diff(_plain(t.content), _plain(u.content))))
        fa, fb = _task_fields(old, t), _task_fields(new, u)
        for name in fa:
            if fa[name] != fb[name]:
                out.append(Change("task", "changed", f"{label} · {name}", fa[name] or None, fb[name] or None,
                                  _line(t), _line(u)))


def _compare_registry(old: Plan, new: Plan, out: list[Change]) -> None:
    for kind, attr in (("unit", "units"), ("leader", "leaders"), ("movement", "movements")):
        a, b = getattr(old.registry, attr), getattr(new.registry, attr)
        for ident in sorted(a.keys() - b.keys()):  # (a set's order changes with the hash seed)
            out.append(Change(kind, "removed", ident, a[ident].name.plain, None, _line(a[ident])))
        for ident in sorted(b.keys() - a.keys()):
            out.append(Change(kind, "added", ident, None, b[ident].name.plain, None, _line(b[ident])))
        for ident in sorted(a.keys() & b.keys()):
            if a[ident].name.plain != b[ident].name.plain:
                out.append(Change(kind, "changed", ident, a[ident].name.plain, b[ident].name.plain,
                                  _line(a[ident]), _line(b[ident])))
    ra = [_plain(r.text) for r in old.recipients]
    rb = [_plain(r.text) for r in new.recipients]
    for r in ra:
        if r not in rb:
            out.append(Change("recipient", "removed", r, r, None))
    for r in rb:
        if r not in ra:
            out.append(Change("recipient", "added", r, None, r))


def diff_compilations(old: Compilation, new: Compilation) -> PlanDiff:
    op, np_ = old.plan, new.plan
    assert op is not None and np_ is not None
    rolled = False
    base = op
    if op.header.year != np_.header.year:
        from .rollover import rollover

        src = old.sources.get(op.source_path)
        if src is not None:
            res = rollover(src, np_.header.year, op.source_path)
            if res.text is not None:
                comp = compile_source(Source.from_text(res.text, op.source_path))
                if comp.plan is not None:
                    base, rolled = comp.plan, True
    changes: list[Change] = []
    _compare_header(base, np_, op.header.year != np_.header.year, changes)
    _compare_citations(base, np_, changes)
    _compare_paragraphs(base, np_, changes)
    _compare_tasks(base, np_, changes)
    _compare_registry(base, np_, changes)
    return PlanDiff(op.source_path, np_.source_path, op.header.year, np_.header.year, rolled, changes)


# ---- rendering -------------------------------------------------------------------------------

# the kinds of change, in the order the report lists them (their titles: catalogue/ui.py diff.<kind>)
_KINDS = ("header", "signer", "citation", "paragraph", "task", "unit", "leader", "movement", "recipient")


def _words_md(words: list[tuple[str, str]]) -> str:
    return " ".join(t if op == "=" else (f"~~{t}~~" if op == "-" else f"**{t}**") for op, t in words)


def _words_text(words: list[tuple[str, str]]) -> str:
    return " ".join(t if op == "=" else (f"[-{t}-]" if op == "-" else f"{{+{t}+}}") for op, t in words)


def render_diff(d: PlanDiff, fmt: str = "text", lang: str = "vi") -> str:
    if fmt == "json":
        return json.dumps(d.to_dict(), ensure_ascii=False, indent=2) + "\n"
    md = fmt == "md"
    lines = []
    head = text("diff.comparing", lang, old=d.old_path, old_year=d.old_year, new=d.new_path, new_year=d.new_year)
    lines.append(("# " if md else "") + head)
    if d.rolled:
        lines.append(text("diff.rolled", lang))
    if not d.changes:
        lines.append(text("diff.no-changes", lang))
        return "\n".join(lines) + "\n"
    for kind in sorted({c.kind for c in d.changes}, key=_KINDS.index):
        group = [c for c in d.changes if c.kind == kind]
        title = text(f"diff.{kind}", lang)
        lines.append("")
        lines.append((f"## {title} ({len(group)})") if md else f"{title} ({len(group)}):")
        for c in group:
            line = c.new_line or c.old_line
            where = text("diff.line", lang, line=line) + ": " if line else ""
            act = text(f"diff.{c.action}", lang)
            if c.action == "changed" and c.words:
                body = _words_md(c.words) if md else _words_text(c.words)
            elif c.action == "changed":
                body = f"{c.old or '—'} → {c.new or '—'}"
            else:
                body = c.new if c.action == "added" else c.old
            label = f"{c.what}: " if c.what and kind not in ("paragraph",) and (
                c.action == "changed" or kind not in ("task", "recipient")) else ""
            lines.append(f"{'- ' if md else '  '}{where}[{act}] {label}{body}")
    return "\n".join(lines) + "\n"
