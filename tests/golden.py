"""Golden comparison of the examples with the published plans they transcribe.

`tests/reference-plans/*.txt` is the text of three real plans as extracted from the published files
(copied from the shared reference set). `examples/<name>.tdkt` carries each plan in full. The printed
paragraphs and table rows of the example (`tdkt_dsl.render.text.paragraphs(layout(plan))`) must equal
the reference line by line, after the normalisation below — and nothing else:

Reference side only (the published text, not the plan, is at fault):
  R1  scan noise: whole lines left by stamps and signatures (explicit list per plan) and inline
      fragments (explicit list per plan); blank lines.
  R2  a paragraph split by a page break is joined again (explicit list of the line ends per plan).
  R3  a table header repeated where the table crossed a page (explicit count per plan).
  R4  the corrections: each an explicit (reference text → our text, reason) per plan; the reference
      text must occur on exactly `count` lines, else the correction is stale (our text "" drops
      the whole reference line).
  R5  the appendix title (the line after "PHỤ LỤC") is compared in upper case: the decree prints it so.

Our side only:
  O1  the header lines the text extraction lost (parent agency, issuing agency, Quốc hiệu, Tiêu ngữ)
      are skipped, by role.

Both sides, every line (each table row is split at tabs and compared cell by cell):
  N1  whitespace runs → one space; no space around "-"/"–" between digits ("2022 - 2023" ≡ "2022-2023").
  N2  `*`/`**` emphasis markers are dropped (the reference keeps some; ours is plain text).
  N3  numeric dates and months are compared as dates: 10/2/2023 ≡ 10/02/2023, 04/2023 ≡ 4/2023.
  N4  table rows: TT "1." ≡ "1".
  N5  in a citation sentence (a line starting "Căn cứ"/"Thực hiện"), "," before a cited document
      ≡ ";" (the compiler prints the official ";").
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from tdkt_dsl.render.layout import Layout

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIR = ROOT / "tests" / "reference-plans"
EXAMPLES_DIR = ROOT / "examples"

# O1: roles of generated header lines that the reference text does not have
SKIPPED_ROLES = ("parent", "issuer", "quoc_hieu", "tieu_ngu")

_DOC_TYPES = ("Kế hoạch", "Quyết định", "Công văn", "Chỉ thị", "Nghị quyết", "Hướng dẫn", "Thông tư")


@dataclass(frozen=True)
class Correction:
    ref: str  # as printed in the reference
    ours: str  # as the example prints it; "" (with `ref` a whole line): the line is dropped
    reason: str
    count: int = 1  # number of reference lines holding `ref`


@dataclass(frozen=True)
class Golden:
    name: str  # examples/<name>.tdkt, tests/reference-plans/<name>.txt
    noise_lines: tuple[str, ...] = ()  # R1: every reference line equal to one of these is dropped
    noise_fragments: tuple[str, ...] = ()  # R1: removed from the reference text (each must occur)
    page_breaks: tuple[str, ...] = ()  # R2: a reference line ending so is joined with the next
    tables: int = 1  # appendix tables in the plan
    repeated_headers: int = 0  # R3
    corrections: tuple[Correction, ...] = field(default_factory=tuple)  # R4


GOLDENS = [
    Golden(
        name="long-bien-2023",
        page_breaks=(
            "góp phần quan trọng hoàn",
            "chính sách và pháp luật của Nhà",
        ),
        corrections=(
            Correction("Số: 05 /KH-PGDĐT", "Số: 05/KH-PGDĐT",
                       "no space inside the number and symbol (ND30)"),
            Correction("các chỉ tiêu kính tế", "các chỉ tiêu kinh tế", "typo: kính tế → kinh tế"),
            Correction("Kế hoạch số 5842/KH-SGD&ĐT ngày 26/12/2022", "Kế hoạch số 4582/KH-SGDĐT ngày 26/12/2022",
                       "the Sở plan of 26/12/2022 is 4582/KH-SGDĐT (Đống Đa cites it so; SGDĐT is the Sở's "
                       "symbol): examples/van-ban-cap-tren.toml"),
            Correction("Kế hoạch số 66/KH-HĐTĐKT ngày 09 tháng 10 năm 2023",
                       "Kế hoạch số 66/KH-HĐTĐKT ngày 09 tháng 10 năm 2022",
                       "a document cited by a plan of 15/02/2023 cannot be dated 09/10/2023: 2022 meant"),
            Correction("III. TỔ CHỨC THỰC HIỆN:", "III. TỔ CHỨC THỰC HIỆN",
                       "a heading has no trailing colon (as I. and II.)"),
            Correction("1. Hội đồng Thi đua- Khen thưởng Ngành", "1. Hội đồng Thi đua - Khen thưởng Ngành",
                       "spacing of the dash, as everywhere else in the plan"),
            Correction("(Kèm theo kế hoạch số: 05 /KH-PGD&ĐT ngày 15 tháng 02 năm 2023 của phòng GD&ĐT quận Long Biên)",
                       "(Kèm theo Kế hoạch số 05/KH-PGDĐT ngày 15/02/2023 của Phòng GD&ĐT quận Long Biên)",
                       "the caption is generated from the header: symbol KH-PGDĐT (not PGD&ĐT), no colon"),
            Correction("Nhà giáo Ưu tú lần thứ 16 năm 2023\tHội đồng xét duyệt cấp Quận\t\tTrước ngày 10/2/2023",
                       "Nhà giáo Ưu tú lần thứ 16 năm 2023\tHội đồng xét duyệt cấp Quận\t\tTrước ngày 28/02/2023",
                       "deadline 10/02/2023 is before the plan's own issue date 15/02/2023"),
            Correction("HỆTĐKT", "HĐTĐKT", "OCR slip: HỆTĐKT → HĐTĐKT", count=5),
        ),
    ),
    Golden(
        name="dong-da-2023",
        noise_lines=("X.1", "PH", "01", "10", "A", "1", "N", "/", "NG", "/C", "/AC", "/P"),
        noise_fragments=(" *Min*",),
        page_breaks=("đổi mới, nâng cao chất lượng công tác thi đua, khen",),
        repeated_headers=1,
        corrections=(
            Correction("- Phòng GDĐT;", "",
                       "the office does not send its own plan to itself (R605 issuer-in-recipients)"),
            Correction("Đông Đa, ngày", "Đống Đa, ngày", "place name misspelt: Đông Đa → Đống Đa"),
            Correction("ngày 6 tháng 01 năm 2023", "ngày 06 tháng 01 năm 2023",
                       "a day below 10 takes a leading zero (ND30)"),
            Correction("thi đua, khen thưởng năm 2023 và nhằm thực hiện thắng lợi",
                       "thi đua, khen thưởng năm 2022 và nhằm thực hiện thắng lợi",
                       "the results built on are the previous year's"),
            Correction("đối ngoại của Thủ đô năm 2023.", "đối ngoại của Thủ đô năm 2022.",
                       "results of the previous year (Long Biên has 2022 in the same sentence)"),
            Correction("đảo bảo kịp thời", "đảm bảo kịp thời", "typo: đảo bảo → đảm bảo"),
            Correction("(Kèm theo Kế hoạch số 01/KH-PGDĐT ngày 10/01/2023 của Sở Giáo dục và Đào tạo Hà Nội)",
                       "(Kèm theo Kế hoạch số 01/KH-PGDĐT ngày 06/01/2023 của Phòng GDĐT quận Đống Đa)",
                       "the caption is generated from the header: the plan's own date and issuer"),
            Correction("Kiểm toàn các Cụm", "Kiện toàn các Cụm", "OCR slip: Kiểm toàn → Kiện toàn"),
            Correction("“Vi sự nghiệp giáo dục”", "“Vì sự nghiệp giáo dục”", "OCR slip: Vi → Vì", count=2),
            Correction("Cụm thi đua khởi phòng GDĐT", "Cụm thi đua khối phòng GDĐT", "OCR slip: khởi → khối"),
            Correction("Hội đồng TD-KT Quận", "Hội đồng TĐ-KT Quận", "OCR slip: TD-KT → TĐ-KT"),
            Correction("“Day tốt, học tốt”", "“Dạy tốt, học tốt”", "OCR slip: Day → Dạy"),
        ),
    ),
    Golden(
        name="thanh-xuan-2024",
        tables=0,
        page_breaks=(
            "phong trào “*Nhà trường cùng chung*",
            "đẩy mạnh triển khai, hoàn thành các dự án, công",
        ),
    ),
]


# ---- our side ----------------------------------------------------------------------------------

def role_lines(lay: Layout) -> list[tuple[str, str]]:
    """(role, text) of every printed line, in the order of `render.text.paragraphs`."""
    out: list[tuple[str, str]] = []
    if lay.parent:
        out.append(("parent", lay.parent.text))
    for p in (lay.issuer, lay.number, lay.quoc_hieu, lay.tieu_ngu, lay.date_line, lay.doc_type, lay.title):
        out.append((p.role, p.text))
    out += [(p.role, p.text) for p in lay.body + lay.recipients + lay.signer]
    for a in lay.appendices:
        out += [(a.heading.role, a.heading.text), (a.title.role, a.title.text),
                (a.caption.role, a.caption.text)]
        out.append(("table_header", "\t".join(a.table.header)))
        out += [("table_row", "\t".join(c.text for c in r.cells)) for r in a.table.rows]
        out += [(n.role, n.text) for n in a.notes]
    return out


def our_lines(lay: Layout) -> list[str]:
    return [norm(t) for role, t in role_lines(lay) if role not in SKIPPED_ROLES]


# ---- reference side ----------------------------------------------------------------------------

class GoldenSetupError(AssertionError):
    """The per-plan lists no longer match the reference text (a stale entry)."""


def reference_lines(g: Golden) -> list[str]:
    text = (REFERENCE_DIR / f"{g.name}.txt").read_text(encoding="utf-8")
    for frag in g.noise_fragments:  # R1
        if frag not in text:
            raise GoldenSetupError(f"{g.name}: noise fragment {frag!r} not in the reference")
        text = text.replace(frag, "")
    lines = [ln.rstrip(" \r") for ln in text.split("\n")]
    for noise in g.noise_lines:
        if noise not in lines:
            raise GoldenSetupError(f"{g.name}: noise line {noise!r} not in the reference")
    lines = [ln for ln in lines if ln.strip() and ln not in g.noise_lines]
    for end in g.page_breaks:  # R2
        at = [i for i, ln in enumerate(lines) if ln.endswith(end)]
        if len(at) != 1 or at[0] + 1 >= len(lines):
            raise GoldenSetupError(f"{g.name}: page break after {end!r}: found on {len(at)} lines")
        i = at[0]
        lines[i:i + 2] = [lines[i] + " " + lines[i + 1]]
    headers = [i for i, ln in enumerate(lines) if ln.startswith("TT\t")]  # R3
    if len(headers) != g.tables + g.repeated_headers:
        raise GoldenSetupError(f"{g.name}: {len(headers)} table headers, expected {g.tables + g.repeated_headers}")
    for i in reversed(headers[g.tables:]):
        if lines[i] != lines[headers[0]]:
            raise GoldenSetupError(f"{g.name}: repeated header differs: {lines[i]!r}")
        del lines[i]
    for c in g.corrections:  # R4
        at = [i for i, ln in enumerate(lines) if c.ref in ln]
        if len(at) != c.count:
            raise GoldenSetupError(f"{g.name}: correction {c.ref!r} → {c.ours!r} ({c.reason}): "
                                   f"found on {len(at)} reference lines, expected {c.count} (stale?)")
        for i in reversed(at):
            if c.ours:
                lines[i] = lines[i].replace(c.ref, c.ours)
            elif lines[i] == c.ref:
                del lines[i]  # a whole line the corrected plan drops
            else:
                raise GoldenSetupError(f"{g.name}: a deletion must name a whole line: {c.ref!r}")
    for i, ln in enumerate(lines[:-1]):  # R5
        if re.fullmatch(r"PHỤ LỤC(?: [IVX]+)?", ln.strip()):
            lines[i + 1] = lines[i + 1].upper()
    return [norm(ln) for ln in lines]


# ---- both sides --------------------------------------------------------------------------------

_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
_MONTH = re.compile(r"(?<![\d/])(\d{1,2})/(\d{4})(?![\d/])")
_CITATION_COMMA = re.compile(r", (?=(?:" + "|".join(_DOC_TYPES) + r") số )")


def _cell(s: str) -> str:
    s = s.replace("**", "").replace("*", "")  # N2
    s = " ".join(s.split())  # N1
    s = re.sub(r"(?<=\d) ?([-–]) ?(?=\d)", r"\1", s)
    s = _DATE.sub(lambda m: f"{int(m[1])}/{int(m[2])}/{m[3]}", s)  # N3
    s = _MONTH.sub(lambda m: f"{int(m[1])}/{m[2]}", s)
    return s


def norm(line: str) -> str:
    cells = [_cell(c) for c in line.split("\t")]
    if len(cells) > 1 and re.fullmatch(r"\d+\.", cells[0]):  # N4
        cells[0] = cells[0][:-1]
    if len(cells) == 1 and cells[0].startswith(("Căn cứ ", "Thực hiện ")):  # N5
        cells[0] = _CITATION_COMMA.sub("; ", cells[0])
    return " | ".join(cells)


def diff(reference: list[str], ours: list[str], name: str) -> str:
    """A readable diff, or "" when the lists are equal: a unified diff of the lines (long lines cut),
    then, for each changed line, the place where it first differs."""
    if reference == ours:
        return ""
    out = [f"{name}: the example's printed text differs from the published plan "
           f"(- reference after normalisation, + example):"]
    for line in difflib.unified_diff(reference, ours, "reference", "example", n=1, lineterm=""):
        out.append(line if len(line) < 300 else line[:300] + " …")
    sm = difflib.SequenceMatcher(None, reference, ours, autojunk=False)
    for op, a1, a2, b1, b2 in sm.get_opcodes():
        if op != "replace":
            continue
        for ref, our in zip(reference[a1:a2], ours[b1:b2]):
            k = next((i for i, (x, y) in enumerate(zip(ref, our)) if x != y), min(len(ref), len(our)))
            lo = max(0, k - 40)
            out.append(f"first difference at character {k}:\n  - …{ref[lo:k + 60]}…\n  + …{our[lo:k + 60]}…")
    return "\n".join(out)
