"""Safe loading of zip packages (Word .docx, PowerPoint .pptx, OpenDocument .odt and .odp) and their XML parts.

A document from somebody else is untrusted input.  Everything here turns a
problem into an :class:`~speakeasy.errors.InputError` with a one-line reason
(never a traceback), and refuses what could hurt the machine:

* a file that is not a zip package at all (``not-docx`` / ``not-odt``), an old
  binary Word ``.doc`` (``old-word-format``), a password-protected file
  (``encrypted``: Office keeps those in an OLE2 compound file with an
  ``EncryptionInfo`` stream; OpenDocument marks encrypted parts in its
  manifest);
* a damaged package: a broken zip, a part that fails its checksum, a missing
  main part, XML that does not parse (``damaged``);
* XML with a document type or entity declarations (``unsafe-xml``): they
  are never resolved (the parser is built not to) and such a part is refused
  outright, so a "billion laughs" or an external entity cannot do anything;
* a zip bomb (``too-large``): a large part may not be compressed more than
  :data:`MAX_RATIO` times, nor may the parts read all together (so many parts
  each just under the size where a single part is checked do not add up to
  gigabytes); and a part is decompressed here with a hard cap, so one that
  expands beyond its declared size is stopped there;
* more XML than can be checked in bounded time and memory (``too-large``):
  the declared sizes of the parts read may not add up to more than
  :attr:`Limits.xml_bytes` (``SPEAKEASY_MAX_XML_MB``), checked before a part
  is decompressed; and the parts may not hold more than
  :attr:`Limits.xml_elements` elements (``SPEAKEASY_MAX_XML_ELEMENTS``),
  counted before a part is parsed.  lxml and the readers take several hundred
  bytes for each element: 16 MB of bare ``<w:p/>``-like elements took 1.9 GB.

:class:`Limits` also holds the limits on the text read from one Word or
OpenDocument file (``SPEAKEASY_MAX_CHARACTERS``, ``SPEAKEASY_MAX_PARAGRAPHS``),
which :class:`speakeasy.readers.office.common.Builder` checks as it reads, so a file
whose text would take more than about 30 seconds or 1 GB to check is refused
with one line that names the limit and the variable that raises it.

A writer copies the members it does not change with :meth:`Package.copy_member`:
the compressed bytes as they are, in chunks, after the same checks, never
decompressed and never read whole.
"""

from __future__ import annotations

import copy
import os
import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO
from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from lxml import etree

#: The most XML read from one package, in MB (all parts together), unless ``SPEAKEASY_MAX_XML_MB`` says.
MAX_XML_MB = 32
#: The most XML elements read from one package, all parts together (``SPEAKEASY_MAX_XML_ELEMENTS``).
MAX_XML_ELEMENTS = 500_000
#: The most characters of text read from one Word or OpenDocument file (``SPEAKEASY_MAX_CHARACTERS``).
MAX_CHARACTERS = 2_000_000
#: The most paragraphs (and table cells) read from one file (``SPEAKEASY_MAX_PARAGRAPHS``).
MAX_PARAGRAPHS = 30_000
#: A part larger than :data:`RATIO_FLOOR` may not be compressed more than this; nor may the parts read together.
MAX_RATIO = 100
RATIO_FLOOR = 2 * 1024 * 1024
#: Bytes copied at a time by :meth:`Package.copy_member`.
COPY_CHUNK = 1024 * 1024
#: More members than this is not a document.
MAX_MEMBERS = 20_000

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_ENCRYPTION_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
_UNSAFE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)
_UNSAFE_TEXT = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.I)
_MB = 1024 * 1024

#: Words used in messages, per kind of package.
_KINDS = {
    "docx": {"name": "Word .docx", "app": "Word or LibreOffice", "suffix": ".docx",
             "old": "this is an old Word .doc file; open it in Word or LibreOffice and save it as .docx."},
    "odt": {"name": "OpenDocument text (.odt)", "app": "LibreOffice", "suffix": ".odt",
            "old": "this is an old Microsoft Office file, not an OpenDocument file; "
                   "open it in LibreOffice and save it as .odt."},
    "pptx": {"name": "PowerPoint .pptx", "app": "PowerPoint or LibreOffice", "suffix": ".pptx",
             "old": "this is an old PowerPoint .ppt file; open it in PowerPoint or LibreOffice and save it as .pptx."},
    "odp": {"name": "OpenDocument presentation (.odp)", "app": "LibreOffice", "suffix": ".odp",
            "old": "this is an old Microsoft Office file, not an OpenDocument file; "
                   "open it in LibreOffice and save it as .odp."},
}
#: The error code of a file that is not the package it is named as (and of an old Office file).
_NOT = {"docx": "not-docx", "odt": "not-odt", "pptx": "not-pptx", "odp": "not-odp"}
_OLD = {"docx": "old-word-format", "odt": "not-odt", "pptx": "old-powerpoint-format", "odp": "not-odp"}


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one Word or OpenDocument file may hold, each with the environment variable that raises it.

    ``xml_bytes``: the XML parts read, all together (declared sizes, checked
    before a part is decompressed); ``xml_elements``: the elements in them
    (counted before a part is parsed: memory and time go with the elements
    more than with the bytes); ``characters`` and ``paragraphs``: the
    text read (checked as blocks are made).  The defaults keep a check of one
    file under about 30 seconds and 1 GB on a small machine.
    """

    xml_bytes: int = MAX_XML_MB * _MB
    xml_elements: int = MAX_XML_ELEMENTS
    characters: int = MAX_CHARACTERS
    paragraphs: int = MAX_PARAGRAPHS

    #: field -> (environment variable, unit people write it in, bytes or items per unit)
    SETTINGS = {
        "xml_bytes": ("SPEAKEASY_MAX_XML_MB", "a number of megabytes, like 64", _MB),
        "xml_elements": ("SPEAKEASY_MAX_XML_ELEMENTS", "a number of elements, like 1000000", 1),
        "characters": ("SPEAKEASY_MAX_CHARACTERS", "a number of characters, like 4000000", 1),
        "paragraphs": ("SPEAKEASY_MAX_PARAGRAPHS", "a number of paragraphs, like 100000", 1),
    }

    @classmethod
    def from_env(cls, path: str, environ: "os._Environ[str] | dict[str, str] | None" = None) -> "Limits":
        """The limits, raised (or lowered) by the environment variables that are set.

        A value that is not a positive number is an :class:`InputError` for
        ``path`` that names the variable, so a typo never goes unseen.
        """
        env = os.environ if environ is None else environ
        values: dict[str, int] = {}
        for key, (var, unit, scale) in cls.SETTINGS.items():
            raw = (env.get(var) or "").strip()
            if not raw:
                continue
            try:
                number = float(raw.replace(",", "").replace("_", ""))
            except ValueError:
                number = float("nan")
            if not number > 0 or number == float("inf"):
                raise InputError(path, f"the environment variable {var} is '{raw[:40]}', but it must be {unit}.",
                                 "bad-setting")
            values[key] = int(number * scale)
        return cls(**values)


def limit_words(var: str) -> str:
    """How to raise a limit, the same in every message."""
    return f"set the environment variable {var} to raise the limit"


@dataclass(frozen=True, slots=True)
class Relationship:
    """One entry of an OOXML ``.rels`` part."""

    id: str
    type: str
    target: str  # a zip member name for internal targets; the URL as written for external ones
    external: bool


class Package:
    """A zip package opened for reading with every safety check in place.

    ``kind`` is ``"docx"``, ``"odt"``, ``"pptx"`` or ``"odp"`` (it only changes the wording of
    messages).  Raises :class:`InputError` from the constructor when the bytes
    are not a usable package.
    """

    def __init__(self, path: str, data: bytes, kind: str = "docx", limits: Limits | None = None) -> None:
        self.path = path
        self.data = data
        self.kind = kind
        self.words = _KINDS[kind]
        self.limits = limits if limits is not None else Limits.from_env(path)
        #: declared uncompressed and compressed bytes of the parts read so far, and their XML elements
        self.total = 0
        self.compressed = 0
        self.elements = 0
        self._xml: dict[str, "etree._Element"] = {}
        self._parser = None
        self._check_signature()
        try:
            self.zip = zipfile.ZipFile(BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, KeyError, IndexError):
            raise self.damaged("it is not a complete zip package") from None
        except Exception:  # noqa: BLE001 - zipfile raises odd errors on odd input
            raise self.damaged("it is not a complete zip package") from None
        if len(infos) > MAX_MEMBERS:
            raise self.error(
                f"this file has too many parts ({len(infos)}) to be a document; speakeasy did not read it.",
                "too-large",
            )
        self.infos: dict[str, zipfile.ZipInfo] = {}
        self._lower: dict[str, str] = {}
        for info in infos:
            name = info.filename.replace("\\", "/").lstrip("/")
            self.infos.setdefault(name, info)
            self._lower.setdefault(name.lower(), name)

    # -- errors -----------------------------------------------------------------------

    def error(self, message: str, code: str) -> InputError:
        return InputError(self.path, message, code)

    def damaged(self, detail: str) -> InputError:
        return self.error(
            f"this {self.words['name']} file is damaged ({detail}); "
            f"open it in {self.words['app']} and save it again.",
            "damaged",
        )

    def encrypted(self) -> InputError:
        return self.error(
            "this file is password-protected, so speakeasy cannot read it; remove the password and try again.",
            "encrypted",
        )

    def too_large(self, detail: str) -> InputError:
        return self.error(
            f"this file is too large to read safely ({detail}); speakeasy did not read it. "
            "If it is a real document, remove large embedded content or split it.",
            "too-large",
        )

    def over_xml_limit(self, name: str, size: int) -> InputError:
        """The XML limit, in one line: what is over, the limit, and the variable that raises it."""
        limit = self.limits.xml_bytes
        whole = self.total + size
        what = (f"{name} unpacks to {_megabytes(size)} of XML" if size > limit else
                f"its XML parts, up to {name}, unpack to {_megabytes(whole)}")
        return self.error(
            f"this file has too much to check: {what}, over the limit of {_megabytes(limit)} "
            f"for one file; speakeasy did not read it. Split the document, or "
            f"{limit_words(Limits.SETTINGS['xml_bytes'][0])}.",
            "too-large",
        )

    def over_element_limit(self, name: str, elements: int) -> InputError:
        limit = self.limits.xml_elements
        what = (f"{name} has {elements:,} XML elements" if elements > limit else
                f"its XML parts, up to {name}, have {self.elements:,} elements")
        return self.error(
            f"this file has too much to check: {what}, over the limit of {limit:,} for one file; "
            f"speakeasy did not read it. Split the document, or "
            f"{limit_words(Limits.SETTINGS['xml_elements'][0])}.",
            "too-large",
        )

    # -- opening ----------------------------------------------------------------------

    def _check_signature(self) -> None:
        head = self.data[:8]
        if head.startswith(OLE2_SIGNATURE):
            if any(s in self.data for s in _ENCRYPTION_STREAMS):
                raise self.encrypted()
            raise self.error(self.words["old"], _OLD[self.kind])
        if not head.startswith(_ZIP_SIGNATURES):
            what = {"odt": "an OpenDocument .odt", "odp": "an OpenDocument .odp"}.get(
                self.kind, f"a {self.words['name']}")
            raise self.error(
                f"this is not {what} file (it is not a zip package); "
                f"open it in {self.words['app']} and save it as {self.words['suffix']}.",
                _NOT[self.kind],
            )

    # -- members ----------------------------------------------------------------------

    def find(self, name: str) -> str | None:
        """The member's real name (OPC names are case-insensitive), or None."""
        name = name.lstrip("/")
        if name in self.infos:
            return name
        return self._lower.get(name.lower())

    def has(self, name: str) -> bool:
        return self.find(name) is not None

    def read(self, name: str) -> bytes:
        """The bytes of one member, with the size, ratio and checksum checks."""
        real = self.find(name)
        if real is None:
            raise self.damaged(f"{name} is missing")
        info = self.infos[real]
        if info.flag_bits & 0x1:
            raise self.encrypted()
        size = info.file_size
        # Before anything is decompressed: the part alone, then with the parts read before it.
        if size > self.limits.xml_bytes or self.total + size > self.limits.xml_bytes:
            raise self.over_xml_limit(real, size)
        self._check_ratio(real, info)
        total, compressed = self.total + size, self.compressed + info.compress_size
        if total > RATIO_FLOOR and total > MAX_RATIO * max(compressed, 1):
            raise self.too_large(f"its parts are compressed more than {MAX_RATIO} times together, like a zip bomb")
        self.total, self.compressed = total, compressed
        data = self.data
        begin = self._data_start(real, info)
        raw = data[begin : begin + info.compress_size]
        if info.compress_type == zipfile.ZIP_STORED:
            out = raw
            if len(out) > size:
                raise self.too_large(f"{real} is bigger than the package says")
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            inflater = zlib.decompressobj(-15)
            try:
                # at most one byte more than declared: enough to know it lied
                out = inflater.decompress(raw, size + 1)
            except zlib.error:
                raise self.damaged(f"{real} cannot be decompressed") from None
            if len(out) > size:
                raise self.too_large(f"{real} expands to more than the package says")
        else:
            raise self.damaged(f"{real} uses a kind of compression speakeasy cannot read")
        if len(out) != size or zlib.crc32(out) != info.CRC:
            raise self.damaged(f"{real} fails its checksum")
        return out

    def _check_ratio(self, real: str, info: zipfile.ZipInfo) -> None:
        if info.flag_bits & 0x1:
            raise self.encrypted()
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise self.too_large(f"{real} is compressed more than {MAX_RATIO} times, like a zip bomb")

    def _data_start(self, real: str, info: zipfile.ZipInfo) -> int:
        """Where a member's compressed bytes start in the file, after checking that they are all there."""
        data = self.data
        offset = info.header_offset
        header = data[offset : offset + 30]
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            raise self.damaged(f"{real} cannot be found in the zip package")
        name_len = int.from_bytes(header[26:28], "little")
        extra_len = int.from_bytes(header[28:30], "little")
        begin = offset + 30 + name_len + extra_len
        if begin + info.compress_size > len(data):
            raise self.damaged(f"{real} is cut short")
        return begin

    # -- writing ----------------------------------------------------------------------

    def copy_member(self, info: zipfile.ZipInfo, dst: zipfile.ZipFile) -> None:
        """Copy one member to ``dst`` as it is: its compressed bytes, in chunks, never decompressed.

        The same checks as :meth:`read` come first (a password, a zip bomb, a
        member that is not all there), so ``fix`` refuses what ``check``
        would.  Nothing is held in memory but one chunk, whatever the
        member.s size; its CRC and sizes are the ones the source declared.
        """
        real = info.filename.replace("\\", "/").lstrip("/")
        self._check_ratio(real, info)
        begin = self._data_start(real, info)
        out = copy.copy(info)
        out.flag_bits &= ~0x08  # the sizes and CRC go in the local header: no data descriptor after the data
        out.extra = _strip_zip64(info.extra)
        fp = dst.fp
        if fp is None:  # pragma: no cover - a closed archive
            raise ValueError("the zip file is closed")
        out.header_offset = fp.tell()
        zip64 = info.file_size > zipfile.ZIP64_LIMIT or info.compress_size > zipfile.ZIP64_LIMIT
        fp.write(out.FileHeader(zip64))
        view = memoryview(self.data)
        end = begin + info.compress_size
        for at in range(begin, end, COPY_CHUNK):
            fp.write(view[at : min(at + COPY_CHUNK, end)])
        dst.filelist.append(out)
        dst.NameToInfo[out.filename] = out
        dst.start_dir = fp.tell()
        dst._didModify = True  # noqa: SLF001 - so that close() writes the central directory

    # -- XML ----------------------------------------------------------------------------

    def parser(self) -> "etree.XMLParser":
        if self._parser is None:
            from lxml import etree

            self._parser = etree.XMLParser(
                resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, dtd_validation=False
            )
        return self._parser

    def xml(self, name: str) -> "etree._Element":
        """The parsed root element of an XML member (parsed once, then shared)."""
        real = self.find(name)
        if real is None:
            raise self.damaged(f"{name} is missing")
        found = self._xml.get(real)
        if found is not None:
            return found
        data = self.read(real)
        # Before parsing: an element costs lxml and the readers far more than its bytes.
        elements = data.count(b"<") - data.count(b"</") - data.count(b"<?") - data.count(b"<!")
        self.elements += elements
        if self.elements > self.limits.xml_elements:
            raise self.over_element_limit(real, elements)
        root = parse_xml(data, real, self)
        self._xml[real] = root
        return root

    @property
    def parsed(self) -> dict[str, "etree._Element"]:
        """Every XML part parsed so far, by member name."""
        return self._xml

    def rels(self, part: str) -> dict[str, Relationship]:
        """The relationships of a part (``word/document.xml`` -> ``word/_rels/document.xml.rels``)."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if not self.has(rels_name):
            return {}
        root = self.xml(rels_name)
        out: dict[str, Relationship] = {}
        for rel in root:
            if not isinstance(rel.tag, str) or not rel.tag.endswith("Relationship"):
                continue
            rid = rel.get("Id") or ""
            target = rel.get("Target") or ""
            external = (rel.get("TargetMode") or "").lower() == "external"
            if not external:
                target = resolve_target(folder, target)
            out[rid] = Relationship(rid, rel.get("Type") or "", target, external)
        return out


def _megabytes(size: int) -> str:
    mb = size / _MB
    return f"{mb:,.0f} MB" if mb >= 10 else f"{mb:,.1f} MB".replace(".0 MB", " MB")


def _strip_zip64(extra: bytes) -> bytes:
    """An extra field without its zip64 record (header id 1): ``FileHeader`` writes a new one when needed."""
    out = bytearray()
    at = 0
    while at + 4 <= len(extra):
        kind, length = struct.unpack("<HH", extra[at : at + 4])
        if kind != 1:
            out += extra[at : at + 4 + length]
        at += 4 + length
    return bytes(out)


def resolve_target(folder: str, target: str) -> str:
    """An internal relationship target as a zip member name."""
    from urllib.parse import unquote

    target = unquote(target.split("#", 1)[0])
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    joined = posixpath.normpath(posixpath.join(folder, target))
    return joined.lstrip("/")


def parse_xml(data: bytes, name: str, package: Package) -> "etree._Element":
    """Parse one part: refuse declarations, never resolve entities, report errors in one line."""
    from lxml import etree

    probe = data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise package.damaged(f"{name} is not well-formed XML") from None
        if _UNSAFE_TEXT.search(text):
            raise _unsafe(package, name)
        probe = b""
    if probe and _UNSAFE.search(probe):
        raise _unsafe(package, name)
    try:
        root = etree.fromstring(data, package.parser())
    except etree.XMLSyntaxError as exc:
        line = getattr(exc, "lineno", None) or (exc.position[0] if getattr(exc, "position", None) else None)
        where = f", line {line}" if line else ""
        raise package.damaged(f"{name} is not well-formed XML{where}") from None
    except (ValueError, MemoryError):
        raise package.damaged(f"{name} is not well-formed XML") from None
    tree = root.getroottree()
    info = tree.docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise _unsafe(package, name)
    return root


def _unsafe(package: Package, name: str) -> InputError:
    return package.error(
        f"this file contains XML declarations (a DOCTYPE or ENTITY in {name}) that speakeasy refuses to read "
        f"for safety; open it in {package.words['app']} and save it again.",
        "unsafe-xml",
    )
