"""Syntax stage: each source line → a Lark tree (or one located syntax diagnostic).

Lines are parsed one at a time with the LALR parser of grammar/tdkt.lark, so a mistake costs
exactly one diagnostic and the rest of the file is still read.
"""


import re
import sys
from typing import NamedTuple
from functools import lru_cache

from .catalogue import Wording, say, say_joined
from .diagnostics import Diagnostic, Span
from .generations import Generations
from .resources import grammar_path
from .source import MAX_LINE_CHARS, MAX_LINES, Comment, Line, Source

LARK_OPTIONS = dict(parser="lalr", lexer="contextual", propagate_positions=True, maybe_placeholders=False)


def _lark_module():
    """The parser's home: the generated standalone module when it was made from this very grammar
    (loads in a few ms, no `lark` import), else Lark itself (builds the tables: ~40 ms, still
    correct). Tree, Token and the exceptions come from the same place, so every stage imports them
    from here, never from `lark` directly."""
    grammar = grammar_path().read_text(encoding="utf-8")
    try:
        from . import generated_parser as gen
    except ImportError:  # pragma: no cover - a checkout without the generated file
        gen = None
    if gen is not None and gen.GRAMMAR_TEXT == grammar and gen.OPTIONS == sorted(LARK_OPTIONS.items()):
        return gen, lambda: gen.Lark_StandAlone()
    import lark
    import lark.exceptions as exc

    class _Lark:  # the same names the standalone module exports
        Tree, Token = lark.Tree, lark.Token
        LarkError, UnexpectedInput = exc.LarkError, exc.UnexpectedInput
        UnexpectedCharacters, UnexpectedEOF, UnexpectedToken = (
            exc.UnexpectedCharacters, exc.UnexpectedEOF, exc.UnexpectedToken)

    return _Lark, lambda: lark.Lark(grammar, **LARK_OPTIONS)


_mod, _make_parser = _lark_module()
Tree, Token = _mod.Tree, _mod.Token
LarkError, UnexpectedInput = _mod.LarkError, _mod.UnexpectedInput
UnexpectedCharacters, UnexpectedEOF, UnexpectedToken = (
    _mod.UnexpectedCharacters, _mod.UnexpectedEOF, _mod.UnexpectedToken)


@lru_cache(maxsize=1)
def parser():
    return _make_parser()


class _FastLALR:
    """Lark's own LALR tables and contextual-lexer scanners, driven by one tight loop.

    Lark's generic loop costs most of a compilation's parse time: a generator per line, a
    callback chain per reduction (child filter, single-child expansion, position propagation
    that walks the children again) and a throw-away ``Tree`` for every inlined rule (``_chunk``,
    ``_leaf``, ``__text_plus_0`` — three per piece of text). This loop makes the same moves from
    the same tables and builds the very same trees: same ``data``, children, ``Token``s with every
    position, ``Meta`` with the attributes `propagate_positions` sets. It keeps inlined results as
    plain lists and positions on a stack beside the values. Any line it cannot parse goes to Lark
    (``parse`` returns None), so every error, message and position comes from Lark itself;
    tests/test_syntax_fast.py compares both parsers line by line.

    A grammar outside what this loop reproduces (terminal callbacks, empty rules, an inlined rule
    that is also ``?expanded``) switches it off: `for_parser` returns None and Lark parses."""

    def __init__(self, tables: dict) -> None:
        self.start, self.end = tables["start"], tables["end"]
        rules = tables["rules"]
        self.actions = {state: {t: (shift, arg if shift else rules[arg]) for t, (shift, arg) in acts.items()}
                        for state, acts in tables["actions"].items()}
        self._lexer_of, self._patterns = tables["lexers"], tables["patterns"]
        self._compiled: dict[int, tuple] = {}
        self.scanners: dict[int, tuple] = {}
        self.Meta = type(Tree("x", []).meta)

    @staticmethod
    def tables_of(lark_parser) -> dict:
        """What the loop needs of a Lark LALR parser, as plain data (scripts/gen_parser.py writes it
        into the generated module): its parse table with each reduction's tree-building (name,
        inlined, ``?``-expanded, which children are kept) and, for every parser state, the
        contextual lexer's compiled pattern and ignored terminals. ValueError for a parser the
        loop does not reproduce."""
        frontend = lark_parser.parser
        inner = frontend.parser.parser
        table = inner.parse_table
        rules: list[tuple] = []
        index = {}
        for rule in inner.callbacks:
            if not rule.expansion:
                raise ValueError("empty rule")
            name = rule.origin.name
            inline = name.startswith("_")
            expand1 = bool(rule.options.expand1 and not rule.alias)
            if inline and expand1:
                raise ValueError("inlined rule with ?")
            keep = rule.options.keep_all_tokens
            include = tuple((i, not sym.is_term and sym.name.startswith("_"))
                            for i, sym in enumerate(rule.expansion)
                            if keep or not (sym.is_term and sym.filter_out))
            if len(include) == len(rule.expansion) and not any(e for _, e in include):
                include = None  # Lark passes the children on untouched
            data = rule.alias or rule.options.template_source or name
            index[rule] = len(rules)
            rules.append((len(rule.expansion), name, data, 0 if inline else (1 if expand1 else 2), include))
        shift = sys.modules[type(table).__module__].Shift  # 0 in the standalone module, an Action in Lark
        actions = {state: {t: (True, arg) if action is shift or action == shift else (False, index[arg])
                           for t, (action, arg) in acts.items()}
                   for state, acts in table.states.items()}
        patterns: list[tuple] = []
        lexer_of = {}
        for state in table.states:
            lexer = frontend.lexer.lexers[state]
            scanner = lexer.scanner
            if lexer.callback or len(scanner._mres) != 1:
                raise ValueError("terminal callbacks")
            # the flags Lark compiles with (not the compiled pattern's, which adds re.UNICODE): the
            # same key in re's cache, so regex_cache's programs serve both
            key = (scanner._mres[0].pattern, lexer.g_regex_flags, tuple(sorted(lexer.ignore_types)))
            if key not in patterns:
                patterns.append(key)
            lexer_of[state] = patterns.index(key)
        return {"start": table.start_states["start"], "end": table.end_states["start"], "rules": rules,
                "actions": actions, "lexers": lexer_of, "patterns": patterns}

    @classmethod
    def for_parser(cls, lark_parser) -> "_FastLALR | None":
        try:
            return cls(cls.tables_of(lark_parser))
        except Exception:  # pragma: no cover - a grammar this loop does not reproduce
            return None

    def _scanner(self, state: int):
        """The compiled pattern of the state's lexer, compiled when first needed (most states of a
        plan's lines share a few)."""
        i = self._lexer_of[state]
        hit = self._compiled.get(i)
        if hit is None:
            pattern, flags, ignore = self._patterns[i]
            hit = self._compiled[i] = (re.compile(pattern, flags).match, frozenset(ignore))
        self.scanners[state] = hit
        return hit

    def _meta(self, start: int, end: int):
        """What `propagate_positions` sets on a tree's Meta (one line: line 1, column = offset + 1)."""
        m = self.Meta.__new__(self.Meta)
        c, e = start + 1, end + 1
        m.__dict__ = {"empty": False, "line": 1, "column": c, "start_pos": start, "container_line": 1,
                      "container_column": c, "container_start_pos": start, "end_line": 1, "end_column": e,
                      "end_pos": end, "container_end_line": 1, "container_end_column": e, "container_end_pos": end}
        return m

    def parse(self, text: str):
        """The tree Lark would give for ``text`` (one line), or None when Lark would not parse it."""
        if "\n" in text:
            return None
        actions, scanners, new_tree, meta = self.actions, self.scanners, Tree, self._meta
        token_new, str_new = Token, str.__new__
        states, values, spans = [self.start], [], []
        pos, n = 0, len(text)
        tok_type = None
        while True:
            if pos < n:
                state = states[-1]
                scan = scanners.get(state) or self._scanner(state)
                m = scan[0](text, pos)
                if m is None:
                    return None
                tok_type = m.lastgroup
                end = m.end()
                if tok_type in scan[1]:
                    pos = end
                    continue
                value = m.group(0)
                tok = str_new(token_new, value)
                tok.type, tok.value = tok_type, value
                tok.start_pos, tok.line, tok.column = pos, 1, pos + 1
                tok.end_line, tok.end_column, tok.end_pos = 1, end + 1, end
                span = (pos, end)
                pos = end
                is_end = False
            else:
                is_end = True
                tok_type = "$END"
            while True:
                act = actions[states[-1]].get(tok_type)
                if act is None:
                    return None
                if act[0]:
                    if is_end:
                        return None
                    states.append(act[1])
                    values.append(tok)
                    spans.append(span)
                    break
                size, origin, data, mode, include = act[1]
                if size == 1:  # most reductions (`_leaf: PLAIN`, `_chunk: _leaf` …): the span stays
                    kid = values[-1]
                    start, stop = spans[-1]
                    states.pop()
                    if include is None or (include and not include[0][1]):
                        kids = [kid]
                    else:
                        kids = kid if include else []  # an inlined child's list is taken over, as Lark does
                    if mode == 0:
                        value = kids
                    elif mode == 1 and len(kids) == 1:
                        value = kids[0]
                        if isinstance(value, new_tree):
                            value.meta.__dict__.update(
                                container_line=1, container_column=start + 1, container_start_pos=start,
                                container_end_line=1, container_end_column=stop + 1, container_end_pos=stop)
                    else:
                        value = new_tree(data, kids, meta(start, stop))
                    values[-1] = value
                else:
                    kids = values[-size:]
                    start, stop = spans[-size][0], spans[-1][1]
                    del states[-size:], values[-size:], spans[-size:]
                    if include is not None:
                        filtered = None
                        for i, expand in include:
                            if filtered is None:  # the first kept child's list is taken over, as Lark does
                                filtered = kids[i] if expand else [kids[i]]
                            elif expand:
                                filtered += kids[i]
                            else:
                                filtered.append(kids[i])
                        kids = [] if filtered is None else filtered
                    if mode == 0:  # an inlined rule: its children go to the parent
                        value = kids
                        where = (start, stop)
                    elif mode == 1 and len(kids) == 1:  # ?rule with one child: the child itself
                        value = kids[0]
                        if isinstance(value, new_tree):
                            value.meta.__dict__.update(
                                container_line=1, container_column=start + 1, container_start_pos=start,
                                container_end_line=1, container_end_column=stop + 1, container_end_pos=stop)
                            where = (start, stop)
                        else:
                            where = (value.start_pos, value.end_pos)
                    else:
                        value = new_tree(data, kids, meta(start, stop))
                        where = (start, stop)
                    values.append(value)
                    spans.append(where)
                goto = actions[states[-1]][origin][1]
                states.append(goto)
                if is_end and goto == self.end:
                    return value


@lru_cache(maxsize=1)
def fast_parser() -> _FastLALR | None:
    tables = getattr(_mod, "FAST_TABLES", None)  # the generated module's: no Lark object to build
    return _FastLALR(tables) if tables is not None else _FastLALR.for_parser(parser())


class ParsedLine(NamedTuple):
    line: Line
    tree: Tree
    offset: int  # absolute offset of the tree's position 0 (line start + indentation)

    @property
    def kind(self) -> str:
        return self.tree.data if isinstance(self.tree.data, str) else self.tree.data.value


class SyntaxResult(NamedTuple):
    source: Source
    lines: list[ParsedLine]
    comments: list[Comment]
    diagnostics: list[Diagnostic]


_TOO_MANY_HASHES = re.compile(r"#{7,}(?=\s|$)")


def parse(source: Source, cache: "LineCache | None" = None) -> SyntaxResult:
    """Every line of ``source``. With a ``cache`` (a `Session`'s), a line whose text was parsed
    before reuses that tree: trees are relative to the line (``ParsedLine.offset`` places them)
    and no stage changes them."""
    lines, comments = source.lines()
    parsed: list[ParsedLine] = []
    diags: list[Diagnostic] = []
    fast = fast_parser()
    if cache is None:  # one compilation: a line written twice (`chủ trì: pgd`) is parsed once
        cache = LineCache()
    if len(lines) > MAX_LINES:  # limits before work: refuse, located, naming the limit
        start = source.line_start(MAX_LINES + 1)
        return SyntaxResult(source, [], comments, [Diagnostic(
            code="F927", span=Span.of(source, start, start), params=dict(count=len(lines), limit=MAX_LINES))])
    for line in lines:
        body = line.text[line.indent:]
        if not body:
            continue
        offset = line.start + line.indent
        if len(body) > MAX_LINE_CHARS:  # a whole document pasted on one line: not parsed at all
            diags.append(Diagnostic(code="F926", span=Span.of(source, offset + MAX_LINE_CHARS, offset + MAX_LINE_CHARS + 1),
                                    params=dict(length=len(body), limit=MAX_LINE_CHARS)))
            continue
        m = _TOO_MANY_HASHES.match(body)
        if m:  # "####### x" is read as text: say so rather than print the hashes silently
            diags.append(Diagnostic(code="S107", span=Span.of(source, offset, offset + m.end()),
                                    params=dict(count=m.end())))
        tree = cache.get(body)
        if tree is None:
            tree = fast.parse(body) if fast is not None else None
            if tree is None:  # Lark itself: the error (or, without the fast loop, the tree)
                try:
                    tree = parser().parse(body)
                except UnexpectedInput as exc:
                    tree = exc
            cache.put(body, tree)
        if isinstance(tree, UnexpectedInput):
            diags.append(_syntax_diagnostic(source, body, offset, tree))
            continue
        parsed.append(ParsedLine(line, tree, offset))
    return SyntaxResult(source, parsed, comments, diags)


class LineCache(Generations):
    """Line text → its tree (or the parse error), kept for two compilations."""


# -- turning Lark's errors into messages a drafter can act on --------------------------------

# what the parser expected, by terminal: the phrase (catalogue/phrases.py, syntax.expect.*) that names it
_EXPECT = {
    "DATE": "date", "DATE_LONG": "date", "KW_DAY_WORD": "date", "YEAR": "year",
    "SCHOOL_YEAR": "school-year", "DOC_NUMBER": "doc-number", "ID": "id", "MONTH_YEAR": "month-year",
    "MONTH_NUM": "month-number", "KW_MONTH_WORD": "deadline", "KW_BEFORE": "deadline",
    "KW_ON": "deadline", "KW_FROM": "deadline", "RECURRENCE": "deadline", "KW_NONE": "deadline",
    "QUOTED": "deadline", "KW_TO": "to", "COLUMN_KIND": "column", "LAYOUT_NAME": "layout",
    "ORIENTATION_NAME": "orientation", "PATH": "path", "_COLON": "colon", "_SEP": "comma",
    "COLUMN_TITLE": "column-title", "$END": "end-of-line",
}

_EMPHASIS_MARKS = {"_EMPH_MARK", "_STRONG_MARK"}
_TEXT_TERMINALS = {"PLAIN", "ESCAPE", "VAR", "REF"} | _EMPHASIS_MARKS


def _describe(expected: set[str]) -> Wording:
    names = set(expected)
    if names & {"KW_BEFORE", "RECURRENCE", "KW_FROM"}:
        return say("syntax.expect.deadline-forms")
    if names & _TEXT_TERMINALS and len(names - _TEXT_TERMINALS - {"$END"}) == 0:
        return say("syntax.expect.text")
    keys = list(dict.fromkeys(_EXPECT[n] for n in sorted(names) if n in _EXPECT))
    if not keys:
        return say("syntax.expect.valid-line")
    return say_joined([say(f"syntax.expect.{k}") for k in keys], "syntax.or")


def _context(body: str, tree_prefix: str) -> Wording | str:
    """Name the keyword the line started with, so the message says where we were."""
    head = body.split(":", 1)[0].strip() if ":" in body else ""
    if head and len(head) <= 30 and tree_prefix:
        return say("syntax.after-keyword", keyword=head)
    return ""


def _syntax_diagnostic(source: Source, body: str, offset: int, exc: UnexpectedInput) -> Diagnostic:
    col = max(1, getattr(exc, "column", 1) or 1)
    pos = min(len(body), col - 1)
    if isinstance(exc, UnexpectedCharacters):
        ch = body[pos] if pos < len(body) else ""
        span = Span.of(source, offset + pos, offset + pos + 1)
        if ch == "{":
            return Diagnostic(code="S105", span=span)
        if ch == "@":
            return Diagnostic(code="S106", span=span)
        allowed = set(exc.allowed or ())
        expected_words = _describe(allowed)
        context = _context(body, body[:pos])
        # show the rest of the word, not one letter
        end = pos
        while end < len(body) and not body[end].isspace() and end - pos < 30:
            end += 1
        found = body[pos:end] or ch
        span = Span.of(source, offset + pos, offset + max(end, pos + 1))
        return Diagnostic(code="S102", span=span,
                          params=dict(found=found, expected=expected_words, context=context))
    expected: set[str] = set()
    if isinstance(exc, (UnexpectedToken, UnexpectedEOF)):
        expected = set(exc.expected or ())
    token = getattr(exc, "token", None)
    at_end = isinstance(exc, UnexpectedEOF) or (isinstance(token, Token) and token.type == "$END")
    if at_end and expected & _EMPHASIS_MARKS or (at_end and _open_emphasis(body)):
        mark, where = _open_emphasis(body) or ("*", 0)
        span = Span.of(source, offset + where, offset + where + len(mark))
        style = say("syntax.style.bold" if mark == "**" else "syntax.style.italic")
        return Diagnostic(code="S104", span=span, params=dict(mark=mark, style=style, col=where + 1))
    expected_words = _describe(expected)
    context = _context(body, "x")
    if at_end:
        span = Span.of(source, offset + len(body), offset + len(body))
        return Diagnostic(code="S103", span=span,
                          params=dict(expected=expected_words, context=context))
    start = offset + (token.start_pos if isinstance(token, Token) and token.start_pos is not None else pos)
    text = str(token) if token is not None else body[pos:]
    # the contextual lexer may have read a stray `{` or `@` as part of another terminal
    if text.startswith("{") and "}" not in text:
        return Diagnostic(code="S105", span=Span.of(source, start, start + 1))
    if text.startswith("@") and not re.match(r"@[A-Za-z0-9]", text):
        return Diagnostic(code="S106", span=Span.of(source, start, start + 1))
    span = Span.of(source, start, start + max(1, len(text)))
    return Diagnostic(code="S102", span=span,
                      params=dict(found=text[:40], expected=expected_words, context=context))


def _open_emphasis(body: str) -> tuple[str, int] | None:
    """The first `*` or `**` left unclosed on the line, if any (escapes respected)."""
    stack: list[tuple[str, int]] = []
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            i += 2
            continue
        if c == "*":
            mark = "**" if body.startswith("**", i) else "*"
            if stack and stack[-1][0] == mark:
                stack.pop()
            else:
                stack.append((mark, i))
            i += len(mark)
            continue
        i += 1
    if not stack:
        return None
    mark, where = stack[0]
    return mark, where
