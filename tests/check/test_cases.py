"""Per-rule pass/fail cases: tests/check/cases/<CODE>.yaml, one file for every registered code.

Case file format::

    code: D301
    cases:
      - name: a deadline before the issue date
        header: {year: 2023, date: 15/02/2023}   # optional; `none` = the plan is written in full
        plan: |
          phụ lục: Tiến độ
          nhiệm vụ: Trình xét tặng
            hạn: trước ngày 10/02/2023
        expect:                                  # every diagnostic: [code, line, column]
          - [D301, 3, 8]                         # (lines counted in `plan`; a 4th item names
                                                 #  another file, e.g. the profile)
        fixed: |                                 # optional: `plan` after `tdkt check --fix`
          ...

Unless `header: none`, the plan is preceded by a standard header of ``HEADER_LINES`` lines that
uses the office profile ``std.tdkt`` (agency, signer, units pgd/truong/tt, leader tp, recipients).
Other keys: `files` (more files beside the plan), `name_as` (the plan's file name), `setup`
(missing | directory | socket | large, for file errors), `raw` + `encoding` (the plan's bytes),
`skip` (a reason: the code cannot be produced by `tdkt check`).
"""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
import yaml

from tdkt_dsl import source as source_mod
from tdkt_dsl.compiler import compile_path
from tdkt_dsl.catalogue import CATALOGUE
from tdkt_dsl.fix import apply_edits

CASES = Path(__file__).resolve().parent / "cases"

STD_PROFILE = """\
cơ quan chủ quản: UBND QUẬN LONG BIÊN
cơ quan: PHÒNG GIÁO DỤC VÀ ĐÀO TẠO
tên cơ quan: Phòng Giáo dục và Đào tạo quận Long Biên
viết tắt: PGDĐT
địa danh: Long Biên
người ký: Nguyễn Văn An
chức vụ: Trưởng phòng
nơi nhận:
- Sở GDĐT Hà Nội
- Lưu: VT
"""

HEADER = """\
dùng: std.tdkt
năm: {year}
ngày: {date}
số: 05
trích yếu: Công tác thi đua, khen thưởng năm {{năm}}
đơn vị pgd: Phòng Giáo dục và Đào tạo
đơn vị truong: Các trường học
đơn vị tt: Thường trực Hội đồng Thi đua - Khen thưởng ngành
lãnh đạo tp: Đ/c Trưởng phòng
"""
HEADER_LINES = HEADER.count("\n")
# the standard units and leader are used here, so that a case need not use them all
STD_TAIL = """\

phụ lục: Phân công
nhiệm vụ: Tổng hợp
  chủ trì: pgd, truong, tt
  phụ trách: tp
  hạn: thường xuyên
"""


def _load() -> list[tuple[str, dict, dict]]:
    out = []
    for f in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        for i, case in enumerate(data.get("cases", [])):
            out.append((f.stem, data, case))
    return out


ALL = _load()


def _prepare(tmp_path: Path, case: dict) -> tuple[str, int, str | None]:
    """Write the case's files; return the plan path, the header length and the plan text."""
    for name, content in (case.get("files") or {}).items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(content, encoding="utf-8")
    (tmp_path / "std.tdkt").write_text(STD_PROFILE, encoding="utf-8")
    path = tmp_path / case.get("name_as", "plan.tdkt")
    setup = case.get("setup")
    if setup == "missing":
        return str(tmp_path / "khong-co.tdkt"), 0, None
    if setup == "directory":
        (tmp_path / "thu-muc").mkdir()
        return str(tmp_path / "thu-muc"), 0, None
    if setup == "socket":
        sock_path = tmp_path / "s.tdkt"
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.bind(str(sock_path))
        return str(sock_path), 0, None
    if "raw" in case:
        path.write_bytes(case["raw"].encode(case.get("encoding", "utf-8")))
        return str(path), 0, None
    header = case.get("header", {})
    if header == "none":
        head, k = "", 0
    else:
        header = header or {}
        head = HEADER.format(year=header.get("year", 2024), date=header.get("date", "15/01/2024"))
        k = HEADER_LINES
    plan = case["plan"]
    tail = "" if header == "none" or case.get("tail") is False else STD_TAIL
    path.write_text(head + plan + tail, encoding="utf-8")
    return str(path), k, plan


def _tuples(comp, plan_path: str, k: int) -> list[list]:
    out = []
    for d in comp.diagnostics:
        if d.span.file == plan_path:
            out.append([d.code, d.span.line - k, d.span.column])
        else:
            out.append([d.code, d.span.line, d.span.column, Path(d.span.file).name])
    return sorted(out, key=lambda t: (len(t), t[1], t[2], t[0]))


@pytest.mark.parametrize("stem,data,case", ALL, ids=[f"{s}-{c.get('name', i)}" for i, (s, _, c) in enumerate(ALL)])
def test_case(tmp_path, monkeypatch, stem, data, case):
    if case.get("skip"):
        pytest.skip(case["skip"])
    if case.get("setup") == "large":
        monkeypatch.setattr(source_mod, "MAX_SOURCE_BYTES", 10)
        case = {**case, "raw": case.get("raw", "năm: 2024\n" * 3)}
    path, k, plan = _prepare(tmp_path, case)
    comp = compile_path(path)
    got = _tuples(comp, path, k)
    want = sorted([list(t) for t in case.get("expect", [])], key=lambda t: (len(t), t[1], t[2], t[0]))
    assert got == want, "\n".join(f"{d.code} {d.span.line - k}:{d.span.column} {d.message('en')}"
                                  for d in comp.diagnostics)
    # every message formats in both languages without leftover placeholders
    for d in comp.diagnostics:
        for lang in ("vi", "en"):
            msg = d.message(lang)
            assert msg and not re.search(r"\{[a-z_]+\}", msg), (d.code, msg)
    if "fixed" in case:
        source = comp.sources[path]
        new, _ = apply_edits(source.text, [d for d in comp.diagnostics if d.span.file == path])
        lines = new.split("\n")
        body = "\n".join(lines[k:])
        tail = "" if case.get("header") == "none" or case.get("tail") is False else STD_TAIL
        assert body == case["fixed"] + tail


def test_every_check_code_has_a_case_file():
    codes = sorted(c for c in CATALOGUE if c[0] in "SMDYARCTX" or c in ("F901", "F902", "F903", "F904", "F905", "F906"))
    missing = [c for c in codes if not (CASES / f"{c}.yaml").is_file()]
    assert not missing, f"codes without tests/check/cases/<CODE>.yaml: {missing}"


@pytest.mark.parametrize("path", sorted(CASES.glob("*.yaml")), ids=lambda p: p.stem)
def test_case_file_names_its_code_and_has_a_failing_and_a_passing_case(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["code"] == path.stem and path.stem in CATALOGUE
    cases = data["cases"]
    if all(c.get("skip") for c in cases):
        return
    live = [c for c in cases if not c.get("skip")]
    assert any(any(t[0] == path.stem for t in c.get("expect", [])) for c in live), "no case triggers the code"
    if not path.stem.startswith(("F", "S")):
        assert any(all(t[0] != path.stem for t in c.get("expect", [])) for c in live), "no passing case"
