"""The forum's database: an engine and sessions from the settings, and the migrations run with Alembic."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from .settings import ForumSettings

MIGRATIONS = Path(__file__).with_name("migrations")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        # an SQLite connection is cheap: enough of them for every request waiting on the server at once
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, pool_size=20,
                               max_overflow=200)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(conn, _record):  # type: ignore[no-untyped-def]
            cur = conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=60)


def migrate(engine: Engine) -> None:
    """Bring the database up to the newest migration (made on first use)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def open_database(settings: "ForumSettings") -> sessionmaker[Session]:
    """The database named by the settings, migrated, as a maker of sessions.

    Raises :class:`~speakeasy.errors.UsageError` with one line when it cannot be opened.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

    from ..errors import UsageError

    url = settings.database_url()
    try:
        shown = make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        raise UsageError(f"'{url}' is not a database URL. Write it like "
                         "postgresql+psycopg://forum@localhost/forum.") from None
    try:
        if url.startswith("sqlite"):
            settings.data.mkdir(parents=True, exist_ok=True)
        engine = make_engine(url)
        migrate(engine)
    except NoSuchModuleError:
        raise UsageError(f"speakeasy cannot use the database {shown}: its driver is not installed. For "
                         "PostgreSQL: pip install 'speakeasy-lint[forum,postgres]'.") from None
    except ModuleNotFoundError as exc:
        raise UsageError(f"speakeasy cannot use the database {shown}: the driver {exc.name} is not installed. For "
                         "PostgreSQL: pip install 'speakeasy-lint[forum,postgres]'.") from None
    except (SQLAlchemyError, OSError) as exc:
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())[:300]
        raise UsageError(f"speakeasy could not open the database {shown}: {reason}") from None
    return sessionmaker(engine, expire_on_commit=False)
