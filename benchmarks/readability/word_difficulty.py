"""Make the word-difficulty table (speakeasy/data/word_difficulty/) from data we may ship.

    python benchmarks/readability/word_difficulty.py [--data ../shared/data]

Writes ``model.json`` and ``table.tsv`` in ``speakeasy/data/word_difficulty/``
(see :mod:`speakeasy.worddifficulty`, which reads them).  Inputs, all openly
licensed, none of them copied into the table (it holds words and numbers):

* **CEFR-SP Wiki-Auto, train split** (5,990 sentences, each given a CEFR level
  by two English teachers; CC BY-SA 3.0; Arase, Uchida and Kajiwara 2022);
* **OneStopEnglish** (189 news articles, each written at three levels by
  teachers; CC BY-SA 4.0; Vajjala and Lucic 2018);
* **wordfreq** (how common each word is; data CC BY-SA 4.0; Speer 2022).

No norms of age of acquisition, concreteness or familiarity (Glasgow,
Kuperman, Brysbaert, SUBTLEX) are used: their licences are not open, or not
confirmed.  CLEAR and CEFR-SP SCoRE are non-commercial and never read here.

The method, in two steps:

1. **A model on word features.**  Each text is described by the mean of the
   features of its content words (:func:`speakeasy.worddifficulty.word_features`:
   Zipf frequency and two bends of it, letters, syllables, the ending, the start).
   One ridge regression (penalty :data:`PENALTY`) fits the level of each
   Wiki-Auto sentence (standardised) and, for OneStopEnglish, the level of
   each version against the other versions of the same article (so the topic
   of the article cancels out).  The two sets weigh the same in total.  The
   weights give every word a number from the word alone.
2. **What the data says of each word.**  Each text's residual (its level less
   what the model says) is shared out to the content words in it; a word's
   own correction is the sum of its residuals over (uses + :data:`PRIOR`): a
   word needs about that many uses before its own evidence counts as much as
   the model (a quarter of a use: the data's own evidence nearly always wins).
   Words used at least :data:`MIN_USES` times go in the table.

Numbers are put on the CEFR scale (1 = A1 ... 6 = C2) with the mean and
spread of the Wiki-Auto train levels: a word's number is about the level of
a sentence made of words like it.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import datasets  # noqa: E402

from speakeasy.analysis import WORD  # noqa: E402
from speakeasy.lexicon import stop_words, word_zipf  # noqa: E402
from speakeasy.plainscore import not_a_word  # noqa: E402
from speakeasy.worddifficulty import FEATURE_NAMES, word_features  # noqa: E402

OUT = ROOT / "speakeasy" / "data" / "word_difficulty"
#: Ridge penalty on standardised features: thousands of rows and ~70 features, so it only steadies
#: features that go together (zipf and its bends, letters and syllables).  Chosen by reasoning.
PENALTY = 10.0
#: Uses a word needs before its own evidence weighs as much as the model (shrinkage).  Chosen on held-out
#: folds of the same data, tables made without the fold they were tried on (word_difficulty_folds.py): the
#: less shrinkage, the better the table alone ranked held-out texts, down to none at all; a quarter of a use keeps a little of the
#: model for a word seen once.  ``validate.py --prior 20 --min-uses 3`` (the first table's numbers) against
#: these: the whole score ranks held-out texts better with these, on every measure it prints.
PRIOR = 0.25
#: Every word the data uses at least this often goes in the table (held-out folds: once is better than 2 or 3).
MIN_USES = 1
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


#: Signs fixed by reasoning: a rarer, longer word is never easier.  The other features (endings, starts)
#: are free: "-ness" may be easier than its length says.
DIRECTION = {"zipf": -1.0, "below_3": 1.0, "below_4_5": 1.0, "unknown": 1.0, "letters": 1.0, "syllables": 1.0}


def constrained_ridge(a: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Ridge weights (the last column is the intercept, not penalised), signs as :data:`DIRECTION` says.

    A weight that comes out with the other sign is set to 0 and the rest refitted.
    """
    active = list(range(a.shape[1]))
    while True:
        b = a[:, active]
        reg = PENALTY * np.eye(len(active))
        reg[-1, -1] = 0.0
        w = np.linalg.solve(b.T @ b + reg, b.T @ y)
        wrong = [active[i] for i, v in enumerate(w[:-1])
                 if v * DIRECTION.get(FEATURE_NAMES[active[i]], 0.0) < 0]
        if not wrong:
            full = np.zeros(a.shape[1])
            full[active] = w
            return full
        active = [i for i in active if i not in wrong]


def content_words(text: str) -> list[str]:
    """The content words of a text as the plain score reads them: no stop words, codes or names."""
    stops = stop_words()
    out = []
    for sentence in _SENTENCE_END.split(text):
        for k, m in enumerate(WORD.finditer(sentence)):
            w = m.group()
            if not any(c.isalpha() for c in w) or not_a_word(w):
                continue
            if k > 0 and w[:1].isupper() and not w.isupper():
                continue  # a name
            low = w.lower().replace("\u2019", "'").strip("'")
            if low and low not in stops:
                out.append(low)
    return out


#: Two Wiki-Auto sentences are twins when this share of their content words (of the two together) is the same:
#: Wiki-Auto pairs sentences of English Wikipedia with their Simple English Wikipedia versions, and CEFR-SP
#: kept both sides of many pairs (about 1,950 pairs in the train split).
TWIN_SHARE = 0.5


def twin_groups(texts: list[datasets.Text]) -> list[int]:
    """A group number for each sentence: twins (a sentence and its simpler or harder version) share one.

    Held-out folds must keep twins together: otherwise the table learns a
    held-out sentence's own words from its twin, and looks better than it is.
    """
    words = [frozenset(content_words(t.text)) for t in texts]
    users: dict[str, list[int]] = {}
    for i, ws in enumerate(words):
        for w in ws:
            users.setdefault(w, []).append(i)
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, ws in enumerate(words):
        seen: set[int] = set()
        for w in ws:
            seen.update(j for j in users[w] if j > i)
        for j in sorted(seen):
            if len(ws & words[j]) >= TWIN_SHARE * len(ws | words[j]):
                parent[root(j)] = root(i)
    return [root(i) for i in range(len(texts))]


def twin_folds(texts: list[datasets.Text], folds: int) -> list[int]:
    """A fold for each sentence, twins in the same fold (groups in the order of their first sentence, dealt out in turn)."""
    groups = twin_groups(texts)
    first: dict[int, int] = {}
    for i, g in enumerate(groups):
        first.setdefault(g, i)
    fold = {g: n % folds for n, g in enumerate(sorted(first, key=first.__getitem__))}
    return [fold[g] for g in groups]


def build(wiki: list[datasets.Text], ose: list[datasets.Text]) -> tuple[dict[str, Any], list[tuple[str, float]]]:
    """The model (``model.json``) and the table (word and number, rounded as ``table.tsv`` holds them)
    learned from these Wiki-Auto sentences and OneStopEnglish texts.

    ``fit.py`` also calls this on part of the data, to give the texts it fits
    on numbers from a table that never saw them (see its docstring).
    """
    texts = [content_words(t.text) for t in wiki] + [content_words(t.text) for t in ose]
    vocab = sorted({w for ws in texts for w in ws})
    index = {w: i for i, w in enumerate(vocab)}
    feats = np.array([word_features(w) for w in vocab])
    # each text: the mean of its content words' features
    x = np.array([feats[[index[w] for w in ws]].mean(axis=0) if ws else feats.mean(axis=0) for ws in texts])
    nw = len(wiki)
    yw = np.array([t.label for t in wiki])
    level_mean, level_sd = float(yw.mean()), float(yw.std())
    y = np.zeros(len(texts))
    y[:nw] = (yw - level_mean) / level_sd
    # OneStopEnglish: each version against its article's other versions, on the spread of the levels
    yo = np.array([t.label for t in ose])
    groups: dict[str, list[int]] = {}
    for i, t in enumerate(ose):
        groups.setdefault(t.group, []).append(nw + i)
    for rows in groups.values():
        y[rows] = (yo[[r - nw for r in rows]] - yo[[r - nw for r in rows]].mean()) / yo.std()
        x[rows] = x[rows] - x[rows].mean(axis=0)
    weight = np.ones(len(texts))
    weight[nw:] = math.sqrt(nw / len(ose))
    # standardise the features on the Wiki-Auto rows, fit with an intercept for them only
    mu = x[:nw].mean(axis=0)
    sd = x[:nw].std(axis=0)
    sd[sd == 0] = 1.0
    z = x.copy()
    z[:nw] = (x[:nw] - mu) / sd
    z[nw:] = x[nw:] / sd
    a = np.hstack([z, np.r_[np.ones(nw), np.zeros(len(ose))][:, None]]) * weight[:, None]
    coef = constrained_ridge(a, y * weight)
    beta = coef[:-1] / sd
    intercept = float(coef[-1] - mu @ beta)
    residual = y - (x @ beta + np.r_[np.full(nw, intercept), np.zeros(len(ose))])
    # each text's residual shared out to its content words (a word used twice gets it twice)
    total = np.zeros(len(vocab))
    uses = np.zeros(len(vocab))
    for r, ws in zip(residual, texts):
        for w in ws:
            total[index[w]] += r
            uses[index[w]] += 1
    own = total / (uses + PRIOR)
    # on the CEFR scale
    weights_cefr = beta * level_sd
    intercept_cefr = level_mean + intercept * level_sd
    model = {
        "about": ("speakeasy's word-difficulty model: a word's number on the CEFR scale (1 = A1 ... 6 = C2) from "
                  "the word alone. Written by benchmarks/readability/word_difficulty.py from CEFR-SP Wiki-Auto "
                  "train (CC BY-SA 3.0, Arase et al. 2022), OneStopEnglish (CC BY-SA 4.0, Vajjala and Lucic 2018) "
                  "and wordfreq (CC BY-SA 4.0, Speer 2022); see README.md beside this file."),
        "features": list(FEATURE_NAMES),
        "intercept": round(intercept_cefr, 6),
        "weights": [round(float(v), 6) for v in weights_cefr],
        "ridge_penalty": PENALTY,
        "prior_uses": PRIOR,
        "fitted_on": {"cefr_sp_wikiauto_train_sentences": nw, "onestopenglish_texts": len(ose)},
    }
    table = []
    for i, w in enumerate(vocab):
        if uses[i] < MIN_USES or not w.replace("'", "").replace("-", "").isalpha() or word_zipf(w) == 0.0:
            continue
        value = intercept_cefr + float(feats[i] @ weights_cefr) + float(own[i]) * level_sd
        table.append((w, float(f"{min(max(value, 1.0), 6.0):.2f}")))
    return model, table


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=datasets.DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()

    wiki = datasets.cefr(args.data, "Wikiauto", "train")
    ose = datasets.onestop(args.data)
    print(f"CEFR-SP Wiki-Auto train: {len(wiki)} sentences; OneStopEnglish: {len(ose)} texts", file=sys.stderr)
    model, table = build(wiki, ose)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "model.json").write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
    lines = [f"{w}\t{v:.2f}" for w, v in table]
    head = ("# speakeasy's word-difficulty table: word, then its number on the CEFR scale (1 = A1 ... 6 = C2).\n"
            "# Made by benchmarks/readability/word_difficulty.py; licence and attribution in README.md beside it.\n")
    (args.out / "table.tsv").write_text(head + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"Wrote {args.out}: {len(lines)} words in the table, the model for every other word.", file=sys.stderr)
    weights = np.array(model["weights"])
    for k in np.argsort(-np.abs(weights))[:12]:
        print(f"  {FEATURE_NAMES[k]:16} {weights[k]:+.3f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
