"""JSON Schemas for editors and other tools, built from the loader's own schema.

``docs/schema/*.schema.json`` are written from :func:`schemas`; a test checks
that they are up to date and that they accept and reject the same files as
the loader.  Regenerate them with ``python -m speakeasy.jsonschema docs/schema``.

The same command rewrites the list of kinds and their settings in
``docs/rule-packs.md`` (between the ``kinds:start`` and ``kinds:end``
markers), from :func:`kinds_markdown`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .schema import LEVEL_CHOICES, Schema, describe_type, schema_to_json

BASE = "https://speakeasy.invalid/schema/"


def _with_header(name: str, title: str, body: dict[str, Any]) -> dict[str, Any]:
    out = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": BASE + f"{name}.schema.json",
           "title": title}
    out.update(body)
    return out


def pack_schema() -> dict[str, Any]:
    from .registry import registry
    from .packs import PACK, RULE_FIELDS

    body = schema_to_json(PACK)
    variants = []
    for name, kind in sorted(registry().items()):
        rule = schema_to_json(Schema(f"a {name} rule", RULE_FIELDS + tuple(kind.options)))
        rule["properties"]["kind"] = {"const": name, "description": kind.summary}
        if "thresholds" in rule["properties"]:
            # Checked by the kinds' `validate_options`: level names, each with a number.
            rule["properties"]["thresholds"].update(
                propertyNames={"enum": list(LEVEL_CHOICES)}, additionalProperties={"type": "number"}
            )
        blocks = rule["properties"].get("blocks")
        if blocks is not None and "enum" not in blocks["oneOf"][0]:
            # Checked by the length kinds' `validate_options`.  Once their
            # `blocks` fields declare `choices=BLOCK_KINDS`, this does nothing.
            from .kinds.length import BLOCK_KINDS

            item = {"type": "string", "enum": list(BLOCK_KINDS)}
            blocks["oneOf"] = [item, {"type": "array", "items": item}]
        if not kind.uses_thresholds:
            rule["required"] = sorted(set(rule.get("required", [])) | {"level"})
        variants.append(rule)
    body["properties"]["rules"] = {"type": "array", "description": "The rules.", "items": {"oneOf": variants}}
    return _with_header("pack", "speakeasy rule pack", body)


def wordlist_schema() -> dict[str, Any]:
    from .packs import WORDLIST

    return _with_header("wordlist", "speakeasy wordlist", schema_to_json(WORDLIST))


def profile_schema() -> dict[str, Any]:
    from .config import PROFILE

    return _with_header("profile", "speakeasy profile", schema_to_json(PROFILE))


def config_schema() -> dict[str, Any]:
    from .config import CONFIG

    return _with_header("config", "speakeasy configuration", schema_to_json(CONFIG))


def report_schema() -> dict[str, Any]:
    """The schema of ``speakeasy check --format json`` (version 1)."""
    level = {"type": "string", "enum": ["suggestion", "warning", "error"]}
    finding = {
        "type": "object",
        "required": ["rule", "severity", "message", "match", "suggestions", "line", "column", "end_line",
                     "end_column", "location"],
        "properties": {
            "rule": {"type": "string", "description": "The rule id, like plain-english.words."},
            "severity": level,
            "message": {"type": "string"},
            "match": {"type": "string", "description": "The flagged text, exactly as in the file."},
            "suggestions": {"type": "array", "items": {"type": "string"}},
            "line": {"type": "integer", "minimum": 1},
            "column": {"type": "integer", "minimum": 1},
            "end_line": {"type": "integer", "minimum": 1},
            "end_column": {"type": "integer", "minimum": 1, "description": "Inclusive."},
            "offset": {"type": "integer", "minimum": 0, "description": "Character offset of the start."},
            "end_offset": {"type": "integer", "minimum": 0, "description": "Character offset just after the end."},
            "location": {"type": "string", "description": "Where it is, in words."},
            "value": {"type": "number", "description": "What was measured: words in a sentence, a score."},
            "threshold": {"type": "number", "description": "The limit the value went past."},
            "fix": {
                "oneOf": [
                    {"type": "null"},
                    {
                        "type": "object",
                        "required": ["replacement", "offset", "end_offset", "safe"],
                        "properties": {
                            "replacement": {"type": "string"},
                            "offset": {"type": "integer"},
                            "end_offset": {"type": "integer"},
                            "safe": {"type": "boolean"},
                        },
                    },
                ]
            },
            "origin": {"type": "object", "description": "Where the wordlist entry came from and who agreed it."},
        },
    }
    stats = {
        "type": "object",
        "required": ["words", "sentences", "flesch_reading_ease", "flesch_kincaid_grade", "smog", "gunning_fog"],
        "properties": {
            "words": {"type": "integer", "minimum": 0},
            "sentences": {"type": "integer", "minimum": 0},
            "paragraphs": {"type": "integer", "minimum": 0},
            "syllables": {"type": "integer", "minimum": 0},
            "flesch_reading_ease": {"type": "number"},
            "flesch_kincaid_grade": {"type": "number"},
            "smog": {"type": "number"},
            "gunning_fog": {"type": "number"},
            "plain_score": {"type": "number", "minimum": 0, "maximum": 100,
                            "description": "speakeasy's plain score, 0 (very hard) to 100 (very easy)."},
            "reading_age": {"type": "integer", "minimum": 0,
                            "description": "UK reading age: most people of this age and over can read the text."},
            "paragraph_scores": {
                "type": "array",
                "description": "The plain score of each paragraph, list item and table cell, in order.",
                "items": {
                    "type": "object",
                    "required": ["block", "kind", "line", "end_line", "offset", "end_offset", "location",
                                 "plain_score", "reading_age", "words", "sentences", "reasons", "sentence_scores"],
                    "properties": {
                        "block": {"type": "integer", "minimum": 0},
                        "kind": {"type": "string"},
                        "line": {"type": "integer", "minimum": 1},
                        "end_line": {"type": "integer", "minimum": 1},
                        "offset": {"type": "integer", "minimum": 0},
                        "end_offset": {"type": "integer", "minimum": 0},
                        "location": {"type": "string"},
                        "plain_score": {"type": "number", "minimum": 0, "maximum": 100},
                        "reading_age": {"type": "integer", "minimum": 0},
                        "words": {"type": "integer", "minimum": 0},
                        "sentences": {"type": "integer", "minimum": 0},
                        "reasons": {"type": "array", "items": {"type": "string"}},
                        "sentence_scores": {"type": "array", "items": {"type": "number"}},
                    },
                },
            },
        },
    }
    body = {
        "type": "object",
        "required": ["schema_version", "tool", "files", "errors", "summary"],
        "properties": {
            "schema_version": {"type": "string", "pattern": r"^1\.\d+$"},
            "tool": {"type": "object", "required": ["name", "version"]},
            "files": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["path", "format", "stats", "findings"],
                    "properties": {
                        "path": {"type": "string"},
                        "format": {"type": "string"},
                        "stats": stats,
                        "findings": {"type": "array", "items": finding},
                    },
                },
            },
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["path", "code", "message"],
                    "properties": {"path": {"type": "string"}, "code": {"type": "string"},
                                   "message": {"type": "string"}},
                },
            },
            "summary": {
                "type": "object",
                "required": ["files", "findings", "by_severity", "fail_on"],
            },
        },
    }
    return _with_header("report", "speakeasy check --format json (version 1)", body)


def schemas() -> dict[str, dict[str, Any]]:
    return {
        "pack": pack_schema(),
        "wordlist": wordlist_schema(),
        "profile": profile_schema(),
        "config": config_schema(),
        "report": report_schema(),
    }


KINDS_START = "<!-- kinds:start (made by `python -m speakeasy.jsonschema docs/schema`: do not edit) -->"
KINDS_END = "<!-- kinds:end -->"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def kinds_markdown() -> str:
    """Every kind, with its settings, as Markdown for docs/rule-packs.md."""
    from .registry import registry

    out: list[str] = []
    for name, kind in sorted(registry().items()):
        out += [f"### `{name}`", "", kind.summary, ""]
        if kind.uses_thresholds:
            out += ["The level of each finding comes from `thresholds`, so `level` is optional.", ""]
        else:
            out += ["A rule of this kind needs `level`.", ""]
        if not kind.options:
            out += ["It has no settings of its own.", ""]
            continue
        out += ["Its settings:", ""]
        for option in kind.options:
            bits = [describe_type(option.type), "needed" if option.required else "optional"]
            if option.choices:
                bits.append("one of " + ", ".join(f"`{c}`" for c in option.choices))
            if option.default is not None:
                bits.append(f"if you leave it out: `{_shown(option.default)}`")
            out.append(f"- `{option.name}` ({'; '.join(bits)}). {option.doc}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def update_kinds_doc(doc: Path) -> bool:
    """Rewrite the kinds section of ``doc``; True when it changed."""
    text = doc.read_text(encoding="utf-8")
    start = text.index(KINDS_START) + len(KINDS_START)
    end = text.index(KINDS_END)
    new = text[:start] + "\n\n" + kinds_markdown() + "\n" + text[end:]
    if new != text:
        doc.write_text(new, encoding="utf-8")
        return True
    return False


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in schemas().items():
        path = folder / f"{name}.schema.json"
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/schema")
    for p in write(target):
        print(p)
    guide = target.parent / "rule-packs.md"
    if guide.is_file() and KINDS_START in guide.read_text(encoding="utf-8"):
        update_kinds_doc(guide)
        print(guide)
