"""Dates as people type them, and as UK spreadsheets save them.

A spreadsheet made in the UK saves 10 March 2026 as ``10/03/2026`` (day,
month, year).  speakeasy reads that, and ``2026-03-10``, ``10-03-2026``,
``10.03.2026``, ``10 March 2026`` and ``10 Mar 2026``; a time after the date
(``10/03/2026 00:00``, as Excel may add) is left out.

A date that cannot be right is refused with a plain reason, never guessed:

* a day the month does not have (``31/02/2026``);
* the month first, as in the US (``03/14/2026``: there is no month 14);
* a year of two figures (``10/03/26``);
* in a spreadsheet where some date can only be read month first, every date
  that could be read either way (``10/03/2026``: 10 March or 3 October) is
  ambiguous: see :func:`month_first_only`.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re

_ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_NAMED = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$")
_NAMED_US = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_TIME = re.compile(r"\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?$")
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9


class DateError(ValueError):
    """A date that cannot be read, with the reason in plain words (the end of a sentence).

    ``unreadable``: the text is not a date at all (each command then says what a date looks like).
    """

    def __init__(self, message: str, unreadable: bool = False) -> None:
        super().__init__(message)
        self.unreadable = unreadable


def day_month(d: _dt.date) -> str:
    """"10 March 2026"."""
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


def _make(year: int, month: int, day: int, shown: str) -> _dt.date:
    if not 1900 <= year <= 2999:
        raise DateError(f"'{shown}' has the year {year}, which cannot be right. Write a date like 14/03/2026")
    if not 1 <= month <= 12:
        raise DateError(f"'{shown}' has no month {month}. Write the day, then the month, then the year, like "
                        "14/03/2026, or write 2026-03-14")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateError(f"'{shown}' is not a real date: {calendar.month_name[month]} {year} has no day {day}")
    return _dt.date(year, month, day)


def month_first_only(text: str) -> bool:
    """Whether a date can only be read with the month first, as in the US (``03/14/2026``)."""
    m = _NUMERIC.match(_TIME.sub("", text.strip()))
    return bool(m) and int(m.group(1)) <= 12 < int(m.group(2)) <= 31


def either_way(text: str) -> bool:
    """Whether a date of figures reads as two different dates, day first or month first (``10/03/2026``)."""
    m = _NUMERIC.match(_TIME.sub("", text.strip()))
    return bool(m) and int(m.group(1)) <= 12 and int(m.group(2)) <= 12 and m.group(1).lstrip("0") != m.group(2).lstrip("0")


def parse_date(text: str) -> _dt.date:
    """A date from ``text`` (see the module's docstring).  Raises :class:`DateError`."""
    shown = " ".join(text.split())
    value = _TIME.sub("", shown)
    m = _ISO.match(value)
    if m:
        return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)), shown)
    m = _NUMERIC.match(value)
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
        if len(year) == 2:
            raise DateError(f"'{shown}' has a year of two figures. Write the year in full, like "
                            f"{m.group(1)}/{m.group(2)}/20{year}")
        if month_first_only(value):
            try:
                meant = _make(int(year), day, month, shown)  # read month first
            except DateError:
                raise DateError(f"'{shown}' is not a real date, day first or month first. Write a date like "
                                "14/03/2026") from None
            raise DateError(f"'{shown}' has the month first, as in the US: there is no month {month}. Write the "
                            f"day first, like {meant:%d/%m/%Y}, or write {meant.isoformat()}")
        return _make(int(year), month, day, shown)
    m = _NAMED.match(value)
    if m and m.group(2).lower() in _MONTHS:
        return _make(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)), shown)
    m = _NAMED_US.match(value)
    if m and m.group(1).lower() in _MONTHS:
        return _make(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)), shown)
    raise DateError(f"'{shown}' is not a date speakeasy can read. Write it like 14/03/2026 or 2026-03-14",
                    unreadable=True)


def read_date(label: str, value: str) -> _dt.date:
    """The date in the box, option or cell called ``label`` (``--agreed``, ``'Agreed on'``, ``'agreed'``).

    Raises :class:`DateError` with a whole sentence that names ``label`` (no full stop at the end)."""
    value = value.strip()
    try:
        return parse_date(value)
    except DateError as exc:
        if exc.unreadable:
            raise DateError(f"{label} should be a date like 2026-03-14, not '{value}'. Write the year, then "
                            "the month, then the day, with '-' between them", unreadable=True) from None
        raise DateError(f"the {label} date {exc}") from None
