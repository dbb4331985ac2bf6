"""Issue 9 through a real LSP client (pytest-lsp over stdio): a rename the server declines (no id
at the cursor, an invalid name, a name already used) is an LSP error response — RequestFailed with
the reason the editor shows — and the server prints no traceback on stderr and keeps serving."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pytest_lsp import LanguageClient

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = (ROOT / "tests" / "fixtures" / "minimal.tdkt").read_text(encoding="utf-8")

pytestmark = pytest.mark.asyncio(loop_scope="module")


def _position(text: str, needle: str, offset: int = 0) -> lsp.Position:
    for i, line in enumerate(text.split("\n")):
        if needle in line:
            return lsp.Position(line=i, character=line.index(needle) + offset)
    raise AssertionError(needle)


REFUSALS = {
    # (where the cursor is, the new name, words of the reason)
    "no id at the cursor": ("Ban Giám hiệu", "bgh2", "Không có mã"),
    "not a valid id": ("đơn vị bgh", "ban giám hiệu", "không phải một mã hợp lệ"),
    "an id already used": ("đơn vị bgh", "td", "đã có"),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
async def test_a_refused_rename_is_an_error_response_without_traceback(client: LanguageClient, tmp_path: Path,
                                                                       capfd, case: str):
    needle, new_name, words = REFUSALS[case]
    path = tmp_path / "plan.tdkt"
    path.write_text(MINIMAL, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri=uri, language_id="tdkt", version=1, text=MINIMAL)))
    offset = len("đơn vị ") if needle == "đơn vị bgh" else 0
    params = lsp.RenameParams(text_document=lsp.TextDocumentIdentifier(uri=uri),
                              position=_position(MINIMAL, needle, offset), new_name=new_name)
    with pytest.raises(JsonRpcException) as exc:
        await client.text_document_rename_async(params)
    assert exc.value.code == lsp.LSPErrorCodes.RequestFailed.value, exc.value
    assert words in exc.value.message, exc.value.message
    # the server keeps serving: the same place renamed to a free name works
    ok = await client.text_document_rename_async(lsp.RenameParams(
        text_document=params.text_document, position=_position(MINIMAL, "đơn vị bgh", len("đơn vị ")),
        new_name="bangiamhieu"))
    assert ok is not None and ok.changes and all(e.new_text == "bangiamhieu" for e in ok.changes[uri])
    await asyncio.sleep(0.5)  # the client forwards the server's stderr line by line
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Exception occurred" not in err, err
