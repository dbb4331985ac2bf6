"""Editor services over one compilation: what the language server and the web editor show.

Both front ends are thin shells over this module, which is itself a reader of the compiler's
result (`Compilation`: the model with spans, the diagnostics, the sources). Positions here are
0-based (line, character) as the Language Server Protocol counts them; files are paths. Nothing
here re-parses the plan: ids, references, sections and deadlines come from the model.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from . import vocabulary
from .catalogue import ui
from .compiler import Compilation
from .config import _SUPPRESS as SUPPRESS  # the suppression comment's words
from .diagnostics import Diagnostic, Severity
from .formatter import format_lines
from .model.nodes import Citation, Movement, Plan, Ref, Run, Section, Task, Unit
from .model.text import VARIABLE_ALIASES
from .render.phrases import phrase
from .resources import data_table
from .source import Source

ID_PATTERN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?")


# ---- positions --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Position:
    line: int  # 0-based
    character: int  # 0-based


@dataclass(frozen=True)
class Range:
    start: Position
    end: Position

    def contains(self, pos: Position) -> bool:
        return (self.start.line, self.start.character) <= (pos.line, pos.character) <= (
            self.end.line, self.end.character)


@dataclass(frozen=True)
class Location:
    file: str
    range: Range


@dataclass(frozen=True)
class TextEdit:
    file: str
    range: Range
    new_text: str


def span_range(span) -> Range:
    return Range(Position(span.line - 1, span.column - 1), Position(span.end_line - 1, span.end_column - 1))


def offset_range(source: Source, start: int, end: int) -> Range:
    sl, sc = source.line_col(start)
    el, ec = source.line_col(end)
    return Range(Position(sl - 1, sc - 1), Position(el - 1, ec - 1))


# ---- the vocabulary an editor offers ---------------------------------------------------------

# the statement keywords, each with its Vietnamese and English words: tdkt_dsl/data/vocabulary.toml
keywords = vocabulary.keywords


def _enum_values() -> dict[str, tuple[str, ...]]:
    """Field words (vi and en) → the values a drafter may type there, from the vocabulary table."""
    values = {"layout": tuple(vocabulary.layouts()), "orientation": tuple(vocabulary.orientations()),
              "columns": tuple(vocabulary.columns()),
              "authority": tuple(p + " " for p in vocabulary.authority_prefixes())}
    return {w: values[k.name] for k in vocabulary.keywords() if k.name in values for w in k.words}


ENUM_VALUES = _enum_values()

# the snippets an editor offers: tdkt_dsl/data/editor.toml
_SNIPPETS = data_table("editor")
DEADLINE_SNIPPETS = tuple((body, label) for body, label in _SNIPPETS["deadlines"])
TASK_SNIPPET = _SNIPPETS["task"]
APPENDIX_SNIPPET = _SNIPPETS["appendix"]


def _words(*names: str) -> tuple[str, ...]:
    """Every spelling (vi and en) of the keywords of these fields, lower case."""
    return tuple(w.lower() for k in vocabulary.keywords() if k.name in names for w in k.words)


# task fields whose values are ids, and which kinds each accepts
_ID_KINDS = {"lead": ("unit", "leader"), "partners": ("unit", "leader"), "responsible": ("leader",),
             "movements": ("movement", "campaign")}
ID_FIELDS = {w: kinds for name, kinds in _ID_KINDS.items() for w in _words(name)}
COLUMN_WORDS = _words("columns")
DEADLINE_WORDS = _words("due")

# what a declared id is, in words: the declaring keyword (`đơn vị`, `unit` …)
KIND_WORDS = {k.name: (k.vi[0], k.en[0]) for k in vocabulary.keywords() if k.declares}


def _kind(kind: str, lang: str) -> str:
    vi, en = KIND_WORDS[kind]
    return en if lang == "en" else vi


# ---- the index of one compilation ------------------------------------------------------------

@dataclass(frozen=True)
class Definition:
    id: str
    kind: str  # unit | leader | movement | campaign
    name: str
    location: Location  # the id in its declaration line


@dataclass(frozen=True)
class Occurrence:
    id: str
    location: Location  # the id itself (without `@`)
    is_definition: bool = False


def _walk(node):
    if isinstance(node, BaseModel):
        yield node
        for name in type(node).model_fields:
            yield from _walk(getattr(node, name))
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from _walk(item)
    elif isinstance(node, dict):
        for item in node.values():
            yield from _walk(item)


@dataclass
class Index:
    """What an editor needs to know about one compiled plan, computed once per compilation."""

    compilation: Compilation
    definitions: dict[str, Definition] = field(default_factory=dict)
    occurrences: list[Occurrence] = field(default_factory=list)
    variables: list[tuple[Range, str, str]] = field(default_factory=list)  # range, name, value
    tasks: list[Task] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)

    @property
    def plan(self) -> Plan | None:
        return self.compilation.plan

    def source(self, file: str) -> Source | None:
        return self.compilation.sources.get(file)


def _id_location(source: Source | None, span, ident: str) -> Location:
    """The id token inside its declaration or reference span."""
    if source is not None:
        text = source.text[span.start:span.end]
        m = re.search(rf"(?<![A-Za-z0-9_-]){re.escape(ident)}(?![A-Za-z0-9_-])", text)
        if m:
            return Location(span.file, offset_range(source, span.start + m.start(), span.start + m.end()))
    return Location(span.file, span_range(span))


def build_index(comp: Compilation) -> Index:
    index = Index(comp)
    plan = comp.plan
    if plan is None:
        return index
    registry = plan.registry
    for table in (registry.units, registry.leaders, registry.movements):
        for ident, node in table.items():
            if node.span is None:
                continue
            kind = node.kind if isinstance(node, Movement) else ("unit" if isinstance(node, Unit) else "leader")
            loc = _id_location(comp.sources.get(node.span.file), node.span, ident)
            index.definitions[ident] = Definition(ident, kind, node.name.plain, loc)
            index.occurrences.append(Occurrence(ident, loc, True))
    for node in _walk(plan):
        if isinstance(node, Ref) and node.span is not None:
            index.occurrences.append(Occurrence(node.id, _id_location(comp.sources.get(node.span.file), node.span, node.id)))
        elif isinstance(node, Run) and node.span is not None and node.name:
            if node.origin == "ref":
                index.occurrences.append(
                    Occurrence(node.name, _id_location(comp.sources.get(node.span.file), node.span, node.name)))
            elif node.origin == "var":
                index.variables.append((span_range(node.span), node.name, node.text))
        elif isinstance(node, Task):
            index.tasks.append(node)
        elif isinstance(node, Citation):
            index.citations.append(node)
    return index


def occurrence_at(index: Index, file: str, pos: Position) -> Occurrence | None:
    for occ in index.occurrences:
        if occ.location.file == file and occ.location.range.contains(pos):
            return occ
    return None


# ---- diagnostics ----------------------------------------------------------------------------

@dataclass(frozen=True)
class EditorDiagnostic:
    file: str
    range: Range
    severity: str  # error | warning | info
    code: str
    name: str
    message: str
    related: tuple[tuple[Location, str], ...] = ()


def diagnostics(comp: Compilation, lang: str = "vi") -> dict[str, list[EditorDiagnostic]]:
    """Diagnostics grouped by the file they are in (the plan and its profiles)."""
    out: dict[str, list[EditorDiagnostic]] = {path: [] for path in comp.sources}
    for d in comp.diagnostics:
        related = tuple((Location(r.span.file, span_range(r.span)), r.en if lang == "en" else r.vi)
                        for r in d.related)
        out.setdefault(d.span.file, []).append(EditorDiagnostic(
            d.span.file, span_range(d.span), d.level.value, d.code, d.name, d.message(lang), related))
    return out


# ---- completion -----------------------------------------------------------------------------

@dataclass(frozen=True)
class CompletionItem:
    label: str
    kind: str  # keyword | id | variable | value | snippet
    detail: str = ""
    insert_text: str | None = None
    snippet: bool = False
    replace: Range | None = None  # the text the item replaces (the partial word)


def _line(text: str, line: int) -> str:
    lines = text.split("\n")
    return lines[line] if 0 <= line < len(lines) else ""


def complete(index: Index, text: str, pos: Position, lang: str = "vi") -> list[CompletionItem]:
    prefix = _line(text, pos.line)[: pos.character]
    defs = sorted(index.definitions.values(), key=lambda d: d.id)

    m = re.search(r"@([A-Za-z0-9_-]*)$", prefix)
    if m:
        rng = Range(Position(pos.line, pos.character - len(m.group(1))), pos)
        return [CompletionItem(d.id, "id", f"{_kind(d.kind, lang)}: {d.name}", replace=rng)
                for d in defs]

    m = re.search(r"\{([^{}]*)$", prefix)
    if m:
        rng = Range(Position(pos.line, pos.character - len(m.group(1)) - 1), pos)
        values = index.plan.variables if index.plan is not None else {}
        items = []
        for name, canonical in sorted(VARIABLE_ALIASES.items()):
            if (lang == "en") != (name == canonical):
                continue
            items.append(CompletionItem("{" + name + "}", "variable", values.get(canonical, ""),
                                        insert_text="{" + name + "}", replace=rng))
        return items

    m = re.match(r"^\s*([^:]+?)\s*:\s*(.*)$", prefix)
    if m:
        key = " ".join(m.group(1).lower().split())
        if key in ID_FIELDS:
            kinds = ID_FIELDS[key]
            partial = re.search(r"([A-Za-z0-9_-]*)$", prefix).group(1)
            rng = Range(Position(pos.line, pos.character - len(partial)), pos)
            return [CompletionItem(d.id, "id", f"{_kind(d.kind, lang)}: {d.name}", replace=rng)
                    for d in defs if d.kind in kinds]
        if key in ENUM_VALUES:
            partial = m.group(2)
            if key in COLUMN_WORDS:
                partial = re.split(r"\s*,\s*", partial)[-1]
            rng = Range(Position(pos.line, pos.character - len(partial)), pos)
            return [CompletionItem(v.strip(), "value", insert_text=v, replace=rng) for v in ENUM_VALUES[key]]
        if key in DEADLINE_WORDS:
            rng = Range(Position(pos.line, pos.character - len(m.group(2))), pos)
            return [CompletionItem(label, "snippet", ui.text("editor.deadline", lang), insert_text=body,
                                   snippet=True, replace=rng) for body, label in DEADLINE_SNIPPETS]
        return []

    word = prefix.strip()
    if prefix[: len(prefix) - len(prefix.lstrip())] and not word:
        pass  # an indented empty line: task fields first, below
    rng = Range(Position(pos.line, pos.character - len(prefix.lstrip())), pos)
    items: list[CompletionItem] = []
    for kw in keywords():
        vi, *others = kw.words
        for i, w in enumerate(kw.words):
            other = kw.words[1] if i == 0 and len(kw.words) > 1 else vi
            if kw.declares:
                id_word, name_word = ui.text("editor.id", lang), ui.text("editor.name", lang)
                body = f"{w} ${{1:{id_word}}}: ${{2:{name_word}}}"
                items.append(CompletionItem(f"{w} <{id_word}>:", "keyword", other, insert_text=body, snippet=True,
                                            replace=rng))
            else:
                items.append(CompletionItem(f"{w}:", "keyword", other, insert_text=f"{w}: ", replace=rng))
    for name, body in (("task", TASK_SNIPPET), ("appendix", APPENDIX_SNIPPET)):
        word = vocabulary.field_label(name)
        items.append(CompletionItem(ui.text("editor.template", lang, keyword=word), "snippet",
                                    ui.text(f"editor.{name}-template", lang), insert_text=body, snippet=True,
                                    replace=rng))
    return items


# ---- hover ----------------------------------------------------------------------------------

def _fmt_date(d: _dt.date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else "—"


def _where(loc: Location, base: str) -> str:
    try:
        rel = str(Path(loc.file).resolve().relative_to(Path(base).resolve().parent))
    except (ValueError, OSError):
        rel = loc.file
    return f"{rel}:{loc.range.start.line + 1}"


def hover(index: Index, file: str, pos: Position, lang: str = "vi") -> tuple[str, Range] | None:
    """Markdown for what is under the cursor, and the range it describes."""
    occ = occurrence_at(index, file, pos)
    if occ is not None:
        d = index.definitions.get(occ.id)
        if d is None:
            return None
        shown = ui.text("editor.hover-id", lang, kind=_kind(d.kind, lang).capitalize(), id=d.id, name=d.name,
                     where=_where(d.location, file))
        return shown, occ.location.range
    for rng, name, value in index.variables:
        if rng.contains(pos):
            return f"`{{{name}}}` = {value}", rng
    for task in index.tasks:
        dl = task.deadline
        if dl.span is not None and dl.span.file == file and span_range(dl.span).contains(pos):
            start, end = dl.earliest(), dl.latest()
            shown = ui.text("editor.hover-deadline", lang, kind=dl.kind)
            if start or end:
                shown += f": {_fmt_date(start)} – {_fmt_date(end)}"
            return shown, span_range(dl.span)
    for c in index.citations:
        if c.span is not None and c.span.file == file and span_range(c.span).contains(pos):
            parts = [f"**{c.doc_type}** {c.number}"]
            if c.date is not None:
                parts.append(ui.text("editor.cited-on", lang, date=f"{c.date.day:02d}/{c.date.month:02d}/{c.date.year}"))
            if c.issuer:
                parts.append(ui.text("editor.cited-by", lang, issuer=c.issuer.plain))
            if c.summary:
                parts.append(ui.text("editor.cited-about", lang, summary=c.summary.plain))
            listed = [d for d in index.compilation.diagnostics
                      if d.code.startswith("C70") and d.span.file == file and d.span.line == c.span.line]
            note = ui.text("editor.citation-not-listed", lang) if listed else ""
            return "\n\n".join(p for p in (" ".join(parts), note) if p), span_range(c.span)
    return None


# ---- navigation -----------------------------------------------------------------------------

def definition(index: Index, file: str, pos: Position) -> Location | None:
    occ = occurrence_at(index, file, pos)
    if occ is None or occ.id not in index.definitions:
        return None
    return index.definitions[occ.id].location


def references(index: Index, file: str, pos: Position, include_declaration: bool = True) -> list[Location]:
    occ = occurrence_at(index, file, pos)
    if occ is None:
        return []
    return [o.location for o in index.occurrences
            if o.id == occ.id and (include_declaration or not o.is_definition)]


class RenameError(ValueError):
    pass


def rename(index: Index, file: str, pos: Position, new_name: str, lang: str = "vi") -> list[TextEdit]:
    occ = occurrence_at(index, file, pos)
    if occ is None or occ.id not in index.definitions:
        raise RenameError(ui.text("editor.rename-nothing", lang))
    if not ID_PATTERN.fullmatch(new_name):
        raise RenameError(ui.text("editor.rename-invalid", lang, name=new_name))
    if new_name != occ.id and new_name in index.definitions:
        raise RenameError(ui.text("editor.rename-taken", lang, name=new_name))
    seen, edits = set(), []
    for o in index.occurrences:
        if o.id == occ.id and (o.location.file, o.location.range) not in seen:
            seen.add((o.location.file, o.location.range))
            edits.append(TextEdit(o.location.file, o.location.range, new_name))
    return edits


# ---- outline and folding --------------------------------------------------------------------

@dataclass
class Symbol:
    name: str
    kind: str  # header | section | appendix | month | task
    range: Range
    children: list["Symbol"] = field(default_factory=list)


def _section_name(s: Section, lang: str) -> str:
    roles = [c.role for c in s.children if isinstance(c, Section)]
    title = s.title.plain if s.title else phrase("section_title", s.role, roles)  # as the document prints it
    mark = {1: f"{s.number}.", 2: f"{s.number}.", 3: f"{s.number}.", 4: f"{s.number})"}.get(s.level, s.number)
    return f"{mark} {title}".strip()


def _mine(node, file: str) -> bool:
    return node.span is not None and node.span.file == file


def symbols(index: Index, file: str, lang: str = "vi") -> list[Symbol]:
    plan = index.plan
    if plan is None:
        return []
    src = index.source(file)
    last_line = max(0, (src.line_count if src else 1) - 1)
    out: list[Symbol] = []
    header_spans = [n.span for n in (plan.header.title, plan.header.number, plan.header.date, plan.header.issuer)
                    if n is not None and n.span is not None and n.span.file == file]
    if header_spans:
        first = min(header_spans, key=lambda s: s.start)
        lastspan = max(header_spans, key=lambda s: s.end)
        out.append(Symbol(ui.text("diff.header", lang), "header",
                          Range(Position(first.line - 1, 0), Position(lastspan.end_line - 1, lastspan.end_column - 1))))

    def section_symbol(s: Section) -> Symbol | None:
        if not _mine(s, file):
            return None
        sym = Symbol(_section_name(s, lang), "section", span_range(s.span))
        for child in s.children:
            if isinstance(child, Section):
                c = section_symbol(child)
                if c:
                    sym.children.append(c)
        return sym

    for s in plan.sections:
        sym = section_symbol(s)
        if sym:
            out.append(sym)
    for a in plan.appendices:
        if not _mine(a, file):
            continue
        label = ui.text("editor.appendix", lang) + (f" {a.number}" if a.number else "")
        sym = Symbol(f"{label}: {a.title.plain}", "appendix", span_range(a.span))
        if a.layout == "by_month":
            for g in a.groups:
                if _mine(g, file):
                    month = Symbol(ui.text("editor.month", lang, month=f"{g.month.month:02d}/{g.month.year}"), "month",
                                   span_range(g.span))
                    month.children = [Symbol(t.content.plain[:60], "task", span_range(t.span))
                                      for t in g.tasks if _mine(t, file)]
                    sym.children.append(month)
        else:
            sym.children = [Symbol(t.content.plain[:60], "task", span_range(t.span)) for t in a.tasks if _mine(t, file)]
        out.append(sym)
    _extend_ranges(out, last_line)
    return out


def _extend_ranges(siblings: list[Symbol], end_line: int) -> None:
    """A symbol reaches down to the line before its next sibling (or its parent's end)."""
    for i, sym in enumerate(siblings):
        nxt = siblings[i + 1].range.start.line - 1 if i + 1 < len(siblings) else end_line
        end = max(sym.range.end.line, nxt) if sym.kind != "header" else sym.range.end.line
        if sym.kind == "task":
            end = sym.range.end.line
        sym.range = Range(sym.range.start, Position(end, 0 if end > sym.range.end.line else sym.range.end.character))
        _extend_ranges(sym.children, end)


def folding_ranges(index: Index, file: str) -> list[tuple[int, int]]:
    """(start line, end line) of every foldable block: sections, appendices, months, tasks."""
    out: list[tuple[int, int]] = []
    src = index.source(file)

    def trim(start: int, end: int) -> int:
        while src is not None and end > start and not src.line_text(end + 1).strip():
            end -= 1
        return end

    def visit(syms: list[Symbol]) -> None:
        for s in syms:
            end = trim(s.range.start.line, s.range.end.line)
            if end > s.range.start.line:
                out.append((s.range.start.line, end))
            visit(s.children)

    visit(symbols(index, file))
    for t in index.tasks:
        if not _mine(t, file):
            continue
        last = max([t.span.end_line] + [r.span.end_line for r in t.lead + t.partners + t.responsible + t.movements
                                        if r.span] + ([t.deadline.span.end_line] if t.deadline.span else []))
        if last > t.span.line:
            out.append((t.span.line - 1, last - 1))
    return sorted(set(out))


# ---- code actions and formatting ------------------------------------------------------------

@dataclass(frozen=True)
class CodeAction:
    title: str
    edits: tuple[TextEdit, ...]
    code: str
    preferred: bool = False


def code_actions(index: Index, file: str, rng: Range, lang: str = "vi") -> list[CodeAction]:
    comp = index.compilation
    out: list[CodeAction] = []
    for d in comp.diagnostics:
        if d.span.file != file:
            continue
        if d.span.end_line - 1 < rng.start.line or d.span.line - 1 > rng.end.line:
            continue
        src = comp.sources.get(d.span.file)
        if src is None:
            continue
        if d.fix is not None and d.fix.edits:
            title = (d.fix.en if lang == "en" else d.fix.vi) or d.message(lang)
            edits = tuple(TextEdit(d.span.file, offset_range(src, e.start, e.end), e.text) for e in d.fix.edits)
            out.append(CodeAction(f"{title} [{d.code}]", edits, d.code, preferred=d.fix.safe))
        out.append(_suppress_action(src, d, lang))
    return out


def _suppress_action(src: Source, d: Diagnostic, lang: str) -> CodeAction:
    line_text = src.line_text(d.span.line)
    # a suppression comment already on the line (its words as config reads them) takes one more code
    suppressed = any(SUPPRESS.match(line_text[m.end():].lstrip()) for m in re.finditer("//", line_text))
    if suppressed:
        insert, col = f", {d.code}", len(line_text.rstrip())
    else:
        insert, col = "  " + ui.text("editor.suppress-comment", lang, code=d.code), len(line_text.rstrip())
    pos = Position(d.span.line - 1, col)
    title = ui.text("editor.suppress", lang, code=d.code)
    return CodeAction(title, (TextEdit(d.span.file, Range(pos, pos), insert),), d.code)


def formatting_edits(text: str, file: str, rng: Range | None = None) -> list[TextEdit]:
    """Edits that turn ``text`` into its canonical layout (only lines inside ``rng`` if given)."""
    lines = text.replace("\r\n", "\n").split("\n")
    edits: list[TextEdit] = []
    formatted = format_lines(text)
    for fl in formatted:
        i = fl.number - 1
        if rng is not None and not (rng.start.line <= i <= rng.end.line):
            continue
        old = lines[i] if i < len(lines) else ""
        if fl.text is None:
            edits.append(TextEdit(file, Range(Position(i, 0), Position(i + 1, 0)), ""))
        elif fl.text != old:
            edits.append(TextEdit(file, Range(Position(i, 0), Position(i, len(old))), fl.text))
    return edits


SEVERITY_ORDER = {Severity.ERROR.value: 1, Severity.WARNING.value: 2, Severity.INFO.value: 3}
