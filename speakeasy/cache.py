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

Entries are compressed (zlib level 1: about a third of the size for about a
millisecond).  Reading an entry marks it as used (its time is set to now), and
after a run that wrote entries the folder is pruned: when it holds more than
``SPEAKEASY_CACHE_MAX_MB`` (default 256) megabytes, the entries used longest
ago are removed until it holds three quarters of that.  Temporary files left
by a run that was killed are removed after an hour.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from . import __version__
from .matching import cache_dir

if TYPE_CHECKING:  # pragma: no cover
    from .engine import FileResult, RuleSet


def code_stamp() -> str:
    """speakeasy's own code: name, size and time of every module, so an edited checkout misses the cache.

    The plain score's numbers (``data/plain_score.json``) count as code: refitting them changes every score.
    """
    here = Path(__file__).resolve().parent
    return files_stamp([*here.rglob("*.py"), here / "data" / "plain_score.json"], here)


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
                       sorted((k, repr(v)) for k, v in rule.settings.items()))).encode())
        for wl in rule.wordlists:
            try:
                h.update(Path(wl.path).read_bytes())
            except OSError:
                h.update(repr([(e.term, e.use, e.status) for e in wl.entries]).encode())
    values = {k: v for k, v in ruleset.settings.values.items() if k not in ("ignore",)}
    h.update(repr(sorted((k, repr(v)) for k, v in values.items())).encode())
    h.update(repr(ruleset.ignore_entries).encode())
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
    """Whether there is an entry for this file (without reading it)."""
    entry = _entry(_key(path, data, rules_key))
    return entry is not None and entry.is_file()


def load(path: str, data: bytes, rules_key: str) -> "FileResult | None":
    from .engine import FileResult

    entry = _entry(_key(path, data, rules_key))
    if entry is None:
        return None
    try:
        with open(entry, "rb") as fh:
            found = pickle.loads(zlib.decompress(fh.read()))
    except (OSError, zlib.error, pickle.PickleError, EOFError, AttributeError, ValueError, TypeError, ImportError):
        return None
    if not (isinstance(found, FileResult) and found.path == path):
        return None
    try:
        os.utime(entry)  # used now: pruning removes the entries used longest ago first
    except OSError:
        pass
    return found


def store(path: str, data: bytes, rules_key: str, result: "FileResult") -> None:
    doc = result.document
    native = doc.native if doc is not None else None
    try:
        if doc is not None:
            doc.native = None  # parsed XML trees are not needed to report, and are large
        blob = zlib.compress(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), 1)
    except Exception:  # noqa: BLE001 - a result that cannot be cached is still a result
        return
    finally:
        if doc is not None:
            doc.native = native
    entry = _entry(_key(path, data, rules_key))
    if entry is None:
        return
    tmp = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix="result-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, entry)
        tmp = None
    except OSError:
        pass  # a cache that cannot be written is not an error
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


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
        if p.name.endswith((RESULT_SUFFIX, ".pickle", ".tmp")):
            try:
                p.unlink()
                removed += 1
            except OSError:
                pass
    return removed


def enabled(settings: Any, no_cache: bool) -> bool:
    from .matching import cache_dir

    return not no_cache and cache_dir() is not None
