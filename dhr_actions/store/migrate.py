"""Schema migrations: the database's revision, checked on open, moved on
by ``dhr db upgrade``.

The schema's history lives in Alembic revisions under ``migrations/``. A new
(empty) database is brought to the newest revision when it is first opened.
An existing database is never changed behind the user's back: when it is
behind this version of dhr, opening it fails with a message naming the
command that upgrades it, and when it is ahead (a newer dhr wrote it) the
message says so. A database made before migrations existed (tables but no
``alembic_version``) is taken to be at the first revision.

Upgrades run in one transaction holding the database's write lock (SQLite's
BEGIN IMMEDIATE, a PostgreSQL advisory lock), so two processes opening a new
database at once do not both create it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

MIGRATIONS = Path(__file__).with_name("migrations")
# The revision a database made before migrations existed is at.
BASELINE = "0001"
# Any constant: the PostgreSQL advisory lock key migrations hold.
_PG_LOCK_KEY = 0x44485241  # "DHRA"


class SchemaError(RuntimeError):
    """The database's schema does not match this version of dhr."""


@dataclass(frozen=True)
class SchemaState:
    current: str | None  # None: no dhr tables yet
    head: str
    legacy: bool = False  # tables from before migrations, no version stamp

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head

    @property
    def known(self) -> bool:
        return self.current is None or self.current in _revisions()


def _config(connection: Connection | None = None, location: Path | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(location or MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def _script() -> ScriptDirectory:
    return _script_at(MIGRATIONS)


@lru_cache(maxsize=4)
def _script_at(location: Path) -> ScriptDirectory:
    return ScriptDirectory.from_config(_config(location=location))


def _revisions() -> frozenset[str]:
    return frozenset(rev.revision for rev in _script().walk_revisions())


def head() -> str:
    found = _script().get_current_head()
    assert found is not None, "no migrations found"
    return found


def history() -> list[tuple[str, str]]:
    """(revision, message) oldest first."""
    return [(rev.revision, rev.doc or "") for rev in reversed(list(_script().walk_revisions()))]


def _lock(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})


def _state(conn: Connection) -> SchemaState:
    current = MigrationContext.configure(conn).get_current_revision()
    if current is None and inspect(conn).has_table("documents"):
        return SchemaState(BASELINE, head(), legacy=True)
    return SchemaState(current, head())


def state(engine: Engine) -> SchemaState:
    with engine.connect() as conn:
        return _state(conn)


def _describe(db: str, st: SchemaState) -> str:
    if not st.known:
        return (
            f"{db}: database schema is at revision {st.current}, newer than this dhr knows "
            f"(newest {st.head}); upgrade dhr-actions"
        )
    return (
        f"{db}: database schema is at revision {st.current}, this dhr needs {st.head}; "
        f"run `dhr db upgrade --db {db}` (back up the database first)"
    )


def ensure(engine: Engine, db: str) -> None:
    """Create the schema in a new database; refuse one at another revision."""
    with engine.begin() as conn:
        _lock(conn)
        st = _state(conn)
        if st.current is None:
            command.upgrade(_config(conn), "head")
            return
        if st.up_to_date:
            if st.legacy:
                command.stamp(_config(conn), st.head)
            return
    raise SchemaError(_describe(db, st))


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str | None]:
    """Upgrade the database to ``revision``; returns (before, after)."""
    with engine.begin() as conn:
        _lock(conn)
        st = _state(conn)
        if not st.known:
            raise SchemaError(_describe(str(engine.url), st))
        if st.legacy:
            command.stamp(_config(conn), BASELINE)
        command.upgrade(_config(conn), revision)
        return st.current, MigrationContext.configure(conn).get_current_revision()


def downgrade(engine: Engine, revision: str) -> None:
    with engine.begin() as conn:
        _lock(conn)
        command.downgrade(_config(conn), revision)


__all__ = ["BASELINE", "SchemaError", "SchemaState", "downgrade", "ensure", "head", "history", "state", "upgrade"]
