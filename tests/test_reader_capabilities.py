"""What each reader declares it can do besides reading (speakeasy.readers.capabilities), and that fix and
review refuse the formats they cannot change with the same words as before the capabilities existed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from speakeasy import plugins
from speakeasy.model import Document
from speakeasy.readers import (
    FIX_RUNS,
    FIX_TEXT,
    Capabilities,
    Reader,
    builtin_suffixes,
    capabilities,
    format_for,
)

DEFAULT_HOW = "Change the file yourself, then check it again."
PDF_FIX = "speakeasy cannot change a PDF file. Change the document it came from, then make the PDF again."
PDF_HOW = "Change the document the PDF came from, then make the PDF again."

#: format -> (fix, line_numbers, tracked_changes, comments_in_text, options, cannot_write, why_not_fixed, how_to_change)
BUILTIN = {
    "markdown": (FIX_TEXT, True, False, True, set(), "speakeasy cannot write changes to markdown files.",
                 "speakeasy cannot fix markdown files yet.", DEFAULT_HOW),
    "text": (FIX_TEXT, True, False, False, set(), "speakeasy cannot write changes to text files.",
             "speakeasy cannot fix text files yet.", DEFAULT_HOW),
    "docx": (FIX_RUNS, False, True, False, {"include_comments"}, "speakeasy cannot write changes to docx files.",
             "speakeasy cannot fix docx files yet.", DEFAULT_HOW),
    "odt": (FIX_RUNS, False, False, False, {"include_comments"}, "speakeasy cannot write changes to odt files.",
            "speakeasy cannot fix odt files yet.", DEFAULT_HOW),
    "pptx": (FIX_RUNS, False, False, False, set(), "speakeasy cannot write changes to PowerPoint files.",
             "speakeasy cannot fix pptx files yet.", DEFAULT_HOW),
    "odp": (FIX_RUNS, False, False, False, set(), "speakeasy cannot write changes to Impress files.",
            "speakeasy cannot fix odp files yet.", DEFAULT_HOW),
    "html": (None, True, False, False, {"include_landmarks"}, "speakeasy cannot write changes to web pages.",
             "speakeasy cannot fix html files yet.", DEFAULT_HOW),
    "pdf": (None, False, False, False, {"include_comments"}, "speakeasy cannot write changes to PDF files.",
            PDF_FIX, PDF_HOW),
}


def _parse_note(path: str, text: str) -> Document:
    return Document(path=path, source=text, format="note", blocks=[])


# ---------------------------------------------------------------------------
# What each reader declares


@pytest.mark.parametrize("fmt", sorted(BUILTIN))
def test_each_builtin_reader_declares_its_capabilities(fmt: str) -> None:
    fix, lines, tracked, comments, options, cannot_write, why_not_fixed, how = BUILTIN[fmt]
    caps = capabilities(fmt)
    assert caps is not None and caps.format == fmt
    assert (caps.fix, caps.can_fix, caps.line_numbers) == (fix, fix is not None, lines)
    assert (caps.tracked_changes, caps.comments_in_text, set(caps.options)) == (tracked, comments, options)
    assert (caps.cannot_write, caps.why_not_fixed, caps.how_to_change) == (cannot_write, why_not_fixed, how)


def test_every_builtin_suffix_has_capabilities_looked_up_by_path() -> None:
    formats = set()
    for suffix in builtin_suffixes():
        for name in (f"policy{suffix}", f"Policy{suffix.upper()}", Path("folder") / f"p{suffix}"):
            caps = capabilities(path=name)
            assert caps is not None and caps.format == format_for(str(name)), name
        formats.add(format_for(f"policy{suffix}"))
    assert formats == set(BUILTIN)  # a new built-in reader needs a line in this file's table too


def test_unknown_formats_and_paths_have_no_capabilities() -> None:
    assert capabilities("rtf") is None
    assert capabilities(path="notes.rtf") is None
    assert capabilities(path="README") is None
    with pytest.raises(TypeError):
        capabilities()
    with pytest.raises(TypeError):
        capabilities("pdf", path="a.pdf")


def test_reports_ask_the_readers_whether_line_numbers_mean_something() -> None:
    """The reporters show a place in words (not line:column) exactly where the reader says so."""
    from speakeasy.readers import has_line_numbers

    assert {fmt for fmt in BUILTIN if not has_line_numbers(fmt)} == {"docx", "odt", "pdf", "pptx", "odp"}
    assert has_line_numbers("some-plugin-format")  # not known: taken to have them


def test_capabilities_that_cannot_go_together_are_refused() -> None:
    with pytest.raises(ValueError, match="fix must be None"):
        Capabilities(fix="rewrite")
    with pytest.raises(ValueError, match="tracked changes"):
        Capabilities(fix=FIX_TEXT, tracked_changes=True)
    with pytest.raises(ValueError, match="comments"):
        Capabilities(fix=FIX_RUNS, comments_in_text=True)
    with pytest.raises(ValueError, match=r"unknown read options \['include_scripts'\]"):
        Capabilities(options={"include_scripts"})


# ---------------------------------------------------------------------------
# Plugin readers


def test_a_plugin_reader_gets_the_defaults() -> None:
    caps = Reader("note", (".note",), _parse_note).declared()
    assert caps == Capabilities(format="note")
    assert (caps.fix, caps.can_fix, caps.line_numbers, caps.tracked_changes, caps.comments_in_text) == (
        None, False, True, False, False)
    assert caps.options == frozenset()
    assert caps.cannot_write == "speakeasy cannot write changes to note files."
    assert caps.why_not_fixed == "speakeasy cannot fix note files yet."
    assert caps.how_to_change == DEFAULT_HOW


def test_a_plugin_reader_may_declare_its_own() -> None:
    caps = Reader("note", (".note",), _parse_note,
                  capabilities=Capabilities(fix=FIX_TEXT, files="notes", how_to_change="Ask the author.")).declared()
    assert caps.format == "note" and caps.fix == FIX_TEXT
    assert caps.cannot_write == "speakeasy cannot write changes to notes."
    slides = Reader("slides", (".key",), _parse_note, binary=True,
                    capabilities=Capabilities(line_numbers=False)).declared()
    assert slides.fix is None and not slides.line_numbers


@pytest.mark.parametrize(("binary", "caps", "why"), [
    (False, Capabilities(fix=FIX_RUNS), "runs"),
    (False, Capabilities(fix=FIX_RUNS, tracked_changes=True), "runs"),
    (True, Capabilities(fix=FIX_TEXT), "binary reader"),
    (False, Capabilities(options={"include_comments"}), "not given read options"),
])
def test_a_plugin_reader_cannot_declare_what_speakeasy_cannot_do_for_it(binary: bool, caps: Capabilities,
                                                                       why: str) -> None:
    with pytest.raises(ValueError, match=why):
        Reader("note", (".note",), _parse_note, binary=binary, capabilities=caps)


NOTES_READER = '''
from speakeasy.model import Block, Document
from speakeasy.readers import Reader


def parse(path, text):
    blocks = [Block(text=text.strip(), start=0)] if text.strip() else []
    return Document(path=path, source=text, format="note", blocks=blocks)


reader = Reader("note", (".note",), parse)
'''


def _notes_plugin(site: Path) -> None:
    """An installed distribution 'speakeasy-notes' whose reader reads .note files (no capabilities declared)."""
    (site / "fake_cap_notes").mkdir(parents=True)
    (site / "fake_cap_notes" / "__init__.py").write_text(NOTES_READER, encoding="utf-8")
    info = site / "speakeasy_notes-0.2.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: speakeasy-notes\nVersion: 0.2.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[speakeasy.readers]\nnote = fake_cap_notes:reader\n", encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "site"
    folder.mkdir()
    _notes_plugin(folder)
    monkeypatch.syspath_prepend(str(folder))
    plugins.reset()
    yield folder
    plugins.reset()
    for name in list(sys.modules):
        if name.startswith("fake_cap_notes"):
            del sys.modules[name]


def test_an_enabled_plugin_reader_is_looked_up_with_the_defaults(site: Path) -> None:
    assert capabilities(path="a.note") is None  # not enabled
    plugins.activate(["speakeasy-notes"], report=False)
    assert capabilities(path="a.note") == capabilities("note") == Capabilities(format="note")
    plugins.reset()
    assert capabilities("note") is None


# ---------------------------------------------------------------------------
# fix refuses as it did: through the real command line


def _run(cwd: Path, *args: str, site: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SPEAKEASY_CACHE_DIR=str(cwd / ".cache"), NO_COLOR="1")
    if site is not None:
        env["PYTHONPATH"] = str(site)
    return subprocess.run([sys.executable, "-m", "speakeasy", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture
def files(tmp_path: Path) -> Path:
    folder = tmp_path / "files"
    folder.mkdir()
    shutil.copy(ROOT / "tests" / "data" / "pdf" / "headings-skip.tagged.pdf", folder / "p.pdf")
    shutil.copy(ROOT / "tests" / "data" / "docx" / "simple.odt", folder / "a.odt")
    (folder / "p.html").write_text("<html lang='en'><body><main><p>We commence.</p></main></body></html>",
                                   encoding="utf-8")
    (folder / "a.md").write_text("We commence.\n", encoding="utf-8")
    (folder / "a.txt").write_text("We commence.\n", encoding="utf-8")
    (folder / "a.rtf").write_text("We commence.\n", encoding="utf-8")
    return folder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_fix_refuses_what_it_cannot_change_with_the_same_words(files: Path) -> None:
    before = _snapshot(files)
    proc = _run(files, "fix", "p.pdf", "p.html", "a.rtf", "--no-config", "--in-place")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stdout == "Changed 0 of 3 files. 3 could not be fixed: see below.\n"
    assert proc.stderr.splitlines() == [
        f"speakeasy: error: p.pdf: {PDF_FIX}",
        "speakeasy: error: p.html: speakeasy cannot fix html files yet.",
        "speakeasy: error: a.rtf: speakeasy cannot fix this kind of file.",
    ]
    # --as-suggestions: a PDF's own reason first; the others are told tracked changes are for Word files
    proc = _run(files, "fix", "p.pdf", "p.html", "a.md", "a.txt", "a.odt", "--as-suggestions", "--no-config")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == [
        f"speakeasy: error: p.pdf: {PDF_FIX}",
        "speakeasy: error: p.html: --as-suggestions works with Word files (.docx) only.",
        "speakeasy: error: a.md: --as-suggestions works with Word files (.docx) only.",
        "speakeasy: error: a.txt: --as-suggestions works with Word files (.docx) only.",
        "speakeasy: error: a.odt: --as-suggestions works with Word files (.docx) only.",
    ]
    assert _snapshot(files) == before


def test_fix_refuses_a_plugin_readers_files(site: Path, files: Path) -> None:
    (files / ".speakeasy.yaml").write_text("plugins: [speakeasy-notes]\n", encoding="utf-8")
    (files / "a.note").write_text("We will commence soon.\n", encoding="utf-8")
    before = _snapshot(files)
    proc = _run(files, "fix", "a.note", "--in-place", site=site)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == ["speakeasy: error: a.note: speakeasy cannot fix note files yet."]
    assert _snapshot(files) == before


def test_fix_diff_shows_paragraphs_for_package_formats_and_lines_for_text(files: Path, ruleset) -> None:
    from speakeasy.fix import fix_file, render_diff

    text = render_diff(fix_file(str(files / "a.md"), ruleset, write=False))
    assert text.startswith(f"--- {files / 'a.md'}\n") and "+We start.\n" in text
    shutil.copy(ROOT / "tests" / "data" / "docx" / "policy-features.odt", files / "b.odt")
    result = fix_file(str(files / "b.odt"), ruleset, write=False)
    assert result.applied
    diff = render_diff(result)
    assert diff.startswith(f"{files / 'b.odt'}, ") and "  before: " in diff and "  after:  " in diff


# ---------------------------------------------------------------------------
# review refuses as it did


@pytest.fixture
def ruleset(tmp_path: Path):
    from speakeasy.config import resolve
    from speakeasy.ruleset import build_ruleset

    wl = tmp_path / "words.yaml"
    wl.write_text("title: Test words\nlicence: CC0-1.0\nwords:\n  - term: commence\n    use: start\n    why: Formal.\n"
                  "    fix: safe\n", encoding="utf-8")
    return build_ruleset(resolve({"packs": [], "extra_wordlists": [str(wl)]}, no_config=True, cwd=tmp_path))


@pytest.mark.parametrize(("name", "cannot_write", "how"), [
    ("p.html", "speakeasy cannot write changes to web pages.", DEFAULT_HOW),
    ("p.pdf", "speakeasy cannot write changes to PDF files.", PDF_HOW),
])
def test_review_opens_what_it_cannot_change_read_only(files: Path, ruleset, name: str, cannot_write: str,
                                                      how: str) -> None:
    from speakeasy.errors import SpeakeasyError
    from speakeasy.tui.session import ReviewSession

    s = ReviewSession(str(files / name), ruleset)
    assert s.read_only and (s.cannot_write, s.how_to_change) == (cannot_write, how)
    assert not s.edits_runs and not s.can_suggest and not s.comments_in_text
    if s.findings:
        with pytest.raises(SpeakeasyError) as info:
            s.apply(s.findings[0], "start")
        assert str(info.value) == f"{cannot_write} {how}"


def test_review_of_a_plugin_readers_file_is_read_only(site: Path, files: Path, ruleset) -> None:
    from speakeasy.tui.session import ReviewSession

    plugins.activate(["speakeasy-notes"], report=False)
    (files / "a.note").write_text("We will commence soon.\n", encoding="utf-8")
    s = ReviewSession(str(files / "a.note"), ruleset)
    assert s.read_only and s.cannot_write == "speakeasy cannot write changes to note files."
    assert s.how_to_change == DEFAULT_HOW


@pytest.mark.parametrize(("name", "runs", "suggest", "comments"), [
    ("a.md", False, False, True),
    ("a.txt", False, False, False),
    ("a.odt", True, False, False),
    ("b.docx", True, True, False),
])
def test_review_writes_each_format_its_own_way(files: Path, ruleset, name: str, runs: bool, suggest: bool,
                                              comments: bool) -> None:
    from speakeasy.tui.session import ReviewSession

    shutil.copy(ROOT / "tests" / "data" / "docx" / "simple.docx", files / "b.docx")
    s = ReviewSession(str(files / name), ruleset)
    assert not s.read_only
    assert (s.edits_runs, s.can_suggest, s.comments_in_text) == (runs, suggest, comments)
    stem, suffix = name.split(".")
    assert s.output_path == str(files / (f"{stem}.fixed.{suffix}" if runs else name))


def test_saving_tracked_changes_is_refused_for_opendocument_and_runs_for_text(files: Path) -> None:
    from speakeasy.errors import InputError
    from speakeasy.tui.saving import save_docx

    with pytest.raises(InputError) as info:
        save_docx(str(files / "a.odt"), [], str(files / "out.odt"), as_suggestions=True)
    assert info.value.reason == "Tracked changes can be written to Word files (.docx) only."
    with pytest.raises(InputError) as info:
        save_docx(str(files / "a.md"), [], str(files / "out.md"))
    assert info.value.reason == "speakeasy could not map this file's text back to Word runs."
    assert not (files / "out.odt").exists() and not (files / "out.md").exists()
