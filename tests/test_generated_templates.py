"""The translated template (tdkt_dsl/generated_phrases.py) must be current with templates/phrases.j2
and say exactly what Jinja2 says compiling the template from its source."""

from __future__ import annotations

from pathlib import Path
from tests.scripts import load_script

ROOT = Path(__file__).resolve().parent.parent
REGENERATE = ("tdkt_dsl/generated_phrases.py is stale: templates/phrases.j2 (or the template environment "
              "in tdkt_dsl/render/phrases.py, or the translator) changed since it was generated. Regenerate "
              "it and commit the result:\n    .venv/bin/python scripts/gen_templates.py\n"
              "(tdkt still works meanwhile — it compiles the template with Jinja2, slower per start.)")


def _gen_script():
    return load_script("gen_templates")


def _plans():
    from tdkt_dsl.compiler import compile_path

    paths = sorted((ROOT / "examples").glob("*.tdkt")) + sorted((ROOT / "tests").rglob("*.tdkt"))
    plans = [c.plan for c in (compile_path(str(p)) for p in paths) if c.plan is not None]
    assert len(plans) >= 8
    return plans


def test_generated_template_is_current():
    assert _gen_script().current(), REGENERATE


def test_phrases_use_the_generated_template():
    from tdkt_dsl import generated_phrases
    from tdkt_dsl.render import phrases

    assert phrases.macros() is generated_phrases.MACROS, REGENERATE


def test_every_phrase_call_says_what_jinja2_says(monkeypatch):
    """Every phrase the examples and test plans ask for (and each deadline in every form the
    language has), from the translation and from Jinja2."""
    from tdkt_dsl.render import phrases
    from tdkt_dsl.render.docx import render_docx

    calls = []
    real = phrases.macros()
    recording = {name: (lambda name, fn: lambda *a: calls.append((name, a)) or fn(*a))(name, fn)
                 for name, fn in real.items()}
    with monkeypatch.context() as m:
        m.setattr(phrases, "macros", lambda: recording)
        for plan in _plans():
            render_docx(plan)
    jinja = phrases.jinja_macros()
    assert set(jinja) <= set(real)
    kinds = {a[0].kind for name, a in calls if name == "deadline"}
    assert {"month", "week", "semester", "before", "on", "range", "month_range", "recurring", "text"} <= kinds, kinds
    assert {name for name, _ in calls} >= {"quoc_hieu", "deadline", "citation", "date_line", "number_line"}
    for name, args in calls:
        assert real[name](*args) == str(jinja[name](*args)), (name, args)
