"""Goldens of what the compiler writes for each example: ``word/document.xml`` pretty-printed
(``w:rsid*`` stripped; ``docProps/core.xml`` never compared) and the model as JSON without spans.
Shared by tests/test_goldens.py and scripts/regen-goldens (which rewrites them: review the diff)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from tdkt_dsl.compiler import compile_path
from tdkt_dsl.render.docx import render_docx
from tdkt_dsl.render.json import render_json

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.tdkt"))
GOLDEN_DIR = ROOT / "tests" / "goldens"


def document_xml(docx: bytes) -> str:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"),
                            etree.XMLParser(remove_blank_text=True))
    for el in root.iter():
        for key in [k for k in el.attrib if etree.QName(k).localname.startswith("rsid")]:
            del el.attrib[key]
    return etree.tostring(root, pretty_print=True, encoding="unicode")


def outputs(example: Path) -> dict[str, str]:
    """File name in tests/goldens → content, for one example."""
    comp = compile_path(str(example))
    assert comp.plan is not None, [d.code for d in comp.diagnostics]
    return {f"{example.stem}.document.xml": document_xml(render_docx(comp.plan)),
            f"{example.stem}.model.json": render_json(comp.plan, spans=False)}
