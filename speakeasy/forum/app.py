"""The forum's Starlette application: sessions, protection against forged forms, the pages and their templates."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from asgi_csrf import asgi_csrf
from sqlalchemy.orm import Session, sessionmaker
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from .accounts import LoginLimit
from .db import open_database
from .settings import ForumSettings

HERE = Path(__file__).parent


class Forum:
    """What every page needs: the settings, the database, the templates and the login limit."""

    def __init__(self, settings: ForumSettings, config: Any = None,
                 factory: sessionmaker[Session] | None = None) -> None:
        self.settings = settings
        self.config = config
        self.db = factory or open_database(settings)
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True,
                                 undefined=jinja2.StrictUndefined)
        self.templates = Jinja2Templates(env=env)
        self.logins = LoginLimit(settings.login_limit)


#: every page: nothing from other sites, no framing, no guessing of types, and no invitation codes in referrers
SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; "
     b"frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
]


class SecurityHeaders:
    """Adds :data:`SECURITY_HEADERS` to every response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, with_headers)


class _Always:
    """Every path: forms are checked even before the first cookie (a forged login is refused too)."""

    def __contains__(self, _path: object) -> bool:
        return True


async def _forged(scope: Any, send: Any, message_id: Any) -> None:
    body = ("<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Form not sent - forum"
            "</title></head><body><main><h1>Your form was not sent</h1><p>The page was too old, or it did not "
            "come from this forum. Go back, load the page again, and send it again. What you typed may still "
            "be in the form.</p><p><a href=\"/\">Go to the start</a></p></main></body></html>")
    await send({"type": "http.response.start", "status": 403,
                "headers": [[b"content-type", b"text/html; charset=utf-8"]]})
    await send({"type": "http.response.body", "body": body.encode("utf-8")})


def create_app(settings: ForumSettings, config: Any = None, factory: sessionmaker[Session] | None = None) -> Any:
    from . import pages

    forum = Forum(settings, config, factory)
    secret = settings.secret_key()
    app = Starlette(
        routes=[*pages.routes(), Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")],
        middleware=[Middleware(SessionMiddleware, secret_key=secret, session_cookie="forum_session",
                               same_site="lax", https_only=settings.secure_cookies, max_age=60 * 60 * 12)],
        exception_handlers=pages.exception_handlers(),
    )
    app.state.forum = forum
    return SecurityHeaders(asgi_csrf(app, signing_secret=secret, always_protect=_Always(),
                                     cookie_secure=settings.secure_cookies, send_csrf_failed=_forged))


__all__ = ["Forum", "SecurityHeaders", "create_app"]
