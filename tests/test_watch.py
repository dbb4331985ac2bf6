"""`tdkt build --watch` rebuilds after a save of the plan or of a profile it uses: its warm session
reads a saved profile again (and what it builds is what a cold build gives)."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from tdkt_dsl.compiler import compile_path
from tdkt_dsl.render.text import render_text
from tdkt_dsl.watch import watch

ROOT = Path(__file__).resolve().parent.parent


def test_a_saved_profile_is_rebuilt(tmp_path):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    plan = tmp_path / "examples" / "long-bien-2023.tdkt"
    profile = tmp_path / "examples" / "profiles" / "pgd-long-bien.tdkt"
    out = tmp_path / "out.txt"
    built = threading.Event()
    said: list[str] = []

    def write(path, data, comp):
        path.write_text(data, "utf-8")
        built.set()

    thread = threading.Thread(target=watch, daemon=True, kwargs=dict(
        plan=plan, out=out, render=render_text, write=write, show=lambda *a: None, say=said.append,
        lang="vi", stop_after=1))
    thread.start()
    assert built.wait(60), said
    first = out.read_text("utf-8")
    assert "Vũ Thị Thu Hà" in first
    built.clear()
    changed = profile.read_text("utf-8").replace("người ký: Vũ Thị Thu Hà", "người ký: Trần Văn Bình")
    for _ in range(60):  # the watcher starts after the first build: save again until it sees a save
        profile.write_text(changed, "utf-8")
        if built.wait(1.0):
            break
    thread.join(60)
    assert not thread.is_alive(), said
    second = out.read_text("utf-8")
    assert "Trần Văn Bình" in second and "Vũ Thị Thu Hà" not in second
    assert second == render_text(compile_path(str(plan)).plan)
