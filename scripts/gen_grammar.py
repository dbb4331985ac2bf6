#!/usr/bin/env python3
"""Rewrite the keyword and value terminals of grammar/tdkt.lark (between the
`// ---- vocabulary:start` and `// ---- vocabulary:end` lines) from tdkt_dsl/data/vocabulary.toml.

    python scripts/gen_grammar.py            # rewrite grammar/tdkt.lark
    python scripts/gen_grammar.py --check    # exit 1 if the grammar is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tdkt_dsl.vocabulary import grammar_with_terminals  # noqa: E402


def main(argv: list[str]) -> int:
    path = ROOT / "grammar" / "tdkt.lark"
    text = path.read_text(encoding="utf-8")
    new = grammar_with_terminals(text)
    if "--check" in argv:
        if new != text:
            print("grammar/tdkt.lark is out of date: run python scripts/gen_grammar.py", file=sys.stderr)
            return 1
        return 0
    if new != text:
        path.write_text(new, encoding="utf-8")
        print("grammar/tdkt.lark: vocabulary terminals rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
