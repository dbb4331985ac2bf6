"""Per-code cases for the codes a whole command reports (reading an input to import or verify,
writing an output): tests/cases/<CODE>.yaml, run through the real `tdkt` command line.

Case file format::

    code: F909
    cases:
      - name: a PDF renamed .docx
        args: [import, plan.docx, -o, out.tdkt]   # the command, run in a fresh directory
        bytes: {plan.docx: "%PDF-1.4"}            # files to write (latin-1 text → bytes)
        text: {plan.txt: "…"}                     # files to write (UTF-8)
        zip:                                      # zip packages to write: member → content
          plan.docx:
            word/document.xml: "<w:document …"    # or {repeat: " ", times: 300000, around: ["<a>", "</a>"]}
        docx: {plan.docx: minimal}                # tests/fixtures/minimal.tdkt built by tdkt
        fixture: {plan.tdkt: minimal}             # tests/fixtures/minimal.tdkt copied
        dirs: [out]                               # directories to create
        env: {TDKT_SOFFICE: /nonexistent}         # environment variables for the command
        expect: [F909]                            # codes the command reports ([] = none)
        exit: 2                                   # optional: the exit code

Codes that `tdkt check` reports have their cases in tests/check/cases/ instead.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from tdkt_dsl.catalogue import CATALOGUE

ROOT = Path(__file__).resolve().parent.parent.parent
CASES = Path(__file__).resolve().parent
_CODE = re.compile(r"\[([A-Z]\d{3})\]")


def _load() -> list[tuple[str, dict]]:
    out = []
    for f in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        for case in data["cases"]:
            out.append((f.stem, case))
    return out


ALL = _load()


def _content(spec) -> bytes:
    if isinstance(spec, dict):
        before, after = spec.get("around", ["", ""])
        return (before + spec["repeat"] * spec["times"] + after).encode("utf-8")
    return spec.encode("utf-8")


def _zip(members: dict, stored: bool = False) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED) as zf:
        for name, spec in members.items():
            if name == "_count":  # many small members
                for i in range(spec):
                    zf.writestr(f"m{i}.xml", "<a/>")
                continue
            zf.writestr(name, _content(spec))
    return buf.getvalue()


def _encrypted_flag(data: bytes) -> bytes:
    """Set bit 0 (encrypted) in every local and central header: what a password-protected
    package declares (zipfile cannot write one)."""
    out = bytearray(data)
    for sig, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = out.find(sig)
        while i >= 0:
            out[i + at] |= 1
            i = out.find(sig, i + 4)
    return bytes(out)


def _prepare(tmp: Path, case: dict) -> None:
    for d in case.get("dirs", []):
        (tmp / d).mkdir(parents=True, exist_ok=True)
    for name, content in (case.get("text") or {}).items():  # UTF-8 text, or {repeat:, times:, around:}
        (tmp / name).write_bytes(_content(content))
    for name, content in (case.get("bytes") or {}).items():
        (tmp / name).write_bytes(content.encode("latin-1"))
    for name, members in (case.get("zip") or {}).items():
        data = _zip({k: v for k, v in members.items() if k not in ("_encrypted", "_stored")},
                    stored=bool(members.get("_stored")))  # stored: no compression ratio to refuse
        (tmp / name).write_bytes(_encrypted_flag(data) if members.get("_encrypted") else data)
    for name, fixture in (case.get("fixture") or {}).items():
        (tmp / name).write_bytes((ROOT / "tests" / "fixtures" / f"{fixture}.tdkt").read_bytes())
    for name, fixture in (case.get("docx") or {}).items():
        from tdkt_dsl.compiler import compile_path
        from tdkt_dsl.render.docx import render_docx

        comp = compile_path(str(ROOT / "tests" / "fixtures" / f"{fixture}.tdkt"))
        (tmp / name).write_bytes(render_docx(comp.plan))


@pytest.mark.parametrize("stem,case", ALL, ids=[f"{s}-{c['name']}" for s, c in ALL])
def test_command_case(tmp_path, stem, case):
    _prepare(tmp_path, case)
    env = {**os.environ, "PYTHONUTF8": "1", "TDKT_LANG": "", **(case.get("env") or {})}
    r = subprocess.run([sys.executable, "-m", "tdkt_dsl.cli", *case["args"]], cwd=tmp_path,
                       capture_output=True, text=True, encoding="utf-8", timeout=120, env=env)
    out = r.stdout + r.stderr
    assert "Traceback" not in out
    got = sorted(set(_CODE.findall(out)) & {stem} | (set(_CODE.findall(out)) & set(case["expect"])))
    assert got == sorted(case["expect"]), out
    if "exit" in case:
        assert r.returncode == case["exit"], out


@pytest.mark.parametrize("path", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_case_file_has_a_firing_and_a_quiet_case(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["code"] == path.stem and path.stem in CATALOGUE
    assert any(path.stem in c["expect"] for c in data["cases"]), "no case triggers the code"
    assert any(path.stem not in c["expect"] for c in data["cases"]), "no near-identical quiet case"
