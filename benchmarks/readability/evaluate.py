"""How well do the plain score and the textstat formulas agree with people?

    python benchmarks/readability/evaluate.py [--data ../shared/data] [--jobs 2] [--markdown]

For every dataset in ``shared/data`` with human judgements, every text is
scored by speakeasy (the plain score as ``speakeasy check`` reports it, with
the default rule packs, so jargon from the shipped wordlists counts; and
speakeasy's own Flesch reading ease) and by every English formula in
textstat.  The table shows, for each score:

* **CLEAR r / rho**: Pearson and Spearman correlation with BT_easiness
  (teachers' judgements of which of two excerpts is easier);
* **CEFR-SP Wiki / SCoRE rho**: Spearman correlation, sentence by sentence,
  with the mean CEFR level of two teachers;
* **OSE order**: the share of OneStopEnglish articles whose three versions
  (elementary, intermediate, advanced) the score puts in the right order,
  and **OSE pairs**, the share of the pairs of versions of one article it
  orders right;
* **plainlanguage.gov pairs**: the share of before/after pairs where the
  plain version scores easier.

Every score is turned so that higher means easier before correlating (a
grade level is negated), so higher numbers are better in every column.
The datasets are read where they are; nothing is copied.  CLEAR and CEFR-SP
SCoRE are non-commercial: they are only read here, never used for fitting.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import datasets  # noqa: E402

#: textstat's English formulas: name -> True when a higher value is harder (a grade).
TEXTSTAT = {
    "flesch_reading_ease": False,
    "flesch_kincaid_grade": True,
    "smog_index": True,
    "gunning_fog": True,
    "automated_readability_index": True,
    "coleman_liau_index": True,
    "dale_chall_readability_score": True,
    "linsear_write_formula": True,
    "spache_readability": True,
    "mcalpine_eflaw": True,
    "lix": True,
    "rix": True,
    "text_standard": True,
}
SPEAKEASY = {"plain score": False, "speakeasy Flesch reading ease": False}

_RULESET = None


def _init() -> None:
    global _RULESET
    from speakeasy.config import resolve
    from speakeasy.ruleset import build_ruleset
    from speakeasy.syllables import use_offline_cmudict

    use_offline_cmudict()
    _RULESET = build_ruleset(resolve({}, no_config=True))


def score_text(text: str) -> dict[str, float]:
    """Every score of one text, turned so that higher is easier."""
    import textstat

    from speakeasy.engine import lint_text

    result = lint_text(text, _RULESET, "text.txt", "text")
    out = {"plain score": float(result.stats["plain_score"]),
           "speakeasy Flesch reading ease": float(result.stats["flesch_reading_ease"])}
    for name, harder in TEXTSTAT.items():
        fn = getattr(textstat, name)
        try:
            value = float(fn(text, float_output=True) if name == "text_standard" else fn(text))
        except Exception:  # noqa: BLE001 - a formula that fails on a text scores it as missing
            value = math.nan
        out[name] = -value if harder else value
    return out


def score_all(texts: list[str], jobs: int) -> dict[str, np.ndarray]:
    if jobs > 1:
        with ProcessPoolExecutor(jobs, initializer=_init) as pool:
            rows = list(pool.map(score_text, texts, chunksize=32))
    else:
        _init()
        rows = [score_text(t) for t in texts]
    return {k: np.array([r[k] for r in rows]) for k in rows[0]}


def pearson(a: np.ndarray, b: np.ndarray) -> float:
    m = ~(np.isnan(a) | np.isnan(b))
    return float(np.corrcoef(a[m], b[m])[0, 1])


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    m = ~(np.isnan(a) | np.isnan(b))
    a, b = a[m], b[m]
    return pearson(_rank(a), _rank(b))


def _rank(x: np.ndarray) -> np.ndarray:
    """Ranks with ties averaged."""
    order = np.argsort(x, kind="mergesort")
    ranks = np.empty(len(x))
    sx = x[order]
    i = 0
    while i < len(x):
        j = i
        while j + 1 < len(x) and sx[j + 1] == sx[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2
        i = j + 1
    return ranks


def ose_order(scores: np.ndarray, texts: list[datasets.Text]) -> tuple[float, float]:
    """(share of articles in the right order, share of pairs in the right order); ties count as wrong."""
    by: dict[str, list[tuple[float, float]]] = {}
    for s, t in zip(scores, texts):
        by.setdefault(t.group, []).append((t.label, s))
    right = pairs_right = pairs = 0
    for versions in by.values():
        versions.sort()
        easiness = [s for _, s in versions]
        ok = True
        for i in range(len(easiness)):
            for j in range(i + 1, len(easiness)):
                pairs += 1
                if easiness[i] > easiness[j]:
                    pairs_right += 1
                else:
                    ok = False
        right += ok
    return right / len(by), pairs_right / pairs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=datasets.DEFAULT_DATA)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--limit", type=int, default=0, help="score only the first N texts of each dataset (a quick look)")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = ap.parse_args()
    cut = (lambda xs: xs[: args.limit]) if args.limit else (lambda xs: xs)

    started = time.perf_counter()
    columns: dict[str, dict[str, float]] = {}
    sizes: dict[str, int] = {}

    clear = cut(datasets.clear(args.data))
    if clear:
        sc = score_all([t.text for t in clear], args.jobs)
        y = np.array([t.label for t in clear])
        columns["CLEAR r"] = {k: pearson(v, y) for k, v in sc.items()}
        columns["CLEAR rho"] = {k: spearman(v, y) for k, v in sc.items()}
        sizes["CLEAR"] = len(clear)
    for part in ("Wikiauto", "SCoRE"):
        # Wiki-Auto train made the word table and fitted the weights: evaluate on the other splits only.
        sents = [t for t in cut(datasets.cefr(args.data, part)) if not (part == "Wikiauto" and t.group.endswith("_train"))]
        if sents:
            sc = score_all([t.text for t in sents], args.jobs)
            y = -np.array([t.label for t in sents])  # a higher level is harder
            columns[f"CEFR-SP {part} rho"] = {k: spearman(v, y) for k, v in sc.items()}
            sizes[f"CEFR-SP {part}"] = len(sents)
    ose = cut(datasets.onestop(args.data))
    if ose:
        sc = score_all([t.text for t in ose], args.jobs)
        order = {k: ose_order(v, ose) for k, v in sc.items()}
        columns["OSE order"] = {k: v[0] for k, v in order.items()}
        columns["OSE pairs"] = {k: v[1] for k, v in order.items()}
        sizes["OneStopEnglish"] = len(ose)
    pl = cut(datasets.pairs(args.data))
    if pl:
        before = score_all([a for a, _ in pl], args.jobs)
        after = score_all([b for _, b in pl], args.jobs)
        columns["plainlanguage pairs"] = {k: float(np.mean(after[k] > before[k])) for k in before}
        sizes["plainlanguage.gov pairs"] = len(pl)

    names = list(SPEAKEASY) + list(TEXTSTAT)
    heads = list(columns)
    print(render(names, heads, columns, args.markdown))
    best_formula = {h: max(columns[h][n] for n in TEXTSTAT) for h in heads}
    beats = [h for h in heads if columns[h]["plain score"] > best_formula[h]]
    print()
    print("Texts: " + ", ".join(f"{k} {v}" for k, v in sizes.items()) + ".")
    print(f"The plain score beats every textstat formula on {len(beats)} of {len(heads)} columns"
          + (f" (not on: {', '.join(h for h in heads if h not in beats)})." if len(beats) < len(heads) else "."))
    if "CLEAR r" in columns:
        r = columns["CLEAR r"]["plain score"]
        print(f"CLEAR Pearson r of the plain score: {r:.3f} (target 0.75).")
    print(f"Took {time.perf_counter() - started:.0f} s.")
    return 0


def render(names: list[str], heads: list[str], columns: dict[str, dict[str, float]], markdown: bool) -> str:
    width = max(len(n) for n in names)
    if markdown:
        lines = ["| score | " + " | ".join(heads) + " |", "|---|" + "---:|" * len(heads)]
        for n in names:
            cells = []
            for h in heads:
                v = columns[h][n]
                best = v == max(columns[h].values())
                cells.append(f"**{v:.3f}**" if best else f"{v:.3f}")
            lines.append(f"| {n} | " + " | ".join(cells) + " |")
        return "\n".join(lines)
    lines = [" " * width + "  " + "  ".join(f"{h:>20}" for h in heads)]
    for n in names:
        lines.append(f"{n:<{width}}  " + "  ".join(f"{columns[h][n]:>20.3f}" for h in heads))
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
