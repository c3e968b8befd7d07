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

import re
from typing import TYPE_CHECKING, Iterator, Sequence

from ..articles import ARTICLE_BEFORE, DETERMINER_BEFORE, indefinite_article
from ..matching import flatten, match_case, may_match, normalise
from ..model import Edit, Finding, Level
from ..packdata import Entry, Topic
from ..schema import Field
from .base import Kind, register
from .entry_matcher import Matcher, matcher_for  # noqa: F401 - (Matcher and PART_TAGS are found here too, as before)
from .parts_of_speech import PART_TAGS, form_tag, is_part  # noqa: F401
from .placement import glossary_link, in_heading, in_link

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analysis, Tagged

#: After a term, these show the writer is explaining it: "reablement (help to ...)".
_EXPLAINED_AFTER = re.compile(
    r"""\s*(?:\(|,?\s*(?:which|that|this)\s+means\b|\s*means\b|\s*is\s+when\b|\s*[:–—]\s|\s+-\s)""",
    re.IGNORECASE,
)
_EXPLAINED_BEFORE = re.compile(r"""(?:called|known\s+as|named|term|word)\s*["'“‘]?\s*$""", re.IGNORECASE)


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
        self.matcher = matcher_for(tuple(entries)) if entries else None
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
                if self._explains(masked, start, end) or glossary_link(analysis, start, end):
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
            near = bool(when_near) and self._near(analysis, start, entry.within, when_near)
            if not near and not (when_own and self._around(analysis, when_own, start, end)):
                return False
        if unless_near and self._near(analysis, start, entry.within, unless_near):
            return False
        if unless_own and self._around(analysis, unless_own, start, end):
            return False
        return True

    def _near(self, analysis: "Analysis", start: int, within: str, words: list[str]) -> bool:
        """Is one of ``words`` in the scope of ``start``?  Their pattern is compiled only if a form of one
        of them is in it at all (compiling the patterns of every entry's words took a tenth of a second
        or more in each process: issue 18)."""
        if not analysis.scope_may_hold(start, within, self.matcher.flat_forms(words)):  # type: ignore[union-attr]
            return False
        return analysis.scope_search(start, within, self._pattern(words))

    def _around(self, analysis: "Analysis", words: list[str], start: int, end: int) -> bool:
        """Is one of these phrases made of the words at ``start:end`` (and the words beside them)?"""
        text = analysis.masked_lower
        reach = max(len(w) for w in words) + 8  # room for an ending: "foster carers"
        lo = max(0, start - reach)
        hi = min(len(text), end + reach)
        if not may_match(self.matcher.flat_forms(words), flatten(text[lo:hi])):  # type: ignore[union-attr]
            return False  # (none of them is here: their pattern need not be compiled)
        for m in self._pattern(words).finditer(text, lo, hi):
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
            # "the Toolkit", short for "the Smoking Toolkit Study" named before: the name is that one
            return analysis.names.short_form(start, end)
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
        tokens: Sequence["Tagged"] = []
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
                return i, None, form_tag(tags, inside, None)
            if not inside:
                continue  # no tags: a wrong finding costs more than a missed one
            for part in entry.parts:
                if is_part(part, tokens, inside):
                    return i, part, form_tag(tags, inside, part)
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
        return not (in_heading(analysis, start) or in_link(analysis, start, end))

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
