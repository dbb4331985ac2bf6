"""Write editors/vscode/syntaxes/tdkt.tmLanguage.json from the language's keywords.

The keywords come from the grammar (tdkt_dsl.services.keywords), so the colouring can never drift
from the language; tests/editor/test_tmgrammar.py checks that the committed file is current.
Run: python scripts/gen_tmgrammar.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tdkt_dsl.services import keywords  # noqa: E402

OUT = ROOT / "editors" / "vscode" / "syntaxes" / "tdkt.tmLanguage.json"


def _alt(words) -> str:
    # longest first, so `tên cơ quan` wins over `cơ quan`; spaces match any run of blanks
    return "|".join(re.escape(w).replace("\\ ", "\\s+") for w in sorted(set(words), key=lambda w: (-len(w), w)))


def grammar() -> dict:
    fields, declarations = [], []
    for kw in keywords():
        (declarations if kw.declares else fields).extend(kw.words)
    task_fields = ["chủ trì", "phối hợp", "phụ trách", "phong trào", "thời hạn", "hạn", "ghi chú",
                   "lead", "partners", "responsible", "movements", "due", "deadline", "note"]
    return {
        "$schema": "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
        "name": "tdkt",
        "scopeName": "source.tdkt",
        "fileTypes": ["tdkt"],
        "patterns": [
            {"include": "#comment"},
            {"include": "#declaration"},
            {"include": "#task-field"},
            {"include": "#field"},
            {"include": "#heading"},
            {"include": "#list-mark"},
            {"include": "#inline"},
        ],
        "repository": {
            "comment": {
                "name": "comment.line.double-slash.tdkt",
                "match": "(?:^|(?<=[ \\t]))(?<!\\\\)//.*$",
            },
            "declaration": {
                "match": f"(?i)^\\s*({_alt(declarations)})\\s+([A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?)\\s*(:)",
                "captures": {"1": {"name": "keyword.other.declaration.tdkt"},
                             "2": {"name": "entity.name.type.id.tdkt"},
                             "3": {"name": "punctuation.separator.key-value.tdkt"}},
            },
            "task-field": {
                "match": f"(?i)^(\\s+)({_alt(task_fields)})\\s*(:)",
                "captures": {"2": {"name": "variable.parameter.field.tdkt"},
                             "3": {"name": "punctuation.separator.key-value.tdkt"}},
            },
            "field": {
                "match": f"(?i)^\\s*({_alt(fields)})\\s*(:)",
                "captures": {"1": {"name": "keyword.other.tdkt"},
                             "2": {"name": "punctuation.separator.key-value.tdkt"}},
            },
            "heading": {
                "match": "^\\s*(#{1,6})(?=\\s|$)(.*)$",
                "captures": {"1": {"name": "punctuation.definition.heading.tdkt"},
                             "2": {"name": "markup.heading.tdkt", "patterns": [{"include": "#inline"}]}},
            },
            "list-mark": {
                "match": "^\\s*(#\\.|[-–•+])(?=\\s|$)",
                "captures": {"1": {"name": "punctuation.definition.list.begin.tdkt"}},
            },
            "inline": {
                "patterns": [
                    {"include": "#comment"},
                    {"name": "constant.character.escape.tdkt", "match": "\\\\."},
                    {"name": "variable.other.constant.reference.tdkt",
                     "match": "(?<![\\w.])@[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9])?"},
                    {"name": "variable.language.tdkt", "match": "\\{[^{}\\s][^{}]*\\}"},
                    {"name": "constant.numeric.date.tdkt",
                     "match": "(?<![\\d/])\\d{1,2}/\\d{1,2}/(?:\\d{4}|\\{[^{}\\s]+\\})(?![\\d/])"},
                    {"name": "constant.numeric.date.tdkt",
                     "match": "(?<![\\d/])\\d{1,2}/(?:\\d{4}|\\{[^{}\\s]+\\})(?![\\d/])"},
                    {"name": "constant.other.symbol.tdkt",
                     "match": "(?<![\\w/])\\d{1,6}/[A-ZĐ][A-ZĐ0-9&-]*(?:/[A-ZĐ][A-ZĐ0-9&-]*)?"},
                    {"name": "markup.bold.tdkt", "match": "\\*\\*[^*]+\\*\\*"},
                    {"name": "markup.italic.tdkt", "match": "(?<!\\*)\\*[^*]+\\*(?!\\*)"},
                    {"name": "string.quoted.double.tdkt", "match": "\"[^\"]*\"|“[^”]*”"},
                ]
            },
        },
    }


def render() -> str:
    return json.dumps(grammar(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
