"""The quick paths of the checks give what the plain algorithms give: name drift compares only the
windows that hold a name's first or second word, legacy detection skips text without a legacy mark,
`fold_keep` folds through a translation table, bracket balance looks only at the delimiters, the prose
finders skip texts without the characters a match needs, hygiene patterns use possessive runs. Each is
compared here with the plain algorithm it replaced, on every text of the examples and on fuzzed
variants of them."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tdkt_dsl.check import names as names_check
from tdkt_dsl.check._common import Locator, iter_texts
from tdkt_dsl.check.hygiene import _PAIRS
from tdkt_dsl.check.prose import _fold_char, fold_keep
from tdkt_dsl.compiler import compile_path
from tdkt_dsl.diagnostics import Span
from tdkt_dsl.legacy import _find_legacy, find_legacy
from tdkt_dsl.model.nodes import Run, Text
from tdkt_dsl.source import Source

ROOT = Path(__file__).resolve().parent.parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.tdkt"))
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


def _plain_drift(plain: str, names) -> list[tuple[str, int, int]]:
    """R608's windows as first written: every window of every name (no spans, no literal test)."""
    toks = names_check.tokens(plain)
    known_words = {t.word for _, _, ntoks in names for t in ntoks}
    out, taken = [], []
    for ident, name, ntoks in sorted(names, key=lambda n: -len(n[2])):
        L = len(ntoks)
        for i in range(len(toks) - L + 1):
            win = toks[i:i + L]
            diffs = [(a, b) for a, b in zip(win, ntoks) if a.raw != b.raw]
            if len(diffs) != 1:
                continue
            a, b = diffs[0]
            if a.raw.lower() == b.raw.lower():
                if sum(c.isupper() for c in b.raw) < 2 or a.raw[1:] == b.raw[1:]:
                    continue
            elif len(b.raw) < 4 or not names_check._one_letter(a.raw.lower(), b.raw.lower()) or a.word in known_words:
                continue
            s, e = win[0].start, win[-1].end
            if any(x < e and s < y for x, y in taken):
                continue
            taken.append((s, e))
            out.append((ident, s, e))
    return out


def _fast_drift(plain: str, names) -> list[tuple[str, int, int]]:
    """R608 as the check runs it, on one literal text."""
    src = Source.from_text(plain, "<t>")
    text = Text(runs=[Run(text=src.text, span=Span.of(src, 0, len(src.text)))])
    known_words = {t.word for _, _, ntoks in names for t in ntoks}
    return [(d.params["id"], d.span.start, d.span.end)
            for d in names_check._drift(text, names, set(), known_words, Locator({"<t>": src}))]


def _mutate(rng: random.Random, s: str) -> str:
    words = s.split(" ")
    for _ in range(rng.randrange(1, 4)):
        if not words:
            break
        i = rng.randrange(len(words))
        w = words[i]
        what = rng.randrange(4)
        if what == 0 and w:
            j = rng.randrange(len(w))
            words[i] = w[:j] + rng.choice("aăâđêôơưxyzHĐT") + w[j + 1:]
        elif what == 1 and len(w) > 1:
            j = rng.randrange(len(w))
            words[i] = w[:j] + w[j + 1:]
        elif what == 2:
            words[i] = w.swapcase()
        else:
            words.insert(i, rng.choice(words))
    return " ".join(words)


def _texts_and_names():
    for path in EXAMPLES:
        comp = compile_path(str(path))
        if comp.plan is None:
            continue
        names = names_check._names(comp.plan)
        texts = [w.text.plain for w in iter_texts(comp.plan)]
        # the declared names themselves, written into prose with a letter off
        texts += [f"Báo cáo về {name} trước ngày 30/4." for _, name, _ in names]
        yield path.name, names, texts


@pytest.mark.parametrize("name,names,texts", list(_texts_and_names()), ids=lambda x: x if isinstance(x, str) else "")
def test_name_drift_windows_match_the_plain_algorithm(name, names, texts):
    rng = random.Random(name)
    for plain in texts + [_mutate(rng, t) for t in texts for _ in range(3)]:
        plain = Source.from_text(plain).text  # NFC, as every text of a plan
        assert _fast_drift(plain, names) == _plain_drift(plain, names), plain


@SETTINGS
@given(st.lists(st.sampled_from(["Hội", "đồng", " ", "\t", "\u00a0", "\n", ",", ";", ":", ".", "(", ")", "“", "”", '"', "'",
                                 "!", "?", "-", "–", "&", "/", "a-b", "x&y", "_", "2"]), max_size=30).map("".join)
       | st.text(max_size=80))
def test_name_words_split_as_the_token_pattern(s):
    assert names_check._raw_words(s) == [r for r in names_check._TOKEN.findall(s) if r not in names_check._DROP]


def _plain_fold_keep(s: str) -> str:
    return "".join(_fold_char(ch) for ch in s)


@SETTINGS
@given(st.text(max_size=300))
def test_fold_keep_translation_matches_per_character_folding(s):
    assert fold_keep(s) == _plain_fold_keep(s)


def test_fold_keep_on_the_examples():
    for path in EXAMPLES:
        text = path.read_text("utf-8")
        assert fold_keep(text) == _plain_fold_keep(text)


LEGACY_PIECES = ["KÕ ho¹ch", "c«ng t¸c", "Keá hoaïch", "coâng taùc", "thi ñua", "Nhãn hiệu®", "±", "rõ", "tù",
                 "Kế hoạch", " ", "ñ", "õ", "ø", "¸", "abc", "ĐẠI"]


@SETTINGS
@given(st.lists(st.sampled_from(LEGACY_PIECES), max_size=12).map(" ".join) | st.text(max_size=200))
def test_legacy_prefilter_changes_nothing(s):
    assert find_legacy(s) == list(_find_legacy(s))


def _plain_balance(plain: str) -> list[int]:
    stack, bad = [], []
    closers = {v: k for k, v in _PAIRS.items()}
    for i, ch in enumerate(plain):
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
    straight = [i for i, ch in enumerate(plain) if ch == '"']
    if len(straight) % 2:
        bad.append(straight[-1])
    return sorted(bad)


@SETTINGS
@given(st.lists(st.sampled_from(list('()“”[]"') + ["chữ ", "a", " "]), max_size=40).map("".join))
def test_balance_on_delimiters_matches_the_character_walk(plain):
    from tdkt_dsl.check.hygiene import _balance

    text = Text(runs=[Run(text=plain)])
    seen = []

    class _Loc(Locator):
        def span(self, text, start, end):
            seen.append(start)
            return None

    list(_balance(_Loc({}), text, plain))
    assert seen == _plain_balance(plain)


# ---- prose finders: the quick tests before each search ----------------------------------------

PROSE_PIECES = ["12 /", "3\u00a0/\t4", "٣/٤", "5  tháng ", "Kế hoạch số 05 của UBND", "số ", "SỐ ", "Số: ", "sſ", "Công văn ", "kế HOẠCH ", "05 ", "Quyết định số 5 ngày 1/2/2023", "Chỉ thị ", "năm ", "NĂM ", "Năm học ", "tháng ", "THÁNG ", "ngày ", "2023", "1948", "2022-2023", "2021 – 2025",
                "15/02/2023", "02/2023", "30/4", "(11/6/1948-11/6/2023)", "kỷ niệm ", "75 ", "20 năm ngày thành lập ",
                "Kế hoạch số ", "322/KH-UBND ", "Luật Thi đua, khen thưởng ", "đến ", "giai đoạn ", "Quý Mão ",
                "Tết ", "ſ", "ı", "İ", "Σ", "/", "-", "—", ", ", ". ", "; ", "(", ")", "a", " "]
_FINDERS = ("find_years", "find_dates", "find_citations", "find_anniversaries")


def _found_without_gates(monkeypatch, s: str) -> dict[str, list]:
    import tdkt_dsl.prose_dates as pd

    with monkeypatch.context() as m:
        m.setattr(pd, "GATES", False)
        # the undecorated finders: nothing remembered from a gated call answers
        return _found(s)


def _found(s: str) -> dict[str, list]:
    import tdkt_dsl.prose_dates as pd
    from tdkt_dsl.check._common import _prose_citations_in

    found = {f: getattr(pd, f).__wrapped__(s) for f in _FINDERS}
    found["prose citations"] = _prose_citations_in.__wrapped__(s)
    return found


@SETTINGS
@given(st.lists(st.sampled_from(PROSE_PIECES), max_size=16).map("".join) | st.text(max_size=120))
def test_prose_finder_gates_change_nothing(s):
    with pytest.MonkeyPatch.context() as mp:
        assert _found(s) == _found_without_gates(mp, s)


def test_prose_finder_gates_on_the_examples(monkeypatch):
    for path in EXAMPLES:
        for line in path.read_text("utf-8").splitlines():
            assert _found(line) == _found_without_gates(monkeypatch, line), line


def test_can_chi_tables_match_comparing_every_spelling():
    from tdkt_dsl import prose_dates as pd
    from tdkt_dsl.vocabulary import strip_marks

    def plain_stem(word):
        loose = strip_marks(word)
        found = {s for s in pd.STEMS if strip_marks(s) == loose}
        found |= {s for alias, s in pd._STEM_ALIASES.items() if strip_marks(alias) == loose}
        return found.pop() if len(found) == 1 else None

    def plain_branch(word):
        exact = pd._BRANCH_ALIASES.get(word.capitalize(), word.capitalize())
        if exact in pd.BRANCHES:
            return exact
        loose = strip_marks(word)
        found = [b for b in pd.BRANCHES if strip_marks(b) == loose]
        found += [b for a, b in pd._BRANCH_ALIASES.items() if strip_marks(a) == loose and b not in found]
        return min(found, key=pd.BRANCHES.index) if found else None

    words = [*pd.STEMS, *pd.BRANCHES, *pd._STEM_ALIASES, *pd._BRANCH_ALIASES]
    words += [f(w) for w in list(words) for f in (str.upper, str.lower, strip_marks)] + ["năm", "Học", "ty", "TY"]
    for w in words:
        assert (pd.stem(w), pd.branch(w)) == (plain_stem(w), plain_branch(w)), w


@SETTINGS
@given(st.text(max_size=60))
def test_strip_marks_by_table_matches_dropping_each_combining_character(s):
    import unicodedata

    from tdkt_dsl.vocabulary import strip_marks

    plain = unicodedata.normalize("NFD", s.lower().replace("đ", "d"))
    assert strip_marks(s) == "".join(c for c in plain if not unicodedata.combining(c))


# the hygiene patterns as first written (plain quantifiers, look-behind first)
_PLAIN_REPEAT = r"(?<!\w)(?P<w>[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,2})(?P<gap>[ \t]+)(?P=w)(?!\w)"
_PLAIN_SPACE_BEFORE = r"(?<=\S)[ \t]+(?P<mark>[,;:!?)\]]|\.(?![.…/]))"
_PLAIN_UNRESOLVED = r"(?<![\w.])@[A-Za-z0-9]"
HYGIENE_PIECES = ["@", "@pgd", "a@b", ".@x", "các", "Các", "CÁC", "kỷ niệm", "Kỷ niệm", " ", "  ", "\t", ",", ".", "...", "…", ";", ")", "(",
                  "x2", "_", "²", "a", "b", "ab", "\n"]


def _spans(pattern, s):
    import re

    return [tuple(m.span(g) for g in range(pattern.groups + 1)) for m in pattern.finditer(s)]


@SETTINGS
@given(st.lists(st.sampled_from(HYGIENE_PIECES), max_size=24).map("".join) | st.text(max_size=80))
def test_hygiene_patterns_match_as_first_written(s):
    import re

    from tdkt_dsl.check.hygiene import _REPEAT, _SPACE_BEFORE

    assert _spans(_REPEAT, s) == _spans(re.compile(_PLAIN_REPEAT, re.IGNORECASE), s)
    from tdkt_dsl.check.hygiene import _SPACE_GATE

    assert _SPACE_GATE.search(s) or not _SPACE_BEFORE.search(s)  # the quick test never skips a match
    assert _spans(_SPACE_BEFORE, s) == _spans(re.compile(_PLAIN_SPACE_BEFORE), s)
    from tdkt_dsl.check.references import _UNRESOLVED

    assert _spans(_UNRESOLVED, s) == _spans(re.compile(_PLAIN_UNRESOLVED), s)


REPEAT_PIECES = ["các", "Các", "CÁC", "kỷ niệm", "KỶ NIỆM", "của", " ", "  ", "\t", "\u00a0", "\n", ",", ".", "(", ")",
                 "“", "”", "-", "–", "/", ":", ";", "«", "»", "§", "_", "2", "x2", "²", "İ", "i", "i\u0307", "Σ", "σ", "ς",
                 "ΑΣ", "ασ", "K", "\u212a", "ß", "ẞ", "ǅ", "ǆ", "a", "b", "ab"]


@SETTINGS
@given(st.lists(st.sampled_from(REPEAT_PIECES), max_size=24).map("".join) | st.text(max_size=60))
def test_repeat_quick_test_never_skips_a_match(s):
    """T801 searches a text only when its words, lower-cased, repeat in place (`_may_repeat`)."""
    from tdkt_dsl.check.hygiene import _REPEAT, _may_repeat

    if _REPEAT.search(s):
        assert _may_repeat(s), s


def test_repeat_quick_test_on_the_examples():
    from tdkt_dsl.check.hygiene import _REPEAT, _may_repeat

    # the pattern compares letters as str.lower() does, but for İ and a final Σ
    for s in ("ΑΣ ασ.", "İ i", "xİ xi", "các các", "Các CÁC,", "(kỷ niệm kỷ niệm)", "\u212a \u212a"):
        assert _REPEAT.search(s) and _may_repeat(s), s
    rng = random.Random(801)
    for path in EXAMPLES:
        for line in path.read_text("utf-8").splitlines():
            words = line.split(" ")
            i = rng.randrange(len(words))
            for s in (line, " ".join(words[:i] + words[i:i + rng.randrange(1, 4)] + words[i:])):
                if _REPEAT.search(s):
                    assert _may_repeat(s), s


def _diagnostics(path: str) -> list:
    import tdkt_dsl.prose_dates as pd
    from tdkt_dsl.check._common import _prose_citations_in

    for f in _FINDERS:
        getattr(pd, f).cache_clear()
    _prose_citations_in.cache_clear()
    comp = compile_path(path)
    return [(d.code, d.span.start, d.span.end, d.message("vi"), d.fix and d.fix.model_dump()) for d in comp.diagnostics]


def test_checks_find_the_same_without_the_quick_tests(tmp_path, monkeypatch):
    """Every check finds the same with the quick tests of the prose finders and checks turned off:
    on every plan of the case files (each rule's firing and near-identical quiet sentences) and on
    every example with lines cut or mutated."""
    import tdkt_dsl.prose_dates as pd

    from .test_cases import ALL, _prepare

    paths = []
    for i, (_, _, case) in enumerate(ALL):
        if "plan" in case and not case.get("setup") and not case.get("skip"):
            d = tmp_path / f"case{i}"
            d.mkdir()
            paths.append(_prepare(d, case)[0])
    rng = random.Random(12)
    for path in EXAMPLES:
        lines = path.read_text("utf-8").split("\n")
        for k in range(4):
            ls = list(lines)
            for _ in range(8):
                i = rng.randrange(len(ls))
                ls[i] = _mutate(rng, ls[i]) if rng.random() < 0.5 else ls[i][: len(ls[i]) // 2]
            variant = path.with_name(f"{path.stem}.variant{k}.tdkt")
            variant = tmp_path / variant.name
            variant.write_text("\n".join(ls), encoding="utf-8")
            paths.append(str(variant))
        paths.append(str(path))
    assert len(paths) > 200
    for path in paths:
        gated = _diagnostics(path)
        monkeypatch.setattr(pd, "GATES", False)
        assert _diagnostics(path) == gated, path
        monkeypatch.setattr(pd, "GATES", True)


START_PIECES = ["(11/6/1948-11/6/2023)", "(2003 - 2023)", "năm học ", "NH ", "nh", "Nhà ", "2022-2023", "2022 – 2023", "ngày ", "NGÀY  ", "08 tháng 01 năm 2024", "1999", "2020", "/2023", ".2023", ",2023", "12023", "Tết ", "TẾT ", "tết Nguyên Đán ", "Xuân ", "xUÂN ", "năm ", "Năm ", "NĂM ", "Quý Mão ", "Giáp Thìn ", "2023",
                "kỷ niệm ", "KỶ NIỆM ", "Kỷ  niệm ", "75", "5 ", "120 ", "1", "12", "٣", "/", " /", "\u00a0/", "\t/", "3/4",
                "tháng ", "THÁNG ", "tháng", "ngày ", "Kế hoạch ", "KẾ HOẠCH ", "công điện ", "Công Điện ", "số ", "322/KH-UBND",
                "İ", "ı", "ſ", "Σ", "(", ")", ",", ".", " ", "  ", "\n", "a", "x"]


@SETTINGS
@given(st.lists(st.sampled_from(START_PIECES), max_size=20).map("".join) | st.text(max_size=80))
@example("İİ Kế hoạch số 322/KH-UBND ngày 5/6/2023, tháng 5 năm 2023, kỷ niệm 75 năm ngày, Tết Quý Mão")
@example("Công đıện số 5/CĐ ngày 1/2/2023")
def test_matches_at_the_starts_equal_finditer(s):
    """Every recogniser tried only where its matches can start ([starts], the document types) finds
    what finditer finds, group by group."""
    import tdkt_dsl.prose_dates as pd
    from tdkt_dsl.check._common import PROSE_CITATION
    from tdkt_dsl.check.anniversaries import _TET
    from tdkt_dsl.check.years import _SCHOOL
    from tdkt_dsl.check.anniversaries import _ANNIV as _ANNIV_RANGE
    from tdkt_dsl.check.context import _SUMMARY_SCHOOL

    def groups(found):
        return [tuple(m.span(g) for g in range(m.re.groups + 1)) for m in found]

    for name, pattern in (("prose_date", pd._PROSE_DATE), ("anniversary", pd._ANNIV), ("lunar_new_year", _TET),
                          ("long_date", pd._DATE_LONG), ("school_year", _SCHOOL),
                          ("anniversary_range", _ANNIV_RANGE), ("summary_school_year", _SUMMARY_SCHOOL)):
        assert groups(pd.matches_named(name, pattern, s)) == groups(pattern.finditer(s)), name
    for pattern in (pd._DATE, pd._MONTH):  # at the digits before a "/"
        assert groups(pd.matches(pattern, s, pd.starts_of(s, (), ("/",), 2))) == groups(pattern.finditer(s))
    assert groups(pd._plain_years(s, list(pd._ANY_YEAR.finditer(s)))) == groups(pd._YEAR.finditer(s))
    for pattern in (pd.CITATION_HEAD, PROSE_CITATION):
        assert groups(pd.matches(pattern, s, pd.starts_of(s, pd._DOC_TYPES))) == groups(pattern.finditer(s))


@SETTINGS
@given(st.lists(st.sampled_from(START_PIECES + ["-", "–", " - ", "5-", "5 /", "٣ năm", "5\u00a0năm", "5năm"]),
                max_size=20).map("".join) | st.text(max_size=80))
@example("İ 75 năm")
@example("ı 5 - 6")
def test_digit_quick_tests_equal_their_patterns(s):
    """lacks_count and the number test of cannot_cite look only where "năm", "/" or "-" stands."""
    import re

    import tdkt_dsl.prose_dates as pd
    from tdkt_dsl.vocabulary import date_word

    count = re.compile(r"\d\s+(?i:%s)" % re.escape(date_word("year")))
    assert pd.lacks_count(s) == (count.search(s) is None)
    assert pd._NO_NUMBER(s) == (re.search(r"\d\s*[/-]", s) is None)


def test_every_start_is_written_in_its_pattern():
    """A word of [starts] is one the pattern itself spells (a pattern edited without its starts
    would silently miss matches)."""
    from tdkt_dsl.resources import data_table

    table = data_table("prose-patterns")
    assert table["starts"]
    for name, starts in table["starts"].items():
        pattern = table["patterns"][name].lower()
        for word in [*starts.get("words", ()), *starts.get("after_digits", ())]:
            assert word.lower() in pattern, (name, word)
        assert not starts.get("after_digits") or starts.get("digits", 0) > 0, name


def test_every_need_is_written_in_its_pattern():
    """A requirement of [needs] names what the pattern itself spells (a pattern edited without its
    needs would silently skip texts)."""
    from tdkt_dsl.resources import data_table

    table = data_table("prose-patterns")
    assert table["needs"]
    for name, groups in table["needs"].items():
        pattern = table["patterns"][name].lower()
        for group in groups:
            assert any(s.lower() in pattern for s in group), (name, group)

