"""The Word .docx reader: everything a reader of the published document sees, in order, mapped back to its runs."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from conftest import ROOT
from speakeasy.directives import comment_directive
from speakeasy.model import BlockKind, Directive, DirectiveProblem
from speakeasy.readers import format_for, read_bytes, read_path
from speakeasy.readers.docx.runs import field_hyperlink
from speakeasy.readers.office.common import Piece
from test_reader_docx_support import (
    check_mapping,
    docx_bytes,
    features,
    lines,
    p,
    r,
    read_docx,
)

SHARED = ROOT.parent / "shared" / "data"
MOJ = ROOT / "tests" / "data" / "moj"
FIXTURES = ROOT / "tests" / "data" / "docx"


def kinds(doc) -> list[tuple[str, str]]:
    return [(b.kind.value, b.text) for b in doc.blocks]


# ---------------------------------------------------------------------------
# registration


def test_docx_and_odt_are_registered() -> None:
    assert format_for("Policy.DOCX") == "docx"
    assert format_for("policy.odt") == "odt"


def test_read_bytes_does_not_decode_binary_formats() -> None:
    doc = read_bytes("x.docx", docx_bytes(p("We will commence the plan.")))
    assert doc.format == "docx"
    assert doc.source == "We will commence the plan."


# ---------------------------------------------------------------------------
# text, runs and the mapping back to the XML


def test_text_split_across_runs_is_one_word_and_maps_to_each_run() -> None:
    doc = read_docx(p(runs=r("We fa") + r("cilitate", "<w:b/>") + r(" support.")))
    (block,) = doc.blocks
    assert block.text == "We facilitate support."
    pieces = doc.native.blocks[0].pieces
    assert [(pc.block_start, pc.block_end, pc.element.text, pc.element_start) for pc in pieces] == [
        (0, 5, "We fa", 0), (5, 13, "cilitate", 0), (13, 22, " support.", 0)
    ]
    assert all(isinstance(pc, Piece) and pc.replaceable and pc.slot == "text" for pc in pieces)
    assert doc.native.blocks[0].paragraph.tag.endswith("}p")
    assert doc.native.blocks[0].xml_part == "word/document.xml"
    assert set(doc.native.parts) >= {"word/document.xml", "word/styles.xml"}


def test_leading_spaces_are_trimmed_and_the_mapping_follows() -> None:
    doc = read_docx(p(runs=r("   ") + r("  Hello there.  ")))
    assert lines(doc) == ["Hello there."]
    (piece,) = doc.native.blocks[0].pieces
    assert (piece.block_start, piece.block_end, piece.element_start) == (0, 12, 2)


def test_tabs_and_breaks_are_one_space_each_and_not_replaceable() -> None:
    runs = '<w:r><w:t>Name:</w:t><w:tab/><w:t>Jo</w:t><w:br/><w:t>Next</w:t><w:cr/><w:t>line</w:t></w:r>'
    doc = read_docx(p(runs=runs))
    assert lines(doc) == ["Name: Jo Next line"]
    markers = [pc for pc in doc.native.blocks[0].pieces if not pc.replaceable]
    assert [(pc.block_start, pc.slot, pc.element.tag.split("}")[1]) for pc in markers] == [
        (5, "marker", "tab"), (8, "marker", "br"), (13, "marker", "cr")
    ]


def test_a_newline_inside_w_t_never_splits_a_block() -> None:
    doc = read_docx(p(runs='<w:r><w:t xml:space="preserve">one\ntwo&#13;\nthree&#x2028;end</w:t></w:r>'))
    assert lines(doc) == ["one two  three end"]


def test_source_is_one_line_per_block_and_positions_follow() -> None:
    doc = read_docx(p("First paragraph.") + p("") + p("   ") + p("Second one."))
    assert doc.source == "First paragraph.\nSecond one."
    assert [b.start for b in doc.blocks] == [0, 17]
    assert doc.position(doc.blocks[1].start + 7) == (2, 8)
    assert [b.locator["paragraph"] for b in doc.blocks] == [0, 3]


def test_web_addresses_are_masked_in_block_text_but_kept_in_the_source() -> None:
    doc = read_docx(p("See https://www.gov.uk/care for more."))
    assert doc.source == "See https://www.gov.uk/care for more."
    assert doc.blocks[0].text == "See " + " " * 23 + " for more."


def test_hidden_text_is_not_read() -> None:
    doc = read_docx(p(runs=r("Shown ") + r("secret ", "<w:vanish/>") + r("hidden too ", '<w:rStyle w:val="Hidden"/>')
                      + r("words.")))
    assert lines(doc) == ["Shown words."]


# ---------------------------------------------------------------------------
# tracked changes, fields, content controls


def test_tracked_insertions_are_read_and_deletions_are_not() -> None:
    runs = (r("We will ")
            + '<w:ins w:id="1" w:author="A"><w:r><w:t xml:space="preserve">always </w:t></w:r></w:ins>'
            + '<w:del w:id="2" w:author="A"><w:r><w:delText xml:space="preserve">never </w:delText></w:r></w:del>'
            + '<w:moveFrom w:id="3" w:author="A"><w:r><w:t xml:space="preserve">moved away </w:t></w:r></w:moveFrom>'
            + '<w:moveTo w:id="4" w:author="A"><w:r><w:t xml:space="preserve">visit </w:t></w:r></w:moveTo>'
            + r("people."))
    doc = read_docx(p(runs=runs) + '<w:del w:id="5" w:author="A">' + p("A deleted paragraph.") + "</w:del>")
    assert lines(doc) == ["We will always visit people."]


def test_a_deleted_table_row_is_not_read() -> None:
    tbl = ("<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid>"
           f"<w:tr><w:tc>{p('Kept')}</w:tc></w:tr>"
           f'<w:tr><w:trPr><w:del w:id="9" w:author="A"/></w:trPr><w:tc>{p("Gone")}</w:tc></w:tr></w:tbl>')
    doc = read_docx(tbl)
    assert lines(doc) == ["Kept"]
    assert features(doc, "table")[0]["rows"] == 1


def test_fields_show_their_results_only() -> None:
    complex_field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> DATE \\@ "d MMMM yyyy" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + r("1 April 2024")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    simple_field = f'<w:fldSimple w:instr=" PAGE ">{r("3")}</w:fldSimple>'
    no_result = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                 '<w:r><w:instrText> XE "index entry" </w:instrText></w:r>'
                 '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    doc = read_docx(p(runs=r("Issued ") + complex_field + r(", page ") + simple_field + no_result + r(".")))
    assert lines(doc) == ["Issued 1 April 2024, page 3."]


def test_a_nested_field_in_an_instruction_is_not_shown() -> None:
    runs = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("2") +
            '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:instrText> = 1 "one" "many"</w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("many") +
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    doc = read_docx(p(runs=r("Pages: ") + runs))
    assert lines(doc) == ["Pages: many"]


def test_hyperlink_fields_and_elements_make_hyperlink_features() -> None:
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
             '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://www.gov.uk/care" \\o "tip" </w:instrText></w:r>'
             '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("care guidance") +
             '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    element = f'<w:hyperlink r:id="rIdL1">{r("the Care Act")}</w:hyperlink>'
    anchor = f'<w:hyperlink w:anchor="_Toc1">{r("section 2")}</w:hyperlink>'
    doc = read_docx(p(runs=r("Read ") + field + r(", ") + element + r(" and ") + anchor + r(".")),
                    links={"rIdL1": "https://www.legislation.gov.uk/ukpga/2014/23"})
    assert lines(doc) == ["Read care guidance, the Care Act and section 2."]
    assert [(f["text"], f["url"], f["start"], f["end"]) for f in features(doc, "hyperlink")] == [
        ("care guidance", "https://www.gov.uk/care", 5, 18),
        ("the Care Act", "https://www.legislation.gov.uk/ukpga/2014/23", 20, 32),
        ("section 2", "#_Toc1", 37, 46),
    ]
    runs = features(doc, "run")
    assert all(f["hyperlink"] for f in runs if f["underline"])


def test_field_hyperlink_parsing() -> None:
    assert field_hyperlink(' HYPERLINK "https://a.b/c" ') == "https://a.b/c"
    assert field_hyperlink('HYPERLINK \\l "_Ref1"') == "#_Ref1"
    assert field_hyperlink('HYPERLINK "https://a.b" \\l "x" \\o "tip"') == "https://a.b#x"
    assert field_hyperlink(" PAGE ") is None


def test_content_controls_are_read_inline_and_as_blocks() -> None:
    inline = ('<w:sdt><w:sdtPr><w:alias w:val="Name"/></w:sdtPr><w:sdtContent>'
              + r("Riverside Council") + "</w:sdtContent></w:sdt>")
    block = ('<w:sdt><w:sdtPr><w:docPartObj/></w:sdtPr><w:sdtContent>'
             + p("Inside a block control.") + "</w:sdtContent></w:sdt>")
    doc = read_docx(p(runs=r("Provider: ") + inline + r(".")) + block)
    assert lines(doc) == ["Provider: Riverside Council.", "Inside a block control."]


# ---------------------------------------------------------------------------
# headings, lists, sections


def test_headings_come_from_styles_and_outline_levels_not_bold() -> None:
    body = (
        p("Home Care Policy", "Title")
        + p("Purpose", "Heading1")
        + p("Looks like a heading", runs=r("Looks like a heading", "<w:b/><w:sz w:val=\"32\"/>"))
        + p("Who it is for", "PolicyHeading")  # based on Heading 2
        + p("Direct outline level", ppr='<w:outlineLvl w:val="2"/>')
        + p("Contents", "TOCHeading")  # based on Heading 1 but outline level 9: body text
        + p("Body text despite the style", "Heading1", ppr='<w:outlineLvl w:val="9"/>')
        + p("No styles part needed", "Heading3")
    )
    doc = read_docx(body)
    assert [(b.kind.value, b.heading_level, b.text) for b in doc.blocks] == [
        ("heading", 1, "Home Care Policy"),
        ("heading", 1, "Purpose"),
        ("paragraph", 0, "Looks like a heading"),
        ("heading", 2, "Who it is for"),
        ("heading", 3, "Direct outline level"),
        ("paragraph", 0, "Contents"),
        ("paragraph", 0, "Body text despite the style"),
        ("heading", 3, "No styles part needed"),
    ]
    assert [(f["level"], f["text"]) for f in features(doc, "heading")] == [
        (1, "Home Care Policy"), (1, "Purpose"), (2, "Who it is for"), (3, "Direct outline level"),
        (3, "No styles part needed"),
    ]


def test_an_empty_heading_has_a_feature_but_no_block() -> None:
    doc = read_docx(p("Intro.") + p("", "Heading2") + p("After the empty heading."))
    assert lines(doc) == ["Intro.", "After the empty heading."]
    (empty,) = [f for f in features(doc, "heading") if f["text"] == ""]
    assert empty["level"] == 2 and empty["start"] == empty["end"] == doc.blocks[1].start
    # no block of its own, so the feature says where it is
    assert (empty["part"], empty["paragraph"], empty["section"], empty["location"]) == (
        "body", 1, None, "after paragraph 1")


def test_sections_name_the_nearest_heading_above() -> None:
    doc = read_docx(p("Before.") + p("Purpose", "Heading1") + p("Text.") + p("Scope", "Heading2") + p("More."))
    assert [(b.text, b.section) for b in doc.blocks] == [
        ("Before.", None), ("Purpose", None), ("Text.", "Purpose"), ("Scope", "Purpose"), ("More.", "Scope")
    ]


def test_list_items_from_numbering_direct_or_through_the_style() -> None:
    numbered = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>'
    doc = read_docx(p("Direct", ppr=numbered) + p("Through style", "ListBullet")
                    + p("Numbering switched off", "ListBullet", ppr='<w:numPr><w:numId w:val="0"/></w:numPr>')
                    + p("Plain"))
    assert kinds(doc) == [("list_item", "Direct"), ("list_item", "Through style"),
                          ("paragraph", "Numbering switched off"), ("paragraph", "Plain")]


def test_python_docx_document_reads(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_heading("Home care policy", 0)
    d.add_heading("Purpose", 1)
    d.add_paragraph("We will commence visits.")
    d.add_paragraph("First step", style="List Bullet")
    d.add_paragraph("Second step", style="List Number")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Visit"
    table.cell(0, 1).text = "Time"
    table.cell(1, 0).text = "Morning"
    table.cell(1, 1).text = "7am"
    section = d.sections[0]
    section.header.paragraphs[0].text = "Riverside Council"
    section.footer.paragraphs[0].text = "Version 1"
    path = tmp_path / "made.docx"
    d.save(str(path))
    doc = read_path(path)
    check_mapping(doc)
    assert [(b.kind.value, b.text, b.locator["part_label"]) for b in doc.blocks] == [
        ("paragraph", "Riverside Council", "header"),
        ("heading", "Home care policy", "body"),
        ("heading", "Purpose", "body"),
        ("paragraph", "We will commence visits.", "body"),
        ("list_item", "First step", "body"),
        ("list_item", "Second step", "body"),
        ("table_cell", "Visit", "body"),
        ("table_cell", "Time", "body"),
        ("table_cell", "Morning", "body"),
        ("table_cell", "7am", "body"),
        ("paragraph", "Version 1", "footer"),
    ]
    assert doc.blocks[1].heading_level == 1 and doc.blocks[2].heading_level == 1


# ---------------------------------------------------------------------------
# tables


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc>{'<w:tcPr>' + props + '</w:tcPr>' if props else ''}{p(text)}</w:tc>"


def test_tables_cell_by_cell_with_merged_cells_and_grid_columns() -> None:
    tbl = (
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        '<w:tr><w:trPr><w:tblHeader/></w:trPr>' + _tc("Role") + _tc("Duties", '<w:gridSpan w:val="2"/>') + "</w:tr>"
        "<w:tr>" + _tc("Carer", '<w:vMerge w:val="restart"/>') + _tc("Visits") + _tc("Daily") + "</w:tr>"
        "<w:tr>" + _tc("", "<w:vMerge/>") + _tc("Notes") + _tc("Weekly") + "</w:tr>"
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + _tc("Late start") + _tc("End") + "</w:tr>"
        "</w:tbl>"
    )
    doc = read_docx(p("Above.") + tbl + p("Below."))
    cells = [(b.text, b.locator["table"], b.locator["row"], b.locator["column"])
             for b in doc.blocks if b.kind is BlockKind.TABLE_CELL]
    assert cells == [
        ("Role", "1", 1, 1), ("Duties", "1", 1, 2),
        ("Carer", "1", 2, 1), ("Visits", "1", 2, 2), ("Daily", "1", 2, 3),
        ("Notes", "1", 3, 2), ("Weekly", "1", 3, 3),
        ("Late start", "1", 4, 2), ("End", "1", 4, 3),
    ]
    (table,) = features(doc, "table")
    assert (table["rows"], table["columns"], table["header_row"]) == (4, 3, True)
    assert table["start"] == doc.blocks[1].start and table["end"] == doc.blocks[-2].end


def test_nested_tables_are_numbered_inside_their_parent() -> None:
    inner = "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr>" + _tc("Inner A") + "</w:tr><w:tr>" + _tc(
        "Inner B") + "</w:tr></w:tbl>"
    first = "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr>" + _tc("First table") + "</w:tr></w:tbl>"
    outer = ("<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>" + _tc("Outer")
             + f"<w:tc>{p('Before inner')}{inner}{p('After inner')}</w:tc></w:tr></w:tbl>")
    doc = read_docx(first + outer)
    assert [(b.text, b.locator["table"], b.locator["row"], b.locator["column"]) for b in doc.blocks] == [
        ("First table", "1", 1, 1), ("Outer", "2", 1, 1), ("Before inner", "2", 1, 2),
        ("Inner A", "2.1", 1, 1), ("Inner B", "2.1", 2, 1), ("After inner", "2", 1, 2),
    ]
    assert [f["table"] for f in features(doc, "table")] == ["1", "2", "2.1"]


# ---------------------------------------------------------------------------
# headers, footers, notes, text boxes: reading order


def test_reading_order_headers_body_notes_footers() -> None:
    footnotes = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>' + r(" Second referenced.") + "</w:p></w:footnote>"
        '<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r>' + r(" First referenced.") + "</w:p></w:footnote>"
        '<w:footnote w:id="3"><w:p>' + r("Never referenced.") + "</w:p></w:footnote>"
    )
    endnotes = '<w:endnote w:id="1"><w:p>' + r("An endnote.") + "</w:p></w:endnote>"
    body = (p("Purpose", "Heading1")
            + p(runs=r("Text") + '<w:r><w:footnoteReference w:id="2"/></w:r>' + r(" and more")
                + '<w:r><w:footnoteReference w:id="1"/></w:r>' + r("."))
            + p("Scope", "Heading1")
            + p(runs=r("End") + '<w:r><w:endnoteReference w:id="1"/></w:r>'))
    doc = read_docx(body, footnotes=footnotes, endnotes=endnotes,
                    headers=[("default", p("Odd header")), ("first", p("First header")), ("even", p("Even header"))],
                    footers=[("default", p("Odd footer")), ("even", p("Even footer")), ("first", p("First footer"))])
    assert [(b.text, b.kind.value, b.locator["part"], b.locator["part_label"], b.section) for b in doc.blocks] == [
        ("First header", "paragraph", "header", "first-page header", None),
        ("Odd header", "paragraph", "header", "header", None),
        ("Even header", "paragraph", "header", "even-page header", None),
        ("Purpose", "heading", "body", "body", None),
        ("Text and more.", "paragraph", "body", "body", "Purpose"),
        ("Scope", "heading", "body", "body", "Purpose"),
        ("End", "paragraph", "body", "body", "Scope"),
        ("First referenced.", "footnote", "footnote", "footnote 1", "Purpose"),
        ("Second referenced.", "footnote", "footnote", "footnote 2", "Purpose"),
        ("An endnote.", "footnote", "endnote", "endnote 1", "Scope"),
        ("First footer", "paragraph", "footer", "first-page footer", None),
        ("Odd footer", "paragraph", "footer", "footer", None),
        ("Even footer", "paragraph", "footer", "even-page footer", None),
    ]
    assert doc.blocks[0].locator["xml_part"] == "word/header2.xml"
    assert doc.blocks[7].locator["xml_part"] == "word/footnotes.xml"


def test_first_page_and_even_page_headers_only_when_word_shows_them() -> None:
    headers = [("default", p("Odd header")), ("first", p("First header")), ("even", p("Even header"))]
    doc = read_docx(p("Body."), headers=headers, title_page=False, even_and_odd=False)
    assert lines(doc) == ["Odd header", "Body."]
    doc = read_docx(p("Body."), headers=headers, title_page=True, even_and_odd=False)
    assert lines(doc) == ["First header", "Odd header", "Body."]
    doc = read_docx(p("Body."), headers=headers, title_page=False, even_and_odd=True)
    assert lines(doc) == ["Odd header", "Even header", "Body."]


def test_one_header_part_used_by_two_sections_is_read_once() -> None:
    body = (p("Section one.", ppr='<w:sectPr><w:headerReference w:type="default" r:id="rIdheader1"/></w:sectPr>')
            + p("Section two.")
            + '<w:sectPr><w:headerReference w:type="default" r:id="rIdheader1"/>'
              '<w:headerReference w:type="first" r:id="rIdheader2"/><w:titlePg/></w:sectPr>')
    doc = read_docx(body, headers=[("default", p("Shared header")), ("first", p("Second section first page"))])
    assert [(b.text, b.locator["part_label"]) for b in doc.blocks] == [
        ("Shared header", "header"), ("Second section first page", "first-page header (section 2)"),
        ("Section one.", "body"), ("Section two.", "body"),
    ]


def test_text_boxes_are_read_once_right_after_their_anchor_paragraph() -> None:
    box = (
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor>"
        '<wp:docPr id="1" name="Text Box 1"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>'
        + p("If you are worried, call us.") + p("Any time.", "Heading2")
        + "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>" + p("If you are worried, call us.")
        + "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    vml_only = ("<w:r><w:pict><v:shape><v:textbox><w:txbxContent>" + p("Old-style box.")
                + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>")
    doc = read_docx(p("Safety", "Heading1") + p(runs=r("Anchor paragraph.") + box) + p(runs=vml_only)
                    + p("Next paragraph."))
    assert [(b.text, b.kind.value, b.locator["part"], b.locator["part_label"], b.section) for b in doc.blocks] == [
        ("Safety", "heading", "body", "body", None),
        ("Anchor paragraph.", "paragraph", "body", "body", "Safety"),
        ("If you are worried, call us.", "paragraph", "text box", "text box 1", "Safety"),
        ("Any time.", "heading", "text box", "text box 1", "Safety"),
        ("Old-style box.", "paragraph", "text box", "text box 2", "Safety"),
        ("Next paragraph.", "paragraph", "body", "body", "Safety"),
    ]
    # paragraphs are counted in XML order, including those inside text boxes and fallbacks
    assert [b.locator["paragraph"] for b in doc.blocks] == [0, 1, 2, 3, 6, 7]
    assert features(doc, "image") == []


def test_strict_ooxml_reads_the_same() -> None:
    body = (p("Purpose", "Heading1") + p(runs=r("We fa") + r("cilitate", "<w:i/>") + r(" care."))
            + f'<w:p><w:hyperlink r:id="rIdL1">{r("Link")}</w:hyperlink></w:p>')
    normal = read_docx(body, links={"rIdL1": "https://example.org/"})
    strict = read_docx(body, links={"rIdL1": "https://example.org/"}, strict=True)
    assert "purl.oclc.org" in strict.native.namespace
    assert strict.source == normal.source == "Purpose\nWe facilitate care.\nLink"
    assert kinds(strict) == kinds(normal)
    assert [(f.kind, f.start, f.end, f.data) for f in strict.features] == [
        (f.kind, f.start, f.end, f.data) for f in normal.features]


# ---------------------------------------------------------------------------
# features


def test_image_features_with_and_without_alt_text() -> None:
    def image(docpr: str) -> str:
        return ("<w:r><w:drawing><wp:inline>" + docpr +
                '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
                "<pic:pic/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>")

    doc = read_docx(
        p(runs=r("Our logo: ") + image('<wp:docPr id="1" name="Logo" descr="Council logo"/>'))
        + p(runs=image('<wp:docPr id="2" name="Picture 2" title="A title only"/>'))
        + p(runs=image('<wp:docPr id="3" name="Picture 3" descr="  "/>'))
        + p("After.")
    )
    assert lines(doc) == ["Our logo:", "After."]
    assert [(f["alt"], f["name"], f["start"]) for f in features(doc, "image")] == [
        ("Council logo", "Logo", 9), ("A title only", "Picture 2", 10), (None, "Picture 3", 10)
    ]


def test_run_and_paragraph_features() -> None:
    body = (
        p(runs=r("Read ") + r("this part", '<w:rStyle w:val="Emphasis"/>') + r(" and ")
          + r("this", "<w:u w:val=\"single\"/>") + r(" and ") + r("shouting", "<w:caps/>") + r(" and ")
          + r("tiny print", '<w:sz w:val="14"/>') + r("."))
        + p("PLEASE READ THIS SECTION FIRST. Then the rest.")
        + p("Set out evenly across the page.", "Justified")
        + p("Small words everywhere.", "Small")
    )
    doc = read_docx(body)
    runs = [(f["text"], f["italic"], f["underline"], f["caps"], f["size_pt"], f["words"])
            for f in features(doc, "run")]
    assert runs == [
        ("this part", True, False, False, 12.0, 2),
        ("this", False, True, False, 12.0, 1),
        ("shouting", False, False, True, 12.0, 1),
        ("tiny print", False, False, False, 7.0, 2),
        ("PLEASE READ THIS SECTION FIRST", False, False, True, 12.0, 5),
    ]
    assert features(doc, "run")[2]["caps_from"] == "format"
    assert features(doc, "run")[4]["caps_from"] == "text"
    paras = [(f["justified"], f["size_pt"], f["style"]) for f in features(doc, "paragraph")]
    assert paras == [(False, 12.0, "Normal"), (False, 12.0, "Normal"), (True, 12.0, "Justified"),
                     (False, 8.0, "Small Print")]


def test_every_feature_says_where_it_is() -> None:
    body = (p("Purpose", "Heading1") + p(runs=r("Some ") + r("italic words here", "<w:i/>") + r("."))
            + "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
            + "<w:tr><w:tc>" + p("Morning") + "</w:tc><w:tc>" + p(runs=r("tiny", '<w:sz w:val="14"/>'))
            + "</w:tc></w:tr></w:tbl>")
    doc = read_docx(body, headers=[("default", p(runs=r("Header words", "<w:caps/>")))])
    where = [(f.kind, f.data["part"], f.data["part_label"], f.data["xml_part"], f.data["paragraph"],
              f.data["section"], f.data.get("row"), f.data.get("location")) for f in doc.features]
    assert where == [
        ("run", "header", "header", "word/header1.xml", 0, None, None, None),
        ("paragraph", "header", "header", "word/header1.xml", 0, None, None, None),
        ("heading", "body", "body", "word/document.xml", 0, None, None, None),
        ("paragraph", "body", "body", "word/document.xml", 0, None, None, None),
        ("paragraph", "body", "body", "word/document.xml", 1, "Purpose", None, None),
        ("run", "body", "body", "word/document.xml", 1, "Purpose", None, None),
        ("paragraph", "body", "body", "word/document.xml", 2, "Purpose", 1, None),
        ("table", "body", "body", "word/document.xml", 2, "Purpose", None, None),
        ("paragraph", "body", "body", "word/document.xml", 3, "Purpose", 1, None),
    ]
    # a feature in a cell says which cell; a table feature's "table" is its own number
    assert [(f.kind, f.data["table"], f.data.get("column")) for f in doc.features if "table" in f.data] == [
        ("paragraph", "1", 1), ("table", "1", None), ("paragraph", "1", 2)]


def _image(name: str) -> str:
    return ("<w:r><w:drawing><wp:inline>" + f'<wp:docPr id="1" name="{name}"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            "<pic:pic/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>")


def test_a_feature_whose_paragraph_has_no_block_says_where_it_is() -> None:
    """An image alone in its paragraph, or an empty heading, has no line: ``location`` names its neighbours."""
    cell = "<w:tbl><w:tr><w:tc>" + p("A") + "</w:tc><w:tc>" + p(runs=_image("In a cell")) + "</w:tc></w:tr></w:tbl>"
    doc = read_docx(
        p(runs=_image("First"))
        + p("Intro.")
        + p("Safety", "Heading1")
        + p(runs=_image("Under the heading"))
        + p("One.") + p("Two.")
        + p(runs=_image("Between"))
        + p("", "Heading2")
        + p("Three.")
        + cell
        + p(runs=_image("After the table"))
        + p("Next", "Heading1")
        + p(runs=_image("Last")),
        headers=[("default", p(runs=_image("In the header")))],
    )
    assert [(f["name"], f["location"]) for f in features(doc, "image")] == [
        ("In the header", "header"),
        ("First", "before the first heading, before paragraph 1"),
        ("Under the heading", "under 'Safety', before paragraph 1"),
        ("Between", "under 'Safety', after paragraph 2"),
        ("In a cell", "under 'Safety', table 1, row 1, column 2"),
        ("After the table", "under 'Safety', after table 1"),
        ("Last", "at the end of the document"),
    ]
    (empty,) = [f for f in features(doc, "heading") if not f["text"]]
    assert empty["location"] == "under 'Safety', after paragraph 2"
    # a heading followed by nothing but another heading
    doc = read_docx(p("Safety", "Heading1") + p(runs=_image("Logo")) + p("Next", "Heading1") + p("Text."))
    assert features(doc, "image")[0]["location"] == "after heading 'Safety'"
    doc = read_docx(p(runs=_image("Logo")) + p("Safety", "Heading1") + p("Text."))
    assert features(doc, "image")[0]["location"] == "before heading 'Safety'"
    # features of paragraphs that have a block take the block's location
    doc = read_docx(p(runs=r("Logo: ") + _image("Logo")))
    assert "location" not in features(doc, "image")[0]


def test_features_are_in_source_order_and_inside_the_source() -> None:
    doc = read_docx(p("Title", "Heading1") + p(runs=r("Italic", "<w:i/>")) + p("", "Heading2"))
    starts = [f.start for f in doc.features]
    assert starts == sorted(starts)
    assert all(0 <= f.start <= f.end <= len(doc.source) for f in doc.features)


# ---------------------------------------------------------------------------
# comments and directives


def _comment(cid: int, text: str) -> str:
    return f'<w:comment w:id="{cid}" w:author="Forum" w:initials="F">{p(text)}</w:comment>'


def _commented(cid: int, before: str, words: str, after: str) -> str:
    return p(runs=r(before) + f'<w:commentRangeStart w:id="{cid}"/>' + r(words)
             + f'<w:commentRangeEnd w:id="{cid}"/><w:r><w:commentReference w:id="{cid}"/></w:r>' + r(after))


def test_comments_are_not_read_unless_asked() -> None:
    body = _commented(0, "We will ", "signpost", " you.")
    comments = _comment(0, "Is this word right?")
    doc = read_docx(body, comments=comments, footers=[("default", p("Footer"))])
    assert lines(doc) == ["We will signpost you.", "Footer"]
    doc = read_docx(body, comments=comments, footers=[("default", p("Footer"))], include_comments=True)
    assert [(b.text, b.locator["part"], b.locator["part_label"]) for b in doc.blocks] == [
        ("We will signpost you.", "body", "body"),
        ("Is this word right?", "comment", "comment 1"),
        ("Footer", "footer", "footer"),
    ]
    assert doc.directives == []


def test_a_speakeasy_comment_silences_a_rule_on_the_commented_words() -> None:
    body = p("Intro.") + _commented(3, "We will ", "signpost", " you.")
    doc = read_docx(body, comments=_comment(3, "speakeasy: ignore social-care.jargon -- the forum kept this word"))
    (d,) = doc.directives
    start = doc.source.index("signpost")
    assert d == Directive("range", ("social-care.jargon",), "the forum kept this word", start, start, start,
                          start + len("signpost"))
    assert doc.directive_problems == []


def test_a_comment_range_across_paragraphs() -> None:
    body = (p(runs=r("First ") + '<w:commentRangeStart w:id="1"/>' + r("part."))
            + p(runs=r("Second") + '<w:commentRangeEnd w:id="1"/>' + r(" part.")))
    doc = read_docx(body, comments=_comment(1, "speakeasy: ignore plain-english, readability.sentence"))
    (d,) = doc.directives
    assert d.rules == ("plain-english", "readability.sentence") and d.reason is None
    assert doc.source[d.applies_from:d.applies_to] == "part.\nSecond"


def test_malformed_speakeasy_comments_are_problems() -> None:
    body = _commented(1, "We will ", "signpost", " you.") + _commented(2, "Then ", "commence", ".")
    comments = _comment(1, "speakeasy: disable social-care") + _comment(2, "speakeasy: ignore these words please")
    doc = read_docx(body, comments=comments)
    assert doc.directives == []
    first, second = doc.directive_problems
    assert doc.source[first.start:first.end] == "signpost"
    assert first.message == ("'speakeasy: disable' does not work in a comment. "
                             "Write it like 'speakeasy: ignore RULE -- reason'.")
    assert doc.source[second.start:second.end] == "commence"
    assert second.message.startswith("speakeasy could not read the rule names 'these words please'.")


def test_comment_directive_parsing() -> None:
    assert comment_directive("Please check this word.", 0, 4) is None
    assert comment_directive("speakeasy: ignore -- all of them", 2, 5) == Directive(
        "range", (), "all of them", 2, 2, 2, 5)
    assert comment_directive("Speakeasy-ignore a.b,c", 0, 1) == Directive("range", ("a.b", "c"), None, 0, 0, 0, 1)
    assert isinstance(comment_directive("speakeasy", 0, 1), DirectiveProblem)


def test_a_speakeasy_comment_suppresses_findings_in_a_check(default_ruleset) -> None:
    from speakeasy.directives import Suppressions
    from speakeasy.engine import lint_document

    assert Suppressions([Directive("range", ("x",), None, 0, 0, 0, 10)]).suppressed("x", 5)
    body = (_commented(1, "We will ", "signpost", " you to groups.")
            + p("Staff will signpost carers too."))
    doc = read_bytes("x.docx", docx_bytes(body, comments=_comment(1, "speakeasy: ignore social-care.jargon -- agreed")))
    found = [(f.rule, f.match, f.line) for f in lint_document(doc, default_ruleset).findings
             if f.rule == "social-care.jargon"]
    assert found == [("social-care.jargon", "signpost", 2)]


# ---------------------------------------------------------------------------
# the shared fixtures and the real MoJ documents


def _shared_files() -> list[Path]:
    found = []
    for folder in (SHARED / "moj-security-policy-docx", SHARED / "docx-fixtures"):
        if folder.is_dir():
            found.extend(sorted(folder.rglob("*.docx")))
    return found


@pytest.mark.skipif(not _shared_files(), reason="../shared/data is not next to the repository")
@pytest.mark.parametrize("path", _shared_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_shared_document_reads(path: Path) -> None:
    doc = read_path(path, include_comments=True)
    check_mapping(doc)
    assert doc.format == "docx"


def test_the_shared_moj_set_is_complete_when_present() -> None:
    folder = SHARED / "moj-security-policy-docx"
    if not folder.is_dir():
        pytest.skip("../shared/data is not next to the repository")
    assert len(list(folder.glob("*.docx"))) == 106


#: (file, rule, matched text, location): checked by hand against the documents.
PINNED = [
    ("passwords.docx", "plain-english.words", "exceeding", "under 'User facing services', list item 5"),
    ("passwords.docx", "acronyms.undefined", "NCSC", "under 'Best practices for everyone', paragraph 1"),
    ("baseline-aws-accounts.docx", "social-care.jargon", "leverage", "under 'SecurityHub', paragraph 2"),
    ("baseline-aws-accounts.docx", "plain-english.words", "notified", "under 'Tagging', table 4, row 2, column 2"),
    ("baseline-aws-accounts.docx", "passive-voice.passive", "is enabled",
     "under 'GuardDuty', table 1, row 2, column 1"),
    ("baseline-aws-accounts.docx", "plain-english.words", "utilise", "under 'The base principle', paragraph 1"),
    ("acceptable-use.docx", "plain-english.words", "Excessive", "under 'Unacceptable use of MoJ IT', list item 8"),
    ("acceptable-use.docx", "passive-voice.passive", "is meant", "heading 'What is meant by IT?'"),
    ("acceptable-use.docx", "plain-english.words", "indicates", "under 'Summary', paragraph 9"),
]


@pytest.fixture(scope="module")
def moj_findings(default_ruleset):
    from speakeasy.engine import lint_document

    out = {}
    for name in sorted({row[0] for row in PINNED}):
        doc = read_path(MOJ / name)
        check_mapping(doc)
        out[name] = (doc, lint_document(doc, default_ruleset).findings)
    return out


@pytest.mark.parametrize(("name", "rule", "match", "location"), PINNED)
def test_pinned_moj_findings(moj_findings, name: str, rule: str, match: str, location: str) -> None:
    doc, found = moj_findings[name]
    hits = [f for f in found if f.rule == rule and f.match == match and f.location == location]
    assert hits, [(f.rule, f.match, f.location) for f in found if f.rule == rule][:20]
    f = hits[0]
    assert doc.source[f.start:f.end] == match
    assert doc.line_text(f.line)[f.column - 1:f.column - 1 + len(match)] == match


#: Words these policies use in a sense that is not jargon: they must stay unflagged (issue 14).
NOT_JARGON = [
    ("passwords.docx", "Operating", "under 'Overview', list item 3"),  # an operating system
    ("passwords.docx", "Best practices", "heading 'Best practices for everyone'"),  # a policy about IT, not care
    ("baseline-aws-accounts.docx", "Monitoring", "under 'GuardDuty', table 1, row 1, column 2"),  # a noun
]


@pytest.mark.parametrize(("name", "match", "location"), NOT_JARGON)
def test_words_in_another_sense_in_moj_policies_are_not_flagged(moj_findings, name: str, match: str,
                                                                 location: str) -> None:
    doc, found = moj_findings[name]
    assert any(doc.source[b.start:b.end].find(match) >= 0 for b in doc.blocks)
    assert not [f for f in found if f.match == match and f.location == location
                and f.rule in ("plain-english.words", "social-care.jargon")]


def test_moj_document_structure() -> None:
    doc = read_path(MOJ / "baseline-aws-accounts.docx")
    assert doc.blocks[0].kind is BlockKind.HEADING  # pandoc's "Title"
    assert len(features(doc, "table")) == 9
    assert all(not t["header_row"] for t in features(doc, "table"))
    doc = read_path(MOJ / "acceptable-use.docx")
    links = features(doc, "hyperlink")
    assert links[0]["text"] == "here"
    assert links[0]["url"].startswith("https://intranet.justice.gov.uk/guidance/security/")


# ---------------------------------------------------------------------------
# LibreOffice-made fixtures (tests/data/docx, made by a colleague)


def _fixture(name: str) -> Path:
    path = FIXTURES / name
    assert path.is_file(), f"{path} is missing: it is one of the repository's test files"
    return path


def test_policy_features_docx() -> None:
    doc = read_path(_fixture("policy-features.docx"))
    check_mapping(doc)
    text = lines(doc)
    labels = [b.locator["part_label"] for b in doc.blocks]
    # headers first, footers last; the first-page, default and even-page ones
    assert labels[:3] == ["first-page header", "header", "even-page header"]
    assert labels[-3:] == ["first-page footer", "footer", "even-page footer"]
    assert "This policy explains how we facilitate support for service users who receive domiciliary care at home." \
        in text
    # tracked changes: the insertion is read, the deletion is not
    assert ("Care workers must write notes after every visit inserted words here and keep them in the home folder."
            in text)
    assert not any("deleted words" in line for line in text)
    # the comment is not read by default
    assert not any("co-production forum" in line for line in text)
    assert "Please check this word with the co-production forum." in lines(
        read_path(_fixture("policy-features.docx"), include_comments=True))
    heads = [(f["level"], f["text"]) for f in features(doc, "heading")]
    assert heads[:4] == [(1, "Home Care Support Policy"), (1, "Purpose of this policy"),
                         (2, "Who this policy is for"), (3, "Staff in training")]
    notes = [(b.text, b.locator["part_label"]) for b in doc.blocks if b.kind is BlockKind.FOOTNOTE]
    assert notes == [
        ("Domiciliary care means care and support given to a person in their own home.", "footnote 1"),
        ("The Care Act 2014 is the main law about adult social care in England.", "footnote 2"),
        ("Two weeks is the shortest time allowed. Managers can make it longer.", "endnote 1"),
    ]
    tables = features(doc, "table")
    assert [(t["table"], t["rows"], t["columns"], t["header_row"]) for t in tables] == [
        ("1", 4, 3, True), ("2", 2, 2, False), ("3", 4, 3, False), ("3.1", 2, 2, False)]
    images = features(doc, "image")
    assert [i["alt"] for i in images] == ["A blue square, the logo of the Riverside Council home care service.", None]
    links = [(f["text"], f["url"]) for f in features(doc, "hyperlink")]
    assert ("click here", "https://www.example.org/support-groups") in links
    runs = features(doc, "run")
    assert ("PLEASE READ THIS SECTION BEFORE YOUR FIRST VISIT", "text") in [
        (f["text"], f["caps_from"]) for f in runs]
    assert ("never share your password", "format") in [(f["text"], f["caps_from"]) for f in runs]
    assert any(f["italic"] and f["text"].startswith("This section gives examples") for f in runs)
    paras = features(doc, "paragraph")
    assert any(f["justified"] for f in paras)
    assert any(f["size_pt"] == 9.0 for f in paras)
    box = [b for b in doc.blocks if b.locator["part"] == "text box"]
    assert [(b.text, b.locator["part_label"]) for b in box] == [
        ("If you think someone is at risk of harm, call the safeguarding team straight away.", "text box 1")]
    assert text.index(box[0].text) == text.index("The box above says what to do if you are worried about someone.") + 1
    # the DATE field shows its result; "fa|cilitate" is one word over two runs
    assert "Date of issue: 1 April 2024." in text
    i = text.index("This policy explains how we facilitate support for service users who receive domiciliary care "
                   "at home.")
    assert [(pc.block_start, pc.block_end, pc.element.text) for pc in doc.native.blocks[i].pieces] == [
        (0, 30, "This policy explains how we fa"), (30, 38, "cilitate"),
        (38, 102, " support for service users who receive domiciliary care at home.")]
    assert [b.text for b in doc.blocks if b.kind is BlockKind.LIST_ITEM] == [
        "Contact the person within two working days.", "Agree a start date with the person.",
        "Write the care plan together.", "time to talk", "help with meals and drinks",
        "a check that the person is safe and well"]
    # table 3: "What they do" spans two grid columns; the vertically merged cell is read once
    assert [(b.text, b.locator["table"], b.locator["row"], b.locator["column"]) for b in doc.blocks
            if b.locator.get("table", "").startswith("3")] == [
        ("Role", "3", 1, 1), ("What they do", "3", 1, 2),
        ("Care worker", "3", 2, 1), ("Visits", "3", 2, 2), ("Gives personal care at each visit.", "3", 2, 3),
        ("Notes", "3", 3, 2), ("Writes notes after each visit.", "3", 3, 3),
        ("Manager", "3", 4, 1), ("Checks", "3", 4, 2), ("Checks the quality of care:", "3", 4, 3),
        ("Weekly", "3.1", 1, 1), ("Spot checks", "3.1", 1, 2), ("Monthly", "3.1", 2, 1),
        ("Supervision", "3.1", 2, 2)]


def test_policy_features_iso29500_reads_the_same() -> None:
    a = read_path(_fixture("policy-features.docx"), include_comments=True)
    b = read_path(_fixture("policy-features.iso29500.docx"), include_comments=True)
    check_mapping(b)
    assert [x for x in lines(a) if not x.startswith("Page ")] == [x for x in lines(b) if not x.startswith("Page ")]
    assert [x.kind for x in a.blocks] == [x.kind for x in b.blocks]


@pytest.mark.parametrize("name", ["policy-features", "simple", "suppression", "headings-skip"])
def test_docx_and_odt_fixtures_read_the_same(name: str) -> None:
    a = read_path(_fixture(f"{name}.docx"), include_comments=True)
    b = read_path(_fixture(f"{name}.odt"), include_comments=True)
    check_mapping(a)
    check_mapping(b)
    # LibreOffice writes page-number fields' results differently in the two formats
    assert [x for x in lines(a) if not x.startswith("Page ")] == [x for x in lines(b) if not x.startswith("Page ")]
    assert [(x.kind, x.heading_level, x.section, x.locator.get("part_label"), x.locator.get("table"),
             x.locator.get("row"), x.locator.get("column")) for x in a.blocks] == [
        (x.kind, x.heading_level, x.section, x.locator.get("part_label"), x.locator.get("table"),
         x.locator.get("row"), x.locator.get("column")) for x in b.blocks]
    same = ("heading", "table", "image", "hyperlink", "run")
    # the zip member and the paragraph numbers are each format's own
    own = ("style", "xml_part", "paragraph")
    assert [(f.kind, f.start, f.end, {k: v for k, v in f.data.items() if k not in own}) for f in a.features
            if f.kind in same] == [
        (f.kind, f.start, f.end, {k: v for k, v in f.data.items() if k not in own}) for f in b.features
        if f.kind in same]
    assert a.directives == b.directives


def test_headings_skip_fixture_has_an_empty_heading() -> None:
    for suffix in ("docx", "odt"):
        doc = read_path(_fixture(f"headings-skip.{suffix}"))
        assert [(f["level"], f["text"]) for f in features(doc, "heading")] == [
            (1, "Keeping your home safe"), (3, "Smoke alarms"), (2, "")]
        empty = features(doc, "heading")[2]
        assert empty["start"] == empty["end"] == doc.source.index("Tell us if")


def test_suppression_fixture_has_its_directive() -> None:
    doc = read_path(_fixture("suppression.docx"))
    (d,) = doc.directives
    assert d.action == "range" and d.rules == ("social-care.jargon",)
    assert doc.source[d.applies_from:d.applies_to] == "signpost"


# ---------------------------------------------------------------------------
# speed


def test_a_300_page_document_reads_in_a_few_seconds(tmp_path: Path) -> None:
    import random

    import docx

    random.seed(7)
    vocabulary = ("care support person plan visit staff manager review family home safe health service "
                  "council policy need help time team record").split()

    def sentence() -> str:
        return " ".join(random.choice(vocabulary) for _ in range(random.randint(6, 22))).capitalize() + "."

    d = docx.Document()
    for page in range(300):
        d.add_heading(f"Section {page + 1}", level=1 + page % 3)
        for _ in range(4):
            para = d.add_paragraph()
            for s in range(5):
                run = para.add_run(sentence() + " ")
                run.italic = s == 2
        if page % 3 == 0:
            table = d.add_table(rows=5, cols=3)
            for row in table.rows:
                for cell in row.cells:
                    cell.text = sentence()
        d.add_paragraph(sentence(), style="List Bullet")
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    started = time.perf_counter()
    doc = read_bytes("big.docx", data)
    took = time.perf_counter() - started
    assert len(doc.source.split()) > 100_000
    assert len(doc.blocks) == 300 * 6 + 100 * 15
    assert took < 5, f"reading took {took:.2f}s"
