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

The parts: :mod:`~speakeasy.words.suggest.thresholds` (the numbers and lists
above), :mod:`~speakeasy.words.suggest.coverage` (what the rule set covers
already), :mod:`~speakeasy.words.suggest.text` (words in a sentence),
:mod:`~speakeasy.words.suggest.scanner` and :mod:`~speakeasy.words.suggest.tally`
(counting), :mod:`~speakeasy.words.suggest.candidates` (choosing and ranking),
:mod:`~speakeasy.words.suggest.results` (what comes back).  This module runs
them (:func:`scan`, :func:`suggest`) and writes the result for a person or a
spreadsheet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator

from ...errors import InputError
from ...model import Document, ReadError
from .. import COLUMNS
from .candidates import acronym_suggestions, examples_of, phrase_suggestions, word_suggestions
from .coverage import acronym_lists, covered_pattern, covered_terms
from .results import Scan, Suggestion
from .scanner import Scanner

if TYPE_CHECKING:  # pragma: no cover
    from ...config import Settings
    from ...readers import ReadOptions
    from ...ruleset import RuleSet


def _read(files: Iterable[str], options: "ReadOptions") -> Iterator[Document | ReadError]:
    from ...readers import read_path

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
    from ...ruleset import build_ruleset
    from ...runner import collect_files

    if ruleset is None:
        ruleset = build_ruleset(settings)
    files, errors = collect_files(paths, settings)
    allow, known = acronym_lists(ruleset)
    keep = [str(k) for k in settings["keep"]]
    covered = covered_pattern(tuple(covered_terms(ruleset, keep)))
    scanner = Scanner(covered, allow, known, {k.upper() for k in keep})
    checked = 0
    from ...readers import ReadOptions

    for item in _read(files, ReadOptions.from_settings(settings)):
        if isinstance(item, ReadError):
            errors.append(item)
            continue
        scanner.add(item)
        checked += 1

    state = scanner.state
    ranked, group_of, suggested_words = word_suggestions(state.words, min_count)
    ranked += acronym_suggestions(state.acronyms, min_count)
    ranked += phrase_suggestions(state.phrases, min_count, suggested_words, group_of)
    ranked.sort(key=lambda item: (-round(item[0], 9), item[1].term.casefold(), item[1].term))
    if limit is not None:
        ranked = ranked[: max(0, limit)]
    suggestions = []
    for _score_value, suggestion, tally in ranked:
        suggestion.examples = examples_of(state, tally)
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
    from ...paths import display_path

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
    from ...paths import display_path

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
