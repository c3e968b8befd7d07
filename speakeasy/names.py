"""Names and titles in a document: organisations, teams, programmes, laws, documents.

A writer cannot change the words of a name: "Cyber Assistance Team",
"Clinical Commissioning Groups", "Shared Lives Plus", "Transforming Care" and
"Education, Health and Care Plan" are what those things are called.  So the
wordlist rules leave alone a term inside a name (see
:mod:`speakeasy.kinds.substitution`).

A name is a run of words that start with a capital letter, where the capitals
say something:

* two or more capitalised words in a row ("Shared Lives Plus"), which may be
  joined by small words ("Academy for Justice Commissioning", "Department of
  Health and Social Care") or by commas before a final "and" ("Air, Land and
  Water"), or
* one capitalised word inside a sentence ("contact the Commissioning team").

A capital at the start of a sentence, a heading, a list item or after a colon
alone does not make a name: "Assistive technology can help" is not one.

A list item that ends with a date ("Seminar: commissioning to transform
rehabilitation (17 June 2014) 18 June 2014") is the title of a publication
or an event, as a whole; so is a heading followed by the kind and size of a
file ("PDF, 726KB, 25 pages"), as GOV.UK shows an attached document.

Headings written in Title Case, and text in capitals, say nothing through
their capitals.  There, a run is a name only when the same words are a name
elsewhere in the document, when the run ends with a word that names a body
or a document ("Team", "Board", "Act", "Plan"...), or when its acronym
follows in brackets ("DomainKeys Identified Mail (DKIM)").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from .model import Block, BlockKind

#: A word: letters, digits and the punctuation inside them ("Shared", "St.", "O'Neill", "co-production").
_WORD = re.compile(r"[^\W_](?:[\w'’.&-]*[^\W_])?")

#: "the" and the space after it, just before a short form of a name ("the Toolkit").
_THE_BEFORE = re.compile(r"(?<![^\W_])the\s+\Z", re.IGNORECASE)

#: Small words that may join the capitalised words of a name.
CONNECTORS = frozenset("of and for the in on to at with by from upon under & de du la le von van".split())

#: Last words that make a capitalised run the name of a body, a scheme or a document, even in a Title Case heading.
NAME_HEADS = frozenset(
    """team teams group groups board boards council councils committee committees act acts bill regulations
    order orders agency agencies office department ministry commission trust trusts partnership partnerships
    network networks forum forums association society centre center unit units authority authorities service
    programme program scheme schemes fund foundation institute court tribunal charter code standard standards
    plan plus alliance consortium federation collaborative company ltd limited plc college university school
    hospital practice panel inspectorate executive directorate division register""".split()
)

#: Capitalised words that are never evidence of a name on their own ("I", the days and months are names anyway).
_NOT_NAMES = frozenset({"I"})

#: Small words that have a capital only because they start a sentence: "The" in "The Cyber Assistance
#: Team", "We" in "We UTILISE it".  They are never the first word of a name there.
STARTERS = frozenset(
    """the a an this that these those our your their my his her its we you they he she it i if in on at for to
    from by with as when where what which who how why all any each every some no not please there here and
    but or so then also after before during under over about many most more both can could will would
    should must may might do does did is are was were be have has had once while until unless although
    because since only just""".split()
)


#: The spans of a block without names, and its keys (shared by every such block; never changed).
_NO_SPANS: tuple[tuple[int, int], ...] = ()
_NO_KEYS: frozenset[tuple[str, ...]] = frozenset()


class Names:
    """The names in one document, found block by block when first asked about.

    Most matches of a wordlist are in lower case, and those never need names;
    so a block's names are worked out only when a capitalised match falls in
    it.  A Title Case heading needs the names of the rest of the document
    (see :func:`find_names`), which are then worked out once.
    """

    def __init__(self, blocks: Sequence[Block], sentence_starts: Sequence[int]) -> None:
        self.blocks = blocks
        self._block_starts = [b.start for b in blocks]
        self._sentence_starts = set(sentence_starts)
        self._per_block: dict[int, Sequence[tuple[int, int]]] = {}
        self._later: dict[int, list[tuple[int, int, str]]] = {}
        self._known: set[tuple[str, ...]] | None = None
        self._titles: dict[int, tuple[int, int] | None] = {}
        self._by_first: dict[str, list[tuple[str, ...]]] | None = None
        self._by_word: dict[str, list[tuple[int, int, tuple[str, ...]]]] | None = None
        self._ends: dict[int, list[int]] = {}
        self._found: dict[int, tuple[Sequence[tuple[int, int]] | None, AbstractSet[tuple[str, ...]]]] = {}

    def containing(self, start: int, end: int) -> tuple[int, int] | None:
        """The name that overlaps ``[start, end)``, if any."""
        bi = bisect.bisect_right(self._block_starts, start) - 1
        if bi < 0:
            return None
        spans = self._spans(bi)
        # The spans are merged, so sorted and apart, their ends in order too: the first that
        # ends after ``start`` is the only one that can overlap first (found by halving: a
        # block may hold thousands of names).
        ends = self._ends.get(bi)
        if ends is None:
            ends = self._ends[bi] = [e for _, e in spans]
        k = bisect.bisect_right(ends, start)
        if k < len(spans) and spans[k][0] < end:
            return spans[k]
        return None

    def title(self, start: int, end: int) -> tuple[int, int] | None:
        """The title of a publication or event that ``[start, end)`` is in, if any.

        A list item that ends with a date, or a heading followed by the kind
        and size of a file ("PDF, 726KB, 25 pages"): the title of an
        attached document, as GOV.UK publication pages show them.
        """
        bi = bisect.bisect_right(self._block_starts, start) - 1
        if bi < 0:
            return None
        if bi in self._titles:  # once a block: a block full of matches would be split into words for each
            span = self._titles[bi]
        else:
            span = self._titles[bi] = _dated_title(self.blocks[bi]) or _attachment_title(self.blocks, bi)
        return span if span is not None and span[0] <= start and end <= span[1] else None

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Every name in the document, sorted."""
        return _merge([span for bi in range(len(self.blocks)) for span in self._spans(bi)])

    def __len__(self) -> int:
        return len(self.spans)

    def _spans(self, bi: int) -> Sequence[tuple[int, int]]:
        got = self._per_block.get(bi)
        if got is None:
            found, _ = self._block_names(bi)
            if found is None:  # a Title Case heading: names seen elsewhere, and runs that end like a name
                found = _heading_names(self.blocks[bi], self.known(), self._known_by_first())
            got = self._per_block[bi] = _merge(found) or _NO_SPANS
        return got

    def _known_by_first(self) -> dict[str, list[tuple[str, ...]]]:
        """:meth:`known`, by first word."""
        if self._by_first is None:
            by_first: dict[str, list[tuple[str, ...]]] = {}
            for key in self.known():
                by_first.setdefault(key[0], []).append(key)
            self._by_first = by_first
        return self._by_first

    def known(self) -> set[tuple[str, ...]]:
        """The names of the document where capitals say something, as lower-case words."""
        if self._known is None:
            known: set[tuple[str, ...]] = set()
            for bi in range(len(self.blocks)):
                _, keys = self._block_names(bi)
                known |= keys
            self._known = known
        return self._known

    def short_form(self, start: int, end: int) -> tuple[int, int] | None:
        """The longer name that ``[start, end)``, written after "the", is the short form of, if any.

        "the Toolkit" after "the Smoking Toolkit Study": the capitalised words are a part of a
        name of more words that comes earlier in the document.  Returns that name's span.
        """
        bi = bisect.bisect_right(self._block_starts, start) - 1
        if bi < 0:
            return None
        block = self.blocks[bi]
        text = block.text[start - block.start:end - block.start]
        if not text[:1].isupper() or not _THE_BEFORE.search(block.text, 0, start - block.start):
            return None
        words = tuple(w.lower() for w in _WORD.findall(text))
        n = len(words)
        if not n:
            return None
        if self._by_word is None:
            by_word: dict[str, list[tuple[int, int, tuple[str, ...]]]] = {}
            for b, one in enumerate(self.blocks):
                for a, z in self._spans(b):
                    key = tuple(w.lower() for w in _WORD.findall(one.text[a - one.start:z - one.start]))
                    if len(key) > 1:
                        for w in set(key):
                            by_word.setdefault(w, []).append((a, z, key))
            self._by_word = by_word
        for a, z, key in self._by_word.get(words[0], ()):
            if z > start:
                break  # in document order: only a name that comes before counts
            if len(key) > n and any(key[i:i + n] == words for i in range(len(key) - n + 1)):
                return (a, z)
        return None

    def _block_names(self, bi: int) -> tuple[Sequence[tuple[int, int]] | None, AbstractSet[tuple[str, ...]]]:
        """:func:`_block_names` of block ``bi``, worked out once (both :meth:`known` and :meth:`_spans` ask)."""
        got = self._found.get(bi)
        if got is None:
            found, keys = _block_names(self.blocks[bi], self._sentence_starts)
            # Most blocks have no names: they share one empty tuple and one empty frozenset, as
            # a long document has tens of thousands of blocks.
            got = self._found[bi] = (_NO_SPANS if found == [] else found, keys or _NO_KEYS)
        return got


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and word not in _NOT_NAMES


def _content(words: list[tuple[int, int, str]]) -> list[str]:
    return [w for _, _, w in words if w.lower() not in CONNECTORS and any(c.isalpha() for c in w)]


def _title_case(words: list[tuple[int, int, str]]) -> bool:
    """Do the capitals in this block say nothing (Title Case or CAPITALS)?"""
    content = _content(words)
    if len(content) < 2:
        return False
    caps = sum(1 for w in content if w[:1].isupper())
    letters = [c for w in content for c in w if c.isalpha()]
    if letters and sum(1 for c in letters if c.isupper()) / len(letters) > 0.8:
        return True  # written in capitals
    return caps / len(content) >= 0.75


def _runs(words: list[tuple[int, int, str]], text: str) -> list[tuple[int, int]]:
    """Runs of capitalised words as (first word index, last word index), joined by connectors or list commas."""
    runs = []
    n = len(words)
    i = 0
    while i < n:
        if not _capitalised(words[i][2]):
            i += 1
            continue
        j = i
        k = i + 1
        while k < n:
            gap = text[words[k - 1][1]:words[k][0]]
            w = words[k][2]
            if gap.strip() not in ("", ",", "&"):
                break
            if "\n" in gap:
                break
            if _capitalised(w):
                if gap.strip() == "," and not _list_in_name(words, text, k):
                    break
                if gap.strip() == "," and _acronym(w):
                    break
                j = k
                k += 1
                continue
            if w.lower() in CONNECTORS and gap.strip() == "":
                # a connector joins only if a capitalised word follows (after more connectors)
                m = k
                while m < n and words[m][2].lower() in CONNECTORS and text[words[m - 1][1]:words[m][0]].strip() == "":
                    m += 1
                if (m < n and _capitalised(words[m][2]) and not _acronym(words[m][2])
                        and text[words[m - 1][1]:words[m][0]].strip() == ""):
                    k = m  # "Department for Work": but not "Gatekeeping by GPs"
                    continue
            break
        runs.append((i, j))
        i = j + 1
    return runs


def _acronym(word: str) -> bool:
    """"GPs", "NHS", "MoJ" (not "McDonald")."""
    upper = sum(1 for c in word if c.isupper())
    return upper >= 2 and sum(1 for c in word if c.islower()) <= upper


def _list_in_name(words: list[tuple[int, int, str]], text: str, k: int) -> bool:
    """After a comma: do capitalised words go on to an "and" and another capitalised word ("Air, Land and Water")?"""
    m = k
    n = len(words)
    while m + 1 < n:
        gap = text[words[m][1]:words[m + 1][0]].strip()
        if gap not in ("", ","):
            return False
        nxt = words[m + 1][2]
        if nxt.lower() in ("and", "&") and m + 2 < n and _capitalised(words[m + 2][2]):
            return True
        if not _capitalised(nxt):
            return False
        m += 1
    return False


def _key(words: list[tuple[int, int, str]]) -> tuple[str, ...]:
    return tuple(w.lower() for _, _, w in words)


def find_names(blocks: Sequence[Block], sentence_starts: Sequence[int]) -> Names:
    """The names in a document (see the module's description), found block by block when asked about.

    ``sentence_starts``: the offset where each sentence starts, sorted, so a
    capital at the start of a sentence is not taken for a name.
    """
    return Names(blocks, sentence_starts)


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text)]


#: A list item that ends with a date is the title of a publication or an event in a list of them:
#: "Seminar: commissioning to transform rehabilitation (17 June 2014) 18 June 2014".
_DATED = re.compile(
    r"\s(?:\d{1,2}\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december)"
    r"\s+\d{4}\s*$", re.IGNORECASE)


def _dated_title(block: Block) -> tuple[int, int] | None:
    """A list item or table cell that ends with a date: the span of the title before the date."""
    text = block.text
    if block.kind not in (BlockKind.LIST_ITEM, BlockKind.TABLE_CELL) or len(text.split()) < 5:
        return None
    dated = _DATED.search(text)
    if dated is None:
        return None
    lead = len(text) - len(text.lstrip())
    return (block.start + lead, block.start + dated.start())


#: The kind and size of an attached file, as GOV.UK shows them under its title: "PDF, 726KB, 25 pages",
#: "MS Word Document, 55.5KB", "HTML".
_ATTACHMENT = re.compile(
    r"^\s*(?:PDF|HTML|CSV|ODS|ODT|ODP|ZIP|XML|JSON|Plain text|MS Word Document|MS Excel Spreadsheet|"
    r"MS Powerpoint Presentation|Word|Excel)\b(?:,\s*[\d.,]+\s*[KMG]B\b(?:,\s*\d+\s+pages?)?)?\s*$",
    re.IGNORECASE)


def _attachment_title(blocks: Sequence[Block], bi: int) -> tuple[int, int] | None:
    """A heading followed by the kind and size of a file: the span of the heading, the title of that file."""
    block = blocks[bi]
    if block.kind is not BlockKind.HEADING or bi + 1 >= len(blocks):
        return None
    nxt = blocks[bi + 1].text
    if len(nxt) > 80 or not _ATTACHMENT.match(nxt) or not any(c.isdigit() for c in nxt) and nxt.strip().upper() != "HTML":
        return None
    text = block.text
    lead = len(text) - len(text.lstrip())
    return (block.start + lead, block.start + len(text.rstrip()))


def _block_names(block: Block, starts: set[int]) -> tuple[list[tuple[int, int]] | None, set[tuple[str, ...]]]:
    """A block's names, and their words as keys for Title Case headings elsewhere.

    The names are None for a Title Case heading (or long text in capitals):
    its capitals say nothing, so its names come from the rest of the document.
    A list item or table cell that ends with a date is a title as a whole.
    """
    text = block.text
    title = _dated_title(block)
    if title is not None:
        return [title], set()
    if not any(c.isupper() for c in text):
        return [], set()
    words = _words(text)
    found: list[tuple[int, int]] = []
    known: set[tuple[str, ...]] = set()
    if not words:
        return found, known
    sentence = block.kind in (BlockKind.PARAGRAPH, BlockKind.BLOCKQUOTE, BlockKind.FOOTNOTE) or \
        text.rstrip().endswith((".", "!", "?"))
    if _title_case(words) and not (sentence and len(words) > 3):
        if block.kind is BlockKind.HEADING or len(words) > 12:
            return None, known
        # A short block (a list item, a table cell) all in capitals: a name, or a list of them.
        for i, j in _runs(words, text):
            found.append((block.start + words[i][0], block.start + words[j][1]))
            known.add(_key(words[i:j + 1]))
        return found, known
    base = block.start
    for i, j in _runs(words, text):
        first_start = base + words[i][0]
        at_start = first_start in starts or i == 0 or _after_colon(text, words[i][0])
        if at_start and j > i and (words[i][2].lower() in STARTERS or not _capitalised(words[i + 1][2])
                                   or _acronym(words[i + 1][2])):
            # "The Cyber Assistance Team", "Write to the Department for Work", "Leverage AWS' tools":
            # the first word has its capital from the sentence, so the name starts at the next
            # capitalised word.
            i += 1
            while i < j and not _capitalised(words[i][2]):
                i += 1
            first_start = base + words[i][0]
            at_start = False
        capitals = sum(1 for _, _, w in words[i:j + 1] if _capitalised(w))
        evidence = capitals - (1 if at_start else 0)
        if evidence < 1:
            continue
        if capitals == 1 and words[i][2].isupper() and len(words[i][2]) > 1:
            continue  # an acronym on its own is the acronym rule's business
        found.append((first_start, base + words[j][1]))
        if capitals >= 2:
            known.add(_key(words[i:j + 1]))
    return found, known


def _heading_names(block: Block, known: set[tuple[str, ...]],
                   by_first: dict[str, list[tuple[str, ...]]] | None = None) -> list[tuple[int, int]]:
    """Names in a Title Case heading: names seen elsewhere, and runs that end like a name ("... Team").

    ``by_first``: the ``known`` names by their first word, so each word of
    the heading is tried only against the names that start with it (not
    every name at every word).
    """
    text = block.text
    words = _words(text)
    lowered = [w.lower() for _, _, w in words]
    found = []
    if by_first is None:
        by_first = {}
        for key in known:
            by_first.setdefault(key[0], []).append(key)
    for i, first in enumerate(lowered):
        for key in by_first.get(first, ()):
            n = len(key)
            if i + n <= len(words) and tuple(lowered[i:i + n]) == key:
                found.append((block.start + words[i][0], block.start + words[i + n - 1][1]))
    for i, j in _runs(words, text):
        if j > i and _BRACKETED_ACRONYM.match(text, words[j][1]):
            # spelled out before its acronym: "DomainKeys Identified Mail (DKIM)"
            found.append((block.start + words[i][0], block.start + words[j][1]))
            continue
        for end in range(j, i, -1):
            if words[end][2].lower() in NAME_HEADS:
                found.append((block.start + words[i][0], block.start + words[end][1]))
                break
    return found


#: An acronym in brackets: "(DKIM)", "(GPs)".
_BRACKETED_ACRONYM = re.compile(r"\s*\(\s*[A-Z][A-Za-z0-9&]*[A-Z][A-Za-z0-9]*s?\s*\)")


def _after_colon(text: str, at: int) -> bool:
    """Is the word at ``at`` the first after a colon, a dash or an opening bracket or quote (a fresh start)?"""
    i = at - 1  # the last character before ``at`` that is not a space (no copy of all the text before it)
    while i >= 0 and text[i].isspace():
        i -= 1
    return i >= 0 and text[i] in ":;–—-([\"'“‘•*"


def _merge(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
