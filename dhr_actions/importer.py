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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

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
    name = safe_name(Path(name) if name else path)
    try:
        sha = sha256_of(path)
        size = path.stat().st_size
    except OSError as exc:
        return FileOutcome(path, FAILED, reason=f"cannot read the file: {exc.strerror or exc}")
    if not force and store.has_version(name, sha):
        return FileOutcome(path, "unchanged")
    ex = get_extractor(extractor) if isinstance(extractor, str) else extractor
    imp = DocumentImport(
        file_name=name,
        sha256=sha,
        outcome=FAILED,
        size_bytes=size,
        source_path=str(path.resolve()),
        source_url=source_url,
        partnership=partnership,
        extractor=ex.name,
        extractor_version=__version__,
    )
    try:
        check_pdf_bytes(path)
        info = document_info(path)
        imp.page_count = info.page_count
        imp.title = info.title
        imp.partnership = partnership or guess_partnership(name, info.opening_text)
        result = extract_document(path, ex, document=name)
    except DocumentError as exc:
        return _failed(store, imp, path, str(exc), force)
    except Exception as exc:  # an extractor bug must not stop the batch
        log.debug("extraction of %s failed", path, exc_info=True)
        detail = str(exc).splitlines()[0][:200] if str(exc) else ""
        return _failed(
            store, imp, path, f"extraction error: {type(exc).__name__}{': ' + detail if detail else ''}", force
        )
    taxonomy = load_taxonomy(taxonomy_path())
    for record in result.records:
        record.themes = [(t.theme, t.phrase) for t in taxonomy.tag(record.recommendation, record.action)]
    imp.records = result.records
    imp.taxonomy = taxonomy.digest
    imp.year = review_year(name, imp.title, result.records)
    imp.notes = result.notes
    imp.ocr = result.ocr
    if result.records:
        imp.outcome = IMPORTED
    else:
        imp.outcome = NO_PLAN
        imp.reason = result.notes[0] if result.notes else "no action-plan table found"
    saved = store.save(imp, replace=force)
    return FileOutcome(path, saved.status, saved.records, imp.reason, saved.version, imp.page_count)


def _failed(store: Store, imp: DocumentImport, path: Path, reason: str, force: bool) -> FileOutcome:
    imp.outcome = FAILED
    imp.reason = reason
    imp.records = ()
    saved = store.save(imp, replace=force)
    return FileOutcome(path, FAILED, reason=reason, version=saved.version)
