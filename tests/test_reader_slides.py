"""The slide readers: PowerPoint .pptx and Impress .odp, on files LibreOffice made and on hand-made XML."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT
from slides_support import A, odp_bytes, pptx_bytes, sp

from speakeasy.engine import lint_document
from speakeasy.errors import InputError
from speakeasy.readers import capabilities, read_bytes, read_path
from speakeasy.testing import assert_reader_contract, build_pptx

DATA = ROOT / "tests" / "data" / "slides"
TALK = [
    ("heading", "Short breaks for carers", "slide 1, title"),
    ("paragraph", "We will commence your reablement soon.", "slide 1, text"),
    ("paragraph", "Please utilise the form to tell us.", "slide 1, text"),
    ("paragraph", "Say that we will signpost people to other services.", "slide 1, notes"),
    ("heading", "Who to call", "slide 2, title"),
    ("table_cell", "Team", "slide 2"),
    ("table_cell", "Phone", "slide 2"),
    ("table_cell", "Reablement team", "slide 2"),
    ("table_cell", "0300 123 4567", "slide 2"),
    ("paragraph", "Text in a group.", "slide 3, text"),
    ("paragraph", "Text in a nested group.", "slide 3, text"),
    ("paragraph", "Ring us on weekdays.", "slide 4, text"),
    ("heading", "Opening hours", "slide 4, title"),
    ("heading", "What happens next", "slide 5, title"),
    ("paragraph", "Then we visit you.", "slide 5, text"),
    ("paragraph", "First we phone you.", "slide 5, text"),
]


def blocks(doc) -> list[tuple[str, str, str]]:
    return [(b.kind.value, b.text, b.locator["part_label"]) for b in doc.blocks]


def test_a_pptx_from_libreoffice_is_read_slide_by_slide_in_reading_order() -> None:
    doc = read_path(DATA / "talk.pptx")
    assert doc.format == "pptx"
    assert blocks(doc) == TALK
    assert_reader_contract(doc)
    assert [b.locator["slide"] for b in doc.blocks] == [1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 4, 4, 5, 5, 5]
    cell = doc.blocks[7].locator
    assert (cell["table"], cell["row"], cell["column"], cell["shape"]) == ("1", 2, 1, "Table 2")
    assert doc.blocks[3].locator["part"] == "notes"
    assert doc.blocks[3].locator["xml_part"].startswith("ppt/notesSlides/")


def test_an_odp_from_libreoffice_is_read_the_same_way() -> None:
    doc = read_path(DATA / "talk.odp")
    assert doc.format == "odp"
    assert_reader_contract(doc)
    # Impress keeps the body placeholder's paragraphs as a list; everything else is as in the .pptx
    odp = blocks(doc)
    assert [k for k, _, _ in odp[1:3]] == ["list_item", "list_item"]
    assert [(t, where) for _, t, where in odp] == [(t, where) for _, t, where in TALK]
    assert [b.heading_level for b in doc.blocks if b.kind.value == "heading"] == [1, 1, 1, 1]


@pytest.mark.parametrize("name", ["talk.pptx", "talk.odp"])
def test_findings_say_which_slide_and_which_part(name: str, default_ruleset) -> None:
    doc = read_path(DATA / name)
    found = {f.match: f.location for f in lint_document(doc, default_ruleset).findings if f.match}
    assert found["commence"] == "slide 1, text"
    assert found["utilise"] == "slide 1, text"
    assert found["signpost"] == "slide 1, notes"


def test_a_finding_in_a_table_cell_names_the_slide_table_row_and_column(default_ruleset) -> None:
    doc = read_bytes("deck.pptx", build_pptx("# Visits\n|= Day | Time |\n| Visits commence on Monday | 9am |"))
    [f] = [f for f in lint_document(doc, default_ruleset).findings if f.match == "commence"]
    assert f.location == "slide 1, table 1, row 2, column 1"


def test_the_slide_feature_lists_shapes_in_reading_order_with_their_boxes() -> None:
    slides = {f.data["slide"]: f.data for f in read_path(DATA / "talk.pptx").features if f.kind == "slide"}
    assert [s["title"] for s in slides.values()] == ["Short breaks for carers", "Who to call", None, "Opening hours",
                                                     "What happens next"]
    assert [(s["role"], s["name"]) for s in slides[2]["shapes"]] == [
        ("title", "PlaceHolder 1"), ("table", "Table 2"), ("picture", "Picture 3")]
    assert [s["role"] for s in slides[4]["shapes"]] == ["text", "title"]
    assert all(s["box"] is not None for d in slides.values() for s in d["shapes"])


def test_shapes_in_groups_are_placed_on_the_slide_as_impress_places_them() -> None:
    """A .pptx keeps a group's shapes in the group's own coordinates; the .odp made from the same
    slides keeps them on the page.  The reader turns the first into the second."""
    def boxes(name: str) -> dict[str, list[float]]:
        slide3 = next(f for f in read_path(DATA / name).features if f.kind == "slide" and f.data["slide"] == 3)
        return {s["name"]: s["box"] for s in slide3.data["shapes"]}

    pptx, odp = boxes("talk.pptx"), boxes("talk.odp")
    assert set(pptx) == set(odp) == {"TextBox 2", "TextBox 4", "Picture 5"}
    for name in pptx:
        assert pptx[name] == pytest.approx(odp[name], abs=1.0), name


def test_a_placeholder_without_a_place_takes_its_place_from_the_layout() -> None:
    """python-pptx writes a title placeholder with no a:xfrm: PowerPoint puts it where the layout says."""
    doc = read_bytes("deck.pptx", build_pptx("Ring us on weekdays.\n# Opening hours"))
    [slide] = [f for f in doc.features if f.kind == "slide"]
    title = next(s for s in slide.data["shapes"] if s["role"] == "title")
    assert title["box"] is not None and title["box"][1] < 72  # near the top of the slide, from the layout
    assert blocks(doc) == [("paragraph", "Ring us on weekdays.", "slide 1, text"),
                           ("heading", "Opening hours", "slide 1, title")]


def test_line_breaks_fields_made_placeholders_and_hidden_slides() -> None:
    runs = ('<a:p><a:r><a:t>Ring us</a:t></a:r><a:br/><a:r><a:t>on weekdays</a:t></a:r>'
            '<a:fld id="{1}" type="datetime"><a:t>7 December 2026</a:t></a:fld></a:p>')
    data = pptx_bytes(
        [sp("Opening hours", ph="title") + sp(runs) + sp("9", ph="sldNum") + sp("Today", ph="dt"),
         sp("A hidden slide", ph="ctrTitle")],
        notes={1: sp("", ph="sldImg") + sp("Speak slowly.", ph="body") + sp("1", ph="sldNum")},
        hidden={2})
    doc = read_bytes("deck.pptx", data)
    assert_reader_contract(doc)
    assert blocks(doc) == [("heading", "Opening hours", "slide 1, title"),
                           ("paragraph", "Ring us on weekdays7 December 2026", "slide 1, text"),
                           ("paragraph", "Speak slowly.", "slide 1, notes"),
                           ("heading", "A hidden slide", "slide 2, title")]
    pieces = doc.native.blocks[1].pieces
    assert [p.slot for p in pieces] == ["text", "marker", "text", "marker"]
    assert [f.data["hidden"] for f in doc.features if f.kind == "slide"] == [False, True]


def test_an_empty_presentation_has_no_blocks() -> None:
    doc = read_bytes("deck.pptx", pptx_bytes([]))
    assert doc.blocks == [] and doc.source == ""


def test_odp_skips_slide_numbers_and_knows_hidden_slides() -> None:
    page = ('<draw:page draw:name="One" draw:style-name="dp1">'
            '<draw:frame presentation:class="title" svg:x="1cm" svg:y="1cm" svg:width="20cm" svg:height="3cm">'
            "<draw:text-box><text:p>Opening hours</text:p></draw:text-box></draw:frame>"
            '<draw:frame presentation:class="page-number"><draw:text-box><text:p>1</text:p></draw:text-box>'
            "</draw:frame>"
            '<draw:custom-shape draw:name="Box" svg:x="1cm" svg:y="5cm" svg:width="5cm" svg:height="2cm">'
            "<text:p>Ring us on weekdays.</text:p></draw:custom-shape></draw:page>")
    hidden = '<style:style style:name="dp1" style:family="drawing-page"><style:drawing-page-properties ' \
             'presentation:visibility="hidden"/></style:style>'
    doc = read_bytes("deck.odp", odp_bytes(page, automatic=hidden))
    assert_reader_contract(doc)
    assert blocks(doc) == [("heading", "Opening hours", "slide 1, title"),
                           ("paragraph", "Ring us on weekdays.", "slide 1, text")]
    [slide] = [f for f in doc.features if f.kind == "slide"]
    assert slide.data["hidden"] is True
    assert slide.data["shapes"][1]["box"] == pytest.approx([28.3, 141.7, 170.1, 198.4], abs=0.1)


@pytest.mark.parametrize("name, data, code, says", [
    ("deck.pptx", b"just some words", "not-pptx",
     "this is not a PowerPoint .pptx file (it is not a zip package); open it in PowerPoint or LibreOffice "
     "and save it as .pptx."),
    ("deck.pptx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old-powerpoint-format",
     "this is an old PowerPoint .ppt file; open it in PowerPoint or LibreOffice and save it as .pptx."),
    ("deck.odp", b"just some words", "not-odp",
     "this is not an OpenDocument .odp file (it is not a zip package); open it in LibreOffice and save it "
     "as .odp."),
    ("deck.odp", odp_bytes("", mimetype="application/vnd.oasis.opendocument.text"), "not-odp",
     "this is not an OpenDocument presentation (it is 'application/vnd.oasis.opendocument.text'); speakeasy "
     "reads presentations (.odp) here. If it is a text document, rename it to end in .odt."),
    ("deck.pptx", odp_bytes(""), "not-pptx",
     "this is an OpenDocument file, not a PowerPoint .pptx file; rename it to end in .odp and try again."),
])
def test_a_file_that_is_not_what_its_name_says_is_one_clear_error(name: str, data: bytes, code: str,
                                                                  says: str) -> None:
    with pytest.raises(InputError) as err:
        read_bytes(name, data)
    assert (err.value.code, err.value.reason) == (code, says)


def test_a_word_file_named_pptx_says_so() -> None:
    from speakeasy.testing import build_docx

    with pytest.raises(InputError) as err:
        read_bytes("deck.pptx", build_docx("Hello."))
    assert err.value.reason == ("this is a Word .docx file, not a PowerPoint .pptx file; rename it to end in .docx "
                                "and try again.")


def test_slides_can_be_fixed_in_their_runs_and_have_no_line_numbers() -> None:
    for fmt, named in (("pptx", "PowerPoint files"), ("odp", "Impress files")):
        caps = capabilities(fmt)
        assert caps is not None and caps.fix == "runs" and not caps.line_numbers and caps.files_named == named
        assert not caps.tracked_changes


def test_check_help_names_the_slide_formats() -> None:
    out = subprocess.run([sys.executable, "-m", "speakeasy", "check", "--help"], capture_output=True, text=True,
                         cwd=ROOT, timeout=60).stdout
    flat = " ".join(out.split())
    assert ".odp" in flat and ".pptx" in flat


def test_reading_a_slide_deck_does_not_import_python_pptx() -> None:
    code = ("import sys; from speakeasy.readers import read_path; "
            f"read_path({str(DATA / 'talk.pptx')!r}); read_path({str(DATA / 'talk.odp')!r}); "
            "print('pptx' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_text_in_a_group_in_a_group_is_read_where_the_group_is() -> None:
    inner = (f'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="5" name="Inner"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
             f'<p:grpSpPr/>{sp("Deep inside.", name="Deep")}</p:grpSp>')
    outer = (f'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="4" name="Outer"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
             f'<p:grpSpPr/>{sp("In the group.")}{inner}</p:grpSp>')
    doc = read_bytes("deck.pptx", pptx_bytes([sp("Title", ph="title") + outer + sp("After the group.")]))
    assert [b.text for b in doc.blocks] == ["Title", "In the group.", "Deep inside.", "After the group."]
    assert doc.blocks[2].locator["shape"] == "Deep"
    assert A in doc.native.namespace
