"""`tdkt serve`: the web editor for a whole office (Starlette).

A thin shell over the compiler API and `tdkt_dsl.services`, like the CLI and the language server:
the browser sends the text it has, the server compiles it and answers with diagnostics, the
preview's HTML, completions, hovers and fixes. Files live under one root folder; nothing outside
it can be read or written. Everything the page needs is served from the package (no CDN).

Safety: bound to localhost by default; on any other address a token is required (header
`Authorization: Bearer …`, or `?token=` once, which sets a cookie). Paths cannot leave the root
(no absolute paths, no `..`, no symlink out). Uploads are size-limited and go through the
importer's and verify's own safety checks. Saves are atomic, and a save based on an older version
of the file than the one on disk is refused (409) rather than silently overwriting another
browser's edit.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import os
import secrets
import tempfile
from functools import lru_cache
from pathlib import Path, PurePosixPath

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import services as sv
from ..compiler import Sessions
from ..diagnostics import Problem
from ..output import Changed, move_no_replace, write_atomic
from ..resources import package_dir, templates_dir

MAX_UPLOAD = 20 * 1024 * 1024
MAX_TEXT = 2 * 1024 * 1024
STATIC = package_dir() / "web" / "static"


class Refused(Exception):
    def __init__(self, status: int, key: str, **params) -> None:
        super().__init__(key)
        self.status, self.key, self.params = status, key, params


@lru_cache(maxsize=1)
def ui_words() -> dict:
    """The interface wording, vi and en (templates/web/ui.json)."""
    return json.loads((templates_dir() / "web" / "ui.json").read_text(encoding="utf-8"))


def _lang(request: Request) -> str:
    lang = request.query_params.get("lang") or request.headers.get("x-tdkt-lang") or "vi"
    return "en" if lang.lower().startswith("en") else "vi"


def _say(request: Request, key: str, **params) -> str:
    words = ui_words()[_lang(request)]
    return words.get(key, key).format(**params)


def etag(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Workspace:
    """The root folder and the only way the app touches files."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def resolve(self, rel: str | None, *, suffix: str = ".tdkt", must_exist: bool = True) -> Path:
        if not isinstance(rel, str) or not rel or "\x00" in rel or len(rel) > 500:
            raise Refused(400, "bad_path", path=rel if isinstance(rel, str) else "")
        pure = PurePosixPath(rel.replace("\\", "/"))
        if pure.is_absolute() or any(part in ("..", "") for part in pure.parts) or rel.startswith("~"):
            raise Refused(403, "outside_root", path=rel)
        if suffix and pure.suffix.lower() != suffix:
            raise Refused(400, "bad_suffix", path=rel, suffix=suffix)
        path = self.root.joinpath(*pure.parts)
        real = path.resolve()
        if real != self.root and self.root not in real.parents:
            raise Refused(403, "outside_root", path=rel)
        if must_exist and not real.is_file():
            raise Refused(404, "not_found", path=rel)
        return path

    def rel(self, path: Path) -> str:
        return path.resolve().relative_to(self.root).as_posix()

    def plans(self) -> list[str]:
        out = []
        for p in sorted(self.root.rglob("*.tdkt")):
            try:
                real = p.resolve()
            except OSError:
                continue
            if (real == self.root or self.root in real.parents) and real.is_file() and not any(
                    part.startswith(".") for part in p.relative_to(self.root).parts):
                out.append(p.relative_to(self.root).as_posix())
        return out[:2000]


def _json_body(data: bytes) -> dict:
    if len(data) > MAX_TEXT + 65536:
        raise Refused(413, "too_large", limit=MAX_TEXT)
    try:
        body = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise Refused(400, "bad_request") from None
    if not isinstance(body, dict):
        raise Refused(400, "bad_request")
    if not _encodable(body):  # "\\udcff" is valid JSON but no text a file can hold: refused, not a 500
        raise Refused(400, "bad_request")
    return body


def _encodable(value) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, dict):
        return all(_encodable(k) and _encodable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_encodable(v) for v in value)
    return True


async def _read_limited(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise Refused(413, "too_large", limit=limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Refused(413, "too_large", limit=limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _position(body: dict) -> sv.Position:
    try:
        return sv.Position(int(body.get("line", 0)), int(body.get("character", 0)))
    except (TypeError, ValueError, OverflowError):  # JSON 1e400 is infinity
        raise Refused(400, "bad_request") from None


def _range_json(r: sv.Range) -> dict:
    return {"start": {"line": r.start.line, "character": r.start.character},
            "end": {"line": r.end.line, "character": r.end.character}}


def create_app(root: Path, *, token: str | None = None) -> Starlette:
    ws = Workspace(root)
    sessions = Sessions()  # warm compilation per file: only what an edit changed is redone

    def compile_for(rel: str, text: str):
        if not isinstance(text, str):
            raise Refused(400, "bad_request")
        if len(text) > MAX_TEXT:
            raise Refused(413, "too_large", limit=MAX_TEXT)
        path = ws.resolve(rel, must_exist=False)
        return path, sessions.get(str(path)).compile_text(text, str(path))

    async def index(request: Request) -> Response:
        page = (templates_dir() / "web" / "index.html").read_text(encoding="utf-8")
        response = HTMLResponse(page)
        if token and hmac.compare_digest(request.query_params.get("token", ""), token):
            response.set_cookie("tdkt_token", token, httponly=True, samesite="strict")
        return response

    async def ui(request: Request) -> Response:
        return JSONResponse(ui_words()[_lang(request)])

    async def preview_css(request: Request) -> Response:
        css = (STATIC / "fonts" / "fonts.css").read_text("utf-8").replace("url(", "url(/static/fonts/")
        css += "\n" + (templates_dir() / "html" / "preview.css").read_text("utf-8")
        return Response(css, media_type="text/css")

    async def paginate_js(request: Request) -> Response:
        return Response((templates_dir() / "html" / "paginate.js").read_text("utf-8"),
                        media_type="application/javascript")

    async def keywords(request: Request) -> Response:
        words = sorted({w.lower() for kw in sv.keywords() for w in kw.words}, key=lambda w: (-len(w), w))
        return JSONResponse({"keywords": words})

    async def files(request: Request) -> Response:
        return JSONResponse({"root": ws.root.name, "files": ws.plans()})

    async def get_file(request: Request) -> Response:
        path = ws.resolve(request.query_params.get("path"))
        data = path.read_bytes()
        if len(data) > MAX_TEXT:
            raise Refused(413, "too_large", limit=MAX_TEXT)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(400, "not_utf8", path=ws.rel(path)) from None
        return JSONResponse({"path": ws.rel(path), "text": text, "etag": etag(data)})

    async def save_file(request: Request) -> Response:
        body = _json_body(await _read_limited(request, MAX_TEXT + 65536))
        text = body.get("text")
        if not isinstance(text, str) or len(text) > MAX_TEXT:
            raise Refused(400, "bad_request")
        path = ws.resolve(body.get("path"), must_exist=False)
        base = body.get("etag")
        if path.exists() and not path.is_file():  # a folder named like a plan
            raise Refused(409, "exists", path=ws.rel(path))
        loaded = None  # what the browser loaded: a new file when it has no etag
        if path.exists():
            loaded = path.read_bytes()
            if base != etag(loaded):
                raise Refused(409, "conflict", path=ws.rel(path))
        elif base:
            raise Refused(409, "conflict", path=body.get("path"))
        data = text.encode("utf-8")
        try:  # checked again as the file is put in place: another program may write it meanwhile
            write_atomic(path, data, expect=loaded)
        except Changed:
            raise Refused(409, "conflict", path=ws.rel(path)) from None
        except Problem as exc:
            raise Refused(400, "cannot_write", reason=exc.message(_lang(request))) from None
        return JSONResponse({"path": ws.rel(path), "etag": etag(data)})

    async def rename_file(request: Request) -> Response:
        body = _json_body(await _read_limited(request, 65536))
        src = ws.resolve(body.get("from"))
        dst = ws.resolve(body.get("to"), must_exist=False)
        if not dst.parent.is_dir():
            raise Refused(400, "no_folder", path=body.get("to"))
        try:  # one step: a file saved under that name meanwhile is never replaced
            move_no_replace(src, dst)
        except FileExistsError:
            raise Refused(409, "exists", path=body.get("to")) from None
        except OSError as exc:
            raise Refused(400, "cannot_write", reason=exc.strerror or str(exc)) from None
        return JSONResponse({"path": ws.rel(dst)})

    async def analyze(request: Request) -> Response:
        from ..render.html import document_html

        body = _json_body(await _read_limited(request, MAX_TEXT + 65536))
        path, comp = compile_for(body.get("path"), body.get("text"))
        lang = _lang(request)
        by_file = sv.diagnostics(comp, lang)
        here = str(path)
        index = sv.build_index(comp)
        diags = []
        for file, ds in by_file.items():
            for d in ds:
                item = {"range": _range_json(d.range), "severity": d.severity, "code": d.code, "name": d.name,
                        "message": d.message, "file": "" if d.file == here else os.path.relpath(d.file, ws.root)}
                if d.file == here:
                    item["actions"] = [
                        {"title": a.title, "edits": [{"range": _range_json(e.range), "text": e.new_text} for e in a.edits]}
                        for a in sv.code_actions(index, here, sv.Range(d.range.start, d.range.start), lang)
                        if a.code == d.code and all(e.file == here for e in a.edits)]
                diags.append(item)
        html = document_html(comp.plan) if comp.plan is not None else ""
        outline = [{"name": s.name, "kind": s.kind, "line": s.range.start.line}
                   for s in sv.symbols(index, here, lang)]
        return JSONResponse({"diagnostics": diags, "html": html, "ok": comp.ok, "outline": outline})

    async def complete(request: Request) -> Response:
        body = _json_body(await _read_limited(request, MAX_TEXT + 65536))
        path, comp = compile_for(body.get("path"), body.get("text"))
        items = sv.complete(sv.build_index(comp), body["text"], _position(body), _lang(request))
        return JSONResponse({"items": [
            {"label": i.label, "kind": i.kind, "detail": i.detail, "insert": i.insert_text if i.insert_text is not None
             else i.label, "snippet": i.snippet, "from": i.replace.start.character if i.replace else None}
            for i in items]})

    async def hover(request: Request) -> Response:
        body = _json_body(await _read_limited(request, MAX_TEXT + 65536))
        path, comp = compile_for(body.get("path"), body.get("text"))
        found = sv.hover(sv.build_index(comp), str(path), _position(body), _lang(request))
        return JSONResponse({"markdown": found[0] if found else None})

    async def actions(request: Request) -> Response:
        body = _json_body(await _read_limited(request, MAX_TEXT + 65536))
        path, comp = compile_for(body.get("path"), body.get("text"))
        pos = _position(body)
        rng = sv.Range(pos, sv.Position(pos.line, pos.character))
        out = []
        for a in sv.code_actions(sv.build_index(comp), str(path), rng, _lang(request)):
            if any(e.file != str(path) for e in a.edits):
                continue  # a fix in another file (a profile) is left to that file's editor
            out.append({"title": a.title, "code": a.code, "preferred": a.preferred,
                        "edits": [{"range": _range_json(e.range), "text": e.new_text} for e in a.edits]})
        return JSONResponse({"actions": out})

    async def download(request: Request) -> Response:
        from ..render.docx import render_docx

        path = ws.resolve(request.query_params.get("path"))
        kind = request.query_params.get("format", "docx")
        comp = sessions.get(str(path)).compile_path(str(path))
        if not comp.ok or comp.plan is None:
            raise Refused(422, "has_errors", path=ws.rel(path))
        data = render_docx(comp.plan)
        media = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if kind == "pdf":
            from ..render.pdf import docx_to_pdf

            try:
                data = docx_to_pdf(data, path.stem)
            except Problem as exc:
                raise Refused(503, "pdf_failed", reason=exc.message(_lang(request))) from None
            media = "application/pdf"
        elif kind != "docx":
            raise Refused(400, "bad_request")
        name = f"{path.stem}.{kind}"
        return Response(data, media_type=media, headers={
            "Content-Disposition": f"attachment; filename=\"{name.encode('ascii', 'replace').decode()}\"; "
                                   f"filename*=UTF-8''{_quote(name)}"})

    async def new_year(request: Request) -> Response:
        from ..rollover import render_report, rollover
        from ..source import Source, SourceError

        body = _json_body(await _read_limited(request, 65536))
        src_path = ws.resolve(body.get("path"))
        try:
            year = int(body.get("year"))
        except (TypeError, ValueError, OverflowError):
            raise Refused(400, "bad_year") from None
        if not 1900 <= year <= 2200:
            raise Refused(400, "bad_year")
        dst = ws.resolve(body.get("to"), must_exist=False)
        if dst.exists():
            raise Refused(409, "exists", path=body.get("to"))
        try:
            src = Source.from_path(str(src_path))
        except SourceError:
            raise Refused(400, "not_utf8", path=body.get("path")) from None
        res = rollover(src, year, str(dst))
        if res.text is None:
            raise Refused(422, "has_errors", path=body.get("path"))
        try:
            write_atomic(dst, res.text.encode("utf-8"), protect=[src_path], expect=None)
        except Changed:
            raise Refused(409, "exists", path=body.get("to")) from None
        report = render_report(res, ws.rel(src_path), ws.rel(dst), _lang(request))
        return JSONResponse({"path": ws.rel(dst), "report": report})

    async def import_upload(request: Request) -> Response:
        from ..importer import import_bytes, render_report

        name = request.query_params.get("name", "")
        dst = ws.resolve(request.query_params.get("to"), must_exist=False)
        if dst.exists():
            raise Refused(409, "exists", path=request.query_params.get("to"))
        data = await _read_limited(request, MAX_UPLOAD)
        try:
            res = import_bytes(data, PurePosixPath(name).name or "upload.docx", ws.rel(dst))
        except Problem as exc:
            return JSONResponse({"error": exc.message(_lang(request)), "code": exc.code}, status_code=422)
        try:
            write_atomic(dst, res.text.encode("utf-8"), expect=None)
        except Changed:
            raise Refused(409, "exists", path=request.query_params.get("to")) from None
        report = render_report(res, PurePosixPath(name).name, ws.rel(dst), _lang(request))
        return JSONResponse({"path": ws.rel(dst), "report": report})

    async def verify_upload(request: Request) -> Response:
        from ..verify import verify_path

        data = await _read_limited(request, MAX_UPLOAD)
        lang = _lang(request)
        with tempfile.TemporaryDirectory(prefix="tdkt-verify-") as tmp:
            f = Path(tmp) / "upload.docx"
            f.write_bytes(data)
            try:
                findings = verify_path(str(f))
            except Problem as exc:
                return JSONResponse({"error": exc.message(lang), "code": exc.code}, status_code=422)
        return JSONResponse({"findings": [
            {"code": d.code, "severity": d.level.value, "message": d.message(lang),
             "where": getattr(d.span, "where", "") or ""} for d in findings]})

    routes = [
        Route("/", index),
        Route("/api/ui", ui),
        Route("/preview.css", preview_css),
        Route("/paginate.js", paginate_js),
        Route("/api/keywords", keywords),
        Route("/api/files", files),
        Route("/api/file", get_file, methods=["GET"]),
        Route("/api/file", save_file, methods=["PUT"]),
        Route("/api/rename", rename_file, methods=["POST"]),
        Route("/api/analyze", analyze, methods=["POST"]),
        Route("/api/complete", complete, methods=["POST"]),
        Route("/api/hover", hover, methods=["POST"]),
        Route("/api/actions", actions, methods=["POST"]),
        Route("/api/download", download),
        Route("/api/new-year", new_year, methods=["POST"]),
        Route("/api/import", import_upload, methods=["POST"]),
        Route("/api/verify", verify_upload, methods=["POST"]),
        Mount("/static", app=StaticFiles(directory=str(STATIC)), name="static"),
    ]

    async def refused(request: Request, exc: Refused) -> Response:
        return JSONResponse({"error": _say(request, exc.key, **exc.params), "key": exc.key}, status_code=exc.status)

    middleware = [Middleware(TokenGate, token=token)] if token else []
    return Starlette(routes=routes, exception_handlers={Refused: refused}, middleware=middleware)


class TokenGate:
    """Every request must carry the token: a bearer header, the cookie set by `/?token=`, or
    `?token=` itself."""

    def __init__(self, app, token: str) -> None:
        self.app, self.token = app, token

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            request = Request(scope)
            given = (request.headers.get("authorization", "").removeprefix("Bearer ").strip()
                     or request.cookies.get("tdkt_token", "") or request.query_params.get("token", ""))
            if not hmac.compare_digest(given.encode(), self.token.encode()):
                response = JSONResponse({"error": _say(request, "need_token")}, status_code=401)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


def new_token() -> str:
    return secrets.token_urlsafe(24)
