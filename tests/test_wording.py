"""User-visible wording lives in the catalogue (tdkt_dsl/catalogue: messages and phrases), in
templates/ and in data tables (tdkt_dsl/data/*.toml), not in Python literals: a string constant
with Vietnamese letters anywhere else in tdkt_dsl fails this test, unless it is listed below with
the reason it stays. Docstrings and comments do not count (they are for developers).

When you clean a file, take it off `FILES_BEING_MOVED`; the test fails on an entry that no
longer has anything to excuse, so the lists only shrink.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tdkt_dsl.catalogue import PHRASES, say

PACKAGE = Path(__file__).resolve().parent.parent / "tdkt_dsl"

# Vietnamese letters: the vowels with their marks and đ (ASCII-only Vietnamese, "bo qua", is not
# caught; it is rare in code and the data tables hold it where it is vocabulary)
VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]",
                        re.IGNORECASE)

# Not checked at all: the catalogue is where wording belongs; the standalone parser is generated
# from grammar/tdkt.lark (whose keywords are generated from data/vocabulary.toml) and the
# precompiled phrases from templates/phrases.j2, where the document's wording lives.
EXEMPT = ("catalogue/", "generated_parser.py", "generated_lark.py", "generated_phrases.py")

# Whole files whose wording is still being moved by the engineer who owns them (issue 10): none
# left. A file may join only with its owner's reason and leave as soon as it is clean.
FILES_BEING_MOVED: dict[str, str] = {}

# Single literals that are not wording, each with its reason: (file, literal) → why it stays.
LITERALS: dict[tuple[str, str], str] = {
    ("model/authority.py", r"(?:^|(?<=[\s,;/|]))(?P<prefix>[A-Za-zĐđ]{1,4})\.\s*"):
        "a character class (letters a mistyped prefix may have), not words",
    ("vocabulary.py", "đ"):
        "the one letter tone-mark folding must name: Unicode gives đ no decomposition",
}


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def vietnamese_literals(path: Path) -> list[tuple[int, str]]:
    """(line, literal) of every string constant with Vietnamese letters, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docs and VIETNAMESE.search(node.value)]


def _files() -> dict[str, list[tuple[int, str]]]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.startswith(EXEMPT) or rel.endswith(EXEMPT):
            continue
        out[rel] = vietnamese_literals(path)
    return out


def test_no_vietnamese_wording_in_python_literals():
    found = []
    for rel, literals in _files().items():
        if rel in FILES_BEING_MOVED:
            continue
        found += [f"tdkt_dsl/{rel}:{line}: {text!r}" for line, text in literals
                  if (rel, text) not in LITERALS]
    assert not found, ("user-visible Vietnamese in Python literals: put messages and phrases in "
                       "tdkt_dsl/catalogue, document phrases in templates/, recogniser words in "
                       "tdkt_dsl/data/*.toml (or list a deliberate exception in tests/test_wording.py):\n"
                       + "\n".join(found))


def test_the_exceptions_are_current():
    files = _files()
    stale = [f for f in FILES_BEING_MOVED if not files.get(f)]
    stale += [f"{f}: {text!r}" for f, text in LITERALS if text not in {t for _, t in files.get(f, [])}]
    assert not stale, f"nothing left to excuse — remove from tests/test_wording.py: {stale}"
    for reason in list(FILES_BEING_MOVED.values()) + list(LITERALS.values()):
        assert reason.strip(), "every exception says why"


def test_the_checker_sees_wording_and_skips_docstrings(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('"""Mô-đun."""\n\ndef f():\n    """Hàm."""\n    return "Số văn bản", "plain"\n',
                      encoding="utf-8")
    assert vietnamese_literals(sample) == [(5, "Số văn bản")]


def test_phrases_are_well_formed_and_used():
    sources = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")
                        if "catalogue" not in p.relative_to(PACKAGE).parts)
    names = lambda t: set(re.findall(r"(?<!\{)\{(\w+)", t))  # noqa: E731
    for key, (vi, en) in PHRASES.items():
        assert re.fullmatch(r"[a-z]+(?:\.[A-Za-z0-9-]+)+", key), key
        assert vi.strip() and en.strip() and names(vi) == names(en), key
        family = key.rsplit(".", 1)[0]  # said as f"model.kind.{kind}"
        said = any(f"{q}{key}{q}" in sources or f"{q}{family}.{{" in sources for q in "\"'")
        assert said, f"phrase {key} is declared but nothing says it"
    assert say("fix.make-it-years", n=5) == ("sửa thành 5 năm", "make it 5 years")
