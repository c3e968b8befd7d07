"""How paths are shown to people."""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: str | os.PathLike[str]) -> str:
    """Relative to the current folder when the file is inside it, else absolute.

    "../../tmp/x.yaml" is hard to follow; "wordlists/ours.yaml" or
    "/srv/policies/x.yaml" are not.
    """
    p = Path(path)
    try:
        rel = os.path.relpath(p)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(p)
    if rel.startswith(".."):
        return str(p.resolve()) if not p.is_absolute() else str(p)
    return rel
