"""Writing a file atomically: the whole new text, or the file as it was.

A temporary file in the same folder gets the data, is flushed to disk and
given the original's permission bits, then moved over the target in one
step (:func:`os.replace`). A crash or a full disk leaves the old file, never
half a new one.
"""

from __future__ import annotations

import os
import stat
import tempfile

__all__ = ["umask", "write_atomically"]


def umask() -> int:
    """The process's umask (reading it means setting it, so it is set back at once)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(target: str, data: bytes, like: str | None = None) -> None:
    """Write ``data`` to ``target`` through a temporary file in the same folder.

    The original's permission bits are kept; a new file gets the usual ones
    (0666 less the umask), not the private ones of a temporary file.  To
    replace a person's document, use :func:`speakeasy.backups.write_in_place`,
    which keeps the old text first.
    """
    folder = os.path.dirname(os.path.abspath(target)) or "."
    model = like or target
    if os.path.exists(model):
        mode = stat.S_IMODE(os.stat(model).st_mode)
    else:
        mode = 0o666 & ~umask()
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".speakeasy-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
