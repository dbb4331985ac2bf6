"""The static catalogue (tdkt_dsl/catalogue) is the one list of codes: every code has cases that
fire it and near-identical ones that do not, every code is emitted somewhere, and it is data that
needs nothing else imported."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tdkt_dsl.catalogue import CATALOGUE, STAGES, all_codes

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tdkt_dsl"
CASE_DIRS = (ROOT / "tests" / "check" / "cases", ROOT / "tests" / "cases", ROOT / "tests" / "importer" / "cases")


def _verify_cases() -> set[str]:
    sys.path.insert(0, str(ROOT / "tests" / "verify"))
    from tests.verify import test_verify, test_verify_codes

    return {code for code, *_ in test_verify.CASES + test_verify_codes.CASES}


def test_every_code_of_every_stage_has_cases():
    verify = _verify_cases()
    missing = [c.code for c in all_codes()
               if not any((d / f"{c.code}.yaml").is_file() for d in CASE_DIRS)
               and not (c.code.startswith("V") and c.code in verify)]
    assert not missing, ("codes without a case file (tests/check/cases, tests/cases, tests/importer/cases) or a planted "
                         f"defect (tests/verify/test_verify*.py CASES): {missing}")


def test_no_code_is_declared_that_nothing_emits():
    sources = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")
                        if "catalogue" not in p.relative_to(PACKAGE).parts)
    dead = [code for code in CATALOGUE if not re.search(rf"[\"']{code}[\"']", sources)]
    assert not dead, f"declared in the catalogue but emitted nowhere: {dead}"


def test_codes_names_and_templates_are_well_formed():
    assert sum(len(s) for s in STAGES) == len(CATALOGUE)
    for c in all_codes():
        assert re.fullmatch(r"[FSMDYARCTXVONI]\d{3}", c.code), c.code
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", c.name), c.name
        for template in (c.vi, c.en):
            assert template.strip() and template == template.strip()
        # both languages take the same parameters (an `x_en` stands for `x`)
        names = lambda t: {n.removesuffix("_en") for n in re.findall(r"(?<!\{)\{(\w+)\}", t)}  # noqa: E731
        assert names(c.vi) == names(c.en), c.code


def test_a_diagnostic_needs_nothing_else_imported():
    code = ("from tdkt_dsl.diagnostics import Diagnostic, Span\n"
            "d = Diagnostic(code='D301', span=Span.point('k.tdkt', 3, 4),"
            " params={'deadline': 'trước ngày 10/02/2023', 'issued': '15/02/2023'})\n"
            "print(d.message()); print(d.message('en'))\n"
            "import sys; print(sorted(m for m in sys.modules if m.startswith('tdkt_dsl.check')))\n")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                       encoding="utf-8", check=True)
    vi, en, checks = r.stdout.splitlines()
    assert vi.startswith("Thời hạn trước ngày 10/02/2023 đã qua") and en.startswith("The deadline")
    assert checks == "[]"


def test_no_import_is_done_for_its_side_effect():
    offenders = [f"{p.relative_to(ROOT)}:{i}" for p in PACKAGE.rglob("*.py")
                 for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if "noqa: F401" in line]
    assert not offenders, offenders
