"""The pages about accounts: log in and out, accept an invitation, invite members, the display settings."""

from __future__ import annotations

from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from .accounts import AccountProblem, accept, authenticate, invite, open_invitation
from .models import MAINTAINER, MEMBER, User
from .web import current_user, form, forum, go, log_in, maintainer, notice, render, safe_next


async def login(request: Request) -> Response:
    f = forum(request)
    with f.db() as db:
        if request.method == "GET":
            return render(request, "login.html", {"next": safe_next(request.query_params.get("next"))}, db)
        data = await form(request)
        username = data.get("username", "").strip()
        address = request.client.host if request.client else "unknown"
        nxt = safe_next(data.get("next"))
        values = {"username": username}
        if not f.logins.allowed(username, address):
            return render(request, "login.html", {"next": nxt, "values": values, "errors": {
                "username": "Too many tries with this name. Wait 15 minutes, then try again, "
                            "or ask a maintainer to help."}}, db, status=429)
        # the hash takes a good part of a second on purpose: not on the loop that serves everyone else
        user = await run_in_threadpool(authenticate, db, username, data.get("password", ""))
        if user is None:
            f.logins.failed(username, address)
            return render(request, "login.html", {"next": nxt, "values": values, "errors": {
                "password": "The login name or the password is not right. Check them and try again."}},
                db, status=400)
        db.commit()
        log_in(request, user)
        notice(request, f"You are logged in as {user.name}.")
        return go(nxt)


async def logout(request: Request) -> Response:
    theme, size = request.session.get("theme"), request.session.get("size")
    request.session.clear()
    if theme:
        request.session.update({"theme": theme, "size": size or "standard"})
    notice(request, "You are logged out.")
    return go("/")


async def join(request: Request) -> Response:
    code = request.path_params["code"]
    with forum(request).db() as db:
        inv = open_invitation(db, code)
        if request.method == "GET":
            return render(request, "join.html", {"invitation": inv, "code": code}, db, status=200 if inv else 404)
        data = await form(request)
        values = {k: data.get(k, "") for k in ("username", "name")}
        try:
            user = accept(db, code, data.get("username", ""), data.get("name", ""), data.get("password", ""),
                          data.get("again", ""))
        except AccountProblem as exc:
            db.rollback()
            return render(request, "join.html", {"invitation": inv, "code": code, "values": values,
                                                 "errors": {exc.field or "username": exc.message}}, db, status=400)
        db.commit()
        log_in(request, user)
        notice(request, f"Welcome, {user.name}. Your account is ready.")
        return go("/")


@maintainer
async def invitations(request: Request, db: Session, user: User) -> Response:
    link = None
    if request.method == "POST":
        data = await form(request)
        role = data.get("role", MEMBER)
        try:
            code = invite(db, user, role, data.get("note", ""))
        except AccountProblem as exc:
            return render(request, "invite.html", {"errors": {"role": exc.message}, "values": data}, db,
                          status=400)
        db.commit()
        link = f"{str(request.base_url).rstrip('/')}/join/{code}"
    return render(request, "invite.html", {"link": link, "roles": (MEMBER, MAINTAINER)}, db)


async def display(request: Request) -> Response:
    """High contrast and larger text, kept for this browser (no script needed)."""
    with forum(request).db() as db:
        if request.method == "POST":
            data = await form(request)
            request.session["theme"] = "contrast" if data.get("theme") == "contrast" else "standard"
            request.session["size"] = data.get("size") if data.get("size") in ("large", "larger") else "standard"
            notice(request, "Your display settings are saved.")
            return go("/display")
        return render(request, "display.html", {"me": current_user(request, db)}, db)
