"""What an import may do and cost: the options every caller passes."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..ingest.pages.sources import DEFAULT_ENGINE, ENGINES
from ..isolation.limits import DEFAULT_MAX_PAGES, DEFAULT_MEMORY_LIMIT_MB, DEFAULT_TIME_LIMIT_S, Limits


@dataclass(frozen=True)
class ImportOptions:
    """How files are imported, the same for ``dhr import``, the scrape and
    Python callers.

    ``jobs`` worker processes extract under ``limits`` (a hostile file costs
    one failed line, never a hung or exhausted caller). ``jobs=0`` extracts
    in the calling process without limits: for files you trust, tests and
    debugging only.
    """

    extractor: str = "pdfplumber"
    ocr: bool = True
    triage: bool = True  # read only the pages that can hold a plan in full (ingest/pages/triage.py)
    engine: str = DEFAULT_ENGINE  # what reads a PDF's pages: pdfium, or pdfplumber (ingest/pages/sources.py)
    partnership: str | None = None
    source_url: str | None = None
    force: bool = False
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    limits: Limits = field(default_factory=Limits)

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise ValueError(f"engine: {self.engine!r} is not one of {', '.join(ENGINES)}")
        if self.jobs < 0:
            raise ValueError(f"jobs: {self.jobs} must be 0 (in this process) or more")

    @property
    def isolated(self) -> bool:
        """Extraction runs in worker processes under the limits."""
        return self.jobs > 0


__all__ = ["DEFAULT_MAX_PAGES", "DEFAULT_MEMORY_LIMIT_MB", "DEFAULT_TIME_LIMIT_S", "ImportOptions", "Limits"]
