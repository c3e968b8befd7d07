"""The OpenDocument (.odt) reader: the same reading, blocks, features and mapping as for Word files."""

from __future__ import annotations

from pathlib import Path


from conftest import ROOT
from speakeasy.model import BlockKind, Directive
from speakeasy.readers import read_path
from test_reader_docx_support import check_mapping, features, lines, read_odt

FIXTURES = ROOT / "tests" / "data" / "docx"

STYLES = """
<style:default-style style:family="paragraph"><style:text-properties fo:font-size="12pt"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph"/>
<style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph"
  style:parent-style-name="Standard"/>
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">
  <style:text-properties fo:font-size="200%"/></style:style>
<style:style style:name="Emphasis" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
"""
AUTOMATIC = """
<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Text_20_body">
  <style:paragraph-properties fo:text-align="justify"/></style:style>
<style:style style:name="P2" style:family="paragraph" style:parent-style-name="Text_20_body">
  <style:text-properties fo:font-size="9pt"/></style:style>
<style:style style:name="P3" style:family="paragraph" style:parent-style-name="Title"/>
<style:style style:name="T1" style:family="text"><style:text-properties style:text-underline-style="solid"/></style:style>
<style:style style:name="T2" style:family="text"><style:text-properties fo:text-transform="uppercase"/></style:style>
<style:style style:name="T3" style:family="text"><style:text-properties fo:font-size="8pt"/></style:style>
"""


def tp(text: str, style: str = "Text_20_body") -> str:
    return f'<text:p text:style-name="{style}">{text}</text:p>'


def odt(body: str, **kwargs):
    kwargs.setdefault("styles", STYLES)
    kwargs.setdefault("automatic", AUTOMATIC)
    return read_odt(body, **kwargs)


def test_paragraphs_headings_and_sections() -> None:
    body = (tp("Home Care Policy", "Title")
            + '<text:h text:outline-level="1">Purpose</text:h>'
            + tp("We fa<text:span>cilitate</text:span> support.")
            + '<text:h text:outline-level="3">Detail</text:h>'
            + '<text:h text:outline-level="2"/>'
            + tp("After an empty heading.")
            + tp("Also a title", "P3"))
    doc = odt(body)
    assert doc.format == "odt"
    assert [(b.kind.value, b.heading_level, b.text, b.section) for b in doc.blocks] == [
        ("heading", 1, "Home Care Policy", None),
        ("heading", 1, "Purpose", "Home Care Policy"),
        ("paragraph", 0, "We facilitate support.", "Purpose"),
        ("heading", 3, "Detail", "Purpose"),
        ("paragraph", 0, "After an empty heading.", "Detail"),
        ("heading", 1, "Also a title", "Detail"),
    ]
    heads = features(doc, "heading")
    assert [(h["level"], h["text"]) for h in heads] == [
        (1, "Home Care Policy"), (1, "Purpose"), (3, "Detail"), (2, ""), (1, "Also a title")]
    assert heads[3]["start"] == heads[3]["end"] == doc.blocks[4].start
    assert [b.locator["paragraph"] for b in doc.blocks] == [0, 1, 2, 3, 5, 6]
    assert doc.blocks[0].locator == {"part": "body", "part_label": "body", "xml_part": "content.xml", "paragraph": 0}


def test_text_in_tails_maps_back_exactly() -> None:
    doc = odt(tp('Start <text:span text:style-name="Emphasis">middle</text:span> end.'))
    (block,) = doc.blocks
    assert block.text == "Start middle end."
    pieces = doc.native.blocks[0].pieces
    assert [(pc.block_start, pc.block_end, pc.slot, pc.element_start) for pc in pieces] == [
        (0, 6, "text", 0), (6, 12, "text", 0), (12, 17, "tail", 0)]
    assert pieces[2].element.tag.endswith("}span")


def test_white_space_is_collapsed_and_spaces_tabs_breaks_are_one_character_each() -> None:
    body = tp("\n   Two  words\tand\n  more<text:s text:c=\"3\"/>gap<text:tab/>tab<text:line-break/>break ")
    doc = odt(body)
    assert lines(doc) == ["Two words and more   gap tab break"]
    markers = [(pc.block_start, pc.block_end, pc.element.tag.split("}")[1]) for pc in doc.native.blocks[0].pieces
               if not pc.replaceable]
    assert markers == [(18, 21, "s"), (24, 25, "tab"), (28, 29, "line-break")]


def test_lists_are_list_items() -> None:
    body = ("<text:list><text:list-item>" + tp("First") + "</text:list-item>"
            "<text:list-item>" + tp("Second") + "<text:list><text:list-item>" + tp("Nested")
            + "</text:list-item></text:list></text:list-item>"
            "<text:list-header>" + tp("Unnumbered") + "</text:list-header></text:list>" + tp("After"))
    doc = odt(body)
    assert [(b.kind.value, b.text) for b in doc.blocks] == [
        ("list_item", "First"), ("list_item", "Second"), ("list_item", "Nested"), ("list_item", "Unnumbered"),
        ("paragraph", "After")]


def test_tables_with_header_rows_merged_cells_and_nesting() -> None:
    inner = ("<table:table><table:table-column/><table:table-row><table:table-cell>" + tp("Inner")
             + "</table:table-cell></table:table-row></table:table>")
    body = (
        '<table:table><table:table-column table:number-columns-repeated="3"/>'
        "<table:table-header-rows><table:table-row>"
        "<table:table-cell>" + tp("Role") + "</table:table-cell>"
        '<table:table-cell table:number-columns-spanned="2">' + tp("Duties") + "</table:table-cell>"
        "<table:covered-table-cell/></table:table-row></table:table-header-rows>"
        '<table:table-row><table:table-cell table:number-rows-spanned="2">' + tp("Carer") + "</table:table-cell>"
        "<table:table-cell>" + tp("Visits") + "</table:table-cell><table:table-cell>" + inner
        + "</table:table-cell></table:table-row>"
        "<table:table-row><table:covered-table-cell/><table:table-cell>" + tp("Notes") + "</table:table-cell>"
        "<table:table-cell/></table:table-row>"
        "</table:table>"
    )
    doc = odt(body)
    assert [(b.kind.value, b.text, b.locator["table"], b.locator["row"], b.locator["column"]) for b in doc.blocks] == [
        ("table_cell", "Role", "1", 1, 1), ("table_cell", "Duties", "1", 1, 2),
        ("table_cell", "Carer", "1", 2, 1), ("table_cell", "Visits", "1", 2, 2),
        ("table_cell", "Inner", "1.1", 1, 1), ("table_cell", "Notes", "1", 3, 2),
    ]
    assert [(t["table"], t["rows"], t["columns"], t["header_row"]) for t in features(doc, "table")] == [
        ("1", 3, 3, True), ("1.1", 1, 1, False)]


def test_notes_frames_links_and_reading_order() -> None:
    note = ('<text:note text:note-class="{cls}"><text:note-citation>{cite}</text:note-citation><text:note-body>'
            + tp("{text}") + "</text:note-body></text:note>")
    frame = ('<draw:frame draw:name="Box"><draw:text-box>' + tp("Inside the box.") + "</draw:text-box></draw:frame>")
    image = ('<draw:frame draw:name="Logo"><draw:image xlink:href="Pictures/logo.png"/>'
             "<svg:title>Council logo</svg:title><svg:desc>A blue square.</svg:desc></draw:frame>")
    bare = '<draw:frame draw:name="Picture 2"><draw:image xlink:href="Pictures/p.png"/></draw:frame>'
    body = ('<text:h text:outline-level="1">Purpose</text:h>'
            + tp("Care" + note.format(cls="footnote", cite="1", text="Second note.") + " at home"
                 + note.format(cls="endnote", cite="i", text="An endnote.") + ".")
            + tp(frame + "The box above." + image + bare)
            + tp('Read <text:a xlink:href="https://www.gov.uk/care">the guidance</text:a>.')
            + tp("Earlier" + note.format(cls="footnote", cite="2", text="Third note.")))
    masters = ('<style:master-page style:name="Standard"><style:header>' + tp("Odd header") + "</style:header>"
               "<style:header-left>" + tp("Even header") + "</style:header-left>"
               "<style:header-first>" + tp("First header") + "</style:header-first>"
               "<style:footer>" + tp('Page <text:page-number>3</text:page-number>') + "</style:footer>"
               '<style:footer-left style:display="false">' + tp("Hidden footer") + "</style:footer-left>"
               "</style:master-page>")
    doc = odt(body, masters=masters)
    assert [(b.text, b.kind.value, b.locator["part"], b.locator["part_label"], b.section) for b in doc.blocks] == [
        ("First header", "paragraph", "header", "first-page header", None),
        ("Odd header", "paragraph", "header", "header", None),
        ("Even header", "paragraph", "header", "even-page header", None),
        ("Purpose", "heading", "body", "body", None),
        ("Care at home.", "paragraph", "body", "body", "Purpose"),
        ("The box above.", "paragraph", "body", "body", "Purpose"),
        ("Inside the box.", "paragraph", "text box", "text box 1", "Purpose"),
        ("Read the guidance.", "paragraph", "body", "body", "Purpose"),
        ("Earlier", "paragraph", "body", "body", "Purpose"),
        ("Second note.", "footnote", "footnote", "footnote 1", "Purpose"),
        ("Third note.", "footnote", "footnote", "footnote 2", "Purpose"),
        ("An endnote.", "footnote", "endnote", "endnote 1", "Purpose"),
        ("Page 3", "paragraph", "footer", "footer", None),
    ]
    assert doc.blocks[0].locator["xml_part"] == "styles.xml"
    images = features(doc, "image")
    assert [(i["alt"], i["name"]) for i in images] == [("A blue square.", "Logo"), (None, "Picture 2")]
    (link,) = features(doc, "hyperlink")
    assert (link["text"], link["url"]) == ("the guidance", "https://www.gov.uk/care")
    assert doc.source[link["start"]:link["end"]] == "the guidance"


def test_a_feature_whose_paragraph_has_no_block_says_where_it_is() -> None:
    """As in Word files: an image alone in its paragraph, or an empty heading, gets a ``location``."""
    def image(name: str) -> str:
        return f'<draw:frame draw:name="{name}"><draw:image xlink:href="Pictures/{name}.png"/></draw:frame>'

    body = ('<text:h text:outline-level="1">Safety</text:h>'
            + tp(image("First"))
            + tp("One.") + tp("Two.")
            + tp(image("Between"))
            + '<text:h text:outline-level="2"/>'
            + tp("Three.")
            + '<table:table><table:table-row><table:table-cell>' + tp("A") + "</table:table-cell>"
            + "<table:table-cell>" + tp(image("Cell")) + "</table:table-cell></table:table-row></table:table>"
            + image("Page")
            + tp("Four.")
            + tp(image("Last")))
    doc = odt(body)
    assert [(f["name"], f["part"], f["xml_part"], f["section"], f.get("location")) for f in features(doc, "image")] == [
        ("First", "body", "content.xml", "Safety", "under 'Safety', before paragraph 1"),
        ("Between", "body", "content.xml", "Safety", "under 'Safety', after paragraph 2"),
        ("Cell", "body", "content.xml", "Safety", "under 'Safety', table 1, row 1, column 2"),
        ("Page", "body", "content.xml", "Safety", "under 'Safety', after table 1"),
        ("Last", "body", "content.xml", "Safety", "at the end of the document"),
    ]
    (empty,) = [f for f in features(doc, "heading") if not f["text"]]
    assert (empty["paragraph"], empty["section"], empty["location"]) == (
        5, "Safety", "under 'Safety', after paragraph 2")
    heading = features(doc, "heading")[0]
    assert (heading["part"], heading["paragraph"], heading["section"]) == ("body", 0, None)
    assert "location" not in heading


def test_tracked_changes_hidden_text_and_fields() -> None:
    body = (
        '<text:tracked-changes><text:changed-region text:id="c1"><text:insertion/></text:changed-region>'
        '<text:changed-region text:id="c2"><text:deletion>' + tp("deleted words")
        + "</text:deletion></text:changed-region></text:tracked-changes>"
        + tp('Notes after every visit <text:change-start text:change-id="c1"/>inserted words '
             '<text:change-end text:change-id="c1"/>and keep them <text:change text:change-id="c2"/>safe.')
        + tp('Issued <text:date text:date-value="2024-04-01">1 April 2024</text:date>.'
             '<text:hidden-text text:string-value="x" text:condition="ooow:1">secret</text:hidden-text>')
        + tp('Ruby <text:ruby><text:ruby-base>base</text:ruby-base><text:ruby-text>annotation</text:ruby-text>'
             "</text:ruby>.")
    )
    doc = odt(body)
    assert lines(doc) == ["Notes after every visit inserted words and keep them safe.", "Issued 1 April 2024.",
                          "Ruby base."]


def test_annotations_are_comments_and_can_hold_directives() -> None:
    body = (tp('We will <office:annotation office:name="a1"><dc:creator>Forum</dc:creator>'
               + tp("speakeasy: ignore social-care.jargon -- the forum kept this word")
               + '</office:annotation>signpost<office:annotation-end office:name="a1"/> you.')
            + tp('Point comment <office:annotation><dc:creator>X</dc:creator>' + tp("speakeasy: nonsense")
                 + "</office:annotation>here.")
            + tp('Plain <office:annotation office:name="a3">' + tp("Is this right?")
                 + '</office:annotation>words<office:annotation-end office:name="a3"/>.'))
    doc = odt(body)
    assert lines(doc) == ["We will signpost you.", "Point comment here.", "Plain words."]
    start = doc.source.index("signpost")
    assert doc.directives == [Directive("range", ("social-care.jargon",), "the forum kept this word", start, start,
                                        start, start + 8)]
    (problem,) = doc.directive_problems
    assert doc.source[problem.start:problem.end] == "Point comment here."
    with_comments = odt(body, include_comments=True)
    assert [(b.text, b.locator["part_label"]) for b in with_comments.blocks][3:] == [
        ("speakeasy: ignore social-care.jargon -- the forum kept this word", "comment 1"),
        ("speakeasy: nonsense", "comment 2"),
        ("Is this right?", "comment 3"),
    ]


def test_run_and_paragraph_features() -> None:
    body = (tp('Read <text:span text:style-name="Emphasis">this part</text:span> and '
               '<text:span text:style-name="T1">this</text:span> and <text:span text:style-name="T2">shout'
               '</text:span> and <text:span text:style-name="T3">tiny print</text:span>.')
            + tp("Set out evenly.", "P1") + tp("Small words everywhere.", "P2"))
    doc = odt(body)
    assert [(f["text"], f["italic"], f["underline"], f["caps"], f["size_pt"]) for f in features(doc, "run")] == [
        ("this part", True, False, False, 12.0), ("this", False, True, False, 12.0),
        ("shout", False, False, True, 12.0), ("tiny print", False, False, False, 8.0)]
    assert [(f["justified"], f["size_pt"], f["style"]) for f in features(doc, "paragraph")] == [
        (False, 12.0, "Text body"), (True, 12.0, "Text body"), (False, 9.0, "Text body")]


def test_shapes_with_text_and_sections_are_read() -> None:
    body = ('<text:section text:name="S1">' + tp("In a section.") + "</text:section>"
            + '<text:table-of-content><text:table-of-content-source><text:index-title-template>Contents'
              "</text:index-title-template></text:table-of-content-source><text:index-body>"
              '<text:index-title>' + tp("Contents") + "</text:index-title>" + tp("Purpose 1")
            + "</text:index-body></text:table-of-content>"
            + tp('<draw:custom-shape draw:name="Shape">' + tp("Shape text.") + "</draw:custom-shape>Anchor."))
    doc = odt(body)
    assert [(b.text, b.locator["part"]) for b in doc.blocks] == [
        ("In a section.", "body"), ("Contents", "body"), ("Purpose 1", "body"), ("Anchor.", "body"),
        ("Shape text.", "text box")]


def _fixture(name: str) -> Path:
    path = FIXTURES / name
    assert path.is_file(), f"{path} is missing: it is one of the repository's test files"
    return path


def test_policy_features_odt() -> None:
    doc = read_path(_fixture("policy-features.odt"))
    check_mapping(doc)
    text = lines(doc)
    assert "This policy explains how we facilitate support for service users who receive domiciliary care at home." \
        in text
    assert ("Care workers must write notes after every visit inserted words here and keep them in the home folder."
            in text)
    assert not any("deleted words" in line for line in text)
    assert not any("co-production forum" in line for line in text)
    labels = [b.locator["part_label"] for b in doc.blocks]
    assert labels[:3] == ["first-page header", "header", "even-page header"]
    assert labels[-3:] == ["first-page footer", "footer", "even-page footer"]
    assert [(t["table"], t["header_row"]) for t in features(doc, "table")] == [
        ("1", True), ("2", False), ("3", False), ("3.1", False)]
    assert [b.text for b in doc.blocks if b.kind is BlockKind.FOOTNOTE] == [
        "Domiciliary care means care and support given to a person in their own home.",
        "The Care Act 2014 is the main law about adult social care in England.",
        "Two weeks is the shortest time allowed. Managers can make it longer.",
    ]


def test_suppression_odt_fixture() -> None:
    doc = read_path(_fixture("suppression.odt"))
    (d,) = doc.directives
    assert (d.action, d.rules, d.reason) == ("range", ("social-care.jargon",), "the forum kept this word")
    assert doc.source[d.applies_from:d.applies_to] == "signpost"


def test_a_check_of_the_suppression_fixture_flags_only_the_second_signpost(cli) -> None:
    import json

    code, out, _err = cli("check", "--no-config", "--format", "json", str(_fixture("suppression.odt")))
    found = [f for f in json.loads(out)["files"][0]["findings"] if f["rule"] == "social-care.jargon"]
    assert [(f["match"], f["line"]) for f in found] == [("signpost", 3)]
