"""`tdkt import`: reference plans (as text, and as DOCX from pandoc and python-docx) survive
import → build word for word (≥ 98 % of their paragraphs; the figure is printed per plan); the DOCX
that `tdkt build` makes from each example imports back to the same model; hostile or broken input
is refused with one clear message and exit 1."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tdkt_dsl.compiler import compile_path, compile_text
from tdkt_dsl.diagnostics import Problem
from tdkt_dsl.importer import import_bytes
from tdkt_dsl.importer.safety import MAX_INPUT_BYTES
from tdkt_dsl.render.docx import render_docx
from tdkt_dsl.render.text import render_text

from .producers import have_pandoc, pandoc_docx, python_docx
from .roundtrip import measure

ROOT = Path(__file__).resolve().parent.parent.parent
REFS = sorted((ROOT / "tests" / "reference-plans").glob("*.txt"))
EXAMPLES = sorted((ROOT / "examples").glob("*.tdkt"))


def _tdkt(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tdkt_dsl.cli", *args], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def _roundtrip(data: bytes, name: str, ref_text: str, label: str) -> float:
    res = import_bytes(data, name)
    comp = compile_text(res.text, "<imported>")
    assert comp.ok, [f"{d.span.line}: {d.message()}" for d in comp.diagnostics if d.level.value == "error"]
    kept, total, missing = measure(ref_text, render_text(comp.plan))
    share = kept / total
    print(f"\nround trip {label}: {kept}/{total} paragraphs word for word = {share:.1%}"
          + "".join(f"\n   differs: {m[:100]}" for m in missing))
    return share


@pytest.mark.parametrize("ref", REFS, ids=lambda p: p.stem)
def test_roundtrip_text(ref: Path) -> None:
    text = ref.read_text(encoding="utf-8")
    assert _roundtrip(text.encode("utf-8"), ref.name, text, f"{ref.stem} (.txt)") >= 0.98


@pytest.mark.skipif(not have_pandoc(), reason="pandoc not installed")
@pytest.mark.parametrize("ref", REFS, ids=lambda p: p.stem)
def test_roundtrip_pandoc_docx(ref: Path, tmp_path: Path) -> None:
    text = ref.read_text(encoding="utf-8")
    docx = pandoc_docx(text, tmp_path / f"{ref.stem}.docx")
    assert _roundtrip(docx.read_bytes(), docx.name, text, f"{ref.stem} (pandoc DOCX)") >= 0.98


@pytest.mark.parametrize("ref", REFS, ids=lambda p: p.stem)
def test_roundtrip_python_docx(ref: Path, tmp_path: Path) -> None:
    text = ref.read_text(encoding="utf-8")
    docx = python_docx(text, tmp_path / f"{ref.stem}.docx")
    assert _roundtrip(docx.read_bytes(), docx.name, text, f"{ref.stem} (python-docx DOCX)") >= 0.98


# ---- tdkt's own DOCX back to the model ---------------------------------------------------------

def _names(plan, refs, pool):
    reg = getattr(plan.registry, pool)
    other = plan.registry.leaders if pool == "units" else {}  # a leader may lead a task
    return [(reg.get(r.id) or other[r.id]).name.plain for r in refs]


def _words(text: str) -> str:
    """The words a reader sees: a line break the drafter forced with `|` is not one of them."""
    return " ".join(text.replace("|", " ").split())


def _projection(plan) -> dict:
    """What a reader of the printed plan sees, independent of ids and source layout."""
    h = plan.header
    sections = []
    for s in plan.walk_sections():
        sections.append((s.level, s.role, s.title.plain if s.title else None,
                         [(c.kind, c.text.plain) for c in s.children if not hasattr(c, "level")]))
    if sections and sections[-1][3] and plan.closing is None:  # the text's last "." is printed as "./."
        kind, text = sections[-1][3][-1]
        sections[-1][3][-1] = (kind, text.rstrip("."))
    tasks = []
    for a in plan.appendices:
        if a.layout == "by_month":
            # a month prints as one row: its items (with their own deadlines) and the month's units
            for g in a.groups:
                names = sorted({n for t in g.tasks for n in _names(plan, t.lead + t.partners, "units")})
                tasks.append((g.month.key(), [(t.content.plain, t.deadline.latest()) for t in g.tasks], names))
            continue
        for t in a.all_tasks():
            d = t.deadline
            tasks.append((t.content.plain, d.kind, d.latest(), d.text,
                          sorted(_names(plan, t.lead + t.partners, "units")) if any(c.kind == "units" for c in a.columns)
                          else (_names(plan, t.lead, "units"), _names(plan, t.partners, "units")),
                          _names(plan, t.responsible, "leaders")))
    return {
        "header": (h.year, h.school_year, h.number.full if h.number else None, h.date.as_date() if h.date else None,
                   _words(h.title.plain), _words(h.issuer.plain).upper() if h.issuer else None,
                   h.place.plain if h.place else None),
        "signer": tuple(x.plain.upper() if x else None for x in (plan.signer.name, plan.signer.position, plan.signer.authority)),
        "recipients": [(r.text.plain, r.archive) for r in plan.recipients],
        "closing": plan.closing.text.plain.rstrip(".") if plan.closing else None,  # the layout adds "./."
        "sections": sections,
        "appendices": [(a.title.plain.upper(), a.layout, [c.kind for c in a.columns]) for a in plan.appendices],
        "tasks": tasks,
    }


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_tdkt_docx_imports_to_the_same_model(example: Path) -> None:
    comp = compile_path(str(example))
    assert comp.plan is not None
    res = import_bytes(render_docx(comp.plan), example.stem + ".docx")
    back = compile_text(res.text, "<imported>")
    assert back.ok, [f"{d.span.line}: {d.message()}" for d in back.diagnostics if d.level.value == "error"]
    want, got = _projection(comp.plan), _projection(back.plan)
    for key in want:
        if key == "header":  # the issuer as printed (capitals); the rest exactly
            assert got[key] == want[key], key
        else:
            assert got[key] == want[key], key


# ---- refused input -------------------------------------------------------------------------------

def _zip(members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


_CT = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
_DOC = ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:body><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:body></w:document>')

REFUSED = {
    "not-a-zip.docx": (b"%PDF-1.4 not a docx at all", "zip"),
    "truncated.docx": (_zip({"[Content_Types].xml": _CT, "word/document.xml": _DOC.format("x").encode()})[:60], "zip"),
    "zip-not-docx.docx": (_zip({"hello.txt": b"hi"}), "word/document.xml"),
    "bomb.docx": (_zip({"[Content_Types].xml": _CT, "word/document.xml": b"<a>" + b" " * (40 * 1024 * 1024) + b"</a>"}),
                  "bom zip"),
    "entities.docx": (_zip({"[Content_Types].xml": _CT, "word/document.xml": (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + _DOC.format("&x;").split("?>", 1)[1]).encode()}), "DTD"),
    "broken-xml.docx": (_zip({"[Content_Types].xml": _CT, "word/document.xml": b"<w:document><w:body>"}), "XML"),
    "latin1.txt": ("Kế hoạch".encode("cp1258", errors="replace") + b"\xff\xfe", "UTF-8"),
    "binary.txt": (b"abc\x00def", "NUL"),
    "picture.png": (b"\x89PNG....", ".png"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_inputs(name: str, tmp_path: Path) -> None:
    data, words = REFUSED[name]
    (tmp_path / name).write_bytes(data)
    r = _tdkt("import", name, "-o", "out.tdkt", cwd=tmp_path)
    # a file refused as a whole — no readable DOCX, a text not UTF-8 or not text — exits 2, as in
    # `tdkt verify` and `tdkt check` (diagnostics.exit_code)
    assert r.returncode == 2, r.stderr
    lines = [l for l in r.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and words in lines[0], r.stderr  # one clear message
    assert "Traceback" not in r.stderr and not (tmp_path / "out.tdkt").exists()


def test_oversized_input_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.docx"
    with open(big, "wb") as fh:
        fh.truncate(MAX_INPUT_BYTES + 1024 * 1024)
    r = _tdkt("import", big.name, "-o", "out.tdkt", cwd=tmp_path)
    assert r.returncode == 2 and "quá lớn" in r.stderr


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    r = _tdkt("import", "nope.docx", "-o", "out.tdkt", cwd=tmp_path)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1


def test_macros_are_ignored(tmp_path: Path) -> None:
    ex = ROOT / "tests" / "fixtures" / "render-sample.tdkt"
    data = render_docx(compile_path(str(ex)).plan)
    src = zipfile.ZipFile(io.BytesIO(data))
    members = {i.filename: src.read(i.filename) for i in src.infolist()}
    members["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macro payload"
    res = import_bytes(_zip(members), "macro.docm")
    assert any(d.code == "I311" and "macro" in d.message() for d in res.report)
    assert compile_text(res.text, "<m>").ok


def test_cli_writes_source_and_report(tmp_path: Path) -> None:
    ref = REFS[0]
    (tmp_path / ref.name).write_bytes(ref.read_bytes())
    r = _tdkt("import", ref.name, "-o", "plan.tdkt", "--report", "plan.md", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "plan.md").read_text(encoding="utf-8").strip() == r.stdout.strip()
    b = _tdkt("build", "plan.tdkt", cwd=tmp_path)
    assert b.returncode == 0, b.stderr


def test_unclassified_text_is_kept_and_reported() -> None:
    text = ("Số: 03/KH-PGDĐT\nHà Đông, ngày 05 tháng 01 năm 2024\nKẾ HOẠCH\nCông tác thi đua năm 2024\n"
            "I. NỘI DUNG\n1. Phát động\n- Làm việc {gấp} @ngay // không phải chú thích\n"
            "Số: không phải số ký hiệu\nNơi nhận:\n- Sở GDĐT;\n- Lưu: VT.\nTRƯỞNG PHÒNG\nNguyễn Văn A\n"
            "Ghi chú lạ sau chữ ký\nPHỤ LỤC\nLịch công tác\nTT\tNội dung\tThời gian\n1\tViệc A\tCuối quý II/2024\n"
            "Tháng 03/2024\n")
    res = import_bytes(text.encode("utf-8"), "x.txt")
    comp = compile_text(res.text, "<x>")
    assert comp.ok
    printed = render_text(comp.plan)
    assert "- Làm việc {gấp} @ngay // không phải chú thích" in printed
    assert "Số: không phải số ký hiệu" in printed
    assert "Cuối quý II/2024" in printed
    assert "Ghi chú lạ sau chữ ký" in res.text
    sections = {d.rule.section for d in res.report}
    assert "prose" in sections


# ---- round trip keeps what the printed plan says about its issuer, pages and signer --------------

@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_roundtrip_keeps_issuer_name_position_and_orientation(example: Path) -> None:
    source = example.read_text(encoding="utf-8")
    source = re.sub(r"(?m)^(phụ lục: .*)$", r"\1\nkhổ: ngang", source, count=1)  # one landscape appendix
    plan = compile_text(source, str(example)).plan
    assert plan is not None
    back = compile_text(import_bytes(render_docx(plan), "x.docx").text, "<imported>").plan
    assert back.signer.name.plain == plan.signer.name.plain
    assert back.signer.position.plain == plan.signer.position.plain  # "Phó Hiệu trưởng", not "Phó hiệu trưởng"
    assert [a.orientation for a in back.appendices] == [a.orientation for a in plan.appendices]
    if plan.appendices:  # the caption prints the issuer's running-text name
        assert back.header.issuer_name.plain == plan.header.issuer_name.plain


@pytest.mark.parametrize("name, ident", [
    ("Phòng Giáo dục và Đào tạo", "pgddt"), ("Phòng GD&ĐT", "pgddt"), ("Đ/c Trưởng phòng", "tp"),
    ("Đ/c Phó Chủ tịch UBND Quận", "pct-ubnd-quan"), ("TT HĐTĐKT ngành", "tt-hdtdkt-nganh"),
    ("Các trường MN, TH, THCS", "truong-mn-th-thcs"), ("Ban Giám hiệu", "bgh"),
    ("Sở GD&ĐT Hà Nội", "sgddt-hn"), ("Giáo viên chủ nhiệm", "gvcn"),
])
def test_readable_ids(name: str, ident: str) -> None:
    from tdkt_dsl.importer.emit import readable_id
    assert readable_id(name) == ident


def test_imported_ids_are_unique_across_units_and_leaders() -> None:
    text = ("KẾ HOẠCH\nThi đua năm 2024\nPHỤ LỤC\nTT\tNội dung\tĐơn vị chủ trì\tLãnh đạo phụ trách\n"
            "1\tViệc A\tTổ Phó\tTổ phó\n2\tViệc B\tTrưởng phòng\tĐ/c Trưởng phòng\n")
    res = import_bytes(text.encode(), "x.txt")
    ids = re.findall(r"(?m)^(?:đơn vị|lãnh đạo) ([\w-]+):", res.text)
    assert len(ids) == len(set(ids)) == 4 and "tp" in ids
    assert compile_text(res.text, "<x>").ok


# ---- a month timeline as published: one row per month, its tasks listed in the cell ------------

TIMELINE = """TRƯỜNG TIỂU HỌC ÁI MỘ
Số: 12/KH-THAM
Bồ Đề, ngày 10 tháng 9 năm 2026
KẾ HOẠCH
Công tác thi đua, khen thưởng năm học 2026-2027
I. NỘI DUNG
- Các tổ đăng ký thi đua.
Trên đây là kế hoạch của nhà trường./.
Nơi nhận:
- Phòng GDĐT;
- Lưu: VT.
HIỆU TRƯỞNG
Lê Thị Mai
PHỤ LỤC
LỊCH THỰC HIỆN
Tháng\tNội dung công việc\tNgười thực hiện
Tháng 9\t<ul><li>- Xây dựng kế hoạch thi đua</li><li>- Phát động thi đua chào mừng 20/11</li></ul>\tBan Giám hiệu
Tháng 10\t- Hội thi giáo viên dạy giỏi\tTổ chuyên môn
Tháng\tNội dung công việc\tNgười thực hiện
Tháng 11\t<ul><li>- Sơ kết đợt thi đua</li><li>- Báo cáo Phòng GDĐT</li></ul>\tBan Giám hiệu; Công đoàn
Tháng 1/2027\tSơ kết học kỳ I\tHội đồng Thi đua - Khen thưởng
"""


@pytest.mark.parametrize("variant", ["tabs", "markdown", "html"])
def test_month_timeline_rows_become_month_groups(variant: str) -> None:
    text, name = TIMELINE, "t.txt"
    if variant != "tabs":
        head, table = TIMELINE.split("Tháng\tNội", 1)
        rows = [r.split("\t") for r in ("Tháng\tNội" + table).strip().splitlines()]
        if variant == "markdown":
            text = head + "\n".join("| " + " | ".join(r) + " |" for r in rows[:1]) + "\n|---|---|---|\n" + \
                "\n".join("| " + " | ".join(r) + " |" for r in rows[1:]) + "\n"
            name = "t.md"
        else:
            text = "".join(f"<p>{line}</p>\n" for line in head.strip().splitlines()) + "<table>" + "".join(
                "<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"
            name = "t.html"
    res = import_bytes(text.encode("utf-8"), name)
    comp = compile_text(res.text, "<t>")
    assert comp.ok, [d.message() for d in comp.diagnostics if d.level.value == "error"]
    (app,) = comp.plan.appendices
    assert app.layout == "by_month"
    groups = [(f"{g.month.month:02d}/{g.month.year}", [t.content.plain for t in g.tasks]) for g in app.groups]
    assert groups == [
        ("09/2026", ["Xây dựng kế hoạch thi đua", "Phát động thi đua chào mừng 20/11"]),  # school year: Sep → 2026
        ("10/2026", ["Hội thi giáo viên dạy giỏi"]),
        ("11/2026", ["Sơ kết đợt thi đua", "Báo cáo Phòng GDĐT"]),
        ("01/2027", ["Sơ kết học kỳ I"]),
    ]
    reg = comp.plan.registry.units
    leads = [[reg[r.id].name.plain for r in t.lead] for g in app.groups for t in g.tasks]
    assert leads[3] == leads[4] == ["Ban Giám hiệu", "Công đoàn"]  # the row's units go to each of its items
    assert any(d.code == "I118" and "năm học" in d.message() for d in res.report)  # the guessed year is reported


def test_deadline_after_content_is_not_a_timeline() -> None:
    """A task table whose deadline column follows the content stays one task per row."""
    text = TIMELINE.replace("Tháng\tNội dung công việc\tNgười thực hiện", "Nội dung công việc\tThời gian\tNgười thực hiện")
    text = re.sub(r"(?m)^(Tháng [^\t]+)\t([^\t]+)\t", r"\2\t\1\t", text)
    res = import_bytes(text.encode("utf-8"), "t.txt")
    comp = compile_text(res.text, "<t>")
    assert comp.ok and comp.plan.appendices[0].layout != "by_month"


# ---- people as leads, two-line authority, school-year deadlines ------------------------------------

def _kinds(plan) -> list[tuple[str, ...]]:
    """Per task, whether each lead and partner is a unit or a leader."""
    reg = plan.registry
    return [tuple("leader" if r.id in reg.leaders else "unit" for r in t.lead + t.partners)
            for a in plan.appendices for t in a.all_tasks()]


def _people(plan) -> dict[str, str]:
    """Each lead's and partner's printed name → unit or leader."""
    reg = plan.registry
    return {(reg.leaders.get(r.id) or reg.units[r.id]).name.plain: "leader" if r.id in reg.leaders else "unit"
            for a in plan.appendices for t in a.all_tasks() for r in t.lead + t.partners}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_people_lead_and_authority_lines_survive_the_round_trip(example: Path) -> None:
    """A leader who leads or takes part in a task comes back as a leader (the DOCX prints only
    the name: a person's title, an honorific, or a name also in the "phụ trách" column says so);
    a two-line authority ("TM. Ủy ban nhân dân" over "KT. Chủ tịch") comes back as two lines."""
    plan = compile_path(str(example)).plan
    back = compile_text(import_bytes(render_docx(plan), "x.docx").text, "<imported>").plan
    assert _people(back) == _people(plan)
    lines = lambda p: [(a.prefix, a.body.lower()) for a in p.signer.authority_lines]  # noqa: E731
    assert lines(back) == lines(plan)


def test_leads_named_as_people_are_leaders() -> None:
    text = ("KẾ HOẠCH\nThi đua năm học 2026-2027\nPHỤ LỤC\nTT\tNội dung\tChủ trì\tPhối hợp\tThời gian\n"
            "1\tViệc A\tĐ/c Phó Chủ tịch UBND phường\tPhòng Văn hóa - Xã hội\tTuần 2 tháng 9\n"
            "2\tViệc B\tHiệu trưởng\tLê Thị Mai; Công đoàn trường\tCuối học kỳ I\n"
            "3\tViệc C\tBan Giám hiệu\tTổ chuyên môn\tTrước 30/4\n")
    res = import_bytes(text.encode(), "x.txt")
    comp = compile_text(res.text, "<x>")
    assert comp.ok, [d.message() for d in comp.diagnostics if d.level.value == "error"]
    assert _kinds(comp.plan) == [("leader", "unit"), ("leader", "leader", "unit"), ("unit", "unit")]
    deadlines = [(t.deadline.kind, t.deadline.latest()) for t in comp.plan.appendices[0].all_tasks()]
    import datetime as dt
    assert deadlines == [("week", dt.date(2026, 9, 14)), ("semester", dt.date(2027, 1, 15)),
                         ("before", dt.date(2027, 4, 30))]  # typed, dated by the school year
    assert not [d for d in res.report if d.code == "I204"]  # no deadline kept as text


WITH_TABLES = [e for e in EXAMPLES if re.search(r"(?m)^phụ lục:", e.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("example", WITH_TABLES, ids=lambda p: p.stem)
def test_imported_ids_are_readable(example: Path) -> None:
    """Ids a drafter would choose: initials and usual abbreviations, at most four parts, no
    honorific slugs ("d-c-…") and no long word slugs."""
    plan = compile_path(str(example)).plan
    text = import_bytes(render_docx(plan), "x.docx").text
    ids = re.findall(r"(?m)^(?:đơn vị|lãnh đạo) ([^:]+):", text)
    assert ids
    for ident in ids:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+){0,3}", ident), ident
        assert not ident.startswith(("d-c", "dong-chi")) and len(ident) <= 24, ident
