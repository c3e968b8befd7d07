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

from ..plainscore import DIRECTION, FEATURES, model

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


def _loss(a: np.ndarray, y: np.ndarray, w: np.ndarray, prior: np.ndarray) -> float:
    """The penalised logistic loss (convex), computed without overflow."""
    z = a @ w
    return float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * PENALTY * np.sum((w - prior) ** 2))


def _logistic(d: np.ndarray, y: np.ndarray, prior: np.ndarray, active: list[int]) -> np.ndarray:
    """Penalised logistic regression of y on d (Newton's method with a line search), on the active features only.

    Judgements a forum gives can often be split by a line, and then plain Newton steps overshoot;
    halving each step until the loss falls keeps every step an improvement (the loss is convex).
    """
    w = prior[active].copy()
    a = d[:, active]
    p_act = prior[active]
    loss = _loss(a, y, w, p_act)
    for _ in range(100):
        p = _sigmoid(a @ w)
        grad = a.T @ (p - y) + PENALTY * (w - p_act)
        hess = (a * (p * (1 - p))[:, None]).T @ a + PENALTY * np.eye(len(active))
        step = np.linalg.solve(hess, grad)
        t = 1.0
        while t > 1e-10:
            new = w - t * step
            new_loss = _loss(a, y, new, p_act)
            if new_loss <= loss:
                break
            t /= 2
        else:
            break
        w, done = new, abs(loss - new_loss) < 1e-12 or np.abs(t * step).max() < 1e-8
        loss = new_loss
        if done:
            break
    return w


def _scale(base: np.ndarray, y: np.ndarray) -> float:
    """The one number that best puts the shipped score in the units of the pairwise model.

    The loss is convex in it, so a search between 0.001 and 1,000 (on a log scale) finds it.
    """
    def f(log_k: float) -> float:
        k = 10.0 ** log_k
        z = k * base
        return float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5e-3 * (k - 1.0) ** 2)

    lo, hi = -3.0, 3.0
    g = (5 ** 0.5 - 1) / 2
    c, e = hi - g * (hi - lo), lo + g * (hi - lo)
    fc, fe = f(c), f(e)
    for _ in range(80):
        if fc < fe:
            hi, e, fe = e, c, fc
            c = hi - g * (hi - lo)
            fc = f(c)
        else:
            lo, c, fc = c, e, fe
            e = lo + g * (hi - lo)
            fe = f(e)
    return 10.0 ** ((lo + hi) / 2)


def fit(d: np.ndarray, y: np.ndarray, shipped: np.ndarray) -> np.ndarray:
    """Weights (on the shipped weights' scale) with the reasoned signs; others set to 0 and refitted."""
    # the shipped weights in the units of the pairwise model: one number fitted first
    k = _scale(d @ shipped, y)
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

