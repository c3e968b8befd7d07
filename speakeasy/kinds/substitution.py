"""``substitution``: words and phrases from wordlists, each with plain alternatives.

Every form of every term is found in one pass (:mod:`speakeasy.matching`).
Each match is then kept only if it is jargon *here*:

1. it is not inside a name or a title ("Cyber Assistance Team"), see
   :mod:`speakeasy.names`, nor in a quotation (a quote block, or words in
   quotation marks: someone else's words, or the title of something);
2. its list's topic fits this part of the document (the social-care list
   speaks only in sections about care and support), unless the entry, or the
   rule's ``everywhere`` setting, says it is jargon everywhere;
3. one of its ``when`` words is near (if it has any) and none of its
   ``unless`` words is (in the sentence, or the paragraph, section or
   document, as its ``within`` says);
4. it is used as the part of speech its entry means (``as: verb``): the
   sentence is tagged (:meth:`speakeasy.analysis.Analysis.tagged`), and only
   sentences with such a match are;
5. the document has not explained it yet (``explained_ok``): in brackets
   after it, with "means" or "is when" after it, as "the word 'X'", or as
   the text of a link to a glossary ("[reablement](glossary.md#reablement)").

The plain words offered take the number and tense of the words they replace
("stakeholders" -> "people involved", "utilised" -> "used").

``speakeasy fix`` applies a plain word by itself only where that cannot
change the meaning: see :meth:`Substitution._safe`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from ..articles import ARTICLE_BEFORE, DETERMINER_BEFORE, indefinite_article
from ..io.diskcache import paused_gc
from ..matching import (FormSet, LazyList, compile_forms, expand_entries, expand_terms, inflect_all, match_case,
                        normalise)
from ..model import BlockKind, Edit, Finding, Level
from ..packdata import Entry, Topic
from ..schema import Field
from .base import Kind, register

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analysis, Tagged

#: After a term, these show the writer is explaining it: "reablement (help to ...)".
_EXPLAINED_AFTER = re.compile(
    r"""\s*(?:\(|,?\s*(?:which|that|this)\s+means\b|\s*means\b|\s*is\s+when\b|\s*[:–—]\s|\s+-\s)""",
    re.IGNORECASE,
)
_EXPLAINED_BEFORE = re.compile(r"""(?:called|known\s+as|named|term|word)\s*["'“‘]?\s*$""", re.IGNORECASE)

#: The universal tags (see :mod:`speakeasy.tagger`) that count as each part of speech an entry can name.
PART_TAGS = {
    "noun": frozenset({"NOUN", "PROPN"}),
    "verb": frozenset({"VERB"}),
    "adjective": frozenset({"ADJ"}),
    "adverb": frozenset({"ADV"}),
}
#: Words before a participle that make it describe the noun after it ("the remaining challenges").
_BEFORE_ATTRIBUTIVE = frozenset({"DET", "ADJ", "NUM", "PRON", "ADP", "CCONJ", "PUNCT"})

#: A section is about a list's topic when it has at least this many of the topic's words ...
TOPIC_SECTION_HITS = 2
#: ... or the whole document has at least this many, one in every TOPIC_WORDS_PER_HIT words or more.
TOPIC_DOCUMENT_HITS = 4
TOPIC_WORDS_PER_HIT = 400


def quoted_list(items: list[str]) -> str:
    """'a', 'b' or 'c'"""
    quoted = [f"'{i}'" for i in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]




@dataclass(frozen=True)
class _Form:
    """What a matched form can be: the entries with this term, and the Penn tags of the form."""

    entries: tuple[int, ...]
    tags: tuple[str, ...]


class Matcher:
    """All forms of a set of entries, compiled into one pattern.

    The forms of each term, and each entry's alternatives inflected for each
    form ("use" -> "used" for "utilised"), are worked out once and kept in
    the disk cache (:func:`speakeasy.matching.expand_entries`), so lemminflect
    is only loaded when a wordlist changes.  Entries for the same term as
    different parts of speech share their forms.
    """

    def __init__(self, entries: list[Entry]) -> None:
        with paused_gc():  # (a long list makes a million objects that live on: see paused_gc)
            self._build(entries)

    def _build(self, entries: list[Entry]) -> None:
        self.entries = entries
        alternatives = [tuple(e.use) for e in entries]
        expanded = expand_entries([(e.term, alts) for e, alts in zip(entries, alternatives)])
        forms_of = [forms for forms, _ in expanded]
        lookup: dict[str, tuple[list[int], set[str]]] = {}
        #: Each entry's alternatives inflected for each form of its term; for a long list, worked out
        #: only for the entries a text uses (see speakeasy.matching.EAGER_INFLECTIONS).
        self.inflected: "list[dict[str, dict[str, str]]] | LazyList"
        if expanded and expanded[0][1] is None:
            self.inflected = LazyList(len(entries), lambda i: inflect_all(alternatives[i], forms_of[i]))
        else:
            self.inflected = [inflected for _, inflected in expanded]  # type: ignore[misc]
        #: Where each entry came from, with its reason (worked out for the entries a text uses).
        self.origins = LazyList(len(entries), lambda i: entries[i].origin() | {"why": entries[i].why})
        for i, (entry, forms) in enumerate(zip(entries, forms_of)):
            for form, tags in forms:
                key = normalise(form.replace("\x00", "").replace("\x01", "").replace("\x02", "'"))
                got = lookup.setdefault(key, ([], set()))
                if i not in got[0] and (not got[0] or _same_term(entries[got[0][0]], entry)):
                    got[0].append(i)
                    got[1].update(tags.split())
        self.lookup = {k: _Form(tuple(v[0]), tuple(sorted(v[1]))) for k, v in lookup.items()}
        self.forms = FormSet([[f for f, _ in forms] for forms in forms_of])
        #: Each entry's forms as words with spaces ("take into account"), to tell which `when` and
        #: `unless` phrases hold the term itself (worked out for the entries that have such words).
        self.plain_forms = LazyList(len(entries), lambda i: {_spaced(f) for f, _ in forms_of[i]})
        self._near: dict[int, tuple[list[str], list[str], list[str], list[str]]] = {}
        # The `when`, `unless` and topic words, in all their forms: "student" finds "students",
        # "adopt" finds "adopted", "looked after" finds "looked-after", and "car" does not find
        # "caring".  Worked out with the terms' forms and kept in the same disk cache.
        near = sorted({w for e in entries for w in e.when + e.unless}
                      | {w for e in entries if e.wordlist is not None and e.wordlist.topic
                         for w in e.wordlist.topic.words})
        self.word_forms = dict(zip(near, ([f for f, _ in group] for group in expand_terms(near)))) if near else {}
        self._patterns: dict[tuple[str, ...], re.Pattern[str]] = {}

    def pattern(self, words: list[str]) -> re.Pattern[str]:
        """One pattern for ``words`` in all their forms, as whole words, in lower-case text."""
        key = tuple(words)
        pat = self._patterns.get(key)
        if pat is None:
            forms = [f for w in words for f in self.word_forms.get(w) or expand_terms([w])[0]]
            pat = self._patterns[key] = compile_forms(forms)
        return pat

    def near_words(self, index: int) -> tuple[list[str], list[str], list[str], list[str]]:
        """An entry's `when` and `unless` words, each split in two: phrases that hold the term
        itself ("foster care" for "foster"), which count only where they are the match's own
        words, and the others, which count anywhere near."""
        got = self._near.get(index)
        if got is None:
            entry = self.entries[index]
            forms = self.plain_forms[index]

            def holds(word: str) -> bool:
                text = " " + _spaced(word.lower()) + " "
                return any(f" {f} " in text for f in forms)

            got = self._near[index] = (
                [w for w in entry.when if holds(w)], [w for w in entry.when if not holds(w)],
                [w for w in entry.unless if holds(w)], [w for w in entry.unless if not holds(w)],
            )
        return got


def _spaced(form: str) -> str:
    """A form or phrase as lower-case words with single spaces: "co\x00production" -> "co production"."""
    return " ".join(re.split(r"[\s\x00\x01\-]+", form.replace("\x02", "'").lower())).strip()


def _same_term(a: Entry, b: Entry) -> bool:
    return normalise(a.term) == normalise(b.term)


@lru_cache(maxsize=32)
def _matcher(entries: tuple[Entry, ...]) -> Matcher:
    return Matcher(list(entries))


@register
class Substitution(Kind):
    name = "substitution"
    summary = "Flags words and phrases from wordlists and offers their plain alternatives."
    options = (
        Field("wordlists", "texts", "The wordlists to use: names of files in the wordlists folder, or paths.",
              required=True),
        Field("everywhere", "bool",
              "true to flag the words of lists with a `topic` in every part of a document, whatever it is about.",
              default=False),
        Field("names", "text",
              "What to do with a word from the lists inside a name or title, like 'Cyber Assistance Team': "
              "skip (the default) leaves it alone; explain suggests, once a name, to say what the name is.",
              choices=("skip", "explain"), default="skip"),
    )
    default_message = "Use {use} instead of '{match}'."

    def setup(self) -> None:
        keep = {normalise(k) for k in self.rule.keep}
        statuses = {"agreed", "proposed"} if self.rule.include_proposed else {"agreed"}
        entries = []
        for wordlist in self.rule.wordlists:
            for entry in wordlist.entries:
                if entry.status not in statuses:
                    continue
                if normalise(entry.term) in keep:
                    continue
                entries.append(entry)
        self.keep = keep
        self.everywhere = bool(self.option("everywhere"))
        self.explain_names = self.option("names") == "explain"
        self.matcher = _matcher(tuple(entries)) if entries else None
        self._memo: dict[tuple, tuple[list[str], str]] = {}

    def required_needs(self) -> frozenset[str]:
        if self.matcher and any(e.unless or e.when or e.parts for e in self.matcher.entries):
            return frozenset({"sentences"})
        return frozenset()

    def _pattern(self, words: list[str]) -> re.Pattern[str]:
        return self.matcher.pattern(words)  # type: ignore[union-attr]

    # -- the checks, one a match ------------------------------------------------------------

    def check(self, analysis: "Analysis") -> Iterator[Finding]:
        if self.matcher is None:
            return
        masked = analysis.masked
        lookup = self.matcher.lookup
        entries = self.matcher.entries
        explained: set[int] = set()
        topics: dict[Topic, set[int]] = {}
        named: set[str] = set()
        seen_names: set[tuple[int, int]] = set()
        for m in self.matcher.forms.for_text(masked).finditer(analysis.masked_lower):
            start, end = m.span()
            text = masked[start:end]
            key = normalise(text)
            hit = lookup.get(key)
            if hit is None or key in self.keep:
                continue
            block = analysis.block_index(start)
            if block is None or analysis.block_index(end - 1) != block:
                continue  # never across two blocks
            if _BROKEN_COMPOUND.search(masked, max(0, start - 8), start):
                continue  # the end of a word broken at a hyphen: "self- sufficient", "a lower- key presence"
            if analysis.quoted(start, end):
                # Someone else's words, or a title: the writer cannot change them.  But "the word
                # 'reablement'" still explains the word for the rest of the document.
                for i in hit.entries:
                    if entries[i].explained_ok and self._explains(masked, start, end):
                        explained.add(id(entries[i]))
                continue
            candidates = [i for i in hit.entries if self._topic_fits(analysis, entries[i], block, topics)]
            candidates = [i for i in candidates if self._context_fits(analysis, i, start, end)]
            if not candidates:
                continue
            name = self._name(analysis, entries[candidates[0]], text, start, end)
            if name is not None:
                if not self.explain_names or name in seen_names:
                    continue  # (a long name holds many matches: its words are read once)
                seen_names.add(name)
                said = " ".join(masked[name[0]:name[1]].lower().split())
                if said not in named:
                    named.add(said)  # once a name a document
                    yield self._name_finding(analysis, name, text)
                continue
            index, part, tag = self._choose(analysis, candidates, hit.tags, start, end)
            if index is None:
                continue
            entry = entries[index]
            if entry.explained_ok:
                if id(entry) in explained:
                    continue
                if self._explains(masked, start, end) or _glossary_link(analysis, start, end):
                    explained.add(id(entry))
                    continue
            yield self._finding(analysis, index, part, tag, text, start, end)

    @staticmethod
    def _explains(masked: str, start: int, end: int) -> bool:
        """Does the text explain the word here: "reablement (help to ...)", "the word 'reablement'"?"""
        close = end + 1 if masked[end:end + 1] in "'’\"”" else end
        return bool(_EXPLAINED_AFTER.match(masked, close) or _EXPLAINED_BEFORE.search(masked, max(0, start - 20), start))

    def _topic_fits(self, analysis: "Analysis", entry: Entry, block: int, cache: dict[Topic, set[int]]) -> bool:
        """Is this part of the document about the topic of the entry's list (or is the entry for any text)?"""
        topic = entry.wordlist.topic if entry.wordlist is not None else None
        if topic is None or entry.everywhere or self.everywhere:
            return True
        sections = cache.get(topic)
        if sections is None:
            sections = cache[topic] = self._topic_sections(analysis, topic)
        return analysis.section_of(block) in sections

    def _topic_sections(self, analysis: "Analysis", topic: Topic) -> set[int]:
        """The sections of a document about a topic: with enough of its words, or all of them in a document full of them."""
        pattern = self._pattern(list(topic.words))
        per_section: dict[int, int] = {}
        total = 0
        words = 0
        for bi, b in enumerate(analysis.blocks):
            low = b.text.lower()
            words += len(low.split())
            n = len(pattern.findall(low))
            if n:
                section = analysis.section_of(bi)
                per_section[section] = per_section.get(section, 0) + n
                total += n
        every = analysis.section_of(len(analysis.blocks) - 1) if analysis.blocks else 0
        if total >= TOPIC_DOCUMENT_HITS and total * TOPIC_WORDS_PER_HIT >= words:
            return set(range(every + 1))
        return {s for s, n in per_section.items() if n >= TOPIC_SECTION_HITS}

    def _context_fits(self, analysis: "Analysis", index: int, start: int, end: int) -> bool:
        """``when``: one of its words is near; ``unless``: none is.

        A phrase that holds the term itself ("foster care" in the `unless` of
        "foster", "operating system" in that of "operate") counts only where
        it is made of the match's own words: "devices operating a Windows
        operating system" still flags the first "operating".
        """
        entry = self.matcher.entries[index]  # type: ignore[union-attr]
        if not entry.when and not entry.unless:
            return True
        when_own, when_near, unless_own, unless_near = self.matcher.near_words(index)  # type: ignore[union-attr]
        # (each scope is searched once for each list of words: a sentence full of such terms
        # would otherwise be searched again for every one of them)
        if entry.when:
            near = bool(when_near) and analysis.scope_search(start, entry.within, self._pattern(when_near))
            if not near and not (when_own and self._around(analysis, when_own, start, end)):
                return False
        if unless_near and analysis.scope_search(start, entry.within, self._pattern(unless_near)):
            return False
        if unless_own and self._around(analysis, unless_own, start, end):
            return False
        return True

    def _around(self, analysis: "Analysis", words: list[str], start: int, end: int) -> bool:
        """Is one of these phrases made of the words at ``start:end`` (and the words beside them)?"""
        text = analysis.masked_lower
        reach = max(len(w) for w in words) + 8  # room for an ending: "foster carers"
        lo = max(0, start - reach)
        for m in self._pattern(words).finditer(text, lo, min(len(text), end + reach)):
            if m.start() < end and m.end() > start:
                return True
        return False

    def _name(self, analysis: "Analysis", entry: Entry, text: str, start: int, end: int) -> tuple[int, int] | None:
        """The name or title the match is part of, if any.  Only capitalised matches can be.

        The match must be only a part of the name: "Assistance" in "Cyber
        Assistance Team".  A list item that ends with a date is a title as a
        whole, in lower case too ("Seminar: commissioning to transform
        rehabilitation (17 June 2014) 18 June 2014"), and so is a heading
        followed by the kind and size of a file ("PDF, 726KB, 25 pages").  A capitalised term on its own ("a Personal Budget",
        "we believe in Co-Production") is still the term, unless "the" comes
        before it and it is a part of a longer name in the document: "the
        Toolkit" after "the Smoking Toolkit Study".  Acronyms are left to the
        acronym rule.
        """
        if entry.term.isupper():
            return None
        title = analysis.names.title(start, end)  # a dated list item, or the title of an attached file
        if title is not None or not any(c.isupper() for c in text):
            return title
        span = analysis.names.containing(start, end)
        if span is None or (span[0] >= start and span[1] <= end):
            if text[:1].isupper() and analysis.masked_lower[max(0, start - 4):start] == "the " \
                    and analysis.names.part_of_known(text.lower().split()):
                return (start, end)  # "the Toolkit", short for "the Smoking Toolkit Study" named before
            return None
        return span

    def _choose(self, analysis: "Analysis", candidates: list[int], tags: tuple[str, ...],
                start: int, end: int) -> tuple[int | None, str | None, str]:
        """The entry that fits the part of speech of the match, the part, and the Penn tag of the form.

        Tagging is only done when an entry names its part of speech, or the
        matched form could be two things ("wins": a verb or a plural noun).
        """
        entries = self.matcher.entries  # type: ignore[union-attr]
        needs_tags = any(entries[i].parts for i in candidates) or (
            len(tags) > 1 and any(self._tags_differ(i, tags) for i in candidates))
        tokens: list["Tagged"] = []
        inside: list["Tagged"] = []
        if needs_tags:
            sent = analysis.sentence_at(start)
            if sent is not None:
                tokens = analysis.tagged(sent)
                # the tokens that overlap the match, found by halving (a sentence may be long):
                # tokens do not overlap, so from the last one that starts before the match
                i = max(analysis.tagged_index(sent, start) - 1, 0)
                while i < len(tokens) and tokens[i].start < end:
                    t = tokens[i]
                    if t.end > start and any(c.isalnum() for c in t.text):
                        inside.append(t)
                    i += 1
        for i in candidates:
            entry = entries[i]
            if not entry.parts:
                return i, None, _form_tag(tags, inside, None)
            if not inside:
                continue  # no tags: a wrong finding costs more than a missed one
            for part in entry.parts:
                if _is_part(part, tokens, inside):
                    return i, part, _form_tag(tags, inside, part)
        return None, None, ""

    def _tags_differ(self, index: int, tags: tuple[str, ...]) -> bool:
        """Would the plain words differ between the forms a match could be ("take": "took" or "taken")?"""
        inflected = self.matcher.inflected[index]  # type: ignore[union-attr]
        first = inflected.get(tags[0], {})
        return any(inflected.get(t, {}) != first for t in tags[1:])

    # -- the finding ------------------------------------------------------------------------

    def _finding(self, analysis: "Analysis", index: int, part: str | None, tag: str, text: str,
                 start: int, end: int) -> Finding:
        entry = self.matcher.entries[index]  # type: ignore[union-attr]
        origin = self.matcher.origins[index]  # type: ignore[union-attr]
        # "a" or "an" just before the words: if a plain word needs the other one, the finding
        # takes in the article and each suggestion brings its own ("an initial" -> "a first").
        article = ARTICLE_BEFORE.search(analysis.source, max(0, start - 6), start)
        # A plain phrase may bring its own article ("a talk about what help you need"): then the
        # word before the term ("a", "the", "your") is part of what changes.
        own = any(_OWN_ARTICLE.match(a) for a in entry.alternatives(part))
        if own:
            article = DETERMINER_BEFORE.search(analysis.source, max(0, start - 8), start)
        written = article.group(1) + article.group(2) if article else ""
        # The same words come back again and again in a document: work out
        # their suggestions and message once.
        memo_key = (index, part, tag, text, written)
        memo = self._memo.get(memo_key)
        if memo is None:
            inflected = self.matcher.inflected[index].get(tag, {}) if tag else {}  # type: ignore[union-attr]
            alternatives = [inflected.get(alt, alt) for alt in entry.alternatives(part)]
            if entry.term.islower() or entry.term[:1].islower():
                suggestions = [match_case(text, alt) for alt in alternatives]
            else:  # an acronym or a name: the alternatives are written as they should be
                suggestions = list(alternatives)
            suggestions = list(dict.fromkeys(suggestions))
            shown = text
            if article and own:
                suggestions = [_after_determiner(article.group(1), article.group(2), s) for s in suggestions]
                shown = written + text
            elif article and any(indefinite_article(s) != article.group(1).lower() for s in suggestions):
                suggestions = [_with_article(article.group(1), s) + article.group(2) + s for s in suggestions]
                shown = written + text
            display = " ".join(shown.split())
            message = self.render(
                match=display,
                term=entry.term,
                use=quoted_list(suggestions),
                why=entry.why,
                credit=origin.get("credit", ""),
            )
            if len(self._memo) > 4096:
                self._memo.clear()
            memo = self._memo[memo_key] = (suggestions, message, shown is not text)
        suggestions, message, takes_article = memo
        suggestions = list(suggestions)
        if takes_article:
            assert article is not None
            start = article.start()
            text = analysis.source[start:end]
        edit = None
        if len(suggestions) == 1:
            safe = not takes_article and self._safe(analysis, entry, index, part, tag, start, end)
            edit = Edit(start, end, suggestions[0], safe=safe)
        if part and entry.use_as:
            origin = dict(origin, part=part)  # the plain words depend on it: "effect" for the noun "impact"
        return self.finding(
            analysis,
            start,
            end,
            match=text,
            message=message,
            suggestions=suggestions,
            edit=edit,
            origin=origin,
        )

    def _safe(self, analysis: "Analysis", entry: Entry, index: int, part: str | None, tag: str,
              start: int, end: int) -> bool:
        """May ``speakeasy fix`` put the plain word in by itself?  Else a person decides, in ``speakeasy review``.

        Only when all of these hold:

        * the entry says so (``fix: safe``), and has one plain word for this use;
        * if the entry names a part of speech, the tagger said the match is one;
        * the plain word takes the form of the word it replaces ("utilised" -> "used"),
          and that form fits where it is (not "must utilised", a slip in the text);
        * the match is not in a heading (often a title) or in the text of a link;
        * "a" or "an" before it still fits (else the finding takes in the
          article, "an initial" -> "a first", and a person checks it).

        Names, titles and quotations are never flagged at all (see :meth:`check`).
        """
        if not entry.safe_fix or (entry.parts and part is None):
            return False
        if tag:
            inflected = self.matcher.inflected[index].get(tag, {})  # type: ignore[union-attr]
            if any(alt not in inflected for alt in entry.alternatives(part)):
                return False  # the plain word has no form to match this one
            if tag in ("VBD", "VBN", "VBZ") and _AFTER_MODAL.search(analysis.source, max(0, start - 12), start):
                return False  # "must utilised": the text is wrong already, and "must used" would keep it wrong
        return not (_in_heading(analysis, start) or _in_link(analysis, start, end))

    def _name_finding(self, analysis: "Analysis", name: tuple[int, int], text: str) -> Finding:
        """One suggestion a name: say what the name is the first time it is used."""
        whole = " ".join(analysis.masked[name[0]:name[1]].split())
        message = (f"'{whole}' is a name with jargon in it ('{' '.join(text.split())}'). "
                   "The first time you use it, say in plain words what it is or does.")
        return self.finding(analysis, name[0], name[1], match=analysis.source[name[0]:name[1]], message=message,
                            level=Level.SUGGESTION)


#: A word after which a verb takes its base form ("must use", "to use").
_AFTER_MODAL = re.compile(r"(?<![\w'’])(?:must|can|could|will|would|shall|should|may|might|to)\s+$", re.IGNORECASE)


#: A plain phrase that starts with its own article or "your": "a talk about ...", "your plan".
_OWN_ARTICLE = re.compile(r"(a|an|the|your|our|their|my)\s+", re.IGNORECASE)
_POSSESSIVE = frozenset({"your", "our", "their", "my", "his", "her", "its"})
#: Words a plain phrase can start with that never come after "the": "what is best for the person".
_NO_ARTICLE = frozenset("what how who whom whose when where why which whether someone somebody anyone anybody "
                        "everyone everybody".split())


#: A letter and a hyphen with a space after it, just before a match: the match ends a word broken at
#: its hyphen ("self- sufficient"), as text copied from a page with its lines wrapped often is.
_BROKEN_COMPOUND = re.compile(r"[^\W\d_][-\u2010\u2011][ \t]*\n?[ \t]*\Z")


def _after_determiner(written: str, space: str, phrase: str) -> str:
    """The words that replace "<written> <term>" when the plain phrase may bring its own article.

    "a needs assessment" -> "a talk about what help you need" (the phrase's
    own article); "the care plan" -> "the written plan of your care" ("the"
    stays); "our care plan" -> "our written plan of your care" and "our
    plan" (whose it is stays). A phrase with no article of its own gets the
    right "a" or "an", or keeps the word written before it.
    """
    low = written.lower()
    has = _OWN_ARTICLE.match(phrase)
    if has is None:
        if low in ("a", "an"):
            return _with_article(written, phrase) + space + phrase
        if low == "the" and phrase.split(" ", 1)[0].lower() in _NO_ARTICLE:
            return phrase[:1].upper() + phrase[1:] if written[:1].isupper() else phrase  # not "the what is best"
        return written + space + phrase
    own = has.group(1).lower()
    rest = phrase[has.end():]
    if low in _POSSESSIVE or low in ("this", "that", "these", "those"):
        return written + space + rest  # whose it is, or which one, is the writer's
    if own in _POSSESSIVE or low in ("a", "an"):
        out = phrase
    else:  # written "the"
        out = "the " + rest if own in ("a", "an") else phrase
    if written[:1].isupper():
        out = out[:1].upper() + out[1:]
    return out


def _with_article(written: str, phrase: str) -> str:
    """"a" or "an" for ``phrase``, in the capitals of the article it replaces ("An", "AN", "a")."""
    wanted = indefinite_article(phrase)
    if written.isupper() and len(written) > 1:
        return wanted.upper()
    return wanted.capitalize() if written[:1].isupper() else wanted


#: The address of a link that explains a word: a glossary, a list of words, a definition.
_GLOSSARY_URL = re.compile(r"glossar|jargon|definition|words?-we-use|plain-words|what-words-mean", re.IGNORECASE)
#: A Markdown link's end and address, after its text: "](glossary.md#reablement)".
_MD_LINK_TARGET = re.compile(r"\s*\]\(\s*<?([^)\s>]+)")


def _glossary_link(analysis: "Analysis", start: int, end: int) -> bool:
    """Is the term the text of a link to its explanation: a glossary, or a page or anchor named after it?

    "[reablement](glossary.md#reablement)", or a Word or web link whose
    address has "glossary" (or "jargon", "definition"...) in it, or ends in
    "#reablement".
    """
    source = analysis.source
    slug = re.sub(r"[^a-z0-9]+", "-", source[start:end].lower()).strip("-")

    def explains(url: str) -> bool:
        tail = url.rsplit("#", 1)[-1].rsplit("/", 1)[-1].lower()
        return bool(_GLOSSARY_URL.search(url)) or (bool(slug) and tail.split(".")[0] == slug)

    starts, links, apart = analysis.links()
    if apart:  # only the last link that starts at or before the match can hold it
        k = bisect.bisect_right(starts, start)
        links = links[k - 1:k]
    for feature in links:
        if feature.start <= start and feature.end >= end:
            url = str(feature.data.get("url") or feature.data.get("href") or "")
            if url and explains(url):
                return True
    if analysis.document.format != "markdown":
        return False
    opened = source.rfind("[", max(0, start - 4), start)
    if opened < 0 or source[opened + 1:start].strip():
        return False
    target = _MD_LINK_TARGET.match(source, end)
    return target is not None and explains(target.group(1))


def _in_heading(analysis: "Analysis", at: int) -> bool:
    block = analysis.block_index(at)
    return block is not None and analysis.document.blocks[block].kind is BlockKind.HEADING


#: Markdown link text: "[text](url)", "[text][ref]"; the text may not hold brackets.
_MD_LINK_OPEN = re.compile(r"\[[^\[\]\n]*$")
_MD_LINK_CLOSE = re.compile(r"^[^\[\]\n]*\](?:\(|\[)")


def _in_link(analysis: "Analysis", start: int, end: int) -> bool:
    """Is ``[start, end)`` in the text of a link (a Markdown link, or a link a reader recorded)?"""
    starts, links, apart = analysis.links()
    if apart:  # the links that start before the end of the match: only the last can reach it
        k = bisect.bisect_left(starts, end)
        links = links[k - 1:k] if k else []
    for feature in links:
        if feature.start < end and feature.end > start:
            return True
    if analysis.document.format != "markdown":
        return False
    source = analysis.source
    return (_MD_LINK_OPEN.search(source, max(0, start - 300), start) is not None
            and _MD_LINK_CLOSE.match(source[end:end + 300]) is not None)


def _is_part(part: str, tokens: list["Tagged"], inside: list["Tagged"]) -> bool:
    """Is the match used as ``part``?  A noun's head is its last word; a verb's, adjective's or adverb's, its first.

    A participle between a determiner (or adjective) and a noun describes the
    noun, so it counts as an adjective, not a verb: "the remaining
    challenges", "a committed team".
    """
    head = inside[-1] if part == "noun" else inside[0]
    attributive = _attributive(tokens, head)
    if part == "verb":
        return head.pos in PART_TAGS["verb"] and not attributive
    if part == "adjective":
        return head.pos in PART_TAGS["adjective"] or attributive
    if part == "noun" and head.pos in ("ADJ", "ADV"):  # the tagger reads a final "elderly" as an adverb
        return _adjective_as_noun(tokens, head)
    return head.pos in PART_TAGS[part]


def _adjective_as_noun(tokens: list["Tagged"], head: "Tagged") -> bool:
    """A describing word used as a noun after "the" ("help for the elderly"), not before one ("the elderly Kenyans")."""
    if not head.text.islower():
        return False  # "where the Objective is not met": a capital says it is the name of something
    i = tokens.index(head) if len(tokens) < 64 else _index_of(tokens, head)
    if i == 0 or tokens[i - 1].text.lower() != "the":
        return False
    return i + 1 >= len(tokens) or tokens[i + 1].pos not in ("NOUN", "PROPN", "ADJ", "NUM")


def _attributive(tokens: list["Tagged"], head: "Tagged") -> bool:
    """Is a -ing or -ed word describing the noun after it ("the remaining challenges")?

    It may be joined to a describing word that stands before the noun:
    "determined and highly capable attackers".
    """
    if head.tag not in ("VBG", "VBN") or head.pos not in ("VERB", "ADJ"):
        return False
    i = tokens.index(head) if len(tokens) < 64 else _index_of(tokens, head)
    j = i + 1
    if j < len(tokens) and tokens[j].text.lower() in ("and", "or"):
        j += 1
        while j < len(tokens) and tokens[j].pos == "ADV":
            j += 1
        if j >= len(tokens) or tokens[j].pos != "ADJ":
            return False
        while j < len(tokens) and tokens[j].pos == "ADJ":
            j += 1
    if j >= len(tokens) or tokens[j].pos not in ("NOUN", "PROPN"):
        return False
    return i == 0 or tokens[i - 1].pos in _BEFORE_ATTRIBUTIVE


def _index_of(tokens: list["Tagged"], token: "Tagged") -> int:
    """``tokens.index(token)``, found by halving: tokens are in order and do not overlap."""
    i = bisect.bisect_left(tokens, token.start, key=lambda t: t.start)
    while i < len(tokens) and tokens[i].start == token.start:
        if tokens[i] == token:
            return i
        i += 1
    return tokens.index(token)


def _form_tag(tags: tuple[str, ...], inside: list["Tagged"], part: str | None) -> str:
    """Which inflection the matched form is: "" (the base form), or one Penn tag.

    A form that can be two things ("wins": VBZ or NNS; "utilised": VBD or
    VBN) is settled by the part of speech the entry means, else by the tagger.
    """
    if not tags:
        return ""
    if len(tags) == 1:
        return tags[0]
    if part == "noun" and "NNS" in tags:
        return "NNS"
    verbs = [t for t in tags if t.startswith("V")]
    if part == "verb" and len(verbs) == 1:
        return verbs[0]
    if inside:
        tagged = inside[-1].tag if "NNS" in tags else inside[0].tag
        if tagged in tags:
            return tagged
        if tagged.startswith("NN") and "NNS" in tags:
            return "NNS"
        if tagged.startswith("VB") and verbs:
            return verbs[0]
    return "NNS" if "NNS" in tags and part != "verb" else tags[0]
