"""A results cache: unchanged files are not linted again.

The key of a file's results is made of:

* the file's content (SHA-256) and its path,
* the effective configuration: every rule with its level, options and the
  content of its wordlists, the settings, the project ignore file,
* speakeasy's version and its own code (every module's size and time).

So any change to the file, the rules, the words or speakeasy itself misses
the cache.  Entries are written atomically (a temporary file renamed into
place), so two runs sharing the cache never read half an entry; an entry
that cannot be read is treated as missing.  ``--no-cache`` turns it off, and
``SPEAKEASY_CACHE_DIR`` (empty: off) says where it lives.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .matching import _cache_load, _cache_store

if TYPE_CHECKING:  # pragma: no cover
    from .engine import FileResult, RuleSet


def code_stamp() -> str:
    """speakeasy's own code: name, size and time of every module, so an edited checkout misses the cache."""
    here = Path(__file__).resolve().parent
    parts = []
    for p in sorted(here.rglob("*.py")):
        try:
            st = p.stat()
        except OSError:
            continue
        parts.append(f"{p.relative_to(here)}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def ruleset_key(ruleset: "RuleSet") -> str:
    """A digest of everything that decides the results, except the file itself."""
    h = hashlib.sha256(f"speakeasy {__version__}\n{code_stamp()}\n".encode())
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


def _key(path: str, data: bytes, rules_key: str) -> str:
    h = hashlib.sha256(data)
    h.update(f"\x1f{Path(path).as_posix()}\x1f{rules_key}".encode())
    return "result-" + h.hexdigest()[:40]


def load(path: str, data: bytes, rules_key: str) -> "FileResult | None":
    from .engine import FileResult

    found = _cache_load(_key(path, data, rules_key))
    return found if isinstance(found, FileResult) and found.path == path else None


def store(path: str, data: bytes, rules_key: str, result: "FileResult") -> None:
    doc = result.document
    native = doc.native if doc is not None else None
    try:
        if doc is not None:
            doc.native = None  # parsed XML trees are not needed to report, and are large
        _cache_store(_key(path, data, rules_key), result)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is not an error
        pass
    finally:
        if doc is not None:
            doc.native = native


def enabled(settings: Any, no_cache: bool) -> bool:
    from .matching import cache_dir

    return not no_cache and cache_dir() is not None
