"""`dhr scrape` and `dhr runs`: the nightly crawl."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..store.repository import display_name
from .common import db_option, emit, format_option, main, open_store


@main.command("scrape", short_help="Crawl CSP websites; import new and changed plans.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default="scrape.toml",
    show_default=True,
    help="The sources to crawl (TOML; see examples/scrape.toml).",
)
@click.option("--source", "sources", multiple=True, metavar="NAME", help="Only this source (repeatable).")
@click.option(
    "--dry-run",
    is_flag=True,
    help="Read the sites' pages and list the documents found (PDF, Word, Excel, OpenDocument) and those robots.txt or the hosts rule out; download, import and record nothing.",
)
@click.option(
    "--offline",
    is_flag=True,
    help="Replay: import the last downloaded copy of every known document, without the network.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only failures, problems and the summaries.")
@db_option
def scrape_cmd(config_path: Path, sources: tuple[str, ...], dry_run: bool, offline: bool, quiet: bool, db: str) -> None:
    """Crawl CSP websites for new and changed action plans and import them.

    Polite (robots.txt, one request at a time per host, a delay, retries
    with backoff) and incremental (conditional GET: unchanged files are not
    downloaded again). Files that disappear are marked withdrawn, never
    deleted. Every run is recorded (`dhr runs`). Exit status 1 when anything
    failed. Downloads are extracted in a worker process under the limits
    of the config's [scrape] section (time_limit, max_memory,
    max_document_pages), as `dhr import` does.

    For cron: `dhr scrape --config /etc/dhr/scrape.toml --db ... -q`.
    """
    from ..scrape.config import ConfigError, load_config
    from ..scrape.runner import run_scrape

    if dry_run and offline:
        raise click.ClickException("--dry-run and --offline cannot be combined")
    try:
        config = load_config(config_path)
        for name in sources:
            config.source(name)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc
    with open_store(db) as store:
        echo = _quiet_scrape_echo if quiet else click.echo
        report = run_scrape(config, store, only=sources, dry_run=dry_run, offline=offline, echo=echo)
    if report.failed:
        sys.exit(1)


def _quiet_scrape_echo(line: str) -> None:
    """Per-file lines only when something went wrong; summaries always."""
    if not line.startswith("  ") or line.lstrip().startswith(("failed:", "problem:")):
        click.echo(line)


@main.command("runs")
@db_option
@click.option("--limit", default=20, show_default=True, help="How many of the latest runs.")
@format_option
def runs_cmd(db: str, limit: int, fmt: str) -> None:
    """List past scrape runs with their counts (JSON: per source)."""
    from ..scrape.runner import run_totals
    from ..store.scrape_state import ScrapeState

    with open_store(db, create=False) as store:
        runs = ScrapeState(store).runs(limit)
    rows: list[dict[str, Any]] = []
    for r in runs:
        per_source = {name: c for name, c in (r.counts or {}).items() if isinstance(c, dict)}
        row: dict[str, Any] = {
            "run": r.id,
            "started": r.started_at.isoformat(timespec="seconds"),
            "finished": r.finished_at.isoformat(timespec="seconds") if r.finished_at else None,
            "status": r.status,
            "offline": r.offline,
            "sources": len(per_source),
        }
        if fmt == "json":
            row["counts"] = r.counts or {}
        else:
            row.update(run_totals(per_source.values()))
        rows.append(row)
    columns = ("run", "started", "finished", "status", "offline", "sources", *run_totals([]))
    emit(rows, fmt, f"No scrape runs in {display_name(db)}.", columns)
