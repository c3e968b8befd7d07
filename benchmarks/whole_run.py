"""Benchmark: the whole run a user waits for, against proselint, in the same minutes.

``bench.py`` times the linting inside one process.  A user waits for more:
starting Python, importing, reading, checking, and writing every finding.
This script times exactly what a user types, as fresh processes, and puts
each figure beside a baseline measured in the same run, taken in turns
(speakeasy, then proselint, then speakeasy again ...), so that a busy
machine slows both alike.

What it runs (each ``--repeat`` times; the median is reported):

1. **The corpus** (default: 100 Markdown files of about 10,000 words, made by
   ``bench.py``'s corpus builder from the shared data; or ``--corpus DIR``,
   for example the Debian corpus from ``debian_corpus.py``):

   - ``speakeasy check --no-cache --jobs 1 CORPUS`` with human output, on one CPU;
   - the same with ``--format json``;
   - ``speakeasy check --no-cache CORPUS`` with the default number of workers, on every CPU;
   - ``proselint check CORPUS`` with its default checks and no limit on findings, on one CPU
     (the baseline).

2. **One long file**: the corpus joined into one Markdown file of
   ``--long-words`` words (default 800,000), with the peak memory of each
   process, against proselint on the same file.

3. **A one-line file**: the CPU time of ``speakeasy check --no-cache``, against
   ``python -c pass`` and proselint on the same file.

4. **A 300-page Word document** (``bench_docx.build``: headings, paragraphs
   and tables), against reading it with python-docx alone.

Every speakeasy command must exit 0 or 1 (findings) and write output; the
script stops with the command's error otherwise.  Nothing is downloaded.

    python benchmarks/whole_run.py                       # the full run
    python benchmarks/whole_run.py --quick               # a check that the script works
    python benchmarks/whole_run.py --json benchmarks/out/whole_run.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import bench  # noqa: E402  (benchmarks/bench.py: the corpus builder and word count)
import bench_docx  # noqa: E402

# The goals of issue 18.
GOAL_WPS = 100_000
GOAL_VS_PROSELINT = 2.5
GOAL_JOBS_SPEEDUP = 1.8
GOAL_STARTUP_CPU_S = 0.4
GOAL_LONG_PEAK_MIB = 250
GOAL_DOCX_S = 4.0
GOAL_DOCX_PEAK_MIB = 300


# ---------------------------------------------------------------------------
# Running one command as a user would


def run(cmd: list[str], env: dict[str, str], cpus: set[int] | None) -> dict:
    """Run ``cmd`` in a fresh process and read all it writes, as a pager or a CI log would.

    Returns the wall time, the child's own CPU time and peak memory (from
    ``wait4``), its exit code and how many bytes it wrote.
    """
    pre = (lambda: os.sched_setaffinity(0, cpus)) if cpus and hasattr(os, "sched_setaffinity") else None
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=REPO,
                            preexec_fn=pre)
    out = 0
    assert proc.stdout is not None and proc.stderr is not None
    while chunk := proc.stdout.read(1 << 16):
        out += len(chunk)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"whole_run.py: {' '.join(cmd)} failed with exit {proc.returncode}:\n"
                         f"{err.decode('utf-8', 'replace')[-2000:]}")
    return {"seconds": wall, "cpu_seconds": usage.ru_utime + usage.ru_stime,
            "peak_mib": usage.ru_maxrss / 1024, "exit": proc.returncode, "output_bytes": out}


def median_of(runs: list[dict]) -> dict:
    got = {k: statistics.median(r[k] for r in runs) for k in ("seconds", "cpu_seconds", "peak_mib")}
    got["peak_mib"] = max(r["peak_mib"] for r in runs)  # the worst peak, not the middle one
    got["output_bytes"] = runs[-1]["output_bytes"]
    got["runs"] = runs
    return got


def in_turns(commands: dict[str, tuple[list[str], set[int] | None]], env: dict[str, str], repeat: int,
             log) -> dict[str, dict]:
    """Run every command once per round, round after round, and take each one's median."""
    runs: dict[str, list[dict]] = {name: [] for name in commands}
    for r in range(repeat):
        for name, (cmd, cpus) in commands.items():
            runs[name].append(run(cmd, env, cpus))
            log(f"  round {r + 1}/{repeat}: {name}: {runs[name][-1]['seconds']:.2f} s")
    return {name: median_of(rs) for name, rs in runs.items()}


# ---------------------------------------------------------------------------
# Inputs


# proselint's own command, with its limit on findings raised: `--config` with "max_errors" is not
# applied by proselint 0.16 (its `dump-config` still says 1,000), and the limit would let it stop early
# on a long file.  The module's default is changed before its command line reads it.
_PROSELINT = (
    "import sys\n"
    "import proselint.config as c\n"
    "c.DEFAULT['max_errors'] = 10**9\n"
    "from proselint.command_line import main\n"
    "sys.argv = ['proselint', 'check', *sys.argv[1:]]\n"
    "main()\n"
)


def proselint_command() -> list[str] | None:
    """``proselint check`` with its default checks and no limit on findings, or None if it is missing."""
    probe = subprocess.run([sys.executable, "-c", "import proselint.command_line, proselint.config"],
                           capture_output=True)
    if probe.returncode != 0:
        return None
    return [sys.executable, "-c", _PROSELINT]


def long_file(corpus: Path, out: Path, words: int) -> int:
    """Join the corpus's files, again and again if need be, into one Markdown file of about ``words`` words."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.iterdir()) if p.suffix in (".md", ".txt")]
    counts = [bench.count_words(t) for t in texts]
    got = 0
    with out.open("w", encoding="utf-8") as fh:
        while got < words:
            for text, n in zip(texts, counts):
                fh.write(text.rstrip("\n") + "\n\n")
                got += n
                if got >= words:
                    break
    return got


def corpus_words(corpus: Path) -> int:
    return sum(bench.count_words(p.read_text(encoding="utf-8")) for p in corpus.iterdir()
               if p.suffix in (".md", ".txt"))


# ---------------------------------------------------------------------------
# The report


def _wps(words: int, seconds: float) -> float:
    return words / seconds if seconds > 0 else 0.0


def report(res: dict) -> list[str]:
    lines: list[str] = []
    p = lines.append
    m = res["machine"]
    p(f"speakeasy whole-run benchmark, {res['date']}, commit {res['commit']}")
    p(f"Machine: {m['cpus']} CPUs, Python {m['python']}, load average {m['load_start']:.2f} at the start and "
      f"{m['load_end']:.2f} at the end; {res['repeat']} rounds, medians; took {res['total_seconds']:.0f} s")
    c = res["corpus"]
    p(f"Corpus: {c['files']} files, {c['words']:,} words ({c['source']})")
    p("")
    p("| what | seconds | CPU s | peak MiB | words/s | × proselint (speed) |")
    p("|---|---:|---:|---:|---:|---:|")
    for key, row in res["rows"].items():
        vs = row.get("vs_proselint")
        p(f"| {row['label']} | {row['seconds']:.2f} | {row['cpu_seconds']:.2f} | {row['peak_mib']:.0f} | "
          f"{row['words_per_second']:,.0f} | {'' if vs is None else f'{vs:.2f}×'} |")
    p("")
    p("| goal | measured | met? |")
    p("|---|---:|---|")
    for g in res["goals"]:
        p(f"| {g['goal']} | {g['measured']} | {'yes' if g['met'] else '**no**'} |")
    return lines


def goals(res: dict) -> list[dict]:
    rows = res["rows"]
    out = []

    def add(goal: str, measured: str, met: bool) -> None:
        out.append({"goal": goal, "measured": measured, "met": met})

    h = rows["corpus_human"]
    add(f"at least {GOAL_WPS:,} words/s, one CPU, human output", f"{h['words_per_second']:,.0f}",
        h["words_per_second"] >= GOAL_WPS)
    if h.get("vs_proselint") is not None:
        add(f"at least {GOAL_VS_PROSELINT}× proselint's speed", f"{h['vs_proselint']:.2f}×",
            h["vs_proselint"] >= GOAL_VS_PROSELINT)
    j = rows["corpus_json"]
    ratio = j["seconds"] / h["seconds"]
    add("JSON output no slower than human output (time ratio at most 1.05)", f"{ratio:.2f}", ratio <= 1.05)
    d = rows["corpus_default_jobs"]
    speedup = h["seconds"] / d["seconds"]
    add(f"default workers at least {GOAL_JOBS_SPEEDUP}× as fast as --jobs 1 ({res['machine']['cpus']} CPUs)",
        f"{speedup:.2f}×", speedup >= GOAL_JOBS_SPEEDUP)
    s = rows["one_line"]
    add(f"one-line file, --no-cache: at most {GOAL_STARTUP_CPU_S} s of CPU", f"{s['cpu_seconds']:.2f} s",
        s["cpu_seconds"] <= GOAL_STARTUP_CPU_S)
    lf = rows["long_file"]
    add(f"one {res['long_words']:,}-word file: at most {GOAL_LONG_PEAK_MIB} MiB", f"{lf['peak_mib']:.0f} MiB",
        lf["peak_mib"] <= GOAL_LONG_PEAK_MIB)
    dx = rows["docx"]
    add(f"{res['docx_pages']}-page .docx: at most {GOAL_DOCX_S} s and {GOAL_DOCX_PEAK_MIB} MiB",
        f"{dx['seconds']:.2f} s, {dx['peak_mib']:.0f} MiB",
        dx["seconds"] <= GOAL_DOCX_S and dx["peak_mib"] <= GOAL_DOCX_PEAK_MIB)
    return out


# ---------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data", help="the shared data folder")
    ap.add_argument("--corpus", type=Path, help="use the .md and .txt files in this folder as the corpus")
    ap.add_argument("--files", type=int, default=100, help="files in the built corpus (default 100)")
    ap.add_argument("--words", type=int, default=1_000_000, help="words in the built corpus (default 1,000,000)")
    ap.add_argument("--long-words", type=int, default=800_000, help="words in the long file (default 800,000)")
    ap.add_argument("--docx-pages", type=int, default=300, help="pages of the Word document (default 300)")
    ap.add_argument("--repeat", type=int, default=3, help="rounds; each figure is the median (default 3)")
    ap.add_argument("--quick", action="store_true",
                    help="a small check that the script works: 5 files, 5,000 words, 20,000 in the long "
                         "file, 5 pages, 1 round")
    ap.add_argument("--no-proselint", action="store_true", help="leave proselint out")
    ap.add_argument("--json", type=Path, help="write every figure and every run to this file")
    ap.add_argument("--markdown", type=Path, help="write the tables to this file")
    opts = ap.parse_args(argv)
    if opts.quick:
        opts.files, opts.words, opts.long_words, opts.docx_pages, opts.repeat = 5, 5_000, 20_000, 5, 1
    return opts


def main(argv: list[str] | None = None) -> int:
    opts = parse_args(argv)
    t_start = time.perf_counter()

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else list(range(os.cpu_count() or 1))
    one_cpu = {cpus[-1]}
    py = sys.executable
    speakeasy = [py, "-m", "speakeasy", "check", "--no-cache", "--no-config"]
    with tempfile.TemporaryDirectory(prefix="speakeasy-whole-") as tmp_s:
        tmp = Path(tmp_s)
        env = {**os.environ, "NO_COLOR": "1", "SPEAKEASY_CACHE_DIR": str(tmp / "cache"),
               "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        corpus = tmp / "corpus"
        if opts.corpus:
            info = bench.use_corpus(opts.corpus, corpus)
            source = str(opts.corpus)
        else:
            log(f"building a corpus of {opts.files} files, {opts.words:,} words ...")
            info = bench.build_corpus(corpus, opts.data, opts.files, opts.words)
            source = f"built by bench.py from {opts.data}, seed {bench.SEED}"
        words = corpus_words(corpus)
        files = sum(1 for p in corpus.iterdir() if p.suffix in (".md", ".txt"))
        proselint = None if opts.no_proselint else proselint_command()

        rows: dict[str, dict] = {}
        load_start = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0

        # 1. the corpus
        log("the corpus ...")
        cmds = {
            "corpus_human": (speakeasy + ["--jobs", "1", str(corpus)], one_cpu),
            "corpus_json": (speakeasy + ["--jobs", "1", "--format", "json", str(corpus)], one_cpu),
            "corpus_default_jobs": (speakeasy + [str(corpus)], set(cpus)),
        }
        if proselint:
            cmds["corpus_proselint"] = (proselint + [str(corpus)], one_cpu)
        got = in_turns(cmds, env, opts.repeat, log)
        labels = {"corpus_human": "corpus, `--jobs 1`, human output",
                  "corpus_json": "corpus, `--jobs 1`, `--format json`",
                  "corpus_default_jobs": f"corpus, default workers ({len(cpus)} CPUs)",
                  "corpus_proselint": "corpus, proselint (baseline)"}
        for name, row in got.items():
            rows[name] = {**row, "label": labels[name], "words": words,
                          "words_per_second": _wps(words, row["seconds"])}

        # 2. one long file
        log("one long file ...")
        long_md = tmp / "long.md"
        long_words = long_file(corpus, long_md, opts.long_words)
        cmds = {"long_file": (speakeasy + ["--jobs", "1", str(long_md)], one_cpu)}
        if proselint:
            cmds["long_proselint"] = (proselint + [str(long_md)], one_cpu)
        for name, row in in_turns(cmds, env, opts.repeat, log).items():
            label = (f"one {long_words:,}-word file, human output" if name == "long_file"
                     else "one long file, proselint (baseline)")
            rows[name] = {**row, "label": label, "words": long_words,
                          "words_per_second": _wps(long_words, row["seconds"])}

        # 3. a one-line file
        log("a one-line file ...")
        one = tmp / "one.md"
        one.write_text("We will utilise the new system to facilitate your care.\n", encoding="utf-8")
        cmds = {"one_line": (speakeasy + [str(one)], one_cpu),
                "one_line_python": ([py, "-c", "pass"], one_cpu)}
        if proselint:
            cmds["one_line_proselint"] = (proselint + [str(one)], one_cpu)
        for name, row in in_turns(cmds, env, max(opts.repeat, 3), log).items():
            label = {"one_line": "a one-line file", "one_line_python": "`python -c pass` (baseline)",
                     "one_line_proselint": "a one-line file, proselint"}[name]
            rows[name] = {**row, "label": label, "words": 10, "words_per_second": 0.0}

        # 4. a long Word document
        log(f"a {opts.docx_pages}-page Word document ...")
        docx_path = tmp / "long.docx"
        docx_words = bench_docx.build(docx_path, opts.docx_pages, 20261122)
        read_docx = ("import docx, sys\nd = docx.Document(sys.argv[1])\n"
                     "n = sum(len(p.text) for p in d.paragraphs)\n"
                     "n += sum(len(c.text) for t in d.tables for r in t.rows for c in r.cells)\n")
        cmds = {"docx": (speakeasy + ["--jobs", "1", str(docx_path)], one_cpu),
                "docx_python_docx": ([py, "-c", read_docx, str(docx_path)], one_cpu)}
        for name, row in in_turns(cmds, env, opts.repeat, log).items():
            label = (f"a {opts.docx_pages}-page .docx ({docx_words:,} words)" if name == "docx"
                     else "the same .docx read by python-docx alone (baseline)")
            rows[name] = {**row, "label": label, "words": docx_words,
                          "words_per_second": _wps(docx_words, row["seconds"])}

        for name in ("corpus_human", "corpus_json", "corpus_default_jobs"):
            if "corpus_proselint" in rows:
                rows[name]["vs_proselint"] = rows["corpus_proselint"]["seconds"] / rows[name]["seconds"]
        if "long_proselint" in rows:
            rows["long_file"]["vs_proselint"] = rows["long_proselint"]["seconds"] / rows["long_file"]["seconds"]
        if "one_line_proselint" in rows:
            rows["one_line"]["vs_proselint"] = rows["one_line_proselint"]["seconds"] / rows["one_line"]["seconds"]

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=REPO).stdout.strip() or "unknown"
    res = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
        "machine": {"cpus": len(cpus), "python": platform.python_version(), "platform": platform.platform(),
                    "load_start": load_start,
                    "load_end": os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0},
        "repeat": opts.repeat,
        "corpus": {"files": files, "words": words, "source": source, **{k: v for k, v in info.items()
                                                                          if k in ("sha256", "bytes")}},
        "long_words": long_words,
        "docx_pages": opts.docx_pages,
        "rows": rows,
        "proselint": bool(proselint),
        "total_seconds": time.perf_counter() - t_start,
    }
    res["goals"] = goals(res)
    text = "\n".join(report(res))
    print(text)
    if opts.json:
        opts.json.parent.mkdir(parents=True, exist_ok=True)
        opts.json.write_text(json.dumps(res, indent=2), encoding="utf-8")
    if opts.markdown:
        opts.markdown.parent.mkdir(parents=True, exist_ok=True)
        opts.markdown.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
