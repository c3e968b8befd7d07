"""A hostile cache folder (issue 16, S1): no code runs from it, and nothing in it breaks a run.

Another user on the machine, a shared ``SPEAKEASY_CACHE_DIR`` or a CI cache
restored from another branch can put files in the cache folder.  Each case is
built here: a run fills a fresh cache, then its entries are replaced by planted,
damaged, foreign or tampered ones, and the next run must give the same
findings and exit code as a run without the cache, with no traceback.
"""

from __future__ import annotations

import json
import os
import pickle
import stat
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from speakeasy import cache, cachefile
from speakeasy.config import resolve
from speakeasy.ruleset import build_ruleset

from speakeasy.runner import iter_results
TEXT = "We will signpost you to services. Staff will commence the visit in accordance with your plan.\n"
RUN_SECONDS = 120


def run(args: list[str], cache_dir: Path | None, cwd: Path, umask: int | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPEAKEASY_")}
    env["SPEAKEASY_CACHE_DIR"] = "" if cache_dir is None else str(cache_dir)
    env["NO_COLOR"] = "1"

    def child() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run([sys.executable, "-m", "speakeasy", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=RUN_SECONDS, preexec_fn=child)


def assert_clean(proc: subprocess.CompletedProcess) -> None:
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "policy.md").write_text("# Visits\n\n" + TEXT * 3)
    return folder


def check_json(project: Path, cache_dir: Path | None) -> tuple[int, list]:
    proc = run(["check", "policy.md", "--no-config", "--format", "json"], cache_dir, project)
    assert_clean(proc)
    return proc.returncode, json.loads(proc.stdout)["files"]


class Evil:
    """Unpickling this makes a folder: proof that code ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (str(self.marker),))


def test_planted_pickles_never_run(project: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    expected = check_json(project, None)
    assert check_json(project, cache_dir) == expected  # fills the cache
    entries = [p for p in cache_dir.iterdir() if p.is_file()]
    assert any(p.name.endswith(cache.RESULT_SUFFIX) for p in entries)
    assert any(p.name.startswith("wordlist-") for p in entries)
    marker = tmp_path / "code-ran"
    payload = pickle.dumps(Evil(marker))
    for p in entries:  # every entry, under its own name, in the old formats (a compressed pickle for results)
        p.write_bytes(zlib.compress(payload) if p.name.endswith(cache.RESULT_SUFFIX) else payload)
        p.with_suffix(".pickle").write_bytes(payload)  # and where pickles used to be kept
    assert check_json(project, cache_dir) == expected
    assert not marker.exists(), "a planted cache entry ran code"


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped", "empty", "tampered-type"])
def test_a_damaged_entry_is_a_miss(project: Path, tmp_path: Path, damage: str) -> None:
    cache_dir = tmp_path / "cache"
    expected = check_json(project, None)
    check_json(project, cache_dir)
    for p in [p for p in cache_dir.iterdir() if p.is_file()]:
        raw = p.read_bytes()
        if damage == "garbage":
            p.write_bytes(os.urandom(len(raw)))
        elif damage == "truncated":
            p.write_bytes(raw[: len(raw) // 2])
        elif damage == "flipped":
            p.write_bytes(raw[:-5] + bytes([raw[-5] ^ 0x40]) + raw[-4:])
        elif damage == "empty":
            p.write_bytes(b"")
        else:  # a well-formed entry, with a good checksum, holding data of the wrong types
            plain = cachefile.read_plain(p)
            assert plain is not None
            cachefile.write_bytes(p, json.dumps(_wrong_types(plain)).encode(), p.name.endswith(cache.RESULT_SUFFIX))
    for _ in range(2):  # the second run reads what the first one wrote again
        assert check_json(project, cache_dir) == expected


def _wrong_types(value):
    """The same shape with every string a number and every number a string."""
    if isinstance(value, list):
        return [_wrong_types(v) for v in value]
    if isinstance(value, dict):
        return {k: _wrong_types(v) for k, v in value.items()}
    if isinstance(value, str):
        return 7
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "7"
    return value


def _result_entry(folder: Path) -> Path:
    [entry] = list(folder.glob("*" + cache.RESULT_SUFFIX))
    return entry


def _lint(path: Path) -> list[tuple[str, int]]:
    rs = build_ruleset(resolve(no_config=True))
    return [(f.rule, f.start) for r in iter_results([str(path)], rs, use_cache=True) for f in r.findings]


def _tamper(entry: Path) -> None:
    """Rewrite a result entry, with a good checksum, so that it has no findings."""
    plain = cachefile.read_plain(entry)
    assert plain is not None
    plain[2] = []  # FileResult.findings
    assert cachefile.write_bytes(entry, json.dumps(plain).encode(), compress=True)


def test_entries_others_could_have_written_are_ignored(project: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", str(folder))
    doc = project / "policy.md"
    expected = _lint(doc)
    assert expected
    entry = _result_entry(folder)
    _tamper(entry)
    assert _lint(doc) == []  # the control: an entry of the user's own is used as it is
    _tamper(entry)
    entry.chmod(0o620)  # the group could have written it
    assert _lint(doc) == expected
    _tamper(entry)
    entry.chmod(0o602)  # anyone could have written it
    assert _lint(doc) == expected
    # a link in place of an entry is not followed, even to an entry of the user's own
    _tamper(entry)
    elsewhere = tmp_path / "elsewhere.result"
    entry.rename(elsewhere)
    entry.symlink_to(elsewhere)
    assert cache.load(str(doc), doc.read_bytes(), cache.ruleset_key(build_ruleset(resolve(no_config=True)))) is None
    assert _lint(doc) == expected


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a file away")
def test_an_entry_owned_by_another_user_is_ignored(project: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", str(folder))
    doc = project / "policy.md"
    expected = _lint(doc)
    entry = _result_entry(folder)
    _tamper(entry)
    os.chown(entry, 65534, 65534)  # nobody
    assert _lint(doc) == expected


def test_a_fifo_in_place_of_an_entry_does_not_hang(project: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    expected = check_json(project, None)
    check_json(project, cache_dir)
    for p in [p for p in cache_dir.iterdir() if p.is_file()]:
        p.unlink()
        os.mkfifo(p)
    assert check_json(project, cache_dir) == expected  # subprocess.run's timeout fails the test if it hangs


def test_the_folder_is_private_and_so_are_the_entries(project: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "new" / "cache"
    proc = run(["check", "policy.md", "--no-config"], cache_dir, project, umask=0)  # a careless umask
    assert_clean(proc)
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700
    entries = list(cache_dir.iterdir())
    assert entries
    assert {stat.S_IMODE(p.stat().st_mode) for p in entries} == {0o600}
    # a folder made earlier, open to everyone, is narrowed when speakeasy writes to it
    cache_dir.chmod(0o755)
    for p in entries:
        p.unlink()
    assert_clean(run(["check", "policy.md", "--no-config"], cache_dir, project))
    assert stat.S_IMODE(cache_dir.stat().st_mode) == 0o700


def test_entries_are_json_with_a_header(project: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    check_json(project, cache_dir)
    entries = [p for p in cache_dir.iterdir()]
    assert entries
    for p in entries:
        raw = p.read_bytes()
        assert raw.startswith(cachefile.MAGIC), p.name
        assert int.from_bytes(raw[len(cachefile.MAGIC):len(cachefile.MAGIC) + 2], "big") == cachefile.FORMAT
        assert cachefile.read_plain(p) is not None
    # an entry copied under another entry's name fails the checksum
    a, b = sorted(p for p in entries if p.name.startswith("wordlist-"))[:2]
    b.write_bytes(a.read_bytes())
    assert cachefile.read_plain(b) is None


def test_a_future_or_unknown_format_is_a_miss(tmp_path: Path) -> None:
    entry = tmp_path / "forms-x.data"
    assert cachefile.write_bytes(entry, b'[1, 2]')
    assert cachefile.read_plain(entry) == [1, 2]
    raw = bytearray(entry.read_bytes())
    at = len(cachefile.MAGIC)
    raw[at:at + 2] = (cachefile.FORMAT + 1).to_bytes(2, "big")
    entry.write_bytes(bytes(raw))
    assert cachefile.read_plain(entry) is None
    deep = b"[" * 100_000 + b"]" * 100_000  # JSON nested deeper than Python can read: a miss, not a crash
    assert cachefile.write_bytes(entry, deep)
    assert cachefile.read_plain(entry) is None
