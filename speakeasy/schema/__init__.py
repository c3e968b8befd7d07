"""One schema for rule packs, wordlists and configuration files.

The schema is declared once, as data (``fields.py``).  It is used to

* validate YAML files strictly, with the file, line and column of every
  problem and a plain-English explanation (``validate``): the YAML is read
  in ``reading.py``, checked in ``validator.py``, one value at a time in
  ``scalars.py``, and the problems are said as ``words.py`` says them;
* check Python values (a change to a rule) with the same messages
  (``values.py``), and
* publish the same rules as JSON Schema for editors (``json_schema``), kept
  in ``docs/schema/`` and checked by a test (``jsonexport.py``).

YAML is parsed with the safe loader only (``yaml.compose`` with the C safe
loader when available): a rule pack can never run code.

The names other parts of speakeasy use are here.
"""

from __future__ import annotations

from .fields import LEVEL_CHOICES, Field, Schema, describe_type
from .jsonexport import schema_to_json
from .reading import Located, compose
from .scalars import regex_problem
from .validator import Validator, strip_positions
from .values import check_value
from .words import DataErrors

__all__ = [
    "LEVEL_CHOICES", "DataErrors", "Field", "Located", "Schema", "Validator", "check_value", "compose",
    "describe_type", "regex_problem", "schema_to_json", "strip_positions",
]
