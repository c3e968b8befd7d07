"""Fit the plain score's weights on openly licensed data, and write them down.

    python benchmarks/readability/fit.py [--data ../shared/data]

Writes ``speakeasy/data/plain_score.json``.  Only data we may ship is used:

* the **reference means and spreads** of the features are those of the
  OneStopEnglish texts (all three levels; CC BY-SA 4.0);
* the **weights** come from one ridge regression on the features' z-scores of
  two sets of expert judgements at once: the OneStopEnglish level of each
  text (0 elementary, 1 intermediate, 2 advanced) and the CEFR level of each
  CEFR-SP Wiki-Auto *train* sentence (CC BY-SA 3.0, the mean of two
  teachers).  Each target is standardised and the two sets weigh the same in
  total, so the score works on whole texts and on single sentences;
* the **ridge penalty** is 100: the features are z-scores and there are
  thousands of rows, so this only steadies weights of features that go
  together (syllables and word frequency), chosen by reasoning, not searched;
* **signs are fixed by reasoning**: every feature makes text harder except the
  mean word frequency, which makes it easier.  A weight that comes out with
  the other sign is set to 0 and the rest refitted (it would mean, say, that
  passive verbs make text easier, which no reader would agree with);
* the **scale** maps the weighted sum onto the Flesch reading ease scale: on
  the OneStopEnglish texts the raw score has the same mean and spread as
  speakeasy's Flesch reading ease, so 60 and over reads as plain English, as
  people expect; a logistic curve with slope 1 at 50 (bend 25) keeps it
  within 0 and 100 without ties at the ends;
* the **reading age** follows Flesch's own table of scores and school years
  (90-100 about 11 years old, 60-70 about 13 to 15, 30-50 college):
  ``age = 9 + 0.15 x (100 - score)``, kept within 9 and 21.

CLEAR, CEFR-SP SCoRE and ASSET are non-commercial: they are never read here.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import datasets  # noqa: E402

from speakeasy.analysis import text_tally  # noqa: E402
from speakeasy.plainscore import FEATURES  # noqa: E402

#: +1: a higher value makes text harder; -1: easier.  Chosen by reasoning, not fitted.
DIRECTION = {k: 1.0 for k in FEATURES}
DIRECTION["content_zipf"] = -1.0
DIRECTION["speaks_to_reader"] = -1.0
PENALTY = 100.0
BEND = 25.0


def features(texts: list[str]) -> np.ndarray:
    return np.array([[text_tally(t, chains=True).features()[k] for k in FEATURES] for t in texts])


def flesch(texts: list[str]) -> np.ndarray:
    from speakeasy.analysis import Analysis
    from speakeasy.readers.text import parse

    return np.array([Analysis(parse("t.txt", t)).scores().flesch_reading_ease for t in texts])


def ridge(z: np.ndarray, y: np.ndarray, penalty: float) -> np.ndarray:
    """Weights with the reasoned signs (others set to 0 and refitted)."""
    active = list(range(z.shape[1]))
    while True:
        a = z[:, active]
        w = np.linalg.solve(a.T @ a + penalty * np.eye(len(active)), a.T @ (y - y.mean()))
        wrong = [active[i] for i, v in enumerate(w) if v * DIRECTION[FEATURES[active[i]]] < 0]
        if not wrong:
            full = np.zeros(z.shape[1])
            full[active] = w
            return full
        active = [i for i in active if i not in wrong]


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    ra = np.argsort(np.argsort(a))
    rb = np.argsort(np.argsort(b))
    return float(np.corrcoef(ra, rb)[0, 1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=datasets.DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=ROOT / "speakeasy" / "data" / "plain_score.json")
    args = ap.parse_args()

    ose = datasets.onestop(args.data)
    wiki = datasets.cefr(args.data, "Wikiauto", "train")
    print(f"OneStopEnglish: {len(ose)} texts; CEFR-SP Wiki-Auto train: {len(wiki)} sentences", file=sys.stderr)
    x = features([t.text for t in ose])
    y = np.array([t.label for t in ose])
    means = x.mean(axis=0)
    spreads = x.std(axis=0)
    spreads[spreads == 0] = 1.0
    z = (x - means) / spreads
    xw = features([t.text for t in wiki])
    zw = (xw - means) / spreads
    yw = np.array([t.label for t in wiki])

    # Both sets in one regression: standardised targets, equal total weight.
    share = math.sqrt(len(wiki) / len(ose))
    rows = np.vstack([z * share, zw])
    target = np.concatenate([(y - y.mean()) / y.std() * share, (yw - yw.mean()) / yw.std()])
    penalty = PENALTY
    w = ridge(rows, target, penalty)
    print(f"  OneStopEnglish Spearman {spearman(z @ w, y):.3f}; Wiki-Auto train Spearman {spearman(zw @ w, yw):.3f}",
          file=sys.stderr)
    difficulty = z @ w
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
        "ridge_penalty": penalty,
        "scale": {"centre": round(centre, 4), "points_per_unit": round(scale, 4),
                  "bend": BEND,
                  "how": "the mean and standard deviation of Flesch reading ease on the OneStopEnglish texts; "
                         "then a logistic curve, slope 1 at 50, keeps the score within 0 and 100"},
        "reading_age": {"age_at_100": 9, "years_per_point": 0.15, "youngest": 9, "oldest": 21,
                        "how": "Flesch's table of scores and school years: 90-100 about age 11, "
                               "60-70 about 13 to 15, 30-50 college age; UK reading age = US grade + 5"},
        "fitted_on": {"onestopenglish_texts": len(ose), "cefr_sp_wikiauto_train_sentences": len(wiki)},
    }
    args.out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"Wrote {args.out} (penalty {penalty:g}).", file=sys.stderr)
    for k, v in zip(FEATURES, w):
        print(f"  {k:24} {v:+.3f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
