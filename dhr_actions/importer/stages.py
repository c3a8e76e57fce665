"""The stages an import runs, handed in by whoever starts it.

The importer knows how to run a document under limits and save what came
of it whole or not at all; what is done to the document (read it into
records, tag them with themes) is given to it, so the import path depends on
no analysis layer and a caller can swap a stage (another tagger, a reader
under test). ``dhr_actions.compose`` puts the usual ones together.

Stages cross into worker processes: give module-level functions (they
pickle by name), not lambdas.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..ingest.extractors.base import Extractor
from ..normalise.record import Record


class DocumentRead(Protocol):
    """What reading one document gives the importer."""

    records: list[Record]
    notes: list[str]
    title: str | None
    opening_text: str
    page_count: int | None

    @property
    def ocr(self) -> bool: ...


class ReadDocument(Protocol):
    """Checks, describes and extracts one document, raising
    :class:`~dhr_actions.model.errors.DocumentError` with a one-line reason;
    refuses one of more than ``max_pages`` pages (``hint`` ends that reason)."""

    def __call__(self, path: Path, extractor: Extractor, document: str, max_pages: int, hint: str) -> DocumentRead: ...


class TagRecords(Protocol):
    """Sets each record's themes; returns the digest of what tagged them."""

    def __call__(self, records: list[Record]) -> str: ...


@dataclass(frozen=True)
class Stages:
    read: ReadDocument
    tag: TagRecords | None = None  # None: records are stored without themes


__all__ = ["DocumentRead", "ReadDocument", "Stages", "TagRecords"]
