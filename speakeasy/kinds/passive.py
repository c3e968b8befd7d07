"""``passive-voice``: "the form will be sent" instead of "we will send the form".

A passive is a form of "be" (or "get", as in "got paid"), up to two adverbs,
then a past participle: a regular -ed form, or one of the irregular ones
listed below.  Each passive is reported once ("is being reviewed" is one).

Some participles are often adjectives after "be": "she is interested", "the
office is closed", "we are committed to".  For those, speakeasy's tagger
(:mod:`speakeasy.tagger`) decides from the sentence whether the word is a verb
(passive: "the money will be used for transport") or an adjective (not
passive).  Only sentences with such a word are tagged.

"get" is a passive only with a participle that is a verb and does not
describe the noun after it: "he got paid" is one; "get started", "get
involved" and "get written consent" are not.

When the configuration names an installed trained spaCy pipeline, its
parser's passive auxiliary labels are used instead.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from ..lexicon import OFTEN_ADJECTIVES, is_participle
from ..matching import APOSTROPHE, compile_forms
from ..model import Finding
from ..schema import Field
from .base import Kind, register

if TYPE_CHECKING:  # pragma: no cover
    from ..analysis import Analysis

BE = frozenset("am is are was were be been being get gets got gotten getting isn't aren't wasn't weren't".split())
ADVERBS = frozenset(
    "not also never always often usually sometimes then now still already just only rarely normally "
    "generally currently being been regularly fully properly clearly automatically well further first "
    "either both all each very so too quite really even ever".split()
)
#: Between two participles that share one "be": "must be created and forwarded", "accessed, used and understood".
_AND = re.compile(r"[ \t]*(?:,[ \t]*(?:and|or)?|and|or|and/or)[ \t]+(?:then[ \t]+|also[ \t]+)?", re.IGNORECASE)

#: Participles that say what state something is in ("the office is closed"): a passive only with "by".
STATES = frozenset("closed finished done gone located situated married engaged dressed lost opened".split())

#: "get" with these is not a passive: "get started", "get involved", "get rid of".
GET_NOT_PASSIVE = frozenset(
    "started involved rid dressed lost married engaged used stuck tired bored going ready changed "
    "lost stuck acquainted accustomed organised organized sorted".split()
)
_GET = frozenset("get gets got gotten getting".split())
#: A passive turned round, at the start of a sentence: "Attached is the form", "Enclosed are the forms".
_INVERTED = re.compile(r"(?:attached|enclosed)[ \t]+(?:below[ \t]+|here[ \t]+)?(?:is|are)\b")


#: Forms of "be" and "get" in lower-case text (apostrophes straight or curly), and "be" joined to a
#: pronoun: "they're", "it's".
_BE = compile_forms(
    "am is are was were be been being get gets got gotten getting".split()
    + [w.replace("'", APOSTROPHE) for w in ("isn't", "aren't", "wasn't", "weren't", "they're", "we're",
                                            "you're", "it's", "that's", "he's", "she's", "i'm")]
)
_GAP = re.compile(r"[ \t]*\n?[ \t]*(?=\S)|[ \t]+")
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")


@register
class PassiveVoice(Kind):
    name = "passive-voice"
    summary = "Flags sentences in the passive voice, which hide who does what."
    needs = frozenset({"sentences"})
    options = (
        Field("allow", "texts", "Passive phrases that are fine, like `is required by law`."),
    )
    default_message = "'{match}' is passive. Say who does it: 'we will send the form', not 'the form will be sent'."
    placeholders = ("match",)

    def setup(self) -> None:
        self.allow = {" ".join(a.lower().split()) for a in self.option("allow") or []}

    def required_needs(self) -> frozenset[str]:
        return frozenset({"sentences", "pos"}) if self.rule.language_model else self.needs

    def check(self, analysis: "Analysis") -> Iterator[Finding]:
        if analysis.has_pos:
            yield from self._check_parsed(analysis)
            return
        masked = analysis.masked
        src = analysis.source
        word_at = _WORD.match
        reported = -1  # the end of the last passive: "is being reviewed" is one passive, not two
        low_text = analysis.masked_lower
        for sent in analysis.sentences:
            if low_text.startswith(("attached", "enclosed"), sent.start):
                inv = _INVERTED.match(low_text, sent.start)
                if inv is not None:
                    phrase = " ".join(src[inv.start():inv.end()].split())
                    if phrase.lower() not in self.allow:
                        yield self.finding(analysis, inv.start(), inv.end(), match=src[inv.start():inv.end()],
                                           message=self.render(match=phrase))
        for m in _BE.finditer(low_text):
            if m.start() < reported:
                continue
            pos = m.end()
            skipped = 0
            while True:
                gap = _GAP.match(masked, pos)
                if gap is None:
                    break
                w = word_at(masked, gap.end())
                if w is None:
                    break
                word = w.group(0)
                low = word.lower()
                if skipped < 2 and (low in ADVERBS or (low.endswith("ly") and len(low) > 4)):
                    skipped += 1
                    pos = w.end()
                    continue
                if is_participle(word) and self._passive(analysis, m.group(0), w.start(), w.end(), low):
                    start, end = m.start(), self._coordinated(analysis, w.end())
                    phrase = " ".join(src[start:end].split())
                    reported = end
                    if phrase.lower() not in self.allow:
                        yield self.finding(analysis, start, end, match=src[start:end],
                                           message=self.render(match=phrase))
                break

    def _coordinated(self, analysis: "Analysis", end: int) -> int:
        """Where a passive ends, with the participles that share its "be": "be created and forwarded"."""
        masked = analysis.masked
        while True:
            joint = _AND.match(masked, end)
            if joint is None:
                return end
            w = _WORD.match(masked, joint.end())
            if w is None or not is_participle(w.group(0)):
                return end
            end = w.end()

    def _passive(self, analysis: "Analysis", aux: str, start: int, end: int, low: str) -> bool:
        """Is the participle at ``start`` a verb in a passive?  Asks the tagger only when the form leaves doubt."""
        is_get = aux in _GET
        if is_get and low in GET_NOT_PASSIVE:
            return False
        masked = analysis.masked_lower
        after = masked[end:end + 12]
        if low in STATES and not is_get and " by " not in masked[end:end + 60]:
            return False  # "the office is closed on Sundays": a state, unless someone did it "by"
        if low == "made" and after.startswith(" up of"):
            return False  # "is made up of": consists of
        if low == "based" and after.lstrip().startswith(("in ", "at ", "near ", "permanently", "locally")):
            return False  # "is based in London": where, not what was done
        existential = masked[max(0, start - 40):start].rstrip().endswith(
            ("there is", "there are", "there was", "there were", "there be", "there will be"))
        if not is_get and not existential and low not in OFTEN_ADJECTIVES:
            return True
        sent = analysis.sentence_at(start)
        if sent is None:
            return False
        tokens = analysis.tagged(sent)
        # the token at ``start``, found by halving (tokens are in order and do not overlap)
        first = analysis.tagged_index(sent, start)
        for i in range(first, min(first + 1, len(tokens))):
            tok = tokens[i]
            if tok.start == start and tok.end == end:
                nxt = tokens[i + 1] if i + 1 < len(tokens) else None
                if (is_get or existential) and nxt is not None and nxt.pos in ("NOUN", "PROPN", "ADJ", "DET", "NUM"):
                    return False  # "get written consent", "there is automated data collection"
                if low in ("used", "supposed") and nxt is not None and nxt.text.lower() == "to":
                    after = tokens[i + 2] if i + 2 < len(tokens) else None
                    if low == "supposed" or after is None or after.pos != "VERB" or after.tag != "VB":
                        return False  # "is supposed to", "is used to the noise"
                return tok.pos == "VERB" and tok.tag in ("VBN", "VBD")
        return False  # the tagger split the words differently: leave it

    def _check_parsed(self, analysis: "Analysis") -> Iterator[Finding]:
        """With a trained pipeline: its parse (auxpass) if it has one, else its tags (VBN)."""
        for bi, block in enumerate(analysis.blocks):
            doc = analysis.spacy_doc(bi)
            parsed = doc.has_annotation("DEP") and any(t.head.i != t.i for t in doc)
            spans: list[tuple[int, int]] = []
            if parsed:
                for tok in doc:
                    if tok.dep_ in ("auxpass", "aux:pass"):
                        head = tok.head
                        spans.append(tuple(sorted((tok.idx, head.idx + len(head.text)))))  # type: ignore[arg-type]
            elif doc.has_annotation("TAG"):
                n = len(doc)
                for i, tok in enumerate(doc):
                    if tok.lower_ not in BE:
                        continue
                    j = i + 1
                    while j < n and j - i <= 2 and (doc[j].tag_.startswith("RB") or doc[j].lower_ in ADVERBS):
                        j += 1
                    if j < n and doc[j].tag_ == "VBN":
                        spans.append((tok.idx, doc[j].idx + len(doc[j].text)))
            for a, b in spans:
                start, end = block.start + a, block.start + b
                phrase = " ".join(analysis.source[start:end].split())
                if phrase.lower() in self.allow:
                    continue
                yield self.finding(analysis, start, end, match=analysis.source[start:end],
                                   message=self.render(match=phrase))
