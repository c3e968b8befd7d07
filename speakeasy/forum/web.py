"""What every page shares: who is logged in, the role a page needs, rendering a template, and short messages."""

from __future__ import annotations

import functools
import hashlib
from typing import Any, Awaitable, Callable
from urllib.parse import quote

from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from .models import MAINTAINER, MEMBER, User

Handler = Callable[..., Awaitable[Response]]


def forum(request: Request) -> Any:
    return request.app.state.forum


def current_user(request: Request, db: Session) -> User | None:
    uid = request.session.get("uid")
    if uid is None:
        return None
    user = db.get(User, uid)
    if user is None or request.session.get("pw") != password_stamp(user):
        request.session.clear()  # the account is gone, or its password changed since
        return None
    return user


def password_stamp(user: User) -> str:
    """Kept in the session: it changes when the password does, and says nothing of the hash."""
    return hashlib.sha256(user.password_hash.encode("utf-8")).hexdigest()[:16]


def log_in(request: Request, user: User) -> None:
    request.session.clear()
    request.session.update({"uid": user.id, "pw": password_stamp(user)})


def render(request: Request, name: str, context: dict[str, Any], db: Session, status: int = 200) -> Response:
    f = forum(request)
    token = request.scope.get("csrftoken")
    ctx = {
        "request": request,
        "user": current_user(request, db),
        "csrftoken": token() if callable(token) else "",
        "forum_name": f.settings.name,
        "theme": request.session.get("theme", "standard"),
        "size": request.session.get("size", "standard"),
        "notice": request.session.pop("notice", None),
        "errors": {},
        "values": {},
        **context,
    }
    return f.templates.TemplateResponse(request, name, ctx, status_code=status)


def notice(request: Request, text: str) -> None:
    """A short message shown at the top of the next page ("Your comment is added.")."""
    request.session["notice"] = text


def go(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


def needs(role: str) -> Callable[[Handler], Handler]:
    """A page for people logged in with ``role`` (a maintainer can do what a member can).

    Someone not logged in is sent to the login page (and back after); a
    member on a maintainer's page gets 403 and a page that says why.
    """

    def wrap(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def page(request: Request) -> Response:
            f = forum(request)
            with f.db() as db:
                user = current_user(request, db)
                if user is None:
                    back = request.url.path if request.method == "GET" else "/"
                    return go(f"/login?next={quote(back)}")
                if role == MAINTAINER and user.role != MAINTAINER:
                    raise HTTPException(403, "Only a maintainer can do this.")
                return await handler(request, db, user)

        return page

    return wrap


member = needs(MEMBER)
maintainer = needs(MAINTAINER)


async def form(request: Request) -> dict[str, str]:
    data = await request.form()
    return {k: v for k, v in data.items() if isinstance(v, str) and k != "csrftoken"}


def safe_next(path: str | None) -> str:
    """Only a path on this forum, never another site."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    return path
