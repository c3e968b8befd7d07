"""Words and punctuation, split as spaCy's English tokenizer splits them, in plain Python.

speakeasy needs tokens to find where sentences end and to tag words. spaCy's
tokenizer does this well, but importing spaCy takes about a second, more than
checking a page of text. This module is a port of spaCy's tokenizer
algorithm (``spacy/tokenizer.pyx``: whitespace, special cases, prefixes,
suffixes, infixes, web addresses, then the special cases that span tokens)
over spaCy's own English rules, copied into ``data/tokenizer_en.json`` by
``scripts/make_tokenizer_data.py`` with spaCy's MIT licence.

It gives the same tokens at the same places as ``spacy.blank("en").tokenizer``
(``tests/test_tokenizer.py`` compares the two on real documents), except
that a run of more than 2,000 characters without whitespace is one token
(spaCy's time on such a run grows with its square). A user's
own trained spaCy pipeline (the ``language_model`` setting) still uses spaCy.

>>> [t.text for t in tokenize("We don't use e.g. jargon.")]
['We', 'do', "n't", 'use', 'e.g.', 'jargon', '.']
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

__all__ = ["RULES_FILE", "Token", "Tokenizer", "load", "tokenize"]

RULES_FILE = Path(__file__).parent / "data" / "tokenizer_en.json"

#: A run of characters without whitespace longer than this is one token, not split (see ``_span``).
#: No word, web address or e-mail address in real text is as long.
LONGEST_SPLIT = 2_000

#: Runs of whitespace and runs of anything else.
_RUNS = re.compile(r"\s+|\S+")


class Token(NamedTuple):
    """One token: where it starts in the text, its text, and whether one space follows it."""

    idx: int
    text: str
    whitespace: bool

    @property
    def is_space(self) -> bool:
        return self.text.isspace()


class Tokenizer:
    """spaCy's English tokenizer, ported: ``tokenizer(text)`` is a list of :class:`Token`."""

    def __init__(self, rules: dict) -> None:
        self.prefix_search = re.compile(rules["prefix"]).search
        self.suffix_search = re.compile(rules["suffix"]).search
        self.infix_finditer = re.compile(rules["infix"]).finditer
        self.url_match = re.compile(rules["url"]).match if rules.get("url") else None
        self.specials: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in rules["special"].items()}
        self._cache: dict[str, tuple[str, ...]] = {}
        # The special cases that affixes would split ("e.g." inside "(e.g."): found again after
        # splitting, by the tokens they split into (spaCy's special-case matcher).
        self._phrases: dict[tuple[str, ...], str] = {}
        faster = rules.get("faster_heuristics", True)
        for string in sorted(self.specials):
            if not faster or self._find_prefix(string) or self._find_suffix(string) or " " in string or \
                    any(True for _ in self.infix_finditer(string)):
                pieces = tuple(t for t in self._tokenize_affixes(string, False))
                self._phrases.setdefault(pieces, string)
        #: for each first token, the lengths of the phrases that start with it, shortest first
        sizes: dict[str, set[int]] = {}
        for p in self._phrases:
            sizes.setdefault(p[0], set()).add(len(p))
        self._sizes = {k: tuple(sorted(v)) for k, v in sizes.items()}

    # -- spaCy's algorithm -------------------------------------------------------------------

    def __call__(self, text: str) -> list[Token]:
        texts, spaces = self._tokenize_affixes_with_spaces(text, True)
        tokens = self._apply_special_cases(texts, spaces) if self._phrases else zip(texts, spaces)
        out = []
        add = out.append
        new = tuple.__new__  # (a Token made without NamedTuple's __new__, which is written in Python)
        idx = 0
        for piece, space in tokens:
            add(new(Token, (idx, piece, space)))
            idx += len(piece) + (1 if space else 0)
        return out

    def _tokenize_affixes(self, string: str, with_special_cases: bool) -> list[str]:
        return self._tokenize_affixes_with_spaces(string, with_special_cases)[0]

    def _tokenize_affixes_with_spaces(self, string: str, with_special_cases: bool) -> tuple[list[str], list[bool]]:
        """Whitespace first, as ``Tokenizer._tokenize_affixes``: a single space after a token is its
        ``whitespace``; any other run of whitespace is a token of its own.

        spaCy walks the string a character at a time; runs of whitespace and of
        other characters found by one pattern give the same tokens (``\\s`` is
        exactly ``str.isspace``).
        """
        if with_special_cases:
            return self._runs_with_special_cases(string)
        texts: list[str] = []
        spaces: list[bool] = []
        after_word = False
        span = self._span
        for run in _RUNS.findall(string):
            if run[0].isspace():
                if after_word and run[0] == " ":
                    spaces[-1] = True
                    run = run[1:]
                if run:
                    span(run, texts, spaces, with_special_cases)
                after_word = False
            else:
                span(run, texts, spaces, with_special_cases)
                after_word = True
        return texts, spaces

    def _runs_with_special_cases(self, string: str) -> tuple[list[str], list[bool]]:
        """:meth:`_tokenize_affixes_with_spaces` with the special cases, each run's tokens looked up once.

        The same as calling :meth:`_span` on each run, in one loop: a run's
        tokens come from the special cases, else from the runs split before
        (prose repeats its words), else from splitting it now.
        """
        texts: list[str] = []
        spaces: list[bool] = []
        add_text, add_space = texts.append, spaces.append
        after_word = False
        specials, cache = self.specials, self._cache
        for run in _RUNS.findall(string):
            if run[0].isspace():
                if after_word and run[0] == " ":
                    spaces[-1] = True
                    run = run[1:]
                after_word = False
                if not run:
                    continue
            else:
                after_word = True
            got = specials.get(run) if len(run) <= LONGEST_SPLIT else None
            if got is None:
                got = cache.get(run)
                if got is None:
                    if len(run) > LONGEST_SPLIT:
                        add_text(run)  # not prose: one token (see _span)
                        add_space(False)
                        continue
                    got = cache[run] = tuple(self._tokenize(run, True))
            if len(got) == 1:
                add_text(got[0])
                add_space(False)
            else:
                texts.extend(got)
                spaces.extend([False] * len(got))
        return texts, spaces

    def _span(self, span: str, texts: list[str], spaces: list[bool], with_special_cases: bool) -> None:
        if len(span) > LONGEST_SPLIT:
            # Not prose: one token, as it is. spaCy splits affixes one at a time, each after a search to
            # the end of what is left, so a run of 20,000 brackets took it (and this port) over a minute.
            texts.append(span)
            spaces.append(False)
            return
        if with_special_cases:
            got = self.specials.get(span)
            if got is None:
                got = self._cache.get(span)
                if got is None:
                    got = self._cache[span] = tuple(self._tokenize(span, True))
        else:
            got = tuple(self._tokenize(span, False))
        texts.extend(got)
        spaces.extend([False] * len(got))

    def _find_prefix(self, string: str) -> int:
        m = self.prefix_search(string)
        return (m.end() - m.start()) if m is not None else 0

    def _find_suffix(self, string: str) -> int:
        m = self.suffix_search(string)
        return (m.end() - m.start()) if m is not None else 0

    def _tokenize(self, string: str, with_special_cases: bool) -> list[str]:
        """One run of characters that are not whitespace: ``_split_affixes`` then ``_attach_tokens``."""
        specials = self.specials if with_special_cases else {}
        prefixes: list[str] = []
        suffixes: list[str] = []
        last_size = 0
        while string and len(string) != last_size:
            if string in specials:
                break
            last_size = len(string)
            pre_len = self._find_prefix(string)
            prefix = minus_pre = ""
            if pre_len:
                prefix = string[:pre_len]
                minus_pre = string[pre_len:]
                if minus_pre and minus_pre in specials:
                    string = minus_pre
                    prefixes.append(prefix)
                    break
            suf_len = self._find_suffix(string[pre_len:])
            suffix = minus_suf = ""
            if suf_len:
                suffix = string[-suf_len:]
                minus_suf = string[:-suf_len]
                if minus_suf and minus_suf in specials:
                    string = minus_suf
                    suffixes.append(suffix)
                    break
            if pre_len and suf_len and (pre_len + suf_len) <= len(string):
                string = string[pre_len:-suf_len]
                prefixes.append(prefix)
                suffixes.append(suffix)
            elif pre_len:
                string = minus_pre
                prefixes.append(prefix)
            elif suf_len:
                string = minus_suf
                suffixes.append(suffix)
        out = list(prefixes)
        if string:
            if string in specials:
                out.extend(specials[string])
            elif with_special_cases and string in self._cache:
                out.extend(self._cache[string])
            elif self.url_match is not None and self.url_match(string):
                out.append(string)
            else:
                matches = list(self.infix_finditer(string))
                if not matches:
                    out.append(string)
                else:
                    start = 0
                    for match in matches:
                        infix_start, infix_end = match.start(), match.end()
                        if infix_start == 0:
                            continue
                        if infix_start != start:
                            out.append(string[start:infix_start])
                        if infix_start != infix_end:
                            out.append(string[infix_start:infix_end])
                        start = infix_end
                    if string[start:]:
                        out.append(string[start:])
        out.extend(reversed(suffixes))
        return out

    def _apply_special_cases(self, texts: list[str], spaces: list[bool]) -> list[tuple[str, bool]]:
        """The special cases that affixes split, found as runs of tokens and put back whole."""
        if not self._phrases:
            return list(zip(texts, spaces))
        matches: list[tuple[int, int]] = []
        n = len(texts)
        phrases, sizes_of = self._phrases, self._sizes
        for i in range(n):
            sizes = sizes_of.get(texts[i])
            if sizes is None:
                continue
            for size in sizes:  # (only the lengths of the phrases that start with this token)
                if size > n - i:
                    break
                if tuple(texts[i:i + size]) in phrases:
                    matches.append((i, i + size))
        tokens = list(zip(texts, spaces))
        if not matches:
            return tokens
        # Longest first, then the earliest; a match may not share its first or last token with one kept.
        matches.sort(key=lambda m: (m[1] - m[0], -m[0]))
        seen: set[int] = set()
        kept = []
        for a, b in reversed(matches):
            if a not in seen and b - 1 not in seen:
                kept.append((a, b))
            seen.update(range(a, b))
        kept.sort()
        out: list[tuple[str, bool]] = []
        i = 0
        for a, b in kept:
            out.extend(tokens[i:a])
            span_text = "".join(t + (" " if s else "") for t, s in tokens[a:b - 1]) + tokens[b - 1][0]
            rule = self.specials.get(span_text)
            if rule is None:
                out.extend(tokens[a:b])
            else:
                out.extend((piece, False) for piece in rule[:-1])
                out.append((rule[-1], tokens[b - 1][1]))
            i = b
        out.extend(tokens[i:])
        return out


@lru_cache(maxsize=1)
def load() -> Tokenizer:
    """The English tokenizer, made once."""
    return Tokenizer(json.loads(RULES_FILE.read_text(encoding="utf-8")))


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``, as ``spacy.blank("en").tokenizer(text)`` gives them."""
    return load()(text)
