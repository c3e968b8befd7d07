"""The web page reader: main content, masking, exact positions, suppressions and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT
from speakeasy.errors import InputError
from speakeasy.model import BlockKind, Document
from speakeasy.readers import LANDMARKS, ReadOptions, format_for, read_bytes, read_path, supported_suffixes
from speakeasy.testing import assert_reader_contract

K = BlockKind
PAGE = ROOT / "tests" / "data" / "html" / "govuk-page.html"


# ---------------------------------------------------------------------------
# helpers


def parse(src: str | bytes, name: str = "page.html", landmarks: tuple[str, ...] = ()) -> Document:
    data = src.encode("utf-8") if isinstance(src, str) else src
    doc = read_bytes(name, data, options=ReadOptions(include_landmarks=frozenset(landmarks)))
    assert doc.format == "html"
    assert_reader_contract(doc, character_references=True)
    return doc


def blocks(src: str, landmarks: tuple[str, ...] = ()) -> list[tuple[BlockKind, str]]:
    return [(b.kind, " ".join(b.text.split())) for b in parse(src, landmarks=landmarks).blocks]


def where(doc: Document, word: str) -> tuple[int, int]:
    """Line and column of ``word`` as the reader sees it (in the block text)."""
    for b in doc.blocks:
        i = b.text.find(word)
        if i != -1:
            return doc.position(b.start + i)
    raise AssertionError(f"{word!r} is not in any block")


def lint_path(path: str, landmarks: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    from speakeasy.config import resolve
    from speakeasy.engine import lint_document
    from speakeasy.ruleset import build_ruleset

    options = ReadOptions(include_landmarks=frozenset(landmarks))
    return lint_document(read_path(path, options=options), build_ruleset(resolve({}, no_config=True)))


def source_position(src: str, needle: str) -> tuple[int, int]:
    i = src.index(needle)
    line = src.count("\n", 0, i) + 1
    return line, i - (src.rfind("\n", 0, i) + 1) + 1


# ---------------------------------------------------------------------------
# formats


def test_html_and_htm_are_web_pages() -> None:
    assert format_for("a.html") == format_for("b.HTM") == "html"
    assert {".html", ".htm"} <= set(supported_suffixes())


# ---------------------------------------------------------------------------
# positions


def test_words_after_entities_and_inline_tags_keep_their_source_position() -> None:
    src = (
        "<main>\n"
        "<p>Care &amp; support &rsquo; is <a href=\"/x?a=1&amp;b=2\"><strong>for</strong> you</a>.\n"
        "  We will <em class=\"x\">commence</em> the&nbsp;plan &#8212; <span>today</span>.</p>\n"
        "</main>\n"
    )
    doc = parse(src)
    assert where(doc, "support") == source_position(src, "support")
    assert where(doc, "for") == source_position(src, "for</strong>")
    assert where(doc, "commence") == source_position(src, "commence")
    assert where(doc, "today") == source_position(src, "today")
    text = doc.blocks[0].text
    assert "&" in text and "\u2019" in text and "\u2014" in text and "\xa0" in text
    assert "href" not in text and "strong" not in text and "amp" not in text


def test_positions_with_windows_line_endings() -> None:
    src = "<body>\r\n<p>First line.</p>\r\n<p>We commence &amp; go.</p>\r\n</body>\r\n"
    doc = parse(src)
    assert where(doc, "commence") == (3, 7)


def test_findings_point_at_the_html_source(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    src = "<html lang=\"en\"><body>\n<p>Some &amp; <b>more</b> words: we will commence now.</p>\n</body></html>\n"
    page.write_text(src, encoding="utf-8")
    found = [f for f in lint_path(str(page)).findings if f.match == "commence"]
    assert [(f.line, f.column) for f in found] == [source_position(src, "commence")]


# ---------------------------------------------------------------------------
# what is linted


def test_main_is_linted_and_the_rest_of_the_page_is_not() -> None:
    src = """<!DOCTYPE html><html lang="en"><head><title>Title words</title>
<style>p { color: red }</style><script>var words = "script words";</script></head>
<body><header><p>Banner words</p></header><nav><a href="/">Menu words</a></nav>
<p>Body words outside main</p>
<main><h1>Main heading</h1><p>Main words</p>
<header><p>Article header words</p></header>
<aside>Aside words</aside><noscript>Noscript words</noscript><template><p>Template words</p></template>
<div hidden>Hidden words</div><p aria-hidden="true">Aria hidden words</p></main>
<footer>Footer words</footer></body></html>"""
    assert blocks(src) == [(K.HEADING, "Main heading"), (K.PARAGRAPH, "Main words"),
                           (K.PARAGRAPH, "Article header words")]


def test_role_main_counts_as_main() -> None:
    src = "<body><p>Outside</p><div role=\"main\"><p>Inside</p></div><p>After</p></body>"
    assert blocks(src) == [(K.PARAGRAPH, "Inside")]


def test_without_main_the_body_is_linted_without_landmarks() -> None:
    src = """<html><head><title>T</title></head><body>
<header>Site name</header><nav>Menu</nav>
<article><header><h1>Article title</h1></header><p>Article words</p><footer>Article footer</footer></article>
<div role="navigation">Role nav</div><footer>Site footer</footer>
</body></html>"""
    assert blocks(src) == [(K.HEADING, "Article title"), (K.PARAGRAPH, "Article words"),
                           (K.PARAGRAPH, "Article footer")]


#: a page with every landmark, around and inside <main>
LANDMARK_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Title words</title></head>
<body><a href="#main">Skip link</a>
<header><p>Banner words</p><nav><a href="/">Menu in the banner</a></nav></header>
<nav aria-label="Breadcrumb"><ol><li>Home</li><li>Care</li></ol></nav>
<main id="main"><h1>Main heading</h1><p>Main words</p>
<aside><h2>Related</h2><p>Aside words</p></aside>
<p>More main words</p>
<div role="navigation"><p>Role nav words</p></div></main>
<div role="complementary">Role aside words</div>
<footer><h2>Contact us</h2><p>Footer words</p></footer>
<div role="contentinfo">Role footer words</div></body></html>"""


def test_landmarks_are_left_out_by_default() -> None:
    assert blocks(LANDMARK_PAGE) == [(K.HEADING, "Main heading"), (K.PARAGRAPH, "Main words"),
                                     (K.PARAGRAPH, "More main words")]


@pytest.mark.parametrize(("landmark", "extra"), [
    ("header", ["Banner words"]),
    ("nav", ["Menu in the banner", "Home", "Care", "Role nav words"]),
    ("aside", ["Related", "Aside words", "Role aside words"]),
    ("footer", ["Contact us", "Footer words", "Role footer words"]),
])
def test_each_landmark_is_linted_when_asked_for(landmark: str, extra: list[str]) -> None:
    doc = parse(LANDMARK_PAGE, landmarks=(landmark,))
    texts = [" ".join(b.text.split()) for b in doc.blocks]
    assert [t for t in texts if t not in ("Main heading", "Main words", "More main words")] == extra
    assert "Skip link" not in texts and "Title words" not in texts  # outside main and any landmark
    labels = {"header": "site header", "footer": "site footer", "nav": "menu", "aside": "side panel"}
    for b in doc.blocks:
        text = " ".join(b.text.split())
        if text in extra:
            assert b.locator["part"] == landmark and b.locator["part_label"] == labels[landmark], b
        else:
            assert "part" not in b.locator, b


def test_all_landmarks_together_keep_page_order() -> None:
    assert [t for _, t in blocks(LANDMARK_PAGE, LANDMARKS)] == [
        "Banner words", "Menu in the banner", "Home", "Care", "Main heading", "Main words", "Related",
        "Aside words", "More main words", "Role nav words", "Role aside words", "Contact us", "Footer words",
        "Role footer words"]


def test_the_innermost_landmark_decides() -> None:
    # a menu inside the site header: asking for nav checks the menu, and nothing else of the header
    assert [t for _, t in blocks(LANDMARK_PAGE, ("nav",))][:3] == ["Menu in the banner", "Home", "Care"]
    assert "Menu in the banner" not in [t for _, t in blocks(LANDMARK_PAGE, ("header",))]


def test_a_landmark_has_its_own_sections() -> None:
    doc = parse(LANDMARK_PAGE, landmarks=LANDMARKS)
    section = {" ".join(b.text.split()): b.section for b in doc.blocks}
    assert section["Banner words"] is None  # not under a heading of the page: the header has none
    assert section["Aside words"] == "Related"
    assert section["More main words"] == "Main heading"  # the side panel's heading ends with it
    assert section["Role aside words"] is None
    assert section["Footer words"] == "Contact us"


def test_header_and_footer_inside_an_article_are_content_not_landmarks() -> None:
    src = ("<body><article><header><h1>Title</h1></header><p>Words</p><footer>Posted today</footer>"
           "</article><footer>Site footer</footer></body>")
    doc = parse(src, landmarks=("footer",))
    assert [(" ".join(b.text.split()), b.locator.get("part")) for b in doc.blocks] == [
        ("Title", None), ("Words", None), ("Posted today", None), ("Site footer", "footer")]


def test_a_search_form_and_hidden_parts_stay_out_of_an_included_landmark() -> None:
    src = ('<body><header><p>Banner</p><form role="search"><label>Search words</label></form>'
           '<p hidden>Hidden words</p><script>var x = "script words";</script></header><main><p>Main</p></main></body>')
    assert [t for _, t in blocks(src, LANDMARKS)] == ["Banner", "Main"]


def test_findings_in_a_landmark_say_where_they_are(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    src = ('<html lang="en"><body><main><h1>Paying for care</h1><p>Main words.</p></main>\n'
           '<footer><p>We will commence the review in 2026.</p>'
           '<p><a href="/contact">click here</a> to contact us.</p></footer></body></html>\n')
    page.write_text(src, encoding="utf-8")
    assert not [f for f in lint_path(str(page)).findings if f.match == "commence"]
    found = lint_path(str(page), ("footer",)).findings
    [word] = [f for f in found if f.match == "commence"]
    assert (word.line, word.column) == source_position(src, "commence")
    assert word.location == "site footer"
    assert word.extra["locator"] == {"part": "footer", "part_label": "site footer"}
    # the landmark's links are checked too
    assert [f.rule for f in found if "accessibility" in f.rule] == ["web-accessibility.link-text"]


def test_include_landmarks_from_the_settings_and_the_command_line(cli, tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(
        '<html lang="en"><body><nav><a href="/help">Get help</a> to commence</nav>'
        "<main><p>Words.</p></main><footer>We will commence soon.</footer></body></html>\n", encoding="utf-8")

    def lines(*args: str) -> list[int]:
        code, out, err = cli("check", "page.html", "--no-cache", "--format", "json", *args, cwd=tmp_path)
        assert err == ""
        return sorted({f["location"] for f in json.loads(out)["files"][0]["findings"] if f["match"] == "commence"})

    assert lines() == []
    (tmp_path / ".speakeasy.yaml").write_text("include_landmarks: [footer]\n", encoding="utf-8")
    assert lines() == ["site footer"]
    assert lines("--include-landmarks", "nav") == ["menu"]  # the command line wins over the file
    assert lines("--include-landmarks", "footer,nav") == ["menu", "site footer"]


def test_the_older_include_comments_keyword_still_works() -> None:
    src = b"<main><p>Words.</p></main><footer>Footer.</footer>"
    assert [b.text for b in read_bytes("page.html", src, include_comments=True).blocks] == ["Words."]
    both = read_bytes("page.html", src, include_comments=True, options=ReadOptions(include_landmarks={"footer"}))
    assert [b.text for b in both.blocks] == ["Words.", "Footer."]
    with pytest.raises(ValueError, match="unknown landmarks"):
        ReadOptions(include_landmarks={"menu"})


def test_code_and_pre_are_masked_but_inline_code_stays_in_its_paragraph() -> None:
    src = "<p>Run <code>commence()</code> then stop.</p><pre>commence\nthe plan</pre><p>After.</p>"
    doc = parse(src)
    assert [" ".join(b.text.split()) for b in doc.blocks] == ["Run then stop.", "After."]
    assert where(doc, "then") == source_position(src, "then")


def test_web_addresses_in_text_are_masked() -> None:
    assert blocks("<p>See https://www.gov.uk/care for more.</p>") == [(K.PARAGRAPH, "See for more.")]


# ---------------------------------------------------------------------------
# structure


def test_headings_give_levels_and_sections() -> None:
    doc = parse("<h1>Care</h1><p>One.</p><h2>Money <em>matters</em></h2><p>Two.</p><h3>Late</h3>")
    assert [(b.kind, b.heading_level, b.section) for b in doc.blocks] == [
        (K.HEADING, 1, None), (K.PARAGRAPH, 0, "Care"), (K.HEADING, 2, "Care"),
        (K.PARAGRAPH, 0, "Money matters"), (K.HEADING, 3, "Money matters"),
    ]


def test_lists_quotes_captions_and_definitions() -> None:
    src = """<ul><li>One</li><li><p>Two</p><ol><li>Inner</li></ol></li></ul>
<blockquote><p>Quoted</p></blockquote>
<figure><img src="a.png" alt="A chart"><figcaption>Caption words</figcaption></figure>
<dl><dt>Term</dt><dd>Meaning</dd></dl>"""
    assert blocks(src) == [
        (K.LIST_ITEM, "One"), (K.LIST_ITEM, "Two"), (K.LIST_ITEM, "Inner"), (K.BLOCKQUOTE, "Quoted"),
        (K.PARAGRAPH, "Caption words"), (K.PARAGRAPH, "Term"), (K.PARAGRAPH, "Meaning"),
    ]


def test_implied_end_tags_split_blocks() -> None:
    src = "<p>One<p>Two<ul><li>Three<li>Four</ul><dl><dt>Five<dd>Six</dl>"
    assert [t for _, t in blocks(src)] == ["One", "Two", "Three", "Four", "Five", "Six"]


def test_table_cells_have_table_row_and_column() -> None:
    src = """<table><caption>Charges</caption>
<thead><tr><th>Savings<th>Pay</thead>
<tbody><tr><td>Low</td><td>Nothing</td></tr><tr><td>High<td>All</tbody></table>
<table><tr><td>Second table</td></tr></table>"""
    doc = parse(src)
    cells = [(" ".join(b.text.split()), b.locator) for b in doc.blocks if b.kind is K.TABLE_CELL]
    assert cells == [
        ("Savings", {"table": 1, "row": 1, "column": 1}), ("Pay", {"table": 1, "row": 1, "column": 2}),
        ("Low", {"table": 1, "row": 2, "column": 1}), ("Nothing", {"table": 1, "row": 2, "column": 2}),
        ("High", {"table": 1, "row": 3, "column": 1}), ("All", {"table": 1, "row": 3, "column": 2}),
        ("Second table", {"table": 2, "row": 1, "column": 1}),
    ]
    assert doc.blocks[0].kind is K.PARAGRAPH and doc.blocks[0].text == "Charges"


# ---------------------------------------------------------------------------
# suppressions


def test_suppression_comments_make_the_same_directives_as_markdown() -> None:
    from speakeasy.readers import markdown

    comments = (
        "<!-- speakeasy-disable plain-english.words -- quoting the law -->\n"
        "<p>We commence.</p>\n"
        "<!-- speakeasy-enable plain-english.words -->\n"
        "<!-- speakeasy-disable-next-line social-care -->\n"
        "<p>Reablement.</p>\n"
    )
    doc = parse(comments)
    md = markdown.parse("doc.md", comments)
    assert doc.directives == md.directives
    assert [d.action for d in doc.directives] == ["disable", "enable", "disable-next-line"]
    assert doc.directives[0].reason == "quoting the law"


def test_a_malformed_directive_is_a_problem() -> None:
    doc = parse("<!-- speakeasy-disabel plain-english --><p>Words.</p>")
    assert [p.message for p in doc.directive_problems] == [
        "'speakeasy-disabel' is not something speakeasy understands. Did you mean 'speakeasy-disable'?"
    ]


def test_suppressed_findings_are_not_reported(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<main>\n<!-- speakeasy-disable-next-line plain-english.words -- the Act's words -->\n"
        "<p>We commence.</p>\n<p>We commence again.</p>\n</main>\n",
        encoding="utf-8",
    )
    found = [f.line for f in lint_path(str(page)).findings if f.rule == "plain-english.words"]
    assert found == [4]


# ---------------------------------------------------------------------------
# broken and odd input


@pytest.mark.parametrize(
    "src",
    [
        "<p>Unclosed <b>bold <i>and italic",
        "Just text, no tags at all.",
        "<div><p>Mis</div>nested</p> words",
        "<h2>Heading</h3><p>Text</p>",
        "</p></li></td>Stray end tags",
        "<p>A < B and C <> D & E &bogus; &#xZZ; &#99999999;</p>",
        "<p title='unclosed attribute>Text",
        "<!-- an unclosed comment <p>Text</p>",
        "<![CDATA[x]]><?php echo 1 ?><!weird><p>Text</p>",
        "<table><td>Cell without row<td>Another</table>",
        "<li>Item without list</li><td>Cell without table</td>",
    ],
)
def test_broken_html_is_read_without_error(src: str) -> None:
    parse(src)


def test_text_without_a_body_tag_is_read() -> None:
    assert blocks("<title>Skip</title><h1>Hello</h1><p>World</p>") == [(K.HEADING, "Hello"), (K.PARAGRAPH, "World")]


def test_empty_file() -> None:
    doc = parse(b"")
    assert doc.blocks == [] and doc.features == []


def test_utf8_with_byte_order_mark() -> None:
    doc = parse("\ufeff<p>Caf\u00e9</p>".encode("utf-8"))
    assert doc.blocks[0].text == "Caf\u00e9"


def test_page_that_declares_its_encoding_is_read_in_it() -> None:
    src = '<html><head><meta charset="windows-1252"></head><body><p>\u201cCaf\u00e9\u201d &amp; more</p></body></html>'
    doc = parse(src.encode("cp1252"))
    assert " ".join(doc.blocks[0].text.split()) == "\u201cCaf\u00e9\u201d & more"


def test_iso_8859_1_is_read_as_browsers_read_it() -> None:
    src = '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>Caf\u00e9 \u2019</p>'
    doc = parse(src.encode("cp1252"))
    assert doc.blocks[0].text == "Caf\u00e9 \u2019"


def test_page_that_is_not_utf8_and_says_nothing_gives_a_reason() -> None:
    with pytest.raises(InputError) as info:
        read_bytes("page.html", "<p>Caf\u00e9</p>".encode("latin-1"))
    assert info.value.code == "encoding"
    assert info.value.reason == (
        "this file is not UTF-8 text (line 1 has the byte 0xe9). Save it again as UTF-8 and try again."
    )


def test_unknown_declared_encoding_gives_a_reason() -> None:
    with pytest.raises(InputError) as info:
        read_bytes("page.html", b'<meta charset="klingon"><p>Caf\xe9</p>')
    assert info.value.reason == (
        "this page says its encoding is 'klingon', which speakeasy does not know. Save it again as UTF-8."
    )


def test_binary_garbage_gives_a_one_line_reason(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    with pytest.raises(InputError) as info:
        read_path(page)
    assert info.value.code == "binary"
    assert "\n" not in info.value.message


def test_garbage_that_decodes_is_read_without_error() -> None:
    import random

    rng = random.Random(8)
    pieces = ["<", ">", "</", "p", "li", "td", "&", "amp;", "#", "x", ";", "<!--", "-->", " ", "\n", "a", "=",
              "\"", "'", "main", "table", "tr", "<!", "?", "script", "/", "h2", "speakeasy-disable"]
    for _ in range(300):
        parse("".join(rng.choice(pieces) for _ in range(rng.randint(1, 60))))


# ---------------------------------------------------------------------------
# end to end


def test_govuk_page_end_to_end(cli) -> None:
    code, out, err = cli("check", str(PAGE), "--no-config", "--format", "json")
    assert err == ""
    found = json.loads(out)["files"][0]["findings"]
    by_rule = {(f["rule"], f["line"], f["column"]) for f in found}
    src = PAGE.read_text(encoding="utf-8")
    # the paragraph in <main> is linted, at its place in the HTML
    assert ("plain-english.words",) + source_position(src, "commence a financial") in by_rule
    # the footer's "commence" is not (site furniture), nor the suppressed line's words
    assert not [f for f in found if f["line"] == src[: src.index("will commence the review")].count("\n") + 1]
    assert not [f for f in found if f["rule"].startswith("plain-english") and "ensure" in f["match"]]
    words = [f for f in found if f["rule"] == "plain-english.words"]
    assert words[0]["location"] == "under 'How we work out what you pay', paragraph 1"


def test_govuk_page_blocks() -> None:
    doc = read_path(PAGE)
    assert_reader_contract(doc, character_references=True)
    texts = [" ".join(b.text.split()) for b in doc.blocks]
    assert texts[0] == "Paying for your care at home"
    assert "money in bank accounts & savings" in texts
    assert "Under £ 14,250" in texts  # &pound; is one character followed by spaces
    assert not [t for t in texts if "Skip to main content" in t or "Adult social care" in t]


def test_fix_refuses_web_pages_with_a_clear_message(cli, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    original = "<main><p>We will <a href=\"/commence\">commence</a> now.</p></main>\n"
    page.write_text(original, encoding="utf-8")
    code, out, err = cli("fix", str(page), "--in-place", "--no-config")
    assert code == 2
    assert err.strip().endswith(f"{page}: speakeasy cannot fix html files yet.")
    assert page.read_text(encoding="utf-8") == original


# ---------------------------------------------------------------------------
# accessibility of web pages


def test_accessibility_findings_on_the_govuk_page_point_at_the_elements() -> None:
    src = PAGE.read_text(encoding="utf-8")
    found = [f for f in lint_path(str(PAGE)).findings if "accessibility" in f.rule]
    got = {(f.rule, f.line, f.column) for f in found}
    assert got == {
        ("web-accessibility.image-alt",) + source_position(src, '<img src="/assets/charges-chart.png">'),
        ("web-accessibility.link-text",) + source_position(src, '<a href="/care/debt-policy"'),
        ("web-accessibility.heading-levels",) + source_position(src, '<h4 class'),
    }
    # alt="" marks a decorative image; the Word checks never fire on web pages
    link = next(f for f in found if f.rule.endswith("link-text"))
    assert link.message.startswith("The link text 'click here' does not say where the link goes.")


def test_missing_lang_is_reported_at_the_html_tag(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<!DOCTYPE html>\n<html class=\"x\">\n<body><p>Words.</p></body></html>\n", encoding="utf-8")
    found = [(f.line, f.column) for f in lint_path(str(page)).findings if f.rule.endswith("page-language")]
    assert found == [(2, 1)]
    part = tmp_path / "part.html"
    part.write_text("<p>A part of a page, such as a template.</p>\n", encoding="utf-8")
    assert not [f for f in lint_path(str(part)).findings if f.rule.endswith("page-language")]


def test_links_images_and_headings_outside_the_main_content_are_not_checked(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<html lang="en"><body><header><img src="logo.png"><a href="/">here</a></header>'
        '<nav><h4>Menu</h4></nav><main><h1>Title</h1><h2>Part</h2>'
        '<p><a href="/a" aria-label="Our charging policy">Read more</a> '
        '<img src="x.png" role="presentation"></p></main></body></html>',
        encoding="utf-8",
    )
    assert not [f for f in lint_path(str(page)).findings if "accessibility" in f.rule]
