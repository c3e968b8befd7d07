#!/usr/bin/env python3
"""speakeasy performance benchmark: throughput, start-up time and memory.

Run from the repository root::

    python benchmarks/bench.py            # the full run: ~1,000,000 words
    python benchmarks/bench.py --quick    # a sanity run: ~50,000 words, well under a minute
    python benchmarks/bench.py --json benchmarks/out/bench.json --profile

What it does (see benchmarks/README.md for what each figure means):

1. Builds a corpus deterministically (fixed seed, no network) from openly
   licensed government prose read at run time from ``../shared/data``
   (``--data DIR``): GOV.UK page snapshots (OGL v3) and plainlanguage.gov pages
   (CC0).  Paragraphs are shuffled with a seeded ``random.Random``, social-care
   jargon and long sentences are sprinkled in, and the result is written to a
   temporary folder as Markdown and plain-text files.  Nothing is copied into
   the repository.
2. Measures, each in a fresh Python process pinned to one CPU:
   the spaCy blank English tokenizer alone (the baseline), speakeasy with the
   default packs, proselint (if it is installed), the start-up time of
   ``python -m speakeasy check`` on a small file, and peak memory for linting
   a fifth of the files against all of them.
3. Prints a table, with every figure also given as a ratio against a baseline
   measured in the same run, and writes everything to ``--json FILE``.

Words are counted the same way for every measurement: whitespace-separated
tokens of the source files that contain at least one letter or digit.

This file imports only the standard library (plus PyYAML, to read the jargon
wordlist while building the corpus); each measurement imports what it needs
in its own child process.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from checkout import speakeasy_api  # noqa: E402  (benchmarks/checkout.py: entry points of any checkout)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"
SEED = 20261121

#: Targets from the issue, and the same targets as ratios against this run's baselines.
TARGET_WPS = 100_000
TARGET_RATIO_TOKENIZER = 0.5  # "spaCy's blank tokenizer alone does about 200,000"
TARGET_RATIO_PROSELINT = 2.0  # "about twice what proselint manages"
TARGET_STARTUP_S = 1.0
TARGET_MEMORY_RATIO = 1.10  # peak RSS for all files / a fifth of the files

_HAS_WORD = re.compile(r"[^\W_]")


def count_words(text: str) -> int:
    """Whitespace-separated tokens with at least one letter or digit."""
    return sum(1 for tok in text.split() if _HAS_WORD.search(tok))


# ---------------------------------------------------------------------------
# Corpus


_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_LIQUID_TAG = re.compile(r"\{%.*?%\}", re.S)
_LIQUID_VAR = re.compile(r"\{\{.*?\}\}", re.S)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPH = re.compile(r"(\*\*|__|\*|`)")
_HEADING = re.compile(r"#{1,6} +(.*)")


def _source_files(data: Path) -> list[Path]:
    gov = sorted((data / "govuk-content-snapshots").glob("*.md"))
    plain = sorted((data / "plainlanguage-gov" / "site-pages").glob("*.md"))
    return gov + plain


def load_pool(data: Path) -> list[tuple[str, str]]:
    """(kind, markdown text) paragraphs from the source pages.

    kind is ``heading``, ``list``, ``table`` or ``para``.  YAML front matter,
    Jekyll/Liquid tags and raw HTML blocks are dropped.
    """
    files = _source_files(data)
    if not files:
        raise SystemExit(
            f"bench.py: no source pages found under {data} (expected govuk-content-snapshots/*.md and "
            "plainlanguage-gov/site-pages/*.md). Use --data DIR to say where the shared data folder is."
        )
    pool: list[tuple[str, str]] = []
    for f in files:
        text = f.read_text(encoding="utf-8").replace("\r\n", "\n")
        text = _FRONT_MATTER.sub("", text)
        text = _LIQUID_TAG.sub("", text)
        text = _LIQUID_VAR.sub("", text)
        in_fence = False
        for chunk in re.split(r"\n[ \t]*\n", text):
            stripped = chunk.strip()
            fences = stripped.count("```") + stripped.count("~~~")
            if in_fence or fences:
                if fences % 2:
                    in_fence = not in_fence
                continue  # code blocks are not prose
            if not stripped or stripped.startswith(("<", "{", ":::")):
                continue
            if stripped.startswith("#"):
                if "\n" in stripped:  # a heading glued to a paragraph: split them
                    head, rest = stripped.split("\n", 1)
                    pool.append(("heading", head))
                    if count_words(rest) >= 3:
                        pool.append(("para", rest.strip()))
                    continue
                pool.append(("heading", stripped))
            elif count_words(stripped) < 3:
                continue
            elif stripped.startswith("|"):
                pool.append(("table", stripped))
            elif re.match(r"([-*+]|\d+\.) ", stripped):
                pool.append(("list", stripped))
            else:
                pool.append(("para", stripped))
    return pool


def load_jargon(repo: Path) -> list[tuple[str, list[str]]]:
    """(term, example sentences) from wordlists/social-care.yaml."""
    import yaml  # PyYAML is a speakeasy dependency

    path = repo / "wordlists" / "social-care.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for entry in data.get("words", []):
        term = str(entry.get("term", "")).strip()
        if term:
            out.append((term, [str(e) for e in entry.get("examples", []) or []]))
    return out


_JARGON_TEMPLATES = (
    "The {t} will be reviewed by the team each year.",
    "Please speak to your social worker about {t}.",
    "We will look at {t} when we next meet you.",
    "Our approach to {t} is set out in the annex.",
    "Staff must record any {t} in the care plan.",
)

_LONG_SENTENCES = (
    "In accordance with the statutory guidance issued under the Care Act 2014, and having regard to the views "
    "of the person, their carers and any relevant professionals, the local authority will ensure that {t} and "
    "{u} are considered at every stage of the process so that the outcomes which are agreed remain appropriate, "
    "proportionate and consistent with the wellbeing principle.",
    "Where it has been determined by the practitioner that {t} is required, the arrangements that are put in "
    "place should be reviewed within a reasonable period, which will normally be no later than six to eight "
    "weeks after they were first agreed, unless the person, their family or the provider asks for an earlier "
    "review because their circumstances have changed in a way that affects {u}.",
    "It is expected that all commissioned providers will work collaboratively with partner agencies, including "
    "health, housing and the voluntary sector, in order to deliver {t} in a way that is person-centred, "
    "strengths-based and outcome-focused, while also maintaining appropriate oversight of {u} and the associated "
    "risks.",
)


def _jargon_paragraph(rng: random.Random, jargon: list[tuple[str, list[str]]]) -> str:
    sentences = []
    for _ in range(rng.randint(2, 4)):
        term, examples = rng.choice(jargon)
        if examples and rng.random() < 0.6:
            sentences.append(rng.choice(examples))
        else:
            sentences.append(rng.choice(_JARGON_TEMPLATES).format(t=term))
    return " ".join(sentences)


def _long_paragraph(rng: random.Random, jargon: list[tuple[str, list[str]]]) -> str:
    t = rng.choice(jargon)[0]
    u = rng.choice(jargon)[0]
    return rng.choice(_LONG_SENTENCES).format(t=t, u=u)


def _to_plain(kind: str, text: str) -> str | None:
    """Markdown paragraph -> plain text (None: leave it out of a .txt file)."""
    if kind == "table":
        return None
    if kind == "heading":
        m = _HEADING.match(text)
        text = m.group(1) if m else text.lstrip("#").strip()
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_EMPH.sub("", text)
    return text


def build_corpus(out: Path, data: Path, files: int, words: int, seed: int = SEED) -> dict:
    """Write ``files`` documents of about ``words / files`` words each into ``out``."""
    t0 = time.perf_counter()
    pool = load_pool(data)
    jargon = load_jargon(REPO)
    rng = random.Random(seed)
    headings = [t for k, t in pool if k == "heading"]
    body = [(k, t) for k, t in pool if k != "heading" or rng.random() < 0.5]
    deck: list[tuple[str, str]] = []
    per_file = max(50, words // max(files, 1))
    out.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    manifest = []
    total = 0
    md_count = 0
    for i in range(files):
        fmt = "md" if rng.random() < 0.7 else "txt"
        title = _HEADING.sub(r"\1", rng.choice(headings)).strip() if headings else f"Policy {i + 1}"
        parts = [f"# {title}" if fmt == "md" else title]
        n = count_words(title)
        while n < per_file:
            r = rng.random()
            if r < 0.12:
                kind, text = "para", _jargon_paragraph(rng, jargon)
            elif r < 0.16:
                kind, text = "para", _long_paragraph(rng, jargon)
            else:
                if not deck:
                    deck = list(body)
                    rng.shuffle(deck)
                kind, text = deck.pop()
            if fmt == "txt":
                text = _to_plain(kind, text)
                if text is None:
                    continue
            parts.append(text)
            n += count_words(text)
        content = "\n\n".join(parts) + "\n"
        name = f"doc-{i + 1:04d}.{fmt}"
        (out / name).write_text(content, encoding="utf-8")
        wc = count_words(content)
        digest.update(name.encode() + b"\0" + content.encode("utf-8") + b"\0")
        manifest.append({"name": name, "words": wc})
        total += wc
        md_count += fmt == "md"
    return {
        "folder": str(out),
        "files": files,
        "markdown_files": md_count,
        "text_files": files - md_count,
        "words": total,
        "words_per_file": per_file,
        "bytes": sum((out / m["name"]).stat().st_size for m in manifest),
        "sha256": digest.hexdigest(),
        "seed": seed,
        "source_paragraphs": len(pool),
        "jargon_terms": len(jargon),
        "build_seconds": time.perf_counter() - t0,
        "manifest": manifest,
    }


def use_corpus(src: Path, out: Path) -> dict:
    """Copy a folder of ready .md/.txt files (``--corpus DIR``) into ``out`` and describe it.

    ``SOURCES.md`` and ``README.md`` in the folder describe the corpus, so they are left out.
    """
    t0 = time.perf_counter()
    names = sorted(n for n in os.listdir(src) if n.endswith((".md", ".txt"))
                   and n.upper() not in ("SOURCES.MD", "README.MD") and (src / n).is_file())
    if not names:
        raise SystemExit(f"bench.py: no .md or .txt files in {src}")
    out.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    manifest = []
    for name in names:
        content = (src / name).read_text(encoding="utf-8")
        (out / name).write_text(content, encoding="utf-8")
        digest.update(name.encode() + b"\0" + content.encode("utf-8") + b"\0")
        manifest.append({"name": name, "words": count_words(content)})
    total = sum(m["words"] for m in manifest)
    md_count = sum(n.endswith(".md") for n in names)
    return {
        "folder": str(out),
        "source_folder": str(src),
        "files": len(names),
        "markdown_files": md_count,
        "text_files": len(names) - md_count,
        "words": total,
        "words_per_file": total // len(names),
        "bytes": sum((out / m["name"]).stat().st_size for m in manifest),
        "sha256": digest.hexdigest(),
        "seed": None,
        "build_seconds": time.perf_counter() - t0,
        "manifest": manifest,
    }


def small_file_from(corpus: Path, out: Path, seed: int = SEED) -> tuple[Path, int]:
    """A ~100-word Markdown file from a ready corpus, when the shared data folder is not there."""
    rng = random.Random(seed + 1)
    pool = []
    for f in sorted(corpus.iterdir()):
        for chunk in re.split(r"\n[ \t]*\n", f.read_text(encoding="utf-8")):
            chunk = chunk.strip()
            if chunk and chunk[0].isalpha() and 25 <= count_words(chunk) <= 60:
                pool.append(chunk)
    if not pool:
        raise SystemExit(f"bench.py: no paragraphs of 25 to 60 words in {corpus} for the start-up file")
    parts = ["# A short file", rng.choice(pool)]
    while count_words("\n\n".join(parts)) < 100:
        parts.append(rng.choice(pool))
    text = "\n\n".join(parts) + "\n"
    out.write_text(text, encoding="utf-8")
    return out, count_words(text)


def small_file(out: Path, data: Path, seed: int = SEED) -> tuple[Path, int]:
    """A ~100-word Markdown file for the start-up measurement."""
    rng = random.Random(seed + 1)
    pool = [t for k, t in load_pool(data) if k == "para" and 25 <= count_words(t) <= 60]
    jargon = load_jargon(REPO)
    parts = ["# Short breaks for carers", rng.choice(pool), _jargon_paragraph(rng, jargon)]
    while count_words("\n\n".join(parts)) < 100:
        parts.append(rng.choice(pool))
    text = "\n\n".join(parts) + "\n"
    out.write_text(text, encoding="utf-8")
    return out, count_words(text)


# ---------------------------------------------------------------------------
# Children: each measurement runs in a fresh process (``bench.py --child KIND``)


def _pin(cpu: int | None) -> None:
    if cpu is not None and hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {cpu})
        except OSError:
            pass


def _maxrss_mb() -> float:
    import resource

    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / (1024 * 1024)


def _rss_mb() -> float | None:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _files(folder: str, limit: int | None) -> list[str]:
    names = sorted(n for n in os.listdir(folder) if n.endswith((".md", ".txt")))
    if limit:
        names = names[:limit]
    return [os.path.join(folder, n) for n in names]


def child_tokenizer(args: argparse.Namespace) -> dict:
    t0 = time.perf_counter()
    import spacy

    nlp = spacy.blank("en")
    t_import = time.perf_counter() - t0
    files = _files(args.corpus, args.limit)
    c0, t0 = time.process_time(), time.perf_counter()
    texts = [Path(f).read_text(encoding="utf-8") for f in files]
    t_read = time.perf_counter() - t0
    tokens = 0
    for doc in nlp.tokenizer.pipe(texts, batch_size=256):
        tokens += len(doc)
    elapsed = time.perf_counter() - t0
    return {
        "seconds": elapsed,
        "cpu_seconds": time.process_time() - c0,
        "read_seconds": t_read,
        "tokens": tokens,
        "files": len(files),
        "import_seconds": t_import,
        "spacy_version": spacy.__version__,
        "peak_rss_mb": _maxrss_mb(),
    }


def _speakeasy_setup() -> tuple[object, dict]:
    sys.path.insert(0, str(REPO))
    t0 = time.perf_counter()
    from speakeasy.config import resolve
    build_ruleset = speakeasy_api()[0]

    t1 = time.perf_counter()
    ruleset = build_ruleset(resolve(no_config=True))
    t2 = time.perf_counter()
    # speakeasy imports spaCy lazily, on the first document.  Load it here so the
    # throughput figures are the linting alone (start-up is measured on its own).
    from speakeasy.analysis import load_pipeline

    load_pipeline(ruleset.settings["language_model"])
    t3 = time.perf_counter()
    return ruleset, {"import_seconds": t1 - t0, "setup_seconds": t2 - t1, "spacy_load_seconds": t3 - t2,
                     "rules": len(ruleset.kinds)}


def child_speakeasy(args: argparse.Namespace) -> dict:
    ruleset, info = _speakeasy_setup()
    lint_paths = speakeasy_api()[1]

    files = _files(args.corpus, args.limit)
    target = [args.corpus] if not args.limit else files
    profiler = None
    if args.profile_out:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    c0, t0 = time.process_time(), time.perf_counter()
    report = lint_paths(target, ruleset)
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - c0
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args.profile_out)
    by_rule: dict[str, int] = {}
    for f in report.findings():
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    info.update(
        seconds=elapsed,
        cpu_seconds=cpu,
        files=len(report.files),
        read_errors=len(report.errors),
        findings=sum(by_rule.values()),
        findings_by_rule=dict(sorted(by_rule.items(), key=lambda kv: -kv[1])),
        speakeasy_words=sum(f.stats.get("words", 0) for f in report.files),
        peak_rss_mb=_maxrss_mb(),
    )
    return info


def child_stages(args: argparse.Namespace) -> dict:
    """Time reading, analysis (tokenising, sentences, readability) and each rule separately.

    This mirrors :func:`speakeasy.engine.lint_document` (without directives,
    de-duplication and sorting, which are cheap), forcing the lazy analysis
    first so the rule times are the rules' own.
    """
    ruleset, info = _speakeasy_setup()
    from speakeasy.analysis import Analysis
    from speakeasy.readers import read_path

    files = _files(args.corpus, args.limit)
    model = ruleset.settings["language_model"]
    needs = ruleset.needs()
    t_read = t_tok = t_split = t_scores = 0.0
    per_rule: dict[str, float] = {}
    findings = 0
    pc = time.perf_counter
    t_start = pc()
    for f in files:
        t0 = pc()
        doc = read_path(f)
        t1 = pc()
        a = Analysis(doc, model, needs)
        t2 = pc()  # spaCy tokenises inside the sentence split (only blocks that need it)
        a.sentences
        t3 = pc()
        a.scores()
        t4 = pc()
        t_read += t1 - t0
        t_tok += t2 - t1
        t_split += t3 - t2
        t_scores += t4 - t3
        for kind in ruleset.kinds:
            t5 = pc()
            findings += sum(1 for _ in kind.check(a))
            per_rule[kind.rule.id] = per_rule.get(kind.rule.id, 0.0) + pc() - t5
    total = pc() - t_start
    info.update(
        seconds=total,
        files=len(files),
        findings=findings,
        stages={
            "read and parse": t_read,
            "sentences and words": t_split,
            "readability counts": t_scores,
            "rules": sum(per_rule.values()),
        },
        rules_seconds=dict(sorted(per_rule.items(), key=lambda kv: -kv[1])),
    )
    return info


def child_proselint(args: argparse.Namespace) -> dict:
    t0 = time.perf_counter()
    try:
        from importlib.metadata import version

        from proselint.checks import __register__
        from proselint.config import DEFAULT
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError as exc:
        return {"skipped": f"proselint is not installed or has an API this script does not know ({exc})."}
    CheckRegistry().register_many(__register__)
    config = dict(DEFAULT)
    config["max_errors"] = 10**9  # the default (1000) would let proselint stop early
    t_import = time.perf_counter() - t0
    files = _files(args.corpus, args.limit)
    c0, t0 = time.process_time(), time.perf_counter()
    findings = 0
    for f in files:
        findings += len(LintFile(Path(f)).lint(config))
    return {
        "seconds": time.perf_counter() - t0,
        "cpu_seconds": time.process_time() - c0,
        "files": len(files),
        "findings": findings,
        "import_seconds": t_import,
        "version": version("proselint"),
        "peak_rss_mb": _maxrss_mb(),
    }


def child_memory(args: argparse.Namespace) -> dict:
    """Peak RSS for linting the first ``--limit`` files, with lint_paths or a streaming loop."""
    ruleset, info = _speakeasy_setup()
    files = _files(args.corpus, args.limit)
    import gc

    gc.collect()
    rss_setup = _rss_mb()
    peak_setup = _maxrss_mb()
    kept = 0
    findings = 0
    if args.mode == "lint_paths":
        report = speakeasy_api()[1](files, ruleset)
        findings = report.count()
        kept = len(report.files)
    elif args.mode == "results":
        # Keep every FileResult as lint_paths does, but without its Document:
        # shows how much of lint_paths' growth is the documents and how much the findings.
        from speakeasy.engine import lint_document
        from speakeasy.readers import read_path

        results = []
        for f in files:
            r = lint_document(read_path(f), ruleset)
            r.document = None
            results.append(r)
            findings += len(r.findings)
        kept = len(results)
    else:
        # What `speakeasy check --format json` does: results stream to the
        # reporter one file at a time and only counts are kept.
        import io

        iter_results = speakeasy_api()[2]
        from speakeasy.reporters import json as json_reporter

        class _Null(io.TextIOBase):
            def write(self, text: str) -> int:
                return len(text)

        tally = json_reporter.render_stream(iter_results(files, ruleset), _Null())
        findings = tally.count()
    gc.collect()
    info.update(
        mode=args.mode,
        files=len(files),
        findings=findings,
        results_kept=kept,
        rss_after_setup_mb=rss_setup,
        peak_rss_after_setup_mb=peak_setup,
        rss_end_mb=_rss_mb(),
        peak_rss_mb=_maxrss_mb(),
    )
    return info


CHILDREN = {
    "tokenizer": child_tokenizer,
    "speakeasy": child_speakeasy,
    "stages": child_stages,
    "proselint": child_proselint,
    "memory": child_memory,
}


# ---------------------------------------------------------------------------
# Parent: runs the children and reports


#: Set by main(): where child processes keep their bytecode (see README, "Bytecode").
PYCACHE_PREFIX: str | None = None


def _child_env(cache_dir: str | None) -> dict:
    env = dict(os.environ)
    if PYCACHE_PREFIX:
        # Byte-compile as an installed package would be (pip compiles .pyc files), but keep
        # the .pyc files in the benchmark's temporary folder, not in the repository.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = PYCACHE_PREFIX
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[var] = "1"
    if cache_dir is not None:
        env["SPEAKEASY_CACHE_DIR"] = cache_dir
    return env


def run_child(kind: str, opts: argparse.Namespace, ctx: dict, optional: bool = False, **extra: object) -> dict:
    """Run one measurement in a fresh process.  ``optional``: a failure is reported, not fatal."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--corpus", ctx["corpus"]]
    if opts.cpu is not None:
        cmd += ["--cpu", str(opts.cpu)]
    for key, value in extra.items():
        if value is not None:
            cmd += [f"--{key.replace('_', '-')}", str(value)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ctx["workdir"],
                          env=_child_env(ctx["cache_dir"]))
    if proc.returncode != 0:
        if optional:
            last = (proc.stderr.strip().splitlines() or ["no message"])[-1]
            return {"skipped": f"the '{kind}' measurement failed: {last}"}
        raise SystemExit(f"bench.py: the '{kind}' measurement failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _preexec(cpu: int | None):
    if cpu is None or not hasattr(os, "sched_setaffinity"):
        return None
    return lambda: _pin(cpu)


def time_command(cmd: list[str], env: dict, cwd: str, cpu: int | None) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of the child, exit code)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=env,
                          preexec_fn=_preexec(cpu))
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_s = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"bench.py: {' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr.decode()}")
    return elapsed, cpu_s, proc.returncode


def measure_startup(opts: argparse.Namespace, ctx: dict, small: Path, runs: int) -> dict:
    py = sys.executable
    base_env = _child_env(None)
    base_env.pop("SPEAKEASY_CACHE_DIR", None)
    warm_cache = ctx["cache_dir"]  # filled by the unmeasured speakeasy run before the throughput runs
    commands = {
        "python -c pass": ([py, "-c", "pass"], None),
        "import spacy; spacy.blank('en')": ([py, "-c", "import spacy; spacy.blank('en')"], None),
        "speakeasy check (cold cache)": ([py, "-m", "speakeasy", "check", str(small)], "cold"),
        "speakeasy check (warm cache)": ([py, "-m", "speakeasy", "check", str(small)], warm_cache),
    }

    def env_for(cache: str | None) -> dict:
        env = dict(base_env)
        if cache == "cold":
            env["SPEAKEASY_CACHE_DIR"] = tempfile.mkdtemp(prefix="cold-cache-", dir=ctx["workdir"])
        elif cache is not None:
            env["SPEAKEASY_CACHE_DIR"] = cache
        return env

    # One unmeasured run of each (not with --quick): the OS file cache and the bytecode are warm for all.
    exit_code = None
    for name, (cmd, cache) in ({} if opts.quick else commands).items():
        _, _, rc = time_command(cmd, env_for(cache), ctx["workdir"], opts.cpu)
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):  # interleaved, so drift in machine load hits every command alike
        for name, (cmd, cache) in commands.items():
            wall, cpu_s, rc = time_command(cmd, env_for(cache), ctx["workdir"], opts.cpu)
            if "speakeasy" in name:
                exit_code = rc
            times[name].append(wall)
            cpus[name].append(cpu_s)
    out = {name: {"median": statistics.median(ts), "min": min(ts), "max": max(ts), "runs": ts,
                  "cpu_median": statistics.median(cpus[name])}
           for name, ts in times.items()}
    out["speakeasy_exit_code"] = exit_code
    out["imports"] = {} if opts.quick else import_profile(small, ctx, warm_cache, opts.cpu)
    return out


def import_profile(small: Path, ctx: dict, cache: str, cpu: int | None) -> dict:
    """Cumulative import time by top-level package for ``python -X importtime -m speakeasy check``."""
    env = _child_env(cache)
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "speakeasy", "check", str(small)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ctx["workdir"],
                          env=env, preexec_fn=_preexec(cpu))
    top: dict[str, float] = {}
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if not m:
            continue
        cumulative, indent, name = int(m.group(2)), len(m.group(3)), m.group(4)
        if indent == 1:  # imported directly by the program, not by another module
            pkg = name.split(".")[0]
            top[pkg] = top.get(pkg, 0.0) + cumulative / 1e6
    return dict(sorted(top.items(), key=lambda kv: -kv[1]))


def measure_memory(opts: argparse.Namespace, ctx: dict, n_files: int) -> dict:
    small_n = max(1, n_files // 5)
    out = {"small_files": small_n, "large_files": n_files}
    for mode in ("stream", "lint_paths") if opts.quick else ("stream", "results", "lint_paths"):
        a = run_child("memory", opts, ctx, mode=mode, limit=small_n)
        b = run_child("memory", opts, ctx, mode=mode, limit=n_files)
        out[mode] = {
            "small": a,
            "large": b,
            "peak_ratio": b["peak_rss_mb"] / a["peak_rss_mb"],
            "growth_small_mb": a["peak_rss_mb"] - a["rss_after_setup_mb"],
            "growth_large_mb": b["peak_rss_mb"] - b["rss_after_setup_mb"],
            "kb_per_extra_file": 1024 * (b["peak_rss_mb"] - a["peak_rss_mb"]) / max(1, n_files - small_n),
        }
    return out


def summarise_profile(path: str, top: int = 25) -> dict:
    import pstats

    st = pstats.Stats(path)
    total = st.total_tt  # type: ignore[attr-defined]
    rows = []
    for (filename, line, func), (cc, nc, tt, ct, _callers) in st.stats.items():  # type: ignore[attr-defined]
        rows.append((tt, ct, nc, _short(filename), line, func))
    by_tt = sorted(rows, key=lambda r: -r[0])[:top]
    own = [r for r in rows if "speakeasy" in r[3]]
    by_ct = sorted(own, key=lambda r: -r[1])[:top]

    def fmt(r):
        return {"where": f"{r[3]}:{r[4]}({r[5]})", "own_seconds": r[0], "own_share": r[0] / total,
                "cumulative_seconds": r[1], "cumulative_share": r[1] / total, "calls": r[2]}

    return {"total_seconds": total, "by_own_time": [fmt(r) for r in by_tt],
            "speakeasy_by_cumulative_time": [fmt(r) for r in by_ct]}


def profile_startup(small: Path, ctx: dict, cache: str, cpu: int | None, stats_file: Path, top: int = 20) -> dict:
    """cProfile of one warm ``python -m speakeasy check SMALL.md``: the biggest cumulative costs."""
    import pstats

    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m", "speakeasy", "check", str(small)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ctx["workdir"], env=_child_env(cache),
                   preexec_fn=_preexec(cpu))
    st = pstats.Stats(str(stats_file))
    total = max(ct for (_f, _l, _n), (_cc, _nc, _tt, ct, _c) in st.stats.items())  # type: ignore[attr-defined]
    rows = []
    for (filename, line, func), (_cc, nc, _tt, ct, _c) in st.stats.items():  # type: ignore[attr-defined]
        if filename.startswith("<") or filename == "~" or "importlib" in filename or "runpy" in filename:
            continue
        if func == "<module>" and "speakeasy" not in filename and "spacy/__init__" not in filename:
            continue  # module bodies: counted under the speakeasy function that imports them
        rows.append({"where": f"{_short(filename)}:{line}({func})", "cumulative_seconds": ct,
                     "cumulative_share": ct / total, "calls": nc})
    rows.sort(key=lambda r: -r["cumulative_seconds"])
    return {"total_seconds": total, "by_cumulative_time": rows[:top], "stats_file": os.path.relpath(stats_file)}


def _short(filename: str) -> str:
    for marker in ("site-packages/", "/lib/python3"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    if filename.startswith(str(REPO)):
        return os.path.relpath(filename, REPO)
    return filename


# ---------------------------------------------------------------------------
# Printing


def _wps(words: int, seconds: float) -> float:
    return words / seconds if seconds > 0 else float("inf")


def _median_run(runs: list[dict]) -> dict:
    runs = sorted(runs, key=lambda r: r["seconds"])
    best = dict(runs[len(runs) // 2])
    best["all_seconds"] = [r["seconds"] for r in runs]
    return best


def print_report(res: dict) -> None:
    c = res["corpus"]
    w = c["words"]
    p = print
    p("")
    mach = res["machine"]
    load = mach.get("load_average")
    p(f"speakeasy benchmark  -  Python {mach['python']}, {mach['cpus']} CPUs, pinned to CPU {mach['pinned_cpu']}"
      + (f", load average {load[0]:.2f} at the start, {mach['load_average_end'][0]:.2f} at the end" if load else "")
      + f"; took {res['total_seconds']:.0f} s")
    p(f"Corpus: {c['files']} files ({c['markdown_files']} Markdown, {c['text_files']} plain text), "
      f"{w:,} words, {c['bytes'] / 1e6:.1f} MB, "
      + (f"from {c['source_folder']}" if c.get("source_folder") else f"seed {c['seed']}")
      + f", sha256 {c['sha256'][:16]}")
    p("        words = whitespace-separated tokens with a letter or digit; built in "
      f"{c['build_seconds']:.1f} s")
    p("")
    p("Throughput (one process, one CPU; median of "
      f"{res['repeat']} fresh process{'es' if res['repeat'] > 1 else ''})")
    p(f"  {'':34} {'seconds':>8} {'words/s':>10} {'vs tokenizer':>13} {'vs proselint':>13}")
    tp = res["throughput"]
    base = tp["tokenizer"]["words_per_second"]
    pl = tp.get("proselint", {}).get("words_per_second")
    for key, label in (("tokenizer", "spaCy blank tokenizer (baseline)"),
                       ("speakeasy", "speakeasy, default packs"),
                       ("proselint", "proselint, default checks")):
        r = tp.get(key)
        if not r:
            continue
        if "skipped" in r:
            p(f"  {label:34} skipped: {r['skipped']}")
            continue
        vp = f"{r['words_per_second'] / pl:.2f}x" if pl else "-"
        p(f"  {label:34} {r['seconds']:8.2f} {r['words_per_second']:10,.0f} "
          f"{r['words_per_second'] / base:12.2f}x {vp:>13}")
    s = tp["speakeasy"]
    p(f"  speakeasy set-up, not in the time above: imports {s['import_seconds']:.2f} s, build_ruleset "
      f"{s['setup_seconds']:.2f} s, spaCy {s['spacy_load_seconds']:.2f} s; {s['rules']} rules, "
      f"{s['findings']:,} findings")
    if "stages" in res and "skipped" in res["stages"]:
        p("")
        p(f"Where speakeasy's time goes: skipped ({res['stages']['skipped']})")
    elif "stages" in res:
        st = res["stages"]
        tot = st["seconds"]
        p("")
        p(f"Where speakeasy's time goes (one instrumented pass, {tot:.1f} s)")
        for name, secs in st["stages"].items():
            p(f"  {name:34} {secs:8.2f} s {100 * secs / tot:5.1f}%")
        p("  slowest rules:")
        for name, secs in list(st["rules_seconds"].items())[:8]:
            p(f"    {name:32} {secs:8.2f} s {100 * secs / tot:5.1f}%")
    su = res["startup"]
    p("")
    p(f"Start-up: wall time in a fresh process, median of {res['startup_runs']} runs, "
      f"{res['small_file_words']}-word Markdown file")
    ref = su["import spacy; spacy.blank('en')"]["median"]
    p(f"  {'':34} {'seconds':>8} {'vs spaCy':>9} {'over spaCy':>11} {'CPU s':>7}")
    for name in ("python -c pass", "import spacy; spacy.blank('en')", "speakeasy check (cold cache)",
                 "speakeasy check (warm cache)"):
        m = su[name]["median"]
        p(f"  {name:34} {m:8.3f} {m / ref:8.2f}x {m - ref:+10.3f}s {su[name]['cpu_median']:7.3f}")
    if su["imports"]:
        p("  imports by top-level package (warm, python -X importtime, cumulative):")
        p("    " + ", ".join(f"{k} {v:.3f}s" for k, v in list(su["imports"].items())[:8]))
    mem = res.get("memory")
    if mem:
        p("")
        p(f"Memory: peak RSS (ru_maxrss) linting {mem['small_files']} files vs {mem['large_files']} files "
          "of the same size")
        p(f"  {'':34} {'small MB':>9} {'large MB':>9} {'ratio':>7} {'KB/file':>8} {'setup MB':>9}")
        for mode, label in (("stream", "speakeasy check (streams results)"), ("results", "loop keeping findings, no documents"),
                            ("lint_paths", "lint_paths (keeps Report)")):
            if mode not in mem:
                continue
            m = mem[mode]
            p(f"  {label:34} {m['small']['peak_rss_mb']:9.1f} {m['large']['peak_rss_mb']:9.1f} "
              f"{m['peak_ratio']:7.3f} {m['kb_per_extra_file']:8.1f} {m['small']['rss_after_setup_mb']:9.1f}")
    p("")
    p("Targets (the issue's absolute figures, and the same targets as ratios to this run's baselines)")
    for line in res["targets"]:
        p(f"  [{'meets' if line['ok'] else 'MISSES'}] {line['what']}")
    prof = res.get("profile")
    if prof:
        p("")
        p(f"Hot spots (cProfile of lint_paths on {prof['files']} files, {prof['total_seconds']:.1f} s "
          f"under the profiler; own time)")
        for r in prof["by_own_time"][:15]:
            p(f"  {100 * r['own_share']:5.1f}%  {r['own_seconds']:7.2f} s  {r['calls']:>9,}  {r['where']}")
        p("  speakeasy functions by cumulative time:")
        for r in prof["speakeasy_by_cumulative_time"][:15]:
            p(f"  {100 * r['cumulative_share']:5.1f}%  {r['cumulative_seconds']:7.2f} s  {r['calls']:>9,}  {r['where']}")
        p(f"  full profile: {prof['stats_file']} (python -m pstats)")
    sp = res.get("startup_profile")
    if sp:
        p("")
        p(f"Start-up hot spots (cProfile of python -m speakeasy check on the small file, warm cache, "
          f"{sp['total_seconds']:.2f} s under the profiler; cumulative)")
        for r in sp["by_cumulative_time"]:
            p(f"  {100 * r['cumulative_share']:5.1f}%  {r['cumulative_seconds']:7.3f} s  {r['calls']:>7,}  {r['where']}")
        p(f"  full profile: {sp['stats_file']}")
    p("")


def targets(res: dict) -> list[dict]:
    out = []
    tp = res["throughput"]
    s = tp["speakeasy"]["words_per_second"]
    base = tp["tokenizer"]["words_per_second"]
    out.append({"what": f"speakeasy {s:,.0f} words/s >= {TARGET_WPS:,} words/s (absolute, this machine)",
                "ok": s >= TARGET_WPS})
    out.append({"what": f"speakeasy / spaCy tokenizer = {s / base:.2f} >= {TARGET_RATIO_TOKENIZER}",
                "ok": s / base >= TARGET_RATIO_TOKENIZER})
    pl = tp.get("proselint", {})
    if "words_per_second" in pl:
        r = s / pl["words_per_second"]
        out.append({"what": f"speakeasy / proselint = {r:.2f} >= {TARGET_RATIO_PROSELINT}",
                    "ok": r >= TARGET_RATIO_PROSELINT})
    su = res["startup"]
    for key in ("speakeasy check (warm cache)", "speakeasy check (cold cache)"):
        m = su[key]["median"]
        out.append({"what": f"{key}: {m:.3f} s < {TARGET_STARTUP_S} s", "ok": m < TARGET_STARTUP_S})
    ref = su["import spacy; spacy.blank('en')"]["median"]
    m = su["speakeasy check (warm cache)"]["median"]
    limit = TARGET_STARTUP_S / 0.7  # the 1 s against its 0.7 s for importing spaCy
    out.append({"what": f"speakeasy check (warm) / spaCy import = {m / ref:.2f} < {limit:.2f}",
                "ok": m / ref < limit})
    mem = res.get("memory")
    if mem:
        for mode in ("stream", "results", "lint_paths"):
            if mode not in mem:
                continue
            r = mem[mode]["peak_ratio"]
            out.append({"what": f"memory {mode}: peak RSS {mem['large_files']} / {mem['small_files']} files = "
                                f"{r:.3f} <= {TARGET_MEMORY_RATIO}", "ok": r <= TARGET_MEMORY_RATIO})
    return out


# ---------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="speakeasy performance benchmark (see benchmarks/README.md).")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA,
                   help="the shared data folder with govuk-content-snapshots/ and plainlanguage-gov/ "
                        f"(default: {DEFAULT_DATA})")
    p.add_argument("--words", type=int, help="corpus size in words (default 1,000,000; 50,000 with --quick)")
    p.add_argument("--files", type=int, help="number of files (default 500; 25 with --quick)")
    p.add_argument("--seed", type=int, default=SEED, help=f"corpus seed (default {SEED})")
    p.add_argument("--quick", action="store_true", help="a fast sanity run: a small corpus, one repeat")
    p.add_argument("--repeat", type=int, help="fresh processes per throughput figure (default 3; 1 with --quick)")
    p.add_argument("--startup-runs", type=int, help="runs per start-up figure (default 5; 3 with --quick)")
    p.add_argument("--json", metavar="FILE", help="also write every figure to this JSON file")
    p.add_argument("--profile", action="store_true",
                   help="also run speakeasy under cProfile and print the hot spots")
    p.add_argument("--profile-files", type=int, default=100, help="files to profile (default 100)")
    p.add_argument("--no-stages", action="store_true", help="skip the per-stage timing pass (skipped with --quick)")
    p.add_argument("--no-memory", action="store_true", help="skip the memory measurement")
    p.add_argument("--no-proselint", action="store_true", help="skip proselint even if it is installed")
    p.add_argument("--keep-corpus", metavar="DIR", type=Path,
                   help="write the corpus here and keep it (default: a temporary folder, removed afterwards)")
    p.add_argument("--no-bytecode", action="store_true",
                   help="leave PYTHONDONTWRITEBYTECODE as it is (default: children byte-compile into a "
                        "temporary PYTHONPYCACHEPREFIX, as an installed package would be)")
    p.add_argument("--cpu", type=int, help="the CPU to pin every measurement to (default: the last one allowed)")
    # internal: run one measurement in this process
    p.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    p.add_argument("--corpus", metavar="DIR",
                   help="use the ready .md/.txt files in DIR instead of building a corpus "
                        "(for example from debian_corpus.py; SOURCES.md and README.md are left out)")
    p.add_argument("--limit", type=int, help=argparse.SUPPRESS)
    p.add_argument("--mode", help=argparse.SUPPRESS)
    p.add_argument("--profile-out", help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    opts = parse_args(argv)
    if opts.child:
        _pin(opts.cpu)
        print(json.dumps(CHILDREN[opts.child](opts)))
        return 0

    words = opts.words or (50_000 if opts.quick else 1_000_000)
    n_files = opts.files or (25 if opts.quick else 500)
    repeat = opts.repeat or (1 if opts.quick else 3)
    opts.startup_runs = opts.startup_runs or (3 if opts.quick else 5)
    if opts.cpu is None and hasattr(os, "sched_getaffinity"):
        opts.cpu = max(os.sched_getaffinity(0))
    data = opts.data.resolve()

    workdir = tempfile.mkdtemp(prefix="speakeasy-bench-")
    try:
        corpus_dir = opts.keep_corpus.resolve() if opts.keep_corpus else Path(workdir, "corpus")
        if opts.corpus and opts.keep_corpus and corpus_dir == Path(opts.corpus).resolve():
            raise SystemExit("bench.py: --keep-corpus must not be the --corpus folder")
        if opts.keep_corpus and corpus_dir.exists():
            shutil.rmtree(corpus_dir)
        ctx = {"workdir": workdir, "corpus": str(corpus_dir), "cache_dir": str(Path(workdir, "cache"))}
        global PYCACHE_PREFIX
        if not opts.no_bytecode:
            PYCACHE_PREFIX = str(Path(workdir, "pycache"))
        t_run = time.perf_counter()

        def log(msg: str) -> None:
            print(f"[{time.perf_counter() - t_run:6.1f}s] {msg}", file=sys.stderr, flush=True)

        if opts.corpus:
            log(f"reading the corpus from {opts.corpus} ...")
            corpus = use_corpus(Path(opts.corpus).resolve(), corpus_dir)
            n_files = corpus["files"]
            try:
                small, small_words = small_file(Path(workdir, "small.md"), data, opts.seed)
            except (SystemExit, OSError, IndexError):
                small, small_words = small_file_from(corpus_dir, Path(workdir, "small.md"), opts.seed)
        else:
            log(f"building the corpus ({words:,} words in {n_files} files) ...")
            corpus = build_corpus(corpus_dir, data, n_files, words, opts.seed)
            small, small_words = small_file(Path(workdir, "small.md"), data, opts.seed)
        res: dict = {
            "machine": {"python": platform.python_version(), "platform": platform.platform(),
                        "cpus": os.cpu_count(), "pinned_cpu": opts.cpu,
                        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None},
            "repeat": repeat,
            "startup_runs": opts.startup_runs,
            "bytecode_cache": PYCACHE_PREFIX is not None,
            "corpus": {k: v for k, v in corpus.items() if k != "manifest"},
            "small_file_words": small_words,
        }
        w = corpus["words"]

        # Throughput: fresh processes, interleaved so machine load affects each alike.
        kinds = ["tokenizer", "speakeasy"] + ([] if opts.no_proselint else ["proselint"])
        runs: dict[str, list[dict]] = {k: [] for k in kinds}
        log("warming speakeasy's cache (one unmeasured set-up) ...")
        run_child("speakeasy", opts, ctx, limit=1)
        for i in range(repeat):
            for k in kinds:
                log(f"throughput: {k} ({i + 1}/{repeat}) ...")
                r = run_child(k, opts, ctx)
                runs[k].append(r)
                if "skipped" in r:
                    break
        tp = {}
        for k, rs in runs.items():
            if not rs:
                continue
            if "skipped" in rs[0]:
                tp[k] = rs[0]
                continue
            r = _median_run(rs)
            r["words"] = w
            r["words_per_second"] = _wps(w, r["seconds"])
            tp[k] = r
        res["throughput"] = tp

        if not (opts.no_stages or opts.quick):
            log("per-stage timing ...")
            # It uses speakeasy internals (Analysis), so a change there skips it instead of failing the run.
            res["stages"] = run_child("stages", opts, ctx, optional=True)

        log(f"start-up ({opts.startup_runs} runs of each command) ...")
        res["startup"] = measure_startup(opts, ctx, small, opts.startup_runs)

        if not opts.no_memory:
            log("memory ...")
            res["memory"] = measure_memory(opts, ctx, n_files)

        if opts.profile:
            log("profiling ...")
            out_dir = HERE / "out"
            out_dir.mkdir(exist_ok=True)
            stats_file = out_dir / "speakeasy.pstats"
            nprof = min(opts.profile_files, n_files)
            run_child("speakeasy", opts, ctx, limit=nprof, profile_out=str(stats_file))
            prof = summarise_profile(str(stats_file))
            prof.update(files=nprof, stats_file=os.path.relpath(stats_file))
            res["profile"] = prof
            warm = tempfile.mkdtemp(prefix="warm-cache-", dir=workdir)
            run_child("speakeasy", opts, {**ctx, "cache_dir": warm}, limit=1)  # fill the cache
            res["startup_profile"] = profile_startup(small, ctx, warm, opts.cpu, out_dir / "startup.pstats")

        res["targets"] = targets(res)
        res["machine"]["load_average_end"] = os.getloadavg() if hasattr(os, "getloadavg") else None
        res["total_seconds"] = time.perf_counter() - t_run
        print_report(res)
        if opts.json:
            Path(opts.json).parent.mkdir(parents=True, exist_ok=True)
            Path(opts.json).write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
            log(f"wrote {opts.json}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
