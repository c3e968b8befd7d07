"""Loaders for the human-judgement datasets in ``shared/data`` (never shipped).

Each loader finds every split it can (``*-dev``, and the held-out test files
when they are present), so the same scripts run on whatever part of a
dataset a machine has.  Licences decide what each dataset may be used for:

==================  ==================  =======================================
dataset             licence             used for
==================  ==================  =======================================
OneStopEnglish      CC BY-SA 4.0        word table, fitting the weights, and evaluation
CEFR-SP Wiki-Auto   CC BY-SA 3.0        word table and fitting (train), evaluation (dev)
plainlanguage.gov   CC0                 evaluation (before/after pairs)
CLEAR               CC BY-NC-SA 4.0     evaluation only
CEFR-SP SCoRE       CC BY-NC-SA 4.0     evaluation only
==================  ==================  =======================================
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


@dataclass(frozen=True)
class Text:
    text: str
    #: higher is easier (CLEAR's BT_easiness) or higher is harder (levels): see ``easier_is_higher``
    label: float
    group: str = ""


def clear(data: Path) -> list[Text]:
    """CLEAR excerpts with BT_easiness (higher = easier)."""
    out = []
    for path in sorted((data / "clear-corpus").glob("clear-*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                out.append(Text(row["Excerpt"], float(row["BT_easiness"]), row["ID"]))
    return out


def onestop(data: Path) -> list[Text]:
    """OneStopEnglish texts with level 0 (elementary), 1, 2 (advanced); group = article."""
    out = []
    for path in sorted((data / "onestopenglish").glob("ose-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                out.append(Text(d["text"], float(d["level_num"]), d["article"]))
    return out


def cefr(data: Path, part: str, split: str | None = None) -> list[Text]:
    """CEFR-SP sentences (part "Wikiauto" or "SCoRE") with the mean of the two teachers' levels (1 = A1 ... 6 = C2)."""
    out = []
    pattern = f"CEFR-SP_{part}_{split}.txt" if split else f"CEFR-SP_{part}_*.txt"
    for path in sorted((data / "cefr-sp").glob(pattern)):
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3:
                # The sentences are tokenised ("Paris ."): join the punctuation back.
                text = _detokenise(parts[0])
                out.append(Text(text, (float(parts[1]) + float(parts[2])) / 2, path.stem))
    return out


def pairs(data: Path) -> list[tuple[str, str]]:
    """plainlanguage.gov before/after pairs: (complex, plain)."""
    out = []
    path = data / "plainlanguage-gov" / "before-after-pairs.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out.append((d["complex"], d["plain"]))
    return out


def _detokenise(text: str) -> str:
    for a, b in ((" .", "."), (" ,", ","), (" ;", ";"), (" :", ":"), (" ?", "?"), (" !", "!"),
                 (" 's", "'s"), (" n't", "n't"), ("( ", "("), (" )", ")"), (" '", "'"), ("`` ", '"'), (" ''", '"')):
        text = text.replace(a, b)
    return text
