"""The ``dhr`` command: import action-plan PDFs, see what was found, export it."""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .export import FORMATS, write_records, write_xlsx
from .importer import (
    DEFAULT_MAX_PAGES,
    DEFAULT_MEMORY_LIMIT_MB,
    DEFAULT_TIME_LIMIT_S,
    FileOutcome,
    Importer,
    ImportOptions,
    Limits,
    iter_pdf_paths,
    one_line,
    quiet_pdf_libraries,
    safe_name,
)
from .ingest.base import EXTRACTOR_NAMES
from .normalise.record import SCHEMA_FIELDS
from .output import FORMATS as OUTPUT_FORMATS
from .output import format_table, render
from .store import migrate
from .store.migrate import SchemaError
from .store.models import Outcome
from .store.repository import DEFAULT_DB, DatabaseMissing, DocumentNotFound, Store, display_name, make_engine

F = TypeVar("F", bound=Callable[..., Any])


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


def format_option(f: F) -> F:
    return click.option(
        "--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table", show_default=True, help="Output format."
    )(f)


def emit(rows: list[dict[str, Any]], fmt: str, empty: str = "Nothing found.", columns: Sequence[str] = ()) -> None:
    """Print rows as a table, CSV or JSON (``columns``: a CSV's header when
    there are no rows)."""
    click.echo(render(rows, fmt, empty, columns=columns))


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="dhr")
@click.option("-v", "--verbose", count=True, help="Log more (-v: info, -vv: debug).")
def main(verbose: int) -> None:
    """Extract Domestic Homicide Review action plans from PDFs into a database.

    Import PDFs with `dhr import`, check what each import found with
    `dhr documents` and `dhr show`, and export records with `dhr export`.
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    quiet_pdf_libraries(level)


@main.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option(
    "--csp",
    "partnership",
    metavar="NAME",
    help="The partnership that published these reviews (default: read from each PDF or its file name).",
)
@click.option("--source-url", metavar="URL", help="Where the PDF was published (stored as provenance).")
@click.option(
    "--extractor",
    type=click.Choice(EXTRACTOR_NAMES),
    default="pdfplumber",
    show_default=True,
    help="Table extractor: the layout finder built on pdfplumber (ruled, rules-free and borderless tables) or camelot lattice (ruled tables only).",
)
@click.option("--force", is_flag=True, help="Extract again files already stored unchanged (after an upgrade).")
@click.option(
    "-j", "--jobs", type=click.IntRange(1, 64), help="Worker processes extracting in parallel (default: all cores)."
)
@click.option(
    "--time-limit",
    default=DEFAULT_TIME_LIMIT_S,
    show_default=True,
    metavar="SECONDS",
    help="Give up a document that takes longer.",
)
@click.option(
    "--max-memory",
    default=DEFAULT_MEMORY_LIMIT_MB,
    show_default=True,
    metavar="MB",
    help="Give up a document that needs more memory.",
)
@click.option("--max-pages", default=DEFAULT_MAX_PAGES, show_default=True, help="Refuse documents with more pages.")
@click.option("--no-ocr", is_flag=True, help="Do not OCR scanned pages (a scanned PDF then yields no plan).")
@click.option("-q", "--quiet", is_flag=True, help="Print only failures and the total.")
def import_cmd(
    paths: Sequence[Path],
    db: str,
    partnership: str | None,
    source_url: str | None,
    extractor: str,
    force: bool,
    jobs: int | None,
    time_limit: int,
    max_memory: int,
    max_pages: int,
    no_ocr: bool,
    quiet: bool,
) -> None:
    """Import PDF files, or folders of them, into the database.

    Each file gets one line saying how its import ended: imported (or new
    version), unchanged, no plan found, or failed with the reason. A bad file
    never stops the batch; the exit status is 1 when any file failed.
    """
    files = list(iter_pdf_paths(paths))
    if not files:
        raise click.ClickException("no PDF files found in the paths given")
    try:
        options = ImportOptions(
            extractor=extractor,
            ocr=not no_ocr,
            partnership=partnership,
            source_url=source_url,
            force=force,
            jobs=jobs or os.cpu_count() or 1,
            limits=Limits(time_limit, max_memory, max_pages),
        )
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    counts: Counter[Outcome] = Counter()
    records = 0
    tty = sys.stderr.isatty() and not quiet
    with open_store(db) as store, Importer(store, options) as importer:
        outcomes = importer.run(files)
        with (
            click.progressbar(outcomes, length=len(files), label="Importing", file=sys.stderr, show_pos=True)
            if tty
            else _plain(outcomes) as bar
        ):
            for outcome in bar:
                counts[outcome.status] += 1
                records += outcome.records
                _report(outcome, quiet, tty)
    parts = [f"{counts[s]} {s}" for s in Outcome if counts[s]]
    click.echo(f"Total: {len(files)} file{'s' if len(files) != 1 else ''}, {records} records: {', '.join(parts)}")
    if counts[Outcome.FAILED]:
        sys.exit(1)


class _plain:
    """Stands in for a progress bar when nobody is watching."""

    def __init__(self, items: Iterator[FileOutcome]) -> None:
        self.items = items

    def __enter__(self) -> Iterator[FileOutcome]:
        return self.items

    def __exit__(self, *exc: object) -> None:
        return None


def _report(o: FileOutcome, quiet: bool, tty: bool) -> None:
    prefix = "\r\x1b[K" if tty else ""
    name = safe_name(o.path)
    if o.status == Outcome.FAILED:
        click.echo(f"{prefix}failed: {one_line(str(o.path))}: {one_line(o.reason or '')}", err=True)
        return
    if quiet:
        return
    if o.status in (Outcome.IMPORTED, Outcome.NEW_VERSION):
        version = f" (version {o.version})" if o.status == Outcome.NEW_VERSION else ""
        line = f"{o.status}: {name}{version}: {o.records} record{'s' if o.records != 1 else ''} from {o.pages} pages"
    elif o.status == Outcome.NO_PLAN:
        line = f"no plan found: {name}: {o.reason}"
    else:
        line = f"unchanged: {name}: already stored"
    click.echo(prefix + line)


@main.command("debug")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--page", "page", type=click.IntRange(1), default=1, show_default=True, help="The page to look at.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The PNG to write (default: FILE's name with -pN.png, in the working directory).",
)
@click.option("--resolution", type=click.IntRange(36, 400), default=110, show_default=True, help="Pixels per inch.")
@click.option("--no-ocr", is_flag=True, help="Do not OCR scanned pages.")
def debug_cmd(file: Path, page: int, out: Path | None, resolution: int, no_ocr: bool) -> None:
    """Draw what the table finder saw on one page of a PDF.

    The PNG shows the table's outline, its header band, column bounds, row
    cuts, section rows and the lines removed as page furniture; the same
    findings are printed. Attach it when a plan reads wrong.
    """
    from .ingest.debug import debug_page, draw
    from .ingest.errors import DocumentError
    from .ingest.pdfcheck import check_pdf_bytes

    try:
        check_pdf_bytes(file)
        seen = debug_page(file, page, ocr=not no_ocr)
        target = draw(seen, out or Path(f"{file.stem}-p{page}.png"), resolution)
    except (DocumentError, ValueError) as exc:
        raise click.ClickException(f"{one_line(str(file))}: {exc}") from exc
    for line in seen.describe():
        click.echo(line)
    click.echo(f"Wrote {target}")


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


@main.command("export", short_help="Export records as JSON Lines, CSV or Excel.")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*FORMATS, "xlsx"]),
    default="jsonl",
    show_default=True,
    help="jsonl follows SCHEMA.md exactly; csv and xlsx (needs -o) have the same columns.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.",
)
@click.option("--document", metavar="DOC", help="Only this document (file name or id).")
@click.option("--all-versions", is_flag=True, help="Include superseded versions of documents.")
def export_cmd(db: str, fmt: str, output: Path | None, document: str | None, all_versions: bool) -> None:
    """Export records as JSON Lines, CSV or Excel (current document versions)."""
    with open_store(db, create=False) as store:
        _export(store, fmt, output, document, all_versions)


def _export(store: Store, fmt: str, output: Path | None, document: str | None, all_versions: bool) -> None:
    try:
        rows = store.records(document=document, all_versions=all_versions)
        if fmt == "xlsx":
            if output is None:
                raise click.ClickException("--format xlsx writes a file: give -o FILE.xlsx")
            n = write_xlsx(rows, output)
            click.echo(f"Wrote {n} records to {output}", err=True)
            return
        if output is None:
            n = write_records(rows, sys.stdout, fmt)
        else:
            tmp = output.with_name(output.name + ".part")
            with tmp.open("w", encoding="utf-8", newline="") as fh:
                n = write_records(rows, fh, fmt)
            tmp.replace(output)
            click.echo(f"Wrote {n} records to {output}", err=True)
    except DocumentNotFound as exc:
        raise click.ClickException(str(exc)) from exc


@main.command("documents")
@db_option
@format_option
@click.option("--current", is_flag=True, help="Only the current version of each document.")
def documents_cmd(db: str, fmt: str, current: bool) -> None:
    """List stored documents and how each import ended."""
    with open_store(db, create=False) as store:
        docs = store.documents(all_versions=not current)
    rows: list[dict[str, Any]] = [
        {
            "id": d.id,
            "document": d.file_name,
            "version": d.version,
            "current": d.is_current,
            "partnership": d.partnership.name if d.partnership else None,
            "pages": d.page_count,
            "outcome": d.outcome,
            "records": d.record_count,
            "imported_at": d.imported_at.isoformat(timespec="seconds") if d.imported_at else None,
            "extractor": d.extractor,
            "reason": d.reason,
        }
        for d in docs
    ]
    if fmt == "table":
        rows = [
            {
                "id": r["id"],
                "document": r["document"] + ("" if r["current"] else " (old)"),
                "v": r["version"],
                "partnership": r["partnership"],
                "pages": r["pages"],
                "outcome": r["outcome"],
                "records": r["records"],
                "imported": (r["imported_at"] or "")[:16].replace("T", " "),
                "reason": r["reason"],
            }
            for r in rows
        ]
    emit(rows, fmt, f"No documents in {display_name(db)}.")


@main.command("show")
@click.argument("doc")
@db_option
@click.option("--full", is_flag=True, help="Every field of every record, not a table.")
@click.option("--explain", is_flag=True, help="Also say how columns were mapped to fields.")
def show_cmd(doc: str, db: str, full: bool, explain: bool) -> None:
    """Show one document's records as a readable table.

    DOC is a file name (with or without .pdf), NAME@VERSION, or an id from
    `dhr documents`.
    """
    with open_store(db, create=False) as store:
        try:
            d = store.document(doc)
        except DocumentNotFound as exc:
            raise click.ClickException(str(exc)) from exc
    who = f", {d.partnership.name}" if d.partnership else ""
    pages = f", {d.page_count} pages" if d.page_count is not None else ""
    click.echo(f"{d.file_name} (version {d.version}{who}): {d.outcome}, {d.record_count} records{pages}")
    if d.reason:
        click.echo(f"reason: {d.reason}")
    if explain:
        for note in d.notes or []:
            if note != d.reason:  # the reason is the first note of a document with no plan
                click.echo(f"  {note}")
    if not d.records:
        return
    if full:
        for r in d.records:
            click.echo("")
            click.echo(
                f"[{r.ref or '-'}] pages {r.page_start}-{r.page_end}, {r.extractor}, confidence {r.confidence:.2f}"
            )
            for name in SCHEMA_FIELDS:
                if name in ("document", "ref"):
                    continue
                value = getattr(r, name)
                if value:
                    click.echo(f"  {name}: " + str(value).replace("\n", "\n    "))
        return
    width = shutil.get_terminal_size((140, 24)).columns
    table = [
        [
            r.ref or "",
            r.section or "",
            r.recommendation or "",
            r.action or "",
            r.lead or "",
            r.target_date or (r.target_date_text or ""),
            r.status or "",
        ]
        for r in d.records
    ]
    headers = ["ref", "section", "recommendation", "action", "lead", "target", "status"]
    keep = [i for i in range(len(headers)) if i == 0 or any(row[i] for row in table)]
    click.echo(format_table([headers[i] for i in keep], [[row[i] for i in keep] for row in table], width))


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
    help="Read the sites' pages and list the PDFs found; download, import and record nothing.",
)
@click.option(
    "--offline", is_flag=True, help="Replay: import the last downloaded copy of every known PDF, without the network."
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
    from .scrape.config import ConfigError, load_config
    from .scrape.runner import run_scrape

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
    from .scrape.runner import run_totals
    from .store.scrape_state import ScrapeState

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


# -- research ------------------------------------------------------------------
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
    from .research.queries import theme_counts

    with open_store(db, create=False) as store:
        emit(theme_counts(store, by), fmt, "No tagged records.")


@themes_cmd.command("retag")
@db_option
@click.option(
    "--taxonomy",
    type=click.Path(dir_okay=False, exists=True),
    help="A taxonomy TOML file (default: DHR_TAXONOMY or the built-in one).",
)
def retag_cmd(db: str, taxonomy: str | None) -> None:
    """Tag every stored record again with the (changed) taxonomy."""
    from .research.tagging import retag
    from .research.themes import TaxonomyError, load_taxonomy, taxonomy_path

    try:
        tx = load_taxonomy(taxonomy or taxonomy_path())
    except TaxonomyError as exc:
        raise click.ClickException(str(exc)) from exc
    with open_store(db, create=False) as store:
        records, tags = retag(store, tx)
    click.echo(f"Tagged {records} records with {tags} theme tags ({len(tx.themes)} themes, taxonomy {tx.digest}).")


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
    from .research.queries import search

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
    from .research.queries import recurring

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
@click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="DATE",
    help="The day to judge by, YYYY-MM-DD (default: today).",
)
@format_option
def overdue_cmd(db: str, as_of: Any, fmt: str) -> None:
    """Actions whose target date has passed and that are not complete."""
    from .research.queries import overdue

    with open_store(db, create=False) as store:
        emit(overdue(store, as_of.date() if as_of else None), fmt, "Nothing overdue.")


@main.command("agencies")
@db_option
@format_option
def agencies_cmd(db: str, fmt: str) -> None:
    """Lead agencies with record and review counts, variants merged."""
    from .research.queries import agencies

    with open_store(db, create=False) as store:
        emit(agencies(store), fmt, "No lead agencies recorded.")


@main.command("serve", short_help="Browse the database in Datasette (read-only).")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, help="Port to listen on.")
def serve_cmd(db: str, host: str, port: int) -> None:
    """Browse the database in Datasette (read-only), with canned queries.

    Opens a `current_records` view faceted by partnership, year and status,
    and queries for themes, themes by year and by partnership, overdue
    actions, lead agencies and full-text search. SQLite stores only.
    """
    from .research.browse import serve

    with open_store(db, create=False) as store:
        click.echo(f"Serving {display_name(db)} at http://{host}:{port}/ (read-only); Ctrl-C stops.", err=True)
        try:
            code = serve(store, host, port)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
    sys.exit(code)


@main.command("report", short_help="Write a self-contained HTML report.")
@db_option
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default="report.html",
    show_default=True,
    help="The HTML file to write.",
)
@click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="DATE",
    help="The day overdue actions are judged by, YYYY-MM-DD (default: today).",
)
def report_cmd(db: str, out: Path, as_of: Any) -> None:
    """Write one self-contained HTML page: themes by year, progress by theme,
    top lead agencies, overdue actions and recurring recommendations."""
    from .research.report import build_report

    with open_store(db, create=False) as store:
        page = build_report(store, as_of.date() if as_of else None)
    out.write_text(page, encoding="utf-8")
    click.echo(f"Wrote {out} ({len(page) // 1024} KB)")


if __name__ == "__main__":  # pragma: no cover
    main()
