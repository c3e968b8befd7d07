"""speakeasy: a plain-language linter for policy documents.

The public API (docs/api.md)::

    from speakeasy import Settings, check_text

    result = check_text("We will commence the review.", settings=Settings(keep=("review",)))
    for finding in result.findings:
        print(finding.line, finding.message)

``check_paths`` checks files and folders; ``lint`` checks one file's bytes and
pickles cleanly, for running in other processes.  Everything here is
importable without textual (the TUI is separate), and importing it is cheap:
the engine loads on the first check.
"""

from __future__ import annotations

from .api import Settings, check_paths, check_text, lint
from .model import FileResult, Finding, Report
from .version import __version__

__all__ = ["__version__", "Settings", "check_text", "check_paths", "lint", "Finding", "FileResult", "Report"]
