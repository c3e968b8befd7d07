"""``speakeasy forum``: serve the forum's pages, and make its first maintainer.

The parser imports nothing of the web stack.  When a command runs without the
``forum`` extra installed, it says in one line what to install (exit 2).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, Callable

from ..errors import EXIT_OK, EXIT_USAGE, UsageError

SETTINGS_HELP = "where the forum keeps its database and secret key (default: .speakeasy-forum)"


def _common(p: argparse.ArgumentParser, add_config_options: Callable[[argparse.ArgumentParser], None]) -> None:
    g = p.add_argument_group("the forum")
    g.add_argument("--data", metavar="FOLDER", default=None, help=SETTINGS_HELP)
    g.add_argument("--database", metavar="URL", default=None,
                   help="a database URL, like postgresql+psycopg://forum@localhost/forum (default: a SQLite "
                   "file in the data folder; or set SPEAKEASY_FORUM_DATABASE)")
    g.add_argument("--list", metavar="FILE",
                   help="the organisation's own wordlist, where agreed words are published (default: your one "
                   "wordlist in the configuration)")
    g.add_argument("--name", default=None, metavar="NAME", help="the forum's name on its pages (default: Our forum)")
    g.add_argument("--documents", metavar="FOLDER",
                   help="a folder of the organisation's documents: passages to judge, and where each word is used")
    add_config_options(p)


def add_parser(sub: Any, add_config_options: Callable[[argparse.ArgumentParser], None]) -> None:
    forum = sub.add_parser(
        "forum", help="the forum's web pages: propose, discuss, agree and publish words",
        description="A small web site for the forum: members propose words, comment and vote; maintainers "
        "agree words at a meeting and publish them to the wordlist. Needs: pip install 'speakeasy-lint[forum]'")
    fsub = forum.add_subparsers(dest="forum_command", metavar="ACTION", parser_class=type(forum))
    serve = fsub.add_parser("serve", help="run the forum's web pages",
                            description="Run the forum's web pages. By default only this computer can open "
                            "them, at http://127.0.0.1:8000/.")
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to listen on (default 127.0.0.1: this computer only)")
    serve.add_argument("--port", type=int, default=8000, help="the port to listen on (default 8000)")
    serve.add_argument("--https", action="store_true",
                       help="the forum is served behind HTTPS: send cookies only over HTTPS")
    _common(serve, add_config_options)
    first = fsub.add_parser("add-maintainer", help="make a maintainer's account (the first one, or another)",
                            description="Make an account for a maintainer. The password is asked for twice, "
                            "or read from standard input with --password-stdin.")
    first.add_argument("username", metavar="LOGIN_NAME")
    first.add_argument("--full-name", required=True, metavar="NAME", help="the person's name, as the forum shows it")
    first.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    _common(first, add_config_options)
    cal = fsub.add_parser("calibrate", help="fit the plain score to the forum's judgements of which passage is easier",
                          description="Fit the plain score's weights to the forum's answers on the page 'Easier to "
                          "read?', and write them to a file. Says how often the score agreed with the forum "
                          "before and after (cross-validated).")
    cal.add_argument("-o", "--out", default="plain-score-weights.json", metavar="FILE",
                     help="where to write the weights (default: plain-score-weights.json)")
    _common(cal, add_config_options)


def settings_from(args: argparse.Namespace) -> tuple[Any, Any]:
    """The forum's settings and speakeasy's configuration, from the options."""
    from ..cliargs import settings_from as config_from
    from ..packs import builtin_wordlists_dir
    from ..words.cli import target_list
    from .settings import DATABASE_ENV, DEFAULT_DATA, ForumSettings

    config = config_from(args)
    wordlist = target_list(args, config)
    if wordlist.exists() and not wordlist.is_file():
        raise UsageError(f"{wordlist}: this is not a file. Give the wordlist file with --list.")
    shipped = sorted(builtin_wordlists_dir().glob("*.yaml"))
    extra = [config.base("wordlists") / str(p) for p in (config["wordlists"] or [])
             if str(p).endswith((".yaml", ".yml"))]
    mine = _from_settings(config)
    base = config.base("forum")
    data = Path(args.data) if args.data else (base / mine["data"] if "data" in mine else Path(DEFAULT_DATA))
    documents = args.documents or (str(base / mine["documents"]) if "documents" in mine else None)
    settings = ForumSettings(data=data, wordlist=wordlist, lists=[*shipped, *extra],
                             database=args.database or os.environ.get(DATABASE_ENV, "") or mine.get("database", ""),
                             name=" ".join((args.name or mine.get("name") or "Our forum").split()) or "Our forum",
                             secure_cookies=bool(getattr(args, "https", False)),
                             documents=Path(documents) if documents else None)
    if settings.documents is not None and not settings.documents.is_dir():
        raise UsageError(f"{settings.documents}: there is no folder here. Give a folder of documents with --documents.")
    return settings, config


#: the keys of ``forum:`` in the settings file
SETTING_KEYS = ("database", "documents", "data", "name")


def _from_settings(config: Any) -> dict[str, str]:
    """``forum:`` in .speakeasy.yaml, checked: only the keys the forum knows, each a text."""
    mine = config["forum"] or {}
    where = config.origins.get("forum", "the settings")
    for key, value in mine.items():
        if key not in SETTING_KEYS:
            raise UsageError(f"{where}: `forum` has `{key}`, which the forum does not know. It can have: "
                             f"{', '.join(SETTING_KEYS)}.")
        if not isinstance(value, str) or not value.strip():
            raise UsageError(f"{where}: `forum: {key}` should be a text, like "
                             f"{'postgresql+psycopg://forum@localhost/forum' if key == 'database' else 'policies'}.")
    return {str(k): str(v).strip() for k, v in mine.items()}


def run(args: argparse.Namespace) -> int:
    from .deps import problem

    missing = problem()
    if missing:
        sys.stderr.write(f"speakeasy: error: {missing}\n")
        return EXIT_USAGE
    if args.forum_command is None:
        raise UsageError("say what to do: speakeasy forum serve, add-maintainer or calibrate. "
                         "speakeasy forum --help says more.")
    settings, config = settings_from(args)
    if args.forum_command == "add-maintainer":
        return _add_maintainer(args, settings)
    if args.forum_command == "calibrate":
        return _calibrate(args, settings)
    return _serve(args, settings, config)


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    first = getpass.getpass("Password (at least 10 letters, numbers or other marks): ")
    again = getpass.getpass("The same password again: ")
    if first != again:
        raise UsageError("the two passwords are not the same. Nothing was saved. Try again.")
    return first


def _add_maintainer(args: argparse.Namespace, settings: Any) -> int:
    from .accounts import AccountProblem, create_user
    from .db import open_database
    from .models import MAINTAINER

    factory = open_database(settings)
    password = _read_password(args)
    with factory() as db:
        try:
            user = create_user(db, args.username, args.full_name, password, MAINTAINER)
        except AccountProblem as exc:
            raise UsageError(exc.message[:1].lower() + exc.message[1:] + " Nothing was saved.") from None
        db.commit()
        sys.stdout.write(f"Made the maintainer '{user.username}' ({user.name}). Start the forum with: "
                         "speakeasy forum serve, then log in.\n")
    return EXIT_OK


def _calibrate(args: argparse.Namespace, settings: Any) -> int:
    from sqlalchemy import select

    from .calibrate import Pair, TooFew, calibrate, percent, write
    from .db import open_database
    from .models import Judgement

    factory = open_database(settings)
    with factory() as db:
        judgements = db.scalars(select(Judgement).order_by(Judgement.id)).unique().all()
        pairs = [Pair(j.first.text, j.second.text, {"first": 1.0, "second": 0.0}.get(j.easier, 0.5))
                 for j in judgements]
        judges = len({j.judge_id for j in judgements})
    try:
        result = calibrate(pairs, f" ({len(pairs)} answers from {judges} members)")
    except TooFew as exc:
        raise UsageError(str(exc)) from None
    out = Path(args.out)
    try:
        write(result, out)
    except OSError as exc:
        raise UsageError(f"{out}: speakeasy could not write the weights here ({exc.strerror or exc}).") from None
    sys.stdout.write(
        f"{result.pairs} answers from {judges} members; {result.decided} chose one passage.\n"
        f"The plain score agreed with the forum on {percent(result.before)} of them with the shipped weights, "
        f"and on {percent(result.after)} with weights fitted to the forum (tested on answers left out of the "
        f"fit, in 5 parts).\nWrote the weights to {out}.\n")
    return EXIT_OK


def _serve(args: argparse.Namespace, settings: Any, config: Any) -> int:
    import uvicorn

    from .accounts import count_users
    from .app import create_app
    from .db import open_database

    if not settings.wordlist.exists():
        # made now, not at the first publish: the settings may name it, and a list named there must exist
        from ..words.edit.form import title_from
        from ..words.store import WordlistFile

        try:
            WordlistFile.create(settings.wordlist, title_from(settings.wordlist)).save()
        except OSError as exc:
            raise UsageError(f"{settings.wordlist}: speakeasy could not make the wordlist here "
                             f"({exc.strerror or exc}).") from None
        sys.stdout.write(f"Made a new wordlist, {settings.wordlist}, with the licence CC-BY-4.0, for the words "
                         "the forum agrees. Change licence: at the top if your group chose another.\n")
    factory = open_database(settings)
    with factory() as db:
        if count_users(db) == 0:
            sys.stdout.write("The forum has no accounts yet. Make the first maintainer with: speakeasy forum "
                             "add-maintainer LOGIN_NAME --full-name 'YOUR NAME'\n")
    import socket

    try:
        with socket.create_server((args.host, args.port)):
            pass
    except OSError as exc:
        raise UsageError(f"the forum cannot listen on {args.host} port {args.port} ({exc.strerror or exc}). "
                         "Another program may be using it: choose another port with --port.") from None
    if args.host not in ("127.0.0.1", "localhost", "::1") and not args.https:
        sys.stdout.write("Other computers can open the forum now. Put it behind HTTPS and use --https, so that "
                         "passwords and cookies are not sent as plain text.\n")
    app = create_app(settings, config, factory)
    sys.stdout.write(f"The forum is at http://{args.host}:{args.port}/ . Press Control and C to stop it.\n")
    sys.stdout.flush()
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", proxy_headers=False)
    return EXIT_OK
