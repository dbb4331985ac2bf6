"""The VS Code extension: its manifest, its TextMate grammar (current with the language, and
colouring the examples as intended, checked with VS Code's own tokeniser) and its packaging."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tdkt_dsl.compiler import compile_path
from tdkt_dsl.services import build_index
from tdkt_dsl.source import Source
from tdkt_dsl.syntax import parser

ROOT = Path(__file__).resolve().parents[2]
EXT = ROOT / "editors" / "vscode"
EXAMPLES = sorted((ROOT / "examples").rglob("*.tdkt"))
sys.path.insert(0, str(ROOT / "scripts"))


def _manifest_checks(pkg: dict) -> None:
    langs = pkg["contributes"]["languages"]
    assert [l["id"] for l in langs] == ["tdkt"] and langs[0]["extensions"] == [".tdkt"]
    grammars = pkg["contributes"]["grammars"]
    assert grammars == [{"language": "tdkt", "scopeName": "source.tdkt", "path": "./syntaxes/tdkt.tmLanguage.json"}]
    commands = {c["command"] for c in pkg["contributes"]["commands"]}
    assert commands == {"tdkt.build", "tdkt.check", "tdkt.preview"}
    props = pkg["contributes"]["configuration"]["properties"]
    assert set(props) == {"tdkt.executable", "tdkt.lang"}


def test_manifest_declares_language_grammar_commands_and_settings():
    _manifest_checks(json.loads((EXT / "package.json").read_text("utf-8")))
    assert (EXT / "language-configuration.json").is_file()


def test_committed_grammar_is_current():
    import gen_tmgrammar

    committed = (EXT / "syntaxes" / "tdkt.tmLanguage.json").read_text("utf-8")
    assert committed == gen_tmgrammar.render(), "run: python scripts/gen_tmgrammar.py"


@pytest.fixture(scope="module")
def packaged() -> Path:
    """scripts/build-vscode: npm ci, bundle, grammar unit tests, vsce package."""
    r = subprocess.run([str(ROOT / "scripts" / "build-vscode")], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "run successfuly" in r.stdout  # vscode-tmgrammar-test ran the assertions in test/*.tdkt
    return ROOT / "build" / "tdkt.vsix"


def test_vsix_is_built_with_manifest_and_grammar(packaged: Path):
    with zipfile.ZipFile(packaged) as z:
        names = set(z.namelist())
        assert {"extension/package.json", "extension/syntaxes/tdkt.tmLanguage.json", "extension/out/extension.js",
                "extension/language-configuration.json"} <= names
        _manifest_checks(json.loads(z.read("extension/package.json")))
        assert not any(n.startswith("extension/node_modules/") or n.startswith("extension/src/") for n in names)


@pytest.fixture(scope="module")
def tokens(packaged) -> dict[str, list[list[dict]]]:
    r = subprocess.run(["node", str(EXT / "tools" / "tokenize.js"), *map(str, EXAMPLES)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return {str(Path(k)): v for k, v in json.loads(r.stdout).items()}


def _scopes_at(line_tokens: list[dict], col: int) -> list[str]:
    for t in line_tokens:
        if t["start"] <= col < t["end"]:
            return t["scopes"]
    return []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_are_coloured_as_the_language_reads_them(path: Path, tokens):
    lines = tokens[str(path)]
    source = Source.from_text(path.read_text("utf-8"), str(path))
    src_lines, comments = source.lines()
    p = parser()
    checked = {"keyword": 0, "comment": 0, "reference": 0}
    for c in comments:  # every comment is coloured as a comment, from its `//`
        col = c.start - source.line_start(c.line)
        assert "comment.line.double-slash.tdkt" in _scopes_at(lines[c.line - 1], col), (c.line, c.text)
        checked["comment"] += 1
    for line in src_lines:
        body = line.text[line.indent:]
        if not body:
            continue
        try:
            tree = p.parse(body)
        except Exception:
            continue
        kind = tree.data if isinstance(tree.data, str) else tree.data.value
        scopes = " ".join(_scopes_at(lines[line.number - 1], line.indent))
        if kind in ("paragraph",):
            assert "keyword" not in scopes, (line.number, body)
        elif kind in ("heading", "numbered", "bullet", "subbullet"):
            assert "punctuation.definition" in scopes, (line.number, body)
        else:  # a keyword statement
            assert "keyword" in scopes or "variable.parameter.field" in scopes, (line.number, body, scopes)
            checked["keyword"] += 1
    if "profiles" not in path.parts:
        index = build_index(compile_path(str(path)))
        for occ in index.occurrences:
            if occ.location.file != str(path) or occ.is_definition:
                continue
            r = occ.location.range.start
            text = source.line_text(r.line + 1)
            if r.character > 0 and text[r.character - 1] == "@":  # `@id` in prose
                assert "variable.other.constant.reference.tdkt" in _scopes_at(lines[r.line], r.character), r
                checked["reference"] += 1
    assert checked["keyword"] > 0
