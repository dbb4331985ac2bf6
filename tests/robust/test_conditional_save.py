"""The web editor saved by checking the file's etag, then writing: a program that wrote the file
in between (a second editor, `git pull`, another `tdkt serve`) lost its text. A save now says what
it expects to find (output.write(..., expect=...)) and the check is made again as the new file is
put in place; a new file is created in one step that never replaces one made meanwhile. The race
is made to happen here: the other program writes while tdkt is flushing its temporary file."""

from __future__ import annotations

import json
import os

import pytest

from tdkt_dsl import output
from tdkt_dsl.output import Changed, write_atomic


@pytest.fixture
def meanwhile(monkeypatch):
    """Run ``action`` once, inside tdkt's write, after the check at the start and before the
    rename — the moment another program's write would be lost."""
    todo = []
    real_fsync = os.fsync

    def fsync(fd):
        real_fsync(fd)
        while todo:
            todo.pop()()

    monkeypatch.setattr(output.os, "fsync", fsync)
    return todo.append


def test_a_file_written_meanwhile_is_kept(tmp_path, meanwhile):
    plan = tmp_path / "a.tdkt"
    plan.write_text("loaded", encoding="utf-8")
    meanwhile(lambda: plan.write_text("theirs", encoding="utf-8"))
    with pytest.raises(Changed):
        write_atomic(plan, b"mine", expect=b"loaded")
    assert plan.read_text(encoding="utf-8") == "theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.tdkt"]  # no temporary file left


def test_a_file_created_meanwhile_is_kept(tmp_path, meanwhile):
    plan = tmp_path / "new.tdkt"
    meanwhile(lambda: plan.write_text("theirs", encoding="utf-8"))
    with pytest.raises(Changed):
        write_atomic(plan, b"mine", expect=None)
    assert plan.read_text(encoding="utf-8") == "theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.tdkt"]


def test_a_file_deleted_meanwhile_is_not_recreated_over_the_deletion(tmp_path, meanwhile):
    plan = tmp_path / "a.tdkt"
    plan.write_text("loaded", encoding="utf-8")
    meanwhile(plan.unlink)
    with pytest.raises(Changed):
        write_atomic(plan, b"mine", expect=b"loaded")
    assert not plan.exists()


def test_unchanged_file_and_new_file_are_written(tmp_path):
    plan = tmp_path / "a.tdkt"
    plan.write_text("loaded", encoding="utf-8")
    write_atomic(plan, b"mine", expect=b"loaded")
    assert plan.read_bytes() == b"mine"
    write_atomic(tmp_path / "b.tdkt", b"new", expect=None)
    assert (tmp_path / "b.tdkt").read_bytes() == b"new"
    with pytest.raises(Changed):  # expect=None: never over an existing file
        write_atomic(plan, b"again", expect=None)
    assert plan.read_bytes() == b"mine"


def _asgi(app, method: str, path: str, query: str = "", body: bytes = b"") -> tuple[int, bytes]:
    """One request through the ASGI app, in process (so the race can be injected)."""
    import asyncio

    sent: list[dict] = []
    events = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive():
        return events.pop(0) if events else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
             "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query.encode(),
             "headers": [(b"host", b"127.0.0.1"), (b"content-type", b"application/json")],
             "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80), "root_path": ""}
    asyncio.run(app(scope, receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    return status, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def test_the_web_save_refuses_a_file_written_meanwhile(tmp_path, meanwhile):
    """Through the web app's save route, in process."""
    from tdkt_dsl.web.app import create_app

    plan = tmp_path / "a.tdkt"
    plan.write_text("// loaded\n", encoding="utf-8")
    app = create_app(tmp_path)
    status, body = _asgi(app, "GET", "/api/file", "path=a.tdkt")
    assert status == 200, body
    loaded = json.loads(body)
    meanwhile(lambda: plan.write_text("// theirs\n", encoding="utf-8"))
    save = json.dumps({"path": "a.tdkt", "text": "// mine\n", "etag": loaded["etag"]}).encode()
    status, body = _asgi(app, "PUT", "/api/file", body=save)
    assert status == 409, body
    assert plan.read_text(encoding="utf-8") == "// theirs\n"
    status, body = _asgi(app, "PUT", "/api/file", body=save)  # nobody meanwhile: still a conflict (etag)
    assert status == 409 and plan.read_text(encoding="utf-8") == "// theirs\n"
    fresh = json.loads(_asgi(app, "GET", "/api/file", "path=a.tdkt")[1])
    status, body = _asgi(app, "PUT", "/api/file", body=json.dumps(
        {"path": "a.tdkt", "text": "// mine\n", "etag": fresh["etag"]}).encode())
    assert status == 200 and plan.read_text(encoding="utf-8") == "// mine\n"
