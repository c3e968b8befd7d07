"""``words show TERM`` and ``speakeasy explain TERM``: every list that has a word, and which one flags it.

The text is plain lines, for a screen reader as much as for the eye: each
entry starts with the list and line it is on, then one line for each thing
known about it.  Nothing is said by colour or layout alone.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from ..matching import normalise
from ..packdata import Entry
from .lookup import Hit, overridden_by
from .values import as_words, format_use, one_of


def day(d: _dt.date | None) -> str:
    """"7 December 2026"."""
    return f"{d.day} {d:%B %Y}" if d else ""


@dataclass
class Lookup:
    """A term, the entries that have it, and what the settings say about them."""

    term: str
    hits: list[Hit]
    include_proposed: bool = False
    keep: tuple[str, ...] = ()
    #: For each list file (resolved), the rules on that use it.
    rules: dict[str, list[str]] = field(default_factory=dict)

    def overriders(self, hit: Hit) -> list[Hit]:
        """Your entries in use that take the place of this shipped one."""
        return [h for h in overridden_by(hit, self.hits) if self.counts(h.entry) or h.entry.status == "retired"]

    def counts(self, e: Entry) -> bool:
        """Whether an entry's status lets it flag words: agreed, or proposed with --include-proposed."""
        return e.status == "agreed" or (e.status == "proposed" and self.include_proposed)

    def flags(self, hit: Hit) -> bool:
        """Whether speakeasy flags the word with this entry."""
        if not self.counts(hit.entry) or self.overriders(hit) or self.kept():
            return False
        return bool(self.rule_ids(hit))

    def kept(self) -> bool:
        return any(normalise(k) == normalise(self.term) for k in self.keep)

    def rule_ids(self, hit: Hit) -> list[str]:
        from pathlib import Path

        try:
            key = str(Path(hit.wordlist.path).resolve())
        except OSError:
            key = hit.wordlist.path
        return self.rules.get(key, [])


def look_up(term: str, settings: Any, extra: Any = (), ruleset: Any = None) -> Lookup:
    """The entries for ``term`` (in any form) in every list in use and in ``extra``, with what the settings say.
    ``ruleset``: the rule set already built from ``settings``, if the caller has one."""
    from pathlib import Path

    from ..ruleset import build_ruleset
    from .lookup import every_list, find

    ruleset = ruleset if ruleset is not None else build_ruleset(settings)
    rules: dict[str, list[str]] = {}
    for rule in ruleset.rules:
        if rule.enabled:
            for wl in rule.wordlists:
                rules.setdefault(str(Path(wl.path).resolve()), []).append(rule.id)
    hits = find(term, every_list(settings, extra, ruleset))
    return Lookup(term, hits, include_proposed=bool(settings["include_proposed"]),
                  keep=tuple(settings["keep"] or ()), rules=rules)


def _status(hit: Hit, look: Lookup) -> str:
    e = hit.entry
    if e.status == "retired":
        when = f" on {day(e.retired)}" if e.retired else ""
        by = f" by {e.retired_by}" if e.retired_by else ""
        why = f" Why: {e.retired_why}" if e.retired_why else ""
        return f"retired{when}{by}, so it is not flagged. It is kept for the record.{why}"
    if e.status == "proposed":
        if look.include_proposed:
            return "proposed. It is used now, because you asked for proposed words (--include-proposed)."
        return "proposed. It is used only with --include-proposed until the forum agrees it."
    return "agreed."


def _who(e: Entry) -> str:
    """Who added and agreed an entry, and when, as a sentence ("" when the list does not say)."""
    parts = []
    if e.added_by or e.added:
        parts.append("added" + (f" by {e.added_by}" if e.added_by else "") + (f" on {day(e.added)}" if e.added else ""))
    if e.agreed_by or e.agreed:
        parts.append("agreed" + (f" by {e.agreed_by}" if e.agreed_by else "") + (f" on {day(e.agreed)}" if e.agreed else ""))
    if e.source:
        parts.append(f"from {e.source}")
    if not parts:
        return ""
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def _heading(hit: Hit, look: Lookup) -> str:
    e = hit.entry
    name = f"'{e.term}'" + (f" {as_words(e.parts)}" if e.parts else "")
    return f"{name} in {hit.list_name}, line {e.line}:"


def entry_lines(hit: Hit, look: Lookup, full: bool) -> list[str]:
    """The lines about one entry, indented under its heading."""
    e = hit.entry
    out = [_heading(hit, look)]
    out.append(f"  Use instead: {format_use(e.use, e.use_as)}")
    out.append(f"  Why: {e.why}")
    if full and e.examples:
        out.append("  Example: " + " / ".join(e.examples))
    if e.when:
        out.append(f"  Flagged only near: {', '.join(e.when)}")
    if e.unless:
        out.append(f"  Not flagged near: {', '.join(e.unless)}")
    topic = hit.wordlist.topic
    if topic is not None and not e.everywhere:
        out.append(f"  Where: only in parts of a document about {topic.about}.")
    out.append(f"  Status: {_status(hit, look)}")
    who = _who(e)
    if who:
        out.append(f"  Who: {who}")
    if e.overrides:
        out.append(f"  It takes the place of the entry in speakeasy's '{e.overrides}' list, for your organisation.")
    if not hit.own:
        for h in overridden_by(hit, look.hits):
            if h in look.overriders(hit):
                out.append(f"  Your list {h.wordlist.path} (line {h.entry.line}) takes its place, so speakeasy "
                           "uses your entry instead.")
            else:
                out.append(f"  Your list {h.wordlist.path} (line {h.entry.line}) has a proposed entry in its "
                           "place. Until the forum agrees it, speakeasy uses this one.")
    if full and e.notes:
        out.append(f"  Notes: {' '.join(e.notes.split())}")
    if full and e.review_by:
        out.append(f"  Look at it again by {day(e.review_by)}.")
    return out


def render_show(look: Lookup) -> str:
    """``words show TERM``: every entry for the term, in full."""
    if not look.hits:
        return ""
    lists = {h.wordlist.path for h in look.hits}
    count = f"{len(lists)} list" + ("" if len(lists) == 1 else "s")
    out = [f"'{look.term}' is in {count}."]
    for hit in look.hits:
        out.append("")
        if not hit.exact:
            out.append(f"'{look.term}' is a form of '{hit.entry.term}'.")
        out.extend(entry_lines(hit, look, full=True))
    return "\n".join(out) + "\n"


def render_explain(look: Lookup) -> str:
    """``speakeasy explain TERM``: which list flags the word, why, and who agreed it; then the others."""
    flagging = [h for h in look.hits if look.flags(h)]
    out = []
    if flagging:
        for h in flagging:
            rules = one_of([f"'{r}'" for r in look.rule_ids(h)])
            form = "" if h.exact else f" (a form of '{h.entry.term}')"
            out.append(f"speakeasy flags '{look.term}'{form} with {h.list_name}, in the rule {rules}.")
    elif look.kept():
        out.append(f"speakeasy does not flag '{look.term}': your settings keep it (keep:).")
    else:
        out.append(f"speakeasy does not flag '{look.term}' with the settings in use.")
    for hit in sorted(look.hits, key=lambda h: not look.flags(h)):
        out.append("")
        out.extend(entry_lines(hit, look, full=False))
    return "\n".join(out) + "\n"
