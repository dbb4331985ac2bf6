"""Render a .tdkt file coloured by the VS Code extension's TextMate grammar (VS Code's own
tokeniser, Light+ colours) to HTML, and to PNG with headless Chromium: the README's screenshot.

Run: python scripts/render_highlight.py examples/thcs-gia-thuy-2026.tdkt docs/editor-highlight.png [--lines 1-60]
(needs `scripts/build-vscode` once, for the npm packages, and Debian's chromium for the PNG).
"""

from __future__ import annotations

import argparse
import html
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOKENIZE = ROOT / "editors" / "vscode" / "tools" / "tokenize.js"

# VS Code's Light+ theme, for the scopes the grammar gives (most specific first)
COLOURS = [
    ("comment", "color:#008000"),
    ("keyword.other.declaration", "color:#0000ff;font-weight:bold"),
    ("keyword", "color:#0000ff;font-weight:bold"),
    ("variable.parameter.field", "color:#001080"),
    ("entity.name.type", "color:#267f99"),
    ("variable.other.constant.reference", "color:#0070c1"),
    ("variable.language", "color:#af00db"),
    ("constant.numeric", "color:#098658"),
    ("constant.other.symbol", "color:#098658"),
    ("constant.character.escape", "color:#ee0000"),
    ("string", "color:#a31515"),
    ("markup.heading", "color:#800000;font-weight:bold"),
    ("punctuation.definition.heading", "color:#800000;font-weight:bold"),
    ("punctuation.definition.list", "color:#0451a5"),
    ("markup.bold", "font-weight:bold"),
    ("markup.italic", "font-style:italic"),
]


def _style(scopes: list[str]) -> str:
    for prefix, style in COLOURS:
        if any(s.startswith(prefix) for s in reversed(scopes)):
            return style
    return ""


def to_html(path: Path, first: int, last: int) -> str:
    out = subprocess.run(["node", str(TOKENIZE), str(path)], capture_output=True, text=True, check=True).stdout
    lines = json.loads(out)[str(path)]
    text = path.read_text("utf-8").split("\n")
    rows = []
    for n in range(first, min(last, len(text)) + 1):
        line, toks = text[n - 1], lines[n - 1]
        cells = "".join(f'<span style="{_style(t["scopes"])}">{html.escape(line[t["start"]:t["end"]])}</span>'
                        for t in toks)
        rows.append(f'<div class="l"><span class="n">{n}</span>{cells or "&nbsp;"}</div>')
    return ("<!doctype html><meta charset=utf-8><style>body{margin:0;background:#fff}"
            ".ed{font:14px/20px 'Liberation Mono',monospace;padding:8px 12px;white-space:pre}"
            ".n{display:inline-block;width:3em;color:#237893;text-align:right;margin-right:1.2em}"
            ".tab{font:13px sans-serif;background:#f3f3f3;border-bottom:1px solid #ddd;padding:6px 12px}</style>"
            f"<div class=tab>{html.escape(path.name)} — tdkt</div><div class=ed>{''.join(rows)}</div>")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("source", type=Path)
    ap.add_argument("png", type=Path)
    ap.add_argument("--lines", default="1-60")
    args = ap.parse_args()
    first, last = (int(x) for x in args.lines.split("-"))
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(to_html(args.source, first, last), "utf-8")
        height = 40 + 20 * (last - first + 1) + 16
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", f"--user-data-dir={tmp}/profile", f"--window-size=1100,{height}",
                        f"--screenshot={args.png.resolve()}", page.as_uri()],
                       check=True, capture_output=True)
    print(f"wrote {args.png}")


if __name__ == "__main__":
    sys.exit(main())
