"""The organisation's documents (a folder the settings name): short passages to judge, and where a word is used."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import InputError
from ..model import BlockKind
from ..readers import read_path, supported_suffixes

#: a passage to judge has this many words
SHORTEST, LONGEST = 20, 150
#: at most this many files are read from the folder
MOST_FILES = 500
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'‘“(])")


@dataclass(frozen=True)
class Paragraph:
    source: str  # the file, from the folder
    text: str


def _files(folder: Path) -> list[Path]:
    suffixes = set(supported_suffixes())
    found = [p for p in sorted(folder.rglob("*")) if p.suffix.lower() in suffixes and p.is_file()
             and not p.is_symlink() and not any(part.startswith(".") for part in p.relative_to(folder).parts)]
    return found[:MOST_FILES]


@lru_cache(maxsize=2048)
def _read(path: str, _mtime: int, _size: int) -> tuple[str, ...]:
    try:
        document = read_path(path)
    except InputError:
        return ()
    return tuple(" ".join(b.text.split()) for b in document.blocks
                 if b.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.BLOCKQUOTE) and b.text.strip())


def paragraphs(folder: Path | None) -> list[Paragraph]:
    """Every paragraph of the documents in ``folder``, read by speakeasy's own readers.

    Files that do not read are left out.
    """
    if folder is None or not folder.is_dir():
        return []
    out = []
    for path in _files(folder):
        st = path.stat()
        name = str(path.relative_to(folder))
        out.extend(Paragraph(name, text) for text in _read(str(path), st.st_mtime_ns, st.st_size))
    return out


def passages(folder: Path | None) -> list[Paragraph]:
    """The paragraphs short enough to read and judge in a minute."""
    return [p for p in paragraphs(folder) if SHORTEST <= len(p.text.split()) <= LONGEST]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def uses(folder: Path | None, term: str, most: int = 20) -> list[Paragraph]:
    """Where ``term`` is used in the documents: one sentence for each use, at most ``most``."""
    words = [re.escape(w) for w in re.split(r"[\s-]+", term.strip()) if w]
    if not words:
        return []
    pattern = re.compile(r"(?<![\w-])" + r"[\s-]*".join(words) + r"(?![\w-])", re.I)
    found: list[Paragraph] = []
    for p in paragraphs(folder):
        if not pattern.search(p.text):
            continue
        for s in sentences(p.text):
            if pattern.search(s):
                found.append(Paragraph(p.source, s))
                if len(found) >= most:
                    return found
    return found
