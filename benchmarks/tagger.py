#!/usr/bin/env python3
"""Compare the candidates for speakeasy's part-of-speech tagger.

Run from the repository root::

    python benchmarks/tagger.py                      # both candidates, if the spaCy one is trained
    python benchmarks/tagger.py --train              # also time the perceptron's training (--train-spacy: spaCy's)
    python benchmarks/tagger.py --json benchmarks/out/tagger.json

The candidates:

- **perceptron**: speakeasy's own averaged-perceptron tagger, the shipped
  model in ``speakeasy/data/tagger/`` (made by ``scripts/train_tagger.py``).
- **spaCy**: a blank English spaCy pipeline with ``tok2vec`` + ``tagger``,
  trained on the same data by ``benchmarks/tagger_spacy.py`` (run it first;
  its model goes to ``benchmarks/out/tagger_spacy/model-best``). Add
  ``--spacy-model DIR`` for another one (for example the ``--size large`` one).

What it measures, with a baseline measured in the same run for each figure
(benchmarks/tagger.md explains the figures and gives the results):

1. Accuracy (UPOS, XPOS) on the dev and test splits of UD English EWT, on the
   words not seen in training, and on dev written as Title Case, as ALL CAPS
   and in British spelling. Baseline: each word's commonest tag in training.
2. Tokens per second, tagging the test split sentence by sentence on one CPU
   (``OMP/OPENBLAS/MKL_NUM_THREADS=1``, pinned with ``sched_setaffinity``).
   Baseline: spaCy's blank English tokenizer on the same sentences.
3. Load time: a fresh ``python -c`` that imports spaCy and loads the tagger,
   against one that only imports spaCy (speakeasy already pays for that).
4. Model size on disk, and (with ``--train``) the training time.
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
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(HERE))

import train_tagger  # noqa: E402
from train_tagger import british, read_conllu, title_case  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data" / "ud-english-ewt"
DEFAULT_SPACY = HERE / "out" / "tagger_spacy" / "model-best"


def pin(cpu: int | None) -> int | None:
    if not hasattr(os, "sched_setaffinity"):
        return None
    if cpu is None:
        cpu = max(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


# ---------------------------------------------------------------------------
# Accuracy

class CommonestTag:
    """Baseline: each word's commonest UPOS|XPOS in training; NOUN|NN for new words."""

    def __init__(self, sents) -> None:
        counts: dict[str, dict[tuple[str, str], int]] = {}
        for words, upos, xpos, _ in sents:
            for w, u, x in zip(words, upos, xpos):
                d = counts.setdefault(w, {})
                d[(u, x)] = d.get((u, x), 0) + 1
        self.best = {w: max(sorted(d), key=d.__getitem__) for w, d in counts.items()}

    def tag(self, words):
        return [self.best.get(w, ("NOUN", "NN")) for w in words]


def variants(sents):
    """dev as it is, and in the forms of UK policy text (the gold tags stay)."""
    return {
        "title_case": [(title_case(w), u, x, s) for w, u, x, s in sents],
        "all_caps": [([t.upper() for t in w], u, x, s) for w, u, x, s in sents],
        "british": [(british(w, u) or w, u, x, s) for w, u, x, s in sents],
    }


def accuracy(tagger, splits, known) -> dict:
    out = {}
    for name, sents in splits.items():
        out[name] = train_tagger.evaluate(tagger, sents, known if name in ("dev", "test") else None)
    return out


# ---------------------------------------------------------------------------
# Speed

def throughput(candidates: dict, sents, repeat: int) -> dict:
    """Tokens per second, tagging sentence by sentence; the tokenizer is the baseline.

    The tokenizer is made new before each timed pass (outside the timer), so
    its cache starts empty, as it does for a new document.
    """
    import spacy

    nlp = spacy.blank("en")
    texts = ["".join(w + (" " if sp else "") for w, sp in zip(words, spaces)) for words, _, _, spaces in sents]
    word_lists = [words for words, *_ in sents]
    n_words = sum(map(len, word_lists))

    def run_tokenizer() -> tuple[int, float]:
        tokenizer = nlp.tokenizer.__class__(nlp.vocab, rules=nlp.Defaults.tokenizer_exceptions,
                                            prefix_search=nlp.tokenizer.prefix_search,
                                            suffix_search=nlp.tokenizer.suffix_search,
                                            infix_finditer=nlp.tokenizer.infix_finditer,
                                            token_match=nlp.tokenizer.token_match,
                                            url_match=nlp.tokenizer.url_match)
        t0 = time.perf_counter()
        n = 0
        for text in texts:
            n += len(tokenizer(text))
        return n, time.perf_counter() - t0

    def run_tagger(tagger):
        def run() -> tuple[int, float]:
            t0 = time.perf_counter()
            for words in word_lists:
                tagger.tag(words)
            return n_words, time.perf_counter() - t0
        return run

    runs = {"tokenizer (baseline)": run_tokenizer}
    runs.update({name: run_tagger(t) for name, t in candidates.items()})
    for run in runs.values():  # one untimed pass each (caches, lazy set-up)
        run()
    rates: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):  # the tools take turns, so a change in load hits each alike
        for name, run in runs.items():
            n, seconds = run()
            rates[name].append(n / seconds)
    base = statistics.median(rates["tokenizer (baseline)"])
    return {name: {"tokens_per_second": statistics.median(r), "runs": r,
                   "ratio_to_tokenizer": statistics.median(r) / base}
            for name, r in rates.items()}


def load_times(spacy_models: dict[str, Path], runs: int, cpu: int | None) -> dict:
    """Wall time of a fresh ``python -c``; the load step is also timed inside the child."""
    child = (
        "import time, sys\n"
        "t0 = time.perf_counter()\n"
        "import spacy\n"
        "t1 = time.perf_counter()\n"
        "{load}\n"
        "t2 = time.perf_counter()\n"
        "print(t1 - t0, t2 - t1)\n"
    )
    commands = {
        "import spacy (baseline)": child.format(load="pass"),
        "perceptron": child.format(load="import speakeasy.tagger as m; m.load().tag(['Hello', '.'])"),
    }
    for name, path in spacy_models.items():
        commands[name] = child.format(
            load=f"import tagger_spacy as m; m.SpacyTagger({str(path)!r}).tag(['Hello', '.'])")
    with tempfile.TemporaryDirectory(prefix="tagger_bench_") as tmp:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), str(HERE), str(REPO / "scripts")]),
                   PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"))
        preexec = (lambda: os.sched_setaffinity(0, {cpu})) if cpu is not None else None

        def once(code: str) -> tuple[float, float, float]:
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                                  cwd=tmp, preexec_fn=preexec)
            if proc.returncode:
                raise SystemExit(f"The load-time child failed:\n{code}\n{proc.stderr}")
            wall = time.perf_counter() - t0
            spacy_s, load_s = map(float, proc.stdout.split())
            return wall, spacy_s, load_s

        for code in commands.values():  # byte-compile and warm the disk cache
            once(code)
        got: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, code in commands.items():
                got[name].append(once(code))
    base = statistics.median(w for w, _, _ in got["import spacy (baseline)"])
    out = {}
    for name, rows in got.items():
        wall = statistics.median(w for w, _, _ in rows)
        out[name] = {"wall_seconds": wall, "beyond_import_spacy": wall - base,
                     "load_step_seconds": statistics.median(ld for _, _, ld in rows),
                     "ratio_to_import_spacy": wall / base}
    return out


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def train_times(data: Path, spacy_too: bool) -> dict:
    out = {}
    with tempfile.TemporaryDirectory(prefix="tagger_train_") as tmp:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, str(REPO / "scripts" / "train_tagger.py"), "--data", str(data),
                        "--out", str(Path(tmp) / "perceptron"), "--no-eval"], check=True, capture_output=True)
        out["perceptron"] = time.perf_counter() - t0
        if spacy_too:
            t0 = time.perf_counter()
            subprocess.run([sys.executable, str(HERE / "tagger_spacy.py"), "--data", str(data),
                            "--out", str(Path(tmp) / "spacy")], check=True, capture_output=True)
            out["spaCy"] = time.perf_counter() - t0
    return out


# ---------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Compare the tagger candidates (accuracy, speed, load time, size).")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the UD English EWT folder")
    ap.add_argument("--spacy-model", type=Path, action="append",
                    help="a trained spaCy candidate; repeat for more (default: benchmarks/out/tagger_spacy/model-best)")
    ap.add_argument("--repeat", type=int, default=5, help="timed passes over the test split for each tool")
    ap.add_argument("--load-runs", type=int, default=7, help="fresh processes for each load-time figure")
    ap.add_argument("--cpu", type=int, default=None, help="the CPU to pin to (default: the last one allowed)")
    ap.add_argument("--train", action="store_true", help="also time the perceptron's training (runs it again)")
    ap.add_argument("--train-spacy", action="store_true", help="also time the spaCy training (about 7 minutes)")
    ap.add_argument("--json", type=Path, help="write every figure to this file")
    args = ap.parse_args(argv)

    from speakeasy.tagger import MODEL_DIR, Tagger

    cpu = pin(args.cpu)
    train = read_conllu(args.data / "en_ewt-ud-train.conllu")
    dev = read_conllu(args.data / "en_ewt-ud-dev.conllu")
    test = read_conllu(args.data / "en_ewt-ud-test.conllu")
    known = {w for s in train for w in s[0]}
    splits = {"dev": dev, "test": test, **{f"dev_{k}": v for k, v in variants(dev).items()}}

    candidates: dict = {"commonest tag (baseline)": CommonestTag(train), "perceptron": Tagger(MODEL_DIR)}
    sizes = {"perceptron": size_of(MODEL_DIR / "model.npz") + size_of(MODEL_DIR / "model.json")}
    spacy_models: dict[str, Path] = {}
    for path in args.spacy_model or [DEFAULT_SPACY]:
        path = path.resolve()
        if not (path / "meta.json").is_file():
            print(f"No spaCy model in {path}: run benchmarks/tagger_spacy.py first. Skipping it.")
            continue
        from tagger_spacy import SpacyTagger

        name = "spaCy" if path == DEFAULT_SPACY else f"spaCy ({path.parent.name})"
        spacy_models[name] = path
        candidates[name] = SpacyTagger(path)
        sizes[name] = size_of(path)

    report: dict = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpu": cpu,
                    "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None},
        "sizes_bytes": sizes,
    }
    print("Accuracy ...", flush=True)
    report["accuracy"] = {name: accuracy(t, splits, known) for name, t in candidates.items()}
    print("Speed ...", flush=True)
    report["speed"] = throughput({k: v for k, v in candidates.items() if "baseline" not in k}, test, args.repeat)
    print("Load time ...", flush=True)
    report["load"] = load_times(spacy_models, args.load_runs, cpu)
    if args.train or args.train_spacy:
        print("Training ...", flush=True)
        report["training_seconds"] = train_times(args.data, args.train_spacy)
    report["spacy_models"] = {name: str(path) for name, path in spacy_models.items()}

    # tokenizer agreement: how often spaCy's blank tokenizer splits a test sentence as the treebank does
    import spacy

    tok = spacy.blank("en").tokenizer
    same = sum(1 for words, _, _, spaces in test
               if [t.text for t in tok("".join(w + (" " if s else "") for w, s in zip(words, spaces)))] == words)
    report["tokenizer_agreement"] = {"sentences": len(test), "same_split": same}

    print_report(report)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


def print_report(r: dict) -> None:
    acc = r["accuracy"]
    names = list(acc)
    print()
    print("| | " + " | ".join(names) + " |")
    print("|---" * (len(names) + 1) + "|")

    def row(label: str, cells: list[str]) -> None:
        print(f"| {label} | " + " | ".join(cells) + " |")

    for split in ("dev", "test"):
        row(f"UPOS, {split}", [f"{acc[n][split]['upos']:.2f}%" for n in names])
        row(f"XPOS, {split}", [f"{acc[n][split]['xpos']:.2f}%" for n in names])
        row(f"UPOS, {split}, unknown words ({acc[names[0]][split]['unknown_words']:,})",
            [f"{acc[n][split]['unknown_upos']:.2f}%" for n in names])
        row(f"XPOS, {split}, unknown words", [f"{acc[n][split]['unknown_xpos']:.2f}%" for n in names])
    for split, label in (("dev_title_case", "Title Case"), ("dev_all_caps", "ALL CAPS"), ("dev_british", "British spelling")):
        row(f"UPOS / XPOS, dev in {label}", [f"{acc[n][split]['upos']:.2f}% / {acc[n][split]['xpos']:.2f}%" for n in names])
    sp = r["speed"]
    base = sp["tokenizer (baseline)"]["tokens_per_second"]
    row("tokens/s, one CPU, sentence by sentence",
        ["" if n not in sp else f"{sp[n]['tokens_per_second']:,.0f} ({sp[n]['ratio_to_tokenizer']:.3f}x tokenizer)"
         for n in names])
    ld = r["load"]
    row("load: wall time beyond `import spacy`",
        ["" if n not in ld else f"{ld[n]['beyond_import_spacy']:+.2f} s (load step {ld[n]['load_step_seconds']:.2f} s)"
         for n in names])
    row("model size", ["" if n not in r["sizes_bytes"] else f"{r['sizes_bytes'][n] / 1e6:.1f} MB" for n in names])
    if "training_seconds" in r:
        row("training time", ["" if n not in r["training_seconds"] else f"{r['training_seconds'][n]:.0f} s"
                              for n in names])
    print()
    print(f"Baselines in this run: spaCy blank tokenizer {base:,.0f} tokens/s; "
          f"`import spacy` {ld['import spacy (baseline)']['wall_seconds']:.2f} s wall.")
    ta = r["tokenizer_agreement"]
    print(f"spaCy's blank tokenizer splits {ta['same_split']:,} of {ta['sentences']:,} test sentences "
          f"({100 * ta['same_split'] / ta['sentences']:.1f}%) exactly as the treebank does.")
    m = r["machine"]
    print(f"Python {m['python']}, {m['platform']}, pinned to CPU {m['cpu']}, load average {m['load_average']}.")


if __name__ == "__main__":
    raise SystemExit(main())
