"""Train speakeasy's part-of-speech tagger on the UD English Web Treebank.

One command makes the shipped model again, the same byte for byte:

    python scripts/train_tagger.py --data ../shared/data/ud-english-ewt

It trains on the train split, prints the accuracy on dev and test (UPOS and
XPOS, all words and words not seen in training) and the time taken, and writes
``model.npz`` and ``model.json`` to ``speakeasy/data/tagger/`` (or ``--out``).
The treebank is read where it is; nothing of it is copied except what the
model learnt from it (the weights and a list of frequent words with their
tags), which is why the model is shared under CC BY-SA 4.0 like the treebank.

Training is deterministic: the order of the sentences comes from ``--seed``,
and no set or hash order is used. ``--limit N`` trains on the first N
sentences only (the tests use it for a quick run).

How it learns (settings chosen on dev, see benchmarks/tagger.md):

- A greedy left-to-right averaged perceptron. Each label is a pair
  ``UPOS|XPOS`` (``NOUN|NN``), so the two tags always agree.
- The training sentences are used as they are, and some again in the forms
  of UK policy text: Title Case headings, ALL CAPS, no final full stop, and
  British spellings ("organise", "colour", "programme", "whilst").
- Weights closer to 0 than PRUNE (0.1) are dropped and the rest are stored
  as 16-bit floats.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from speakeasy.tagger import START, features, norm, transition_features  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ud-english-ewt"
DEFAULT_OUT = ROOT / "speakeasy" / "data" / "tagger"
MODEL_VERSION = 1

# Settings (chosen on dev).
EPOCHS = 8
SEED = 14
LEXICON_MIN = 3        # a word needs this many uses in training to be in the lexicon
LEXICON_SHARE = 0.05   # and a tag this share of its uses to be listed for it
PRUNE = 0.1            # weights closer to 0 than this are dropped
TITLE_SHARE = 0.10     # share of sentences seen again in Title Case
CAPS_SHARE = 0.04      # ... in ALL CAPS
NO_STOP_SHARE = 0.10   # ... without their final full stop

Sentence = tuple[list[str], list[str], list[str], list[bool]]


def read_conllu(path: Path) -> list[Sentence]:
    """The sentences of a CoNLL-U file: (words, UPOS tags, XPOS tags, space after each word).

    Multiword tokens (lines "3-4") and empty nodes (lines "8.1") are skipped:
    the tagger sees the syntactic words, as spaCy's tokenizer splits them.
    """
    sents: list[Sentence] = []
    words: list[str] = []
    upos: list[str] = []
    xpos: list[str] = []
    spaces: list[bool] = []
    joined_until = 0  # words up to this id belong to a multiword token ("don't" = "do" + "n't")
    joined_space = True
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if words:
                    sents.append((words, upos, xpos, spaces))
                    words, upos, xpos, spaces = [], [], [], []
                joined_until = 0
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0]:
                joined_until = int(cols[0].split("-")[1])
                joined_space = "SpaceAfter=No" not in cols[9]
                continue
            if not cols[0].isdigit():
                continue
            words.append(cols[1])
            upos.append(cols[3])
            xpos.append(cols[4])
            n = int(cols[0])
            if n < joined_until:
                spaces.append(False)
            elif n == joined_until:
                spaces.append(joined_space)
            else:
                spaces.append("SpaceAfter=No" not in cols[9])
    if words:
        sents.append((words, upos, xpos, spaces))
    return sents


# ---------------------------------------------------------------------------
# The forms of UK policy text.

SMALL_WORDS = frozenset(
    "a an the and but or nor for of to in on at by with as from into per via than so".split()
)

# US -> UK spellings. Whole words first, then patterns.
UK_WORDS = {
    "program": "programme", "programs": "programmes",
    "center": "centre", "centers": "centres", "centered": "centred", "centering": "centring",
    "theater": "theatre", "theaters": "theatres", "fiber": "fibre", "fibers": "fibres",
    "liter": "litre", "liters": "litres", "caliber": "calibre", "somber": "sombre",
    "defense": "defence", "offense": "offence", "pretense": "pretence",
    "catalog": "catalogue", "catalogs": "catalogues", "dialog": "dialogue", "analog": "analogue",
    "gray": "grey", "aging": "ageing", "judgment": "judgement", "judgments": "judgements",
    "acknowledgment": "acknowledgement", "acknowledgments": "acknowledgements",
    "jewelry": "jewellery", "enrollment": "enrolment", "enrollments": "enrolments",
    "fulfill": "fulfil", "fulfills": "fulfils", "fulfillment": "fulfilment",
    "skillful": "skilful", "willful": "wilful", "installment": "instalment", "installments": "instalments",
    "aluminum": "aluminium", "mold": "mould", "plow": "plough", "pajamas": "pyjamas",
    "among": "amongst", "while": "whilst", "toward": "towards", "cozy": "cosy",
    "maneuver": "manoeuvre", "maneuvers": "manoeuvres", "esthetic": "aesthetic",
    "pediatric": "paediatric", "anemia": "anaemia", "anesthetic": "anaesthetic",
    "orthopedic": "orthopaedic", "encyclopedia": "encyclopaedia", "fetus": "foetus",
    "check": "cheque",  # only as a noun: see british()
    "license": "licence", "licenses": "licences",  # only as a noun
    "practice": "practise", "practices": "practises", "practiced": "practised",
    "practicing": "practising",  # only as a verb
}
_NOUN_ONLY = {"check", "license", "licenses"}
_VERB_ONLY = {"practice", "practices", "practiced", "practicing"}
_OUR_STEMS = (
    "color", "honor", "favor", "behavior", "labor", "neighbor", "humor", "flavor", "harbor", "rumor",
    "vapor", "endeavor", "savior", "vigor", "armor", "odor", "parlor", "rigor", "valor", "clamor",
    "fervor", "splendor", "tumor", "candor", "glamor",
)
_OUR_ENDINGS = ("", "s", "ed", "ing", "ful", "fully", "less", "able", "ably", "ite", "ites", "hood",
                "hoods", "er", "ers", "al", "ally", "ist", "ists", "ism", "y")
_IZE = re.compile(r"^([a-z]{3,}?)(i)z(e|es|ed|ing|ation|ations|er|ers|able)$")
_YZE = re.compile(r"^([a-z]+)yz(e|es|ed|ing|er|ers)$")
_LL = re.compile(r"^(travel|cancel|label|model|fuel|counsel|signal|level|channel|total|marvel|tunnel|"
                 r"equal|model|jewel|dial|duel|shovel|quarrel|rival)(ed|ing|er|ers|or|ors)$")


def _uk_lower(low: str, upos: str) -> str | None:
    if low in UK_WORDS:
        if low in _NOUN_ONLY and upos != "NOUN":
            return None
        if low in _VERB_ONLY and upos != "VERB":
            return None
        if low == "while" and upos != "SCONJ":
            return None
        return UK_WORDS[low]
    if "siz" in low or "ciz" in low or "seiz" in low or "priz" in low:
        return None
    m = _IZE.match(low)
    if m:
        return m.group(1) + "is" + m.group(3)
    m = _YZE.match(low)
    if m:
        return m.group(1) + "ys" + m.group(2)
    m = _LL.match(low)
    if m:
        return m.group(1) + "l" + m.group(2)
    for stem in _OUR_STEMS:
        if low.startswith(stem) and low[len(stem):] in _OUR_ENDINGS:
            return stem[:-2] + "our" + low[len(stem):]
    return None


def _keep_case(like: str, low: str) -> str:
    if like.isupper() and len(like) > 1:
        return low.upper()
    if like[:1].isupper():
        return low[:1].upper() + low[1:]
    return low


def british(words: list[str], upos: list[str]) -> list[str] | None:
    """The sentence in UK spelling, or None if nothing changes."""
    out = []
    changed = False
    for w, u in zip(words, upos):
        uk = _uk_lower(w.lower(), u) if w.isalpha() else None
        if uk:
            out.append(_keep_case(w, uk))
            changed = True
        else:
            out.append(w)
    return out if changed else None


def title_case(words: list[str]) -> list[str]:
    out = []
    for i, w in enumerate(words):
        if w[:1].isalpha() and w[:1].islower() and (i == 0 or w not in SMALL_WORDS) and "'" not in w:
            out.append(w[0].upper() + w[1:])
        else:
            out.append(w)
    return out


def augment(sents: list[Sentence], seed: int) -> list[Sentence]:
    """Extra training sentences in the forms of UK policy text (see the module's docstring)."""
    rng = random.Random(seed)
    extra: list[Sentence] = []
    for words, upos, xpos, spaces in sents:
        uk = british(words, upos)
        if uk:
            extra.append((uk, upos, xpos, spaces))
        base = uk or words
        r = rng.random()
        if r < TITLE_SHARE:
            extra.append((title_case(base), upos, xpos, spaces))
        elif r < TITLE_SHARE + CAPS_SHARE:
            extra.append(([w.upper() for w in base], upos, xpos, spaces))
        if rng.random() < NO_STOP_SHARE and len(words) > 2 and upos[-1] == "PUNCT" and words[-1] in ".!":
            extra.append((base[:-1], upos[:-1], xpos[:-1], spaces[:-1]))
    return extra


# ---------------------------------------------------------------------------
# Training.

def build_lexicon(sents: list[Sentence]) -> dict[str, str]:
    """Frequent words and the universal tags they had ("ADP,SCONJ")."""
    seen: dict[str, dict[str, int]] = {}
    for words, upos, _, _ in sents:
        for w, u in zip(words, upos):
            d = seen.setdefault(norm(w), {})
            d[u] = d.get(u, 0) + 1
    lexicon = {}
    for w in sorted(seen):
        d = seen[w]
        n = sum(d.values())
        if n >= LEXICON_MIN:
            lexicon[w] = ",".join(sorted(t for t, k in d.items() if k >= LEXICON_SHARE * n))
    return lexicon


def train(sents: list[Sentence], epochs: int, seed: int, log=print):
    """Train the perceptron; return (averaged weights, feature names, classes, lexicon)."""
    import numpy as np

    rng = random.Random(seed)
    lexicon = build_lexicon(sents)
    sents = sents + augment(sents, seed)
    class_count: dict[str, int] = {}
    names: dict[str, None] = {}
    cached = []
    for words, upos, xpos, _ in sents:
        fs = features(words, lexicon)
        tags = [u + "|" + x for u, x in zip(upos, xpos)]
        p1, p2 = START
        for i, f in enumerate(fs):
            class_count[tags[i]] = class_count.get(tags[i], 0) + 1
            names.update(dict.fromkeys(f))
            names.update(dict.fromkeys(transition_features(p1, p2, norm(words[i]))))
            p2, p1 = p1, tags[i]
        cached.append((fs, tags, [norm(w) for w in words]))
    classes = sorted(class_count, key=lambda t: (-class_count[t], t))
    cnum = {c: i for i, c in enumerate(classes)}
    feats = sorted(names)
    index = {s: i for i, s in enumerate(feats)}
    F, C = len(feats), len(classes)
    log(f"{len(sents):,} sentences (with the extra forms), {F:,} features, {C} labels")
    data = []
    for fs, tags, lows in cached:
        rows = [np.array([index[s] for s in f], dtype=np.int64) for f in fs]
        data.append((rows, [cnum[t] for t in tags], lows))
    del cached
    W = np.zeros((F, C), dtype=np.float64)
    U = np.zeros((F, C), dtype=np.float64)  # sum of step * update, for the average
    step = 1
    order = list(range(len(data)))
    get = index.get
    for epoch in range(epochs):
        t0 = time.perf_counter()
        rng.shuffle(order)
        wrong = 0
        total = 0
        for k in order:
            rows, gold, lows = data[k]
            p1, p2 = START
            for i, r in enumerate(rows):
                dyn = [d for d in map(get, transition_features(p1, p2, lows[i])) if d is not None]
                rr = np.concatenate([r, np.array(dyn, dtype=np.int64)])
                g = int(W[rr].sum(0).argmax())
                y = gold[i]
                if g != y:
                    W[rr, y] += 1.0
                    W[rr, g] -= 1.0
                    U[rr, y] += step
                    U[rr, g] -= step
                    wrong += 1
                total += 1
                step += 1
                p2, p1 = p1, classes[g]
        log(f"  epoch {epoch + 1}: {100 * wrong / total:.2f}% wrong in training ({time.perf_counter() - t0:.0f} s)")
    avg = W - U / step
    return avg, feats, classes, lexicon


def export(avg, feats: list[str], classes: list[str], lexicon: dict[str, str], out: Path,
           extra_meta: dict) -> dict:
    """Write model.npz (sparse 16-bit weights, feature names, lexicon) and model.json."""
    import numpy as np

    keep = np.abs(avg) >= PRUNE
    used = keep.any(axis=1)
    rows_kept = np.flatnonzero(used)
    sub = avg[rows_kept]
    mask = keep[rows_kept]
    counts = mask.sum(axis=1)
    indptr = np.zeros(len(rows_kept) + 1, dtype=np.int32)
    np.cumsum(counts, out=indptr[1:])
    r_idx, c_idx = np.nonzero(mask)
    cols = c_idx.astype(np.uint8)
    vals = sub[r_idx, c_idx].astype(np.float16)
    names = "\n".join(feats[i] for i in rows_kept)
    lex = {w: t for w, t in lexicon.items() if "\n" not in w}
    buf = io.BytesIO()
    np.savez_compressed(
        buf,
        indptr=indptr,
        cols=cols,
        vals=vals,
        features=np.frombuffer(names.encode("utf-8"), dtype=np.uint8),
        lexicon_words=np.frombuffer("\n".join(lex).encode("utf-8"), dtype=np.uint8),
        lexicon_tags=np.frombuffer("\n".join(lex.values()).encode("utf-8"), dtype=np.uint8),
    )
    raw = buf.getvalue()
    out.mkdir(parents=True, exist_ok=True)
    (out / "model.npz").write_bytes(raw)
    meta = {
        "name": "speakeasy English tagger",
        "version": MODEL_VERSION,
        "sha256": hashlib.sha256(raw).hexdigest(),
        "classes": classes,
        "features": int(len(rows_kept)),
        "weights": int(len(vals)),
        "lexicon": len(lexicon),
        "trained_on": "UD English EWT v2.15, train split (CC BY-SA 4.0, "
                      "(c) The Board of Trustees of the Leland Stanford Junior University)",
        "licence": "CC-BY-SA-4.0",
        "made_by": "scripts/train_tagger.py",
        **extra_meta,
    }
    (out / "model.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return meta


# ---------------------------------------------------------------------------
# Evaluation.

def evaluate(tagger, sents: list[Sentence], known: set[str] | None = None) -> dict[str, float]:
    """Accuracy in % (UPOS, XPOS; and on words not in ``known``, as written, if given)."""
    u = x = n = 0
    uu = ux = un = 0
    for words, upos, xpos, _ in sents:
        for w, (pu, px), gu, gx in zip(words, tagger.tag(words), upos, xpos):
            u += pu == gu
            x += px == gx
            n += 1
            if known is not None and w not in known:
                uu += pu == gu
                ux += px == gx
                un += 1
    r = {"upos": round(100 * u / n, 2), "xpos": round(100 * x / n, 2), "words": n}
    if known is not None:
        r.update({"unknown_upos": round(100 * uu / max(un, 1), 2),
                  "unknown_xpos": round(100 * ux / max(un, 1), 2), "unknown_words": un})
    return r


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Train speakeasy's part-of-speech tagger on UD English EWT.")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the UD English EWT folder (default: %(default)s)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the model (default: %(default)s)")
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--limit", type=int, default=0, help="train on the first N sentences only (a quick run)")
    ap.add_argument("--no-eval", action="store_true", help="do not tag dev and test")
    args = ap.parse_args(argv)

    from speakeasy.tagger import Tagger

    t0 = time.perf_counter()
    train_sents = read_conllu(args.data / "en_ewt-ud-train.conllu")
    if args.limit:
        train_sents = train_sents[: args.limit]
    avg, feats, classes, lexicon = train(train_sents, args.epochs, args.seed)
    settings = {"epochs": args.epochs, "seed": args.seed, "train_sentences": len(train_sents),
                "prune": PRUNE, "lexicon_min": LEXICON_MIN, "lexicon_share": LEXICON_SHARE,
                "title_share": TITLE_SHARE, "caps_share": CAPS_SHARE, "no_stop_share": NO_STOP_SHARE}
    accuracy = {}
    meta = export(avg, feats, classes, lexicon, args.out, {"settings": settings})
    train_seconds = time.perf_counter() - t0
    if not args.no_eval:
        tagger = Tagger(args.out)
        known = {w for s in train_sents for w in s[0]}
        for split in ("dev", "test"):
            sents = read_conllu(args.data / f"en_ewt-ud-{split}.conllu")
            accuracy[split] = evaluate(tagger, sents, known)
            a = accuracy[split]
            print(f"{split}: UPOS {a['upos']:.2f}%  XPOS {a['xpos']:.2f}%  "
                  f"unknown words ({a['unknown_words']:,}): UPOS {a['unknown_upos']:.2f}%  XPOS {a['unknown_xpos']:.2f}%")
        # The accuracy goes into model.json, which does not change model.npz.
        meta["accuracy"] = accuracy
        (args.out / "model.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    size = (args.out / "model.npz").stat().st_size
    print(f"model: {meta['features']:,} features, {meta['weights']:,} weights, "
          f"{size / 1e6:.1f} MB in {args.out / 'model.npz'} (sha256 {meta['sha256'][:16]}...)")
    print(f"trained in {train_seconds:.0f} s; with the evaluation {time.perf_counter() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
