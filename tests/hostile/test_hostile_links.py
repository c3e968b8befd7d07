"""Documents that are links out of the folder being checked are not read (issue 16, S4).

A repository can hold ``docs/notes.md`` as a link to a file anywhere on the
machine.  speakeasy used to read it, quote its lines in the findings and
embed its text in ``speakeasy report``.  Now such a link is left out, with one
line saying so, unless the user asks for it with ``--follow-links``.  Each
case is built here, in a temporary folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SECRET = "commence Zq7SECRETx"


def speakeasy(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPEAKEASY_")}
    env["SPEAKEASY_CACHE_DIR"] = ""
    env["NO_COLOR"] = "1"
    return subprocess.run([sys.executable, "-m", "speakeasy", *args, "--no-config"], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def skipped_lines(proc: subprocess.CompletedProcess) -> list[str]:
    return [line for line in proc.stderr.splitlines() if "not read" in line]


def checked(proc: subprocess.CompletedProcess) -> list[str]:
    return sorted(Path(f["path"]).as_posix() for f in json.loads(proc.stdout)["files"])


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "private.md").write_text(f"We will {SECRET} the visit.\n")
    repo = tmp_path / "repo"
    docs = repo / "docs"
    docs.mkdir(parents=True)
    (docs / "policy.md").write_text("We will commence the visit.\n")
    (docs / "private.md").symlink_to(outside / "private.md")  # out of the folder
    (docs / "again.md").symlink_to("policy.md")  # inside the folder: fine
    (docs / "elsewhere").symlink_to(outside, target_is_directory=True)  # a linked folder
    return repo


def test_a_link_out_of_the_folder_is_not_read(repo: Path) -> None:
    proc = speakeasy("check", "docs", "--format", "json", cwd=repo)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Zq7SECRETx" not in proc.stdout + proc.stderr
    assert checked(proc) == ["docs/again.md", "docs/policy.md"]
    [line] = skipped_lines(proc)
    assert "docs/private.md" in line and "--follow-links" in line
    assert "Traceback" not in proc.stderr


def test_the_exit_code_is_that_of_the_files_read(repo: Path) -> None:
    (repo / "docs" / "policy.md").write_text("We will see you.\n")
    (repo / "docs" / "again.md").unlink()
    proc = speakeasy("check", "docs", cwd=repo)
    assert proc.returncode == 0, proc.stdout + proc.stderr  # the skipped link does not make the check fail
    assert len(skipped_lines(proc)) == 1


def test_the_report_does_not_embed_it(repo: Path) -> None:
    proc = speakeasy("report", "docs", "-o", "report.html", cwd=repo)
    assert proc.returncode in (0, 1), proc.stderr
    page = (repo / "report.html").read_text()
    assert "Zq7SECRETx" not in page
    assert "policy.md" in page
    assert len(skipped_lines(proc)) == 1


def test_a_link_named_on_the_command_line_is_not_read_either(repo: Path) -> None:
    proc = speakeasy("check", "docs/private.md", "--format", "json", cwd=repo)
    assert "Zq7SECRETx" not in proc.stdout + proc.stderr
    assert checked(proc) == []
    assert len(skipped_lines(proc)) == 1
    # nor a linked folder named on the command line
    proc = speakeasy("check", "docs/elsewhere", "--format", "json", cwd=repo)
    assert "Zq7SECRETx" not in proc.stdout + proc.stderr
    assert checked(proc) == []
    assert len(skipped_lines(proc)) == 1


def test_fix_leaves_it_alone(repo: Path, tmp_path: Path) -> None:
    before = (tmp_path / "elsewhere" / "private.md").read_text()
    proc = speakeasy("fix", "docs", "--in-place", "--no-backup", cwd=repo)
    assert proc.returncode in (0, 1), proc.stderr
    assert (tmp_path / "elsewhere" / "private.md").read_text() == before
    assert (repo / "docs" / "private.md").is_symlink()
    assert len(skipped_lines(proc)) == 1


def test_follow_links_reads_them_and_linked_folders(repo: Path) -> None:
    (repo / "docs" / "loop").symlink_to("..", target_is_directory=True)  # a loop: each folder is read once
    proc = speakeasy("check", "docs", "--format", "json", "--follow-links", cwd=repo)
    assert proc.returncode in (0, 1), proc.stderr
    assert checked(proc) == ["docs/again.md", "docs/elsewhere/private.md", "docs/policy.md", "docs/private.md"]
    assert skipped_lines(proc) == []
    proc = speakeasy("check", "docs/private.md", "--format", "json", "--follow-links", cwd=repo)
    assert checked(proc) == ["docs/private.md"]
