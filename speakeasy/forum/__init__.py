"""``speakeasy forum``: the forum's own web pages, to propose, discuss, agree and publish words.

A small web application an organisation runs for its forum.  Pages are
rendered on the server as plain HTML that works without JavaScript.

* :mod:`.cli` adds ``speakeasy forum`` to the command line.  It imports
  nothing of the web stack until a command runs, and says in one line what to
  install when the ``forum`` extra is missing (:mod:`.deps`).
* :mod:`.settings` holds where the forum keeps its data and which lists it
  publishes to; :mod:`.db` and :mod:`.models` are the database (SQLAlchemy),
  with Alembic migrations in ``migrations/``.
* :mod:`.accounts` holds people, roles, passwords (argon2), invitations and
  the limit on login attempts.
* :mod:`.catalogue` reads every wordlist through speakeasy's own loader;
  :mod:`.proposals` checks a proposed word as ``words add`` does, and keeps
  comments, votes and meetings; :mod:`.publish` writes agreed words to the
  wordlist through the same splicing writer as ``words add``, under a file lock.
* :mod:`.app` is the Starlette application; :mod:`.pages` has its pages,
  with the templates in ``templates/`` and the style sheet in ``static/``.

Nothing below the command line imports this package.
"""
