"""Every rule kind speakeasy knows: the built-in ones, then those of the enabled plugins.

The built-in kinds register themselves with :func:`speakeasy.kinds.base.register`
when :mod:`speakeasy.kinds.builtin` imports them. A plugin's kinds come from its
entry points, loaded by :mod:`speakeasy.plugins` only when the user's
configuration names the plugin. This module joins the two; it sits above both,
so neither imports the other's layer.
"""

from __future__ import annotations

from typing import Iterator

from .kinds.base import Kind
from .kinds.builtin import builtin_registry

__all__ = ["builtin_registry", "iter_kinds", "registry"]


def registry() -> dict[str, type[Kind]]:
    """Every known kind, built-in ones first, then those of the enabled plugins."""
    from .plugins import active

    out = builtin_registry()
    for name, cls in active().kinds.items():
        out.setdefault(name, cls)
    return out


def iter_kinds() -> Iterator[type[Kind]]:
    yield from registry().values()
