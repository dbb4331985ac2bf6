"""`tdkt lsp`: the language server (pygls, stdio).

Every request is answered from one compilation of the open document (kept until the text
changes), through `tdkt_dsl.services`; this module only converts to and from the protocol's types.
Diagnostics are published after a short pause in typing (debounced), for the plan and for each
profile it uses (`dùng:`), in Vietnamese or English (client locale, `initializationOptions.lang`
or the `tdkt.lang` setting).
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .. import services as sv
from ..compiler import Compilation, Sessions

DEBOUNCE_SECONDS = 0.03
PROFILE_ONLY_CODES = {"M205", "M210", "R601", "R606", "R607"}  # a profile is not a whole plan
# a plan has a `trích yếu:` line, a profile does not (the keyword's spellings: the vocabulary table)
_TITLE_LINE = re.compile(r"(?im)^\s*(?:" + "|".join(r"\s+".join(map(re.escape, w.split()))
                                                    for w in sv.vocabulary.keyword("KW_TITLE").words) + r")\s*:")
_VERSION = "0.1.0"


class Refused(JsonRpcException):
    """A request the server declines on purpose (a rename onto an id already used …): answered
    with LSP's RequestFailed error, whose message the editor shows. An answer, not a fault."""

    CODE = lsp.LSPErrorCodes.RequestFailed.value


class _QuietRefusals(logging.Filter):
    """pygls logs every exception a handler raises with its traceback (stderr: the editor's
    output panel); the error response itself is sent either way. Drop that record for a refusal."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], Refused))


logging.getLogger("pygls.protocol.json_rpc").addFilter(_QuietRefusals())


@dataclass
class Analysis:
    version: int | None
    text: str
    compilation: Compilation
    _index: sv.Index | None = None

    @property
    def index(self) -> sv.Index:
        """Built on the first request that needs it: publishing diagnostics after a change does not."""
        if self._index is None:
            self._index = sv.build_index(self.compilation)
        return self._index


class TdktLanguageServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("tdkt", _VERSION)
        self.lang = "vi"
        self.analyses: dict[str, Analysis] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.published: dict[str, set[str]] = {}  # plan uri → the uris it published to
        self.last_change: dict[str, float] = {}  # uri → event-loop time of its latest change
        self.sessions = Sessions()  # warm compilation per document: an edit redoes only what it touched

    # -- analysis -----------------------------------------------------------------------
    def analyse(self, uri: str) -> Analysis:
        doc = self.workspace.get_text_document(uri)
        text = doc.source
        cached = self.analyses.get(uri)
        if cached is not None and cached.text == text:
            return cached
        path = to_fs_path(uri) or uri
        comp = self.sessions.get(path).compile_text(text, path)
        analysis = Analysis(doc.version, text, comp)
        self.analyses[uri] = analysis
        return analysis

    def publish(self, uri: str) -> None:
        analysis = self.analyse(uri)
        path = to_fs_path(uri) or uri
        by_file = sv.diagnostics(analysis.compilation, self.lang)
        is_profile = not _TITLE_LINE.search(analysis.text)
        targets: set[str] = set()
        for file, diags in by_file.items():
            target = uri if file == path else from_fs_path(file)
            if target is None:
                continue
            if is_profile and target == uri:
                diags = [d for d in diags if d.code not in PROFILE_ONLY_CODES]
            targets.add(target)
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
                uri=target, version=analysis.version if target == uri else None,
                diagnostics=[_diagnostic(d) for d in diags]))
        for stale in self.published.get(uri, set()) - targets:
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=stale, diagnostics=[]))
        self.published[uri] = targets

    def schedule(self, uri: str) -> None:
        """Publish after a change. The first change after a quiet moment is compiled at once (a warm
        compile takes a few ms); changes that come while typing fast are gathered and compiled
        DEBOUNCE_SECONDS after the last one. Either way the text compiled is the latest."""
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        loop = asyncio.get_running_loop()
        quiet = task is None and loop.time() - self.last_change.get(uri, float("-inf")) >= DEBOUNCE_SECONDS
        self.last_change[uri] = loop.time()

        async def later() -> None:
            await asyncio.sleep(0 if quiet else DEBOUNCE_SECONDS)
            self.pending.pop(uri, None)
            self.publish(uri)

        self.pending[uri] = loop.create_task(later())


server = TdktLanguageServer()


# ---- conversions ------------------------------------------------------------------------------

def _pos(p: sv.Position) -> lsp.Position:
    return lsp.Position(line=p.line, character=p.character)


def _range(r: sv.Range) -> lsp.Range:
    return lsp.Range(start=_pos(r.start), end=_pos(r.end))


def _sv_pos(p: lsp.Position) -> sv.Position:
    return sv.Position(p.line, p.character)


def _sv_range(r: lsp.Range) -> sv.Range:
    return sv.Range(_sv_pos(r.start), _sv_pos(r.end))


def _uri(file: str, current_uri: str, current_path: str) -> str:
    return current_uri if file == current_path else (from_fs_path(file) or file)


_SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
             "info": lsp.DiagnosticSeverity.Information}


def _diagnostic(d: sv.EditorDiagnostic) -> lsp.Diagnostic:
    related = [lsp.DiagnosticRelatedInformation(
        location=lsp.Location(uri=from_fs_path(loc.file) or loc.file, range=_range(loc.range)), message=msg)
        for loc, msg in d.related] or None
    return lsp.Diagnostic(range=_range(d.range), message=d.message, severity=_SEVERITY[d.severity],
                          code=d.code, source="tdkt", related_information=related,
                          data={"name": d.name})


def _edits_by_uri(edits: list[sv.TextEdit], uri: str, path: str) -> dict[str, list[lsp.TextEdit]]:
    out: dict[str, list[lsp.TextEdit]] = {}
    for e in edits:
        out.setdefault(_uri(e.file, uri, path), []).append(lsp.TextEdit(range=_range(e.range), new_text=e.new_text))
    return out


def _path(uri: str) -> str:
    return to_fs_path(uri) or uri


# ---- lifecycle and documents ---------------------------------------------------------------

@server.feature(lsp.INITIALIZE)
def on_initialize(ls: TdktLanguageServer, params: lsp.InitializeParams) -> None:
    options = params.initialization_options or {}
    lang = options.get("lang") if isinstance(options, dict) else None
    if not lang and params.locale:
        lang = params.locale
    ls.lang = "en" if str(lang or "vi").lower().startswith("en") else "vi"


@server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
def on_configuration(ls: TdktLanguageServer, params: lsp.DidChangeConfigurationParams) -> None:
    settings = params.settings if isinstance(params.settings, dict) else {}
    lang = (settings.get("tdkt") or {}).get("lang") if isinstance(settings.get("tdkt"), dict) else None
    if lang:
        ls.lang = "en" if str(lang).lower().startswith("en") else "vi"
        for uri in list(ls.analyses):
            ls.publish(uri)


# what a plan reads besides itself: profiles (`dùng:`), tdkt.toml, the references list
WATCHED = ("**/*.tdkt", "**/tdkt.toml", "**/van-ban-cap-tren.toml")


@server.feature(lsp.INITIALIZED)
def on_initialized(ls: TdktLanguageServer, params: lsp.InitializedParams) -> None:
    """Ask the client to tell us when those files change on disk (another editor, `git pull`),
    when it can register watchers; otherwise a save in this editor is what we hear of."""
    caps = ls.client_capabilities.workspace
    watched = caps.did_change_watched_files if caps else None
    if watched is None or not watched.dynamic_registration:
        return
    ls.client_register_capability(lsp.RegistrationParams(registrations=[lsp.Registration(
        id="tdkt-watched-files", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
        register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
            watchers=[lsp.FileSystemWatcher(glob_pattern=g) for g in WATCHED]))]))


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def on_watched_files(ls: TdktLanguageServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    """A profile or setting changed on disk: every open plan is checked again (a session re-reads
    a file whose stat changed, so the plans that do not use it cost a warm compile)."""
    _recheck_all(ls)


def _recheck_all(ls: TdktLanguageServer, keep: str | None = None) -> None:
    for uri in list(ls.analyses):
        if uri != keep:
            ls.analyses.pop(uri, None)
        try:
            ls.publish(uri)
        except Exception:  # the document may have been closed meanwhile
            pass


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: TdktLanguageServer, params: lsp.DidOpenTextDocumentParams) -> None:
    ls.publish(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: TdktLanguageServer, params: lsp.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: TdktLanguageServer, params: lsp.DidSaveTextDocumentParams) -> None:
    # a saved profile changes every plan that uses it
    _recheck_all(ls, keep=params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: TdktLanguageServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.analyses.pop(uri, None)
    ls.sessions.drop(_path(uri))
    ls.last_change.pop(uri, None)
    for target in ls.published.pop(uri, {uri}):
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=target, diagnostics=[]))


# ---- language features ----------------------------------------------------------------------

_KIND = {"keyword": lsp.CompletionItemKind.Keyword, "id": lsp.CompletionItemKind.Reference,
         "variable": lsp.CompletionItemKind.Variable, "value": lsp.CompletionItemKind.EnumMember,
         "snippet": lsp.CompletionItemKind.Snippet}


@server.feature(lsp.TEXT_DOCUMENT_COMPLETION,
                lsp.CompletionOptions(trigger_characters=["@", "{", ":", " ", ","]))
def completion(ls: TdktLanguageServer, params: lsp.CompletionParams) -> lsp.CompletionList:
    a = ls.analyse(params.text_document.uri)
    items = []
    for it in sv.complete(a.index, a.text, _sv_pos(params.position), ls.lang):
        new_text = it.insert_text if it.insert_text is not None else it.label
        edit = lsp.TextEdit(range=_range(it.replace), new_text=new_text) if it.replace else None
        items.append(lsp.CompletionItem(
            label=it.label, kind=_KIND[it.kind], detail=it.detail or None, text_edit=edit,
            insert_text=None if edit else new_text,
            insert_text_format=lsp.InsertTextFormat.Snippet if it.snippet else lsp.InsertTextFormat.PlainText,
            filter_text=it.label.lstrip("{")))
    return lsp.CompletionList(is_incomplete=False, items=items)


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: TdktLanguageServer, params: lsp.HoverParams) -> lsp.Hover | None:
    a = ls.analyse(params.text_document.uri)
    found = sv.hover(a.index, _path(params.text_document.uri), _sv_pos(params.position), ls.lang)
    if found is None:
        return None
    text, rng = found
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text), range=_range(rng))


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
def definition(ls: TdktLanguageServer, params: lsp.DefinitionParams) -> lsp.Location | None:
    uri = params.text_document.uri
    a = ls.analyse(uri)
    loc = sv.definition(a.index, _path(uri), _sv_pos(params.position))
    if loc is None:
        return None
    return lsp.Location(uri=_uri(loc.file, uri, _path(uri)), range=_range(loc.range))


@server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
def references(ls: TdktLanguageServer, params: lsp.ReferenceParams) -> list[lsp.Location]:
    uri = params.text_document.uri
    a = ls.analyse(uri)
    locs = sv.references(a.index, _path(uri), _sv_pos(params.position), params.context.include_declaration)
    return [lsp.Location(uri=_uri(l.file, uri, _path(uri)), range=_range(l.range)) for l in locs]


@server.feature(lsp.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(ls: TdktLanguageServer, params: lsp.PrepareRenameParams) -> lsp.Range | None:
    a = ls.analyse(params.text_document.uri)
    occ = sv.occurrence_at(a.index, _path(params.text_document.uri), _sv_pos(params.position))
    if occ is None or occ.id not in a.index.definitions:
        return None
    return _range(occ.location.range)


@server.feature(lsp.TEXT_DOCUMENT_RENAME)
def rename(ls: TdktLanguageServer, params: lsp.RenameParams) -> lsp.WorkspaceEdit:
    uri = params.text_document.uri
    a = ls.analyse(uri)
    try:
        edits = sv.rename(a.index, _path(uri), _sv_pos(params.position), params.new_name, ls.lang)
    except sv.RenameError as exc:
        raise Refused(str(exc)) from None
    return lsp.WorkspaceEdit(changes=_edits_by_uri(edits, uri, _path(uri)))


_SYMBOL_KIND = {"header": lsp.SymbolKind.File, "section": lsp.SymbolKind.Namespace,
                "appendix": lsp.SymbolKind.Module, "month": lsp.SymbolKind.Event,
                "task": lsp.SymbolKind.Field}


def _symbol(s: sv.Symbol) -> lsp.DocumentSymbol:
    rng = _range(s.range)
    sel = lsp.Range(start=rng.start, end=lsp.Position(line=rng.start.line, character=rng.start.character))
    return lsp.DocumentSymbol(name=s.name or "…", kind=_SYMBOL_KIND[s.kind], range=rng, selection_range=sel,
                              children=[_symbol(c) for c in s.children])


@server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbols(ls: TdktLanguageServer, params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
    a = ls.analyse(params.text_document.uri)
    return [_symbol(s) for s in sv.symbols(a.index, _path(params.text_document.uri), ls.lang)]


@server.feature(lsp.TEXT_DOCUMENT_FOLDING_RANGE)
def folding(ls: TdktLanguageServer, params: lsp.FoldingRangeParams) -> list[lsp.FoldingRange]:
    a = ls.analyse(params.text_document.uri)
    return [lsp.FoldingRange(start_line=s, end_line=e, kind=lsp.FoldingRangeKind.Region)
            for s, e in sv.folding_ranges(a.index, _path(params.text_document.uri))]


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
def code_actions(ls: TdktLanguageServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    uri = params.text_document.uri
    a = ls.analyse(uri)
    out = []
    for act in sv.code_actions(a.index, _path(uri), _sv_range(params.range), ls.lang):
        out.append(lsp.CodeAction(title=act.title, kind=lsp.CodeActionKind.QuickFix, is_preferred=act.preferred,
                                  edit=lsp.WorkspaceEdit(changes=_edits_by_uri(list(act.edits), uri, _path(uri)))))
    return out


def _whole_document_edit(text: str, new: str) -> list[lsp.TextEdit]:
    if new == text:
        return []
    lines = text.split("\n")
    end = lsp.Position(line=len(lines) - 1, character=len(lines[-1]))
    return [lsp.TextEdit(range=lsp.Range(start=lsp.Position(line=0, character=0), end=end), new_text=new)]


@server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
def formatting(ls: TdktLanguageServer, params: lsp.DocumentFormattingParams) -> list[lsp.TextEdit]:
    from ..formatter import format_text

    text = ls.workspace.get_text_document(params.text_document.uri).source
    return _whole_document_edit(text, format_text(text))


@server.feature(lsp.TEXT_DOCUMENT_RANGE_FORMATTING)
def range_formatting(ls: TdktLanguageServer, params: lsp.DocumentRangeFormattingParams) -> list[lsp.TextEdit]:
    uri = params.text_document.uri
    text = ls.workspace.get_text_document(uri).source
    edits = sv.formatting_edits(text, _path(uri), _sv_range(params.range))
    return [lsp.TextEdit(range=_range(e.range), new_text=e.new_text) for e in edits]


def main() -> None:
    server.start_io()
