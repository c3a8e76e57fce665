"""What an Office reader gives back: tables for the normaliser, and the
document's facts."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model.table import Table


@dataclass
class OfficeContent:
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    title: str | None = None
    opening_text: str = ""  # the first paragraphs or cells, for naming the partnership
