"""The forum on a real PostgreSQL server: the migrations, each role against each action, the journey from a
proposal to a published word, a conflict, and two publishes at once.

The server is the one named by $SPEAKEASY_TEST_POSTGRES (``.ci/run`` starts one from Debian's package), or
else one this test starts with ``scripts/postgres_for_tests.sh`` on the loopback address.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from conftest import ROOT
from forum_browser import free_port
from forum_kit import Forum

pytestmark = pytest.mark.slow
psycopg = pytest.importorskip("psycopg", reason="needs psycopg (in the test extra)")

_count = itertools.count()


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = os.environ.get("SPEAKEASY_TEST_POSTGRES")
    if url:
        yield url
        return
    if not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        pytest.skip("PostgreSQL is not installed (.ci/run installs Debian's package 'postgresql')")
    folder = Path("/tmp") / f"speakeasy-pg-{os.getpid()}"  # short: the socket's path must be under 108 bytes
    port = free_port()
    out = subprocess.run(["bash", str(ROOT / "scripts" / "postgres_for_tests.sh"), str(folder), str(port)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    try:
        yield out.stdout.strip()
    finally:
        (pg_ctl,) = list(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))[-1:]
        as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*as_postgres, str(pg_ctl), "-D", str(folder / "db"), "-m", "fast", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def pg_forum(server_url: str, tmp_path: Path) -> Callable[[], Forum]:
    """Makes a forum on a new, empty database of the server each time it is called."""
    admin = server_url.replace("postgresql+psycopg://", "postgresql://")

    def make(documents: Path | None = None) -> Forum:
        name = f"forum_{os.getpid()}_{next(_count)}"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        folder = tmp_path / name
        folder.mkdir()
        return Forum(folder, database=server_url.rsplit("/", 1)[0] + "/" + name, documents=documents)

    return make


def test_the_migrations_make_the_tables_on_postgresql(pg_forum: Callable[[], Forum]) -> None:
    from sqlalchemy import inspect

    forum = pg_forum()
    engine = forum.factory.kw["bind"]
    assert engine.dialect.name == "postgresql"
    tables = set(inspect(engine).get_table_names())
    assert {"alembic_version", "users", "invitations", "proposals", "comments", "votes", "meetings", "events"} <= tables


def test_each_role_against_each_action_on_postgresql(pg_forum: Callable[[], Forum]) -> None:
    from test_forum_roles import ACTIONS, test_each_role_against_each_action

    for role in (None, "member", "maintainer"):
        for action in ACTIONS:
            test_each_role_against_each_action(pg_forum(), role, action)


def test_the_journey_and_a_conflict_on_postgresql(pg_forum: Callable[[], Forum]) -> None:
    from test_forum_publish import test_publish_writes_the_word_with_its_provenance_and_keeps_the_file
    from test_forum_words import (
        test_a_proposal_gets_the_checks_and_messages_of_words_add_and_keeps_what_was_typed,
        test_discuss_vote_and_agree_at_a_meeting,
        test_two_people_editing_one_proposal_get_a_conflict_message,
    )

    test_a_proposal_gets_the_checks_and_messages_of_words_add_and_keeps_what_was_typed(pg_forum())
    test_discuss_vote_and_agree_at_a_meeting(pg_forum())
    test_two_people_editing_one_proposal_get_a_conflict_message(pg_forum())
    test_publish_writes_the_word_with_its_provenance_and_keeps_the_file(pg_forum())


def test_two_publishes_at_once_on_postgresql(pg_forum: Callable[[], Forum], monkeypatch: Any) -> None:
    from test_forum_publish import test_two_maintainers_publishing_at_once_lose_neither_word

    test_two_maintainers_publishing_at_once_lose_neither_word(pg_forum(), monkeypatch)


def test_judgements_and_calibrate_on_postgresql(pg_forum: Callable[..., Forum], tmp_path: Path, capsys: Any) -> None:
    from speakeasy.cli import main
    from test_forum_judge import _answers, documents

    styles = documents(tmp_path / "documents")
    forum = pg_forum(tmp_path / "documents")
    forum.styles = styles  # type: ignore[attr-defined]
    _answers(forum)
    out = tmp_path / "weights.json"
    assert main(["forum", "calibrate", "--no-config", "--list", str(forum.wordlist), "--data",
                 str(forum.settings.data), "--database", forum.settings.database, "-o", str(out)]) == 0
    assert "66 answers from 3 members; 54 chose one passage." in capsys.readouterr().out
    assert out.is_file()
