#!/usr/bin/env python3
"""Benchmark: ``speakeasy audit`` serially, with ``--jobs 2``, and on a 2-worker Dask cluster (issue 20, docs/scale.md).

Builds a corpus with ``bench.py``'s builder (the shared GOV.UK and
plainlanguage.gov text with social-care jargon; nothing downloaded, nothing
stored), then times each way as a whole command in a fresh process:

* **serial**: ``speakeasy audit CORPUS`` (the baseline);
* **--jobs 2**: two local worker processes;
* **dask, cold**: a ``dask.distributed.LocalCluster`` of 2 worker processes
  (one thread each) that has not run speakeasy yet, so each worker loads the
  rules and spaCy during the run;
* **dask, warm**: the same cluster again (the workers keep the rules).

It reports files/s and words/s, the CPU time (of the audit process, the
local processes it started, and the cluster's workers: on a shared machine
this says how much work each way takes when the wall time says mostly how
busy the machine was), the peak memory of the ``speakeasy audit``
process (the client: the workers' memory is not in it), and checks that every
way wrote the same findings (sorted lines) and the same summary.  ``--sizes``
runs the Dask client at several corpus sizes, to show whether its memory grows
with the number of documents.

    python benchmarks/bench_audit.py [--files 1000] [--words 500000] [--repeat 3] [--sizes 250,1000] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench  # noqa: E402  (the corpus builder)


def _env(cache: Path) -> dict[str, str]:
    env = dict(os.environ, SPEAKEASY_CACHE_DIR=str(cache), SPEAKEASY_NO_PROGRESS="1")
    env["PYTHONPATH"] = str(bench.REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def _workers_cpu() -> float:
    """CPU seconds used so far by this process's living children: the Dask cluster's scheduler and workers."""
    import psutil

    total = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            t = child.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def run_audit(corpus: Path, out: Path, extra: list[str], env: dict[str, str]) -> dict:  # type: ignore[type-arg]
    """One ``speakeasy audit`` in a fresh process: wall seconds, peak memory (MB), the sorted lines, the summary."""
    cmd = [sys.executable, "-m", "speakeasy", "audit", str(corpus), "-o", str(out), "--no-config", *extra]
    workers_before = _workers_cpu()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    workers = _workers_cpu() - workers_before
    stdout, stderr = proc.communicate()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{stderr.decode()}")
    summary_file = out.with_name(out.name[: -len(".jsonl")] + ".summary.json")
    lines = sorted(out.read_text(encoding="utf-8").splitlines())
    # CPU seconds: the audit process with the local processes it waited for (--jobs), and the cluster's workers
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime + workers, "peak_mb": usage.ru_maxrss / 1024,
            "lines": lines,
            "summary": json.loads(summary_file.read_text(encoding="utf-8"))}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--files", type=int, default=1000)
    p.add_argument("--words", type=int, default=500_000)
    p.add_argument("--sizes", default="", help="also run the Dask client on corpora of these many files "
                   "(comma-separated, same words per file) and report its peak memory")
    p.add_argument("--data", type=Path, default=bench.DEFAULT_DATA)
    p.add_argument("--repeat", type=int, default=3, help="rounds; the median of each way is reported (default 3)")
    p.add_argument("--json", metavar="FILE")
    args = p.parse_args()
    from distributed import LocalCluster

    results: dict[str, object] = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                              "load": os.getloadavg()}}
    with tempfile.TemporaryDirectory(prefix="speakeasy-audit-bench-") as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        info = bench.build_corpus(corpus, args.data, args.files, args.words)
        env = _env(root / "cache")
        words = info["words"]
        print(f"corpus: {info['files']} files, {words:,} words, sha256 {info['sha256'][:12]}", flush=True)
        rounds: list[dict[str, dict]] = []  # type: ignore[type-arg]
        cluster_starts = []
        sizes = {}
        for turn in range(args.repeat):  # each way once a round, taking turns, so load changes hit each alike
            runs: dict[str, dict] = {}  # type: ignore[type-arg]
            runs["serial"] = run_audit(corpus, root / "serial.jsonl", [], env)
            runs["jobs 2"] = run_audit(corpus, root / "jobs.jsonl", ["--jobs", "2"], env)
            started = time.perf_counter()
            with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                              worker_dashboard_address=None, silence_logs=logging.CRITICAL) as cluster:
                cluster_starts.append(time.perf_counter() - started)
                address = cluster.scheduler_address
                runs["dask, cold"] = run_audit(corpus, root / "cold.jsonl", ["--dask", address], env)
                runs["dask, warm"] = run_audit(corpus, root / "warm.jsonl", ["--dask", address], env)
                runs["dask, warm, --send-bytes"] = run_audit(corpus, root / "sent.jsonl",
                                                             ["--dask", address, "--send-bytes"], env)
                per_file = max(1, args.words // max(args.files, 1))
                for n in [int(s) for s in args.sizes.split(",") if s.strip()] if turn == 0 else []:
                    other = root / f"corpus-{n}"
                    made = bench.build_corpus(other, args.data, n, per_file * n)
                    r = run_audit(other, root / f"size-{n}.jsonl", ["--dask", address], env)
                    sizes[n] = {"words": made["words"], "seconds": r["seconds"], "peak_mb": r["peak_mb"],
                                "lines": len(r["lines"])}
                    print(f"dask client, {n} files: {r['peak_mb']:.0f} MB peak, {r['seconds']:.1f} s", flush=True)
            rounds.append(runs)
            print(f"round {turn + 1}: " + ", ".join(f"{k} {v['seconds']:.1f} s ({v['cpu']:.1f} s CPU)"
                                                     for k, v in runs.items()), flush=True)
        first = rounds[0]["serial"]
        same = {name: all(r[name]["lines"] == first["lines"] and r[name]["summary"] == first["summary"]
                          for r in rounds) for name in rounds[0]}
        runs = {name: {"seconds": statistics.median(r[name]["seconds"] for r in rounds),
                       "cpu": statistics.median(r[name]["cpu"] for r in rounds),
                       "peak_mb": statistics.median(r[name]["peak_mb"] for r in rounds)} for name in rounds[0]}
        cluster_start = statistics.median(cluster_starts)
        base = runs["serial"]
        print("\n| way | seconds | files/s | words/s | vs serial | CPU seconds | words per CPU second "
              "| client peak MB | same results |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
        table = {}
        for name, r in runs.items():
            fps, wps = info["files"] / r["seconds"], words / r["seconds"]
            table[name] = {"seconds": round(r["seconds"], 2), "files_per_s": round(fps, 1),
                           "words_per_s": round(wps), "speed_up": round(base["seconds"] / r["seconds"], 2),
                           "cpu_seconds": round(r["cpu"], 1), "words_per_cpu_s": round(words / r["cpu"]),
                           "peak_mb": round(r["peak_mb"]), "same": same[name]}
            print(f"| {name} | {r['seconds']:.1f} | {fps:.1f} | {wps:,.0f} | {base['seconds'] / r['seconds']:.2f}x "
                  f"| {r['cpu']:.1f} | {words / r['cpu']:,.0f} | {r['peak_mb']:.0f} | {'yes' if same[name] else 'NO'} |")
        print(f"\nThe cluster took {cluster_start:.1f} s to start (not in the figures). "
              f"{len(first['lines']):,} lines of findings; "
              f"median of {args.repeat} rounds; load average {os.getloadavg()[0]:.1f} at the end.")
        results.update(corpus={k: v for k, v in info.items() if k != "manifest"}, runs=table,
                       cluster_start_seconds=round(cluster_start, 2), sizes=sizes, lines=len(first["lines"]),
                       rounds=[{k: round(v["seconds"], 2) for k, v in r.items()} for r in rounds],
                       load_after=os.getloadavg())
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0 if all(same.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
