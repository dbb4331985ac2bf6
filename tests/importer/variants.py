"""Published-layout variants of a plan's text (issue 8): the ways plans reach us from school and
office websites. Each variant is a pure function of the reference text, deterministic, and returns
(input text, file extension, expected text): the expected text is what the printed plan must
still say — the reference itself, except where the variant adds words the original has (a
paragraph before the closing) or takes away what a publisher takes away (diacritics).

Used by tests/importer/make_fixtures.py to write the committed fixtures, and by the tests.
"""

from __future__ import annotations

import re
import unicodedata
import zlib

ROMAN = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})\.\s")
NUM = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.\s")


def _level(seed: str) -> int:
    return 1 + zlib.crc32(seed.encode()) % 5  # "random" heading level, stable across runs


def _is_heading(line: str) -> bool:
    s = line.strip()
    return bool(ROMAN.match(s) or (NUM.match(s) and len(s) < 200 and not s.endswith((".", ";"))))


def markdown_headings(text: str) -> tuple[str, str, str]:
    """Headings marked `#`..`#####` at random levels and wrapped in `**bold**`, `##### Nơi nhận:`
    as a heading, `## PHỤ LỤC`, tables as pipe tables, markers escaped as a converter does
    (`\\-`, `1\\.`), a citation published as a link in Markdown syntax."""
    from .producers import _md_escape

    out = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if "\t" in line:
            rows = []
            while i < len(lines) and ("\t" in lines[i] or not lines[i].strip()):
                if lines[i].strip():
                    rows.append([_md_escape(c.strip()) or " " for c in lines[i].split("\t")])
                i += 1
            width = max(len(r) for r in rows)
            rows = [r + [" "] * (width - len(r)) for r in rows]
            out += ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
            out += ["| " + " | ".join(r) + " |" for r in rows[1:]] + [""]
            continue
        i += 1
        if not s:
            continue
        if _is_heading(s):
            out.append("#" * _level(s) + " **" + _md_escape(s) + "**")
        elif re.match(r"^Nơi nhận", s):
            out.append("##### " + _md_escape(s))
        elif s in ("PHỤ LỤC", "KẾ HOẠCH"):
            out.append("## " + s)
        else:
            out.append(_md_escape(s))
        out.append("")
    md = "\n".join(out) + "\n"
    # one citation becomes a link, as websites publish them
    md = re.sub(r"(Kế hoạch số \d+/KH-[\wĐ&]+)", r"[\1](https://example.edu.vn/van-ban/1)", md, count=1)
    return md, ".md", text


def _last_section_end(lines: list[str]) -> int:
    """Index of the closing sentence ("Trên đây là …"), else of the first "Nơi nhận"."""
    for i, l in enumerate(lines):
        if re.match(r"^Trên đây là", l.strip()):
            return i
    for i, l in enumerate(lines):
        if re.match(r"^Nơi nhận", l.strip()):
            return i
    return len(lines)


def text_after_closing(text: str) -> tuple[str, str, str]:
    """A request paragraph between the last section and the closing, and the last paragraph of
    the last section printed AFTER the closing sentence (a drafter's slip the website kept)."""
    lines = text.splitlines()
    k = _last_section_end(lines)
    request = ("Phòng GDĐT yêu cầu các đơn vị tổng hợp kết quả thực hiện, gửi về Phòng GDĐT (bộ phận "
               "Thi đua) trước ngày 15/12 để tổng hợp báo cáo.")
    j = k - 1
    while j > 0 and not lines[j].strip():
        j -= 1
    moved = lines[j]
    if re.match(r"^Trên đây là", lines[k].strip()):
        new = lines[:j] + ["", request, "", lines[k], "", moved] + lines[k + 1:]
    else:
        new = lines[:j] + ["", request, ""] + [moved] + lines[k:]
    expected = "\n".join(lines[:k] + ["", request, ""] + lines[k:])
    return "\n".join(new) + "\n", ".txt", expected


def recipients_before_signer(text: str) -> tuple[str, str, str]:
    """The signature block (authority, position, name) printed before "Nơi nhận:" and the
    signer reduced to a name, as a two-column block comes out of a website's text."""
    lines = text.splitlines()
    try:
        r = next(i for i, l in enumerate(lines) if re.match(r"^Nơi nhận", l.strip()))
    except StopIteration:
        return text, ".txt", text
    end = r + 1
    while end < len(lines) and (not lines[end].strip() or re.match(r"^[-–+]|^Lưu", lines[end].strip())):
        end += 1
    sig_end = end
    while sig_end < len(lines) and not re.match(r"^PHỤ LỤC", lines[sig_end].strip()):
        sig_end += 1
    signature = [l for l in lines[end:sig_end] if l.strip()]
    name_only = [l for l in signature if not l.strip().isupper()]  # the name; capitals (title) dropped
    new = lines[:r] + name_only + [""] + lines[r:end] + [""] + lines[sig_end:]
    expected = "\n".join(lines[:r] + lines[r:end] + name_only + lines[sig_end:])
    return "\n".join(new) + "\n", ".txt", expected


def appendix_without_caption(text: str) -> tuple[str, str, str]:
    """The appendix table alone: no "PHỤ LỤC", no title, no "(Kèm theo …)" line."""
    lines = text.splitlines()
    try:
        a = next(i for i, l in enumerate(lines) if l.strip() == "PHỤ LỤC")
    except StopIteration:
        return text, ".txt", text
    t = next((i for i in range(a, len(lines)) if "\t" in lines[i]), len(lines))
    new = lines[:a] + lines[t:]
    return "\n".join(new) + "\n", ".txt", "\n".join(new)


def cells_with_lists(text: str) -> tuple[str, str, str]:
    """Cells holding HTML lists (`<ul><li>- …</li></ul>`) as websites export them: a content cell
    with two sentences becomes a two-item list, a unit cell one item per unit."""
    out, expected = [], []
    for line in text.splitlines():
        if "\t" in line and not re.match(r"(?i)^s?tt\t", line.strip()):
            cells = line.split("\t")
            new = []
            for c in cells:
                parts = [p.strip() for p in re.split(r";\s+", c) if p.strip()] if "<ul>" not in c else [c]
                if len(parts) > 1:
                    new.append("<ul>" + "".join(f"<li>- {p}</li>" for p in parts) + "</ul>")
                else:
                    new.append(c)
            out.append("\t".join(new))
        else:
            out.append(line)
        expected.append(line)
    return "\n".join(out) + "\n", ".txt", text


def scan_fragments(text: str) -> tuple[str, str, str]:
    """Stamp and signature fragments of a scan ("12/11", "16", "T.P") on lines of their own in
    the middle of paragraphs (a long paragraph cut in two with the fragment between), and a
    table header repeated where the page broke."""
    out = []
    frags = ["12/11", "16", "T.P"]
    n = 0
    header = None
    rows = 0
    for line in text.splitlines():
        s = line.strip()
        if "\t" in line:
            if header is None:
                header = line
            else:
                rows += 1
                if rows == 3:
                    out.append(header)  # the page broke inside the table
            out.append(line)
            continue
        if len(s) > 240 and not s.startswith(("-", "+")) and n < 6:
            words = s.split()
            cut = len(words) // 2
            while cut < len(words) - 1 and (not words[cut][:1].islower() or words[cut - 1][-1:] in ".:;"):
                cut += 1
            out += [" ".join(words[:cut]), frags[n % 3], " ".join(words[cut:])]
            n += 1
            continue
        out.append(line)
    return "\n".join(out) + "\n", ".txt", text


def strip_diacritics(text: str) -> tuple[str, str, str]:
    """OCR of a scan that lost every diacritic (đ → d)."""
    def fold(s: str) -> str:
        s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
        return unicodedata.normalize("NFC", "".join(c for c in s if not unicodedata.combining(c)))
    return fold(text), ".txt", text  # compared without diacritics: roundtrip.measure(folded=True)


def _pipe_table(lines: list[str], i: int, out: list[str]) -> int:
    """Tab-separated rows from ``lines[i]`` on as a pipe table appended to ``out``; the next index."""
    from .producers import _md_escape

    rows = []
    while i < len(lines) and ("\t" in lines[i] or not lines[i].strip()):
        if lines[i].strip():
            rows.append([_md_escape(c.strip()).replace("\\<", "<") or " " for c in lines[i].split("\t")])
        i += 1
    width = max(len(r) for r in rows)
    rows = [r + [" "] * (width - len(r)) for r in rows]
    out += ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    out += ["| " + " | ".join(r) + " |" for r in rows[1:]] + [""]
    return i


def bold_markdown(text: str) -> tuple[str, str, str]:
    """Markdown where nothing is a `#` heading except the appendix's: section headings, the
    title and the signature block's capitals are `**bold**` paragraphs, "**Nơi nhận:**" bold,
    "## **PHỤ LỤC**" with a bold title under it and the "(Kèm theo …)" line in italics; tables
    as pipe tables whose cells keep their `<ul><li>` lists."""
    from .producers import _md_escape

    out: list[str] = []
    lines = text.splitlines()
    i, after_appendix, signature = 0, 0, False
    while i < len(lines):
        s = lines[i].strip()
        if "\t" in lines[i]:
            i = _pipe_table(lines, i, out)
            continue
        i += 1
        if not s:
            continue
        if s == "PHỤ LỤC":
            out.append("## **PHỤ LỤC**")
            after_appendix = 1
        elif after_appendix == 1:
            out.append(f"**{_md_escape(s)}**")
            after_appendix = 2
        elif s.startswith("(Kèm theo"):
            out.append(f"*{_md_escape(s)}*")
        elif s.startswith("Nơi nhận"):
            out.append(f"**{_md_escape(s)}**")
            signature = True
        elif _is_heading(s) or (signature and s.isupper()) or s in ("KẾ HOẠCH",):
            out.append(f"**{_md_escape(s)}**")
        else:
            out.append(_md_escape(s))
        out.append("")
    return "\n".join(out) + "\n", ".md", text


def published_mix(text: str) -> tuple[str, str, str]:
    """Several at once, as one website really publishes: a paragraph after the closing, lists in
    cells, scan fragments and a repeated table header, then converted to Markdown with `#`
    headings at random levels."""
    src, _, expected = text_after_closing(text)
    src, _, _ = cells_with_lists(src)
    src, _, _ = scan_fragments(src)
    src, ext, _ = markdown_headings(src)
    return src, ext, expected


VARIANTS = {
    "md-headings": markdown_headings,
    "after-closing": text_after_closing,
    "signer-first": recipients_before_signer,
    "no-caption": appendix_without_caption,
    "cell-lists": cells_with_lists,
    "scan-fragments": scan_fragments,
    "no-diacritics": strip_diacritics,
    "bold-markdown": bold_markdown,
    "published-mix": published_mix,
}
