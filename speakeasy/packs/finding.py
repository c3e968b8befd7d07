"""Where rule packs and wordlists are: the shipped folders, and a wordlist found by its name or path."""

from __future__ import annotations

import os
from pathlib import Path


def _data_dir(name: str) -> Path:
    """The folder of shipped packs or wordlists, installed or in a checkout.

    Installed, they are inside the package (``speakeasy/rules``); in a
    checkout (and an editable install) they are at the top of the repository,
    where forum members find them.
    """
    here = Path(__file__).resolve().parent.parent  # (speakeasy/, not speakeasy/packs/)
    for folder in (here / name, here.parent / name):
        if folder.is_dir():
            return folder
    from ..errors import ConfigError

    raise ConfigError(
        f"speakeasy could not find its {name} folder (looked in {here / name} and {here.parent / name}). "
        "Reinstall speakeasy."
    )


def builtin_rules_dir() -> Path:
    return _data_dir("rules")


def builtin_wordlists_dir() -> Path:
    return _data_dir("wordlists")


def builtin_pack_paths() -> list[Path]:
    return sorted(builtin_rules_dir().glob("*.yaml"))


def profile_paths() -> dict[str, Path]:
    folder = builtin_rules_dir() / "profiles"
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}


def resolve_wordlist(name: str, base: Path, search: list[Path]) -> Path | None:
    """Find a wordlist by name (``plain-english``) or path (``../our-words.yaml``)."""
    candidates = []
    p = Path(name)
    if p.suffix in (".yaml", ".yml") or os.sep in name or "/" in name:
        candidates.append(p if p.is_absolute() else base / p)
    else:
        for folder in search:
            candidates.append(folder / f"{name}.yaml")
            candidates.append(folder / f"{name}.yml")
    for c in candidates:
        if c.exists():  # a named pipe or a folder is found, then refused when read: it is not passed over
            return c
    return None


def wordlist_folders(pack: Path | None = None, plugin_dirs: list[Path] | None = None) -> list[Path]:
    """Where a wordlist given by its name (``plain-english``) is looked for, in this order.

    1. the ``wordlists`` folder next to the pack's ``rules`` folder (for a plugin's pack: its own lists),
    2. speakeasy's own wordlists,
    3. the wordlists of the enabled plugins (``plugin_dirs``, else those of
       :func:`speakeasy.plugins.active`), so a user's own pack can use them.

    speakeasy's own lists come before the plugins', so enabling a plugin never
    changes what a shipped list's name means.
    """
    from ..plugins import active

    out = [pack.resolve().parent.parent / "wordlists"] if pack is not None else []
    out.append(builtin_wordlists_dir())
    out.extend(active().wordlist_dirs if plugin_dirs is None else plugin_dirs)
    return list(dict.fromkeys(out))


def no_wordlist_hint(name: str) -> str:
    """What to do about a wordlist name that was not found: enable the plugin that has it, or check the name."""
    from ..plugins import wordlist_owners

    owners = wordlist_owners(name)
    if owners:
        return (f"The plugin '{owners[0]}' has a wordlist called '{name}', but your settings do not use "
                f"that plugin. Add '{owners[0]}' to `plugins:` in your settings.")
    return "Check the name. It is the file name in the wordlists folder, without '.yaml'."
