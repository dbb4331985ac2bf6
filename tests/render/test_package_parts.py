"""The DOCX package is written from parts made ahead of time (tdkt_dsl/generated_docx.py, by
scripts/gen_docx_parts.py) without python-docx: the parts must be current, and every example's
package must equal, byte for byte, the one python-docx itself writes from its default template
(compressed once, fixed timestamps) — the way tdkt wrote it before."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import pytest

from tests.scripts import load_script, modules_loaded

ROOT = Path(__file__).resolve().parents[2]
REGENERATE = ("tdkt_dsl/generated_docx.py is stale: python-docx or the styles of tdkt_dsl/render/docx.py "
              "changed since it was generated. Regenerate it, review the rendered pages and commit:\n"
              "    .venv/bin/python scripts/gen_docx_parts.py")


@pytest.fixture(scope="module")
def gen_script():
    return load_script("gen_docx_parts")


def test_generated_parts_are_current(gen_script):
    from tdkt_dsl import generated_docx as gen

    found = gen_script.members()
    assert gen.MEMBERS == tuple(name for name, _ in found), REGENERATE
    blobs = dict(found)
    assert gen.DOCUMENT == blobs[gen.DOCUMENT_PART] and gen.CORE == blobs[gen.CORE_PART], REGENERATE
    for name, (crc, size, packed) in gen.STATIC.items():
        assert zlib.decompress(packed, -15) == blobs[name] and (crc, size) == (zlib.crc32(blobs[name]), len(blobs[name])), name
    if gen.ZLIB == zlib.ZLIB_RUNTIME_VERSION:  # the module's very text (another zlib may deflate differently)
        assert gen_script.current(), REGENERATE


def test_package_equals_python_docx_for_every_example(gen_script):
    from tdkt_dsl.compiler import compile_path
    from tdkt_dsl.render.docx import render_docx

    paths = sorted((ROOT / "examples").glob("*.tdkt")) + sorted((ROOT / "tests" / "fixtures").glob("*.tdkt"))
    built = 0
    for path in paths:
        plan = compile_path(str(path)).plan
        if plan is None:
            continue
        data = render_docx(plan)
        assert data == gen_script.reference_docx(plan), path.name
        z = zipfile.ZipFile(io.BytesIO(data))
        assert z.testzip() is None
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert z.namelist()[0] == "[Content_Types].xml"
        built += 1
    assert built >= 8


def test_another_zlib_deflates_the_parts_again(monkeypatch):
    """Parts deflated by another zlib are deflated again by this one: the package never mixes two."""
    from tdkt_dsl import generated_docx as gen
    from tdkt_dsl.render import package

    monkeypatch.setattr(gen, "ZLIB", "0.0-other")
    package._static.cache_clear()
    try:
        again = package._static()
    finally:
        package._static.cache_clear()
    assert again.keys() == gen.STATIC.keys()
    for name, (crc, size, packed) in again.items():
        assert packed == package.deflate(zlib.decompress(gen.STATIC[name][2], -15)), name




def test_build_imports_neither_python_docx_nor_jinja2(tmp_path):
    """`tdkt build` writes the package without python-docx and the phrases without Jinja2 (both
    translated ahead of time)."""
    out = tmp_path / "out.docx"
    mods = modules_loaded("build", str(ROOT / "examples" / "long-bien-2023.tdkt"), "-o", str(out))
    assert out.exists()
    assert "tdkt_dsl.render.docx" in mods
    assert "docx" not in mods and "jinja2" not in mods
