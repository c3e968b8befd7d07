"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit tool.

Each test makes a small git repository that uses this checkout's hooks, the
way a project would. pre-commit only installs hooks from a git commit, so the
module first copies the working tree (as it is on disk, uncommitted changes
and new files included) into a temporary git repository and commits it.

pre-commit then builds a virtualenv for the hooks with pip, which installs
speakeasy and its dependencies (spaCy and so on). That is slow, so every test
in this module shares one PRE_COMMIT_HOME: the environment is built once, by
the first test, and reused (about 40 seconds here with a local wheel cache;
longer from PyPI).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCX = ROOT / "tests" / "data" / "docx"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None, reason="pre-commit is not installed"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

# Not copied into the snapshot: git's own folder, build output and caches.
IGNORE = shutil.ignore_patterns(
    ".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis",
    ".venv", "venv", ".mypy_cache", ".ruff_cache",
)

# Keep the developer's own git settings (signing, hooks paths) out of the tests.
GIT_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}

LONG = "This sentence " + " ".join(["word"] * 40) + " is far too long for anyone to read.\n"


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def _init(repo: Path) -> None:
    _git(repo, "init", "-q")
    _git(repo, "config", "user.name", "Speakeasy Tests")
    _git(repo, "config", "user.email", "tests@example.org")
    _git(repo, "config", "commit.gpgsign", "false")


def _commit_all(repo: Path, message: str = "snapshot") -> str:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "--no-verify", "--allow-empty", "-m", message)
    return _git(repo, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def hooks_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    """(a git copy of this checkout, its commit, a PRE_COMMIT_HOME shared by the module)."""
    base = tmp_path_factory.mktemp("pre-commit")
    snapshot = base / "speakeasy"
    shutil.copytree(ROOT, snapshot, ignore=IGNORE)
    _init(snapshot)
    rev = _commit_all(snapshot)
    home = base / "home"
    home.mkdir()
    return snapshot, rev, home


@pytest.fixture
def project(tmp_path: Path, hooks_repo: tuple[Path, str, Path]):
    """(project folder, run): a git repository whose .pre-commit-config.yaml uses the three hooks.

    run(hook, *files) commits everything in the project, then runs
    `pre-commit run HOOK --files FILES` and returns (exit code, output).
    """
    snapshot, rev, home = hooks_repo
    repo = tmp_path / "project"
    repo.mkdir()
    _init(repo)
    config = (
        "repos:\n"
        f"  - repo: {snapshot.as_posix()}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: speakeasy\n"
        "      - id: speakeasy-fix\n"
        "      - id: speakeasy-validate\n"
    )
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")

    def run(hook: str, *files: str) -> tuple[int, str]:
        _commit_all(repo, "documents")
        # HOME stays as it is, so pip keeps its cache and configuration when
        # pre-commit builds the hooks' environment.
        env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
        done = subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", hook, "--color", "never", "--files", *files],
            cwd=repo, env=env, capture_output=True, text=True, timeout=600,
        )
        return done.returncode, done.stdout + done.stderr

    return repo, run


def test_hook_definitions_are_valid() -> None:
    done = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_clean_document_passes(project) -> None:
    repo, run = project
    (repo / "notes.md").write_text("# Visits\n\nWe start each visit on time.\n", encoding="utf-8")
    code, out = run("speakeasy", "notes.md")
    assert code == 0, out
    assert "speakeasy (plain language)" in out
    assert "Passed" in out


def test_a_long_sentence_fails_and_is_shown(project) -> None:
    repo, run = project
    (repo / "long.md").write_text("# Visits\n\n" + LONG, encoding="utf-8")
    (repo / "skipped.py").write_text("x = 1\n", encoding="utf-8")  # not a document: the hook leaves it alone
    code, out = run("speakeasy", "long.md", "skipped.py")
    assert code == 1, out
    assert "Failed" in out
    assert "long.md:3:1: error [length.sentence] This sentence has 50 words." in out
    assert "skipped.py" not in out


def test_word_documents_are_checked(project) -> None:
    repo, run = project
    shutil.copy(DOCX / "simple.docx", repo / "simple.docx")
    shutil.copy(DOCX / "policy-features.docx", repo / "policy.docx")
    code, out = run("speakeasy", "simple.docx")
    assert code == 0, out
    assert "Passed" in out
    code, out = run("speakeasy", "simple.docx", "policy.docx")
    assert code == 1, out
    assert "policy.docx (under 'Staff in training', paragraph 2): error [length.sentence]" in out
    assert "simple.docx\n" in out and "No problems found." in out


def test_the_fix_hook_changes_the_file_and_fails(project) -> None:
    repo, run = project
    (repo / "ours.yaml").write_text(
        "title: Our words\nlicence: CC0-1.0\nwords:\n"
        "  - term: commence\n    use: start\n    why: Formal.\n    fix: safe\n",
        encoding="utf-8",
    )
    (repo / ".speakeasy.yaml").write_text("wordlists: [ours.yaml]\n", encoding="utf-8")
    (repo / "plan.md").write_text("# Plan\n\nWe commence today.\n", encoding="utf-8")
    code, out = run("speakeasy-fix", "plan.md")
    assert code == 1, out
    assert "Failed" in out
    assert "files were modified by this hook" in out
    assert "plan.md: fixed 1 word" in out and "3:4: 'commence' -> 'start'" in out
    assert (repo / "plan.md").read_text(encoding="utf-8") == "# Plan\n\nWe start today.\n"
    assert not (repo / "plan.md.bak").exists()
    # Run again: nothing left to change, so the hook passes.
    code, out = run("speakeasy-fix", "plan.md")
    assert code == 0, out
    assert "Passed" in out


def test_a_broken_wordlist_fails_validation_in_plain_english(project) -> None:
    repo, run = project
    (repo / "wordlists").mkdir()
    (repo / "wordlists" / "ours.yaml").write_text(
        "title: Our words\nlicence: CC0-1.0\nwords:\n"
        "  - term: commence\n    uze: start\n    why: Formal.\n",
        encoding="utf-8",
    )
    (repo / "notes.yaml").write_text("not: checked\n", encoding="utf-8")  # outside rules/ and wordlists/
    code, out = run("speakeasy-validate", "wordlists/ours.yaml", "notes.yaml")
    assert code == 1, out  # pre-commit reports any non-zero exit as 1
    assert "Failed" in out
    assert "wordlists/ours.yaml:5:5: `uze` is not a key speakeasy knows in a wordlist entry. Did you mean `use`?" in out
    assert "notes.yaml" not in out.replace("wordlists/ours.yaml", "")
    # Mend the typo and the hook passes.
    text = (repo / "wordlists" / "ours.yaml").read_text(encoding="utf-8")
    (repo / "wordlists" / "ours.yaml").write_text(text.replace("uze:", "use:"), encoding="utf-8")
    code, out = run("speakeasy-validate", "wordlists/ours.yaml")
    assert code == 0, out
    assert "Passed" in out


def test_the_hooks_match_the_file_types_speakeasy_reads_and_fixes() -> None:
    """The check hook runs on every kind of file speakeasy reads; the fix hook on those it can change."""
    import re

    import yaml

    from speakeasy.readers import builtin_suffixes, capabilities

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    check, fix = re.compile(hooks["speakeasy"]["files"]), re.compile(hooks["speakeasy-fix"]["files"])
    for suffix in builtin_suffixes():
        for name in (f"policy{suffix}", f"docs/POLICY{suffix.upper()}"):
            assert check.search(name), name
            assert bool(fix.search(name)) == capabilities(path=name).can_fix, name
    assert not check.search("notes.rtf") and not check.search("picture.png")
