"""Document readers: bytes in, :class:`~speakeasy.model.Document` out.

A reader turns a file into blocks of prose that keep their exact position in
the source.  Readers are chosen by file suffix.  Every reader raises
:class:`~speakeasy.errors.InputError` (never anything else) for a file it
cannot read, with a one-line reason in plain English.

Each reader declares what speakeasy can do with its files besides reading
them (:class:`Capabilities`): whether and how they can be fixed, whether
their line numbers mean anything, whether tracked changes can be written,
and which :class:`ReadOptions` it takes.  Code above the readers asks
:func:`capabilities` instead of naming formats.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, fields, replace
from os import PathLike
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from ..errors import InputError
from ..model import Document
# The one check that a file is a regular file before it is read (shared with the loaders of wordlists,
# rule packs and settings); kept importable from here, where callers have always found them.
from ..paths import read_file, regular_file

#: The landmarks of a web page that are left out unless asked for (``include_landmarks``):
#: the site's header and footer, its menus (nav) and side panels (aside).
LANDMARKS = ("header", "footer", "nav", "aside")


@dataclass(frozen=True)
class ReadOptions:
    """How to read files, the same for every file in a run (from the settings).

    ``include_comments``: Word and OpenDocument files: read comments as text too.
    ``include_landmarks``: web pages: the landmarks of :data:`LANDMARKS` to
    read as well as the main content.
    Readers ignore the options that are not for their format.
    """

    include_comments: bool = False
    include_landmarks: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if not isinstance(self.include_landmarks, frozenset):
            object.__setattr__(self, "include_landmarks", frozenset(self.include_landmarks))
        unknown = sorted(self.include_landmarks - set(LANDMARKS))
        if unknown:
            raise ValueError(f"unknown landmarks {unknown}; use some of {list(LANDMARKS)}")

    @classmethod
    def from_settings(cls, settings: Any) -> "ReadOptions":
        """The options a :class:`~speakeasy.config.Settings` (or its ``values``) asks for."""
        values: Mapping[str, Any] = getattr(settings, "values", settings)
        landmarks: Iterable[str] = values.get("include_landmarks") or ()
        return cls(bool(values.get("include_comments", False)), frozenset(landmarks))


#: How a format's files are fixed (:attr:`Capabilities.fix`): the file's own text is changed
#: (Markdown, plain text), ...
FIX_TEXT = "text"
#: ... or the changes go into the runs of a Word or OpenDocument package, so formatting is kept.
FIX_RUNS = "runs"

#: The options a reader may take: the fields of :class:`ReadOptions`.
READ_OPTIONS = frozenset(f.name for f in fields(ReadOptions))


@dataclass(frozen=True)
class Capabilities:
    """What speakeasy can do with a format's files besides reading them (see :func:`capabilities`).

    * ``format``: the format's name (``docx``); filled in from the reader.
    * ``fix``: how ``speakeasy fix`` and ``speakeasy review`` change the files:
      :data:`FIX_TEXT`, :data:`FIX_RUNS`, or None when they cannot (review then
      opens them read only).
    * ``line_numbers``: the document's lines are the file's lines.  False when
      the reader makes the text itself (one line per paragraph), so reports say
      where a finding is in words ("page 4, paragraph 2").
    * ``tracked_changes``: fixes can be written as tracked changes with
      comments (``--as-suggestions``; Word only).
    * ``comments_in_text``: review can write speakeasy's own comments
      (``<!-- speakeasy-disable-next-line RULE -->``) into the text; otherwise
      it writes them to the project's ignore file.
    * ``options``: the :class:`ReadOptions` the reader takes (``include_comments``...).
    * ``files``: what its files are called in a sentence ("web pages"; by
      default "<format> files").
    * ``cannot_fix``: why ``speakeasy fix`` refuses a file that cannot be fixed,
      when there is more to say than "speakeasy cannot fix <format> files yet.";
      a declared reason is given before any other refusal.
    * ``how_to_change``: what to do instead, when review cannot change the file.
    """

    format: str = ""
    fix: str | None = None
    line_numbers: bool = True
    tracked_changes: bool = False
    comments_in_text: bool = False
    options: frozenset[str] = frozenset()
    files: str = ""
    cannot_fix: str = ""
    how_to_change: str = "Change the file yourself, then check it again."

    def __post_init__(self) -> None:
        if not isinstance(self.options, frozenset):
            object.__setattr__(self, "options", frozenset(self.options))
        if self.fix not in (None, FIX_TEXT, FIX_RUNS):
            raise ValueError(f"fix must be None, {FIX_TEXT!r} or {FIX_RUNS!r}, not {self.fix!r}")
        if self.tracked_changes and self.fix != FIX_RUNS:
            raise ValueError("tracked changes are written into a package's runs: they need fix=FIX_RUNS")
        if self.comments_in_text and self.fix != FIX_TEXT:
            raise ValueError("comments are written into the file's text: they need fix=FIX_TEXT")
        unknown = sorted(self.options - READ_OPTIONS)
        if unknown:
            raise ValueError(f"unknown read options {unknown}; use some of {sorted(READ_OPTIONS)}")

    @property
    def can_fix(self) -> bool:
        return self.fix is not None

    @property
    def files_named(self) -> str:
        """What the format's files are called in a sentence: "web pages", "PDF files", "email files"."""
        return self.files or f"{self.format} files"

    @property
    def why_not_fixed(self) -> str:
        """Why ``speakeasy fix`` refuses the format's files (for a format that cannot be fixed)."""
        return self.cannot_fix or f"speakeasy cannot fix {self.format} files yet."

    @property
    def cannot_write(self) -> str:
        """Why ``speakeasy review`` cannot change the format's files, in one short sentence."""
        return f"speakeasy cannot write changes to {self.files_named}."


@dataclass(frozen=True)
class Reader:
    """A reader a plugin gives (entry point group ``speakeasy.readers``).

    ``name`` is the format's name (shown in reports), ``suffixes`` the file
    endings it reads (``(".eml",)``, lower case, with the dot).  ``parse``
    takes ``(path, text)`` and returns a :class:`~speakeasy.model.Document`
    whose ``source`` is ``text``; with ``binary=True`` it takes
    ``(path, data)`` with the file's bytes instead.  For a file it cannot
    read, ``parse`` raises :class:`~speakeasy.errors.InputError`; any other
    error is reported as the plugin's, and the run goes on.

    ``capabilities`` (:class:`Capabilities`, its ``format`` left out): what
    else speakeasy can do with the files.  By default (None) they cannot be
    fixed (review opens them read only), their line numbers are used, and no
    :class:`ReadOptions` are taken.  A reader of text (not ``binary``) whose
    ``source`` is the file's text may declare ``fix=FIX_TEXT``: fixes then
    change that text.  Plugin readers are given no read options, and only
    speakeasy's own Word and OpenDocument readers can be fixed in their runs.
    """

    name: str
    suffixes: tuple[str, ...]
    parse: Callable[[str, str], Document]
    binary: bool = False
    capabilities: Capabilities | None = None

    def __post_init__(self) -> None:
        caps = self.capabilities
        if caps is None:
            return
        if caps.fix == FIX_RUNS:
            raise ValueError("only speakeasy's own Word and OpenDocument readers can be fixed in their runs")
        if caps.fix == FIX_TEXT and self.binary:
            raise ValueError("a binary reader's text is not the file's text, so it cannot be fixed as text")
        if caps.options:
            raise ValueError("plugin readers are not given read options, so they cannot take "
                             f"{sorted(caps.options)}")

    def declared(self) -> Capabilities:
        """Its :class:`Capabilities`, with the format's name filled in (the defaults when none were given)."""
        return replace(self.capabilities or Capabilities(), format=self.name)


#: suffix -> (Reader, "plugin-name version"): readers of the enabled plugins (see speakeasy.plugins)
_PLUGIN_READERS: dict[str, tuple[Reader, str]] = {}


def _set_plugin_readers(readers: list[tuple[Reader, str]]) -> None:
    _PLUGIN_READERS.clear()
    for reader, owner in readers:
        for suffix in reader.suffixes:
            _PLUGIN_READERS[suffix.lower()] = (reader, owner)


def builtin_suffixes() -> list[str]:
    """The suffixes speakeasy reads by itself, without plugins."""
    _register_builtin()
    return sorted([*_TEXT_READERS, *_BINARY_READERS])


def _plugin_parse(reader: Reader, owner: str, path: str, data: bytes) -> Document:
    """Run a plugin's reader; any error but InputError becomes a one-line InputError naming the plugin."""
    try:
        return reader.parse(path, data if reader.binary else decode(path, data))  # type: ignore[arg-type]
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - a plugin's bug must not stop the run
        raise InputError(
            path,
            f"the plugin '{owner}' could not read this file ({type(exc).__name__}: {exc}). "
            "Please report this to the plugin's authors.",
            "plugin-error",
        ) from None

#: suffix -> (format name, parse function taking (path, text) -> Document)
_TEXT_READERS: dict[str, tuple[str, Callable[[str, str], Document]]] = {}
#: suffix -> (format name, module): readers of binary formats (zip packages), given the
#: bytes as they are (no UTF-8 decoding).  The module is imported when first used, and
#: its ``parse(path, data, include_comments=False)`` makes the Document; a ``parse`` with
#: an ``options`` parameter instead gets the whole :class:`ReadOptions`.
_BINARY_READERS: dict[str, tuple[str, str]] = {
    ".docx": ("docx", "docx"),
    ".odt": ("odt", "odt"),
    ".pptx": ("pptx", "slides.pptx"),
    ".odp": ("odp", "slides.odp"),
    # web pages are given as bytes too: their <meta charset> may name the encoding
    ".html": ("html", "html"),
    ".htm": ("html", "html"),
    ".pdf": ("pdf", "pdf"),
}

#: What speakeasy can do with the files of each built-in format (see :class:`Capabilities`).
_BUILTIN_CAPABILITIES: dict[str, Capabilities] = {
    "markdown": Capabilities("markdown", fix=FIX_TEXT, comments_in_text=True),
    "text": Capabilities("text", fix=FIX_TEXT),
    "docx": Capabilities("docx", fix=FIX_RUNS, line_numbers=False, tracked_changes=True,
                         options=frozenset({"include_comments"})),
    "odt": Capabilities("odt", fix=FIX_RUNS, line_numbers=False, options=frozenset({"include_comments"})),
    "pptx": Capabilities("pptx", fix=FIX_RUNS, line_numbers=False, files="PowerPoint files"),
    "odp": Capabilities("odp", fix=FIX_RUNS, line_numbers=False, files="Impress files"),
    "html": Capabilities("html", options=frozenset({"include_landmarks"}), files="web pages"),
    "pdf": Capabilities(
        "pdf", line_numbers=False, options=frozenset({"include_comments"}), files="PDF files",
        cannot_fix="speakeasy cannot change a PDF file. Change the document it came from, then make the PDF again.",
        how_to_change="Change the document the PDF came from, then make the PDF again.",
    ),
}


def _register_builtin() -> None:
    if _TEXT_READERS:
        return
    from . import markdown, text

    for suffix in (".md", ".markdown", ".mdown", ".mkd"):
        _TEXT_READERS[suffix] = ("markdown", markdown.parse)
    for suffix in (".txt", ".text"):
        _TEXT_READERS[suffix] = ("text", text.parse)


def supported_suffixes() -> list[str]:
    _register_builtin()
    return sorted([*_TEXT_READERS, *_BINARY_READERS, *_PLUGIN_READERS])


def format_for(path: str) -> str | None:
    """The format name for a path (``markdown``, ``text``, ``docx``, ``odt``, ``html``), or None if unsupported."""
    _register_builtin()
    suffix = Path(path).suffix.lower()
    entry = _TEXT_READERS.get(suffix) or _BINARY_READERS.get(suffix)
    if entry is None and suffix in _PLUGIN_READERS:
        return _PLUGIN_READERS[suffix][0].name
    return entry[0] if entry else None


def capabilities(format: str | None = None, *, path: str | PathLike[str] | None = None) -> Capabilities | None:
    """What speakeasy can do with a format's files: ``capabilities("pdf")`` or ``capabilities(path="a.PDF")``.

    None when speakeasy does not read the format (or the path's suffix).  A
    plugin reader without declared capabilities gets the defaults of
    :class:`Capabilities`: its files cannot be fixed, and their line numbers are used.
    """
    if (format is None) == (path is None):
        raise TypeError("capabilities() takes a format or a path=, not both")
    name = format_for(str(path)) if path is not None else format
    if name is None:
        return None
    if name in _BUILTIN_CAPABILITIES:
        return _BUILTIN_CAPABILITIES[name]
    for reader, _ in _PLUGIN_READERS.values():
        if reader.name == name:
            return reader.declared()
    return None


def has_line_numbers(format: str) -> bool:
    """Do line and column numbers mean something in this format's files?  (Not in Word, OpenDocument or PDF.)

    A format speakeasy does not know is taken to have them.
    """
    caps = capabilities(format)
    return caps is None or caps.line_numbers


def _binary_parser(fmt: str | None) -> Callable[[str, bytes, ReadOptions], Document] | None:
    import importlib

    for name, module in _BINARY_READERS.values():
        if name == fmt:
            parse = importlib.import_module(f"{__name__}.{module}").parse
            if "options" in inspect.signature(parse).parameters:
                return lambda path, data, options: parse(path, data, options=options)
            return lambda path, data, options: parse(path, data, include_comments=options.include_comments)
    return None


_UNSUPPORTED = "speakeasy cannot read this kind of file. It reads: {}."


def decode(path: str, data: bytes) -> str:
    """Bytes to text: UTF-8 only, with a clear reason when it is not.

    A UTF-8 byte-order mark is removed.  Windows line endings are kept (the
    line and column maths treat ``\\r\\n`` as one line break).  An empty file
    is an empty text, not an error.
    """
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise InputError(
            path,
            "this file is saved as UTF-32 text; speakeasy reads UTF-8. Save it again as UTF-8.",
            "encoding",
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_like_utf16(data):
        raise InputError(
            path,
            "this file is saved as UTF-16 text; speakeasy reads UTF-8. Save it again as UTF-8.",
            "encoding",
        )
    if b"\x00" in data:
        raise InputError(
            path, "this is not a text file (it looks like a binary file), so it was not checked.", "binary"
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            path,
            f"this file is not UTF-8 text (line {line} has the byte 0x{data[exc.start]:02x}). "
            "Save it again as UTF-8 and try again.",
            "encoding",
        ) from None


def _looks_like_utf16(data: bytes) -> bool:
    """UTF-16 without a byte-order mark: mostly-ASCII text with a zero byte in every other place."""
    head = data[:4096]
    if len(head) < 4 or b"\x00" not in head:
        return False
    half = len(head) // 2
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return max(even, odd) >= 0.7 * half and min(even, odd) <= 0.05 * half


def _options(options: ReadOptions | None, include_comments: bool) -> ReadOptions:
    options = options or ReadOptions()
    return replace(options, include_comments=True) if include_comments else options


def read_bytes(path: str, data: bytes, format: str | None = None, *, include_comments: bool = False,
               options: ReadOptions | None = None) -> Document:
    """Parse bytes already read from ``path`` (or standard input).

    ``options``: how to read (:class:`ReadOptions`; the defaults when not given).
    ``include_comments=True`` is the same as ``options.include_comments``, kept for
    callers written before :class:`ReadOptions`.
    """
    _register_builtin()
    opts = _options(options, include_comments)
    fmt = format or format_for(path)
    binary = _binary_parser(fmt)
    if binary is not None:
        return binary(path, data, opts)
    for name, parse in _TEXT_READERS.values():
        if name == fmt:
            return parse(path, decode(path, data))
    for reader, owner in _PLUGIN_READERS.values():
        if reader.name == fmt:
            return _plugin_parse(reader, owner, path, data)
    raise InputError(path, _UNSUPPORTED.format(", ".join(supported_suffixes())), "unsupported")


def read_path(path: str | Path, *, include_comments: bool = False, options: ReadOptions | None = None) -> Document:
    """Read and parse one file (``options`` and ``include_comments`` as for :func:`read_bytes`).

    Raises :class:`InputError` (and nothing else) with a one-line reason: the
    file does not exist, is a folder, is not a regular file (a named pipe, a
    device), is a link loop, is not a kind speakeasy reads, cannot be opened,
    or is not UTF-8 text.
    """
    shown = str(path)
    regular_file(path, shown)
    if format_for(shown) is None:
        raise InputError(shown, _UNSUPPORTED.format(", ".join(supported_suffixes())), "unsupported")
    data = read_file(path, shown)
    return read_bytes(shown, data, options=_options(options, include_comments))
