"""`dhr import` and `dhr debug`: files into the store, and what the finder saw."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

import click

from ..compose import new_importer
from ..importer import (
    DEFAULT_MAX_PAGES,
    DEFAULT_MEMORY_LIMIT_MB,
    DEFAULT_TIME_LIMIT_S,
    FileOutcome,
    ImportOptions,
    Limits,
    iter_document_paths,
    one_line,
    safe_name,
)
from ..ingest.extractors.base import EXTRACTOR_NAMES
from ..ingest.pages.sources import DEFAULT_ENGINE, ENGINES
from ..store.models import Outcome
from .common import db_option, main, open_store, output_option, renamed_value


@main.command("import", short_help="Import documents, or folders of them, into the database.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option(
    "--csp",
    "partnership",
    metavar="NAME",
    help="The partnership that published these reviews (default: read from each document or its file name).",
)
@click.option("--source-url", metavar="URL", help="Where the document was published (stored as provenance).")
@click.option(
    "--extractor",
    type=click.Choice(EXTRACTOR_NAMES),
    default="pdfplumber",
    show_default=True,
    help="Table extractor: the layout finder built on pdfplumber (ruled, rules-free and borderless tables) or camelot lattice (ruled tables only).",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default=DEFAULT_ENGINE,
    show_default=True,
    help="What reads a PDF's pages for the layout finder: PDFium (about a quarter of pdfplumber's reading time) or pdfplumber (pdfminer: the reference). A file PDFium cannot open is read by pdfplumber.",
)
@click.option("--force", is_flag=True, help="Extract again files already stored unchanged (after an upgrade).")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    help="Worker processes extracting in parallel (default: all cores, or one per file when fewer).",
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
@click.option("--no-ocr", is_flag=True, help="Do not OCR scanned pages (a scanned document then yields no plan).")
@click.option(
    "--no-triage",
    is_flag=True,
    help="Read every page in full, not only those that can hold a plan (slower; for comparison).",
)
@click.option(
    "--taxonomy",
    type=click.Path(dir_okay=False, exists=True),
    envvar="DHR_TAXONOMY",
    help="The taxonomy TOML file the records' themes come from (default: the built-in one). Env: DHR_TAXONOMY.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only failures and the total.")
def import_cmd(
    paths: Sequence[Path],
    db: str,
    partnership: str | None,
    source_url: str | None,
    extractor: str,
    engine: str,
    force: bool,
    jobs: int | None,
    time_limit: int,
    max_memory: int,
    max_pages: int,
    no_ocr: bool,
    no_triage: bool,
    taxonomy: str | None,
    quiet: bool,
) -> None:
    """Import documents (PDF, Word, Excel, OpenDocument), or folders of
    them, into the database.

    Each file gets one line saying how its import ended: imported (or new
    version), unchanged, no plan found, or failed with the reason. A bad file
    never stops the batch; the exit status is 1 when any file failed.
    """
    files = list(iter_document_paths(paths))
    if not files:
        raise click.ClickException("no documents (PDF, Word, Excel, OpenDocument) found in the paths given")
    try:
        options = ImportOptions(
            extractor=extractor,
            ocr=not no_ocr,
            triage=not no_triage,
            engine=engine,
            partnership=partnership,
            source_url=source_url,
            force=force,
            # No idle workers for fewer files than cores (a document running
            # alone OCRs its scanned pages on every core anyway).
            jobs=jobs or min(os.cpu_count() or 1, len(files)),
            limits=Limits(time_limit, max_memory, max_pages),
        )
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc
    counts: Counter[Outcome] = Counter()
    records = 0
    tty = sys.stderr.isatty() and not quiet
    with open_store(db) as store, new_importer(store, options, taxonomy) as importer:
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
        line = f"{o.status}: {name}{version}: {o.records} record{'s' if o.records != 1 else ''}"
        if o.pages is not None:
            line += f" from {o.pages} pages"
    elif o.status == Outcome.NO_PLAN:
        line = f"no plan found: {name}: {o.reason}"
    else:
        line = f"unchanged: {name}: already stored"
    click.echo(prefix + line)


@main.command("debug")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--page", "page", type=click.IntRange(1), default=1, show_default=True, help="The page to look at.")
@output_option("The PNG to write (default: FILE's name with -pN.png, in the working directory).")
@click.option("--resolution", type=click.IntRange(36, 400), default=110, show_default=True, help="Pixels per inch.")
@click.option("--no-ocr", is_flag=True, help="Do not OCR scanned pages.")
def debug_cmd(file: Path, page: int, output: Path | None, out_old: Path | None, resolution: int, no_ocr: bool) -> None:
    """Draw what the table finder saw on one page of a PDF.

    The PNG shows the table's outline, its header band, column bounds, row
    cuts, section rows and the lines removed as page furniture; the same
    findings are printed. Attach it when a plan reads wrong.
    """
    from ..ingest.extractors.debug import debug_page, draw
    from ..ingest.safety.pdfcheck import check_pdf_bytes
    from ..model.errors import DocumentError

    try:
        check_pdf_bytes(file)
        seen = debug_page(file, page, ocr=not no_ocr)
        out = renamed_value(output, out_old, "--out", "-o/--output")
        target = draw(seen, out or Path(f"{file.stem}-p{page}.png"), resolution)
    except (DocumentError, ValueError) as exc:
        raise click.ClickException(f"{one_line(str(file))}: {exc}") from exc
    for line in seen.describe():
        click.echo(line)
    click.echo(f"Wrote {target}")
