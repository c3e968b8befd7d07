"""Proposed words: checked as ``words add`` checks them, discussed, voted on and agreed at a meeting."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..packdata import Entry
from ..words.edit.editor import WordlistEditor
from ..errors import SpeakeasyError
from ..schema import DataErrors
from ..words.edit.form import FIELD, NotSaved, blank_form, first_problem, form_values
from .models import AGREED, CLOSED, OPEN, Comment, Event, Meeting, Proposal, User, Vote

#: the boxes a member fills in to propose a word, in the order of a wordlist file
PROPOSAL_FIELDS = ("term", "use", "why", "as", "when", "unless", "examples", "notes", "source", "licence")
#: the longest text a box takes
MAX_BOX = 4000


class _Trial(WordlistEditor):
    """The form of ``words edit``, saving nothing: the new text is checked by the strict loader and thrown away."""

    def _write(self, wf: Any) -> None:
        wf.save = wf.wordlist  # check the text as save() would, but do not write it
        super()._write(wf)

    def shipped_word_message(self, term: str, origin: dict[str, Any], listed: str) -> str:
        # a member on a web page has no command line to run
        return (f"'{term}' is already in {listed}, so speakeasy would flag it twice. "
                f"To use your own words for '{origin.get('term')}', ask a maintainer.")


def form_from(raw: dict[str, Any], added_by: str) -> dict[str, Any]:
    """The boxes a member sent, as a whole form of ``words edit`` (the other boxes empty)."""
    form = blank_form(status="proposed", added_by=added_by)
    for key in PROPOSAL_FIELDS:
        form[key] = str(raw.get(key, "") or "")[:MAX_BOX]
    return form


def check(wordlist: Path, form: dict[str, Any], entry: Entry | None = None, config: Any = None) -> None:
    """Raise :class:`NotSaved` (plain words, and the box it is about) if the word could not be added.

    The same checks and messages as ``words add`` and ``words edit``: the
    editor adds the word to a copy of the list and the strict loader reads it.
    """
    for key in PROPOSAL_FIELDS:
        if len(str(form.get(key, ""))) >= MAX_BOX:
            raise NotSaved(f"'{FIELD[key].label}' is too long. Keep it under {MAX_BOX} letters.", key)
    try:
        trial = _Trial(wordlist, config)
    except (DataErrors, SpeakeasyError) as exc:
        raise NotSaved(f"The list {wordlist.name} has a mistake, so no word can be added to it until a "
                       f"maintainer puts it right: {first_problem(exc)}") from None
    if entry is None:
        trial.save(None, {}, form)
    else:
        trial.save(entry, form_values(entry), form)


def log(db: Session, term: str, what: str, who: User | None, proposal: Proposal | None = None) -> None:
    db.add(Event(term=term, what=what, who_id=who.id if who else None, proposal_id=proposal.id if proposal else None))


def propose(db: Session, who: User, wordlist: Path, raw: dict[str, Any], entry: Entry | None = None,
            config: Any = None) -> Proposal:
    """A new proposal, checked first (raises :class:`NotSaved`)."""
    form = form_from(raw, who.name)
    if entry is not None:
        form["added_by"] = entry.added_by or who.name
    check(wordlist, form, entry, config)
    term = " ".join(form["term"].split())
    proposal = Proposal(kind="change" if entry else "new", term=term, wordlist=str(wordlist), values=form,
                        before=_before(entry) if entry else None, proposed_by_id=who.id)
    db.add(proposal)
    db.flush()
    log(db, term, f"{who.name} proposed {'a change to' if entry else 'the word'} '{term}'.", who, proposal)
    return proposal


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, (_dt.date,)) else v) for k, v in values.items()}


def _before(entry: Entry) -> dict[str, Any]:
    """The entry's values when proposed, and its line, so that publishing changes this entry (a term can be there twice)."""
    return {**_jsonable(form_values(entry)), "line": entry.line}


def retire(db: Session, who: User, wordlist: Path, entry: Entry, reason: str) -> Proposal:
    """A maintainer's proposal to retire a word of our own list: kept in the file for the record, never used."""
    reason = " ".join(reason.split())
    if not reason:
        raise NotSaved("Say why the forum should stop using this word.", "reason")
    if entry.status == "retired":
        raise NotSaved("This word is already retired.", "reason")
    values = _jsonable(form_values(entry))
    values["status"] = "retired"
    values["notes"] = ((values.get("notes") or "") + f" Retired because: {reason}").strip()[:MAX_BOX]
    proposal = Proposal(kind="retire", term=entry.term, wordlist=str(wordlist), values=values,
                        before=_before(entry), proposed_by_id=who.id)
    db.add(proposal)
    db.flush()
    log(db, entry.term, f"{who.name} proposed to retire '{entry.term}': {reason}", who, proposal)
    return proposal


class Conflict(Exception):
    """Someone else changed the proposal since the page was shown."""


def edit(db: Session, who: User, proposal: Proposal, raw: dict[str, Any], version: int, config: Any = None,
         entry: Entry | None = None) -> None:
    """Change an open proposal, if nobody else changed it since ``version`` (raises :class:`Conflict`)."""
    if proposal.version != version:
        raise Conflict()
    form = form_from(raw, proposal.values.get("added_by") or who.name)
    check(Path(proposal.wordlist), form, entry, config)
    proposal.values = form
    proposal.term = " ".join(form["term"].split())
    log(db, proposal.term, f"{who.name} changed the proposal.", who, proposal)


def comment(db: Session, who: User, proposal: Proposal, text: str) -> Comment:
    text = text.strip()
    if not text:
        raise NotSaved("Your comment is empty. Write what you think, then press Add comment.", "comment")
    if len(text) > MAX_BOX:
        raise NotSaved(f"Your comment is too long. Keep it under {MAX_BOX} letters.", "comment")
    c = Comment(proposal_id=proposal.id, author_id=who.id, text=text)
    db.add(c)
    return c


def vote(db: Session, who: User, proposal: Proposal, choice: str) -> None:
    if choice not in ("for", "against"):
        raise NotSaved("Choose for or against.", "choice")
    mine = db.scalar(select(Vote).where(Vote.proposal_id == proposal.id, Vote.voter_id == who.id))
    if mine is None:
        db.add(Vote(proposal_id=proposal.id, voter_id=who.id, choice=choice))
    else:
        mine.choice = choice


def tally(proposal: Proposal) -> tuple[int, int]:
    return (sum(v.choice == "for" for v in proposal.votes), sum(v.choice == "against" for v in proposal.votes))


def record_meeting(db: Session, who: User, held_on: str, present: str, group: str) -> Meeting:
    try:
        day = _dt.date.fromisoformat(held_on.strip())
    except ValueError:
        raise NotSaved(f"The date should be like 2026-03-14, not '{held_on.strip()}'. Write the year, then the "
                       "month, then the day, with '-' between them.", "held_on") from None
    people = [line.strip() for line in present.splitlines() if line.strip()]
    if not people:
        raise NotSaved("Write who was at the meeting, one name on each line.", "present")
    meeting = Meeting(held_on=day, present="\n".join(people), group=" ".join(group.split())[:200],
                      recorded_by_id=who.id)
    db.add(meeting)
    db.flush()
    return meeting


def agree(db: Session, who: User, proposal: Proposal, meeting: Meeting, forum_name: str) -> None:
    if proposal.state != OPEN:
        raise NotSaved("Only an open proposal can be agreed.")
    values = dict(proposal.values)
    if proposal.kind == "retire":
        values["status"] = "retired"  # when and by whom the word was agreed stays as it was
        values["notes"] = (f"{values.get('notes') or ''} Retired at the meeting on "
                           f"{meeting.held_on.isoformat()}.").strip()
    else:
        values["agreed"] = meeting.held_on.isoformat()
        values["agreed_by"] = meeting.group or forum_name
        values["status"] = "agreed"
    proposal.values = values
    proposal.state = AGREED
    proposal.meeting_id = meeting.id
    log(db, proposal.term, f"Agreed at the meeting on {meeting.held_on.isoformat()} "
        f"({', '.join(meeting.people())} were there); recorded by {who.name}.", who, proposal)


def close(db: Session, who: User, proposal: Proposal, reason: str) -> None:
    if proposal.state not in (OPEN, AGREED):
        raise NotSaved("This proposal is already closed or published.")
    proposal.state = CLOSED
    log(db, proposal.term, f"{who.name} closed the proposal" + (f": {reason.strip()}" if reason.strip() else "."),
        who, proposal)
