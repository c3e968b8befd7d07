"""Compare ways of fitting the plain score's weights on held-out folds of the data we may ship.

    python benchmarks/readability/validate.py [--data ../shared/data]

How ``fit.py`` chose its sets of pairs and their weights (about 1 minute).
It reads only what ``fit.py`` reads (OneStopEnglish and CEFR-SP Wiki-Auto
train), never CLEAR, SCoRE or the Wiki-Auto dev split, which are kept for the
final test.

Five folds, those of ``fit.prepare``: OneStopEnglish by article (the three
versions of an article are in the same fold), Wiki-Auto sentences with their
twins (a sentence and its simpler or harder version; pseudo-documents are
made within a fold).  Each fold's texts are tallied
with a word-difficulty table made from the other folds, and each setting is
fitted on four folds and measured on the fifth; the table gives the means
over the five:

* **OSE chunks rho**: Spearman correlation of the score with the level over
  the held-out OneStopEnglish chunks of about 160 words, across articles (so
  across topics, as CLEAR's texts are);
* **Wiki docs rho**: the same over the held-out Wiki-Auto pseudo-documents;
* **Wiki sentences rho**: the same over their sentences, one by one (the
  score also scores single sentences);
* **OSE order**: the share of held-out articles whose three versions come
  out in the right order;
* **mean**: the mean of the three correlations, which chose the setting.

``--prior`` and ``--min-uses`` compare ways of making the word-difficulty
table in the same way.  The tables the four training folds were tallied with
saw the held-out fold (each is made without its own fold only), so the
figures are a little kind: they are for comparing settings, not for quoting
as accuracy.
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

from speakeasy.plainscore import Tally, tally  # noqa: E402

FOLDS = 5
#: name -> (weight of OSE pairs within an article, of OSE pairs across articles, of Wiki-Auto
#: pseudo-document pairs, of Wiki-Auto sentence pairs[, the features left out when not fit.LEFT_OUT])
SETTINGS: dict[str, tuple[float, ...] | tuple[float, float, float, float, tuple[str, ...]]] = {
    "first fit (OSE 1, Wiki docs 1)": (1.0, 0.0, 1.0, 0.0),
    "OSE 1, OSE across articles 1, Wiki docs 1": (1.0, 1.0, 1.0, 0.0),
    "OSE 1, Wiki docs 0.5": (1.0, 0.0, 0.5, 0.0),
    "OSE 1, Wiki docs 2": (1.0, 0.0, 2.0, 0.0),
    "OSE 1, Wiki docs 1, Wiki sentences 0.5": (1.0, 0.0, 1.0, 0.5),
    "OSE 1, Wiki docs 1, Wiki sentences 1": (1.0, 0.0, 1.0, 1.0),
    "OSE 1, Wiki docs 0.5, Wiki sentences 0.5 (shipped)": (1.0, 0.0, 0.5, 0.5),
    "OSE 1, across 1, Wiki docs 0.5, Wiki sentences 0.5": (1.0, 1.0, 0.5, 0.5),
    "shipped, with the Zipf percentiles and type mean": (1.0, 0.0, 0.5, 0.5, ()),
}


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    return fit.spearman(np.asarray(a), np.asarray(b))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=datasets.DEFAULT_DATA)
    ap.add_argument("--prior", type=float, help="the word-difficulty table's prior uses (default: word_difficulty.py's)")
    ap.add_argument("--min-uses", type=int, help="the uses a word needs to be in the table (default: word_difficulty.py's)")
    args = ap.parse_args()

    if args.prior is not None:
        word_difficulty.PRIOR = args.prior
    if args.min_uses is not None:
        word_difficulty.MIN_USES = args.min_uses
    print(f"word-difficulty table: prior {word_difficulty.PRIOR:g} uses, words used {word_difficulty.MIN_USES}+ times")
    prep = fit.prepare(args.data)
    ose, ose_parts = prep.ose, prep.ose_parts
    texts = np.array([fit.vector(tally(p)) for p in ose_parts])
    means, spreads = texts.mean(axis=0), texts.std(axis=0)
    spreads[spreads == 0] = 1.0

    def z(rows: list[list[float]]) -> np.ndarray:
        return (np.array(rows) - means) / spreads

    # OneStopEnglish: texts and chunks, with their article and level
    text_z, text_level = z(texts.tolist()), np.array([t.label for t in ose])
    text_article = [t.group for t in ose]
    chunk_rows, chunk_level, chunk_article, chunk_fold = [], [], [], []
    for t, parts, f in zip(ose, ose_parts, prep.ose_fold):
        for c in fit.chunks(parts):
            chunk_rows.append(fit.vector(c))
            chunk_level.append(t.label)
            chunk_article.append(t.group)
            chunk_fold.append(f)
    chunk_z, chunk_lv = z(chunk_rows), np.array(chunk_level)
    # Wiki-Auto: sentences in order of level and the pseudo-documents, as fit.py makes them
    sentences: list[Tally] = prep.wiki_tallies
    sentence_z = z([fit.vector(t) for t in sentences])
    sentence_lv = np.array([prep.wiki[i].label for i in prep.order])
    doc_z = z([fit.vector(tally(sentences[j] for j in members)) for _, members in prep.docs])
    doc_level = np.array([lv for lv, _ in prep.docs])
    doc_of = np.full(len(sentences), -1)
    for d, (_, members) in enumerate(prep.docs):
        doc_of[members] = d
    article_fold = dict(zip(text_article, prep.ose_fold))
    doc_fold = np.array([prep.wiki_fold[members[0]] for _, members in prep.docs])
    assert FOLDS == fit.FOLDS

    def pairs_by_level(rows: np.ndarray, levels: np.ndarray, idx: np.ndarray, partners: int, gap: float,
                       seed: int, apart: list[str] | None = None) -> np.ndarray:
        r = np.random.default_rng(seed)
        out = []
        for i in idx:
            for j in r.choice(idx, size=min(partners, len(idx)), replace=False):
                if abs(levels[i] - levels[j]) >= gap and (apart is None or apart[i] != apart[j]):
                    hard, easy = (i, j) if levels[i] > levels[j] else (j, i)
                    out.append(rows[hard] - rows[easy])
        return np.array(out)

    print(f"{'setting':52} {'OSE chunks rho':>15} {'Wiki docs rho':>14} {'Wiki sentences rho':>19} "
          f"{'OSE order':>10} {'mean':>7}")
    for name, setting in SETTINGS.items():
        w_within, w_across, w_docs, w_sentences = setting[:4]
        left_out = setting[4] if len(setting) > 4 else fit.LEFT_OUT
        results = []
        for f in range(FOLDS):
            train_c = np.array([i for i, a in enumerate(chunk_article) if article_fold[a] != f])
            test_c = np.array([i for i, a in enumerate(chunk_article) if article_fold[a] == f])
            train_d, test_d = np.flatnonzero(doc_fold != f), np.flatnonzero(doc_fold == f)
            in_docs = doc_of >= 0
            train_s = np.flatnonzero(in_docs & (doc_fold[doc_of] != f))
            test_s = np.flatnonzero(in_docs & (doc_fold[doc_of] == f))
            sets, weights = [], []
            by: dict[str, list[int]] = {}
            for i in train_c:
                by.setdefault(chunk_article[i], []).append(i)
            sets.append(np.array([chunk_z[a] - chunk_z[b] for v in by.values() for a in v for b in v
                                  if chunk_lv[a] > chunk_lv[b]]))
            weights.append(w_within)
            if w_across:
                sets.append(pairs_by_level(chunk_z, chunk_lv, train_c, fit.PARTNERS, 1.0, 0, chunk_article))
                weights.append(w_across)
            sets.append(pairs_by_level(doc_z, doc_level, train_d, fit.PARTNERS, fit.LEVEL_GAP, 0))
            weights.append(w_docs)
            if w_sentences:
                sets.append(pairs_by_level(sentence_z, sentence_lv, train_s, fit.SENTENCE_PARTNERS,
                                           fit.SENTENCE_GAP, 0))
                weights.append(w_sentences)
            w = fit.pairwise(sets, fit.PENALTY, weights, left_out)  # type: ignore[arg-type]
            held = [i for i, a in enumerate(text_article) if article_fold[a] == f]
            results.append((spearman(chunk_z[test_c] @ w, chunk_lv[test_c]),
                            spearman(doc_z[test_d] @ w, doc_level[test_d]),
                            spearman(sentence_z[test_s] @ w, sentence_lv[test_s]),
                            article_order(text_z[held] @ w, text_level[held], [text_article[i] for i in held])))
        m = np.array(results).mean(axis=0)
        print(f"{name:52} {m[0]:>15.3f} {m[1]:>14.3f} {m[2]:>19.3f} {m[3]:>10.3f} {m[:3].mean():>7.3f}",
              flush=True)
    return 0


def article_order(difficulty: np.ndarray, levels: np.ndarray, articles: list[str]) -> float:
    """The share of articles whose versions come out in the order of their levels (ties wrong)."""
    by: dict[str, list[tuple[float, float]]] = {}
    for d, lv, a in zip(difficulty, levels, articles):
        by.setdefault(a, []).append((lv, d))
    right = 0
    for versions in by.values():
        versions.sort()
        right += all(versions[i][1] < versions[i + 1][1] for i in range(len(versions) - 1))
    return right / len(by)


if __name__ == "__main__":
    raise SystemExit(main())
