"""``speakeasy forum calibrate``: fit the plain score's weights to the forum's judgements of pairs of passages.

The model is pairwise: the chance that a member finds the first passage
easier is the logistic of the difference in difficulty (the weighted sum of
the features' z-scores, as in :mod:`speakeasy.plainscore`).  The method is
that of ``benchmarks/readability/fit.py``: the same features and reference
means and spreads, a ridge penalty, and signs fixed by reasoning (a weight
that comes out with the other sign is set to 0 and the rest refitted).  The
penalty pulls the weights towards the shipped ones, so a few judgements move
the score a little and many move it more.  "As easy as each other" counts as
half a vote each way.

How often the score agrees with the forum is counted on the judgements that
chose one passage: with the shipped weights, and with weights fitted without
the judgements they are tested on (cross-validated, in 5 parts).
"""

from __future__ import annotations

import datetime as _dt
import json
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..plainscore import FEATURES, model

#: +1: a higher value makes text harder; -1: easier (as benchmarks/readability/fit.py)
DIRECTION = {k: 1.0 for k in FEATURES}
DIRECTION["content_zipf"] = -1.0
DIRECTION["speaks_to_reader"] = -1.0
#: the ridge penalty, towards the shipped weights (the features are z-scores)
PENALTY = 2.0
#: calibrate needs at least this many judgements that chose one passage
FEWEST = 10
PARTS = 5


class TooFew(Exception):
    pass


@dataclass
class Pair:
    first: str
    second: str
    #: 1.0: the first is easier; 0.0: the second; 0.5: the same
    first_easier: float


@dataclass
class Result:
    weights: dict[str, float]
    before: float
    after: float
    decided: int
    pairs: int
    data: dict[str, Any]


def zscores(texts: list[str]) -> np.ndarray:
    from ..analysis import text_tally

    m = model()
    rows = []
    for text in texts:
        feats = text_tally(text, chains=True).features()
        rows.append([(feats[k] - m.means[k]) / m.spreads[k] for k in FEATURES])
    return np.array(rows, dtype=float)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30, 30)))


def _logistic(d: np.ndarray, y: np.ndarray, prior: np.ndarray, active: list[int]) -> np.ndarray:
    """Penalised logistic regression of y on d (Newton's method), on the active features only."""
    w = prior[active].copy()
    a = d[:, active]
    for _ in range(50):
        p = _sigmoid(a @ w)
        grad = a.T @ (p - y) + PENALTY * (w - prior[active])
        hess = (a * (p * (1 - p))[:, None]).T @ a + PENALTY * np.eye(len(active))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def fit(d: np.ndarray, y: np.ndarray, shipped: np.ndarray) -> np.ndarray:
    """Weights (on the shipped weights' scale) with the reasoned signs; others set to 0 and refitted."""
    # the shipped weights in the units of the pairwise model: one number fitted first
    base = d @ shipped
    k = 1.0
    for _ in range(50):
        p = _sigmoid(k * base)
        g = float(base @ (p - y)) + 1e-3 * (k - 1.0)
        h = float((base * base) @ (p * (1 - p))) + 1e-3
        k -= g / h
    k = max(k, 1e-3)
    prior = shipped * k
    # a feature the shipped score does not weigh is not counted for every text (noun chains need the tagger)
    active = [i for i in range(d.shape[1]) if shipped[i] != 0.0]
    while True:
        w = _logistic(d, y, prior, active)
        wrong = [active[i] for i, v in enumerate(w) if v * DIRECTION[FEATURES[active[i]]] < 0]
        if not wrong:
            full = np.zeros(d.shape[1])
            full[active] = w
            return full / k
        active = [i for i in active if i not in wrong]


def agreement(d: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[int, int]:
    """(agreed, counted): judgements that chose one passage, where the score also finds that one easier."""
    decided = y != 0.5
    said = (d[decided] @ w) > 0  # the second is harder: the first is easier
    return int(np.sum(said == (y[decided] == 1.0))), int(np.sum(decided))


def calibrate(pairs: list[Pair], about: str = "") -> Result:
    decided = sum(p.first_easier != 0.5 for p in pairs)
    if decided < FEWEST:
        raise TooFew(f"calibrate needs at least {FEWEST} answers that chose one passage, and the forum has "
                     f"{decided}. Ask members to judge more pairs on the page 'Easier to read?'.")
    texts = sorted({t for p in pairs for t in (p.first, p.second)})
    z = dict(zip(texts, zscores(texts)))
    d = np.array([z[p.second] - z[p.first] for p in pairs])
    y = np.array([p.first_easier for p in pairs])
    m = model()
    shipped = np.array([m.weights.get(k, 0.0) for k in FEATURES])
    agreed, counted = agreement(d, y, shipped)
    before = agreed / counted
    # cross-validated: each part is tested with weights fitted on the others
    order = np.random.default_rng(0).permutation(len(pairs))
    parts = np.array_split(order, min(PARTS, len(pairs)))
    hits = total = 0
    for part in parts:
        train = np.setdiff1d(order, part)
        w = fit(d[train], y[train], shipped)
        a, c = agreement(d[part], y[part], w)
        hits, total = hits + a, total + c
    after = hits / total if total else before
    w = fit(d, y, shipped)
    # the same spread and centre of difficulty on these passages as the shipped weights give
    zs = np.array([z[t] for t in texts])
    old, new = zs @ shipped, zs @ w
    if new.std() > 0:
        w = w * (old.std() / new.std())
        new = zs @ w
    data = json.loads(resources.files("speakeasy.data").joinpath("plain_score.json").read_text("utf-8"))
    data["about"] = ("The plain score's numbers, with weights fitted by speakeasy forum calibrate to the "
                     f"forum's judgements of pairs of passages{about}. The means, spreads and scale are the "
                     "shipped ones (speakeasy/data/plain_score.json).")
    data["weights"] = {k: round(float(v), 6) for k, v in zip(FEATURES, w)}
    data["scale"]["centre"] = round(float(data["scale"]["centre"]) + float(data["scale"]["points_per_unit"])
                                    * float(new.mean() - old.mean()), 4)
    data["fitted_on"] = {"forum_judgements": len(pairs), "chose_one": decided,
                         "fitted": _dt.date.today().isoformat()}
    data["agreement"] = {"before": round(before, 4), "after_cross_validated": round(after, 4),
                         "parts": len(parts), "penalty": PENALTY}
    return Result({k: float(v) for k, v in zip(FEATURES, w)}, before, after, decided, len(pairs), data)


def percent(x: float) -> str:
    return f"{math.floor(x * 100 + 0.5)}%"


def write(result: Result, out: Path) -> None:
    from ..io.atomic import write_atomically

    write_atomically(str(out), (json.dumps(result.data, indent=2) + "\n").encode("utf-8"))


def model_from(data: dict[str, Any]) -> Any:
    """The plain score's :class:`~speakeasy.plainscore.Model` from a weights file's data."""
    from ..plainscore import Model

    return Model(
        weights={k: float(v) for k, v in data["weights"].items()},
        means={k: float(v) for k, v in data["means"].items()},
        spreads={k: float(v) for k, v in data["spreads"].items()},
        centre=float(data["scale"]["centre"]), scale=float(data["scale"]["points_per_unit"]),
        bend=float(data["scale"]["bend"]), age_at_100=float(data["reading_age"]["age_at_100"]),
        age_per_point=float(data["reading_age"]["years_per_point"]),
        youngest=int(data["reading_age"]["youngest"]), oldest=int(data["reading_age"]["oldest"]),
    )
