"""Model stage: parsed lines → one validated ``Plan`` plus diagnostics.

Two passes: the first collects fields and declarations (they may appear anywhere, and a profile
adds its own), so variables such as {năm} and ids such as @pgd are known before any text is
converted; the second assembles blocks — sections, citations, recipients, appendices, tasks — from
the order of the lines, with a message naming the open block when a line does not fit.
"""


import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, NamedTuple

from ..syntax import Token, Tree
from pydantic import ValidationError

from .. import vocabulary
from ..catalogue import PHRASES, Wording, say
from ..diagnostics import Diagnostic, Edit, Fix, Related, Span
from ..source import Source, SourceError
from ..syntax import LineCache, ParsedLine, parse
from . import authority
from .citations import parse_citation
from .nodes import (Appendix, AuthorityLine, CitationList, Column, CommentNode, Date, Deadline, DocNumber, Header,
                    Leader, MonthGroup, Movement, Paragraph, Plan, Recipient, Ref, Registry, Run,
                    Section, Signer, Task, Text, Unit, YearMonth)
from .deadlines import month_part_range, part_of, semester_range, week_range, year_in_school_year
from .numbering import assign_numbers
from .text import TextCache, TextContext, convert

# Which statements a profile (office file shared by many plans) may hold.
_PROFILE_FIELDS = {"parent", "issuer", "issuer_name", "abbreviation", "place", "signer", "position",
                   "authority"}

_TEXT_FIELD = {
    "KW_PARENT": "parent", "KW_ISSUER": "issuer", "KW_ISSUER_NAME": "issuer_name",
    "KW_ABBR": "abbreviation", "KW_PLACE": "place", "KW_TITLE": "title", "KW_SIGNER": "signer",
    "KW_POSITION": "position", "KW_AUTHORITY": "authority", "KW_NOTE": "note", "KW_CLOSING": "closing",
}
_TASK_ATTR = {"KW_LEAD": "lead", "KW_PARTNERS": "partners", "KW_RESPONSIBLE": "responsible",
              "KW_MOVEMENTS": "movements"}
_DECL = {"KW_UNIT": "unit", "KW_LEADER": "leader", "KW_MOVEMENT": "movement", "KW_CAMPAIGN": "campaign"}

DEFAULT_COLUMNS = ["no", "content", "lead", "partners", "deadline", "responsible"]
# a month timeline: one row per month, its items listed in the content cell
DEFAULT_MONTH_COLUMNS = ["no", "month", "content", "units"]
# the columns an appendix kind cannot print, each with the reason the warning gives
_MONTH_UNUSABLE = {"deadline": "model.column.deadline-in-months"}
_TABLE_UNUSABLE = {"month": "model.column.month-in-table"}
MAX_INCLUDE_DEPTH = 3


class FieldValue(NamedTuple):
    kind: str
    line: ParsedLine
    tree: Tree
    source: Source
    from_profile: bool = False


class BuildResult(NamedTuple):
    plan: Plan | None
    diagnostics: list[Diagnostic]
    sources: dict[str, Source]


class Builder:
    def __init__(self, source: Source, loader: Callable[[str], Source] = Source.from_path,
                 line_cache: LineCache | None = None, text_cache: TextCache | None = None) -> None:
        self.source = source
        self.loader = loader
        self.line_cache = line_cache  # a Session's parsed lines and converted texts (compiler.Session)
        self.text_cache = text_cache
        self.sources: dict[str, Source] = {source.path: source}
        self.diags: list[Diagnostic] = []
        self.fields: dict[str, FieldValue] = {}
        self.decls: dict[str, tuple[str, FieldValue]] = {}  # id → (kind, where)
        self.profile_recipients: list[tuple[ParsedLine, Source]] = []
        self.profile_path: str | None = None
        self.include_stack: list[str] = [_real(source.path)]  # the chain of `dùng:` being read (cycles)
        self.included: set[str] = set()  # every profile read (a second `dùng:` of one is a duplicate)
        self.include_failed: list[Span] = []  # `dùng:` lines whose profile could not be read
        self.registry = Registry()
        self.variables: dict[str, str] = {}
        self.text_ctx: TextContext | None = None

    # ================================================================ entry
    def build(self) -> BuildResult:
        syn = parse(self.source, self.line_cache)
        self.diags.extend(syn.diagnostics)
        lines = syn.lines
        self._collect(lines, self.source, from_profile=False, depth=0)
        header = self._header()
        if header is None:
            return BuildResult(None, self._sorted(), self.sources)
        self._variables(header)
        self.text_ctx = TextContext(self.source, self.variables, self._resolve_ref, self.diags, self.text_cache)
        self._registry()
        header = self._header_texts(header)
        plan = Plan(source_path=self.source.path, profile_path=self.profile_path, header=header,
                    registry=self.registry, variables=dict(self.variables),
                    comments=[CommentNode(text=c.text, span=Span.of(self.source, c.start, c.end))
                              for c in syn.comments],
                    span=Span.of(self.source, 0, len(self.source.text)),
                    unparsed_lines=sorted({d.span.line for d in syn.diagnostics
                                           if d.span.file == self.source.path}))
        plan.signer = self._signer()
        _Assembler(self, plan).run(lines)
        if not plan.recipients and self.profile_recipients:
            plan.recipients = [self._recipient(statement, src) for statement, src in self.profile_recipients]
        assign_numbers(plan)
        self._check_task_refs(plan)
        return BuildResult(plan, self._sorted(), self.sources)

    def _sorted(self) -> list[Diagnostic]:
        order = {p: i for i, p in enumerate(self.sources)}
        return sorted(self.diags, key=lambda d: (order.get(d.span.file, 99), d.span.start, d.code))

    # ================================================================ helpers
    def span(self, statement: ParsedLine, node, source: Source | None = None) -> Span:
        src = source or self.source
        if isinstance(node, Token):
            return Span.of(src, statement.offset + node.start_pos, statement.offset + node.end_pos)
        meta = getattr(node, "meta", None)
        if meta is not None and not getattr(meta, "empty", True):
            return Span.of(src, statement.offset + meta.start_pos, statement.offset + meta.end_pos)
        return Span.of(src, statement.offset, statement.line.start + len(statement.line.text))

    def line_span(self, statement: ParsedLine, source: Source | None = None) -> Span:
        return Span.of(source or self.source, statement.offset, statement.line.start + len(statement.line.text))

    def report(self, code: str, span: Span, **params) -> None:
        self.diags.append(Diagnostic(code=code, span=span, params=params))

    def text(self, tree: Tree | None, statement: ParsedLine, source: Source | None = None) -> Text:
        assert self.text_ctx is not None
        ctx = self.text_ctx
        if source is not None and source is not self.source:
            ctx = TextContext(source, self.variables, self._resolve_ref, self.diags, self.text_cache)
        return convert(tree, statement.offset, ctx)

    # ================================================================ pass 1: fields, declarations
    def _collect(self, lines: list[ParsedLine], source: Source, from_profile: bool, depth: int) -> None:
        in_recipients = False
        for statement in lines:
            kind, tree = statement.kind, statement.tree
            if from_profile and kind == "block" and tree.children[0].type == "KW_RECIPIENTS":
                in_recipients = True
                continue
            if from_profile and in_recipients and kind == "bullet":
                self.profile_recipients.append((statement, source))
                continue
            in_recipients = False
            if kind == "use_field":
                self._include(statement, source, from_profile, depth)
            elif kind in ("text_field", "number_field", "date_field", "year_field", "school_year_field"):
                name = _TEXT_FIELD.get(tree.children[0].type) if kind == "text_field" else kind[:-6]
                if name in ("note", "closing"):
                    continue  # block-level, handled in pass 2
                if from_profile and name not in _PROFILE_FIELDS:
                    self._not_in_profile(statement, source)
                    continue
                self._set_field(name, FieldValue(name, statement, tree, source, from_profile))
            elif kind == "declaration":
                self._declare(statement, source, from_profile)
            elif from_profile:
                self._not_in_profile(statement, source)

    def _not_in_profile(self, statement: ParsedLine, source: Source) -> None:
        self.report("M203", self.line_span(statement, source), what=say("model.what.line"),
                    where=say("model.where.profile"))

    def _set_field(self, name: str, value: FieldValue) -> None:
        prev = self.fields.get(name)
        if prev is not None and prev.from_profile == value.from_profile:
            self.diags.append(Diagnostic(
                code="M204", span=self.span(value.line, value.tree.children[0], value.source),
                params=dict(field=vocabulary.field_label(name), first_line=prev.line.line.number),
                related=[Related.of(self.line_span(prev.line, prev.source), say("model.related.first-given"))]))
            return
        if prev is not None and not prev.from_profile:
            return  # the plan's own value wins over the profile's
        self.fields[name] = value

    def _declare(self, statement: ParsedLine, source: Source, from_profile: bool) -> None:
        kw, ident = statement.tree.children[0], statement.tree.children[1]
        kind = _DECL[kw.type]
        key = str(ident)
        prev = self.decls.get(key)
        field_value = FieldValue(kind, statement, statement.tree, source, from_profile)
        if prev is not None:
            if prev[1].from_profile and not from_profile:
                self.decls[key] = (kind, field_value)  # a plan may redefine an office-wide id
                return
            self.diags.append(Diagnostic(
                code="M208", span=self.span(statement, ident, source),
                params=dict(id=key, first_line=prev[1].line.line.number),
                related=[Related.of(self.line_span(prev[1].line, prev[1].source),
                                    say("model.related.first-defined"))]))
            return
        self.decls[key] = (kind, field_value)

    def _include(self, statement: ParsedLine, source: Source, from_profile: bool, depth: int) -> None:
        tok = statement.tree.children[1]
        span = self.span(statement, tok, source)
        raw = str(tok)
        if depth >= MAX_INCLUDE_DEPTH:
            self.report("M209", span, path=raw, reason=say("model.profile.too-deep"))
            self.include_failed.append(span)
            return
        base = Path(source.path).parent
        path = str((base / raw)) if not Path(raw).is_absolute() else raw
        real = _real(path)
        if real in self.include_stack:
            self.report("M209", span, path=raw, reason=say("model.profile.circular"))
            return
        if real in self.included:
            self.report("M209", span, path=raw, reason=say("model.profile.used-above"))
            return
        if not self._inside_project(real):
            # never read (or echo) a file outside the project: /etc/passwd, ../../../../etc/shadow …
            self.report("M209", span, path=raw, reason=say("model.profile.outside"))
            self.include_failed.append(span)
            return
        try:
            prof = self.loader(path)
        except SourceError as exc:
            reason = f"file.{exc.code}" if f"file.{exc.code}" in PHRASES else "file.unreadable"
            self.report("M209", span, path=raw, reason=say(reason))
            self.include_failed.append(span)
            return
        self.sources[prof.path] = prof
        self.included.add(real)
        if self.profile_path is None:
            self.profile_path = prof.path
        syn = parse(prof, self.line_cache)
        self.diags.extend(syn.diagnostics)
        self.include_stack.append(real)
        try:
            self._collect(syn.lines, prof, from_profile=True, depth=depth + 1)
        finally:
            self.include_stack.pop()

    def _inside_project(self, real: str) -> bool:
        """Profiles come from the plan's folder (or below), the folder of its tdkt.toml, or a
        folder listed in its `profiles` setting."""
        from ..config import load_for

        if self.source.path.startswith("<"):  # text without a file (editor buffer, tests): the working folder
            roots = [Path(os.getcwd()).resolve()]
        else:
            roots = [Path(_real(str(Path(self.source.path).parent)))]
            cfg = load_for(self.source.path)
            if cfg.path:
                roots.append(Path(cfg.path).resolve().parent)
            roots.extend(Path(p) for p in cfg.profiles)
        target = Path(real)
        return any(target == r or r in target.parents for r in roots)

    # ================================================================ header
    def _missing_span(self) -> Span:
        """Where a missing field is reported: the file's start, or — when a `dùng:` profile could not
        be read — just after that line, so that the cause (M209) is shown before its consequences."""
        for sp in self.include_failed:
            if sp.file == self.source.path:
                end = self.source.text.find("\n", sp.end)
                end = len(self.source.text) if end < 0 else end
                return Span.of(self.source, end, end)
        return Span.point(self.source.path)

    def _header(self) -> Header | None:
        f = self.fields
        year = school = None
        if "year" in f:
            year = self._year_value(f["year"])
        date = self._date_field()
        if year is None and date is not None:
            year = date.year
        if "school_year" in f:
            school = self._school_year(f["school_year"], year)
            if school is None:
                return None
        if year is None and school is not None:
            year = school[1]
        if year is None:
            self.report("M205", self._missing_span(), field=vocabulary.field_label("year"),
                        what=say("model.missing.year", keyword=vocabulary.field_label("year")))
            return None
        if school is None:
            school = (year - 1, year)
            if year < 2:  # `ngày: 01/01/0001`: the school year would begin in year 0
                field_value = f.get("year") or f["date"]
                tok = field_value.tree.children[-1]
                tok = tok.children[-1] if isinstance(tok, Tree) else tok
                self.report("M216", self.span(field_value.line, tok), value=str(tok),
                            field=vocabulary.field_label(field_value.kind), expected=say("model.expected.year"))
                return None
        if "title" not in f:
            self.report("M205", self._missing_span(), field=vocabulary.field_label("title"),
                        what=say("model.missing.title"))
        for name in ("issuer", "abbreviation", "place"):
            if name not in f:
                self.report("M205", self._missing_span(), field=vocabulary.field_label(name),
                            what=say(f"model.missing.{name}"))
        abbr = self._raw_text("abbreviation")
        header = Header(year=year, school_year=school, date=date, title=Text(),
                        abbreviation=abbr.replace(" ", "") if abbr else None)
        header.number, header.number_raw = self._doc_number(header)
        # a blank date prints blanks for the clerk (an impossible one was reported as M202)
        if header.date is None and ("date" not in f or not f["date"].tree.children[1:]):
            field_value = f.get("date")
            self.report("M210", self.span(field_value.line, field_value.tree.children[0]) if field_value else Span.point(self.source.path),
                        what=say("model.blank.date"))
        return header

    def _raw_text(self, name: str) -> str | None:
        field_value = self.fields.get(name)
        if field_value is None or len(field_value.tree.children) < 2:
            return None
        return "".join(str(t) for t in field_value.tree.children[1].scan_values(lambda v: isinstance(v, Token))).strip()

    def _year_value(self, field_value: FieldValue) -> int | None:
        tok = field_value.tree.children[1]
        if not str(tok).isdigit() or int(str(tok)) < 1:  # (`0000`: no calendar has it)
            self.report("M216", self.span(field_value.line, tok), value=str(tok), field=vocabulary.field_label("year"),
                        expected=say("model.expected.year"))
            return None
        return int(str(tok))

    def _school_year(self, field_value: FieldValue, year: int | None) -> tuple[int, int] | None:
        tok = field_value.tree.children[1]
        a, b = (int(x) for x in re.findall(r"\d{4}", str(tok)))
        if min(a, b) < 1:  # `0000-0001`: its days would be no dates
            self.report("M216", self.span(field_value.line, tok), value=str(tok),
                        field=vocabulary.field_label("school_year"), expected=say("syntax.expect.school-year"))
            return None
        if b != a + 1 or (year is not None and year not in (a, b)):
            self.report("M215", self.span(field_value.line, tok), school_year=str(tok), year=year or "?")
        return (a, b)

    def _date_field(self) -> Date | None:
        field_value = self.fields.get("date")
        if field_value is None or len(field_value.tree.children) < 2:
            return None
        year_hint = self._year_value(self.fields["year"]) if "year" in self.fields else None
        return self.date(field_value.tree.children[1], field_value.line, year_hint, field_value.source)

    def date(self, tree: Tree, statement: ParsedLine, year: int | None, source: Source | None = None) -> Date | None:
        tok = tree.children[-1]
        text = str(tok)
        nums = re.findall(r"\d+|\{[^{}]*\}", text)
        span = self.span(statement, tok, source)
        try:
            d, m = int(nums[0]), int(nums[1])
            y = self.year_expr(nums[2], year, span)
            if y is None:
                return None
            return Date(day=d, month=m, year=y, span=span)
        except (ValidationError, ValueError, IndexError):
            self.report("M202", span, text=text)
            return None

    def year_expr(self, raw: str, year: int | None, span: Span) -> int | None:
        if raw.isdigit():
            return int(raw)
        from .text import VARIABLE_ALIASES, variable_key

        name = VARIABLE_ALIASES.get(variable_key(raw.strip("{}")))
        base = year if year is not None else (int(self.variables["year"]) if "year" in self.variables else None)
        if base is not None and name in ("year", "prev_year", "next_year"):
            return base + {"year": 0, "prev_year": -1, "next_year": 1}[name]
        self.report("M216", span, value=raw, field=vocabulary.field_label("year"),
                    expected=say("model.expected.year-or-variable", variable=vocabulary.variable("year")))
        return None

    def _doc_number(self, header: Header) -> tuple[DocNumber | None, str | None]:
        field_value = self.fields.get("number")
        symbol = header.symbol
        if field_value is None or len(field_value.tree.children) < 2:
            span = self.span(field_value.line, field_value.tree.children[0]) if field_value else Span.point(self.source.path)
            self.report("M210", span, what=say("model.blank.number"))
            return None, None
        tok = field_value.tree.children[1]
        raw = "".join(str(tok).split())
        num, _, sym = raw.partition("/")
        if sym and header.abbreviation and sym != symbol:
            self.report("M211", self.span(field_value.line, tok), found=sym, expected=symbol)
        number = num.zfill(2) if len(num) < 2 else num
        return DocNumber(number=number, symbol=symbol, span=self.span(field_value.line, tok)), raw

    def _variables(self, header: Header) -> None:
        y = header.year
        a, b = header.school_year
        v = self.variables
        v["year"], v["prev_year"], v["next_year"] = str(y), str(y - 1), str(y + 1)
        v["school_year"] = f"{a}-{b}"
        v["prev_school_year"] = f"{a - 1}-{b - 1}"
        v["next_school_year"] = f"{a + 1}-{b + 1}"
        v["number"] = header.number.full if header.number else f"/{header.symbol}"
        d = header.date
        v["date"] = f"{d.day:02d}/{d.month:02d}/{d.year}" if d else ""
        v["place"] = self._raw_text("place") or ""
        v["issuer"] = self._raw_text("issuer_name") or self._raw_text("issuer") or ""

    def _header_texts(self, header: Header) -> Header:
        def t(name: str) -> Text | None:
            field_value = self.fields.get(name)
            if field_value is None:
                return None
            tree = field_value.tree.children[1] if len(field_value.tree.children) > 1 else None
            return self.text(tree, field_value.line, field_value.source)

        title = t("title") or Text()
        return header.model_copy(update=dict(
            parent=t("parent"), issuer=t("issuer"), issuer_name=t("issuer_name") or t("issuer"),
            place=t("place"), title=title, span=Span.of(self.source, 0, 0)))

    def _signer(self) -> Signer:
        def t(name: str) -> Text | None:
            field_value = self.fields.get(name)
            if field_value is None or len(field_value.tree.children) < 2:
                return None
            return self.text(field_value.tree.children[1], field_value.line, field_value.source)

        field_value = self.fields.get("signer")
        span = self.line_span(field_value.line, field_value.source) if field_value else None
        position = t("position")
        return Signer(name=t("signer"), position=position, authority=t("authority"),
                      authority_lines=self._authority(position), span=span)

    def _authority(self, position: Text | None) -> list[AuthorityLine]:
        """`thẩm quyền:` as one or two lines, each with a known prefix, fitting the position."""
        field_value = self.fields.get("authority")
        if field_value is None:
            self._deputy_without_authority(position)
        if field_value is None or len(field_value.tree.children) < 2:
            return []
        src = field_value.source
        vspan = self.span(field_value.line, field_value.tree.children[1], src)
        value = src.text[vspan.start:vspan.end]
        parsed = authority.split_lines(value)
        known = authority.prefixes()
        allowed = authority.allowed_list()

        def sub(line_part) -> Span:
            return Span.of(src, vspan.start + line_part.start, vspan.start + line_part.end)

        def bad(line_part, problem: Wording) -> None:
            self.report("M220", sub(line_part), found=value[line_part.start:line_part.end].strip(" ,;/|"), problem=problem)

        ok = True
        for p in parsed:
            if p.prefix.upper() not in known:
                ok = False
                if p.prefix:
                    bad(p, say("model.authority.unknown-prefix", prefix=p.prefix, allowed=allowed))
                else:
                    bad(p, say("model.authority.no-prefix", allowed=allowed))
            elif not p.body:
                ok = False
                bad(p, say("model.authority.no-body"))
        if not ok:
            return []
        if len(parsed) > authority.MAX_LINES:
            bad(parsed[authority.MAX_LINES], say("model.authority.too-many-lines"))
            return []
        if len(parsed) == 2 and (not known[parsed[0].prefix.upper()].first or known[parsed[1].prefix.upper()].first):
            firsts = ", ".join(f"`{k}.`" for k, v in known.items() if v.first)
            bad(parsed[0], say("model.authority.two-lines", firsts=firsts))
            return []
        last = parsed[-1]
        rule = known[last.prefix.upper()].position
        pos = position.plain.strip() if position else ""
        need = None
        if rule == "deputy":
            if not authority.is_deputy(pos) or not authority.deputy_of(pos, last.body):
                need = say("model.authority.need-deputy", body=last.body)
        elif rule == "head" and pos and authority.is_deputy(pos):
            need = say("model.authority.need-head", prefix=last.prefix, body=last.body)
        elif rule == "acting" and pos and not authority.is_acting(pos):
            need = say("model.authority.need-acting")
        if need is not None:
            self.report("M221", sub(last), prefix=f"{last.prefix.upper()}.", need=need,
                        position=pos or say("model.blank.value"))
        return [AuthorityLine(prefix=p.prefix.upper(), body=p.body, span=sub(p)) for p in parsed]

    def _deputy_without_authority(self, position: Text | None) -> None:
        """A deputy ("Phó Hiệu trưởng") signs for the head: ND30 puts "KT. HIỆU TRƯỞNG" above;
        without `thẩm quyền:` the print would show the deputy's title alone."""
        pos_field = self.fields.get("position")
        pos = position.plain.strip() if position else ""
        if pos_field is None or not authority.is_deputy(pos) or not authority.head_of(pos):
            return
        keyword = vocabulary.keyword("KW_AUTHORITY").vi[0]
        line = f"{keyword}: KT. {authority.head_of(pos)}"
        span = self.line_span(pos_field.line, pos_field.source)
        # not safe: a collective body's deputy signs "TM. … / KT. …", which the drafter decides
        fix = Fix.of([Edit(start=span.end, end=span.end, text="\n" + line)], say("fix.add-line", line=line), safe=False)
        self.diags.append(Diagnostic(code="M223", span=span, params=dict(position=pos, line=line), fix=fix))

    # ================================================================ registry
    def _registry(self) -> None:
        # names first as plain text (they may use variables but not other ids)
        for ident, (kind, field_value) in self.decls.items():
            tree = field_value.tree.children[2] if len(field_value.tree.children) > 2 else None
            span = self.line_span(field_value.line, field_value.source)
            if tree is None:
                self.report("M212", span, keyword=str(field_value.tree.children[0]))
            name = self.text(tree, field_value.line, field_value.source)
            if kind == "unit":
                self.registry.units[ident] = Unit(id=ident, name=name, span=span)
            elif kind == "leader":
                self.registry.leaders[ident] = Leader(id=ident, name=name, span=span)
            else:
                self.registry.movements[ident] = Movement(id=ident, kind=kind, name=name, span=span)

    def _resolve_ref(self, ident: str, span: Span) -> Run | None:
        reg = self.registry
        if ident in reg.units:
            return Run(text=reg.units[ident].name.plain, origin="ref", name=ident, span=span)
        if ident in reg.leaders:
            return Run(text=reg.leaders[ident].name.plain, origin="ref", name=ident, span=span)
        if ident in reg.movements:
            return Run(text=f"“{reg.movements[ident].name.plain}”", origin="ref", name=ident, span=span)
        if ident in self.decls:  # declared, registry not built yet (a name that refers to an id)
            return Run(text=ident, origin="ref", name=ident, span=span)
        self.unknown_id(ident, span, "any")
        return None

    def unknown_id(self, ident: str, span: Span, kind: str) -> None:
        pool = self._ids_of(kind)
        sugg = _did_you_mean(ident, pool, self.registry)
        self.report("M201", span, id=ident, kind=say(f"model.kind.{kind}"),
                    suggestion=say("hint.did-you-mean", name=sugg) if sugg else "")

    def _ids_of(self, kind: str) -> dict[str, str]:
        reg = self.registry
        groups = {"unit": reg.units, "leader": reg.leaders, "movement": reg.movements,
                  "campaign": reg.movements}
        if kind == "any":
            pool = {}
            for g in (reg.units, reg.leaders, reg.movements):
                pool.update({k: v.name.plain for k, v in g.items()})
            return pool
        return {k: v.name.plain for k, v in groups[kind].items()}

    # which kinds of id each task attribute takes: a leader may lead or take part in a task
    _ATTR_KINDS = {"lead": ("unit", "leader"), "partners": ("unit", "leader"), "responsible": ("leader",),
                   "movements": ("movement", "campaign")}

    def _check_task_refs(self, plan: Plan) -> None:
        for task in plan.all_tasks():
            for attr, kinds in self._ATTR_KINDS.items():
                for ref in getattr(task, attr):
                    declared = self.decls.get(ref.id)
                    if declared is not None and declared[0] in kinds:
                        continue
                    if declared is None:
                        self.unknown_id(ref.id, ref.span, kinds[0])
                        continue
                    actual = declared[0]
                    kind_words = [say(f"model.kind.{k}") for k in kinds[:2]]
                    allowed = (say("model.ids-of-kinds", first=kind_words[0], second=kind_words[1])
                               if len(kind_words) == 2 else say("model.id-of-kind", kind=kind_words[0]))
                    self.report("M218", ref.span, id=ref.id, field=vocabulary.field_label(attr),
                                actual=say(f"model.kind.{actual}"), kind=kind_words[0], allowed=allowed)

    def _recipient(self, statement: ParsedLine, source: Source) -> Recipient:
        tree = statement.tree.children[1] if len(statement.tree.children) > 1 else None
        text = self.text(tree, statement, source)
        return make_recipient(text, self.line_span(statement, source))


def _date(d, span: Span) -> Date:
    return Date(day=d.day, month=d.month, year=d.year, span=span)


# "Lưu: VT, …": the archive line of the recipients list
_ARCHIVE = re.compile(rf"(?i)^{re.escape(vocabulary.recipients_archive_word())}\s*:")


def make_recipient(text: Text, span: Span) -> Recipient:
    plain = text.plain.strip()
    archive = bool(_ARCHIVE.match(plain))
    # the drafter may type the list's punctuation; the renderer adds it
    if text.runs and plain.endswith((";", ".")):
        last = text.runs[-1]
        text = Text(runs=text.runs[:-1] + [last.model_copy(update={"text": last.text.rstrip().rstrip(";.")})],
                    span=text.span)
    return Recipient(text=text, archive=archive, span=span)


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", vocabulary.strip_marks(s)).strip("-")


def _did_you_mean(ident: str, pool: dict[str, str], registry: Registry) -> str | None:
    """Closest id, comparing without diacritics, against ids and the slugs of their names."""
    if not pool:
        return None
    import difflib  # only for a mistake: not on the start-up path

    folded = vocabulary.strip_marks(ident)
    close = difflib.get_close_matches(folded, [vocabulary.strip_marks(k) for k in pool], n=1, cutoff=0.6)
    if close:
        for k in pool:
            if vocabulary.strip_marks(k) == close[0]:
                return k
    slugs = {_slug(name): k for k, name in pool.items()}
    close = difflib.get_close_matches(_slug(ident), list(slugs), n=1, cutoff=0.6)
    return slugs[close[0]] if close else None


# ==================================================================== pass 2: blocks

class _Assembler:
    """Walks the lines in order and puts each one in its block."""

    def __init__(self, builder: Builder, plan: Plan) -> None:
        self.builder = builder
        self.plan = plan
        self.mode = "preamble"  # preamble | citations | body | closing | recipients | appendix | task
        self.stack: list[Section] = []  # open sections, outermost first
        self.citations: CitationList | None = None
        self.appendix: Appendix | None = None
        self.group: MonthGroup | None = None
        self.task: Task | None = None
        self.task_fields: dict[str, ParsedLine] = {}
        self.appendix_fields: dict[str, ParsedLine] = {}
        self.own_recipients = False

    def run(self, lines: list[ParsedLine]) -> None:
        for statement in lines:
            handler = getattr(self, f"on_{statement.kind}", None)
            if handler is None:
                raise AssertionError(f"no handler for line kind {statement.kind}")  # grammar and builder disagree
            handler(statement)
        self._close_task()
        for a in self.plan.appendices:
            self._columns(a)

    def _columns(self, a: Appendix) -> None:
        """The columns an appendix prints: the written ones that its kind can use (a guidance
        warning for the others), or the kind's defaults; a month timeline always has its month."""
        by_month = a.layout == "by_month"
        if not a.columns:
            a.columns = [Column(kind=k) for k in (DEFAULT_MONTH_COLUMNS if by_month else DEFAULT_COLUMNS)]
            return
        unusable = _MONTH_UNUSABLE if by_month else _TABLE_UNUSABLE
        allowed = [k for k in vocabulary.column_kinds() if k not in unusable]
        kept = []
        for c in a.columns:
            if c.kind not in unusable:
                kept.append(c)
                continue
            if c.span is not None:
                self.builder.report("M219", c.span, column=self.builder.source.text[c.span.start:c.span.end].split("(")[0].strip(),
                              layout=say("model.layout.by-month" if by_month else "model.layout.table"),
                              reason=say(unusable[c.kind]),
                              allowed=", ".join(vocabulary.column_word(k) for k in allowed))
        if by_month and not any(c.kind == "month" for c in kept):
            at = 1 if kept and kept[0].kind == "no" else 0
            kept.insert(at, Column(kind="month"))
        a.columns = kept or [Column(kind=k) for k in (DEFAULT_MONTH_COLUMNS if by_month else DEFAULT_COLUMNS)]

    # ---------------------------------------------------------------- misplaced
    def misplaced(self, statement: ParsedLine, what: Wording | str) -> None:
        """M203: ``what`` (a phrase, or a keyword written the same in both languages) cannot
        stand where the builder is."""
        line = self.task.span.line if self.mode == "task" and self.task and self.task.span else "{0}"
        self.builder.report("M203", self.builder.line_span(statement), what=what, where=say(f"model.where.{self.mode}", line=line))

    def leave_task(self) -> None:
        if self.mode == "task":
            self._close_task()
            self.mode = "appendix"

    # ---------------------------------------------------------------- fields
    def on_text_field(self, statement: ParsedLine) -> None:
        name = _TEXT_FIELD[statement.tree.children[0].type]
        if name == "note":
            return self._task_note(statement)
        if name == "closing":
            return self._closing(statement)
        self._global_field(statement)

    def _global_field(self, statement: ParsedLine) -> None:
        if self.mode == "task":
            kw = statement.tree.children[0]
            where = "model.where.task-date" if kw.type == "KW_DATE" else "model.where.task-header"
            self.builder.report("M203", self.builder.line_span(statement), what=f"`{kw}:`", where=say(where))

    on_number_field = on_date_field = on_year_field = on_school_year_field = _global_field
    on_use_field = on_declaration = _global_field

    # ---------------------------------------------------------------- blocks
    def on_block(self, statement: ParsedLine) -> None:
        kw = statement.tree.children[0]
        title_tree = statement.tree.children[1] if len(statement.tree.children) > 1 else None
        self.leave_task()
        kind = kw.type
        if kind in ("KW_BASED_ON", "KW_IMPLEMENTING"):
            if self.mode not in ("preamble", "citations"):
                return self.misplaced(statement, f"`{kw}:`")
            self.citations = CitationList(kind="based_on" if kind == "KW_BASED_ON" else "implementing",
                                          span=self.builder.line_span(statement))
            self.plan.preamble.append(self.citations)
            self.mode = "citations"
        elif kind in ("KW_PURPOSES", "KW_REQUIREMENTS"):
            if self.mode not in ("preamble", "citations", "body"):
                return self.misplaced(statement, f"`{kw}:`")
            self._objectives(statement, "purposes" if kind == "KW_PURPOSES" else "requirements", title_tree)
        elif kind == "KW_IMPLEMENTATION":
            if self.mode not in ("preamble", "citations", "body"):
                return self.misplaced(statement, f"`{kw}:`")
            title = self.builder.text(title_tree, statement) if title_tree is not None else None
            self._open_section(Section(role="implementation", level=1, title=title or None,
                                       span=self.builder.line_span(statement)), statement)
        elif kind == "KW_RECIPIENTS":
            if self.mode in ("appendix", "task"):
                return self.misplaced(statement, f"`{kw}:`")
            self.mode = "recipients"
            if not self.own_recipients:
                self.plan.recipients = []
                self.own_recipients = True
        elif kind == "KW_APPENDIX":
            title = self.builder.text(title_tree, statement) if title_tree is not None else Text()
            if not title:
                self.builder.report("M212", self.builder.line_span(statement), keyword=str(kw))
            self.appendix = Appendix(title=title, span=self.builder.line_span(statement))
            self.appendix_fields = {}
            self.group = None
            self.plan.appendices.append(self.appendix)
            self.mode = "appendix"

    def _objectives(self, statement: ParsedLine, role: str, title_tree) -> None:
        top = self.stack[0] if self.stack else None
        if top is None or top.role != "objectives":
            top = Section(role="objectives", level=1, implicit=True, span=self.builder.line_span(statement))
            self._open_section(top, statement)
        title = self.builder.text(title_tree, statement) if title_tree is not None else None
        sec = Section(role=role, level=2, title=title or None, span=self.builder.line_span(statement))
        self._open_section(sec, statement)

    def _open_section(self, sec: Section, statement: ParsedLine) -> None:
        if sec.level == 1:
            self.stack = [sec]
            self.plan.sections.append(sec)
        else:
            while self.stack and self.stack[-1].level >= sec.level:
                self.stack.pop()
            if not self.stack or self.stack[-1].level != sec.level - 1:
                parent = self.stack[-1].level if self.stack else 0
                self.builder.report("M206", self.builder.line_span(statement), level=sec.level, parent=parent)
                if not self.stack:
                    self.plan.sections.append(sec)
                    self.stack = [sec]
                    self.mode = "body"
                    return
            self.stack[-1].children.append(sec)
            self.stack.append(sec)
        self.mode = "body"

    def on_heading(self, statement: ParsedLine) -> None:
        mark = statement.tree.children[0]
        level = len(str(mark))
        if self.mode in ("closing", "recipients", "appendix", "task"):
            return self.misplaced(statement, say("model.what.heading"))
        if level > 4:
            return self.builder.report("M213", self.builder.span(statement, mark))
        title_tree = statement.tree.children[1] if len(statement.tree.children) > 1 else None
        title = self.builder.text(title_tree, statement)
        if not title:
            self.builder.report("M212", self.builder.line_span(statement), keyword=str(mark))
        self._open_section(Section(level=level, title=title, span=self.builder.line_span(statement)), statement)

    # ---------------------------------------------------------------- prose
    def _prose(self, statement: ParsedLine, kind: str) -> Paragraph:
        children = statement.tree.children
        tree = children[-1] if children and isinstance(children[-1], Tree) else None
        text = self.builder.text(tree, statement)
        if not text and children and isinstance(children[0], Token):
            self.builder.report("M212", self.builder.line_span(statement), keyword=str(children[0]))
        elif not text:  # no keyword to name: only `*`/`**` marks and spaces were written
            self.builder.report("M224", self.builder.line_span(statement),
                                written=statement.line.text[statement.line.indent:])
        return Paragraph(kind=kind, text=text, span=self.builder.line_span(statement))

    def on_paragraph(self, statement: ParsedLine) -> None:
        self._keyword_like(statement)
        self._place(statement, "paragraph")

    def on_bullet(self, statement: ParsedLine) -> None:
        self._place(statement, "bullet")

    def on_subbullet(self, statement: ParsedLine) -> None:
        self._place(statement, "subbullet")

    def on_numbered(self, statement: ParsedLine) -> None:
        self._place(statement, "numbered")

    def _place(self, statement: ParsedLine, kind: str) -> None:
        mode = self.mode
        if mode == "citations" and kind == "bullet":
            return self._citation(statement)
        if mode == "citations" and kind == "paragraph":
            self.mode = mode = "preamble"
        if mode == "recipients":
            if kind != "bullet":
                return self.misplaced(statement, say("model.what.not-bullet"))
            para = self._prose(statement, kind)
            self.plan.recipients.append(make_recipient(para.text, para.span))
            return
        if mode == "closing":
            return self.misplaced(statement, say("model.what.paragraph"))
        if mode in ("appendix", "task"):
            self.leave_task()
            if self.appendix is not None:
                self.appendix.notes.append(self._prose(statement, kind))
            return
        if kind == "numbered" and self.stack and self.stack[-1].level >= 4:
            # below a) there is no numbered level in the decree's structure: use bullets
            return self.builder.report("M213", self.builder.span(statement, statement.tree.children[0]))
        para = self._prose(statement, kind)
        if mode == "preamble" or not self.stack:
            if kind == "numbered":
                return self.misplaced(statement, say("model.what.numbered"))
            self.plan.preamble.append(para)
        else:
            self.stack[-1].children.append(para)

    def _keyword_like(self, statement: ParsedLine) -> None:
        """Warn when a paragraph starts like a mistyped keyword (`chu tri: …`)."""
        m = re.match(r"^([^\W\d_][\w ]{0,24}?)\s*:", statement.line.text[statement.line.indent:])
        if not m:
            return
        word = m.group(1)
        kw = _closest_keyword(word)
        if kw:
            self.builder.report("M217", Span.of(self.builder.source, statement.offset, statement.offset + len(word)), word=word, keyword=kw)

    def _citation(self, statement: ParsedLine) -> None:
        assert self.citations is not None
        para = self._prose(statement, "bullet")
        item = parse_citation(para.text, self.builder, para.span)
        self.citations.items.append(item)

    def _closing(self, statement: ParsedLine) -> None:
        if self.mode in ("appendix", "task", "recipients"):
            return self.misplaced(statement, f"`{vocabulary.field_label('closing')}:`")
        para = self._prose(statement, "paragraph")
        self.plan.closing = para
        self.mode = "closing"

    # ---------------------------------------------------------------- appendix
    def _need_appendix(self, statement: ParsedLine, what: Callable[[], Wording | str]) -> bool:
        if self.appendix is None or self.mode not in ("appendix", "task"):
            self.misplaced(statement, what())  # worded only when it is said (a task line is common)
            return False
        return True

    def on_task(self, statement: ParsedLine) -> None:
        if not self._need_appendix(statement, lambda: f"`{vocabulary.field_label('task')}:`"):
            return
        self.leave_task()
        tree = statement.tree.children[1] if len(statement.tree.children) > 1 else None
        content = self.builder.text(tree, statement)
        if not content:
            self.builder.report("M212", self.builder.line_span(statement), keyword=str(statement.tree.children[0]))
        self.task = Task(content=content, span=self.builder.line_span(statement))
        self.task_fields = {}
        self.mode = "task"

    def _close_task(self) -> None:
        task, appendix = self.task, self.appendix
        if task is None or appendix is None:
            return
        if self.group is not None:
            if task.deadline.kind == "none" and "due" not in self.task_fields:
                task.deadline = Deadline(kind="month", month=self.group.month, span=self.group.month.span)
            self.group.tasks.append(task)
        else:
            appendix.tasks.append(task)
        self.task = None

    def _task_attr_once(self, statement: ParsedLine, name: str) -> bool:
        prev = self.task_fields.get(name)
        if prev is not None:
            self.builder.report("M204", self.builder.span(statement, statement.tree.children[0]), field=str(statement.tree.children[0]),
                          first_line=prev.line.number)
            return False
        self.task_fields[name] = statement
        return True

    def on_ids_field(self, statement: ParsedLine) -> None:
        kw = statement.tree.children[0]
        if self.mode != "task" or self.task is None:
            return self.misplaced(statement, f"`{kw}:`")
        name = _TASK_ATTR[kw.type]
        if not self._task_attr_once(statement, name):
            return
        ids = statement.tree.children[1].children if len(statement.tree.children) > 1 else []
        refs = [Ref(id=str(t), span=self.builder.span(statement, t)) for t in ids]
        setattr(self.task, name, refs)

    def _task_note(self, statement: ParsedLine) -> None:
        if self.mode != "task" or self.task is None:
            return self.misplaced(statement, f"`{vocabulary.field_label('note')}:`")
        if self._task_attr_once(statement, "note"):
            tree = statement.tree.children[1] if len(statement.tree.children) > 1 else None
            self.task.note = self.builder.text(tree, statement)

    def on_due_field(self, statement: ParsedLine) -> None:
        if self.mode != "task" or self.task is None:
            return self.misplaced(statement, f"`{statement.tree.children[0]}:`")
        if self._task_attr_once(statement, "due"):
            dl = self._deadline(statement, statement.tree.children[1])
            if dl is not None:
                self.task.deadline = dl

    def _deadline(self, statement: ParsedLine, tree: Tree) -> Deadline | None:
        builder = self.builder
        span = builder.span(statement, tree)
        kind = tree.data
        subs = [c for c in tree.children if isinstance(c, Tree)]
        toks = {c.type: c for c in tree.children if isinstance(c, Token)}
        if kind == "dl_month":
            m = self._month_ref(statement, subs[0])
            return Deadline(kind="month", month=m, span=span) if m else None
        if kind == "dl_month_part":
            part = part_of(str(toks["PART_WORD"]))
            if subs:
                m = self._month_num(statement, subs[0])
            elif self.group is not None:
                m = self.group.month  # `cuối tháng` under `tháng: 12/2026`
            else:
                builder.report("M216", span, value=" ".join(str(t) for t in tree.children),
                         field=vocabulary.keyword("KW_DUE").vi[-1],  # the short `hạn:`
                         expected=say("model.expected.month-number"))
                return None
            if m is None:
                return None
            if part == "within":
                return Deadline(kind="month", month=m, part=part, span=span)
            first, last = month_part_range(m.year, m.month, part)
            return Deadline(kind="month", month=m, part=part, date=_date(first, span), end=_date(last, span),
                            span=span)
        if kind == "dl_week":
            m = self._month_ref(statement, subs[0])
            tok = toks["WEEK_NUM"]
            if m is None:
                return None
            try:
                first, last = week_range(m.year, m.month, int(str(tok)))
            except ValueError:
                builder.report("M202", builder.span(statement, tok), text=f"{vocabulary.date_word('week')} {tok} {vocabulary.date_word('month')} {m.month}/{m.year}")
                return None
            return Deadline(kind="week", month=m, week=int(str(tok)), date=_date(first, span),
                            end=_date(last, span), span=span)
        if kind == "dl_semester":
            part = part_of(str(toks["PART_WORD"])) if "PART_WORD" in toks else None
            n = 2 if str(toks["SEMESTER_NUM"]).upper() in ("II", "2") else 1
            school = self.plan.header.school_year
            first, last = semester_range(n, school, part)
            return Deadline(kind="semester", semester=n, part=part, school_year=school,
                            date=_date(first, span), end=_date(last, span), span=span)
        if kind in ("dl_before", "dl_on"):
            d = self._due_date(statement, subs[0])
            return Deadline(kind="before" if kind == "dl_before" else "on", date=d, span=span) if d else None
        if kind == "dl_range":
            d1, d2 = self._due_date(statement, subs[0]), self._due_date(statement, subs[1])
            return Deadline(kind="range", date=d1, end=d2, span=span) if d1 and d2 else None
        if kind == "dl_month_range":
            return self._month_range(statement, subs[0], subs[1], span)
        if kind == "dl_recurring":
            rec = vocabulary.value("recurrence", str(tree.children[0]))
            return Deadline(kind="recurring", recurrence=rec, span=span)
        if kind == "dl_none":
            return Deadline(kind="none", span=span)
        raw = str(tree.children[0])[1:-1].strip()
        return Deadline(kind="text", text=raw, span=span)

    def _month_ref(self, statement: ParsedLine, tree: Tree) -> YearMonth | None:
        """`tháng 10/2026`, or `tháng 10` (its year from the school year)."""
        return self._month_num(statement, tree.children[1])

    def _month_num(self, statement: ParsedLine, tree: Tree, year: int | None = None) -> YearMonth | None:
        tok = tree.children[0]
        if tok.type == "MONTH_YEAR":
            return self._month(statement, tree)
        span = self.builder.span(statement, tok)
        month = int(str(tok))
        if not 1 <= month <= 12:
            self.builder.report("M202", span, text=f"{vocabulary.date_word('month')} {tok}")
            return None
        if year is None:
            year = year_in_school_year(month, self.plan.header.school_year)
        try:
            return YearMonth(month=month, year=year, span=span)
        except ValidationError:  # a year taken from the other end of a range: `tháng 12 – tháng 1/0001`
            self.builder.report("M202", span, text=f"{vocabulary.date_word('month')} {tok}/{year:04d}")
            return None

    def _month_range(self, statement: ParsedLine, a: Tree, b: Tree, span) -> Deadline | None:
        """`từ tháng 9/2026 đến tháng 5/2027`, `tháng 9 – tháng 5`, `từ tháng 3 đến tháng 5/2024`:
        a month without a year takes it from the other end (crossing the new year when the start
        month comes after the end month), or from the school year when neither has one."""
        na, nb = a.children[1], b.children[1]
        has_a, has_b = na.children[0].type == "MONTH_YEAR", nb.children[0].type == "MONTH_YEAR"
        if has_b and not has_a:
            end = self._month_num(statement, nb)
            if end is None:
                return None
            sm = int(str(na.children[0]))
            start = self._month_num(statement, na, end.year - (1 if sm > end.month else 0))
        elif has_a and not has_b:
            start = self._month_num(statement, na)
            if start is None:
                return None
            em = int(str(nb.children[0]))
            end = self._month_num(statement, nb, start.year + (1 if em < start.month else 0))
        else:
            start, end = self._month_num(statement, na), self._month_num(statement, nb)
        if start is None or end is None:
            return None
        return Deadline(kind="month_range", start_month=start, month=end, span=span)

    def _due_date(self, statement: ParsedLine, tree: Tree) -> Date | None:
        """A deadline's day: `25/02/2024`, `25 tháng 02 năm 2024`, or `30/4` in the school year."""
        tok = tree.children[-1]
        if tok.type != "DAY_MONTH":
            return self.builder.date(tree, statement, self.plan.header.year)
        span = self.builder.span(statement, tok)
        d, m = (int(x) for x in str(tok).split("/"))
        try:
            year = year_in_school_year(m, self.plan.header.school_year)
            return Date(day=d, month=m, year=year, span=span)
        except (ValidationError, ValueError):
            self.builder.report("M202", span, text=str(tok))
            return None

    def _month(self, statement: ParsedLine, tree: Tree) -> YearMonth | None:
        tok = tree.children[0]
        mm, _, yy = str(tok).partition("/")
        span = self.builder.span(statement, tok)
        y = self.builder.year_expr(yy, self.plan.header.year, span)
        if y is None:
            return None
        try:
            return YearMonth(month=int(mm), year=y, span=span)
        except ValidationError:
            self.builder.report("M202", span, text=f"{vocabulary.date_word('month')} {tok}")
            return None

    def on_month_group(self, statement: ParsedLine) -> None:
        if not self._need_appendix(statement, lambda: f"`{vocabulary.field_label('month')}:`"):
            return
        self.leave_task()
        assert self.appendix is not None
        if "layout" in self.appendix_fields and self.appendix.layout == "table":
            return self.misplaced(statement, say("model.what.month-group-in-table"))
        self.appendix.layout = "by_month"
        m = self._month(statement, statement.tree.children[1])
        if m is not None:
            self.group = MonthGroup(month=m, span=self.builder.line_span(statement))
            self.appendix.groups.append(self.group)

    def _appendix_setting(self, statement: ParsedLine, name: str) -> bool:
        kw = statement.tree.children[0]
        if not self._need_appendix(statement, lambda: f"`{kw}:`"):
            return False
        self.leave_task()
        prev = self.appendix_fields.get(name)
        if prev is not None:
            self.builder.report("M204", self.builder.span(statement, kw), field=str(kw), first_line=prev.line.number)
            return False
        self.appendix_fields[name] = statement
        return True

    def on_columns_field(self, statement: ParsedLine) -> None:
        if not self._appendix_setting(statement, "columns"):
            return
        cols = []
        for c in statement.tree.children[1:]:
            kind = vocabulary.value("columns", str(c.children[0]))
            title = str(c.children[1]).strip()[1:-1].strip() if len(c.children) > 1 else None
            cols.append(Column(kind=kind, title=title or None, span=self.builder.span(statement, c)))
        assert self.appendix is not None
        self.appendix.columns = cols

    def on_layout_field(self, statement: ParsedLine) -> None:
        if not self._appendix_setting(statement, "layout"):
            return
        layout = vocabulary.value("layouts", str(statement.tree.children[1]))
        assert self.appendix is not None
        if self.appendix.groups and layout == "table":
            return self.misplaced(statement, say("model.what.table-after-months"))
        self.appendix.layout = layout

    def on_orientation_field(self, statement: ParsedLine) -> None:
        if not self._appendix_setting(statement, "orientation"):
            return
        assert self.appendix is not None
        self.appendix.orientation = vocabulary.value("orientations", str(statement.tree.children[1]))


def _closest_keyword(word: str) -> str | None:
    folded = vocabulary.strip_marks(word)
    if len(folded) < 4:
        return None
    table = {vocabulary.strip_marks(k): k for k in vocabulary.vietnamese_keywords(declaring=False)}
    if folded in table:
        return table[folded]  # the keyword typed without its diacritics
    import difflib  # only for a mistake: not on the start-up path

    close = difflib.get_close_matches(folded, list(table), n=1, cutoff=0.85)
    return table[close[0]] if close else None


def _real(path: str) -> str:
    if path.startswith("<"):
        return path
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return path


def build(source: Source, loader: Callable[[str], Source] = Source.from_path,
          line_cache: LineCache | None = None, text_cache: TextCache | None = None) -> BuildResult:
    return Builder(source, loader, line_cache, text_cache).build()


def build_path(path: str, loader: Callable[[str], Source] = Source.from_path,
               line_cache: LineCache | None = None, text_cache: TextCache | None = None) -> BuildResult:
    try:
        src = Source.from_path(path)
    except SourceError as exc:
        # F902 names the line of the bad byte: point there, so position and message agree
        d = Diagnostic(code=exc.code, span=Span.point(path, int(exc.params.get("line", 1)) if exc.code == "F902" else 1),
                       params=dict(path=path, **exc.params))
        return BuildResult(None, [d], {})
    return build(src, loader, line_cache, text_cache)
