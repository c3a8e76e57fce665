"""Before extraction: which files, their names and hashes, and whether the
store holds them already."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..ingest.pages.sources import DEFAULT_ENGINE
from ..office.formats import DOCUMENT_SUFFIXES
from ..store.models import Outcome
from ..store.repository import Store
from .options import DEFAULT_MAX_PAGES, ImportOptions

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class FileOutcome:
    """How the import of one file ended, as the batch reports it."""

    path: Path
    status: Outcome
    records: int = 0
    reason: str | None = None
    version: int | None = None
    pages: int | None = None

    @property
    def failed(self) -> bool:
        return self.status == Outcome.FAILED


@dataclass(frozen=True)
class ImportJob:
    """One file to import, as a worker process needs it (picklable)."""

    path: Path
    name: str
    sha256: str
    size: int
    extractor: str = "pdfplumber"
    ocr: bool = True
    triage: bool = True
    partnership: str | None = None
    source_url: str | None = None
    max_pages: int = DEFAULT_MAX_PAGES
    engine: str = DEFAULT_ENGINE


def iter_document_paths(paths: Iterable[Path | str]) -> Iterator[Path]:
    """Files as given (their bytes say what they are); folders searched
    recursively for PDFs and Word, Excel and OpenDocument files (by name,
    any case; Office's own lock files "~$…" skipped)."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(
                q
                for q in p.rglob("*")
                if q.is_file() and q.suffix.lower() in DOCUMENT_SUFFIXES and not q.name.startswith("~$")
            )
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


def plan_job(
    store: Store,
    path: Path,
    options: ImportOptions,
    name: str | None = None,
    source_url: str | None = None,
    partnership: str | None = None,
) -> ImportJob | FileOutcome:
    """Hash the file; an outcome straight away when it is missing, unreadable
    or already stored, else the job of extracting it. ``name``,
    ``source_url`` and ``partnership`` override the options' for this file
    (a scraped download is stored under the name its site gave it)."""
    if not path.exists():
        return FileOutcome(path, Outcome.FAILED, reason="no such file")
    doc_name = safe_name(Path(name) if name else path)
    try:
        sha = sha256_of(path)
        size = path.stat().st_size
    except OSError as exc:
        return FileOutcome(path, Outcome.FAILED, reason=f"cannot read the file: {exc.strerror or exc}")
    if not options.force and store.has_version(doc_name, sha):
        return FileOutcome(path, Outcome.UNCHANGED)
    return ImportJob(
        path,
        doc_name,
        sha,
        size,
        options.extractor,
        options.ocr,
        options.triage,
        partnership or options.partnership,
        source_url or options.source_url,
        options.limits.max_pages,
        options.engine,
    )
