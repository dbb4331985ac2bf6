#!/usr/bin/env python3
"""Regenerate every committed generated file, in the order they depend on one another, or (--check)
say which are stale. Run it after changing the vocabulary, the grammar, a template, the DOCX look,
a data table or any pattern:

    .venv/bin/python scripts/gen_all.py          # write what is stale
    .venv/bin/python scripts/gen_all.py --check  # exit 1 if anything is stale

vocabulary → grammar/tdkt.lark → generated parser → editor colouring → compiled templates → DOCX
parts → data tables → regex programs (they record the patterns everything above compiles) →
README rules table.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["gen_grammar.py", "gen_parser.py", "gen_tmgrammar.py", "gen_templates.py", "gen_docx_parts.py",
         "gen_data_tables.py", "gen_regex_cache.py", "gen_rules.py"]
NO_CHECK = {"gen_tmgrammar.py"}  # its test (tests/editor/test_tmgrammar.py) checks it


def main(argv: list[str]) -> int:
    check = "--check" in argv
    failed = []
    for script in ORDER:
        if check and script in NO_CHECK:
            continue
        r = subprocess.run([sys.executable, str(HERE / script)] + (["--check"] if check else []))
        if r.returncode != 0:
            failed.append(script)
    if failed:
        print(("stale: " if check else "failed: ") + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
