"""Files a repository's settings may make speakeasy read: only its own.

Someone may run speakeasy in a repository they did not write (a pull request
in CI, a project they have just cloned).  Its ``.speakeasy.yaml`` must not
make speakeasy read, and print in an error, any file on the machine (an SSH
key, ``/etc/shadow``, a ``.env`` file elsewhere).  So:

* every path a configuration file names (``wordlists``, ``packs``,
  ``profile``, a ``language_model`` given as a folder) must be inside the
  repository: the folder holding the configuration file, or the top of the git
  repository it is in.  Links are followed before the check, so a link inside
  the repository that points out of it is refused too.  The same goes for the
  wordlists a rule pack from the repository names by path.  Paths the user
  gives on the command line (``--wordlist``, ``--packs``, ``--profile``) are
  theirs to choose, and are not checked;
* a file that is meant to be a wordlist, a rule pack or a profile but is not
  one (it is not ``key: value`` lines, or has none of the keys such a file
  has) gets one error that names the file and quotes none of it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable

from .errors import UserDataError

YAML_SUFFIXES = (".yaml", ".yml")


def repository_roots(config_path: Path) -> tuple[Path, ...]:
    """The folders a configuration file may name files in: its own folder, and the top of its git repository."""
    folder = Path(os.path.realpath(config_path)).parent
    roots = [folder]
    for candidate in (folder, *folder.parents):
        if os.path.lexists(candidate / ".git"):
            roots.append(candidate)
            break
    return tuple(dict.fromkeys(roots))


def inside(path: str | os.PathLike[str], roots: Iterable[Path]) -> bool:
    """Whether ``path``, with every link followed, is in one of ``roots`` (or is one)."""
    real = Path(os.path.realpath(path))
    for root in roots:
        root = Path(os.path.realpath(root))
        if real == root or root in real.parents:
            return True
    return False


def looks_like_path(value: str) -> bool:
    """Whether a setting's value names a file or folder (rather than a shipped pack, profile or model)."""
    return (value.endswith(YAML_SUFFIXES) or "/" in value or os.sep in value or value.startswith((".", "~"))
            or (os.altsep is not None and os.altsep in value))


def outside_message(key: str, value: str, roots: tuple[Path, ...], flag: str | None,
                    link: bool = False) -> tuple[str, str]:
    """(what is wrong, what to do) for a path in the settings that leads out of the repository.

    ``link``: the path is in the repository, but is a link to something outside it.
    """
    where = roots[-1]
    if link:
        problem = f"`{key}` names '{value}', which is a link to a file outside this repository ({where})."
    else:
        problem = f"`{key}` names '{value}', which is outside this repository ({where})."
    hint = "speakeasy reads files outside the repository only when you name them on the command line"
    hint += f", like `{flag} {value}`." if flag else "."
    return problem, hint


def refuse_foreign(shown: str, node: Any, keys: Iterable[str], what: str, hint: str) -> None:
    """Raise one error, quoting nothing of the file, when a file meant to be ``what`` is not one.

    It is not one when it is not ``key: value`` lines, or when none of its keys is one such a file has.  The
    file may be anything (a password file, a key), so the error names the file and says what is wrong, and
    shows none of its lines or its keys.
    """
    import yaml

    from .schema import DataErrors

    if node is None:
        return
    if isinstance(node, yaml.MappingNode):
        found = {k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
        if found & set(keys):
            return
        problem = f"This file is not {what}: it has none of the keys {what} has."
    else:
        shape = "a list" if isinstance(node, yaml.SequenceNode) else "text"
        problem = f"{what[0].upper()}{what[1:]} should be a set of `key: value` lines, but this is {shape}."
    raise DataErrors([UserDataError(shown, problem, hint=hint)])


def compose(text: str, shown: str, path: Path) -> Any:
    """:func:`speakeasy.schema.compose`, except that a file whose name does not end in .yaml or .yml and is
    not YAML gets one error that quotes none of it."""
    from .schema import DataErrors
    from .schema import compose as compose_yaml

    try:
        return compose_yaml(text, shown)
    except (UserDataError, DataErrors):
        if path.name.endswith(YAML_SUFFIXES):
            raise
    raise DataErrors([UserDataError(shown, "This file is not YAML, so speakeasy cannot read it.",
                                    hint="Check the name: wordlists, rule packs and profiles are .yaml files.")])
