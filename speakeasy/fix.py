"""Applying safe fixes: the plain alternative replaces the flagged words.

Only *safe* edits are applied without asking: a wordlist entry with exactly
one plain alternative and no ``unless`` words.  Edits never overlap and
never touch text outside a finding.  For text formats the file is fixed
in source space (last edit first), linted again, and fixed again until
nothing changes (at most :data:`RUNAWAY_LIMIT` rounds), then written
atomically: a temporary file in the same folder, with the original's
permissions, encoding marks and line endings, moved into place.

Each reader says how its files are fixed (:func:`speakeasy.readers.capabilities`).
Word and OpenDocument files are fixed by :mod:`speakeasy.writers.docx`, which
edits the runs themselves so formatting is kept.

``--in-place`` writes through :func:`speakeasy.backups.write_in_place`:
the old text is kept first (git's last commit when it holds that text,
otherwise a ``NAME.bak`` copy next to the file, never over another file),
and a symbolic link is refused, never written through.

A file with nothing to change is never written: no ``NAME.fixed.EXT`` copy,
no backup.  ``write=False`` (``speakeasy fix --diff``) works out every change
and writes nothing; :func:`render_diff` shows the changes (a unified diff for
text files, the paragraphs before and after for Word and OpenDocument).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError
from .io.atomic import umask, write_atomically
from .writers.common import FixResult, apply_text_edits, safe_edits, write_fixed

if TYPE_CHECKING:  # pragma: no cover
    from .ruleset import RuleSet

__all__ = ["FixResult", "RUNAWAY_LIMIT", "apply_text_edits", "fix_file", "fix_text_file", "output_path",
           "render_diff", "safe_edits", "umask", "unified_diff", "write_atomically", "write_fixed"]

RUNAWAY_LIMIT = 10


def output_path(path: str, in_place: bool, output: str | None) -> str:
    if output:
        return output
    if in_place:
        return path
    p = Path(path)
    return str(p.with_name(p.stem + ".fixed" + p.suffix))


def fix_text_file(path: str, ruleset: "RuleSet", target: str, backup: bool = False, write: bool = True) -> FixResult:
    """Fix a Markdown or text file; write the result to ``target`` (which may be ``path``).

    Nothing is written when nothing changes, or when ``write`` is false.
    ``backup``: when ``target`` is ``path``, keep the old text first (see :mod:`speakeasy.backups`).
    """
    from .engine import lint_document
    from .readers import read_bytes, read_file

    raw = read_file(path)  # a regular file only (a named pipe would wait for ever); InputError otherwise
    bom = raw.startswith(b"\xef\xbb\xbf")
    doc = read_bytes(path, raw)
    result = FixResult(path, target, original=raw)
    source = first = doc.source
    for _ in range(RUNAWAY_LIMIT):
        findings = lint_document(doc, ruleset).findings
        chosen, held = safe_edits(findings)
        if not result.held_back:
            result.held_back = held
        if not chosen:
            break
        source = apply_text_edits(source, [e for e, _ in chosen])
        result.applied.extend(f for _, f in chosen)
        doc = read_bytes(path, source.encode("utf-8"), doc.format)
    if source == first:
        result.applied = []  # the fixes came back to the words the file has: nothing changed
    if result.applied:
        data = source.encode("utf-8")
        if bom:
            data = b"\xef\xbb\xbf" + data
        result.data = data
        if write:
            write_fixed(result, data, backup)
    return result


def fix_file(path: str, ruleset: "RuleSet", in_place: bool = False, output: str | None = None,
             as_suggestions: bool = False, backup: bool = True, write: bool = True) -> FixResult:
    """Apply the safe fixes to one file (``write=False``: work them out, write nothing).

    How is the reader's to say (:func:`speakeasy.readers.capabilities`): in the
    text, in a Word or OpenDocument package's runs, or not at all.
    """
    from .readers import FIX_RUNS, FIX_TEXT, capabilities, regular_file

    caps = capabilities(path=path)
    if caps is None:
        raise InputError(path, "speakeasy cannot fix this kind of file.", "unsupported")
    regular_file(path)  # not a named pipe, a link to nothing or a loop of links: one line each
    target = output_path(path, in_place, output)
    if caps.fix == FIX_RUNS:
        from .writers.docx import fix_docx

        return fix_docx(path, ruleset, target, as_suggestions=as_suggestions, backup=backup, write=write)
    if caps.fix is None and caps.cannot_fix:  # the reader's own reason (a PDF) comes before any other
        raise InputError(path, caps.cannot_fix, "unsupported")
    if as_suggestions and not caps.tracked_changes:
        raise InputError(path, "--as-suggestions works with Word files (.docx) only.", "unsupported")
    if caps.fix != FIX_TEXT:
        raise InputError(path, caps.why_not_fixed, "unsupported")
    return fix_text_file(path, ruleset, target, backup=backup, write=write)


def render_diff(result: FixResult) -> str:
    """What the fixes change, for a person to read before anything is written ('' when nothing changes).

    Markdown and text: a unified diff (``patch -p0`` applies it).  Word and
    OpenDocument files have no lines to diff, so each changed paragraph is
    shown before and after, with where it is in words.
    """
    if result.data is None:
        return ""
    from .readers import FIX_RUNS, capabilities

    caps = capabilities(path=result.path)
    if caps is not None and caps.fix == FIX_RUNS:  # the fixed file is a package, not lines of text
        return _paragraph_diff(result)
    return unified_diff(result.path, result.original, result.data)


def unified_diff(path: str, before: bytes, after: bytes) -> str:
    import difflib

    from .readers import decode

    old = decode(path, before).splitlines(keepends=True)
    new = decode(path, after).splitlines(keepends=True)
    out = []
    for line in difflib.unified_diff(old, new, fromfile=path, tofile=path):
        if not line.endswith(("\n", "\r")):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)


def _paragraph_diff(result: FixResult) -> str:
    import difflib

    from .readers import read_bytes

    before = read_bytes(result.path, result.original)
    after = read_bytes(result.path, result.data or b"")
    where: dict[int, str] = {}
    for f in result.applied:
        block = before.block_at(f.start)
        if block is not None and f.location:
            where.setdefault(id(block), f.location)

    def text(block) -> str:  # type: ignore[no-untyped-def]
        return " ".join(block.text.split())

    old = [text(b) for b in before.blocks]
    new = [text(b) for b in after.blocks]
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            i, j = i1 + k, j1 + k
            block = before.blocks[i] if i < i2 else None
            place = where.get(id(block)) if block is not None else None
            if place is None:
                place = f"paragraph {i + 1 if block is not None else j + 1} of the text"
            out.append(f"{result.path}, {place}:\n")
            if i < i2:
                out.append(f"  before: {old[i]}\n")
            if j < j2:
                out.append(f"  after:  {new[j]}\n")
            out.append("\n")
    return "".join(out)
