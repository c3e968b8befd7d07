"""How word_difficulty.py's shrinkage was chosen: the table alone, on held-out folds of its own data.

    python benchmarks/readability/word_difficulty_folds.py [--data ../shared/data]

Reads only what ``word_difficulty.py`` reads (CEFR-SP Wiki-Auto train and
OneStopEnglish), never CLEAR or SCoRE.  Five folds: OneStopEnglish by article,
Wiki-Auto sentences with their twins (``word_difficulty.twin_folds``).  For each setting of the prior (uses
a word needs before its own evidence weighs as much as the model) and of the
uses a word needs to be in the table, the table is made from four folds
(``word_difficulty.build``) and scores the fifth: a text's number is the mean
over its content words.  The table gives the means over the five folds of the
Spearman correlation with the level, over held-out Wiki-Auto sentences and
over held-out OneStopEnglish texts (across articles), and the share of pairs
of versions of one held-out article in the right order.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import datasets  # noqa: E402
import fit  # noqa: E402
import word_difficulty  # noqa: E402

from speakeasy import worddifficulty  # noqa: E402

FOLDS = 5
#: (prior uses, uses a word needs to be in the table)
SETTINGS = ((20.0, 3), (5.0, 3), (1.0, 3), (0.25, 3), (1.0, 1), (0.25, 1), (0.0, 1))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=datasets.DEFAULT_DATA)
    args = ap.parse_args()

    wiki = datasets.cefr(args.data, "Wikiauto", "train")
    ose = datasets.onestop(args.data)
    wiki_words = [word_difficulty.content_words(t.text) for t in wiki]
    ose_words = [word_difficulty.content_words(t.text) for t in ose]
    wiki_fold = word_difficulty.twin_folds(wiki, FOLDS)
    articles = sorted({t.group for t in ose})
    ose_fold = [articles.index(t.group) % FOLDS for t in ose]
    print(f"{'prior':>6} {'in the table':>13} {'Wiki sentences rho':>19} {'OSE texts rho':>14} {'OSE pairs':>10}")
    saved = worddifficulty.table, worddifficulty.model
    try:
        for prior, min_uses in SETTINGS:
            word_difficulty.PRIOR, word_difficulty.MIN_USES = prior, min_uses
            results = []
            for f in range(FOLDS):
                model, rows = word_difficulty.build([t for t, g in zip(wiki, wiki_fold) if g != f],
                                                    [t for t, g in zip(ose, ose_fold) if g != f])
                table = dict(rows)
                worddifficulty.table = lambda table=table: table  # type: ignore[assignment]
                worddifficulty.model = lambda model=model: model  # type: ignore[assignment]

                def mean(words: list[str]) -> float:
                    return float(np.mean([worddifficulty.difficulty(w) for w in words])) if words else 1.0

                held_w = [i for i in range(len(wiki)) if wiki_fold[i] == f]
                held_o = [i for i in range(len(ose)) if ose_fold[i] == f]
                wiki_scores = np.array([mean(wiki_words[i]) for i in held_w])
                ose_scores = {i: mean(ose_words[i]) for i in held_o}
                right = [ose_scores[a] > ose_scores[b] for a in held_o for b in held_o
                         if ose[a].group == ose[b].group and ose[a].label > ose[b].label]
                results.append((fit.spearman(wiki_scores, np.array([wiki[i].label for i in held_w])),
                                fit.spearman(np.array(list(ose_scores.values())),
                                             np.array([ose[i].label for i in held_o])),
                                float(np.mean(right))))
            m = np.array(results).mean(axis=0)
            print(f"{prior:>6g} {f'{min_uses}+ uses':>13} {m[0]:>19.3f} {m[1]:>14.3f} {m[2]:>10.3f}", flush=True)
    finally:
        worddifficulty.table, worddifficulty.model = saved  # type: ignore[assignment]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
