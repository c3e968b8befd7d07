"""A results cache: unchanged files are not linted again.

The key of a file's results is made of:

* the file's content (SHA-256) and its path,
* the effective configuration: every rule with its level, options and the
  content of its wordlists, the settings, the project ignore file,
* speakeasy's version and its own code (every module's size and time),
* the names and versions of the plugins in use, and the names, sizes and
  times of their files.

So any change to the file, the rules, the words or speakeasy itself misses
the cache.  Entries are written atomically (a temporary file renamed into
place), so two runs sharing the cache never read half an entry; an entry
that cannot be read is treated as missing.  ``--no-cache`` turns it off, and
``SPEAKEASY_CACHE_DIR`` (empty: off) says where it lives.

Entries are plain data (JSON), never pickles, with a header and a checksum,
and only the user's own private entries are read: see
:mod:`speakeasy.cachefile`.  A result is stored as the list of its fields (see
:func:`_codecs`).  Result entries are compressed (zlib level 1: about a fifth
of the size for about a millisecond).  Reading an entry marks it as used (its time is set to now), and
after a run that wrote entries the folder is pruned: when it holds more than
``SPEAKEASY_CACHE_MAX_MB`` (default 256) megabytes, the entries used longest
ago are removed until it holds three quarters of that.  Temporary files left
by a run that was killed are removed after an hour.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from .version import __version__
from .errors import InputError
from .io.diskcache import cache_dir
from .paths import read_file

if TYPE_CHECKING:  # pragma: no cover
    from .ruleset import RuleSet
    from .model import FileResult


#: The plain score's data files: changing any of them changes every score, so they count as code.
SCORE_DATA = ("plain_score.json", "nouns_from_verbs.txt", "word_difficulty/model.json", "word_difficulty/table.tsv")


def code_stamp() -> str:
    """speakeasy's own code: name, size and time of every module, so an edited checkout misses the cache.

    The plain score's numbers (:data:`SCORE_DATA`: its weights, its nouns made from verbs and its
    word-difficulty table) count as code: changing them changes every score.
    """
    here = os.path.dirname(os.path.realpath(__file__))
    parts = []
    folders = [""]
    while folders:  # os.scandir, not Path.rglob: this runs on every start, and is three times as fast
        rel = folders.pop()
        try:
            with os.scandir(os.path.join(here, rel)) as it:
                for e in it:
                    name = e.name
                    if name.endswith(".py"):
                        try:
                            st = e.stat()
                        except OSError:
                            continue
                        parts.append(f"{rel}{name}:{st.st_size}:{st.st_mtime_ns}")
                    elif name != "__pycache__" and e.is_dir(follow_symlinks=False):
                        folders.append(f"{rel}{name}/")
        except OSError:
            continue
    for data in SCORE_DATA:
        try:
            st = os.stat(os.path.join(here, "data", data))
            parts.append(f"data/{data}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            pass
    return hashlib.sha256("\n".join(sorted(parts)).encode()).hexdigest()


def files_stamp(files: Iterable[Path], root: Path | None = None) -> str:
    """A digest of the name, size and time of each file (names relative to ``root`` when given).

    Cheaper than reading the files, and enough to see that one was edited.  Files that are gone are left out.
    """
    parts = []
    for p in sorted(files):
        try:
            st = p.stat()
        except OSError:
            continue
        parts.append(f"{p.relative_to(root) if root else p}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def ruleset_key(ruleset: "RuleSet") -> str:
    """A digest of everything that decides the results, except the file itself."""
    h = hashlib.sha256(f"speakeasy {__version__}\n{code_stamp()}\n".encode())
    # the plugins in use, with their versions and a stamp of their code: enabling one, upgrading
    # it or editing its code misses the cache
    h.update(repr(sorted(getattr(ruleset, "plugins", []))).encode())
    h.update(getattr(ruleset, "plugin_code", "").encode())
    for rule in ruleset.rules:
        h.update(repr((rule.id, rule.kind, int(rule.level), rule.enabled, rule.message,
                       sorted((k, repr(v)) for k, v in rule.options.items()),
                       rule.keep, rule.include_proposed, rule.language_model, sorted(rule.set_in.items()))).encode())
        for wl in rule.wordlists:
            try:
                h.update(read_file(wl.path))  # a regular file only: one swapped for a named pipe is not waited on
            except InputError:
                h.update(repr([(e.term, e.use, e.status) for e in wl.entries]).encode())
    values = {k: v for k, v in ruleset.settings.values.items() if k not in ("ignore",)}
    h.update(repr(sorted((k, repr(v)) for k, v in values.items())).encode())
    h.update(repr(ruleset.ignore_entries).encode())
    h.update(repr(getattr(ruleset, "score_model", None)).encode())  # the plain score's numbers, not the file's name
    return h.hexdigest()[:32]


#: Default size limit of the cache folder, in megabytes (``SPEAKEASY_CACHE_MAX_MB``).
DEFAULT_MAX_MB = 256
#: Temporary files older than this (seconds) were left by a run that stopped part way.
STALE_TMP_SECONDS = 3600
RESULT_SUFFIX = ".result"


def _key(path: str, data: bytes, rules_key: str) -> str:
    h = hashlib.sha256(data)
    h.update(f"\x1f{Path(path).as_posix()}\x1f{rules_key}".encode())
    return "result-" + h.hexdigest()[:40]


def _entry(key: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / (key + RESULT_SUFFIX)


def has(path: str, data: bytes, rules_key: str) -> bool:
    """Whether there is an entry for this file that would be read (without reading it)."""
    from . import cachefile

    entry = _entry(_key(path, data, rules_key))
    return entry is not None and cachefile.exists(entry)


def load(path: str, data: bytes, rules_key: str) -> "FileResult | None":
    """The cached result of this file, or None (a miss: no entry, or one that is damaged, foreign or planted)."""
    from . import cachefile

    entry = _entry(_key(path, data, rules_key))
    if entry is None:
        return None
    found = cachefile.read(entry, _codecs()["FileResult"].decode)
    if found is None or found.path != path:
        return None
    return found


def store(path: str, data: bytes, rules_key: str, result: "FileResult") -> None:
    """Cache a file's result.  Parsed XML trees (``document.native``) are not kept: reporters do not need them."""
    from . import cachefile

    entry = _entry(_key(path, data, rules_key))
    if entry is None:
        return
    codec = _codecs()["FileResult"]
    cachefile.write(entry, result, codec.encode, codec.decode, compress=True)


@lru_cache(maxsize=1)
def _codecs() -> dict[str, Any]:
    """How results and wordlists become plain data for the cache, and back (see :mod:`speakeasy.cachefile`)."""
    from . import model, packdata
    from .cachefile import Codec, date_spec, enum_spec

    types = {"Level": enum_spec(model.Level), "BlockKind": enum_spec(model.BlockKind), "_dt.date": date_spec()}
    c: dict[str, Any] = {}
    for cls, skip in ((model.Edit, ()), (model.Finding, ()), (model.Block, ()), (model.Directive, ()),
                      (model.DirectiveProblem, ()), (model.Feature, ()),
                      (model.Document, ("native", "_line_starts")), (model.FileResult, ()),
                      (packdata.Source, ()), (packdata.Topic, ()), (packdata.Entry, ("wordlist",)),
                      (packdata.Wordlist, ())):
        c[cls.__name__] = Codec(cls, skip, types, c)
    return c


def encode_wordlist(wordlist: Any) -> list:
    return _codecs()["Wordlist"].encode(wordlist)


def decode_wordlist(value: Any) -> Any:
    """A wordlist from the cache, its entries pointing back at it as a freshly parsed one's do."""
    wordlist = _codecs()["Wordlist"].decode(value)
    for entry in wordlist.entries:
        entry.wordlist = wordlist
    return wordlist


def max_bytes() -> int:
    """The size limit from ``SPEAKEASY_CACHE_MAX_MB`` (a number of megabytes), else the default."""
    raw = os.environ.get("SPEAKEASY_CACHE_MAX_MB", "").strip()
    try:
        mb = float(raw) if raw else DEFAULT_MAX_MB
    except ValueError:
        mb = DEFAULT_MAX_MB
    return int(max(mb, 0) * 1024 * 1024)


@dataclass
class CacheInfo:
    """What the cache folder holds."""

    folder: Path | None
    results: int = 0
    other: int = 0
    size: int = 0


def _scan(folder: Path) -> list[tuple[float, int, Path]]:
    found = []
    try:
        with os.scandir(folder) as it:
            for e in it:
                if not e.is_file(follow_symlinks=False):
                    continue
                try:
                    st = e.stat(follow_symlinks=False)
                except OSError:
                    continue
                found.append((st.st_mtime, st.st_size, Path(e.path)))
    except OSError:
        return []
    return found


def info() -> CacheInfo:
    folder = cache_dir()
    result = CacheInfo(folder)
    if folder is None:
        return result
    for _, size, p in _scan(folder):
        result.size += size
        if p.name.endswith(RESULT_SUFFIX):
            result.results += 1
        else:
            result.other += 1
    return result


def prune(limit: int | None = None, now: float | None = None) -> int:
    """Keep the cache folder under ``limit`` bytes; returns how many files were removed.

    Stale temporary files go first; then, if the folder is still over the
    limit, the entries used longest ago, until it is under three quarters of
    the limit (so that the next runs do not prune again straight away).
    Files another run removes first are skipped.
    """
    folder = cache_dir()
    if folder is None:
        return 0
    limit = max_bytes() if limit is None else limit
    now = time.time() if now is None else now
    files = _scan(folder)
    removed = 0
    kept = []
    for mtime, size, p in files:
        if p.name.endswith(".tmp") and now - mtime > STALE_TMP_SECONDS:
            try:
                p.unlink()
                removed += 1
            except OSError:
                pass
        elif p.name.endswith((".tmp",)):
            continue  # another run is writing it
        else:
            kept.append((mtime, size, p))
    total = sum(size for _, size, _ in kept)
    if total <= limit:
        return removed
    goal = limit * 3 // 4
    for _, size, p in sorted(kept, key=lambda t: t[0]):
        if total <= goal:
            break
        try:
            p.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            continue
        total -= size
        removed += 1
    return removed


def clear() -> int:
    """Remove every file in the cache folder; returns how many."""
    folder = cache_dir()
    if folder is None:
        return 0
    removed = 0
    for _, _, p in _scan(folder):
        if p.name.endswith((RESULT_SUFFIX, ".data", ".pickle", ".tmp")):
            try:
                p.unlink()
                removed += 1
            except OSError:
                pass
    return removed


def enabled(settings: Any, no_cache: bool) -> bool:
    from .io.diskcache import cache_dir

    return not no_cache and cache_dir() is not None
