"""Rule kinds: the Python behind the ``kind:`` of each rule in a pack.

See :mod:`speakeasy.kinds.base` for the interface a plugin implements, and
:mod:`speakeasy.registry` for every kind known (built-in and from plugins).
"""

from .base import Kind, register

__all__ = ["Kind", "register"]
