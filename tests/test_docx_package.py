"""The shared safe DOCX reader (tdkt_dsl/docx_package.py): one set of limits and errors for
`tdkt verify` and `tdkt import` (issue 9 item 6, issue 10 item 5).

Every hostile package is tried through both commands: both refuse it with the same F9xx code
and message, and exit 2 (the input cannot be used at all).
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import pytest

from tdkt_dsl import docx_package
from tdkt_dsl.compiler import compile_path
from tdkt_dsl.diagnostics import Problem, exit_code
from tdkt_dsl.docx_package import MB, DocxPackage, DocxRefused, detect_encoding, number, parse_xml
from tdkt_dsl.importer import import_bytes
from tdkt_dsl.render.docx import render_docx
from tdkt_dsl.verify import cli_verify, verify_path

ROOT = Path(__file__).resolve().parents[1]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
BODY = f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>Kế hoạch</w:t></w:r></w:p></w:body></w:document>'
DTD = '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
STYLES = f'<w:styles xmlns:w="{W}"/>'


def package(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def docx(document: bytes | None = None, **more: bytes) -> bytes:
    parts = {"[Content_Types].xml": CT, "word/document.xml": document or BODY.encode()}
    parts.update({k.replace("__", "/").replace("_xml", ".xml"): v for k, v in more.items()})
    return package(parts)


def refused_by_both(data: bytes, tmp_path: Path) -> str:
    """The code both commands refuse ``data`` with (and they must agree)."""
    with pytest.raises(DocxRefused) as exc:
        pkg = DocxPackage.from_bytes(data)
        pkg.xml(pkg.main_part())
    path = tmp_path / "hostile.docx"
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    assert cli_verify(str(path), out=out, err=err) == 2
    assert len(err.getvalue().strip().splitlines()) == 1 and "root:" not in err.getvalue() + out.getvalue()
    with pytest.raises(Problem) as imp:
        import_bytes(data, "hostile.docx")
    assert imp.value.code == exc.value.code and exit_code([imp.value.diagnostic]) == 2
    assert imp.value.message("vi") == exc.value.message("vi")
    return exc.value.code


# -- DTD in any part, anywhere, in any encoding --------------------------------------------------

def _doc_with_dtd(pad: int = 0, encoding: str = "utf-8", declaration: bool = True) -> bytes:
    decl = f'<?xml version="1.0" encoding="{encoding.upper()}"?>' if declaration else ""
    noise = random.Random(9).randbytes(pad // 2).hex()  # does not compress like a bomb
    text = decl + "<!--" + noise + "-->" + DTD + BODY.replace("Kế hoạch", "&x;")
    return text.encode(encoding)


@pytest.mark.parametrize("variant", [
    "first-bytes", "after-4kb", "after-1mb", "utf-16-bom", "utf-16le-no-bom", "utf-16be-no-bom",
    "utf-8-bom", "no-entity", "parameter-entity",
])
def test_dtd_is_refused_in_every_position_and_encoding(variant: str, tmp_path: Path) -> None:
    data = {
        "first-bytes": _doc_with_dtd(),
        "after-4kb": _doc_with_dtd(pad=5000),
        "after-1mb": _doc_with_dtd(pad=MB + 10),
        "utf-16-bom": _doc_with_dtd(encoding="utf-16"),
        "utf-16le-no-bom": _doc_with_dtd(encoding="utf-16-le"),
        "utf-16be-no-bom": _doc_with_dtd(encoding="utf-16-be"),
        "utf-8-bom": b"\xef\xbb\xbf" + _doc_with_dtd(),
        "no-entity": ('<!DOCTYPE w:document SYSTEM "http://example.com/evil.dtd">' + BODY).encode(),
        "parameter-entity": ('<!DOCTYPE d [<!ENTITY % p SYSTEM "http://example.com/x">%p;]>' + BODY).encode(),
    }[variant]
    assert refused_by_both(docx(data), tmp_path) == "F916"


@pytest.mark.parametrize("part", ["word/styles.xml", "word/header1.xml", "[Content_Types].xml",
                                  "word/_rels/document.xml.rels", "customXml/item1.xml"])
def test_dtd_in_any_part_refuses_the_package(part: str, tmp_path: Path) -> None:
    hostile = ('<?xml version="1.0"?>' + DTD + STYLES).encode("utf-16")  # UTF-16 as well
    parts = {"[Content_Types].xml": CT, "word/document.xml": BODY.encode(), part: hostile}
    assert refused_by_both(package(parts), tmp_path) == "F916"


def test_the_checked_text_is_the_parsed_text() -> None:
    """A declaration claiming UTF-16 over UTF-8 bytes cannot smuggle a DTD past the check."""
    assert detect_encoding("<?xml version='1.0' encoding='UTF-16'?>".encode("utf-16-le")) == ("utf-16-le", 0)
    assert detect_encoding(b"\xfe\xff\x00<") == ("utf-16-be", 2)
    assert detect_encoding(b'<?xml version="1.0" encoding="ISO-8859-1"?><a/>') == ("iso-8859-1", 0)
    with pytest.raises(DocxRefused) as exc:  # OOXML allows UTF-8 and UTF-16 only
        parse_xml(b'<?xml version="1.0" encoding="ISO-8859-1"?><a/>', "x.xml")
    assert exc.value.code == "F923"
    root = parse_xml(('<?xml version="1.0" encoding="UTF-16"?>' + BODY).encode("utf-16"), "d.xml")
    assert "".join(root.itertext()) == "Kế hoạch"


# -- zip limits, shared ------------------------------------------------------------------------

def test_zip_bomb_by_ratio(tmp_path: Path) -> None:
    data = docx(b"<a>" + b" " * (20 * MB) + b"</a>")  # 20 MB of spaces in ~20 kB (under the part limit)
    assert refused_by_both(data, tmp_path) == "F913"


@pytest.mark.parametrize("limit, value, code", [
    ("MAX_PART", 64 * 1024, "F912"), ("MAX_TOTAL", 64 * 1024, "F922"), ("MAX_ENTRIES", 3, "F911"),
    ("MAX_MARKUP", 100, "F924"),
])
def test_each_limit_refuses_just_above_it(monkeypatch, tmp_path: Path, limit: str, value: int, code: str) -> None:
    monkeypatch.setattr(docx_package, limit, value)
    # 100 kB of distinct paragraphs: compresses ~4:1, above the lowered limit
    paras = "".join(f"<w:p><w:r><w:t>đoạn {i}</w:t></w:r></w:p>" for i in range(3000))
    big = BODY.replace("<w:p><w:r><w:t>Kế hoạch</w:t></w:r></w:p>", paras).encode()
    assert len(big) > value
    data = docx(big, word__styles_xml=STYLES.encode(), word__settings_xml=STYLES.encode())
    assert refused_by_both(data, tmp_path) == code


def test_limits_are_not_off_by_one(monkeypatch) -> None:
    monkeypatch.setattr(docx_package, "MAX_ENTRIES", 2)
    DocxPackage.from_bytes(docx()).xml("word/document.xml")  # exactly at the limit
    monkeypatch.setattr(docx_package, "MAX_PART", len(BODY.encode()))
    DocxPackage.from_bytes(docx()).xml("word/document.xml")


@pytest.mark.parametrize("name", ["../evil.xml", "/etc/cron.d/x", "word/../../x.xml", "C:/x.xml", "word\\x.xml"])
def test_unsafe_part_names(name: str, tmp_path: Path) -> None:
    data = package({"[Content_Types].xml": CT, "word/document.xml": BODY.encode(), name: b"<a/>"})
    assert refused_by_both(data, tmp_path) == "F921"


def test_long_attribute_and_encrypted_part(tmp_path: Path) -> None:
    long_attr = BODY.replace("<w:p>", f'<w:p w:rsidR="{"A" * 70000}">').encode()
    assert refused_by_both(docx(long_attr), tmp_path) == "F925"
    encrypted = bytearray(docx())
    for sig, at in ((b"PK\x01\x02", 8), (b"PK\x03\x04", 6)):  # general-purpose flag, bit 0
        for m in re.finditer(re.escape(sig), bytes(encrypted)):
            encrypted[m.start() + at] |= 0x1
    assert refused_by_both(bytes(encrypted), tmp_path) == "F914"


def test_not_a_docx(tmp_path: Path) -> None:
    assert refused_by_both(b"%PDF-1.4", tmp_path) == "F909"
    assert refused_by_both(docx()[:60], tmp_path) == "F910"
    assert refused_by_both(package({"hello.txt": b"hi"}), tmp_path) == "F915"
    assert refused_by_both(docx(b"<w:document"), tmp_path) == "F917"


def test_numbers_in_attributes_are_bounded() -> None:
    assert number("1e400", -1e9, 1e9) is None and number("nan", 0, 10) is None
    assert number("2000000000", 1, 63) is None and number("abc", 0, 10) is None
    assert number("240", 0, 1000) == 240 and number("12.7", 0, 100) == 12
    assert number("9" * 5000, 0, 1e9) is None  # no 5000-digit int() conversion


# -- tdkt's own large outputs pass ---------------------------------------------------------------

def _big_plan(tmp_path: Path, times: int) -> Path:
    """long-bien-2023 with its sections and appendix tasks repeated (as bench/bench.py does)."""
    base = ROOT / "examples" / "long-bien-2023.tdkt"
    lines = base.read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("# "))
    impl = next(i for i, ln in enumerate(lines) if re.match(r"(?i)^tổ chức thực hiện\s*:", ln))
    app = next(i for i, ln in enumerate(lines) if re.match(r"(?i)^phụ lục\s*:", ln))
    task = next(i for i in range(app, len(lines)) if re.match(r"(?i)^nhiệm vụ\s*:", lines[i].strip()))
    out = lines[:start] + lines[start:impl] * times + lines[impl:task] + lines[task:] * times
    dest = tmp_path / "big.tdkt"
    dest.write_text("\n".join(out) + "\n", encoding="utf-8")
    (tmp_path / "profiles").symlink_to(ROOT / "examples" / "profiles")
    for f in (ROOT / "examples").glob("*.toml"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    return dest


def test_a_large_plan_passes_the_limits(tmp_path: Path) -> None:
    """50× the Long Biên plan (2 MB of document.xml; bench/docx_reader.py measures 100×): well
    inside every limit — a plan eight times longer still fits, and the ratio has room twice over."""
    comp = compile_path(str(_big_plan(tmp_path, 50)))
    data = render_docx(comp.plan)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        doc = z.getinfo("word/document.xml")
    assert doc.file_size > 1.5 * MB and doc.file_size * 8 * 2 < docx_package.MAX_PART
    assert doc.file_size / doc.compress_size * 2 < docx_package.MAX_RATIO
    with DocxPackage.from_bytes(data) as pkg:
        root = pkg.xml(pkg.main_part())
        assert len(root.findall(f".//{{{W}}}p")) > 5000
