"""How long after a change does the editor show its diagnostic? (a measurement, not a test)

Starts `python -m tdkt_dsl.lsp` as VS Code would (stdio), opens examples/long-bien-2023.tdkt, then
N times: changes one task's lead to an unknown unit id (or back) and waits for the
publishDiagnostics that carries (or clears) M201. Prints the median and the 90th percentile of
change → diagnostics, debounce included, and the server's CPU time per change (user+sys, read from
/proc: on a loaded machine wall-clock time mostly measures the wait for a core).

Run: .venv/bin/python bench/lsp_latency.py [--runs 40]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types as lsp
from pytest_lsp import client_capabilities, make_test_lsp_client

ROOT = Path(__file__).resolve().parent.parent


def _cpu_seconds(pid: int) -> float | None:
    """user+sys CPU time of a process (Linux /proc), None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


async def measure(runs: int) -> tuple[list[float], float | None]:
    client = make_test_lsp_client()
    await client.start_io(sys.executable, "-m", "tdkt_dsl.lsp")
    await client.initialize_session(lsp.InitializeParams(capabilities=client_capabilities("visual-studio-code")))
    path = ROOT / "examples" / "long-bien-2023.tdkt"
    text = path.read_text("utf-8")
    bad = text.replace("chủ trì: ", "chủ trì: khongco, ", 1)
    uri = path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="tdkt", version=1, text=text)))
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    pid = client._server.pid if getattr(client, "_server", None) is not None else None
    cpu0 = _cpu_seconds(pid) if pid else None
    times = []
    for i in range(runs):
        new = bad if i % 2 == 0 else text
        t0 = time.perf_counter()
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=i + 2),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=new)]))
        while True:
            await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            has = any(d.code == "M201" for d in client.diagnostics.get(uri, []))
            if has == (new is bad):
                break
        times.append((time.perf_counter() - t0) * 1000)
    cpu1 = _cpu_seconds(pid) if pid else None
    cpu = (cpu1 - cpu0) * 1000 / runs if cpu0 is not None and cpu1 is not None else None
    await client.shutdown_session()
    await client.stop()
    return times, cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=40)
    args = ap.parse_args()
    times, cpu = asyncio.run(measure(args.runs))
    times.sort()
    p90 = times[int(0.9 * (len(times) - 1))]
    cpu_note = f"; server CPU {cpu:.0f} ms per change" if cpu is not None else ""
    load = f"; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores" if hasattr(os, "getloadavg") else ""
    print(f"tdkt lsp: change → diagnostics on long-bien-2023 ({len(times)} changes): "
          f"median {statistics.median(times):.0f} ms, p90 {p90:.0f} ms, min {times[0]:.0f} ms{cpu_note}{load}")


if __name__ == "__main__":
    main()
