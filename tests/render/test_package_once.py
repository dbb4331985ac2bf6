"""The DOCX package is compressed once, with fixed timestamps: its bytes are those of python-docx's
own save() re-zipped with fixed timestamps (the way tdkt wrote it before), for every example."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_package_once_is_save_then_rezip():
    from tdkt_dsl.compiler import compile_path
    from tdkt_dsl.render import docx as writer

    captured = {}
    real = writer._package

    def spy(doc):
        data = real(doc)
        buf = io.BytesIO()
        doc.save(buf)
        captured["slow"] = writer._reproducible(buf.getvalue())
        return data

    for path in sorted((ROOT / "examples").glob("*.tdkt")):
        plan = compile_path(str(path)).plan
        writer._package = spy
        try:
            data = writer.render_docx(plan)
        finally:
            writer._package = real
        assert data == captured["slow"], path.name
        z = zipfile.ZipFile(io.BytesIO(data))
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert z.namelist()[0] == "[Content_Types].xml"
