"""The accessibility pack (rules/accessibility.yaml, kind ``document-feature``).

Each check runs on small Word files built from the example markup
(:func:`speakeasy.testing.build_docx`) and on the LibreOffice
fixtures in tests/data/docx (see its README for what is where).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from speakeasy.config import resolve
from speakeasy.engine import lint_document, lint_text
from speakeasy.ruleset import build_ruleset
from speakeasy.kinds.document import CHECKS, MESSAGES, VAGUE_LINKS
from speakeasy.model import Level
from speakeasy.packs import load_pack
from speakeasy.readers import read_bytes, read_path
from speakeasy.testing import build_docx, build_example, check_rule_examples, findings_for

DOCX = ROOT / "tests" / "data" / "docx"
PACK = load_pack(ROOT / "rules" / "accessibility.yaml")
RULES = {r.id.split(".", 1)[1]: r for r in PACK.rules}
RULESET = build_ruleset(resolve({"packs": ["accessibility"]}, no_config=True))


def rule(check: str, **options):  # type: ignore[no-untyped-def]
    r = RULES[check]
    return r.copy(options={**r.options, **options}) if options else r


def found(check: str, markup: str, **options) -> list[tuple[str, str, str]]:
    """(location, match, message) of each finding of one check on a document built from markup."""
    return [(f.location, f.match, f.message) for f in findings_for(rule(check, **options), markup)]


def messages(check: str, markup: str, **options) -> list[str]:
    return [m for _, _, m in found(check, markup, **options)]


def lint_file(path: Path) -> list[tuple[str, str, str, str]]:
    result = lint_document(read_path(path), RULESET)
    return [(f.rule, f.location, f.match, f.message) for f in result.findings]


# -- the pack -------------------------------------------------------------------------------------


def test_one_rule_per_check() -> None:
    assert sorted(RULES) == sorted(CHECKS)
    for check, r in RULES.items():
        assert r.kind == "document-feature" and r.options["check"] == check
        assert r.summary and r.why and r.example_bad and r.example_good


def test_levels() -> None:
    levels = {check: str(r.level) for check, r in RULES.items()}
    assert levels == {
        "image-alt-text": "warning", "table-header": "warning", "heading-levels": "warning",
        "empty-heading": "warning", "link-text": "warning", "text-size": "warning",
        "capitals": "suggestion", "italics": "suggestion", "underline": "suggestion", "justified": "suggestion",
    }


@pytest.mark.parametrize("check", CHECKS)
def test_the_examples_are_word_files(check: str) -> None:
    """The bad example is flagged and the good one is not, read as real .docx files."""
    r = RULES[check]
    assert check_rule_examples(r) == []
    (f, *_) = findings_for(r, r.example_bad)
    assert f.path == "example.docx"


def test_the_pack_is_a_default_pack(cli) -> None:
    code, out, _ = cli("rules", "--no-config", cwd=ROOT)
    assert code == 0
    listed = {line.split()[0] for line in out.splitlines() if line.startswith("accessibility.")}
    assert listed == {f"accessibility.{c}" for c in CHECKS}
    default = build_ruleset(resolve(no_config=True))
    assert {r.id for r in default.active} >= listed


def test_markdown_and_text_give_no_findings() -> None:
    text = (
        "# Title\n\n### Skipped\n\n##\n\n![](logo.png)\n\n[click here](https://example.org) or "
        "<https://example.org/x>\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n"
        "PLEASE READ THIS SECTION BEFORE YOUR FIRST VISIT. *This section gives examples of good practice "
        "from our care teams, and it is long.* <u>Carry your identity badge at all times.</u>\n"
    )
    assert lint_text(text, RULESET, "doc.md", "markdown").findings == []
    assert lint_text(text, RULESET, "doc.txt", "text").findings == []


def test_a_clean_word_file_gives_no_findings() -> None:
    assert lint_file(DOCX / "simple.docx") == []
    assert lint_file(DOCX / "simple.odt") == []


# -- the LibreOffice fixtures -----------------------------------------------------------------------

TABLE = ("This table has no header row. In Word, click in the top row, then choose Repeat Header Rows "
         "on the Table Layout tab.")
POLICY_FEATURES = [
    ("accessibility.table-header", "under 'Visit times', table 2, row 1, column 1",
     "Office\n01632 960001\nOut of hours\n01632 960002", TABLE),
    ("accessibility.table-header", "under 'Who does what', table 3, row 1, column 1",
     "Role\nWhat they do\nCare worker\nVisits\nGives personal care at each visit.\nNotes\nWrites notes after "
     "each visit.\nManager\nChecks\nChecks the quality of care:\nWeekly\nSpot checks\nMonthly\nSupervision", TABLE),
    ("accessibility.table-header", "under 'Who does what', table 3.1, row 1, column 1",
     "Weekly\nSpot checks\nMonthly\nSupervision", TABLE),
    ("accessibility.image-alt-text", "under 'Keeping people safe', paragraph 4", "",
     "The image 'Picture 2' has no alt text. In Word, right-click it, choose Edit Alt Text, and say what it "
     "shows. If it is only decoration, tick Mark as decorative."),
    ("accessibility.link-text", "under 'Further information', paragraph 2", "click here",
     "The link text 'click here' does not say where the link goes. In Word, right-click the link, choose "
     "Edit Hyperlink, and change the Text to display."),
    ("accessibility.link-text", "under 'Further information', paragraph 3", "https://www.example.org/complaints",
     "This link shows a web address, which screen readers read out letter by letter. In Word, right-click "
     "it, choose Edit Hyperlink, and change the Text to display."),
    ("accessibility.text-size", "under 'Notes for staff', paragraph 1",
     "This policy was agreed by the adult social care board and will be looked at again every year.",
     "This text is 9 pt, which is too small for many people to read. In Word, select it and set the font "
     "size to 12 or more, on the Home tab."),
    ("accessibility.justified", "under 'Notes for staff', paragraph 2",
     "Every person who uses our services has the right to be treated with dignity and respect. We will "
     "listen to what people tell us about their care and change it when they ask us to, as long as it is "
     "safe to do so.",
     "This paragraph is justified, which leaves uneven gaps between words. In Word, click in it and press "
     "Ctrl+L to line it up on the left."),
    ("accessibility.capitals", "under 'Notes for staff', paragraph 3",
     "PLEASE READ THIS SECTION BEFORE YOUR FIRST VISIT",
     "These 8 words are in capitals, which are hard to read. In Word, select them and press Shift+F3 to "
     "change them to lower case."),
    ("accessibility.capitals", "under 'Notes for staff', paragraph 4", "never share your password",
     "These 4 words are in capitals, which are hard to read. In Word, select them and press Ctrl+Shift+A to "
     "turn off All Caps."),
    ("accessibility.italics", "under 'Notes for staff', paragraph 5",
     "This section gives examples of good practice from our care teams. It is not a full list, and staff "
     "should use their own judgement about what each person needs, and talk to their manager if they are "
     "not sure.",
     "These 39 words are in italics, which are hard to read. In Word, select them and press Ctrl+I. Use bold "
     "if you need to stress something."),
]

HEADINGS_SKIP = [
    ("accessibility.heading-levels", "heading 'Smoke alarms'", "Smoke alarms",
     "This heading is level 3, but the heading before it is level 1. In Word, give it the Heading 2 style, "
     "on the Home tab."),
    # the empty Heading 2 has no line of its own: the reader says where it is
    ("accessibility.empty-heading", "under 'Smoke alarms', after paragraph 1", "",
     "This heading is empty. In Word, delete the empty line, or type the words of the heading."),
]


@pytest.mark.parametrize("name", ["policy-features.docx", "policy-features.odt", "policy-features.iso29500.docx"])
def test_policy_features(name: str) -> None:
    """Not flagged: the logo (it has alt text), table 1 (it has a header row), the good link,
    the underlined links, the 10 pt footnotes and endnote, the headers and footers."""
    assert lint_file(DOCX / name) == POLICY_FEATURES


@pytest.mark.parametrize("name", ["headings-skip.docx", "headings-skip.odt"])
def test_headings_skip(name: str) -> None:
    assert lint_file(DOCX / name) == HEADINGS_SKIP


def test_findings_carry_what_the_reader_recorded() -> None:
    result = lint_document(read_path(DOCX / "policy-features.docx"), RULESET)
    image = next(f for f in result.findings if f.rule == "accessibility.image-alt-text")
    data = image.to_dict()
    assert data["feature"] == {"kind": "image", "alt": None, "name": "Picture 2", "decorative": False,
                               "part": "body", "part_label": "body", "xml_part": "word/document.xml",
                               "paragraph": 62, "section": "Keeping people safe"}
    assert data["match"] == "" and data["locator"] == {"part": "body", "part_label": "body",
                                                       "xml_part": "word/document.xml", "paragraph": 62}
    size = next(f for f in result.findings if f.rule == "accessibility.text-size")
    assert (size.value, size.threshold, size.level) == (9.0, 12.0, Level.WARNING)


# -- each check, on documents built from the example markup -------------------------------------------


def test_image_alt_text() -> None:
    msg = ("The image 'Picture 1' has no alt text. In Word, right-click it, choose Edit Alt Text, and say what "
           "it shows. If it is only decoration, tick Mark as decorative.")
    assert found("image-alt-text", "Our logo: <img>") == [("paragraph 1", "", msg)]
    assert found("image-alt-text", 'Our logo: <img alt="A blue square">') == []
    assert found("image-alt-text", "A line: <img decorative>") == []
    two = found("image-alt-text", '# Logos\nOne: <img alt="A blue square">\nTwo: <img>')
    assert [(loc, m.split(" has")[0]) for loc, _, m in two] == [("under 'Logos', paragraph 2", "The image 'Picture 2'")]


def test_table_header() -> None:
    msg = TABLE
    assert found("table-header", "| Visit | Time |\n| Morning | 7am |") == [
        ("table 1, row 1, column 1", "Visit\nTime\nMorning\n7am", msg)]
    assert found("table-header", "|= Visit | Time |\n| Morning | 7am |") == []
    # boxes for layout: one row, or one column
    assert found("table-header", "| Visit | Time |") == []
    assert found("table-header", "| Visit |\n| Morning |") == []


def test_heading_levels() -> None:
    assert messages("heading-levels", "# One\n### Three\nText.") == [
        "This heading is level 3, but the heading before it is level 1. In Word, give it the Heading 2 style, "
        "on the Home tab."]
    assert found("heading-levels", "# One\n## Two\n### Three\n# One again\n## Two again") == []
    # the first heading should be level 1
    assert found("heading-levels", "## Two\nText.\n### Three") == [
        ("heading 'Two'", "Two", "This is the first heading, and it is level 2. Start with level 1. In Word, "
                                 "give it the Heading 1 style, on the Home tab.")]
    # empty headings are left to empty-heading, and do not count as the heading before
    assert found("heading-levels", "# One\n##\n## Two") == []
    assert messages("heading-levels", "# One\n##\n#### Four")[0].startswith("This heading is level 4, but the "
                                                                            "heading before it is level 1.")


def test_empty_heading() -> None:
    msg = "This heading is empty. In Word, delete the empty line, or type the words of the heading."
    # an empty heading makes no paragraph of the text: its location names the paragraphs around it
    assert found("empty-heading", "# Safety\n##\nTell us if the alarm beeps.") == [
        ("under 'Safety', before paragraph 1", "", msg)]
    assert found("empty-heading", "# Safety\nTell us if the alarm beeps.\n##") == [
        ("at the end of the document", "", msg)]
    assert found("empty-heading", "# Safety\nOne.\nTwo.\n##\nThree.") == [
        ("under 'Safety', after paragraph 2", "", msg)]
    assert found("empty-heading", "# Safety\n## Smoke alarms\nTell us.") == []


def test_an_image_alone_in_its_paragraph_is_placed_by_its_neighbours() -> None:
    """The paragraph with only a picture in it has no text, so no line: the finding still names the right place."""
    markup = "# Keeping people safe\nOne.\nTwo.\nThree.\n<img>\nFour."
    ((location, match, message),) = found("image-alt-text", markup)
    assert (location, match) == ("under 'Keeping people safe', after paragraph 3", "")
    assert message.startswith("The image 'Picture 1' has no alt text.")
    assert [loc for loc, _, _ in found("image-alt-text", "# Logos\n<img>\nOur logo.")] == [
        "under 'Logos', before paragraph 1"]
    assert [loc for loc, _, _ in found("image-alt-text", "Our logo:\n<img>")] == ["at the end of the document"]
    # in JSON, the locator is the picture's own paragraph, not the next one
    (f,) = findings_for(rule("image-alt-text"), markup)
    assert f.extra["locator"] == {"part": "body", "part_label": "body", "xml_part": "word/document.xml",
                                  "paragraph": 4}
    assert f.extra["feature"]["location"] == f.location
    # with text beside it, the picture is in a paragraph with a line: that paragraph's location
    assert [loc for loc, _, _ in found("image-alt-text", "# Keeping people safe\nOne.\nOur logo: <img>")] == [
        "under 'Keeping people safe', paragraph 2"]


LINK = ("The link text '{}' does not say where the link goes. In Word, right-click the link, choose Edit "
        "Hyperlink, and change the Text to display.")
URL = ("This link shows a web address, which screen readers read out letter by letter. In Word, right-click it, "
       "choose Edit Hyperlink, and change the Text to display.")


@pytest.mark.parametrize("text", list(VAGUE_LINKS) + ["Click Here!", "Read more...", "(more)", "HERE"])
def test_vague_link_text(text: str) -> None:
    assert found("link-text", f"For our groups, [{text}](https://www.example.org/groups).") == [
        ("paragraph 1", text, LINK.format(text))]


@pytest.mark.parametrize("text", ["https://www.example.org/groups", "www.example.org/groups", "http://example.org"])
def test_a_web_address_as_link_text(text: str) -> None:
    assert messages("link-text", f"See [{text}](https://www.example.org/groups).") == [URL]


@pytest.mark.parametrize("text", ["our list of support groups", "click here to see our support groups",
                                  "jo@example.org", "More about care at home"])
def test_good_link_text(text: str) -> None:
    assert found("link-text", f"See [{text}](https://www.example.org/groups).") == []


def test_vague_links_can_be_changed() -> None:
    markup = "See [the page](https://example.org) or [click here](https://example.org)."
    assert [m for _, m, _ in found("link-text", markup, vague_links=["the page"])] == ["the page"]


def test_capitals() -> None:
    typed = "Please note: PLEASE READ THIS NOW before you go."
    assert found("capitals", typed) == [
        ("paragraph 1", "PLEASE READ THIS NOW",
         "These 4 words are in capitals, which are hard to read. In Word, select them and press Shift+F3 to "
         "change them to lower case.")]
    assert found("capitals", "PLEASE NOTE the NHS and CQC rules.") == []
    assert messages("capitals", "Remember: <caps>never share your password</caps>.") == [
        "These 4 words are in capitals, which are hard to read. In Word, select them and press Ctrl+Shift+A to "
        "turn off All Caps."]
    assert found("capitals", "Remember: <caps>never share it</caps>.") == []
    assert found("capitals", typed, max_words=4) == []
    assert [m for _, m, _ in found("capitals", "Remember: <caps>never share it</caps>.", max_words=2)] == [
        "never share it"]


def test_italics() -> None:
    ten = "one two three four five six seven eight nine ten"
    assert found("italics", f"<i>{ten}</i> and more.") == []
    assert found("italics", f"<i>{ten} eleven</i> and more.") == [
        ("paragraph 1", f"{ten} eleven",
         "These 11 words are in italics, which are hard to read. In Word, select them and press Ctrl+I. Use bold "
         "if you need to stress something.")]
    assert found("italics", f"<i>{ten}</i> and more.", max_words=3) != []


def test_a_stretch_of_capitals_inside_italics_is_reported_once() -> None:
    markup = "<i>Please remember to READ THIS WHOLE SECTION before you visit anyone.</i>"
    assert [m for _, m, _ in found("italics", markup)] == [
        "Please remember to READ THIS WHOLE SECTION before you visit anyone."]
    assert [m for _, m, _ in found("capitals", markup)] == ["READ THIS WHOLE SECTION"]


def test_underline() -> None:
    assert found("underline", "<u>Carry your badge.</u>") == []
    assert found("underline", "<u>Carry your identity badge.</u> Always.") == [
        ("paragraph 1", "Carry your identity badge.",
         "These 4 words are underlined, so they look like a link. In Word, select them and press Ctrl+U. Use "
         "bold if you need to stress something.")]
    # links are underlined on purpose
    assert found("underline", "Read the [Care Act statutory guidance on care](https://www.gov.uk/x).") == []


def test_text_size() -> None:
    msg = ("This text is 9 pt, which is too small for many people to read. In Word, select it and set the font "
           "size to 12 or more, on the Home tab.")
    assert found("text-size", "# Notes\n<small>Agreed by the board.\nLooked at every year.") == [
        ("under 'Notes', paragraph 1", "Agreed by the board.", msg)]
    assert found("text-size", "Agreed by the board.") == []
    assert found("text-size", "<small>Agreed by the board.", min_size_pt=9) == []
    assert messages("text-size", "Agreed by the board.", min_size_pt=14) == [
        "This text is 12 pt, which is too small for many people to read. In Word, select it and set the font "
        "size to 14 or more, on the Home tab."]
    assert messages("text-size", "<small>Agreed.", min_size_pt=10.5)[0].endswith("set the font size to 10.5 or "
                                                                                 "more, on the Home tab.")


def test_justified() -> None:
    assert found("justified", "<justify>We listen to people.\nWe change care when they ask.") == [
        ("paragraph 1", "We listen to people.",
         "This paragraph is justified, which leaves uneven gaps between words. In Word, click in it and press "
         "Ctrl+L to line it up on the left.")]
    assert found("justified", "We listen to people.") == []


def test_a_rule_message_replaces_the_built_in_one() -> None:
    r = RULES["text-size"].copy(message="Make this {value} pt text {threshold} pt or more.")
    assert [f.message for f in findings_for(r, "<small>Agreed.")] == ["Make this 9 pt text 12 pt or more."]


# -- the example markup -----------------------------------------------------------------------------


def test_build_docx_makes_the_features_it_says() -> None:
    markup = "\n".join([
        "# Title",
        '<img> <img alt="Blue"> <img decorative>',
        "[click here](https://example.org/a)",
        "<caps>caps</caps> <i>italic</i> <u>underlined</u>",
        "<small><justify>Small and justified.",
        "|= a | b |",
        "| 1 | 2 |",
        "###",
    ])
    doc = read_bytes("example.docx", build_example("docx", markup))
    kinds = [(f.kind, {k: v for k, v in f.data.items() if k in ("level", "text", "alt", "decorative", "url",
                                                                  "caps", "italic", "underline", "header_row",
                                                                  "justified", "size_pt")})
             for f in doc.features if f.kind != "paragraph" or f.data["justified"]]
    assert kinds == [
        ("heading", {"level": 1, "text": "Title"}),
        ("image", {"alt": None, "decorative": False}),
        ("image", {"alt": "Blue", "decorative": False}),
        ("image", {"alt": None, "decorative": True}),
        ("hyperlink", {"text": "click here", "url": "https://example.org/a"}),
        ("run", {"text": "click here", "caps": False, "italic": False, "underline": True, "size_pt": 12.0}),
        ("run", {"text": "caps", "caps": True, "italic": False, "underline": False, "size_pt": 12.0}),
        ("run", {"text": "italic", "caps": False, "italic": True, "underline": False, "size_pt": 12.0}),
        ("run", {"text": "underlined", "caps": False, "italic": False, "underline": True, "size_pt": 12.0}),
        ("paragraph", {"justified": True, "size_pt": 9.0}),
        ("table", {"header_row": True}),
        ("heading", {"level": 3, "text": ""}),
    ]
    assert doc.source.splitlines()[-2:] == ["1", "2"]
    assert build_docx("Plain text.")[:2] == b"PK"


# -- messages practise what they preach --------------------------------------------------------------


def test_every_message_passes_speakeasy_own_packs(lint) -> None:
    """Every message (each check has one or two), with quoted words taken out, is plain English."""
    filled = [m.format(name=" 'Picture 1'", level=3, previous=1, expected=2, where="before", match="click here",
                       value=8, threshold=12) for m in MESSAGES.values()]
    problems = []
    for message in filled:
        unquoted = re.sub(r"(?<![A-Za-z])'.*?'(?![A-Za-z])", "it", message)
        for f in lint(unquoted, "text").findings:
            if f.level >= Level.WARNING and not f.rule.startswith("readability"):
                problems.append(f"{message!r}: {f.rule} {f.message}")
    assert problems == []
