"""`tdkt serve` in a real browser: type a plan and see its page, see a mistake and fix it,
download the DOCX and verify it, import a Word file, and refuse a save that would overwrite
another browser's edit. Plus the server's own safety (token, paths, upload size)."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT, start_server

PLAN = [
    "dùng: profiles/thcs-gia-thuy.tdkt",
    "số: 12",
    "ngày: 15/09/2026",
    "năm: 2026",
    "năm học: 2026-2027",
    "trích yếu: Công tác thi đua, khen thưởng năm học {năm_học}",
    "mục đích:",
    "- Phát động thi đua trong toàn trường.",
    "tổ chức thực hiện:",
    "## @bgh",
    "- Chỉ đạo thực hiện Kế hoạch.",
]


def _open_app(browser, url: str, path: str | None = None):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(url + (f"#{path}" if path else ""))
    page.wait_for_selector("body[data-ready]", state="attached", timeout=20000)
    page.wait_for_selector(".sheet", timeout=20000)
    return page, seen


def _type_lines(page, lines: list[str]) -> None:
    page.click(".cm-content")
    for line in lines:
        page.keyboard.insert_text(line)
        page.keyboard.press("Escape")  # close the completion list, so Enter is a new line
        page.keyboard.press("Enter")


def _editor_text(page) -> str:
    return page.evaluate("() => window.tdktEditor.state.doc.toString()")


def test_type_a_plan_see_the_page_fix_a_mistake(browser, server, workspace):
    page, seen = _open_app(browser, server)
    assert all(u.startswith(server) or u.startswith("data:") for u in seen), "every asset is served locally"
    page.once("dialog", lambda d: d.accept("moi-2026.tdkt"))
    page.click("#new")
    page.wait_for_function("() => document.querySelector('#file').value === 'moi-2026.tdkt'")
    page.click(".cm-content")
    page.keyboard.press("Control+a")
    page.keyboard.press("Delete")
    _type_lines(page, PLAN)
    page.wait_for_function("() => document.querySelector('#preview').innerText.includes('Chỉ đạo thực hiện')",
                           timeout=20000)
    preview = page.inner_text("#preview")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in preview
    assert "TRƯỜNG THCS GIA THỤY" in preview and "Số: 12/KH-THCSGT" in preview
    assert "Ban Giám hiệu" in preview  # `## @bgh` printed with the unit's name

    # an unknown id: its diagnostic appears with its message
    _type_lines(page, ["phụ lục: Lịch thực hiện", "nhiệm vụ: Rà soát hồ sơ", "chủ trì: bgx"])
    page.wait_for_selector("#problems div[data-code='M201']", timeout=20000)
    assert "bgx" in page.inner_text("#problems div[data-code='M201']")
    assert page.locator(".cm-lint-marker-error").count() >= 1

    # a mistake with a fix: apply its quick fix
    _type_lines(page, ["- Thi đua thi đua hoàn thành nhiệm vụ."])
    page.wait_for_selector("#problems div[data-code='T801']", timeout=20000)
    fix = page.locator("#problems div[data-code='T801'] button.fix", has_text="Thi đua")  # the fix, not "ignore"
    fix.first.click()
    page.wait_for_function("() => !window.tdktEditor.state.doc.toString().includes('Thi đua thi đua')")
    page.wait_for_function("() => !document.querySelector(\"#problems div[data-code='T801']\")", timeout=20000)
    assert "- Thi đua hoàn thành nhiệm vụ." in _editor_text(page)
    page.close()


def test_download_docx_then_verify_it(browser, server, workspace, tmp_path):
    page, _ = _open_app(browser, server, "long-bien-2023.tdkt")
    with page.expect_download() as info:
        page.click("#docx")
    target = tmp_path / "tai-ve.docx"
    info.value.save_as(target)
    r = subprocess.run([sys.executable, "-m", "tdkt_dsl.cli", "verify", str(target)], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    page.close()


def test_import_a_word_file(browser, server, workspace, tmp_path):
    from tdkt_dsl.compiler import compile_path
    from tdkt_dsl.render.docx import render_docx

    docx = tmp_path / "ke-hoach-cu.docx"
    docx.write_bytes(render_docx(compile_path(str(ROOT / "examples" / "thanh-xuan-2024.tdkt")).plan))
    page, _ = _open_app(browser, server)
    page.once("dialog", lambda d: d.accept("nhap-tu-word.tdkt"))
    page.set_input_files("#import", str(docx))
    page.wait_for_function("() => document.querySelector('#file').value === 'nhap-tu-word.tdkt'", timeout=30000)
    page.wait_for_selector("#dialog[open]")
    text = (workspace / "nhap-tu-word.tdkt").read_text("utf-8")
    assert "trích yếu:" in text and text == _editor_text(page)
    page.wait_for_function("() => document.querySelector('#preview').innerText.includes('KẾ HOẠCH')", timeout=20000)
    page.close()


def test_conflicting_save_is_refused(browser, server, workspace):
    a, _ = _open_app(browser, server, "thanh-xuan-2024.tdkt")
    b, _ = _open_app(browser, server, "thanh-xuan-2024.tdkt")
    for page, mark in ((a, "// sửa ở máy A"), (b, "// sửa ở máy B")):
        page.click(".cm-content")
        page.keyboard.press("Control+End")
        page.keyboard.insert_text("\n" + mark)
    a.click("#save")
    a.wait_for_function("() => document.querySelector('#status').textContent.startsWith('Đã lưu')")
    b.click("#save")
    b.wait_for_selector("#dialog[open]")
    assert "đã được sửa ở nơi khác" in b.inner_text("#dialog")
    on_disk = (workspace / "thanh-xuan-2024.tdkt").read_text("utf-8")
    assert "máy A" in on_disk and "máy B" not in on_disk
    a.close()
    b.close()


def _get(url: str, headers: dict | None = None, data: bytes | None = None, method: str | None = None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def _declared_too_large(url: str, auth: dict) -> int:
    """An upload that declares 21 MB is refused before its body is read."""
    import http.client
    from urllib.parse import urlparse

    u = urlparse(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    conn.putrequest("POST", "/api/import?name=x.docx&to=x.tdkt")
    for k, v in auth.items():
        conn.putheader(k, v)
    conn.putheader("Content-Length", str(21 * 1024 * 1024))
    conn.endheaders()
    conn.send(b"PK" * 1000)
    status = conn.getresponse().status
    conn.close()
    return status


def test_server_refuses_what_it_must(workspace):
    proc, url = start_server(workspace, "--token", "bi-mat")
    try:
        assert _get(url + "api/files")[0] == 401
        auth = {"Authorization": "Bearer bi-mat"}
        status, body = _get(url + "api/files", auth)
        assert status == 200 and "long-bien-2023.tdkt" in json.loads(body)["files"]
        for bad in ("../x.tdkt", "/etc/passwd", "profiles/../../x.tdkt", "a.txt"):
            status, _ = _get(url + "api/file?path=" + urllib.request.quote(bad), auth)
            assert status in (400, 403), bad
        assert _declared_too_large(url, auth) == 413
        status, body = _get(url + "api/import?name=x.docx&to=x.tdkt", auth, data=b"%PDF-1.4 not a docx",
                            method="POST")
        assert status == 422 and not (workspace / "x.tdkt").exists()
    finally:
        proc.terminate()
        proc.wait(10)


def test_malformed_requests_are_refused_not_crashed(workspace):
    """JSON a careless client or an attacker sends: paths that are not strings, 1e400 (infinity)
    as a position or year, a folder named like a plan: a 4xx answer, never a 500."""
    (workspace / "folder.tdkt").mkdir(exist_ok=True)
    proc, url = start_server(workspace)
    try:
        def post(endpoint: str, body: str, method: str = "POST") -> int:
            return _get(url + endpoint, {"Content-Type": "application/json"}, data=body.encode(), method=method)[0]

        assert post("api/file", '{"path": 5, "text": "x"}', "PUT") == 400
        assert post("api/file", '{"path": ["a.tdkt"], "text": "x"}', "PUT") == 400
        assert post("api/file", '{"path": "folder.tdkt", "text": "x"}', "PUT") == 409
        assert (workspace / "folder.tdkt").is_dir()
        for endpoint in ("api/complete", "api/hover", "api/actions"):
            assert post(endpoint, '{"path": "n.tdkt", "text": "", "line": 1e400}') == 400, endpoint
            assert post(endpoint, '{"path": "n.tdkt", "text": 5}') == 400, endpoint
        assert post("api/new-year", '{"path": "long-bien-2023.tdkt", "year": 1e400, "to": "y.tdkt"}') == 400
        assert post("api/rename", '{"from": {"a": 1}, "to": "y.tdkt"}') == 400
        assert not (workspace / "y.tdkt").exists()
        # a lone surrogate is valid JSON (an escape) but no text a file can hold: refused, not a 500
        assert post("api/file", '{"path": "s.tdkt", "text": "năm: 2024\\udcff"}', "PUT") == 400
        assert not (workspace / "s.tdkt").exists()
        for endpoint in ("api/analyze", "api/complete", "api/hover", "api/actions"):
            assert post(endpoint, '{"path": "s.tdkt", "text": "x\\ud800", "line": 0, "character": 0}') == 400
        # a pair of surrogate escapes is one character: accepted
        assert post("api/file", '{"path": "s.tdkt", "text": "\\ud83d\\ude00"}', "PUT") == 200
        assert (workspace / "s.tdkt").read_text("utf-8") == "\U0001f600"
    finally:
        proc.terminate()
        proc.wait(10)


def test_not_loopback_needs_a_token(workspace):
    from tdkt_dsl.web.app import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
