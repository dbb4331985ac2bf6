"""The one Markdown renderer of reports (tdkt_dsl/report.py): a list of diagnostics, grouped into
the sections the catalogue declares, sorted by line, in either language."""

from __future__ import annotations

from tdkt_dsl.diagnostics import Diagnostic, Fix, Span
from tdkt_dsl.report import render_markdown_report


def _d301(line: int) -> Diagnostic:
    return Diagnostic(code="D301", span=Span.point("ke-hoach.tdkt", line, 9),
                      params={"deadline": "trước ngày 10/02/2023", "issued": "15/02/2023"},
                      hints=[("Sửa hạn hoặc ngày ban hành.", "Fix the deadline or the issue date.")])


def test_items_are_sorted_by_line_under_their_section_with_hints():
    diags = [_d301(40), _d301(12)]
    md = render_markdown_report(diags, "vi", report="import", file="ke-hoach.tdkt", source="cu.docx",
                                output="ke-hoach.tdkt", blocks=10, tasks=3, joined=1)
    lines = md.splitlines()
    assert lines[0] == "# Báo cáo nhập: `cu.docx` → `ke-hoach.tdkt`"
    assert lines[2].startswith("Đọc 10 khối, 3 nhiệm vụ, nối lại 1 đoạn")
    assert "## Cần điền/sửa (2)" in lines  # D301 declares no section: the report's default
    first, second = [i for i, s in enumerate(lines) if s.startswith("- dòng")]
    assert lines[first].startswith("- dòng 12 [D301]: Thời hạn trước ngày 10/02/2023 đã qua")
    assert lines[second].startswith("- dòng 40 [D301]")
    assert lines[first + 1] == "  - gợi ý: Sửa hạn hoặc ngày ban hành."
    assert "Ghi chú" not in md  # an empty section is left out of the import report


def test_english_and_other_files_and_detached_places():
    other = Diagnostic(code="D301", span=Span.point("profiles/truong.tdkt", 7, 1),
                       params={"deadline": "before 10/02/2023", "issued": "15/02/2023"})
    detached = Diagnostic(code="F908", span=Span.at("cu.docx", "đoạn 5", "paragraph 5"),
                          fix=Fix(edits=[], vi="thêm chữ", en="add text"))
    md = render_markdown_report([other, detached, _d301(3)], "en", report="import", file="ke-hoach.tdkt",
                                source="cu.docx", output="ke-hoach.tdkt")
    assert md.startswith("# Import report: `cu.docx` → `ke-hoach.tdkt`\n")
    items = [s for s in md.splitlines() if s.startswith("- ")]
    assert items[0].startswith("- paragraph 5 [F908]: The file has no text to import.")
    assert items[1].startswith("- line 3 [D301]: The deadline")
    assert items[2].startswith("- profiles/truong.tdkt:7 [D301]")  # another file comes last, named
    assert "  - fix: add text" in md
    # the same diagnostics, the other language: same structure, Vietnamese words
    vi = render_markdown_report([other, detached, _d301(3)], "vi", report="import", file="ke-hoach.tdkt")
    assert [s.split(" [")[0] for s in vi.splitlines() if s.startswith("- ")] == \
        ["- đoạn 5", "- dòng 3", "- profiles/truong.tdkt:7"]


def test_missing_parameters_leave_the_template_and_never_raise():
    md = render_markdown_report([], "vi", report="import")
    assert md.splitlines()[0] == "# Báo cáo nhập: `{source}` → `{output}`"
