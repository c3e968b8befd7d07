"""Alembic's environment for the forum: the connection comes from speakeasy.forum.db.migrate."""

from __future__ import annotations

from alembic import context

from speakeasy.forum.models import Base

connection = context.config.attributes.get("connection")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
