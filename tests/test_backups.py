"""Keeping the old text when `speakeasy fix --in-place` or `speakeasy review` changes a document.

git is the backup when its last commit holds exactly the text being replaced;
otherwise a copy is kept next to the file (NAME.bak, then NAME.2.bak...),
never over another file and never through a symbolic link.

The `fix` tests need a word list entry with `fix: safe` (the key another part
of issue 15 adds: without it `fix` applies nothing by itself).
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from speakeasy import backups
from speakeasy.errors import InputError
from speakeasy.tui.session import ReviewSession

WORDS = """\
title: Test words
licence: CC0-1.0
words:
  - term: utilise
    use: use
    why: Formal.
    fix: safe
"""

TEXT = "# Rota\n\nWe will utilise the rota.\n"
FIXED = "# Rota\n\nWe will use the rota.\n"

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture(autouse=True)
def _quiet_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the developer's own git settings (signing, hooks) out of the tests."""
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def make_repo(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    git(folder, "init", "-q")
    git(folder, "config", "user.name", "Tests")
    git(folder, "config", "user.email", "tests@example.org")
    git(folder, "config", "commit.gpgsign", "false")
    return folder


def commit(folder: Path, *files: str) -> None:
    git(folder, "add", "--", *files)
    git(folder, "commit", "-q", "--no-verify", "-m", "documents")


def fix(cli, folder: Path, *args: str) -> tuple[int, str, str]:
    (folder / "words.yaml").write_text(WORDS, encoding="utf-8")
    return cli("fix", *args, "--no-config", "--pack", "length", "--wordlist", str(folder / "words.yaml"),
               cwd=folder)


def baks(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".bak"))


# ---------------------------------------------------------------------------
# speakeasy fix --in-place


def test_outside_git_a_copy_is_kept_and_never_overwritten(cli, tmp_path: Path) -> None:
    doc = tmp_path / "rota.md"
    doc.write_text(TEXT, encoding="utf-8")
    os.chmod(doc, 0o640)
    code, out, err = fix(cli, tmp_path, "rota.md", "--in-place")
    assert code == 0, err
    assert doc.read_text(encoding="utf-8") == FIXED
    assert (tmp_path / "rota.md.bak").read_text(encoding="utf-8") == TEXT
    assert stat.S_IMODE(os.stat(tmp_path / "rota.md.bak").st_mode) == 0o640  # as private as the file
    assert "The old text of rota.md is kept in rota.md.bak." in out
    # the writer goes on; the next fix keeps that text too, without losing the first backup
    doc.write_text(FIXED + "\nWe utilise the van.\n", encoding="utf-8")
    code, out, err = fix(cli, tmp_path, "rota.md", "--in-place")
    assert code == 0, err
    assert baks(tmp_path) == ["rota.md.2.bak", "rota.md.bak"]
    assert (tmp_path / "rota.md.bak").read_text(encoding="utf-8") == TEXT
    assert (tmp_path / "rota.md.2.bak").read_text(encoding="utf-8") == FIXED + "\nWe utilise the van.\n"
    assert "kept in rota.md.2.bak" in out


def test_no_backup_keeps_nothing(cli, tmp_path: Path) -> None:
    (tmp_path / "rota.md").write_text(TEXT, encoding="utf-8")
    code, out, err = fix(cli, tmp_path, "rota.md", "--in-place", "--no-backup")
    assert code == 0, err
    assert (tmp_path / "rota.md").read_text(encoding="utf-8") == FIXED
    assert baks(tmp_path) == [] and "old text" not in out


@needs_git
def test_a_committed_file_has_git_as_its_backup(cli, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / "docs").mkdir()
    (repo / "docs" / "rota.md").write_text(TEXT, encoding="utf-8")
    commit(repo, "docs/rota.md")
    code, out, err = fix(cli, repo, "docs/rota.md", "--in-place")
    assert code == 0, err
    assert (repo / "docs" / "rota.md").read_text(encoding="utf-8") == FIXED
    assert baks(repo / "docs") == []
    assert ("The old text of docs/rota.md is in git's last commit: `git diff docs/rota.md` shows the change, "
            "`git restore docs/rota.md` undoes it.") in out
    assert git(repo, "show", "HEAD:docs/rota.md") == TEXT


@needs_git
@pytest.mark.parametrize("how", ["changed", "staged", "assume-unchanged", "untracked", "ignored"])
def test_text_git_does_not_hold_gets_a_copy(cli, tmp_path: Path, how: str) -> None:
    repo = make_repo(tmp_path / "repo")
    doc = repo / "rota.md"
    mine = TEXT + "\nA line I have not committed yet.\n"
    if how == "untracked":
        doc.write_text(mine, encoding="utf-8")
        (repo / "other.md").write_text("Other.\n", encoding="utf-8")
        commit(repo, "other.md")
    elif how == "ignored":
        (repo / ".gitignore").write_text("rota.md\n", encoding="utf-8")
        commit(repo, ".gitignore")
        doc.write_text(mine, encoding="utf-8")
    else:
        doc.write_text(TEXT, encoding="utf-8")
        commit(repo, "rota.md")
        doc.write_text(mine, encoding="utf-8")
        if how == "staged":
            git(repo, "add", "rota.md")
        if how == "assume-unchanged":  # git status would say nothing changed: speakeasy compares the text itself
            git(repo, "update-index", "--assume-unchanged", "rota.md")
            assert git(repo, "status", "--porcelain") == ""
    code, out, err = fix(cli, repo, "rota.md", "--in-place")
    assert code == 0, err
    assert (repo / "rota.md.bak").read_text(encoding="utf-8") == mine
    assert "The old text of rota.md is kept in rota.md.bak." in out


@needs_git
def test_git_settings_pointing_elsewhere_are_not_used(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """GIT_DIR (set inside git hooks, for one) points at another repository: the file's own folder decides."""
    other = make_repo(tmp_path / "other")
    (other / "rota.md").write_text(TEXT, encoding="utf-8")
    commit(other, "rota.md")
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "rota.md").write_text(TEXT, encoding="utf-8")  # the same text, in a folder git does not know
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    code, out, err = fix(cli, folder, "rota.md", "--in-place")
    assert code == 0, err
    assert (folder / "rota.md.bak").read_text(encoding="utf-8") == TEXT


def test_without_git_a_copy_is_kept(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    (tmp_path / "rota.md").write_text(TEXT, encoding="utf-8")
    code, out, err = fix(cli, tmp_path, "rota.md", "--in-place")
    assert code == 0, err
    assert (tmp_path / "rota.md.bak").read_text(encoding="utf-8") == TEXT


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for git")
def test_a_git_that_hangs_is_given_up_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "git"
    fake.write_text("#!/bin/sh\nexec sleep 30\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(backups, "GIT_TIMEOUT", 0.5)
    doc = tmp_path / "rota.md"
    doc.write_text(TEXT, encoding="utf-8")
    began = time.monotonic()
    kept = backups.write_in_place(str(doc), FIXED.encode("utf-8"))
    assert time.monotonic() - began < 10
    assert kept is not None and kept.how == "copy"
    assert (tmp_path / "rota.md.bak").read_text(encoding="utf-8") == TEXT


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_symbolic_link_is_refused_in_one_line(cli, tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text(TEXT, encoding="utf-8")
    (tmp_path / "link.md").symlink_to(real)
    for extra in ((), ("--no-backup",)):
        code, out, err = fix(cli, tmp_path, "link.md", "--in-place", *extra)
        assert code == 2
        assert err.splitlines()[0] == (
            "speakeasy: error: link.md: this is a symbolic link, and speakeasy does not change files through "
            f"links. Run it on the file the link points to ({real}).")
        assert "Traceback" not in err
        assert (tmp_path / "link.md").is_symlink() and real.read_text(encoding="utf-8") == TEXT
        assert baks(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_backup_name_that_is_a_link_is_not_written_through(cli, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("Not yours to change.\n", encoding="utf-8")
    (tmp_path / "rota.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / "rota.md.bak").symlink_to(elsewhere)
    code, out, err = fix(cli, tmp_path, "rota.md", "--in-place")
    assert code == 0, err
    assert elsewhere.read_text(encoding="utf-8") == "Not yours to change.\n"
    assert (tmp_path / "rota.md.bak").is_symlink()
    assert (tmp_path / "rota.md.2.bak").read_text(encoding="utf-8") == TEXT


def test_no_free_backup_name_means_no_change(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backups, "MAX_BACKUPS", 2)
    (tmp_path / "rota.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / "rota.md.bak").write_text("an older text\n", encoding="utf-8")
    (tmp_path / "rota.md.2.bak").write_text("another older text\n", encoding="utf-8")
    code, out, err = fix(cli, tmp_path, "rota.md", "--in-place")
    assert code == 2
    assert "speakeasy: error: rota.md: the names for a backup copy (rota.md.bak to rota.md.2.bak) are all taken, " \
           "so speakeasy did not change the file." in err
    assert (tmp_path / "rota.md").read_text(encoding="utf-8") == TEXT


def test_a_backup_that_holds_the_same_text_is_used_again(tmp_path: Path) -> None:
    doc = tmp_path / "rota.md"
    doc.write_text(TEXT, encoding="utf-8")
    (tmp_path / "rota.md.bak").write_text(TEXT, encoding="utf-8")
    kept = backups.write_in_place(str(doc), FIXED.encode("utf-8"))
    assert kept is not None and kept.backup == str(tmp_path / "rota.md.bak")
    assert baks(tmp_path) == ["rota.md.bak"]


@needs_git
def test_a_word_file_in_place_follows_the_same_rule(cli, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    repo = make_repo(tmp_path / "repo")
    d = docx.Document()
    d.add_paragraph("We will utilise the rota.")
    d.save(str(repo / "rota.docx"))
    before = (repo / "rota.docx").read_bytes()
    commit(repo, "rota.docx")
    code, out, err = fix(cli, repo, "rota.docx", "--in-place")
    assert code == 0, err
    assert "is in git's last commit" in out and baks(repo) == []
    assert docx.Document(str(repo / "rota.docx")).paragraphs[0].text == "We will use the rota."
    # changed since the commit: a copy of that version is kept
    d = docx.Document(str(repo / "rota.docx"))
    d.add_paragraph("We utilise the van.")
    d.save(str(repo / "rota.docx"))
    mine = (repo / "rota.docx").read_bytes()
    code, out, err = fix(cli, repo, "rota.docx", "--in-place")
    assert code == 0, err
    assert (repo / "rota.docx.bak").read_bytes() == mine != before


# ---------------------------------------------------------------------------
# speakeasy review: saving a Markdown or text file


@pytest.fixture
def ruleset(make_ruleset):
    return make_ruleset(WORDS)


def test_review_keeps_one_copy_for_the_whole_session(tmp_path: Path, ruleset) -> None:
    doc = tmp_path / "rota.txt"
    doc.write_text("We utilise the rota.\nWe utilise the van.\n", encoding="utf-8")
    s = ReviewSession(str(doc), ruleset)
    s.apply(s.findings[0], "use")
    assert s.save() == [str(doc)]
    assert s.backup_note == f"The old text of {doc} is kept in {doc}.bak."
    assert (tmp_path / "rota.txt.bak").read_text(encoding="utf-8") == "We utilise the rota.\nWe utilise the van.\n"
    # saving again in the same session: the text before the review is kept already
    s.apply(s.findings[0], "use")
    s.save()
    assert baks(tmp_path) == ["rota.txt.bak"]
    assert doc.read_text(encoding="utf-8") == "We use the rota.\nWe use the van.\n"
    assert s.backup_note == f"The old text of {doc} is kept in {doc}.bak."


def test_review_keeps_what_someone_else_saved_meanwhile(tmp_path: Path, ruleset) -> None:
    doc = tmp_path / "rota.md"
    doc.write_text(TEXT, encoding="utf-8")
    s = ReviewSession(str(doc), ruleset)
    s.apply(s.findings[0], "use")
    doc.write_text(TEXT + "\nA line added in another editor.\n", encoding="utf-8")
    s.save()
    assert doc.read_text(encoding="utf-8") == FIXED
    assert (tmp_path / "rota.md.bak").read_text(encoding="utf-8") == TEXT + "\nA line added in another editor.\n"
    assert s.backup_note == f"{doc} had changed since you opened it. The old text of {doc} is kept in {doc}.bak."


@needs_git
def test_review_of_a_committed_file_leaves_the_backup_to_git(tmp_path: Path, ruleset) -> None:
    repo = make_repo(tmp_path / "repo")
    doc = repo / "rota.md"
    doc.write_text(TEXT, encoding="utf-8")
    commit(repo, "rota.md")
    s = ReviewSession(str(doc), ruleset)
    s.apply(s.findings[0], "use")
    s.save()
    assert doc.read_text(encoding="utf-8") == FIXED and baks(repo) == []
    assert s.backup_note.startswith(f"The old text of {doc} is in git's last commit")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_review_will_not_save_through_a_link(tmp_path: Path, ruleset) -> None:
    real = tmp_path / "real.md"
    real.write_text(TEXT, encoding="utf-8")
    (tmp_path / "link.md").symlink_to(real)
    s = ReviewSession(str(tmp_path / "link.md"), ruleset)
    s.apply(s.findings[0], "use")
    with pytest.raises(InputError, match="this is a symbolic link"):
        s.save()
    assert real.read_text(encoding="utf-8") == TEXT and (tmp_path / "link.md").is_symlink()
    assert s.dirty  # the choices are still there, to save another way


@pytest.mark.anyio
async def test_review_says_where_the_old_text_is(tmp_path: Path, ruleset) -> None:
    pytest.importorskip("textual")
    from speakeasy.tui.app import ReviewApp

    doc = tmp_path / "rota.md"
    doc.write_text(TEXT, encoding="utf-8")
    app = ReviewApp(str(doc), ruleset=ruleset)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("1", "w")
        await pilot.pause()
        notes = [n.message for n in app._notifications]
    assert notes[-1] == f"Saved {doc}. The old text of {doc} is kept in {doc}.bak."


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
