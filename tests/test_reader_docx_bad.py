"""Word and OpenDocument files that cannot be read: one clear line each, never a traceback, and the run goes on."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from speakeasy.errors import InputError
from speakeasy.readers import read_path
from test_reader_docx_support import docx_bytes, odt_bytes, p

FIXTURES = ROOT / "tests" / "data" / "docx"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

NOT_DOCX = ("this is not a Word .docx file (it is not a zip package); "
            "open it in Word or LibreOffice and save it as .docx.")
OLD_WORD = "this is an old Word .doc file; open it in Word or LibreOffice and save it as .docx."
ENCRYPTED = "this file is password-protected, so speakeasy cannot read it; remove the password and try again."
TOO_LARGE = ("this file is too large to read safely ({}); speakeasy did not read it. "
             "If it is a real document, remove large embedded content or split it.")
UNSAFE = ("this file contains XML declarations (a DOCTYPE or ENTITY in {}) that speakeasy refuses to read "
          "for safety; open it in {} and save it again.")


def damaged(detail: str, kind: str = "docx") -> str:
    if kind == "docx":
        return f"this Word .docx file is damaged ({detail}); open it in Word or LibreOffice and save it again."
    return f"this OpenDocument text (.odt) file is damaged ({detail}); open it in LibreOffice and save it again."


def _zip(parts: dict[str, bytes | str], compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compress) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def _docx_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def _with_document(xml: bytes | str, compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    parts: dict[str, bytes | str] = dict(_docx_parts(docx_bytes(p("Hello."))))
    parts["word/document.xml"] = xml
    return _zip(parts, compress)


def _set_declared_size(data: bytes, name: str, size: int) -> bytes:
    """Rewrite a member's uncompressed size in its local header and the central directory."""
    out = bytearray(data)
    encoded = name.encode()
    at = 0
    while True:
        at = out.find(b"PK\x01\x02", at)
        if at == -1:
            break
        name_len = int.from_bytes(out[at + 28:at + 30], "little")
        if bytes(out[at + 46:at + 46 + name_len]) == encoded:
            out[at + 24:at + 28] = size.to_bytes(4, "little")
            local = int.from_bytes(out[at + 42:at + 46], "little")
            out[local + 22:local + 26] = size.to_bytes(4, "little")
        at += 4
    return bytes(out)


GOOD_DOCUMENT = docx_bytes(p("We will commence the plan."))
DOCUMENT_XML = _docx_parts(GOOD_DOCUMENT)["word/document.xml"]


def _crc_error() -> bytes:
    data = bytearray(_with_document(DOCUMENT_XML, zipfile.ZIP_STORED))
    at = data.find(b"commence")
    data[at] = ord("C")
    return bytes(data)


def _lying_size() -> bytes:
    xml = DOCUMENT_XML.replace(b"We will commence the plan.", b"We will commence the plan. " * 400)
    data = _with_document(xml)
    return _set_declared_size(data, "word/document.xml", 1000)


def _declared_huge() -> bytes:
    return _set_declared_size(_with_document(DOCUMENT_XML), "word/document.xml", 300 * 1024 * 1024)


def _ratio_bomb() -> bytes:
    head, tail = DOCUMENT_XML.split(b"We will commence the plan.")
    return _with_document(head + b"Ok. " * 1_000_000 + tail)


#: name -> (bytes, code, message)
DOCX_CASES: dict[str, tuple[bytes, str, str]] = {
    "not-a-zip": (b"This is plain text with a .docx name.\n", "not-docx", NOT_DOCX),
    "empty-file": (b"", "not-docx", NOT_DOCX),
    "old-doc": (OLE2 + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\x00" * 64, "old-word-format",
                OLD_WORD),
    "encrypted": (OLE2 + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 8
                  + "EncryptedPackage".encode("utf-16-le"), "encrypted", ENCRYPTED),
    "cut-short": (GOOD_DOCUMENT[: len(GOOD_DOCUMENT) // 2], "damaged", damaged("it is not a complete zip package")),
    "crc-error": (_crc_error(), "damaged", damaged("word/document.xml fails its checksum")),
    "missing-document": (_zip({"[Content_Types].xml": "<Types/>", "docProps/core.xml": "<x/>"}), "damaged",
                         damaged("word/document.xml is missing")),
    "bad-xml": (_with_document(b'<?xml version="1.0"?>\n<w:document xmlns:w="x"><w:body>'), "damaged",
                damaged("word/document.xml is not well-formed XML, line 2")),
    "doctype": (_with_document(DOCUMENT_XML.replace(b"?>", b"?><!DOCTYPE w:document>", 1)), "unsafe-xml",
                UNSAFE.format("word/document.xml", "Word or LibreOffice")),
    "entity": (_with_document(DOCUMENT_XML.replace(
        b"?>", b'?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', 1).replace(
        b"We will commence the plan.", b"We will &xxe;")), "unsafe-xml",
        UNSAFE.format("word/document.xml", "Word or LibreOffice")),
    "billion-laughs": (_with_document(DOCUMENT_XML.replace(
        b"?>", b'?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>', 1)),
        "unsafe-xml", UNSAFE.format("word/document.xml", "Word or LibreOffice")),
    "declared-huge": (_declared_huge(), "too-large", "this file has too much to check: word/document.xml unpacks to 300 MB of XML, over the limit of 32 MB for one file; speakeasy did not read it. Split the document, or set the environment variable SPEAKEASY_MAX_XML_MB to raise the limit."),
    "ratio-bomb": (_ratio_bomb(), "too-large",
                   TOO_LARGE.format("word/document.xml is compressed more than 100 times, like a zip bomb")),
    "lying-size": (_lying_size(), "too-large",
                   TOO_LARGE.format("word/document.xml expands to more than the package says")),
    "odt-named-docx": (odt_bytes("<text:p>Hello.</text:p>"), "not-docx",
                       "this is an OpenDocument file, not a Word .docx file; "
                       "rename it to end in .odt and try again."),
}

ODT_CASES: dict[str, tuple[bytes, str, str]] = {
    "not-a-zip": (b"Plain text.\n", "not-odt", "this is not an OpenDocument .odt file (it is not a zip package); "
                  "open it in LibreOffice and save it as .odt."),
    "encrypted": (odt_bytes("<text:p>Secret.</text:p>", manifest_extra=(
        '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"/>')),
        "encrypted", ENCRYPTED),
    "spreadsheet": (odt_bytes("<text:p>Cells.</text:p>", mimetype="application/vnd.oasis.opendocument.spreadsheet"),
                    "not-odt", "this is not an OpenDocument text file (it is "
                    "'application/vnd.oasis.opendocument.spreadsheet'); speakeasy reads text documents (.odt)."),
    "docx-named-odt": (GOOD_DOCUMENT, "not-odt", "this is a Word .docx file, not an OpenDocument file; "
                       "rename it to end in .docx and try again."),
    "missing-content": (_zip({"mimetype": "application/vnd.oasis.opendocument.text", "styles.xml": "<x/>"}),
                        "damaged", damaged("content.xml is missing", "odt")),
    "cut-short": (odt_bytes("<text:p>Hello.</text:p>")[:200], "damaged",
                  damaged("it is not a complete zip package", "odt")),
    "doctype": (_zip({"mimetype": "application/vnd.oasis.opendocument.text",
                      "content.xml": '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>'}),
                "unsafe-xml", UNSAFE.format("content.xml", "LibreOffice")),
}


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _reason(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        read_path(path)
    exc = info.value
    assert exc.path == str(path)
    assert exc.message == f"{path}: {exc.reason}"
    assert "\n" not in exc.message
    return exc


@pytest.mark.parametrize("case", sorted(DOCX_CASES))
def test_bad_docx_files(tmp_path: Path, case: str) -> None:
    data, code, message = DOCX_CASES[case]
    exc = _reason(_write(tmp_path, f"{case}.docx", data))
    assert (exc.code, exc.reason) == (code, message)


@pytest.mark.parametrize("case", sorted(ODT_CASES))
def test_bad_odt_files(tmp_path: Path, case: str) -> None:
    data, code, message = ODT_CASES[case]
    exc = _reason(_write(tmp_path, f"{case}.odt", data))
    assert (exc.code, exc.reason) == (code, message)


def test_a_doctype_is_refused_even_in_utf16(tmp_path: Path) -> None:
    xml = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w:document><w:document/>'.encode("utf-16")
    exc = _reason(_write(tmp_path, "utf16.docx", _with_document(xml)))
    assert exc.code == "unsafe-xml"


def test_an_entity_is_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    xml = DOCUMENT_XML.replace(b"?>", f'?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'.encode(), 1)
    xml = xml.replace(b"We will commence the plan.", b"&x;")
    exc = _reason(_write(tmp_path, "xxe.docx", _with_document(xml)))
    assert exc.code == "unsafe-xml" and "TOP SECRET" not in exc.message


#: the colleague-made bad inputs in tests/data/docx: file -> (code, message)
FIXTURE_CASES = {
    "not-a-zip.docx": ("not-docx", NOT_DOCX),
    "old-format.doc": ("old-word-format", OLD_WORD),
    "encrypted.docx": ("encrypted", ENCRYPTED),
    "damaged.docx": ("damaged", damaged("it is not a complete zip package")),
    "missing-document.docx": ("damaged", damaged("word/document.xml is missing")),
    "xxe.docx": ("unsafe-xml", UNSAFE.format("word/document.xml", "Word or LibreOffice")),
    "zip-bomb.docx": ("too-large", "this file has too much to check: word/document.xml unpacks to 1,431 MB of XML, over the limit of 32 MB for one file; speakeasy did not read it. Split the document, or set the environment variable SPEAKEASY_MAX_XML_MB to raise the limit."),
}


@pytest.mark.parametrize("name", sorted(FIXTURE_CASES))
def test_bad_input_fixtures(tmp_path: Path, name: str) -> None:
    source = FIXTURES / name
    assert source.is_file(), f"{source} is missing: it is one of the repository's test files"
    path = source
    if name.endswith(".doc"):  # a .doc renamed .docx: what people do
        path = _write(tmp_path, "old-format.docx", source.read_bytes())
    exc = _reason(path)
    assert (exc.code, exc.reason) == FIXTURE_CASES[name]


# ---------------------------------------------------------------------------
# through the command line: exit 2, one line on stderr per bad file, the good file still checked


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return _write(tmp_path, "good.docx", GOOD_DOCUMENT)


@pytest.mark.parametrize("case", sorted(DOCX_CASES) + [f"odt:{c}" for c in sorted(ODT_CASES)])
@pytest.mark.parametrize("output", ["human", "json"])
def test_cli_reports_the_bad_file_and_checks_the_good_one(cli, tmp_path: Path, good: Path, case: str,
                                                          output: str) -> None:
    if case.startswith("odt:"):
        data, _code, message = ODT_CASES[case[4:]]
        bad = _write(tmp_path, f"{case[4:]}.odt", data)
    else:
        data, _code, message = DOCX_CASES[case]
        bad = _write(tmp_path, f"{case}.docx", data)
    code, out, err = cli("check", "--no-config", "--format", output, str(bad), str(good))
    assert code == 2
    assert "Traceback" not in out + err
    error_lines = [line for line in err.splitlines() if str(bad) in line]
    assert len(error_lines) == 1, err
    assert message in error_lines[0]
    assert str(good) in out
    assert "commence" in out


def test_cli_a_folder_with_bad_and_good_word_files(cli, tmp_path: Path) -> None:
    folder = tmp_path / "policies"
    folder.mkdir()
    _write(folder, "a-good.docx", GOOD_DOCUMENT)
    _write(folder, "b-old.docx", DOCX_CASES["old-doc"][0])
    _write(folder, "c-good.odt", odt_bytes("<text:p>We will commence the plan.</text:p>"))
    code, out, err = cli("check", "--no-config", str(folder))
    assert code == 2
    assert "Traceback" not in out + err
    (line,) = [line for line in err.splitlines() if "b-old.docx" in line]
    assert OLD_WORD in line
    assert "a-good.docx" in out and "c-good.odt" in out and "commence" in out
