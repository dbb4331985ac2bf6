"""Hostile DOCX for verify and import (issue 9): numbers Word could not have written are located
findings (V904), never internal errors; work grows linearly with the number of sections.
Speed is measured in bench/docx_reader.py; here the *work* is counted (lines executed)."""

from __future__ import annotations

import io
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn

from tdkt_dsl.importer import import_bytes
from tdkt_dsl.verify import cli_verify, verify_path
from tdkt_dsl.verify.reader import read_docx
from tdkt_dsl.verify.rules import run_checks
from verify_fixtures import build_plan

ROOT = Path(__file__).resolve().parents[2]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def _package(document: str, **parts: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("word/document.xml", document)
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def _set(plan, xpath_tag: str, attr: str, value: str, nth: int = 0) -> None:
    el = list(plan.doc.element.body.iter(qn(xpath_tag)))[nth]
    el.set(qn(attr), value)


HOSTILE = {
    # (element, attribute, value): a real plan with one number no Word could write
    "size-1e400": ("w:sz", "w:val", "1e400"),
    "size-nan": ("w:sz", "w:val", "NaN"),
    "size-words": ("w:sz", "w:val", "mười bốn"),
    "grid-span-2e9": ("w:gridSpan", "w:val", "2000000000"),
    "indent-1e400": ("w:ind", "w:firstLine", "1e400"),
    "margin-huge": ("w:pgMar", "w:left", "9" * 400),
    "page-size-negative": ("w:pgSz", "w:w", "-11906"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_number_word_could_not_write_is_a_located_finding(tmp_path, name):
    tag, attr, value = HOSTILE[name]
    plan = build_plan()
    if tag == "w:gridSpan":  # a cell of the appendix table spanning two billion columns
        tc = plan.handles["appendix_table"]._tbl.tr_lst[1].tc_lst[1]
        tc.get_or_add_tcPr().append(tc.makeelement(qn("w:gridSpan"), {qn("w:val"): value}))
    else:
        _set(plan, tag, attr, value)
    path = plan.save(tmp_path / "plan.docx")
    diags = verify_path(path)
    bad = [d for d in diags if d.code == "V904"]
    assert len(bad) == 1 and value[:24] in bad[0].params["found"], [(d.code, d.message("en")) for d in diags]
    assert bad[0].span.detached and bad[0].span.label("vi")  # where: `đoạn 3`, `bảng 2`, `phần 1`
    out, err = io.StringIO(), io.StringIO()
    assert cli_verify(path, out=out, err=err) == 1 and not err.getvalue()  # a finding, not exit 2 or 3
    with open(path, "rb") as fh:  # import reads the same file without an error either
        import_bytes(fh.read(), "plan.docx")


def test_the_same_plan_without_the_junk_is_clean(tmp_path):
    assert verify_path(build_plan().save(tmp_path / "plan.docx")) == []


def test_verify_command_exit_codes_for_hostile_input(tmp_path):
    """Through the real command: 1e400 is a finding (exit 1, not 2 nor 3); a DTD is refused (2)."""
    plan = build_plan()
    _set(plan, "w:sz", "w:val", "1e400")
    path = plan.save(tmp_path / "plan.docx")
    r = subprocess.run([sys.executable, "-m", "tdkt_dsl.cli", "verify", path], capture_output=True,
                       text=True, encoding="utf-8", cwd=tmp_path)
    assert r.returncode == 1 and "[V904 attribute-value]" in r.stdout and "Traceback" not in r.stderr


# -- import: numbering and spans -------------------------------------------------------------------

NUMBERING = f"""<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="{{ilvl}}"><w:start w:val="{{start}}"/>
<w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>"""
LIST_DOC = (f'<w:document xmlns:w="{W}"><w:body>'
            + "".join(f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                      f'<w:r><w:t>Mục {i} của kế hoạch năm 2024</w:t></w:r></w:p>' for i in range(3))
            + "</w:body></w:document>")


@pytest.mark.parametrize("start,ilvl", [("100000000000", "0"), ("1e400", "0"), ("ba", "0"),
                                        ("1", "x"), ("1", "99999999999")])
def test_import_numbering_junk_is_bounded(start, ilvl):
    data = _package(LIST_DOC, **{"word/numbering.xml": NUMBERING.format(start=start, ilvl=ilvl)})
    done: list = []
    worker = threading.Thread(target=lambda: done.append(import_bytes(data, "plan.docx")), daemon=True)
    worker.start()
    worker.join(60)  # a bound on a hang, not a speed assertion: the work is three list labels
    assert done, "import did not finish"
    assert max(len(line) for line in done[0].text.splitlines()) < 400  # no 10^8-letter numeral


def test_import_grid_span_is_bounded():
    row = ('<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2000000000"/></w:tcPr><w:p><w:r><w:t>Nội dung</w:t></w:r></w:p></w:tc>'
           '<w:tc><w:p><w:r><w:t>Thời gian</w:t></w:r></w:p></w:tc></w:tr>')
    doc = (f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>KẾ HOẠCH năm 2024</w:t></w:r></w:p>'
           f'<w:tbl><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid>{row}{row}</w:tbl>'
           "</w:body></w:document>")
    res = import_bytes(_package(doc), "plan.docx")
    assert "Nội dung" in res.text


# -- linear work in the number of sections ---------------------------------------------------------

def _sections_doc(n: int) -> bytes:
    sect = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:bottom="1134" '
            'w:left="1701" w:right="1134"/></w:sectPr>')
    paras = "".join(f"<w:p><w:pPr>{sect}</w:pPr><w:r><w:t>PHỤ LỤC {i}</w:t></w:r></w:p>" for i in range(n))
    return _package(f'<w:document xmlns:w="{W}"><w:body>{paras}{sect}</w:body></w:document>')


def _lines_executed(data: bytes, tmp_path: Path) -> int:
    """Python lines executed by reading and verifying ``data``: a measure of work that does not
    depend on the machine's speed or load."""
    path = tmp_path / "s.docx"
    path.write_bytes(data)
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        run_checks(read_docx(str(path)))
    finally:
        sys.settrace(None)
    return count


def test_work_grows_linearly_with_sections(tmp_path):
    """40,000 section breaks (each an appendix heading) took 72 s: the work per section was
    proportional to the number of sections. Doubling the sections must about double the work."""
    small, large = (_lines_executed(_sections_doc(n), tmp_path) for n in (150, 300))
    assert large < 2.3 * small, (small, large)


def test_the_same_fault_in_every_section_is_one_finding_with_a_count(tmp_path):
    """300 appendix sections with the same faults: one finding per fault, '(và 299 chỗ khác)'."""
    path = tmp_path / "s.docx"
    path.write_bytes(_sections_doc(300))
    diags = run_checks(read_docx(str(path)))
    assert len(diags) < 20, [(d.code, d.span.label("en")) for d in diags]
    counts = {d.code: d.params.get("count", 1) for d in diags}
    assert counts["V707"] == 300 and counts["V702"] == 299 and "299" in next(
        d.message("vi") for d in diags if d.code == "V703")
