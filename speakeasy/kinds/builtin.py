"""Imports the built-in kinds so that they register themselves."""

from __future__ import annotations

from .base import Kind, registered
from . import accessibility, acronym, existence, length, passive, readability, substitution  # noqa: F401

# The placeholders a substitution rule's `message` may use: those its kind fills
# in (see speakeasy/kinds/substitution.py, where `render` is called).
substitution.Substitution.placeholders = ("match", "use", "term", "why", "credit")


def builtin_registry() -> dict[str, type[Kind]]:
    """The kinds that come with speakeasy (and any registered in this process)."""
    return registered()
