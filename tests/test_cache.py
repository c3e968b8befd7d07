"""The results cache: entries, pruning by size and age of use, the ``cache`` command."""

from __future__ import annotations

import json
import os
import time
import zlib
from multiprocessing import get_context
from pathlib import Path

import pytest

from speakeasy import cache, cachefile
from speakeasy.cli import main
from speakeasy.config import resolve
from speakeasy.engine import lint_document
from speakeasy.ruleset import build_ruleset
from speakeasy.runner import iter_results
from speakeasy.readers import read_path

TEXT = "We will signpost you to services. Staff will commence the visit.\n"


@pytest.fixture()
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", str(folder))
    monkeypatch.delenv("SPEAKEASY_CACHE_MAX_MB", raising=False)
    return folder


def _result(path: Path, ruleset):
    return lint_document(read_path(str(path)), ruleset)


def test_an_entry_is_compressed_and_read_back(cache_folder: Path, tmp_path: Path, default_ruleset) -> None:
    doc = tmp_path / "a.md"
    doc.write_text(TEXT * 50)
    data = doc.read_bytes()
    result = _result(doc, default_ruleset)
    key = cache.ruleset_key(default_ruleset)
    cache.store(str(doc), data, key, result)
    [entry] = list(cache_folder.glob("*" + cache.RESULT_SUFFIX))
    raw = entry.read_bytes()
    assert raw.startswith(cachefile.MAGIC)
    assert json.loads(zlib.decompress(raw[cachefile._HEADER:]))  # compressed JSON after the header
    back = cache.load(str(doc), data, key)
    assert back is not None
    assert [(f.rule, f.start, f.end) for f in back.findings] == [(f.rule, f.start, f.end) for f in result.findings]
    assert cache.load(str(doc), data + b" ", key) is None  # other content: a miss
    assert cache.load(str(doc), data, key[::-1]) is None  # other rules: a miss


def test_a_damaged_entry_is_a_miss_not_an_error(cache_folder: Path, tmp_path: Path, default_ruleset) -> None:
    doc = tmp_path / "a.md"
    doc.write_text(TEXT)
    data = doc.read_bytes()
    key = cache.ruleset_key(default_ruleset)
    cache.store(str(doc), data, key, _result(doc, default_ruleset))
    [entry] = list(cache_folder.glob("*" + cache.RESULT_SUFFIX))
    entry.write_bytes(b"not zlib at all")
    assert cache.load(str(doc), data, key) is None
    entry.write_bytes(zlib.compress(b"not a pickle"))
    assert cache.load(str(doc), data, key) is None


def test_reading_an_entry_marks_it_used(cache_folder: Path, tmp_path: Path, default_ruleset) -> None:
    doc = tmp_path / "a.md"
    doc.write_text(TEXT)
    data = doc.read_bytes()
    key = cache.ruleset_key(default_ruleset)
    cache.store(str(doc), data, key, _result(doc, default_ruleset))
    [entry] = list(cache_folder.glob("*" + cache.RESULT_SUFFIX))
    os.utime(entry, (1_000_000, 1_000_000))
    assert cache.load(str(doc), data, key) is not None
    assert entry.stat().st_mtime > time.time() - 60


def _fill(folder: Path, n: int, size: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"result-{i:04d}{cache.RESULT_SUFFIX}"
        p.write_bytes(b"x" * size)
        os.utime(p, (1_000_000 + i, 1_000_000 + i))  # entry 0 was used longest ago
        paths.append(p)
    return paths


def test_prune_removes_the_entries_used_longest_ago_down_to_three_quarters(cache_folder: Path) -> None:
    paths = _fill(cache_folder, 10, 1000)
    assert cache.prune(limit=10_000) == 0  # at the limit: nothing to do
    assert cache.prune(limit=8_000) == 4  # over: down to 6,000 bytes
    assert [p.exists() for p in paths] == [False] * 4 + [True] * 6
    assert cache.info().size == 6000


def test_prune_removes_stale_temporary_files_but_not_ones_being_written(cache_folder: Path) -> None:
    cache_folder.mkdir()
    stale = cache_folder / "result-abc.tmp"
    stale.write_bytes(b"half")
    os.utime(stale, (1_000_000, 1_000_000))
    fresh = cache_folder / "result-def.tmp"
    fresh.write_bytes(b"half")
    assert cache.prune(limit=10**9) == 1
    assert not stale.exists() and fresh.exists()


def test_the_size_limit_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SPEAKEASY_CACHE_MAX_MB", raising=False)
    assert cache.max_bytes() == cache.DEFAULT_MAX_MB * 1024 * 1024
    monkeypatch.setenv("SPEAKEASY_CACHE_MAX_MB", "1.5")
    assert cache.max_bytes() == int(1.5 * 1024 * 1024)
    monkeypatch.setenv("SPEAKEASY_CACHE_MAX_MB", "lots")
    assert cache.max_bytes() == cache.DEFAULT_MAX_MB * 1024 * 1024


def test_a_check_prunes_the_cache_after_it_runs(cache_folder: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch, default_ruleset) -> None:
    old = _fill(cache_folder, 20, 50_000)  # 1 MB of entries used long ago
    monkeypatch.setenv("SPEAKEASY_CACHE_MAX_MB", "0.5")
    doc = tmp_path / "a.md"
    doc.write_text(TEXT)
    results = list(iter_results([str(doc)], default_ruleset, use_cache=True))
    assert len(results) == 1
    assert cache.info().size <= 0.5 * 1024 * 1024
    assert not old[0].exists()
    assert len(list(cache_folder.glob("*" + cache.RESULT_SUFFIX))) >= 1  # the new entry (used now) stays


def _lint_shared(args: tuple[str, str]) -> int:
    folder, doc = args
    os.environ["SPEAKEASY_CACHE_DIR"] = folder
    os.environ["SPEAKEASY_CACHE_MAX_MB"] = "0.05"  # so that every run prunes too
    rs = build_ruleset(resolve(no_config=True))
    total = 0
    for _ in range(5):
        for r in iter_results([doc], rs, use_cache=True):
            total += len(r.findings)
    return total


def test_runs_sharing_a_cache_get_the_same_results(cache_folder: Path, tmp_path: Path) -> None:
    docs = []
    for i in range(4):
        d = tmp_path / f"d{i}.md"
        d.write_text(TEXT * (20 + i))
        docs.append(str(d))
    with get_context("fork").Pool(2) as pool:
        first = pool.map(_lint_shared, [(str(cache_folder), d) for d in docs * 2])
    assert first[:4] == first[4:] and all(n > 0 for n in first)
    assert not list(cache_folder.glob("*.tmp"))


def test_the_cache_command(cache_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "a.md"
    doc.write_text(TEXT)
    assert main(["check", str(doc), "--no-config", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["cache"]) == 0
    out = capsys.readouterr().out
    assert f"Folder: {cache_folder}" in out
    assert "Results of files: 1\n" in out
    assert "limit 256.0 MB" in out
    assert main(["cache", "prune"]) == 0
    assert capsys.readouterr().out.startswith("Removed 0 files; the cache now holds ")
    assert main(["cache", "clear"]) == 0
    assert capsys.readouterr().out.startswith("Removed ")
    assert cache.info().size == 0


def test_the_cache_command_when_the_cache_is_off(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("SPEAKEASY_CACHE_DIR", "")
    assert main(["cache", "clear"]) == 0
    assert capsys.readouterr().out == "The cache is turned off (SPEAKEASY_CACHE_DIR is empty).\n"


def test_parallel_runs_send_only_uncached_files_to_workers(cache_folder: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from speakeasy import runner

    monkeypatch.setattr(runner, "BYTES_PER_WORKER", 1)
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(16):
        (folder / f"d{i:02}.md").write_text(TEXT * (i % 4 + 1))
    (folder / "bad.md").write_bytes(b"\x00binary")
    # Cache the even-numbered files only.
    assert main(["check", *[str(folder / f"d{i:02}.md") for i in range(0, 16, 2)], "--no-config", "-q",
                 "--jobs", "1"]) == 0
    capsys.readouterr()
    sent: list[list[str]] = []
    real = runner._parallel
    monkeypatch.setattr(runner, "_parallel", lambda files, *a, **k: sent.append(list(files)) or real(files, *a, **k))
    main(["check", str(folder), "--no-config", "--format", "json", "--jobs", "2"])
    mixed = capsys.readouterr().out
    assert [Path(f).name for f in sent[0]] == ["bad.md"] + [f"d{i:02}.md" for i in range(1, 16, 2)]
    main(["check", str(folder), "--no-config", "--format", "json", "--jobs", "1", "--no-cache"])
    assert capsys.readouterr().out == mixed  # same results, same order
    sent.clear()
    main(["check", str(folder), "--no-config", "--format", "json", "--jobs", "2"])
    assert capsys.readouterr().out == mixed
    assert sent == []  # only bad.md is left, and one file needs no workers


def test_reading_settings_are_part_of_the_key(cache_folder: Path, tmp_path: Path) -> None:
    """A page checked without its footer, then with it: the second run is not given the first run's results."""
    page = tmp_path / "page.html"
    page.write_text('<html lang="en"><body><main><p>Words.</p></main>'
                    "<footer>We will commence soon.</footer></body></html>\n")

    def words(**cli: object) -> list[str]:
        rs = build_ruleset(resolve(cli, no_config=True))
        return [f.match for r in iter_results([str(page)], rs, use_cache=True) for f in r.findings]

    assert words() == []
    assert list(cache_folder.glob("*" + cache.RESULT_SUFFIX))  # the first run was cached
    assert words(include_landmarks=["footer"]) == ["commence"]
    assert words(include_comments=True) == []
    keys = {cache.ruleset_key(build_ruleset(resolve(cli, no_config=True)))
            for cli in ({}, {"include_landmarks": ["footer"]}, {"include_landmarks": ["nav"]})}
    assert len(keys) == 3
