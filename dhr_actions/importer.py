"""Batch import: files and folders → store, one document at a time.

Every file ends one of four ways, reported in one line: imported (or a new
version), unchanged (this exact file is already stored), no plan found, or
failed with a reason. A failure never stops the batch, and a document is
saved whole or not at all.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .ingest.base import Extractor, get_extractor
from .ingest.docinfo import document_info
from .ingest.errors import DocumentError
from .ingest.pdfcheck import check_pdf_bytes
from .normalise.record import Record
from .pipeline import extract_document
from .research.themes import load_taxonomy, taxonomy_path
from .store.models import FAILED, IMPORTED, NO_PLAN
from .store.repository import DocumentImport, Store

log = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class FileOutcome:
    path: Path
    status: str  # "imported", "new version", "unchanged", "no plan found", "failed"
    records: int = 0
    reason: str | None = None
    version: int | None = None
    pages: int | None = None

    @property
    def failed(self) -> bool:
        return self.status == FAILED


def iter_pdf_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given; folders searched recursively for ``*.pdf`` (any case)."""
    for p in paths:
        if p.is_dir():
            yield from sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() == ".pdf")
        else:
            yield p


def safe_name(path: Path) -> str:
    """The document name stored and exported: the file name, with control
    characters replaced so that one line stays one line."""
    return _CONTROL.sub("?", path.name)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def guess_partnership(file_name: str, opening_text: str) -> str | None:
    """Name the publishing partnership from the first page's text, else from
    the words that open the file name ("south-worcestershire-dhr-3.pdf")."""
    m = re.search(
        r"([A-Z][A-Za-z'&.]+(?:[ -][A-Z][A-Za-z'&.]+){0,3})\s+(Community Safety Partnership|Safer\s+\w+\s+Partnership|Strategic Leadership Group|Safeguarding (?:Adults )?Board)",
        opening_text,
    )
    if m:
        return " ".join(m.group(1).split())
    stem = re.sub(r"\.pdf$", "", file_name, flags=re.I)
    words: list[str] = []
    for word in re.split(r"[-_\s]+", stem):
        if not word.isalpha() or word.lower() in {"dhr", "bdhr", "domestic", "homicide", "review", "action", "plan"}:
            break
        words.append(word.capitalize())
    return " ".join(words) or None


def review_year(file_name: str, title: str | None, records: list[Record]) -> int | None:
    """The review's year: the first year in its title or file name, else the
    earliest year among its target dates."""
    for text in (title or "", file_name):
        m = re.search(r"(?<!\d)(199\d|20\d\d)(?!\d)", text)
        if m:
            return int(m.group(1))
    years = [int(r.target_date[:4]) for r in records if r.target_date]
    return min(years) if years else None


@dataclass(frozen=True)
class ImportJob:
    """One file to import, as a worker process needs it (picklable)."""

    path: Path
    name: str
    sha256: str
    size: int
    extractor: str = "pdfplumber"
    ocr: bool = True
    partnership: str | None = None
    source_url: str | None = None


def import_file(
    store: Store,
    path: Path,
    extractor: Extractor | str = "pdfplumber",
    partnership: str | None = None,
    source_url: str | None = None,
    force: bool = False,
    name: str | None = None,
) -> FileOutcome:
    """Import one file; never raises for a bad file. ``name`` is the document
    name to store (default: the file's own name)."""
    job_or_outcome = plan_job(store, path, extractor, partnership, source_url, force, name)
    if isinstance(job_or_outcome, FileOutcome):
        return job_or_outcome
    ex = extractor if not isinstance(extractor, str) else None
    return save_import(store, job_or_outcome, prepare_import(job_or_outcome, ex), force)


def plan_job(
    store: Store,
    path: Path,
    extractor: Extractor | str = "pdfplumber",
    partnership: str | None = None,
    source_url: str | None = None,
    force: bool = False,
    name: str | None = None,
    ocr: bool = True,
) -> ImportJob | FileOutcome:
    """Hash the file; an outcome straight away when it is unreadable or
    already stored, else the job of extracting it."""
    doc_name = safe_name(Path(name) if name else path)
    try:
        sha = sha256_of(path)
        size = path.stat().st_size
    except OSError as exc:
        return FileOutcome(path, FAILED, reason=f"cannot read the file: {exc.strerror or exc}")
    if not force and store.has_version(doc_name, sha):
        return FileOutcome(path, "unchanged")
    ex_name = extractor if isinstance(extractor, str) else extractor.name
    if not isinstance(extractor, str):
        ocr = bool(getattr(extractor, "ocr", ocr))
    return ImportJob(path, doc_name, sha, size, ex_name, ocr, partnership, source_url)


def prepare_import(job: ImportJob, extractor: Extractor | None = None) -> DocumentImport:
    """Extract, tag and describe one document: everything but the saving.
    Runs in a worker process as well as in-process; never raises for a bad
    file (the import comes back FAILED with the reason)."""
    ex = extractor or get_extractor(job.extractor, ocr=job.ocr)
    imp = DocumentImport(
        file_name=job.name,
        sha256=job.sha256,
        outcome=FAILED,
        size_bytes=job.size,
        source_path=str(job.path.resolve()),
        source_url=job.source_url,
        partnership=job.partnership,
        extractor=ex.name,
        extractor_version=__version__,
    )
    try:
        check_pdf_bytes(job.path)
        info = document_info(job.path)
        imp.page_count = info.page_count
        imp.title = info.title
        imp.partnership = job.partnership or guess_partnership(job.name, info.opening_text)
        result = extract_document(job.path, ex, document=job.name)
    except DocumentError as exc:
        imp.reason = str(exc)
        return imp
    except Exception as exc:  # an extractor bug must not stop the batch
        log.debug("extraction of %s failed", job.path, exc_info=True)
        detail = str(exc).splitlines()[0][:200] if str(exc) else ""
        imp.reason = f"extraction error: {type(exc).__name__}{': ' + detail if detail else ''}"
        return imp
    taxonomy = load_taxonomy(taxonomy_path())
    for record in result.records:
        record.themes = [(t.theme, t.phrase) for t in taxonomy.tag(record.recommendation, record.action)]
    imp.records = result.records
    imp.taxonomy = taxonomy.digest
    imp.year = review_year(job.name, imp.title, result.records)
    imp.notes = result.notes
    imp.ocr = result.ocr
    if result.records:
        imp.outcome = IMPORTED
    else:
        imp.outcome = NO_PLAN
        imp.reason = result.notes[0] if result.notes else "no action-plan table found"
    return imp


def save_import(store: Store, job: ImportJob, imp: DocumentImport, force: bool = False) -> FileOutcome:
    saved = store.save(imp, replace=force)
    if imp.outcome == FAILED:
        return FileOutcome(job.path, FAILED, reason=imp.reason, version=saved.version)
    return FileOutcome(job.path, saved.status, saved.records, imp.reason, saved.version, imp.page_count)


def import_many(
    store: Store,
    paths: Iterable[Path],
    jobs: int = 1,
    extractor: str = "pdfplumber",
    ocr: bool = True,
    partnership: str | None = None,
    force: bool = False,
) -> Iterator[FileOutcome]:
    """Import files in order, extracting in ``jobs`` worker processes and
    saving from this one (a single writer). At most a few documents per
    worker are in flight, so memory stays flat however long the batch."""
    if jobs <= 1:
        for path in paths:
            yield missing_file(path) or import_file(
                store, path, get_extractor(extractor, ocr=ocr), partnership, force=force
            )
        return
    window: deque[tuple[Path, ImportJob | FileOutcome, Future[DocumentImport] | None]] = deque()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_mp_context()) as pool:

        def drain_one() -> FileOutcome:
            path, job, future = window.popleft()
            if future is None:
                assert isinstance(job, FileOutcome)
                return job
            assert isinstance(job, ImportJob)
            try:
                imp = future.result()
            except Exception as exc:  # the worker died (out of memory, killed)
                return FileOutcome(path, FAILED, reason=f"extraction worker failed: {type(exc).__name__}")
            return save_import(store, job, imp, force)

        for path in paths:
            planned = missing_file(path) or plan_job(store, path, extractor, partnership, force=force, ocr=ocr)
            future = pool.submit(prepare_import, planned) if isinstance(planned, ImportJob) else None
            window.append((path, planned, future))
            while len(window) >= WINDOW_PER_JOB * jobs:
                yield drain_one()
        while window:
            yield drain_one()


WINDOW_PER_JOB = 2


def missing_file(path: Path) -> FileOutcome | None:
    """A failed outcome for a path that does not exist, else None."""
    return None if path.exists() else FileOutcome(path, FAILED, reason="no such file")


def _mp_context() -> Any:
    import multiprocessing

    # forkserver: workers start clean, without the parent's threads and
    # database connections.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
