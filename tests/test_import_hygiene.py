"""The engine and the CLI do not import the TUI library (textual), and stay light to start."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.parametrize("module", ["speakeasy", "speakeasy.engine", "speakeasy.ruleset", "speakeasy.runner", "speakeasy.cli",
                                    "speakeasy.analysis"])
def test_no_textual_on_import(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual',))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == ""


def test_cli_import_is_light() -> None:
    """Importing the CLI must not import spaCy, textstat or nltk (they load when a check runs)."""
    code = (
        "import sys, speakeasy.cli\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'textstat', 'nltk', 'lemminflect', 'rich'})\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == ""


def test_a_check_never_runs_nltk() -> None:
    code = (
        "import sys\n"
        "from speakeasy import check_text\n"
        "check_text('We will commence the review. It is good.')\n"
        "print('nltk.data' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"
