"""What a folder walk leaves out, as git and ripgrep do: ``.gitignore``, ``.ignore`` and build folders.

``speakeasy check .`` should check the documents a person wrote, not the
copies a build made (``build/``, ``dist/``, ``*.egg-info``), an environment
(``.venv``, ``venv``, ``node_modules``) or a cache.  So, like ripgrep:

* inside a git repository, every ``.gitignore`` from the repository's top
  down to the folder, and ``.git/info/exclude``, are followed;
* a ``.ignore`` file is followed anywhere (in the folder checked and the
  folders above it), and wins over ``.gitignore`` in the same folder;
* a deeper file wins over one above it, and the last pattern that matches
  wins, so ``!keep.md`` brings a file back (git's rules, read by the
  ``pathspec`` library);
* the folders in :data:`BUILD_FOLDERS`, ``*.egg-info`` and any folder with a
  ``pyvenv.cfg`` (a Python virtual environment) are left out even with no
  ignore file.

Why ``pathspec`` and not ``git check-ignore``: it needs no git (a folder
unzipped from a download still has its ``.ignore``), starts no process, and
reads ``.ignore`` files, which git does not know.  It is imported only when an
ignore file is found, as it costs tens of milliseconds to import.

The runner asks only about what it finds inside a folder it walks: a file
or folder named on the command line is always checked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

__all__ = ["BUILD_FOLDERS", "IGNORE_FILES", "Ignores", "is_build_folder"]

#: Folders that hold what a tool made, never a person's documents (hidden ones, like .git, .venv and .tox,
#: are left out anyway).
BUILD_FOLDERS = frozenset({
    "__pycache__", "_build", "build", "dist", "env", "htmlcov", "node_modules", "site-packages", "venv",
})
#: The ignore files read in each folder, weakest first.
IGNORE_FILES = (".gitignore", ".ignore")


def is_build_folder(path: str, name: str) -> bool:
    """Whether the folder ``path`` (called ``name``) is one a build or an environment made."""
    if name in BUILD_FOLDERS or name.endswith(".egg-info"):
        # 'env' and 'build' are common words: an 'env' folder is left out only when it is an environment
        return name != "env" or os.path.isfile(os.path.join(path, "pyvenv.cfg"))
    return os.path.isfile(os.path.join(path, "pyvenv.cfg"))


@dataclass(frozen=True)
class _Layer:
    base: str  # the folder the patterns are relative to (absolute)
    lines: tuple[str, ...]
    spec: Any  # a pathspec.GitIgnoreSpec

    def sparing(self, folder: str) -> "_Layer | None":
        """This layer without the patterns that leave out ``folder`` (named on the command line) or a folder above it."""
        if not _inside(folder, self.base) or folder == self.base:
            return self
        rel = os.path.relpath(folder, self.base).replace(os.sep, "/").split("/")
        folders = ["/".join(rel[:i]) + "/" for i in range(1, len(rel) + 1)]
        if not any(self.spec.check_file(f).include for f in folders):
            return self

        def leaves_out(line: str) -> bool:
            one = _spec([line])
            return one is not None and any(one.check_file(f).include for f in folders)

        kept = tuple(line for line in self.lines if not leaves_out(line))
        spec = _spec(list(kept))
        return _Layer(self.base, kept, spec) if spec is not None else None


def _read_lines(path: str) -> list[str]:
    try:
        with open(path, "rb") as f:
            data = f.read(1 << 20)  # an ignore file bigger than 1 MB is not a person's
    except OSError:
        return []
    return data.decode("utf-8", errors="replace").splitlines()


def _spec(lines: list[str]) -> Any:
    if not any(line.strip() and not line.lstrip().startswith("#") for line in lines):
        return None
    import pathspec  # tens of milliseconds: only when there is something to match

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _git_top(folder: str) -> str | None:
    """The top of the git repository ``folder`` is in, or None."""
    here = folder
    while True:
        if os.path.exists(os.path.join(here, ".git")):
            return here
        up = os.path.dirname(here)
        if up == here:
            return None
        here = up


class Ignores:
    """The ignore patterns in force in one folder of a walk.  Immutable: :meth:`enter` gives the next folder's."""

    def __init__(self, layers: tuple[_Layer, ...], git_top: str | None) -> None:
        self._layers = layers
        self._git_top = git_top

    @classmethod
    def above(cls, folder: str) -> "Ignores":
        """The patterns that reach ``folder`` from the folders above it (not its own files: see :meth:`enter`)."""
        folder = os.path.abspath(folder)
        top = _git_top(folder)
        layers: list[_Layer] = []
        if top is not None:
            lines = _read_lines(os.path.join(top, ".git", "info", "exclude"))
            spec = _spec(lines)
            if spec is not None:
                layers.append(_Layer(top, tuple(lines), spec))
        chain = []
        below, here = folder, os.path.dirname(folder)
        while here != below:  # up to the root, as ripgrep reads .ignore files
            chain.append(here)
            below, here = here, os.path.dirname(here)
        ignores = cls(tuple(layers), top)
        for above in reversed(chain):
            ignores = ignores._with_files_of(above, only_ignore=top is None or not _inside(above, top))
        # the folder was named on the command line: what would leave it out does not count inside it
        spared = (layer.sparing(folder) for layer in ignores._layers)
        return cls(tuple(layer for layer in spared if layer is not None), top)

    def enter(self, folder: str, names: list[str] | set[str] | None = None) -> "Ignores":
        """The patterns in force inside ``folder``: these, and its own ignore files.

        ``names``: what is in the folder (files and folders), if known (from ``os.walk``), to save looking
        for each file.  A folder with its own ``.git`` is the top of a repository (one inside the folder
        checked, or a submodule): its ``.gitignore`` files count from there on.
        """
        if names is not None and not any(n in names for n in (*IGNORE_FILES, ".git")):
            return self
        folder = os.path.abspath(folder)
        ignores = self
        if (".git" in names) if names is not None else os.path.exists(os.path.join(folder, ".git")):
            ignores = Ignores(self._layers, folder)
        top = ignores._git_top
        return ignores._with_files_of(folder, only_ignore=top is None or not _inside(folder, top))

    def _with_files_of(self, folder: str, only_ignore: bool) -> "Ignores":
        lines: list[str] = []
        for name in IGNORE_FILES:
            if name == ".gitignore" and only_ignore:
                continue  # outside a git repository, a .gitignore means nothing (as in ripgrep)
            lines += _read_lines(os.path.join(folder, name))
        spec = _spec(lines)
        if spec is None:
            return self
        return Ignores((*self._layers, _Layer(folder, tuple(lines), spec)), self._git_top)

    def ignored(self, path: str, is_dir: bool) -> bool:
        """Whether ``path`` (a file, or a folder with ``is_dir``) is left out by the patterns in force."""
        if not self._layers:
            return False
        full = os.path.abspath(path)
        for layer in reversed(self._layers):  # the deepest file that says something wins
            rel = os.path.relpath(full, layer.base)
            if rel.startswith(".."):
                continue
            rel = rel.replace(os.sep, "/") + ("/" if is_dir else "")
            include = layer.spec.check_file(rel).include
            if include is not None:
                return bool(include)
        return False


def _inside(folder: str, top: str) -> bool:
    return folder == top or folder.startswith(top.rstrip(os.sep) + os.sep)
