"""``speakeasy check --min-level``: show only findings at a level or above.

:class:`LevelFilter` sits between the engine and a reporter.  Every
reporter (human, json, sarif, github, junit) gets the same results, with the
findings below the level taken out, so the choice applies to every output
format the same way.

The filter also keeps a tally of *every* finding, hidden or not.  The exit
code comes from that tally: ``--min-level`` changes what is shown, never
whether the check passes.  So adding ``--min-level`` to a command in CI can
never turn a failing check into a passing one.  When findings that are not
shown make the check fail, :meth:`LevelFilter.failing_note` says so in words.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Iterator

from .model import Level, ReadError, Tally


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


class LevelFilter:
    """Take the findings below ``min_level`` out of each result, and count them."""

    def __init__(self, min_level: Level | None = None) -> None:
        self.min_level = min_level
        #: every finding, shown or not: for the exit code and --max-findings
        self.all = Tally()
        #: the findings not shown, by level
        self.hidden: dict[Level, int] = {lvl: 0 for lvl in Level}
        self._hidden_in: dict[str, int] = {}

    def wrap(self, items: Any) -> Iterator[Any]:
        for item in items:
            if isinstance(item, ReadError):
                self.all.errors.append(item)
                yield item
                continue
            self.all.add(item)
            if self.min_level is not None:
                kept = [f for f in item.findings if f.level >= self.min_level]
                gone = len(item.findings) - len(kept)
                if gone:
                    for f in item.findings:
                        if f.level < self.min_level:
                            self.hidden[f.level] += 1
                    self._hidden_in[item.path] = self._hidden_in.get(item.path, 0) + gone
                    item = dataclasses.replace(item, findings=kept)
            yield item

    def hidden_in(self, path: str) -> int:
        """How many of a file's findings were not shown."""
        return self._hidden_in.get(path, 0)

    @property
    def hidden_total(self) -> int:
        return sum(self.hidden.values())

    def hidden_text(self) -> str:
        """'Not shown, below --min-level error: 19 warnings, 4 suggestions.', or '' when nothing was hidden."""
        if self.min_level is None or not self.hidden_total:
            return ""
        parts = [_plural(self.hidden[lvl], str(lvl)) for lvl in sorted(Level, reverse=True)
                 if lvl < self.min_level and self.hidden[lvl]]
        return f"Not shown, below --min-level {self.min_level}: {', '.join(parts)}."

    def hidden_failing(self, fail_on: str) -> int:
        """How many of the findings not shown are at or above ``fail_on``."""
        if fail_on == "never":
            return 0
        threshold = Level.parse(fail_on)
        return sum(n for lvl, n in self.hidden.items() if lvl >= threshold)

    def failing_note(self, fail_on: str) -> str:
        """The line that says findings not shown make the check fail, or ''."""
        n = self.hidden_failing(fail_on)
        if not n or self.min_level is None:
            return ""
        threshold = Level.parse(fail_on)
        parts = [_plural(self.hidden[lvl], str(lvl)) for lvl in sorted(Level, reverse=True)
                 if threshold <= lvl < self.min_level and self.hidden[lvl]]
        return (f"The check fails on {' and '.join(parts)} that --min-level {self.min_level} does not show "
                f"(--fail-on {fail_on}). Run without --min-level to see them.")

    def summary(self) -> dict[str, Any]:
        """Extra fields for the JSON summary: the level and what it left out."""
        return {"min_level": str(self.min_level), "not_shown": {str(lvl): self.hidden[lvl] for lvl in Level}}
