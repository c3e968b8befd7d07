"""The guides in ``docs/``, shipped in the package, for ``speakeasy help [TOPIC]``.

Someone who installed speakeasy with pip has no ``docs/`` folder, so the
guides travel inside the package, as the rule packs and wordlists do:
``pyproject.toml`` maps the repository's ``docs/`` to ``speakeasy.docs``
(the Markdown pages only).  Nothing is moved or copied: in a checkout they
are read from ``docs/`` itself, so there is one copy to keep up to date.

A topic is a page's name without ``.md`` (``plugins``); its title is the
page's first heading.  A page is shown as Markdown, which reads as plain
text, with its links to other pages turned into ``speakeasy help TOPIC``.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import UsageError

__all__ = ["docs_dir", "read_topic", "render", "title", "topics", "unknown_topic"]


def docs_dir() -> Path | None:
    """The folder of the guides: inside the package when installed, ``docs/`` in a checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "docs"
    if installed.is_dir():
        return installed
    checkout = here.parent / "docs"
    if checkout.is_dir() and (here.parent / "pyproject.toml").is_file():
        return checkout
    return None


def topics() -> dict[str, Path]:
    """Every topic, by name, in name order."""
    folder = docs_dir()
    if folder is None:
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.md")) if p.is_file()}


def title(path: Path) -> str:
    """The page's first heading, without its ``#``."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("# "):
                return line[2:].strip()
    return path.stem


def unknown_topic(name: str, names: list[str]) -> UsageError:
    from .hints import closest, did_you_mean

    hint = did_you_mean(closest(name, names)) or ""
    listed = ", ".join(names) if names else "none (speakeasy was installed without them; reinstall it)"
    return UsageError(f"there is no help topic called '{name}'. {hint + ' ' if hint else ''}"
                      f"The topics are: {listed}. For a command, use speakeasy COMMAND --help.")


def read_topic(name: str) -> str:
    """The page of one topic, ready to print.  Raises UsageError for an unknown topic."""
    found = topics()
    path = found.get(name.lower().removesuffix(".md"))
    if path is None:
        raise unknown_topic(name, list(found))
    return render(path.read_text(encoding="utf-8"))


#: code, left as it is: a fenced block or a `span`
_CODE = r"(?P<code>^(?P<fence>```|~~~).*?^(?P=fence)|`[^`\n]*`)"
#: ![alt](target): a picture
_PICTURE = r"!\[(?P<alt>[^\]\n]*)\]\([^)\s]+\)"
#: [words](target): a link
_LINK = r"\[(?P<words>[^\]\n]+)\]\((?P<target>[^)\s]+)\)"
_PARTS = re.compile(f"{_CODE}|{_PICTURE}|{_LINK}", re.S | re.M)


def _part(m: re.Match[str]) -> str:
    if m.group("code") is not None:
        return m.group(0)
    if m.group("words") is None:
        return f"(picture: {m.group('alt')})" if m.group("alt") else ""
    words, target = m.group("words"), m.group("target")
    if re.match(r"[a-z]+:", target):  # https:, mailto: ... a reader can still follow it
        return m.group(0)
    page = target.split("#", 1)[0]
    if page.endswith(".md") and "/" not in page and page != "README.md":
        return f"{words} (speakeasy help {page[:-3]})"
    return words  # a place in the same page, or a file in the repository that is not installed


def render(markdown: str) -> str:
    """The page as plain Markdown, its links to other pages made into ``speakeasy help TOPIC`` (code left alone)."""
    return _PARTS.sub(_part, markdown)
