"""Every DOCX `tdkt build` writes passes `tdkt verify` with no findings: the examples and random
valid plans (property test)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tdkt_dsl.compiler import compile_path, compile_text
from tdkt_dsl.diagnostics import Severity
from tests.plans import plan

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p.name for p in (ROOT / "examples").glob("*.tdkt"))


def findings(docx: Path) -> list[str]:
    from tdkt_dsl.verify import verify_path

    # a draft's blank number/date is reported by verify as a note (V206), not a finding
    return [f"{d.code} {d.message('en')}" for d in verify_path(str(docx)) if d.level is not Severity.INFO]


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_docx_verifies_clean(tmp_path, name):
    from tdkt_dsl.render.docx import render_docx

    comp = compile_path(str(ROOT / "examples" / name))
    assert comp.ok
    out = tmp_path / "plan.docx"
    out.write_bytes(render_docx(comp.plan))
    assert findings(out) == []


@settings(max_examples=int(os.environ.get("TDKT_PROPERTY_EXAMPLES", "25")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(source=plan())
def test_random_valid_plans_build_and_verify_clean(tmp_path, source):
    from tdkt_dsl.render.docx import render_docx

    comp = compile_text(source, "random.tdkt")
    # semantic checks may object to a random plan (a deadline before its random issue date); the
    # compiler stages (file, syntax, model) must not
    errors = [d for d in comp.diagnostics if d.level is Severity.ERROR and d.code[0] in "FSM"]
    assert not errors, [(d.code, d.span.line, d.message("en")) for d in errors]
    out = tmp_path / "random.docx"
    out.write_bytes(render_docx(comp.plan))
    assert findings(out) == []
