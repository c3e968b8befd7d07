"""The PDF reader and the PDF accessibility pack, on PDFs LibreOffice made from our fixtures.

The PDFs are in tests/data/pdf (see its README for how each was made and what
LibreOffice writes).  The main promise: a PDF made from a document gives the
same findings as the document itself.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT
from speakeasy.errors import InputError
from speakeasy.testing import build_pdf
from speakeasy.model import BlockKind, Document
from speakeasy.readers import format_for, read_bytes, read_path
from speakeasy.readers import pdf as pdf_reader
from speakeasy.readers.pdf.blocks import hyphen_is_broken_word
from speakeasy.testing import assert_reader_contract

PDF = ROOT / "tests" / "data" / "pdf"
DOCX = ROOT / "tests" / "data" / "docx"
WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?")
K = BlockKind


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def text_of(doc: Document) -> str:
    return "\n".join(b.text for b in doc.blocks)


@pytest.fixture(scope="module")
def long_docs() -> dict[str, Document]:
    return {kind: read_path(PDF / f"long-policy.{kind}.pdf") for kind in ("tagged", "untagged")} | {
        "odt": read_path(PDF / "long-policy.odt")}


def findings(path: Path, ruleset, prefix: tuple[str, ...] = ("plain-english", "social-care")) -> Counter:
    from speakeasy.engine import lint_document

    result = lint_document(read_path(path), ruleset)
    return Counter((f.rule, f.match.lower()) for f in result.findings if f.rule.startswith(prefix))


# ---------------------------------------------------------------------------
# the same words as the source document


@pytest.mark.parametrize("kind", ["tagged", "untagged"])
def test_a_pdf_gives_the_same_jargon_findings_as_the_document_it_was_made_from(kind: str, default_ruleset) -> None:
    source = findings(PDF / "long-policy.odt", default_ruleset)
    made = findings(PDF / f"long-policy.{kind}.pdf", default_ruleset)
    assert sum(source.values()) >= 25
    assert made == source
    # the jargon the fixture plants, one of them broken over a line end as "signpost-" / "ing"
    found = {m for _, m in made}
    assert {"signposting", "prior to", "in order to", "commence", "equine therapy"} <= found


@pytest.mark.parametrize("name", ["simple", "policy-features", "headings-skip"])
@pytest.mark.parametrize("kind", ["tagged", "untagged"])
@pytest.mark.parametrize("source", ["odt", "docx"])
def test_the_docx_fixtures_as_pdf_give_the_same_findings(name: str, kind: str, source: str, default_ruleset) -> None:
    assert findings(PDF / f"{name}.{kind}.pdf", default_ruleset) == findings(DOCX / f"{name}.{source}", default_ruleset)


@pytest.mark.parametrize("source", ["odt", "docx"])
def test_a_speakeasy_comment_in_a_tagged_pdf_switches_the_rule_off_for_its_paragraph(source: str,
                                                                                      default_ruleset) -> None:
    # LibreOffice writes comments into tagged PDFs only; a PDF keeps where a comment points, not
    # which words it covers, so the comment covers its paragraph.
    doc = read_path(PDF / "suppression.tagged.pdf")
    (directive,) = doc.directives
    assert directive.rules == ("social-care.jargon",) and directive.reason == "the forum kept this word"
    assert doc.source[directive.applies_from:directive.applies_to] == "We will signpost you to groups near you."
    assert (findings(PDF / "suppression.tagged.pdf", default_ruleset)
            == findings(DOCX / f"suppression.{source}", default_ruleset))
    assert sum(findings(PDF / "suppression.untagged.pdf", default_ruleset).values()) == 2  # no comment: both found


def test_comments_are_read_as_text_only_when_asked(default_ruleset) -> None:
    from speakeasy.analysis import Analysis

    assert not any(b.locator.get("part") for b in read_path(PDF / "policy-features.tagged.pdf").blocks)
    doc = read_path(PDF / "policy-features.tagged.pdf", include_comments=True)
    comments = [b for b in doc.blocks if b.locator.get("part") == "comment"]
    assert [b.text for b in comments] == ["Please check this word with the co-production forum."]
    assert Analysis(doc).location(comments[0].start) == "page 1, comment 1"
    # a speakeasy comment is an instruction, never text to check
    doc = read_path(PDF / "suppression.tagged.pdf", include_comments=True)
    assert not any(b.locator.get("part") for b in doc.blocks) and len(doc.directives) == 1


@pytest.mark.parametrize("kind", ["tagged", "untagged"])
def test_the_words_are_those_of_the_source_in_the_same_order(kind: str, long_docs) -> None:
    # The .odt reader reads the header, the footer and the footnote as parts of their own; the PDF
    # has the footnote at the foot of page 1, and no header or footer (dropped on purpose).
    body = [b for b in long_docs["odt"].blocks if b.locator.get("part") in (None, "body")]
    made = [b for b in long_docs[kind].blocks if b.kind is not K.FOOTNOTE]
    assert [words(b.text) for b in made] == [words(b.text) for b in body]
    if kind == "tagged":  # an untagged PDF does not say which blocks are table cells
        assert [b.kind for b in made] == [b.kind for b in body]
    note = [b for b in long_docs["odt"].blocks if b.locator.get("part") == "footnote"]
    assert [b.text for b in long_docs[kind].blocks if b.kind is K.FOOTNOTE] == [b.text for b in note]


@pytest.mark.parametrize("kind", ["tagged", "untagged"])
def test_running_headers_footers_and_page_numbers_are_dropped(kind: str, long_docs) -> None:
    text = text_of(long_docs[kind])
    assert "Carers support policy" in text  # the title itself stays
    assert "Riverside Council \u2013 Carers support policy" not in text
    assert not re.search(r"Page \d+ of \d+", text)
    assert not any(re.fullmatch(r"\d+", b.text) for b in long_docs[kind].blocks)


@pytest.mark.parametrize("kind", ["tagged", "untagged"])
def test_words_broken_over_line_ends_are_mended(kind: str, long_docs) -> None:
    text = text_of(long_docs[kind])
    for word in ("signposting", "because", "assessment", "organisations", "employer"):
        assert re.search(rf"\b{word}\b", text), word
    assert "multi-disciplinary" in text  # a real hyphen stays
    assert not re.search(r"\w- \w|\w -\w|\xad", text)
    assert "be cause" not in text and "assess ment" not in text


def test_broken_words_and_compounds_are_told_apart() -> None:
    none: Counter[str] = Counter()
    broken = hyphen_is_broken_word
    assert broken("assess", "ment", none) and broken("signpost", "ing", none) and broken("consid", "eration", none)
    assert broken("safe", "guarding", none) and broken("re", "ablement", none)
    assert not broken("multi", "disciplinary", none) and not broken("decision", "making", none)
    assert not broken("non", "urgent", none) and not broken("co", "production", none)
    # the document's own spelling elsewhere wins
    assert not broken("safe", "guarding", Counter({"safe-guarding": 2}))
    assert broken("co", "production", Counter({"coproduction": 1}))


def test_tagged_headings_are_the_documents_headings(long_docs) -> None:
    def headings(doc: Document) -> list[tuple[int, str]]:
        return [(b.heading_level, b.text) for b in doc.blocks if b.kind is K.HEADING]

    source = headings(long_docs["odt"])
    assert len(source) == 21  # the title and 20 headings
    assert headings(long_docs["tagged"]) == source


def test_untagged_headings_come_from_the_bookmarks_and_the_letter_size(long_docs) -> None:
    def headings(doc: Document) -> list[tuple[int, str]]:
        return [(b.heading_level, b.text) for b in doc.blocks if b.kind is K.HEADING]

    # the title by its size; the others from the bookmarks, not the table cell "Short breaks"
    assert headings(long_docs["untagged"]) == headings(long_docs["odt"])


def test_tagged_lists_tables_notes_and_figures(long_docs) -> None:
    doc = long_docs["tagged"]
    items = [b.text for b in doc.blocks if b.kind is K.LIST_ITEM]
    assert len(items) == 6 and items[0].startswith("the practical and emotional support")
    cells = [b for b in doc.blocks if b.kind is K.TABLE_CELL]
    assert len(cells) == 15
    assert (cells[4].text, cells[4].locator["table"], cells[4].locator["row"], cells[4].locator["column"]) == (
        "Any carer", 1, 2, 2)
    notes = [b.text for b in doc.blocks if b.kind is K.FOOTNOTE]
    assert len(notes) == 1 and notes[0].startswith("Section 10 of the Care Act 2014")
    figures = [f.data for f in doc.features if f.kind == "pdf-image"]
    assert [(f["page"], f["has_alt"]) for f in figures] == [(3, True), (3, False)]
    assert figures[0]["alt"].startswith("Carers Hub symbol")


def test_untagged_list_items_are_found_by_their_bullets(long_docs) -> None:
    items = [b.text for b in long_docs["untagged"].blocks if b.kind is K.LIST_ITEM]
    assert items[0] == "the practical and emotional support the carer gives, and for how many hours each week"
    assert not any(b.text.startswith(("\u2022", "-")) for b in long_docs["untagged"].blocks)


@pytest.mark.parametrize("kind", ["tagged", "untagged"])
def test_two_columns_are_read_column_by_column(kind: str) -> None:
    text = text_of(read_path(PDF / f"two-columns.{kind}.pdf"))
    steps = [text.index(f"Step {n}") for n in (1, 2, 3, 4)]
    assert steps == sorted(steps)


@pytest.mark.parametrize("kind", ["tagged", "untagged"])
def test_locations_give_the_page_and_paragraph(kind: str, long_docs, default_ruleset) -> None:
    from speakeasy.engine import lint_document

    doc = long_docs[kind]
    assert all(b.locator["page"] >= 1 for b in doc.blocks)
    assert {b.locator["page"] for b in doc.blocks} == {1, 2, 3, 4, 5}
    result = lint_document(doc, default_ruleset)
    signposting = next(f for f in result.findings if f.match.lower() == "signposting")
    block = doc.blocks[next(i for i, b in enumerate(doc.blocks) if b.start <= signposting.start < b.end)]
    number = sum(1 for b in doc.blocks[:block.index + 1] if b.locator["page"] == 2 and b.kind is not K.HEADING)
    assert signposting.location == f"page 2, paragraph {number}, under 'Information and advice'"
    assert signposting.extra["locator"] == {"page": 2, "paragraph": number}


def test_the_source_is_one_line_per_block(long_docs) -> None:
    doc = long_docs["tagged"]
    assert doc.format == "pdf"
    assert doc.source.splitlines() == [b.text for b in doc.blocks]
    assert_reader_contract(doc)


# ---------------------------------------------------------------------------
# the command line


def test_check_a_pdf_from_the_command_line(cli, tmp_path: Path) -> None:
    target = tmp_path / "policy.pdf"
    target.write_bytes((PDF / "long-policy.tagged.pdf").read_bytes())
    code, out, err = cli("check", str(target), "--no-config", "--format", "json")
    assert err == "" and code in (0, 1)
    report = json.loads(out)
    (file,) = report["files"]
    assert file["format"] == "pdf"
    finding = next(f for f in file["findings"] if f["match"].lower() == "signposting")
    assert finding["location"].startswith("page 2, paragraph ")
    assert finding["locator"]["page"] == 2
    import jsonschema

    jsonschema.validate(report, json.loads((ROOT / "docs" / "schema" / "report.schema.json").read_text()))


def test_human_output_says_where_without_line_numbers(cli, tmp_path: Path) -> None:
    target = tmp_path / "policy.pdf"
    target.write_bytes((PDF / "long-policy.untagged.pdf").read_bytes())
    code, out, _ = cli("check", str(target), "--no-config")
    flat = " ".join(out.split())
    assert "policy.pdf (page 2, paragraph " in flat
    assert "policy.pdf (the whole PDF): warning [pdf-accessibility.tagged]" in flat
    assert not re.search(r"policy\.pdf:\d+:\d+", out)
    assert "line " not in flat.split("Hot spots", 1)[1].split("words,", 1)[0]


def test_the_html_report_of_pdfs_says_where_in_words(cli, tmp_path: Path) -> None:
    for name in ("long-policy.untagged.pdf", "scanned.pdf"):
        (tmp_path / name).write_bytes((PDF / name).read_bytes())
    out = tmp_path / "report.html"
    code, _, err = cli("report", str(tmp_path / "long-policy.untagged.pdf"), str(tmp_path / "scanned.pdf"),
                       "-o", str(out), "--no-config")
    assert code == 0 and err == ""
    page = out.read_text(encoding="utf-8")
    assert "page 2, paragraph 1, under 'Finding carers early'" in page
    assert "the whole PDF" in page and "only pictures of pages" in page


def test_fix_refuses_a_pdf_clearly(cli, tmp_path: Path) -> None:
    target = tmp_path / "policy.pdf"
    data = (PDF / "long-policy.tagged.pdf").read_bytes()
    target.write_bytes(data)
    code, out, err = cli("fix", str(target), "--no-config")
    assert code != 0 and "Traceback" not in err
    assert "policy.pdf: speakeasy cannot change a PDF file. Change the document it came from" in " ".join(err.split())
    assert target.read_bytes() == data


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.anyio
async def test_review_opens_a_pdf_read_only(tmp_path: Path, default_ruleset) -> None:
    from speakeasy.tui.app import ReviewApp

    target = tmp_path / "policy.pdf"
    data = (PDF / "long-policy.tagged.pdf").read_bytes()
    target.write_bytes(data)
    app = ReviewApp(str(target), ruleset=default_ruleset)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.session is not None, app.load_error
        assert app.session.read_only
        assert str(app.query_one("#read-only").render()).startswith(
            "Read only: speakeasy cannot write changes to PDF files.")
        await pilot.press("1")
        await pilot.pause()
        assert [n.message for n in app._notifications] == [
            "speakeasy cannot write changes to PDF files. Change the document the PDF came from, then make the PDF "
            "again."]
        await pilot.press("w")
        await pilot.pause()
    assert target.read_bytes() == data


# ---------------------------------------------------------------------------
# files that cannot be read


@pytest.mark.parametrize(("name", "kind", "words_in_message"), [
    ("encrypted.pdf", "encrypted", "locked with a password"),
    ("damaged.pdf", "damaged", "damaged"),
    ("not-a-pdf.pdf", "damaged", "not a PDF file"),
    ("empty.pdf", "damaged", "empty"),
])
def test_bad_pdfs_get_one_clear_line(name: str, kind: str, words_in_message: str) -> None:
    with pytest.raises(InputError) as caught:
        read_path(PDF / name)
    assert caught.value.code == kind
    assert words_in_message in caught.value.reason
    assert "\n" not in str(caught.value)


def test_bad_pdfs_exit_2_without_a_traceback(cli, tmp_path: Path) -> None:
    for name in ("encrypted.pdf", "damaged.pdf", "not-a-pdf.pdf", "empty.pdf"):
        (tmp_path / name).write_bytes((PDF / name).read_bytes())
    code, out, err = cli("check", str(tmp_path), "--no-config")
    assert code == 2
    assert "Traceback" not in err + out
    assert len([line for line in err.splitlines() if line.startswith("speakeasy: error: ")]) == 4


def test_a_pdf_with_only_an_owner_password_is_read() -> None:
    doc = read_path(PDF / "owner-only.pdf")
    assert words(text_of(doc)) == words(text_of(read_path(PDF / "simple.untagged.pdf")))


def test_too_many_pages_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 4)
    with pytest.raises(InputError) as caught:
        read_path(PDF / "long-policy.tagged.pdf")
    assert caught.value.code == "too-large" and "5 pages" in caught.value.reason


def test_a_slow_pdf_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_SECONDS", 0.0)
    with pytest.raises(InputError) as caught:
        read_path(PDF / "long-policy.tagged.pdf")
    assert caught.value.code == "too-large" and "seconds" in caught.value.reason


def test_a_page_that_unpacks_too_big_is_refused_before_it_is_unpacked(monkeypatch: pytest.MonkeyPatch) -> None:
    import zlib

    monkeypatch.setattr(pdf_reader, "MAX_STREAM_BYTES", 2**20)
    bomb = zlib.compress(b" " * 5_000_000, 9)  # 5 MB of spaces in a few kilobytes
    pdf = _with_page_content(build_pdf("Hello"), bomb)
    with pytest.raises(InputError) as caught:
        read_bytes("bomb.pdf", pdf)
    assert caught.value.code == "too-large" and "unpacks to more than 1 MB" in caught.value.reason


def _with_page_content(data: bytes, packed: bytes) -> bytes:
    """The PDF with its first page's content stream replaced (pdfminer.six mends the cross-references)."""
    m = re.search(rb"<< /Length \d+ /Filter /FlateDecode >>\nstream\n(.*?)\nendstream", data, re.DOTALL)
    assert m
    return data[:m.start()] + b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + \
        b"\nendstream" + data[m.end():]


def test_a_structure_tree_that_loops_does_not_hang() -> None:
    data = build_pdf("# Title\nHello there.")
    # make the Document element its own child
    m = re.search(rb"(\d+) 0 obj\n<< /Type /StructElem /S /Document /P \d+ 0 R /K \[", data)
    assert m
    looped = data[:m.end()] + m.group(1) + b" 0 R " + data[m.end():]
    doc = read_bytes("loop.pdf", looped)
    assert [b.text for b in doc.blocks] == ["Title", "Hello there."]


def test_pdf_is_a_known_format() -> None:
    assert format_for("Policy.PDF") == "pdf"


# ---------------------------------------------------------------------------
# build_pdf, the writer of the rule examples


def test_build_pdf_makes_real_tagged_and_untagged_pdfs() -> None:
    tagged = read_bytes("t.pdf", build_pdf('<pdf title="Carers" lang="en-GB" tagged>\n# Carers\nWe help.\n'
                                           '<img alt="A house">\n<img>'))
    assert [(b.kind, b.text) for b in tagged.blocks] == [(K.HEADING, "Carers"), (K.PARAGRAPH, "We help.")]
    doc = next(f.data for f in tagged.features if f.kind == "pdf-document")
    assert (doc["tagged"], doc["title"], doc["lang"]) == (True, "Carers", "en-GB")
    assert [f.data["alt"] for f in tagged.features if f.kind == "pdf-image"] == ["A house", None]
    plain = read_bytes("u.pdf", build_pdf("<pdf>\n# Carers\nWe help."))
    doc = next(f.data for f in plain.features if f.kind == "pdf-document")
    assert (doc["tagged"], doc["title"], doc["lang"]) == (False, "", "")
    assert [(b.kind, b.text) for b in plain.blocks] == [(K.HEADING, "Carers"), (K.PARAGRAPH, "We help.")]
    scan = read_bytes("s.pdf", build_pdf("<scan>"))
    assert next(f.data for f in scan.features if f.kind == "pdf-document")["image_only_pages"] == [2]


def test_pypdf_reads_build_pdf_output_too() -> None:
    pypdf = pytest.importorskip("pypdf")
    import io

    reader = pypdf.PdfReader(io.BytesIO(build_pdf('<pdf title="Carers" lang="en-GB" tagged>\nWe help.')))
    assert reader.metadata.title == "Carers"
    assert "We help." in reader.pages[0].extract_text()


# ---------------------------------------------------------------------------
# the pdf-accessibility pack


def pack_findings(path: Path, ruleset) -> list[tuple[str, str]]:
    from speakeasy.engine import lint_document

    result = lint_document(read_path(path), ruleset)
    return sorted((f.rule, f.location) for f in result.findings if f.rule.startswith("pdf-accessibility"))


def test_a_scan_gets_one_clear_finding_not_an_empty_pass(default_ruleset) -> None:
    from speakeasy.engine import lint_document

    result = lint_document(read_path(PDF / "scanned.pdf"), default_ruleset)
    scanned = [f for f in result.findings if f.rule == "pdf-accessibility.scanned"]
    assert len(scanned) == 1
    assert scanned[0].level.name == "ERROR" and scanned[0].location == "the whole PDF"
    assert "Screen readers cannot read it" in scanned[0].message
    assert "pdf-accessibility.tagged" not in {f.rule for f in result.findings}  # one finding says it all


def test_a_pdf_with_some_scanned_pages_names_them(default_ruleset) -> None:
    from speakeasy.engine import lint_document

    doc = read_bytes("part.pdf", build_pdf("We help carers.\n<scan>\n<scan>"))
    (f,) = [f for f in lint_document(doc, default_ruleset).findings if f.rule == "pdf-accessibility.scanned"]
    assert f.location == "pages 2 and 3" and f.message.startswith("Pages 2 and 3 have no text")


def test_untagged_pdfs_are_flagged_once(default_ruleset) -> None:
    assert pack_findings(PDF / "long-policy.untagged.pdf", default_ruleset) == [
        ("pdf-accessibility.tagged", "the whole PDF")]


def test_a_tagged_pdf_with_a_title_and_language_has_only_its_picture_flagged(default_ruleset) -> None:
    assert pack_findings(PDF / "long-policy.tagged.pdf", default_ruleset) == [("pdf-accessibility.image-alt", "page 3")]


def test_no_title_and_no_language(default_ruleset) -> None:
    assert pack_findings(PDF / "no-title-no-lang.tagged.pdf", default_ruleset) == [
        ("pdf-accessibility.language", "the whole PDF"), ("pdf-accessibility.title", "the whole PDF")]


def test_the_pdf_rules_never_fire_on_other_formats(default_ruleset) -> None:
    for path in (DOCX / "policy-features.docx", DOCX / "policy-features.odt"):
        assert pack_findings(path, default_ruleset) == []


@pytest.mark.slow
def test_damaged_pdfs_never_give_a_traceback() -> None:
    """Cut short or with bytes changed: a document or one InputError, nothing else."""
    import random

    data = (PDF / "policy-features.tagged.pdf").read_bytes()
    rng = random.Random(8)
    variants = [data[:n] for n in range(100, len(data), len(data) // 25)]
    for _ in range(40):
        broken = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            broken[rng.randrange(len(broken))] = rng.randrange(256)
        variants.append(bytes(broken))
    outcomes = Counter()
    for variant in variants:
        try:
            read_bytes("broken.pdf", variant)
            outcomes["read"] += 1
        except InputError as exc:
            assert "\n" not in str(exc)
            outcomes[exc.code] += 1
    assert outcomes["read"] and outcomes["damaged"]
