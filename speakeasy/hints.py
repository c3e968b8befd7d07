"""One way to say "Did you mean ...?" for a name someone mistyped.

Every place that refuses an unknown name (a setting, a rule id, a kind, a
profile, a plugin, a part of speech ...) asks :func:`closest` for the name
meant, and :func:`did_you_mean` for the words, so the hint reads the same
everywhere and is worked out the same way (:func:`difflib.get_close_matches`).
"""

from __future__ import annotations

import difflib
from typing import Iterable, Mapping

__all__ = ["closest", "did_you_mean"]


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6,
            synonyms: Mapping[str, str] | None = None, loose: bool = False) -> str | None:
    """The choice ``word`` is most likely a typo of, or None.

    ``synonyms`` maps other words people use to a choice ("approved" ->
    "agreed"): a word close to one of them gives its choice. ``loose`` also
    accepts the same name in another case or with ``_`` for ``-``.
    """
    options = list(choices)
    table = dict(synonyms or {})
    found = difflib.get_close_matches(word, options + list(table), n=1, cutoff=cutoff)
    if found:
        return table.get(found[0], found[0])
    if loose:
        same = {o.replace("-", "_").lower(): o for o in options}
        return same.get(word.replace("-", "_").lower())
    return None


def did_you_mean(guess: str | None, otherwise: str | None = None, quote: str = "'", shown: str | None = None) -> str | None:
    """ "Did you mean 'guess'?", or ``otherwise`` when there is no guess.

    ``quote`` is ``'`` for names people write in text and ``` ` ``` for keys in a
    file; ``shown`` is what to show for the guess when it is written another way.
    """
    if guess is None:
        return otherwise
    return f"Did you mean {quote}{shown if shown is not None else guess}{quote}?"
