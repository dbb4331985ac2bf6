"""The README's rules table is generated from the code registry (scripts/gen_rules.py)."""

from __future__ import annotations

from pathlib import Path
from tests.scripts import load_script

ROOT = Path(__file__).resolve().parent.parent.parent


def _gen():
    return load_script("gen_rules")


def test_readme_rules_block_equals_generated_text():
    gen = _gen()
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    a = text.index(gen.START) + len(gen.START)
    b = text.index(gen.END)
    assert text[a:b] == "\n" + gen.generate(), "run `python scripts/gen_rules.py`"


def test_every_rule_is_in_the_readme():
    from tdkt_dsl.catalogue import all_codes

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for r in all_codes():
        assert f"`{r.code}`" in text and f"`{r.name}`" in text
