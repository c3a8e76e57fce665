"""Opening a database: a SQLite file path or a SQLAlchemy URL, checked,
connected and its schema made or checked.

Several processes may open and write one SQLite file at once (a scrape while
an import runs, two imports racing to create a new database). Every step of
opening waits its turn as a write does: the connection's busy timeout from
its first statement, the switch to WAL only when the file is not in WAL
already, and the schema check tried again while another process holds the
file, until the same timeout.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import OperationalError

from . import migrate

T = TypeVar("T")

DEFAULT_DB = "dhr.sqlite"
# How long any step waits for another process holding a SQLite file: far
# longer than one document's save or a schema's creation takes on a loaded
# machine.
SQLITE_BUSY_TIMEOUT_MS = 60_000
# While waiting, try again after this long, doubling up to a second.
SQLITE_RETRY_FIRST_S = 0.02
SQLITE_RETRY_MAX_S = 1.0


class DatabaseMissing(FileNotFoundError):
    """A SQLite database that is not there: a command that only reads finds
    nothing to read, and one that writes has no folder to create it in."""


def check_location(db: str, create: bool) -> None:
    """Refuse a SQLite path that cannot be what the user meant, in one line:
    a file a reading command would create empty (a mistyped ``--db``), or a
    folder that does not exist."""
    if "://" in db:
        return
    path = Path(db).expanduser()
    if path.exists():
        return
    if not create:
        raise DatabaseMissing(f"no database at {db} (check --db or DHR_DB; `dhr import` creates one)")
    if not path.resolve().parent.is_dir():
        raise DatabaseMissing(f"cannot create database {db}: folder {path.parent} does not exist")


def database_url(db: str) -> str:
    """A SQLAlchemy URL for ``db``: URLs pass through, anything else is a
    SQLite file path."""
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def display_name(db: str) -> str:
    """``db`` as it may be printed or logged: a URL's password masked."""
    if "://" not in db:
        return db
    try:
        return make_url(db).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy can parse: show no credentials at all
        return db.rpartition("@")[2]


def is_busy(exc: BaseException) -> bool:
    """SQLite's "database is locked" or "busy": another process holds the
    file, and waiting will do."""
    orig = exc.orig if isinstance(exc, OperationalError) else exc
    if not isinstance(orig, sqlite3.OperationalError):
        return False
    message = str(orig).lower()
    return "locked" in message or "busy" in message


def waiting_turn(step: Callable[[], T], timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS) -> T:
    """``step()``, tried again while SQLite says the file is busy (some steps,
    such as the switch to WAL, fail at once instead of calling the busy
    handler), until ``timeout_ms`` has passed."""
    deadline = time.monotonic() + timeout_ms / 1000
    pause = SQLITE_RETRY_FIRST_S
    while True:
        try:
            return step()
        except (sqlite3.OperationalError, OperationalError) as exc:
            if not is_busy(exc) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, SQLITE_RETRY_MAX_S)


def _wal(cursor: Any) -> None:
    # WAL is a property of the file, kept once set: switch only a file not
    # in WAL yet (the switch needs the file to itself).
    mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
    if str(mode).lower() != "wal":
        cursor.execute("PRAGMA journal_mode=WAL")


def make_engine(db: str, check_schema: bool = True) -> Engine:
    url = database_url(db)
    sqlite = url.startswith("sqlite")
    # The driver's own busy timeout covers the first statements of every
    # connection, before the PRAGMA below sets it again.
    connect_args = {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000} if sqlite else {}
    engine = create_engine(url, connect_args=connect_args)
    if sqlite:
        # Several processes may write at once (a scrape while an import runs):
        # WAL lets readers go on beside a writer, and BEGIN IMMEDIATE takes
        # the write lock up front, so a transaction waits its turn (busy
        # timeout) instead of failing when it later tries to write.
        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # transactions are begun below
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            waiting_turn(lambda: _wal(cur))
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    # A new database gets the newest schema; one at another revision is refused
    # with the command that upgrades it (see migrate.py).
    if not check_schema:
        return engine
    try:
        if sqlite:
            waiting_turn(lambda: migrate.ensure(engine, display_name(db)))
        else:
            migrate.ensure(engine, display_name(db))
    except BaseException:
        engine.dispose()
        raise
    return engine


def has_fts(engine: Engine) -> bool:
    from sqlalchemy import inspect

    return engine.dialect.name == "sqlite" and "records_fts" in inspect(engine).get_table_names()


__all__ = ["DEFAULT_DB", "DatabaseMissing", "check_location", "database_url", "display_name", "has_fts", "make_engine"]
