"""The common record of SCHEMA.md, with where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Export field order: exactly the contract's fields.
SCHEMA_FIELDS = (
    "document",
    "section",
    "ref",
    "recommendation",
    "scope",
    "action",
    "lead",
    "milestones",
    "target_date_text",
    "target_date",
    "outcome",
    "status",
)


@dataclass
class Record:
    document: str
    section: str | None
    ref: str | None
    recommendation: str | None
    scope: str | None
    action: str | None
    lead: str | None
    milestones: str | None
    target_date_text: str | None
    target_date: str | None
    outcome: str | None
    status: str | None
    # Provenance: not part of the export contract.
    page_start: int = 0
    page_end: int = 0
    position: int = 0
    extractor: str = ""
    # How sure the reading is, 0-1: the table finder's confidence in the
    # table's structure, times (OCR) the share of words read confidently.
    confidence: float = 1.0
    ocr: bool = False
    # OCR words read with little confidence, as printed (Word.doubtful).
    doubtful: list[str] = field(default_factory=list)
    words: int = 0
    raw_cells: list[dict[str, Any]] = field(default_factory=list)
    # (theme, matched phrase) pairs, filled at import by the research tagger.
    themes: list[tuple[str, str]] = field(default_factory=list)

    def export(self) -> dict[str, Any]:
        """The record as SCHEMA.md's export format has it."""
        return {name: getattr(self, name) for name in SCHEMA_FIELDS}
