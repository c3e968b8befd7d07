"""Faults and odd files (issue 16, "Faults", and the named pipe in "Bounded resources").

Each case is built here, in the test: a named pipe called `x.md`, a folder
speakeasy may not write to, a file locked against changes, a full disk
(``ulimit -f`` through RLIMIT_FSIZE in a child process, and ENOSPC raised in
this process), a link to nothing, a file nobody may read, a loop of links,
a `language_model` that is not a spaCy pipeline, a lone surrogate, a
``--jobs`` worker killed with SIGKILL as the out-of-memory killer does, and
a file saved in another program while `speakeasy review` has it open.

The promise in each case: exit code 2 with one line for each bad file (never
exit 3 and a traceback), or a clean result; within a time limit, so a hang
fails the test instead of stopping it; never a torn, emptied or half-written
file, and no temporary file left behind.

These tests run as an ordinary user would.  When they run as root (in a
container), the child process drops the capabilities that let root read and
write any file (the bounding set, with prctl), so a read-only folder is
read-only to it too.  ``chattr +i`` needs root; without it that case is
skipped, with the reason.
"""

from __future__ import annotations

from _peak import own_peak  # noqa: E402  (tests/hostile/_peak.py: what Linux says of a child's memory)

import ctypes
import errno
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

#: What one run may take, start-up included (it takes about 2 s here).
SECONDS = 20
#: Peak memory of one run, in MB.
PEAK_MB = 600

TEXT = "# Plan\n\nWe will utilise the van in order to help.\n"
FIXED = "# Plan\n\nWe will use the van to help.\n"


# ---------------------------------------------------------------------------
# Running speakeasy in a child process


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float
    peak_mb: float

    def errors(self) -> list[str]:
        """The error lines on standard error (every one is `speakeasy: error: FILE: ...`)."""
        assert "Traceback" not in self.err and "internal error" not in self.err, self.err[:3000]
        return [line for line in self.err.splitlines() if line.startswith("speakeasy: error:")]


def _drop_root() -> None:
    """As root: lose the power to read and write any file, as an ordinary user has not got it.

    Takes CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH and CAP_FOWNER out of the
    bounding set (PR_CAPBSET_DROP), so the program exec'd next runs without them.
    """
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2, 3):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def _can_drop_root() -> bool:
    if os.geteuid() != 0:
        return True
    probe = subprocess.run([sys.executable, "-c", "pass"], preexec_fn=_drop_root, capture_output=True)
    return probe.returncode == 0


def run(args: list[str], cwd: Path, *, file_size: int | None = None, as_user: bool = False,
        limit: float = SECONDS, code: str | None = None) -> Run:
    """Run `python -m speakeasy ARGS` (or ``python -c CODE ARGS``) in ``cwd``; kill it after ``limit`` s.

    ``file_size``: the largest file it may write, in bytes (``ulimit -f``); its
    output goes to pipes, which that limit does not touch.  ``as_user``: as
    root, run without root's power over files (see :func:`_drop_root`).
    """

    def before() -> None:
        if file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
        if as_user:
            _drop_root()

    command = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "speakeasy", *args]
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8", SPEAKEASY_NO_PROGRESS="1")
    start = time.monotonic()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, env=env, preexec_fn=before)
    chunks: dict[str, list[bytes]] = {"out": [], "err": []}

    def drain(name: str, pipe) -> None:  # type: ignore[no-untyped-def]
        kept = 0
        for block in iter(lambda: pipe.read(65536), b""):
            if kept < 2_000_000:
                chunks[name].append(block)
                kept += len(block)

    readers = [threading.Thread(target=drain, args=(n, p), daemon=True)
               for n, p in (("out", proc.stdout), ("err", proc.stderr))]
    for t in readers:
        t.start()
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - start > limit:
            proc.kill()
            os.wait4(proc.pid, 0)
            proc.returncode = -9
            pytest.fail(f"speakeasy {' '.join(args)} still ran after {limit:.0f} s")
        time.sleep(0.02)
    seconds = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    for t in readers:
        t.join(10)
    proc.stdout.close()  # type: ignore[union-attr]
    proc.stderr.close()  # type: ignore[union-attr]
    text = {k: b"".join(v).decode("utf-8", "replace") for k, v in chunks.items()}
    return Run(proc.returncode, text["out"], text["err"], seconds, own_peak(usage.ru_maxrss / 1024))


def within_bounds(r: Run) -> None:
    assert r.seconds < SECONDS, f"took {r.seconds:.1f} s"
    assert r.peak_mb < PEAK_MB, f"peak memory {r.peak_mb:.0f} MB"


def leftovers(folder: Path) -> list[str]:
    """Temporary files and backup copies in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".speakeasy-") or p.name.endswith(".bak"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with one good document (with safe fixes) and no settings."""
    d = tmp_path / "docs"
    d.mkdir()
    (d / "good.md").write_text(TEXT, encoding="utf-8")
    return d


needs_user = pytest.mark.skipif(not _can_drop_root(), reason="running as root, and root's power over files "
                                "cannot be dropped here (no CAP_SETPCAP)")


# ---------------------------------------------------------------------------
# A named pipe called x.md


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("args", [
    ["check", "--no-config", "."],
    ["check", "--no-config", "--no-cache", "."],
    ["check", "--no-config", "x.md", "good.md"],
    ["check", "--no-config", "--format", "json", "."],
    ["fix", "--no-config", "."],
    ["fix", "--no-config", "--in-place", "."],
    ["fix", "--no-config", "--diff", "x.md"],
], ids=["check", "check-no-cache", "check-named", "check-json", "fix", "fix-in-place", "fix-diff"])
def test_a_named_pipe_is_not_read(folder: Path, args: list[str]) -> None:
    os.mkfifo(folder / "x.md")
    r = run(args, folder)
    assert r.code == 2, r.err[:3000]
    assert len(r.errors()) == 1
    assert r.errors()[0].endswith("x.md: this is not a regular file (it is a named pipe, a FIFO), so speakeasy "
                                  "did not read it.")
    if args[0] == "check" and "--format" not in args:
        assert "good.md" in r.out  # the other files are still checked
    if "--in-place" in args:
        assert (folder / "good.md").read_text(encoding="utf-8") == FIXED
    if "--format" in args:
        data = json.loads(r.out)
        assert [f["path"] for f in data["files"]] == ["good.md"]
        assert [(e["path"], e["code"]) for e in data["errors"]] == [("x.md", "not-a-file")]
    within_bounds(r)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_review_does_not_open_a_named_pipe(tmp_path: Path) -> None:
    from speakeasy.config import resolve
    from speakeasy.ruleset import build_ruleset
    from speakeasy.errors import InputError
    from speakeasy.tui.session import ReviewSession

    os.mkfifo(tmp_path / "x.md")
    ruleset = build_ruleset(resolve({"packs": []}, no_config=True, cwd=tmp_path))
    done: list[BaseException] = []

    def open_it() -> None:
        try:
            ReviewSession(str(tmp_path / "x.md"), ruleset)
        except BaseException as exc:  # noqa: BLE001
            done.append(exc)

    t = threading.Thread(target=open_it, daemon=True)
    t.start()
    t.join(SECONDS)
    if t.is_alive():  # free the thread that waits on the pipe, then fail
        with open(tmp_path / "x.md", "wb"):
            pass
        pytest.fail("ReviewSession waited on a named pipe")
    assert len(done) == 1 and isinstance(done[0], InputError)
    assert "not a regular file" in str(done[0])


# ---------------------------------------------------------------------------
# fix where it cannot write


@needs_user
@pytest.mark.parametrize("how", ["copy", "in-place", "in-place-no-backup"])
def test_fix_in_a_read_only_folder(folder: Path, how: str) -> None:
    flags = {"copy": [], "in-place": ["--in-place"], "in-place-no-backup": ["--in-place", "--no-backup"]}[how]
    folder.chmod(0o555)
    try:
        r = run(["fix", "--no-config", *flags, "good.md"], folder, as_user=True)
    finally:
        folder.chmod(0o755)
    assert r.code == 2, r.err[:3000]
    assert len(r.errors()) == 1
    assert "read-only to you: Permission denied" in r.errors()[0]
    assert r.errors()[0].startswith("speakeasy: error: good.md: speakeasy could not ")
    assert (folder / "good.md").read_text(encoding="utf-8") == TEXT
    assert sorted(p.name for p in folder.iterdir()) == ["good.md"]
    within_bounds(r)


def _chattr(path: Path, flag: str) -> bool:
    if shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


@pytest.mark.parametrize("flags", [["--in-place"], ["--in-place", "--no-backup"]], ids=["backup", "no-backup"])
def test_fix_on_a_file_locked_against_changes(folder: Path, flags: list[str]) -> None:
    doc = folder / "good.md"
    if not _chattr(doc, "+i"):
        pytest.skip("chattr +i is not available here (it needs root and a file system that has it)")
    try:
        r = run(["fix", "--no-config", *flags, "good.md"], folder)
    finally:
        _chattr(doc, "-i")
    assert r.code == 2, r.err[:3000]
    assert r.errors() == [
        "speakeasy: error: good.md: speakeasy could not write the fixed text (the file or its folder may be locked "
        "against changes: Operation not permitted), so the file is as it was."]
    assert doc.read_text(encoding="utf-8") == TEXT
    assert leftovers(folder) == []  # the backup made for the write that failed is gone again
    within_bounds(r)


@pytest.mark.parametrize("flags", [[], ["--in-place"], ["--in-place", "--no-backup"]],
                         ids=["copy", "in-place", "in-place-no-backup"])
def test_fix_under_ulimit_f(folder: Path, flags: list[str]) -> None:
    """`ulimit -f` (RLIMIT_FSIZE): a write past it fails with EFBIG, as a full disk fails with ENOSPC."""
    old_backup = folder / "good.md.bak"
    old_backup.write_text("an older backup\n", encoding="utf-8")
    r = run(["fix", "--no-config", *flags, "good.md"], folder, file_size=8)
    assert r.code == 2, r.err[:3000]
    assert len(r.errors()) == 1
    assert "bigger than you are allowed to write, see ulimit -f: File too large" in r.errors()[0]
    assert (folder / "good.md").read_text(encoding="utf-8") == TEXT
    assert old_backup.read_text(encoding="utf-8") == "an older backup\n"
    assert leftovers(folder) == ["good.md.bak"]
    assert not (folder / "good.fixed.md").exists()
    within_bounds(r)


ENOSPC = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fsync fails as on a full disk (data reaches the disk only there, on some file systems)."""

    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)


@pytest.mark.parametrize("flags", [[], ["--in-place"], ["--in-place", "--no-backup"]],
                         ids=["copy", "in-place", "in-place-no-backup"])
def test_fix_on_a_full_disk(folder: Path, flags: list[str], cli, monkeypatch: pytest.MonkeyPatch) -> None:
    _full_disk(monkeypatch)
    code, out, err = cli("fix", "--no-config", *flags, "good.md", cwd=folder)
    assert code == 2, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("speakeasy: error:")]
    assert len(lines) == 1 and "(the disk is full: No space left on device)" in lines[0], err
    assert (folder / "good.md").read_text(encoding="utf-8") == TEXT
    assert sorted(p.name for p in folder.iterdir()) == ["good.md"]


def test_fix_on_a_full_disk_when_the_file_is_replaced(folder: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rename fails: the file is as it was, and the backup made for it is removed."""
    real = os.replace

    def replace(src, dst, **kw):  # type: ignore[no-untyped-def]
        if str(dst).endswith("good.md"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(src, dst, **kw)

    monkeypatch.setattr(os, "replace", replace)
    code, out, err = cli("fix", "--no-config", "--in-place", "good.md", cwd=folder)
    assert code == 2 and "Traceback" not in err, err
    assert "speakeasy: error: good.md: speakeasy could not write the fixed text (the disk is full" in err
    assert (folder / "good.md").read_text(encoding="utf-8") == TEXT
    assert sorted(p.name for p in folder.iterdir()) == ["good.md"]


@needs_user
@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
@pytest.mark.parametrize("flags", [[], ["--in-place"]], ids=["copy", "in-place"])
def test_fix_a_folder_with_a_dangling_and_an_unreadable_file(folder: Path, flags: list[str]) -> None:
    (folder / "gone.md").symlink_to("nowhere.md")
    secret = folder / "secret.md"
    secret.write_text(TEXT, encoding="utf-8")
    secret.chmod(0)
    try:
        r = run(["fix", "--no-config", *flags, "."], folder, as_user=True)
    finally:
        secret.chmod(0o644)
    assert r.code == 2, r.err[:3000]
    assert r.errors() == [
        "speakeasy: error: gone.md: this is a link to nowhere.md, which does not exist.",
        "speakeasy: error: secret.md: speakeasy is not allowed to open this file (permission denied).",
    ]
    assert "Changed 1 of 3 files. 2 could not be fixed: see below." in r.out
    fixed = folder / ("good.md" if flags else "good.fixed.md")
    assert fixed.read_text(encoding="utf-8") == FIXED  # the other files are still fixed
    assert secret.read_text(encoding="utf-8") == TEXT
    within_bounds(r)


# ---------------------------------------------------------------------------
# check -o on a full disk


@pytest.mark.parametrize("fmt", ["human", "json", "sarif"])
def test_check_output_file_on_a_full_disk(folder: Path, fmt: str) -> None:
    old = folder / "report.out"
    old.write_text("the report of the last run\n", encoding="utf-8")
    r = run(["check", "--no-config", "--format", fmt, "-o", "report.out", "good.md"], folder, file_size=100)
    assert r.code == 2, r.err[:3000]
    assert r.errors() == [
        "speakeasy: error: report.out: cannot write the report (the file would be bigger than you are allowed to "
        "write, see ulimit -f: File too large). speakeasy wrote no report, and left any older one as it was."]
    assert old.read_text(encoding="utf-8") == "the report of the last run\n"
    assert leftovers(folder) == []  # no .speakeasy-*.tmp
    within_bounds(r)


def test_check_output_file_when_fsync_finds_the_disk_full(folder: Path, cli, monkeypatch) -> None:
    _full_disk(monkeypatch)
    code, out, err = cli("check", "--no-config", "--format", "json", "-o", "report.json", "good.md", cwd=folder)
    assert code == 2 and "Traceback" not in err, err
    assert "speakeasy: error: report.json: cannot write the report (the disk is full: No space left on device)" in err
    assert sorted(p.name for p in folder.iterdir()) == ["good.md"]


def test_standard_output_on_a_full_disk(folder: Path, tmp_path: Path) -> None:
    """`speakeasy check > FILE` where FILE cannot grow: one line on standard error, exit 2."""
    code = ("import resource, sys\n"
            "out = open(sys.argv[1], 'w')\n"
            "sys.stdout = out\n"
            "from speakeasy.cli import main\n"
            "raise SystemExit(main(sys.argv[2:]))\n")
    r = run([str(tmp_path / "out.txt"), "check", "--no-config", "good.md"], folder, file_size=50, code=code)
    assert r.code == 2, r.err[:3000]
    assert r.errors() == ["speakeasy: error: could not write the output (the file would be bigger than you are "
                          "allowed to write, see ulimit -f: File too large)."]


# ---------------------------------------------------------------------------
# A loop of links


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
@pytest.mark.parametrize("args", [["check", "--no-config", "."], ["fix", "--no-config", "."],
                                  ["fix", "--no-config", "--in-place", "."], ["check", "--no-config", "a.md"]],
                         ids=["check", "fix", "fix-in-place", "check-named"])
def test_a_loop_of_links(folder: Path, args: list[str]) -> None:
    (folder / "a.md").symlink_to("b.md")
    (folder / "b.md").symlink_to("a.md")
    r = run(args, folder)
    assert r.code == 2, r.err[:3000]
    loop = "this is a symbolic link that leads back to itself (a loop of links), so speakeasy did not read it."
    names = ["a.md"] if "a.md" in args else ["a.md", "b.md"]
    assert [line.split("error: ", 1)[1] for line in r.errors()] == [f"{n}: {loop}" for n in names]
    if "." in args:
        assert "good.md" in r.out
    within_bounds(r)


# ---------------------------------------------------------------------------
# language_model


@pytest.mark.parametrize(("value", "problem"), [
    ("speakeasy", "could not be loaded: it is not a spaCy pipeline (the package 'speakeasy' has no meta.json)"),
    ("yaml", "could not be loaded: it is not a spaCy pipeline (the package 'yaml' has no meta.json)"),
    ("no_such_pipeline_xyz", "is not installed"),
])
def test_an_unknown_language_model(folder: Path, value: str, problem: str) -> None:
    (folder / ".speakeasy.yaml").write_text(f"language_model: {value}\n", encoding="utf-8")
    r = run(["check", "good.md"], folder)
    assert r.code == 2, r.err[:3000]
    assert len(r.errors()) == 1
    assert r.errors()[0].startswith(f"speakeasy: error: .speakeasy.yaml:1: The language model '{value}' named in "
                                    f"your configuration {problem}")
    within_bounds(r)


def test_a_language_model_that_is_not_a_pipeline_is_not_imported(folder: Path, tmp_path: Path) -> None:
    """spaCy imports the package a name gives: a name in a repository's settings must not run its code."""
    site = tmp_path / "site"
    (site / "not_a_pipeline").mkdir(parents=True)
    (site / "not_a_pipeline" / "__init__.py").write_text(
        "import pathlib\npathlib.Path('IMPORTED').write_text('yes')\ndef load(**kw):\n    raise SystemExit(9)\n")
    (folder / ".speakeasy.yaml").write_text("language_model: not_a_pipeline\n", encoding="utf-8")
    code = ("import sys\nsys.path.insert(0, sys.argv[1])\nfrom speakeasy.cli import main\n"
            "raise SystemExit(main(sys.argv[2:]))\n")
    r = run([str(site), "check", "good.md"], folder, code=code)
    assert r.code == 2, r.err[:3000]
    assert "has no meta.json" in r.errors()[0]
    assert not (folder / "IMPORTED").exists()


# ---------------------------------------------------------------------------
# lint_text with a lone surrogate


@pytest.mark.parametrize("text", ["\ud800", "We utilise \ud800 the van.", "\udfff\ud800 in order to \udc00"])
def test_lint_text_with_a_lone_surrogate(default_ruleset, text: str) -> None:
    from speakeasy.engine import lint_text

    result = lint_text(text, default_ruleset)
    for f in result.findings:  # every offset still points into the text given
        assert 0 <= f.start <= f.end <= len(text)
    if "utilise" in text:
        assert any(f.match == "utilise" and text[f.start:f.end] == "utilise" for f in result.findings)


# ---------------------------------------------------------------------------
# A --jobs worker killed by SIGKILL, as the out-of-memory killer does

KILLER = """\
import os, signal, sys
from pathlib import Path
import speakeasy.runner as runner, speakeasy.readers as readers

runner.FILES_PER_WORKER = 1  # small files: use the workers all the same
runner.BYTES_PER_WORKER = 1
main, real, how = os.getpid(), readers.read_path, sys.argv[1]


def read_path(path, **kw):
    if Path(path).name == "big.md" and os.getpid() != main:
        mark = Path(path).with_name(".killed-once")
        if how == "always" or not mark.exists():
            mark.touch()
            os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer does
    return real(path, **kw)


readers.read_path = read_path
from speakeasy.cli import main as cli
raise SystemExit(cli(sys.argv[2:]))
"""


@pytest.fixture
def many(tmp_path: Path) -> Path:
    d = tmp_path / "many"
    d.mkdir()
    for i in range(8):
        (d / f"doc{i}.md").write_text(f"# Part {i}\n\nWe will utilise the van {i}.\n", encoding="utf-8")
    (d / "big.md").write_text(TEXT, encoding="utf-8")
    return d


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL here")
@pytest.mark.parametrize("fmt", ["json", "sarif", "junit"])
def test_a_worker_killed_every_time_is_a_read_error(many: Path, fmt: str) -> None:
    r = run(["always", "check", "--no-config", "--no-cache", "-j", "2", "--format", fmt, "."], many,
            code=KILLER, limit=60)
    assert r.code == 2, r.err[:3000]
    assert r.errors() == [
        "speakeasy: error: big.md: the process checking this file stopped suddenly, twice, so it was not checked. "
        "The system may have stopped it for using too much memory."]
    if fmt == "json":
        data = json.loads(r.out)  # whole, never half a document
        assert [f["path"] for f in data["files"]] == [f"doc{i}.md" for i in range(8)]
        assert [(e["path"], e["code"]) for e in data["errors"]] == [("big.md", "worker-stopped")]
    elif fmt == "sarif":
        assert json.loads(r.out)["runs"]
    else:
        import xml.etree.ElementTree as ET

        ET.fromstring(r.out)
    assert r.seconds < 60 and r.peak_mb < PEAK_MB


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL here")
def test_a_worker_killed_once_is_run_again(many: Path) -> None:
    r = run(["once", "check", "--no-config", "--no-cache", "-j", "2", "--format", "json", "."], many,
            code=KILLER, limit=60)
    assert (many / ".killed-once").exists()  # it was killed
    assert r.code == 0, r.err[:3000]
    assert r.errors() == []
    data = json.loads(r.out)
    assert [f["path"] for f in data["files"]] == ["big.md", *(f"doc{i}.md" for i in range(8))]
    assert data["errors"] == []


def test_machine_output_is_whole_or_nothing(folder: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run that stops half way (here: a bug in the third file) writes no JSON at all to standard output."""
    import speakeasy.engine as engine

    for i in range(4):
        (folder / f"doc{i}.md").write_text(TEXT, encoding="utf-8")
    real = engine.lint_document

    def lint_document(doc, ruleset):  # type: ignore[no-untyped-def]
        if doc.path.endswith("doc2.md"):
            raise RuntimeError("a bug")
        return real(doc, ruleset)

    monkeypatch.setattr(engine, "lint_document", lint_document)
    code, out, err = cli("check", "--no-config", "--no-cache", "-j", "1", "--format", "json", ".", cwd=folder)
    assert code == 3 and "internal error" in err
    assert out == ""


# ---------------------------------------------------------------------------
# review: the file changed on disk after it was opened

WORDS = """\
title: Test words
licence: CC0-1.0
words:
  - term: utilise
    use: use
    why: Formal.
"""


@pytest.fixture
def review_ruleset(tmp_path: Path):
    from speakeasy.config import resolve
    from speakeasy.ruleset import build_ruleset

    wl = tmp_path / "words.yaml"
    wl.write_text(WORDS, encoding="utf-8")
    return build_ruleset(resolve({"packs": [], "extra_wordlists": [str(wl)]}, no_config=True, cwd=tmp_path))


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


OTHER = "# Plan\n\nWe will utilise the van in order to help.\n\nA line added in another editor.\n"


@pytest.mark.anyio
async def test_review_asks_before_saving_over_changes_made_on_disk(folder: Path, review_ruleset) -> None:
    pytest.importorskip("textual")
    from speakeasy.tui.app import ReviewApp
    from speakeasy.tui.screens import ChangedScreen

    doc = folder / "good.md"
    app = ReviewApp(str(doc), ruleset=review_ruleset)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session is not None, app.load_error
        await pilot.press("1")  # use 'use' for 'utilise'
        await pilot.pause()
        assert app.session.dirty
        doc.write_text(OTHER, encoding="utf-8")  # saved in another program meanwhile

        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ChangedScreen)
        assert app.screen.what == f"{doc} has changed since you opened it: it was saved in another program."
        await pilot.press("n")  # do not save
        await pilot.pause()
        assert not isinstance(app.screen, ChangedScreen)
        assert doc.read_text(encoding="utf-8") == OTHER
        assert app.session.dirty and leftovers(folder) == []

        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ChangedScreen)
        await pilot.press("y")  # save anyway: the other text is kept first
        await pilot.pause()
        assert doc.read_text(encoding="utf-8") == "# Plan\n\nWe will use the van in order to help.\n"
        assert (folder / "good.md.bak").read_text(encoding="utf-8") == OTHER
        assert not app.session.dirty

        # saved by this session, and not changed since: no question
        await pilot.press("u", "w")
        await pilot.pause()
        assert not isinstance(app.screen, ChangedScreen)
        assert doc.read_text(encoding="utf-8") == TEXT


def test_review_session_sees_a_file_moved_or_deleted(folder: Path, review_ruleset) -> None:
    from speakeasy.tui.session import ReviewSession

    doc = folder / "good.md"
    s = ReviewSession(str(doc), review_ruleset)
    assert s.changed_on_disk() == ""
    doc.unlink()
    assert s.changed_on_disk() == f"{doc} has been moved or deleted since you opened it."


@pytest.mark.anyio
async def test_review_on_a_full_disk_keeps_the_review_open(folder: Path, review_ruleset,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("textual")
    from speakeasy.tui.app import ReviewApp

    doc = folder / "good.md"
    app = ReviewApp(str(doc), ruleset=review_ruleset)
    notes: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session is not None, app.load_error
        monkeypatch.setattr(app, "notify", lambda message, **kw: notes.append(str(message)))
        await pilot.press("1")
        _full_disk(monkeypatch)
        await pilot.press("w")
        await pilot.pause()
        assert app.is_running and app.session.dirty
    assert any(n.startswith("Not saved:") and "the disk is full: No space left on device" in n for n in notes), notes
    assert doc.read_text(encoding="utf-8") == TEXT
    assert sorted(p.name for p in folder.iterdir()) == ["good.md"]


# ---------------------------------------------------------------------------
# A file whose name is not UTF-8


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="names here are always Unicode")
@pytest.mark.parametrize("args", [["check", "--no-config", "."], ["check", "--no-config", "--format", "json", "."],
                                  ["fix", "--no-config", "--in-place", "."],
                                  ["report", "--no-config", ".", "-o", "report.html"]],
                         ids=["check", "check-json", "fix", "report"])
def test_a_file_name_that_is_not_utf8(folder: Path, args: list[str]) -> None:
    with open(os.path.join(os.fsencode(folder), b"\xff\xfe.md"), "w", encoding="utf-8") as f:
        f.write(TEXT)
    r = run(args, folder)
    assert r.code == 2, r.err[:3000]
    assert [line.split("error: ", 1)[1] for line in r.errors()] == [
        "\ufffd\ufffd.md: this file's name is not UTF-8 text, so speakeasy did not check it. Rename it with letters "
        "your system shows, and try again."]
    if args[0] == "check":
        assert "good.md" in r.out
    if "json" in args:
        assert [f["path"] for f in json.loads(r.out)["files"]] == ["good.md"]
    if args[0] == "fix":
        assert (folder / "good.md").read_text(encoding="utf-8") == FIXED
    within_bounds(r)
