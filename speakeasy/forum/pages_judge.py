"""Readability judged by the people it is for: two short passages, and which one is easier to read."""

from __future__ import annotations

import hashlib
import random

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response

from . import documents
from .models import Judgement, Passage, User
from .web import form, forum, go, member, notice, render

CHOICES = {"first": "Passage A is easier to read", "second": "Passage B is easier to read",
           "same": "They are as easy as each other"}
MAX_REASON = 2000


def sync(db: Session, request: Request) -> list[Passage]:
    """The passages of the documents folder, each kept once in the database (so judgements can name them)."""
    found = documents.passages(forum(request).settings.documents)
    have = {p.digest: p for p in db.scalars(select(Passage)).all()}
    wanted: set[str] = set()
    for para in found:
        digest = hashlib.sha256(para.text.encode("utf-8")).hexdigest()
        wanted.add(digest)
        if digest not in have:
            have[digest] = Passage(digest=digest, source=para.source, text=para.text)
            db.add(have[digest])
    db.commit()
    return [p for d, p in have.items() if d in wanted]


def _pair(db: Session, user: User, passages: list[Passage]) -> tuple[Passage, Passage] | None:
    if len(passages) < 2:
        return None
    done = {frozenset((j.first_id, j.second_id)) for j in db.scalars(
        select(Judgement).where(Judgement.judge_id == user.id)).all()}
    pair = random.sample(passages, 2)
    for _ in range(30):
        if frozenset((pair[0].id, pair[1].id)) not in done:
            break
        pair = random.sample(passages, 2)
    return pair[0], pair[1]


@member
async def judge(request: Request, db: Session, user: User) -> Response:
    count = db.scalar(select(func.count()).select_from(Judgement).where(Judgement.judge_id == user.id)) or 0
    if request.method == "GET":
        pair = _pair(db, user, sync(db, request))
        return render(request, "judge.html", {"pair": pair, "choices": CHOICES, "count": count}, db)
    data = await form(request)
    first = db.get(Passage, int(data["first"])) if data.get("first", "").isdigit() else None
    second = db.get(Passage, int(data["second"])) if data.get("second", "").isdigit() else None
    if first is None or second is None or first.id == second.id:
        notice(request, "Those passages are no longer here. Here are two more.")
        return go("/judge")
    errors = {}
    easier = data.get("easier", "")
    reason = data.get("reason", "").strip()
    if easier not in CHOICES:
        errors["easier"] = "Choose which passage is easier to read, or that they are as easy as each other."
    if len(reason) > MAX_REASON:
        errors["reason"] = f"Your reason is too long. Keep it under {MAX_REASON} letters."
    if errors:
        return render(request, "judge.html", {"pair": (first, second), "choices": CHOICES, "count": count,
                                              "errors": errors, "values": {"reason": reason}}, db, status=400)
    db.add(Judgement(first_id=first.id, second_id=second.id, easier=easier, reason=reason, judge_id=user.id))
    db.commit()
    notice(request, "Thank you. Your answer is saved. Here are two more passages.")
    return go("/judge")
