"""The trie regex: every form of many terms in one pattern, and only the terms a text may hold compiled for it."""

from __future__ import annotations

import re
from typing import Iterable

from ..io.diskcache import paused_gc
from .basics import APOSTROPHE, HYPHENS, OTHER_APOSTROPHES, SEP_OPTIONAL, SEP_REQUIRED

#: Whitespace between the words of a phrase.  Not the characters that mask
#: markup and the gaps between blocks (``\x1c``-``\x1f``, which Python counts
#: as whitespace): a phrase never runs from a heading into the paragraph after it.
_SPACE = r"[^\S\x1c-\x1f]+"


def _fragment(ch: str) -> str:
    if ch == SEP_OPTIONAL:
        return r"(?:[ \t]*[" + HYPHENS + r"][ \t]*\n?[ \t]*|" + _SPACE + ")?"
    if ch == SEP_REQUIRED:
        return r"(?:[ \t]*[" + HYPHENS + r"][ \t]*\n?[ \t]*|" + _SPACE + ")"
    if ch == APOSTROPHE:
        return "['’‘]"
    return re.escape(ch)


def _trie(forms: Iterable[str]) -> dict:
    trie: dict = {}
    for form in forms:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = True
    return trie


def _build(node: dict) -> str:
    end = "" in node
    branches = [(_fragment(ch) + _build(child)) for ch, child in sorted(node.items()) if ch != ""]
    if not branches:
        return ""
    if len(branches) == 1 and not end:
        return branches[0]
    body = "(?:" + "|".join(branches) + ")"
    return body + "?" if end else body


def trie_pattern(forms: Iterable[str]) -> str:
    """A regular expression matching any of ``forms``, built as a trie.

    Python's ``re`` tries alternatives one after another; sharing prefixes
    means only one branch is tried per character, so a list of thousands of
    forms costs about as much to scan as one.
    """
    return _build(_trie(forms))


def compile_forms(forms: Iterable[str]) -> re.Pattern[str]:
    """One pattern for all forms, matching whole words only, in LOWER-CASE text.

    Use it on :func:`lower_same_length` text.  The check that a match starts a
    word (no letter or hyphen before it) sits inside each first-level branch,
    after the first letter, so the pattern starts with a plain choice of
    letters: ``re`` then skips quickly to places that start with one of them,
    about twice as fast as a pattern that starts with the check.
    """
    trie = _trie(forms)
    if not trie:
        return re.compile(r"(?!x)x")
    # A letter, a hyphen, or "*" (emphasis inside a word: "un**commence**d"
    # is one word) before or after a form means it is part of a longer word.
    before = r"[\w*" + HYPHENS + r"]"
    top = []
    for ch, child in sorted(trie.items()):
        if ch == "":
            continue
        first = _fragment(ch)
        rest = _build(child)
        if "" in child and rest:
            rest = f"(?:{rest})?" if not rest.endswith("?") else rest
        top.append(f"{first}(?<!{before}{first})" + rest)
    return re.compile("(?:" + "|".join(top) + r")(?![\w*]|[" + HYPHENS + r"]\w)")


#: The characters whose lower case is longer than they are: only "İ" (U+0130) in Python 3.11's Unicode.
#: Split on them, so the rest of a text is lowered in long pieces, not one character at a time (issue 18).
_LONGER_IN_LOWER = re.compile("(\u0130+)")


def lower_same_length(text: str) -> str:
    """``text.lower()``, keeping every character at its offset.

    A few characters lower-case to two ("İ"); those are left as they are, so
    offsets found in the lower-case text are offsets in the original.  In a
    text with one, the other characters are lowered as if one at a time (a
    capital sigma is then "σ", never the final "ς" that lowering words
    gives), but in long pieces: 5 MB take milliseconds, not a second.
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    pieces = _LONGER_IN_LOWER.split(text)  # the odd ones are the characters left as they are
    for i in range(0, len(pieces), 2):
        pieces[i] = _lower_each(pieces[i])
    out = "".join(pieces)
    if len(out) == len(text):
        return out
    # a character lowered to two that the pattern does not know (a later Unicode): one at a time
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _lower_each(piece: str) -> str:
    """``piece.lower()`` (of the same length) as if each character were lowered on its own: "Σ" is always "σ"."""
    low = piece.lower()
    at = piece.find("\u03a3")
    if at < 0:
        return low
    out = []
    done = 0
    while at >= 0:
        if low[at] == "\u03c2":  # the final sigma, which only lowering a whole word gives
            out.append(low[done:at])
            out.append("\u03c3")
            done = at + 1
        at = piece.find("\u03a3", at + 1)
    out.append(low[done:])
    return "".join(out)


# ---------------------------------------------------------------------------
# Compiling only what a text needs

_SQUASH = re.compile(r"[\s" + HYPHENS + r"\x1f]+")


def squash(text: str) -> str:
    """Lower case, with spaces and hyphens removed: the text every form is looked for in."""
    return flatten(text.lower())


def flatten(text: str) -> str:
    """``text`` (in lower case already) with spaces and hyphens removed and every apostrophe made "'".

    Each character is kept, dropped or made "'" on its own, so where a pattern of
    :func:`compile_forms` matches in a text, the :func:`flat_form` of one of its forms is
    in the flattened text: a form that is not cannot match (:func:`may_match`).
    """
    return _SQUASH.sub("", OTHER_APOSTROPHES.sub("'", text))


#: What :func:`squash` takes out of a text or changes in it, other than the marks of a form.
_UNSQUASHED = re.compile(r"[\s" + HYPHENS + r"\x1f’‘`´]")


def _squashed_form(form: str) -> str:
    """A form as :func:`squash` reads a text, so that a form is looked for where its letters are: lemminflect
    gives a few forms with a hyphen or a space ("login" -> "logs-in"), and a term may be written with a
    backtick for its apostrophe ("don`t")."""
    flat = form.replace(SEP_OPTIONAL, "").replace(SEP_REQUIRED, "").replace(APOSTROPHE, "'")
    if not flat.isalpha() and _UNSQUASHED.search(flat):
        flat = squash(flat)
    return flat


def flat_form(form: str) -> str:
    """A form as :func:`flatten` would leave the text it matches (literal spaces and hyphens dropped too)."""
    return flatten(_squashed_form(form))


def may_match(flat_forms: Iterable[str], flat_text: str) -> bool:
    """Whether the pattern of the forms these :func:`flat_form` come from may match in a text that
    :func:`flatten` made ``flat_text``: False means it finds nothing, so it need not be compiled."""
    return any(f in flat_text for f in flat_forms)


def add_pieces(index: dict[str, list[int]], lengths: list[int], flat: str, found: set[int]) -> None:
    """Add to ``found`` the items ``index`` gives for every piece of ``flat`` of one of ``lengths``
    (sorted, shortest first): the items a text may hold, found by looking up its pieces rather than
    by testing every item."""
    n = len(flat)
    for length in lengths:
        if length > n:
            break
        for start in range(n - length + 1):
            got = index.get(flat[start:start + length])
            if got is not None:
                found.update(got)


class FormSet:
    """The forms of many items (terms or phrases), compiled into one pattern.

    Compiling a pattern for hundreds of terms takes a tenth of a second or
    more, which matters when a writer checks one small file.  So for a small
    text, only the items with a form that occurs in the text (a fast
    substring test on the text without spaces or hyphens) are compiled
    (memoised); a large text gets the full pattern, compiled once.

    A form can only match where its letters are in the text, in order, once
    spaces and hyphens are taken out, so the pattern of those items finds what
    the full pattern finds.  For a short text, the items are found by looking up
    each piece of the text of a length some form has (:meth:`_chosen`), not by
    testing each item's forms: a list of 50,000 words has 200,000 forms.
    """

    SMALL_TEXT = 50_000  # characters
    SHARE = 0.3  # above this share of items, compile them all
    #: A text this short always gets the pattern of its own items (``words check`` checks each
    #: term and alternative of a long list on its own: compiling the full pattern takes seconds).
    TINY_TEXT = 200

    def __init__(self, forms_per_item: list[list[str]]) -> None:
        self.forms = forms_per_item
        self._squashed: list[list[str]] | None = None
        self._index: dict[str, list[int]] | None = None
        self._lengths: list[int] = []
        self._count = 0
        self._full: re.Pattern[str] | None = None
        self._subsets: dict[tuple[int, ...], re.Pattern[str]] = {}
        self._texts = 0
        self._chosen_tiny: dict[str, tuple[int, ...]] = {}

    @property
    def squashed(self) -> list[list[str]]:
        """Each item's forms as :func:`squash` writes them (without spaces, hyphens and marks)."""
        if self._squashed is None:
            self._squashed = [sorted({_squashed_form(f) for f in forms}) for forms in self.forms]
        return self._squashed

    def _chosen(self, flat: str) -> tuple[int, ...]:
        """The items with a form in ``flat`` (a :func:`squash` text), in order.  Remembered for tiny texts
        (``words check`` asks first whether a term may match, then matches it)."""
        if len(flat) > self.TINY_TEXT:
            return self._find_chosen(flat)
        got = self._chosen_tiny.get(flat)
        if got is None:
            if len(self._chosen_tiny) > 100_000:
                self._chosen_tiny.clear()
            got = self._chosen_tiny[flat] = self._find_chosen(flat)
        return got

    def _find_chosen(self, flat: str) -> tuple[int, ...]:
        if self._index is None:
            index: dict[str, list[int]] = {}
            for i, forms in enumerate(self.squashed):
                for f in forms:
                    got = index.setdefault(f, [])
                    if not got or got[-1] != i:
                        got.append(i)
            self._lengths = sorted({len(f) for f in index if f})
            self._count = sum(map(len, self.squashed))
            # (last: another thread that sees the index must also see its lengths; with none yet, it
            # found no item in any text)
            self._index = index
        if len(flat) * len(self._lengths) > self._count:
            # a long text: testing each form costs less than looking up each piece of the text
            return tuple(i for i, forms in enumerate(self.squashed) if any(f in flat for f in forms))
        pieces = self._index
        assert pieces is not None
        found: set[int] = set(pieces.get("", ()))
        add_pieces(pieces, self._lengths, flat, found)
        return tuple(sorted(found))

    def might_match(self, text: str) -> bool:
        """Whether a form of some item may be in ``text``: False means the pattern finds nothing in it."""
        return bool(self._chosen(squash(text)))

    def full(self) -> re.Pattern[str]:
        if self._full is None:
            with paused_gc():  # (compiling a pattern for a long list makes many objects: see paused_gc)
                self._full = compile_forms([f for forms in self.forms for f in forms])
        return self._full

    #: After this many small texts, a run is clearly a long one: compile everything once.
    MAX_SUBSETS = 3

    #: :meth:`expect` compiles one pattern for the items of about this many texts.
    EXPECT_BATCH = 250

    def expect(self, texts: Iterable[str]) -> None:
        """Get ready for many tiny texts, each to be matched on its own (``words check`` checks each term and
        alternative of a long list): one pattern for the items of many of them, not one for each.

        A pattern with more items finds the same in a text as the pattern of its own items: the others have
        no form in it (see :meth:`_chosen`).  Compiling a small pattern takes a millisecond or two, most of
        it the same for any pattern, so thousands of them took seconds.
        """
        wanted: dict[tuple[int, ...], None] = {}
        for text in texts:
            if len(text) <= self.TINY_TEXT:
                chosen = self._chosen(squash(text))
                if chosen and chosen not in self._subsets and len(chosen) <= len(self.forms) * self.SHARE:
                    wanted[chosen] = None
        groups = list(wanted)
        if len(self._subsets) + len(groups) > 4096:
            return  # (more than are kept: each text gets its own pattern, as before)
        for at in range(0, len(groups), self.EXPECT_BATCH):
            group = groups[at:at + self.EXPECT_BATCH]
            items = sorted(set().union(*group))
            with paused_gc():
                pattern = compile_forms([f for i in items for f in self.forms[i]])
            for chosen in group:
                self._subsets[chosen] = pattern

    def for_text(self, text: str) -> re.Pattern[str]:
        tiny = len(text) <= self.TINY_TEXT
        if self._full is not None or (not tiny and (len(text) > self.SMALL_TEXT or self._texts >= self.MAX_SUBSETS)):
            return self.full()
        if not tiny:
            self._texts += 1
        chosen = self._chosen(squash(text))
        if len(chosen) > len(self.forms) * self.SHARE:
            return self.full()
        pattern = self._subsets.get(chosen)
        if pattern is None:
            if len(self._subsets) > 4096:
                self._subsets.clear()
            pattern = compile_forms([f for i in chosen for f in self.forms[i]])
            self._subsets[chosen] = pattern
        return pattern
