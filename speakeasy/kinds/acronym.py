"""``acronym``: an acronym used before it is spelled out (CQC, SEND, EHCP).

Spelled out
    An acronym counts as spelled out where it appears in brackets after the
    words ("Care Quality Commission (CQC)"), or is followed by the words in
    brackets ("CQC (Care Quality Commission)"), or is explained with "means"
    or a colon ("CQC: the Care Quality Commission").  It also counts as
    spelled out when the words it stands for come earlier in the document,
    with or without brackets: "Contact the Environment Agency ... the EA will
    reply", or a page headed "Department for Transport" that then says "DfT".
    The words match when their first letters spell the acronym, in order,
    with little words (of, for, and, the, &) skipped or counted (see
    :func:`speakeasy.kinds.spelled_out.spelled_out_before`).  Only the first use before it is
    spelled out is reported, once per acronym.

Known to everyone
    Acronyms everyone knows (NHS, UK, GP...) are on an allow-list that each
    organisation can extend (``allow`` in the rule, or ``keep`` in the
    configuration).

Not acronyms
    Some words in capitals are not acronyms, and are never reported:

    * codes with digits: postcodes (SW1A 2AA, NG1), CO2, ISO27017, RFC5936;
      the letters of a postcode typed with the letter O ("SW1H OET");
    * reference codes: letters joined to numbers by "/" or "-" (BIS/14/656,
      DFE-00129-2015), three or more short parts joined by "/", one of them a
      single letter (DVSA/NS/B/Sy),
      letters followed by a code number (DIN 66399, ISBN 9781409841647,
      NAA 15/28, but not a year: "DPA 2018" is still an acronym), and the
      code after "Ref:";
    * "PO Box", and "HM" (His or Her Majesty's: HM Treasury, HM Courts);
    * honours and degrees after a person's name (Jane Smith MBE, FRS, PhD);
    * a company's or a club's legal form by its name ("Total SA", "Acme
      Ltd", "Chelsea FC", "FC Barcelona");
    * a person's initials before a surname that the document also uses
      alone ("JMW Turner ... Turner"; see :mod:`speakeasy.kinds.initials`);
    * placeholders: DD/MM/YYYY, XYZ, "<ORGANISATION SHORTNAME>";
    * product names made of a word and capitals (OpenLDAP, WebSEAL);
    * words in capitals (see :func:`speakeasy.kinds.capitals.word_in_capitals`).

Words that are also acronyms
    IT, US, AIDS, NICE and SEND are real acronyms that are also English
    words.  Context decides:

    * a long word in capitals that is said as a word ("NOTE", "DENY",
      "AIDS") is read as a word;
    * a short everyday word in capitals ("DO", "OR", "GET", "IT", "US") is
      read as a word only next to other words in capitals ("DO NOT",
      "TOP SECRET", "HTTP GET"), joined to one by "/" ("AND/OR"), or on a
      line that is all in capitals ("DO", "DON'T").  In ordinary prose ("the
      IT team", "the US") it is read as an acronym;
    * acronyms in ``known`` (SEND, NICE) are always acronyms, never words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ..model import BlockKind, Finding
from ..schema import Field
from .base import Kind, register
from .capitals import ACRONYM, Lines, Tails, is_acronym, not_an_acronym, word_in_capitals
from .initials import are_initials
from .spelled_out import DEFINED_AFTER, IN_BRACKETS, FirstWords, spelled_out_before

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analysis


@register
class Acronym(Kind):
    name = "acronym"
    summary = "Flags acronyms used before they are spelled out."
    needs = frozenset({"sentences"})
    #: a wordlist that flags the same words already says what to write instead
    yields_to = frozenset({"substitution"})
    options = (
        Field("allow", "texts", "Acronyms everyone knows, which never need spelling out."),
        Field("known", "any-mapping", "What acronyms stand for, to suggest the words in full (`CQC: Care Quality Commission`)."),
    )
    default_message = "Spell out '{acronym}' the first time you use it{example}, or use plain words instead."
    placeholders = ("acronym", "match", "example", "expansion")

    def setup(self) -> None:
        allow = set(self.option("allow") or [])
        allow |= {k for k in self.rule.keep if is_acronym(k) or k[:2].isupper()}
        self.allow = {a.upper() for a in allow}
        self.known = {str(k).upper(): str(v) for k, v in (self.option("known") or {}).items()}

    def check(self, analysis: "Analysis") -> Iterator[Finding]:
        masked = analysis.masked
        first_use: dict[str, tuple[int, int, str]] = {}
        defined: set[str] = set()
        blocks = analysis.blocks
        lines = Lines(masked)
        tails = Tails(masked)
        shouting: dict[int, bool] = {}  # sentence start -> written in capitals?
        uses: dict[str, list[tuple[int, int]]] = {}
        for m in ACRONYM.finditer(masked):
            word = m.group(1)
            if not is_acronym(word):
                continue
            key = word.upper()
            if key in self.allow or key in defined:
                continue
            start, end = m.span(1)
            if not_an_acronym(masked, start, m.end(), tails):
                continue
            if key not in self.known and word_in_capitals(masked, start, end, lines):
                continue
            if self._shouting(analysis, start, shouting):
                continue
            uses.setdefault(key, []).append((start, m.end()))
            if DEFINED_AFTER.match(masked, m.end()) or IN_BRACKETS.search(masked, max(0, start - 3), start):
                defined.add(key)
                continue
            bi = analysis.block_index(start)
            if bi is not None and blocks[bi].kind is BlockKind.HEADING:
                # A heading may use an acronym the paragraph under it explains;
                # only report it if it is never explained.
                first_use.setdefault(key, (start, end, word))
                continue
            if key not in first_use or first_use[key][0] > start:
                first_use[key] = (start, end, word)
        first_words = FirstWords(masked)
        for key, (start, end, word) in sorted(first_use.items(), key=lambda kv: kv[1][0]):
            if key in defined and self._defined_before_body_use(analysis, key, start):
                continue
            if spelled_out_before(masked, word, start, first_words):
                continue
            if are_initials(masked, word, uses.get(key, ())):
                continue  # "JJ Abrams ... Abrams said": a person's initials
            expansion = self.known.get(key)
            example = f", like this: '{expansion} ({word})'" if expansion else ""
            yield self.finding(
                analysis,
                start,
                end,
                match=word,
                message=self.render(acronym=word, match=word, example=example, expansion=expansion or ""),
                suggestions=[f"{expansion} ({word})"] if expansion else [],
            )

    def _defined_before_body_use(self, analysis: "Analysis", key: str, heading_use: int) -> bool:
        """A heading used the acronym first, and the body spelled it out later: fine."""
        bi = analysis.block_index(heading_use)
        return bi is not None and analysis.blocks[bi].kind is BlockKind.HEADING

    def _shouting(self, analysis: "Analysis", offset: int, memo: dict[int, bool] | None = None) -> bool:
        """Text written in capitals ("PLEASE NOTE") is not full of acronyms.

        ``memo`` keeps the answer for each sentence: a sentence full of
        acronyms is counted once, not once for each of them.
        """
        sent = analysis.sentence_at(offset)
        if sent is None or sent.word_count < 3:
            return False
        if memo is not None and sent.start in memo:
            return memo[sent.start]
        upper = sum(1 for w in sent.texts if w.isupper())
        got = upper / sent.word_count > 0.6
        if memo is not None:
            memo[sent.start] = got
        return got
