"""A session (the language server, `tdkt serve`) sees every file a new command would read: a
project's knowledge file (`knowledge = [...]` in tdkt.toml) edited while the session lives is read
again, and the session's diagnostics equal those of a compilation in a fresh process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tdkt_dsl.compiler import Session

ROOT = Path(__file__).resolve().parents[2]


def fresh_process(plan: Path) -> list:
    r = subprocess.run([str(Path(sys.executable).parent / "tdkt"), "check", str(plan), "--format", "json"],
                       capture_output=True, text=True, cwd=ROOT)
    return sorted((d["code"], d["line"]) for d in json.loads(r.stdout)["diagnostics"])


def test_knowledge_file_edited_during_a_session(tmp_path):
    shutil.copytree(ROOT / "examples", tmp_path / "ex")
    plan = tmp_path / "ex" / "long-bien-2023.tdkt"
    lines = plan.read_text("utf-8").split("\n")
    lines.insert(29, "- Chào mừng kỷ niệm 10 năm Ngày Hội khỏe Phù Đổng quận.")
    plan.write_text("\n".join(lines), "utf-8")
    known = tmp_path / "ex" / "kt.toml"
    entry = '[[ky-niem]]\nten = ["Hội khỏe Phù Đổng quận"]\nnam = {}\nngay = "06/11"\n'
    known.write_text(entry.format(2013), "utf-8")
    (tmp_path / "ex" / "tdkt.toml").write_text('knowledge = ["kt.toml"]\n', "utf-8")
    session = Session()

    def warm():
        return sorted((d.code, d.span.line) for d in session.compile_path(str(plan)).diagnostics)

    assert ("A505", 30) not in warm()
    stamp = known.stat().st_mtime_ns
    known.write_text(entry.format(2010), "utf-8")  # 2023 − 2010 = 13, not 10
    os.utime(known, ns=(stamp + 10**9, stamp + 10**9))
    assert ("A505", 30) in warm()
    assert warm() == fresh_process(plan)


def test_project_config_rewritten_with_the_same_mtime_during_a_session(tmp_path):
    """tdkt.toml rewritten within its mtime tick (here: the mtime put back): the session still
    compiles with the new settings, as a fresh process does (the caches were keyed by mtime only)."""
    shutil.copytree(ROOT / "examples", tmp_path / "ex")
    plan = tmp_path / "ex" / "long-bien-2023.tdkt"
    lines = plan.read_text("utf-8").split("\n")
    lines.insert(29, "- Chào mừng kỷ niệm 60 năm Ngày Giải phóng Thủ đô.")  # A505: 2023 − 1954 = 69
    plan.write_text("\n".join(lines), "utf-8")
    config = tmp_path / "ex" / "tdkt.toml"
    config.write_text('ignore = ["A505"]\n', "utf-8")
    stamp = config.stat().st_mtime_ns
    session = Session()

    def warm():
        return sorted((d.code, d.span.line) for d in session.compile_path(str(plan)).diagnostics)

    assert ("A505", 30) not in warm()
    config.write_text('ignore = ["A999"]\n', "utf-8")  # the same size
    os.utime(config, ns=(stamp, stamp))
    assert ("A505", 30) in warm()
    assert warm() == fresh_process(plan)
