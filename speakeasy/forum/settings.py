"""Where the forum keeps its data, which database it uses, and which wordlists it shows and publishes to."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

#: the folder for the forum's database and secret key, unless --data names another
DEFAULT_DATA = ".speakeasy-forum"
#: the environment variable that can name the database instead of --database
DATABASE_ENV = "SPEAKEASY_FORUM_DATABASE"


@dataclass
class ForumSettings:
    #: the folder for the SQLite database, the secret key and the locks
    data: Path
    #: the organisation's own wordlist: agreed words are published to it
    wordlist: Path
    #: every wordlist the forum shows (the shipped ones in use and the organisation's)
    lists: list[Path] = field(default_factory=list)
    #: a SQLAlchemy database URL; empty for SQLite in ``data``
    database: str = ""
    #: a folder of the organisation's documents, to show where a word is used
    documents: Path | None = None
    #: the name the pages give the forum
    name: str = "Our forum"
    #: cookies only over HTTPS (set when the forum is served behind HTTPS)
    secure_cookies: bool = False
    #: login attempts allowed for one name in 15 minutes
    login_limit: int = 5

    def database_url(self) -> str:
        url = self.database or os.environ.get(DATABASE_ENV, "")
        if url:
            return url
        return f"sqlite:///{(self.data / 'forum.db').resolve()}"

    def secret_key(self) -> str:
        """The key that signs session and form cookies.

        Made once, and kept in the data folder, where only its owner can read it.
        """
        self.data.mkdir(parents=True, exist_ok=True)
        path = self.data / "secret.key"
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as out:
                out.write(secrets.token_urlsafe(48))
        return path.read_text(encoding="ascii").strip()

    def lock_folder(self) -> Path:
        folder = self.data / "locks"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
