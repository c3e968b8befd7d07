#!/usr/bin/env python3
"""Benchmark: a big CI run, many files (issue 5).

Times the whole command ``python -m speakeasy check CORPUS --format json`` on
1,000 files of about 1,000 words each (about 1,000,000 words), built by
``bench.py``'s corpus builder (same sources, same seed rules, nothing
downloaded, nothing stored in the repository), in these ways:

* **cold, one process** (``--jobs 1``, an empty results cache): the baseline
  every other figure is a ratio of;
* **no cache, one process** (``--jobs 1 --no-cache``): what writing the cache costs;
* **cold, two processes** (``--jobs 2``, an empty cache);
* **warm, one process** and **warm, two processes**: every file unchanged
  since the last run, so every result comes from the cache;
* **warm, 1% of files changed** (``--jobs 2``): the usual CI run when the
  cache folder is kept between runs;
* ``python -c "import spacy; spacy.blank('en')"``: what any run that checks a
  file pays to start, for scale.

Each way runs ``--repeat`` times (default 3) in fresh processes, taking
turns so a change in machine load affects each alike; the median is reported.
Every run's report must be byte-for-byte the same as the cold serial run's
(the 1%-changed run is compared with a serial run on the same changed files),
which checks that parallel and cached results come in the same order with
the same content.

    python benchmarks/bench_many.py [--files 1000] [--words 1000000] [--repeat 3] [--json FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench  # noqa: E402  (the corpus builder and the child environment)


def _folder_size(folder: Path) -> tuple[int, int]:
    n = size = 0
    if folder.is_dir():
        for p in folder.iterdir():
            if p.is_file():
                n += 1
                size += p.stat().st_size
    return n, size


def run(cmd: list[str], env: dict, cwd: str) -> tuple[float, str, int]:
    """(wall seconds, sha256 of standard output, exit code)."""
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd, env=env)
    elapsed = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise SystemExit(f"bench_many.py: {' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr.decode()}")
    return elapsed, hashlib.sha256(proc.stdout).hexdigest(), proc.returncode


def change_files(corpus: Path, every: int) -> list[Path]:
    """Append a sentence to every ``every``-th file; returns the files changed."""
    changed = []
    for i, p in enumerate(sorted(corpus.iterdir())):
        if i % every == 0:
            with open(p, "a", encoding="utf-8") as fh:
                fh.write("\nWe will signpost you to other services.\n")
            changed.append(p)
    return changed


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=bench.DEFAULT_DATA, help="the shared data folder")
    p.add_argument("--files", type=int, default=1000, help="number of files (default 1,000)")
    p.add_argument("--words", type=int, default=1_000_000, help="corpus size in words (default 1,000,000)")
    p.add_argument("--seed", type=int, default=bench.SEED)
    p.add_argument("--repeat", type=int, default=3, help="runs of each way; the median is reported (default 3)")
    p.add_argument("--json", metavar="FILE", help="also write every figure and every run to FILE")
    opts = p.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="speakeasy-bench-many-"))
    t_run = time.perf_counter()

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - t_run:6.1f}s] {msg}", file=sys.stderr, flush=True)

    try:
        bench.PYCACHE_PREFIX = str(workdir / "pycache")
        corpus_dir = workdir / "corpus"
        log(f"building the corpus ({opts.words:,} words in {opts.files:,} files) ...")
        corpus = bench.build_corpus(corpus_dir, opts.data.resolve(), opts.files, opts.words, opts.seed)
        check = [sys.executable, "-m", "speakeasy", "check", str(corpus_dir), "--no-config", "--format", "json"]
        spacy_cmd = [sys.executable, "-c", "import spacy; spacy.blank('en')"]

        def env(cache: Path | None) -> dict:
            e = bench._child_env(str(cache) if cache is not None else "")
            e.pop("CI", None)
            e.pop("SPEAKEASY_CACHE_MAX_MB", None)
            return e

        # One untimed run: byte-compiles speakeasy and fills the word-form cache shared by every run.
        shared = workdir / "expansions"
        log("one untimed run (byte-compiling, word forms) ...")
        run(check + ["--jobs", "1", "--no-cache"], env(shared), str(workdir))
        if any(p.name.endswith(".result") for p in shared.iterdir()):
            raise SystemExit("bench_many.py: --no-cache stored results; the cold runs would not be cold")
        ways = ["cold_j1", "nocache_j1", "cold_j2", "warm_j1", "warm_j2", "spacy"]
        runs: dict[str, list[dict]] = {w: [] for w in ways}
        cache_sizes = []
        for i in range(opts.repeat):
            cache = workdir / f"cache-{i}"
            shutil.copytree(shared, cache)  # word forms cached, no results: "cold" means no results
            cache2 = workdir / f"cache2-{i}"
            shutil.copytree(shared, cache2)
            plan = [
                ("cold_j1", check + ["--jobs", "1"], cache),
                ("nocache_j1", check + ["--jobs", "1", "--no-cache"], shared),
                ("cold_j2", check + ["--jobs", "2"], cache2),
                ("warm_j1", check + ["--jobs", "1"], cache),
                ("warm_j2", check + ["--jobs", "2"], cache),
                ("spacy", spacy_cmd, None),
            ]
            for way, cmd, folder in plan:
                log(f"{way} ({i + 1}/{opts.repeat}) ...")
                seconds, digest, code = run(cmd, env(folder), str(workdir))
                runs[way].append({"seconds": seconds, "output_sha256": digest, "exit": code})
            n, size = _folder_size(cache)
            cache_sizes.append({"entries": n, "bytes": size})
            shutil.rmtree(cache2, ignore_errors=True)

        # The usual CI run: the cache is kept, 1% of the files changed since.
        every = 100
        changed = change_files(corpus_dir, every)
        log(f"changed {len(changed)} files; serial reference run ...")
        ref_seconds, ref_digest, _ = run(check + ["--jobs", "1", "--no-cache"], env(shared), str(workdir))
        runs["changed_j2"] = []
        for i in range(opts.repeat):
            cache = workdir / f"cache-changed-{i}"
            shutil.copytree(workdir / f"cache-{i}", cache)
            log(f"changed_j2 ({i + 1}/{opts.repeat}) ...")
            seconds, digest, code = run(check + ["--jobs", "2"], env(cache), str(workdir))
            runs["changed_j2"].append({"seconds": seconds, "output_sha256": digest, "exit": code})

        base_digest = runs["cold_j1"][0]["output_sha256"]
        same = {w: all(r["output_sha256"] == base_digest for r in runs[w]) for w in ways if w != "spacy"}
        same["changed_j2"] = all(r["output_sha256"] == ref_digest for r in runs["changed_j2"])
        med = {w: statistics.median(r["seconds"] for r in rs) for w, rs in runs.items()}
        base = med["cold_j1"]
        res = {
            "machine": {"python": platform.python_version(), "platform": platform.platform(),
                        "cpus": os.cpu_count(),
                        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None},
            "corpus": {k: v for k, v in corpus.items() if k != "manifest"},
            "repeat": opts.repeat,
            "median_seconds": med,
            "ratio_to_cold_j1": {w: s / base for w, s in med.items()},
            "words_per_second": {w: corpus["words"] / s for w, s in med.items() if w != "spacy"},
            "same_output_as_serial": same,
            "changed_files": len(changed),
            "cache": cache_sizes[-1],
            "runs": runs,
            "total_seconds": time.perf_counter() - t_run,
        }
        labels = {
            "cold_j1": "cold cache, --jobs 1 (baseline)",
            "nocache_j1": "--no-cache, --jobs 1",
            "cold_j2": "cold cache, --jobs 2",
            "warm_j1": "warm cache, --jobs 1 (nothing changed)",
            "warm_j2": "warm cache, --jobs 2 (nothing changed)",
            "changed_j2": f"warm cache, --jobs 2, {len(changed)} files changed",
            "spacy": "python -c \"import spacy; spacy.blank('en')\"",
        }
        print(f"\nCorpus: {corpus['files']:,} files, {corpus['words']:,} words, "
              f"{corpus['bytes'] / 1e6:.1f} MB, sha256 {corpus['sha256'][:16]}...")
        print(f"Machine: {os.cpu_count()} CPUs, load average {res['machine']['load_average']}\n")
        print(f"| {'run':<48} | {'seconds':>8} | {'x baseline':>10} | {'words/s':>9} | same report |")
        print(f"|{'-' * 50}|{'-' * 10}|{'-' * 12}|{'-' * 11}|-------------|")
        for w in ["cold_j1", "nocache_j1", "cold_j2", "warm_j1", "warm_j2", "changed_j2", "spacy"]:
            wps = f"{res['words_per_second'][w]:>9,.0f}" if w in res["words_per_second"] else " " * 9
            ok = ("yes" if same[w] else "NO") if w in same else ""
            print(f"| {labels[w]:<48} | {med[w]:>8.2f} | {med[w] / base:>10.3f} | {wps} | {ok:<11} |")
        c = res["cache"]
        print(f"\nCache after one full run: {c['entries']:,} files, {c['bytes'] / 1e6:.1f} MB "
              f"({c['bytes'] / max(corpus['files'], 1) / 1024:.0f} KB per checked file).")
        if opts.json:
            Path(opts.json).parent.mkdir(parents=True, exist_ok=True)
            Path(opts.json).write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
            log(f"wrote {opts.json}")
        if not all(same.values()):
            print("A run's report differs from the serial run's: see 'same report'.", file=sys.stderr)
            return 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
