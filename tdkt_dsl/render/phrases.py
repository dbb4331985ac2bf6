"""Fixed wording of the documents, from templates/phrases.j2 (Jinja2, StrictUndefined).

The template is compiled ahead of time (tdkt_dsl/generated_phrases.py, by
`scripts/gen_templates.py`): Jinja2's own compiled form, loaded as its ModuleLoader would load it,
used only when it was made from this very template, Jinja2 version and environment — otherwise
the template is compiled here (correct, ~15 ms slower per start; tests/test_generated_templates.py
fails meanwhile).
"""

from __future__ import annotations

import hashlib
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


TEMPLATE = "phrases.j2"


def template_sha256() -> str:
    return hashlib.sha256((templates_dir() / TEMPLATE).read_bytes()).hexdigest()


def environment_key(env: Environment) -> str:
    """What the compiled code depends on besides the template: Jinja2's version and the syntax and
    escaping settings of the environment."""
    import jinja2

    return repr((jinja2.__version__, env.block_start_string, env.block_end_string, env.variable_start_string,
                 env.variable_end_string, env.comment_start_string, env.comment_end_string,
                 env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
                 env.newline_sequence, env.keep_trailing_newline, env.autoescape, env.optimized))


def compiled_source(env: Environment) -> str:
    """Jinja2's compiled Python for the template (what scripts/gen_templates.py writes)."""
    source = (templates_dir() / TEMPLATE).read_text(encoding="utf-8")
    return env.compile(source, TEMPLATE, TEMPLATE, raw=True, defer_init=True)


def _template():
    env = environment()
    try:
        from .. import generated_phrases as gen
    except ImportError:  # pragma: no cover - a checkout without the generated file
        gen = None
    if (gen is not None and gen.TEMPLATE_SHA256 == template_sha256()
            and gen.ENVIRONMENT == environment_key(env)):
        return env.template_class.from_module_dict(env, vars(gen), env.globals)
    return env.get_template(TEMPLATE)


@lru_cache(maxsize=1)
def _module():
    return _template().module


def phrase(name: str, *args: Any) -> str:
    return str(getattr(_module(), name)(*args)).strip("\n")
