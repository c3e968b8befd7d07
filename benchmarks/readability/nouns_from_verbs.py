"""Make the list of nouns made from verbs that the plain score counts.

    python benchmarks/readability/nouns_from_verbs.py [--out speakeasy/data/nouns_from_verbs.txt]

A noun made from a verb ("implementation", "assessment", "approval") hides
the action in a noun; plain-language guidance asks writers to use the verb.
An ending alone is not enough: "security" is made from an adjective,
"department", "information" and "government" have lives of their own that
readers know well, and "station" has nothing to do with "state".  A word
goes on the list when all of these hold:

1. it ends like a noun made from a verb (-tion, -sion, -ment, -ance, -ence,
   -ancy, -ency, -al, -ure), is longer than 6 letters and wordfreq knows it
   (Zipf 1.5 or more);
2. speakeasy's own tagger (:mod:`speakeasy.tagger`) tags it as a noun, in
   "the WORD was new.";
3. a verb it is made from exists: one of the stems its ending gives
   ("implement", "decide" for "decision", "apply" for "application") is a
   verb in lemminflect's lexicon;
4. the verb is in everyday use next to the noun: the verb's commonest form is
   at most 0.5 Zipf (about 3 times) less common than the noun and its
   plural.  A noun far more common than its verb is read as a word of its
   own ("department" 5.3 against "depart" 4.2, "information" 5.4 against
   "inform" 4.7).

A word the tagger's lexicon knows as an adjective ("central", "partial") is
left out.  One it also knows as a verb ("reference", "comment") is marked
with `*`: the plain score tags its
sentence to see how it is used there.  Nothing else is tagged at run time.

Inputs: wordfreq (word frequencies, data CC BY-SA 4.0; Speer 2022),
lemminflect's verb lexicon (MIT), speakeasy's tagger (CC BY-SA 4.0, trained on
UD English EWT).  The list holds English words only, one a line.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from speakeasy.lexicon import frequencies  # noqa: E402

ENDINGS = ("ication", "isation", "ization", "ation", "ition", "ution", "ction", "ption", "ssion", "sion", "tion",
           "ment", "ance", "ence", "ancy", "ency", "al", "ure")
#: How much more common (in Zipf) the noun may be than its verb.
GAP = 0.5
MIN_ZIPF = 1.5


def stems(word: str) -> list[str]:
    """The verbs a noun with one of :data:`ENDINGS` may be made from ("decision" -> "decide", "decid", ...)."""
    for e in ENDINGS:
        if word.endswith(e):
            s = word[: -len(e)]
            break
    else:
        return []
    if len(s) < 3:
        return []  # "passion" is not made from "pass", nor "faction" from "face"
    table = {
        "ication": [s + "y", s + "icate"],
        "isation": [s + "ise", s + "ize"],
        "ization": [s + "ize", s + "ise"],
        "ation": [s, s + "e", s + "ate", s + "y"],
        "ition": [s + "ite", s, s + "e", s + "ish"],
        "ution": [s + "ute", s + "ve", s + "olve"],
        "ction": [s + "ct", s + "ce"],
        "ption": [s + "be", s + "me", s + "ve", s + "pt"],
        "ssion": [s + "t", s + "de", s + "ss", s + "d"],
        "sion": [s + "de", s + "d", s + "se", s + "t"],
        "tion": [s + "te", s + "t"] if len(s) >= 4 else [],
        "ancy": [s, s + "e", s + "y"],
        "ency": [s, s + "e", s + "y"],
    }
    out = table.get(e)
    if out is None:  # -ment, -ance, -ence, -al, -ure
        out = [s, s + "e"]
        if len(s) > 2 and s[-1] == s[-2]:
            out.append(s[:-1])  # referral -> refer
        if s.endswith("i"):
            out.append(s[:-1] + "y")  # reliance -> rely
    return [c for c in dict.fromkeys(out) if len(c) >= 3]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "speakeasy" / "data" / "nouns_from_verbs.txt")
    args = ap.parse_args()
    from lemminflect import getAllInflections

    from speakeasy.tagger import load

    tagger = load()
    freqs = frequencies()

    def zipf(f: float) -> float:
        return math.log10(f * 1e9) if f > 0 else 0.0

    found: list[str] = []
    for word, f in freqs.items():
        if len(word) <= 6 or not word.isalpha() or not word.isascii() or not word.endswith(ENDINGS):
            continue
        noun = zipf(f + freqs.get(word + "s", 0.0))
        if zipf(f) < MIN_ZIPF:
            continue
        verb = 0.0
        for stem in stems(word):
            forms = getAllInflections(stem, upos="VERB")
            if forms:
                every = {stem, *(x for v in forms.values() for x in v)}
                verb = max(verb, max(freqs.get(x, 0.0) for x in every))
        if not verb or zipf(verb) < noun - GAP:
            continue
        if tagger.tag(["the", word, "was", "new", "."])[1][0] != "NOUN":
            continue
        seen = tagger._lexicon.get(word, "NOUN").split(",")
        if "ADJ" in seen:
            continue  # "central", "partial": adjectives first
        found.append(word + (" *" if "VERB" in seen else ""))
    found.sort()
    head = ("# Nouns made from verbs, for the plain score (speakeasy/plainscore.py).\n"
            "# Made by benchmarks/readability/nouns_from_verbs.py from wordfreq (CC BY-SA 4.0), lemminflect (MIT)\n"
            "# and speakeasy's tagger (CC BY-SA 4.0); see that script for how. '*': can be a verb or an adjective\n"
            "# too, so the sentence is tagged to see how it is used.\n")
    args.out.write_text(head + "\n".join(found) + "\n", encoding="utf-8")
    print(f"Wrote {args.out}: {len(found)} nouns made from verbs, "
          f"{sum(1 for w in found if w.endswith('*'))} that can be something else.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
