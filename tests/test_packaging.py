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
    (whl,) = out.glob("speakeasy_lint-*.whl")
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
        "speakeasy/docs/plugins.md",
    ):
        assert name in names
    # every guide in docs/ is in the wheel, for `speakeasy help TOPIC`
    guides = {f"speakeasy/docs/{p.name}" for p in (ROOT / "docs").glob("*.md")}
    assert len(guides) >= 10 and guides <= names, sorted(guides - names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "speakeasy = speakeasy.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_wheel_is_speakeasy_lint_with_the_speakeasy_command(wheel: Path) -> None:
    # 'speakeasy' on the package index is another program (issue 20); the command keeps its name
    zf = zipfile.ZipFile(wheel)
    (meta,) = [n for n in zf.namelist() if n.endswith(".dist-info/METADATA")]
    assert "\nName: speakeasy-lint\n" in zf.read(meta).decode()
    assert meta.startswith("speakeasy_lint-")


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


@pytest.mark.slow
def test_installed_copy_has_the_guides(wheel: Path, tmp_path: Path) -> None:
    """A pip user has no docs/ folder: `speakeasy help` reads the guides from the installed package."""
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    env = dict(os.environ, PYTHONPATH=str(target), NO_COLOR="1", SPEAKEASY_CACHE_DIR=str(tmp_path / "cache"))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "speakeasy", *args], capture_output=True, text=True,
                              cwd=tmp_path, env=env)

    listed = run("help")
    assert listed.returncode == 0, listed.stderr
    assert "  plugins        Plugins\n" in listed.stdout and "  configuration  Settings\n" in listed.stdout
    page = run("help", "plugins")
    assert page.returncode == 0, page.stderr
    assert page.stdout.startswith("# Plugins\n")
    from speakeasy.helptopics import render

    assert page.stdout == render((ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")).rstrip("\n") + "\n"
    where = subprocess.run([sys.executable, "-c", "import speakeasy.helptopics as h; print(h.docs_dir())"],
                           capture_output=True, text=True, cwd=tmp_path, env=env, check=True)
    assert where.stdout.strip() == str(target / "speakeasy" / "docs")
