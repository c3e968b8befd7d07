"""The jargon buster (speakeasy.words.glossary): Markdown, HTML and Word.

Small wordlists are written to tmp_path and loaded the way speakeasy loads
any list, so the tests see exactly what ``speakeasy words glossary`` sees.
"""

from __future__ import annotations

import datetime
import io
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from markdown_it import MarkdownIt

from speakeasy.matching import normalise
from speakeasy.packs import Wordlist, builtin_wordlists_dir, load_wordlist
from speakeasy.words.glossary import default_filename, render

DAY = datetime.date(2026, 3, 14)

FORUM = """\
title: Changes Forum words
description: Words the Changes Forum has agreed to avoid.
licence: CC-BY-4.0
maintained_by: The Changes Forum
co_produced_by:
  - The Changes Forum
  - Carers Together
sources:
  - name: GOV.UK style guide
    url: https://www.gov.uk/guidance/style-guide/a-to-z
    licence: OGL-3.0
    attribution: Contains public sector information licensed under the Open Government Licence v3.0.
  - name: plainlanguage.gov
    licence: CC0-1.0
defaults:
  agreed_by: the Changes Forum
  agreed: 2026-03-14
  added_by: Sam Jones
  status: agreed
words:
  - term: signposting
    use:
      - telling you where to get help
      - giving you details of other services
    why: "Most people do not know what 'signposting' means."

  - term: commence
    use: start
    why: "'Commence' is a formal word."

  - term: Care package
    use: the help you get
    why: "'Care package' makes care sound like a parcel."
    added_by: Alex Smith

  - term: placement
    use: care home
    why: "'Placement' makes a person sound like an object."
    status: proposed

  - term: service user
    use: person
    why: People are not users of services.
    status: retired

  - term: 24/7 care
    use: care at any time of day or night
    why: Numbers and slashes are hard to read aloud.

  - term: ethos
    use: values
    why: "'Ethos' is a Greek word most people do not use."
    agreed_by: Carers Together
"""

COUNCIL = """\
title: Council words
licence: CC0-1.0
maintained_by: Anytown Council
defaults:
  agreed_by: Anytown Council
  agreed: 2025-01-10
words:
  - term: Ascertain
    use: find out
    why: "'Ascertain' is formal."

  - term: commence
    use: begin
    why: The council's own entry.

  - term: care-package
    use: support
    why: The council's own entry.

  - term: service user
    use: the person
    why: The council still lists it.
"""

TRICKY = """\
title: Tricky words
licence: CC0-1.0
words:
  - term: "<script>alert(1)</script> & co"
    use:
      - "plain <b>words</b> & more"
      - "- not a list"
    why: "Tags & *stars* _under_ [links](x) #hash `code` &amp; \\\\ | ~ 1. done"
    agreed_by: "The <Forum> & friends"
"""


def load(tmp_path: Path, name: str, text: str) -> Wordlist:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return load_wordlist(path)


@pytest.fixture
def forum(tmp_path: Path) -> Wordlist:
    return load(tmp_path, "forum", FORUM)


@pytest.fixture
def council(tmp_path: Path) -> Wordlist:
    return load(tmp_path, "council", COUNCIL)


@pytest.fixture
def tricky(tmp_path: Path) -> Wordlist:
    return load(tmp_path, "tricky", TRICKY)


# -- reading the outputs back ---------------------------------------------------------------------


def md_tokens(data: bytes) -> list:  # type: ignore[type-arg]
    return MarkdownIt("commonmark").parse(data.decode("utf-8"))


def inline_text(token) -> str:  # type: ignore[no-untyped-def]
    """What a reader sees of an inline token: its text, with the escapes undone."""
    return "".join(c.content for c in token.children if c.type in ("text", "code_inline"))


def md_headings(data: bytes) -> list[tuple[str, str]]:
    tokens = md_tokens(data)
    return [(t.tag, inline_text(tokens[i + 1])) for i, t in enumerate(tokens) if t.type == "heading_open"]


def md_text(data: bytes) -> list[str]:
    """Every paragraph, heading and list item as plain text."""
    return [inline_text(t) for t in md_tokens(data) if t.type == "inline"]


class Page(HTMLParser):
    """The tags and text of an HTML page, checking that every tag is closed in order."""

    VOID = {"meta", "br", "hr", "img", "link", "input"}
    BLOCKS = {"title", "h1", "h2", "h3", "p", "li", "dt", "dd"}

    def __init__(self, data: bytes) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.blocks: list[tuple[str, str]] = []  # (tag, text) in the order they end
        self.buffers: list[list[str]] = []
        self.feed(data.decode("utf-8"))
        self.close()
        assert self.open == [], f"tags left open: {self.open}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append(tag)
        if tag in self.BLOCKS:
            self.buffers.append([])

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes <{self.open[-1] if self.open else None}>"
        self.open.pop()
        if tag in self.BLOCKS:
            self.blocks.append((tag, "".join(self.buffers.pop())))

    def handle_data(self, data: str) -> None:
        for buffer in self.buffers:
            buffer.append(data)

    @property
    def texts(self) -> dict[str, list[str]]:
        """The text of each kind of block, in order: texts["h2"] is every h2."""
        out: dict[str, list[str]] = {}
        for tag, text in self.blocks:
            out.setdefault(tag, []).append(text)
        return out

    def all_text(self) -> str:
        return "\n".join(text for _, text in self.blocks)


def docx_document(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx_document(data).paragraphs]


def text_of(data: bytes, fmt: str) -> str:
    if fmt == "md":
        return "\n".join(md_text(data))
    if fmt == "html":
        return Page(data).all_text()
    return "\n".join(text for _, text in docx_paragraphs(data))


FORMATS = ["md", "html", "docx"]


# -- the interface --------------------------------------------------------------------------------


def test_unknown_format_is_an_error(forum: Wordlist) -> None:
    with pytest.raises(ValueError, match="Use md, html or docx"):
        render([forum], "pdf")
    with pytest.raises(ValueError):
        default_filename("txt")


def test_default_filenames() -> None:
    assert [default_filename(f) for f in FORMATS] == ["jargon-buster.md", "jargon-buster.html", "jargon-buster.docx"]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_text_formats_are_utf8(forum: Wordlist, fmt: str) -> None:
    render([forum], fmt, date=DAY).decode("utf-8")


def test_docx_is_a_word_file(forum: Wordlist) -> None:
    data = render([forum], "docx", date=DAY)
    assert data[:2] == b"PK"
    docx_document(data)


# -- which words, in which order ------------------------------------------------------------------


def test_order_and_letter_headings(forum: Wordlist) -> None:
    assert md_headings(render([forum], "md", date=DAY)) == [
        ("h1", "Jargon buster: Changes Forum words"),
        ("h2", "Numbers and symbols"),
        ("h3", "24/7 care"),
        ("h2", "C"),
        ("h3", "Care package"),
        ("h3", "commence"),
        ("h2", "E"),
        ("h3", "ethos"),
        ("h2", "S"),
        ("h3", "signposting"),
        ("h2", "Who made this list"),
        ("h3", "Changes Forum words"),
        ("h3", "Who agreed the words"),
        ("h3", "Who added the words"),
    ]


def test_the_same_order_in_html_and_word(forum: Wordlist) -> None:
    page = Page(render([forum], "html", date=DAY))
    assert page.texts["h1"] == ["Jargon buster: Changes Forum words"]
    assert page.texts["h2"] == ["Numbers and symbols", "C", "E", "S", "Who made this list"]
    assert page.texts["h3"][:5] == ["24/7 care", "Care package", "commence", "ethos", "signposting"]
    paragraphs = docx_paragraphs(render([forum], "docx", date=DAY))
    headings = [(style, text) for style, text in paragraphs if style in ("Title", "Heading 1", "Heading 2")]
    assert headings[:10] == [
        ("Title", "Jargon buster: Changes Forum words"),
        ("Heading 1", "Numbers and symbols"),
        ("Heading 2", "24/7 care"),
        ("Heading 1", "C"),
        ("Heading 2", "Care package"),
        ("Heading 2", "commence"),
        ("Heading 1", "E"),
        ("Heading 2", "ethos"),
        ("Heading 1", "S"),
        ("Heading 2", "signposting"),
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_retired_never_and_proposed_only_when_asked(forum: Wordlist, fmt: str) -> None:
    agreed = text_of(render([forum], fmt, date=DAY), fmt)
    assert "service user" not in agreed and "placement" not in agreed.lower()
    assert "proposed" not in agreed
    both = text_of(render([forum], fmt, date=DAY, include_proposed=True), fmt)
    assert "service user" not in both
    assert "placement (proposed, not yet agreed)" in both
    # No "Agreed by" next to a word that is not agreed: it names who suggested it.
    assert "Suggested by Sam Jones" in both
    assert "It has 6 words." in both
    assert "1 word has the label 'proposed, not yet agreed'. It is still waiting for a decision." in both


def test_proposed_label_is_in_the_heading(forum: Wordlist) -> None:
    headings = md_headings(render([forum], "md", date=DAY, include_proposed=True))
    assert ("h3", "placement (proposed, not yet agreed)") in headings
    page = Page(render([forum], "html", date=DAY, include_proposed=True))
    assert "placement (proposed, not yet agreed)" in page.texts["h3"]
    paragraphs = docx_paragraphs(render([forum], "docx", date=DAY, include_proposed=True))
    assert ("Heading 2", "placement (proposed, not yet agreed)") in paragraphs


def test_several_lists_merge_into_one_a_to_z(forum: Wordlist, council: Wordlist) -> None:
    data = render([forum, council], "md", date=DAY)
    headings = md_headings(data)
    assert headings[0] == ("h1", "Jargon buster")
    words = [text for tag, text in headings if tag == "h3"][:7]
    # 'commence' and 'care-package' are the forum's; 'service user' is retired by the forum,
    # so the council's entry is the one to show.
    assert words == ["24/7 care", "Ascertain", "Care package", "commence", "ethos", "service user", "signposting"]
    text = "\n".join(md_text(data))
    assert "Say instead: start" in text and "begin" not in text
    assert "Say instead: the help you get" in text and "Say instead: support" not in text
    assert "Say instead: the person" in text
    assert "Words from this list in this document: 5" in text
    assert "Words from this list in this document: 2" in text
    assert "Agreed by Anytown Council, January 2025" in text


def test_first_list_wins_the_other_way_round(forum: Wordlist, council: Wordlist) -> None:
    text = "\n".join(md_text(render([council, forum], "md", date=DAY)))
    assert "Say instead: begin" in text and "Say instead: start" not in text
    assert "Say instead: support" in text


# -- what each word shows -------------------------------------------------------------------------


def test_markdown_entry(forum: Wordlist) -> None:
    md = render([forum], "md", date=DAY).decode("utf-8")
    assert (
        "### commence\n\n"
        "**Say instead:** start\n\n"
        "**Why:** 'Commence' is a formal word.\n\n"
        "**Credit:** Agreed by the Changes Forum, March 2026\n"
    ) in md
    assert (
        "### signposting\n\n"
        "**Say instead:**\n\n"
        "- telling you where to get help\n"
        "- giving you details of other services\n\n"
        "**Why:**"
    ) in md
    assert "**Credit:** Agreed by Carers Together, March 2026" in md


def test_html_entry(forum: Wordlist) -> None:
    page = render([forum], "html", date=DAY).decode("utf-8")
    assert (
        "<h3>signposting</h3>\n<dl>\n"
        "<dt>Say instead</dt>\n"
        "<dd><ul><li>telling you where to get help</li><li>giving you details of other services</li></ul></dd>\n"
        "<dt>Why</dt>\n"
        "<dd>Most people do not know what &#x27;signposting&#x27; means.</dd>\n"
        "<dt>Credit</dt>\n"
        "<dd>Agreed by the Changes Forum, March 2026</dd>\n"
        "</dl>"
    ) in page
    assert "<dt>Say instead</dt>\n<dd>start</dd>" in page


def test_docx_entry(forum: Wordlist) -> None:
    document = docx_document(render([forum], "docx", date=DAY))
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == "signposting")
    entry = paragraphs[start : start + 6]
    assert [(p.style.name, p.text) for p in entry] == [
        ("Heading 2", "signposting"),
        ("Normal", "Say instead:"),
        ("List Bullet", "telling you where to get help"),
        ("List Bullet", "giving you details of other services"),
        ("Normal", "Why: Most people do not know what 'signposting' means."),
        ("Normal", "Credit: Agreed by the Changes Forum, March 2026"),
    ]
    why = entry[4].runs
    assert (why[0].text, why[0].bold) == ("Why:", True)
    assert not why[1].bold
    assert entry[1].runs[0].bold
    commence = next(i for i, p in enumerate(paragraphs) if p.text == "commence")
    assert paragraphs[commence + 1].text == "Say instead: start"
    assert paragraphs[commence + 1].runs[0].bold


# -- the introduction and the credits ------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_introduction(forum: Wordlist, fmt: str) -> None:
    text = text_of(render([forum], fmt, date=DAY), fmt)
    assert "This is a jargon buster." in text
    assert "It has 5 words. This version is from 14 March 2026." in text
    assert "The words are in A to Z order." in text
    assert ("Navigation Pane" in text) == (fmt == "docx")


def test_date_defaults_to_today(forum: Wordlist) -> None:
    today = datetime.date.today()
    text = "\n".join(md_text(render([forum], "md")))
    assert f"This version is from {today.day} {today:%B %Y}." in text


def test_title_can_be_given(forum: Wordlist) -> None:
    assert md_headings(render([forum], "md", date=DAY, title="Words to avoid"))[0] == ("h1", "Words to avoid")
    assert docx_document(render([forum], "docx", date=DAY, title="Words to avoid")).core_properties.title == (
        "Words to avoid"
    )


def test_one_word(tmp_path: Path) -> None:
    wordlist = load(tmp_path, "one", "title: One\nlicence: CC0-1.0\nwords:\n  - term: utilise\n    use: use\n    why: Formal.\n")
    text = "\n".join(md_text(render([wordlist], "md", date=DAY)))
    assert "It has 1 word." in text


def test_no_words() -> None:
    md = render([], "md", date=DAY)
    assert md_headings(md) == [("h1", "Jargon buster"), ("h2", "Who made this list")]
    assert "It has no words yet. This version is from 14 March 2026." in md_text(md)
    assert Page(render([], "html", date=DAY)).texts["h1"] == ["Jargon buster"]
    docx_document(render([], "docx", date=DAY))


@pytest.mark.parametrize("fmt", FORMATS)
def test_credits(forum: Wordlist, fmt: str) -> None:
    text = text_of(render([forum], fmt, date=DAY), fmt)
    credits = text[text.index("Who made this list\n") :]
    for line in (
        "Words the Changes Forum has agreed to avoid.",
        "Looked after by: The Changes Forum",
        "Made together with: The Changes Forum and Carers Together",
        "Licence: Creative Commons Attribution 4.0 (CC-BY-4.0)",
        "Words from this list in this document: 5",
        "GOV.UK style guide. Licence: Open Government Licence v3.0 (OGL-3.0). "
        "Contains public sector information licensed under the Open Government Licence v3.0. "
        "Web address: https://www.gov.uk/guidance/style-guide/a-to-z",
        "plainlanguage.gov. Licence: Creative Commons Zero 1.0, public domain (CC0-1.0).",
        "Who agreed the words\nthe Changes Forum: 4 words\nCarers Together: 1 word",
        "Who added the words\nSam Jones: 4 words\nAlex Smith: 1 word",
    ):
        assert line in credits, line


def test_ogl_source_without_attribution_still_gets_it(tmp_path: Path) -> None:
    wordlist = load(tmp_path, "ogl", FORUM.replace(
        "    attribution: Contains public sector information licensed under the Open Government Licence v3.0.\n", ""
    ))
    text = "\n".join(md_text(render([wordlist], "md", date=DAY)))
    assert "GOV.UK style guide. Licence: Open Government Licence v3.0 (OGL-3.0). Contains public sector" in text


# -- Markdown -------------------------------------------------------------------------------------


def test_markdown_is_clean_commonmark(forum: Wordlist, tricky: Wordlist) -> None:
    data = render([forum, tricky], "md", date=DAY, include_proposed=True)
    tokens = md_tokens(data)
    types = {t.type for t in tokens} | {c.type for t in tokens if t.children for c in t.children}
    assert not types & {"html_block", "html_inline", "code_block", "fence", "em_open", "image"}
    assert "<script>" not in data.decode("utf-8").replace("\\<script\\>", "")


def test_markdown_shows_special_characters_as_written(tricky: Wordlist) -> None:
    data = render([tricky], "md", date=DAY)
    entry = tricky.entries[0]
    assert ("h3", entry.term) in md_headings(data)
    text = md_text(data)
    assert f"Why: {entry.why}" in text
    assert entry.use == ["plain <b>words</b> & more", "- not a list"]
    assert all(alt in text for alt in entry.use)
    # Only the letter links are links, and nothing turns into emphasis or a nested list.
    html = MarkdownIt("commonmark").render(data.decode("utf-8"))
    assert "<em>" not in html and "<script>" not in html and "<b>" not in html
    assert re.findall(r'<a href="([^"]*)"', html) == ["#numbers-and-symbols", "#who-made-this-list"]
    assert html.count("<ul>") == 3  # the alternatives, the list's facts, who agreed


def test_markdown_letter_links(forum: Wordlist) -> None:
    text = render([forum], "md", date=DAY).decode("utf-8")
    assert "Go to: [Numbers and symbols](#numbers-and-symbols), [C](#c), [E](#e), [S](#s), " \
           "[Who made this list](#who-made-this-list)\n" in text


def test_markdown_ignores_large_print(forum: Wordlist) -> None:
    assert render([forum], "md", date=DAY, large_print=True) == render([forum], "md", date=DAY)


# -- HTML -----------------------------------------------------------------------------------------


def test_html_page_structure(forum: Wordlist) -> None:
    data = render([forum], "html", date=DAY)
    page = Page(data)
    text = data.decode("utf-8")
    assert text.startswith("<!DOCTYPE html>\n")
    tags = page.tags
    assert ("html", {"lang": "en-GB"}) in tags
    assert ("meta", {"charset": "utf-8"}) in tags
    assert any(t == "meta" and a.get("name") == "viewport" for t, a in tags)
    assert page.texts["title"] == ["Jargon buster: Changes Forum words"]
    # The skip link comes first and points at <main>.
    links = [a for t, a in tags if t == "a"]
    assert links[0] == {"class": "skip-link", "href": "#main"}
    assert ("main", {"id": "main", "tabindex": "-1"}) in tags
    assert [t for t, _ in tags].count("main") == 1
    assert [t for t, _ in tags].count("h1") == 1
    # Each letter heading is a link target, and the letter links point at them.
    ids = {a["id"] for t, a in tags if t == "h2"}
    assert ids == {"numbers-and-symbols", "c", "e", "s", "who-made-this-list"}
    targets = {a["href"][1:] for a in links}
    assert targets == ids | {"main", "letters"}
    assert page.texts["dt"][:3] == ["Say instead", "Why", "Credit"]


def test_html_escapes_everything(tricky: Wordlist) -> None:
    data = render([tricky], "html", date=DAY, title="<Words> & more")
    text = data.decode("utf-8")
    assert "<script>" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in text
    assert "<title>&lt;Words&gt; &amp; more</title>" in text
    page = Page(data)
    assert tricky.entries[0].term in page.texts["h3"]
    assert "plain <b>words</b> & more" in page.texts["li"]
    assert "Agreed by The <Forum> & friends" in page.texts["dd"]
    assert f"{tricky.entries[0].why}" in page.texts["dd"]


def test_html_is_self_contained(forum: Wordlist, tricky: Wordlist) -> None:
    text = render([forum, tricky], "html", date=DAY, large_print=True).decode("utf-8")
    assert not re.search(r"\bsrc\s*=", text)
    assert re.findall(r'\bhref="([^"]*)"', text) and all(h.startswith("#") for h in re.findall(r'\bhref="([^"]*)"', text))
    assert "@import" not in text and "url(" not in text
    for tag in ("<script", "<link", "<img", "<iframe", "<object"):
        assert tag not in text
    assert "animation" not in text and "transition" not in text
    # The source's web address is shown as text, not fetched or linked.
    assert "Web address: https://www.gov.uk/guidance/style-guide/a-to-z" in text


def css(data: bytes) -> str:
    return re.search(r"<style>(.*)</style>", data.decode("utf-8"), re.S).group(1)  # type: ignore[union-attr]


def test_html_styles(forum: Wordlist) -> None:
    style = css(render([forum], "html", date=DAY))
    assert "color: #0b0c0c; background: #ffffff" in style
    assert "font-family: system-ui," in style and "sans-serif" in style
    assert "max-width: 70ch" in style
    assert "line-height: 1.5" in style
    assert re.search(r"a:focus[^{]*\{[^}]*outline: 3px solid", style)
    assert "24px" not in style and "18pt" not in style
    assert "text-align: justify" not in style


def test_html_large_print(forum: Wordlist) -> None:
    style = css(render([forum], "html", date=DAY, large_print=True))
    root = re.search(r"^html \{([^}]*)\}", style, re.M).group(1)  # type: ignore[union-attr]
    assert "font-size: 24px;" in root and "font-size: max(24px, 150%);" in root
    assert "line-height: 1.5" in style
    printed = style[style.index("@media print") :]
    assert "html { font-size: 18pt; }" in printed


# -- Word -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("large_print", "body"), [(False, 12), (True, 18)])
def test_docx_fonts_and_sizes(forum: Wordlist, large_print: bool, body: float) -> None:
    document = docx_document(render([forum], "docx", date=DAY, large_print=large_print))
    styles = document.styles
    assert styles["Normal"].font.name == "Arial"
    sizes = {name: styles[name].font.size.pt for name in ("Normal", "Title", "Heading 1", "Heading 2")}
    assert sizes == {"Normal": body, "Title": body * 2, "Heading 1": body * 1.5, "Heading 2": body * 1.25}
    for name in ("Title", "Heading 1", "Heading 2"):
        assert styles[name].font.name == "Arial"
    assert styles["Normal"].paragraph_format.line_spacing == (1.5 if large_print else 1.15)
    # No theme font can win over Arial.
    fonts = list(styles.element.iter(qn("w:rFonts")))
    assert fonts and not any(k.lower().endswith("theme") for f in fonts for k in f.attrib)


def test_docx_is_left_aligned_and_has_no_tables(forum: Wordlist) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx_document(render([forum], "docx", date=DAY, include_proposed=True))
    assert document.tables == []
    assert document.styles["Normal"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT
    for paragraph in document.paragraphs:
        assert paragraph.alignment in (None, WD_ALIGN_PARAGRAPH.LEFT)
        assert paragraph.style.paragraph_format.alignment in (None, WD_ALIGN_PARAGRAPH.LEFT)


def test_docx_properties_and_language(forum: Wordlist) -> None:
    document = docx_document(render([forum], "docx", date=DAY))
    props = document.core_properties
    assert props.title == "Jargon buster: Changes Forum words"
    assert props.language == "en-GB"
    assert props.author == "The Changes Forum"
    assert "python-docx" not in props.comments
    assert props.created.date() == DAY
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"


@pytest.mark.parametrize("large_print", [False, True])
def test_docx_passes_speakeasys_own_accessibility_checks(forum: Wordlist, large_print: bool) -> None:
    from speakeasy.config import resolve
    from speakeasy.engine import lint_document
    from speakeasy.ruleset import build_ruleset
    from speakeasy.readers import read_bytes

    ruleset = build_ruleset(resolve({"packs": ["accessibility"]}, no_config=True))
    data = render([forum], "docx", date=DAY, large_print=large_print, include_proposed=True)
    result = lint_document(read_bytes("glossary.docx", data), ruleset)
    assert [(f.rule, f.location, f.message) for f in result.findings] == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_the_docx(forum: Wordlist, council: Wordlist, tmp_path: Path) -> None:
    source = tmp_path / "jargon-buster.docx"
    source.write_bytes(render([forum, council], "docx", date=DAY, large_print=True, include_proposed=True))
    profile = tmp_path / "lo-profile"  # its own profile, so it never waits for another LibreOffice
    done = subprocess.run(
        [shutil.which("soffice") or "soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=240,
    )
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "jargon-buster.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
    assert b"/Lang(en-GB)" in pdf.read_bytes()


# -- the document practises what it preaches -----------------------------------------------------


def test_own_words_are_plain(tmp_path: Path) -> None:
    """speakeasy finds nothing to change in the words the glossary adds around the list."""
    from speakeasy import check_text

    wordlist = load(tmp_path, "plain", (
        "title: Our words\ndescription: Words our group has agreed to avoid.\nlicence: CC-BY-4.0\n"
        "maintained_by: Our group\nco_produced_by: [Our group, Their group]\n"
        "sources:\n  - name: GOV.UK style guide\n    licence: OGL-3.0\n  - name: Our group\n    licence: CC0-1.0\n"
        "defaults:\n  agreed_by: Our group\n  agreed: 2026-03-14\n  added_by: Sam Jones\n"
        "words:\n  - term: xylophone\n    use: [music, song]\n    why: It is a long word.\n"
        "  - term: zither\n    use: harp\n    why: It is a rare word.\n    status: proposed\n"
        "  - term: yodel\n    use: sing\n    why: It is a rare word.\n    status: proposed\n"
    ))
    md = render([wordlist], "md", date=DAY, include_proposed=True).decode("utf-8")
    assert "2 words have the label 'proposed, not yet agreed'. They are still waiting for a decision." in md
    findings = [(f.line, f.rule, f.match) for f in check_text(md, path="jargon-buster.md").findings]
    assert findings == []


# -- the shipped lists ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> list[Wordlist]:
    folder = builtin_wordlists_dir()
    return [load_wordlist(folder / "plain-english.yaml"), load_wordlist(folder / "social-care.yaml")]


def shipped_terms(shipped: list[Wordlist]) -> list[str]:
    """Every agreed term as its heading shows it ("impact (as a verb)"), the first list's when both lists have it."""
    from speakeasy.words.values import as_words

    seen: dict[tuple[str, tuple[str, ...]], str] = {}
    for wordlist in shipped:
        for entry in wordlist.entries:
            if entry.status == "agreed":
                shown = f"{entry.term} ({as_words(entry.parts)})" if entry.parts else entry.term
                seen.setdefault((normalise(entry.term), entry.parts), shown)
    return list(seen.values())


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("large_print", [False, True])
def test_shipped_wordlists(shipped: list[Wordlist], fmt: str, large_print: bool) -> None:
    data = render(shipped, fmt, large_print=large_print, date=DAY)
    terms = shipped_terms(shipped)
    if fmt == "md":
        shown = [text for tag, text in md_headings(data) if tag == "h3"]
    elif fmt == "html":
        shown = Page(data).texts["h3"]
    else:
        shown = [text for style, text in docx_paragraphs(data) if style == "Heading 2"]
    words = shown[: len(terms)]
    assert sorted(words) == sorted(terms)
    assert words == sorted(words, key=str.casefold)
    assert f"It has {len(terms)} words." in text_of(data, fmt)
    credits = text_of(data, fmt)
    assert "Contains public sector information licensed under the Open Government Licence v3.0." in credits
    assert "plainlanguage.gov" in credits


# -- parts of speech ------------------------------------------------------------------------------

PARTS = """\
title: Meeting words
licence: CC0-1.0
defaults:
  agreed_by: the Changes Forum
  agreed: 2026-03-14
words:
  - term: table
    use: put forward
    why: "'Table' means opposite things in the UK and the US."
    as: verb

  - term: table
    use: chart
    why: A list is clearer.
    as: noun
    status: proposed

  - term: task
    use:
      noun: job
      verb: [ask, set]
    why: Plain words are clearer.

  - term: impact
    use:
      verb: affect
    why: A formal verb.
"""

OTHER = """\
title: Other words
licence: CC0-1.0
words:
  - term: Table
    use: lists
    why: The other list's entry for any part of speech.

  - term: task
    use: job
    why: The other list's entry.
    as: adjective
"""


@pytest.fixture
def parts(tmp_path: Path) -> Wordlist:
    return load(tmp_path, "parts", PARTS)


def test_part_of_speech_is_in_the_heading_in_words(parts: Wordlist) -> None:
    assert [text for tag, text in md_headings(render([parts], "md", date=DAY)) if tag == "h3"][:3] == [
        "impact (as a verb)", "table (as a verb)", "task (as a noun or a verb)"]
    headings = [text for tag, text in md_headings(render([parts], "md", date=DAY, include_proposed=True))
                if tag == "h3"]
    # one heading for each entry of a term, in the order noun, verb, adjective, adverb
    assert headings[:4] == ["impact (as a verb)", "table (as a noun, proposed, not yet agreed)",
                            "table (as a verb)", "task (as a noun or a verb)"]
    page = Page(render([parts], "html", date=DAY, include_proposed=True))
    assert page.texts["h3"][:4] == headings[:4]
    paragraphs = docx_paragraphs(render([parts], "docx", date=DAY, include_proposed=True))
    assert [t for style, t in paragraphs if style == "Heading 2"][:4] == headings[:4]
    assert "It has 4 words." in "\n".join(md_text(render([parts], "md", date=DAY, include_proposed=True)))


def test_plain_words_for_each_part_of_speech(parts: Wordlist) -> None:
    md = render([parts], "md", date=DAY).decode("utf-8")
    assert (
        "### task (as a noun or a verb)\n\n"
        "**Say instead:**\n\n"
        "- As a noun: job\n"
        "- As a verb: ask or set\n\n"
        "**Why:** Plain words are clearer.\n"
    ) in md
    # words for one part only: the heading says the part, so the words are listed as they are
    assert "### impact (as a verb)\n\n**Say instead:** affect\n\n" in md
    html = render([parts], "html", date=DAY).decode("utf-8")
    assert (
        "<h3>task (as a noun or a verb)</h3>\n<dl>\n"
        "<dt>Say instead</dt>\n"
        "<dd><ul><li>As a noun: job</li><li>As a verb: ask or set</li></ul></dd>\n"
        "<dt>Why</dt>\n"
    ) in html
    page = Page(render([parts], "html", date=DAY))  # every tag closed in order
    assert "As a verb: ask or set" in page.texts["li"]
    paragraphs = docx_paragraphs(render([parts], "docx", date=DAY))
    start = paragraphs.index(("Heading 2", "task (as a noun or a verb)"))
    assert paragraphs[start:start + 5] == [
        ("Heading 2", "task (as a noun or a verb)"),
        ("Normal", "Say instead:"),
        ("List Bullet", "As a noun: job"),
        ("List Bullet", "As a verb: ask or set"),
        ("Normal", "Why: Plain words are clearer."),
    ]


def test_merging_lists_keeps_one_entry_for_each_use_of_a_term(parts: Wordlist, tmp_path: Path) -> None:
    other = load(tmp_path, "other", OTHER)
    data = render([parts, other], "md", date=DAY)
    words = [text for tag, text in md_headings(data) if tag == "h3"][:5]
    # 'Table' (any part of speech) is 'table' as a verb in the first list too: the first list's is kept.
    # 'task' as an adjective is not in the first list, so it is shown too.
    assert words == ["impact (as a verb)", "table (as a verb)", "task (as a noun or a verb)", "task (as an adjective)",
                     "Meeting words"]
    text = "\n".join(md_text(data))
    assert "Say instead: lists" not in text and "The other list's entry for any part of speech." not in text
    assert "Words from this list in this document: 3" in text
    assert "Words from this list in this document: 1" in text


def test_part_of_speech_headings_are_plain(parts: Wordlist) -> None:
    """speakeasy finds nothing to change in the words the glossary adds for parts of speech."""
    from speakeasy import check_text

    md = render([parts], "md", date=DAY, include_proposed=True).decode("utf-8")
    own = "\n\n".join(line for line in md.splitlines() if "(as a" in line or line.startswith("- As a"))
    assert own
    own = re.sub(r"\b(table|task|impact)\b", "desk", own)
    findings = [(f.rule, f.match) for f in check_text(own, path="parts.md").findings]
    assert findings == []
