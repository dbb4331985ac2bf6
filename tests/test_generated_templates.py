"""The precompiled template (tdkt_dsl/generated_phrases.py) must be current with templates/phrases.j2
and print exactly what the template compiled from source prints."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGENERATE = ("tdkt_dsl/generated_phrases.py is stale: templates/phrases.j2 (or Jinja2, or the template "
              "environment in tdkt_dsl/render/phrases.py) changed since it was generated. Regenerate it "
              "and commit the result:\n    .venv/bin/python scripts/gen_templates.py\n"
              "(tdkt still works meanwhile — it compiles the template, ~15 ms slower per start.)")


def _gen_script():
    spec = importlib.util.spec_from_file_location("gen_templates", ROOT / "scripts" / "gen_templates.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_generated_template_is_current():
    assert _gen_script().current(), REGENERATE


def test_phrases_use_the_generated_template():
    from tdkt_dsl import generated_phrases
    from tdkt_dsl.render import phrases

    assert phrases._template().root_render_func.__globals__ is vars(generated_phrases), REGENERATE


def test_generated_and_source_template_print_the_same(monkeypatch):
    """Every example printed as text, with the generated template and with the template compiled
    from its source, is the same; and a stale generated module is not used."""
    from tdkt_dsl.compiler import compile_path
    from tdkt_dsl.render import phrases
    from tdkt_dsl.render.text import render_text

    plans = [compile_path(str(p)).plan for p in sorted((ROOT / "examples").glob("*.tdkt"))]
    assert len(plans) >= 4 and all(plans)
    phrases._module.cache_clear()
    generated = [render_text(p) for p in plans]
    monkeypatch.setattr(phrases, "template_sha256", lambda: "0" * 64)  # as if the template had changed
    phrases._module.cache_clear()
    try:
        assert phrases._template().root_render_func.__globals__.get("__name__") != "tdkt_dsl.generated_phrases"
        from_source = [render_text(p) for p in plans]
    finally:
        phrases._module.cache_clear()
    assert generated == from_source
