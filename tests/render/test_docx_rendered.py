"""The DOCX as LibreOffice prints it (render-docx → PDF → poppler).

Skips, naming the Debian packages, when LibreOffice/poppler are missing; fails instead under
CI=true (tests/rendering.py).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rendering import font_families, render, squash
from tdkt_dsl.compiler import compile_path
from tdkt_dsl.render.docx import render_docx

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "render-sample.tdkt"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    comp = compile_path(str(FIXTURE))
    assert comp.ok
    out = tmp_path_factory.mktemp("render-sample")
    docx = out / "render-sample.docx"
    docx.write_bytes(render_docx(comp.plan))
    return render(docx, out)


def test_only_times_stand_in_fonts(rendered):
    assert font_families(tuple(rendered.fonts)) == {"LiberationSerif"}


def test_page_numbers(rendered):
    first = _lines(rendered.page_text[0])
    assert not any(re.fullmatch(r"\d+", line) for line in first), "page 1 shows a page number"
    assert first[0].startswith("UBND PHƯỜNG LONG BIÊN")
    assert _lines(rendered.page_text[1])[0] == "2"


def test_header_block_on_page_one(rendered):
    first = _lines(rendered.page_text[0])
    # the two columns side by side: agency left, Quốc hiệu right, on the same printed line
    assert re.match(r"UBND PHƯỜNG LONG BIÊN\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM$", first[0])
    number_date = next(line for line in first if line.startswith("Số:"))
    assert re.match(r"Số: 05/KH-PGDĐT\s+Long Biên, ngày 15 tháng 02 năm 2025$", number_date)
    assert "KẾ HOẠCH" in first


def test_appendices_start_new_pages_numbered_from_one(rendered):
    pages = [i for i, t in enumerate(rendered.page_text, 1) if "PHỤ LỤC" in t]
    heads = {i: next(line for line in _lines(rendered.page_text[i - 1]) if line.startswith("PHỤ LỤC"))
             for i in pages}
    assert list(heads.values()) == ["PHỤ LỤC I", "PHỤ LỤC II"]
    p1, p2 = pages
    assert rendered.landscape(p1) and not rendered.landscape(p2)
    for p in pages:
        assert _lines(rendered.page_text[p - 1])[0] == "1"
    assert all(not rendered.landscape(p) for p in range(1, p1))
    # the table's header row is on the appendix page
    assert "Nộidungcôngviệc" in squash(rendered.page_text[p1 - 1])


def test_signature_block_on_main_text(rendered):
    main = "\n".join(rendered.page_text[:2])
    assert "Nơi nhận:" in main and "KT. TRƯỞNG PHÒNG" in main and "Nguyễn Văn An" in main
    line = next(line for line in _lines(main) if line.startswith("Nơi nhận:"))
    assert line.endswith("KT. TRƯỞNG PHÒNG")
