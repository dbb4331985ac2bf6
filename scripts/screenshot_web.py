"""The README's screenshot of `tdkt serve`: a copy of the examples served on localhost, opened in
Debian's chromium (Playwright, nothing downloaded), one plan with a mistake planted.

Run: .venv/bin/python scripts/screenshot_web.py docs/web-editor.png
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.web.conftest import BROWSER_ARGS, CHROMIUM, start_server  # noqa: E402


def main(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "phong-van-thu"
        shutil.copytree(ROOT / "examples", root)
        plan = root / "thcs-gia-thuy-2026.tdkt"
        plan.write_text(plan.read_text("utf-8").replace("  chủ trì: bgh\n  phối hợp: hd", "  chủ trì: bhg\n  phối hợp: hd", 1),
                        "utf-8")
        proc, url = start_server(root)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
                page = browser.new_page(viewport={"width": 1440, "height": 860})
                page.goto(url + "#thcs-gia-thuy-2026.tdkt")
                page.wait_for_selector("#problems div[data-code='M201']", timeout=30000)
                page.click(".cm-content")
                page.keyboard.press("Control+Home")
                page.wait_for_timeout(300)
                page.screenshot(path=str(out))
                browser.close()
        finally:
            proc.terminate()
            proc.wait(10)
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/web-editor.png"))
