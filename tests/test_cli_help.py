"""The help names the formats the readers really read, taken from speakeasy.readers."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


def help_text(capsys: pytest.CaptureFixture[str], *command: str) -> str:
    from speakeasy.cli import main

    with pytest.raises(SystemExit):
        main([*command, "--help"])
    return " ".join(capsys.readouterr().out.split())


def test_check_help_names_every_file_ending_the_readers_read(capsys: pytest.CaptureFixture[str]) -> None:
    from speakeasy.readers import builtin_suffixes

    text = help_text(capsys, "check")
    assert set(builtin_suffixes()) >= {".md", ".txt", ".docx", ".odt", ".html", ".pdf"}
    assert f"Check documents ({', '.join(builtin_suffixes())}, and those that plugins in use read)" in text


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
