"""Agreed words written to the wordlist through the same splicing writer as ``words add``.

Each write holds a lock on the list's file and reads the list again inside
it, so two maintainers publishing at once both get their words in.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ..words.edit.editor import WordlistEditor
from ..words.edit.form import FIELD, NotSaved, form_values
from .models import AGREED, PUBLISHED, Proposal, User, now
from .proposals import PROPOSAL_FIELDS, log

#: how long to wait for another maintainer's publishing to finish, in seconds
LOCK_WAIT = 60


@dataclass
class Outcome:
    term: str
    ok: bool
    message: str


def lock_for(folder: Path, wordlist: Path) -> FileLock:
    name = hashlib.sha256(str(wordlist.resolve()).encode("utf-8")).hexdigest()[:24]
    return FileLock(str(folder / f"{name}.lock"), timeout=LOCK_WAIT)


def publish_one(db: Session, who: User, proposal: Proposal, lock_folder: Path, config: Any = None) -> Outcome:
    """Write one agreed proposal to its wordlist, under the list's lock; the caller commits."""
    path = Path(proposal.wordlist)
    with lock_for(lock_folder, path):
        db.refresh(proposal)
        if proposal.state != AGREED:
            return Outcome(proposal.term, False, f"'{proposal.term}' is not waiting to be published.")
        editor = WordlistEditor(path, config)  # reads the list from disk now, inside the lock
        values = dict(proposal.values)
        try:
            if proposal.kind in ("change", "retire"):
                before = proposal.before or {}
                line = before.get("line")
                entry = editor.find(str(before.get("term") or proposal.term), line if isinstance(line, int) else None)
                if entry is None:
                    return Outcome(proposal.term, False, f"'{proposal.term}' is no longer in {path.name}. "
                                   "Someone may have changed the file. Propose it again as a new word.")
                shown = form_values(entry)
                raw, moved = _changes(shown, before, values, proposal.kind)
                if moved:
                    return Outcome(proposal.term, False, (
                        f"'{proposal.term}' was not published: since this change was proposed, someone changed "
                        f"{' and '.join(FIELD[k].label for k in moved)} in {path.name}. So that neither change is "
                        "lost, propose the change again from the word as it is now, or close this proposal."))
                saved = editor.save(entry, shown, raw)
            else:
                saved = editor.save(None, {}, values)
        except NotSaved as exc:
            return Outcome(proposal.term, False, f"'{proposal.term}' was not published: {exc}")
        proposal.state = PUBLISHED
        proposal.published = now()
        proposal.published_line = saved.line
        log(db, proposal.term, f"{who.name} published it to {path.name} (line {saved.line}).", who, proposal)
        db.commit()
        return Outcome(proposal.term, True, saved.message)


def _same(a: Any, b: Any) -> bool:
    """Two values of a box say the same (spaces and empty lines do not count)."""
    def norm(v: Any) -> str:
        return "\n".join(" ".join(line.split()) for line in str(v or "").splitlines() if line.strip())

    return norm(a) == norm(b)


def _changes(shown: dict[str, Any], before: dict[str, Any], values: dict[str, Any],
             kind: str) -> tuple[dict[str, Any], list[str]]:
    """The entry as it is in the file now, with only the boxes the proposal changed; and the boxes someone else
    changed in the file since, to something else (a conflict: nothing is written)."""
    changed = ["notes"] if kind == "retire" else [k for k in PROPOSAL_FIELDS if not _same(values.get(k), before.get(k))]
    moved = [k for k in changed if not _same(shown.get(k), before.get(k)) and not _same(shown.get(k), values.get(k))]
    raw = dict(shown)
    for key in changed:
        raw[key] = values.get(key, "")
    for key in (("status",) if kind == "retire" else ("agreed", "agreed_by", "status")):
        if values.get(key):
            raw[key] = values[key]
    return raw, moved


def publish_agreed(factory: sessionmaker[Session], who_id: int, lock_folder: Path, config: Any = None,
                   only: int | None = None) -> list[Outcome]:
    """Publish every agreed proposal (or only the one with id ``only``), each in its own transaction."""
    out: list[Outcome] = []
    with factory() as db:
        who = db.get(User, who_id)
        assert who is not None
        query = select(Proposal).where(Proposal.state == AGREED).order_by(Proposal.id)
        if only is not None:
            query = query.where(Proposal.id == only)
        for proposal in db.scalars(query).all():
            out.append(publish_one(db, who, proposal, lock_folder, config))
    return out
