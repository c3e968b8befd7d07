#!/usr/bin/env python3
"""Benchmark: a wordlist of 50,000 entries (issue 16, "Large wordlists").

Builds a wordlist of ``--entries`` entries (default 50,000) from the English
words that ship with the ``wordfreq`` package: real words and two-word
phrases, each with one to three plain alternatives (other real words), some
with ``as``, ``when`` and ``unless``.  Nothing is downloaded and nothing is
stored in the repository.

Then it times, as a user waits for them, each in a fresh process:

* **baseline**: ``speakeasy check`` on a small file with the shipped lists
  only (warm cache).  Every other figure is also given as a ratio of this one,
  measured in the same run on the same machine;
* ``speakeasy check`` on the same small file with the big list, with a
  **cold** cache (a new, empty cache folder), then **warm** (the same folder);
* ``speakeasy words add`` of a new word to (a copy of) the big list, cold and warm;
* ``speakeasy words check`` on the big list.

Each command runs ``--repeat`` times (default 3); the median time, the median CPU
time (the child's user and system time: on a machine shared with other work, the
time waited for a CPU is in the first and not in the second) and the largest peak
memory (the child's ``ru_maxrss``) are reported.

    python benchmarks/big_wordlist.py [--entries 50000] [--repeat 3] [--json FILE] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

SMALL_DOC = """# Help at home

We will commence your care package in May. You can utilise the service at any time.
Please contact us if you need help to get back on your feet, or if you want to take
into account what your carer says. The team will review your plan every year.
"""


_YAML_WORDS = frozenset("null true false yes no on off nan inf".split())


def _shipped_terms() -> set[str]:
    """The terms of speakeasy's own wordlists, without spaces or hyphens, in lower case."""
    from speakeasy.packs import builtin_wordlists_dir, load_wordlist

    return {re.sub(r"[\s-]+", "", e.term.lower()) for path in sorted(builtin_wordlists_dir().glob("*.yaml"))
            for e in load_wordlist(path).entries}


def build_wordlist(entries: int = 50_000, seed: int = 16) -> str:
    """The text of a wordlist of ``entries`` real English words and phrases, A to Z."""
    from wordfreq import top_n_list

    rng = random.Random(seed)
    # (not the words YAML reads as something else: "null", "yes", "off"...)
    words = [w for w in top_n_list("en", 120_000)
             if w.isascii() and w.isalpha() and len(w) > 2 and w not in _YAML_WORDS]
    # No term that speakeasy's own lists have, and no form of one, so that `words check` finds few
    # problems, as in a list a forum keeps: "accompanied" is "accompany", which the shipped list has.
    from lemminflect import getAllLemmas

    shipped = _shipped_terms()

    def lemmas(word: str) -> set[str]:
        return {word} | {lemma for found in getAllLemmas(word).values() for lemma in found}

    words = [w for w in words if not lemmas(w) & shipped]
    common = words[:3000]  # the alternatives: everyday words, none of them (or a form of one) a term here
    taken = {lemma for w in common for lemma in lemmas(w)}
    words = common + [w for w in words[3000:] if not lemmas(w) & taken]
    n_phrases = entries // 5
    terms: dict[str, str] = {}  # without spaces (speakeasy counts "pol icing" as "policing") -> term
    for w in words[3000:]:  # not the plain words the alternatives come from
        if len(terms) >= entries - n_phrases:
            break
        terms[w] = w
    while len(terms) < entries:
        a, b = rng.choice(words[:20_000]), rng.choice(words[:20_000])
        if a + b not in shipped:
            terms.setdefault(a + b, f"{a} {b}")
    lines = [
        "title: A very big list",
        "licence: CC0-1.0",
        "defaults:",
        "  agreed_by: The forum",
        "  status: agreed",
        "words:",
    ]
    for i, term in enumerate(sorted(terms.values(), key=str.casefold)):
        n = rng.randint(1, 3)
        uses = [u for u in rng.sample(common, n + 1) if u not in term.split()][:n]
        lines.append(f"  - term: {term}")
        if len(uses) == 1:
            lines.append(f"    use: {uses[0]}")
        else:
            lines.append("    use:")
            lines.extend(f"      - {u}" for u in uses)
        lines.append(f"    why: \"'{term}' is hard to read. Say '{uses[0]}'.\"")
        if i % 10 == 3 and " " not in term:
            lines.append(f"    as: {rng.choice(['noun', 'verb'])}")
        if i % 25 == 7:
            lines.append(f"    when: [{', '.join(rng.sample(common, 2))}]")
        if i % 30 == 11:
            lines.append(f"    unless: [{rng.choice(common)}]")
        lines.append("")
    return "\n".join(lines)


def _env(cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["SPEAKEASY_CACHE_DIR"] = str(cache)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["NO_COLOR"] = "1"
    return env


def timed(cmd: list[str], cwd: Path, cache: Path) -> tuple[float, float, int, str, float]:
    """Seconds, peak memory (MB, the child's own, from ``os.wait4``), exit code, last line and CPU seconds of one
    fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=_env(cache), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    chunks = []
    assert proc.stdout is not None
    for chunk in iter(lambda: proc.stdout.read(65536), b""):
        chunks.append(chunk)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    text = b"".join(chunks).decode("utf-8", "replace").strip().splitlines()
    return (seconds, usage.ru_maxrss / 1024, proc.returncode, (text[-1] if text else ""),
            usage.ru_utime + usage.ru_stime)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--entries", type=int, default=50_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--keep", type=Path, help="build the files in this folder and keep them")
    args = ap.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="speakeasy-big-wordlist-"))
    work.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    text = build_wordlist(args.entries)
    big = work / "big.yaml"
    big.write_text(text, encoding="utf-8")
    doc = work / "small.md"
    doc.write_text(SMALL_DOC, encoding="utf-8")
    print(f"built {args.entries:,} entries ({len(text) / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f} s, in {work}")
    which = subprocess.run([sys.executable, "-c", "import speakeasy; print(speakeasy.__file__)"], cwd=work,
                           capture_output=True, text=True).stdout.strip()
    print(f"speakeasy from {which}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")

    py = [sys.executable, "-m", "speakeasy"]
    check_base = py + ["check", "--no-config", "--no-cache", str(doc)]
    check_big = check_base + ["--wordlist", str(big)]

    figures: dict[str, list[tuple[float, float, int, str, float]]] = {}

    def measure(name: str, cmd: list[str], cache: Path, before=None) -> None:
        if before:
            before()
        figures.setdefault(name, []).append(timed(cmd, work, cache))

    for r in range(args.repeat):
        warm_base = work / "cache-base"
        if r == 0:
            timed(check_base, work, warm_base)  # fill the cache for the baseline
        measure("baseline: check, shipped lists (warm)", check_base, warm_base)
        cold = work / f"cache-cold-{r}"
        shutil.rmtree(cold, ignore_errors=True)
        measure("check with the big list, cold cache", check_big, cold)
        measure("check with the big list, warm cache", check_big, cold)
        copy = work / f"add-{r}.yaml"
        shutil.copyfile(big, copy)
        add = py + ["words", "add", "zzbenchword", "--use", "plain word", "--why", "It is a test.",
                    "--by", "Bench", "--list", str(copy), "--no-config"]
        cold_add = work / f"cache-add-{r}"
        shutil.rmtree(cold_add, ignore_errors=True)
        measure("words add to the big list, cold cache", add, cold_add)
        shutil.copyfile(big, copy)
        measure("words add to the big list, warm cache", add, cold)
        measure("words check on the big list (warm cache)", py + ["words", "check", "--no-config", str(big)], cold)

    base = statistics.median(s for s, *_ in figures["baseline: check, shipped lists (warm)"])
    base_cpu = statistics.median(r[4] for r in figures["baseline: check, shipped lists (warm)"])
    print(f"\n{'':45} {'median s':>9} {'x baseline':>11} {'CPU s':>6} {'x base CPU':>11} {'peak MB':>8}  exit  last line")
    out = {"entries": args.entries, "repeat": args.repeat, "python": sys.version.split()[0], "figures": {}}
    for name, runs in figures.items():
        secs = statistics.median(s for s, *_ in runs)
        cpu = statistics.median(r[4] for r in runs)
        peak = max(m for _, m, *_ in runs)
        codes = sorted({c for _, _, c, *_ in runs})
        last = runs[-1][3][:60]
        print(f"{name:45} {secs:9.2f} {secs / base:11.1f} {cpu:6.2f} {cpu / base_cpu:11.1f} {peak:8.0f}  {codes}  {last}")
        out["figures"][name] = {"median_s": secs, "ratio": secs / base, "median_cpu_s": cpu,
                                "cpu_ratio": cpu / base_cpu, "peak_mb": peak, "exit": codes,
                                "runs": [[s, m, c, u] for s, m, c, _, u in runs]}
    out["load"] = os.getloadavg()
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
