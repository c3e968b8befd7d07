"""Reporters turn a :class:`~speakeasy.engine.Report` into output.

``human`` (for people, grouped by file) and ``json`` (versioned schema).
"""

FORMATS = ("human", "json")
