"""The spreadsheet round trip: ``words export FILE.csv`` and ``words import FILE.csv``.

Forum members can work on a wordlist in Excel or LibreOffice Calc.  One row
is one word.  The columns are :data:`speakeasy.words.COLUMNS`; only ``term``,
``use`` and ``why`` must be there.  Several alternatives (or ``unless``
words) go in one cell with ``;`` between them; several example sentences go
in one cell, one per line.  Dates are written 2026-03-14; 14/03/2026 (the UK
order, as a spreadsheet may show it) is read too.

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
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..packs import STATUS_CHOICES, STATUS_SYNONYMS, Wordlist
from ..schema import DataErrors
from . import COLUMNS, REQUIRED_COLUMNS
from .store import EditError, WordlistFile, as_text

LIST_SEP = ";"
_DATE_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_UK = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
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


def _cell(key: str, value: Any) -> str:
    if value is None:
        return ""
    if key == "examples":
        return "\n".join(str(v) for v in value)
    if isinstance(value, list):
        for v in value:
            if LIST_SEP in str(v):
                raise SpreadsheetError(
                    f"'{v}' has a ';' in it, and ';' separates the words in a spreadsheet cell. "
                    "Take the ';' out of the wordlist first."
                )
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else ""
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def export_rows(wordlist: Wordlist) -> list[dict[str, str]]:
    """One row per entry, in the order of the file, with every column."""
    rows = []
    for e in wordlist.entries:
        rows.append({key: _cell(key, getattr(e, key, None)) for key in COLUMNS})
    return rows


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
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise SpreadsheetError(f"{path}: this file does not exist.") from None
    except OSError as exc:
        raise SpreadsheetError(f"{path}: speakeasy could not open this file ({exc.strerror}).") from None
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
        raise SpreadsheetError(f"{path}: the spreadsheet is empty. The first row must name the columns: "
                               + ", ".join(COLUMNS) + ".")
    header = [c.strip().lower().replace(" ", "_") for c in rows[0]]
    if len(header) == 1 and ";" in header[0]:
        raise SpreadsheetError(f"{path}: the columns are separated by ';', not ','. Save the spreadsheet "
                               "again, with commas between the columns.")
    for i, name in enumerate(header):
        if not name:
            raise SpreadsheetError(f"{path}: column {i + 1} has no name in the first row. "
                                   "Name it, or delete the column.")
        if name not in COLUMNS:
            close = difflib.get_close_matches(name, COLUMNS, n=1)
            hint = f" Did you mean '{close[0]}'?" if close else " The columns speakeasy knows are: " + ", ".join(
                COLUMNS) + "."
            raise SpreadsheetError(f"{path}: the column '{rows[0][i].strip()}' is not one speakeasy knows.{hint}")
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


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(LIST_SEP) if v.strip()]


def _date(key: str, value: str) -> _dt.date:
    value = value.strip()
    try:
        if _DATE_ISO.match(value):
            return _dt.date.fromisoformat(value)
        m = _DATE_UK.match(value)
        if m:
            return _dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        pass
    raise ValueError(f"'{key}' should be a date like 2026-03-14, but it is '{value}'")


def _parse_row(row: dict[str, str]) -> dict[str, Any]:
    """A row's values by key (only the columns it has).  Raises ValueError with a plain reason."""
    values: dict[str, Any] = {}
    for key, raw in row.items():
        text = raw.strip()
        if key in ("use", "unless"):
            values[key] = _split(text)
        elif key == "examples":
            values[key] = [line.strip() for line in text.splitlines() if line.strip()]
        elif key in ("agreed", "review_by"):
            values[key] = _date(key, text) if text else None
        elif key == "explained_ok":
            low = text.lower()
            if low and low not in _TRUE | _FALSE:
                raise ValueError(f"'explained_ok' should be true or false (or empty), but it is '{text}'")
            values[key] = low in _TRUE
        elif key == "status":
            low = text.lower()
            if low and low not in STATUS_CHOICES:
                synonyms = dict(STATUS_SYNONYMS)
                close = [synonyms[low]] if low in synonyms else difflib.get_close_matches(
                    low, [*STATUS_CHOICES, *synonyms], n=1)
                close = [synonyms.get(c, c) for c in close]
                hint = f" Did you mean '{close[0]}'?" if close else ""
                raise ValueError(f"'status' should be agreed, proposed or retired, but it is '{text}'.{hint}")
            values[key] = low or None
        else:
            values[key] = text or None
    return values


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
    if key in ("use", "unless", "examples"):
        if value is None:
            return []
        return [value] if isinstance(value, str) else list(value)
    if key == "explained_ok":
        return str(value).lower() == "true" if value is not None else False
    if key == "status" and value is None:
        return "agreed"
    return value


def _compare(key: str, value: Any) -> Any:
    if key == "explained_ok":
        return bool(value)
    if key in ("use", "unless", "examples"):
        return list(value or [])
    return as_text(value) if value is not None else None


def import_csv(csv_path: Path, target: WordlistFile, *, dry_run: bool = False) -> ImportReport:
    """Apply a spreadsheet to a wordlist.  Writes only when every row is fine (and not ``dry_run``)."""
    header, rows = read_csv(csv_path)
    report = ImportReport()
    seen: dict[str, int] = {}
    defaults = _defaults(target.text)
    for number, row in rows:
        if "__error__" in row:
            report.rows.append(RowResult(number, "", "rejected", row["__error__"]))
            continue
        term = row.get("term", "").strip()
        if not term:
            report.rows.append(RowResult(number, "", "rejected", "the term is empty"))
            continue
        key = term.casefold()
        if key in seen:
            report.rows.append(RowResult(number, term, "rejected", f"'{term}' is also on row {seen[key]}"))
            continue
        seen[key] = number
        try:
            values = _parse_row(row)
        except ValueError as exc:
            report.rows.append(RowResult(number, term, "rejected", str(exc)))
            continue
        values["term"] = term
        existing = target.find(term, include_retired=True)
        if existing is None and not values.get("use") and not values.get("why"):
            # A suggestion the forum has not filled in yet (words suggest --csv).
            report.rows.append(RowResult(number, term, "skipped", "'use' and 'why' are empty"))
            continue
        if existing is None:
            for needed in ("use", "why"):
                if not values.get(needed):
                    report.rows.append(RowResult(number, term, "rejected",
                                                 f"'{needed}' is empty, and a new word needs it"))
                    break
            else:
                try:
                    new = {k: v for k, v in values.items() if v not in (None, [], "") and v is not False}
                    if new.get("status") == _effective({}, defaults, "status"):
                        new.pop("status")  # the list's default says it already
                    target.add(new)
                except (EditError, DataErrors) as exc:
                    report.rows.append(RowResult(number, term, "rejected", _reason(exc)))
                    continue
                report.rows.append(RowResult(number, term, "added"))
            continue
        changes: dict[str, Any] = {}
        for col in header:
            if col == "term":
                continue
            new_value = values.get(col)
            current = _effective(existing.values, defaults, col)
            if _compare(col, new_value) == _compare(col, current):
                continue
            if new_value in (None, [], False) and col not in existing.values:
                continue  # empty, and the value comes from the defaults: leave it
            if col in ("use", "why") and not new_value:
                report.rows.append(RowResult(number, term, "rejected", f"'{col}' is empty"))
                break
            changes[col] = None if new_value in ([], False) else new_value
        else:
            if not changes:
                report.rows.append(RowResult(number, term, "unchanged"))
                continue
            try:
                target.update(existing.term, changes)
            except (EditError, DataErrors) as exc:
                report.rows.append(RowResult(number, term, "rejected", _reason(exc)))
                continue
            report.rows.append(RowResult(number, term, "changed", ", ".join(sorted(changes))))
    if report.rejected or dry_run:
        return report
    try:
        report.written = target.save()
    except DataErrors as exc:
        report.rows.append(RowResult(0, "", "rejected", _reason(exc)))
    return report


def _reason(exc: Exception) -> str:
    if isinstance(exc, DataErrors) and exc.errors:
        first = exc.errors[0]
        return getattr(first, "problem", str(first)) + (" " + first.hint if getattr(first, "hint", None) else "")
    return str(exc)
