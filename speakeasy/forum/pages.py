"""The forum's pages: which address shows which page, and the pages shown when something is wrong."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from . import pages_accounts as accounts
from . import pages_judge as judging
from . import pages_proposals as props
from . import pages_words as words
from .web import forum, render

GET_POST = ["GET", "POST"]


def routes() -> list[Route]:
    return [
        Route("/", words.home),
        Route("/words", words.words),
        Route("/words/{list}/{term:path}", words.word),
        Route("/propose", words.new_proposal, methods=GET_POST),
        Route("/retire/{list}/{term:path}", words.retire_word, methods=["POST"]),
        Route("/proposals", props.proposals),
        Route("/proposals/{id:int}", props.proposal_page),
        Route("/proposals/{id:int}/comment", props.add_comment, methods=["POST"]),
        Route("/proposals/{id:int}/vote", props.cast_vote, methods=["POST"]),
        Route("/proposals/{id:int}/edit", props.edit_proposal, methods=GET_POST),
        Route("/proposals/{id:int}/agree", props.agree_proposal, methods=["POST"]),
        Route("/proposals/{id:int}/close", props.close_proposal, methods=["POST"]),
        Route("/meetings", props.meetings, methods=GET_POST),
        Route("/publish", props.publish, methods=GET_POST),
        Route("/judge", judging.judge, methods=GET_POST),
        Route("/login", accounts.login, methods=GET_POST),
        Route("/logout", accounts.logout, methods=["POST"]),
        Route("/join/{code}", accounts.join, methods=GET_POST),
        Route("/invite", accounts.invitations, methods=GET_POST),
        Route("/display", accounts.display, methods=GET_POST),
    ]


TITLES = {403: "You cannot do this", 404: "Page not found", 405: "Page not found", 400: "Something is wrong"}


async def _problem(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    detail = exc.detail if isinstance(exc, HTTPException) else "Something went wrong in the forum."
    if status == 404 and detail == "Not Found":
        detail = "There is no page at this address."
    if status == 405:
        status, detail = 404, "There is no page at this address."
    with forum(request).db() as db:
        return render(request, "problem.html", {"title": TITLES.get(status, "Something went wrong"),
                                                "detail": detail}, db, status=status)


def exception_handlers() -> dict[Any, Any]:
    return {HTTPException: _problem, Exception: _problem}
