"""Keeping the old text when speakeasy changes a document in place.

``speakeasy fix --in-place`` and saving in ``speakeasy review`` replace a
person's file.  Before that, :func:`write_in_place` makes sure the text being
replaced can be got back:

* When git already holds exactly that text (the file is in the last commit,
  ``HEAD``, byte for byte), git is the backup: nothing more is written, and
  the message says how to see or undo the change with git.
* Otherwise (changes not yet committed, a file git does not track, no git
  repository, git not installed, or git did not answer in time), the old
  text is copied next to the file first, as ``NAME.bak``.  An existing
  backup is never overwritten: when ``NAME.bak`` holds other text, the copy
  is ``NAME.2.bak``, ``NAME.3.bak`` and so on.  If the copy cannot be made,
  the file is not changed.

Why a backup rather than refusing to save when there are uncommitted
changes: refusing would leave a person who has just reviewed a document with
nowhere to keep their choices, and a backup keeps both texts.

speakeasy never writes through a symbolic link: a link is refused with a
one-line reason (replacing it would also break the link without saying so).
The new text is written atomically by :func:`speakeasy.io.atomic.write_atomically`.

git is run without a shell, with a time limit, in the file's own folder, and
only to read (``git rev-parse``, which takes no lock).  speakeasy compares the
bytes it is about to replace with the file's blob in ``HEAD`` itself, so
index flags such as ``assume-unchanged`` cannot make a changed file look
committed.
"""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, write_reason

#: seconds to wait for git before making a backup copy anyway
GIT_TIMEOUT = 10.0
#: how many numbered backups of one file speakeasy tries before giving up
MAX_BACKUPS = 1000
#: git's variables that point it somewhere other than the file's own repository
_GIT_PLACE_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY",
                        "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_PREFIX")


@dataclass(frozen=True)
class Kept:
    """Where the text a write replaced can be found again."""

    #: "git" (the last commit holds it), "copy" (a backup file), "new" (there was no file)
    how: str
    #: the backup file, for "copy"
    backup: str | None = None
    #: the backup file was made by this write (so it is removed again if the write fails)
    fresh: bool = field(default=False, compare=False)

    def message(self, path: str) -> str:
        """One line for a person: where the old text is."""
        if self.how == "git":
            return (f"The old text of {path} is in git's last commit: `git diff {path}` shows the change, "
                    f"`git restore {path}` undoes it.")
        if self.how == "copy":
            return f"The old text of {path} is kept in {self.backup}."
        return f"{path} is a new file."


def blob_id(data: bytes, length: int) -> str:
    """git's id for a file holding ``data`` (SHA-1, or SHA-256 in repositories that use it)."""
    header = b"blob %d\0" % len(data)
    algorithm = hashlib.sha256 if length == 64 else hashlib.sha1
    return algorithm(header + data).hexdigest()


def committed_id(path: str) -> str | None:
    """The id of ``path``'s blob in ``HEAD`` of its own git repository, or None.

    None when git is not installed, the folder is not in a repository, the
    file is not in the last commit, git fails or takes longer than
    :data:`GIT_TIMEOUT` seconds.
    """
    folder = os.path.dirname(os.path.abspath(path))
    name = os.path.basename(path)
    env = {k: v for k, v in os.environ.items() if k not in _GIT_PLACE_VARIABLES}
    env.update({"GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"})
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", f"HEAD:./{name}"],
            cwd=folder, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):  # no git, no such folder, too slow
        return None
    answer = done.stdout.decode("ascii", "replace").strip()
    if done.returncode != 0 or len(answer) not in (40, 64) or any(c not in "0123456789abcdef" for c in answer):
        return None
    return answer


def in_last_commit(path: str, data: bytes) -> bool:
    """Does git's last commit hold exactly ``data`` for ``path``?"""
    committed = committed_id(path)
    return committed is not None and blob_id(data, len(committed)) == committed


def refuse_links(path: str) -> None:
    """A symbolic link is never written through, nor silently replaced by a file."""
    if os.path.islink(path):
        raise InputError(path, "this is a symbolic link, and speakeasy does not change files through links. "
                         f"Run it on the file the link points to ({os.path.realpath(path)}).", "symlink")


def _backup_names(path: str):  # type: ignore[no-untyped-def]
    p = Path(path)
    yield str(p.with_name(p.name + ".bak"))
    for n in range(2, MAX_BACKUPS + 1):
        yield str(p.with_name(f"{p.name}.{n}.bak"))


def _read_no_follow(path: str) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as fh:
        return fh.read()


def keep_copy(path: str, data: bytes, st: os.stat_result) -> str:
    """Copy ``data`` (the text of ``path``) next to it, never over another file; returns the copy's path.

    The copy is created new (never through a link, never over an existing
    file) with the original's permissions and times.  A backup that already
    holds exactly ``data`` is used as it is.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    mode = stat.S_IMODE(st.st_mode)
    for name in _backup_names(path):
        try:
            fd = os.open(name, flags, 0o600)
        except FileExistsError:
            try:
                if not os.path.islink(name) and os.path.isfile(name) and _read_no_follow(name) == data:
                    return name  # this text is kept already
            except OSError:
                pass
            continue
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(name, mode)
            os.utime(name, ns=(st.st_atime_ns, st.st_mtime_ns))
        except BaseException:
            try:
                os.unlink(name)
            except OSError:
                pass
            raise
        return name
    p = Path(path)
    raise InputError(path, f"the names for a backup copy ({p.name}.bak to {p.name}.{MAX_BACKUPS}.bak) are all "
                     "taken, so speakeasy did not change the file. Remove the old .bak files you do not need.",
                     "backup")


def _existing_backups(path: str):  # type: ignore[no-untyped-def]
    """The backup names of ``path`` that are taken now (to tell a new copy from an old one)."""
    p = Path(path)
    try:
        names = set(os.listdir(p.parent if str(p.parent) else "."))
    except OSError:
        return
    for name in _backup_names(path):
        if Path(name).name in names:
            yield name


def keep_old_text(path: str) -> Kept:
    """Make sure the text now in ``path`` can be got back before it is replaced (see the module docstring)."""
    refuse_links(path)
    try:
        st = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return Kept("new")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(path, "this is not an ordinary file, so speakeasy did not change it.", "unsupported")
    data = _read_no_follow(path)
    if in_last_commit(path, data):
        return Kept("git")
    try:
        before = set(_existing_backups(path))
        name = keep_copy(path, data, st)
        return Kept("copy", name, fresh=name not in before)
    except OSError as exc:
        raise InputError(path, f"speakeasy could not keep a backup copy ({write_reason(exc)}), so it did not "
                         "change the file.", "backup") from None


def write_in_place(path: str, data: bytes, backup: bool = True) -> Kept | None:
    """Replace the document ``path`` by ``data``, atomically, after keeping its old text (unless ``backup`` is off).

    Returns where the old text is (None with ``backup=False``).  Symbolic
    links are refused either way.
    """
    from .io.atomic import write_atomically

    refuse_links(path)
    kept = keep_old_text(path) if backup else None
    try:
        write_atomically(path, data, like=path)
    except BaseException:
        # the file is as it was, so the copy made just now is not needed: do not leave it about
        if kept is not None and kept.fresh and kept.backup:
            try:
                os.unlink(kept.backup)
            except OSError:
                pass
        raise
    return kept
