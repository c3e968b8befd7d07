"""The summary of an audit, kept as the outcomes stream past: counts, the worst documents, the score spread.

It holds no findings: per-rule counts, a heap of the ``worst`` worst
documents, and one number (the plain score) for each document with words.
Every figure is the same whatever order the outcomes come in, so a run on a
cluster gives the same summary as a serial run.

The worst documents are those with the most errors, then the most warnings,
then the lowest plain score (ties: by name).
"""

from __future__ import annotations

import heapq
import math
from array import array
from typing import Any

from .work import Outcome

__all__ = ["PERCENTILES", "Summary", "percentile"]

#: The points of the plain score spread, in per cent.
PERCENTILES = (10, 25, 50, 75, 90)


def percentile(ordered: array[float] | list[float], p: float) -> float:
    """The ``p``-th percentile of sorted numbers, between the two nearest (as numpy's default, 'linear')."""
    if not ordered:
        raise ValueError("no numbers")
    at = (len(ordered) - 1) * p / 100
    low = math.floor(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


def _rank(o: Outcome) -> tuple[int, int, float, str]:
    """Bigger is worse: more errors, more warnings, a lower score; then the name (earlier is worse, so ties are stable)."""
    return (o.levels[2], o.levels[1], -(o.plain_score if o.plain_score is not None else 100.0), _Reversed(o.name))  # type: ignore[return-value]


class _Reversed(str):
    """A name that sorts backwards, so that among equals the name first in order ranks as worse."""

    def __lt__(self, other: str) -> bool:  # type: ignore[override]
        return str.__gt__(self, other)

    def __gt__(self, other: str) -> bool:  # type: ignore[override]
        return str.__lt__(self, other)


class Summary:
    """Add each :class:`Outcome`; :meth:`as_dict` is the summary."""

    def __init__(self, worst: int = 20) -> None:
        self.worst = worst
        self.documents = 0
        self.unreadable = 0
        self.errors_by_code: dict[str, int] = {}
        self.without_words = 0
        self.words = 0
        self.levels = [0, 0, 0]
        self.rules: dict[str, int] = {}
        self.scores: array[float] = array("d")
        self._heap: list[tuple[Any, ...]] = []

    def add(self, o: Outcome) -> None:
        self.documents += 1
        if o.error is not None:
            self.unreadable += 1
            self.errors_by_code[o.error] = self.errors_by_code.get(o.error, 0) + 1
            return
        self.words += o.words
        for i, n in enumerate(o.levels):
            self.levels[i] += n
        for rule, n in o.rules:
            self.rules[rule] = self.rules.get(rule, 0) + n
        if o.plain_score is None:
            self.without_words += 1
        else:
            self.scores.append(o.plain_score)
        if self.worst <= 0 or not any(o.levels):
            return
        item = (_rank(o), o.name, o.levels, o.plain_score, o.words)
        if len(self._heap) < self.worst:
            heapq.heappush(self._heap, item)
        elif item[0] > self._heap[0][0]:
            heapq.heapreplace(self._heap, item)

    def as_dict(self) -> dict[str, Any]:
        scores = sorted(self.scores)
        spread: dict[str, Any] = {"documents": len(scores)}
        if scores:
            spread["lowest"] = round(scores[0], 1)
            for p in PERCENTILES:
                spread[f"p{p}"] = round(percentile(scores, p), 1)
            spread["highest"] = round(scores[-1], 1)
            spread["mean"] = round(math.fsum(scores) / len(scores), 1)
        worst = [{"file": name, "errors": lv[2], "warnings": lv[1], "suggestions": lv[0],
                  "plain_score": score, "words": words}
                 for _, name, lv, score, words in sorted(self._heap, reverse=True)]
        return {
            "documents": self.documents,
            "checked": self.documents - self.unreadable,
            "could_not_check": self.unreadable,
            "could_not_check_by_reason": dict(sorted(self.errors_by_code.items())),
            "without_words": self.without_words,
            "words": self.words,
            "findings": {"error": self.levels[2], "warning": self.levels[1], "suggestion": self.levels[0]},
            "rules": dict(sorted(self.rules.items(), key=lambda kv: (-kv[1], kv[0]))),
            "plain_score": spread,
            "worst": worst,
        }
