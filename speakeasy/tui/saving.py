"""What ``speakeasy review`` writes besides a Markdown or text file: a Word file's copy with the chosen
replacements, words kept in the configuration, and entries in the project ignore file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError, SpeakeasyError
from ..io.atomic import write_atomically
from ..model import Edit, Finding
from ..paths import read_file


# ---------------------------------------------------------------------------
# Word


def save_docx(path: str, edits: list[tuple[int, int, str, str]], target: str, as_suggestions: bool = False,
              findings: dict[tuple[int, int], Finding] | None = None,
              data: bytes | None = None) -> list[tuple[int, int, str, str]]:
    """Apply chosen replacements (offsets in the text as read) to a Word file's runs.

    Formatting is kept as ``speakeasy fix`` keeps it: the replacement goes into
    the run where the words start.  With ``as_suggestions``, each replacement
    is written as a tracked change by "speakeasy" with a comment (the comment
    says why, from the finding at the same place in ``findings``), as
    ``speakeasy fix --as-suggestions`` does.  Returns the edits that could not
    be made (a tab or line break inside, the runs no longer hold the words, or
    the words are already inside a tracked change).  ``data``: the file's
    bytes as the edits' offsets know them (as first read), so that a file
    changed on disk meanwhile cannot move the edits to the wrong words.
    """
    from ..readers import capabilities, read_bytes, read_path
    from ..writers.docx import RunEdit, apply_to_runs, runs_of

    doc = read_bytes(path, data) if data is not None else read_path(path)
    native = runs_of(doc, path)
    caps = capabilities(native.format)
    if as_suggestions and not (caps is not None and caps.tracked_changes):
        raise InputError(path, "Tracked changes can be written to Word files (.docx) only.", "unsupported")
    chosen = [
        RunEdit(Edit(start, end, replacement, False), match,
                ((findings or {}).get((start, end)) or _chosen_finding(path, start, end, match))
                if as_suggestions else None)
        for start, end, replacement, match in edits
    ]
    runs = apply_to_runs(native, chosen, as_suggestions=as_suggestions)
    write_atomically(target, runs.data, like=path)
    return [(e.edit.start, e.edit.end, e.edit.replacement, e.match) for e in runs.left]


def _chosen_finding(path: str, start: int, end: int, match: str) -> Finding:
    """A stand-in finding for the comment on a change made where no finding is known."""
    from ..model import Level

    return Finding(rule="review", level=Level.SUGGESTION, message="Changed in speakeasy review.", path=path,
                   start=start, end=end, match=match)


# ---------------------------------------------------------------------------
# Configuration and ignore files


def _yaml_word(word: str) -> str:
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9' -]*", word) and word.lower() not in (
        "yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"
    ) and not word.endswith(" "):
        return word
    return json.dumps(word, ensure_ascii=False)


def add_keep_words(path: Path, words: list[str]) -> None:
    """Append words to ``keep:`` in a YAML configuration file, keeping everything else as it is."""
    path = Path(path)
    # a regular file only: a named pipe would wait for ever (InputError says what it is)
    text = read_file(path, str(path), "configuration file").decode("utf-8") if path.exists() else ""
    root = yaml.compose(text) if text.strip() else None
    if root is not None and not isinstance(root, yaml.MappingNode):
        raise SpeakeasyError(f"{path}: this file is not a YAML mapping, so speakeasy cannot add to its `keep:` list.")
    node = key_node = None
    for k, v in (root.value if root is not None else []):
        if k.value == "keep":
            key_node, node = k, v
    items = ", ".join(_yaml_word(w) for w in words)
    if node is None:
        sep = "" if not text or text.endswith("\n") else "\n"
        new = text + sep + "keep:\n" + "".join(f"  - {_yaml_word(w)}\n" for w in words)
    elif isinstance(node, yaml.SequenceNode) and node.flow_style:
        close = text.rindex("]", 0, node.end_mark.index)
        new = text[:close] + (", " if node.value else "") + items + text[close:]
    elif isinstance(node, yaml.SequenceNode) and node.value:
        last = node.value[-1]
        first = node.value[0]
        line_start = text.rfind("\n", 0, first.start_mark.index) + 1
        dash = text.find("-", line_start)
        indent = " " * (dash - line_start)
        end = last.end_mark.index
        new = text[:end] + "".join(f"\n{indent}- {_yaml_word(w)}" for w in words) + text[end:]
    elif isinstance(node, yaml.ScalarNode) and node.value in ("", "null", "~"):
        # `keep:` with nothing after it
        at = key_node.end_mark.index  # type: ignore[union-attr]
        colon = text.index(":", at)
        new = text[: colon + 1] + " [" + items + "]" + text[node.end_mark.index if node.value else colon + 1 :]
    else:
        raise SpeakeasyError(f"{path}: `keep:` is not a list, so speakeasy cannot add to it.")
    loaded = yaml.safe_load(new) or {}
    if not all(w in (loaded.get("keep") or []) for w in words):
        raise SpeakeasyError(f"{path}: speakeasy could not add to `keep:` safely; add the words by hand.")
    write_atomically(str(path), new.encode("utf-8"))


def add_ignore_entries(path: Path, entries: list[dict[str, Any]]) -> None:
    """Append entries to the project ignore file (a YAML list), creating it if missing."""
    path = Path(path)
    text = read_file(path, str(path), "ignore file").decode("utf-8") if path.exists() else (
        "# Findings speakeasy review was told to ignore. One entry a finding (file, rule, match,\n"
        "# context: the line it is on, reason), or a whole rule for a file (file, rule).\n"
    )
    if text and not text.endswith("\n"):
        text += "\n"
    text += yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=1000)
    write_atomically(str(path), text.encode("utf-8"))
