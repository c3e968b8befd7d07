"""Helpers shared by the tests of long wordlists (test_big_wordlist_speed.py, test_big_wordlist_lazy.py)."""

from __future__ import annotations

from speakeasy import matching
from speakeasy.matching.candidates import fold


def folded(form: str) -> str:
    """A form of a term as the index reads it in a text: no separators, hyphens or spaces, folded."""
    return fold(matching.squash(form.replace(matching.SEP_OPTIONAL, "").replace(matching.SEP_REQUIRED, "")
                                .replace(matching.APOSTROPHE, "'")))
