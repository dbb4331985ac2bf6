#!/usr/bin/env python3
"""Rewrite the rules table of README.md (between `<!-- rules:start -->` and `<!-- rules:end -->`)
from the static catalogue (tdkt_dsl/catalogue), so the documentation cannot drift from the code.

    python scripts/gen_rules.py            # rewrite README.md
    python scripts/gen_rules.py --check    # exit 1 if README.md is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

START, END = "<!-- rules:start -->", "<!-- rules:end -->"
FAMILIES = [
    ("F", "Tệp / files"), ("S", "Cú pháp / syntax"), ("M", "Mô hình / model"),
    ("D", "Ngày tháng / dates"), ("Y", "Năm trong văn xuôi / years in prose"),
    ("A", "Kỷ niệm, lịch âm / anniversaries and calendar"), ("R", "Tham chiếu, cấu trúc / references"),
    ("C", "Trích dẫn / citations"), ("T", "Vệ sinh văn bản / text hygiene"),
    ("X", "Bỏ qua, cấu hình / suppression and config"), ("V", "`tdkt verify` (DOCX)"),
    ("O", "Ghi tệp kết quả / output"), ("N", "Kế hoạch mới / `tdkt new`"),
    ("I", "`tdkt import` (báo cáo nhập / import report)"),
]
_SEV = {"error": "lỗi / error", "warning": "cảnh báo / warning", "info": "ghi chú / info"}


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def generate() -> str:
    from tdkt_dsl.catalogue import all_codes

    rules = all_codes()
    unlisted = sorted({r.code[0] for r in rules} - {letter for letter, _ in FAMILIES})
    if unlisted:
        raise SystemExit(f"gen_rules.py: add a title for the code families {unlisted} to FAMILIES")
    out = [
        "Sinh từ mã nguồn bằng `python scripts/gen_rules.py`; đừng sửa tay. Thông báo tiếng Anh: "
        "`tdkt rules --lang en`. Bỏ qua một mã trên một dòng: `// tdkt: bỏ qua D301`; cấu hình dự "
        "án: `[tool.tdkt]` (`ignore`, `severity`, `references`). `--fix` sửa các mã có dấu ✔.",
        "",
        "*Generated from the code by `python scripts/gen_rules.py`; do not edit by hand. ✔: `tdkt check "
        "--fix` applies a safe fix.*",
    ]
    for letter, title in FAMILIES:
        group = [r for r in rules if r.code.startswith(letter)]
        if not group:
            continue
        out += ["", f"**{title}**", "", "| mã | tên | mức | thông báo |", "|---|---|---|---|"]
        for r in group:
            fix = " ✔" if r.fixable else ""
            out.append(f"| `{r.code}`{fix} | `{r.name}` | {_SEV.get(r.severity.value, r.severity.value)} "
                       f"| {_cell(r.vi)} |")
    return "\n".join(out) + "\n"


def rewrite(text: str, block: str) -> str:
    a, b = text.index(START) + len(START), text.index(END)
    return text[:a] + "\n" + block + text[b:]


def main(argv: list[str]) -> int:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    new = rewrite(text, generate())
    if "--check" in argv:
        if new != text:
            print("README.md rules block is out of date: run python scripts/gen_rules.py", file=sys.stderr)
            return 1
        return 0
    if new != text:
        readme.write_text(new, encoding="utf-8")
        print("README.md: rules block rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
