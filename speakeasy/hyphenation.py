"""Pyphen's English hyphenation patterns, parsed once and kept in speakeasy's disk cache.

Words that are not in the CMU dictionary are counted as textstat counts
them: ``len(pyphen.positions(word)) + 1`` with the ``en_US`` patterns
(:mod:`speakeasy.syllables`).  Pyphen is used directly: counting never
imports textstat.
"""

from __future__ import annotations

PYPHEN_LANG = "en_US"  # textstat's default language; its Pyphen for English

_pyphen = None


def _preload_pyphen_patterns() -> None:
    """Give Pyphen its parsed English patterns from speakeasy's disk cache.

    Parsing ``hyph_en_US.dic`` takes about 0.1 s, a tenth of the time to
    check one small file.  The parsed patterns are cached (keyed by the
    dictionary file's content and pyphen's version) and put where Pyphen
    looks first, its ``hdcache``.  If anything about pyphen differs from
    what we expect, Pyphen simply parses the file itself.
    """
    try:
        import hashlib

        import pyphen

        from .io.diskcache import load as _cache_load
        from .io.diskcache import store as _cache_store

        path = pyphen.LANGUAGES[pyphen.language_fallback(PYPHEN_LANG)]
        if path in pyphen.hdcache:
            return
        data = path.read_bytes()
        version = getattr(pyphen, "VERSION", getattr(pyphen, "__version__", "?"))
        key = "pyphen-" + hashlib.sha256(data + f"|{version}".encode()).hexdigest()[:32]
        cached = _cache_load(key, _decode_hyphdict)  # plain data, never a pickle (see speakeasy.cachefile)
        if isinstance(cached, pyphen.HyphDict):
            pyphen.hdcache[path] = cached
            return
        hd = pyphen.HyphDict(path)
        pyphen.hdcache[path] = hd
        _cache_store(key, hd, _encode_hyphdict, _decode_hyphdict)
    except Exception:  # noqa: BLE001 - an optimisation only; Pyphen will parse the file
        return


def _encode_hyphdict(hd: object) -> list:
    """Pyphen's parsed patterns as plain data: [patterns, starts, values as digit strings].

    Only the attributes Pyphen 0.x sets are kept; anything else (alternative hyphenations, new attributes)
    raises, and the patterns are parsed each time instead of cached.
    """
    attrs = vars(hd)
    if set(attrs) != {"patterns", "cache", "maxlen"}:
        raise TypeError("pyphen.HyphDict has changed")
    keys, starts, values = [], [], []
    for pattern, (start, digits) in attrs["patterns"].items():
        if not all(type(d) is int and 0 <= d <= 9 for d in digits):
            raise TypeError("not a plain pattern")
        keys.append(pattern)
        starts.append(start)
        values.append("".join(map(str, digits)))
    return [keys, starts, values]


def _decode_hyphdict(value: object) -> object:
    import pyphen

    from .cachefile import check

    check(type(value) is list and len(value) == 3)
    keys, starts, values = value
    check(type(keys) is list and type(starts) is list and type(values) is list
          and len(keys) == len(starts) == len(values) > 0)
    "".join(keys), "".join(values), bytes(starts)  # TypeError or ValueError unless strings, and small numbers
    known = {digits: tuple(map(int, digits)) for digits in set(values)}
    check(all(digits.isdigit() and digits.isascii() for digits in known))
    patterns = {key: (start, known[digits]) for key, start, digits in zip(keys, starts, values)}
    hd = pyphen.HyphDict.__new__(pyphen.HyphDict)
    hd.patterns = patterns
    hd.cache = {}
    hd.maxlen = max(len(key) for key in patterns)
    return hd


def pyphen_positions(word: str) -> list[int]:
    global _pyphen
    if _pyphen is None:
        _preload_pyphen_patterns()
        from pyphen import Pyphen  # the same patterns, and the same object, textstat's count_syllables uses

        _pyphen = Pyphen(lang=PYPHEN_LANG)
    return _pyphen.positions(word)
