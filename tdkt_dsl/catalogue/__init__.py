"""The static catalogue of every code tdkt can report, from every stage, declared as data.

One module per stage holds one tuple ``CODES`` of `Code` entries; `STAGES` gathers them and
`CATALOGUE` maps a code to its entry. Nothing is registered at import time: importing
`tdkt_dsl.diagnostics` alone is enough for ``Diagnostic(code="D301", ...).message("en")``.

Stages and letters: F files, S syntax, M model, D dates, Y years, A anniversaries, R references,
C citations, T text hygiene, X suppression/config, V `tdkt verify`, O output, N `tdkt new`,
I `tdkt import`.

How to add a code
-----------------
1. Pick the stage module (e.g. ``catalogue/dates.py``) and the next free number of its family.
2. Append one entry to its ``CODES`` tuple::

       Code("D308", "deadline-on-sunday", WARNING,
            vi="Thời hạn {deadline} rơi vào Chủ nhật.",
            en="The deadline {deadline} falls on a Sunday.",
            fixable=False),

   ``vi``/``en`` are `str.format` templates; every ``{param}`` must be passed by the code that
   emits it (``diag("D308", span, deadline=...)``). Use ``{{``/``}}`` for a literal brace.
   Prefer one template with a parameter to Python-built fragments: when a parameter is itself
   user-visible wording that differs per language, pass both ``x`` and ``x_en``.
3. Emit it where the stage finds the problem, add ``tests/check/cases/D308.yaml`` (a case that
   fires and a near-identical one that does not; V codes: tests/verify) and run
   ``python scripts/gen_rules.py`` to refresh the README's rules table.
A new stage: a new module with ``CODES`` and one line in `STAGES` below.
"""

from __future__ import annotations

from . import (anniversaries, citations, config, dates, files, hygiene, importer, model, output,
               references, rollover, syntax, verify, years)
from .entries import ERROR, INFO, WARNING, Code, Severity, Wording
from .phrases import PHRASES

STAGES: tuple[tuple[Code, ...], ...] = (
    files.CODES,
    syntax.CODES,
    model.CODES,
    dates.CODES,
    years.CODES,
    anniversaries.CODES,
    references.CODES,
    citations.CODES,
    hygiene.CODES,
    config.CODES,
    verify.CODES,
    output.CODES,
    rollover.CODES,
    importer.CODES,
)


def _gather() -> dict[str, Code]:
    out: dict[str, Code] = {}
    names: dict[str, str] = {}
    for stage in STAGES:
        for entry in stage:
            if entry.code in out:
                raise ValueError(f"code {entry.code} declared twice")
            if entry.name in names:
                raise ValueError(f"name {entry.name} used by {names[entry.name]} and {entry.code}")
            out[entry.code] = entry
            names[entry.name] = entry.code
    return out


CATALOGUE: dict[str, Code] = _gather()


def lookup(code: str) -> Code:
    """The entry of ``code`` (KeyError for a code nobody declared)."""
    return CATALOGUE[code]


def all_codes() -> list[Code]:
    """Every code, sorted: for `tdkt rules`, the README table and the tests."""
    return sorted(CATALOGUE.values(), key=lambda c: c.code)


def _in(lang: str, params: dict) -> dict:
    return {k: v.text(lang) if isinstance(v, Wording) else v for k, v in params.items()}


def say(key: str, /, **params: object) -> Wording:
    """The phrase ``key`` of `PHRASES` in both languages, formatted with ``params`` (KeyError for
    a phrase nobody declared: a typo fails the first test that reaches it)."""
    vi, en = PHRASES[key]
    return Wording(vi.format(**_in("vi", params)), en.format(**_in("en", params)))


def say_joined(items: list[Wording], separator: str) -> Wording:
    """``items`` joined by the phrase ``separator`` in each language ("a hoặc b" / "a or b")."""
    sep = say(separator)
    return Wording(sep.vi.join(w.vi for w in items), sep.en.join(w.en for w in items))


def in_language(lang: str, params: dict) -> dict:
    """``params`` with every `Wording` value in ``lang``: what a message template is formatted with."""
    return _in(lang, params)


__all__ = ["CATALOGUE", "Code", "ERROR", "INFO", "PHRASES", "STAGES", "Severity", "WARNING",
           "Wording", "all_codes", "in_language", "lookup", "say", "say_joined"]
