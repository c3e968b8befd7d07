"""``speakeasy review``: a spell-checker-like dialog for jargon and long sentences.

:mod:`speakeasy.tui.session` holds the editing model (no textual), with what
has been chosen in :mod:`speakeasy.tui.state` and what it writes besides the
document's text in :mod:`speakeasy.tui.saving`;
:mod:`speakeasy.tui.app` is the Textual application, with what it shows as rich
text in :mod:`speakeasy.tui.view`, and :mod:`speakeasy.tui.screens`
its dialogs and theme (the word editor uses them too).  Only this package
imports textual, and only when ``speakeasy review`` runs.
"""

from __future__ import annotations

from .session import ReviewSession

__all__ = ["ReviewSession", "run"]


def run(path: str, settings, high_contrast: bool = False, keymap: dict[str, str] | None = None) -> int:  # type: ignore[no-untyped-def]
    """Start the review app (imports textual)."""
    from .app import ReviewApp

    app = ReviewApp(path, settings, high_contrast=high_contrast, keymap=keymap)
    app.run()
    return 0
