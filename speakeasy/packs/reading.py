"""Reading a pack's or a wordlist's file safely: regular files only, a size limit, UTF-8, plain errors."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from ..errors import InputError, UserDataError
from ..schema import DataErrors


#: The biggest YAML file speakeasy reads (a wordlist, a rule pack or settings), in MB, unless
#: ``SPEAKEASY_MAX_YAML_MB`` says.  12 MB is a wordlist of about 100,000 words: its first use takes
#: about 1 GB of memory, so a bigger file, or one made to harm, could take more than the machine has.
MAX_YAML_MB = 12
_MB = 1024 * 1024


def max_yaml_bytes(path: Path) -> int:
    """The size limit for YAML files, from ``SPEAKEASY_MAX_YAML_MB`` (a positive number) or :data:`MAX_YAML_MB`."""
    raw = (os.environ.get("SPEAKEASY_MAX_YAML_MB") or "").strip()
    if not raw:
        return MAX_YAML_MB * _MB
    try:
        number = float(raw.replace(",", "").replace("_", ""))
    except ValueError:
        number = float("nan")
    if not number > 0 or number == float("inf"):
        raise UserDataError(str(path), f"The environment variable SPEAKEASY_MAX_YAML_MB is '{raw[:40]}', but it "
                            "must be a number of megabytes, like 24.")
    return int(number * _MB)


def check_yaml_size(path: Path, size: int) -> None:
    """A :class:`UserDataError` for a YAML file over the size limit (see :data:`MAX_YAML_MB`)."""
    limit = max_yaml_bytes(path)
    if size > limit:
        raise UserDataError(
            str(path),
            f"This file is {size / _MB:,.1f} MB, over the limit of {limit / _MB:,.0f} MB for a wordlist, "
            "rule pack or settings file, so speakeasy did not read it.",
            hint="Split it into smaller files, or set the environment variable SPEAKEASY_MAX_YAML_MB "
                 "to raise the limit.",
        )


def not_read(exc: InputError) -> UserDataError:
    """The :class:`UserDataError` for a wordlist, pack or settings file that could not be read.

    ``exc`` is what :mod:`speakeasy.paths` says about it, in the same words as for a document.
    """
    reason = exc.reason[0].upper() + exc.reason[1:] if exc.reason.startswith("this") else exc.reason
    hint = "Check the name and the folder." if exc.code == "not-found" else None
    return UserDataError(exc.path, reason, hint=hint)


def read_yaml_text(path: Path, what: str | None = None) -> str:
    """The text of a wordlist, rule pack, profile or settings file; :class:`UserDataError` if it cannot be read.

    ``what`` names the kind of file in the messages ("wordlist": "This wordlist is not a regular file ...").
    Only a regular file is read (see :func:`speakeasy.paths.open_regular`): a named pipe would make
    speakeasy wait for ever, and a device like /dev/zero never ends.
    """
    from ..paths import open_regular

    try:
        with open_regular(path, str(path), what) as fh:
            check_yaml_size(path, os.fstat(fh.fileno()).st_size)
            data = fh.read(max_yaml_bytes(path) + 1)
        check_yaml_size(path, len(data))  # (a file that grew, or one stat cannot size)
    except InputError as exc:
        raise not_read(exc) from None
    except OSError as exc:
        raise UserDataError(str(path), f"speakeasy could not read this {what or 'file'} ({exc.strerror}).") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UserDataError(
            str(path),
            "This file is not saved as UTF-8 text.",
            line,
            hint="Save it again as UTF-8 (in most editors: Save As, then choose UTF-8).",
        ) from None


def display(path: Path) -> str:
    """A path as people see it: relative to the current folder when inside it."""
    from ..paths import display_path

    return display_path(path)


def read_node(path: Path, text: str | None = None, expect: tuple[str, ...] = (),
               what: str = "") -> tuple[str, str, yaml.Node | None]:
    """(shown path, text, YAML node tree) of a pack or wordlist; DataErrors if unreadable.

    ``expect``: the keys of what the file should be (``what``, like "a wordlist").  A file that is not
    one, or is not YAML, gets one error that quotes none of it (see :mod:`speakeasy.confine`).
    """
    from ..confine import compose as compose_file
    from ..confine import refuse_foreign

    shown = display(path)
    try:
        if text is None:
            text = read_yaml_text(path, what.removeprefix("a ") or None)
        node = compose_file(text, shown, path)
    except UserDataError as exc:
        raise DataErrors([exc]) from None
    if expect:
        copy = "wordlist. It begins with `title:`." if what == "a wordlist" else "rule pack. It begins with `id:`."
        refuse_foreign(shown, node, expect, what, f"Start from a copy of a shipped {copy}")
    return shown, text, node
