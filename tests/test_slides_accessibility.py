"""The slide checks of the ``accessibility`` kind (the ``slides-accessibility`` pack), on real .pptx and .odp files."""

from __future__ import annotations

import pytest
from conftest import ROOT
from slides_support import pptx_bytes, sp

from speakeasy.engine import lint_document
from speakeasy.kinds.slides import order_problem
from speakeasy.readers import read_bytes, read_path
from speakeasy.testing import build_pptx

DATA = ROOT / "tests" / "data" / "slides"
PACK = "slides-accessibility."


def found(doc, ruleset) -> list[tuple[str, str, str]]:
    return [(f.rule.removeprefix(PACK), f.location, f.message) for f in lint_document(doc, ruleset).findings
            if f.rule.startswith(PACK)]


def deck(markup: str):
    return read_bytes("deck.pptx", build_pptx(markup))


@pytest.mark.parametrize("name", ["talk.pptx", "talk.odp"])
def test_the_libreoffice_deck_has_one_problem_of_each_kind(name: str, default_ruleset) -> None:
    problems = found(read_path(DATA / name), default_ruleset)
    assert [(rule, where) for rule, where, _ in problems] == [
        ("table-header", "slide 2"),
        ("slide-title", "slide 3"),
        ("image-alt-text", "slide 3"),  # its only alt text is its file name
        ("reading-order", "slide 4"),
        ("reading-order", "slide 5"),
    ]
    messages = [m for _, _, m in problems]
    assert messages[1].startswith("Slide 3 has no title.")
    assert messages[2].startswith("The picture 'Picture 5' on slide 3 has no alt text.")
    assert messages[3].startswith("On slide 4, 'Ring us on weekdays.' is read out before the title.")
    assert messages[4].startswith("On slide 5, 'First we phone you.' is above 'Then we visit you.', but screen "
                                  "readers read it after.")


def test_image_alt_text(default_ruleset) -> None:
    doc = deck('# Offices\n<img>\n<img alt="A map of the county">\n<img decorative>\n'
               '---\n# Chart\n<img alt="chart.png">')
    assert [(r, w) for r, w, _ in found(doc, default_ruleset)] == [("image-alt-text", "slide 1"),
                                                                   ("image-alt-text", "slide 2")]


def test_slide_title(default_ruleset) -> None:
    doc = deck("# Opening hours\nRing us.\n---\nNo title here.\n---\n#\nAn empty title.")
    problems = found(doc, default_ruleset)
    assert [(r, w) for r, w, _ in problems] == [("slide-title", "slide 2"), ("slide-title", "slide 3")]
    assert problems[1][2].startswith("The title of slide 3 is empty.")


def test_reading_order(default_ruleset) -> None:
    doc = deck("# Steps\n<top=2> First.\n<top=4> Then.\n---\nRead before the title.\n# Late title\n"
               "---\n# Steps\n<top=4> Then we visit you.\n<top=2> First we phone you.")
    assert [(r, w) for r, w, _ in found(doc, default_ruleset)] == [("reading-order", "slide 2"),
                                                                   ("reading-order", "slide 3")]


def test_table_header(default_ruleset) -> None:
    doc = deck("# Who to call\n|= Team | Phone |\n| Carers | 0300 |\n---\n# Numbers\n| Carers | 0300 |\n"
               "| Care team | 0301 |\n---\n# One row\n| Carers | 0300 |")
    assert [(r, w) for r, w, _ in found(doc, default_ruleset)] == [("table-header", "slide 2")]


def box(left: float, top: float, right: float, bottom: float) -> list[float]:
    return [left, top, right, bottom]


@pytest.mark.parametrize("shapes, expected", [
    ([{"role": "title", "text": "T", "box": box(0, 0, 700, 100)},
      {"role": "text", "text": "a", "box": box(50, 150, 300, 200)}], None),
    # side by side: the right column's top is above the left column's bottom, but they share no column
    ([{"role": "title", "text": "T", "box": box(0, 0, 700, 100)},
      {"role": "text", "text": "left", "box": box(0, 150, 300, 500)},
      {"role": "text", "text": "right", "box": box(350, 150, 700, 300)}], None),
    # where a shape is, is not known: nothing can be said
    ([{"role": "title", "text": "T", "box": None}, {"role": "text", "text": "low", "box": box(0, 300, 300, 400)},
      {"role": "text", "text": "high", "box": None}], None),
    ([{"role": "text", "text": "a", "box": None}, {"role": "title", "text": "T", "box": None}],
     ("reading-order-title", {"first": "'a'"})),
    ([{"role": "title", "text": "T", "box": box(0, 0, 700, 100)},
      {"role": "picture", "name": "Logo", "text": "", "box": box(0, 400, 100, 500)},
      {"role": "text", "text": "high", "box": box(0, 150, 300, 200)}],
     ("reading-order", {"first": "the picture 'Logo'", "later": "'high'"})),
])
def test_what_counts_as_out_of_order(shapes, expected) -> None:
    assert order_problem(shapes) == expected


def test_the_checks_leave_word_files_alone(default_ruleset) -> None:
    from speakeasy.testing import build_docx

    doc = read_bytes("policy.docx", build_docx("<img>\n| a | b |\n| c | d |"))
    assert found(doc, default_ruleset) == []


def test_a_picture_in_a_hand_made_deck_with_a_decorative_mark_is_left_alone(default_ruleset) -> None:
    pic = ('<p:pic><p:nvPicPr><p:cNvPr id="3" name="Swirl"><a:extLst>'
           '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
           '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
           '</a:ext></a:extLst></p:cNvPr><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill/><p:spPr/></p:pic>')
    doc = read_bytes("deck.pptx", pptx_bytes([sp("Welcome", ph="title") + pic]))
    assert found(doc, default_ruleset) == []
    [image] = [f for f in doc.features if f.kind == "slide-image"]
    assert image.data["decorative"] is True and image.data["name"] == "Swirl"


def test_a_picture_inside_text_on_an_impress_slide_is_checked_with_its_slide(default_ruleset) -> None:
    from slides_support import odp_bytes

    page = ('<draw:page><draw:frame presentation:class="title"><draw:text-box><text:p>Our offices</text:p>'
            '</draw:text-box></draw:frame><draw:frame presentation:class="outline"><draw:text-box><text:p>The logo '
            '<draw:frame draw:name="Logo"><draw:image/></draw:frame></text:p></draw:text-box></draw:frame></draw:page>')
    doc = read_bytes("deck.odp", odp_bytes(page))
    assert [(r, m) for r, _, m in found(doc, default_ruleset)] == [
        ("image-alt-text", "The picture 'Logo' on slide 1 has no alt text. In PowerPoint, right-click it, choose "
                           "View Alt Text, and say what it shows, or tick Mark as decorative. In Impress, right-click "
                           "it and choose Description.")]
    assert {f.kind for f in doc.features} == {"slide", "slide-image"}  # no Word-worded features on slides


def test_a_decorative_picture_has_no_place_in_the_reading_order(default_ruleset) -> None:
    doc = deck("# Steps\n<top=4> First we phone you.\n<top=1> <img decorative>\n---\n"
               "# Steps\n<top=4> First we phone you.\n<top=1> <img alt=\"Our logo\">")
    assert [(r, w) for r, w, _ in found(doc, default_ruleset)] == [("reading-order", "slide 2")]


def test_link_text(default_ruleset) -> None:
    doc = deck("# Groups\nTo find a group, [click here](https://example.org/groups).\n"
               "Read our [list of support groups](https://example.org/list).\n"
               "[https://example.org/list](https://example.org/list)")
    problems = found(doc, default_ruleset)
    assert [(r, w) for r, w, _ in problems] == [("link-text", "slide 1, text"), ("link-text", "slide 1, text")]
    assert problems[0][2].startswith("The link text 'click here' does not say where the link goes. In PowerPoint,")
    assert problems[1][2].startswith("This link shows a web address, which screen readers read out letter by letter.")


def test_link_text_on_an_impress_slide(default_ruleset) -> None:
    from slides_support import odp_bytes

    page = ('<draw:page><draw:frame presentation:class="title"><draw:text-box><text:p>Groups</text:p>'
            '</draw:text-box></draw:frame><draw:custom-shape><text:p>To find a group, <text:a '
            'xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="https://example.org">read more</text:a>.'
            "</text:p></draw:custom-shape></draw:page>")
    doc = read_bytes("deck.odp", odp_bytes(page))
    [link] = [f for f in doc.features if f.kind == "slide-link"]
    assert (link.data["text"], link.data["url"], link.data["slide"]) == ("read more", "https://example.org", 1)
    assert [(r, w) for r, w, _ in found(doc, default_ruleset)] == [("link-text", "slide 1, text")]
