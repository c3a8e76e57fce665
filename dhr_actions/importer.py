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
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
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

DEFAULT_TIME_LIMIT_S = 600
DEFAULT_MEMORY_LIMIT_MB = 4096
DEFAULT_MAX_PAGES = 2000

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


def one_line(text: str) -> str:
    """``text`` with control characters (newlines, escapes) replaced by ``?``
    so that a message about a file stays one line."""
    return _CONTROL.sub("?", text)


def safe_name(path: Path) -> str:
    """The document name stored and exported: the file name, one line."""
    return one_line(path.name)


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
    max_pages: int = DEFAULT_MAX_PAGES


@dataclass(frozen=True)
class Limits:
    """What one document may cost a worker process before it is given up."""

    seconds: int = DEFAULT_TIME_LIMIT_S
    memory_mb: int = DEFAULT_MEMORY_LIMIT_MB
    max_pages: int = DEFAULT_MAX_PAGES

    def __post_init__(self) -> None:
        if self.seconds < 1:
            raise ValueError(f"seconds: {self.seconds} must be at least 1")
        if self.memory_mb < 64:
            raise ValueError(f"memory_mb: {self.memory_mb} must be at least 64")
        if self.max_pages < 1:
            raise ValueError(f"max_pages: {self.max_pages} must be at least 1")


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
    imp = _given_up(job, None, ex.name)
    try:
        check_pdf_bytes(job.path)
        info = document_info(job.path)
        if info.page_count > job.max_pages:
            raise DocumentError(f"too many pages: {info.page_count} (the limit is {job.max_pages}; see --max-pages)")
        imp.page_count = info.page_count
        imp.title = info.title
        imp.partnership = job.partnership or guess_partnership(job.name, info.opening_text)
        result = extract_document(job.path, ex, document=job.name)
    except DocumentError as exc:
        imp.reason = str(exc)
        return imp
    except MemoryError:
        imp.reason = "needed more memory than the limit (see --max-memory)"
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
    limits: Limits = Limits(),
    source_url: str | None = None,
) -> Iterator[FileOutcome]:
    """Import files in order, extracting in ``jobs`` worker processes and
    saving from this one (a single writer). Each document runs under
    ``limits`` (time, memory, pages) in its worker, so a hostile file costs
    one failed line, never a hung or exhausted batch. At most a few
    documents per worker are in flight, so memory stays flat however long
    the batch."""
    runner = _Workers(jobs, limits)
    window: deque[_Pending] = deque()
    try:
        for path in paths:
            planned = missing_file(path) or plan_job(store, path, extractor, partnership, source_url, force, ocr=ocr)
            item = _Pending(path, planned)
            if isinstance(planned, ImportJob):
                item.job = replace(planned, max_pages=limits.max_pages)
                runner.submit(item)
            window.append(item)
            while len(window) >= WINDOW_PER_JOB * jobs:
                yield runner.finish(window.popleft(), window, store, force)
        while window:
            yield runner.finish(window.popleft(), window, store, force)
    finally:
        runner.close()


@dataclass
class _Pending:
    path: Path
    planned: ImportJob | FileOutcome
    job: ImportJob | None = None
    future: Future[DocumentImport] | None = None
    attempts: int = 0


class _Workers:
    """A process pool that survives a worker's death: the pool is started
    again and the jobs in flight resubmitted; a job that brings a pool down
    twice is the culprit, and fails alone."""

    def __init__(self, jobs: int, limits: Limits) -> None:
        self.jobs, self.limits = jobs, limits
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=_mp_context(),
            initializer=_limit_worker,
            initargs=(self.limits, logging.getLogger().getEffectiveLevel()),
        )

    def submit(self, item: _Pending) -> None:
        assert item.job is not None
        item.attempts += 1
        item.future = self.pool.submit(_prepare_limited, item.job, self.limits.seconds)

    def finish(self, item: _Pending, waiting: deque[_Pending], store: Store, force: bool) -> FileOutcome:
        if item.job is None:
            assert isinstance(item.planned, FileOutcome)
            return item.planned
        while True:
            assert item.future is not None
            try:
                imp = item.future.result()
            except BrokenProcessPool:
                if item.attempts >= MAX_ATTEMPTS:
                    self._restart([w for w in waiting if w.job is not None and not _done(w)])
                    return FileOutcome(item.path, FAILED, reason="the extraction worker crashed (out of memory?)")
                self._restart([item, *(w for w in waiting if w.job is not None and not _done(w))])
                continue
            return save_import(store, item.job, imp, force)

    def _restart(self, again: list[_Pending]) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._start()
        for item in again:
            self.submit(item)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


MAX_ATTEMPTS = 2


def _done(item: _Pending) -> bool:
    """Finished with a result (not with the pool's breakage)."""
    f = item.future
    return f is not None and f.done() and not isinstance(f.exception(), BrokenProcessPool)


def quiet_pdf_libraries(level: int) -> None:
    """pdfminer and qpdf log a message for every malformed operator, font or
    object of a damaged file; the document's outcome already says what went
    wrong, so they are shown only when debugging."""
    if level > logging.DEBUG:
        logging.getLogger("pdfminer").setLevel(logging.ERROR)
        logging.getLogger("pikepdf").setLevel(logging.CRITICAL)


def _limit_worker(limits: Limits, log_level: int) -> None:
    """Runs once in each worker: log as the parent does, and cap the
    worker's address space (and its children's, such as tesseract)."""
    import resource

    logging.basicConfig(level=log_level, format="%(levelname)s %(name)s: %(message)s")
    quiet_pdf_libraries(log_level)

    cap = limits.memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or hard > cap:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap if hard == resource.RLIM_INFINITY else hard))


class _TimeLimit(BaseException):
    """Not an Exception: extraction's catch-all must let it through."""


def _prepare_limited(job: ImportJob, seconds: int) -> DocumentImport:
    """prepare_import under a wall-clock limit (SIGALRM in the worker)."""
    import signal

    def expire(_signum: int, _frame: object) -> None:
        raise _TimeLimit

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        return prepare_import(job)
    except _TimeLimit:
        return _given_up(job, f"took longer than {seconds} s (see --time-limit)")
    except MemoryError:
        return _given_up(job, "needed more memory than the limit (see --max-memory)")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _given_up(job: ImportJob, reason: str | None, extractor: str | None = None) -> DocumentImport:
    """A failed import of ``job``: the starting point of every import, and
    the result when a limit gives the document up."""
    return DocumentImport(
        file_name=job.name,
        sha256=job.sha256,
        outcome=FAILED,
        reason=reason,
        size_bytes=job.size,
        source_path=str(job.path.resolve()),
        source_url=job.source_url,
        partnership=job.partnership,
        extractor=extractor or job.extractor,
        extractor_version=__version__,
    )


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
