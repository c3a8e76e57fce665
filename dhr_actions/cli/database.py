"""`dhr db`: the schema's revision, and upgrading it."""

from __future__ import annotations

from typing import Any

import click

from ..store import migrate
from ..store.migrate import SchemaError
from ..store.repository import display_name, make_engine
from .common import db_option, main


@main.group("db", short_help="Schema revision: see it, upgrade it.")
def db_group() -> None:
    """The database's schema: which revision it is at, and upgrading it."""


def _engine(db: str) -> Any:
    try:
        return make_engine(db, check_schema=False)
    except Exception as exc:  # bad URL, missing driver
        raise click.ClickException(f"cannot open database {display_name(db)!r}: {exc}") from exc


@db_group.command("upgrade")
@db_option
@click.option("--revision", default="head", show_default=True, help="The revision to upgrade to.")
def db_upgrade_cmd(db: str, revision: str) -> None:
    """Bring the database's schema up to this version of dhr (a new database is created)."""
    engine = _engine(db)
    try:
        before, after = migrate.upgrade(engine, revision)
    except SchemaError as exc:
        raise click.ClickException(str(exc)) from exc
    except Exception as exc:  # unknown revision, a failed migration (rolled back)
        raise click.ClickException(f"{display_name(db)}: upgrade failed, nothing changed: {exc}") from exc
    finally:
        engine.dispose()
    if before == after:
        click.echo(f"{display_name(db)}: schema already at {after}")
    else:
        click.echo(f"{display_name(db)}: schema upgraded {before or '(empty)'} -> {after}")


@db_group.command("current")
@db_option
def db_current_cmd(db: str) -> None:
    """Print the database's schema revision and whether it is up to date."""
    engine = _engine(db)
    try:
        st = migrate.state(engine)
    except Exception as exc:  # unreachable server
        raise click.ClickException(f"cannot open database {display_name(db)!r}: {exc}") from exc
    finally:
        engine.dispose()
    if st.current is None:
        click.echo(f"{display_name(db)}: no schema yet (newest is {st.head}); any dhr command creates it")
    elif st.up_to_date:
        click.echo(f"{display_name(db)}: {st.current} (up to date)")
    elif not st.known:
        click.echo(f"{display_name(db)}: {st.current} (newer than this dhr, which knows up to {st.head})")
    else:
        click.echo(f"{display_name(db)}: {st.current} (behind {st.head}: run `dhr db upgrade`)")


@db_group.command("history")
def db_history_cmd() -> None:
    """List the schema revisions this dhr knows, oldest first."""
    for revision, message in migrate.history():
        click.echo(f"{revision}  {message.splitlines()[0] if message else ''}")
