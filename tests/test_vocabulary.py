"""One vocabulary (tdkt_dsl/data/vocabulary.toml): the grammar's keyword terminals are generated
from it, and every word it lists is read by the parser as what the vocabulary says it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from tdkt_dsl import vocabulary
from tdkt_dsl.compiler import compile_text
from tdkt_dsl.source import Source
from tdkt_dsl.syntax import parse
from tests.scripts import load_script

ROOT = Path(__file__).resolve().parent.parent


def _gen():
    return load_script("gen_grammar")


def test_grammar_terminals_are_generated_from_the_vocabulary():
    assert _gen().main(["--check"]) == 0, "run `python scripts/gen_grammar.py`"


def test_no_lark_internal_terminal_names():
    grammar = (ROOT / "grammar" / "tdkt.lark").read_text(encoding="utf-8")
    import re

    # every terminal the rules use is named: no quoted literal inside a rule
    rules = [line for line in grammar.splitlines() if re.match(r"^\??[a-z_]+\s*:", line)]
    assert not [r for r in rules if re.search(r'"[^"]*"', r.split("//")[0])], rules


def _kinds(text: str) -> list[str]:
    syn = parse(Source.from_text(text + "\n", "v.tdkt"))
    assert not syn.diagnostics, [d.message("en") for d in syn.diagnostics]
    return [pl.tree.children[0].type for pl in syn.lines]


@pytest.mark.parametrize("kw", vocabulary.keywords(), ids=lambda k: k.terminal)
def test_every_keyword_word_is_read_as_its_keyword(kw):
    for word in kw.words + tuple(w.upper() for w in kw.words):
        line = f"{word} pgd: x" if kw.declares else f"{word}: x"
        if kw.terminal in ("KW_YEAR",):
            line = f"{word}: 2024"
        elif kw.terminal == "KW_SCHOOL_YEAR":
            line = f"{word}: 2023-2024"
        elif kw.terminal == "KW_DATE":
            line = f"{word}: 05/01/2024"
        elif kw.terminal == "KW_NUMBER":
            line = f"{word}: 05"
        elif kw.terminal in ("KW_USE",):
            line = f"{word}: ho-so.tdkt"
        elif kw.terminal == "KW_DUE":
            line = f"{word}: tháng 02/2024"
        elif kw.terminal == "KW_COLUMNS":
            line = f"{word}: tt, nội dung"
        elif kw.terminal == "KW_LAYOUT":
            line = f"{word}: bảng"
        elif kw.terminal == "KW_ORIENTATION":
            line = f"{word}: ngang"
        elif kw.terminal == "KW_MONTH":
            line = f"{word}: 02/2024"
        elif kw.terminal in ("KW_LEAD", "KW_PARTNERS", "KW_RESPONSIBLE", "KW_MOVEMENTS"):
            line = f"{word}: pgd, tt"
        assert _kinds(line) == [kw.terminal], line


@pytest.mark.parametrize("section", ["recurrence", "columns", "layouts", "orientations"])
def test_every_value_word_is_understood(section):
    for word, meaning in vocabulary._data()[section].items():
        assert vocabulary.value(section, word.upper()) == meaning
        assert vocabulary.value(section, word.replace(" ", "  ")) == meaning


def test_a_recurring_deadline_of_every_word_builds():
    head = (ROOT / "tests" / "fixtures" / "minimal.tdkt").read_text(encoding="utf-8")
    for word, meaning in vocabulary._data()["recurrence"].items():
        text = head.replace("  hạn: tháng 01/{năm}", f"  hạn: {word}")
        comp = compile_text(text, "r.tdkt")
        assert comp.ok, [d.message("en") for d in comp.diagnostics]
        assert comp.plan.all_tasks()[0].deadline.recurrence == meaning


def test_one_list_of_document_types():
    sources = [p for p in (ROOT / "tdkt_dsl").rglob("*.py")
               if '"Quyết định", "Công văn"' in p.read_text(encoding="utf-8")]
    assert not sources, sources


def test_one_citation_head_for_builder_checks_and_prose():
    """The builder, the checks and rollover/import match citations with one head pattern."""
    from tdkt_dsl.check._common import PROSE_CITATION
    from tdkt_dsl.model.citations import _HEAD
    from tdkt_dsl.prose_dates import CITATION_HEAD

    for pattern in (_HEAD, CITATION_HEAD):
        assert pattern.pattern.startswith(vocabulary.citation_head())
    assert PROSE_CITATION.pattern.startswith(vocabulary.citation_head(number_word_required=True))
    line = "Căn cứ Kế hoạch số 322/KH-UBND ngày 09/12/2022 của UBND Thành phố về công tác"
    assert [m.group("type") for m in CITATION_HEAD.finditer(line)] == ["Kế hoạch"]
    assert [m.group("num") for m in PROSE_CITATION.finditer(line)] == ["322/KH-UBND"]
    # "Kế hoạch 5 năm" has no "số": a citation for prose_dates (it reads 124-KH/TU), not for the checks
    assert not PROSE_CITATION.search("Kế hoạch 5 năm (2021-2025)")
    assert CITATION_HEAD.search("theo Kế hoạch 124-KH/TU của Thành ủy").group("num") == "124-KH/TU"


def test_one_can_chi_table_tolerant_of_spelling():
    from tdkt_dsl.prose_dates import branch, can_chi, stem, year_of_can_chi

    assert [can_chi(y) for y in (2023, 2024, 2025, 2026)] == ["Quý Mão", "Giáp Thìn", "Ất Tỵ", "Bính Ngọ"]
    assert stem("quy") == stem("QUÝ") == "Quý" and stem("Kỉ") == stem("ky") == "Kỷ" and stem("Mèo") is None
    # Tý (rat) and Tỵ (snake) differ by their tone only; Tí/Tị are other spellings of them
    assert branch("Tí") == branch("Tý") == branch("ty") == "Tý"
    assert branch("Tị") == branch("TỴ") == "Tỵ"
    assert branch("Mẹo") == branch("mao") == "Mão" and branch("Mùa") is None
    assert year_of_can_chi("Giáp Thìn", 2030) == 2024 and year_of_can_chi("Quý Mẹo", 2024) == 2023
