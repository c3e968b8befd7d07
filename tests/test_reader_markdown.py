"""The Markdown reader: what is prose, what is masked, and exact positions."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speakeasy.model import BlockKind, Document
from speakeasy.readers import markdown, read_bytes
from speakeasy.testing import assert_reader_contract

K = BlockKind


# ---------------------------------------------------------------------------
# helpers


def parse(src: str) -> Document:
    doc = markdown.parse("doc.md", src)
    assert_reader_contract(doc, character_references=True)
    return doc


def blocks(src: str) -> list[tuple[BlockKind, str]]:
    """(kind, text with whitespace collapsed) for every block."""
    return [(b.kind, " ".join(b.text.split())) for b in parse(src).blocks]


def prose(src: str) -> str:
    """All the prose the reader sees, whitespace collapsed."""
    return " ".join(" ".join(b.text.split()) for b in parse(src).blocks)


def where(src: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the nth occurrence of needle, counted independently of speakeasy."""
    i = -1
    for _ in range(nth + 1):
        i = src.index(needle, i + 1)
    before = src[:i]
    return before.count("\n") + 1, i - (before.rfind("\n") + 1) + 1


def findings(result, rule: str | None = None) -> list[tuple[str, str, int, int, int, int]]:
    return [
        (f.rule, f.match, f.line, f.column, f.end_line, f.end_column)
        for f in result.findings
        if rule is None or f.rule == rule
    ]


WORDS = "plain-english.words"
JARGON = "social-care.jargon"


def commence_at(lint, src: str) -> list[tuple[int, int, int, int]]:
    """Where 'commence' was flagged: (line, column, end line, end column)."""
    return [(f.line, f.column, f.end_line, f.end_column) for f in lint(src).findings if f.rule == WORDS]


def expect(src: str, needle: str = "commence", nth: int = 0) -> tuple[int, int, int, int]:
    line, col = where(src, needle, nth)
    return (line, col, line, col + len(needle) - 1)


# ---------------------------------------------------------------------------
# blocks


def test_each_kind_of_block_is_its_own_block() -> None:
    src = (
        "# Title\n"
        "\n"
        "A paragraph.\n"
        "\n"
        "- an item\n"
        "- another item\n"
        "\n"
        "> a quote\n"
        "\n"
        "| Head | Other |\n"
        "|------|-------|\n"
        "| cell | more  |\n"
        "\n"
        "Text with a note.[^n]\n"
        "\n"
        "[^n]: The note.\n"
    )
    assert blocks(src) == [
        (K.HEADING, "Title"),
        (K.PARAGRAPH, "A paragraph."),
        (K.LIST_ITEM, "an item"),
        (K.LIST_ITEM, "another item"),
        (K.BLOCKQUOTE, "a quote"),
        (K.TABLE_CELL, "Head"),
        (K.TABLE_CELL, "Other"),
        (K.TABLE_CELL, "cell"),
        (K.TABLE_CELL, "more"),
        (K.PARAGRAPH, "Text with a note."),
        (K.FOOTNOTE, "The note."),
    ]


def test_heading_levels_and_sections() -> None:
    doc = parse("# One\n\nFirst.\n\n## Two\n\nSecond.\n\n### Three ###\n\nThird.\n")
    assert [(b.kind, b.heading_level, b.section) for b in doc.blocks] == [
        (K.HEADING, 1, None),
        (K.PARAGRAPH, 0, "One"),
        (K.HEADING, 2, "One"),
        (K.PARAGRAPH, 0, "Two"),
        (K.HEADING, 3, "Two"),
        (K.PARAGRAPH, 0, "Three"),
    ]


def test_heading_directly_followed_by_a_paragraph(lint) -> None:
    src = "## What we do\nWe commence the work.\n"
    assert blocks(src) == [(K.HEADING, "What we do"), (K.PARAGRAPH, "We commence the work.")]
    result = lint(src)
    # the heading is a sentence of its own, so the paragraph's sentence starts at "We"
    sentences = [src[s.start : s.end] for s in _sentences(src)]
    assert sentences == ["What we do", "We commence the work."]
    assert commence_at(lint, src) == [expect(src)]
    assert [f.location for f in result.findings if f.rule == WORDS] == ["under 'What we do', paragraph 1"]


def _sentences(src: str):
    from speakeasy.analysis import Analysis

    return Analysis(markdown.parse("doc.md", src)).sentences


def test_setext_headings() -> None:
    src = "Main title\n==========\n\nSub title\n---------\nBody text.\n"
    doc = parse(src)
    assert [(b.kind, b.heading_level, b.text) for b in doc.blocks] == [
        (K.HEADING, 1, "Main title"),
        (K.HEADING, 2, "Sub title"),
        (K.PARAGRAPH, 0, "Body text."),
    ]
    assert doc.blocks[2].section == "Sub title"


def test_atx_heading_with_closing_hashes_and_markup() -> None:
    src = "## The *care* `plan` [guide](http://x.org) ##\n"
    (b,) = parse(src).blocks
    assert b.kind is K.HEADING
    assert " ".join(b.text.split()) == "The care guide"
    assert src[b.start : b.start + 3] == "The"


# ---------------------------------------------------------------------------
# what is never linted


def test_code_is_masked(lint) -> None:
    src = (
        "Before `commence` inline and ``co`mmence`` double.\n"
        "\n"
        "```\n"
        "commence in a fence\n"
        "```\n"
        "\n"
        "~~~python\n"
        "commence()\n"
        "~~~\n"
        "\n"
        "    commence when indented\n"
        "\n"
        "After, we commence.\n"
    )
    assert prose(src) == "Before inline and double. After, we commence."
    assert commence_at(lint, src) == [expect(src, nth=4)]


def test_urls_are_masked(lint) -> None:
    src = (
        "See <https://example.org/commence> or <commence@example.org>.\n"
        "Also [the guide](https://example.org/commence \"Commence here\") and\n"
        "https://example.org/commence_(law). Write to commence@council.gov.uk or www.commence.org.\n"
        "We commence.\n"
    )
    text = prose(src)
    assert "example" not in text and "www" not in text and "council" not in text and "Commence here" not in text
    assert text == "See or . Also the guide and . Write to or . We commence."
    assert commence_at(lint, src) == [expect(src, nth=6)]


def test_bare_url_keeps_balanced_brackets_and_drops_the_full_stop() -> None:
    src = "Read https://en.wikipedia.org/wiki/Care_(law). Then (see http://x.org/a) again.\n"
    (b,) = parse(src).blocks
    assert " ".join(b.text.split()) == "Read . Then (see ) again."


def test_raw_html_is_masked() -> None:
    src = (
        "<div class=\"box\">\n"
        "commence inside an HTML block\n"
        "</div>\n"
        "\n"
        "Text with <span class=\"x\">words inside</span> a tag, <br/> a break\n"
        "and a <!-- hidden commence --> comment.\n"
    )
    assert blocks(src) == [
        (K.PARAGRAPH, "Text with words inside a tag, a break and a comment."),
    ]


def test_front_matter_is_masked(lint) -> None:
    src = "---\ntitle: We commence\nauthor: Care team\n---\n# Policy\n\nWe commence.\n"
    assert blocks(src) == [(K.HEADING, "Policy"), (K.PARAGRAPH, "We commence.")]
    assert commence_at(lint, src) == [(7, 4, 7, 11)]


def test_images_are_masked() -> None:
    src = (
        "An ![alt text commence](pic.png \"title\") image, ![ref image][pic], and\n"
        "![alt [nested] text](a.png 'after') after. [![badge](b.png)](http://x.org) linked.\n"
        "\n"
        "[pic]: /pic.png\n"
    )
    assert prose(src) == "An image, , and after. linked."


# ---------------------------------------------------------------------------
# tricky inline Markdown


def test_emphasis_inside_words_keeps_the_word_whole() -> None:
    src = "We un**commence**d it and in*word*emph, then **Note:** commence.\n"
    (b,) = parse(src).blocks
    # markers inside a word stay (a space would split the word in two)...
    assert "un**commence**d" in b.text and "in*word*emph" in b.text
    # ...markers at word edges are masked
    assert "Note:   commence." in b.text
    # so a reader's words are counted as the rendered text has them
    (sentence,) = _sentences(src)
    assert [src[s:e] for s, e in sentence.words] == [
        "We", "un**commence**d", "it", "and", "in*word*emph", "then", "Note", "commence",
    ]


def test_escapes() -> None:
    src = "Not \\*emphasis\\*, a \\\\ backslash, \\# hash and \\[brackets\\].\n"
    (b,) = parse(src).blocks
    # the backslashes are masked; the escaped characters are shown where they are
    assert b.text == "Not  *emphasis *, a  \\ backslash,  # hash and  [brackets ]."


def test_entities_show_the_character_they_stand_for(lint) -> None:
    src = "Tom &amp; Jerry &copy; &#65;&#x42; caf&eacute; &nbsp;we commence.\n"
    (b,) = parse(src).blocks
    i = src.index("&amp;")
    assert b.text[i : i + 5] == "&    "
    i = src.index("&copy;")
    assert b.text[i : i + 6] == "©     "
    i = src.index("&#65;")
    assert b.text[i] == "A" and b.text[i + 5] == "B"
    assert commence_at(lint, src) == [expect(src)]


def test_links_with_titles_nested_brackets_and_parens(lint) -> None:
    src = (
        'Read [the [v2] *guide*](http://x.org/a_(b) "Commence title") and\n'
        "[a \\] b](</my url> 'commence') then [x](u (commence)) to commence.\n"
    )
    (b,) = parse(src).blocks
    assert " ".join(b.text.split()) == "Read the [v2] guide and a ] b then x to commence."
    assert commence_at(lint, src) == [expect(src, nth=2)]


def test_reference_links(lint) -> None:
    src = (
        "A [full][ref], a [collapsed][] and a [shortcut] link, then commence.\n"
        "\n"
        '[ref]: http://example.org/commence "Commence"\n'
        "[collapsed]: /commence\n"
        "[shortcut]: <http://commence.org>\n"
    )
    # (the masked "[ref]" leaves spaces: "full ,")
    assert blocks(src) == [(K.PARAGRAPH, "A full , a collapsed and a shortcut link, then commence.")]
    assert commence_at(lint, src) == [expect(src)]


def test_link_fallback_to_shortcut_reference() -> None:
    # "(not a destination)" is not a link destination, so [ref] is a shortcut link and the rest is text
    src = "See [ref](not a destination) here.\n\n[ref]: /x\n"
    assert prose(src) == "See ref (not a destination) here."


def test_inline_html_and_comments() -> None:
    src = "Press <kbd>Ctrl</kbd> and <b>bold *em*</b><!-- note --> here.\n"
    assert prose(src) == "Press Ctrl and bold em here."


def test_strikethrough_and_hard_breaks() -> None:
    src = "~~old words~~ new words  \nnext line\\\nlast line\n"
    (b,) = parse(src).blocks
    assert b.text.split("\n") == ["old words   new words  ", "next line ", "last line"]


# ---------------------------------------------------------------------------
# containers


def test_nested_lists() -> None:
    src = "- one\n  - two\n    - three\n- four\n\n1. first\n2. second\n   1) inner\n"
    assert blocks(src) == [
        (K.LIST_ITEM, "one"),
        (K.LIST_ITEM, "two"),
        (K.LIST_ITEM, "three"),
        (K.LIST_ITEM, "four"),
        (K.LIST_ITEM, "first"),
        (K.LIST_ITEM, "second"),
        (K.LIST_ITEM, "inner"),
    ]


def test_list_item_that_starts_with_a_number() -> None:
    src = "1. 1 person\n2. 2\n"
    doc = parse(src)
    assert [(b.text, b.start) for b in doc.blocks] == [("1 person", 3), ("2", 15)]


def test_lazy_continuation_line(lint) -> None:
    src = "- We will help\nyou commence the plan.\n- Next item\n"
    assert blocks(src) == [(K.LIST_ITEM, "We will help you commence the plan."), (K.LIST_ITEM, "Next item")]
    assert commence_at(lint, src) == [(2, 5, 2, 12)]


def test_block_quote_containing_a_list(lint) -> None:
    src = "> We say:\n> - commence now\n> - and signpost\n>   people\n"
    assert blocks(src) == [
        (K.BLOCKQUOTE, "We say:"),
        (K.LIST_ITEM, "commence now"),
        (K.LIST_ITEM, "and signpost people"),
    ]
    result = lint(src)
    assert findings(result) == [
        (WORDS, "commence", 2, 5, 2, 12),
        (JARGON, "signpost", 3, 9, 3, 16),
    ]


def test_quote_inside_a_list_item_is_a_quote() -> None:
    src = "- item\n\n  > quoted in the item\n"
    assert blocks(src) == [(K.LIST_ITEM, "item"), (K.BLOCKQUOTE, "quoted in the item")]


def test_lazy_block_quote_line() -> None:
    src = "> first line\nlazy line\n\nAfter.\n"
    assert blocks(src) == [(K.BLOCKQUOTE, "first line lazy line"), (K.PARAGRAPH, "After.")]


# ---------------------------------------------------------------------------
# tables


def test_table_cells_inline_code_and_escaped_pipes(lint) -> None:
    src = (
        "| Service | Notes |\n"
        "|---------|-------|\n"
        "| `a\\|b` home | either \\| or commence |\n"
        "| daily | we signpost |\n"
    )
    doc = parse(src)
    assert [(b.kind, b.text, b.locator) for b in doc.blocks] == [
        (K.TABLE_CELL, "Service", {"table": 1, "row": 1, "column": 1}),
        (K.TABLE_CELL, "Notes", {"table": 1, "row": 1, "column": 2}),
        (K.TABLE_CELL, "home", {"table": 1, "row": 2, "column": 1}),
        (K.TABLE_CELL, "either  | or commence", {"table": 1, "row": 2, "column": 2}),
        (K.TABLE_CELL, "daily", {"table": 1, "row": 3, "column": 1}),
        (K.TABLE_CELL, "we signpost", {"table": 1, "row": 3, "column": 2}),
    ]
    result = lint(src)
    assert findings(result) == [
        (WORDS, "commence", *expect(src)),
        (JARGON, "signpost", *expect(src, "signpost")),
    ]
    assert [f.location for f in result.findings] == ["table 1, row 2, column 2", "table 1, row 3, column 2"]


def test_table_without_outer_pipes_and_empty_cells() -> None:
    src = "a | b\n--|--\ncommence | signpost\n | alone\nonly\n"
    doc = parse(src)
    assert [(b.text, b.locator["row"], b.locator["column"]) for b in doc.blocks] == [
        ("a", 1, 1),
        ("b", 1, 2),
        ("commence", 2, 1),
        ("signpost", 2, 2),
        ("alone", 3, 1),  # "| alone": the empty cell before the first pipe is dropped
        ("only", 4, 1),
    ]


def test_table_in_a_block_quote_and_in_a_list(lint) -> None:
    src = (
        "> | a | b |\n"
        "> |---|---|\n"
        "> | x | commence |\n"
        "\n"
        "- | 1. | c |\n"
        "  |----|---|\n"
        "  | y  | signpost |\n"
    )
    assert [b.text for b in parse(src).blocks] == ["a", "b", "x", "commence", "1.", "c", "y", "signpost"]
    assert findings(lint(src)) == [
        (WORDS, "commence", *expect(src)),
        (JARGON, "signpost", *expect(src, "signpost")),
    ]


def test_table_header_cell_that_looks_like_a_list_marker() -> None:
    # at the top level the table rule wins over the list rule: "1." is a cell
    src = "1. | Two\n---|---\n- x | y\n"
    assert [(b.kind, b.text) for b in parse(src).blocks] == [
        (K.TABLE_CELL, "1."),
        (K.TABLE_CELL, "Two"),
        (K.LIST_ITEM, "x | y"),  # a list marker ends the table
    ]


# ---------------------------------------------------------------------------
# footnotes


def test_footnotes(lint) -> None:
    src = (
        "# First\n"
        "\n"
        "Text with a note[^note] and more.\n"
        "\n"
        "[^note]: We commence the note.\n"
        "    It goes on here.\n"
        "\n"
        "    A second paragraph we signpost.\n"
        "\n"
        "# Second\n"
        "\n"
        "Later text.\n"
    )
    doc = parse(src)
    assert [(b.kind, " ".join(b.text.split()), b.section) for b in doc.blocks] == [
        (K.HEADING, "First", None),
        (K.PARAGRAPH, "Text with a note and more.", "First"),
        (K.FOOTNOTE, "We commence the note. It goes on here.", "First"),
        (K.FOOTNOTE, "A second paragraph we signpost.", "First"),
        (K.HEADING, "Second", "First"),
        (K.PARAGRAPH, "Later text.", "Second"),
    ]
    assert findings(lint(src)) == [
        (WORDS, "commence", *expect(src)),
        (JARGON, "signpost", *expect(src, "signpost")),
    ]


def test_footnote_label_is_not_prose() -> None:
    # the label "n" must not be taken for the first letter of "note"
    src = "Text[^n]\n\n[^n]: note\n"
    doc = parse(src)
    assert [(b.kind, b.text, b.start) for b in doc.blocks] == [
        (K.PARAGRAPH, "Text", 0),
        (K.FOOTNOTE, "note", src.index("note")),
    ]


def test_inline_footnote_text_is_read() -> None:
    src = "Text^[we commence] more.\n"
    assert "we commence" in parse(src).blocks[0].text


# ---------------------------------------------------------------------------
# positions: line endings, BOM, tabs, non-ASCII


MIXED = (
    "---\n"
    "title: x\n"
    "---\n"
    "# Heading commence\n"
    "Para with *em* and `code` then commence\n"
    "and signpost on the next line.\n"
    "\n"
    "- item commence\n"
    "lazy signpost\n"
    "\n"
    "> quote commence\n"
    "\n"
    "| a | b |\n"
    "|---|---|\n"
    "| commence | signpost |\n"
    "\n"
    "Note[^1].\n"
    "\n"
    "[^1]: We commence.\n"
)


def _positions(result) -> list[tuple[str, int, int, int, int]]:
    return [(f.rule, f.line, f.column, f.end_line, f.end_column) for f in result.findings]


def test_every_finding_is_at_the_right_place(lint) -> None:
    result = lint(MIXED)
    got = [(f.rule, f.match, f.line, f.column, f.end_line, f.end_column) for f in result.findings
           if f.rule in (WORDS, JARGON)]
    want = []
    # words in a quote block are someone else's, so they are not flagged
    (quoted,) = [i for i, before in enumerate(MIXED.split("commence")) if before.endswith("> quote ")]
    for n in range(MIXED.count("commence")):
        if n != quoted:
            want.append((WORDS, "commence", *expect(MIXED, "commence", n)))
    for n in range(MIXED.count("signpost")):
        want.append((JARGON, "signpost", *expect(MIXED, "signpost", n)))
    assert sorted(got, key=lambda x: (x[2], x[3])) == sorted(want, key=lambda x: (x[2], x[3]))


def test_windows_line_endings_give_the_same_positions(lint) -> None:
    crlf = MIXED.replace("\n", "\r\n")
    lf_result, crlf_result = lint(MIXED), lint(crlf)
    assert _positions(crlf_result) == _positions(lf_result)
    assert [f.match for f in crlf_result.findings if f.rule in (WORDS, JARGON)] == [
        f.match for f in lf_result.findings if f.rule in (WORDS, JARGON)
    ]
    assert [(b.kind, " ".join(b.text.split())) for b in parse(crlf).blocks] == [
        (b.kind, " ".join(b.text.split())) for b in parse(MIXED).blocks
    ]


def test_byte_order_mark_is_removed_and_positions_do_not_move(default_ruleset) -> None:
    from speakeasy.engine import lint_document

    plain = read_bytes("doc.md", MIXED.encode("utf-8"))
    bom = read_bytes("doc.md", b"\xef\xbb\xbf" + MIXED.replace("\n", "\r\n").encode("utf-8"))
    assert bom.source.startswith("---")
    assert_reader_contract(bom, character_references=True)
    assert _positions(lint_document(bom, default_ruleset)) == _positions(lint_document(plain, default_ruleset))


def test_tabs_count_as_one_column(lint) -> None:
    src = "\tcommence in indented code\n\nTab\there\tthen commence.\n\n-\ttabbed item to commence\n"
    assert commence_at(lint, src) == [expect(src, nth=1), expect(src, nth=2)]
    assert expect(src, nth=1) == (3, 15, 3, 22)
    assert [(b.kind, b.text) for b in parse(src).blocks] == [
        (K.PARAGRAPH, "Tab\there\tthen commence."),
        (K.LIST_ITEM, "tabbed item to commence"),
    ]


def test_columns_count_characters_not_bytes(lint) -> None:
    src = "Café ŵyr 😀 commence.\n| ŵ | 😀 |\n|---|---|\n| é | signpost |\n"
    result = lint(src)
    # "Café ŵyr 😀 " is 11 characters (and 17 bytes): "commence" starts in column 12
    assert findings(result) == [(WORDS, "commence", 1, 12, 1, 19), (JARGON, "signpost", 4, 7, 4, 14)]


def test_lone_carriage_return_is_not_a_line_break() -> None:
    src = "One\rtwo commence.\n"
    (b,) = parse(src).blocks
    assert b.text == "One two commence."


def test_empty_and_blank_documents() -> None:
    assert parse("").blocks == []
    assert parse("\n\n  \n").blocks == []
    assert parse("```\ncode only\n```\n").blocks == []


# ---------------------------------------------------------------------------
# directives are found by the reader


def test_directives_in_html_blocks_inline_html_and_cells() -> None:
    src = (
        "<!-- speakeasy-disable plain-english.words -- quoting -->\n"
        "\n"
        "Text <!-- speakeasy-enable plain-english.words --> here.\n"
        "\n"
        "| a | b |\n"
        "|---|---|\n"
        "| <!-- speakeasy-disable-next-line --> | x |\n"
        "| y | z |\n"
        "\n"
        "`<!-- speakeasy-disable -->` in code is not a directive.\n"
    )
    doc = parse(src)
    found = [(d.action, d.rules, src[d.start : d.end]) for d in doc.directives]
    assert found == [
        ("disable", ("plain-english.words",), "<!-- speakeasy-disable plain-english.words -- quoting -->"),
        ("enable", ("plain-english.words",), "<!-- speakeasy-enable plain-english.words -->"),
        ("disable-next-line", (), "<!-- speakeasy-disable-next-line -->"),
    ]
    nxt = doc.directives[2]
    assert src[nxt.applies_from : nxt.applies_to] == "| y | z |"
    assert doc.directive_problems == []


def test_directive_inside_a_block_quote_points_at_the_comment() -> None:
    src = "> Text <!-- speakeasy-disabel --> more\n"
    (problem,) = parse(src).directive_problems
    assert src[problem.start : problem.end] == "<!-- speakeasy-disabel -->"
    # a comment over two lines of a quote: the "> " is not part of the comment
    src = "> Text <!-- speakeasy-disable\n> plain-english.words --> more\n"
    doc = parse(src)
    assert doc.directive_problems == []
    ((action, rules, start, end),) = [(d.action, d.rules, d.start, d.end) for d in doc.directives]
    assert (action, rules) == ("disable", ("plain-english.words",))
    assert src[start:end] == "<!-- speakeasy-disable\n> plain-english.words -->"


# ---------------------------------------------------------------------------
# properties


WORD_FRAGMENTS = ["commence", "signpost", "care", "Café", "ŵyr", "😀", "x", "1", "A.", "e.g."]
INLINE_FRAGMENTS = WORD_FRAGMENTS + [
    "*em*", "**strong**", "_u_", "un*bold*ed", "`code`", "``a`b``", "\\*", "\\\\", "&amp;", "&copy;", "&#65;",
    "&bogus;", '[link](http://x.com "title")', "[a [b] c](u)", "[ref][r]", "[r]", "[r][]", "![img](i.png)",
    "![alt [x]](i.png 'after')", "<http://a.b>", "<me@x.org>", "http://bare.org/x_(y).", "me@mail.org",
    "<span>", "</span>", "<!-- c -->", "~~s~~", "[^1]", "^[inline]", "|", "\\|", "*", "_", "[", "]", "(", ")",
    "<", ">", "!", "#", "&", "\t", "  ", "www.x.org",
]


_line = st.lists(
    st.tuples(st.sampled_from(INLINE_FRAGMENTS), st.sampled_from([" ", "", " "])), min_size=1, max_size=6
).map(lambda parts: "".join(p + s for p, s in parts))


@st.composite
def _block(draw) -> str:
    kind = draw(st.sampled_from([
        "p", "h", "setext", "ul", "ol", "quote", "table", "fence", "indent", "footnote", "html", "ref", "nested",
        "quotelist", "lazy", "hr", "listtable",
    ]))
    lines = draw(st.lists(_line, min_size=1, max_size=3))
    if kind == "p":
        return "\n".join(lines)
    if kind == "h":
        return "#" * draw(st.integers(1, 6)) + " " + lines[0] + draw(st.sampled_from(["", " #", " ##"]))
    if kind == "setext":
        return "\n".join(lines) + "\n" + draw(st.sampled_from(["===", "---"]))
    if kind == "ul":
        return "\n".join(draw(st.sampled_from(["- ", "* ", "+ "])) + line for line in lines)
    if kind == "ol":
        return "\n".join(f"{i + 1}. " + line for i, line in enumerate(lines))
    if kind == "quote":
        return "\n".join("> " + line for line in lines)
    if kind in ("table", "listtable"):
        n = draw(st.integers(1, 3))
        rows = [
            "| " + " | ".join(draw(st.lists(_line, min_size=n, max_size=n))) + " |"
            for _ in range(draw(st.integers(1, 3)))
        ]
        table = [rows[0], "|" + "---|" * n] + rows[1:]
        if kind == "listtable":
            return "- " + "\n  ".join(table)
        return "\n".join(table)
    if kind == "fence":
        return "```\n" + "\n".join(lines) + "\n```"
    if kind == "indent":
        return "\n".join("    " + line for line in lines)
    if kind == "footnote":
        return "[^1]: " + "\n    ".join(lines)
    if kind == "html":
        return "<div>\n" + lines[0] + "\n</div>"
    if kind == "ref":
        return '[r]: http://ref.example "T"'
    if kind == "nested":
        return "- " + lines[0] + "\n  - " + "\n  - ".join(lines)
    if kind == "quotelist":
        return "> " + lines[0] + "\n> - " + "\n> - ".join(lines)
    if kind == "lazy":
        return "- " + "\n".join(lines)
    return "---"


@st.composite
def markdown_documents(draw) -> str:
    parts = draw(st.lists(_block(), min_size=1, max_size=5))
    seps = draw(st.lists(st.sampled_from(["\n\n", "\n"]), min_size=len(parts), max_size=len(parts)))
    src = "".join(b + s for b, s in zip(parts, seps))
    if draw(st.booleans()):
        src = "---\ntitle: x\n---\n" + src
    if draw(st.booleans()):
        src = src.replace("\n", "\r\n")
    return src


PROPERTY = settings(max_examples=200, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(markdown_documents())
def test_property_blocks_line_up_with_the_source(src: str) -> None:
    parse(src)


@PROPERTY
@given(st.text(alphabet="ab *_`[]()<>!&;#\\|-:\n\t é😀1.^~=+\"'/@", max_size=120))
def test_property_blocks_line_up_with_the_source_for_any_text(src: str) -> None:
    parse(src)


@PROPERTY
@given(markdown_documents())
def test_property_findings_match_the_source(default_ruleset, src: str) -> None:
    from speakeasy.engine import lint_text

    result = lint_text(src, default_ruleset, "doc.md", "markdown")
    doc = result.document
    for f in result.findings:
        assert f.match == src[f.start : f.end], f
        assert (f.line, f.column) == doc.position(f.start) == where_offset(src, f.start)
        if f.end > f.start:
            assert (f.end_line, f.end_column) == where_offset(src, f.end - 1)


def where_offset(src: str, offset: int) -> tuple[int, int]:
    before = src[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


@pytest.mark.parametrize("src", ["", "\n", "# \n", "[]()", "<>", "|\n|-|", "- \n- ", "> ", "***", "[^x]: ", "`"])
def test_degenerate_documents_do_not_crash(src: str) -> None:
    parse(src)
    parse(src.replace("\n", "\r\n"))


def test_enable_one_rule_after_disabling_all(lint) -> None:
    src = (
        "<!-- speakeasy-disable -->\n"
        "\n"
        "We commence and signpost.\n"
        "\n"
        "<!-- speakeasy-enable plain-english.words -->\n"
        "\n"
        "We commence and signpost.\n"
    )
    # only the rule that was switched back on comes back
    assert findings(lint(src)) == [(WORDS, "commence", *expect(src, nth=1))]


def test_enable_one_rule_of_a_disabled_pack(lint) -> None:
    src = (
        "<!-- speakeasy-disable plain-english, social-care -->\n"
        "We commence and signpost.\n"
        "<!-- speakeasy-enable social-care.jargon -->\n"
        "We commence and signpost.\n"
        "<!-- speakeasy-enable -->\n"
        "We commence and signpost.\n"
    )
    assert findings(lint(src)) == [
        (JARGON, "signpost", *expect(src, "signpost", 1)),
        (WORDS, "commence", *expect(src, nth=2)),
        (JARGON, "signpost", *expect(src, "signpost", 2)),
    ]


def test_directive_rules_after_a_tab_or_line_break() -> None:
    src = "<!--\tspeakeasy-disable\tplain-english.words -->\n\n<!-- speakeasy-disable\n     social-care -->\n"
    doc = parse(src)
    assert doc.directive_problems == []
    assert [(d.action, d.rules) for d in doc.directives] == [
        ("disable", ("plain-english.words",)),
        ("disable", ("social-care",)),
    ]


def _blocks_with_full_inline_parsing(src: str, monkeypatch_obj) -> list[tuple]:
    import re as _re

    from speakeasy.readers import markdown as md_reader

    monkeypatch_obj.setattr(md_reader, "_NEEDS_INLINE", _re.compile(""))  # every block parsed inline
    try:
        return [(b.kind, b.start, b.text) for b in parse(src).blocks]
    finally:
        monkeypatch_obj.undo()


@PROPERTY
@given(markdown_documents())
def test_plain_prose_shortcut_gives_the_same_blocks_as_inline_parsing(src: str) -> None:
    """Blocks without inline markup skip markdown-it's inline parser: the result must not change."""
    import pytest as _pytest

    fast = [(b.kind, b.start, b.text) for b in parse(src).blocks]
    mp = _pytest.MonkeyPatch()
    assert _blocks_with_full_inline_parsing(src, mp) == fast


def test_plain_prose_shortcut_on_real_text() -> None:
    import pytest as _pytest

    from conftest import ROOT

    texts = [(ROOT / "examples" / "care-at-home-policy.md").read_text(encoding="utf-8"),
             (ROOT / "README.md").read_text(encoding="utf-8")]
    shared = ROOT.parent / "shared" / "data" / "govuk-content-snapshots"
    if shared.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(shared.glob("*.md"))[:20]]
    for src in texts:
        fast = [(b.kind, b.start, b.text) for b in parse(src).blocks]
        assert _blocks_with_full_inline_parsing(src, _pytest.MonkeyPatch()) == fast
