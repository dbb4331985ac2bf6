"""Fixed wording of the documents, from templates/phrases.j2 (Jinja2 syntax, StrictUndefined).

The template is translated ahead of time into plain Python (tdkt_dsl/generated_phrases.py, by
`scripts/gen_templates.py`, one function per macro), used only when it was made from this very
template: a build imports no Jinja2. Otherwise the template is compiled here with Jinja2 (correct,
~30 ms slower per start; tests/test_generated_templates.py fails meanwhile).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable

from ..resources import templates_dir

if TYPE_CHECKING:
    from jinja2 import Environment


def two(n: int) -> str:
    return f"{n:02d}"


def day(d: Any) -> str:
    """The decree's rule: a day below 10 takes a leading zero."""
    return two(d.day)


def month(d: Any) -> str:
    """The decree's rule: months 1 and 2 take a leading zero, the others do not."""
    return two(d.month) if d.month <= 2 else str(d.month)


def dmy(d: Any) -> str:
    return f"{day(d)}/{month(d)}/{d.year}"


@lru_cache(maxsize=1)
def environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(str(templates_dir())), undefined=StrictUndefined,
                      autoescape=False, keep_trailing_newline=False)
    env.filters.update(day=day, month=month, dmy=dmy)
    return env


TEMPLATE = "phrases.j2"


def template_sha256() -> str:
    return hashlib.sha256((templates_dir() / TEMPLATE).read_bytes()).hexdigest()


def jinja_macros() -> dict[str, Callable[..., Any]]:
    """The template's macros as Jinja2 compiles them from the source (the reference)."""
    module = environment().get_template(TEMPLATE).module
    return {name: getattr(module, name) for name in dir(module) if not name.startswith("__")
            and callable(getattr(module, name))}


@lru_cache(maxsize=1)
def macros() -> dict[str, Callable[..., Any]]:
    try:
        from .. import generated_phrases as gen
    except ImportError:  # pragma: no cover - a checkout without the generated file
        gen = None
    if gen is not None and gen.TEMPLATE_SHA256 == template_sha256():
        return gen.MACROS
    return jinja_macros()


def phrase(name: str, *args: Any) -> str:
    return str(macros()[name](*args)).strip("\n")
