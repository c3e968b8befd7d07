"""Whether the forum's own libraries (the ``forum`` extra) are installed, said in one line."""

from __future__ import annotations

import importlib.util

#: module -> the package that gives it
NEEDED = {
    "starlette": "starlette",
    "jinja2": "jinja2",
    "multipart": "python-multipart",
    "itsdangerous": "itsdangerous",
    "uvicorn": "uvicorn",
    "sqlalchemy": "sqlalchemy",
    "alembic": "alembic",
    "argon2": "argon2-cffi",
    "asgi_csrf": "asgi-csrf",
    "limits": "limits",
    "filelock": "filelock",
}

INSTALL = "pip install 'speakeasy-lint[forum]'"


def missing() -> list[str]:
    """The packages of the ``forum`` extra that are not installed."""
    return [package for module, package in NEEDED.items() if importlib.util.find_spec(module) is None]


def problem() -> str | None:
    """A one-line message saying what to install, or None when everything is there."""
    gone = missing()
    if not gone:
        return None
    return (f"speakeasy forum needs {', '.join(gone)}, which {'is' if len(gone) == 1 else 'are'} not installed. "
            f"Install them with: {INSTALL}")
