"""The Markdown reports (`tdkt import --report`, `tdkt new --report`) as data: each report's title,
its introduction and its sections, in Vietnamese and English. `tdkt_dsl.report.render_markdown_report`
renders a list of diagnostics with one of these; a diagnostic is listed in the section its code
declares (``Code.section``), else in the report's default section.

Templates are `str.format` strings over the keyword parameters given to the renderer (a parameter
missing leaves the template as written)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    vi: str
    en: str


@dataclass(frozen=True)
class Report:
    key: str
    title_vi: str
    title_en: str
    sections: tuple[Section, ...]
    default: str  # the section of a code that declares none (a check's code, for example)
    intro_vi: str = ""
    intro_en: str = ""
    show_empty: bool = False  # an empty section is printed with "(không có)"


# what every report says the same way
LINE = {"vi": "dòng {line}", "en": "line {line}"}
NONE = {"vi": "(không có)", "en": "(none)"}

REPORTS: dict[str, Report] = {r.key: r for r in (
    Report(
        "import",
        title_vi="Báo cáo nhập: `{source}` → `{output}`",
        title_en="Import report: `{source}` → `{output}`",
        intro_vi="Đọc {blocks} khối, {tasks} nhiệm vụ, nối lại {joined} đoạn bị ngắt trang.",
        intro_en="{blocks} blocks read, {tasks} tasks, {joined} paragraphs rejoined across page breaks.",
        sections=(
            Section("todo", "Cần điền/sửa", "To fill in or correct"),
            Section("prose", "Giữ nguyên văn (không phân loại được)", "Kept as written (not classified)"),
            Section("note", "Ghi chú", "Notes"),
            Section("noise", "Nhiễu bản quét giữ thành chú thích", "Scan noise kept as comments"),
        ),
        default="todo",
    ),
    Report(
        "rollover",
        title_vi="Chuyển kế hoạch sang năm {new_year}",
        title_en="Rollover to {new_year}",
        intro_vi="Từ `{source}` ({old_year}) → `{output}` ({new_year}).",
        intro_en="From `{source}` ({old_year}) → `{output}` ({new_year}).",
        sections=(
            Section("changes", "Đã thay đổi", "Changes made"),
            Section("review", "Cần xem lại", "To review"),
        ),
        default="review",  # what `tdkt check` says about the new plan's context
        show_empty=True,
    ),
    Report(
        "derive",
        title_vi="Kế hoạch cấp dưới: {output}",
        title_en="Derived plan: {output}",
        intro_vi="Xây dựng từ `{source}`: {carried} nhiệm vụ giao cho cấp dưới được chuyển sang (chủ trì: "
                 "`{lead}`), {left_out} nhiệm vụ khác không chuyển.",
        intro_en="Derived from `{source}`: {carried} tasks addressed to the level below carried over "
                 "(lead: `{lead}`), {left_out} other tasks left out.",
        sections=(
            Section("carried", "Nhiệm vụ chuyển sang", "Tasks carried over"),
            Section("left-out", "Nhiệm vụ không chuyển (không giao cho cấp dưới)",
                    "Tasks left out (not addressed to the level below)"),
            Section("fill", "Cần điền", "To fill in"),
        ),
        default="fill",
        show_empty=True,
    ),
)}
