"""speakeasy's own English part-of-speech tagger.

A greedy averaged-perceptron tagger, trained on the Universal Dependencies
English Web Treebank (``scripts/train_tagger.py``). For each word of one
sentence it gives two tags:

- the universal part of speech (UPOS: ``NOUN``, ``VERB``, ``ADJ`` ...), and
- the Penn Treebank tag (XPOS: ``NN``, ``NNS``, ``VBD``, ``VBN`` ...), which
  says the number and tense that a suggestion should keep.

    >>> from speakeasy.tagger import load
    >>> load().tag(["We", "will", "monitor", "progress", "."])
    [('PRON', 'PRP'), ('AUX', 'MD'), ('VERB', 'VB'), ('NOUN', 'NN'), ('PUNCT', '.')]

The words are the tokens of spaCy's blank English tokenizer, which splits
words like the treebank does ("do" "n't", "work" "'s"). Whitespace tokens get
``("X", "_SP")`` and do not count as context for the words around them.

The model (``speakeasy/data/tagger/``) is plain data: a JSON file and a
numpy ``.npz`` file read with ``allow_pickle=False``, so nothing in it can
run as code. It is shared under CC BY-SA 4.0, as the treebank is (see the
README beside it). numpy loads only when a tagger is first made.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    import numpy as np

__all__ = ["UPOS", "XPOS_SPACE", "MODEL_DIR", "Tagger", "load", "features", "transition_features"]

#: The 17 universal part-of-speech tags of Universal Dependencies.
UPOS: tuple[str, ...] = (
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
    "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
)

#: The XPOS given to a whitespace token (with UPOS "X"), as spaCy does.
XPOS_SPACE = "_SP"

#: Where the shipped model lives.
MODEL_DIR = Path(__file__).resolve().parent / "data" / "tagger"

START = ("-S1-", "-S2-")  # the two tags "before" the first word
_DENSE_MIN = 8  # a row with at least this many weights is kept dense (see Tagger._split_hot_rows)
_DIGITS = re.compile(r"\d")
_VERB_ENDINGS = ("ate", "ise", "ize", "ify")  # of a word not seen in training that may open an instruction


# ---------------------------------------------------------------------------
# Features. The training script imports these, so training and tagging
# always describe a word the same way.

def norm(word: str) -> str:
    """Lower case, with every digit as 0 ("2015" -> "0000")."""
    low = word.lower()
    if not low.isalpha() and any(c.isdigit() for c in low):
        low = _DIGITS.sub("0", low)
    return low


def shape(word: str) -> str:
    """The word's letters as X, x and d, runs cut at 3: "Jan-2015" -> "Xxxx-ddd"."""
    out = []
    last = ""
    run = 0
    for c in word:
        if c.isalpha():
            k = "X" if c.isupper() else "x"
        elif c.isdigit():
            k = "d"
        else:
            k = c
        if k == last:
            run += 1
            if run > 2:
                continue
        else:
            run = 0
        out.append(k)
        last = k
    return "".join(out)


def short_shape(word: str) -> str:
    """One letter: X (ALL CAPS), C (Capital), x (lower), d (digit) or p (other)."""
    c = word[:1]
    if c.isalpha():
        if len(word) > 1 and word.isupper():
            return "X"
        return "C" if c.isupper() else "x"
    if c.isdigit():
        return "d"
    return "p"


def sentence_mode(words: Sequence[str]) -> str:
    """How the sentence uses capitals: N (as usual), T (Title Case) or U (ALL CAPS).

    In a heading like "Keep Your Private Key Safe", a capital letter does not
    mean a name, so the capitals features are read together with this mode.
    """
    letters = [w for w in words if w.isalpha()]
    if len(letters) < 2:
        return "N"
    upper = sum(1 for w in letters if len(w) > 1 and w.isupper())
    if upper >= 2 and upper * 4 >= len(letters) * 3:
        return "U"
    long_words = [w for w in letters[1:] if len(w) > 3]
    if len(long_words) >= 2 and sum(1 for w in long_words if w[0].isupper()) * 4 >= len(long_words) * 3:
        return "T"
    return "N"


def word_features(low: str, sh: str) -> list[str]:
    """The features of a word on its own: ``low`` is its :func:`norm`, ``sh`` its :func:`shape`."""
    f = [
        "b",
        "w=" + low,
        "s1=" + low[-1:],
        "s2=" + low[-2:],
        "s3=" + low[-3:],
        "s4=" + low[-4:],
        "s5=" + low[-5:],
        "p1=" + low[:1],
        "p2=" + low[:2],
        "p3=" + low[:3],
        "x=" + sh,
    ]
    if "-" in low[1:-1]:
        f.append("h=" + low.rsplit("-", 1)[1])
    return f


def context_features(words: Sequence[str], norms: list[str], shapes: list[str], short: list[str],
                     lexicon: dict[str, str]) -> list[list[str]]:
    """The features of each word that look at the words around it (and at the whole sentence)."""
    n = len(words)
    mode = sentence_mode(words)
    pad_w = ["-S2-", "-S1-", *norms, "-E1-", "-E2-"]
    pad_s = ["^", "^", *short, "$", "$"]
    pad_3 = ["^", "^", *(w[-3:] for w in norms), "$", "$"]
    pad_a = ["^", "^", *(lexicon.get(w) or "?" + s for w, s in zip(norms, short)), "$", "$"]
    out = []
    for i in range(n):
        low = norms[i]
        j = i + 2
        f = [
            ("m=" if i else "f=") + mode + shapes[i],
            "w-1=" + pad_w[j - 1],
            "w+1=" + pad_w[j + 1],
            "w-2=" + pad_w[j - 2],
            "w+2=" + pad_w[j + 2],
            "b-1=" + pad_w[j - 1] + " " + low,
            "b+1=" + low + " " + pad_w[j + 1],
            "s-1=" + pad_3[j - 1],
            "s+1=" + pad_3[j + 1],
            "x-1=" + pad_s[j - 1],
            "x+1=" + pad_s[j + 1],
            "a-1=" + pad_a[j - 1],
            "a+1=" + pad_a[j + 1],
            "a+2=" + pad_a[j + 2],
            "aa+2=" + pad_a[j + 1] + " " + pad_a[j + 2],
            "ww=" + pad_w[j - 1] + " " + pad_w[j + 1],
            "xa=" + pad_s[j] + " " + pad_a[j + 1],
        ]
        if mode == "N" and i and words[i] != low:
            f.append("c=" + words[i])  # the exact capitals, only where they can mean a name
        out.append(f)
    return out


def features(words: Sequence[str], lexicon: dict[str, str]) -> list[list[str]]:
    """The features of each word of a sentence that do not depend on the tags.

    ``lexicon`` maps a frequent word (as :func:`norm` gives it) to the
    universal tags it had in training ("ADP,SCONJ"), so a word can see what
    the words after it are likely to be.
    """
    norms = [norm(w) for w in words]
    shapes = [shape(w) for w in words]
    ctx = context_features(words, norms, shapes, [short_shape(w) for w in words], lexicon)
    return [word_features(low, sh) + c for low, sh, c in zip(norms, shapes, ctx)]


def transition_features(p1: str, p2: str, low: str) -> list[str]:
    """The features that depend on the tags given to the two words before."""
    return ["t1=" + p1, "t2=" + p2, "t12=" + p1 + "," + p2, "t1w=" + p1 + "," + low, "t1s=" + p1 + "," + low[-3:]]


# ---------------------------------------------------------------------------
# The tagger.

@dataclass(slots=True)
class _Word:
    """A word's cached feature rows: its own, and as each neighbour of another word."""

    own: list[int]
    low: str
    shape: str
    short: str
    amb: str
    prev1: list[int]
    next1: list[int]
    prev2: list[int]
    next2: list[int]


class Tagger:
    """A loaded model. Use :func:`load` for the shipped one; it is cached.

    ``tag`` is safe to call from several threads.
    """

    #: A short identity of the model (its name, version and the start of the
    #: SHA-256 of its weights), for cache keys.
    identity: str
    #: The model's description: classes, settings, accuracy (from model.json).
    meta: dict[str, Any]

    def __init__(self, directory: Path | str = MODEL_DIR) -> None:
        import numpy as np

        directory = Path(directory)
        meta = json.loads((directory / "model.json").read_text(encoding="utf-8"))
        raw = (directory / "model.npz").read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        if meta.get("sha256") and meta["sha256"] != digest:
            raise ValueError(f"The tagger model in {directory} does not match its model.json (SHA-256 differs).")
        import io

        with np.load(io.BytesIO(raw), allow_pickle=False) as z:
            indptr = z["indptr"].astype(np.int64)
            cols = z["cols"]
            vals = z["vals"].astype(np.float32)
            names = z["features"].tobytes().decode("utf-8").split("\n")
            lex_words = z["lexicon_words"].tobytes().decode("utf-8").split("\n")
            lex_tags = z["lexicon_tags"].tobytes().decode("utf-8").split("\n")
        self.meta = meta
        self.identity = f"speakeasy-tagger-{meta.get('version', 0)}-{digest[:16]}"
        self.classes: list[str] = list(meta["classes"])
        self._pairs: dict[str, tuple[str, str]] = {c: self._split(c) for c in self.classes}
        self._n_classes = len(self.classes)
        self._index: dict[str, int] = dict(zip(names, range(len(names))))
        self._lexicon: dict[str, str] = dict(zip(lex_words, lex_tags))
        self._indptr = indptr
        self._cols = cols
        self._vals = vals
        self._np = np
        # Dense rows for the two commonest transition features, so the
        # left-to-right loop adds them without a look-up.
        C = self._n_classes
        names_t = [*self.classes, *START]
        self._t1 = np.zeros((len(names_t), C), dtype=np.float32)
        self._t2 = np.zeros((len(names_t), C), dtype=np.float32)
        for k, t in enumerate(names_t):
            for table, prefix in ((self._t1, "t1="), (self._t2, "t2=")):
                r = self._index.get(prefix + t)
                if r is not None:
                    a, b = indptr[r], indptr[r + 1]
                    table[k, cols[a:b]] = vals[a:b]
        self._tnum = {t: k for k, t in enumerate(names_t)}
        self._tnames = names_t
        self._split_hot_rows()
        self._trans: dict[tuple[int, int], np.ndarray] = {}
        #: the tags of sentences tagged already, when :meth:`keep_tags` asks for it
        self._tagged: dict[tuple[str, ...], list[tuple[str, str]]] | None = None
        self._tagged_limit = 0
        self._cache: dict[str, _Word] = {}
        # the padding "words" before and after a sentence, as context_features pads
        self._pads = (
            self._entry("-S2-", "^", "", "^", "^", []),
            self._entry("-S1-", "^", "", "^", "^", []),
            self._entry("-E1-", "$", "", "$", "$", []),
            self._entry("-E2-", "$", "", "$", "$", []),
        )

    def __repr__(self) -> str:
        return f"Tagger({self.identity!r})"

    def _split_hot_rows(self) -> None:
        """Keep the rows with many weights dense, and the rest sparse.

        Common features ("the word ends in -s") have weights for many labels;
        adding them as dense rows is faster. Row number ``len(indptr) - 1``
        is an extra row of zeros that :meth:`tag_classes` puts first for each
        word, so that every word has at least one dense row.
        """
        np = self._np
        indptr, cols, vals = self._indptr, self._cols, self._vals
        n_rows = len(indptr) - 1
        lens = np.diff(indptr)
        hot = np.flatnonzero(lens >= _DENSE_MIN)
        self._zero_row = n_rows
        dense_of = np.full(n_rows + 1, -1, dtype=np.int64)
        dense_of[hot] = np.arange(len(hot))
        dense_of[n_rows] = len(hot)
        self._zero_dense = len(hot)  # the dense row of the zero row
        owner = np.repeat(np.arange(n_rows), lens)
        is_hot = dense_of[owner] >= 0
        dense = np.zeros((len(hot) + 1, self._n_classes), dtype=np.float32)
        dense[dense_of[owner[is_hot]], cols[is_hot]] = vals[is_hot]
        cold = ~is_hot
        self._dense = dense
        self._dense_of = dense_of
        self._indptr = np.zeros(n_rows + 2, dtype=np.int64)
        np.cumsum(np.bincount(owner[cold], minlength=n_rows + 1), out=self._indptr[1:])
        self._cols = cols[cold].astype(np.int64)
        self._vals = vals[cold]

    def _rows_scores(self, rows: "np.ndarray", owner: "np.ndarray", n: int) -> "np.ndarray":
        """Sum the weight rows ``rows`` into an (n, labels) score table, by ``owner`` (sorted).

        Each word's rows must start with the zero row, once (see :meth:`_split_hot_rows`).
        """
        np = self._np
        C = self._n_classes
        d = self._dense_of[rows]
        hot = d >= 0
        dh = d[hot]
        # Each word's dense rows start with the zero row, which no feature uses: where a word's rows begin.
        starts = np.flatnonzero(dh == self._zero_dense)
        scores = np.add.reduceat(self._dense[dh], starts, axis=0).astype(np.float64)
        cold = ~hot
        rows = rows[cold]
        starts = self._indptr[rows]
        lens = self._indptr[rows + 1] - starts
        total = int(lens.sum())
        if total:
            # the place of every stored weight of every row, in one array
            offsets = np.repeat(starts - np.cumsum(lens) + lens, lens) + np.arange(total)
            keys = np.repeat(owner[cold] * C, lens) + self._cols[offsets]
            scores += np.bincount(keys, weights=self._vals[offsets], minlength=n * C).reshape(n, C)
        return scores

    def _row(self, name: str, scores: "np.ndarray") -> None:
        """Add the weights of the feature ``name`` (if the model has it) to ``scores``."""
        r = self._index.get(name)
        if r is not None:
            d = self._dense_of[r]
            if d >= 0:
                scores += self._dense[d]
            else:
                a = self._indptr[r]
                b = self._indptr[r + 1]
                scores[self._cols[a:b]] += self._vals[a:b]

    def _lookup(self, names: list[str]) -> list[int]:
        get = self._index.get
        return [r for r in map(get, names) if r is not None]

    def _entry(self, low: str, s3: str, sh: str, short: str, amb: str, own: list[str]) -> _Word:
        """The rows of a word's features, as itself and as a neighbour (see ``context_features``)."""
        look = self._lookup
        return _Word(
            own=look(own),
            low=low, shape=sh, short=short, amb=amb,
            prev1=look(["w-1=" + low, "s-1=" + s3, "x-1=" + short, "a-1=" + amb]),
            next1=look(["w+1=" + low, "s+1=" + s3, "x+1=" + short, "a+1=" + amb]),
            prev2=look(["w-2=" + low]),
            next2=look(["w+2=" + low, "a+2=" + amb]),
        )

    def _word(self, word: str) -> _Word:
        """A word's entry (cached)."""
        e = self._cache.get(word)
        if e is None:
            low = norm(word)
            sh = shape(word)
            short = short_shape(word)
            e = self._entry(low, low[-3:], sh, short, self._lexicon.get(low) or "?" + short, word_features(low, sh))
            if len(self._cache) >= 50_000:
                self._cache.clear()
            self._cache[word] = e
        return e

    def static_rows(self, words: Sequence[str]) -> list[list[int]]:
        """The rows of the features of each word that do not depend on the tags.

        The same rows as looking up every name :func:`features` gives, but
        the parts that depend on one word only come from a cache.
        """
        return self._static(words, [self._word(w) for w in words])

    def _static(self, words: Sequence[str], entries: list[_Word], lo: int = 0, hi: int | None = None,
                mode: str | None = None) -> list[list[int]]:
        """The static rows of words ``lo`` to ``hi`` (all by default), each with the whole sentence around it."""
        n = len(words) if hi is None else hi
        s2, s1, e1, e2 = self._pads
        pad = [s2, s1, *entries, e1, e2]
        if mode is None:
            mode = sentence_mode(words)
        get = self._index.get
        out = []
        for i in range(lo, n):
            j = i + 2
            e = entries[i]
            low = e.low
            before, after = pad[j - 1], pad[j + 1]
            names = [
                ("m=" if i else "f=") + mode + e.shape,
                "b-1=" + before.low + " " + low,
                "b+1=" + low + " " + after.low,
                "aa+2=" + after.amb + " " + pad[j + 2].amb,
                "ww=" + before.low + " " + after.low,
                "xa=" + e.short + " " + after.amb,
            ]
            if mode == "N" and i and words[i] != low:
                names.append("c=" + words[i])
            rows = e.own + before.prev1 + after.next1 + pad[j - 2].prev2 + pad[j + 2].next2
            rows += [r for r in map(get, names) if r is not None]
            out.append(rows)
        return out

    def _transition(self, k1: int, k2: int) -> "np.ndarray":
        """The weights of the tags before (t1, t2 and the pair t12), cached."""
        v = self._trans.get((k1, k2))
        if v is None:
            v = self._t1[k1] + self._t2[k2]
            self._row("t12=" + self._tnames[k1] + "," + self._tnames[k2], v)
            self._trans[(k1, k2)] = v
        return v

    def tag_classes(self, words: Sequence[str]) -> list[str]:
        """The model's own label ("NOUN|NN") for each word; words must not be whitespace."""
        if not words:
            return []
        greedy = _Greedy(self, words)
        greedy.run(len(words))
        return greedy.classes

    def tag(self, words: Sequence[str]) -> list[tuple[str, str]]:
        """(UPOS, XPOS) for each word of ONE sentence, in order.

        Never raises on odd input: an empty list gives an empty list, and a
        whitespace (or empty) token gives ``("X", "_SP")``.
        """
        words = [w if isinstance(w, str) else str(w) for w in words]
        kept = self._tagged
        if kept is None:
            return self._tag(words)
        key = tuple(words)
        got = kept.get(key)
        if got is None:
            got = self._tag(words)
            if len(kept) >= self._tagged_limit:
                kept.clear()
            kept[key] = got
        return list(got)

    def keep_tags(self, limit: int = 8192) -> None:
        """Keep the tags of up to ``limit`` sentences, to give them again without tagging.

        For a process that checks the same document again and again after
        small changes (the language server): nearly every sentence is the same
        as last time.  Off by default, so a one-off check and the benchmarks
        tag every sentence.
        """
        if self._tagged is None:
            self._tagged = {}
        self._tagged_limit = limit

    def _tag(self, words: list[str]) -> list[tuple[str, str]]:
        tagging = Tagging(self, words)
        tagging.run_all()
        return [tagging.pair(i) for i in range(len(words))]

    def tagging(self, words: Sequence[str]) -> "Tagging":
        """The tags of ONE sentence, worked out from the left only as far as they are asked for.

        ``tagging(words).pair(i)`` is ``tag(words)[i]``: the tagger reads left
        to right, so the tags up to a word do not depend on the tags after it.
        With :meth:`keep_tags` on, the whole sentence is tagged (and kept) at once.
        """
        words = [w if isinstance(w, str) else str(w) for w in words]
        if self._tagged is not None:
            return Tagging(self, words, self.tag(words))
        return Tagging(self, words)

    def _first_word(self, tags: list[tuple[str, str]], words: Sequence[str]) -> list[tuple[str, str]]:
        """``tags`` after the second look at a capitalised first word (see :meth:`_first_word_pair`)."""
        got = self._first_word_pair(tags.__getitem__, words)
        if got is None:
            return tags
        f, pair = got
        tags = list(tags)
        tags[f] = pair
        return tags

    def _first_word_pair(self, tag_at: "Callable[[int], tuple[str, str]]",
                         words: Sequence[str]) -> tuple[int, tuple[str, str]] | None:
        """A second look at a capitalised first word, which the treebank teaches badly.

        ``tag_at(i)`` gives the model's tags of word ``i``. Returns (the first
        word's index, its tags) when they change, else None.

        Policy text is full of list items and instructions that open with a
        verb ("Implement maintenance tools.", "Monitor login attempts"),
        and the capital makes the model read a name or an adjective. The
        treebank has few of them. So when the first word is capitalised, the
        next is in lower case (or a determiner or pronoun), and the model
        gave a part of speech the word never had in training:

        - a word seen in training only as a verb (or a verb and an
          adjective), or not seen but ending like a verb ("Terminate"), is
          tagged again after "Please"; if that reads it as a base-form
          verb, it is one;
        - a common word tagged as a name ("Key compendium publications")
          is tagged again in lower case.

        Words that are often nouns too ("Account password changes") are
        left as the model said. Measured in ``benchmarks/tagger.md``.
        """
        f = next((i for i, w in enumerate(words) if any(c.isalpha() for c in w)), None)
        if f is None or f + 1 >= len(words):
            return None
        word, after = words[f], words[f + 1]
        if not word[:1].isupper() or (len(word) > 1 and word.isupper()):
            return None
        if self._imperative_sentence(tag_at, words, f):
            return self._verb_after_please(tag_at, words, f)
        if not after[:1].islower() and tag_at(f + 1)[0] not in ("DET", "PRON", "NUM"):
            return None
        if tag_at(f + 1)[0] == "AUX" or tag_at(f + 1)[1] in ("VBZ", "VBD", "VBP", "MD"):
            return None  # "Suzanne is ...", "Barb does ...": the first word is the subject
        said = tag_at(f)[0]
        low = word.lower()
        seen = self._lexicon.get(norm(word))
        parts = seen.split(",") if seen else []
        if (said in ("PROPN", "ADJ", "X") and not parts and low.endswith(_VERB_ENDINGS)) or (
                "VERB" in parts and said not in parts and "NOUN" not in parts):
            return self._verb_after_please(tag_at, words, f)
        elif said == "PROPN" and parts and "PROPN" not in parts:
            # (the tags up to word f do not depend on the words' tags after it: tag that far only)
            again = _Greedy(self, [*words[:f], low, *words[f + 1:]])
            again.run(f + 1)
            pair = self._pairs[again.classes[f]]
            if pair[0] != "PROPN":
                return f, pair
        return None

    def _verb_after_please(self, tag_at: "Callable[[int], tuple[str, str]]", words: Sequence[str],
                           f: int) -> tuple[int, tuple[str, str]] | None:
        """Word ``f`` as a base-form verb if the model reads it as one after "Please" in lower case."""
        again = _Greedy(self, ["Please", words[f].lower(), *words[f + 1:]])
        again.run(2)
        if self._pairs[again.classes[1]] != ("VERB", "VB"):
            return None
        return f, ("VERB", "VB")

    def _imperative_sentence(self, tag_at: "Callable[[int], tuple[str, str]]", words: Sequence[str], f: int) -> bool:
        """A full sentence with no finite verb, opening with a word that can be a verb the model took for
        a noun or a name: an instruction ("Leverage native options to protect data.").

        A heading or a table cell has no full stop ("Request response code"), so it is left alone.
        Only the main clause counts: a finite verb after "what", "which", "that" and the like belongs
        to a clause of its own ("Leverage X to capture what changes are made.").
        """
        if tag_at(f)[0] not in ("NOUN", "PROPN") or words[-1] not in (".", "!"):
            return False
        if words[f + 1] in (":", ",") or (f + 2 < len(words) and words[f + 2] in (":", ",")):
            return False  # a label ("Note: ...") or a noun phrase and its examples ("Account type, for example ...")
        seen = self._lexicon.get(norm(words[f]))
        if not seen or "VERB" not in seen.split(","):
            return False
        for i in range(f + 1, len(words)):
            word = words[i]
            u, x = tag_at(i)
            # In lower case (a capital may open a sentence run on from a heading), and not straight after
            # the first word: "Support which is given to carers." is a noun and what describes it.
            if word in _CLAUSE_OPENERS and i > f + 1:
                return True  # a verb after here is in a clause of its own ("to capture what changes are made")
            if (u == "AUX" or x in ("VBZ", "VBD", "VBP", "MD")) and not (len(word) > 1 and word.isupper()):
                return False  # a finite verb (an acronym such as "IDS" is never one)
        return True

    @staticmethod
    def _split(label: str) -> tuple[str, str]:
        u, _, x = label.partition("|")
        return (u, x)


class _Greedy:
    """The model's labels for the words of one sentence, worked out from the left as far as asked.

    The tagger is greedy and reads left to right: a word's label depends on
    the words around it (all known from the start) and on the labels before
    it, never on the labels after it. So tagging the first ``m`` words gives
    the same labels as tagging the whole sentence, and a rule that asks about
    one word early in a long sentence pays for that far only.
    """

    #: When more words are needed, at least this many are tagged at once (each step has a fixed cost).
    STEP = 8
    #: ... and this many past the word asked for (a rule often asks about the next words too).
    AHEAD = 4

    def __init__(self, tagger: Tagger, words: Sequence[str]) -> None:
        self.tagger = tagger
        self.words = words
        self.entries = [tagger._word(w) for w in words]
        self.mode = sentence_mode(words)
        self.classes: list[str] = []
        self._k1, self._k2 = tagger._tnum[START[0]], tagger._tnum[START[1]]

    def run(self, m: int) -> None:
        """Make sure the labels of the first ``m`` words are known."""
        done = len(self.classes)
        n = len(self.words)
        if m <= done or done >= n:
            return
        hi = min(n, max(m + self.AHEAD, done + self.STEP))
        tg = self.tagger
        np = tg._np
        entries = self.entries
        per_word = tg._static(self.words, entries, done, hi, self.mode)
        rows: list[int] = []
        owner: list[int] = []
        zero = tg._zero_row
        for i, r in enumerate(per_word):
            rows.append(zero)
            rows += r
            owner += [i] * (len(r) + 1)
        static = tg._rows_scores(np.array(rows, dtype=np.int64), np.array(owner, dtype=np.int64), hi - done)
        classes = tg.classes
        tnames = tg._tnames
        transition = tg._transition
        get = tg._index.get
        dense_of, dense, indptr, cols, vals = tg._dense_of, tg._dense, tg._indptr, tg._cols, tg._vals
        out = self.classes
        k1, k2 = self._k1, self._k2
        for i in range(done, hi):
            low = entries[i].low
            p1 = tnames[k1]
            scores = static[i - done] + transition(k1, k2)
            # the weights of the word with the tag before it (Tagger._row, written out: most words have none)
            for r in (get("t1w=" + p1 + "," + low), get("t1s=" + p1 + "," + low[-3:])):
                if r is not None:
                    d = dense_of[r]
                    if d >= 0:
                        scores += dense[d]
                    else:
                        a = indptr[r]
                        b = indptr[r + 1]
                        scores[cols[a:b]] += vals[a:b]
            g = int(scores.argmax())
            k2, k1 = k1, g
            out.append(classes[g])
        self._k1, self._k2 = k1, k2


class Tagging:
    """The (UPOS, XPOS) tags of the words of ONE sentence, each worked out when first asked for.

    ``pair(i)`` is what :meth:`Tagger.tag` gives for word ``i``. Made by :meth:`Tagger.tagging`.
    """

    def __init__(self, tagger: Tagger, words: list[str], done: list[tuple[str, str]] | None = None) -> None:
        self.words = words
        self._done = done
        if done is not None:
            return
        self._tagger = tagger
        keep = [i for i, w in enumerate(words) if w.strip()]
        #: the place of each word among the words that are not whitespace (-1: whitespace)
        self._kept_at: list[int] | None = None
        if len(keep) != len(words):
            self._kept_at = [-1] * len(words)
            for k, i in enumerate(keep):
                self._kept_at[i] = k
        self._kept = words if self._kept_at is None else [words[i] for i in keep]
        self._greedy: _Greedy | None = _Greedy(tagger, self._kept) if self._kept else None
        self._first: tuple[int, tuple[str, str]] | None | bool = False  # False: not looked at yet
        self._f = next((k for k, w in enumerate(self._kept) if any(c.isalpha() for c in w)), -1)

    def __len__(self) -> int:
        return len(self.words)

    def run_all(self) -> None:
        """Tag every word now (in one step: cheaper than a few at a time, when all are wanted)."""
        if self._done is None and self._greedy is not None:
            self._greedy.run(len(self._kept))

    def _model_pair(self, k: int) -> tuple[str, str]:
        """The model's own tags of kept word ``k`` (before the second look at the first word)."""
        greedy = self._greedy
        assert greedy is not None
        if k >= len(greedy.classes):
            greedy.run(k + 1)
        return self._tagger._pairs[greedy.classes[k]]

    def pair(self, i: int) -> tuple[str, str]:
        """(UPOS, XPOS) of word ``i``."""
        if self._done is not None:
            return self._done[i]
        if i < 0:
            i += len(self.words)
        k = i if self._kept_at is None else self._kept_at[i]
        if k < 0:
            return ("X", XPOS_SPACE)
        got = self._model_pair(k)
        if k == self._f:  # the first word with a letter may get a second look (Tagger._first_word_pair)
            first = self._first
            if first is False:
                first = self._first = self._tagger._first_word_pair(self._model_pair, self._kept)
            if first is not None:
                return first[1]  # type: ignore[index]
        return got


# Words that open a clause of its own: a finite verb after one is not the sentence's main verb.
_CLAUSE_OPENERS = frozenset({"what", "which", "that", "who", "whom", "whose", "where", "when", "whether", "how", "if"})

_load_lock = threading.Lock()


@lru_cache(maxsize=1)
def _load_shipped() -> Tagger:
    return Tagger(MODEL_DIR)


def load() -> Tagger:
    """The shipped tagger, loaded once and then shared."""
    with _load_lock:
        return _load_shipped()
