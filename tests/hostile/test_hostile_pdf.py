"""Hostile PDFs (issue 16, "Bounded resources", PDF): each one bounded in time and memory, one line, exit 2.

Every PDF is written here, byte by byte, by a small PDF writer: a 1 MB file
that unpacks to gigabytes is a few hundred kilobytes of test data, made in a
second.  Each case runs ``speakeasy check`` in a child process, and measures
the child's own peak memory (``os.wait4``) and time.  The child also has an
address-space limit, so that a regression fails the test (with a memory
error, which the assertions on the message catch) and does not take the
machine down.

The cases of the issue: the stream guard bypassed by double filters, Form
XObjects, ToUnicode and Metadata streams; a reference loop that ran for
ever; 4 million drawing operators with no text that ran to 4.1 GB.  And the
ones found on the way: piled-up values, an unfinished list, inline image
data that took time with the square of its size, letters and pictures
without end on one page, references that fan out.  A long, honest PDF
(200 dense pages, made by LibreOffice) must pass within the limits.
"""

from __future__ import annotations

from _peak import run_measured  # noqa: E402  (tests/hostile/_peak.py: a child run, its time and its own memory)

import os
import resource
import shutil
import subprocess
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

MB = 1024 * 1024
#: No single file may take more than 30 s or 1 GB (issue 16).
MEMORY_LIMIT_MB = 1024
#: The child may not grow past this (a safety net; the tests assert far less).
ADDRESS_SPACE = 3 * 1024 * MB
RUN_TIMEOUT = 120


# -- a small PDF writer --------------------------------------------------------------------------


def write_pdf(objects: dict[int, bytes], root: int = 1, info: int | None = None) -> bytes:
    """A PDF of the numbered objects (bodies as bytes), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += b"%010d 00000 n \n" % offsets[num] if num in offsets else b"0000000000 65535 f \n"
    extra = b"/Info %d 0 R " % info if info else b""
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (size, root, extra, xref)
    return bytes(out)


def deflate(data: bytes | None = None, *, spaces: int = 0) -> bytes:
    """zlib-packed ``data``, or ``spaces`` spaces packed a megabyte at a time (never all in memory)."""
    if data is not None:
        return zlib.compress(data, 9)
    packer = zlib.compressobj(9)
    block = b" " * MB
    parts = [packer.compress(block) for _ in range(spaces // MB)]
    parts.append(packer.compress(b" " * (spaces % MB)))
    parts.append(packer.flush())
    return b"".join(parts)


def stream(packed: bytes, filters: str = "/FlateDecode", extra: bytes = b"") -> bytes:
    """A stream object's body: bytes already packed with ``filters`` (PDF names, outermost first)."""
    filt = b"/Filter [%s] " % filters.encode() if filters else b""
    return b"<< /Length %d %s%s>>\nstream\n" % (len(packed), filt, extra) + packed + b"\nendstream"


def bomb(spaces: int, times: int = 1) -> tuple[bytes, str]:
    """``spaces`` spaces packed ``times`` times over with Flate, and the filter list that unpacks them."""
    packed = deflate(spaces=spaces)
    for _ in range(times - 1):
        packed = deflate(packed)
    return packed, " ".join(["/FlateDecode"] * times)


TEXT = b"BT /F1 12 Tf 72 720 Td (We will signpost you to services.) Tj ET"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def one_page(content: bytes = TEXT, filters: str = "/FlateDecode", resources: bytes = b"",
             extra: dict[int, bytes] | None = None, catalog: bytes = b"", font: bytes = FONT) -> bytes:
    """A one-page PDF: catalog 1, pages 2, page 3, content 4, font 5; ``extra`` objects from 6 on."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R " + catalog + b">>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
           b"/Resources << /Font << /F1 5 0 R >> " + resources + b">> >>",
        4: stream(deflate(content) if filters == "/FlateDecode" else content, filters),
        5: font,
    }
    objects.update(extra or {})
    return write_pdf(objects)


# -- running speakeasy ---------------------------------------------------------------------------


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float
    cpu: float
    peak_mb: float

    @property
    def errors(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def check(path: Path, env: dict[str, str] | None = None, timeout: float = RUN_TIMEOUT) -> Run:
    """``speakeasy check PATH`` in a child process: its exit code, output, time, and its own peak memory."""
    child_env = {k: v for k, v in os.environ.items() if not k.startswith("SPEAKEASY_")}
    child_env.update({"NO_COLOR": "1", "SPEAKEASY_NO_PROGRESS": "1", **(env or {})})

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))

    r = run_measured(["check", str(path), "--no-config", "--no-cache"], path.parent, child_env, timeout,
                     out=path.with_suffix(".out"), err=path.with_suffix(".err"), stdin=None, preexec_fn=limit,
                     errors="strict")
    return Run(r.code, r.out, r.err, r.seconds, r.cpu, r.peak_mb)


def refused(run: Run, path: Path, *words: str, seconds: float = 20, memory_mb: float = MEMORY_LIMIT_MB) -> None:
    """Exit 2, one line naming the file and saying ``words``, within time and memory; never a traceback."""
    assert "Traceback" not in run.stderr, run.stderr
    assert run.code == 2, (run.code, run.stderr)
    assert len(run.errors) == 1, run.stderr
    line = run.errors[0]
    assert str(path) in line, line
    for word in words:
        assert word in line, line
    assert run.seconds < seconds, (run.seconds, line)
    assert run.peak_mb < memory_mb, (run.peak_mb, line)


def clean(run: Run, seconds: float = 20, memory_mb: float = MEMORY_LIMIT_MB) -> None:
    """Checked: exit 0 or 1 (findings), nothing on standard error, within time and memory."""
    assert "Traceback" not in run.stderr, run.stderr
    assert run.code in (0, 1), (run.code, run.stderr)
    assert not run.errors, run.stderr
    assert run.seconds < seconds, run.seconds
    assert run.peak_mb < memory_mb, run.peak_mb


def save(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- unpacking: every stream, whatever its filters and whatever it is for ------------------------

#: More than the 256 MB all the streams of one PDF may unpack to.
BOMB = 300 * MB


def test_a_form_packed_twice_is_stopped(tmp_path: Path) -> None:
    packed, filters = bomb(BOMB, times=2)
    form = stream(packed, filters, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] ")
    path = save(tmp_path, "double.pdf", one_page(b"/Fm1 Do", resources=b"/XObject << /Fm1 6 0 R >>",
                                                 extra={6: form}))
    assert len(path.read_bytes()) < 100_000
    refused(check(path), path, "unpacks to more than 256 MB", "SPEAKEASY_PDF_MAX_MB")


def test_page_content_packed_twice_is_stopped(tmp_path: Path) -> None:
    packed, filters = bomb(BOMB, times=2)
    path = save(tmp_path, "content.pdf", one_page(packed, filters))
    refused(check(path), path, "unpacks to more than 256 MB", "SPEAKEASY_PDF_MAX_MB")


def test_a_form_xobject_that_unpacks_too_big_is_stopped(tmp_path: Path) -> None:
    packed, filters = bomb(BOMB)
    form = stream(packed, filters, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] ")
    path = save(tmp_path, "form.pdf", one_page(TEXT + b" /Fm1 Do", resources=b"/XObject << /Fm1 6 0 R >>",
                                               extra={6: form}))
    refused(check(path), path, "unpacks to more than 256 MB", "SPEAKEASY_PDF_MAX_MB")


def test_a_tounicode_map_that_unpacks_too_big_is_stopped(tmp_path: Path) -> None:
    packed, filters = bomb(BOMB, times=2)
    font = FONT[:-2] + b" /ToUnicode 6 0 R >>"
    path = save(tmp_path, "tounicode.pdf", one_page(font=font, extra={6: stream(packed, filters)}))
    refused(check(path), path, "unpacks to more than 256 MB", "SPEAKEASY_PDF_MAX_MB")


def test_metadata_that_unpacks_too_big_is_stopped(tmp_path: Path) -> None:
    packed, filters = bomb(BOMB, times=2)
    meta = stream(packed, filters, b"/Type /Metadata /Subtype /XML ")
    path = save(tmp_path, "metadata.pdf", one_page(catalog=b"/Metadata 6 0 R ", extra={6: meta}))
    refused(check(path), path, "unpacks to more than 256 MB", "SPEAKEASY_PDF_MAX_MB")


def test_run_length_inside_flate_is_counted(tmp_path: Path) -> None:
    # RunLengthDecode: 2 bytes make 128; packed again with Flate, 300 MB is a few hundred kilobytes.
    packer = zlib.compressobj(9)
    block = b"\x81 " * (MB // 2)  # 1 MB of runs: 64 MB of spaces
    packed = b"".join(packer.compress(block) for _ in range(5)) + packer.flush()
    path = save(tmp_path, "runlength.pdf", one_page(packed, "/FlateDecode /RunLengthDecode"))
    refused(check(path), path, "unpacks to more than 256 MB", "SPEAKEASY_PDF_MAX_MB")


def test_the_limit_is_for_all_the_streams_of_a_file_together(tmp_path: Path) -> None:
    # Three forms of 100 MB each: none is over the limit alone, all three are.
    packed, filters = bomb(100 * MB)
    forms = {6 + i: stream(packed, filters, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] ") for i in range(3)}
    path = save(tmp_path, "three.pdf", one_page(TEXT + b" /Fm1 Do /Fm2 Do /Fm3 Do", extra=forms,
                                                resources=b"/XObject << /Fm1 6 0 R /Fm2 7 0 R /Fm3 8 0 R >>"))
    refused(check(path), path, "unpacks to more than 256 MB", "SPEAKEASY_PDF_MAX_MB")


def test_the_setting_raises_the_limit(tmp_path: Path) -> None:
    packed, filters = bomb(20 * MB, times=2)
    path = save(tmp_path, "twenty.pdf", one_page(TEXT + b" /Fm1 Do", resources=b"/XObject << /Fm1 6 0 R >>",
                                                 extra={6: stream(packed, filters, b"/Type /XObject /Subtype /Form "
                                                                                   b"/BBox [0 0 612 792] ")}))
    refused(check(path, {"SPEAKEASY_PDF_MAX_MB": "10"}), path, "unpacks to more than 10 MB",
            "set the environment variable SPEAKEASY_PDF_MAX_MB higher than 10")
    clean(check(path, {"SPEAKEASY_PDF_MAX_MB": "40"}))


def test_a_setting_that_is_not_a_number_is_one_line(tmp_path: Path) -> None:
    path = save(tmp_path, "fine.pdf", one_page())
    refused(check(path, {"SPEAKEASY_PDF_MAX_SECONDS": "soon"}), path, "SPEAKEASY_PDF_MAX_SECONDS is 'soon'")


def test_a_damaged_flate_stream_gives_the_text_before_the_fault(tmp_path: Path) -> None:
    packed = deflate(TEXT)
    path = save(tmp_path, "damaged.pdf", one_page(packed[:-6] + b"\xff\xff\xff\xff\xff\xff", "/FlateDecode"))
    run = check(path)
    clean(run)


# -- references that loop or fan out -------------------------------------------------------------


@pytest.mark.parametrize("objects", [
    # the page tree is a reference to a reference back to it
    {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"6 0 R", 6: b"2 0 R"},
    # an object that is a reference to itself
    {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"2 0 R"},
    # a longer chain: 2 -> 6 -> 7 -> 8 -> 2
    {1: b"<< /Type /Catalog /Pages 2 0 R >>", 2: b"6 0 R", 6: b"7 0 R", 7: b"8 0 R", 8: b"2 0 R"},
], ids=["two", "self", "four"])
def test_a_reference_loop_is_a_read_error(tmp_path: Path, objects: dict[int, bytes]) -> None:
    path = save(tmp_path, "loop.pdf", write_pdf(objects))
    refused(check(path, timeout=60), path, "damaged", "loop", seconds=15)


def test_a_font_that_is_a_reference_loop_is_a_read_error(tmp_path: Path) -> None:
    path = save(tmp_path, "fontloop.pdf", one_page(font=b"6 0 R", extra={6: b"5 0 R"}))
    refused(check(path, timeout=60), path, "damaged", "loop", seconds=15)


def test_a_page_tree_that_loops_reads_each_page_once(tmp_path: Path) -> None:
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
           b"/Resources << /Font << /F1 5 0 R >> >> >>",
        4: stream(deflate(TEXT)),
        5: FONT,
        6: b"<< /Type /Pages /Kids [2 0 R 6 0 R 3 0 R] /Count 1 >>",  # back to the root, itself, a page seen
    }
    path = save(tmp_path, "pageloop.pdf", write_pdf(objects))
    run = check(path, timeout=60)
    clean(run, seconds=15)
    assert "signpost" in run.stdout


def test_a_stream_whose_length_is_itself_is_a_read_error(tmp_path: Path) -> None:
    data = one_page()
    data = data.replace(b"4 0 obj\n<< /Length %d" % len(deflate(TEXT)), b"4 0 obj\n<< /Length 4 0 R")
    path = save(tmp_path, "length.pdf", data)
    run = check(path, timeout=60)
    assert "Traceback" not in run.stderr and run.code in (0, 1, 2) and run.seconds < 15, run
    assert len(run.errors) <= 1


def test_bookmarks_that_loop_do_not_hang(tmp_path: Path) -> None:
    outline = {
        6: b"<< /Type /Outlines /First 7 0 R /Last 8 0 R >>",
        7: b"<< /Title (Purpose) /Parent 6 0 R /Next 8 0 R /Dest [3 0 R /Fit] >>",
        8: b"<< /Title (Scope) /Parent 6 0 R /Next 7 0 R /Dest [3 0 R /Fit] >>",  # and back to 7
    }
    path = save(tmp_path, "outline.pdf", one_page(catalog=b"/Outlines 6 0 R ", extra=outline))
    run = check(path, timeout=60)
    clean(run, seconds=15)
    assert "signpost" in run.stdout


def fan_out(levels: int) -> dict[int, bytes]:
    """Bookmarks where each one's first child and next sibling are the same object: 2**levels visits."""
    objects = {6: b"<< /Type /Outlines /First 7 0 R /Last 7 0 R >>"}
    for i in range(levels):
        n = 7 + i
        objects[n] = b"<< /Title (Part) /Dest [3 0 R /Fit] /First %d 0 R /Last %d 0 R /Next %d 0 R >>" % (
            (n + 1, n + 1, n + 1) if i + 1 < levels else (n, n, n))
    objects[7 + levels - 1] = b"<< /Title (End) /Dest [3 0 R /Fit] >>"
    return objects


def test_references_that_fan_out_stop_on_time(tmp_path: Path) -> None:
    # Not a loop: 60 levels, each visited twice from the one above, is 2**60 visits.
    path = save(tmp_path, "fan.pdf", one_page(catalog=b"/Outlines 6 0 R ", extra=fan_out(60)))
    refused(check(path, {"SPEAKEASY_PDF_MAX_SECONDS": "3"}, timeout=60), path,
            "took more than 3 seconds", "SPEAKEASY_PDF_MAX_SECONDS", seconds=15)


def test_page_labels_that_fan_out_stop_on_time(tmp_path: Path) -> None:
    levels = 60
    labels = {6 + i: b"<< /Kids [%d 0 R %d 0 R] >>" % (7 + i, 7 + i) for i in range(levels)}
    labels[6 + levels] = b"<< /Nums [0 << /S /D >>] >>"
    path = save(tmp_path, "labels.pdf", one_page(catalog=b"/PageLabels 6 0 R ", extra=labels))
    refused(check(path, {"SPEAKEASY_PDF_MAX_SECONDS": "3"}, timeout=60), path,
            "took more than 3 seconds", "SPEAKEASY_PDF_MAX_SECONDS", seconds=15)


# -- operators: the clock is looked at per operator, and nothing piles up ------------------------

#: 4 million drawing operators and no text (the issue's case: it ran to 4.1 GB).
STROKES = b"0 0 m 612 792 l S\n" * (4_000_000 // 3)


def test_drawing_with_no_text_stops_on_time_and_keeps_no_shapes(tmp_path: Path) -> None:
    # The clock used to be looked at only when a letter was drawn, so this ran for ever.
    path = save(tmp_path, "strokes.pdf", one_page(STROKES))
    assert len(path.read_bytes()) < 1_000_000
    refused(check(path, {"SPEAKEASY_PDF_MAX_SECONDS": "2"}), path, "took more than 2 seconds",
            "SPEAKEASY_PDF_MAX_SECONDS", seconds=15, memory_mb=300)


def test_the_operator_limit_names_its_setting(tmp_path: Path) -> None:
    path = save(tmp_path, "strokes.pdf", one_page(STROKES))
    refused(check(path, {"SPEAKEASY_PDF_MAX_OPERATORS": "100000"}), path,
            "more than 100,000 drawing operators", "SPEAKEASY_PDF_MAX_OPERATORS", seconds=15, memory_mb=300)


@pytest.mark.slow
def test_four_million_drawing_operators_with_the_default_limits(tmp_path: Path) -> None:
    path = save(tmp_path, "strokes.pdf", one_page(STROKES))
    # 2,000,000 operators or 30 seconds of work, whichever comes first; a loaded machine may take longer.
    refused(check(path), path, "SPEAKEASY_PDF_MAX_", seconds=90, memory_mb=300)


def test_values_with_no_operator_do_not_pile_up(tmp_path: Path) -> None:
    # pdfminer.six copies all the waiting values each time an operator takes some: 300,000 values
    # left with no operator made each of the 100,000 operators after them slow.
    path = save(tmp_path, "values.pdf", one_page(b"1.5 " * 300_000 + b"0 g " * 100_000 + TEXT))
    run = check(path)
    clean(run, seconds=15, memory_mb=300)
    assert "signpost" in run.stdout


def test_a_list_that_never_ends_is_a_read_error(tmp_path: Path) -> None:
    path = save(tmp_path, "list.pdf", one_page(b"[" + b"1 " * 3_000_000 + b"] TJ " + TEXT))
    refused(check(path), path, "damaged", "100,000 values", memory_mb=300)


def inline_image(size: int) -> bytes:
    """A page whose inline image data is ``size`` bytes of E (each one a false start of its end, EI)."""
    return one_page(b"BI /W 1 /H 1 /BPC 8 /CS /G ID " + b"E" * size + b" EI " + TEXT)


def read_seconds(data: bytes) -> float:
    from speakeasy.readers import read_bytes

    start = time.perf_counter()
    doc = read_bytes("inline.pdf", data)
    seconds = time.perf_counter() - start
    assert "signpost" in doc.source
    return seconds


def test_inline_image_data_takes_time_in_proportion_to_its_size() -> None:
    # pdfminer.six added to a bytes object one letter at a time: time grew with the square of the size.
    small, big = inline_image(1_500_000), inline_image(3_000_000)
    read_seconds(inline_image(10_000))  # import and warm up
    one = min(read_seconds(small) for _ in range(2))
    two = min(read_seconds(big) for _ in range(2))
    assert one > 0.3, one  # large enough that the clock's noise does not matter
    assert two / one < 3, (one, two)


# -- letters and pictures ------------------------------------------------------------------------


def test_a_page_of_endless_letters_is_stopped(tmp_path: Path) -> None:
    path = save(tmp_path, "letters.pdf", one_page(b"BT /F1 1 Tf 0 0 Td (" + b"a" * 600_000 + b") Tj ET"))
    refused(check(path), path, "more than 200,000 letters and pictures", "SPEAKEASY_PDF_MAX_PAGE_ITEMS",
            memory_mb=600)


def test_a_page_of_endless_pictures_is_stopped(tmp_path: Path) -> None:
    image = stream(deflate(b"\x80"), "/FlateDecode", b"/Type /XObject /Subtype /Image /Width 1 /Height 1 "
                                                     b"/ColorSpace /DeviceGray /BitsPerComponent 8 ")
    path = save(tmp_path, "pictures.pdf", one_page(TEXT + b" /Im1 Do" * 400_000,
                                                   resources=b"/XObject << /Im1 6 0 R >>", extra={6: image}))
    refused(check(path), path, "more than 200,000 letters and pictures", "SPEAKEASY_PDF_MAX_PAGE_ITEMS",
            memory_mb=600)


def test_too_many_letters_in_a_file_names_its_setting(tmp_path: Path) -> None:
    path = save(tmp_path, "fine.pdf", one_page())
    refused(check(path, {"SPEAKEASY_PDF_MAX_LETTERS": "10"}), path, "more than 10 letters",
            "SPEAKEASY_PDF_MAX_LETTERS")


def test_too_many_pages_names_its_setting(tmp_path: Path) -> None:
    pages = 3000
    kids = b" ".join(b"%d 0 R" % (6 + i) for i in range(pages))
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               2: b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
               4: stream(deflate(TEXT)), 5: FONT}
    for i in range(pages):
        objects[6 + i] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                          b"/Resources << /Font << /F1 5 0 R >> >> >>")
    path = save(tmp_path, "pages.pdf", write_pdf(objects))
    refused(check(path), path, "3,000 pages", "reads up to 2,000", "SPEAKEASY_PDF_MAX_PAGES")


# -- an honest long PDF passes -------------------------------------------------------------------


def long_policy_fodt(sections: int) -> str:
    """A long policy as flat OpenDocument: ``sections`` headings, each with five paragraphs of ten-point text."""
    import random
    from xml.sax.saxutils import escape

    words = ("the council will support carers and families to plan care at home and we will review each plan "
             "with the person and their family every year staff must record what people tell them about their "
             "needs and wishes so that support can change when their needs change we work with health services "
             "housing and voluntary groups to make sure that nobody falls between services people can ask for "
             "a review at any time and we will answer within ten working days").split()
    rng = random.Random(16)

    def paragraph() -> str:
        sentences = []
        for _ in range(6):
            s = " ".join(rng.choice(words) for _ in range(rng.randint(8, 22)))
            sentences.append(s[0].upper() + s[1:] + ".")
        return escape(" ".join(sentences))

    body = []
    for n in range(sections):
        body.append(f'<text:h text:outline-level="2">Section {n + 1}: support for carers</text:h>')
        body.extend(f"<text:p>{paragraph()}</text:p>" for _ in range(5))
    ns = "urn:oasis:names:tc:opendocument:xmlns"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="{ns}:office:1.0" xmlns:style="{ns}:style:1.0" xmlns:text="{ns}:text:1.0"
 xmlns:fo="{ns}:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta><dc:title>A long policy</dc:title><dc:language>en-GB</dc:language></office:meta>
 <office:styles><style:default-style style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.1cm"/>
  <style:text-properties fo:font-size="10pt" fo:language="en" fo:country="GB"/>
 </style:default-style></office:styles>
 <office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm"
  fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="1.5cm"
  fo:margin-right="1.5cm"/></style:page-layout></office:automatic-styles>
 <office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
 <office:body><office:text>
{chr(10).join(body)}
 </office:text></office:body>
</office:document>
"""


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice) to make the long PDF")
def test_a_long_dense_pdf_passes_within_the_limits(tmp_path: Path) -> None:
    source = tmp_path / "long-policy.fodt"
    source.write_text(long_policy_fodt(480))  # about 200 pages of about 6,000 letters each
    tagged = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--norestore",
                    "--convert-to", tagged, "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=300)
    path = tmp_path / "long-policy.pdf"
    from pypdf import PdfReader

    pages = len(PdfReader(path).pages)
    assert pages >= 195, pages
    run = check(path, timeout=600)
    # Not refused: no limit reached. The reader's limit is 30 s of processor time; the whole check
    # (reading and the rules) must stay within 30 s of it too.
    assert "Traceback" not in run.stderr
    assert run.code in (0, 1), run.stderr
    assert "could not be checked" not in run.stdout, run.stdout[-500:]
    assert run.cpu < 30, run.cpu
    assert run.peak_mb < MEMORY_LIMIT_MB, run.peak_mb
