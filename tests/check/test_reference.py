"""The reference plans as published (mistakes included) get exactly the diagnostics they deserve.

tests/check/reference/*.tdkt are derived from the corrected examples by derive.py, which puts each
published mistake back. They are checked against the shared list of upper-level documents
(tests/check/reference/tdkt.toml → examples/van-ban-cap-tren.toml).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tdkt_dsl.compiler import compile_path

from .reference.derive import MISTAKES, derive

REF = Path(__file__).resolve().parent / "reference"

EXPECTED = {
    "long-bien-2023.tdkt": [
        ("C702", 23, 15),   # Kế hoạch số 5842/KH-SGD&ĐT: the Sở's plan of 26/12/2022 is 4582/KH-SGDĐT
        ("D303", 61, 267),  # Kế hoạch số 66/KH-HĐTĐKT ngày 09 tháng 10 năm 2023: after the plan (15/02/2023)
        ("D301", 97, 8),    # hạn "Trước ngày 10/2/2023": before the issue date 15/02/2023
        # not flagged: "Số: 05 /KH" (the compiler composes the number), "kính tế" (spelling)
    ],
    "dong-da-2023.tdkt": [
        ("Y402", 26, 69),   # "phát huy kết quả đạt được … năm 2023" in the 2023 plan
        ("Y402", 38, 796),  # "kết quả đạt được … của Thủ đô năm 2023"
        ("R605", 83, 3),    # "Phòng GDĐT" among its own recipients
        # not flagged: "Đông Đa", "ngày 6" (printed as 06 by the compiler), spelling
    ],
    "thanh-xuan-2024.tdkt": [],  # anniversaries (incl. "(10/1954 - 10/2024)") and Giáp Thìn 2024 are right
}
# The prose rules (D308-D310, Y404/Y405, A505, R608, R609, C706-C708) find nothing in the three
# plans as published: their prose dates are holidays ("02/9", "10/10", "20/11") or citation dates,
# their school years are the plan's, their anniversaries agree with knowledge.toml (75 years of the
# 1948 call, 70 of 1954), their offices existed before 01/7/2025, their older documents (124-KH/TU
# of 2014, 02/KH-HĐTĐKT of 2020 for 2021-2025, Nghị quyết 17-NQ/QU to 2025/2030) are still in force,
# and their names of units use other abbreviations, not misspellings.


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_transcription_is_derived_from_the_current_example(name):
    assert (REF / name).read_text(encoding="utf-8") == derive(name), \
        "examples changed: run `python tests/check/reference/derive.py`"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_published_plan_gets_exactly_its_diagnostics(name):
    comp = compile_path(str(REF / name))
    got = sorted(d.check_tuple() for d in comp.diagnostics)
    assert got == sorted(EXPECTED[name]), [f"{d.code} {d.span.line}:{d.span.column} {d.message('en')}"
                                           for d in comp.diagnostics]
