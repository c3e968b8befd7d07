"""The plain score from a tally: the fitted model, the score on the 0 to 100 scale, the reading age and the reasons."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .tally import FEATURES, LONG_SENTENCE, SHOWN, WORD_FEATURES, Tally


@dataclass(frozen=True, slots=True)
class Model:
    """The numbers the score uses (see ``speakeasy/data/plain_score.json``)."""

    weights: dict[str, float]
    means: dict[str, float]
    spreads: dict[str, float]
    centre: float
    scale: float
    bend: float
    age_at_100: float
    age_per_point: float
    youngest: int
    oldest: int


@lru_cache(maxsize=1)
def model() -> Model:
    data = json.loads(resources.files("speakeasy.data").joinpath("plain_score.json").read_text("utf-8"))
    return Model(
        weights={k: float(v) for k, v in data["weights"].items()},
        means={k: float(v) for k, v in data["means"].items()},
        spreads={k: float(v) for k, v in data["spreads"].items()},
        centre=float(data["scale"]["centre"]),
        scale=float(data["scale"]["points_per_unit"]),
        bend=float(data["scale"]["bend"]),
        age_at_100=float(data["reading_age"]["age_at_100"]),
        age_per_point=float(data["reading_age"]["years_per_point"]),
        youngest=int(data["reading_age"]["youngest"]),
        oldest=int(data["reading_age"]["oldest"]),
    )


def load_model(path: str | Path) -> Model:
    """The plain score's numbers from a weights file (``plain_score`` in the settings), checked.

    Raises :class:`~speakeasy.errors.ConfigError` with a plain message when the file cannot be used.
    """
    from ..errors import ConfigError

    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "it is not a weights file (JSON)"
        raise ConfigError(f"{p}: speakeasy cannot read the plain score's weights here: {reason}. "
                          "Make the file with speakeasy forum calibrate.") from None
    shipped = model()
    try:
        made = Model(
            weights={k: float(data["weights"][k]) for k in FEATURES},
            means={k: float(data["means"][k]) for k in FEATURES},
            spreads={k: float(data["spreads"][k]) or 1.0 for k in FEATURES},
            centre=float(data["scale"]["centre"]), scale=float(data["scale"]["points_per_unit"]),
            bend=float(data["scale"]["bend"]),
            age_at_100=shipped.age_at_100, age_per_point=shipped.age_per_point,
            youngest=shipped.youngest, oldest=shipped.oldest,
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise ConfigError(f"{p}: this is not a file of the plain score's weights, or it is from another "
                          "version of speakeasy. Make it again with speakeasy forum calibrate.") from None
    if any(made.weights[k] != 0.0 for k in FEATURES if shipped.weights.get(k, 0.0) == 0.0):
        raise ConfigError(f"{p}: this file weighs a feature that speakeasy's score does not count. Make it "
                          "again with speakeasy forum calibrate.")
    return made


def contributions(t: Tally, m: Model | None = None) -> dict[str, float]:
    """How much each feature makes the text harder (positive) or easier than the reference."""
    m = m or model()
    x = t.features()
    return {k: m.weights.get(k, 0.0) * (x[k] - m.means[k]) / m.spreads[k] for k in FEATURES}


def difficulty(t: Tally, m: Model | None = None) -> float:
    """The weighted sum of z-scores: 0 is the reference corpus's average, higher is harder."""
    return sum(contributions(t, m).values())


def raw_score(t: Tally, m: Model | None = None) -> float:
    """The weighted sum on the Flesch reading ease scale, before it is kept within 0 to 100."""
    m = m or model()
    return m.centre - m.scale * difficulty(t, m)


def squash(raw: float, m: Model | None = None) -> float:
    """Keep a raw score within 0 to 100 without cutting it off.

    A logistic curve with a slope of 1 at 50: in the middle of the scale the
    plain score moves as the raw score does, and at the ends it bends, so
    two very easy (or very hard) sentences still come out in the right order
    instead of both at 100 (or 0).
    """
    m = m or model()
    x = (raw - 50.0) / m.bend
    if x < -50:
        return 0.0
    return 100.0 / (1.0 + math.exp(-x))


def reading_age_for(score: float, m: Model | None = None) -> int:
    m = m or model()
    age = m.age_at_100 + m.age_per_point * (100.0 - score)
    return int(min(max(round(age), m.youngest), m.oldest))


@dataclass(frozen=True, slots=True)
class PlainScore:
    score: float
    reading_age: int
    words: int
    sentences: int
    reasons: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"plain_score": round(self.score, 1), "reading_age": self.reading_age, "words": self.words,
                "sentences": self.sentences, "reasons": list(self.reasons)}


def score(t: Tally, m: Model | None = None, explain: bool = True) -> PlainScore:
    """Score a tally: 0 to 100, with a reading age and (``explain``) the reasons it is hard."""
    m = m or model()
    if t.words == 0:
        return PlainScore(100.0, m.youngest, 0, t.sentences, ())
    value = squash(raw_score(t, m), m)
    why = tuple(reasons(t, m)) if explain else ()
    return PlainScore(value, reading_age_for(value, m), t.words, t.sentences, why)


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def _named(noun: str, words: dict[str, int], plural: str | None = None) -> str:
    """'2 rare words: 'reablement' (3 times), 'promulgated'': the count is the number of different words.

    The words used most come first (in the order they first come when used as
    often), each with how often it is used when more than once.  After
    :data:`SHOWN` of them, "and N others" says how many more there are, so
    the count always matches what is named.
    """
    n = len(words)
    head = f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"
    ranked = sorted(words.items(), key=lambda kv: -kv[1])
    shown = ranked[:SHOWN] if n > SHOWN + 1 else ranked  # never "and 1 other": name it
    text = ", ".join(f"'{w}'" + (f" ({_times(k)})" if k > 1 else "") for w, k in shown)
    rest = n - len(shown)
    if rest:
        text += f" and {rest} others"
    return f"{head}: {text}"


def reasons(t: Tally, m: Model | None = None, limit: int = 3) -> list[str]:
    """What makes this text hard, in plain words, the biggest reason first.

    Only things that make it harder than the reference text are named, so an
    easy paragraph has no reasons.
    """
    m = m or model()
    c = contributions(t, m)
    groups: list[tuple[float, str]] = []
    sents = max(t.sentences, 1)
    word_weight = sum(c[k] for k in WORD_FEATURES)
    if t.jargon:
        # Jargon goes before the other word reasons: the writer can change it
        # (the word lists give the plain words), so it is the first thing to name.
        groups.append((word_weight + 1.0, _named("jargon word", t.jargon_words)))
    rare = t.rare - t.jargon_tokens > 0 and bool(t.rare_words)
    if rare:
        groups.append((word_weight, _named("rare word", t.rare_words)))
    elif t.hard_words:
        # hard words by the word-difficulty table, when there are no rare words to name
        groups.append((word_weight, _named("hard word", t.hard_words)))
    elif word_weight > 0 and t.words and not t.jargon:
        share = round(100 * t.uncommon / t.words)
        groups.append((word_weight, f"{share}% of the words are not everyday words"))
    length_weight = c["log_words_per_sentence"] + c["long_sentences"]
    if t.sentences == 1:
        groups.append((length_weight, f"a {t.longest}-word sentence"))
    elif t.longest > LONG_SENTENCE:
        groups.append((length_weight, f"a {t.longest}-word sentence"))
    else:
        groups.append((length_weight, f"sentences of {round(t.words / sents)} words on average"))
    if t.passive:
        groups.append((c["passive"], _named("passive verb", t.passives)))
    if t.chains:
        groups.append((c["noun_chains"], _named("string of nouns", t.chain_texts, "strings of nouns")))
    if t.nominal:
        groups.append((c["nominal"], _named("noun made from a verb", t.nominal_words, "nouns made from verbs")))
    groups = [g for g in groups if g[0] > 0.05]
    groups.sort(key=lambda g: -g[0])
    return [text for _, text in groups[:limit]]
