"""The tdkt language server (pygls): a thin shell over `tdkt_dsl.services`."""
