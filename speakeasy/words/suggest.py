"""Find words in documents that may be jargon and are in no wordlist yet.

``speakeasy words suggest PATH...`` reads documents (Markdown, text, Word,
OpenDocument: whatever speakeasy's readers read) and lists words and phrases
a forum of people with lived experience may want to look at.  It never
decides that a word is jargon: it only shortlists, with a reason in plain
words, how often the word is used, in how many documents, and two example
sentences.

Everything here works offline.  How common a word is in everyday English
comes from the ``wordfreq`` package, which ships its data, as a Zipf value:
``log10`` of how many times the word is used in a billion words.  7 is "the",
4 is ten uses in a million words ("kettle" 3.5, "wheelchair" 3.9), 0 means
wordfreq has never seen the word ("reablement").

What is a candidate
-------------------

* **Rare word** ("rare in everyday English"): Zipf below :data:`RARE_ZIPF`.
* **Long formal word** ("long formal word"): four or more syllables, a
  Latinate ending (:data:`LATINATE_ENDINGS`), and Zipf below
  :data:`FORMAL_ZIPF` ("proportionality", "personalisation").
* **Repeated compound word** ("repeated compound word"): a hyphenated word
  used at least twice, with Zipf below :data:`PHRASE_ZIPF`
  ("person-centred", "strengths-based").
* **Acronym** ("acronym, never spelled out" ...): two to six capital letters,
  perhaps with a plural ``s`` ("EHCPs"), not on the list of acronyms everyone
  knows (:data:`EVERYDAY_ACRONYMS`, plus the ``allow`` list of any
  ``acronym`` rule in use).  Whether each document spells it out is checked
  the way the acronym rule checks it.
* **Repeated phrase** ("repeated phrase"): 2 to 4 words that look like a noun
  phrase, used at least twice, and rare as a whole (see "Phrases" below).

Not candidates: anything a wordlist in the rule set already covers (every
status: agreed, proposed and retired), matched the way speakeasy matches
terms, with their inflections and spellings ("signpost" covers
"signposting"); the ``keep`` list from the settings; names (a word that is
only ever written with a capital letter in the middle of a sentence);
numbers, words with digits, web addresses, e-mail addresses, file names;
words of one letter; and everyday words (a word with a Zipf value at or
above :data:`FORMAL_ZIPF` is never suggested on its own, nor a hyphenated
one at or above :data:`PHRASE_ZIPF`).

Phrases
-------

The blank spaCy pipeline has no part-of-speech tagger, so noun phrases are
found with a lexicon instead: lemminflect (already used to match
inflections) lists the parts of speech each English word can have.  A
phrase is 2 to 4 words next to each other in one sentence (no punctuation
between them), none a stop word (spaCy's English list), except that one
"and" or "of" may join the words inside ("care and support planning",
"package of care").  The last word must be able to be a noun; the others
must be able to be nouns or adjectives, or be past participles used as
adjectives ("integrated"), but not very common adjectives that only
describe ("different format", see :data:`GENERIC_ADJECTIVE_ZIPF`).  Words lemminflect does not know count as
nouns: they are usually new coinages.

wordfreq has no counts for phrases.  For a phrase it gives an estimate
from its words (``1/f = 1/f1 + 1/f2 + ...``), which is about the frequency
of the rarest word: an *upper bound* on how often the phrase itself is
used.  A phrase is "rare as a whole" when that estimate is below
:data:`PHRASE_ZIPF`, or when it has three or more content words: everyday
English seldom stacks three content words into a fixed phrase that a
document repeats ("data protection impact assessment"), even when each word
is common.  A phrase is not suggested when a word in it is in a wordlist or
is suggested on its own (the forum's decision on that word covers the
phrase), or when every use of it is inside a longer phrase that is
suggested ("support planning" inside "care and support planning").

Ranking
-------

``score = (7 - zipf) * sqrt(count * documents)``.  ``7 - zipf`` is how many
powers of ten rarer than the commonest English words the term is (its
surprisal, roughly); the square root of uses times documents rewards terms
that are both used often and spread across documents, without letting one
document that repeats a word fifty times drown everything else.  An acronym
that no document spells out gets one more point of rarity, because a reader
has no way in at all.  Ties are broken by the term (ignoring case), so the
order is stable.

Forms of one word are counted together: upper and lower case, hyphenated or
not ("co-located", "colocated"), and inflections when both forms are in the
documents ("assessment", "assessments").  The term shown is the most common
form, in lower case unless it is an acronym.

Cost: every document's prose is kept in memory until the end (for the
example sentences), so memory grows with the size of the documents.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Iterator

from ..errors import InputError
from ..lexicon import parts_of_speech, stop_words, zipf
from ..kinds.acronym import _DEFINED_AFTER, _IN_BRACKETS, _ROMAN, _word_in_capitals, is_acronym
from ..model import BlockKind, Document, ReadError
from . import COLUMNS

if TYPE_CHECKING:  # pragma: no cover
    from ..config import Settings
    from ..ruleset import RuleSet
    from ..readers import ReadOptions

# ---------------------------------------------------------------------------
# Thresholds

#: Zipf below this is "rare in everyday English": fewer than one use in a
#: million words.  Zipf 3 is where van Heuven et al. (2014), who proposed the
#: Zipf scale, end the low-frequency words (1-3): "domiciliary" 1.9,
#: "signposting" 1.7.  A few everyday words fall below it too ("stairlift"
#: 1.4, "carer" 2.9); a forum throws those out in seconds, while a higher line
#: would bring in many words everyone knows ("kettle" 3.5, "grumpy" 3.5).
RARE_ZIPF = 3.0
#: Zipf below this, for a long Latinate word, is "long formal word": ten uses
#: in a million words, the line van Heuven et al. draw for high-frequency
#: words.  "organisation" (4.4) and "information" (5.4) stay out;
#: "accountability" (3.9) and "confidentiality" (3.5) come in.  Single words
#: at or above this line are never suggested.
FORMAL_ZIPF = 4.0
#: A phrase (or hyphenated compound) whose estimated Zipf is below this is
#: "rare as a whole".  The estimate is an upper bound (see the module
#: docstring), so the line is looser than for single words: "asset owner"
#: (4.1) and "transition planning" (4.3) come in; "young people" (5.4),
#: "mental health" (4.7) and "line manager" (4.9) stay out.
PHRASE_ZIPF = 4.5
#: An adjective this common ("different" 5.6, "new" 6.2, "important" 5.3)
#: describes; it is not part of a name for something, so a phrase with it is
#: not suggested.
#: Adjectives in terms of art are less common ("mental" 4.8, "sensitive" 4.3).
GENERIC_ADJECTIVE_ZIPF = 5.0
#: At least this many syllables for a "long formal word" ("eligibility" has 5).
MIN_SYLLABLES = 4
#: Latinate endings of long formal words (with their plural and verb forms).
LATINATE_ENDINGS = (
    "ation", "ations", "ition", "itions", "ion", "ions",
    "ment", "ments", "ance", "ances", "ence", "ences", "ancy", "ency",
    "ity", "ities", "ise", "ised", "ises", "ising", "ize", "ized", "izes", "izing",
    "isation", "isations", "ization", "izations",
    "ive", "ives", "ative", "atives", "ory", "ary", "ial", "ual",
)
#: Phrases are 2 to this many words long (joining words included).
MAX_PHRASE_WORDS = 4
#: Words that may join the words of a phrase (at most one per phrase).
CONNECTORS = frozenset({"and", "of"})
#: Uses a repeated phrase or compound word needs.
MIN_REPEATS = 2
#: Acronyms everyone in the UK knows, which never need a forum's attention.
#: Kept short on purpose: everyday ones from the acronym rule's own
#: allow-list (NHS, GP, UK, TV, OK, ID, PDF...) and IT, used everywhere in
#: public services.  Organisations add their own with ``keep``, and the
#: ``allow`` list of any acronym rule in use is added to this one.
EVERYDAY_ACRONYMS = frozenset(
    """A&E AM BBC CCTV CD COVID DIY DVD EU FAQ GP HIV ID IT MP NHS OK PC PDF PIN PM QR SMS TV UK UN US USA
    USB""".split()
)
#: Example sentences longer than this are trimmed around the word.
EXAMPLE_WIDTH = 160
#: How much of the sentence to keep before the word when trimming.
EXAMPLE_BEFORE = 50
#: Common verbs lemminflect also lists as nouns, which make false phrases
#: ("staff need support") when they stand between two nouns.
_VERBS_NOT_NOUNS = frozenset("need needs want wants like likes let lets".split())

#: Endings of adjectives, for words lemminflect does not know.
_ADJECTIVE_ENDINGS = ("able", "ible", "ous", "ful", "less", "ic", "ical", "ive")

REASON_RARE = "rare in everyday English"
REASON_FORMAL = "long formal word"
REASON_COMPOUND = "repeated compound word"
REASON_PHRASE = "repeated phrase"

# ---------------------------------------------------------------------------
# Public data


@dataclass
class Example:
    """One use of a suggested term: the file, the line and the sentence around it."""

    path: str
    line: int
    sentence: str


@dataclass
class Suggestion:
    """A word or phrase that may be jargon, for a forum to review."""

    term: str
    reasons: list[str]  # plain words, e.g. "rare in everyday English"
    count: int
    documents: int
    zipf: float
    examples: list[Example]  # at most 2, from different documents when possible


@dataclass
class Scan:
    """What :func:`scan` found, and how many files it read."""

    suggestions: list[Suggestion]
    errors: list[ReadError]
    files_checked: int


# ---------------------------------------------------------------------------
# Words in text

#: Whitespace-separated chunks; a chunk that is not prose is skipped whole.
_CHUNK = re.compile(r"\S+")
#: Web and e-mail addresses, file names and paths, "e.g.": not prose.
_NOT_PROSE = re.compile(r"://|@|^#|^[(\[\"'“‘]?www\.|[^\W_]\.[^\W\d_]|\\|/[^/]*/")
#: A word inside a chunk: starts with a letter, ends with a letter or digit,
#: may hold hyphens, apostrophes and "&" ("co-located", "don't", "A&E").
_WORD = re.compile(r"(?<!\w)[^\W\d_](?:[\w'’&-]*[^\W_])?")
_POSSESSIVE = re.compile(r"['’]s$")
#: Words with digits ("Covid-19", "3rd") or underscores (names in code) are left out.
_DIGIT_OR_UNDERSCORE = re.compile(r"[\d_]")
#: After one of these, a capital letter starts a new part of a sentence.
_STARTERS = frozenset(":•·▪–—")

# How a word was written, for telling names from words.
_LOWER, _NEUTRAL, _MIDCAP = 0, 1, 2


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str
    joined: bool  # only whitespace since the previous word


def _tokens(text: str, base: int) -> list[_Token]:
    """The words of a sentence's text, with offsets shifted by ``base``."""
    out: list[_Token] = []
    prev_end = -1
    broken = True
    for chunk in _CHUNK.finditer(text):
        c = chunk.group()
        if _NOT_PROSE.search(c):
            broken = True
            continue
        offset = chunk.start()
        for m in _WORD.finditer(c):
            s, e = offset + m.start(), offset + m.end()
            joined = not broken and prev_end >= 0 and text[prev_end:s].isspace()
            out.append(_Token(base + s, base + e, m.group(), joined))
            prev_end = e
            broken = False
    return out


@lru_cache(maxsize=100_000)
def _lemmas(word: str) -> tuple[str, ...]:
    """Base forms of ``word`` (noun first), from lemminflect's lexicon or its rules."""
    from lemminflect import getAllLemmas, getAllLemmasOOV

    found = getAllLemmas(word)
    out: list[str] = []
    for upos in ("NOUN", "VERB", "ADJ"):
        out.extend(found.get(upos, ()))
    if not found:
        for upos in ("NOUN", "VERB"):
            out.extend(getAllLemmasOOV(word, upos).get(upos, ()))
    return tuple(dict.fromkeys(x for x in out if x != word))


def _noun_lemma(word: str) -> str:
    """A plural noun's singular ("packages" -> "package"); other words as they are."""
    if not word.endswith("s") or "-" in word:
        return word
    from lemminflect import getAllLemmas

    nouns = getAllLemmas(word).get("NOUN")
    return nouns[0] if nouns else word


def _acronym_core(word: str) -> str | None:
    """The acronym in ``word`` ("EHCPs" -> "EHCP"), or None if it is not one."""
    if word.islower() or word[1:].islower():
        return None
    core = word[:-1] if len(word) > 2 and word.endswith("s") and word[-2].isupper() else word
    capitals = sum(1 for c in core if c.isupper())
    if not 2 <= capitals <= 6 or len(core) > 8:
        return None
    if not all(c.isalpha() or c in "&-" for c in core) or not is_acronym(core):
        return None
    return core


def _trim(text: str, start: int, end: int, match_start: int, match_end: int) -> str:
    """The sentence ``text[start:end]``, whitespace collapsed, trimmed around the match."""

    def collapse(s: str) -> str:
        return " ".join(s.split()) + (" " if s[-1:].isspace() else "")

    whole = " ".join(text[start:end].split())
    before = collapse(text[start:match_start]).lstrip()
    at = len(before)
    length = len(" ".join(text[match_start:match_end].split()))
    if len(whole) <= EXAMPLE_WIDTH:
        return whole
    left = max(0, at - EXAMPLE_BEFORE)
    if left > 0:
        space = whole.find(" ", left)
        left = space + 1 if 0 <= space < at else left
    right = min(len(whole), max(left + EXAMPLE_WIDTH, at + length))
    if right < len(whole):
        space = whole.rfind(" ", at + length, right + 1)
        right = space if space > 0 else right
    return ("…" if left > 0 else "") + whole[left:right].strip() + ("…" if right < len(whole) else "")


# ---------------------------------------------------------------------------
# Tallies


#: Where a use is: (document, line, sentence start, sentence end, start, end).
_Ref = tuple[int, int, int, int, int, int]


class _Tally:
    """Uses of one word, acronym or phrase across the documents."""

    __slots__ = ("count", "docs", "refs", "forms", "cases", "spelled_out")

    def __init__(self) -> None:
        self.count = 0
        self.docs: list[int] = []
        self.refs: list[_Ref] = []
        self.forms: Counter[str] = Counter()
        self.cases = [0, 0, 0]  # lower, neutral, capital in mid-sentence
        self.spelled_out: set[int] = set()

    def add(self, doc: int, form: str) -> int:
        """Count one use; return where its reference should go in ``refs`` (-1: not needed).

        The first use is kept, and the first use in another document (or,
        until there is one, the next use in the same document).
        """
        self.count += 1
        if not self.docs or self.docs[-1] != doc:
            self.docs.append(doc)
        self.forms[form] += 1
        refs = self.refs
        if len(refs) < 2:
            return len(refs)
        if refs[0][0] == refs[1][0] and doc != refs[0][0]:
            return 1
        return -1

    def set_ref(self, slot: int, ref: _Ref) -> None:
        """Keep ``ref`` at ``slot`` (from :meth:`add`), unless it is the first one's sentence again."""
        refs = self.refs
        if slot == len(refs):
            if refs and refs[0][0] == ref[0] and refs[0][2] == ref[2]:
                return  # two uses in one sentence: wait for another sentence
            refs.append(ref)
        else:
            refs[slot] = ref

    def merge(self, other: "_Tally") -> None:
        self.count += other.count
        self.docs = sorted(set(self.docs) | set(other.docs))
        self.forms.update(other.forms)
        self.cases = [a + b for a, b in zip(self.cases, other.cases)]
        self.spelled_out |= other.spelled_out
        refs = sorted(set(self.refs) | set(other.refs))
        if not refs:
            return
        first = refs[0]
        rest = [r for r in refs[1:] if (r[0], r[2]) != (first[0], first[2])]
        other_doc = [r for r in rest if r[0] != first[0]]
        self.refs = [first] + (other_doc[:1] or rest[:1])

    def term(self) -> str:
        """The most common form (ties: the first in alphabetical order)."""
        return min(self.forms.items(), key=lambda kv: (-kv[1], kv[0]))[0]


@dataclass
class _State:
    """Everything counted so far."""

    words: dict[str, _Tally] = field(default_factory=dict)
    acronyms: dict[str, _Tally] = field(default_factory=dict)
    phrases: dict[tuple[str, ...], _Tally] = field(default_factory=dict)
    #: each document's prose (Analysis.masked), for the example sentences
    texts: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------
# Scanning


class _Scanner:
    """Counts candidate words, acronyms and phrases in one document after another."""

    def __init__(self, covered: re.Pattern[str], allow: set[str], known: set[str], keep: set[str]) -> None:
        self.covered = covered
        self.allow = allow
        self.known = known
        self.keep = keep
        self.stop = stop_words()
        self.state = _State()

    def add(self, doc: Document) -> None:
        from ..analysis import Analysis
        from ..matching import normalise

        state = self.state
        di = len(state.paths)
        analysis = Analysis(doc)  # blank pipeline: sentences only, no trained model
        masked = analysis.masked
        state.paths.append(doc.path)
        state.texts.append(masked)
        starts = doc.line_starts()
        # Words a wordlist or the keep list covers are blanked out, so they
        # are neither counted nor part of a phrase.
        spans = [m.span() for m in self.covered.finditer(analysis.masked_lower)]
        if spans:
            chars = list(masked)
            for s, e in spans:
                chars[s:e] = "\x00" * (e - s)
            blanked = "".join(chars)
        else:
            blanked = masked
        blocks = analysis.blocks
        stop = self.stop
        words, acronyms = state.words, state.acronyms
        local_phrases: dict[tuple[str, ...], list[tuple[int, int, int, int, str]]] = {}

        for sent in analysis.sentences:
            block = blocks[sent.block]
            heading = block.kind is BlockKind.HEADING
            tokens = _tokens(blanked[sent.start : sent.end], sent.start)
            if not tokens:
                continue
            upper = sum(1 for t in tokens if t.text.isupper() and len(t.text) > 1)
            shouting = (len(tokens) >= 3 and upper / len(tokens) > 0.6) or (
                len(tokens) >= 2 and upper == len(tokens) and block.kind in (BlockKind.HEADING, BlockKind.TABLE_CELL)
            )
            s_start, s_end = sent.start, sent.end
            run: list[tuple[_Token, str, str]] = []  # (token, key, surface) of phrase words

            for i, tok in enumerate(tokens):
                if not tok.joined:
                    self._flush(run, local_phrases, s_start, s_end)
                    run = []
                word = _POSSESSIVE.sub("", tok.text)
                possessive = word != tok.text
                if len(word) < 2 or (not word.isalpha() and _DIGIT_OR_UNDERSCORE.search(word)):
                    self._flush(run, local_phrases, s_start, s_end)
                    run = []
                    continue
                core = None if shouting else _acronym_core(word)
                if core is not None:
                    key = core.upper()
                    if key in self.known or not (core.lower() in stop or _word_in_capitals(core)):
                        self._flush(run, local_phrases, s_start, s_end)
                        run = []
                        if key in self.allow or key in self.keep:
                            continue
                        tally = acronyms.get(key)
                        if tally is None:
                            tally = acronyms[key] = _Tally()
                        end = tok.start + len(core)
                        slot = tally.add(di, core)
                        if slot >= 0:
                            tally.set_ref(slot, (di, bisect.bisect_right(starts, tok.start), s_start, s_end,
                                                 tok.start, tok.end))
                        if _DEFINED_AFTER.match(masked, tok.end) or _IN_BRACKETS.search(
                            masked, max(0, tok.start - 3), tok.start
                        ) or _DEFINED_AFTER.match(masked, end):
                            tally.spelled_out.add(di)
                        continue
                low = word.lower()
                if word.isupper():
                    case = _NEUTRAL  # emphasis or shouting, not a name
                elif word[0].isupper():
                    starts_part = i == 0 or blanked[tokens[i - 1].end : tok.start].rstrip()[-1:] in _STARTERS
                    case = _NEUTRAL if starts_part or heading or shouting else _MIDCAP
                elif word[1:] != word[1:].lower():
                    case = _MIDCAP  # "iPhone", "eBay": a name
                else:
                    case = _LOWER
                key = normalise(low)
                if low in stop or (len(low) <= 5 and _ROMAN.match(word.upper())):
                    if low in CONNECTORS and case != _MIDCAP:
                        run.append((tok, low, low))
                    else:
                        self._flush(run, local_phrases, s_start, s_end)
                        run = []
                    continue
                tally = words.get(key)
                if tally is None:
                    tally = words[key] = _Tally()
                slot = tally.add(di, low)
                if slot >= 0:
                    tally.set_ref(slot, (di, bisect.bisect_right(starts, tok.start), s_start, s_end, tok.start, tok.end))
                tally.cases[case] += 1
                if case == _MIDCAP or possessive or len(key) < 3 or low in _VERBS_NOT_NOUNS:
                    self._flush(run, local_phrases, s_start, s_end)
                    run = []
                else:
                    run.append((tok, key, low))
            self._flush(run, local_phrases, s_start, s_end)

        phrases = state.phrases
        for key, uses in local_phrases.items():
            tally = phrases.get(key)
            if tally is None:
                tally = phrases[key] = _Tally()
            for s_start, s_end, start, end, surface in uses:
                slot = tally.add(di, surface)
                if slot >= 0:
                    tally.set_ref(slot, (di, bisect.bisect_right(starts, start), s_start, s_end, start, end))

    def _flush(self, run: list[tuple[_Token, str, str]], out: dict, s_start: int, s_end: int) -> None:
        if run:
            self._phrases(run, out, s_start, s_end)

    @staticmethod
    def _phrases(
        run: list[tuple[_Token, str, str]],
        out: dict[tuple[str, ...], list[tuple[int, int, int, int, str]]],
        s_start: int,
        s_end: int,
    ) -> None:
        """Every 2-4 word phrase in a run of joined words: content words at both ends, one joining word at most."""
        n = len(run)
        for a in range(n):
            if run[a][1] in CONNECTORS:
                continue
            joins = 0
            after_and = -1  # content words since an "and"
            for b in range(a + 1, min(a + MAX_PHRASE_WORDS, n)):
                if run[b][1] in CONNECTORS:
                    joins += 1
                    if joins > 1:
                        break
                    if run[b][1] == "and":
                        after_and = 0
                    continue
                if after_and >= 0:
                    after_and += 1
                    if after_and < 2:
                        continue  # "staff and contractors" is two things, not one
                key = tuple(k for _, k, _ in run[a : b + 1])
                surface = " ".join(s for _, _, s in run[a : b + 1])
                out.setdefault(key, []).append((s_start, s_end, run[a][0].start, run[b][0].end, surface))


# ---------------------------------------------------------------------------
# Choosing candidates


def _word_suggestions(
    words: dict[str, _Tally], min_count: int
) -> tuple[list[tuple[float, Suggestion, _Tally]], dict[str, str], set[str]]:
    """Rare, long formal and compound words.

    Also returns each word key's group (forms of one word merged) and the
    groups that are suggested, for leaving phrases with those words out.
    """
    from ..matching import normalise
    from ..syllables import syllables

    # Forms of one word are counted together when both are in the documents.
    parent: dict[str, str] = {}
    for key in sorted(words):
        tally = words[key]
        form = tally.term()
        if not form.endswith(("s", "d", "g")) or zipf(form) >= FORMAL_ZIPF:
            continue
        for lemma in _lemmas(form):
            target = normalise(lemma)
            if target != key and target in words:
                parent[key] = target
                break

    def root(key: str) -> str:
        seen = {key}
        while key in parent and parent[key] not in seen:
            key = parent[key]
            seen.add(key)
        return key

    groups: dict[str, _Tally] = {}
    group_of: dict[str, str] = {}
    for key in sorted(words):
        r = root(key)
        group_of[key] = r
        if r in groups:
            groups[r].merge(words[key])
        else:
            merged = _Tally()
            merged.merge(words[key])
            groups[r] = merged

    out: list[tuple[float, Suggestion, _Tally]] = []
    suggested: set[str] = set()
    for key, tally in groups.items():
        if tally.count < min_count:
            continue
        lower, _neutral, midcap = tally.cases
        if lower == 0 and midcap > 0:
            continue  # only ever capitalised in mid-sentence: a name
        term = tally.term()
        z = max(zipf(form) for form in tally.forms)
        if z >= PHRASE_ZIPF:
            continue
        reasons = []
        if z < RARE_ZIPF:
            reasons.append(REASON_RARE)
        if z < FORMAL_ZIPF and term.endswith(LATINATE_ENDINGS) and syllables(term) >= MIN_SYLLABLES:
            reasons.append(REASON_FORMAL)
        if "-" in term and tally.count >= MIN_REPEATS and z < PHRASE_ZIPF and not reasons:
            reasons.append(REASON_COMPOUND)
        if not reasons:
            continue
        suggested.add(key)
        out.append((_score(z, tally), Suggestion(term, reasons, tally.count, len(tally.docs), z, []), tally))
    return out, group_of, suggested


def _acronym_suggestions(acronyms: dict[str, _Tally], min_count: int) -> list[tuple[float, Suggestion, _Tally]]:
    out = []
    for tally in acronyms.values():
        if tally.count < min_count:
            continue
        term = tally.term()
        z = zipf(term.lower())
        docs = len(tally.docs)
        spelled = len(tally.spelled_out)
        if spelled == 0:
            reason = "acronym, never spelled out"
        elif spelled == docs:
            reason = "acronym, spelled out"
        else:
            reason = f"acronym, spelled out in {spelled} of {docs} documents"
        # wordfreq cannot tell the acronym SEND from the word "send": for
        # ranking, an acronym is at least as rare as a rare word.
        rank_zipf = min(z, RARE_ZIPF) - (1.0 if spelled == 0 else 0.0)
        out.append((_score(rank_zipf, tally), Suggestion(term, [reason], tally.count, docs, z, []), tally))
    return out


def _noun_phrase(words: list[str]) -> bool:
    """Can these words be a noun phrase, going by the parts of speech each word can have?"""
    content = [w for w in words if w not in CONNECTORS]
    *modifiers, head = content
    pos = parts_of_speech(head)
    if pos and not pos & {"NOUN", "PROPN"}:
        return False
    if not pos and head.endswith(_ADJECTIVE_ENDINGS):
        return False  # an unknown word that looks like an adjective ("inaccessible")
    for word in modifiers:
        pos = parts_of_speech(word)
        if pos and not pos & {"NOUN", "ADJ", "PROPN"} and not (word.endswith("ed") and "VERB" in pos):
            return False
        if pos == {"ADJ"} and zipf(word) >= GENERIC_ADJECTIVE_ZIPF:
            return False  # "different format", "new system": a description, not a name for something
    return True


def _phrase_suggestions(
    phrases: dict[tuple[str, ...], _Tally], min_count: int, suggested_words: set[str], group_of: dict[str, str]
) -> list[tuple[float, Suggestion, _Tally]]:
    from ..matching import normalise

    # Plurals together: "care package" and "care packages".
    grouped: dict[tuple[str, ...], _Tally] = {}
    for key in sorted(phrases):
        tally = phrases[key]
        last = tally.term().split(" ")[-1]
        gkey = key[:-1] + (normalise(_noun_lemma(last)),)
        if gkey in grouped:
            grouped[gkey].merge(tally)
        else:
            merged = _Tally()
            merged.merge(tally)
            grouped[gkey] = merged

    need = max(MIN_REPEATS, min_count)
    candidates: dict[tuple[str, ...], tuple[float, _Tally, str]] = {}
    for key, tally in grouped.items():
        if tally.count < need:
            continue
        term = tally.term()
        words = term.split(" ")
        content = [w for w in words if w not in CONNECTORS]
        if any(group_of.get(normalise(w), normalise(w)) in suggested_words for w in content):
            continue  # the word is suggested on its own: the forum's decision on it covers the phrase
        if not _noun_phrase(words):
            continue
        z = zipf(" ".join(content))
        if z >= PHRASE_ZIPF and len(content) < 3:
            continue
        candidates[key] = (z, tally, term)

    # A phrase whose every use is inside a longer suggested phrase is left out.
    absorbed: set[tuple[str, ...]] = set()
    for key, (_z, tally, _term) in candidates.items():
        n = len(key)
        for size in range(2, n):
            for i in range(n - size + 1):
                sub = key[i : i + size]
                other = candidates.get(sub)
                if other is not None and other[1].count <= tally.count:
                    absorbed.add(sub)

    out = []
    for key, (z, tally, term) in candidates.items():
        if key in absorbed:
            continue
        out.append((_score(z, tally), Suggestion(term, [REASON_PHRASE], tally.count, len(tally.docs), z, []), tally))
    return out


def _score(z: float, tally: _Tally) -> float:
    """Rarity (7 - Zipf) times the square root of uses times documents."""
    return (7.0 - z) * math.sqrt(tally.count * len(tally.docs))


def _examples(state: _State, tally: _Tally) -> list[Example]:
    out = []
    for di, line, s_start, s_end, start, end in tally.refs[:2]:
        sentence = _trim(state.texts[di], s_start, s_end, start, end)
        out.append(Example(state.paths[di], line, sentence))
    return out


# ---------------------------------------------------------------------------
# The rule set: what is covered already


def _covered_terms(ruleset: "RuleSet", keep: Iterable[str]) -> list[str]:
    """Every term of every wordlist in the rule set (all statuses, rules on or off), and the keep list."""
    terms: set[str] = set()
    seen: set[int] = set()
    for rule in ruleset.rules:
        for wordlist in rule.wordlists:
            if id(wordlist) in seen:
                continue
            seen.add(id(wordlist))
            terms.update(entry.term for entry in wordlist.entries)
    terms.update(str(k) for k in keep)
    return sorted(t for t in terms if t.strip())


@lru_cache(maxsize=8)
def _covered_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for every form of every term (inflections, spellings), as speakeasy matches them."""
    from ..matching import compile_forms, expand_terms

    forms = [form for per_term in expand_terms(list(terms)) for form, _tag in per_term]
    return compile_forms(forms)


def _acronym_lists(ruleset: "RuleSet") -> tuple[set[str], set[str]]:
    """Acronyms to leave out (everyday ones, allowed ones), and ones known to be acronyms."""
    allow = set(EVERYDAY_ACRONYMS)
    known: set[str] = set()
    for rule in ruleset.rules:
        if rule.kind != "acronym":
            continue
        allow.update(str(a).upper() for a in rule.options.get("allow") or ())
        known.update(str(k).upper() for k in (rule.options.get("known") or {}))
    return allow, known


# ---------------------------------------------------------------------------
# Public functions


def _read(files: Iterable[str], options: "ReadOptions") -> Iterator[Document | ReadError]:
    from ..readers import read_path

    for path in files:
        try:
            yield read_path(path, options=options)
        except InputError as exc:
            yield ReadError(exc.path, exc.message, exc.code)


def scan(
    paths: list[str],
    settings: "Settings",
    *,
    ruleset: "RuleSet | None" = None,
    min_count: int = 1,
    limit: int | None = 50,
) -> Scan:
    """Like :func:`suggest`, and also says how many files were read."""
    from ..ruleset import build_ruleset
    from ..runner import collect_files

    if ruleset is None:
        ruleset = build_ruleset(settings)
    files, errors = collect_files(paths, settings)
    allow, known = _acronym_lists(ruleset)
    keep = [str(k) for k in settings["keep"]]
    covered = _covered_pattern(tuple(_covered_terms(ruleset, keep)))
    scanner = _Scanner(covered, allow, known, {k.upper() for k in keep})
    checked = 0
    from ..readers import ReadOptions

    for item in _read(files, ReadOptions.from_settings(settings)):
        if isinstance(item, ReadError):
            errors.append(item)
            continue
        scanner.add(item)
        checked += 1

    state = scanner.state
    ranked, group_of, suggested_words = _word_suggestions(state.words, min_count)
    ranked += _acronym_suggestions(state.acronyms, min_count)
    ranked += _phrase_suggestions(state.phrases, min_count, suggested_words, group_of)
    ranked.sort(key=lambda item: (-round(item[0], 9), item[1].term.casefold(), item[1].term))
    if limit is not None:
        ranked = ranked[: max(0, limit)]
    suggestions = []
    for _score_value, suggestion, tally in ranked:
        suggestion.examples = _examples(state, tally)
        suggestions.append(suggestion)
    return Scan(suggestions, errors, checked)


def suggest(
    paths: list[str],
    settings: "Settings",
    *,
    ruleset: "RuleSet | None" = None,
    min_count: int = 1,
    limit: int | None = 50,
) -> tuple[list[Suggestion], list[ReadError]]:
    """Words and phrases in the documents that may be jargon and are in no wordlist yet.

    ``paths`` are files and folders (folders are walked as ``speakeasy
    check`` walks them, with the ``ignore`` globs).  ``settings`` is what
    :func:`speakeasy.config.resolve` returns; the rule set is built from it
    unless one is given.  ``min_count``: leave out terms used fewer times.
    ``limit``: at most this many suggestions (None for all), best first.
    Files that cannot be read come back as :class:`~speakeasy.model.ReadError`
    and the others are still scanned.
    """
    result = scan(paths, settings, ruleset=ruleset, min_count=min_count, limit=limit)
    return result.suggestions, result.errors


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _summary(s: Suggestion) -> str:
    """ "rare in everyday English. Used 4 times in 2 documents." """
    times = "once" if s.count == 1 else f"{s.count} times"
    return f"{'; '.join(s.reasons)}. Used {times} in {_plural(s.documents, 'document', 'documents')}."


def csv_rows(suggestions: list[Suggestion]) -> list[dict[str, str]]:
    """One row per suggestion in the spreadsheet format (:data:`speakeasy.words.COLUMNS`).

    ``use`` and ``why`` are left for the forum to fill in; ``status`` is
    ``proposed``; ``notes`` say why the term was suggested, how often it is
    used, how common it is in everyday English, and where.
    """
    from ..paths import display_path

    rows = []
    for s in suggestions:
        row = {column: "" for column in COLUMNS}
        notes = [f"Suggested by speakeasy: {_summary(s)}", f"Everyday frequency (Zipf, 0 to 7): {s.zipf:.1f}."]
        for ex in s.examples:
            notes.append(f'Example: "{ex.sentence}" ({display_path(ex.path)}, line {ex.line}).')
        row["term"] = s.term
        row["status"] = "proposed"
        row["notes"] = " ".join(notes)
        rows.append(row)
    return rows


def render_text(suggestions: list[Suggestion], checked_files: int) -> str:
    """The suggestions for a person at a terminal: numbered, plain sentences, no colour, no tables."""
    from ..paths import display_path

    files = _plural(checked_files, "file", "files")
    if not suggestions:
        return f"Checked {files}. speakeasy found no words that may be jargon and are not in a word list yet.\n"
    found = _plural(len(suggestions), "word or phrase", "words and phrases")
    lines = [f"Checked {files}. {found} may be jargon and {'is' if len(suggestions) == 1 else 'are'} "
             "not in any word list yet.", ""]
    for n, s in enumerate(suggestions, 1):
        lines.append(f"{n}. {s.term}: {_summary(s)}")
        for ex in s.examples:
            lines.append(f'   "{ex.sentence}" ({display_path(ex.path)}, line {ex.line})')
        lines.append("")
    return "\n".join(lines)
