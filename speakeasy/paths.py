"""How paths are shown to people, and reading a file only when it is a regular file.

This module is low in the layers: it imports only :mod:`speakeasy.errors`, so the
document readers and the loaders of wordlists, rule packs, settings, baselines
and spreadsheets can all use the one check.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from .errors import InputError


def display_path(path: str | os.PathLike[str]) -> str:
    """Relative to the current folder when the file is inside it, else absolute.

    "../../tmp/x.yaml" is hard to follow; "wordlists/ours.yaml" or
    "/srv/policies/x.yaml" are not.
    """
    p = Path(path)
    try:
        rel = os.path.relpath(p)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(p)
    if rel.startswith(".."):
        return str(p.resolve()) if not p.is_absolute() else str(p)
    return rel


# --------------------------------------------------------------------------
# Reading regular files only.
#
# Every file speakeasy reads (a document, a wordlist, a rule pack, a settings
# file, a baseline, a spreadsheet) is read through here.  A named pipe, a
# device or a socket put where a file should be can make a read wait for ever
# or never end (/dev/zero), so only a regular file is read.
# --------------------------------------------------------------------------

_SURROGATES = re.compile("[\ud800-\udfff]")


def _this(what: str | None) -> str:
    """"this" for a document, "this wordlist" for a file of another kind."""
    return "this" if what is None else f"this {what}"


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    if stat.S_ISFIFO(mode):
        return "a named pipe, a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file that holds text"


def _not_regular(shown: str, mode: int, what: str | None) -> InputError:
    if stat.S_ISDIR(mode):
        return InputError(shown, f"{_this(what)} is a folder, not a file.", "not-a-file")
    return InputError(shown, f"{_this(what)} is not a regular file (it is {kind_of(mode)}), so speakeasy did not "
                      "read it.", "not-a-file")


def _open_error(shown: str, path: str, exc: OSError, what: str | None) -> InputError:
    """A one-line reason for a file that could not be opened or read."""
    this = _this(what)
    if isinstance(exc, FileNotFoundError):
        if os.path.islink(path):
            try:
                target = os.readlink(path)
            except OSError:
                target = "a file"
            return InputError(shown, f"{this} is a link to {target}, which does not exist.", "not-found")
        return InputError(shown, f"this {what or 'file'} does not exist.", "not-found")
    if isinstance(exc, IsADirectoryError):
        return InputError(shown, f"{this} is a folder, not a file.", "not-a-file")
    if isinstance(exc, PermissionError):
        return InputError(shown, f"speakeasy is not allowed to open this {what or 'file'} (permission denied).",
                          "permission")
    if exc.errno == errno.ELOOP:
        return InputError(shown, f"{this} is a symbolic link that leads back to itself (a loop of links), so "
                          "speakeasy did not read it.", "link-loop")
    return InputError(shown, f"this {what or 'file'} could not be read ({exc.strerror or exc}).", "read-error")


def regular_file(path: str | os.PathLike[str], shown: str | None = None, what: str | None = None) -> os.stat_result:
    """Check that ``path`` is a regular file (links followed); raises :class:`InputError` if not.

    A named pipe, a device or a socket is never opened: reading one can wait
    for ever.  A link loop, a link to nothing and a file speakeasy may not
    open each get their own one-line reason.  ``what`` names the kind of file
    in the reason ("wordlist": "this wordlist is not a regular file ..."); a
    document (None) is "this".

    This only looks: use :func:`open_regular` or :func:`read_file` to read,
    which check the file again once it is open.
    """
    shown = str(path) if shown is None else shown
    if _SURROGATES.search(shown):
        # the name has bytes that are not UTF-8 (Python keeps them as lone surrogates): no report could show it
        raise InputError(_SURROGATES.sub("\ufffd", shown), f"this {what or 'file'}'s name is not UTF-8 text, so "
                         "speakeasy did not check it. Rename it with letters your system shows, and try again.",
                         "file-name")
    try:
        st = os.stat(path)
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        raise _open_error(shown, str(path), exc if isinstance(exc, OSError) else OSError(str(exc)), what) from None
    if not stat.S_ISREG(st.st_mode):
        raise _not_regular(shown, st.st_mode, what)
    return st


_O_READ = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0))


def open_regular(path: str | os.PathLike[str], shown: str | None = None, what: str | None = None) -> BinaryIO:
    """``path`` opened for reading in binary, if it is a regular file; :class:`InputError` if not.

    The path is looked at first (:func:`regular_file`), then opened without
    waiting (``O_NONBLOCK``) and the open file is checked again (``fstat``),
    so a named pipe put in its place meanwhile is refused, not waited on.
    The caller closes the file (use ``with``); ``os.fstat(fh.fileno())``
    gives its size.
    """
    shown = str(path) if shown is None else shown
    regular_file(path, shown, what)
    try:
        fd = os.open(path, _O_READ)
    except (OSError, ValueError) as exc:
        raise _open_error(shown, str(path), exc if isinstance(exc, OSError) else OSError(str(exc)), what) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise _not_regular(shown, mode, what)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except OSError as exc:
        os.close(fd)
        raise _open_error(shown, str(path), exc, what) from None
    except BaseException:
        os.close(fd)
        raise


def read_file(path: str | os.PathLike[str], shown: str | None = None, what: str | None = None) -> bytes:
    """The bytes of a regular file, or :class:`InputError` with a one-line reason (see :func:`open_regular`)."""
    shown = str(path) if shown is None else shown
    with open_regular(path, shown, what) as fh:
        try:
            return fh.read()
        except OSError as exc:
            raise _open_error(shown, str(path), exc, what) from None
