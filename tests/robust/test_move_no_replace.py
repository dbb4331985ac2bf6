"""Issue 9: the web editor's rename checked that the new name was free, then moved — a file saved
under that name in between (another user, another tab) was replaced and lost. The move is now one
step that fails if the name exists (output.move_no_replace), tested on the helper, under a race
of many threads, and through a real `tdkt serve`."""

from __future__ import annotations

import json
import os
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tdkt_dsl import output
from tdkt_dsl.output import move_no_replace

MOVES = [move_no_replace, output._move_by_link]  # renameat2, and the fallback of file systems without it


@pytest.mark.parametrize("move", MOVES, ids=["renameat2", "link"])
def test_an_existing_name_is_never_replaced(tmp_path, move):
    (tmp_path / "a.tdkt").write_text("a", encoding="utf-8")
    (tmp_path / "b.tdkt").write_text("b", encoding="utf-8")
    with pytest.raises(FileExistsError):
        move(tmp_path / "a.tdkt", tmp_path / "b.tdkt")
    assert (tmp_path / "a.tdkt").read_text(encoding="utf-8") == "a"
    assert (tmp_path / "b.tdkt").read_text(encoding="utf-8") == "b"
    move(tmp_path / "a.tdkt", tmp_path / "c.tdkt")
    assert not (tmp_path / "a.tdkt").exists() and (tmp_path / "c.tdkt").read_text(encoding="utf-8") == "a"


@pytest.mark.parametrize("move", MOVES, ids=["renameat2", "link"])
def test_a_symlink_is_moved_not_its_target(tmp_path, move):
    (tmp_path / "real.tdkt").write_text("x", encoding="utf-8")
    (tmp_path / "link.tdkt").symlink_to("real.tdkt")
    move(tmp_path / "link.tdkt", tmp_path / "moved.tdkt")
    assert (tmp_path / "moved.tdkt").is_symlink() and os.readlink(tmp_path / "moved.tdkt") == "real.tdkt"
    assert (tmp_path / "real.tdkt").read_text(encoding="utf-8") == "x" and not (tmp_path / "link.tdkt").exists()


@pytest.mark.parametrize("move", MOVES, ids=["renameat2", "link"])
def test_many_renames_racing_for_one_name_lose_nothing(tmp_path, move):
    n = 16
    for i in range(n):
        (tmp_path / f"p{i}.tdkt").write_text(f"kế hoạch {i}", encoding="utf-8")
    start = threading.Barrier(n)
    won, lost = [], []

    def rename(i: int) -> None:
        start.wait()
        try:
            move(tmp_path / f"p{i}.tdkt", tmp_path / "chung.tdkt")
            won.append(i)
        except FileExistsError:
            lost.append(i)

    threads = [threading.Thread(target=rename, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(won) == 1 and len(lost) == n - 1
    texts = {p.read_text(encoding="utf-8") for p in tmp_path.glob("*.tdkt")}
    assert texts == {f"kế hoạch {i}" for i in range(n)}  # every plan still on disk, under some name


def test_the_web_rename_refuses_an_existing_name_and_keeps_both(tmp_path):
    from tests.web.conftest import start_server

    (tmp_path / "a.tdkt").write_text("a", encoding="utf-8")
    (tmp_path / "b.tdkt").write_text("b", encoding="utf-8")
    proc, url = start_server(tmp_path)
    try:
        def rename(src: str, dst: str) -> int:
            req = urllib.request.Request(url + "api/rename", data=json.dumps({"from": src, "to": dst}).encode(),
                                         headers={"Content-Type": "application/json"}, method="POST")
            try:
                with urllib.request.urlopen(req, timeout=30) as r:
                    return r.status
            except urllib.error.HTTPError as exc:
                return exc.code

        assert rename("a.tdkt", "b.tdkt") == 409
        assert (tmp_path / "a.tdkt").read_text(encoding="utf-8") == "a"
        assert (tmp_path / "b.tdkt").read_text(encoding="utf-8") == "b"
        assert rename("a.tdkt", "c.tdkt") == 200
        assert (tmp_path / "c.tdkt").read_text(encoding="utf-8") == "a" and not (tmp_path / "a.tdkt").exists()
        assert rename("c.tdkt", "khong-co/d.tdkt") == 400
    finally:
        proc.terminate()
        proc.wait(10)
