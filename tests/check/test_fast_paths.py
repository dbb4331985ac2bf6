"""The quick paths of the checks give what the plain algorithms give: name drift compares only the
windows that hold a name's first or second word, legacy detection skips text without a legacy mark,
`fold_keep` folds through a translation table, bracket balance looks only at the delimiters. Each is
compared here with the plain algorithm it replaced, on every text of the examples and on fuzzed
variants of them."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
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
