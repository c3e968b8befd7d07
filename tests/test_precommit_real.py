"""The `speakeasy` pre-commit hook stops a commit that adds jargon, run by the real pre-commit on `git commit`.

The project's `.pre-commit-config.yaml` points at this checkout (copied into a
temporary git repository and committed, since pre-commit installs hooks from
a commit), so the hook's `entry` and `files` are the ones in
`.pre-commit-hooks.yaml`.

No network: the hooks file says `language: python`, for which pre-commit
would build a virtualenv and download speakeasy's dependencies. The project
instead sets `language: unsupported` (`system` in pre-commit before 4.4)
for the hook, as docs/ci.md tells people with speakeasy installed already, so
pre-commit runs the `speakeasy` of this test run's Python and installs
nothing. The proxies point at a closed port and pip may not use an index, so
any download would fail.

tests/test_pre_commit.py runs the hooks with `language: python` as published;
it needs the dependencies from PyPI or a local wheel cache.
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

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None,
                       reason="pre-commit is not installed (pip install -e '.[test]' installs it)"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

IGNORE = shutil.ignore_patterns(
    ".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis",
    ".venv", "venv", ".mypy_cache", ".ruff_cache", "benchmarks",
)
BIN = Path(sys.executable).parent


def language() -> str:
    """pre-commit 4.4 renamed `system` to `unsupported`; older versions know only `system`."""
    return "unsupported" if importlib.util.find_spec("pre_commit.languages.unsupported") else "system"


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update({
        "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,  # the developer's git settings stay out
        "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1", "PRE_COMMIT_COLOR": "never",
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",  # this run's speakeasy and python
        # nothing may be downloaded
        "PIP_NO_INDEX": "1", "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
        "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "NO_PROXY": "", "no_proxy": "",
    })
    return env


def git(cwd: Path, env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=check,
                          timeout=300)


def new_repo(path: Path, env: dict[str, str]) -> Path:
    path.mkdir()
    git(path, env, "init", "-q")
    git(path, env, "config", "user.name", "Speakeasy Tests")
    git(path, env, "config", "user.email", "tests@example.org")
    git(path, env, "config", "commit.gpgsign", "false")
    return path


@pytest.fixture(scope="module")
def hooks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, Path]:
    """(a git copy of this checkout as it is on disk, its commit, PRE_COMMIT_HOME)."""
    base = tmp_path_factory.mktemp("precommit-real")
    home = base / "home"
    home.mkdir()
    env = environment(home)
    snapshot = base / "speakeasy"
    shutil.copytree(ROOT, snapshot, ignore=IGNORE)
    git(snapshot, env, "init", "-q")
    git(snapshot, env, "add", "-A")
    git(snapshot, env, "-c", "user.name=Tests", "-c", "user.email=tests@example.org", "commit", "-q",
        "--no-verify", "-m", "snapshot")
    return snapshot, git(snapshot, env, "rev-parse", "HEAD").stdout.strip(), home


@pytest.fixture
def project(tmp_path: Path, hooks: tuple[Path, str, Path]):
    """(project, env, configure): a git repository with pre-commit installed as its commit hook."""
    snapshot, rev, home = hooks
    env = environment(home)
    assert (BIN / "speakeasy").exists() or (BIN / "speakeasy.exe").exists(), "speakeasy is not installed"
    repo = new_repo(tmp_path / "project", env)

    def configure(extra: str = "") -> None:
        (repo / ".pre-commit-config.yaml").write_text(
            "repos:\n"
            f"  - repo: {snapshot.as_posix()}\n"
            f"    rev: {rev}\n"
            "    hooks:\n"
            "      - id: speakeasy\n"
            f"        language: {language()}\n" + extra,
            encoding="utf-8",
        )

    configure()
    (repo / "README.md").write_text("# Our policies\n\nWe keep our policies here.\n", encoding="utf-8")
    git(repo, env, "add", "-A")
    git(repo, env, "commit", "-q", "--no-verify", "-m", "start")
    done = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return repo, env, configure


def commit(repo: Path, env: dict[str, str], message: str) -> tuple[int, str]:
    done = git(repo, env, "commit", "-m", message, check=False)
    return done.returncode, done.stdout + done.stderr


@pytest.mark.slow
def test_a_commit_that_adds_jargon_fails_and_names_the_word(project) -> None:
    repo, env, _ = project
    head = git(repo, env, "rev-parse", "HEAD").stdout
    (repo / "rota.md").write_text("# Rota\n\nWe will utilise the rota.\n", encoding="utf-8")
    git(repo, env, "add", "rota.md")
    code, out = commit(repo, env, "Add the rota")
    assert code != 0, out
    assert "speakeasy (plain language)" in out and "Failed" in out
    assert "rota.md:3:9: warning [plain-english.words] Use 'use' instead of 'utilise'." in out
    assert "Checked 1 file: 0 errors, 1 warning" in out
    assert git(repo, env, "rev-parse", "HEAD").stdout == head  # no commit was made
    # nothing was downloaded or built: the hook ran this run's speakeasy
    assert not list((Path(env["PRE_COMMIT_HOME"])).glob("repo*/py_env-*")), "pre-commit built an environment"
    # the plain word: the commit goes through
    (repo / "rota.md").write_text("# Rota\n\nWe will use the rota.\n", encoding="utf-8")
    git(repo, env, "add", "rota.md")
    code, out = commit(repo, env, "Add the rota")
    assert code == 0, out
    assert "Passed" in out


@pytest.mark.slow
def test_args_make_the_hook_gentler(project) -> None:
    repo, env, configure = project
    configure("        args: [--fail-on, error]\n")
    git(repo, env, "add", ".pre-commit-config.yaml")
    (repo / "rota.md").write_text("# Rota\n\nWe will utilise the rota.\n", encoding="utf-8")
    git(repo, env, "add", "rota.md")
    code, out = commit(repo, env, "Add the rota")
    assert code == 0, out
    assert "Passed" in out
    # other args keep it as strict: --fail-on warning is in the hook's entry
    configure("        args: [--quiet]\n")
    git(repo, env, "add", ".pre-commit-config.yaml")
    (repo / "van.md").write_text("# Van\n\nWe will utilise the van.\n", encoding="utf-8")
    git(repo, env, "add", "van.md")
    code, out = commit(repo, env, "Add the van")
    assert code != 0, out
    assert "van.md:3:9: warning [plain-english.words] Use 'use' instead of 'utilise'." in out
