"""The pages about proposals: the list, one proposal with its comments and votes, agreeing, meetings and publishing."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from ..words.edit.form import NotSaved
from . import catalogue
from .models import AGREED, CLOSED, OPEN, PUBLISHED, Meeting, Proposal, User
from .pages_words import as_sentence, fields, lists
from .proposals import PROPOSAL_FIELDS, Conflict, agree, close, comment, edit, record_meeting, tally, vote
from .publish import publish_agreed
from .web import form, forum, go, maintainer, member, notice, render

STATES = {OPEN: "Open for discussion", AGREED: "Agreed, waiting to be published", PUBLISHED: "Published",
          CLOSED: "Closed"}


async def proposals(request: Request) -> Response:
    with forum(request).db() as db:
        every = db.scalars(select(Proposal).order_by(Proposal.id.desc())).unique().all()
        groups = [(state, title, [p for p in every if p.state == state]) for state, title in STATES.items()]
        return render(request, "proposals.html", {"groups": groups}, db)


def _get(db: Session, request: Request) -> Proposal:
    proposal = db.get(Proposal, int(request.path_params["id"]))
    if proposal is None:
        raise HTTPException(404, "There is no proposal with this number.")
    return proposal


def _page(request: Request, db: Session, proposal: Proposal, status: int = 200, **extra: object) -> Response:
    meetings = db.scalars(select(Meeting).order_by(Meeting.held_on.desc())).all()
    return render(request, "proposal.html", {"p": proposal, "fields": fields(), "tally": tally(proposal),
                                             "meetings": meetings, "states": STATES, **extra}, db, status=status)


async def proposal_page(request: Request) -> Response:
    with forum(request).db() as db:
        return _page(request, db, _get(db, request))


@member
async def add_comment(request: Request, db: Session, user: User) -> Response:
    proposal = _get(db, request)
    data = await form(request)
    try:
        comment(db, user, proposal, data.get("comment", ""))
    except NotSaved as exc:
        return _page(request, db, proposal, 400, errors={"comment": str(exc)}, values=data)
    db.commit()
    notice(request, "Your comment is added.")
    return go(f"/proposals/{proposal.id}#comments")


@member
async def cast_vote(request: Request, db: Session, user: User) -> Response:
    proposal = _get(db, request)
    data = await form(request)
    if proposal.state != OPEN:
        return _page(request, db, proposal, 400, errors={"choice": "Voting has ended for this proposal."})
    try:
        vote(db, user, proposal, data.get("choice", ""))
    except NotSaved as exc:
        return _page(request, db, proposal, 400, errors={"choice": str(exc)})
    db.commit()
    notice(request, f"Your vote ({data.get('choice')}) is counted.")
    return go(f"/proposals/{proposal.id}#votes")


@member
async def edit_proposal(request: Request, db: Session, user: User) -> Response:
    proposal = _get(db, request)
    if proposal.state != OPEN:
        raise HTTPException(400, "Only an open proposal can be changed.")
    if proposal.kind == "retire":
        raise HTTPException(400, "A proposal to retire a word cannot be changed. Close it, and make a new one.")
    if proposal.proposed_by_id != user.id and not user.is_maintainer:
        raise HTTPException(403, "Only the person who proposed it, or a maintainer, can change a proposal.")
    values = {k: str(proposal.values.get(k, "")) for k in PROPOSAL_FIELDS}
    if request.method == "GET":
        return render(request, "edit.html", {"p": proposal, "fields": fields(), "values": values,
                                             "version": proposal.version}, db)
    data = await form(request)
    typed = {k: data.get(k, "") for k in PROPOSAL_FIELDS}
    version = int(data.get("version", "0") or 0)
    entry = None
    if proposal.kind == "change":
        before = proposal.before or {}
        line = before.get("line")
        found = catalogue.find(lists(request), Path(proposal.wordlist).stem, str(before.get("term")),
                               line if isinstance(line, int) else None)
        entry = found[1] if found else None
    try:
        edit(db, user, proposal, typed, version, forum(request).config, entry)
        db.commit()
    except NotSaved as exc:
        db.rollback()
        return render(request, "edit.html", {"p": proposal, "fields": fields(), "values": typed, "version": version,
                                             "errors": {exc.key or "term": as_sentence(str(exc))}}, db, status=400)
    except (Conflict, StaleDataError):
        db.rollback()
        fresh = db.get(Proposal, proposal.id)
        assert fresh is not None
        db.refresh(fresh)
        return render(request, "edit.html", {
            "p": fresh, "fields": fields(), "values": typed, "version": fresh.version, "theirs": fresh.values,
            "conflict": "Someone else changed this proposal while you were editing it. Their version is shown "
                        "below yours. Your changes are still in the boxes: check them against theirs, then "
                        "save again."}, db, status=409)
    notice(request, "Your changes are saved.")
    return go(f"/proposals/{proposal.id}")


@maintainer
async def agree_proposal(request: Request, db: Session, user: User) -> Response:
    proposal = _get(db, request)
    data = await form(request)
    meeting = db.get(Meeting, int(data["meeting"])) if data.get("meeting", "").isdigit() else None
    if meeting is None:
        return _page(request, db, proposal, 400, errors={"meeting": "Choose the meeting where the forum agreed "
                                                                    "it. If it is not there, record it first."})
    try:
        agree(db, user, proposal, meeting, forum(request).settings.name)
    except NotSaved as exc:
        return _page(request, db, proposal, 400, errors={"meeting": str(exc)})
    db.commit()
    notice(request, f"'{proposal.term}' is agreed. A maintainer can publish it now.")
    return go(f"/proposals/{proposal.id}")


@maintainer
async def close_proposal(request: Request, db: Session, user: User) -> Response:
    proposal = _get(db, request)
    data = await form(request)
    try:
        close(db, user, proposal, data.get("reason", ""))
    except NotSaved as exc:
        return _page(request, db, proposal, 400, errors={"reason": str(exc)})
    db.commit()
    notice(request, f"The proposal for '{proposal.term}' is closed.")
    return go(f"/proposals/{proposal.id}")


@maintainer
async def meetings(request: Request, db: Session, user: User) -> Response:
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    if request.method == "POST":
        values = await form(request)
        try:
            meeting = record_meeting(db, user, values.get("held_on", ""), values.get("present", ""),
                                     values.get("group", ""))
            db.commit()
            notice(request, f"The meeting on {meeting.held_on.isoformat()} is recorded.")
            return go("/meetings")
        except NotSaved as exc:
            db.rollback()
            errors = {exc.key or "held_on": str(exc)}
    every = db.scalars(select(Meeting).order_by(Meeting.held_on.desc())).all()
    return render(request, "meetings.html", {"meetings": every, "values": values, "errors": errors}, db,
                  status=400 if errors else 200)


@maintainer
async def publish(request: Request, db: Session, user: User) -> Response:
    f = forum(request)
    outcomes = None
    if request.method == "POST":
        outcomes = publish_agreed(f.db, user.id, f.settings.lock_folder(), f.config)
    waiting = db.scalars(select(Proposal).where(Proposal.state == AGREED).order_by(Proposal.id)).unique().all()
    return render(request, "publish.html", {"waiting": waiting, "outcomes": outcomes,
                                            "wordlist": f.settings.wordlist}, db)
