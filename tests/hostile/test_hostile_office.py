"""Hostile Word and OpenDocument files: bounded time and memory (issue 16, "Bounded resources", Word).

What did not hold before:

* 120 header parts, each just under the size where one part's compression
  is checked, made a 393 KB .docx grow to 10.6 GB;
* an honest 200 MB document.xml took 3.3 GB and never finished;
* ``fix`` on a .docx with an unused 1 GB member took 2.2 GB, because the
  writer unpacked every member without the reader's checks.

Now the parts read are checked together (their declared sizes, before
anything is unpacked), the XML read from one file has a limit
(``SPEAKEASY_MAX_XML_MB``), the text read has limits
(``SPEAKEASY_MAX_CHARACTERS``, ``SPEAKEASY_MAX_PARAGRAPHS``), and ``fix``
copies the members it does not change as they are, a chunk at a time, after
the same checks.  Each case is built here, in the test; each run is a
``python -m speakeasy`` process, timed, with its peak memory measured.
"""

from __future__ import annotations

from _peak import run_measured  # noqa: E402  (tests/hostile/_peak.py: a child run, its time and its own memory)

import io
import os
import random
import resource
import tempfile
import zipfile
from pathlib import Path

import pytest

#: What one refused or checked file may take, start-up included.
SECONDS = 20
#: Peak memory of one run, in MB (start-up alone is about 120 MB).
PEAK_MB = 400
#: Address space a run may have at all, so that a regression fails the test instead of filling the machine.
ADDRESS_SPACE = 3 * 1024**3


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" '
      'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
      '</Types>')
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             f'<Relationship Id="rId1" Type="{RT}/officeDocument" Target="word/document.xml"/>'
             '</Relationships>')
HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>'
TAIL = "</w:body></w:document>"
#: Words for text that compresses like real text (about 3 to 5 times), not like a zip bomb.
WORDS = ("care support visit plan home help staff family carer review meeting service person need "
         "team week time money health safe place talk change choice record letter phone name").split()


def para(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def write_docx(path: Path, body: str | None = None, *, body_chunks=None, parts: dict[str, bytes | str] = (),
               rels: str = "", extra: dict[str, bytes] = (), level: int = 6) -> Path:
    """A .docx: document.xml from ``body`` (or streamed from ``body_chunks``), more parts and members."""
    doc_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f"{rels}</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("word/_rels/document.xml.rels", doc_rels)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(HEAD.encode())
            if body is not None:
                f.write(body.encode())
            for chunk in body_chunks or ():
                f.write(chunk)
            f.write(TAIL.encode())
        for name, data in dict(parts).items():
            z.writestr(name, data)
        for name, data in dict(extra).items():
            z.writestr(name, data)
    return path


def prose(rng: random.Random, n_words: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n_words)]
    return " ".join(words).capitalize() + "."


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None,
        limit: float = SECONDS) -> tuple[int, str, str, float, float]:
    """(exit code, stdout, stderr, seconds, peak MB) of `python -m speakeasy ARGS`, killed after ``limit`` s.

    The peak is the child's own maximum resident memory (``wait4``), so the
    test process's memory does not count.  Output goes to files and is read
    back only up to 1 MB (see _peak.run_measured).
    """
    full_env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8")
    for var in ("SPEAKEASY_MAX_XML_MB", "SPEAKEASY_MAX_XML_ELEMENTS", "SPEAKEASY_MAX_CHARACTERS",
                "SPEAKEASY_MAX_PARAGRAPHS"):
        full_env.pop(var, None)
    full_env.update(env or {})
    # a cache of its own for each run: a result kept under other limits must not answer for this one
    full_env["SPEAKEASY_CACHE_DIR"] = tempfile.mkdtemp(prefix="cache-", dir=cwd)
    r = run_measured(args, cwd, full_env, limit, preexec_fn=_cap_memory, read_limit=1_000_000)
    return r.code, r.out, r.err, r.seconds, r.peak_mb


def one_error(err: str) -> str:
    """The one error line (``check`` writes ``error: FILE: ...``, other commands ``speakeasy: error: ...``)."""
    assert "Traceback" not in err and "internal error" not in err, err[:2000]
    lines = [line.removeprefix("speakeasy: ") for line in err.splitlines()
             if line.startswith("speakeasy: error:")]
    assert len(lines) == 1, err[:2000]
    return lines[0]


def refused(tmp_path: Path, args: list[str], env: dict[str, str] | None = None, peak_mb: float = PEAK_MB) -> str:
    """Run, check exit 2 with one error line within the bounds; return the line."""
    code, out, err, seconds, peak = run(args, tmp_path, env)
    assert code == 2, (code, err[:2000])
    line = one_error(err)
    assert seconds < SECONDS, seconds
    assert peak < peak_mb, peak
    return line


# -- many parts, each just under the check on one part ---------------------------------------------


def header_bomb(path: Path, headers: int = 120, size: int = 2 * 1024 * 1024 - 4096) -> Path:
    """``headers`` header parts of ``size`` bytes each (compressed about 1000 times), each in use."""
    run_xml = "<w:r><w:t>a</w:t></w:r>"
    filler = run_xml * ((size - 200) // len(run_xml))
    parts: dict[str, bytes | str] = {}
    rels = []
    sections = []
    for i in range(headers):
        parts[f"word/header{i}.xml"] = f'<w:hdr xmlns:w="{W}"><w:p>{filler}</w:p></w:hdr>'
        rels.append(f'<Relationship Id="rH{i}" Type="{RT}/header" Target="header{i}.xml"/>')
        sections.append(f'<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rH{i}"/>'
                        f"</w:sectPr></w:pPr><w:r><w:t>Section {i}.</w:t></w:r></w:p>")
    return write_docx(path, "".join(sections), parts=parts, rels="".join(rels), level=9)


def test_many_header_parts_each_under_the_part_check_are_refused_together(tmp_path: Path) -> None:
    path = header_bomb(tmp_path / "headers.docx")
    assert path.stat().st_size < 1_000_000  # the file was 393 KB
    line = refused(tmp_path, ["check", "--no-config", path.name])
    assert line == (f"error: {path.name}: this file is too large to read safely (its parts are "
                    "compressed more than 100 times together, like a zip bomb); speakeasy did not read it. "
                    "If it is a real document, remove large embedded content or split it.")


def test_parts_that_compress_like_text_count_together_against_the_xml_limit(tmp_path: Path) -> None:
    """Four headers of honest text, 150 KB each: over a limit of 0.5 MB together, never one by one."""
    rng = random.Random(16)
    parts: dict[str, bytes | str] = {}
    rels = []
    sections = []
    for i in range(4):
        body = "".join(para(prose(rng, 20)) for _ in range(1200))[: 150 * 1024]
        body = body[: body.rindex("</w:p>") + 6]
        parts[f"word/header{i}.xml"] = f'<w:hdr xmlns:w="{W}">{body}</w:hdr>'
        rels.append(f'<Relationship Id="rH{i}" Type="{RT}/header" Target="header{i}.xml"/>')
        sections.append(f'<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rH{i}"/>'
                        f"</w:sectPr></w:pPr><w:r><w:t>Section {i}.</w:t></w:r></w:p>")
    path = write_docx(tmp_path / "headers.docx", "".join(sections), parts=parts, rels="".join(rels))
    line = refused(tmp_path, ["check", "--no-config", path.name], env={"SPEAKEASY_MAX_XML_MB": "0.5"})
    assert line.startswith(f"error: {path.name}: this file has too much to check: its XML parts, "
                           "up to word/header"), line
    assert line.endswith(", over the limit of 0.5 MB for one file; speakeasy did not read it. Split the document, "
                         "or set the environment variable SPEAKEASY_MAX_XML_MB to raise the limit."), line
    # the same file with the limit raised is checked
    code, out, err, seconds, peak = run(["check", "--no-config", "--format", "json", path.name], tmp_path,
                                        {"SPEAKEASY_MAX_XML_MB": "1"})
    assert code in (0, 1), err[:2000]


# -- an honest document.xml too big to check --------------------------------------------------------


def honest_chunks(megabytes: int):
    """Real-looking paragraphs (they compress about 5 times), ``megabytes`` MB of them, a block at a time."""
    rng = random.Random(200)
    block = "".join(para(prose(rng, 18)) for _ in range(4000)).encode()
    variants = [block.replace(b"care", w.encode()) for w in WORDS]  # not one block repeated: honest ratio
    done = 0
    i = 0
    while done < megabytes * 1024 * 1024:
        chunk = variants[i % len(variants)]
        i += 1
        done += len(chunk)
        yield chunk


@pytest.mark.slow
def test_an_honest_200_mb_document_xml_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "big.docx", body_chunks=honest_chunks(200), level=1)
    info = zipfile.ZipFile(path).getinfo("word/document.xml")
    assert info.file_size > 200 * 1024 * 1024 and info.file_size < 100 * info.compress_size  # no zip bomb
    line = refused(tmp_path, ["check", "--no-config", path.name], peak_mb=PEAK_MB + path.stat().st_size / 2**20)
    assert line == (f"error: {path.name}: this file has too much to check: word/document.xml "
                    f"unpacks to {info.file_size / 2**20:,.0f} MB of XML, over the limit of 32 MB for one file; "
                    "speakeasy did not read it. Split the document, or set the environment variable "
                    "SPEAKEASY_MAX_XML_MB to raise the limit.")


def test_a_document_xml_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """The same as the 200 MB case, small enough to build in every run: 40 MB, over the 32 MB default."""
    path = write_docx(tmp_path / "big.docx", body_chunks=honest_chunks(40), level=1)
    line = refused(tmp_path, ["check", "--no-config", path.name])
    assert "word/document.xml unpacks to 40 MB of XML, over the limit of 32 MB for one file" in line, line
    assert line.endswith("set the environment variable SPEAKEASY_MAX_XML_MB to raise the limit."), line


# -- many elements in few bytes ---------------------------------------------------------------------


def bare_elements(megabytes: float):
    """Empty elements the reader looks at, in a random mix (so not a zip bomb): 2.5 million in 16 MB."""
    rng = random.Random(12)
    names = (b"<w:p/>", b"<w:r/>", b"<w:t/>", b"<w:tbl/>")
    left = int(megabytes * 1024 * 1024)
    while left > 0:
        chunk = b"".join(rng.choice(names) for _ in range(50_000))
        chunk = chunk[: chunk.rfind(b"/>", 0, left + 1) + 2] if len(chunk) > left else chunk
        if len(chunk) < 6:
            break
        left -= len(chunk)
        yield chunk


def test_many_elements_in_few_bytes_are_refused_before_they_are_parsed(tmp_path: Path) -> None:
    """16 MB of bare elements is under the XML limit, but took 20 s and 1.9 GB to read: refused by count."""
    path = write_docx(tmp_path / "elements.docx", para("Hello."), body_chunks=bare_elements(16))
    line = refused(tmp_path, ["check", "--no-config", path.name])
    assert line.startswith(f"error: {path.name}: this file has too much to check: word/document.xml has "), line
    assert line.endswith(" XML elements, over the limit of 500,000 for one file; speakeasy did not read it. "
                         "Split the document, or set the environment variable SPEAKEASY_MAX_XML_ELEMENTS to "
                         "raise the limit."), line


def test_the_element_limit_counts_every_part_read_and_can_be_lowered(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "small.docx", "".join(para(f"Week {i}.") for i in range(30)))
    # document.xml: the document, the body, and 30 paragraphs of 3 elements; _rels/.rels before it: 2
    line = refused(tmp_path, ["check", "--no-config", path.name], env={"SPEAKEASY_MAX_XML_ELEMENTS": "50"})
    assert "word/document.xml has 92 XML elements, over the limit of 50 for one file" in line, line
    line = refused(tmp_path, ["check", "--no-config", path.name], env={"SPEAKEASY_MAX_XML_ELEMENTS": "93"})
    assert "its XML parts, up to word/document.xml, have 94 elements, over the limit of 93 for one file" in line
    code, out, err, *_ = run(["check", "--no-config", path.name], tmp_path, {"SPEAKEASY_MAX_XML_ELEMENTS": "200"})
    assert code in (0, 1), err[:2000]


# -- the text read: characters and paragraphs ------------------------------------------------------


def test_more_paragraphs_than_the_limit_are_refused_as_soon_as_they_are_read(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "many.docx", "".join(para(f"Item {i}.") for i in range(30_001)))
    line = refused(tmp_path, ["check", "--no-config", path.name])
    assert line == (f"error: {path.name}: this file has too much to check: more than 30,000 "
                    "paragraphs and table cells, the limit for one file; speakeasy did not check it. "
                    "Split the document, or set the environment variable SPEAKEASY_MAX_PARAGRAPHS to raise "
                    "the limit.")


def test_more_characters_than_the_limit_are_refused_as_soon_as_they_are_read(tmp_path: Path) -> None:
    rng = random.Random(3)
    body = "".join(para(prose(rng, 150)) for _ in range(2_400))  # about 2.2 million characters
    path = write_docx(tmp_path / "long.docx", body)
    line = refused(tmp_path, ["check", "--no-config", path.name])
    assert line == (f"error: {path.name}: this file has too much to check: more than 2,000,000 "
                    "characters of text, the limit for one file; speakeasy did not check it. "
                    "Split the document, or set the environment variable SPEAKEASY_MAX_CHARACTERS to raise "
                    "the limit.")


def test_the_text_limits_can_be_raised_and_lowered(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "small.docx", "".join(para(f"We will visit you at home, week {i}.")
                                                       for i in range(30)))
    code, out, err, *_ = run(["check", "--no-config", path.name], tmp_path)
    assert code in (0, 1), err[:2000]
    line = refused(tmp_path, ["check", "--no-config", path.name], env={"SPEAKEASY_MAX_PARAGRAPHS": "20"})
    assert "more than 20 paragraphs and table cells" in line and "SPEAKEASY_MAX_PARAGRAPHS" in line
    line = refused(tmp_path, ["check", "--no-config", path.name], env={"SPEAKEASY_MAX_CHARACTERS": "100"})
    assert "more than 100 characters of text" in line and "SPEAKEASY_MAX_CHARACTERS" in line
    code, out, err, *_ = run(["check", "--no-config", path.name], tmp_path,
                             {"SPEAKEASY_MAX_PARAGRAPHS": "100", "SPEAKEASY_MAX_CHARACTERS": "1e6"})
    assert code in (0, 1), err[:2000]


@pytest.mark.parametrize("value", ["lots", "-5", "0", "nan"])
def test_a_limit_that_is_not_a_number_is_one_clear_line(tmp_path: Path, value: str) -> None:
    path = write_docx(tmp_path / "small.docx", para("Hello."))
    line = refused(tmp_path, ["check", "--no-config", path.name], env={"SPEAKEASY_MAX_XML_MB": value})
    assert line == (f"error: {path.name}: the environment variable SPEAKEASY_MAX_XML_MB is "
                    f"'{value}', but it must be a number of megabytes, like 64.")


# -- OpenDocument: the same limits -----------------------------------------------------------------


def write_odt(path: Path, content_chunks) -> Path:
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("META-INF/manifest.xml", manifest)
        with z.open("content.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{office}" '
                    f'xmlns:text="{text}"><office:body><office:text>'.encode())
            for chunk in content_chunks:
                f.write(chunk)
            f.write(b"</office:text></office:body></office:document-content>")
    return path


def test_odt_content_over_the_xml_limit_is_refused(tmp_path: Path) -> None:
    chunks = (c.replace(b"<w:p><w:r><w:t>", b"<text:p>").replace(b"</w:t></w:r></w:p>", b"</text:p>")
              for c in honest_chunks(40))
    path = write_odt(tmp_path / "big.odt", chunks)
    line = refused(tmp_path, ["check", "--no-config", path.name])
    size = zipfile.ZipFile(path).getinfo("content.xml").file_size
    assert f"content.xml unpacks to {size / 2**20:,.0f} MB of XML, over the limit of 32 MB for one file" in line, line


def test_odt_paragraph_limit(tmp_path: Path) -> None:
    path = write_odt(tmp_path / "many.odt", [b"".join(b"<text:p>Item %d.</text:p>" % i for i in range(30_001))])
    line = refused(tmp_path, ["check", "--no-config", path.name])
    assert "more than 30,000 paragraphs and table cells" in line and "SPEAKEASY_MAX_PARAGRAPHS" in line


# -- fix: members it does not change ----------------------------------------------------------------


def add_member_streamed(path: Path, name: str, size: int, noise: int = 0) -> None:
    """Append a member of ``size`` bytes to the zip, written a chunk at a time: zeros, with ``noise``
    fresh random bytes in every 4 KB (so it compresses about 4096 / noise times; 0: about 1000 times)."""
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        with z.open(name, "w", force_zip64=True) as f:
            zeros = b"\0" * (4 * 1024 * 1024)
            done = 0
            while done < size:
                chunk = zeros if not noise else b"".join(
                    os.urandom(noise) + zeros[: 4096 - noise] for _ in range(1024))
                piece = chunk[: size - done]
                f.write(piece)
                done += len(piece)


FIX_BODY = para("We will utilise the plan.")


def test_fix_refuses_an_unused_zip_bomb_member_without_unpacking_it(tmp_path: Path) -> None:
    """The issue's case: an unused 1 GB member (compressed about 1000 times).  The reader never reads it;
    fix applies the reader's checks to every member it copies, so it refuses it, in one line."""
    path = write_docx(tmp_path / "policy.docx", FIX_BODY)
    add_member_streamed(path, "word/media/unused.bin", 1024 * 1024 * 1024)
    assert path.stat().st_size < 8_000_000
    line = refused(tmp_path, ["fix", "--no-config", path.name])
    assert line == (f"error: {path.name}: this file is too large to read safely (word/media/unused.bin "
                    "is compressed more than 100 times, like a zip bomb); speakeasy did not read it. "
                    "If it is a real document, remove large embedded content or split it.")
    assert not (tmp_path / "policy.fixed.docx").exists()


def test_fix_copies_a_large_unused_member_without_unpacking_it(tmp_path: Path) -> None:
    """A 300 MB member compressed about 60 times (under the zip-bomb check): fix copies its compressed
    bytes as they are, so the run never holds the 300 MB, and the member is the same afterwards."""
    path = write_docx(tmp_path / "policy.docx", FIX_BODY)
    add_member_streamed(path, "word/media/big.bin", 300 * 1024 * 1024, noise=60)
    src = zipfile.ZipFile(path).getinfo("word/media/big.bin")
    assert 20 < src.file_size / src.compress_size < 100, src.file_size / src.compress_size
    file_mb = path.stat().st_size / 2**20
    code, out, err, seconds, peak = run(["fix", "--no-config", path.name], tmp_path)
    assert code in (0, 1), err[:2000]
    assert "Traceback" not in err
    assert seconds < SECONDS
    # the input and the output are in memory, a few MB each; never the 300 MB member
    assert peak < PEAK_MB + 3 * file_mb, peak
    fixed = tmp_path / "policy.fixed.docx"
    with zipfile.ZipFile(fixed) as z:
        out_info = z.getinfo("word/media/big.bin")
        assert (out_info.CRC, out_info.file_size, out_info.compress_size) == (
            src.CRC, src.file_size, src.compress_size)
        assert z.testzip() is None
        assert b"use the plan" in z.read("word/document.xml")
    with zipfile.ZipFile(path) as a, zipfile.ZipFile(fixed) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            if name not in ("word/document.xml", "word/media/big.bin"):  # the big one: its CRC is above
                assert a.read(name) == b.read(name), name


def test_fix_copies_members_byte_for_byte(tmp_path: Path) -> None:
    """Stored and deflated members, and one with a data descriptor, come out with the same bytes."""
    path = write_docx(tmp_path / "policy.docx", FIX_BODY, extra={"word/media/a.png": b"\x89PNG" + bytes(range(256))})
    with zipfile.ZipFile(path, "a") as z:
        z.writestr(zipfile.ZipInfo("docProps/stored.xml"), "<x>kept</x>")
        with z.open("customXml/item1.xml", "w") as f:  # streamed: written with a data descriptor
            f.write(b"<item>" + b"kept " * 1000 + b"</item>")
    code, out, err, *_ = run(["fix", "--no-config", path.name], tmp_path)
    assert code in (0, 1), err[:2000]
    fixed = tmp_path / "policy.fixed.docx"
    raw_in, raw_out = path.read_bytes(), fixed.read_bytes()
    with zipfile.ZipFile(path) as a, zipfile.ZipFile(fixed) as b:
        assert b.testzip() is None
        for info in a.infolist():
            if info.filename == "word/document.xml":
                continue
            other = b.getinfo(info.filename)
            assert (other.CRC, other.compress_type, other.compress_size) == (
                info.CRC, info.compress_type, info.compress_size), info.filename
            assert a.read(info.filename) == b.read(info.filename)

            def body(raw: bytes, i: zipfile.ZipInfo) -> bytes:
                n, e = int.from_bytes(raw[i.header_offset + 26:i.header_offset + 28], "little"), int.from_bytes(
                    raw[i.header_offset + 28:i.header_offset + 30], "little")
                start = i.header_offset + 30 + n + e
                return raw[start:start + i.compress_size]

            assert body(raw_in, info) == body(raw_out, other), info.filename


def test_fix_as_suggestions_reads_the_package_parts_with_the_reader_checks(tmp_path: Path) -> None:
    """--as-suggestions reads [Content_Types].xml again: a DOCTYPE there is refused, as the reader refuses it."""
    path = write_docx(tmp_path / "policy.docx", FIX_BODY)
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = {i.filename: z.read(i.filename) for i in z.infolist()}
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"?>", b'?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, member in members.items():
            z.writestr(name, member)
    line = refused(tmp_path, ["fix", "--no-config", "--as-suggestions", path.name])
    assert "[Content_Types].xml" in line and "refuses to read" in line, line
