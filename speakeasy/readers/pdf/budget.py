"""Bounds on the work pdfminer.six does for one PDF: time, unpacked bytes, operators, letters (issue 16).

A PDF is a small program: a 1 MB file can ask for gigabytes of unpacked
streams (a stream packed twice, a font's ToUnicode map, XMP metadata, a
Form XObject drawn from a page), for millions of drawing operators, or for
objects that refer to each other for ever.  pdfminer.six does what the file
asks, so the PDF reader runs it inside a :class:`Budget`:

* **Unpacked bytes.**  Every stream pdfminer.six unpacks, whatever its
  filters and whatever it is for, is unpacked by :func:`_bounded_decode`
  (put in place of ``PDFStream.decode`` while a budget is active), a
  megabyte at a time, and counted against one total for the file.  It stops
  as soon as the total is over the limit, so no more than the limit is ever
  held.  Filters that only make pictures (DCT, JPX, JBIG2, CCITT fax) are
  not unpacked: the reader never needs pixels.
* **Operators.**  The content parser counts each operator of the page
  content and of the Form XObjects it draws, and looks at the clock every
  few thousand tokens, so a page of drawing with no text stops on time.
  An unfinished list of values (``[1 1 1 ...`` or values with no operator)
  cannot grow past :data:`MAX_LIST`.
* **References.**  :func:`document_class` makes a ``PDFDocument`` whose
  ``getobj`` follows an object that is only a reference to another one
  itself, and raises :class:`ReferenceLoop` when the chain comes back
  (pdfminer.six would loop for ever).  Each object looked up counts as work,
  so walks that visit the same objects again and again stop on time too.

Outside a budget (another program using pdfminer.six in the same process),
pdfminer.six works as it always does: the replacements give way to the
original code when no budget is active in the thread.
"""

from __future__ import annotations

import contextlib
import threading
import time
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterator

#: The most values waiting in one unfinished list or for one operator in a page's content.
MAX_LIST = 100_000
#: How many content tokens (or objects looked up) between two looks at the clock.
_TICK = 2048
#: Unpack this much at a time.
_CHUNK = 1 << 20


class OverLimit(Exception):
    """The PDF went over one of the limits of its :class:`Budget`: ``what`` names which."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class ReferenceLoop(Exception):
    """An object of the PDF is a reference to an object that is, in the end, a reference back to it."""


class DamagedContent(Exception):
    """A page's content is not one a PDF program writes (a list too long to be real)."""


@dataclass
class Budget:
    """What one PDF may use: seconds, unpacked bytes and operators, counted as pdfminer.six works."""

    seconds: float
    unpacked_bytes: int
    operators: int
    deadline: float = 0.0
    unpacked: int = 0
    operators_used: int = 0
    _ticks: int = field(default=0, repr=False)

    def __post_init__(self) -> None:
        self.deadline = time.thread_time() + self.seconds

    def check_time(self) -> None:
        if time.thread_time() > self.deadline:
            raise OverLimit("seconds")

    def tick(self) -> None:
        """One piece of work; look at the clock now and then."""
        self._ticks += 1
        if self._ticks >= _TICK:
            self._ticks = 0
            self.check_time()

    def take_bytes(self, n: int) -> None:
        self.unpacked += n
        if self.unpacked > self.unpacked_bytes:
            raise OverLimit("unpacked")

    def take_operator(self) -> None:
        self.operators_used += 1
        if self.operators_used > self.operators:
            raise OverLimit("operators")


_local = threading.local()


def current() -> Budget | None:
    """The budget of the PDF being read in this thread, if any."""
    return getattr(_local, "budget", None)


@contextlib.contextmanager
def active(budget: Budget) -> Iterator[Budget]:
    """Count pdfminer.six's work in this thread against ``budget`` while the block runs."""
    _install()
    before = current()
    _local.budget = budget
    try:
        yield budget
    finally:
        _local.budget = before


# -- unpacking streams -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _install() -> None:
    """Put the bounded decoder and content parser in pdfminer.six's place (once; they give way outside a budget)."""
    from pdfminer import pdfinterp
    from pdfminer.pdftypes import PDFStream

    original_decode = PDFStream.decode

    def decode(self: Any) -> None:
        budget = current()
        if budget is None:
            original_decode(self)
        else:
            _bounded_decode(self, budget)

    decode.__doc__ = original_decode.__doc__
    PDFStream.decode = decode  # type: ignore[method-assign]
    pdfinterp.PDFContentParser = _content_parser_class(pdfinterp.PDFContentParser)  # type: ignore[misc]


def _bounded_decode(stream: Any, budget: Budget) -> None:
    """``PDFStream.decode``, counting every byte each filter makes against the budget."""
    from pdfminer import settings
    from pdfminer.ascii85 import ascii85decode, asciihexdecode
    from pdfminer.pdfexceptions import PDFNotImplementedError
    from pdfminer.pdftypes import (
        LITERAL_CRYPT, LITERALS_ASCII85_DECODE, LITERALS_ASCIIHEX_DECODE, LITERALS_CCITTFAX_DECODE,
        LITERALS_DCT_DECODE, LITERALS_FLATE_DECODE, LITERALS_JBIG2_DECODE, LITERALS_JPX_DECODE,
        LITERALS_LZW_DECODE, LITERALS_RUNLENGTH_DECODE, PDFException,
    )

    assert stream.data is None and stream.rawdata is not None
    budget.check_time()
    data = stream.rawdata
    if stream.decipher:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    filters = stream.get_filters()
    if not filters:
        budget.take_bytes(len(data))
    for f, params in filters:
        if f in LITERALS_FLATE_DECODE:
            before = budget.unpacked
            try:
                data = _inflate(data, budget)
            except zlib.error as exc:
                if settings.STRICT:
                    raise PDFException(f"Invalid zlib bytes: {exc!r}") from exc
                budget.unpacked = before
                data = _inflate_damaged(data, budget)
        elif f in LITERALS_LZW_DECODE:
            data = _unlzw(data, budget)
        elif f in LITERALS_ASCII85_DECODE:
            data = ascii85decode(data)
            budget.take_bytes(len(data))
        elif f in LITERALS_ASCIIHEX_DECODE:
            data = asciihexdecode(data)
            budget.take_bytes(len(data))
        elif f in LITERALS_RUNLENGTH_DECODE:
            data = _unrunlength(data, budget)
        elif (f in LITERALS_DCT_DECODE or f in LITERALS_JBIG2_DECODE or f in LITERALS_JPX_DECODE
              or f in LITERALS_CCITTFAX_DECODE):
            break  # pictures: left packed (pdfminer.six leaves DCT, JBIG2 and JPX so too)
        elif f == LITERAL_CRYPT:
            raise PDFNotImplementedError("/Crypt filter is unsupported")
        else:
            raise PDFNotImplementedError(f"Unsupported filter: {f!r}")
        if params and "Predictor" in params:
            data = _unpredict(data, params, budget)
        budget.check_time()
    stream.data = data
    stream.rawdata = None


def _inflate(data: bytes, budget: Budget) -> bytes:
    """zlib.decompress, a megabyte at a time, stopping as soon as the budget is spent."""
    d = zlib.decompressobj()
    out: list[bytes] = []
    chunk = data
    while True:
        piece = d.decompress(chunk, _CHUNK)
        budget.take_bytes(len(piece))
        out.append(piece)
        chunk = d.unconsumed_tail
        if d.eof or (not chunk and len(piece) < _CHUNK):
            break
        budget.check_time()
    return b"".join(out)


def _inflate_damaged(data: bytes, budget: Budget) -> bytes:
    """What a damaged zlib stream gives up to the fault, as pdfminer.six keeps (a kilobyte of input at a time)."""
    d = zlib.decompressobj()
    out: list[bytes] = []
    budget_left = budget.unpacked_bytes - budget.unpacked
    made = 0
    for start in range(0, len(data), 1024):
        chunk = data[start:start + 1024]
        try:
            while chunk:
                piece = d.decompress(chunk, _CHUNK)
                made += len(piece)
                if made > budget_left:
                    raise OverLimit("unpacked")
                out.append(piece)
                chunk = d.unconsumed_tail
        except zlib.error:
            break
        if d.eof:
            break
    budget.check_time()
    budget.take_bytes(made)
    return b"".join(out)


def _unlzw(data: bytes, budget: Budget) -> bytes:
    import io

    from pdfminer.lzw import LZWDecoder

    out: list[bytes] = []
    for piece in LZWDecoder(io.BytesIO(data)).run():
        budget.take_bytes(len(piece))
        out.append(piece)
        budget.tick()
    return b"".join(out)


def _unrunlength(data: bytes, budget: Budget) -> bytes:
    """RunLengthDecode (PDF 1.7, 7.4.5), as pdfminer.six's ``rldecode`` but counted and without a list of ints."""
    out = bytearray()
    i, n = 0, len(data)
    while i < n:
        length = data[i]
        if length == 128:
            break
        if length < 128:
            piece = data[i + 1:i + 2 + length]
            if len(piece) < length + 1:
                break  # pdfminer.six stops (with StopIteration) at a cut-off run
            i += length + 2
        else:
            if i + 1 >= n:
                break
            piece = data[i + 1:i + 2] * (257 - length)
            i += 2
        budget.take_bytes(len(piece))
        out += piece
        if len(out) & 0xFFFFF < len(piece):
            budget.check_time()
    return bytes(out)


def _unpredict(data: bytes, params: Any, budget: Budget) -> bytes:
    """pdfminer.six's TIFF and PNG predictors, a few hundred rows at a time, looking at the clock between."""
    from pdfminer.pdfexceptions import PDFNotImplementedError
    from pdfminer.pdftypes import int_value
    from pdfminer.utils import apply_png_predictor, apply_tiff_predictor

    pred = int_value(params["Predictor"])
    if pred == 1:
        return data
    colors = int_value(params.get("Colors", 1))
    columns = int_value(params.get("Columns", 1))
    bits = int_value(params.get("BitsPerComponent", 8))
    if pred == 2:
        row = columns * colors * (bits // 8)
        if row <= 0:
            return apply_tiff_predictor(colors, columns, bits, data)
        step = row * max(1, (256 * 1024) // row)
        parts = []
        for start in range(0, len(data), step):
            parts.append(apply_tiff_predictor(colors, columns, bits, data[start:start + step]))
            budget.check_time()
        return b"".join(parts)
    if pred >= 10:
        nbytes = colors * columns * bits // 8
        if nbytes <= 0:
            return apply_png_predictor(pred, colors, columns, bits, data)
        row = nbytes + 1
        step = row * max(1, (256 * 1024) // row)
        parts = []
        above = b""
        for start in range(0, len(data), step):
            # Each part starts with the row above it, unfiltered (type 0), so the
            # Up, Average and Paeth filters see the same row above as in one pass.
            lead = bytes([0]) + above if above else b""
            out = apply_png_predictor(pred, colors, columns, bits, lead + data[start:start + step])
            out = out[len(above):] if above else out
            parts.append(out)
            above = out[-nbytes:] if len(out) >= nbytes else b""
            budget.check_time()
        return b"".join(parts)
    raise PDFNotImplementedError(f"Unsupported predictor: {pred!r}")


# -- page content ------------------------------------------------------------------------------


def _content_parser_class(base: type) -> type:
    """pdfminer.six's content parser, counting operators, watching the clock and bounding lists."""
    from pdfminer.psparser import PSKeyword

    class BoundedContentParser(base):  # type: ignore[valid-type, misc]
        def nexttoken(self) -> Any:
            token = super().nexttoken()
            budget = current()
            if budget is not None:
                if type(token[1]) is PSKeyword:
                    budget.take_operator()
                budget.tick()
                if len(self.curstack) > MAX_LIST or len(self.context) > MAX_LIST:
                    raise DamagedContent
            return token

        def get_inline_data(self, pos: int, target: bytes = b"EI") -> tuple[int, bytes]:
            if current() is None:
                return super().get_inline_data(pos, target)
            return _inline_data(self, pos, target)

    BoundedContentParser.__name__ = BoundedContentParser.__qualname__ = base.__name__
    BoundedContentParser.__module__ = base.__module__
    return BoundedContentParser


def _inline_data(parser: Any, pos: int, target: bytes) -> tuple[int, bytes]:
    """pdfminer.six's ``get_inline_data`` in linear time (it adds to a bytes object a letter at a time)."""
    import re

    budget = current()
    parser.seek(pos)
    i = 0
    data = bytearray()
    while i <= len(target):
        parser.fillbuf()
        if i:
            ci = parser.buf[parser.charpos]
            data.append(ci)
            parser.charpos += 1
            c = bytes((ci,))
            if (len(target) <= i and c.isspace()) or (i < len(target) and ci == target[i]):
                i += 1
            else:
                i = 0
        else:
            j = parser.buf.find(target[0], parser.charpos)
            if j >= 0:
                data += parser.buf[parser.charpos:j + 1]
                parser.charpos = j + 1
                i = 1
            else:
                data += parser.buf[parser.charpos:]
                parser.charpos = len(parser.buf)
            if budget is not None:
                budget.tick()
    out = bytes(data[:-(len(target) + 1)])
    out = re.sub(rb"(\x0d\x0a|[\x0d\x0a])$", b"", out)
    return (pos, out)


@lru_cache(maxsize=1)
def interpreter_class() -> type:
    """pdfminer.six's page interpreter, keeping only the last values when a page piles them up with no operator."""
    from pdfminer.pdfinterp import PDFPageInterpreter

    class Interpreter(PDFPageInterpreter):  # type: ignore[misc]
        def push(self, obj: Any) -> None:
            stack = self.argstack
            stack.append(obj)
            if len(stack) > 1024:
                # Operators take the values just before them (pop), so the older ones are never used.
                del stack[:-64]

    return Interpreter


# -- objects -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def document_class() -> type:
    """A ``PDFDocument`` whose objects never resolve to a reference, and whose look-ups are counted work."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdftypes import PDFObjRef

    class Document(PDFDocument):  # type: ignore[misc]
        def getobj(self, objid: int) -> object:
            budget = current()
            if budget is not None:
                budget.tick()
            obj = super().getobj(objid)
            if isinstance(obj, PDFObjRef):
                seen = {objid}
                while isinstance(obj, PDFObjRef):
                    if obj.objid in seen or len(seen) > 1000:
                        raise ReferenceLoop
                    seen.add(obj.objid)
                    obj = super().getobj(obj.objid)
            return obj

    return Document
