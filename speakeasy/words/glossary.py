"""Publish wordlists as an accessible "jargon buster": Markdown, HTML or Word.

``speakeasy words glossary`` turns one or more wordlists into a document that
forum members can read, print and share.  For each word it gives the term,
what to say instead, why, and who agreed it; at the end it says who made the
list and where the words came from, with the licences that ask for credit
(GOV.UK's Open Government Licence among them).

The content is worked out once, as a short list of format-neutral blocks
(headings, paragraphs, bullet lists, words), and each format only decides how
to write a block.  So the three formats always say the same thing.

Accessibility choices, for every format:

* real headings: the title, one heading per starting letter, one per word;
  a word that is jargon only as one part of speech says so in its heading,
  in words: "impact (as a verb)", so two entries for one term are told apart
  without anything else on the page;
* plain words for each part of speech are a list, each item starting with
  the part in words: "As a noun: effect", "As a verb: affect or change";
* "Say instead:", "Why:" and "Credit:" as words, never shown by colour alone,
  and proposed words labelled "(proposed, not yet agreed)" in their heading;
* no tables and no pictures;
* HTML: one self-contained page (no scripts, fonts or other files), a skip
  link, a list of letters to jump to, dark text on white, lines of about
  70 characters and a clear focus outline;
* Word: Arial, left aligned, 12 point (18 point for large print), with the
  language set to English (UK) so screen readers pronounce it right.
"""

from __future__ import annotations

import datetime as _dt
import html
import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator, Union

from ..matching import normalise
from ..packs import PARTS_OF_SPEECH, Entry, Source, Wordlist
from .values import as_words, clash

if TYPE_CHECKING:  # pragma: no cover
    from docx.document import Document as DocxDocument

#: The formats :func:`render` can write.
FORMATS = ("md", "html", "docx")

#: The label of a proposed word, next to its term.
PROPOSED_LABEL = "proposed, not yet agreed"

#: The heading for terms that do not start with a letter from A to Z.
OTHER_HEADING = "Numbers and symbols"

CREDITS_HEADING = "Who made this list"
CREDITS_ANCHOR = "who-made-this-list"

#: Plain names for the licence codes the shipped lists use.
LICENCE_NAMES = {
    "OGL-3.0": "Open Government Licence v3.0",
    "OGL-UK-3.0": "Open Government Licence v3.0",
    "CC0-1.0": "Creative Commons Zero 1.0, public domain",
    "CC-BY-4.0": "Creative Commons Attribution 4.0",
    "CC-BY-SA-4.0": "Creative Commons Attribution-ShareAlike 4.0",
    "MIT": "MIT licence",
}

#: The credit line the Open Government Licence asks for, used when a source
#: under it does not give its own.
OGL_ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0."


def default_filename(fmt: str) -> str:
    """The file name to save a glossary in ``fmt`` under: ``jargon-buster.html``."""
    _check_format(fmt)
    return f"jargon-buster.{fmt}"


def render(
    wordlists: list[Wordlist],
    fmt: str,
    *,
    large_print: bool = False,
    title: str | None = None,
    include_proposed: bool = False,
    date: _dt.date | None = None,
) -> bytes:
    """The jargon buster for ``wordlists`` as a file in ``fmt`` ("md", "html" or "docx").

    Only agreed words are shown, unless ``include_proposed`` (then proposed
    words are shown too, labelled).  Retired words never are.  Words from
    several lists are merged into one A to Z list; when two lists have the
    same term (for the same part of speech), the first list's entry is kept;
    a term with an entry for each part of speech is shown once for each.  ``large_print`` makes the
    HTML and Word text bigger (Markdown has no sizes).  ``date`` is the date
    shown as the day the document was made (today unless given).

    Raises :class:`ValueError` for an unknown format.
    """
    _check_format(fmt)
    glossary = build(wordlists, title=title, include_proposed=include_proposed, date=date)
    blocks = list(_blocks(glossary, fmt))
    if fmt == "md":
        return _markdown(blocks).encode("utf-8")
    if fmt == "html":
        return _html(glossary.title, blocks, large_print).encode("utf-8")
    return _docx(glossary, blocks, large_print)


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"A jargon buster cannot be written as '{fmt}'. Use md, html or docx.")


# ---------------------------------------------------------------------------
# What the document holds


@dataclass(frozen=True)
class Word:
    """One word as the glossary shows it."""

    entry: Entry
    #: Who agreed (or suggested) it, ready to show: "Agreed by the Changes Forum, March 2026".
    credit: str

    @property
    def proposed(self) -> bool:
        return self.entry.status == "proposed"

    @property
    def heading(self) -> str:
        """The term, with its part of speech when it has one and the proposed label when it is not agreed yet.

        "impact (as a verb)", "impact (as a verb, proposed, not yet agreed)".
        """
        labels = [as_words(self.entry.parts)] if self.entry.parts else []
        if self.proposed:
            labels.append(PROPOSED_LABEL)
        return f"{self.entry.term} ({', '.join(labels)})" if labels else self.entry.term

    def say_instead(self) -> list[str]:
        """The plain words, one item each; for each part of speech, one item each part: "As a verb: affect or change".

        A word whose plain words are all for one part of speech lists the words:
        its heading says the part already.
        """
        use_as = self.entry.use_as
        if len(use_as) > 1:
            return [f"{as_words([part]).capitalize()}: {_or(words)}" for part, words in use_as.items()]
        return list(self.entry.use)


@dataclass(frozen=True)
class Letter:
    """The words that start with one letter."""

    heading: str
    anchor: str
    words: tuple[Word, ...]


@dataclass(frozen=True)
class Glossary:
    """Everything a jargon buster shows, before it is written in a format."""

    title: str
    made: _dt.date
    letters: tuple[Letter, ...]
    wordlists: tuple[Wordlist, ...]
    #: How many of the shown words came from each list, in the order of ``wordlists``.
    words_per_list: tuple[int, ...]

    @property
    def words(self) -> list[Word]:
        return [word for letter in self.letters for word in letter.words]

    def agreed_by(self) -> list[tuple[str, int]]:
        """Each group that agreed shown words, with how many: most first."""
        return _tally(w.entry.agreed_by for w in self.words if not w.proposed)

    def added_by(self) -> list[tuple[str, int]]:
        """Each person or group that added shown words, with how many: most first."""
        return _tally(w.entry.added_by for w in self.words)


def build(
    wordlists: Iterable[Wordlist],
    *,
    title: str | None = None,
    include_proposed: bool = False,
    date: _dt.date | None = None,
) -> Glossary:
    """Pick, merge and sort the words of ``wordlists`` (see :func:`render`)."""
    lists = tuple({id(w): w for w in wordlists}.values())
    shown = ("agreed", "proposed") if include_proposed else ("agreed",)
    seen: dict[str, list[tuple[str, ...]]] = {}
    words: list[Word] = []
    per_list: list[int] = []
    for wordlist in lists:
        count = 0
        # Within one list an agreed entry beats a proposal for the same term.
        entries = sorted((e for e in wordlist.entries if e.status in shown), key=lambda e: e.status != "agreed")
        for entry in entries:
            # One entry for each use of a term: "impact" as a noun and as a verb are both shown.
            key = normalise(entry.term)
            if any(clash(parts, entry.parts) for parts in seen.get(key, [])):
                continue
            seen.setdefault(key, []).append(entry.parts)
            words.append(Word(entry, _credit(entry)))
            count += 1
        per_list.append(count)
    words.sort(key=_sort_key)
    letters: list[Letter] = []
    for word in words:
        heading = _letter(word.entry.term)
        if letters and letters[-1].heading == heading:
            letters[-1] = Letter(heading, letters[-1].anchor, letters[-1].words + (word,))
        else:
            letters.append(Letter(heading, _anchor(heading), (word,)))
    if title is None:
        title = f"Jargon buster: {lists[0].title}" if len(lists) == 1 else "Jargon buster"
    return Glossary(
        title=title,
        made=date or _dt.date.today(),
        letters=tuple(letters),
        wordlists=lists,
        words_per_list=tuple(per_list),
    )


def _credit(entry: Entry) -> str:
    """Who agreed the word, capitalised for display.

    A proposed entry may carry ``agreed_by`` from the list's defaults; saying
    "Agreed by" next to "not yet agreed" would mislead, so it names who
    suggested it instead.
    """
    if entry.status == "proposed":
        return f"Suggested by {entry.added_by}" if entry.added_by else ""
    text = entry.credit()
    return text[:1].upper() + text[1:]


def _fold(text: str) -> str:
    """Text for A to Z order: no accents, case ignored."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _letter(term: str) -> str:
    """The letter heading a term goes under: "A" to "Z", or :data:`OTHER_HEADING`."""
    first = _fold(term.strip())[:1].upper()
    return first if "A" <= first <= "Z" and first.isascii() else OTHER_HEADING


def _sort_key(word: Word) -> tuple[bool, str, str, tuple[int, ...]]:
    term = word.entry.term
    parts = tuple(PARTS_OF_SPEECH.index(p) for p in word.entry.parts if p in PARTS_OF_SPEECH)
    return (_letter(term) != OTHER_HEADING, _fold(term), term, parts)


def _anchor(heading: str) -> str:
    """The link target of a heading, as GitHub makes it: "Who made this list" -> "who-made-this-list"."""
    return re.sub(r"[^a-z0-9-]", "", heading.lower().replace(" ", "-"))


def _tally(names: Iterable[str | None]) -> list[tuple[str, int]]:
    counts = Counter(name for name in names if name)
    return sorted(counts.items(), key=lambda item: (-item[1], _fold(item[0])))


# ---------------------------------------------------------------------------
# The document as blocks, the same for every format


@dataclass(frozen=True)
class Heading:
    level: int  # 1 is the title, 2 a letter or a part, 3 a word or a list
    text: str
    anchor: str = ""


@dataclass(frozen=True)
class Para:
    """A paragraph: (text, bold) parts, shown with a space between them."""

    parts: tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Jump:
    """Links to the letters and the credits (not in Word, which has its Navigation Pane)."""

    links: tuple[tuple[str, str], ...]  # (text, anchor)


@dataclass(frozen=True)
class Back:
    """A link back to the list of letters, after each letter (HTML only)."""


Block = Union[Heading, Para, Bullets, Jump, Back, Word]


def _plain(text: str) -> Para:
    return Para(((text, False),))


def _lead(label: str, text: str) -> Para:
    return Para(((label, True), (text, False)))


def _blocks(glossary: Glossary, fmt: str) -> Iterator[Block]:
    yield Heading(1, glossary.title)
    yield from _introduction(glossary, fmt)
    if glossary.letters and fmt != "docx":
        links = tuple((letter.heading, letter.anchor) for letter in glossary.letters)
        yield Jump(links + ((CREDITS_HEADING, CREDITS_ANCHOR),))
    for letter in glossary.letters:
        yield Heading(2, letter.heading, letter.anchor)
        yield from letter.words
        yield Back()
    yield from _credits(glossary)


def _introduction(glossary: Glossary, fmt: str) -> Iterator[Para]:
    words = glossary.words
    yield _plain(
        "This is a jargon buster. It lists words that can make documents hard to understand. "
        "For each word, it tells you what to say instead, and why."
    )
    if not words:
        yield _plain(f"It has no words yet. This version is from {_day(glossary.made)}.")
        return
    if fmt == "docx":
        how = "Each letter is a heading, so you can use the Navigation Pane in Word to go straight to a letter."
    else:
        how = "Use the letters below to go straight to a letter."
    yield _plain(f"The words are in A to Z order. {how}")
    about = f"It has {_count(len(words), 'word')}. This version is from {_day(glossary.made)}."
    proposed = sum(w.proposed for w in words)
    if proposed:
        has, they = ("has", "It is") if proposed == 1 else ("have", "They are")
        about += (
            f" {_count(proposed, 'word')} {has} the label '{PROPOSED_LABEL}'. {they} still waiting for a decision."
        )
    yield _plain(about)
    yield _plain(f"At the end, '{CREDITS_HEADING}' says who wrote and agreed the words, and where they came from.")


def _credits(glossary: Glossary) -> Iterator[Block]:
    yield Heading(2, CREDITS_HEADING, CREDITS_ANCHOR)
    yield _plain(
        "If you copy or share this document, please keep this part with it. "
        "It says who to thank for the words, and the licences some sources ask us to show."
    )
    for wordlist, count in zip(glossary.wordlists, glossary.words_per_list):
        yield Heading(3, wordlist.title)
        if wordlist.description:
            yield _plain(wordlist.description)
        facts = []
        if wordlist.maintained_by:
            facts.append(f"Looked after by: {wordlist.maintained_by}")
        if wordlist.co_produced_by:
            facts.append(f"Made together with: {_and(wordlist.co_produced_by)}")
        facts.append(f"Licence: {_licence(wordlist.licence)}")
        facts.append(f"Words from this list in this document: {count}")
        yield Bullets(tuple(facts))
        if wordlist.sources:
            yield _plain("The words in this list came from:")
            yield Bullets(tuple(_source(source) for source in wordlist.sources))
    for heading, tally in (("Who agreed the words", glossary.agreed_by()), ("Who added the words", glossary.added_by())):
        if tally:
            yield Heading(3, heading)
            yield Bullets(tuple(f"{name}: {_count(n, 'word')}" for name, n in tally))


def _source(source: Source) -> str:
    """One source in a sentence or two: name, licence, credit line and address."""
    text = _sentence(source.name)
    if source.licence:
        text += f" Licence: {_licence(source.licence)}."
    attribution = source.attribution
    if not attribution and source.licence and "OGL" in source.licence.upper():
        attribution = OGL_ATTRIBUTION
    if attribution:
        text += " " + _sentence(attribution)
    if source.url:
        text += f" Web address: {source.url}"
    return text


def _licence(code: str) -> str:
    """A licence code in words: "OGL-3.0" -> "Open Government Licence v3.0 (OGL-3.0)"."""
    parts = re.split(r"\s+(AND|OR)\s+", code.strip())
    words = []
    for part in parts:
        if part in ("AND", "OR"):
            words.append(part.lower())
        elif part in LICENCE_NAMES:
            words.append(f"{LICENCE_NAMES[part]} ({part})")
        else:
            words.append(part)
    return " ".join(words)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _or(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _day(day: _dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _one_line(text: str) -> str:
    """Text on one line: line breaks in the YAML would break Markdown blocks."""
    return " ".join(text.split())


def _flat(blocks: list[Block]) -> Iterator[Block]:
    """The blocks with each word spelt out as a heading and paragraphs."""
    for block in blocks:
        if isinstance(block, Word):
            yield from _word_blocks(block)
        else:
            yield block


def _word_blocks(word: Word) -> Iterator[Block]:
    """A word as plain blocks, for the formats without a definition list."""
    entry = word.entry
    yield Heading(3, word.heading)
    items = word.say_instead()
    if len(items) == 1:
        yield _lead("Say instead:", items[0])
    else:
        yield Para((("Say instead:", True),))
        yield Bullets(tuple(items))
    yield _lead("Why:", entry.why)
    if word.credit:
        yield _lead("Credit:", word.credit)


# ---------------------------------------------------------------------------
# Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_MD_LIST_START = re.compile(r"^(\d+)([.)])|^([-+=])")


def _md(text: str) -> str:
    """Text that Markdown shows exactly as written: no emphasis, links, HTML, headings or lists."""
    text = _MD_SPECIAL.sub(r"\\\1", _one_line(text))
    text = _MD_ENTITY.sub(r"\\&", text)
    return _MD_LIST_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)


def _md_block(block: Block) -> str | None:
    """One block in Markdown, or None for blocks Markdown leaves out."""
    match block:
        case Heading(level, text):
            return f"{'#' * level} {_md(text)}"
        case Para(parts):
            return " ".join(f"**{_md(text)}**" if bold else _md(text) for text, bold in parts)
        case Bullets(items):
            return "\n".join(f"- {_md(item)}" for item in items)
        case Jump(links):
            return "Go to: " + ", ".join(f"[{_md(text)}](#{anchor})" for text, anchor in links)
    return None


def _markdown(blocks: list[Block]) -> str:
    parts = (_md_block(block) for block in _flat(blocks))
    return "\n\n".join(part for part in parts if part is not None) + "\n"


# ---------------------------------------------------------------------------
# HTML

_FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'

_CSS = """\
html { %(size)s }
body { margin: 0; padding: 1rem; color: #0b0c0c; background: #ffffff;
  font-family: %(fonts)s; line-height: 1.5; }
main { max-width: 70ch; margin: 0 auto; }
h1, h2, h3 { line-height: 1.25; margin: 1.5em 0 0.5em; }
h1 { font-size: 2rem; margin-top: 0.5em; }
h2 { font-size: 1.6rem; border-top: 2px solid #0b0c0c; padding-top: 0.5em; }
h3 { font-size: 1.25rem; }
a { color: #1d4f91; text-decoration: underline; text-underline-offset: 0.15em; }
a:visited { color: #4c2c92; }
a:focus, a:focus-visible { outline: 3px solid #0b0c0c; outline-offset: 0;
  background: #ffdd00; color: #0b0c0c; text-decoration: none; }
.skip-link { position: absolute; left: -9999px; }
.skip-link:focus { position: static; display: inline-block; padding: 0.5rem; }
.letters { list-style: none; padding: 0; margin: 0 0 1rem; display: flex; flex-wrap: wrap; gap: 0.5rem; }
.letters a { display: inline-block; min-width: 2.75rem; padding: 0.5rem; text-align: center; }
dl { margin: 0 0 1.5rem; }
dt { font-weight: bold; margin-top: 0.5rem; }
dd { margin: 0 0 0 1.5rem; }
dd ul { margin: 0; padding-left: 1.25rem; }
@media print {
  html { %(print_size)s }
  body { padding: 0; }
  main { max-width: none; }
  .skip-link, nav, .back { display: none; }
  a { color: #0b0c0c; }
  h2, h3 { break-after: avoid; }
  dl { break-inside: avoid; }
}
"""


def _css(large_print: bool) -> str:
    """The page's styles.  Large print: at least 24px (18pt) text, on screen and on paper."""
    if large_print:
        size, print_size = "font-size: 24px; font-size: max(24px, 150%);", "font-size: 18pt;"
    else:
        size, print_size = "font-size: 112.5%;", "font-size: 12pt;"
    return _CSS % {"size": size, "print_size": print_size, "fonts": _FONTS}


def _h(text: str) -> str:
    return html.escape(_one_line(text), quote=True)


def _html_word(word: Word) -> str:
    entry = word.entry
    items = word.say_instead()
    if len(items) == 1:
        use = _h(items[0])
    else:
        use = "<ul>" + "".join(f"<li>{_h(alt)}</li>" for alt in items) + "</ul>"
    rows = [("Say instead", use), ("Why", _h(entry.why))]
    if word.credit:
        rows.append(("Credit", _h(word.credit)))
    items = "\n".join(f"<dt>{label}</dt>\n<dd>{value}</dd>" for label, value in rows)
    return f"<h3>{_h(word.heading)}</h3>\n<dl>\n{items}\n</dl>"


def _html(title: str, blocks: list[Block], large_print: bool) -> str:
    body: list[str] = []
    for block in blocks:
        match block:
            case Word():
                body.append(_html_word(block))
            case Heading(level, text, anchor):
                ident = f' id="{_h(anchor)}"' if anchor else ""
                body.append(f"<h{level}{ident}>{_h(text)}</h{level}>")
            case Para(parts):
                body.append("<p>" + " ".join(f"<strong>{_h(t)}</strong>" if b else _h(t) for t, b in parts) + "</p>")
            case Bullets(items):
                body.append("<ul>\n" + "\n".join(f"<li>{_h(item)}</li>" for item in items) + "\n</ul>")
            case Jump(links):
                items = "\n".join(f'<li><a href="#{_h(anchor)}">{_h(text)}</a></li>' for text, anchor in links)
                body.append(
                    '<nav id="letters" aria-labelledby="letters-label">\n'
                    '<p id="letters-label">Go to:</p>\n'
                    f'<ul class="letters">\n{items}\n</ul>\n</nav>'
                )
            case Back():
                body.append('<p class="back"><a href="#letters">Back to the letters</a></p>')
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light">\n'
        f"<title>{_h(title)}</title>\n<style>\n{_css(large_print)}</style>\n</head>\n<body>\n"
        '<a class="skip-link" href="#main">Skip to main content</a>\n'
        '<main id="main" tabindex="-1">\n' + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )


# ---------------------------------------------------------------------------
# Word

FONT = "Arial"
#: Heading sizes as multiples of the body size.
HEADING_SCALE = {"Title": 2.0, "Heading 1": 1.5, "Heading 2": 1.25}


def _docx(glossary: Glossary, blocks: list[Block], large_print: bool) -> bytes:
    from docx import Document

    document = Document()
    _docx_styles(document, 18.0 if large_print else 12.0, large_print)
    props = document.core_properties
    makers = sorted({w.maintained_by for w in glossary.wordlists if w.maintained_by}, key=_fold)
    props.title = glossary.title
    props.language = "en-GB"
    props.subject = "Jargon buster"
    props.author = props.last_modified_by = ", ".join(makers) or "speakeasy"
    props.comments = "Made with speakeasy from its wordlists."
    props.keywords = "jargon buster; plain English"
    props.created = props.modified = _dt.datetime.combine(glossary.made, _dt.time())
    props.revision = 1
    styles = {1: "Title", 2: "Heading 1", 3: "Heading 2"}
    for block in _flat(blocks):
        match block:
            case Heading(level, text):
                document.add_paragraph(_one_line(text), style=styles[level])
            case Para(parts):
                paragraph = document.add_paragraph()
                for index, (text, bold) in enumerate(parts):
                    paragraph.add_run((" " if index else "") + _one_line(text)).bold = bold or None
            case Bullets(items):
                for item in items:
                    document.add_paragraph(_one_line(item), style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_styles(document: "DocxDocument", size: float, large_print: bool) -> None:
    """Arial everywhere, body ``size`` points, headings in proportion, black, left aligned, en-GB."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    styles = document.styles
    root = styles.element
    # Theme fonts would win over the font named below: take them out.
    for fonts in root.iter(qn("w:rFonts")):
        for key in [k for k in fonts.attrib if k.endswith("Theme") or k.endswith("theme")]:
            del fonts.attrib[key]
    r_pr = root.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = r_pr.find(qn("w:rFonts"))
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), FONT)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = r_pr.makeelement(qn("w:lang"), {})
        r_pr.append(lang)
    lang.set(qn("w:val"), "en-GB")

    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(size)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    normal.paragraph_format.line_spacing = 1.5 if large_print else 1.15
    for name, scale in HEADING_SCALE.items():
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size * scale)
        style.font.color.rgb = RGBColor(0x0B, 0x0C, 0x0C)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        style.paragraph_format.line_spacing = 1.15
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), "en-GB")
