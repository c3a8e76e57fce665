"""SQLAlchemy models: partnerships, documents (every version), records.

Portable on purpose: nothing here is SQLite-only, so the same schema runs on
a SQLite file or a PostgreSQL server.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Outcome(StrEnum):
    """How the import of one file ended. A stored document's ``outcome`` is
    IMPORTED, NO_PLAN or FAILED; NEW_VERSION and UNCHANGED are what saving
    it did."""

    IMPORTED = "imported"
    NEW_VERSION = "new version"
    UNCHANGED = "unchanged"
    NO_PLAN = "no plan found"
    FAILED = "failed"


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class Partnership(Base):
    """A Community Safety Partnership (or whoever published the review)."""

    __tablename__ = "partnerships"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)

    documents: Mapped[list[Document]] = relationship(back_populates="partnership")


class Document(Base):
    """One version of one PDF. A changed file with the same name is a new
    version; the old one is kept with ``is_current`` false."""

    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint("file_name", "sha256", name="uq_documents_name_sha"),
        Index("ix_documents_current", "file_name", "is_current"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    title: Mapped[str | None] = mapped_column(String(500))
    partnership_id: Mapped[int | None] = mapped_column(ForeignKey("partnerships.id"))
    page_count: Mapped[int | None] = mapped_column(Integer)
    size_bytes: Mapped[int | None] = mapped_column(Integer)
    source_path: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    extractor: Mapped[str | None] = mapped_column(String(50))
    extractor_version: Mapped[str | None] = mapped_column(String(50))
    outcome: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    record_count: Mapped[int] = mapped_column(Integer, default=0)
    ocr: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[list[Any] | None] = mapped_column(JSON)
    # Set when the file disappeared from the site it was scraped from.
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The review's year: from its title or file name, else its earliest target date.
    year: Mapped[int | None] = mapped_column(Integer)
    # The date the version's progress is given as at, when it prints one
    # ("Position as at May 2022"): ISO 8601 at the printed precision.
    as_at: Mapped[str | None] = mapped_column(String(10))

    partnership: Mapped[Partnership | None] = relationship(back_populates="documents")
    records: Mapped[list[RecordRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="RecordRow.position"
    )
    theme_counts: Mapped[list[DocumentTheme]] = relationship(cascade="all, delete-orphan")


class RecordRow(Base):
    """One record of SCHEMA.md, with its provenance."""

    __tablename__ = "records"
    __table_args__ = (Index("ix_records_document", "document_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    section: Mapped[str | None] = mapped_column(Text)
    ref: Mapped[str | None] = mapped_column(String(50))
    recommendation: Mapped[str | None] = mapped_column(Text)
    scope: Mapped[str | None] = mapped_column(Text)
    action: Mapped[str | None] = mapped_column(Text)
    lead: Mapped[str | None] = mapped_column(Text)
    milestones: Mapped[str | None] = mapped_column(Text)
    target_date_text: Mapped[str | None] = mapped_column(Text)
    target_date: Mapped[str | None] = mapped_column(String(10))
    outcome: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(String(20))
    page_start: Mapped[int | None] = mapped_column(Integer)
    page_end: Mapped[int | None] = mapped_column(Integer)
    extractor: Mapped[str | None] = mapped_column(String(50))
    confidence: Mapped[float | None] = mapped_column(Float)
    ocr: Mapped[bool] = mapped_column(Boolean, default=False)
    raw_cells: Mapped[list[Any] | None] = mapped_column(JSON)

    document: Mapped[Document] = relationship(back_populates="records")
    themes: Mapped[list[RecordTheme]] = relationship(back_populates="record", cascade="all, delete-orphan")


class DocumentTheme(Base):
    """How many of a document's records carry a theme: kept with the tags so
    that theme counts over a whole corpus read a small table."""

    __tablename__ = "document_themes"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    theme: Mapped[str] = mapped_column(String(50), primary_key=True)
    records: Mapped[int] = mapped_column(Integer)


class RecordTheme(Base):
    """A theme a record was tagged with, and the phrase that matched."""

    __tablename__ = "record_themes"
    __table_args__ = (
        UniqueConstraint("record_id", "theme", name="uq_record_themes"),
        Index("ix_record_themes_theme", "theme"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"))
    theme: Mapped[str] = mapped_column(String(50))
    phrase: Mapped[str] = mapped_column(Text)
    taxonomy: Mapped[str] = mapped_column(String(20))  # digest of the taxonomy file used

    record: Mapped[RecordRow] = relationship(back_populates="themes")


class ReviewCopy(Base):
    """The review a current document belongs to, as copies were last grouped
    (``research/copies.py``): kept so that a new process counts reviews
    without matching every document's records again. ``grouped`` names the
    set of current documents the grouping was made for; when it no longer
    does, the grouping is made again."""

    __tablename__ = "review_copies"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    representative_id: Mapped[int] = mapped_column(Integer)  # the copy that stands for the review
    rank: Mapped[int] = mapped_column(Integer)  # 0 for the standing copy, then the others in order
    grouped: Mapped[str] = mapped_column(String(100))


class ScrapeRun(Base):
    """One run of ``dhr scrape``: when, how it ended, and counts per source."""

    __tablename__ = "scrape_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20), default="running")  # running, ok, failed
    offline: Mapped[bool] = mapped_column(Boolean, default=False)
    config_path: Mapped[str | None] = mapped_column(Text)
    counts: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class RemoteFile(Base):
    """A PDF URL a source links to, with what the last fetch learned."""

    __tablename__ = "remote_files"
    __table_args__ = (UniqueConstraint("source", "url", name="uq_remote_files_source_url"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(Text)
    file_name: Mapped[str | None] = mapped_column(String(500))
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(String(100))
    sha256: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default="active")  # active, withdrawn
    first_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_run_id: Mapped[int | None] = mapped_column(ForeignKey("scrape_runs.id"))
