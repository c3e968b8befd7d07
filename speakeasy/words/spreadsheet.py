"""The spreadsheet round trip: ``words export FILE.csv`` and ``words import FILE.csv``.

Forum members can work on a wordlist in Excel or LibreOffice Calc.  One row
is one word.  The columns are :data:`speakeasy.words.COLUMNS`; only ``term``,
``use`` and ``why`` must be there.  In a cell:

* several alternatives (or ``when`` or ``unless`` words) have ``;`` between
  them: ``a break; a rest``;
* plain words for each part of speech start with the part and a colon:
  ``noun: effect; verb: affect; change`` (``effect`` as a noun; ``affect`` or
  ``change`` as a verb);
* ``as`` is the part of speech the term is jargon as: noun, verb, adjective
  or adverb, with ``;`` between several (``noun; verb``); empty means any;
* ``within`` is sentence, paragraph, section or document; empty means
  sentence;
* ``explained_ok`` and ``everywhere`` are true (or yes) or empty;
* ``fix`` is safe (``speakeasy fix`` may put the plain word in by itself) or
  empty for ask, the default: a person decides in ``speakeasy review``.  ask
  is never written to the list.  safe needs exactly one plain word in
  ``use`` (one for each part of speech), and a row that breaks this rule is
  not imported;
* several example sentences go in one cell, one per line;
* dates are written 2026-03-14; 14/03/2026 (the UK order, as a spreadsheet
  may show it) is read too.

A term may be on two rows when each row says its part of speech in ``as``
and they share none ("impact" as a noun, and "impact" as a verb): they are
two entries of the list.  A row is matched to the entry with the same term
and the same ``as`` (or, when the term has one entry, to that one).

Import compares each row with the list.  A cell that says what the list
already says changes nothing, so exporting and importing gives back the same
file byte for byte.  A new term is added in A-to-Z place; a changed cell
changes only that line of the entry.  An empty cell removes a value the entry
gives itself (a value from the list's ``defaults`` stays).  If any row is
wrong, nothing is written, and the report says which rows and why.
"""

from __future__ import annotations

import csv
import datetime as _dt
from ..hints import closest, did_you_mean
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..matching import normalise
from ..packs import PARTS_OF_SPEECH, STATUS_CHOICES, STATUS_SYNONYMS, Entry, Wordlist
from ..schema import DataErrors
from . import COLUMNS, REQUIRED_COLUMNS
from .store import EditError, EntrySpan, WordlistFile, as_text
from .values import (
    FIX_DEFAULT,
    LIST_SEP,
    WITHIN_DEFAULT,
    as_words,
    clash,
    fix_problem,
    format_use,
    one_of,
    parse_fix,
    parse_parts,
    parse_use,
    parse_within,
    parts_of,
    split,
)

#: Columns that hold several words, with ``;`` between them.
LIST_COLUMNS = ("use", "as", "when", "unless")
#: Columns that are true or empty.
BOOL_COLUMNS = ("explained_ok", "everywhere")
#: Columns that hold a date.
DATE_COLUMNS = ("agreed", "review_by", "added")
_TRUE = {"true", "yes", "y"}
_FALSE = {"false", "no", "n"}


class SpreadsheetError(Exception):
    """The spreadsheet as a whole cannot be read (one plain-English line)."""


@dataclass
class RowResult:
    """What happened to one row."""

    row: int  # the row number as a spreadsheet shows it (the header is row 1)
    term: str
    action: str  # "added", "changed", "unchanged", "skipped" or "rejected"
    detail: str = ""
    #: The parts of speech the row is for (from its ``as`` or ``use`` cell), to tell two rows for one term apart.
    parts: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The row's word for the report: "'impact' (as a verb)", "'impact'", or "" without a term."""
        if not self.term:
            return ""
        return f"'{self.term}'" + (f" ({as_words(self.parts)})" if self.parts else "")


@dataclass
class ImportReport:
    rows: list[RowResult] = field(default_factory=list)
    written: bool = False

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def rejected(self) -> list[RowResult]:
        return [r for r in self.rows if r.action == "rejected"]


# ---------------------------------------------------------------------------
# Export


def _check_sep(values: list[Any]) -> None:
    for v in values:
        if LIST_SEP in str(v):
            raise SpreadsheetError(
                f"'{v}' has a ';' in it, and ';' separates the words in a spreadsheet cell. "
                "Take the ';' out of the wordlist first."
            )


def _cell(key: str, value: Any) -> str:
    if value is None:
        return ""
    if key in ("examples", "fine_examples"):
        return "\n".join(str(v) for v in value)
    if isinstance(value, (list, tuple)):
        _check_sep(list(value))
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else ""
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def entry_cells(e: Entry) -> dict[str, str]:
    """One entry as a row, with every column."""
    row = {}
    for key in COLUMNS:
        if key == "use":
            _check_sep(e.use)
            row[key] = format_use(e.use, e.use_as)
        elif key == "as":
            row[key] = _cell(key, list(e.parts))
        elif key == "within":
            row[key] = "" if e.within == WITHIN_DEFAULT else e.within
        elif key == "fix":
            row[key] = "" if e.fix == FIX_DEFAULT else e.fix
        else:
            row[key] = _cell(key, getattr(e, key, None))
    return row


def export_rows(wordlist: Wordlist) -> list[dict[str, str]]:
    """One row per entry, in the order of the file, with every column."""
    return [entry_cells(e) for e in wordlist.entries]


def csv_text(rows: list[dict[str, str]]) -> str:
    """Rows as CSV text with every column (write it with a byte-order mark so Excel reads it as UTF-8)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows([{k: row.get(k, "") for k in COLUMNS} for row in rows])
    return out.getvalue()


def export_csv(wordlist: Wordlist) -> str:
    """The list as CSV text."""
    return csv_text(export_rows(wordlist))


# ---------------------------------------------------------------------------
# Import


def read_csv(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """(columns, [(row number, row)]).  Raises :class:`SpreadsheetError`."""
    from ..errors import InputError
    from ..paths import read_file

    try:
        data = read_file(path, str(path), "spreadsheet")  # a regular file only: a named pipe would wait for ever
    except InputError as exc:
        raise SpreadsheetError(str(exc)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpreadsheetError(
            f"{path}: this spreadsheet is not saved as UTF-8 text. Save it again: in Excel, choose 'CSV UTF-8'; "
            "in LibreOffice Calc, choose the character set 'Unicode (UTF-8)'."
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise SpreadsheetError(f"{path}: speakeasy could not read this as a CSV file ({exc}).") from None
    if not rows or not any(c.strip() for c in rows[0]):
        raise SpreadsheetError(f"{path}: the spreadsheet is empty. The first row must name the columns. "
                               "term, use and why are needed. The others are: "
                               + ", ".join(c for c in COLUMNS if c not in REQUIRED_COLUMNS) + ".")
    header = [c.strip().lower().replace(" ", "_") for c in rows[0]]
    if len(header) == 1 and ";" in header[0]:
        raise SpreadsheetError(f"{path}: the columns are separated by ';', not ','. Save the spreadsheet "
                               "again, with commas between the columns.")
    for i, name in enumerate(header):
        if not name:
            raise SpreadsheetError(f"{path}: column {i + 1} has no name in the first row. "
                                   "Name it, or delete the column.")
        if name not in COLUMNS:
            hint = did_you_mean(closest(name, COLUMNS), "The columns speakeasy knows are: " + ", ".join(COLUMNS) + ".")
            raise SpreadsheetError(f"{path}: the column '{rows[0][i].strip()}' is not one speakeasy knows. {hint}")
        if header.index(name) != i:
            raise SpreadsheetError(f"{path}: there are two '{name}' columns. Keep one of them.")
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise SpreadsheetError(
            f"{path}: the spreadsheet has no '{missing[0]}' column. The first row must name the columns, "
            "and term, use and why are needed."
        )
    out = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue  # an empty row
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            out.append((number, {"__error__": f"this row has {len(cells)} cells but there are only "
                                              f"{len(header)} columns. Check for a stray comma."}))
            continue
        out.append((number, {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header)}))
    return header, out


def _date(key: str, value: str) -> _dt.date:
    """A date cell: 2026-03-14, or in the UK order 14/03/2026 (see :mod:`.dates`).  ValueError with the reason."""
    from .dates import read_date

    return read_date(f"'{key}'", value)  # a DateError is a ValueError


def _doubtful_dates(rows: list[tuple[int, dict[str, str]]]) -> dict[int, str]:
    """Rows whose dates could be read two ways, in a spreadsheet where some date has the month first.

    When one row says ``03/14/2026`` (only month first makes sense), ``10/03/2026`` in another row may be
    3 October too: speakeasy does not guess.  Returns the reason for each such row.
    """
    from .dates import either_way, month_first_only

    first = next(((n, key) for n, row in rows for key in DATE_COLUMNS if month_first_only(row.get(key, ""))), None)
    if first is None:
        return {}
    out = {}
    for number, row in rows:
        for key in DATE_COLUMNS:
            text = row.get(key, "").strip()
            if text and either_way(text):
                a, b = (int(x) for x in re.split(r"[/.\-]", text)[:2])
                out[number] = (f"the '{key}' date '{text}' could be {_day(a, b)} or {_day(b, a)}, as row {first[0]} "
                               "has the month first. Write every date in one order, like 2026-03-14")
                break
    return out


def _day(day: int, month: int) -> str:
    import calendar

    return f"{day} {calendar.month_name[month]}"


def _parse_row(row: dict[str, str]) -> dict[str, Any]:
    """A row's values by key (only the columns it has).  Raises ValueError with a plain reason."""
    values: dict[str, Any] = {}
    for key, raw in row.items():
        text = raw.strip()
        if key == "use":
            try:
                values[key] = parse_use(text)
            except ValueError as exc:
                raise ValueError(_lower(str(exc))) from None
        elif key == "as":
            try:
                values[key] = parse_parts(split(text))
            except ValueError as exc:
                raise ValueError(f"the 'as' cell says {_lower(str(exc))}") from None
        elif key in ("when", "unless"):
            values[key] = split(text)
        elif key == "within":
            values[key] = parse_within(text)
        elif key == "fix":
            values[key] = parse_fix(text)
        elif key in ("examples", "fine_examples"):
            values[key] = [line.strip() for line in text.splitlines() if line.strip()]
        elif key in DATE_COLUMNS:
            values[key] = _date(key, text) if text else None
        elif key in BOOL_COLUMNS:
            low = text.lower()
            if low and low not in _TRUE | _FALSE:
                raise ValueError(f"'{key}' should be true or false (or empty), but it is '{text}'")
            values[key] = low in _TRUE
        elif key == "status":
            low = text.lower()
            if low and low not in STATUS_CHOICES:
                synonyms = dict(STATUS_SYNONYMS)
                guess = synonyms[low] if low in synonyms else closest(low, STATUS_CHOICES, synonyms=synonyms)
                hint = f" {did_you_mean(guess)}" if guess else ""
                raise ValueError(f"'status' should be agreed, proposed or retired, but it is '{text}'.{hint}")
            values[key] = low or None
        else:
            values[key] = text or None
    use, parts = values.get("use"), values.get("as")
    if isinstance(use, dict) and parts:
        missing = [p for p in use if p not in parts]
        if missing:
            raise ValueError(f"'use' gives words for the term as {as_words(missing[:1])[3:]}, but 'as' does not "
                             f"list {missing[0]}. Add {missing[0]} to 'as', or take the {missing[0]} words out "
                             "of 'use'")
    return values


def _lower(text: str) -> str:
    """A message as the end of a sentence: "'x' is ..." stays, "In 'use', ..." -> "in 'use', ..."."""
    return text[:1].lower() + text[1:] if text[:1].isupper() and text[1:2].islower() else text


def _defaults(text: str) -> dict[str, Any]:
    data = yaml.safe_load(text) or {}
    d = data.get("defaults") if isinstance(data, dict) else None
    return dict(d) if isinstance(d, dict) else {}


def _effective(span_values: dict[str, Any], defaults: dict[str, Any], key: str) -> Any:
    if key in span_values:
        value = span_values[key]
    elif key in defaults:
        value = as_text(defaults[key])
    else:
        value = None
    if key == "as":
        return list(parts_of(span_values))
    if key == "use" and isinstance(value, dict):
        return {k: [v] if isinstance(v, str) else list(v) for k, v in value.items()}
    if key in LIST_COLUMNS or key in ("examples", "fine_examples"):
        if value is None:
            return []
        return [value] if isinstance(value, str) else list(value)
    if key in BOOL_COLUMNS:
        return str(value).lower() == "true" if value is not None else False
    if key == "status" and value is None:
        return "agreed"
    if key == "within" and value is None:
        return WITHIN_DEFAULT
    if key == "fix" and value is None:
        return FIX_DEFAULT
    return value


def _compare(key: str, value: Any) -> Any:
    if key in BOOL_COLUMNS:
        return bool(value)
    if key == "use" and isinstance(value, dict):
        return {k: list(v) for k, v in value.items()}
    if key in LIST_COLUMNS or key in ("examples", "fine_examples"):
        return list(value or [])
    if key == "within":
        return value or WITHIN_DEFAULT
    if key == "fix":
        return value or FIX_DEFAULT
    return as_text(value) if value is not None else None


def _row_parts(values: dict[str, Any]) -> tuple[str, ...]:
    """The parts of speech a row is for, as the loader would read them."""
    return parts_of({"as": values.get("as"), "use": values.get("use")})


def _fix_reason(values: dict[str, Any], header: list[str], existing: "EntrySpan | None",
                defaults: dict[str, Any]) -> str | None:
    """Why a row cannot be imported because of ``fix: safe`` (the loader's rule), or None.

    The row's own ``use`` and ``fix`` count; a column the spreadsheet does not
    have (or an empty ``use`` cell) leaves the entry's value as it is.
    """
    use = values.get("use") if "use" in header else None
    if not use and existing is not None:
        use = _effective(existing.values, defaults, "use")
    in_row = "fix" in header
    fix = values.get("fix") if in_row else (_effective(existing.values, defaults, "fix") if existing else None)
    reason = fix_problem(use, fix)
    if reason is None:
        return None
    undo = "make the 'fix' cell empty" if in_row else "add a 'fix' column and leave this row's cell empty"
    return (f"'fix' is safe{'' if in_row else ' in the list'}. A safe fix {reason} Keep one plain word"
            f"{' for each part of speech' if isinstance(use, dict) else ''} in 'use', or {undo}, so that a "
            "person chooses in speakeasy review")


def _match(target: WordlistFile, term: str, values: dict[str, Any], has_as: bool, status: str | None,
           default_status: str) -> "EntrySpan | None | str":
    """The entry a row is about, None for a new one, or why it cannot be told (a reason for the report).

    With an ``as`` column, the row is about the entry with the same parts of
    speech, or the one entry its parts overlap; a row whose parts no entry has
    is a new entry.  When that leaves more than one (a term in use and the
    same term retired, or proposed), the row's ``status`` says which.
    """
    found = target.find_all(term, include_retired=True)
    if not found:
        return None
    parts = _row_parts(values)
    if has_as and parts:
        exact = [e for e in found if set(e.parts) == set(parts)]
        found = exact or [e for e in found if clash(e.parts, parts)]
        if not found:
            return None  # another part of speech: a new entry
    elif has_as:
        found = [e for e in found if not e.parts] or found
    if len(found) > 1 and status:
        found = [e for e in found if (e.status or default_status) == status] or found
    if len(found) == 1:
        return found[0]
    named = [p for p in PARTS_OF_SPEECH if any(p in e.parts for e in found)]
    names = one_of(named) if named else one_of(PARTS_OF_SPEECH)
    how = f"fill in its 'as' cell with {names}" if has_as else f"add an 'as' column, with {names} in this row"
    return (target.ambiguous_message(found).replace(f" in {target.path} ", " in the list ").rstrip(".")
            + f". To say which one, {how}")


def import_csv(csv_path: Path, target: WordlistFile, *, dry_run: bool = False,
               shipped: "dict[str, list[Any]] | None" = None, override: bool = False) -> ImportReport:
    """Apply a spreadsheet to a wordlist.  Writes only when every row is fine (and not ``dry_run``).

    ``shipped``: the terms of the shipped lists in use (:func:`.override.shipped_terms`).  A new word one of
    them has is not imported twice: it takes the place of the shipped entry when ``override`` is set or its
    ``overrides`` cell names the list, and is refused otherwise.
    """
    header, rows = read_csv(csv_path)
    report = ImportReport()
    doubtful = _doubtful_dates(rows)
    seen: dict[str, list[tuple[int, tuple[str, ...], str]]] = {}
    defaults = _defaults(target.text)
    has_as = "as" in header
    for number, row in rows:
        if "__error__" in row:
            report.rows.append(RowResult(number, "", "rejected", row["__error__"]))
            continue
        term = row.get("term", "").strip()
        if not term:
            report.rows.append(RowResult(number, "", "rejected", "the term is empty"))
            continue
        if number in doubtful:
            report.rows.append(RowResult(number, term, "rejected", doubtful[number]))
            continue
        try:
            values = _parse_row(row)
        except ValueError as exc:
            report.rows.append(RowResult(number, term, "rejected", str(exc)))
            continue
        parts = _row_parts(values)
        # Two rows are for the same entry as the loader sees it: the same status, and a part of speech in common.
        status = values.get("status") or _effective({}, defaults, "status")
        key = normalise(term)
        other = next((n for n, p, st in seen.get(key, [])
                      if st == status and status != "retired" and clash(p, parts)), None)
        seen.setdefault(key, []).append((number, parts, status))
        if other is not None:
            report.rows.append(RowResult(number, term, "rejected", f"'{term}' is also on row {other}", parts=parts))
            continue
        values["term"] = term
        existing = _match(target, term, values, has_as, status if "status" in header else None,
                          _effective({}, defaults, "status"))
        if isinstance(existing, str):
            report.rows.append(RowResult(number, term, "rejected", existing, parts=parts))
            continue
        if existing is None and not values.get("use") and not values.get("why"):
            # A suggestion the forum has not filled in yet (words suggest --csv).
            report.rows.append(RowResult(number, term, "skipped", "'use' and 'why' are empty", parts=parts))
            continue
        fix_reason = _fix_reason(values, header, existing, defaults)
        if fix_reason is not None:
            report.rows.append(RowResult(number, term, "rejected", fix_reason, parts=parts))
            continue
        if shipped and (existing is None or ("overrides" in header and not values.get("overrides")
                                             and existing.values.get("overrides"))):
            # a new word, or an empty 'overrides' cell that would make an entry a second one for a shipped word
            reason = _take_place(values, shipped, parts, override, new=existing is None)
            if reason is not None:
                report.rows.append(RowResult(number, term, "rejected", reason, parts=parts))
                continue
        if existing is None:
            for needed in ("use", "why"):
                if not values.get(needed):
                    report.rows.append(RowResult(number, term, "rejected",
                                                 f"'{needed}' is empty, and a new word needs it", parts=parts))
                    break
            else:
                try:
                    new = {k: v for k, v in values.items() if v not in (None, [], "") and v is not False}
                    if new.get("status") == _effective({}, defaults, "status"):
                        new.pop("status")  # the list's default says it already
                    if new.get("within") == WITHIN_DEFAULT:
                        new.pop("within")
                    if new.get("fix") == FIX_DEFAULT:
                        new.pop("fix")  # the default: never written
                    if isinstance(new.get("use"), dict) and tuple(new.get("as", ())) == tuple(new["use"]):
                        new.pop("as")  # the parts of `use` say it already
                    target.add(new)
                except (EditError, DataErrors) as exc:
                    report.rows.append(RowResult(number, term, "rejected", _reason(exc), parts=parts))
                    continue
                report.rows.append(RowResult(number, term, "added", parts=parts))
            continue
        changes: dict[str, Any] = {}
        for col in header:
            if col == "term":
                continue
            new_value = values.get(col)
            if col == "as" and not new_value and isinstance(values.get("use"), dict):
                new_value = list(values["use"])  # the parts of `use`, as the loader reads them
            current = _effective(existing.values, defaults, col)
            if _compare(col, new_value) == _compare(col, current):
                continue
            if new_value in (None, [], False) and col not in existing.values:
                continue  # empty, and the value comes from the defaults: leave it
            if col in ("use", "why") and not new_value:
                report.rows.append(RowResult(number, term, "rejected", f"'{col}' is empty", parts=parts))
                break
            if col == "within" and new_value == WITHIN_DEFAULT:
                new_value = None
            if col == "fix" and new_value == FIX_DEFAULT:
                new_value = None  # the default: the line goes, and ask is never written
            if col == "as" and isinstance(values.get("use"), dict) and new_value == list(values["use"]):
                new_value = None  # the parts of `use` say it
            changes[col] = None if new_value in ([], False) else new_value
        else:
            if not changes:
                report.rows.append(RowResult(number, term, "unchanged", parts=parts))
                continue
            try:
                target.update(existing, changes)
            except (EditError, DataErrors) as exc:
                report.rows.append(RowResult(number, term, "rejected", _reason(exc), parts=parts))
                continue
            report.rows.append(RowResult(number, term, "changed", ", ".join(sorted(changes)), parts=parts))
    if report.rejected or dry_run:
        return report
    try:
        report.written = target.save()
    except DataErrors as exc:
        report.rows.append(RowResult(0, "", "rejected", _reason(exc)))
    return report


def _take_place(values: dict[str, Any], shipped: dict[str, list[Any]], parts: tuple[str, ...],
                override: bool, new: bool = True) -> str | None:
    """For a new word a shipped list has: set ``overrides`` (and ``added``), or say why the row is refused."""
    from .override import shipped_clash

    term = values["term"]
    named = values.get("overrides")
    hit = shipped_clash(shipped, term, parts)
    if hit is None:
        if named:
            return (f"the 'overrides' cell names the list '{named}', but '{term}' is not in a shipped list of that "
                    "name. Make the cell empty")
        return None
    where = f"speakeasy's '{hit.list_id}' list (line {hit.entry.line})"
    if normalise(hit.entry.term) != normalise(term):
        return (f"'{term}' is a form of '{hit.entry.term}', which is in {where}. To use your own words for it, "
                f"write '{hit.entry.term}' in the 'term' cell")
    if named and named != hit.list_id:
        return f"'{term}' is in {where}, not in '{named}'. Write {hit.list_id} in the 'overrides' cell"
    if not (override or named):
        return (f"'{term}' is already in {where}. To use your own words for it instead, import again with "
                f"--override, or write {hit.list_id} in the row's 'overrides' cell")
    values["overrides"] = hit.list_id
    if new and not values.get("added"):
        values["added"] = _dt.date.today()
    return None


def _reason(exc: Exception) -> str:
    if isinstance(exc, DataErrors) and exc.errors:
        first = exc.errors[0]
        return getattr(first, "problem", str(first)) + (" " + first.hint if getattr(first, "hint", None) else "")
    return str(exc)
