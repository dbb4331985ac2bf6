"""Per-code cases of the import report (I codes, tdkt_dsl/catalogue/importer.py):
tests/importer/cases/<CODE>.yaml, each a case that fires the code and a near-identical one that
does not, run through `import_bytes` (the same function `tdkt import` and the web editor call).
Every imported plan must still build.

Case file format::

    code: I101
    cases:
      - name: a plan numbered as a report
        edit: [["Số: 05/KH-PGDĐT", "Số: 05/BC-PGDĐT"]]   # edits of base.txt (each must occur)
        text: "…"                # instead of base.txt: the whole input
        file: plan.md            # the input's name (its extension chooses the reader); plan.txt
        strip_diacritics: true   # the input as an OCR that lost every diacritic
        docx_members: {word/vbaProject.bin: "…"}   # a DOCX built by tdkt, with these members added
        expect: [I101]           # codes of this file's family the import reports ([] = none)
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

import pytest
import yaml

from tdkt_dsl.catalogue import CATALOGUE
from tdkt_dsl.compiler import compile_path, compile_text
from tdkt_dsl.importer import import_bytes
from tdkt_dsl.render.docx import render_docx

HERE = Path(__file__).resolve().parent / "cases"
ROOT = HERE.parent.parent.parent
BASE = (HERE / "base.txt").read_text(encoding="utf-8")


def _load() -> list[tuple[str, dict]]:
    return [(f.stem, case) for f in sorted(HERE.glob("*.yaml"))
            for case in yaml.safe_load(f.read_text(encoding="utf-8"))["cases"]]


ALL = _load()


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return unicodedata.normalize("NFC", "".join(c for c in s if not unicodedata.combining(c)))


def _input(case: dict) -> tuple[bytes, str]:
    if "docx_members" in case:
        data = render_docx(compile_path(str(ROOT / "tests" / "fixtures" / "render-sample.tdkt")).plan)
        src = zipfile.ZipFile(io.BytesIO(data))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
            for info in src.infolist():
                out.writestr(info.filename, src.read(info.filename))
            for name, content in case["docx_members"].items():
                out.writestr(name, content.encode("utf-8"))
        return buf.getvalue(), case.get("file", "plan.docx")
    text = case.get("text", BASE)
    for old, new in case.get("edit", []):
        assert old in text, f"edit does not apply: {old!r}"
        text = text.replace(old, new, 1)
    if case.get("strip_diacritics"):
        text = _fold(text)
    return text.encode("utf-8"), case.get("file", "plan.txt")


@pytest.mark.parametrize("stem,case", ALL, ids=[f"{s}-{c['name']}" for s, c in ALL])
def test_import_case(stem: str, case: dict) -> None:
    data, name = _input(case)
    res = import_bytes(data, name, "plan.tdkt")
    codes = {d.code for d in res.report}
    assert sorted(codes & ({stem} | set(case["expect"]))) == sorted(case["expect"]), res.report
    comp = compile_text(res.text, "plan.tdkt")
    assert comp.ok, [d.message() for d in comp.diagnostics if d.level.value == "error"]
    for d in res.report:  # every item is on a line of the written plan
        assert 1 <= d.span.line <= res.text.count("\n") + 1 and d.span.file == "plan.tdkt"


@pytest.mark.parametrize("path", sorted(HERE.glob("*.yaml")), ids=lambda p: p.stem)
def test_case_file_has_a_firing_and_a_quiet_case(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["code"] == path.stem and path.stem in CATALOGUE
    assert any(path.stem in c["expect"] for c in data["cases"]), "no case triggers the code"
    assert any(path.stem not in c["expect"] for c in data["cases"]), "no near-identical quiet case"
