"""Co-authoring wordlists: ``speakeasy words ...``.

Forum members add, check, import, export and publish the words without
editing YAML by hand.  Each part is its own module:

* :mod:`.store` edits a wordlist file in place, changing only the lines of
  the entries it adds or changes, so comments and layout stay as they were;
* :mod:`.lint` checks lists the way codespell checks its dictionaries;
* :mod:`.spreadsheet` is the CSV round trip;
* :mod:`.glossary` publishes a list as a "jargon buster";
* :mod:`.suggest` finds words in documents that may be jargon;
* :mod:`.stats` counts entries per list, contributor and status.
"""

from __future__ import annotations

#: The columns of the spreadsheet format, in order.  The first eight are the
#: ones forum members use most; the others carry the rest of an entry so that
#: an export and an import give back the same list.  Several values in one
#: cell (alternatives, ``unless`` words) are separated by ``;``.
COLUMNS = (
    "term",
    "use",
    "why",
    "unless",
    "added_by",
    "agreed",
    "source",
    "licence",
    "agreed_by",
    "status",
    "review_by",
    "explained_ok",
    "notes",
    "examples",
)
#: Columns a spreadsheet must have.
REQUIRED_COLUMNS = ("term", "use", "why")
