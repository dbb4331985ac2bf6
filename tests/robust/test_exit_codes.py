"""Issue 9, 'consistent exit codes': one rule for every command, decided by diagnostics.exit_code.

An input refused as a whole (nothing of it read or checked) exits 2 whichever command reads it and
whichever limit it breaks; a finding inside an input that was read exits 1; 3 is never user input.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tdkt_dsl.catalogue import CATALOGUE
from tdkt_dsl.diagnostics import Diagnostic, Span, exit_code

from .test_cli_safety import MINIMAL, tdkt

# The F codes that are findings inside a file that was read (exit 1); every other F code refuses
# the whole file (exit 2). A new F code must be placed in one or the other on purpose.
FINDINGS_INSIDE_A_READ_FILE = {"F926"}


def test_every_file_code_is_a_refusal_except_the_findings_inside_a_read_file():
    f_codes = {c for c in CATALOGUE if c.startswith("F")}
    assert FINDINGS_INSIDE_A_READ_FILE <= f_codes
    for code in sorted(f_codes):
        d = Diagnostic(code=code, span=Span.at("x"), params={})
        want = 1 if code in FINDINGS_INSIDE_A_READ_FILE else 2
        assert exit_code([d]) == want, code
        # the refusal wins over any number of ordinary findings of the same run
        assert exit_code([Diagnostic(code="M201", span=Span.at("x"), params={}), d]) == want, code


def _docx(document: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", document)
    return buf.getvalue()


NOT_DOCX = {
    "plain text": ("old.docx", "KẾ HOẠCH\nThi đua năm 2024\n".encode("utf-8"), "F909"),
    "a PDF renamed": ("old.docx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n", "F909"),
    "an old .doc (OLE)": ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "F909"),
    "an empty file": ("old.docx", b"", "F909"),
    "a truncated zip": ("old.docx", _docx("<w:document/>")[:60], "F910"),
    "a zip without document.xml": ("old.docx", b"", "F915"),
    "a DTD": ("old.docx", b"", "F916"),
}


@pytest.mark.parametrize("case", sorted(NOT_DOCX))
def test_verify_and_import_give_the_same_code_and_exit_for_a_bad_docx(tmp_path, case):
    name, data, code = NOT_DOCX[case]
    if case == "a zip without document.xml":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("[Content_Types].xml", "<Types/>")
        data = buf.getvalue()
    if case == "a DTD":
        data = _docx('<?xml version="1.0"?><!DOCTYPE d SYSTEM "file:///etc/passwd"><w:document '
                     'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
    (tmp_path / name).write_bytes(data)
    v = tdkt(tmp_path, "verify", name)
    i = tdkt(tmp_path, "import", name, "-o", "out.tdkt")
    assert f"[{code}" in v.out and f"[{code}" in i.out, (v.out, i.out)
    assert v.returncode == i.returncode == 2
    assert not (tmp_path / "out.tdkt").exists()


@pytest.mark.parametrize("case", ["not utf-8", "binary", "too large", "too many lines"])
def test_a_plan_refused_as_a_whole_exits_2_in_check_and_build(tmp_path, case):
    from tdkt_dsl.source import MAX_LINES

    plan = tmp_path / "plan.tdkt"
    if case == "not utf-8":
        plan.write_bytes(MINIMAL.encode("cp1258", errors="replace"))
        code = "F902"
    elif case == "binary":
        plan.write_bytes(MINIMAL.encode("utf-8") + b"\0\0\0")
        code = "F903"
    elif case == "too large":
        plan.write_bytes(MINIMAL.encode("utf-8") + b"- a\n" * (5 * 1024 * 1024 + 1))  # > 20 MB
        code = "F905"
    elif case == "too many lines":
        plan.write_text(MINIMAL + "- a\n" * MAX_LINES, encoding="utf-8")
        code = "F927"
    for args in (["check", "plan.tdkt"], ["build", "plan.tdkt", "-o", "out.docx"]):
        r = tdkt(tmp_path, *args, timeout=300)
        assert r.returncode == 2 and f"[{code}]" in r.out, (args, r.out[-2000:])
    assert not (tmp_path / "out.docx").exists()


def test_a_line_over_the_limit_is_a_finding_exit_1(tmp_path):
    from tdkt_dsl.source import MAX_LINE_CHARS

    (tmp_path / "plan.tdkt").write_text(MINIMAL + "- " + "thi đua " * (MAX_LINE_CHARS // 7) + "\n",
                                        encoding="utf-8")
    r = tdkt(tmp_path, "check", "plan.tdkt")
    assert r.returncode == 1 and "[F926]" in r.out


@pytest.mark.parametrize("case", ["not utf-8", "binary", "no text"])
def test_import_of_a_text_refused_as_a_whole_exits_2(tmp_path, case):
    data = {"not utf-8": "KẾ HOẠCH thi đua".encode("cp1258", errors="replace") + b"\xff\xfe\x81",
            "binary": b"KE HOACH\0\0\0", "no text": b"\n  \n\t\n"}[case]
    code = {"not utf-8": "F902", "binary": "F903", "no text": "F908"}[case]
    (tmp_path / "old.txt").write_bytes(data)
    r = tdkt(tmp_path, "import", "old.txt", "-o", "out.tdkt")
    assert r.returncode == 2 and f"[{code}]" in r.out and not (tmp_path / "out.tdkt").exists()


def test_only_exit_code_decides(tmp_path):
    """No command computes its own number: verify's report and the batch use exit_code too."""
    root = Path(__file__).resolve().parents[2] / "tdkt_dsl"
    offenders = []
    for py in root.rglob("*.py"):
        text = py.read_text(encoding="utf-8")
        for n, line in enumerate(text.splitlines(), 1):
            if "rule.usage" in line and py.name != "diagnostics.py":
                offenders.append(f"{py.name}:{n}")
    assert not offenders, offenders


@pytest.mark.parametrize("limit, code", [("MAX_LINES", "F927"), ("MAX_SOURCE_BYTES", "F905")])
def test_an_import_beyond_the_plan_limits_is_refused_before_compiling(tmp_path, monkeypatch, capsys, limit, code):
    """A 20 MB document.xml gave a 41,600-line plan whose compilation took 550 MB: the imported
    plan must be one tdkt reads back, so an import beyond the source limits is refused (exit 2,
    nothing written) — the limits made small here, the same path as a huge document."""
    from tdkt_dsl import cli, source

    monkeypatch.setattr(source, limit, 60 if limit == "MAX_LINES" else 2000)
    body = "\n\n".join(f"Đoạn {i}: các đơn vị thực hiện công tác thi đua, khen thưởng năm học." for i in range(80))
    (tmp_path / "old.txt").write_text("KẾ HOẠCH\nCông tác thi đua năm 2024\nI. NỘI DUNG\n" + body + "\n",
                                      encoding="utf-8")
    rc = cli.run(["import", str(tmp_path / "old.txt"), "-o", str(tmp_path / "out.tdkt")])
    out = capsys.readouterr()
    assert rc == 2 and f"[{code}]" in out.err, out
    assert not (tmp_path / "out.tdkt").exists()
    monkeypatch.undo()
    assert cli.run(["import", str(tmp_path / "old.txt"), "-o", str(tmp_path / "out.tdkt")]) == 0  # the near miss


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["check", "plan.tdkt"], ["check", "bad.tdkt", "--lang", "en"],
                                  ["check", "plan.tdkt", "--format", "json"], ["rules"],
                                  ["diff", "plan.tdkt", "plan.tdkt"], ["check", "."],
                                  ["build", "plan.tdkt", "--to", "json"]])
def test_a_full_standard_output_is_an_output_refusal_not_an_internal_error(tmp_path, args):
    """`tdkt check plan.tdkt > /dev/full`: the disk the drafter redirected to is full — the output
    could not be written (O903 on `-`, exit 2) as `build -o -` says it, never 'internal error' (3)
    and never success."""
    import os
    import subprocess
    import sys

    (tmp_path / "plan.tdkt").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "bad.tdkt").write_text(MINIMAL.replace("năm:", "năm: x\n// ", 1), encoding="utf-8")
    env = {**os.environ, "PYTHONUTF8": "1", "TDKT_LANG": "", "TDKT_DEBUG": ""}
    with open("/dev/full", "w") as full:
        r = subprocess.run([sys.executable, "-m", "tdkt_dsl.cli", *args], cwd=tmp_path, stdout=full,
                           stderr=subprocess.PIPE, env=env, timeout=120)
    err = r.stderr.decode("utf-8", "replace")
    assert r.returncode == 2, err
    assert "[O903]" in err and "Traceback" not in err and "nội bộ" not in err and "internal" not in err, err
