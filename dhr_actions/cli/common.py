"""The `dhr` group and what its commands share: the database option, opening
the store, the output format."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from .. import __version__
from ..importer import (
    quiet_pdf_libraries,
)
from ..store.migrate import SchemaError
from ..store.repository import DEFAULT_DB, DatabaseMissing, Store, display_name
from .render import FORMATS as OUTPUT_FORMATS
from .render import render

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def db_option(f: F) -> F:
    return click.option(
        "--db",
        default=DEFAULT_DB,
        envvar="DHR_DB",
        show_default=True,
        help="Database: a SQLite file path, or a SQLAlchemy URL such as postgresql://user@host/dhr. Env: DHR_DB.",
    )(f)


def open_store(db: str, create: bool = True) -> Store:
    """The store at ``db``; commands that only read pass ``create=False``
    so that a mistyped path is refused instead of created empty."""
    try:
        return Store(db, create=create)
    except (SchemaError, DatabaseMissing) as exc:
        raise click.ClickException(str(exc)) from exc
    except Exception as exc:  # bad URL, missing driver, unreachable server
        raise click.ClickException(f"cannot open database {display_name(db)!r}: {exc}") from exc


def renamed_option(old: str, new: str, **attrs: Any) -> Callable[[F], F]:
    """The old spelling ``old`` of an option now called ``new``: hidden, it
    still works for one release and says so on standard error. The command
    takes its value as ``<old without dashes>_old`` and passes it to
    :func:`renamed_value`."""
    name = old.lstrip("-").replace("-", "_") + "_old"
    return click.option(old, name, hidden=True, help=f"Deprecated: {new}.", **attrs)


def renamed_value(new_value: T, old_value: T | None, old: str, new: str) -> T:
    """The option's value, from its old spelling when that was given (with a
    note that it is deprecated)."""
    if old_value is None:
        return new_value
    click.echo(f"note: {old} is deprecated and goes in the next release: use {new}", err=True)
    return old_value


def output_option(help: str, default: str | None = None) -> Callable[[F], F]:
    """``-o/--output FILE``: every command that writes a file names it so
    (``--out``, the old spelling of some, still works with a note)."""

    def decorate(f: F) -> F:
        f = renamed_option("--out", "-o/--output", type=click.Path(dir_okay=False, path_type=Path))(f)
        return click.option(
            "-o",
            "--output",
            type=click.Path(dir_okay=False, path_type=Path),
            default=default,
            show_default=default is not None,
            help=help,
        )(f)

    return decorate


def format_option(f: F) -> F:
    return click.option(
        "--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table", show_default=True, help="Output format."
    )(f)


def as_of_option(help: str) -> Callable[[F], F]:
    """``--as-of DATE`` (YYYY-MM-DD), with the command's own help."""
    return click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), metavar="DATE", help=help)


def emit(rows: list[dict[str, Any]], fmt: str, empty: str = "Nothing found.", columns: Sequence[str] = ()) -> None:
    """Print rows as a table, CSV or JSON (``columns``: a CSV's header when
    there are no rows)."""
    click.echo(render(rows, fmt, empty, columns=columns))


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="dhr")
@click.option("-v", "--verbose", count=True, help="Log more (-v: info, -vv: debug).")
def main(verbose: int) -> None:
    """Extract Domestic Homicide Review action plans from documents (PDF,
    Word, Excel, OpenDocument) into a database.

    Import documents with `dhr import`, check what each import found with
    `dhr documents` and `dhr show`, and export records with `dhr export`.
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    quiet_pdf_libraries(level)
