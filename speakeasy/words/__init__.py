"""Co-authoring wordlists: ``speakeasy words ...``.

Forum members add, check, import, export and publish the words without
editing YAML by hand.  Each part is its own module:

* :mod:`.store` edits a wordlist file in place, changing only the lines of
  the entries it adds or changes, so comments and layout stay as they were;
* :mod:`.lint` checks lists the way codespell checks its dictionaries;
* :mod:`.spreadsheet` is the CSV round trip;
* :mod:`.glossary` publishes a list as a "jargon buster";
* :mod:`.suggest` finds words in documents that may be jargon;
* :mod:`.stats` counts entries per list, contributor and status;
* :mod:`.values` reads and writes an entry's values on one line (a
  spreadsheet cell, a box of the form, an option of ``words add``), such as
  plain words for each part of speech: ``noun: effect; verb: affect``.

A term may be in a list once for each part of speech (``as``): "impact" as
a noun and "impact" as a verb are two entries.  Every command that finds an
entry by its term says which one by its part of speech, and says so plainly
when it cannot tell.
"""

from __future__ import annotations

#: The columns of the spreadsheet format, in order.  The first ones are the
#: ones forum members use most (``as`` says which part of speech the term is
#: jargon as, so it helps tell two rows for one term apart); the others carry
#: the rest of an entry so that an export and an import give back the same
#: list.  Several values in one cell (alternatives, ``when`` and ``unless``
#: words, parts of speech) are separated by ``;``; plain words for each part
#: of speech are written ``noun: effect; verb: affect; change`` (see
#: :mod:`.values`).  ``fix`` comes after ``everywhere``, as the keys of an
#: entry in a file: safe, or empty for ask (the default).
COLUMNS = (
    "term",
    "use",
    "why",
    "as",
    "when",
    "unless",
    "within",
    "added_by",
    "agreed",
    "source",
    "licence",
    "agreed_by",
    "status",
    "review_by",
    "explained_ok",
    "everywhere",
    "fix",
    "notes",
    "examples",
    "fine_examples",
    "added",
    "overrides",
)
#: Columns a spreadsheet must have.
REQUIRED_COLUMNS = ("term", "use", "why")
