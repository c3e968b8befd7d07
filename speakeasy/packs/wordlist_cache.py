"""Loading wordlists: kept in memory while the file is unchanged, and on disk by content."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import InputError, UserDataError
from ..packdata import Wordlist
from ..schema import DataErrors
from .reading import display, max_yaml_bytes
from .wordlists import parse_wordlist


#: Bump when Entry or Wordlist change shape, so old disk caches are not used.
_WORDLIST_CACHE_VERSION = "5"


@lru_cache(maxsize=256)
def _load_wordlist_cached(path: str, mtime: int, size: int, cwd: str) -> Wordlist:
    """Parse a wordlist, or take it from the disk cache when the file is unchanged.

    ``cwd`` is part of the key because messages and findings show the path
    relative to the current folder.  Checking a list of a few hundred words
    takes about a tenth of a second; a writer checking one small file should
    not pay that every time.  The disk cache key is the file's content, so an
    edited list is always checked again.
    """
    from ..cache import decode_wordlist
    from ..io.diskcache import load as _cache_load
    from ..io.diskcache import paused_gc
    from ..paths import read_file

    p = Path(path)
    with paused_gc():  # a long list is a million objects that live on (see speakeasy.io.diskcache.paused_gc)
        if size > max_yaml_bytes(Path(display(p))):
            return parse_wordlist(p)  # the error that says so
        try:
            data = read_file(p, str(p), "wordlist")  # a regular file only: a named pipe would wait for ever
        except InputError:
            return parse_wordlist(p)  # the error that says why
        key = _wordlist_key(data, p)
        cached = _cache_load(key, decode_wordlist)  # plain data, never a pickle (see speakeasy.cachefile)
        if isinstance(cached, Wordlist):
            return _placed(cached, p)
        wordlist = parse_wordlist(p)
        _store_wordlist(key, wordlist)
    return wordlist


def _wordlist_key(data: bytes, path: Path) -> str:
    """The disk cache key of a wordlist: its content and speakeasy's version.

    Not its name: a copy of a list, or the same list seen from another folder, is the same list; its
    name and id are put in when it is read (:func:`_placed`).
    """
    import hashlib

    from ..version import __version__

    digest = hashlib.sha256(data + f"|{__version__}|{_WORDLIST_CACHE_VERSION}".encode("utf-8")).hexdigest()[:32]
    return f"wordlist-{digest}"


def _store_wordlist(key: str, wordlist: Wordlist) -> None:
    """Keep a wordlist that loaded in the disk cache.

    Storing reads the entry back to check it; that copy's entries point back at it, so once dropped it
    would be 300,000 objects in cycles for a list of 50,000 words, left for the cycle collector (which
    :func:`speakeasy.io.diskcache.paused_gc` then freezes).  Its links are undone, so it is freed at once.
    """
    from ..cache import decode_wordlist, encode_wordlist
    from ..io.diskcache import store as _cache_store

    copies: list[Wordlist] = []

    def decode(value: Any) -> Wordlist:
        copies.append(decode_wordlist(value))
        return copies[-1]

    _cache_store(key, wordlist, encode_wordlist, decode)
    for copy in copies:
        for entry in copy.entries:
            entry.wordlist = None
    copies.clear()


def _placed(wordlist: Wordlist, path: Path) -> Wordlist:
    """A wordlist from the disk cache, with the id and name of the file it was read for."""
    wordlist.id = path.stem
    wordlist.path = display(path)
    return wordlist


def load_wordlist(path: str | os.PathLike[str]) -> Wordlist:
    """Load and validate one wordlist.  Raises :class:`DataErrors`."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise DataErrors(
            [UserDataError(display(p), "This wordlist does not exist.", hint="Check the name and the folder.")]
        ) from None
    return _load_wordlist_cached(str(p.resolve()), st.st_mtime_ns, st.st_size, os.getcwd())


def parse_wordlist_text(path: str | os.PathLike[str], text: str, cache: bool = True) -> Wordlist:
    """Load and validate a wordlist from ``text`` as if it were the file ``path``.  Raises :class:`DataErrors`.

    Used to check an edited list before it is written.  A text already checked (by this, or by
    :func:`load_wordlist` as a file) comes from the disk cache: only a list that loads is kept there.
    ``cache``: False for a text that is checked once and thrown away.
    """
    from ..cache import decode_wordlist
    from ..io.diskcache import load as _cache_load
    from ..io.diskcache import paused_gc

    p = Path(path)
    with paused_gc():
        if not cache:
            return parse_wordlist(p, text)
        key = _wordlist_key(text.encode("utf-8", "surrogatepass"), p)
        cached = _cache_load(key, decode_wordlist)
        if isinstance(cached, Wordlist):
            return _placed(cached, p)
        wordlist = parse_wordlist(p, text)
        _store_wordlist(key, wordlist)
    return wordlist
