"""A wordlist entry written as YAML text, in the house style of the shipped lists.

A single alternative goes on the ``use:`` line, several as a list; text is
written plain, and in double quotes only where YAML needs them.  The
indentation is the file's own (:class:`Layout`, which
:class:`~speakeasy.words.store.WordlistFile` reads from its entries).
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

import yaml

from ..packs import ENTRY

#: The order keys are written in, as in the shipped lists.
KEY_ORDER = tuple(f.name for f in ENTRY.fields)
#: Keys that hold lists.
LIST_KEYS = frozenset({"use", "as", "when", "unless", "examples", "fine_examples"})
#: Keys whose one item is written on the key's own line (``as: verb``), as in the shipped lists.
ONE_LINE_KEYS = frozenset({"use", "as"})


class Layout:
    """The file's indentation and spacing, read from its entries."""

    def __init__(self, dash: int = 2, key: int = 4, item: int = 6, blank_between: bool = True) -> None:
        self.dash = dash
        self.key = key
        self.item = item  # column of the '-' of a list inside an entry
        self.blank_between = blank_between


def _plain_ok(value: str) -> bool:
    """Whether a text can be written without quotes and read back the same."""
    if not value or value != value.strip() or "\n" in value or value[0] in "'\"":
        return False
    dumped = yaml.safe_dump({"k": value}, width=1_000_000, allow_unicode=True)
    rest = dumped[len("k: "):].rstrip("\n")
    return rest == value and "#" not in value and yaml.safe_load(dumped) == {"k": value}


def render_scalar(value: Any) -> str:
    """One value as YAML text: plain when that is safe, else in double quotes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = str(value)
    if _plain_ok(text):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted string


def render_key(key: str, value: Any, layout: Layout) -> str:
    """``key: value`` as text; a list's items on their own lines at the list indent (no newline at the end).

    A mapping (``use`` for each part of speech) has its keys on their own lines,
    indented like a list, and each key's words like ``use``: one on the key's
    line, several as a list under it.
    """
    if isinstance(value, dict):
        sub = max(layout.item, layout.key + 2)
        inner = Layout(layout.dash, sub, sub + max(layout.item - layout.key, 0))
        lines = []
        for part, words in value.items():
            words = [words] if isinstance(words, str) else list(words)
            text = render_key(str(part), words, inner) if len(words) != 1 else f"{part}: {render_scalar(words[0])}"
            lines.append(" " * sub + text)
        return f"{key}:\n" + "\n".join(lines)
    if isinstance(value, (list, tuple)):
        items = [str(v) for v in value]
        if key in ONE_LINE_KEYS and len(items) == 1:
            return f"{key}: {render_scalar(items[0])}"
        if not items:
            return f"{key}: []"
        pad = " " * layout.item
        return f"{key}:\n" + "\n".join(f"{pad}- {render_scalar(v)}" for v in items)
    return f"{key}: {render_scalar(value)}"


def _ordered(values: dict[str, Any]) -> list[tuple[str, Any]]:
    known = [(k, values[k]) for k in KEY_ORDER if k in values]
    return known + [(k, v) for k, v in values.items() if k not in KEY_ORDER]


def render_entry(values: dict[str, Any], layout: Layout | None = None) -> str:
    """A whole entry as text, starting with its '-' (no newline at the end)."""
    layout = layout or Layout()
    lines = []
    for i, (key, value) in enumerate(_ordered(values)):
        text = render_key(key, value, layout)
        prefix = " " * layout.dash + "- " + " " * (layout.key - layout.dash - 2) if i == 0 else " " * layout.key
        lines.append(prefix + text)
    return "\n".join(lines)


def as_written(key: str, value: Any) -> Any:
    """A value as text, with one item of a list key as a list of one (``use: start`` is ``use: [start]``)."""
    if isinstance(value, dict):
        return {str(k): as_written(key, v) for k, v in value.items()}
    if key in LIST_KEYS and isinstance(value, str):
        return [value]
    return value


def as_text(value: Any) -> Any:
    """A value as the YAML parser gives it back as text (to compare with what is in the file)."""
    if isinstance(value, dict):
        return {str(k): as_text(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_text(v) for v in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)
