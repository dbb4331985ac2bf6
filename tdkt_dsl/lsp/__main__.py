"""`python -m tdkt_dsl.lsp`: the language server on stdio (what `tdkt lsp` runs)."""

from .server import main

main()
