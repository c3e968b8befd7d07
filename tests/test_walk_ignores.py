"""`speakeasy check .` finds the files a user expects (issue 20): .gitignore, .ignore, build folders, --no-ignore.

Each test makes a real git repository, and what speakeasy checks is compared with what git itself
says it does not ignore (`git ls-files --cached --others --exclude-standard`).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from speakeasy.config import resolve
from speakeasy.gitignore import Ignores, is_build_folder
from speakeasy.runner import collect_files

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

TEXT = "We will commence the review.\n"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env={"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
                               "HOME": str(repo), "PATH": "/usr/bin:/bin:/usr/local/bin"}).stdout


def put(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with nested .gitignore files, negations, a .ignore and the usual build folders."""
    root = tmp_path / "policies"
    root.mkdir()
    git(root, "init", "-q")
    put(root, {
        ".gitignore": "*.log.md\n/notes.md\nsecret/\n# a comment\n\nbuild/\n",
        "README.md": TEXT,
        "notes.md": TEXT,                       # ignored at the top only (/notes.md)
        "care/notes.md": TEXT,                  # not ignored: the pattern is anchored
        "care/home.md": TEXT,
        "care/run.log.md": TEXT,                # ignored by a pattern without a slash, in a folder below
        "care/.gitignore": "drafts/*\n!drafts/keep.md\n!important.log.md\n",
        "care/drafts/old.md": TEXT,             # ignored by the nested .gitignore
        "care/drafts/keep.md": TEXT,            # brought back by a negation
        "care/important.log.md": TEXT,          # ignored above, brought back by a deeper file
        "secret/plan.md": TEXT,                 # a whole folder ignored
        "secret/.gitignore": "!plan.md\n",      # cannot bring back a file of an ignored folder (git's rule)
        "web/.ignore": "generated.md\n",        # .ignore is speakeasy's and ripgrep's, not git's
        "web/generated.md": TEXT,
        "web/page.md": TEXT,
        "build/huge.md": TEXT,                  # ignored by .gitignore and as a build folder
        "dist/policy.md": TEXT,                 # build folders with no ignore file
        "speakeasy_lint.egg-info/PKG-INFO.txt": TEXT,
        "node_modules/pkg/README.md": TEXT,
        "venv/lib/readme.md": TEXT,
        "venv/pyvenv.cfg": "home = /usr/bin\n",
        "env/pyvenv.cfg": "home = /usr/bin\n",  # an environment called env
        "env/x.md": TEXT,
        "guides/env/travel.md": TEXT,           # an 'env' folder that is not an environment is checked
        ".venv/lib/a.md": TEXT,                 # hidden: always left out
    })
    return root


def checked(paths: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch, ignore_files: bool = True) -> set[str]:
    monkeypatch.chdir(cwd)
    files, errors = collect_files(paths, resolve(no_config=True, cwd=cwd), ignore_files=ignore_files)
    assert not errors
    return {Path(f).as_posix().removeprefix("./") for f in files}


EXPECTED = {"README.md", "care/notes.md", "care/home.md", "care/drafts/keep.md", "care/important.log.md",
            "web/page.md", "guides/env/travel.md"}


def test_check_dot_leaves_out_what_git_and_ignore_files_leave_out(repo: Path, monkeypatch) -> None:
    assert checked(["."], repo, monkeypatch) == EXPECTED


def test_it_agrees_with_git(repo: Path, monkeypatch) -> None:
    """Apart from .ignore and the build folders (which git does not know), git and speakeasy agree."""
    seen_by_git = {n for n in git(repo, "ls-files", "--cached", "--others", "--exclude-standard").splitlines()
                   if n.endswith((".md", ".txt")) and not n.startswith(".venv/")}
    not_git = {"web/generated.md", "dist/policy.md", "speakeasy_lint.egg-info/PKG-INFO.txt",
               "node_modules/pkg/README.md", "venv/lib/readme.md", "env/x.md"}
    assert seen_by_git - not_git == EXPECTED
    assert not_git <= seen_by_git  # git would have kept them: speakeasy's own rules left them out


def test_no_ignore_checks_everything_but_hidden_files(repo: Path, monkeypatch) -> None:
    every = checked(["."], repo, monkeypatch, ignore_files=False)
    assert every == EXPECTED | {"notes.md", "care/run.log.md", "care/drafts/old.md", "secret/plan.md",
                                "web/generated.md", "build/huge.md", "dist/policy.md",
                                "speakeasy_lint.egg-info/PKG-INFO.txt", "node_modules/pkg/README.md",
                                "venv/lib/readme.md", "env/x.md"}


def test_a_folder_below_the_top_still_follows_the_top_gitignore(repo: Path, monkeypatch) -> None:
    assert checked(["care"], repo, monkeypatch) == {"care/notes.md", "care/home.md", "care/drafts/keep.md",
                                                    "care/important.log.md"}
    # run from inside the folder, the patterns above still apply
    assert checked(["."], repo / "care", monkeypatch) == {"notes.md", "home.md", "drafts/keep.md",
                                                          "important.log.md"}


def test_files_and_folders_named_on_the_command_line_are_always_checked(repo: Path, monkeypatch) -> None:
    assert checked(["notes.md", "build/huge.md", "care/drafts/old.md"], repo, monkeypatch) == {
        "notes.md", "build/huge.md", "care/drafts/old.md"}
    assert checked(["build"], repo, monkeypatch) == {"build/huge.md"}
    assert checked(["dist"], repo, monkeypatch) == {"dist/policy.md"}


def test_a_gitignore_outside_a_repository_means_nothing_but_ignore_does(tmp_path: Path, monkeypatch) -> None:
    put(tmp_path, {"a/.gitignore": "x.md\n", "a/x.md": TEXT, "a/.ignore": "y.md\n", "a/y.md": TEXT, "a/z.md": TEXT})
    assert checked(["a"], tmp_path, monkeypatch) == {"a/x.md", "a/z.md"}


def test_ignore_wins_over_gitignore_in_the_same_folder(repo: Path, monkeypatch) -> None:
    put(repo, {"web/.gitignore": "page.md\n", "web/.ignore": "generated.md\n!page.md\n"})
    assert checked(["web"], repo, monkeypatch) == {"web/page.md"}


def test_git_info_exclude_is_followed(repo: Path, monkeypatch) -> None:
    (repo / ".git" / "info").mkdir(exist_ok=True)
    (repo / ".git" / "info" / "exclude").write_text("care/home.md\n", encoding="utf-8")
    assert "care/home.md" not in checked(["."], repo, monkeypatch)


def test_build_folders() -> None:
    assert is_build_folder("/nowhere/build", "build") and is_build_folder("/nowhere/x.egg-info", "x.egg-info")
    assert not is_build_folder("/nowhere/env", "env") and not is_build_folder("/nowhere/docs", "docs")


def test_no_ignore_file_costs_no_import(tmp_path: Path) -> None:
    """pathspec is imported only when there is an ignore file: a run on plain folders does not pay for it."""
    put(tmp_path, {"a/b.md": TEXT})
    code = ("import sys; from speakeasy.gitignore import Ignores; i = Ignores.above(sys.argv[1]).enter(sys.argv[1]); "
            "assert not i.ignored(sys.argv[1] + '/b.md', False); print('pathspec' in sys.modules)")
    out = subprocess.run([__import__("sys").executable, "-c", code, str(tmp_path / "a")], capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == "False"
    assert isinstance(Ignores.above(str(tmp_path)), Ignores)


@pytest.mark.slow
def test_check_dot_skips_a_big_ignored_build_folder(repo: Path, cli) -> None:
    # the case: `pip install .` left a copy of a huge document in build/
    big = "We will commence the review of your care package in accordance with the policy. " * 60_000
    put(repo, {"build/lib/speakeasy/huge.md": big, "build/huge.md": big})
    start = time.perf_counter()
    code, out, err = cli("check", ".", "--no-config", "--format", "json", "--no-cache", cwd=repo)
    took = time.perf_counter() - start
    assert code == 0, err
    assert {f["path"] for f in json.loads(out)["files"]} == EXPECTED
    assert took < 20, took
    code, out, err = cli("check", "care", "--no-ignore", "--no-config", "--format", "json", "--no-cache",
                         cwd=repo)
    assert {f["path"] for f in json.loads(out)["files"]} == {
        "care/notes.md", "care/home.md", "care/drafts/keep.md", "care/important.log.md", "care/run.log.md",
        "care/drafts/old.md"}


def test_fix_takes_no_ignore(cli, repo: Path) -> None:
    code, out, err = cli("fix", ".", "--diff", "--no-config", cwd=repo)
    assert code == 0, err
    assert "Would change 0 of 7 files." in err
    assert "secret/plan.md" not in err and "build/" not in err
    code, out, err = cli("fix", ".", "--diff", "--no-ignore", "--no-config", cwd=repo)
    assert "Would change 0 of 18 files." in err
    assert "speakeasy review secret/plan.md" in err


def test_report_takes_no_ignore(cli, repo: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    code, out, err = cli("report", ".", "--no-config", "-o", str(page), cwd=repo)
    assert code == 0, err
    assert "Wrote the report on 7 files" in out
    code, out, err = cli("report", ".", "--no-ignore", "--no-config", "-o", str(page), cwd=repo)
    assert "Wrote the report on 18 files" in out


def test_a_folder_then_a_link_named_after_it(repo: Path, monkeypatch) -> None:
    """Walking a folder first does not change how a later path on the command line is judged."""
    (repo / "linked.md").symlink_to(repo / "care" / "home.md")
    assert checked(["web", "linked.md", "care/home.md"], repo, monkeypatch) == {"web/page.md", "linked.md",
                                                                               "care/home.md"}


def test_a_repository_inside_the_folder_checked(tmp_path: Path, monkeypatch) -> None:
    """Checking a folder that holds repositories: each one's .gitignore counts inside it."""
    inner = tmp_path / "team" / "policies"
    inner.mkdir(parents=True)
    git(inner, "init", "-q")
    put(inner, {".gitignore": "old/\n", "old/a.md": TEXT, "new.md": TEXT})
    put(tmp_path, {"team/.gitignore": "new.md\n", "notes.md": TEXT})  # not in a repository: means nothing
    assert checked(["."], tmp_path, monkeypatch) == {"notes.md", "team/policies/new.md"}
