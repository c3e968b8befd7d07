"""People and roles: passwords hashed with argon2, invitations, and a limit on login attempts."""

from __future__ import annotations

import datetime as _dt
import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from limits import RateLimitItemPerMinute, storage, strategies
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .models import MAINTAINER, MEMBER, ROLES, Invitation, User, now

#: argon2id with the library's recommended costs (RFC 9106)
_HASHER = PasswordHasher()
#: a password shorter than this is refused
MIN_PASSWORD = 10
#: an invitation link works for this long
INVITATION_DAYS = 14


class AccountProblem(Exception):
    """Something about an account the person can put right; ``field`` names the box it is about."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def password_problem(password: str, again: str | None = None) -> str | None:
    if len(password) < MIN_PASSWORD:
        return f"Your password needs at least {MIN_PASSWORD} letters, numbers or other marks."
    if again is not None and password != again:
        return "The two passwords are not the same. Type the same password in both boxes."
    return None


def username_problem(username: str) -> str | None:
    if not username:
        return "Give a name to log in with."
    if len(username) > 80 or not all(c.isalnum() or c in "._-" for c in username):
        return "A login name can have letters, numbers, dots, dashes and underscores, and no spaces."
    return None


def count_users(db: Session) -> int:
    return int(db.scalar(select(func.count()).select_from(User)) or 0)


def find_user(db: Session, username: str) -> User | None:
    return db.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))


def create_user(db: Session, username: str, name: str, password: str, role: str = MEMBER) -> User:
    """A new account.  Raises :class:`AccountProblem` with a plain message; then nothing is saved."""
    username = username.strip()
    name = " ".join(name.split())
    problem = username_problem(username)
    if problem:
        raise AccountProblem(problem, "username")
    if not name:
        raise AccountProblem("Give your name, as the forum knows you. It is shown with what you write.", "name")
    problem = password_problem(password)
    if problem:
        raise AccountProblem(problem, "password")
    if role not in ROLES:
        raise AccountProblem(f"The role must be {' or '.join(ROLES)}.", "role")
    if find_user(db, username) is not None:
        raise AccountProblem(f"Someone already has the login name '{username}'. Choose another.", "username")
    user = User(username=username, name=name, password_hash=hash_password(password), role=role)
    db.add(user)
    db.flush()
    return user


class LoginLimit:
    """At most ``per_quarter_hour`` failed attempts for one login name, and four times that from one address."""

    def __init__(self, per_quarter_hour: int = 5) -> None:
        self._store = storage.MemoryStorage()
        self._limiter = strategies.MovingWindowRateLimiter(self._store)
        self._name = RateLimitItemPerMinute(per_quarter_hour, 15)
        self._address = RateLimitItemPerMinute(per_quarter_hour * 4, 15)

    def allowed(self, username: str, address: str) -> bool:
        return (self._limiter.test(self._name, "name", username.lower())
                and self._limiter.test(self._address, "address", address))

    def failed(self, username: str, address: str) -> None:
        self._limiter.hit(self._name, "name", username.lower())
        self._limiter.hit(self._address, "address", address)


def authenticate(db: Session, username: str, password: str) -> User | None:
    """The user whose name and password these are, else None (the same time either way)."""
    user = find_user(db, username)
    if user is None:
        try:
            _HASHER.verify(_dummy(), password)
        except VerificationError:
            pass
        return None
    try:
        _HASHER.verify(user.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if _HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


_DUMMY: list[str] = []


def _dummy() -> str:
    """A hash to check a password against when the name is not known, so that takes as long as a real check."""
    if not _DUMMY:
        _DUMMY.append(_HASHER.hash("not anybody's password"))
    return _DUMMY[0]


def _digest(code: str) -> str:
    return hashlib.sha256(code.encode("utf-8")).hexdigest()


def invite(db: Session, by: User, role: str = MEMBER, note: str = "") -> str:
    """Make an invitation; returns its code (kept only as a hash)."""
    if role not in ROLES:
        raise AccountProblem(f"The role must be {' or '.join(ROLES)}.", "role")
    code = secrets.token_urlsafe(24)
    db.add(Invitation(code_hash=_digest(code), role=role, note=" ".join(note.split())[:200], made_by_id=by.id,
                      expires=now() + _dt.timedelta(days=INVITATION_DAYS)))
    db.flush()
    return code


def open_invitation(db: Session, code: str) -> Invitation | None:
    """The invitation with this code, if it is not used and not out of date."""
    inv = db.scalar(select(Invitation).where(Invitation.code_hash == _digest(code)))
    if inv is None or inv.used_by_id is not None:
        return None
    expires = inv.expires if inv.expires.tzinfo else inv.expires.replace(tzinfo=_dt.timezone.utc)
    return inv if expires > now() else None


USED = "This invitation has been used or is out of date. Ask a maintainer for a new one."


def accept(db: Session, code: str, username: str, name: str, password: str, again: str) -> User:
    inv = open_invitation(db, code)
    if inv is None:
        raise AccountProblem(USED)
    problem = password_problem(password, again)
    if problem:
        raise AccountProblem(problem, "password")
    try:
        user = create_user(db, username, name, password, inv.role)
    except IntegrityError:  # someone took the name between the check and the save
        raise AccountProblem(f"Someone already has the login name '{username.strip()}'. Choose another.",
                             "username") from None
    # claim the invitation only if it is still unused, so one link never makes two accounts
    claimed = db.execute(update(Invitation).where(Invitation.id == inv.id, Invitation.used_by_id.is_(None))
                         .values(used_by_id=user.id))
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise AccountProblem(USED)
    return user


__all__ = ["MAINTAINER", "MEMBER", "AccountProblem", "LoginLimit", "accept", "authenticate", "count_users",
           "create_user", "find_user", "hash_password", "invite", "open_invitation", "password_problem"]
