"""speakeasy: a plain-language linter for policy documents.

The public API::

    from speakeasy import check_text, check_paths

    result = check_text("We will commence the review.")
    for finding in result.findings:
        print(finding.line, finding.message)

Everything here is importable without textual (the TUI is separate).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from .version import __version__

if TYPE_CHECKING:  # pragma: no cover
    from .engine import FileResult, Report


def check_text(text: str, path: str = "<text>", format: str = "markdown", **config: Any) -> "FileResult":
    """Lint a string with the default configuration (plus ``config`` settings)."""
    from .config import resolve
    from .engine import build_ruleset, lint_text

    ruleset = build_ruleset(resolve(config, no_config=True))
    return lint_text(text, ruleset, path, format)


def check_paths(paths: Iterable[str], **config: Any) -> "Report":
    """Lint files and folders, using the configuration found from the current folder."""
    from .config import resolve
    from .engine import build_ruleset, lint_paths

    return lint_paths(list(paths), build_ruleset(resolve(config)))


__all__ = ["__version__", "check_text", "check_paths"]
