"""The language server itself: pygls, wired to :mod:`.checking` and :mod:`.convert`.

* A document is checked when it is opened, changed or saved.  Only that
  document is checked.
* Checks run one at a time in one worker thread, so the server still
  answers hover and code action requests while a check runs.  A change that
  comes while a check of the same document waits its turn replaces it, so
  typing never queues up checks: while you type, the server checks the
  latest text each time it is free.  A check whose text has changed since
  is not published: the newer one follows.
* After a change it waits :data:`DEBOUNCE` seconds first.  That is 0: with
  changes replacing one another in the queue, a pause would only make the
  findings come later (benchmarks/lsp.md).
* The client sends the whole text with each change (full sync), so the
  server's text is always the editor's, line breaks and all.
* Settings files (``.speakeasy.yaml``, ``pyproject.toml``) and wordlists are
  watched through the editor: saving one checks every open document again.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from ..version import __version__
from .checking import Checked, Checker, format_of, serve_many_checks
from .convert import FIX_ALL, code_actions, diagnostics, hover_text
from .positions import ENCODINGS, LineIndex

__all__ = ["DEBOUNCE", "SpeakeasyServer", "serve"]

log = logging.getLogger(__name__)

#: Seconds to wait after a change before checking (see the module's notes: none is needed).
DEBOUNCE = 0.0
_SETTINGS_FILES = (".speakeasy.yaml", ".speakeasy.yml", "pyproject.toml", ".speakeasy-ignore.yaml")


class SpeakeasyServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("speakeasy", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.checker = Checker()
        self.checked: dict[str, tuple[Checked, LineIndex, int | None]] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="speakeasy-check")

    # -- what the client agreed --------------------------------------------------------------

    @property
    def encoding(self) -> str:
        chosen = _value(self.workspace.position_encoding or "utf-16")
        return chosen if chosen in ENCODINGS else "utf-16"

    def _client(self, path: str, default: Any = None) -> Any:
        value: Any = self.client_capabilities
        for name in path.split("."):
            value = getattr(value, name, None)
            if value is None:
                return default
        return value

    # -- checking ----------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self.pending[uri] = asyncio.ensure_future(self._check_later(uri, delay))

    async def _check_later(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        got = await self.check_now(uri)
        if got is not None:
            checked, index, version = got
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=uri, diagnostics=diagnostics(checked, index), version=version))
        if self.pending.get(uri) is asyncio.current_task():
            del self.pending[uri]

    async def check_now(self, uri: str) -> tuple[Checked, LineIndex, int | None] | None:
        """Check the document as it is now; None when it is not one speakeasy reads, or changed meanwhile."""
        doc = self.workspace.text_documents.get(uri)
        if doc is None:
            return None
        path = to_fs_path(uri) if uri.startswith("file:") else None
        fmt = format_of(doc.language_id, path or uri)
        if fmt is None:
            return None
        text, version = doc.source, doc.version
        loop = asyncio.get_running_loop()
        checked = await loop.run_in_executor(self.worker, self.checker.check, path, text, fmt)
        now = self.workspace.text_documents.get(uri)
        if now is None or now.source != text:
            return None  # closed, or changed while it was checked: the newer check publishes
        got = (checked, LineIndex(text, self.encoding), version)
        self.checked[uri] = got
        return got

    async def current(self, uri: str) -> tuple[Checked, LineIndex, int | None] | None:
        """The findings for the document's text as it is now, checking it again if it has changed."""
        got = self.checked.get(uri)
        doc = self.workspace.text_documents.get(uri)
        if doc is None:
            return None
        if got is not None and got[0].text == doc.source:
            return got
        return await self.check_now(uri)

    def check_every_open_document(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)


def _value(kind: Any) -> str:
    """The protocol's own text for a value that lsprotocol may give as an enum ("utf-8", "quickfix")."""
    return str(getattr(kind, "value", kind))


server = SpeakeasyServer()


@server.feature(types.INITIALIZED)
def initialized(ls: SpeakeasyServer, params: types.InitializedParams) -> None:
    root = ls.workspace.root_path
    if root and Path(root).is_dir():
        ls.checker.root = Path(root)
    ls.worker.submit(serve_many_checks, ls.checker)  # the first check then finds everything loaded


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: SpeakeasyServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: SpeakeasyServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, DEBOUNCE)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
def did_save(ls: SpeakeasyServer, params: types.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    name = uri.rsplit("/", 1)[-1]
    if name in _SETTINGS_FILES or name.endswith((".yaml", ".yml")):  # settings or a wordlist may have changed
        ls.check_every_open_document()
    else:
        ls.schedule(uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: SpeakeasyServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    task = ls.pending.pop(uri, None)
    if task is not None:
        task.cancel()
    if ls.checked.pop(uri, None) is not None:
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]))
async def code_action(ls: SpeakeasyServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    got = await ls.current(uri)
    if got is None:
        return []
    checked, index, version = got
    only = [_value(k) for k in params.context.only] if params.context.only else None
    versioned = bool(ls._client("workspace.workspace_edit.document_changes", False))
    return code_actions(checked, index, uri, version, params.range, only, versioned)


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def hover(ls: SpeakeasyServer, params: types.HoverParams) -> types.Hover | None:
    got = await ls.current(params.text_document.uri)
    if got is None:
        return None
    checked, index, _ = got
    formats = ls._client("text_document.hover.content_format", []) or []
    markdown = types.MarkupKind.Markdown in formats or not formats
    offset = index.offset(params.position.line, params.position.character)
    text = hover_text(checked, offset, markdown)
    if text is None:
        return None
    kind = types.MarkupKind.Markdown if markdown else types.MarkupKind.PlainText
    return types.Hover(contents=types.MarkupContent(kind=kind, value=text))


@server.feature(types.SHUTDOWN)
def shutdown(ls: SpeakeasyServer, params: None) -> None:
    for task in ls.pending.values():
        task.cancel()
    ls.worker.shutdown(wait=False, cancel_futures=True)


def serve() -> None:
    """Talk to the editor over standard input and output until it says exit."""
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # anything printed by mistake must not break the messages to the editor
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="speakeasy lsp: %(message)s")
    server.start_io(sys.stdin.buffer, out)
