"""Alembic environment for the dhr-actions store.

Run through ``dhr db upgrade`` (or :func:`dhr_actions.store.migrate.upgrade`),
which hands over an open connection inside its own transaction. Developers
adding a revision can also use the ``alembic`` command with the repository's
``alembic.ini`` and ``-x db=PATH_OR_URL``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from dhr_actions.store.models import Base
from dhr_actions.store.repository import database_url

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: batch mode copies the table.
        render_as_batch=True,
        compare_type=True,
        # The FTS5 index and its shadow tables are made by the migrations on
        # SQLite, not by the models.
        include_name=lambda name, type_, _parent: not (type_ == "table" and str(name).startswith("records_fts")),
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        context.run_migrations()
        return
    db = context.get_x_argument(as_dictionary=True).get("db") or config.get_main_option("sqlalchemy.url")
    if not db:
        raise SystemExit("alembic: pass the database with -x db=PATH_OR_URL")
    engine = create_engine(database_url(db))
    with engine.begin() as conn:
        _configure(conn)
        context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
