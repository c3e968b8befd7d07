"""Rule kinds: the Python behind the ``kind:`` of each rule in a pack.

See :mod:`speakeasy.kinds.base` for the interface a plugin implements.
"""

from .base import Kind, register, registry

__all__ = ["Kind", "register", "registry"]
