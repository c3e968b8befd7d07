"""Files that are not documents are read only when they are regular files (issue 16, "A FIFO named x.md").

A named pipe given as ``--wordlist`` made speakeasy wait for ever, and
``/dev/zero`` as a baseline read without end.  Every file speakeasy reads that
is not a document (a wordlist, a rule pack, a profile, a settings file, a
baseline, a spreadsheet for ``words import``, the ignore file) goes through the
same check as documents (``speakeasy.paths.open_regular``): it is opened without
waiting, and the open file must be a regular file.

Each case is built here: a real named pipe (``os.mkfifo``), a folder, and the
device ``/dev/zero``, each given where a file is wanted.  The real command runs
in a child process with a time limit, so a hang fails the test instead of
hanging the suite.  It must exit 2 with one line that names the file and says
what it is, and print no traceback.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Callable

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")

SECONDS = 60  # a run here takes about a second; only a hang comes near this
TEXT = "We will commence the visit.\n"

#: what each kind of file is called in the message
SAYS = {
    "pipe": "is not a regular file (it is a named pipe, a FIFO), so speakeasy did not read it.",
    "folder": "is a folder, not a file.",
    "device": "is not a regular file (it is a device), so speakeasy did not read it.",
}


def _has_dev_zero() -> bool:
    try:
        return stat.S_ISCHR(os.stat("/dev/zero").st_mode)
    except OSError:
        return False


KINDS = ["pipe", "folder", pytest.param("device", marks=pytest.mark.skipif(not _has_dev_zero(),
                                                                          reason="no /dev/zero here"))]


def make(kind: str, path: Path) -> Path:
    """Put a named pipe, a folder or a link to /dev/zero at ``path``; returns it."""
    if kind == "pipe":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path.symlink_to("/dev/zero")
    return path


def thing(kind: str, folder: Path, name: str = "x.yaml") -> str:
    """A path to pass on the command line: a pipe or folder in ``folder``, or /dev/zero itself."""
    return "/dev/zero" if kind == "device" else str(make(kind, folder / name))


def speakeasy(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPEAKEASY_")}
    env["SPEAKEASY_CACHE_DIR"] = str(cwd.parent / "cache")
    env["NO_COLOR"] = "1"
    # subprocess.run kills the child and raises TimeoutExpired when it waits too long: the test fails
    return subprocess.run([sys.executable, "-m", "speakeasy", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=SECONDS, stdin=subprocess.DEVNULL)


def error_line(proc: subprocess.CompletedProcess, level: str = "error") -> str:
    """The one ``speakeasy: error:`` line (``Found 1 problem.`` may follow it); no traceback."""
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith(f"speakeasy: {level}:")]
    assert len(lines) == 1, proc.stderr
    others = [line for line in proc.stderr.splitlines() if line.strip() and line not in lines
              and not line.startswith("Found ")]
    assert others == [], proc.stderr
    return lines[0]


def assert_refused(proc: subprocess.CompletedProcess, path: str, what: str, kind: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    line = error_line(proc)
    assert f"{path}: " in line, line
    assert f"{what} {SAYS[kind]}".lower() in line.lower(), line


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / ".git").mkdir()  # the top of a repository (see speakeasy.confine)
    (folder / "policy.md").write_text(TEXT, encoding="utf-8")
    return folder


# ---------------------------------------------------------------------------
# Given on the command line

#: (name, what the message calls the file, the arguments with {} for the path)
ON_THE_COMMAND_LINE: list[tuple[str, str, list[str]]] = [
    ("check-wordlist", "wordlist", ["check", "--no-config", "policy.md", "--wordlist", "{}"]),
    ("check-pack", "rule pack", ["check", "--no-config", "policy.md", "--pack", "{}"]),
    ("check-profile", "profile", ["check", "--no-config", "policy.md", "--profile", "{}"]),
    ("check-config", "configuration file", ["check", "policy.md", "--config", "{}"]),
    ("check-baseline", "baseline file", ["check", "--no-config", "policy.md", "--baseline", "{}"]),
    ("report-wordlist", "wordlist", ["report", "--no-config", "policy.md", "-o", "r.html", "--wordlist", "{}"]),
    ("rules-pack", "rule pack", ["rules", "--no-config", "--pack", "{}"]),
    ("config-config", "configuration file", ["config", "--config", "{}"]),
    ("validate", "this", ["validate", "--no-config", "{}"]),
    ("words-check", "wordlist", ["words", "check", "--no-config", "{}"]),
    ("words-add", "wordlist", ["words", "add", "commence", "--use", "start", "--why", "It is formal.", "--by",
                               "Forum", "--no-config", "--list", "{}"]),
    ("words-export", "wordlist", ["words", "export", "--no-config", "--list", "{}", "out.csv"]),
    ("words-stats", "wordlist", ["words", "stats", "--no-config", "--list", "{}"]),
    ("words-glossary", "wordlist", ["words", "glossary", "--no-config", "--list", "{}", "-o", "g.md"]),
    ("words-import", "spreadsheet", ["words", "import", "--no-config", "--list", "new.yaml", "{}"]),
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name,what,args", ON_THE_COMMAND_LINE, ids=[c[0] for c in ON_THE_COMMAND_LINE])
def test_a_file_on_the_command_line_that_is_not_a_regular_file(project: Path, kind: str, name: str, what: str,
                                                               args: list[str]) -> None:
    path = thing(kind, project.parent, "x.csv" if name == "words-import" else "x.yaml")
    proc = speakeasy([a.replace("{}", path) for a in args], project)
    assert_refused(proc, path, what, kind)
    if name == "words-add":
        assert kind == "device" or not Path(path).is_file()  # not replaced by a new list
    if name == "words-import":
        assert not (project / "new.yaml").exists()


# ---------------------------------------------------------------------------
# Named by the repository's settings, or found there

#: (name, what the message calls the file, the settings that name x.yaml)
IN_THE_SETTINGS = [
    ("wordlists", "wordlist", "wordlists: [x.yaml]\n"),
    ("packs", "rule pack", "packs: [default, x.yaml]\n"),
    ("profile", "profile", "profile: ./x.yaml\n"),
]


@pytest.mark.parametrize("kind", ["pipe", "folder"])  # a link to /dev/zero is outside the repository: refused as such
@pytest.mark.parametrize("name,what,settings", IN_THE_SETTINGS, ids=[c[0] for c in IN_THE_SETTINGS])
def test_a_file_the_settings_name_that_is_not_a_regular_file(project: Path, kind: str, name: str, what: str,
                                                            settings: str) -> None:
    (project / ".speakeasy.yaml").write_text(settings, encoding="utf-8")
    make(kind, project / "x.yaml")
    proc = speakeasy(["check", "policy.md"], project)
    assert_refused(proc, "x.yaml", what, kind)


@pytest.mark.parametrize("kind", KINDS)
def test_a_settings_file_that_is_not_a_regular_file(project: Path, kind: str) -> None:
    """A named pipe called .speakeasy.yaml is refused, not waited on (nor passed over for a folder above)."""
    make(kind, project / ".speakeasy.yaml")
    proc = speakeasy(["check", "policy.md"], project)
    assert_refused(proc, ".speakeasy.yaml", "configuration file", kind)


@pytest.mark.parametrize("kind", KINDS)
def test_an_ignore_file_that_is_not_a_regular_file(project: Path, kind: str) -> None:
    """The ignore file keeps its rule: one that cannot be read gets a warning and is not used; the check goes on."""
    make(kind, project / ".speakeasy-ignore.yaml")
    proc = speakeasy(["check", "--no-config", "policy.md", "--fail-on", "never"], project)
    assert proc.returncode == 0, proc.stderr
    line = error_line(proc, "warning")
    assert f".speakeasy-ignore.yaml: this ignore file {SAYS[kind]} Its entries were not used." in line, line
    assert "commence" in proc.stdout  # the document was checked


# ---------------------------------------------------------------------------
# The check is made on the open file, not only on the name


def test_a_pipe_put_in_place_after_the_name_was_checked_is_refused_not_waited_on(tmp_path: Path) -> None:
    """Checking the name, then opening it, is a race: the opened file is checked again, and opened without waiting.

    The check of the name is turned off here, as if a regular file had been swapped for a pipe after it.
    """
    os.mkfifo(tmp_path / "x.yaml")
    code = textwrap.dedent(f"""
        from pathlib import Path
        from speakeasy import paths
        from speakeasy.errors import UserDataError
        from speakeasy.packs import read_yaml_text
        paths.regular_file = lambda *args, **kwargs: None  # the name looked like a regular file
        try:
            read_yaml_text(Path({str(tmp_path / "x.yaml")!r}), "wordlist")
        except UserDataError as exc:
            print(exc.message)
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=SECONDS)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"{tmp_path / 'x.yaml'}: This wordlist {SAYS['pipe']}"


@pytest.mark.parametrize("reader", ["read_file", "open_regular"])
def test_documents_and_other_files_share_one_check(reader: str) -> None:
    """The document readers use the same helper as the loaders (one check, not two)."""
    from speakeasy import paths, readers

    assert readers.read_file is paths.read_file
    assert readers.regular_file is paths.regular_file
    check: Callable[..., object] = getattr(paths, reader)
    assert check.__module__ == "speakeasy.paths"
