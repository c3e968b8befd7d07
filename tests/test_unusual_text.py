"""No slow paths on unusual text (issue 18): 'İ', 'ß' and ligatures cost no more than plain letters."""

from __future__ import annotations

import time

import pytest

from speakeasy.matching import lower_same_length

#: Letters whose case changes their length ('İ' lowers to two characters, 'ß' uppers to two), ligatures,
#: and a Greek capital sigma, which lowers to 'ς' at the end of a word when a whole text is lowered.
UNUSUAL = ("The İstanbul office will commence the ﬁnancial assessment for Straße residents. "
           "We will utilise the ﬂoor plan. ΟΔΥΣΣΕΥΣ and Σ stay as written.\n\n")
#: The same, letter for letter, without them (the same length, so the same offsets).
PLAIN = UNUSUAL.replace("İ", "I").replace("ß", "s").replace("ﬁ", "f").replace("ﬂ", "f").replace("Σ", "S")


def _one_at_a_time(text: str) -> str:
    """What lower_same_length gives, by its definition: each character lowered on its own, unless that makes two."""
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


@pytest.mark.parametrize("text", [UNUSUAL, "İ", "İİ", "aİb", "İΣ", "ΣİΣ", "ΟΔΥΣΣΕΥΣ İ", "ß ﬁ ﬂ İ", "Σ", "", "ABC"])
def test_lower_same_length_keeps_every_offset(text: str) -> None:
    assert len(UNUSUAL) == len(PLAIN)
    low = lower_same_length(text)
    assert len(low) == len(text)
    assert low == _one_at_a_time(text) if "İ" in text else low == text.lower()


def test_five_megabytes_with_a_dotted_capital_i_are_lowered_as_fast_as_without() -> None:
    """One 'İ' sent the whole text through a loop of one character at a time: 1.35 s for 5 MB."""
    unusual = UNUSUAL * (5_000_000 // len(UNUSUAL))
    plain = PLAIN * (5_000_000 // len(PLAIN))

    def took(text: str) -> float:
        best = float("inf")
        for _ in range(3):
            t = time.perf_counter()
            lower_same_length(text)
            best = min(best, time.perf_counter() - t)
        return best

    assert lower_same_length(unusual) == _one_at_a_time(unusual)
    assert took(unusual) <= 5 * took(plain) + 0.1


@pytest.mark.slow
def test_a_long_file_of_unusual_letters_checks_as_fast_as_plain_letters() -> None:
    """The whole check of 1 MB, every rule on: the unusual letters take at most 1.5 times the CPU time of plain ones.

    A guard for a slow path anywhere in the check (the tokenizer, the tagger, the wordlists), not only in
    lowering.  1 MB, not 5, to keep the test under half a minute: a slow path shows at any length.
    """
    from speakeasy.config import resolve
    from speakeasy.engine import lint_text
    from speakeasy.ruleset import build_ruleset

    rs = build_ruleset(resolve(no_config=True))
    lint_text(PLAIN, rs)  # everything loaded once, before the clock starts
    times = {}
    for name, para in (("plain", PLAIN), ("unusual", UNUSUAL)):
        text = para * (1_000_000 // len(para))
        t = time.process_time()
        result = lint_text(text, rs, path="big.md")
        times[name] = time.process_time() - t
        assert result.stats["words"] > 150_000
    assert times["unusual"] <= 1.5 * times["plain"] + 0.5, times
