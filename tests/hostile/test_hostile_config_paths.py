"""A hostile repository's settings cannot read files outside it (issue 16, S3).

Someone runs speakeasy in a repository they did not write: a pull request in
CI, a project just cloned.  Its ``.speakeasy.yaml`` used to be able to name any
file on the machine (``wordlists: ["/etc/shadow"]``), and speakeasy printed the
file's first lines in its error.  Each case is built here, in a temporary
folder: a "secret" file outside the repository, and a repository whose
settings try to reach it.  The run must exit 2 with one line that names the
settings file and says what is wrong, and must never print the secret.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SECRET = "SECRET-7f3a9c"
WORDLIST = "title: Ours\nlicence: CC0-1.0\nwords:\n  - term: commence\n    use: start\n    why: It is formal.\n"
PACK = """id: ours
title: Ours
version: 1.0.0
description: Our rules.
licence: CC0-1.0
rules:
  - id: words
    kind: substitution
    level: warning
    wordlists: [{wordlist}]
    summary: Our words.
    why: Because.
    example:
      bad: We will commence the review in May.
      good: We will start the review in May.
"""
PROFILE = "id: ours\ntitle: Ours\nrules:\n  length.sentence: off\n"


def speakeasy(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPEAKEASY_")}
    env["SPEAKEASY_CACHE_DIR"] = ""
    env["NO_COLOR"] = "1"
    return subprocess.run([sys.executable, "-m", "speakeasy", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def assert_refused(proc: subprocess.CompletedProcess, names: str, *words: str) -> str:
    """Exit 2, one line naming the file, no traceback, and no secret anywhere."""
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert SECRET not in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip() and not line.startswith("Found ")]
    assert len(lines) == 1, proc.stderr
    assert names in lines[0], lines[0]
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.fixture()
def machine(tmp_path: Path) -> dict[str, Path]:
    """A repository (a git repository, with a document in it) and secrets elsewhere on the machine."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "policy.md").write_text("We will commence the visit.\n")
    outside = tmp_path / "home"
    outside.mkdir()
    shadow = outside / "shadow"
    shadow.write_text(f"root:$6${SECRET}:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n")
    (outside / "evil.yaml").write_text(f"root:$6${SECRET}:19000:0:99999:7:::\n")
    (outside / "ours.yaml").write_text(WORDLIST)  # a good wordlist, but not the repository's
    (outside / "theirs.yaml").write_text(WORDLIST)
    (outside / "profile.yaml").write_text(PROFILE)
    (outside / "model").mkdir()
    return {"repo": repo, "outside": outside, "shadow": shadow}


@pytest.mark.parametrize("setting", [
    'wordlists: ["{shadow}"]',
    'wordlists: ["../home/shadow"]',
    'wordlists: ["../home/ours.yaml"]',
    'packs: [default, "../home/evil.yaml"]',
    'profile: "{outside}/evil.yaml"',
    'language_model: "../home/model"',
])
def test_a_setting_cannot_name_a_file_outside_the_repository(machine: dict[str, Path], setting: str) -> None:
    repo = machine["repo"]
    (repo / ".speakeasy.yaml").write_text(setting.format(**machine) + "\n")
    key = setting.split(":")[0]
    line = assert_refused(speakeasy("check", "policy.md", cwd=repo), ".speakeasy.yaml", f"`{key}`", "outside")
    assert "command line" in line


def test_a_link_in_the_repository_to_a_file_outside_it_is_refused(machine: dict[str, Path]) -> None:
    repo = machine["repo"]
    (repo / "words.yaml").symlink_to(machine["shadow"])
    (repo / ".speakeasy.yaml").write_text('wordlists: ["words.yaml"]\n')
    assert_refused(speakeasy("check", "policy.md", cwd=repo), ".speakeasy.yaml", "link", "outside")


def test_pyproject_settings_are_held_to_the_same_rule(machine: dict[str, Path]) -> None:
    repo = machine["repo"]
    (repo / "pyproject.toml").write_text(f'[tool.speakeasy]\nwordlists = ["{machine["shadow"]}"]\n')
    assert_refused(speakeasy("check", "policy.md", cwd=repo), "pyproject.toml", "outside")


def test_a_pack_in_the_repository_cannot_name_a_wordlist_outside_it(machine: dict[str, Path]) -> None:
    repo = machine["repo"]
    (repo / "rules").mkdir()
    (repo / "rules" / "ours.yaml").write_text(PACK.format(wordlist=f'"{machine["shadow"]}"'))
    (repo / ".speakeasy.yaml").write_text('packs: [default, "rules/ours.yaml"]\n')
    proc = speakeasy("check", "policy.md", cwd=repo)
    assert proc.returncode == 2 and SECRET not in proc.stdout + proc.stderr
    assert "rules/ours.yaml" in proc.stderr and "outside this repository" in proc.stderr
    # a shipped wordlist, or one inside the repository, is fine
    (repo / "wordlists").mkdir()
    (repo / "wordlists" / "ours.yaml").write_text(WORDLIST)
    for name in ("plain-english", "ours", '"../wordlists/ours.yaml"'):
        (repo / "rules" / "ours.yaml").write_text(PACK.format(wordlist=name))
        proc = speakeasy("check", "policy.md", cwd=repo)
        assert proc.returncode in (0, 1), (name, proc.stderr)


@pytest.mark.parametrize(("name", "text"), [
    (".env", f"API_KEY=sk-{SECRET}\nDEBUG=1\n"),
    ("id_ed25519", f"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk{SECRET}: x: y\n"
                   "-----END OPENSSH PRIVATE KEY-----\n"),
    ("secrets.yaml", f"password: {SECRET}\ntoken: {SECRET}\n"),
    ("list.yaml", f"- {SECRET}\n- two\n"),
    ("broken.txt", f"key: [{SECRET}\n"),
])
def test_a_file_that_is_not_a_wordlist_is_not_quoted(machine: dict[str, Path], name: str, text: str) -> None:
    repo = machine["repo"]
    (repo / name).write_text(text)
    (repo / ".speakeasy.yaml").write_text(f'wordlists: ["{name}"]\n')
    assert_refused(speakeasy("check", "policy.md", cwd=repo), name)
    # named on the command line, the same: the error names the file and quotes none of it
    assert_refused(speakeasy("check", "policy.md", "--no-config", "--wordlist", name, cwd=repo), name)
    assert_refused(speakeasy("validate", name, cwd=repo), name)


def test_a_profile_or_config_that_is_not_one_is_not_quoted(machine: dict[str, Path]) -> None:
    repo = machine["repo"]
    (repo / "notes.yaml").write_text(f"password: {SECRET}\n")
    (repo / ".speakeasy.yaml").write_text('profile: "notes.yaml"\n')
    assert_refused(speakeasy("check", "policy.md", cwd=repo), "notes.yaml", "not a profile")
    (repo / ".speakeasy.yaml").unlink()
    assert_refused(speakeasy("check", "policy.md", "--config", str(machine["shadow"]), cwd=repo), "shadow")


def test_files_inside_the_repository_and_the_command_line_still_work(machine: dict[str, Path]) -> None:
    repo, outside = machine["repo"], machine["outside"]
    # the settings live in a folder of the repository, and name a wordlist elsewhere in it (from the git root)
    (repo / "docs").mkdir()
    (repo / "wordlists").mkdir()
    (repo / "wordlists" / "ours.yaml").write_text(WORDLIST)
    (repo / "profiles").mkdir()
    (repo / "profiles" / "ours.yaml").write_text(PROFILE)
    (repo / "docs" / ".speakeasy.yaml").write_text('wordlists: ["../wordlists/ours.yaml"]\nprofile: ../profiles/ours.yaml\n')
    (repo / "docs" / "policy.md").write_text("We will commence the visit.\n")
    proc = speakeasy("check", "policy.md", "--format", "json", cwd=repo / "docs")
    assert proc.returncode in (0, 1), proc.stderr
    assert "local.ours" in proc.stdout
    # the user may name any file on the command line
    (repo / ".speakeasy.yaml").write_text('wordlists: ["wordlists/ours.yaml"]\n')
    proc = speakeasy("check", "policy.md", "--format", "json", "--wordlist", str(outside / "theirs.yaml"),
                     "--profile", str(outside / "profile.yaml"), cwd=repo)
    assert proc.returncode in (0, 1), proc.stderr
    assert "local.theirs" in proc.stdout and "local.ours" in proc.stdout
    # a setting the command line replaces is not checked
    (repo / ".speakeasy.yaml").write_text(f'profile: "{outside}/evil.yaml"\n')
    proc = speakeasy("check", "policy.md", "--profile", "easy-read", cwd=repo)
    assert proc.returncode in (0, 1), proc.stderr
