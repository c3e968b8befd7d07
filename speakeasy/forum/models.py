"""The forum's tables: people, invitations, proposals with their comments and votes, meetings and history."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

MEMBER = "member"
MAINTAINER = "maintainer"
ROLES = (MEMBER, MAINTAINER)

#: a proposal's states, in order
OPEN = "open"  # being discussed
AGREED = "agreed"  # agreed at a meeting, waiting to be published
PUBLISHED = "published"  # written to the wordlist
CLOSED = "closed"  # not taken up (retired by a maintainer)


def now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20), default=MEMBER)
    created: Mapped[_dt.datetime] = mapped_column(DateTime(timezone=True), default=now)

    @property
    def is_maintainer(self) -> bool:
        return self.role == MAINTAINER


class Invitation(Base):
    __tablename__ = "invitations"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: the SHA-256 of the code in the link (the code itself is shown once, to the maintainer)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(20), default=MEMBER)
    note: Mapped[str] = mapped_column(String(200), default="")
    made_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created: Mapped[_dt.datetime] = mapped_column(DateTime(timezone=True), default=now)
    expires: Mapped[_dt.datetime] = mapped_column(DateTime(timezone=True))
    used_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)


class Meeting(Base):
    __tablename__ = "meetings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    held_on: Mapped[_dt.date] = mapped_column(Date)
    #: who was there, one name a line, as the maintainer wrote them
    present: Mapped[str] = mapped_column(Text)
    group: Mapped[str] = mapped_column(String(200), default="")
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created: Mapped[_dt.datetime] = mapped_column(DateTime(timezone=True), default=now)

    def people(self) -> list[str]:
        return [line.strip() for line in self.present.splitlines() if line.strip()]


class Proposal(Base):
    __tablename__ = "proposals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: "new" word, or a "change" to a word already in a list
    kind: Mapped[str] = mapped_column(String(10), default="new")
    term: Mapped[str] = mapped_column(String(200))
    #: the wordlist it goes to (a path)
    wordlist: Mapped[str] = mapped_column(Text)
    #: the form's values, as the boxes of ``words edit`` hold them
    values: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: for a change: the entry's values when the change was proposed
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    state: Mapped[str] = mapped_column(String(20), default=OPEN)
    #: goes up by one at each edit, so two people editing at once are told (not one edit lost)
    version: Mapped[int] = mapped_column(Integer, default=1)
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created: Mapped[_dt.datetime] = mapped_column(DateTime(timezone=True), default=now)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), nullable=True)
    published: Mapped[_dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    published_line: Mapped[int | None] = mapped_column(Integer, nullable=True)

    proposed_by: Mapped[User] = relationship(foreign_keys=[proposed_by_id], lazy="joined")
    meeting: Mapped[Meeting | None] = relationship(lazy="joined")
    comments: Mapped[list["Comment"]] = relationship(order_by="Comment.id", lazy="selectin")
    votes: Mapped[list["Vote"]] = relationship(lazy="selectin")
    __mapper_args__ = {"version_id_col": version}


class Comment(Base):
    __tablename__ = "comments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)
    created: Mapped[_dt.datetime] = mapped_column(DateTime(timezone=True), default=now)
    author: Mapped[User] = relationship(lazy="joined")


class Vote(Base):
    __tablename__ = "votes"
    __table_args__ = (UniqueConstraint("proposal_id", "voter_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"))
    voter_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    #: "for" or "against"
    choice: Mapped[str] = mapped_column(String(10))
    created: Mapped[_dt.datetime] = mapped_column(DateTime(timezone=True), default=now)


class Event(Base):
    """One thing that happened to a word: proposed, changed, agreed, published, closed."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    term: Mapped[str] = mapped_column(String(200), index=True)
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"), nullable=True)
    who_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    what: Mapped[str] = mapped_column(Text)
    created: Mapped[_dt.datetime] = mapped_column(DateTime(timezone=True), default=now)
    who: Mapped[User | None] = relationship(lazy="joined")


class Passage(Base):
    """A short passage from the organisation's documents, for members to judge."""

    __tablename__ = "passages"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: the SHA-256 of the text: each passage once
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)


class Judgement(Base):
    """A member's answer to "which of the two is easier to read?"."""

    __tablename__ = "judgements"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    first_id: Mapped[int] = mapped_column(ForeignKey("passages.id"))
    second_id: Mapped[int] = mapped_column(ForeignKey("passages.id"))
    #: "first", "second" or "same": which one is easier to read
    easier: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(Text, default="")
    judge_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created: Mapped[_dt.datetime] = mapped_column(DateTime(timezone=True), default=now)
    first: Mapped[Passage] = relationship(foreign_keys=[first_id], lazy="joined")
    second: Mapped[Passage] = relationship(foreign_keys=[second_id], lazy="joined")
    judge: Mapped[User] = relationship(lazy="joined")
