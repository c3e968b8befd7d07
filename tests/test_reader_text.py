"""The plain-text reader: paragraphs, bullets, headings and exact positions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speakeasy.model import BlockKind, Document
from speakeasy.readers import read_bytes, text
from speakeasy.testing import assert_reader_contract

K = BlockKind
WORDS = "plain-english.words"
JARGON = "social-care.jargon"


def parse(src: str) -> Document:
    doc = text.parse("doc.txt", src)
    assert_reader_contract(doc)
    return doc


def blocks(src: str) -> list[tuple[BlockKind, str]]:
    return [(b.kind, " ".join(b.text.split())) for b in parse(src).blocks]


def where(src: str, needle: str, nth: int = 0) -> tuple[int, int, int, int]:
    i = -1
    for _ in range(nth + 1):
        i = src.index(needle, i + 1)
    line = src.count("\n", 0, i) + 1
    col = i - (src.rfind("\n", 0, i) + 1) + 1
    return line, col, line, col + len(needle) - 1


def lint_text(lint, src: str):
    return lint(src, format="text", path="doc.txt")


def positions(result, rules=(WORDS, JARGON)) -> list[tuple[str, str, int, int, int, int]]:
    return [(f.rule, f.match, f.line, f.column, f.end_line, f.end_column) for f in result.findings
            if f.rule in rules]


# ---------------------------------------------------------------------------
# paragraphs


def test_paragraphs_split_on_blank_lines() -> None:
    src = "First paragraph, line one\nand line two.\n\nSecond paragraph.\n \t \nThird one.\n"
    doc = parse(src)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (K.PARAGRAPH, "First paragraph, line one\nand line two."),
        (K.PARAGRAPH, "Second paragraph."),
        (K.PARAGRAPH, "Third one."),
    ]
    assert [b.start for b in doc.blocks] == [0, src.index("Second"), src.index("Third")]


def test_a_wrapped_paragraph_is_one_block(lint) -> None:
    src = "We will visit you at home and we\ncommence the plan the same day.\n"
    assert blocks(src) == [(K.PARAGRAPH, "We will visit you at home and we commence the plan the same day.")]
    assert positions(lint_text(lint, src)) == [(WORDS, "commence", *where(src, "commence"))]


@pytest.mark.parametrize(
    "src",
    [
        # a line with no full stop above a line that starts with a capital letter is
        # still part of the paragraph when it is as long as a wrapped line
        "The Care Act 2014 requires councils to assess needs\nCare Act guidance says more about it.\n",
        "We will visit you at home\nEvery year.\n",
        "Hello\nWorld.\n",
    ],
)
def test_wrapped_lines_are_not_taken_for_headings(src: str) -> None:
    assert [k for k, _ in blocks(src)] == [K.PARAGRAPH]


def test_leading_indentation_is_not_part_of_the_block() -> None:
    src = "   Indented paragraph\n   second line.\n\n\tTabbed line.\n"
    doc = parse(src)
    assert [(b.text, b.start) for b in doc.blocks] == [
        ("Indented paragraph\n   second line.", 3),
        ("Tabbed line.", src.index("Tabbed")),
    ]


# ---------------------------------------------------------------------------
# bullets


@pytest.mark.parametrize("marker", ["- ", "* ", "+ ", "• ", "– ", "1. ", "2) ", "(a) ", "b) ", "iv. ", "(iv) ", "-\t"])
def test_bullet_like_lines_are_their_own_blocks(marker: str) -> None:
    src = f"Before the list.\n{marker}first item\n{marker}second item\n"
    doc = parse(src)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (K.PARAGRAPH, "Before the list."),
        (K.LIST_ITEM, "first item"),
        (K.LIST_ITEM, "second item"),
    ]
    # the marker is not part of the block: it starts at the first word
    assert doc.blocks[1].start == src.index("first")


def test_bullet_continuation_lines() -> None:
    src = "- one\n- two\n  continued here\nnot indented, so a new paragraph.\n"
    assert blocks(src) == [
        (K.LIST_ITEM, "one"),
        (K.LIST_ITEM, "two continued here"),
        (K.PARAGRAPH, "not indented, so a new paragraph."),
    ]


def test_findings_in_bullets(lint) -> None:
    src = "What we do\n\n• We commence care.\n• We signpost you.\n"
    result = lint_text(lint, src)
    assert positions(result) == [
        (WORDS, "commence", *where(src, "commence")),
        (JARGON, "signpost", *where(src, "signpost")),
    ]
    assert [f.location for f in result.findings if f.rule in (WORDS, JARGON)] == [
        "under 'What we do', list item 1",
        "under 'What we do', list item 2",
    ]


def test_urls_and_email_addresses_are_not_prose(lint) -> None:
    src = "See https://example.org/commence_(law). or www.commence.org, or write to help@commence.org.\nWe commence.\n"
    (b,) = parse(src).blocks
    assert " ".join(b.text.split()) == "See . or , or write to . We commence."
    assert positions(lint_text(lint, src)) == [(WORDS, "commence", *where(src, "commence", 3))]


def test_sentences_with_numbers_are_not_bullets() -> None:
    assert blocks("2019 was a good year.\n10.5 per cent of people.\ne.g. this one.\n") == [
        (K.PARAGRAPH, "2019 was a good year. 10.5 per cent of people. e.g. this one."),
    ]


# ---------------------------------------------------------------------------
# headings


def test_a_short_line_on_its_own_is_a_heading() -> None:
    doc = parse("Who we are\n\nWe are the council.\n\nContact us\n\nPhone us.\n")
    assert [(b.kind, b.text, b.section) for b in doc.blocks] == [
        (K.HEADING, "Who we are", None),
        (K.PARAGRAPH, "We are the council.", "Who we are"),
        (K.HEADING, "Contact us", "Who we are"),
        (K.PARAGRAPH, "Phone us.", "Contact us"),
    ]


def test_a_line_ending_in_a_full_stop_is_not_a_heading() -> None:
    assert blocks("We are here.\n") == [(K.PARAGRAPH, "We are here.")]


def test_heading_straight_above_its_paragraph(lint) -> None:
    src = "Who we are\nWe are the council and we commence work.\n- write to us\n"
    assert blocks(src) == [
        (K.HEADING, "Who we are"),
        (K.PARAGRAPH, "We are the council and we commence work."),
        (K.LIST_ITEM, "write to us"),
    ]
    result = lint_text(lint, src)
    assert positions(result) == [(WORDS, "commence", *where(src, "commence"))]
    assert [f.location for f in result.findings if f.rule == WORDS] == ["under 'Who we are', paragraph 1"]


def test_heading_above_a_list() -> None:
    assert blocks("Our aims\n- to help\n- to listen\n") == [
        (K.HEADING, "Our aims"),
        (K.LIST_ITEM, "to help"),
        (K.LIST_ITEM, "to listen"),
    ]


def test_underlined_headings() -> None:
    doc = parse("Main title\n==========\n\nSub title\n---------\nBody straight under the line.\n")
    assert [(b.kind, b.heading_level, b.text) for b in doc.blocks] == [
        (K.HEADING, 1, "Main title"),
        (K.HEADING, 2, "Sub title"),
        (K.PARAGRAPH, 0, "Body straight under the line."),
    ]


# ---------------------------------------------------------------------------
# positions: line endings, BOM, tabs, non-ASCII, odd characters

SAMPLE = (
    "Care at home\n"
    "\n"
    "We commence care on Monday and\n"
    "we signpost you to help.\n"
    "\n"
    "- commence the plan\n"
    "  and signpost others\n"
    "\n"
    "Café ŵyr 😀 commence.\n"
)


def test_every_finding_is_at_the_right_place(lint) -> None:
    want = [(WORDS, "commence", *where(SAMPLE, "commence", n)) for n in range(3)]
    want += [(JARGON, "signpost", *where(SAMPLE, "signpost", n)) for n in range(2)]
    assert sorted(positions(lint_text(lint, SAMPLE)), key=lambda x: x[2:4]) == sorted(want, key=lambda x: x[2:4])


def test_columns_count_characters_not_bytes(lint) -> None:
    src = "Café ŵyr 😀 commence.\n"
    assert positions(lint_text(lint, src)) == [(WORDS, "commence", 1, 12, 1, 19)]


def test_windows_line_endings_and_bom_give_the_same_positions(default_ruleset) -> None:
    from speakeasy.engine import lint_document

    lf = read_bytes("doc.txt", SAMPLE.encode("utf-8"))
    crlf = read_bytes("doc.txt", b"\xef\xbb\xbf" + SAMPLE.replace("\n", "\r\n").encode("utf-8"))
    assert_reader_contract(crlf)
    assert [(b.kind, " ".join(b.text.split())) for b in crlf.blocks] == [
        (b.kind, " ".join(b.text.split())) for b in lf.blocks
    ]
    assert "\r" not in "".join(b.text for b in crlf.blocks)

    def where_found(doc):
        result = lint_document(doc, default_ruleset)
        return [(f.rule, f.line, f.column, f.end_line, f.end_column) for f in result.findings]

    assert where_found(crlf) == where_found(lf)


def test_tabs_count_as_one_column(lint) -> None:
    src = "Tab\there\tthen we commence.\n"
    assert positions(lint_text(lint, src)) == [(WORDS, "commence", 1, 18, 1, 25)]


def test_only_line_feeds_break_lines() -> None:
    # a form feed or a Unicode line separator does not start a new line (or a new block)
    src = "One\x0cTwo words here.\nThree\u2028four.\n"
    doc = parse(src)
    assert len(doc.blocks) == 1
    assert doc.blocks[0].text == src.rstrip("\n")
    # a lone carriage return is a space
    assert parse("One\rtwo.\n").blocks[0].text == "One two."


def test_empty_and_blank_files() -> None:
    assert parse("").blocks == []
    assert parse("\n \n\t\n").blocks == []


# ---------------------------------------------------------------------------
# properties


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(alphabet="ab A.-*•1)(\n\r\t =é😀", max_size=120))
def test_property_blocks_line_up_with_the_source(src: str) -> None:
    parse(src)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from([
    "We commence care.", "Who we are", "- signpost people", "• commence", "1. first", "  indented more",
    "Title", "=====", "-----", "", "Café ŵ 😀 commence", "\t tabbed signpost",
]), max_size=12), st.booleans())
def test_property_findings_match_the_source(default_ruleset, lines: list[str], crlf: bool) -> None:
    from speakeasy.engine import lint_text as run

    src = ("\r\n" if crlf else "\n").join(lines)
    result = run(src, default_ruleset, "doc.txt", "text")
    assert_reader_contract(result.document)
    for f in result.findings:
        assert f.match == src[f.start : f.end]
        line = src.count("\n", 0, f.start) + 1
        assert (f.line, f.column) == (line, f.start - (src.rfind("\n", 0, f.start) + 1) + 1)
