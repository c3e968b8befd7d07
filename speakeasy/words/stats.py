"""``words stats``: how many entries each list has, per contributor, per status, with examples."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..packs import Wordlist


@dataclass
class ListStats:
    title: str
    path: str
    entries: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    by_contributor: Counter[str] = field(default_factory=Counter)
    by_group: Counter[str] = field(default_factory=Counter)
    with_examples: int = 0
    due_for_review: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title, "path": self.path, "entries": self.entries,
            "status": dict(sorted(self.by_status.items())),
            "added_by": dict(sorted(self.by_contributor.items())),
            "agreed_by": dict(sorted(self.by_group.items())),
            "with_examples": self.with_examples,
            "due_for_review": self.due_for_review,
        }


def stats(wordlists: list[Wordlist], today: "Any | None" = None) -> list[ListStats]:
    """Counts for each list.  ``due_for_review``: entries whose ``review_by`` date has come."""
    import datetime as _dt

    today = today or _dt.date.today()
    out = []
    for wl in wordlists:
        s = ListStats(wl.title, wl.path)
        for e in wl.entries:
            s.entries += 1
            s.by_status[e.status] += 1
            s.by_contributor[e.added_by or "not recorded"] += 1
            s.by_group[e.agreed_by or "not recorded"] += 1
            s.with_examples += bool(e.examples)
            s.due_for_review += bool(e.review_by and e.review_by <= today)
        out.append(s)
    return out


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render_text(all_stats: list[ListStats]) -> str:
    """Plain lines a screen reader reads well: no tables drawn with characters."""
    lines = []
    for s in all_stats:
        lines.append(f"{s.title} ({s.path}): {_plural(s.entries, 'word')}.")
        status = ", ".join(f"{n} {k}" for k, n in sorted(s.by_status.items()))
        lines.append(f"  Status: {status or 'none'}.")
        lines.append(f"  With example sentences: {s.with_examples} of {s.entries}.")
        if s.due_for_review:
            lines.append(f"  Due for review: {_plural(s.due_for_review, 'word')}.")
        lines.append("  Added by: " + "; ".join(f"{k} ({n})" for k, n in s.by_contributor.most_common()) + ".")
        lines.append("  Agreed by: " + "; ".join(f"{k} ({n})" for k, n in s.by_group.most_common()) + ".")
        lines.append("")
    if len(all_stats) > 1:
        total = sum(s.entries for s in all_stats)
        lines.append(f"In all: {_plural(total, 'word')} in {_plural(len(all_stats), 'list')}.")
    return "\n".join(lines).rstrip("\n") + "\n"
