#!/usr/bin/env python3
"""Write the committed import fixtures (tests/importer/fixtures/) that need pandoc, so the tests
do not: each reference plan and each example, as websites publish them after Word →
Markdown/HTML conversion.

    .venv/bin/python -m tests.importer.make_fixtures      # needs pandoc (scripts/setup installs it)

* ``<plan>.pandoc.md`` / ``.pandoc.html``: the reference text (tests/reference-plans/) made a DOCX
  by pandoc (tests/importer/producers.py), then converted back by pandoc to GitHub Markdown and
  to HTML — wrapped paragraphs, escapes, pipe tables;
* ``<plan>.md-headings.html``: the Markdown-headings variant (variants.py) through pandoc to HTML
  (headings h1–h5 wrapping <strong>, a link);
* ``<example>.docx.md`` / ``.docx.html``: the DOCX `tdkt build` makes from each example, through
  pandoc (layout tables for the header and signature, HTML tables in Markdown);
* ``<plan>.pandoc.docx``: the reference text as a DOCX made by pandoc (Word's heading and list
  styles, pandoc's tables), and ``<plan>.bold-markdown.docx``: the bold-Markdown variant through
  pandoc to DOCX (bold paragraphs for headings, a level-2 heading "PHỤ LỤC", lists in cells);
* ``<example>.example-mix.html``: each example as a website publishes it (producers.published_text)
  in the published-mix variant, through pandoc to HTML.

Deterministic for one pandoc version; the tests read the files and never run pandoc.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from tdkt_dsl.compiler import compile_path  # noqa: E402
from tdkt_dsl.render.docx import render_docx  # noqa: E402

from tests.importer.producers import pandoc_docx, published_text  # noqa: E402
from tests.importer.variants import bold_markdown, markdown_headings, published_mix  # noqa: E402

OUT = Path(__file__).resolve().parent / "fixtures"


def pandoc(src: Path, fmt_from: str, fmt_to: str) -> str:
    r = subprocess.run(["pandoc", "-f", fmt_from, "-t", fmt_to, "--wrap=auto", str(src)],
                       check=True, capture_output=True, timeout=120)
    return r.stdout.decode("utf-8")


def pandoc_to_docx(src: Path, fmt_from: str, out: Path) -> None:
    subprocess.run(["pandoc", "-f", fmt_from, "-t", "docx", "-o", str(out), str(src)],
                   check=True, capture_output=True, timeout=120)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        for ref in sorted((ROOT / "tests" / "reference-plans").glob("*.txt")):
            text = ref.read_text(encoding="utf-8")
            docx = pandoc_docx(text, t / f"{ref.stem}.docx")
            (OUT / f"{ref.stem}.pandoc.md").write_text(pandoc(docx, "docx", "gfm"), encoding="utf-8")
            (OUT / f"{ref.stem}.pandoc.html").write_text(pandoc(docx, "docx", "html"), encoding="utf-8")
            md, _, _ = markdown_headings(text)
            (t / "h.md").write_text(md, encoding="utf-8")
            (OUT / f"{ref.stem}.md-headings.html").write_text(pandoc(t / "h.md", "markdown-smart", "html"),
                                                              encoding="utf-8")
            (OUT / f"{ref.stem}.pandoc.docx").write_bytes(docx.read_bytes())
            bold, _, _ = bold_markdown(text)
            (t / "b.md").write_text(bold, encoding="utf-8")
            pandoc_to_docx(t / "b.md", "markdown-smart", OUT / f"{ref.stem}.bold-markdown.docx")
        for ex in sorted((ROOT / "examples").glob("*.tdkt")):
            comp = compile_path(str(ex))
            if comp.plan is None:
                continue
            docx = t / f"{ex.stem}.docx"
            docx.write_bytes(render_docx(comp.plan))
            (OUT / f"{ex.stem}.docx.md").write_text(pandoc(docx, "docx", "gfm"), encoding="utf-8")
            (OUT / f"{ex.stem}.docx.html").write_text(pandoc(docx, "docx", "html"), encoding="utf-8")
            mix, _, _ = published_mix(published_text(docx.read_bytes()))
            (t / "mix.md").write_text(mix, encoding="utf-8")
            (OUT / f"{ex.stem}.example-mix.html").write_text(pandoc(t / "mix.md", "markdown-smart", "html"),
                                                             encoding="utf-8")
    print(f"wrote {len(list(OUT.iterdir()))} fixtures to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
