"""A month timeline written the way drafters write it: dates, school years and can-chi inside the
text of its rows (tests/check/fixtures/timeline-2024.tdkt). Every planted mistake is marked on its
line with `// LỖI <CODE>:`; `tdkt check` must report exactly those, at those lines, and stay silent
on the correct dates, school years and can-chi around them."""

from __future__ import annotations

import re
from pathlib import Path

from tdkt_dsl.compiler import compile_path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "timeline-2024.tdkt"


def test_every_planted_mistake_is_reported_at_its_line_and_nothing_else():
    planted = []
    for n, line in enumerate(FIXTURE.read_text(encoding="utf-8").splitlines(), 1):
        m = re.search(r"// LỖI (\w+):", line)
        if m:
            planted.append((m.group(1), n))
    assert len(planted) >= 6
    comp = compile_path(str(FIXTURE))
    got = sorted((d.code, d.span.line) for d in comp.diagnostics)
    assert got == sorted(planted), [f"{d.code} {d.span.line}:{d.span.column} {d.message('en')}"
                                    for d in comp.diagnostics]


def test_the_stale_school_year_is_fixed_to_the_school_year_of_the_row():
    comp = compile_path(str(FIXTURE))
    fixes = {d.span.line: d.fix.edits[0].text for d in comp.diagnostics if d.code == "Y404"}
    assert set(fixes.values()) == {"2024-2025"}
