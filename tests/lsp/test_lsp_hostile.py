"""A careless drafter in a real editor (pytest-lsp over stdio): texts no file on disk could hold
(a lone surrogate sent as a JSON escape, NUL, CR-only line ends, a pasted second copy), a profile
edited and saved in another window — the diagnostics published are always those a cold compile of
the same text gives, and the server keeps answering."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from tdkt_dsl.compiler import compile_text

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.asyncio(loop_scope="module")


def cold(text: str, path: Path) -> list[tuple[str, int]]:
    comp = compile_text(text, str(path))
    return sorted((d.code, d.span.line - 1) for d in comp.diagnostics if d.span.file == str(path))


def seen(client: LanguageClient, uri: str) -> list[tuple[str, int]]:
    return sorted((str(d.code), d.range.start.line) for d in client.diagnostics.get(uri, []))


async def settle(client: LanguageClient, uri: str, version: int) -> None:
    """Wait for the publication after a change (the client keeps the latest per document)."""
    await asyncio.wait_for(client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 20)
    await asyncio.sleep(0.3)  # a debounced publication of the same text may follow


async def test_odd_texts_publish_a_cold_compiles_diagnostics(client: LanguageClient, tmp_path: Path):
    shutil.copytree(ROOT / "examples", tmp_path / "ex")
    path = tmp_path / "ex" / "long-bien-2023.tdkt"
    text = path.read_text("utf-8")
    uri = path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri=uri, language_id="tdkt", version=1, text=text)))
    await settle(client, uri, 1)
    variants = [text.replace("\n", "\udcff\n", 1), text.replace("\n", "\x00\n", 2), text.replace("\n", "\r"),
                text + "\n" + text, text.replace("chủ trì: ", "chủ trì: khongco ", 1), text]
    for version, variant in enumerate(variants, 2):
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=variant)]))
        await settle(client, uri, version)
        assert seen(client, uri) == cold(variant, path), version
        hover = await client.text_document_hover_async(lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(line=0, character=0)))
        assert hover is None or hover.contents


async def test_profile_saved_elsewhere_updates_the_plan(client: LanguageClient, tmp_path: Path):
    shutil.copytree(ROOT / "examples", tmp_path / "ex")
    path = tmp_path / "ex" / "long-bien-2023.tdkt"
    profile = tmp_path / "ex" / "profiles" / "pgd-long-bien.tdkt"
    text = path.read_text("utf-8")
    uri = path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri=uri, language_id="tdkt", version=1, text=text)))
    await settle(client, uri, 1)
    assert seen(client, uri) == cold(text, path) == []
    original = profile.read_text("utf-8")
    for step, content in enumerate([original.replace("\n", "\x00\n", 1), b"\xff\xfe\x00".decode("latin-1"),
                                    original], 2):
        if step == 3:
            profile.write_bytes(b"\xff\xfe\x00 not utf-8")
        else:
            profile.write_text(content, "utf-8")
        pu = profile.as_uri()
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
            uri=pu, language_id="tdkt", version=step, text=profile.read_bytes().decode("utf-8", "replace"))))
        client.text_document_did_save(lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=pu)))
        await settle(client, uri, 1)
        await asyncio.sleep(0.5)
        assert seen(client, uri) == cold(text, path), step
        client.text_document_did_close(lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=pu)))
