"""`speakeasy lsp`: the language server, tested with a real client over stdio.

The exchanges start `python -m speakeasy lsp` as a subprocess and talk to it
with pygls's own client: initialize, open, change, diagnostics, code
actions, hover, shutdown and exit.  Every edit a code action gives is
applied to the text here, with this file's own reading of UTF-16 positions,
so a wrong range shows as wrong text.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

from conftest import ROOT
from speakeasy.lsp.positions import LineIndex

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


# -- positions, without a client --------------------------------------------------------------

def test_utf16_counts_a_character_outside_the_bmp_as_two_units() -> None:
    text = "a\U0001F600b signpost\nsecond"
    index = LineIndex(text)
    at = text.index("signpost")
    assert index.position(at) == (0, 5)  # a, two units for the emoji, b, space
    assert index.offset(0, 5) == at
    assert index.offset(0, 2) == 1  # half of the pair: the start of the emoji
    assert index.position(text.index("second")) == (1, 0)
    assert LineIndex(text, "utf-8").position(at) == (0, 7)
    assert LineIndex(text, "utf-32").position(at) == (0, 4)


def test_lines_end_only_at_the_breaks_the_protocol_knows() -> None:
    text = "one\r\ntwo\rthree\u2028still three\x0cand this\nfour"
    index = LineIndex(text)
    assert index.position(text.index("two")) == (1, 0)
    assert index.position(text.index("three")) == (2, 0)
    assert index.position(text.index("and this")) == (2, len("three\u2028still three\x0c"))
    assert index.position(text.index("four")) == (3, 0)
    assert index.offset(0, 99) == 3  # past the end of a line: its end, before "\r\n"
    assert index.offset(9, 0) == len(text)


@given(st.text(alphabet=st.sampled_from(list("ab \n\r\u00e9\u2028\U0001F600\U00010348")), max_size=40))
def test_offsets_and_positions_round_trip(text: str) -> None:
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        if offset and text[offset - 1 : offset + 1] == "\r\n":
            continue  # between \r and \n is no place in the protocol's lines
        line, character = index.position(offset)
        assert index.offset(line, character) == offset
        assert _offset(text, types.Position(line=line, character=character)) == offset


# -- a client of our own ----------------------------------------------------------------------

def _lines(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text)


def _offset(text: str, pos: types.Position) -> int:
    """The test's own reading of an LSP position (UTF-16 code units), independent of speakeasy's."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    line = _lines(text)[pos.line]
    units = line.encode("utf-16-le")[: pos.character * 2]
    return starts[pos.line] + len(units.decode("utf-16-le"))


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    spans = sorted(((_offset(text, e.range.start), _offset(text, e.range.end), e.new_text) for e in edits),
                   reverse=True)
    for a, b, new in spans:
        text = text[:a] + new + text[b:]
    return text


def _text_at(text: str, r: types.Range) -> str:
    return text[_offset(text, r.start):_offset(text, r.end)]


class Session:
    """A client talking to `python -m speakeasy lsp`, with every diagnostics notification in a queue."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.client = LanguageClient("speakeasy-tests", "1")
        self.published: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()
        published = self.published

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _got(params: types.PublishDiagnosticsParams) -> None:
            published.put_nowait(params)

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def _message(params: types.ShowMessageParams) -> None:
            pass

    async def start(self, markdown_hover: bool = True, versioned_edits: bool = True,
                    encodings: list[str] | None = None) -> types.InitializeResult:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        await self.client.start_io(sys.executable, "-m", "speakeasy", "lsp", env=env, cwd=str(self.root))
        caps = types.ClientCapabilities(
            general=types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None,
            text_document=types.TextDocumentClientCapabilities(
                hover=types.HoverClientCapabilities(
                    content_format=[types.MarkupKind.Markdown] if markdown_hover else [types.MarkupKind.PlainText]),
                publish_diagnostics=types.PublishDiagnosticsClientCapabilities(version_support=True),
            ),
            workspace=types.WorkspaceClientCapabilities(
                workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=versioned_edits)),
        )
        result = await self.client.initialize_async(types.InitializeParams(
            capabilities=caps, root_uri=from_fs_path(str(self.root)), process_id=os.getpid()))
        self.client.initialized(types.InitializedParams())
        return result

    async def diagnostics_for(self, uri: str, version: int | None = None,
                              timeout: float = 60) -> list[types.Diagnostic]:
        while True:
            got = await asyncio.wait_for(self.published.get(), timeout)
            if got.uri == uri and (version is None or got.version == version):
                return got.diagnostics

    def open(self, path: Path, text: str, language: str = "markdown") -> str:
        uri = from_fs_path(str(path))
        assert uri is not None
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
        return uri

    def change(self, uri: str, version: int, text: str) -> None:
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))

    async def actions(self, uri: str, r: types.Range, only: list[str] | None = None) -> list[types.CodeAction]:
        got = await self.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=r,
            context=types.CodeActionContext(diagnostics=[], only=only)))
        return [a for a in got or [] if isinstance(a, types.CodeAction)]

    async def hover(self, uri: str, pos: types.Position) -> types.Hover | None:
        return await self.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=pos))

    async def stop(self) -> int | None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        server = self.client._server
        assert server is not None
        code = await asyncio.wait_for(server.wait(), 20)
        await self.client.stop()
        return code


def _edits(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    assert action.edit is not None
    if action.edit.document_changes:
        out: list[types.TextEdit] = []
        for change in action.edit.document_changes:
            assert isinstance(change, types.TextDocumentEdit) and change.text_document.uri == uri
            out += [e for e in change.edits if isinstance(e, types.TextEdit)]
        return out
    assert action.edit.changes is not None
    return list(action.edit.changes[uri])


def _find(diags: list[types.Diagnostic], text: str, words: str) -> types.Diagnostic:
    for d in diags:
        if _text_at(text, d.range) == words:
            return d
    raise AssertionError(f"no diagnostic on {words!r}: {[(_text_at(text, d.range), d.code) for d in diags]}")


def run(coro: Any) -> Any:
    return asyncio.run(coro)


# -- the exchange ---------------------------------------------------------------------------------

TEXT = ("# Visits \U0001F3E0\n"
        "\n"
        "\U0001F600 Staff will utilise the care plan and signpost you.\r\n"
        "We will commence soon.\n")


@pytest.mark.slow
def test_open_change_diagnostics_code_action_hover_and_exit(tmp_path: Path) -> None:
    async def go() -> None:
        s = Session(tmp_path)
        init = await s.start()
        caps = init.capabilities
        assert caps.hover_provider and caps.code_action_provider
        sync = caps.text_document_sync
        assert isinstance(sync, types.TextDocumentSyncOptions) and sync.change == types.TextDocumentSyncKind.Full

        path = tmp_path / "policy.md"
        uri = s.open(path, TEXT)
        diags = await s.diagnostics_for(uri, 1)
        # ranges in UTF-16 units: the emoji before the words on the same line counts as two
        utilise = _find(diags, TEXT, "utilise")
        assert utilise.range.start == types.Position(line=2, character=14)
        assert utilise.code == "plain-english.words" and utilise.source == "speakeasy"
        assert utilise.severity == types.DiagnosticSeverity.Warning
        assert "'utilise'" in utilise.message and "use" in utilise.message
        signpost = _find(diags, TEXT, "signpost")
        assert signpost.code == "social-care.jargon"

        # a change: new diagnostics for the new text, none for the words taken out
        text2 = TEXT.replace("signpost you", "tell you where to get help") + "Please liaise with \U0001F431 the team.\n"
        s.change(uri, 2, text2)
        diags2 = await s.diagnostics_for(uri, 2)
        assert not any(_text_at(text2, d.range) == "signpost" for d in diags2)
        liaise = _find(diags2, text2, "liaise")
        assert liaise.range.start.line == 4

        # a safe fix: one alternative, preferred, replacing exactly the flagged word
        actions = await s.actions(uri, utilise.range)
        fixes = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
        assert [a.title for a in fixes] == ["Use 'use' for 'utilise'"]
        assert fixes[0].is_preferred
        assert fixes[0].diagnostics and fixes[0].diagnostics[0].code == "plain-english.words"
        text3 = _apply(text2, _edits(fixes[0], uri))
        assert text3 == text2.replace("utilise", "use")

        # several alternatives: each offered, none preferred, as a person must choose
        actions = await s.actions(uri, liaise.range, only=[types.CodeActionKind.QuickFix])
        assert len(actions) == 3 and not any(a.is_preferred for a in actions)
        assert all("check it still means the same" in a.title for a in actions)
        assert [a.title.split("'")[1] for a in actions] == ["work with", "talk to", "contact"]
        assert _apply(text2, _edits(actions[1], uri)) == text2.replace("liaise", "talk to")

        # the edited text goes back to the server; the edit is tied to the version it was made for
        change = fixes[0].edit.document_changes[0]  # type: ignore[index, union-attr]
        assert change.text_document.version == 2  # type: ignore[union-attr]
        s.change(uri, 3, text3)
        diags3 = await s.diagnostics_for(uri, 3)
        assert not any(d.code == "plain-english.words" and "'utilise'" in d.message for d in diags3)

        # every safe fix at once, as speakeasy fix does: only the safe ones
        text4 = text3 + "They utilise it. In order to help, we commence.\n"
        s.change(uri, 4, text4)
        await s.diagnostics_for(uri, 4)
        whole = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=99, character=0))
        fix_all = await s.actions(uri, whole, only=[types.CodeActionKind.SourceFixAll])
        assert len(fix_all) == 1 and fix_all[0].kind == "source.fixAll.speakeasy"
        fixed = _apply(text4, _edits(fix_all[0], uri))
        assert "They use it. To help, we commence." in fixed  # commence has two alternatives: left alone
        assert fixed.replace("They use it. To help", "They utilise it. In order to help") == text4

        # hover: the reason and who agreed the word
        hover = await s.hover(uri, types.Position(line=3, character=9))  # "commence" on line 3
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        value = hover.contents.value
        assert hover.contents.kind == types.MarkupKind.Markdown
        assert "Why:" in value and "formal" in value
        assert "Who agreed it: Agreed by" in value and "plain-english" in value
        assert await s.hover(uri, types.Position(line=0, character=0)) is None

        assert await s.stop() == 0

    run(go())


@pytest.mark.slow
def test_settings_file_from_the_documents_folder_and_saving_it(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    config = project / ".speakeasy.yaml"
    config.write_text("keep: [signpost]\n", encoding="utf-8")
    text = "We will signpost you and utilise the plan.\n"

    async def go() -> None:
        s = Session(tmp_path)  # the workspace is above the project: the settings come from the document's folder up
        init = await s.start(markdown_hover=False, versioned_edits=False, encodings=["utf-8", "utf-16"])
        assert init.capabilities.position_encoding == types.PositionEncodingKind.Utf8
        uri = s.open(project / "docs" / "a.md", text)
        diags = await s.diagnostics_for(uri, 1)
        assert [_text_at(text, d.range) for d in diags] == ["utilise"]

        # the client asked for UTF-8 positions: an emoji before the words is 4 units, not 2
        s.change(uri, 2, "\U0001F600 " + text)
        diags = await s.diagnostics_for(uri, 2)
        assert [(d.range.start.character, d.range.end.character) for d in diags] == [(30, 37)]
        s.change(uri, 3, text)
        diags = await s.diagnostics_for(uri, 3)

        # plain text hover when the client asks for it; edits without versions when it cannot check them
        hover = await s.hover(uri, types.Position(line=0, character=26))
        assert hover is not None and hover.contents.kind == types.MarkupKind.PlainText  # type: ignore[union-attr]
        assert "**" not in hover.contents.value  # type: ignore[union-attr]
        actions = await s.actions(uri, diags[0].range)
        assert actions and actions[0].edit is not None and actions[0].edit.changes

        # the settings change and are saved: every open document is checked again
        config.write_text("keep: [utilise]\n", encoding="utf-8")
        config_uri = from_fs_path(str(config))
        assert config_uri is not None
        s.client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=config_uri)))
        diags = await s.diagnostics_for(uri)
        assert [_text_at(text, d.range) for d in diags] == ["signpost"]

        # a document the settings leave out (ignore:) gets no findings, as with speakeasy check
        config.write_text("ignore: [drafts/**]\n", encoding="utf-8")
        (project / "drafts").mkdir()
        draft = project / "drafts" / "b.md"
        draft.write_text(text, encoding="utf-8")
        uri_draft = s.open(draft, text)
        assert list(await s.diagnostics_for(uri_draft, 1)) == []
        check = [sys.executable, "-m", "speakeasy", "check", "--fail-on", "warning", str(draft)]
        assert subprocess.run(check, cwd=project, capture_output=True, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                              timeout=120).returncode == 0  # it would be 1 if check looked at the file
        # a document not saved yet (no file on disk) is checked all the same
        uri_new = s.open(project / "docs" / "new.md", text)
        assert [_text_at(text, d.range) for d in await s.diagnostics_for(uri_new, 1)] == ["signpost", "utilise"]

        # settings with a mistake: one diagnostic that says what is wrong, at the top
        config.write_text("rulez: {}\n", encoding="utf-8")
        s.client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=config_uri)))
        diags = await s.diagnostics_for(uri)
        assert len(diags) == 1 and diags[0].code == "speakeasy.settings"
        assert "rulez" in diags[0].message and ".speakeasy.yaml" in diags[0].message
        assert await s.stop() == 0

    run(go())


@pytest.mark.slow
def test_web_pages_and_plain_text(tmp_path: Path) -> None:
    page = ('<!doctype html>\n<html lang="en"><body><main>\n'
            '<p>We will signpost you and <b>utilise</b> the plan &amp; commence it.</p>\n'
            '</main></body></html>\n')
    plain = "Staff will utilise the plan.\n"

    async def go() -> None:
        s = Session(tmp_path)
        await s.start()
        uri = s.open(tmp_path / "page.html", page, "html")
        diags = await s.diagnostics_for(uri, 1)
        utilise = _find(diags, page, "utilise")
        assert utilise.range.start.line == 2
        # a web page: the plain words are offered, but never as the preferred fix (speakeasy fix leaves web pages alone)
        actions = await s.actions(uri, utilise.range)
        assert actions and not any(a.is_preferred for a in actions)
        assert _apply(page, _edits(actions[0], uri)) == page.replace("<b>utilise</b>", "<b>use</b>")
        assert not await s.actions(uri, utilise.range, only=[types.CodeActionKind.SourceFixAll])

        uri2 = s.open(tmp_path / "notes.txt", plain, "plaintext")
        diags = await s.diagnostics_for(uri2, 1)
        assert [_text_at(plain, d.range) for d in diags] == ["utilise"]
        # saving checks the document again
        s.client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri2)))
        diags = await s.diagnostics_for(uri2, 1, timeout=30)
        assert [_text_at(plain, d.range) for d in diags] == ["utilise"]

        # a document speakeasy does not read gets no diagnostics, and closing one clears them
        s.open(tmp_path / "code.py", "utilise = 1\n", "python")
        s.client.text_document_did_close(types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri2)))
        assert list(await s.diagnostics_for(uri2)) == []
        assert await s.stop() == 0

    run(go())


def test_without_pygls_one_line_says_what_to_install(tmp_path: Path) -> None:
    shadow = tmp_path / "shadow" / "pygls"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('No module named pygls', name='pygls')\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path / "shadow"), str(ROOT)]))
    got = subprocess.run([sys.executable, "-m", "speakeasy", "lsp"], capture_output=True, text=True, env=env,
                         stdin=subprocess.DEVNULL, timeout=60)
    assert got.returncode == 2
    assert got.stdout == ""
    lines = got.stderr.splitlines()
    assert len(lines) == 1, got.stderr
    assert lines[0].startswith("speakeasy: error:") and "pip install 'speakeasy-lint[lsp]'" in lines[0]


def test_the_tagger_keeps_tags_only_when_asked_and_gives_the_same(tmp_path: Path) -> None:
    from speakeasy.tagger import Tagger

    tagger = Tagger()
    words = ["We", "will", "progress", "the", "plan", "."]
    fresh = tagger.tag(words)
    assert tagger._tagged is None  # off by default: a one-off check and the benchmarks tag every sentence
    tagger.keep_tags(limit=2)
    first = tagger.tag(words)
    assert first == fresh
    first.append(("X", "X"))  # a caller that changes its list changes nothing kept
    assert tagger.tag(words) == fresh
    for other in (["Good", "progress", "."], ["It", "is", "fine", "."], ["Please", "call", "."]):
        tagger.tag(other)
    assert len(tagger._tagged or {}) <= 2  # never more than the limit
    assert tagger.tag(words) == fresh


def test_speakeasy_check_does_not_import_pygls(tmp_path: Path) -> None:
    doc = tmp_path / "a.md"
    doc.write_text("We will utilise the plan.\n", encoding="utf-8")
    code = ("import sys\nfrom speakeasy.cli import main\nmain(['check', '--no-config', sys.argv[1]])\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'pygls', 'lsprotocol', 'cattrs'}))\n")
    got = subprocess.run([sys.executable, "-c", code, str(doc)], capture_output=True, text=True, timeout=120,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert got.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.slow
@pytest.mark.skipif(not (ROOT.parent / "shared" / "data" / "govuk-content-snapshots").is_dir(),
                    reason="the shared data folder is not here")
def test_the_benchmark_script_runs(tmp_path: Path) -> None:
    """benchmarks/lsp.py gives the figures (benchmarks/lsp.md); this only checks that it still runs."""
    out = tmp_path / "lsp.json"
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "lsp.py"), "--words", "600", "--changes", "2",
                           "--bursts", "1", "--json", str(out)], capture_output=True, text=True, cwd=ROOT, timeout=600,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["change_ms"]) == 2 and len(data["typing_ms"]) == 1
    assert data["findings"][-1] > 0


def test_the_servers_check_finds_what_speakeasy_check_finds(tmp_path: Path) -> None:
    """The server leaves out the counts and scores, and keeps the tagger's tags: the findings are the same."""
    from speakeasy.config import resolve
    from speakeasy.engine import lint_text
    from speakeasy.lsp.checking import Checker
    from speakeasy.ruleset import build_ruleset
    from speakeasy.tagger import load as load_tagger

    text = (ROOT / "examples" / "care-at-home-policy.md").read_text(encoding="utf-8")
    text += "\nWe will progress your plan. The change will impact families, and the impact is large.\n"  # tagged words
    doc = tmp_path / "policy.md"
    full = lint_text(text, build_ruleset(resolve({}, no_config=True)), str(doc), "markdown")
    assert full.stats["words"] > 0
    checker = Checker(tmp_path)
    checker.warm_up()
    tagger = load_tagger()
    tagger.keep_tags()  # as the server does (serve_many_checks)
    try:
        for _ in range(2):  # the second time, every sentence's tags are kept ones
            got = checker.check(str(doc), text, "markdown")
            assert got.error is None and got.config is None
            assert [f.to_dict() for f in got.findings] == [f.to_dict() for f in full.findings]
        assert tagger._tagged
    finally:
        tagger._tagged = None  # the other tests in this process tag every sentence
    # a byte-order mark: the reader leaves it out, the editor keeps it; the places are the editor's
    marked = checker.check(str(doc), "\ufeff" + text, "markdown")
    assert [(f.start, f.end) for f in marked.findings] == [(f.start + 1, f.end + 1) for f in full.findings]
    assert all(("\ufeff" + text)[f.start:f.end] == f.match for f in marked.findings if f.match)


def test_each_level_has_its_severity_and_the_rule_is_the_code(tmp_path: Path) -> None:
    from speakeasy.lsp.checking import Checker
    from speakeasy.lsp.convert import diagnostics

    long = "We " + " ".join(["will visit you at home and talk with you"] * 5) + "."
    text = f"Your plan will be reviewed by us.\n\nWe will utilise it.\n\n{long}\n"
    checked = Checker(tmp_path).check(str(tmp_path / "a.md"), text, "markdown")
    got = {(d.code, d.severity) for d in diagnostics(checked, LineIndex(text))}
    assert ("passive-voice.passive", types.DiagnosticSeverity.Information) in got  # a suggestion
    assert ("plain-english.words", types.DiagnosticSeverity.Warning) in got
    assert ("length.sentence", types.DiagnosticSeverity.Error) in got
    assert {f.rule for f in checked.findings} == {code for code, _ in got}


def test_hover_says_who_agreed_your_own_word_and_which_shipped_entry_it_replaces(tmp_path: Path) -> None:
    from speakeasy.lsp.checking import Checker
    from speakeasy.lsp.convert import hover_text

    (tmp_path / "ours.yaml").write_text(
        "title: Ours\nlicence: CC-BY-4.0\nwords:\n"
        "  - term: respite\n    use: a break\n    why: It is a formal word.\n    added_by: Sam\n"
        "    added: 2026-11-02\n    status: agreed\n    agreed_by: the Changes Forum\n    agreed: 2026-12-01\n"
        "    overrides: social-care\n", encoding="utf-8")
    (tmp_path / ".speakeasy.yaml").write_text("wordlists: [ours.yaml]\n", encoding="utf-8")
    text = "Carers can have respite each month.\n"
    checked = Checker().check(str(tmp_path / "a.md"), text, "markdown")
    assert checked.config == tmp_path / ".speakeasy.yaml"
    hover = hover_text(checked, text.index("respite") + 2, markdown=False)
    assert hover is not None
    lines = hover.splitlines()
    assert "Why: It is a formal word." in lines
    assert "Who agreed it: Agreed by the Changes Forum, December 2026." in lines
    assert "Added by Sam on 2026-11-02." in lines
    assert any(line.startswith("Word list: ours (") and "ours.yaml, line 4)." in line for line in lines), lines
    assert "This entry is your own: it takes the place of the entry in speakeasy's 'social-care' list." in lines


def test_the_rule_set_is_built_again_when_the_plain_score_weights_or_a_packs_list_change(tmp_path: Path) -> None:
    """Everything the rule set was built from is watched: the plain score's weights file (`forum calibrate`
    rewrites it) and the word lists a pack names, not only the settings' own lists."""
    import os

    from importlib import resources

    from speakeasy.lsp.checking import Checker

    weights = json.loads(resources.files("speakeasy.data").joinpath("plain_score.json").read_text("utf-8"))
    (tmp_path / "weights.json").write_text(json.dumps(weights), encoding="utf-8")
    (tmp_path / ".speakeasy.yaml").write_text("plain_score: weights.json\n", encoding="utf-8")
    checker = Checker(tmp_path)
    first, _ = checker.ruleset_for(str(tmp_path / "a.md"))
    assert checker.ruleset_for(str(tmp_path / "a.md"))[0] is first  # kept while nothing changes
    weights["weights"]["passive"] = 0.5
    (tmp_path / "weights.json").write_text(json.dumps(weights), encoding="utf-8")
    st = os.stat(tmp_path / "weights.json")
    os.utime(tmp_path / "weights.json", ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    again, _ = checker.ruleset_for(str(tmp_path / "a.md"))
    assert again is not first and again.score_model.weights["passive"] == 0.5
