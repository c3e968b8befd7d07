"""What every writer shares: the result of fixing a file, choosing the safe edits, and writing the fixed file.

:mod:`speakeasy.fix` chooses a writer for the file's format; the writers
(:mod:`speakeasy.writers.docx` for Word and OpenDocument, and the text
writer in :mod:`speakeasy.fix`) use these.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import InputError, write_reason
from ..io.atomic import write_atomically
from ..model import Edit, Finding

if TYPE_CHECKING:  # pragma: no cover
    from ..backups import Kept

__all__ = ["FixResult", "apply_text_edits", "safe_edits", "write_fixed"]


@dataclass
class FixResult:
    path: str
    output: str
    applied: list[Finding] = field(default_factory=list)
    #: findings with a plain alternative that were not applied (not safe, or overlapping)
    held_back: list[Finding] = field(default_factory=list)
    #: the file as it was read, and as it is after the fixes (None when nothing changed)
    original: bytes = b""
    data: bytes | None = None
    #: whether ``output`` was written
    written: bool = False
    #: in place: where the old text is (git, or a backup copy); None when nothing was kept
    kept: "Kept | None" = None

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def safe_edits(findings: list[Finding]) -> tuple[list[tuple[Edit, Finding]], list[Finding]]:
    """The safe edits to apply (no two overlapping), and the findings held back."""
    chosen: list[tuple[Edit, Finding]] = []
    held: list[Finding] = []
    last_end = -1
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if f.edit is None:
            if f.suggestions:
                held.append(f)  # several alternatives: a person chooses
            continue
        if not f.edit.safe:
            held.append(f)
            continue
        if f.edit.start < last_end:
            held.append(f)  # overlaps an edit already chosen
            continue
        chosen.append((f.edit, f))
        last_end = f.edit.end
    return chosen, held


def apply_text_edits(source: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits, last first, so earlier offsets stay true."""
    out = source
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        out = out[: e.start] + e.replacement + out[e.end :]
    return out


def write_fixed(result: FixResult, data: bytes, backup: bool) -> None:
    """Write a fixed file: in place (the old text kept first, unless ``backup`` is off), or a new copy.

    A write that fails (a read-only folder, a full disk, ``ulimit -f``, a file
    locked against changes) raises :class:`InputError` with one line, and
    leaves every file as it was: the new text goes to a temporary file that
    is removed, and the file is replaced only once that is complete.
    """
    in_place = os.path.abspath(result.output) == os.path.abspath(result.path)
    try:
        if in_place:
            from ..backups import write_in_place

            result.kept = write_in_place(result.path, data, backup=backup)
        else:
            write_atomically(result.output, data, like=result.path)
    except OSError as exc:
        if in_place:
            message = f"speakeasy could not write the fixed text ({write_reason(exc)}), so the file is as it was."
        else:
            message = (f"speakeasy could not write the fixed text to {result.output} ({write_reason(exc)}). "
                       f"{result.path} is as it was.")
        raise InputError(result.path, message, "write-error") from None
    result.written = True
