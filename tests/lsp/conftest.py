"""The language client every test module of this folder drives: `tdkt lsp` started as a real
process over stdio, one per module, initialised as VS Code would with a Vietnamese locale."""

import sys

import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=[sys.executable, "-m", "tdkt_dsl.lsp"]))
async def client(lsp_client: LanguageClient):
    lsp_client.registrations = []  # what the server asked to register (VS Code answers, so must we)

    @lsp_client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def on_register(params: lsp.RegistrationParams) -> None:
        lsp_client.registrations.extend(params.registrations)

    await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), locale="vi"))
    yield
    await lsp_client.shutdown_session()
