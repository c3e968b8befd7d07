#!/usr/bin/env python3
"""Measure speakeasy's shipped tagger on the hand-marked UK policy sentences.

    python benchmarks/tagger-policy/evaluate.py [--json FILE]

For each half (dev, test) it prints the share of words whose universal part
of speech (UPOS) the tagger gets right, the share of sentences whose first
word (the first with a letter in it) it gets right, the share of the
sentences that open with a verb ("Identify risks.") where it says so, and
the share of sentences with every word right. See SOURCE.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

Sentence = tuple[list[str], list[str]]


def read_conllu(path: Path) -> list[Sentence]:
    """The words and UPOS tags of each sentence (multi-word tokens and empty nodes left out)."""
    out: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                out.append((words, tags))
                words, tags = [], []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        words.append(cols[1])
        tags.append(cols[3])
    if words:
        out.append((words, tags))
    return out


def first_word(words: list[str]) -> int:
    """The place of the first word with a letter in it (a bullet or tick before it does not count)."""
    for i, w in enumerate(words):
        if any(c.isalpha() for c in w):
            return i
    return 0


def measure(tagger, sents: list[Sentence]) -> dict[str, float]:
    right = total = first = verbs = verbs_right = whole = 0
    for words, gold in sents:
        got = [u for u, _ in tagger.tag(words)]
        r = sum(a == b for a, b in zip(got, gold))
        right += r
        total += len(words)
        whole += r == len(words)
        i = first_word(words)
        first += got[i] == gold[i]
        if gold[i] == "VERB":
            verbs += 1
            verbs_right += got[i] == "VERB"
    n = len(sents)
    return {"upos": round(100 * right / total, 2), "first_word_upos": round(100 * first / n, 2),
            "first_word_verbs": round(100 * verbs_right / max(verbs, 1), 2),
            "whole_sentences": round(100 * whole / n, 2), "sentences": n, "words": total, "verbs_first": verbs}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args(argv)
    from speakeasy.tagger import load

    tagger = load()
    results = {}
    for half in ("dev", "test"):
        r = measure(tagger, read_conllu(HERE / f"{half}.conllu"))
        results[half] = r
        print(f"{half}: UPOS {r['upos']:.2f}%  first word {r['first_word_upos']:.2f}%  "
              f"verbs first {r['first_word_verbs']:.2f}% ({r['verbs_first']})  "
              f"whole sentences {r['whole_sentences']:.2f}%  ({r['sentences']} sentences, {r['words']:,} words)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
