"""The words of the commands and tools (tdkt_dsl/catalogue/ui.py): both languages take the same
parameters, every entry is used somewhere, and the command line speaks the language asked for."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tdkt_dsl.catalogue.ui import WORDS, text

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tdkt_dsl"


def _params(template: str) -> set[str]:
    return set(re.findall(r"(?<!\{)\{(\w+)\}", template))


def test_both_languages_take_the_same_parameters():
    for key, (vi, en) in WORDS.items():
        assert vi.strip() and en.strip(), key
        # English plurals take `<name>_s` ("1 plan", "2 plans"); Vietnamese has none
        assert _params(vi) == {p for p in _params(en) if not p.endswith("_s")}, key


def test_every_entry_is_used():
    sources = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")
                        if "catalogue" not in p.relative_to(PACKAGE).parts)
    # a key is named whole, or chosen by an f-string over its area (f"diff.{kind}")
    unused = [k for k in WORDS if not re.search(rf"[\"']{re.escape(k)}[\"']", sources)
              and not re.search(rf"f[\"']{re.escape(k.rsplit('.', 1)[0])}\.\{{", sources)]
    assert not unused, f"declared in catalogue/ui.py but used nowhere: {unused}"


def test_formatting_and_an_unknown_key():
    assert text("cli.wrote", "vi", path="a.docx") == "Đã ghi a.docx"
    assert text("cli.wrote", "en", path="a.docx") == "Wrote a.docx"
    try:
        text("cli.no-such-thing")
    except KeyError:
        pass
    else:
        raise AssertionError("an undeclared key must fail")


def _tdkt(*args: str, lang: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONUTF8": "1", "TDKT_LANG": lang}
    return subprocess.run([sys.executable, "-m", "tdkt_dsl.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=ROOT, timeout=120)


def test_help_follows_tdkt_lang():
    vi, en = _tdkt("new", "--help"), _tdkt("new", "--help", lang="en")
    assert vi.returncode == en.returncode == 0
    squash = lambda s: " ".join(re.sub(r"[│╭╮╰╯─]", " ", s).split())  # noqa: E731
    assert "Năm của kế hoạch mới" in squash(vi.stdout) and "The new plan's year" in squash(en.stdout)
    assert "Năm của kế hoạch mới" not in squash(en.stdout)


def test_task_table_and_calendar_follow_lang(tmp_path: Path):
    import io

    from openpyxl import load_workbook

    plan = ROOT / "examples" / "long-bien-2023.tdkt"
    for lang, first in (("vi", ["TT", "Nhóm", "Nội dung nhiệm vụ"]), ("en", ["No.", "Group", "Task"])):
        out = tmp_path / f"tasks-{lang}.xlsx"
        r = _tdkt("build", str(plan), "--to", "xlsx", "-o", str(out), "--lang", lang)
        assert r.returncode == 0, r.stderr
        sheet = load_workbook(io.BytesIO(out.read_bytes())).worksheets[0]
        assert [c.value for c in sheet[1]][:3] == first
    ics = _tdkt("build", str(plan), "--to", "ics", "-o", "-", "--lang", "en").stdout
    assert "Deadline: " in ics.replace("\r\n ", "") and "Thời hạn: " not in ics.replace("\r\n ", "")
