"""Hot spots count what they list: "3 nouns made from verbs" names 3 (issue 15).

A reason in a hot spot (and in a readability finding, and in the JSON
``reasons``) says how many different words it is about, names them (each
with how often it is used, when more than once) and, after three, says how
many it leaves out.  So the number always matches the words.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from speakeasy.analysis import text_tally
from speakeasy.plainscore import reasons, sentence_tally

# "assessment" 3 times, "implementation" twice, "consideration" once: 3 different nouns made from verbs.
NOMINAL = ("The implementation of the assessment needs careful consideration. The assessment and the "
           "implementation follow. The assessment is long.")

REASON = re.compile(r"^(\d+) ([a-z ]+?): (.*)$")
NAMED = re.compile(r"'([^']+)'(?: \((twice|\d+ times)\))?")


def named_count(reason: str) -> tuple[int, int]:
    """(the number a reason says, the words it names plus the others it counts)."""
    m = REASON.match(reason)
    assert m, reason
    listed = m.group(3)
    others = re.search(r" and (\d+) others$", listed)
    return int(m.group(1)), len(NAMED.findall(listed)) + (int(others.group(1)) if others else 0)


def test_nouns_made_from_verbs_are_counted_as_different_words_with_their_uses() -> None:
    t = text_tally(NOMINAL)
    assert t.nominal == 6  # uses: the score still weighs every use
    (reason,) = [r for r in reasons(t, limit=10) if "made from" in r]
    assert reason == "3 nouns made from verbs: 'assessment' (3 times), 'implementation' (twice), 'consideration'"
    assert named_count(reason) == (3, 3)


def test_one_word_is_one_word_however_often_it_is_used() -> None:
    t = sentence_tally(["Reablement", "and", "reablement", "and", "reablement"])  # the first word is no name
    (reason,) = [r for r in reasons(t, limit=10) if "rare" in r]
    assert reason == "1 rare word: 'reablement' (3 times)"


def test_after_three_words_the_others_are_counted() -> None:
    rare = ["reablement", "interdependencies", "promulgated", "signposting", "okonkwo", "abernethy"]
    t = sentence_tally(["we", *rare, "reablement"])
    (reason,) = [r for r in reasons(t, limit=10) if "rare" in r]
    assert reason == "6 rare words: 'reablement' (twice), 'interdependencies', 'promulgated' and 3 others"
    assert named_count(reason) == (6, 6)


def test_a_jargon_term_of_two_words_used_twice_in_a_sentence_is_used_twice() -> None:
    ws = ["your", "care", "package", "and", "my", "care", "package"]
    t = sentence_tally(ws, jargon=[None, "care package", "care package", None, None, "care package", "care package"])
    assert t.jargon_words == {"care package": 2}
    assert reasons(t, limit=10)[0] == "1 jargon word: 'care package' (twice)"


def _words(tmp_path: Path) -> Path:
    f = tmp_path / "words.yaml"
    f.write_text("title: Test words\nlicence: CC0-1.0\nwords:\n"
                 "  - term: service user\n    use: person who uses our services\n    why: Say who.\n"
                 "  - term: commence\n    use: start\n    why: Formal.\n", encoding="utf-8")
    return f


HARD = ("Service users commence the implementation of the assessment, and service users receive "
        "consideration of the implementation, and each service user will commence the assessment "
        "after the consideration of documentation by the commissioning organisation.\n")


def test_hot_spots_name_every_word_they_count(cli, tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text(HARD, encoding="utf-8")
    args = ("--no-config", "--pack", "length", "--wordlist", str(_words(tmp_path)), "--no-cache")
    code, out, err = cli("check", "doc.md", *args, cwd=tmp_path)
    assert code in (0, 1), err
    (spot,) = [line for line in out.splitlines() if line.startswith("    line 1, ")]
    why = spot.split(". ", 1)[1].rstrip(".")
    found = why.split("; ")
    assert any(r.startswith("2 jargon words: ") for r in found), spot
    for reason in found:
        if REASON.match(reason) and "-word sentence" not in reason:
            said, named = named_count(reason)
            assert said == named, reason
    # the forms of a word list term are one word: 'service user' and 'service users'
    assert "2 jargon words: 'service user' (3 times), 'commence' (twice)" in spot
    # the same reasons in the JSON output
    _, out, _ = cli("check", "doc.md", *args, "--format", "json", cwd=tmp_path)
    (para,) = json.loads(out)["files"][0]["stats"]["paragraph_scores"]
    assert "2 jargon words: 'service user' (3 times), 'commence' (twice)" in para["reasons"]
