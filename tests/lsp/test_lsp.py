"""End-to-end tests of `tdkt lsp` with a real LSP client (pytest-lsp over stdio)."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    """A copy of the examples (plans and profiles) the tests may edit."""
    d = tmp_path_factory.mktemp("plans")
    shutil.copytree(ROOT / "examples", d / "examples")
    return d / "examples"


def _open(client: LanguageClient, path: Path, text: str | None = None, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri=uri, language_id="tdkt", version=version, text=text if text is not None else path.read_text("utf-8"))))
    return uri


def _change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)]))


async def _wait_for(client: LanguageClient, uri: str, predicate) -> list[lsp.Diagnostic]:
    """Wait (at most 20 s) until the diagnostics published for ``uri`` satisfy ``predicate``."""

    async def loop():
        while True:
            await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            diags = client.diagnostics.get(uri)
            if diags is not None and predicate(diags):
                return diags

    return await asyncio.wait_for(loop(), 20)


def _line_of(text: str, needle: str) -> tuple[int, int]:
    for i, line in enumerate(text.split("\n")):
        if needle in line:
            return i, line.index(needle)
    raise AssertionError(needle)


async def test_unknown_unit_is_diagnosed_at_its_range(client: LanguageClient, workdir: Path):
    path = workdir / "long-bien-2023.tdkt"
    text = path.read_text("utf-8")
    uri = _open(client, path, text)
    await _wait_for(client, uri, lambda ds: True)
    assert not [d for d in client.diagnostics.get(uri, []) if d.severity == lsp.DiagnosticSeverity.Error]

    line, col = _line_of(text, "chủ trì: ")
    old_line = text.split("\n")[line]
    new_line = old_line.replace("chủ trì: ", "chủ trì: khongco, ", 1)
    bad = "\n".join(new_line if i == line else l for i, l in enumerate(text.split("\n")))
    _change(client, uri, bad, 2)
    diags = await _wait_for(client, uri, lambda ds: any(d.code == "M201" for d in ds))
    errors = [d for d in diags if d.code == "M201"]
    assert len(errors) == 1, client.diagnostics[uri]
    d = errors[0]
    start = new_line.index("khongco")
    assert (d.range.start.line, d.range.start.character) == (line, start)
    assert (d.range.end.line, d.range.end.character) == (line, start + len("khongco"))
    assert "khongco" in d.message and d.severity == lsp.DiagnosticSeverity.Error
    assert d.source == "tdkt"

    # the quick fix is offered: suppress at least, and the fix when the diagnostic has one
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=d.range,
        context=lsp.CodeActionContext(diagnostics=[d])))
    titles = [a.title for a in actions]
    assert any("M201" in t for t in titles), titles

    _change(client, uri, text, 3)  # back to the good text for the other tests
    await _wait_for(client, uri, lambda ds: not any(d.code == "M201" for d in ds))


async def test_completion_after_at_lists_every_id_of_plan_and_profile(client: LanguageClient, workdir: Path):
    path = workdir / "long-bien-2023.tdkt"
    text = path.read_text("utf-8")
    lines = text.split("\n")
    line, _ = _line_of(text, "# Nội dung thực hiện")
    lines.insert(line + 1, "Giao @")
    uri = path.as_uri()
    _change(client, uri, "\n".join(lines), 10)
    result = await client.text_document_completion_async(lsp.CompletionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=line + 1, character=6)))
    labels = {i.label for i in result.items}

    from tdkt_dsl.compiler import compile_path

    plan = compile_path(str(path)).plan
    expected = set(plan.registry.units) | set(plan.registry.leaders) | set(plan.registry.movements)
    assert expected and expected <= labels, expected - labels
    profile_units = {u for u, node in plan.registry.units.items() if "profiles" in node.span.file}
    assert profile_units, "the example's profile declares units"
    detail = {i.label: i.detail for i in result.items}
    some = sorted(profile_units)[0]
    assert plan.registry.units[some].name.plain in detail[some]
    _change(client, uri, text, 11)


async def test_keyword_completion_at_line_start(client: LanguageClient, workdir: Path):
    path = workdir / "long-bien-2023.tdkt"
    text = path.read_text("utf-8")
    lines = text.split("\n")
    lines.insert(0, "trích")
    uri = path.as_uri()
    _change(client, uri, "\n".join(lines), 20)
    result = await client.text_document_completion_async(lsp.CompletionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=0, character=5)))
    labels = {i.label for i in result.items}
    assert {"trích yếu:", "title:", "nhiệm vụ:", "task:", "đơn vị <mã>:"} <= labels
    _change(client, uri, text, 21)


async def test_hover_unit_shows_full_name_and_declaration(client: LanguageClient, workdir: Path):
    path = workdir / "long-bien-2023.tdkt"
    text = path.read_text("utf-8")
    uri = path.as_uri()
    _change(client, uri, text, 30)
    line, col = _line_of(text, "chủ trì: ")
    ident = text.split("\n")[line].split("chủ trì:")[1].split(",")[0].strip()
    pos = lsp.Position(line=line, character=text.split("\n")[line].index(ident) + 1)
    res = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos))
    from tdkt_dsl.compiler import compile_path

    plan = compile_path(str(path)).plan
    table = plan.registry.units if ident in plan.registry.units else plan.registry.leaders
    assert table[ident].name.plain in res.contents.value
    assert ".tdkt:" in res.contents.value  # where it is declared

    # go to definition lands on the declaration line of the id
    loc = await client.text_document_definition_async(lsp.DefinitionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos))
    target = Path(loc.uri[len("file://"):]).read_text("utf-8").split("\n")[loc.range.start.line]
    assert ident in target and ":" in target


async def test_rename_changes_every_use_and_the_declaration(client: LanguageClient, workdir: Path):
    path = workdir / "thcs-gia-thuy-2026.tdkt"
    text = path.read_text("utf-8")
    uri = _open(client, path, text)
    await _wait_for(client, uri, lambda ds: True)
    line, _ = _line_of(text, "  chủ trì: hd")
    pos = lsp.Position(line=line, character=text.split("\n")[line].index("hd"))
    edit = await client.text_document_rename_async(lsp.RenameParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=pos, new_name="hdtd"))
    profile_uri = (workdir / "profiles" / "thcs-gia-thuy.tdkt").as_uri()
    assert set(edit.changes) == {uri, profile_uri}
    uses = text.count("chủ trì: hd\n") + text.count("phối hợp: hd\n") + text.count("@hd")
    assert len(edit.changes[uri]) == uses
    assert all(e.new_text == "hdtd" for e in edit.changes[uri])
    # applying the edits gives a plan that compiles as before
    new_text = _apply(text, edit.changes[uri])
    profile = (workdir / "profiles" / "thcs-gia-thuy.tdkt").read_text("utf-8")
    new_profile = _apply(profile, edit.changes[profile_uri])
    assert "đơn vị hdtd:" in new_profile
    from tdkt_dsl.compiler import compile_text

    (workdir / "profiles" / "renamed.tdkt").write_text(new_profile, "utf-8")
    comp = compile_text(new_text.replace("profiles/thcs-gia-thuy.tdkt", "profiles/renamed.tdkt"), str(path))
    assert not [d for d in comp.diagnostics if d.code.startswith("M2") and d.code != "M210"]


def _apply(text: str, edits: list[lsp.TextEdit]) -> str:
    lines = text.split("\n")
    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        assert e.range.start.line == e.range.end.line
        l = lines[e.range.start.line]
        lines[e.range.start.line] = l[: e.range.start.character] + e.new_text + l[e.range.end.character:]
    return "\n".join(lines)


async def test_outline_and_folding(client: LanguageClient, workdir: Path):
    path = workdir / "thcs-gia-thuy-2026.tdkt"
    uri = path.as_uri()
    symbols = await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri)))
    names = [s.name for s in symbols]
    assert names[0] in ("Phần đầu", "Header")
    assert any(n.startswith("II. Nội dung thực hiện") for n in names), names
    appendix = [s for s in symbols if s.name.startswith("Phụ lục")][0]
    assert [c.name for c in appendix.children][:2] == ["Tháng 09/2026", "Tháng 10/2026"]
    folds = await client.text_document_folding_range_async(lsp.FoldingRangeParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri)))
    assert any(f.start_line == appendix.range.start.line for f in folds)


async def test_format_document(client: LanguageClient, workdir: Path):
    path = workdir / "messy.tdkt"
    good = (workdir / "thcs-gia-thuy-2026.tdkt").read_text("utf-8")
    messy = good.replace("  chủ trì: bgh", "chủ trì :bgh").replace("tháng: 09/{năm}", "tháng:09/{năm}").replace(
        "\n\nphụ lục:", "\n\n\n\nphụ lục:")
    assert messy != good
    uri = _open(client, path, messy)
    edits = await client.text_document_formatting_async(lsp.DocumentFormattingParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri),
        options=lsp.FormattingOptions(tab_size=2, insert_spaces=True)))
    assert len(edits) == 1
    assert edits[0].new_text == good


async def test_a_profile_changed_on_disk_is_checked_again_without_a_save(client: LanguageClient, workdir: Path):
    """Another program (a second editor, `git pull`) edits a profile: the client's file watcher
    tells the server, which checks the open plan again — no save in this editor needed."""
    def watchers() -> list[str]:
        # the options arrive as JSON (the client does not know their type)
        return [w["globPattern"] for r in client.registrations if r.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES
                for w in r.register_options["watchers"]]

    for _ in range(200):  # the server asks once initialised; the request may still be on its way
        if watchers():
            break
        await asyncio.sleep(0.05)
    assert "**/*.tdkt" in watchers(), client.registrations
    plan = workdir / "thcs-gia-thuy-2026.tdkt"
    profile = workdir / "profiles" / "thcs-gia-thuy.tdkt"
    profile_uri = profile.as_uri()
    uri = _open(client, plan)
    await _wait_for(client, uri, lambda ds: True)
    assert not any(d.code == "M223" for d in client.diagnostics.get(profile_uri, []))
    old = profile.read_text("utf-8")
    assert "thẩm quyền: KT. Hiệu trưởng\n" in old and "chức vụ: Phó Hiệu trưởng" in old

    def changed() -> None:
        client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[
            lsp.FileEvent(uri=profile_uri, type=lsp.FileChangeType.Changed)]))

    profile.write_text(old.replace("thẩm quyền: KT. Hiệu trưởng\n", ""), "utf-8")  # the deputy loses KT.
    try:
        changed()
        diags = await _wait_for(client, profile_uri, lambda ds: any(d.code == "M223" for d in ds))
        assert [d.range.start.line for d in diags if d.code == "M223"] == [_line_of(old, "chức vụ:")[0]]
    finally:
        profile.write_text(old, "utf-8")
        changed()
    await _wait_for(client, profile_uri, lambda ds: not any(d.code == "M223" for d in ds))
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))
