"""Entry values written on one line, as forum members type them.

The spreadsheet cells of ``words export`` / ``words import``, the boxes of
``words edit`` and the options of ``words add`` all write an entry's values
the same way, so what someone learns in one works in the others:

* several words go in one line with ``;`` between them: ``a break; a rest``;
* plain words for each part of speech start with the part and a colon:
  ``noun: effect; verb: affect; change`` means ``effect`` as a noun, and
  ``affect`` or ``change`` as a verb.  A word after ``;`` without a part
  belongs to the part before it;
* ``as`` is one or more of noun, verb, adjective and adverb (``noun; verb``;
  commas work too);
* ``within`` is sentence (the default), paragraph, section or document;
* ``fix`` is safe (``speakeasy fix`` may put the plain word in by itself) or
  ask (the default: a person decides in ``speakeasy review``).  ``fix: safe``
  needs exactly one plain word (one for each part of speech), the loader's
  rule: :func:`fix_problem` asks the loader.

Problems are raised as :class:`ValueError` with a plain message that names
the value, like "'verbb' is not a part of speech speakeasy knows. Use noun,
verb, adjective or adverb. Did you mean 'verb'?".
"""

from __future__ import annotations

from ..hints import closest
import re
from typing import Any, Iterable

from ..packdata import clash  # noqa: F401  (re-exported: words.values.clash)
from ..packs import ENTRY, FIX_CHOICES, PART_SYNONYMS, PARTS_OF_SPEECH, WITHIN_CHOICES, Entry, entry_problem

LIST_SEP = ";"
#: The default of ``within``.
WITHIN_DEFAULT = "sentence"
WITHIN_SYNONYMS: tuple[tuple[str, str], ...] = next(f.synonyms for f in ENTRY.fields if f.name == "within")
#: The default of ``fix``: a person decides.  It is never written to a file.
FIX_DEFAULT = "ask"
FIX_SYNONYMS: tuple[tuple[str, str], ...] = next(f.synonyms for f in ENTRY.fields if f.name == "fix")

_PART_START = re.compile(r"^\s*(" + "|".join(PARTS_OF_SPEECH) + r")\s*:\s*(.*)$", re.IGNORECASE | re.DOTALL)


def one_of(choices: Iterable[str]) -> str:
    """"noun, verb, adjective or adverb"."""
    items = list(choices)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _guess(value: str, choices: tuple[str, ...], synonyms: tuple[tuple[str, str], ...]) -> str | None:
    table = dict(synonyms)
    low = value.strip().lower()
    if low in table:
        return table[low]
    return closest(low, choices, synonyms=table)


def split(text: str) -> list[str]:
    """The words of a line with ``;`` between them (empty ones left out)."""
    return [v.strip() for v in str(text or "").split(LIST_SEP) if v.strip()]


def parse_part(word: str) -> str:
    """One part of speech, in any case: "Verb" -> "verb".  ValueError for a word speakeasy does not know."""
    low = " ".join(word.split()).lower()
    if low in PARTS_OF_SPEECH:
        return low
    guess = _guess(low, PARTS_OF_SPEECH, PART_SYNONYMS)
    hint = f" Did you mean '{guess}'?" if guess else ""
    raise ValueError(f"'{word.strip()}' is not a part of speech speakeasy knows. "
                     f"Use {one_of(PARTS_OF_SPEECH)}.{hint}")


def parse_parts(items: Iterable[str] | str | None) -> list[str]:
    """Parts of speech from a line or from several (``noun; verb``, ``noun, verb`` or a list), without repeats."""
    if items is None:
        return []
    if isinstance(items, str):
        items = [items]
    out: list[str] = []
    for item in items:
        for word in re.split(r"[;,]", str(item)):
            if word.strip():
                part = parse_part(word)
                if part not in out:
                    out.append(part)
    return out


def parse_within(text: str | None) -> str | None:
    """``within`` as one of its choices, or None when empty.  ValueError for anything else."""
    low = " ".join(str(text or "").split()).lower()
    if not low:
        return None
    if low in WITHIN_CHOICES:
        return low
    guess = _guess(low, WITHIN_CHOICES, WITHIN_SYNONYMS)
    hint = f" Did you mean '{guess}'?" if guess else ""
    raise ValueError(f"'within' should be {one_of(WITHIN_CHOICES)}, but it is '{str(text).strip()}'.{hint}")


def parse_fix(text: str | None) -> str | None:
    """``fix`` as safe or ask (in any case), or None when empty.  ValueError for anything else."""
    low = " ".join(str(text or "").split()).lower()
    if not low:
        return None
    if low in FIX_CHOICES:
        return low
    guess = _guess(low, FIX_CHOICES, FIX_SYNONYMS)
    hint = f" Did you mean '{guess}'?" if guess else ""
    raise ValueError(f"'fix' should be {one_of(FIX_CHOICES)}, but it is '{str(text).strip()}'.{hint}")


#: How the loader's message about ``fix: safe`` starts; each command says it its own way.
_FIX_SAFE = "`fix: safe` "


def fix_problem(use: Any, fix: str | None) -> str | None:
    """Why ``fix`` cannot be ``safe`` with these plain words, or None when it can.

    ``use`` is a list of plain words, or a list for each part of speech.  The
    rule is the loader's (:func:`speakeasy.packs.entry_problem`), so the
    commands refuse what ``speakeasy check`` would refuse, and nothing more.
    The reason is the end of a sentence about safe: "needs exactly one plain
    alternative, but this entry has 2."; each command starts it with its own
    name for the value (``--fix safe``, 'Fix by itself', the 'fix' cell).
    """
    if fix != "safe" or not use:
        return None
    use_as: dict[str, list[str]] = {}
    if isinstance(use, dict):
        use_as = {str(p): [w] if isinstance(w, str) else [str(x) for x in w] for p, w in use.items()}
    words = use_words(use)
    # A term no plain word can be the same as, and the parts `use` gives: only the `fix` rule can speak.
    entry = Entry(term="", use=words, why="", parts=tuple(use_as), use_as=use_as, fix="safe")
    problem = entry_problem(entry)
    if problem is None or problem[3] != "fix":
        return None
    message = problem[0]
    return message[len(_FIX_SAFE):] if message.startswith(_FIX_SAFE) else message


def parse_use(text: str) -> list[str] | dict[str, list[str]]:
    """The plain words of a line: a list, or a list for each part of speech.

    ``a break; a rest`` -> ``["a break", "a rest"]``;
    ``noun: effect; verb: affect; change`` -> ``{"noun": ["effect"], "verb": ["affect", "change"]}``.
    """
    items = split(text)
    if not any(_PART_START.match(item) for item in items):
        return items
    out: dict[str, list[str]] = {}
    current: str | None = None
    for item in items:
        m = _PART_START.match(item)
        if m:
            current = m.group(1).lower()
            if current in out:
                raise ValueError(f"'use' gives the words for '{current}' twice. Put all the words for a "
                                 f"{current} after one '{current}:', like: {current}: one; two")
            out[current] = []
            word = m.group(2).strip()
            if word:
                out[current].append(word)
        elif current is None:
            raise ValueError(f"in 'use', '{item}' comes before any part of speech. Start with the part, "
                             f"like: noun: {item}")
        else:
            out[current].append(item)
    for part, words in out.items():
        if not words:
            raise ValueError(f"'use' has no words after '{part}:'. Write the plain words for the term as a "
                             f"{part}, or take out '{part}:'.")
    return out


def format_list(values: Iterable[Any]) -> str:
    return f"{LIST_SEP} ".join(str(v) for v in values)


def format_use(use: list[str], use_as: dict[str, list[str]] | None = None) -> str:
    """The plain words as a line: ``effect; impact`` or ``noun: effect; verb: affect; change``."""
    if use_as:
        return f"{LIST_SEP} ".join(f"{part}: {format_list(words)}" for part, words in use_as.items())
    return format_list(use)


def use_words(use: Any) -> list[str]:
    """Every plain word of a ``use`` value (a text, a list, or a list for each part)."""
    if isinstance(use, dict):
        return [str(w) for words in use.values() for w in ([words] if isinstance(words, str) else words)]
    if isinstance(use, str):
        return [use]
    return [str(w) for w in use or []]


def parts_of(values: dict[str, Any]) -> tuple[str, ...]:
    """The parts of speech of raw entry values, as the loader reads them: ``as``, else the keys of ``use``."""
    given = values.get("as")
    if given:
        return tuple(dict.fromkeys([given] if isinstance(given, str) else [str(p) for p in given]))
    use = values.get("use")
    if isinstance(use, dict):
        return tuple(use)
    return ()


def article(part: str) -> str:
    """"a noun", "an adjective"."""
    return f"an {part}" if part[:1] in "aeiou" else f"a {part}"


def as_words(parts: Iterable[str]) -> str:
    """"as a noun", "as a noun or a verb" ("" for no parts)."""
    items = [article(p) for p in parts]
    if not items:
        return ""
    return "as " + (items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1])
