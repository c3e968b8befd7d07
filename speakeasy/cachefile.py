"""Cache entries on disk that can hold data and nothing else.

Every disk cache in speakeasy (results of files, expanded word forms, parsed
wordlists, hyphenation patterns) is written and read here.  Another user on a
shared machine, a shared ``SPEAKEASY_CACHE_DIR`` or a CI cache restored from
another branch can put files in the cache folder, so an entry is treated as
untrusted input:

* An entry is JSON (results of files are compressed with zlib).  Reading JSON builds strings,
  numbers, lists and dictionaries; it cannot import a module or call a
  function, so a planted entry cannot run code.  (Entries used to be pickles,
  which can.)  Each kind of entry turns its objects into plain data and back
  with its own small functions, and the reading side checks every type.
* An entry starts with a header: :data:`MAGIC`, the format version
  :data:`FORMAT`, whether it is compressed, and a SHA-256 checksum of the entry's name and its data.  A
  damaged entry, or one copied under another name, fails the checksum.
* An entry is used only when it is a regular file (not a link, a FIFO or a
  device) owned by the user running speakeasy, that no one else can write to.
* The folder is made with mode 0700 and the files with 0600; a folder the user
  owns with a wider mode is narrowed to 0700 when an entry is written.
* Anything wrong with an entry makes it a miss: speakeasy works it out again
  and never stops with an error because of the cache.

Old pickle entries (``*.pickle``) are never read; ``speakeasy cache clear`` and
pruning remove them.
"""

from __future__ import annotations

import hashlib
import json
import operator
import os
import stat
import tempfile
import zlib
from pathlib import Path
from typing import Any, Callable

#: The first bytes of every entry.
MAGIC = b"speakeasy-cache\n"
#: The entry format; bump it when the header or the encoding changes.
FORMAT = 1
_HEADER = len(MAGIC) + 3 + 32
_PLAIN, _ZLIB = 0, 1  # how the JSON after the header is stored
#: An entry bigger than this once decompressed is not read (a damaged or planted entry must not fill memory).
MAX_ENTRY_BYTES = 512 * 1024 * 1024
#: The suffix of data entries (results use their own, see :mod:`speakeasy.cache`).
DATA_SUFFIX = ".data"

_O_READ = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def trusted(st: os.stat_result) -> bool:
    """Whether a file with this status may be used as a cache entry.

    A regular file, owned by the user running speakeasy, that neither the group nor others can write to.
    """
    if not stat.S_ISREG(st.st_mode):
        return False
    getuid = getattr(os, "getuid", None)
    if getuid is not None and st.st_uid != getuid():
        return False
    return not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def exists(path: Path) -> bool:
    """Whether there is an entry at ``path`` that would be read (without reading it)."""
    try:
        return trusted(os.lstat(path))
    except OSError:
        return False


def _digest(name: str, blob: bytes) -> bytes:
    h = hashlib.sha256(name.encode("utf-8", "surrogatepass"))
    h.update(b"\0")
    h.update(blob)
    return h.digest()


def read_plain(path: Path) -> Any:
    """The plain data in the entry at ``path``, or None when there is no usable entry.

    Never raises: a missing, foreign, damaged or planted entry is None.
    """
    try:
        fd = os.open(path, _O_READ)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as fh:
            if not trusted(os.fstat(fh.fileno())):
                return None
            raw = fh.read()
    except OSError:
        return None
    if len(raw) < _HEADER or not raw.startswith(MAGIC):
        return None
    at = len(MAGIC)
    if int.from_bytes(raw[at:at + 2], "big") != FORMAT:
        return None
    how, digest, blob = raw[at + 2], raw[at + 3:_HEADER], raw[_HEADER:]
    if _digest(path.name, blob) != digest:
        return None
    try:
        if how == _ZLIB:
            inflate = zlib.decompressobj()
            text = inflate.decompress(blob, MAX_ENTRY_BYTES)
            if inflate.unconsumed_tail or not inflate.eof:
                return None
        elif how == _PLAIN:
            text = blob
        else:
            return None
        value = json.loads(text)
    except (zlib.error, ValueError, RecursionError, MemoryError):
        return None
    try:
        os.utime(path)  # used now: pruning removes the entries used longest ago first
    except OSError:
        pass
    return value


def read(path: Path, decode: Callable[[Any], Any]) -> Any:
    """The entry at ``path`` turned back into objects by ``decode``, or None.

    ``decode`` gets plain data (as JSON gives it) and checks it: any exception it raises makes a miss.
    """
    plain = read_plain(path)
    if plain is None:
        return None
    try:
        return decode(plain)
    except Exception:  # noqa: BLE001 - whatever is wrong with an entry, it is a miss
        return None


def prepare_folder(folder: Path) -> bool:
    """Make the cache folder (mode 0700), or narrow the mode of one the user owns; False when it cannot be used."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.stat(folder)
    except OSError:
        return False
    getuid = getattr(os, "getuid", None)
    if getuid is not None and st.st_uid == getuid() and stat.S_IMODE(st.st_mode) & 0o077:
        try:
            os.chmod(folder, 0o700)
        except OSError:
            pass
    return True


def encode_checked(value: Any, encode: Callable[[Any], Any], decode: Callable[[Any], Any]) -> bytes | None:
    """``value`` as JSON bytes, or None when it cannot be stored faithfully.

    The JSON is read back and turned into objects again; when that does not give the same plain data (a tuple
    would come back as a list, say), the value is not stored, so a hit always gives what a miss would.
    """
    try:
        plain = encode(value)
        text = json.dumps(plain, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
        if encode(decode(json.loads(text))) != plain:
            return None
    except Exception:  # noqa: BLE001 - a value that cannot be cached is still a value
        return None
    return text


def write(path: Path, value: Any, encode: Callable[[Any], Any], decode: Callable[[Any], Any],
          compress: bool = False) -> bool:
    """Store ``value`` at ``path`` (atomically, mode 0600); False when it was not stored.  Never raises.

    ``compress``: with zlib (level 1), for entries there are many of (results of files); the few entries read
    on every run are faster to read uncompressed.
    """
    text = encode_checked(value, encode, decode)
    if text is None:
        return False
    return write_bytes(path, text, compress)


def write_bytes(path: Path, text: bytes, compress: bool = False) -> bool:
    """Store JSON bytes at ``path`` with the header (atomically, mode 0600).  Never raises."""
    blob = zlib.compress(text, 1) if compress else text
    header = MAGIC + FORMAT.to_bytes(2, "big") + bytes([_ZLIB if compress else _PLAIN])
    data = header + _digest(path.name, blob) + blob
    if not prepare_folder(path.parent):
        return False
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name.split("-", 1)[0] + "-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:  # mkstemp makes the file 0600, owned by the user
            fh.write(data)
        os.replace(tmp, path)  # replaces a planted link itself, never the file it points to
        tmp = None
        return True
    except OSError:
        return False  # a cache that cannot be written is not an error
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


# ---------------------------------------------------------------------------
# Checking plain data


class Bad(ValueError):
    """Plain data that does not have the expected shape: the entry is a miss."""


def check(ok: bool) -> None:
    if not ok:
        raise Bad("unexpected data in a cache entry")


_RS = "\x1e"  # separates the strings of a list packed into one string


def pack_pair_lists(lists: list[list[tuple[str, str]]]) -> list:
    """Lists of string pairs as plain data that is fast to read: [lengths, firsts, seconds].

    ``firsts`` and ``seconds`` are each one string, the items joined by U+001E.  (Parsing two long strings and
    splitting them costs a fraction of parsing thousands of short ones.)  A string holding U+001E does not
    come back the same, so such lists are not cached (see :func:`encode_checked`).
    """
    return [[len(pairs) for pairs in lists],
            _RS.join(a for pairs in lists for a, _ in pairs),
            _RS.join(b for pairs in lists for _, b in pairs)]


def unpack_pair_lists(value: Any) -> list[list[tuple[str, str]]]:
    """What :func:`pack_pair_lists` packed, checked."""
    from itertools import accumulate

    check(type(value) is list and len(value) == 3)
    lengths, firsts, seconds = value
    check(type(lengths) is list and type(firsts) is str and type(seconds) is str)
    check(all(type(n) is int and n >= 0 for n in lengths))
    total = sum(lengths)
    a = firsts.split(_RS) if total else []
    b = seconds.split(_RS) if total else []
    check(len(a) == len(b) == total)
    pairs = list(zip(a, b))
    ends = list(accumulate(lengths))
    return list(map(pairs.__getitem__, map(slice, [0, *ends], ends)))


# ---------------------------------------------------------------------------
# Dataclasses as plain data
#
# A dataclass becomes the list of its fields' values, in order, each turned
# into plain data by its annotation; reading checks each value's type against
# the same annotation.  An annotation this does not know makes the class
# uncacheable (a TypeError when the codec is made), so a new field cannot be
# dropped or let through unchecked.  Lists of dataclasses are checked and
# built a column at a time, which keeps the checks cheap.

_JSON_TYPES = frozenset({str, int, float, bool, type(None), list, dict})  # whatever JSON can give
_PRIMITIVES: dict[str, frozenset] = {
    "str": frozenset({str}), "int": frozenset({int}), "bool": frozenset({bool}),
    "float": frozenset({float, int}), "None": frozenset({type(None)}), "Any": _JSON_TYPES,
}


class Spec:
    """How one annotation is stored: the plain types allowed, and the functions that turn values into plain
    data (``encode``) and back (``decode`` for one value, ``column`` for a whole column of values).

    With no ``decode`` the plain value is the value itself.
    """

    __slots__ = ("allowed", "encode", "decode", "column")

    def __init__(self, allowed: frozenset, encode: Any = None, decode: Any = None, column: Any = None) -> None:
        self.allowed = allowed
        self.encode = encode
        self.decode = decode
        self.column = column or (None if decode is None else (lambda col: list(map(decode, col))))


def _plain_items(col: Any) -> None:
    """Every item of every list in ``col`` is a string (checked in C)."""
    from itertools import chain

    "".join(chain.from_iterable(col))


def _list_of_strings(kind: type) -> Spec:
    def decode(v: Any) -> Any:
        check(type(v) is list)
        "".join(v)  # TypeError unless every item is a string
        return v if kind is list else tuple(v)

    def column(col: Any) -> Any:
        check(set(map(type, col)) <= {list})
        _plain_items(col)
        return col if kind is list else list(map(tuple, col))

    return Spec(frozenset({list}), None if kind is list else list, decode, column)


def _sequence(item: Spec, kind: type) -> Spec:
    if item.decode is None and item.allowed == _PRIMITIVES["str"]:
        return _list_of_strings(kind)
    enc, dec, allowed = item.encode, item.decode, item.allowed

    def encode(v: Any) -> list:
        return list(v) if enc is None else [enc(x) for x in v]

    def decode(v: Any) -> Any:
        check(type(v) is list)
        if dec is not None:
            v = item.column(v)
        else:
            check(set(map(type, v)) <= allowed)
        return tuple(v) if kind is tuple else v

    return Spec(frozenset({list}), encode, decode)


def _mapping(item: Spec) -> Spec:
    enc, dec, allowed = item.encode, item.decode, item.allowed

    def encode(v: Any) -> dict:
        return dict(v) if enc is None else {k: enc(x) for k, x in v.items()}

    def decode(v: Any) -> dict:
        check(type(v) is dict)
        if dec is not None:
            return {k: dec(x) for k, x in v.items()}
        check(set(map(type, v.values())) <= allowed)
        return v

    return Spec(frozenset({dict}), encode, decode)


def _optional(item: Spec) -> Spec:
    enc, dec = item.encode, item.decode
    return Spec(item.allowed | {type(None)},
                None if enc is None else (lambda v: None if v is None else enc(v)),
                None if dec is None else (lambda v: None if v is None else dec(v)),
                None if dec is None else (lambda col: [None if v is None else dec(v) for v in col]))


class Codec:
    """Turns instances of one dataclass into plain data and back, checking types on the way back."""

    def __init__(self, cls: type, skip: tuple[str, ...] = (), types: dict[str, Spec] | None = None,
                 codecs: dict[str, "Codec"] | None = None) -> None:
        import dataclasses

        self.cls = cls
        self.codecs = codecs if codecs is not None else {}
        self.types = types or {}
        fields = [f for f in dataclasses.fields(cls) if f.init]
        kept = [f for f in fields if f.name not in skip]
        # positional arguments when every skipped field comes after the kept ones
        self.positional = [f.name for f in fields[:len(kept)]] == [f.name for f in kept]
        self.names = [f.name for f in kept]
        self.specs = [self._spec(f.type if isinstance(f.type, str) else getattr(f.type, "__name__", "?"))
                      for f in kept]
        self._allowed = [_before_decoding(spec) for spec in self.specs]
        self._special = [(i, spec.decode) for i, spec in enumerate(self.specs) if spec.decode is not None]
        self._encoders = [(name, spec.encode) for name, spec in zip(self.names, self.specs)]
        # every field at once (in C), then the ones that need turning into plain data
        self._fields = operator.attrgetter(*self.names) if len(self.names) > 1 else None
        self._encode_at = [(i, spec.encode) for i, spec in enumerate(self.specs) if spec.encode is not None]

    def _spec(self, annotation: str) -> Spec:
        text = annotation.strip().strip("\"'").strip()
        parts = _split_top(text, "|")
        if len(parts) > 1:
            specs = [self._spec(p) for p in parts]
            if all(s.decode is None and s.encode is None for s in specs):
                return Spec(frozenset().union(*(s.allowed for s in specs)))
            rest = [s for s in specs if s.allowed != _PRIMITIVES["None"]]
            if len(rest) == 1 and len(specs) == 2:
                return _optional(rest[0])
            raise TypeError(f"cannot cache a field of type {annotation}")
        if text in _PRIMITIVES:
            return Spec(_PRIMITIVES[text])
        if text in self.types:
            return self.types[text]
        if text in self.codecs:
            codec = self.codecs[text]
            return Spec(frozenset({list}), codec.encode, codec.decode)
        for opener, kind in (("list[", list), ("tuple[", tuple), ("dict[", dict)):
            if text.startswith(opener) and text.endswith("]"):
                inner = _split_top(text[len(opener):-1], ",")
                if kind is dict and len(inner) == 2 and inner[0] == "str":
                    return _mapping(self._spec(inner[1]))
                if kind is tuple and len(inner) == 2 and inner[1] == "...":
                    return _sequence(self._spec(inner[0]), tuple)
                if kind is list and len(inner) == 1:
                    if inner[0] in self.codecs:  # a list of dataclasses: a column at a time
                        codec = self.codecs[inner[0]]
                        return Spec(frozenset({list}), codec.encode_list, codec.decode_list)
                    return _sequence(self._spec(inner[0]), list)
        raise TypeError(f"cannot cache a field of type {annotation}")

    def encode(self, obj: Any) -> list:
        if self._fields is None:
            return [getattr(obj, name) if enc is None else enc(getattr(obj, name)) for name, enc in self._encoders]
        row = list(self._fields(obj))
        for i, enc in self._encode_at:
            row[i] = enc(row[i])
        return row

    def encode_list(self, objs: Any) -> list:
        return [self.encode(obj) for obj in objs]

    def decode(self, value: Any) -> Any:
        if type(value) is not list or len(value) != len(self.specs):
            raise Bad("unexpected data in a cache entry")
        # the type of every plain field at once (in C), then the fields that need turning back into objects
        if not all(map(frozenset.__contains__, self._allowed, map(type, value))):
            raise Bad("unexpected data in a cache entry")
        for i, dec in self._special:
            value[i] = dec(value[i])
        if self.positional:
            return self.cls(*value)
        return self.cls(**dict(zip(self.names, value)))

    def decode_list(self, rows: Any) -> list:
        """A list of instances from a list of rows, a column at a time."""
        check(type(rows) is list)
        if not rows or not self.positional:
            return [self.decode(row) for row in rows]
        check(set(map(type, rows)) == {list} and set(map(len, rows)) == {len(self.specs)})
        columns: list[Any] = list(zip(*rows))
        for i, (allowed, spec) in enumerate(zip(self._allowed, self.specs)):
            check(set(map(type, columns[i])) <= allowed)
            if spec.column is not None:
                columns[i] = spec.column(columns[i])
        return list(map(self.cls, *columns))


def _before_decoding(spec: Spec) -> frozenset:
    """The plain types a field may have before it is decoded: anything JSON gives, when a decoder checks it."""
    return _JSON_TYPES if spec.decode is not None else spec.allowed


def _split_top(text: str, sep: str) -> list[str]:
    """Split at ``sep`` outside brackets."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return parts


def enum_spec(cls: type) -> Spec:
    """An enum stored as its value."""
    return Spec(frozenset({int, str}), lambda v: v.value, cls)


def date_spec() -> Spec:
    """A ``datetime.date`` stored as ``YYYY-MM-DD``."""
    import datetime as _dt

    def decode(v: Any) -> Any:
        check(type(v) is str)
        return _dt.date.fromisoformat(v)

    def encode(v: Any) -> str:
        check(type(v) is _dt.date)  # a datetime would come back as a date
        return v.isoformat()

    return Spec(frozenset({str}), encode, decode)
