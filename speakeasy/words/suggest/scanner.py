"""Reading documents for ``words suggest``: every candidate word, acronym and phrase counted, one document
after another, leaving out what a wordlist or the keep list covers."""

from __future__ import annotations

import bisect
import re

from ...kinds.capitals import ROMAN, is_word_in_capitals
from ...kinds.spelled_out import DEFINED_AFTER, IN_BRACKETS
from ...lexicon import stop_words
from ...model import BlockKind, Document
from .tally import LOWER, MIDCAP, NEUTRAL, State, Tally
from .text import DIGIT_OR_UNDERSCORE, POSSESSIVE, STARTERS, Token, acronym_core, words_of
from .thresholds import CONNECTORS, MAX_PHRASE_WORDS, VERBS_NOT_NOUNS


class Scanner:
    """Counts candidate words, acronyms and phrases in one document after another."""

    def __init__(self, covered: re.Pattern[str], allow: set[str], known: set[str], keep: set[str]) -> None:
        self.covered = covered
        self.allow = allow
        self.known = known
        self.keep = keep
        self.stop = stop_words()
        self.state = State()

    def add(self, doc: Document) -> None:
        from ...analysis import Analysis
        from ...matching import normalise

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
            tokens = words_of(blanked[sent.start : sent.end], sent.start)
            if not tokens:
                continue
            upper = sum(1 for t in tokens if t.text.isupper() and len(t.text) > 1)
            shouting = (len(tokens) >= 3 and upper / len(tokens) > 0.6) or (
                len(tokens) >= 2 and upper == len(tokens) and block.kind in (BlockKind.HEADING, BlockKind.TABLE_CELL)
            )
            s_start, s_end = sent.start, sent.end
            run: list[tuple[Token, str, str]] = []  # (token, key, surface) of phrase words

            for i, tok in enumerate(tokens):
                if not tok.joined:
                    self._flush(run, local_phrases, s_start, s_end)
                    run = []
                word = POSSESSIVE.sub("", tok.text)
                possessive = word != tok.text
                if len(word) < 2 or (not word.isalpha() and DIGIT_OR_UNDERSCORE.search(word)):
                    self._flush(run, local_phrases, s_start, s_end)
                    run = []
                    continue
                core = None if shouting else acronym_core(word)
                if core is not None:
                    key = core.upper()
                    if key in self.known or not (core.lower() in stop or is_word_in_capitals(core)):
                        self._flush(run, local_phrases, s_start, s_end)
                        run = []
                        if key in self.allow or key in self.keep:
                            continue
                        tally = acronyms.get(key)
                        if tally is None:
                            tally = acronyms[key] = Tally()
                        end = tok.start + len(core)
                        slot = tally.add(di, core)
                        if slot >= 0:
                            tally.set_ref(slot, (di, bisect.bisect_right(starts, tok.start), s_start, s_end,
                                                 tok.start, tok.end))
                        if DEFINED_AFTER.match(masked, tok.end) or IN_BRACKETS.search(
                            masked, max(0, tok.start - 3), tok.start
                        ) or DEFINED_AFTER.match(masked, end):
                            tally.spelled_out.add(di)
                        continue
                low = word.lower()
                if word.isupper():
                    case = NEUTRAL  # emphasis or shouting, not a name
                elif word[0].isupper():
                    starts_part = i == 0 or blanked[tokens[i - 1].end : tok.start].rstrip()[-1:] in STARTERS
                    case = NEUTRAL if starts_part or heading or shouting else MIDCAP
                elif word[1:] != word[1:].lower():
                    case = MIDCAP  # "iPhone", "eBay": a name
                else:
                    case = LOWER
                key = normalise(low)
                if low in stop or (len(low) <= 5 and ROMAN.match(word.upper())):
                    if low in CONNECTORS and case != MIDCAP:
                        run.append((tok, low, low))
                    else:
                        self._flush(run, local_phrases, s_start, s_end)
                        run = []
                    continue
                tally = words.get(key)
                if tally is None:
                    tally = words[key] = Tally()
                slot = tally.add(di, low)
                if slot >= 0:
                    tally.set_ref(slot, (di, bisect.bisect_right(starts, tok.start), s_start, s_end, tok.start, tok.end))
                tally.cases[case] += 1
                if case == MIDCAP or possessive or len(key) < 3 or low in VERBS_NOT_NOUNS:
                    self._flush(run, local_phrases, s_start, s_end)
                    run = []
                else:
                    run.append((tok, key, low))
            self._flush(run, local_phrases, s_start, s_end)

        phrases = state.phrases
        for key, uses in local_phrases.items():
            tally = phrases.get(key)
            if tally is None:
                tally = phrases[key] = Tally()
            for s_start, s_end, start, end, surface in uses:
                slot = tally.add(di, surface)
                if slot >= 0:
                    tally.set_ref(slot, (di, bisect.bisect_right(starts, start), s_start, s_end, start, end))

    def _flush(self, run: list[tuple[Token, str, str]], out: dict, s_start: int, s_end: int) -> None:
        if run:
            self._phrases(run, out, s_start, s_end)

    @staticmethod
    def _phrases(
        run: list[tuple[Token, str, str]],
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
