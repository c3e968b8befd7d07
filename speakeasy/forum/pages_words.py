"""The pages about words: every list, search, one word with its history, and proposing a word or a change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from ..words.edit.form import FIELD, NotSaved, form_values
from . import catalogue, documents
from .models import Event, Proposal, User
from .proposals import PROPOSAL_FIELDS, propose, retire
from .web import form, forum, go, maintainer, member, notice, render


def lists(request: Request) -> list[catalogue.ListView]:
    s = forum(request).settings
    return catalogue.load(s.lists, s.wordlist)


async def home(request: Request) -> Response:
    with forum(request).db() as db:
        views = lists(request)
        counts = {state: n for state, n in db.execute(
            select(Proposal.state, func.count()).group_by(Proposal.state)).all()}
        return render(request, "home.html", {"lists": views, "counts": counts}, db)


async def words(request: Request) -> Response:
    query = request.query_params.get("q", "").strip()[:200]
    key = request.query_params.get("list", "")
    with forum(request).db() as db:
        views = lists(request)
        shown = [v for v in views if not key or v.key == key]
        found = catalogue.search(shown, query)
        return render(request, "words.html", {"lists": views, "query": query, "key": key, "found": found[:500],
                                              "total": len(found)}, db)


async def word(request: Request) -> Response:
    key, term = request.path_params["list"], request.path_params["term"]
    line = request.query_params.get("line")
    found = catalogue.find(lists(request), key, term, int(line) if line and line.isdigit() else None)
    if found is None:
        raise HTTPException(404, f"There is no word '{term}' in this list.")
    view, entry = found
    with forum(request).db() as db:
        history = db.scalars(select(Event).where(func.lower(Event.term) == entry.term.lower())
                             .order_by(Event.id)).all()
        open_ones = db.scalars(select(Proposal).where(func.lower(Proposal.term) == entry.term.lower())
                               .order_by(Proposal.id)).all()
        folder = forum(request).settings.documents
        return render(request, "word.html", {"view": view, "entry": entry, "history": history,
                                             "proposals": open_ones, "folder": folder,
                                             "uses": documents.uses(folder, entry.term)}, db)


def _line(request: Request) -> int | None:
    """The ``line`` the page asks for (a term can be in a list twice)."""
    line = request.query_params.get("line", "")
    return int(line) if line.isdigit() else None


def _blank() -> dict[str, Any]:
    return {k: "" for k in PROPOSAL_FIELDS}


def fields() -> list[Any]:
    return [FIELD[k] for k in PROPOSAL_FIELDS]


@member
async def new_proposal(request: Request, db: Session, user: User) -> Response:
    settings = forum(request).settings
    change = request.query_params.get("change")  # list key / term: a change to a word in our own list
    entry = None
    if change:
        key, _, term = change.partition("/")
        found = catalogue.find(lists(request), key, term, _line(request))
        if found is None or not found[0].ours:
            raise HTTPException(404, "You can propose changes to the words of your own list only.")
        entry = found[1]
    if request.method == "GET":
        values = {k: str(v) for k, v in form_values(entry).items() if k in PROPOSAL_FIELDS} if entry else _blank()
        return render(request, "propose.html", {"fields": fields(), "values": values, "entry": entry,
                                                "change": change or ""}, db)
    data = await form(request)
    values = {k: data.get(k, "") for k in PROPOSAL_FIELDS}
    try:
        proposal = propose(db, user, Path(settings.wordlist), values, entry, forum(request).config)
    except NotSaved as exc:
        db.rollback()
        return render(request, "propose.html", {"fields": fields(), "values": values, "entry": entry,
                                                "change": change or "",
                                                "errors": {exc.key or "term": as_sentence(str(exc))}}, db, status=400)
    db.commit()
    notice(request, f"Thank you. Your proposal for '{proposal.term}' is saved. The forum can discuss it now.")
    return go(f"/proposals/{proposal.id}")


@maintainer
async def retire_word(request: Request, db: Session, user: User) -> Response:
    key, term = request.path_params["list"], request.path_params["term"]
    found = catalogue.find(lists(request), key, term, _line(request))
    if found is None or not found[0].ours:
        raise HTTPException(404, "You can retire the words of your own list only.")
    view, entry = found
    data = await form(request)
    try:
        proposal = retire(db, user, view.path, entry, data.get("reason", ""))
    except NotSaved as exc:
        db.rollback()
        history = db.scalars(select(Event).where(func.lower(Event.term) == entry.term.lower())
                             .order_by(Event.id)).all()
        return render(request, "word.html", {"view": view, "entry": entry, "history": history, "proposals": [],
                                             "folder": None, "uses": [], "values": data,
                                             "errors": {exc.key or "reason": str(exc)}}, db, status=400)
    db.commit()
    notice(request, f"The proposal to retire '{entry.term}' is saved. The forum can agree it at a meeting.")
    return go(f"/proposals/{proposal.id}")


def as_sentence(text: str) -> str:
    """A message from the word form, with a capital letter at the start."""
    return text[:1].upper() + text[1:]
