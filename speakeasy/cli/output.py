"""Where ``speakeasy check`` writes its report.

* :class:`AtomicOutput` (``--output FILE``): a temporary file next to FILE,
  renamed over it at the end, so the report appears whole or not at all.
* :class:`HeldOutput`: output for programs (JSON, SARIF...) on standard
  output, held back until the run is complete, so a run that stops half way
  never leaves half a document for another program to read.
"""

from __future__ import annotations

import io
import os
from typing import Any

from ..errors import SpeakeasyError

__all__ = ["HELD_IN_MEMORY", "AtomicOutput", "HeldOutput"]


def _cannot_write(target: str, exc: OSError) -> SpeakeasyError:
    from ..errors import write_reason

    return SpeakeasyError(f"{target}: cannot write the report ({write_reason(exc)}). "
                          "speakeasy wrote no report, and left any older one as it was.")


class _GuardedText(io.TextIOWrapper):
    """A text file whose write errors (a full disk) are a one-line :class:`SpeakeasyError` naming ``target``."""

    target = ""

    def write(self, text: str) -> int:
        try:
            return super().write(text)
        except OSError as exc:
            raise _cannot_write(self.target, exc) from None

    def flush(self) -> None:
        try:
            super().flush()
        except OSError as exc:
            raise _cannot_write(self.target, exc) from None


class AtomicOutput:
    """A report file written to a temporary file next to it, then renamed over it.

    The file appears whole or not at all: when anything fails (a full disk,
    ``ulimit -f``, an error in the run), the temporary file is removed and
    the target is left as it was.
    """

    def __init__(self, target: str) -> None:
        import tempfile

        self.target = target
        folder = os.path.dirname(os.path.abspath(target))
        if os.path.isdir(target):
            raise SpeakeasyError(f"{target}: is a folder; give a file name for --output.")
        try:
            fd, self.tmp = tempfile.mkstemp(dir=folder, prefix=".speakeasy-", suffix=".tmp")
        except OSError as exc:
            raise SpeakeasyError(f"{target}: cannot write the report here ({exc.strerror or exc}).") from None
        self.stream = _GuardedText(io.BufferedWriter(io.FileIO(fd, "w")), encoding="utf-8", newline="\n")
        self.stream.target = target
        self.done = False

    def commit(self) -> None:
        from ..io.atomic import umask

        try:
            self.stream.flush()
            os.fsync(self.stream.fileno())
            self.stream.close()
            os.chmod(self.tmp, 0o666 & ~umask())
            os.replace(self.tmp, self.target)
        except OSError as exc:
            raise _cannot_write(self.target, exc) from None
        self.done = True

    def discard(self) -> None:
        if self.done:
            return
        try:
            self.stream.close()
        except (OSError, SpeakeasyError):
            pass  # the data that would not fit is thrown away with the file
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


class HeldOutput:
    """Machine-readable output kept until the run is complete, then written to standard output at once.

    Up to :data:`HELD_IN_MEMORY` characters stay in memory; more go to an
    unnamed temporary file, which the system removes however speakeasy ends.
    """

    def __init__(self) -> None:
        import tempfile

        self._buffer = tempfile.SpooledTemporaryFile(max_size=HELD_IN_MEMORY, mode="w+", encoding="utf-8",
                                                     newline="\n")

    def write(self, text: str) -> int:
        try:
            return self._buffer.write(text)
        except OSError as exc:
            from ..errors import write_reason

            raise SpeakeasyError(f"could not keep the output while the run went on ({write_reason(exc)}), so "
                                 "none was written.") from None

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def release(self, out: Any) -> None:
        import shutil

        self._buffer.seek(0)
        shutil.copyfileobj(self._buffer, out)
        out.flush()

    def close(self) -> None:
        try:
            self._buffer.close()
        except OSError:
            pass


#: Characters of machine-readable output held in memory before the rest goes to a temporary file.
#: Kept small (issue 18): the report of one long file runs to tens of megabytes, and moving
#: what is held to the file copies it once more.
HELD_IN_MEMORY = 4 * 1024 * 1024
