"""The schema as JSON Schema, for editors: kept in ``docs/schema/`` and checked by a test."""

from __future__ import annotations

from typing import Any

from .fields import LEVEL_CHOICES, Field, Schema

#: Text as the loader accepts it: anything written on one line that is not
#: empty.  ``version: 1.0`` or ``term: no`` are read as the text written, so a
#: number or true/false is accepted too.
_JSON_TEXT: dict[str, Any] = {"type": ["string", "number", "boolean"], "pattern": r"\S"}


def _json_text(spec: Field, regex: bool = False) -> dict[str, Any]:
    if spec.choices:
        return {"type": "string", "enum": list(spec.choices)}
    out = dict(_JSON_TEXT)
    if regex:
        out["format"] = "regex"
    return out


def _json_type(spec: Field) -> dict[str, Any]:
    t = spec.type
    out: dict[str, Any]
    if t in ("text", "regex"):
        out = _json_text(spec, regex=t == "regex")
    elif t in ("texts", "regexes"):
        item = _json_text(spec, regex=t == "regexes")
        out = {"oneOf": [item, {"type": "array", "items": item}]}
    elif t == "text-or-texts":
        item = _json_text(spec)
        array: dict[str, Any] = {"type": "array", "items": item}
        if spec.required:
            array["minItems"] = 1
        out = {"oneOf": [item, array]}
    elif t == "alternatives":
        item = _JSON_TEXT
        listed: dict[str, Any] = {"oneOf": [dict(item), {"type": "array", "items": dict(item), "minItems": 1}]}
        out = {"oneOf": [dict(item), {"type": "array", "items": dict(item), "minItems": 1},
                         {"type": "object", "minProperties": 1, "additionalProperties": False,
                          "properties": {c: listed for c in spec.choices}}]}
    elif t == "bool":
        out = {"type": "boolean"}
    elif t == "int":
        out = {"type": "integer"}
    elif t == "number":
        out = {"type": "number"}
    elif t == "date":
        out = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    elif t == "level":
        out = {"type": "string", "enum": list(LEVEL_CHOICES)}
    elif t == "mapping" and spec.schema is not None:
        out = schema_to_json(spec.schema)
    elif t in ("mapping", "any-mapping"):
        out = {"type": "object"}
    elif t == "mappings" and spec.schema is not None:
        out = {"type": "array", "items": schema_to_json(spec.schema)}
    else:  # pragma: no cover
        raise AssertionError(t)
    if spec.minimum is not None:
        out["minimum"] = spec.minimum
    if spec.default is not None:
        out["default"] = spec.default
    out["description"] = spec.doc
    return out


def schema_to_json(schema: Schema) -> dict[str, Any]:
    props = {f.name: _json_type(f) for f in schema.fields}
    out: dict[str, Any] = {
        "type": "object",
        "description": schema.doc or schema.what,
        "properties": props,
        "additionalProperties": bool(schema.open),
    }
    required = [f.name for f in schema.fields if f.required]
    if required:
        out["required"] = required
    return out
