"""`-o` with a trailing slash names a folder: `tdkt build plan.tdkt -o out/` must not write a DOCX
file called `out` (the path's slash was dropped on the way) and report "written out/"; a folder that
does not exist is O902, an existing one O912 — the same refusals as without the slash."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_cli_safety import MINIMAL, tdkt


@pytest.mark.parametrize("out, code", [("out/", "O902"), ("x.docx/", "O902"), ("sub/", "O912"),
                                       ("sub/.", "O912"), ("./", "O912"), ("sub/new/", "O902")])
def test_a_folder_path_is_never_written_as_a_file(tmp_path: Path, out: str, code: str):
    (tmp_path / "plan.tdkt").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    before = sorted(p.name for p in tmp_path.rglob("*"))
    r = tdkt(tmp_path, "build", "plan.tdkt", "-o", out)
    assert r.returncode == 2 and f"[{code}]" in r.out, r.out
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing written, no temp left


def test_the_same_names_without_the_slash_still_work(tmp_path: Path):
    (tmp_path / "plan.tdkt").write_text(MINIMAL, encoding="utf-8")
    r = tdkt(tmp_path, "build", "plan.tdkt", "-o", "out")
    assert r.returncode == 0 and (tmp_path / "out").is_file(), r.out


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("command", [["check"], ["check", "-j", "2"], ["build", "-o", "out"]])
def test_a_folder_walk_never_blocks_on_a_fifo_nor_reads_a_device(tmp_path: Path, command):
    """A FIFO named like a plan (or a symlink to /dev/zero) in a folder given to a batch: the walk
    looking for `dùng:` lines read it without limits — blocked forever on the FIFO. Each is now
    refused (F919, exit 2) like the same file named alone, and the real plan is still built."""
    import os

    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "plan.tdkt").write_text(MINIMAL, encoding="utf-8")
    os.mkfifo(folder / "fifo.tdkt")
    (folder / "zero.tdkt").symlink_to("/dev/zero")
    r = tdkt(tmp_path, *command[:1], "plans", *command[1:], timeout=60)
    assert r.returncode == 2 and r.out.count("[F919]") == 2, r.out
    if command[0] == "build":
        assert (tmp_path / "out" / "plan.docx").is_file()
