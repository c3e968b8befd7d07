"""The help names the formats the readers really read, taken from speakeasy.readers."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import ROOT


def help_text(capsys: pytest.CaptureFixture[str], *command: str) -> str:
    from speakeasy.cli import main

    with pytest.raises(SystemExit):
        main([*command, "--help"])
    return " ".join(capsys.readouterr().out.split())


def test_check_help_names_every_format_and_file_ending_the_readers_read(capsys: pytest.CaptureFixture[str]) -> None:
    from speakeasy.readers import builtin_suffixes, format_for

    text = help_text(capsys, "check")
    assert set(builtin_suffixes()) >= {".md", ".txt", ".docx", ".odt", ".html", ".pdf"}
    assert ("speakeasy reads docx (.docx), html (.htm, .html), markdown (.markdown, .md, .mdown, .mkd), "
            "odt (.odt), pdf (.pdf), text (.text, .txt), and the formats of the plugins in use") in text
    for suffix in builtin_suffixes():
        name = format_for("a" + suffix)
        assert re.search(rf"{name} \([^)]*{re.escape(suffix)}\b", text), (name, suffix)


def test_check_help_cannot_drift_from_the_readers(capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader added to the readers' table is named in the help, with nothing else to change."""
    import speakeasy.readers as readers

    readers.builtin_suffixes()  # the built-in table is filled
    monkeypatch.setitem(readers._BINARY_READERS, ".pptx", ("pptx", "pptx"))
    monkeypatch.setitem(readers._BINARY_READERS, ".odp", ("odp", "odp"))
    text = help_text(capsys, "check")
    assert "odp (.odp), odt (.odt), pdf (.pdf), pptx (.pptx), text" in text


def test_review_help_names_the_files_it_can_change(capsys: pytest.CaptureFixture[str]) -> None:
    from speakeasy.readers import builtin_suffixes, capabilities

    text = help_text(capsys, "review")
    fixable = [s for s in builtin_suffixes() if capabilities(path="a" + s).can_fix]
    assert ".docx" in fixable and ".pdf" not in fixable
    assert f"Review a document ({', '.join(fixable)})" in text
    assert "Web pages and PDF files open read only" in text


def test_the_parser_imports_no_reader() -> None:
    """The help asks the readers only when it is shown: `speakeasy cache` does not import them."""
    code = ("import sys\nfrom speakeasy.cli import build_parser\nbuild_parser()\n"
            "print(sorted(m for m in sys.modules if m.startswith('speakeasy.readers')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"
