"""`dhr export`, `dhr documents`, `dhr show`: what the store holds."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import click

from ..normalise.record import SCHEMA_FIELDS
from ..store.export import FORMATS, write_records, write_xlsx
from ..store.repository import DocumentNotFound, Store, display_name
from .common import db_option, emit, format_option, main, open_store, renamed_option, renamed_value
from .render import format_table


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
@renamed_option("--document", "the DOC argument", metavar="DOC")
@click.option("--all-versions", is_flag=True, help="Include superseded versions of documents.")
@click.argument("doc", required=False)
def export_cmd(
    db: str, fmt: str, output: Path | None, document_old: str | None, all_versions: bool, doc: str | None
) -> None:
    """Export records as JSON Lines, CSV or Excel (current document
    versions): of every document, or of DOC alone (file name or id)."""
    document = renamed_value(doc, document_old, "--document DOC", "the DOC argument")
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
    """List stored documents and how each import ended.

    Copies of one review (the same plan as a scan and a text PDF, a Word
    file and its PDF, a summary's plan and the report's appendix) are
    grouped: `copy_of` names the copy that stands for the review, which
    every count uses.
    """
    from ..research.copies import review_of

    with open_store(db, create=False) as store:
        docs = store.documents(all_versions=not current)
        reviews = review_of(store)
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
            "copy_of": _copy_of(reviews, d.id),
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
                "copy of": r["copy_of"],
                "reason": r["reason"],
            }
            for r in rows
        ]
    emit(rows, fmt, f"No documents in {display_name(db)}.")


def _copy_of(reviews: dict[int, Any], document_id: int) -> str | None:
    """The file that stands for the document's review, when another does."""
    review = reviews.get(document_id)
    return review.key if review is not None and review.representative != document_id else None


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
