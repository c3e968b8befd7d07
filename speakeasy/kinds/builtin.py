"""Imports the built-in kinds so that they register themselves."""

from . import acronym, document, existence, length, passive, pdf, readability, substitution, web  # noqa: F401
