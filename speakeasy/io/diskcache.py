"""speakeasy's disk cache: where it is, and reading and writing one entry safely.

Entries are plain data (JSON with a version and a checksum), never pickles:
:mod:`speakeasy.cachefile` reads and writes them, refusing what another user
or a damaged file could plant. The matching code caches expanded word forms
here, the wordlist loader its parsed lists, the syllable counter Pyphen's
patterns, and :mod:`speakeasy.cache` the results of checks.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

__all__ = ["cache_dir", "load", "paused_gc", "store"]


def cache_dir() -> Path | None:
    """Where expansions are cached: ``$SPEAKEASY_CACHE_DIR``, else the user cache folder.

    Set ``SPEAKEASY_CACHE_DIR`` to an empty value to turn the cache off.
    """
    env = os.environ.get("SPEAKEASY_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "speakeasy"


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run a block without Python's cycle collector: for building many objects that live on.

    Loading a wordlist of 50,000 entries makes about a million objects (YAML
    nodes, entries, forms), none of them in a cycle.  The collector would walk
    all of them again and again as they grow, which took three times as long
    as the work itself.  Reference counting still frees what is dropped.
    Nested use is fine: the collector comes back on when the outer block ends,
    if it was on before.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            if gc.get_count()[0] > FREEZE_AFTER:
                # So many new objects that live on (a long list's entries, forms and patterns): keep the
                # collector from walking them again at every later collection, for the rest of the run.
                # (It took most of a second on a warm run with a list of 50,000 words.)  Frozen, what
                # the block left in cycles is never freed: such blocks leave none to speak of (see
                # speakeasy.packs.wordlist_cache._store_wordlist); collecting to be sure took most of a second too.
                gc.freeze()
            gc.enable()


#: After a block that made this many more objects than it freed, they are left out of later collections.
FREEZE_AFTER = 200_000


def load(key: str, decode: "Callable[[Any], Any]") -> Any:
    """The cached value for ``key``, turned back into objects by ``decode``; None when there is none.

    Entries are plain data (JSON), never pickles: see :mod:`speakeasy.cachefile`.
    """
    folder = cache_dir()
    if folder is None:
        return None
    from .. import cachefile

    return cachefile.read(folder / f"{key}{cachefile.DATA_SUFFIX}", decode)


def store(key: str, value: object, encode: "Callable[[Any], Any]", decode: "Callable[[Any], Any]") -> None:
    """Cache ``value`` as the plain data ``encode`` makes of it (``decode`` must give it back)."""
    folder = cache_dir()
    if folder is None:
        return
    from .. import cachefile

    cachefile.write(folder / f"{key}{cachefile.DATA_SUFFIX}", value, encode, decode)
