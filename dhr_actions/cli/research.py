"""Research queries: themes, search, recurring, overdue, progress, agencies, serve, report."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..store.repository import display_name
from .common import as_of_option, db_option, emit, format_option, main, open_store, output_option, renamed_value


@main.group("themes", invoke_without_command=True)
@db_option
@click.option("--by", type=click.Choice(["csp", "year"]), help="Break the counts down by partnership or review year.")
@format_option
@click.pass_context
def themes_cmd(ctx: click.Context, db: str, by: str | None, fmt: str) -> None:
    """Records and distinct reviews per theme (current documents).

    Themes come from a taxonomy of phrases (dhr_actions/research/themes.toml,
    or the file in DHR_TAXONOMY); each tag keeps the phrase that matched.
    `dhr themes retag` re-applies the taxonomy after it changed.
    """
    if ctx.invoked_subcommand is not None:
        return
    from ..research.queries import theme_counts

    with open_store(db, create=False) as store:
        emit(theme_counts(store, by), fmt, "No tagged records.")


taxonomy_option = click.option(
    "--taxonomy",
    type=click.Path(dir_okay=False, exists=True),
    envvar="DHR_TAXONOMY",
    help="A taxonomy TOML file (default: the built-in one). Env: DHR_TAXONOMY.",
)


@themes_cmd.command("retag")
@db_option
@taxonomy_option
@click.option(
    "--model",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="A learned layer over the phrases (`dhr themes learn`).",
)
def retag_cmd(db: str, taxonomy: str | None, model: Path | None) -> None:
    """Tag every stored record again with the (changed) taxonomy, and a
    learned model over it when given."""
    from ..research.learning import ModelError, check_model, load_model
    from ..research.tagging import retag, tagged_by
    from ..research.themes import TaxonomyError, load_taxonomy, taxonomy_path

    try:
        tx = load_taxonomy(taxonomy or taxonomy_path())
        learned = check_model(load_model(model), tx, model) if model else None
    except (TaxonomyError, ModelError) as exc:
        raise click.ClickException(str(exc)) from exc
    with open_store(db, create=False) as store:
        records, tags = retag(store, tx, learned)
    click.echo(f"Tagged {records} records with {tags} theme tags ({len(tx.themes)} themes, {tagged_by(tx, learned)}).")


@main.command("search", short_help="Full-text search over the records, ranked.")
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True, help="How many results.")
@format_option
def search_cmd(query: str, db: str, limit: int, fmt: str) -> None:
    """Full-text search over recommendations, actions and milestones, ranked.

    Every word must appear; results come best first with a snippet (SQLite
    FTS5 with stemming when the store is SQLite, a plain scan otherwise).
    """
    from ..research.queries import search

    with open_store(db, create=False) as store:
        emit(search(store, query, limit), fmt, f"No records match {query!r}.")


@main.command("recurring", short_help="Themes and recommendations recurring across reviews.")
@db_option
@click.option("--min-reviews", default=2, show_default=True, help="Appearing in at least this many reviews.")
@click.option(
    "--similarity", default=0.5, show_default=True, help="Token overlap (Jaccard) for near-identical recommendations."
)
@format_option
def recurring_cmd(db: str, min_reviews: int, similarity: float, fmt: str) -> None:
    """Themes and near-identical recommendations that recur across reviews."""
    from ..research.queries import recurring

    with open_store(db, create=False) as store:
        found = recurring(store, min_reviews, similarity)
    if fmt == "json":
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    rows = [
        {"kind": "theme", "reviews": t["reviews"], "records": t["records"], "what": t["label"], "where": ""}
        for t in found["themes"]
    ]
    rows += [
        {
            "kind": "recommendation",
            "reviews": c["reviews"],
            "records": "",
            "what": c["recommendation"],
            "where": c["where"],
        }
        for c in found["recommendations"]
    ]
    emit(rows, fmt, f"Nothing recurs across {min_reviews} reviews.")


@main.command("overdue")
@db_option
@as_of_option("The day to judge by, YYYY-MM-DD (default: today).")
@format_option
def overdue_cmd(db: str, as_of: Any, fmt: str) -> None:
    """Actions whose target date has passed and that are not complete."""
    from ..research.queries import overdue

    with open_store(db, create=False) as store:
        emit(overdue(store, as_of.date() if as_of else None), fmt, "Nothing overdue.")


@main.command("progress", short_help="Were the actions done? Progress across each plan's versions.")
@db_option
@click.option(
    "--by",
    type=click.Choice(["document", "csp", "action", "partnership"]),
    default="document",
    show_default=True,
    help="Figures per document or partnership (csp), or each action's history. (partnership: deprecated, use csp)",
)
@click.option("--csp", metavar="NAME", help="Only this partnership's plans.")
@as_of_option(
    "The plans as they stood on DATE, YYYY-MM-DD: later versions left out, overdue judged then (default: today)."
)
@format_option
def progress_cmd(db: str, by: str, csp: str | None, as_of: Any, fmt: str) -> None:
    """Were the actions done? Each plan's versions followed as one history.

    The records of successive versions of a document are matched (by ref,
    then by the text of recommendation and action). Counted per document or
    partnership: actions complete, ongoing and with no status (as the last
    version printing them says), overdue (target passed, not complete),
    the median days from the first target printed to completion, actions
    whose target date was revised, actions dropped from a later version
    without being complete, and uncertain matches.
    """
    from ..research.progress import progress

    if by == "partnership":
        click.echo("note: --by partnership is deprecated and goes in the next release: use --by csp", err=True)
    by = "partnership" if by == "csp" else by
    with open_store(db, create=False) as store:
        emit(progress(store, by, csp, as_of.date() if as_of else None), fmt, "No plans with actions.")


@main.command("agencies")
@db_option
@click.option("--roles", is_flag=True, help="One row per organisation and role.")
@click.option(
    "--organisations",
    type=click.Path(dir_okay=False, exists=True),
    envvar="DHR_ORGANISATIONS",
    help="A gazetteer TOML file extending the built-in one. Env: DHR_ORGANISATIONS.",
)
@format_option
def agencies_cmd(db: str, roles: bool, organisations: str | None, fmt: str) -> None:
    """Lead organisations with record and review counts.

    Each lead cell is resolved to its organisation and type (police force,
    council, NHS trust, ICB/CCG, probation, housing provider, specialist
    domestic abuse service, partnership or board, national body) by a
    gazetteer (dhr_actions/research/organisations.toml, extended by the file
    given with --organisations) and the plan's area; the role is a second level
    (--roles). A person's name is never counted.
    """
    from ..research.queries import agencies

    with open_store(db, create=False) as store:
        emit(agencies(store, roles, organisations), fmt, "No lead agencies recorded.")


@main.command("serve", short_help="Browse the database in Datasette (read-only).")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, help="Port to listen on.")
def serve_cmd(db: str, host: str, port: int) -> None:
    """Browse the database in Datasette (read-only), with canned queries.

    Opens a `current_records` view faceted by partnership, year and status,
    and queries for themes, themes by year and by partnership, overdue
    actions, progress per plan and per partnership, lead organisations and
    full-text search; counts are of reviews, copies of one plan once.
    SQLite stores only.
    """
    from ..research.serve import serve

    with open_store(db, create=False) as store:
        click.echo(f"Serving {display_name(db)} at http://{host}:{port}/ (read-only); Ctrl-C stops.", err=True)
        try:
            code = serve(store, host, port)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
    sys.exit(code)


@main.command("report", short_help="Write a self-contained HTML report.")
@db_option
@output_option("The HTML file to write.", default="report.html")
@as_of_option("The day overdue actions are judged by, YYYY-MM-DD (default: today).")
def report_cmd(db: str, output: Path, out_old: Path | None, as_of: Any) -> None:
    """Write one self-contained HTML page: themes by year, progress by theme,
    top lead agencies, overdue actions and recurring recommendations."""
    from ..research.report import build_report

    with open_store(db, create=False) as store:
        page = build_report(store, as_of.date() if as_of else None)
    out = renamed_value(output, out_old, "--out", "-o/--output")
    out.write_text(page, encoding="utf-8")
    click.echo(f"Wrote {out} ({len(page) // 1024} KB)")
