"""The store: open a database by path or URL, save imports whole, read back.

Idempotence and provenance: a document version is keyed by (file name,
SHA-256). Saving a version already held changes nothing; a new SHA-256 under
a known file name becomes the next version and the older ones stay, marked
not current. A document's row and all its records are written in one
transaction, so a failure leaves nothing half-written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from ..normalise.record import Record
from .engine import DEFAULT_DB, DatabaseMissing, check_location, database_url, display_name, has_fts, make_engine
from .models import Document, DocumentTheme, Outcome, Partnership, RecordRow, RecordTheme

SAVE_ATTEMPTS = 3


class DocumentNotFound(LookupError):
    """No stored document matches the name or id asked for."""


@dataclass
class DocumentImport:
    """Everything known about one file's import, ready to be saved."""

    file_name: str
    sha256: str
    outcome: Outcome  # IMPORTED, NO_PLAN or FAILED
    reason: str | None = None
    records: Sequence[Record] = ()
    size_bytes: int | None = None
    source_path: str | None = None
    source_url: str | None = None
    partnership: str | None = None
    title: str | None = None
    page_count: int | None = None
    extractor: str | None = None
    extractor_version: str | None = None
    ocr: bool = False
    notes: list[str] = field(default_factory=list)
    year: int | None = None
    as_at: str | None = None  # the date the version's progress is given as at
    taxonomy: str = ""  # digest of the taxonomy the records' themes come from


@dataclass(frozen=True)
class SaveResult:
    status: Outcome
    document_id: int
    version: int
    records: int


class Store:
    """A database of documents and records, by path or SQLAlchemy URL."""

    def __init__(self, db: str = DEFAULT_DB, create: bool = True) -> None:
        """``create``: make a new database when ``db`` names none (commands
        that only read pass False, and a missing file is refused)."""
        check_location(db, create)
        self.db = db
        self.engine = make_engine(db)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def session(self) -> Session:
        return self._sessions()

    # -- writing ---------------------------------------------------------
    def has_version(self, file_name: str, sha256: str) -> bool:
        with self.session() as s:
            return (
                s.scalar(select(Document.id).where(Document.file_name == file_name, Document.sha256 == sha256))
                is not None
            )

    def save(self, imp: DocumentImport, replace: bool = False) -> SaveResult:
        """Save one document version with all its records, or nothing.

        ``replace`` re-writes a version already held (a re-extraction after
        the extractor improved) instead of leaving it unchanged.
        """
        for attempt in range(SAVE_ATTEMPTS):
            try:
                with self.session() as s, s.begin():
                    return self._save(s, imp, replace)
            except IntegrityError:
                # Another writer got there first: with this very version
                # (nothing left to do), or with a partnership this import
                # also names (it exists now: try again).
                with self.session() as s:
                    doc = s.scalars(
                        select(Document).where(Document.file_name == imp.file_name, Document.sha256 == imp.sha256)
                    ).one_or_none()
                    if doc is not None:
                        return SaveResult(Outcome.UNCHANGED, doc.id, doc.version, doc.record_count)
                if attempt == SAVE_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    def _save(self, s: Session, imp: DocumentImport, replace: bool) -> SaveResult:
        existing = s.scalars(
            select(Document).where(Document.file_name == imp.file_name, Document.sha256 == imp.sha256)
        ).one_or_none()
        if existing is not None and not replace:
            return SaveResult(Outcome.UNCHANGED, existing.id, existing.version, existing.record_count)
        partnership = self._partnership(s, imp.partnership)
        if existing is not None:
            doc = existing
            doc.records.clear()
            s.flush()
            status = _status_for(imp.outcome, Outcome.IMPORTED)
        else:
            # Versions of one document: the same source URL when it was
            # scraped (two sites may both publish "action-plan.pdf"), else
            # the same file name.
            lineage = Document.source_url == imp.source_url if imp.source_url else Document.file_name == imp.file_name
            if s.get_bind().dialect.name == "postgresql":
                # Two writers adding versions of one document take turns, so
                # that each sees the other's version number. (SQLite's
                # BEGIN IMMEDIATE already serialises every write.)
                key = f"dhr-lineage:{imp.source_url or imp.file_name}"
                s.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": key})
            latest = s.scalar(select(func.max(Document.version)).where(lineage))
            for old in s.scalars(select(Document).where(lineage, Document.is_current)):
                old.is_current = False
            doc = Document(file_name=imp.file_name, sha256=imp.sha256, version=(latest or 0) + 1, is_current=True)
            s.add(doc)
            status = _status_for(imp.outcome, Outcome.NEW_VERSION if latest else Outcome.IMPORTED)
        doc.title = imp.title
        doc.partnership = partnership
        doc.page_count = imp.page_count
        doc.size_bytes = imp.size_bytes
        doc.source_path = imp.source_path
        doc.source_url = imp.source_url
        doc.extractor = imp.extractor
        doc.extractor_version = imp.extractor_version
        doc.outcome = imp.outcome
        doc.reason = imp.reason
        doc.ocr = imp.ocr
        doc.notes = list(imp.notes)
        doc.record_count = len(imp.records)
        doc.year = imp.year
        doc.as_at = imp.as_at
        doc.records = [_row(r, i, imp.taxonomy) for i, r in enumerate(imp.records)]
        per_theme = Counter(theme for r in imp.records for theme, _phrase in r.themes)
        doc.theme_counts.clear()
        s.flush()
        doc.theme_counts = [DocumentTheme(theme=t, records=n) for t, n in sorted(per_theme.items())]
        s.flush()
        return SaveResult(status, doc.id, doc.version, len(imp.records))

    @staticmethod
    def _partnership(s: Session, name: str | None) -> Partnership | None:
        if not name:
            return None
        found = s.scalars(select(Partnership).where(Partnership.name == name)).one_or_none()
        if found is None:
            found = Partnership(name=name)
            s.add(found)
            s.flush()
        return found

    # -- reading ---------------------------------------------------------
    def documents(self, all_versions: bool = True) -> list[Document]:
        with self.session() as s:
            q = (
                select(Document)
                .options(selectinload(Document.partnership))
                .order_by(Document.file_name, Document.version)
            )
            if not all_versions:
                q = q.where(Document.is_current)
            return list(s.scalars(q))

    def document(self, key: str) -> Document:
        """The current version of a document, by file name (with or without
        ``.pdf``) or by id; ``name@N`` asks for version N."""
        name, _, version = key.partition("@")
        with self.session() as s:
            q = select(Document).options(selectinload(Document.records), selectinload(Document.partnership))
            if name.isdigit() and not version:
                doc = s.scalars(q.where(Document.id == int(name))).one_or_none()
                if doc is not None:
                    return doc
            candidates = [name] if name.lower().endswith(".pdf") else [name, f"{name}.pdf"]
            q = q.where(Document.file_name.in_(candidates))
            q = q.where(Document.version == int(version)) if version.isdigit() else q.where(Document.is_current)
            doc = s.scalars(q).first()
            if doc is None:
                raise DocumentNotFound(f"no document {key!r} in {display_name(self.db)}")
            return doc

    def records(self, document: str | None = None, all_versions: bool = False) -> Iterator[tuple[Document, RecordRow]]:
        """Records in document and printed order; current versions only unless
        ``all_versions``."""
        with self.session() as s:
            q = (
                select(RecordRow, Document)
                .join(Document, RecordRow.document_id == Document.id)
                .order_by(Document.file_name, Document.version, RecordRow.position)
            )
            if not all_versions:
                q = q.where(Document.is_current)
            if document is not None:
                doc = self.document(document)
                q = q.where(Document.id == doc.id)
            for row, doc in s.execute(q).yield_per(500):
                yield doc, row


def _status_for(outcome: Outcome, ok: Outcome) -> Outcome:
    return ok if outcome == Outcome.IMPORTED else outcome


def _row(r: Record, position: int, taxonomy: str = "") -> RecordRow:
    return RecordRow(
        themes=[RecordTheme(theme=t, phrase=p, taxonomy=taxonomy) for t, p in r.themes],
        position=position,
        section=r.section,
        ref=r.ref,
        recommendation=r.recommendation,
        scope=r.scope,
        action=r.action,
        lead=r.lead,
        milestones=r.milestones,
        target_date_text=r.target_date_text,
        target_date=r.target_date,
        outcome=r.outcome,
        status=r.status,
        page_start=r.page_start,
        page_end=r.page_end,
        extractor=r.extractor,
        confidence=r.confidence,
        ocr=r.ocr,
        raw_cells=r.raw_cells,
    )


__all__ = [
    "DEFAULT_DB",
    "DatabaseMissing",
    "DocumentImport",
    "DocumentNotFound",
    "Outcome",
    "SaveResult",
    "Store",
    "database_url",
    "display_name",
    "has_fts",
    "make_engine",
]
