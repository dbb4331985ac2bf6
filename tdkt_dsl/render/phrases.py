"""Fixed wording of the documents, from templates/phrases.j2 (Jinja2, StrictUndefined)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..resources import templates_dir


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
    env = Environment(loader=FileSystemLoader(str(templates_dir())), undefined=StrictUndefined,
                      autoescape=False, keep_trailing_newline=False)
    env.filters.update(day=day, month=month, dmy=dmy)
    return env


@lru_cache(maxsize=1)
def _module():
    return environment().get_template("phrases.j2").module


def phrase(name: str, *args: Any) -> str:
    return str(getattr(_module(), name)(*args)).strip("\n")
