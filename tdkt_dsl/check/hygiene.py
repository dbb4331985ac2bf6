"""Vệ sinh văn bản (T8xx): lỗi gõ, mã chữ cũ, chuẩn Unicode, dấu câu.

**T801 repeated-word** — một cụm từ viết lặp liền nhau ("kỷ niệm kỷ niệm"), hay một hư từ
lặp ("các các", "của của"). Một từ đơn lặp thường là tiếng Việt đúng ("các tổ tổ chức", "người
người") nên không bị xét. `--fix` xóa phần lặp.

    thiết thực kỷ niệm kỷ niệm 75 năm …   // sai
    thiết thực kỷ niệm 75 năm …           // đúng

**T802 legacy-encoding** — chữ dán từ tệp cũ gõ bằng bảng mã TCVN3 (ABC) hay VNI. `--fix` đổi sang
Unicode.

    KÕ ho¹ch c«ng t¸c thi ®ua            // sai (TCVN3)
    Keá hoaïch coâng taùc thi ñua        // sai (VNI)
    Kế hoạch công tác thi đua            // đúng

**T803 not-nfc** — tệp không ở dạng chuẩn Unicode NFC (thường do dán chữ "tổ hợp" từ PDF hay máy
Mac). tdkt vẫn đọc đúng, nhưng tìm kiếm và so sánh trong các công cụ khác sẽ sai. `--fix` ghi lại
tệp ở dạng NFC.

**T804 space-before-punctuation** — dấu cách trước dấu câu `, . ; : ! ? )` hoặc sau `(`.

    khen thưởng , đảm bảo kịp thời ( đúng quy định )    // sai
    khen thưởng, đảm bảo kịp thời (đúng quy định)       // đúng

**T806 invisible-character** — ký tự ẩn dán từ Word hay PDF: gạch nối mềm (U+00AD), dấu cách độ rộng
0 (U+200B), ký tự nối từ (U+2060), dấu điều hướng chữ (U+200E, U+202A–U+202E, U+2066–U+2069)…
`--fix` xóa chúng. (Gạch nối mềm không bao giờ bị coi là chữ "ư" của TCVN3.)

**T807 control-character** — ký tự điều khiển không thể có trong DOCX (tab dọc, nạp trang, ESC,
U+FFFE/U+FFFF…). Lỗi, không bỏ qua được: `tdkt build` không ghi gì. `--fix` đổi tab dọc (xuống dòng
của Word) thành xuống dòng và xóa các ký tự còn lại.

**T805 unbalanced-delimiters** — ngoặc đơn hay ngoặc kép mở mà không đóng (hoặc ngược lại).

    phong trào “Dạy tốt - Học tốt         // sai
    phong trào “Dạy tốt - Học tốt”        // đúng
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator

from .. import prose_dates, vocabulary
from ..diagnostics import Diagnostic, Edit, Fix, Span
from ..legacy import _ANY_MARK, find_legacy
from ..model.nodes import Plan
from ..source import Source
from ..catalogue import say
from ._common import Locator, diag, exact, iter_texts, make_fix, plain_of
from ._memo import per_text, remembering



# A single word written twice is often proper Vietnamese ("các tổ tổ chức", "người người"), so a
# single repeated word is reported only for function words that never double.
FUNCTION_WORDS = frozenset(vocabulary.hygiene_words("function_words"))
# (possessive runs: a word or a space run cut short can never be followed by what comes next, so
# the matches are those of the plain quantifiers, found without trying every shorter run)
_REPEAT = re.compile(r"(?<!\w)(?P<w>[^\W\d_]++(?:[ \t]++[^\W\d_]++){0,2})(?P<gap>[ \t]++)(?P=w)(?!\w)",
                     re.IGNORECASE)
# The marks a text usually holds, read as spaces by `_may_repeat`; any other is left to the pattern.
_MARKS = tuple(",.;:()-/“”–—%&!?\"'…[]*+’‘«»")
_EQ = operator.eq


def _may_repeat(plain: str) -> bool:
    """False only when `_REPEAT` finds nothing in ``plain`` (nearly every text: the pattern tries
    every word, this looks at the words once). A match is one to three words (letters), each
    between characters that are no letter or digit, written twice with spaces or tabs between: so,
    with every mark read as a space, the words of the text split at white space and lower-cased
    (as the pattern compares them) hold the same one, two or three words twice in a row."""
    if not prose_dates.GATES:
        return True
    s = plain
    for ch in _MARKS:
        if ch in s:
            s = s.replace(ch, " ")
    if "\u0130" in s or "\u03a3" in s:
        return True  # İ and Σ: str.lower() is not the pattern's comparison of one character
    words = s.lower().split()
    if not "".join(words).isalnum():
        return bool(words)  # a mark not in _MARKS (or "_"): left to the pattern
    if 1 in bytes(map(_EQ, words, words[1:])):
        return True
    if b"\x01\x01" in bytes(map(_EQ, words, words[2:])):
        return True
    return b"\x01\x01\x01" in bytes(map(_EQ, words, words[3:]))


# (starts with the space so that the regex engine skips to spaces; the look-behind checks what
# precedes it)
_SPACE_BEFORE = re.compile(r"[ \t](?<=\S[ \t])[ \t]*+(?P<mark>[,;:!?)\]]|\.(?![.…/]))")
# every match of _SPACE_BEFORE ends with a space or tab right before its mark: a text without one is
# not searched (nearly every text; the pattern stops at every space)
_SPACE_GATE = re.compile(r"[ \t][,;:!?)\].]")
_SPACE_AFTER = re.compile(r"(?P<mark>[(\[])[ \t]+(?=\S)")
_PAIRS = {"(": ")", "“": "”", "[": "]"}
# how T805 names a delimiter: the phrase hygiene.delimiter.<kind>, with the mark itself
_DELIMITER_KIND = {"(": "parenthesis", ")": "parenthesis", "“": "quotation-mark", "”": "quotation-mark",
                   "[": "bracket", "]": "bracket", '"': "quotation-mark"}


def check_hygiene(plan: Plan, sources: dict[str, Source]) -> Iterator[Diagnostic]:
    loc = Locator(sources)
    for src in sources.values():
        if not src.was_nfc:
            yield diag("T803", Span.of(src, 0, 0),
                       fix=Fix.of([Edit(start=0, end=0, text="")], say("fix.rewrite-nfc")))
    memo = remembering()
    for w in iter_texts(plan):  # each text on its own: nothing else is read
        if not memo:
            yield from _judge_text(loc, w.text)
            continue
        yield from per_text("hygiene", w.text, (), lambda text=w.text: _judge_text(loc, text), sources)


def _judge_text(loc: Locator, text) -> Iterator[Diagnostic]:
    plain = plain_of(text)
    # T801
    for m in _REPEAT.finditer(plain) if _may_repeat(plain) else ():
        words = m.group("w")
        if " " not in words and "\t" not in words and words.lower() not in FUNCTION_WORDS:
            continue
        s, e = m.start("gap"), m.end()
        if not loc.literal(text, m.start(), e):
            continue
        sp = loc.span(text, m.end("gap"), e)
        if sp is None:
            continue
        fix = make_fix([loc.edit(text, s, e, "")], say("fix.delete-second", words=words))
        yield diag("T801", sp, fix=fix, words=words)
    # T802 (literal runs only: a variable or a reference prints what the compiler knows; a run's
    # characters are the text's, so a text without any legacy mark has no legacy run)
    pos = 0
    for r in text.runs if not prose_dates.GATES or _ANY_MARK.search(plain) else ():
        a = pos
        pos += len(r.text)
        if not exact(r):
            continue
        for lg in find_legacy(r.text):
            sp = loc.span(text, a + lg.start, a + lg.end)
            if sp is None:
                continue
            fix = make_fix([loc.edit(text, a + lg.start, a + lg.end, lg.converted)],
                           say("fix.to-unicode", text=lg.converted))
            yield diag("T802", sp, fix=fix, encoding=lg.encoding, found=r.text[lg.start:lg.end],
                       converted=lg.converted)
    # T804
    for m in _SPACE_BEFORE.finditer(plain) if not prose_dates.GATES or _SPACE_GATE.search(plain) else ():
        if not loc.literal(text, m.start(), m.end()):
            continue
        sp = loc.span(text, m.start(), m.start("mark"))
        if sp is None:
            continue
        fix = make_fix([loc.edit(text, m.start(), m.start("mark"), "")], say("fix.delete-space"))
        yield diag("T804", sp, fix=fix, mark=m.group("mark"), where=say("hygiene.before"))
    for m in _SPACE_AFTER.finditer(plain):
        if not loc.literal(text, m.start(), m.end()):
            continue
        sp = loc.span(text, m.end("mark"), m.end())
        if sp is None:
            continue
        fix = make_fix([loc.edit(text, m.end("mark"), m.end(), "")], say("fix.delete-space"))
        yield diag("T804", sp, fix=fix, mark=m.group("mark"), where=say("hygiene.after"))
    # T805
    yield from _balance(loc, text, plain)


# invisible characters, each with the phrase (hygiene.char.*) that names it
_INVISIBLE = {
    "\u00ad": "soft-hyphen", "\u200b": "zero-width-space", "\u200c": "zero-width-non-joiner",
    "\u2060": "word-joiner", "\ufeff": "byte-order-mark", "\u180e": "mongolian-vowel-separator",
    **{c: "direction-mark" for c in "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"},
}
# XML 1.0 allows tab, newline and carriage return of the C0 controls, and no U+FFFE/U+FFFF or
# lone surrogate: anything else would make the DOCX writer fail.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_INVISIBLE_RE = re.compile("[" + "".join(_INVISIBLE) + "]")
_CONTROL_OR_INVISIBLE = re.compile(_CONTROL.pattern[:-1] + "".join(_INVISIBLE) + "]")
_CONTROL_NAMES = {"\x0b": "vertical-tab", "\x0c": "form-feed", "\x1b": "escape", "\x7f": "delete",
                  "\ufffe": "noncharacter", "\uffff": "noncharacter"}


def check_characters(sources: dict[str, Source]) -> Iterator[Diagnostic]:
    """T806/T807 on the raw text of every source (keys, prose, profiles): one finding per line and
    code, whose fix covers every such character of the line (bounded output on a huge line)."""
    for src in sources.values():
        if prose_dates.GATES and not _CONTROL_OR_INVISIBLE.search(src.text):
            continue  # (one pass over the file finds neither)
        yield from _per_line(src, _CONTROL, "T807")
        yield from _per_line(src, _INVISIBLE_RE, "T806")


def _per_line(src: Source, pattern: re.Pattern, code: str) -> Iterator[Diagnostic]:
    text = src.text
    m = pattern.search(text)
    while m is not None:
        line_end = text.find("\n", m.start())
        line_end = len(text) if line_end < 0 else line_end
        line_start = text.rfind("\n", 0, m.start()) + 1
        hits = list(pattern.finditer(text, m.start(), line_end))
        first = hits[0].group(0)
        if code == "T807":
            indent = len(text[line_start:line_end]) - len(text[line_start:line_end].lstrip(" \t"))
            edits = [Edit(start=h.start(), end=h.end(),
                          text=("\n" + text[line_start:line_start + indent]) if h.group(0) == "\x0b" else "")
                     for h in hits]
            name = say(f"hygiene.char.{_CONTROL_NAMES.get(first, 'control')}")
            fix = Fix.of(edits, say("fix.remove-control"))
        else:
            edits = [Edit(start=h.start(), end=h.end(), text="") for h in hits]
            name = say(f"hygiene.char.{_INVISIBLE[first]}")
            fix = Fix.of(edits, say("fix.remove-invisible"))
        more = len(hits) - 1
        yield diag(code, Span.of(src, hits[0].start(), hits[0].end()), fix=fix, name=name,
                   cp=f"{ord(first):04X}", more=say("hygiene.more-on-line", count=more) if more else "")
        m = pattern.search(text, line_end)


_DELIMITERS = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_PAIRS.values())) + "]")
_STRAIGHT = re.compile('"')
_CLOSERS = {v: k for k, v in _PAIRS.items()}


def _balance(loc: Locator, text, plain: str) -> Iterator[Diagnostic]:
    stack: list[tuple[str, int]] = []
    bad: list[int] = []
    closers = _CLOSERS
    for m in _DELIMITERS.finditer(plain):  # only the brackets and quotes, not every character
        i, ch = m.start(), m.group()
        if ch in _PAIRS:
            stack.append((ch, i))
        elif ch in closers:
            if stack and stack[-1][0] == closers[ch]:
                stack.pop()
            elif any(o == closers[ch] for o, _ in stack):
                while stack and stack[-1][0] != closers[ch]:
                    bad.append(stack.pop()[1])
                stack.pop()
            else:
                bad.append(i)
    bad.extend(i for _, i in stack)
    straight = [m.start() for m in _STRAIGHT.finditer(plain)]
    if len(straight) % 2:
        bad.append(straight[-1])
    for i in sorted(bad):
        sp = loc.span(text, i, i + 1)
        if sp is None:
            continue
        yield diag("T805", sp, what=say(f"hygiene.delimiter.{_DELIMITER_KIND[plain[i]]}", mark=plain[i]))
