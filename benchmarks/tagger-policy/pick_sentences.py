#!/usr/bin/env python3
"""Pick the sentences of the policy gold set (run once; kept so the choice can be checked).

    python benchmarks/tagger-policy/pick_sentences.py > /tmp/policy-candidates.jsonl

Reads the three sources in ``../shared/data`` with speakeasy's own reader and
sentence splitter, tokenises each sentence with spaCy's blank English
tokenizer (as speakeasy does before it tags) and picks, with a fixed seed:

- "A": sentences that open a list item, heading, table cell or paragraph with
  a word the treebank has as a base-form verb (``VB``), so a possible
  imperative ("Identify ...", "Review ...", "Access to ..."): 100 per half;
- "B": any other sentence: 50 per half.

Documents are split into two halves by a hash of their group (near copies,
such as the MACC policy and its template, share a group), so no document is
in both halves. At most 6 "A" and 3 "B" sentences come from one document,
sentences have 1 to 40 tokens, at least half of them with a letter, and a sentence already picked (the same words, ignoring capitals and
digits) is not picked again. The tags were then marked by hand (see SOURCE.md).
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

DATA = REPO.parent / "shared" / "data"
SOURCES = (("moj-security-policy-docx", "*.docx"), ("govuk-content-snapshots", "*.md"),
           ("macc-open-data-policy", "*.md"))
PER_HALF = {"A": 100, "B": 50, "C": 35}
PER_DOC = {"A": 6, "B": 3, "C": 4}
SEED = 2026


def group(source: str) -> str:
    folder, name = source.split("/", 1)
    stem = name.rsplit(".", 1)[0].removesuffix("--2")
    if folder == "macc-open-data-policy":
        return folder
    if folder == "moj-security-policy-docx":
        stem = "-".join(stem.removeprefix("it-").split("-")[:2])
    return folder + "/" + stem


def half(source: str) -> str:
    return "dev" if hashlib.sha1(group(source).encode()).digest()[0] % 2 == 0 else "test"


def sentences():
    import spacy

    from speakeasy.analysis import Analysis
    from speakeasy.readers import read_path

    tok = spacy.blank("en").tokenizer
    for folder, pattern in SOURCES:
        for path in sorted((DATA / folder).glob(pattern)):
            if path.name == "SOURCE.md":
                continue
            doc = read_path(path)
            for s in Analysis(doc).sentences:
                b = doc.blocks[s.block]
                text = b.text[s.start - b.start: s.end - b.start]
                words = [t.text for t in tok(text) if not t.is_space]
                if words:
                    yield {"source": f"{folder}/{path.name}", "kind": b.kind.value,
                           "opens_block": s.start == b.start, "text": " ".join(text.split()), "words": words}


def main() -> int:
    from train_tagger import read_conllu

    vb = set()
    for words, _, xpos, _ in read_conllu(DATA / "ud-english-ewt" / "en_ewt-ud-train.conllu"):
        vb.update(w.lower() for w, x in zip(words, xpos) if x == "VB")
    pools: dict[tuple[str, str], list[dict]] = {}
    for s in sentences():
        lettered = sum(1 for w in s["words"] if any(c.isalpha() for c in w))
        if not 1 <= len(s["words"]) <= 40 or lettered * 2 < len(s["words"]):
            continue
        first = next((w for w in s["words"] if w[:1].isalpha()), "")
        cat = "A" if s["opens_block"] and s["kind"] != "blockquote" and first.lower() in vb else "B"
        pools.setdefault((half(s["source"]), cat), []).append(s)
    rng = random.Random(SEED)
    seen: set[tuple[str, ...]] = set()
    for name in ("dev", "test"):
        for cat in ("A", "B"):
            pool = pools[(name, cat)]
            rng.shuffle(pool)
            per_doc: dict[str, int] = {}
            got = 0
            for s in pool:
                key = tuple(re.sub(r"\d", "0", w.lower()) for w in s["words"])
                if key in seen or per_doc.get(s["source"], 0) >= PER_DOC[cat]:
                    continue
                seen.add(key)
                per_doc[s["source"]] = per_doc.get(s["source"], 0) + 1
                print(json.dumps({"split": name, "pick": cat, **s}, ensure_ascii=False))
                got += 1
                if got == PER_HALF[cat]:
                    break
    # "C": more list items and headings of the "A" kind, added later (with their own
    # seed, so the picks above stay as they were), to have over 100 that open with a verb.
    rng = random.Random(SEED + 1)
    for name in ("dev", "test"):
        pool = [s for s in pools[(name, "A")] if s["kind"] in ("list_item", "heading")]
        rng.shuffle(pool)
        per_doc = {}
        got = 0
        for s in pool:
            key = tuple(re.sub(r"\d", "0", w.lower()) for w in s["words"])
            if key in seen or per_doc.get(s["source"], 0) >= PER_DOC["C"]:
                continue
            seen.add(key)
            per_doc[s["source"]] = per_doc.get(s["source"], 0) + 1
            print(json.dumps({"split": name, "pick": "C", **s}, ensure_ascii=False))
            got += 1
            if got == PER_HALF["C"]:
                break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
