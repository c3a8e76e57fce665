"""A document → tables → records: one PDF (ingest/) or Office file (office/)
through normalise/."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .ingest.extractors.base import Extractor, get_extractor
from .ingest.pages.sources import DEFAULT_ENGINE
from .ingest.safety.docinfo import checked_document_info
from .ingest.safety.pdfcheck import check_pdf_bytes, classify_open_error
from .ingest.safety.repair import readable_pdf
from .ingest.tables.stitch import stitch
from .model.errors import DocumentError
from .model.table import PlanTable, Table
from .normalise.assemble import records_from_table, table_mapping
from .normalise.plan_check import assess
from .normalise.record import Record
from .office import Format, read_office
from .office import detect as detect_format
from .office.package import MalformedOffice

if TYPE_CHECKING:
    from .isolation.limits import Limits

log = logging.getLogger(__name__)


@dataclass
class Extraction:
    """What one document yielded, and why when it yielded nothing."""

    document: str
    records: list[Record]
    tables: list[Table] = field(default_factory=list)
    plan_tables: list[PlanTable] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    extractor: str = ""
    # The document's title and opening text (a PDF's from its metadata and
    # first page, an Office file's from its properties and text) and its
    # page count (None for an Office file: it has no pages until printed).
    title: str | None = None
    opening_text: str = ""
    page_count: int | None = None

    @property
    def ocr(self) -> bool:
        return any(t.ocr for t in self.tables)


def extract_document(
    path: Path | str,
    extractor: Extractor | str = "pdfplumber",
    document: str | None = None,
    limits: Limits | None = None,
    engine: str = DEFAULT_ENGINE,
) -> Extraction:
    """Extract the action-plan records of one PDF, or of one Word, Excel or
    OpenDocument file (recognised by its bytes, whatever its name).

    With ``limits`` (:class:`~dhr_actions.importer.Limits`) the work runs in
    a worker process that is given up past the time, memory or page limit,
    as ``dhr import`` and the scrape do: use it for files from the internet.

    ``engine`` reads a PDF's pages for the layout finder: ``pdfium`` (the
    default) or ``pdfplumber`` (the reference); see ``ingest/pages/sources.py``.

    Raises :class:`~dhr_actions.model.errors.DocumentError` with a one-line
    reason when the file is not a readable PDF or a limit gave it up.
    """
    path = Path(path)
    ex = get_extractor(extractor, engine=engine) if isinstance(extractor, str) else extractor
    if limits is not None:
        return _extract_isolated(path, ex, document, limits)
    name = document or path.name
    fmt = detect_format(path)
    notes: list[str] = []
    if fmt.is_office:
        office = read_office(path, fmt)
        tables, extractor_name = office.tables, fmt.value
        notes.extend(office.notes)
        result = _records(name, tables, notes, extractor_name)
        result.title, result.opening_text = office.title, office.opening_text
        return result
    if fmt is Format.ZIP:
        raise MalformedOffice("damaged Office file: a zip archive with no Word, Excel or OpenDocument parts")
    check_pdf_bytes(path)
    with readable_pdf(path) as readable:
        try:
            tables = ex.extract(readable.path)
        except DocumentError:
            raise
        except Exception as exc:  # pdfminer raises a zoo of types for broken files
            raise classify_open_error(exc) from exc
    notes.extend(getattr(ex, "notes", []))
    result = _records(name, tables, notes, ex.name)
    if readable.note:
        result.notes.append(readable.note)
    return result


def _records(name: str, tables: list[Table], notes: list[str], extractor: str) -> Extraction:
    """Tables (of a PDF or an Office file) stitched and read into records."""
    plan_tables = stitch(tables)
    records: list[Record] = []
    if not tables:  # the summary leads (it is the document's reason), the extractor's notes after it
        notes.insert(
            0, "no table with an action-plan header (recommendation/action with lead, date or progress columns)"
        )
    for pt in plan_tables:
        mapping = table_mapping(pt)
        verdict = assess(pt, mapping)
        first, last = pt.pages
        notes.append(f"pages {first}-{last}: {verdict.reason}")
        log.info("%s pages %d-%d: %s", name, first, last, verdict.reason)
        if not verdict.is_plan:
            continue
        records.extend(records_from_table(pt, name, start=len(records), mapping=mapping))
        notes.extend(f"pages {first}-{last}: {line}" for line in mapping.explain())
        notes.extend(pt.notes)
    notes.extend(doubt_notes(records))
    if tables and not records:
        # The reasons for each table say why; lead with the summary.
        notes.insert(0, f"no action plan among {len(plan_tables)} table(s) with action-plan-like headers")
    log.debug("%s: %d tables, %d records", name, len(tables), len(records))
    return Extraction(name, records, tables, plan_tables, notes, extractor)


# A record read by OCR with at least this share of its words doubtful says
# so in the document's notes (`dhr show --explain`), the words listed.
DOUBTFUL_RECORD_SHARE = 0.15
DOUBTFUL_LISTED = 8


def doubt_notes(records: list[Record]) -> list[str]:
    """One note per OCR record built from many words read with little
    confidence: which record, how many, and the words as read."""
    notes = []
    for n, r in enumerate(records, start=1):
        if not r.words or len(r.doubtful) < DOUBTFUL_RECORD_SHARE * r.words:
            continue
        shown = ", ".join(repr(w) for w in r.doubtful[:DOUBTFUL_LISTED])
        more = f" and {len(r.doubtful) - DOUBTFUL_LISTED} more" if len(r.doubtful) > DOUBTFUL_LISTED else ""
        notes.append(
            f"OCR: record {n} (ref {r.ref or '-'}, page {r.page_start}): {len(r.doubtful)} of {r.words} words"
            f" read with little confidence, check them against the page: {shown}{more}"
        )
    return notes


def read_document(path: Path, extractor: Extractor, document: str, max_pages: int, hint: str = "") -> Extraction:
    """Everything an import needs of one document: a PDF refused past
    ``max_pages`` pages before any page is read (``hint`` ends the reason),
    its facts (pages, title, opening text), then its records."""
    if _is_office(path):
        return extract_document(path, extractor, document)
    info = checked_document_info(path, max_pages, hint)
    result = extract_document(path, extractor, document)
    result.page_count = info.page_count
    result.title = info.title or result.title
    result.opening_text = info.opening_text or result.opening_text
    return result


def _is_office(path: Path) -> bool:
    """An Office file, or a zip that claims to be one: checked when it is
    read (its package's size and parts), with no pages to count."""
    fmt = detect_format(path)
    return fmt.is_office or fmt is Format.ZIP


def _extract_isolated(path: Path, ex: Extractor, document: str | None, limits: Limits) -> Extraction:
    from .isolation.workers import GivenUp, Workers

    with Workers(1, limits) as workers:
        out = workers.submit(read_document, path, ex, document or path.name, limits.max_pages).result()
    if isinstance(out, GivenUp):
        raise DocumentError(out.reason)
    return out
