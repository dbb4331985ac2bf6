"""Project configuration for `tdkt check`, and suppression comments.

Configuration is looked up from the plan's folder upwards; the nearest of these wins:

* `tdkt.toml` (keys at the top level, or under `[tool.tdkt]`);
* `pyproject.toml` with a `[tool.tdkt]` table.

Keys::

    [tool.tdkt]
    ignore = ["T801", "space-before-punctuation"]     # codes or rule names
    severity = { D302 = "error", R601 = "info" }       # error | warning | info | off
    references = ["examples/van-ban-cap-tren.toml"]    # shared lists of upper-level documents
                                                       # (paths relative to the config file)
    knowledge = ["kien-thuc.toml"]                     # more anniversaries, administrative
                                                       # changes, word lists (tdkt_dsl/data/knowledge.toml)
    profiles = ["../ho-so"]                            # folders `dùng:` may read, besides the plan's
                                                       # own folder and this file's folder

A comment on a line silences the named diagnostics on that line; a suppression that silences
nothing is itself reported (X901)::

    hạn: trước ngày 10/02/2023   // tdkt: bỏ qua D301
    hạn: trước ngày 10/02/2023   // tdkt: ignore deadline-before-issue

File (F) and syntax (S) diagnostics cannot be silenced: they mean the plan was not understood;
neither can T807 (a control character that cannot go into a DOCX).
"""


import os
import re
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, NamedTuple

from . import vocabulary
from .catalogue import CATALOGUE, Wording, say
from .resources import parse_toml
from .diagnostics import Diagnostic, Edit, Fix, Severity, Span
from .source import Source


# prefixes (and whole codes) no comment or setting can silence: the plan was not understood, or
# its text cannot go into a DOCX at all (T807)
UNSILENCEABLE = ("F", "S", "T807")
# `// tdkt: bỏ qua D301` — the words that open a suppression comment (vocabulary.toml [suppression])
_SUPPRESS = re.compile(r"^tdkt\s*:\s*(?:" + "|".join(r"\s+".join(map(re.escape, w.split()))
                                                   for w in vocabulary.suppression_words())
                       + r")\b(?P<rest>.*)$", re.IGNORECASE)
# the levels `severity` takes in tdkt.toml, in either language; "off" (None) silences the code
_SEVERITIES = {word: Severity(level) if level != "off" else None
               for word, level in vocabulary.severity_words().items()}


class Config:
    """A project's tdkt.toml as read (a plain class: filled while reading, and a dataclass costs
    ~0.5 ms of start-up to define)."""

    __slots__ = ("path", "ignore", "severity", "references", "knowledge", "profiles", "problems")

    def __init__(self, path: str | None = None) -> None:
        self.path = path
        self.ignore: set[str] = set()
        self.severity: dict[str, Severity | None] = {}
        self.references: list[str] = []
        self.knowledge: list[str] = []
        self.profiles: list[str] = []  # folders `dùng:` may read besides the plan's
        self.problems: list[Diagnostic] = []


def resolve_code(word: str) -> str | None:
    """A code (D301) or a rule name (deadline-before-issue) → the code."""
    w = word.strip()
    if w.upper() in CATALOGUE:
        return w.upper()
    for code, rule in CATALOGUE.items():
        if rule.name == w.lower():
            return code
    return None


def _suggest(word: str) -> Wording | str:
    import difflib

    pool = list(CATALOGUE) + [r.name for r in CATALOGUE.values()]
    close = difflib.get_close_matches(word.strip(), pool, n=1, cutoff=0.6)
    return say("hint.did-you-mean", name=close[0]) if close else ""


_CACHE: dict[tuple, Config] = {}


MAX_CONFIG_BYTES = 1024 * 1024


def _read_toml(path: Path) -> tuple[dict[str, Any] | None, Wording | str | None]:
    """A project's TOML file (tdkt.toml, a knowledge or reference list), size-limited: (data, None)
    or (None, why it cannot be read)."""
    from .source import SourceError, read_limited

    try:
        return parse_toml(read_limited(path, MAX_CONFIG_BYTES).decode("utf-8")), None
    except SourceError as exc:
        return None, exc.code
    except RecursionError:  # deeply nested arrays: tomllib recurses once per level
        return None, say("config.too-deep")
    except (OSError, ValueError) as exc:  # TOMLDecodeError and UnicodeDecodeError are ValueErrors
        return None, str(exc)


def find_config_file(plan_path: str) -> tuple[Path, dict[str, Any] | None, str | None] | None:
    if not plan_path or plan_path.startswith("<"):
        return None
    try:
        here = Path(plan_path).resolve().parent
    except (OSError, RuntimeError):
        return None
    for d in [here, *here.parents]:
        t = d / "tdkt.toml"
        if t.is_file():
            data, err = _read_toml(t)
            if data is not None and isinstance(data.get("tool"), dict) and "tdkt" in data["tool"]:
                data = data["tool"]["tdkt"]
                if not isinstance(data, dict):
                    return t, None, say("config.not-a-table")
            return t, data, err
        p = d / "pyproject.toml"
        if p.is_file():
            data, err = _read_toml(p)
            if err is not None:
                return p, None, err
            tool = (data or {}).get("tool", {})
            if isinstance(tool, dict) and isinstance(tool.get("tdkt"), dict):
                return p, tool["tdkt"], None
    return None


# While one compilation runs, the project config of a plan is looked up once (the builder, the
# knowledge and the citations ask for it; each lookup walks the folders up to the root).
_LOOKED_UP: ContextVar[dict[str, "Config"] | None] = ContextVar("tdkt_config_looked_up", default=None)


@contextmanager
def one_lookup():
    """Within the block, `load_for` answers each plan path from its first lookup."""
    token = _LOOKED_UP.set({})
    try:
        yield
    finally:
        _LOOKED_UP.reset(token)


def load_for(plan_path: str) -> Config:
    memo = _LOOKED_UP.get()
    if memo is None:
        return _load_for(plan_path)
    cfg = memo.get(plan_path)
    if cfg is None:
        cfg = memo[plan_path] = _load_for(plan_path)
    return cfg


def _load_for(plan_path: str) -> Config:
    found = find_config_file(plan_path)
    if found is None:
        return Config()
    path, data, err = found
    try:
        st = os.stat(path)  # not the mtime alone: a rewrite within its tick (or mtime restored) is seen
        key = (str(path), st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
    except OSError:
        key = (str(path), 0, 0, 0, 0)
    if key in _CACHE:
        return _CACHE[key]
    cfg = Config(path=str(path))
    point = Span.point(str(path))

    def problem(what: Wording) -> None:
        cfg.problems.append(Diagnostic(code="X902", span=point, params=dict(path=str(path), problem=what)))

    if err is not None or data is None:
        problem(say("config.not-toml", error=err))
    else:
        for k in data:
            if k not in ("ignore", "severity", "references", "knowledge", "profiles"):
                problem(say("config.unknown-key", key=k))
        ignore = data.get("ignore", [])
        if not isinstance(ignore, list) or not all(isinstance(x, str) for x in ignore):
            problem(say("config.ignore-not-list"))
            ignore = []
        for word in ignore:
            code = resolve_code(word)
            if code is None:
                cfg.problems.append(Diagnostic(code="X903", span=point,
                                               params=dict(code=word, suggestion=_suggest(word))))
            elif not code.startswith(UNSILENCEABLE):
                cfg.ignore.add(code)
        sev = data.get("severity", {})
        if not isinstance(sev, dict):
            problem(say("config.severity-not-table"))
            sev = {}
        for word, level in sev.items():
            code = resolve_code(word)
            if code is None:
                cfg.problems.append(Diagnostic(code="X903", span=point,
                                               params=dict(code=word, suggestion=_suggest(word))))
                continue
            if not isinstance(level, str) or level.lower() not in _SEVERITIES:
                problem(say("config.unknown-level", level=level, code=word))
                continue
            if not code.startswith(UNSILENCEABLE):
                cfg.severity[code] = _SEVERITIES[level.lower()]
        def paths(key: str, phrase: str) -> list[str]:
            """The list of paths under ``key`` (one string is a list of one), else a problem."""
            value = data.get(key, [])
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
                problem(say(phrase, key=key))
                value = []
            return value

        cfg.references = [str((path.parent / r).resolve()) for r in paths("references", "config.not-paths")]
        extra = paths("knowledge", "config.not-paths")
        for r in extra:
            if not (path.parent / r).is_file():
                problem(say("config.knowledge-missing", path=r))
        cfg.knowledge = [str((path.parent / r).resolve()) for r in extra if (path.parent / r).is_file()]
        cfg.profiles = [str((path.parent / r).resolve()) for r in paths("profiles", "config.not-folders")]
    _CACHE[key] = cfg
    return cfg


# ---- applying suppression comments and configuration ----------------------------------------

class _Suppression(NamedTuple):
    line: int
    comment_start: int
    comment_end: int
    codes: list[tuple[str | None, str, int, int]]  # (code, as written, start, end) in the source
    all_codes: bool


def _suppressions(plan, source: Source | None) -> tuple[list[_Suppression], list[Diagnostic]]:
    out, problems = [], []
    if plan is None or source is None:
        return out, problems
    for c in plan.comments:
        if c.span is None or c.span.file != source.path:
            continue
        m = _SUPPRESS.match(c.text)
        if not m:
            continue
        raw = source.text[c.span.start:c.span.end]
        rest_at = raw.find(m.group("rest")) if m.group("rest") else len(raw)
        base = c.span.start + max(0, rest_at)
        codes = []
        for tm in re.finditer(r"[A-Za-z0-9][A-Za-z0-9_-]*", m.group("rest")):
            s, e = base + tm.start(), base + tm.end()
            code = resolve_code(tm.group(0))
            if code is None:
                problems.append(Diagnostic(code="X903", span=Span.of(source, s, e),
                                           params=dict(code=tm.group(0), suggestion=_suggest(tm.group(0)))))
            codes.append((code, tm.group(0), s, e))
        out.append(_Suppression(c.span.line, c.span.start, c.span.end, codes, all_codes=not codes))
    return out, problems


def apply(diags: list[Diagnostic], plan, sources: dict[str, Source], plan_path: str | None = None) -> list[Diagnostic]:
    path = plan_path or (plan.source_path if plan is not None else None)
    source = sources.get(path) if path else None
    sups, extra = _suppressions(plan, source)
    used: set[tuple[int, str | None]] = set()
    by_line: dict[int, list[_Suppression]] = {}
    for s in sups:
        by_line.setdefault(s.line, []).append(s)
    kept: list[Diagnostic] = []
    for d in diags:
        silenced = False
        if source is not None and d.span.file == source.path and d.code.startswith(UNSILENCEABLE):
            for s in by_line.get(d.span.line, []):  # named, but it cannot be silenced: not "unused"
                used.update((s.line, code) for code, _, _, _ in s.codes if code == d.code)
        elif source is not None and d.span.file == source.path:
            for s in by_line.get(d.span.line, []):
                if s.all_codes:
                    used.add((s.line, None))
                    silenced = True
                for code, _, _, _ in s.codes:
                    if code == d.code:
                        used.add((s.line, code))
                        silenced = True
        if not silenced:
            kept.append(d)
    for s in sups:
        if s.all_codes:
            if (s.line, None) not in used and source is not None:
                extra.append(Diagnostic(
                    code="X901", span=Span.of(source, s.comment_start, s.comment_end), params=dict(code="*"),
                    fix=_remove_comment(source, s)))
            continue
        unused = [c for c in s.codes if c[0] is not None and (s.line, c[0]) not in used]
        known = [c for c in s.codes if c[0] is not None]
        for code, written, a, b in unused:
            fix = (_remove_comment(source, s) if len(unused) == len(known) == len(s.codes)
                   else Fix.of([_remove_word(source, a, b)], say("fix.remove-code", code=written)))
            extra.append(Diagnostic(code="X901", span=Span.of(source, a, b), params=dict(code=written), fix=fix))
    cfg = load_for(path) if path else Config()
    out = []
    for d in kept + extra:
        if d.code in cfg.ignore:
            continue
        if d.code in cfg.severity:
            level = cfg.severity[d.code]
            if level is None:
                continue
            d = d.with_severity(level)
        out.append(d)
    out.extend(cfg.problems)
    return out


def _remove_comment(source: Source, s: _Suppression) -> Fix:
    start = s.comment_start
    while start > 0 and source.text[start - 1] in " \t":
        start -= 1
    return Fix.of([Edit(start=start, end=s.comment_end, text="")], say("fix.remove-suppression"))


def _remove_word(source: Source, a: int, b: int) -> Edit:
    # remove the code and one separator next to it
    text = source.text
    if b < len(text) and text[b] == ",":
        b += 1
        while b < len(text) and text[b] == " ":
            b += 1
    else:
        while a > 0 and text[a - 1] in " ,":
            a -= 1
    return Edit(start=a, end=b, text="")
