"""A person's initials are not an acronym: "JJ Abrams", "FW de Klerk", "BB King".

News and reports name people by their initials and surname, then by the
surname alone ("directed by JJ Abrams ... Abrams said").  Those capitals
are not an acronym to spell out.  They count as initials only when:

* they are one to three capital letters, with no digit and no plural "s";
* every use of them in the document comes straight before the same
  surname: a capital and small letters, perhaps after a particle ("de",
  "van"), and no other word with a capital follows it ("AWS Key
  Management" is a title, not a name);
* that surname also stands alone somewhere else in the document, and is
  never written in small letters there ("AWS Key ... the key" is not a
  name).

An acronym used with several words after it ("HR team", "HR policy") is
never read as initials, nor is one that is only ever written before one word
that never stands alone ("NHS Digital" where "Digital" is not a name).
"""

from __future__ import annotations

import re
from typing import Sequence

_PARTICLES = ("de", "van", "von", "der", "den", "da", "di", "du", "le", "la", "del", "dos", "ter")
_SURNAME_AFTER = re.compile(
    r" ((?:(?:" + "|".join(_PARTICLES) + r") )?[A-Z][a-zà-ÿ’']+(?:-[A-Z][a-zà-ÿ]+)?)(?![\w-])(?! [A-Z])")
_INITIALS = re.compile(r"[A-Z]{1,3}")


def are_initials(text: str, word: str, uses: Sequence[tuple[int, int]]) -> bool:
    """True when ``word``, found at each ``(start, end)`` of ``uses`` in ``text``, is a person's initials."""
    if not uses or not _INITIALS.fullmatch(word):
        return False
    surname = None
    in_uses = set()
    for start, end in uses:
        if text[start:end] != word:
            return False
        m = _SURNAME_AFTER.match(text, end)
        if m is None or (surname is not None and m.group(1) != surname):
            return False
        surname = m.group(1)
        in_uses.add(m.end(1))
    assert surname is not None
    bare = surname.rsplit(" ", 1)[-1]  # "Klerk" of "de Klerk", which may open a sentence as "De Klerk"
    if re.search(r"(?<![\w-])" + re.escape(bare.lower()) + r"(?![\w-])", text):
        return False  # an everyday word: "Policy", "Security"
    alone = re.compile(r"(?<![\w-])" + re.escape(bare) + r"(?![\w-])")
    return any(m.end() not in in_uses for m in alone.finditer(text))
