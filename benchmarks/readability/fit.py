"""Fit the plain score's weights on openly licensed data, and write them down.

    python benchmarks/readability/fit.py [--data ../shared/data]

Writes ``speakeasy/data/plain_score.json``.  Only data we may ship is used:

* the **reference means and spreads** of the features are those of the
  OneStopEnglish texts (all three levels; CC BY-SA 4.0);
* the **weights** come from a pairwise (ranking) loss: the score should put
  the harder text of a pair above the easier one.  Three sets of pairs:

  - OneStopEnglish texts cut into chunks of whole sentences of about 160
    words (CLEAR's length); every chunk of a harder version of an article
    against every chunk of an easier version of the same article, so the
    topic is the same on both sides (weighing 1);
  - CEFR-SP Wiki-Auto *train* sentences (CC BY-SA 3.0, the mean of two
    teachers' levels) in order of level, put together into pseudo-documents
    of about 160 words; each against 40 others (chosen at random, seed 0)
    at least half a level apart (weighing 0.5);
  - the same sentences on their own, each against 10 others at least a whole
    level apart (weighing 0.5): the score also scores single sentences;

  the loss is the weighted sum of the mean of log(1 + exp(-w . (harder -
  easier))) over each set, on the features' z-scores, fitted by Newton's
  method from zero.  ``validate.py`` compared these weights and others on
  held-out folds of the same data;
* each fitting text is **tallied with a word-difficulty table that never saw
  it** (:func:`prepare`: five folds, each tallied with a table made from the
  other four), as the table learned from these same texts;
* the Zipf percentiles and the mean over word types are **left out**
  (:data:`LEFT_OUT`): they cost memory, and the held-out folds lose nothing
  without them;
* the **penalty** is 0.01 times half the sum of the squared weights: the
  features are z-scores and the loss is a mean over thousands of pairs, so
  this only steadies weights of features that go together (the Zipf spread,
  syllables and letters), chosen by reasoning, not searched;
* **signs are fixed by reasoning**: more common words (a higher Zipf value,
  anywhere in the spread) and speaking to the reader make text easier;
  everything else makes it harder.  A weight that comes out with the other
  sign is set to 0 and the rest refitted (it would mean, say, that passive
  verbs make text easier, which no reader would agree with);
* the **scale** maps the weighted sum onto the Flesch reading ease scale: on
  the OneStopEnglish texts the raw score has the same mean and spread as
  speakeasy's Flesch reading ease, so 60 and over reads as plain English, as
  people expect; a logistic curve with slope 1 at 50 (bend 25) keeps it
  within 0 and 100 without ties at the ends;
* the **reading age** follows Flesch's own table of scores and school years
  (90-100 about 11 years old, 60-70 about 13 to 15, 30-50 college):
  ``age = 9 + 0.15 x (100 - score)``, kept within 9 and 21.

The word-difficulty table the features use is made beforehand, from the same
open data and wordfreq, by ``word_difficulty.py``.

CLEAR, CEFR-SP SCoRE and ASSET are non-commercial: they are never read here.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import datasets  # noqa: E402

from speakeasy.plainscore import DIRECTION, EASIER, FEATURES, Tally, tally  # noqa: E402,F401  (signs: see plainscore)

#: The penalty on the weights (half the sum of their squares, times this), next to a mean loss over
#: pairs: the features are z-scores, so a weight of 1 costs 0.005, a few hundredths of the loss of
#: one set.  That only steadies weights of features that go together (the Zipf spread, syllables
#: and letters), chosen by reasoning, not searched.
PENALTY = 0.01
BEND = 25.0
#: OneStopEnglish texts are cut into chunks of whole sentences of about this many words (CLEAR's
#: excerpts are about 170 words), and Wiki-Auto sentences are put together into pseudo-documents as long.
CHUNK_WORDS = 160
#: Wiki-Auto pseudo-documents are compared with this many others each (chosen at random, seed 0).
PARTNERS = 40
#: Two pseudo-documents are a pair when their mean levels differ by at least this (half a CEFR level).
LEVEL_GAP = 0.5
#: Each Wiki-Auto train sentence is also compared, on its own, with this many others (chosen at random,
#: seed 0) at least a whole CEFR level apart (a level is the mean of two teachers' levels, so half a level
#: is one teacher's disagreement): the score also scores single sentences.
SENTENCE_PARTNERS = 10
SENTENCE_GAP = 1.0
#: Features the fit leaves out (weight 0), by reasoning: the percentiles of the content words' Zipf values
#: and their mean over word types need every content word's value kept, which costs memory on a long
#: document (51.5 MB against 39.8 MB for the tallies of a 192,320-word one, when first measured), and the shares below Zipf 3.5,
#: 4 and 5 carry the same spread as plain counts.  ``validate.py`` checks that the held-out folds lose
#: nothing by it.
LEFT_OUT = ("zipf_p10", "zipf_p25", "zipf_median", "type_zipf")
#: The fitting texts are tallied in this many folds, each with a word-difficulty table made from the others.
FOLDS = 5
#: How much each set of pairs weighs in the loss: OneStopEnglish as much as Wiki-Auto, whose weight is
#: shared between its pseudo-documents and its sentences.
SET_WEIGHTS = {"onestopenglish": 1.0, "wikiauto_documents": 0.5, "wikiauto_sentences": 0.5}


def sentence_tallies(text: str) -> list[Tally]:
    """The plain score's tally of each sentence of a text, noun chains measured."""
    from speakeasy.analysis import Analysis
    from speakeasy.readers.text import parse

    analysis = Analysis(parse("text.txt", text))
    return [analysis.sentence_tally(s, chains=True) for s in analysis.sentences]


def chunks(parts: list[Tally]) -> list[Tally]:
    """Whole sentences put together into chunks of about :data:`CHUNK_WORDS` words (a short end joins the last)."""
    out: list[Tally] = []
    current: list[Tally] = []
    words = 0
    for t in parts:
        current.append(t)
        words += t.words
        if words >= CHUNK_WORDS:
            out.append(tally(current))
            current, words = [], 0
    if current:
        if out and words < CHUNK_WORDS / 2:
            out[-1] = tally([out[-1], *current])
        else:
            out.append(tally(current))
    return out


def vector(t: Tally) -> list[float]:
    x = t.features()
    return [x[k] for k in FEATURES]


def flesch(texts: list[str]) -> np.ndarray:
    from speakeasy.analysis import Analysis
    from speakeasy.readers.text import parse

    return np.array([Analysis(parse("t.txt", t)).scores().flesch_reading_ease for t in texts])


def pairwise(sets: list[np.ndarray], penalty: float, weights: list[float] | None = None,
             left_out: tuple[str, ...] = LEFT_OUT) -> np.ndarray:
    """Weights with the reasoned signs for a pairwise logistic loss (others set to 0 and refitted).

    Each set holds rows ``harder - easier`` (z-scores); the loss is the mean
    of log(1 + exp(-w . d)) over each set's rows, the sets added with the
    given weights (equal when none are given), plus ``penalty / 2`` times the
    sum of the squared weights.  The features in ``left_out`` keep a weight of 0.
    Newton's method, from zero, to convergence: the same numbers every run.
    """
    n = sets[0].shape[1]
    share = weights or [1.0] * len(sets)
    active = [i for i in range(n) if FEATURES[i] not in left_out]
    while True:
        w = np.zeros(len(active))
        for _ in range(100):
            grad = penalty * w
            hess = penalty * np.eye(len(active))
            for d, k in zip(sets, share):
                a = d[:, active]
                m = a @ w
                p = 1.0 / (1.0 + np.exp(m))  # the chance the pair comes out the wrong way round
                grad = grad - k * (a.T @ p) / len(a)
                hess = hess + k * ((a * (p * (1.0 - p))[:, None]).T @ a) / len(a)
            step = np.linalg.solve(hess, grad)
            w = w - step
            if np.abs(step).max() < 1e-12:
                break
        wrong = [active[i] for i, v in enumerate(w) if v * DIRECTION[FEATURES[active[i]]] < 0]
        if not wrong:
            full = np.zeros(n)
            full[active] = w
            return full
        active = [i for i in active if i not in wrong]


@dataclass
class Prepared:
    """The fitting data, each text tallied with a word-difficulty table made without it."""

    ose: list[datasets.Text]
    wiki: list[datasets.Text]
    #: the Wiki-Auto sentences in order of level (ties in a fixed random order): indices into ``wiki``
    order: list[int]
    #: each OneStopEnglish text's sentence tallies; each Wiki-Auto sentence's tally, in ``order``
    ose_parts: list[list[Tally]]
    wiki_tallies: list[Tally]
    #: the Wiki-Auto pseudo-documents: (mean level, positions in ``order``)
    docs: list[tuple[float, list[int]]]
    #: the fold of each OneStopEnglish text (by article) and of each Wiki-Auto sentence in ``order`` (with
    #: its twins; a pseudo-document's sentences are all of one fold): a text is tallied with the table
    #: made from the other folds
    ose_fold: list[int]
    wiki_fold: list[int]


def prepare(data: Path) -> Prepared:
    """Read and tally the fitting data (OneStopEnglish, CEFR-SP Wiki-Auto train; nothing else).

    The word-difficulty table learned from these same texts with little
    shrinkage (``word_difficulty.py``), so a text it learned from looks to it
    much as the text's own level: fitted on those numbers, the weights would
    trust the table far more than it earns on a text it never saw.  So the
    texts are split into :data:`FOLDS` folds (OneStopEnglish by article,
    Wiki-Auto sentences with their twins, ``word_difficulty.twin_folds``),
    and each fold is tallied with a table made by ``word_difficulty.build``
    from the other folds only.  Pseudo-documents are made within a fold.  The
    shipped table is made from all of them.
    """
    import word_difficulty

    from speakeasy import worddifficulty
    from speakeasy.plainscore import counting

    ose = datasets.onestop(data)
    wiki = datasets.cefr(data, "Wikiauto", "train")
    print(f"OneStopEnglish: {len(ose)} texts; CEFR-SP Wiki-Auto train: {len(wiki)} sentences", file=sys.stderr)
    rng = np.random.default_rng(0)
    shuffle = rng.permutation(len(wiki))
    order = sorted(range(len(wiki)), key=lambda i: (wiki[i].label, shuffle[i]))
    # the folds: Wiki-Auto twins (a sentence and its simpler or harder version) in the same fold
    fold_of = word_difficulty.twin_folds(wiki, FOLDS)
    wiki_fold = [fold_of[i] for i in order]
    # the pseudo-documents: whole sentences of one fold in order of level, ~CHUNK_WORDS words each (a word
    # count does not depend on the table)
    docs: list[tuple[float, list[int]]] = []
    for f in range(FOLDS):
        current: list[int] = []
        words = 0
        for k, i in enumerate(order):
            if wiki_fold[k] != f:
                continue
            current.append(k)
            words += sum(t.words for t in sentence_tallies(wiki[i].text))
            if words >= CHUNK_WORDS:
                docs.append((float(np.mean([wiki[order[j]].label for j in current])), current))
                current, words = [], 0
    articles = sorted({t.group for t in ose})
    ose_fold = [articles.index(t.group) % FOLDS for t in ose]

    ose_parts: list[list[Tally]] = [[] for _ in ose]
    wiki_tallies: list[Tally] = [Tally() for _ in order]
    saved = worddifficulty.table, worddifficulty.model
    try:
        for f in range(FOLDS):
            model, rows = word_difficulty.build([wiki[order[k]] for k in range(len(order)) if wiki_fold[k] != f],
                                                [t for t, g in zip(ose, ose_fold) if g != f])
            table = dict(rows)
            worddifficulty.table = lambda table=table: table  # type: ignore[assignment]
            worddifficulty.model = lambda model=model: model  # type: ignore[assignment]
            _clear_caches(counting)
            for j, t in enumerate(ose):
                if ose_fold[j] == f:
                    ose_parts[j] = sentence_tallies(t.text)
            for k, i in enumerate(order):
                if wiki_fold[k] == f:
                    wiki_tallies[k] = tally(sentence_tallies(wiki[i].text))
    finally:
        worddifficulty.table, worddifficulty.model = saved  # type: ignore[assignment]
        _clear_caches(counting)
    return Prepared(ose, wiki, order, ose_parts, wiki_tallies, docs, ose_fold, wiki_fold)


def _clear_caches(module: object) -> None:
    """Empty every cache of a module's functions (the plain score keeps each word's numbers)."""
    for value in vars(module).values():
        clear = getattr(value, "cache_clear", None)
        if callable(clear):
            clear()


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    ra = np.argsort(np.argsort(a))
    rb = np.argsort(np.argsort(b))
    return float(np.corrcoef(ra, rb)[0, 1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=datasets.DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=ROOT / "speakeasy" / "data" / "plain_score.json")
    args = ap.parse_args()

    prep = prepare(args.data)
    ose, wiki, order, ose_sentences, wiki_tallies = prep.ose, prep.wiki, prep.order, prep.ose_parts, prep.wiki_tallies
    # the reference means and spreads: the OneStopEnglish texts, as before
    x = np.array([vector(tally(parts)) for parts in ose_sentences])
    means = x.mean(axis=0)
    spreads = x.std(axis=0)
    spreads[spreads == 0] = 1.0

    def z(rows: list[list[float]]) -> np.ndarray:
        return (np.array(rows) - means) / spreads

    # OneStopEnglish: chunks of ~160 words; every chunk of a harder version against every chunk of an
    # easier version of the same article
    by_article: dict[str, list[tuple[float, np.ndarray]]] = {}
    n_chunks = 0
    for t, parts in zip(ose, ose_sentences):
        cz = z([vector(c) for c in chunks(parts)])
        n_chunks += len(cz)
        by_article.setdefault(t.group, []).extend((t.label, row) for row in cz)
    ose_pairs = [hard - easy for versions in by_article.values()
                 for lh, hard in versions for le, easy in versions if lh > le]
    # Wiki-Auto: pseudo-documents of ~160 words; each against PARTNERS others at least half a level apart
    rng = np.random.default_rng(0)
    docs = [(level, tally(wiki_tallies[j] for j in members)) for level, members in prep.docs]
    levels = np.array([lv for lv, _ in docs])
    dz = z([vector(t) for _, t in docs])
    wiki_pairs = []
    for i in range(len(docs)):
        for j in rng.choice(len(docs), size=PARTNERS, replace=False):
            if abs(levels[i] - levels[j]) >= LEVEL_GAP:
                hard, easy = (i, j) if levels[i] > levels[j] else (j, i)
                wiki_pairs.append(dz[hard] - dz[easy])
    # Wiki-Auto sentences on their own: each against SENTENCE_PARTNERS others a whole level apart or more
    sentence_levels = np.array([wiki[i].label for i in order])
    sz = z([vector(t) for t in wiki_tallies])
    sentence_pairs = []
    for i in range(len(sz)):
        for j in rng.choice(len(sz), size=SENTENCE_PARTNERS, replace=False):
            if abs(sentence_levels[i] - sentence_levels[j]) >= SENTENCE_GAP:
                hard, easy = (i, j) if sentence_levels[i] > sentence_levels[j] else (j, i)
                sentence_pairs.append(sz[hard] - sz[easy])
    print(f"  {n_chunks} OneStopEnglish chunks, {len(ose_pairs)} pairs; "
          f"{len(docs)} Wiki-Auto pseudo-documents, {len(wiki_pairs)} pairs; "
          f"{len(sentence_pairs)} Wiki-Auto sentence pairs", file=sys.stderr)
    penalty = PENALTY
    w = pairwise([np.array(ose_pairs), np.array(wiki_pairs), np.array(sentence_pairs)], penalty,
                 [SET_WEIGHTS["onestopenglish"], SET_WEIGHTS["wikiauto_documents"], SET_WEIGHTS["wikiauto_sentences"]])
    zt = (x - means) / spreads
    y = np.array([t.label for t in ose])
    right = float(np.mean(np.array(ose_pairs) @ w > 0))
    print(f"  OneStopEnglish texts Spearman {spearman(zt @ w, y):.3f}, chunk pairs right {right:.3f}; "
          f"Wiki-Auto pseudo-documents Spearman {spearman(dz @ w, levels):.3f}", file=sys.stderr)
    difficulty = zt @ w
    fre = flesch([t.text for t in ose])
    # score = centre - scale * difficulty, with Flesch's mean and spread on these texts.
    scale = float(fre.std() / difficulty.std())
    centre = float(fre.mean() + scale * difficulty.mean())

    data = {
        "about": (
            "The plain score's numbers. Written by benchmarks/readability/fit.py from OneStopEnglish "
            "(CC BY-SA 4.0, Vajjala and Lucic 2018) and CEFR-SP Wiki-Auto train (CC BY-SA 3.0, Arase et al. 2022). "
            "See that script's docstring and benchmarks/readability/README.md for how each number was chosen."
        ),
        "features": list(FEATURES),
        "weights": {k: round(float(v), 6) for k, v in zip(FEATURES, w)},
        "means": {k: round(float(v), 6) for k, v in zip(FEATURES, means)},
        "spreads": {k: round(float(v), 6) for k, v in zip(FEATURES, spreads)},
        "penalty": penalty,
        "loss": "pairwise logistic: OneStopEnglish chunks of ~160 words (harder version against easier, same "
                "article), weighing 1; CEFR-SP Wiki-Auto train pseudo-documents of ~160 words (half a level apart "
                "or more), weighing 0.5; and Wiki-Auto train sentences (a whole level apart or more), weighing 0.5",
        "scale": {"centre": round(centre, 4), "points_per_unit": round(scale, 4),
                  "bend": BEND,
                  "how": "the mean and standard deviation of Flesch reading ease on the OneStopEnglish texts; "
                         "then a logistic curve, slope 1 at 50, keeps the score within 0 and 100"},
        "reading_age": {"age_at_100": 9, "years_per_point": 0.15, "youngest": 9, "oldest": 21,
                        "how": "Flesch's table of scores and school years: 90-100 about age 11, "
                               "60-70 about 13 to 15, 30-50 college age; UK reading age = US grade + 5"},
        "fitted_on": {"onestopenglish_texts": len(ose), "cefr_sp_wikiauto_train_sentences": len(wiki),
                      "onestopenglish_chunks": n_chunks, "onestopenglish_pairs": len(ose_pairs),
                      "wikiauto_pseudo_documents": len(docs), "wikiauto_pairs": len(wiki_pairs),
                      "wikiauto_sentence_pairs": len(sentence_pairs)},
    }
    args.out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"Wrote {args.out} (penalty {penalty:g}).", file=sys.stderr)
    for k, v in zip(FEATURES, w):
        print(f"  {k:24} {v:+.3f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
