"""`pip install .` gives a working speakeasy: the packs, wordlists and dictionary are in the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q", "-w", str(out)],
        check=True, capture_output=True,
    )
    (whl,) = out.glob("speakeasy-*.whl")
    return whl


def test_wheel_contains_the_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "speakeasy/rules/plain-english.yaml",
        "speakeasy/rules/profiles/easy-read.yaml",
        "speakeasy/wordlists/social-care.yaml",
        "speakeasy/data/cmudict/cmudict.dict",
        "speakeasy/data/cmudict/LICENSE",
        "speakeasy/data/cmudict/syllable_table.txt",
        "speakeasy/data/tagger/model.npz",
        "speakeasy/data/tagger/model.json",
        "speakeasy/data/tagger/LICENSE",
        "speakeasy/data/tagger/README.md",
        "speakeasy/wordlists/mild-formal-words.yaml",
        "speakeasy/tui/speakeasy.tcss",
        "speakeasy/words/store.py",
        "speakeasy/words/edit/edit.tcss",
        "speakeasy/forum/templates/base.html",
        "speakeasy/forum/static/forum.css",
        "speakeasy/forum/migrations/env.py",
        "speakeasy/forum/migrations/versions/v0001_first_tables.py",
    ):
        assert name in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "speakeasy = speakeasy.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


@pytest.mark.slow
def test_installed_copy_runs_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    doc = tmp_path / "policy.md"
    # 'progress' is jargon only as a verb: the shipped tagger must be there to tell
    doc.write_text("We will signpost you and commence the review. We will progress the plans. "
                   "We made good progress.\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(target), NO_COLOR="1", SPEAKEASY_CACHE_DIR=str(tmp_path / "cache"))
    proc = subprocess.run([sys.executable, "-m", "speakeasy", "check", str(doc), "--no-config"],
                          capture_output=True, text=True, cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "'signpost' is jargon" in proc.stdout
    assert "instead of 'commence'" in proc.stdout
    assert proc.stdout.count("'progress'") == 1, proc.stdout
    where = subprocess.run([sys.executable, "-c", "import speakeasy.packs as p; print(p.builtin_rules_dir())"],
                           capture_output=True, text=True, cwd=tmp_path, env=env, check=True)
    assert where.stdout.strip().startswith(str(target))
