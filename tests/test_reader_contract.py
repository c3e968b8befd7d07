"""speakeasy.testing.assert_reader_contract: the one check that a reader's blocks line up with its source.

The reader tests call it on every document they parse; here it is run on
each built-in reader's sample files, and shown to catch each way a reader
can break the promise, with a message that says where.
"""

from __future__ import annotations

import pytest

from conftest import ROOT
from speakeasy.model import Block, BlockKind, Document
from speakeasy.readers import read_path
from speakeasy.testing import assert_reader_contract, reader_contract_problems

DATA = ROOT / "tests" / "data"

#: one or more sample files for each built-in reader
SAMPLES = [
    "docx/README.md",
    "docx/simple.expected.txt",
    "html/govuk-page.html",
    "docx/policy-features.docx",
    "docx/policy-features.iso29500.docx",
    "docx/policy-features.odt",
    "pdf/long-policy.tagged.pdf",
    "pdf/long-policy.untagged.pdf",
    "pdf/two-columns.untagged.pdf",
]


@pytest.mark.parametrize("name", SAMPLES)
def test_every_builtin_reader_keeps_the_contract(name: str) -> None:
    doc = read_path(DATA / name, include_comments=True)
    assert doc.blocks
    assert_reader_contract(doc, character_references=doc.format in ("markdown", "html"))


def _doc(source: str, *blocks: tuple[str, int]) -> Document:
    return Document("note.eml", source, "email",
                    [Block(text, start, BlockKind.PARAGRAPH, i) for i, (text, start) in enumerate(blocks)])


def test_a_document_that_lines_up_passes() -> None:
    source = "Subject: Visits\n\nWe will visit on Monday.\nBring your card.\n"
    assert_reader_contract(_doc(source, ("Visits", 9), ("We will visit on Monday.\nBring your card.", 17)))
    # hidden characters are spaces
    assert_reader_contract(_doc("See <b>this</b> now.", ("See    this     now.", 0)))


def test_each_broken_promise_is_named() -> None:
    source = "Subject: Visits\n\nWe will visit on Monday.\n"
    assert reader_contract_problems(_doc(source, ("We will visit", 18))) == [
        "block 0 ('We will visit', offsets 18 to 31): at offset 18 the block has 'W' but the source has 'e'. "
        "Copy each character from the source, or hide it with a space."]
    assert reader_contract_problems(_doc(source, ("We will visit on Monday.", 17), ("Visits", 9))) == [
        "block 1 ('Visits', offsets 9 to 15) starts before the block above it ends (at 41): blocks overlap "
        "or are out of order."]
    assert reader_contract_problems(_doc(source, (" Visits", 8))) == [
        "block 0 (' Visits', offsets 8 to 15) starts or ends with a space or line break; a block starts and ends "
        "at words."]
    assert reader_contract_problems(_doc(source, ("Visits  We", 9))) == [
        "block 0 ('Visits  We', offsets 9 to 19): at offset 15 the block has ' ' and the source has '\\n'; keep "
        "every line break, and add none."]
    assert reader_contract_problems(_doc(source, ("Monday.", 34), ("Later.", 60))) == [
        "block 1 ('Later.', offsets 60 to 66) is not inside the source, which has 42 characters."]
    assert reader_contract_problems(_doc(source, ("   ", 0))) == [
        "block 0 ('   ', offsets 0 to 3) has no words. Leave out blocks with nothing to check."]
    numbered_wrong = Document("note.eml", source, "email", [Block("Visits", 9, BlockKind.PARAGRAPH, 3)])
    assert reader_contract_problems(numbered_wrong) == [
        "block 0 ('Visits', offsets 9 to 15) has index 3; blocks are numbered 0, 1, 2 ... in order."]


def test_a_character_reference_may_show_what_it_stands_for_only_when_allowed() -> None:
    as_written = _doc("<p>Bread &amp; butter</p>", ("Bread &     butter", 3))
    assert reader_contract_problems(as_written) == []  # the '&' is the source's own
    decoded = _doc("<p>Caf&eacute; open</p>", ("Caf\u00e9        open", 3))
    assert reader_contract_problems(decoded, character_references=True) == []
    assert reader_contract_problems(decoded) == [
        "block 0 ('Café        open', offsets 3 to 19): at offset 6 the block has 'é' but the source has '&'. "
        "Copy each character from the source, or hide it with a space."]
    wrong = _doc("<p>Caf&eacute; open</p>", ("Cafe        open", 3))
    assert reader_contract_problems(wrong, character_references=True) == [
        "block 0 ('Cafe        open', offsets 3 to 19): at offset 6 the block has 'e' but the source has '&'. "
        "Copy each character from the source, or hide it with a space."]


def test_the_assertion_says_which_document() -> None:
    with pytest.raises(AssertionError) as failed:
        assert_reader_contract(_doc("Visits", ("Visit!", 0)))
    assert str(failed.value) == (
        "The reader's document for note.eml does not line up with its source:\n"
        "  block 0 ('Visit!', offsets 0 to 6): at offset 5 the block has '!' but the source has 's'. "
        "Copy each character from the source, or hide it with a space.")
