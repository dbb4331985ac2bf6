"""A plan with errors is still laid out for the preview (the web editor's analyze, `render_text`):
a paragraph left empty — emphasis around spaces only, the last line typed so far — is reported
(M224, M212) and never breaks the layout (it ended the text with `./.` by taking its last run: there was none)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tdkt_dsl.compiler import compile_text
from tdkt_dsl.render.html import document_html
from tdkt_dsl.render.text import render_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.tdkt"))
EMPTY = ["** **", "* *", "*\u00a0*", "** ** ** **", "kết thúc: ** **", "- ** **"]


@pytest.mark.parametrize("last", EMPTY)
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_an_empty_last_paragraph_is_reported_and_laid_out(path: Path, last: str):
    comp = compile_text(path.read_text(encoding="utf-8") + "\n" + last + "\n", str(path))
    # (a second `kết thúc:` in a plan that has one is M203, a duplicate)
    assert {"M212", "M203", "M224"} & {d.code for d in comp.diagnostics} and not comp.ok
    assert comp.plan is not None
    html = document_html(comp.plan)
    text = render_text(comp.plan)
    assert "./." in html and "./." in text


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_a_last_paragraph_with_words_ends_with_the_mark_once(path: Path):
    comp = compile_text(path.read_text(encoding="utf-8") + "\n**Nơi** gửi đến.\n", str(path))
    assert not {"M212", "M224"} & {d.code for d in comp.diagnostics}
    text = render_text(comp.plan)
    assert text.count("./.") == 1


@pytest.mark.parametrize("last", EMPTY + ["- ** **", "# ** **", "nhiệm vụ: ** **"])
def test_the_message_names_what_was_written_never_a_parse_tree(last: str):
    from tdkt_dsl.diagnostics import render

    path = ROOT / "examples" / "thanh-xuan-2024.tdkt"
    comp = compile_text(path.read_text(encoding="utf-8") + "\n" + last + "\n", str(path))
    for d in comp.diagnostics:
        for lang in ("vi", "en"):
            message = render(d, comp.sources.get(d.span.file), lang)
            assert "Tree(" not in message and "Token(" not in message, message
