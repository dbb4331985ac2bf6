#!/usr/bin/env python3
"""Regenerate tdkt_dsl/generated_docx.py: the parts of the DOCX package that are the same for every plan.

    .venv/bin/python scripts/gen_docx_parts.py          # write it
    .venv/bin/python scripts/gen_docx_parts.py --check  # exit 1 if it is stale

tdkt's DOCX starts from python-docx's default template, restyled here (`_fix_styles`: Times New
Roman, vi-VN, the body paragraph, headings, table text; `_page_number_header`). Doing that on every
build cost ~25 ms and python-docx's import ~27 ms, so it is done once, here: the generated module
holds every fixed part already deflated (with its CRC and size), the skeleton of word/document.xml
(a body holding only the final w:sectPr and its header references) and of docProps/core.xml, and
the members' order. `tdkt_dsl/render/package.py` writes the package from them. Rerun this script
after changing the look constants of tdkt_dsl/render/docx.py that styles use, or python-docx;
tests/render/test_package_parts.py fails while the module is stale, and checks that every example's
package equals the one python-docx itself writes (`reference_docx`).
"""

from __future__ import annotations

import io
import sys
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import _generate  # noqa: E402

from docx import Document  # noqa: E402
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from lxml import etree  # noqa: E402

from tdkt_dsl.render.docx import (BODY_AFTER, BODY_LINE, BODY_PT, FIRST_LINE, HEADING_BEFORE, LANG,  # noqa: E402
                                  PAGE_NUMBER_PT, TABLE_PT, DocxWriter, _el, _fonts_el, _lang_el, _rpr, _sub, qn)
from tdkt_dsl.render.package import deflate, fill_core  # noqa: E402

TARGET = ROOT / "tdkt_dsl" / "generated_docx.py"
DOCUMENT_PART = "word/document.xml"
CORE_PART = "docProps/core.xml"
# placeholders of the plan's core properties in the skeleton (package.core_xml replaces them)
PLACEHOLDERS = dict(title="title", subject="subject", author="author", keywords="keywords",
                    stamp=__import__("datetime").datetime(2000, 1, 1))


# ==== the reference: python-docx builds the package =============================================

def _fix_styles(doc) -> None:
    """Times New Roman in all four slots, vi-VN and black on docDefaults and every style;
    Normal = the body paragraph; Heading 1..4 restyled for the outline."""
    styles = doc.styles.element
    dd = styles.find(qn("w:docDefaults"))
    rpr = dd.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    for e in (_fonts_el(), _el("w:color", {"w:val": "000000"}), _el("w:sz", {"w:val": BODY_PT * 2}),
              _el("w:szCs", {"w:val": BODY_PT * 2}), _lang_el()):
        rpr.append(e)
    ppr = dd.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    ppr.append(_el("w:spacing", {"w:after": 0, "w:line": 240, "w:lineRule": "auto"}))

    for st in styles.iter(qn("w:style")):
        srpr = st.find(qn("w:rPr"))
        if srpr is None:
            srpr = _sub(st, "w:rPr")
        old = srpr.find(qn("w:rFonts"))
        fonts = _fonts_el()
        if old is not None:
            srpr.replace(old, fonts)
        else:
            srpr.insert(0, fonts)
        color = srpr.find(qn("w:color"))
        if color is not None:
            srpr.replace(color, _el("w:color", {"w:val": "000000"}))
        lang = srpr.find(qn("w:lang"))
        if lang is not None:
            srpr.replace(lang, _lang_el())

    normal = doc.styles["Normal"].element
    _set_style(normal, ppr=_el("w:pPr", None,
                               _el("w:spacing", {"w:before": 0, "w:after": BODY_AFTER, "w:line": BODY_LINE,
                                                 "w:lineRule": "auto"}),
                               _el("w:ind", {"w:firstLine": FIRST_LINE}),
                               _el("w:jc", {"w:val": "both"})),
               rpr=_style_rpr(size=BODY_PT))
    looks = {1: (True, False), 2: (True, False), 3: (True, True), 4: (False, True)}
    for level, (bold, italic) in looks.items():
        st = doc.styles[f"Heading {level}"].element
        _set_style(st, ppr=_el("w:pPr", None, _el("w:keepNext"), _el("w:keepLines"),
                               _el("w:spacing", {"w:before": HEADING_BEFORE[level], "w:after": BODY_AFTER}),
                               _el("w:outlineLvl", {"w:val": level - 1})),
                   rpr=_style_rpr(size=BODY_PT, bold=bold, italic=italic))
    # the page-number paragraph
    _set_style(doc.styles["Header"].element,
               ppr=_el("w:pPr", None, _el("w:spacing", {"w:before": 0, "w:after": 0, "w:line": 240,
                                                        "w:lineRule": "auto"}),
                       _el("w:ind", {"w:firstLine": 0}), _el("w:jc", {"w:val": "center"})),
               rpr=_style_rpr(size=PAGE_NUMBER_PT))
    # appendix table cells
    table_text = doc.styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = doc.styles["Normal"]
    _set_style(table_text.element,
               ppr=_el("w:pPr", None, _el("w:spacing", {"w:before": 40, "w:after": 40, "w:line": 240,
                                                        "w:lineRule": "auto"}),
                       _el("w:ind", {"w:left": 0, "w:right": 0, "w:firstLine": 0}),
                       _el("w:jc", {"w:val": "left"})),
               rpr=_style_rpr(size=TABLE_PT))


def _style_rpr(*, size: float, bold: bool = False, italic: bool = False) -> etree._Element:
    rpr = _el("w:rPr", None, _fonts_el())
    if bold:
        rpr.append(_el("w:b"))
        rpr.append(_el("w:bCs"))
    if italic:
        rpr.append(_el("w:i"))
        rpr.append(_el("w:iCs"))
    for e in (_el("w:color", {"w:val": "000000"}), _el("w:sz", {"w:val": round(size * 2)}),
              _el("w:szCs", {"w:val": round(size * 2)}), _lang_el()):
        rpr.append(e)
    return rpr


def _set_style(st, *, ppr, rpr) -> None:
    for tag in ("w:pPr", "w:rPr"):
        old = st.find(qn(tag))
        if old is not None:
            st.remove(old)
    st.append(ppr)
    st.append(rpr)


def _page_number_header(doc) -> None:
    """Page numbers: a PAGE field centred in the header from page 2 on; page 1 has its own,
    empty first-page header (titlePg). Appendix sections inherit the default header."""
    sec = doc.sections[0]
    sec.different_first_page_header_footer = True
    sec.header.is_linked_to_previous = False
    sec.first_page_header.is_linked_to_previous = False
    hdr = sec.header._element
    for p in hdr.findall(qn("w:p")):
        hdr.remove(p)
    p = _sub(hdr, "w:p")
    ppr = _sub(p, "w:pPr")
    _sub(ppr, "w:pStyle", {"w:val": "Header"})
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "2"), ("end", None)):
        r = _sub(p, "w:r")
        _rpr(r, size=PAGE_NUMBER_PT)
        if kind == "instr":
            t = _sub(r, "w:instrText")
            t.text = text
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        elif kind == "text":
            _sub(r, "w:t").text = text
        else:
            _sub(r, "w:fldChar", {"w:fldCharType": kind})
    first = sec.first_page_header._element
    for p in first.findall(qn("w:p")):
        first.remove(p)
    _sub(_sub(_sub(first, "w:p"), "w:pPr"), "w:pStyle", {"w:val": "Header"})


def _core_properties(doc, values: dict) -> None:
    """The core properties as python-docx sets them (``DocxWriter.core_properties`` gives the plan's)."""
    cp = doc.core_properties
    cp.title = values["title"]
    cp.subject = values["subject"]
    cp.author = values["author"]
    cp.last_modified_by = "tdkt"
    cp.language = LANG
    cp.keywords = values["keywords"]
    cp.comments = ""
    cp.revision = 1
    cp.created = values["stamp"]
    cp.modified = values["stamp"]
    cp.last_printed = values["stamp"]


_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # fixed timestamps: the same plan gives the same bytes


class _ReproducibleZip:
    """python-docx's package writer with fixed timestamps and file mode, so the package is
    compressed once (doc.save() then re-zipping cost twice the deflate time)."""

    def __init__(self, buf) -> None:
        self._zipf = zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED)

    def write(self, pack_uri, blob: bytes) -> None:
        zi = zipfile.ZipInfo(pack_uri.membername, date_time=_ZIP_EPOCH)
        zi.compress_type = zipfile.ZIP_DEFLATED
        zi.external_attr = 0o644 << 16
        self._zipf.writestr(zi, blob)

    def close(self) -> None:
        self._zipf.close()


def _package(doc) -> bytes:
    """The .docx bytes, written as python-docx's OpcPackage.save() writes them (same parts, same
    order) through _ReproducibleZip."""
    try:
        from docx.opc.pkgwriter import PackageWriter

        steps = (PackageWriter._write_content_types_stream, PackageWriter._write_pkg_rels,
                 PackageWriter._write_parts)
    except (ImportError, AttributeError):  # another python-docx: save, then re-zip
        buf = io.BytesIO()
        doc.save(buf)
        return _reproducible(buf.getvalue())
    pkg = doc.part.package
    parts = list(pkg.parts)
    for part in parts:
        part.before_marshal()
    buf = io.BytesIO()
    writer = _ReproducibleZip(buf)
    steps[0](writer, parts)
    steps[1](writer, pkg.rels)
    steps[2](writer, parts)
    writer.close()
    return buf.getvalue()


def _reproducible(data: bytes) -> bytes:
    """Re-zip with fixed timestamps so the same plan gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=_ZIP_EPOCH)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def base_document():
    """python-docx's default template, restyled, its body holding only the final w:sectPr."""
    doc = Document()
    _fix_styles(doc)
    _page_number_header(doc)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return doc


def reference_docx(plan) -> bytes:
    """The DOCX python-docx writes for ``plan`` (the body by the same DocxWriter): what
    ``render_docx`` must equal byte for byte."""
    doc = base_document()
    writer = DocxWriter(plan)
    _core_properties(doc, writer.core_properties())
    writer.fill(doc.element.body)
    return _package(doc)


# ==== the generated module =====================================================================

class _Capture:
    """Stands in for the zip writer: the members in order with their bytes."""

    def __init__(self) -> None:
        self.members: list[tuple[str, bytes]] = []

    def write(self, pack_uri, blob: bytes) -> None:
        self.members.append((pack_uri.membername, blob))


def members() -> list[tuple[str, bytes]]:
    """Every member of the package in order; the two plan parts as skeletons."""
    from docx.opc.pkgwriter import PackageWriter

    doc = base_document()
    _core_properties(doc, PLACEHOLDERS)
    pkg = doc.part.package
    parts = list(pkg.parts)
    for part in parts:
        part.before_marshal()
    cap = _Capture()
    PackageWriter._write_content_types_stream(cap, parts)
    PackageWriter._write_pkg_rels(cap, pkg.rels)
    PackageWriter._write_parts(cap, parts)
    for name, blob in cap.members:
        # the runtime parses the skeletons and serialises them again
        if name == CORE_PART and fill_core(blob, **PLACEHOLDERS) != blob:
            raise AssertionError(f"{name} does not survive parsing: {blob!r}")
        if name == DOCUMENT_PART and etree.tostring(etree.fromstring(blob), encoding="UTF-8", standalone=True) != blob:
                raise AssertionError(f"{name} does not survive parsing: {blob!r}")
    return cap.members


def _bytes_literal(data: bytes, indent: str) -> str:
    chunks = [data[i:i + 60] for i in range(0, len(data), 60)] or [b""]
    return "(" + f"\n{indent} ".join(repr(c) for c in chunks) + ")"


def generate() -> str:
    found = members()
    names = [name for name, _ in found]
    blobs = dict(found)
    out = ["# GENERATED by scripts/gen_docx_parts.py from python-docx's default template and",
           "# tdkt_dsl/render/docx.py's styles — do not edit; rerun the script.  # noqa",
           "# fmt: off",
           f"ZLIB = {zlib.ZLIB_RUNTIME_VERSION!r}  # the zlib that deflated STATIC",
           f"DOCUMENT_PART = {DOCUMENT_PART!r}",
           f"CORE_PART = {CORE_PART!r}",
           f"MEMBERS = {tuple(names)!r}",
           f"DOCUMENT = {_bytes_literal(blobs[DOCUMENT_PART], '           ')}",
           f"CORE = {_bytes_literal(blobs[CORE_PART], '       ')}",
           "STATIC = {  # name: (CRC-32, size, deflated bytes)"]
    for name in names:
        if name not in (DOCUMENT_PART, CORE_PART):
            data = blobs[name]
            out.append(f"    {name!r}: ({zlib.crc32(data)}, {len(data)},")
            out.append(f"        {_bytes_literal(deflate(data), '        ')}),")
    out.append("}")
    return "\n".join(out) + "\n"


current, write = _generate.text_file(TARGET, generate, ROOT)


def main(argv: list[str] | None = None) -> int:
    return _generate.main("DOCX parts", "gen_docx_parts.py", current, write, argv)


if __name__ == "__main__":
    sys.exit(main())
