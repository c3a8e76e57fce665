"""The extractor seam: anything that turns a PDF into a list of tables."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from ...model.table import Table
from ..pages.sources import DEFAULT_ENGINE, ENGINES


class Extractor(Protocol):
    """Finds the action-plan tables of one PDF, in page order."""

    name: str

    def extract(self, path: Path) -> list[Table]: ...


def get_extractor(
    name: str,
    ocr: bool = True,
    triage: bool = True,
    ocr_threads: int | Callable[[], int] | None = None,
    engine: str = DEFAULT_ENGINE,
) -> Extractor:
    """An extractor by name: ``pdfplumber`` (default: the layout finder;
    its pages read by ``engine``, ``pdfium`` or ``pdfplumber``; OCRs
    scanned pages unless ``ocr`` is false, gives the finder only the pages
    triage keeps unless ``triage`` is false, OCRs ``ocr_threads`` pages at
    once) or ``camelot``."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: choose from {', '.join(ENGINES)}")
    if name == "pdfplumber":
        from .layout import PdfplumberExtractor

        return PdfplumberExtractor(ocr=ocr, triage=triage, ocr_threads=ocr_threads, engine=engine)
    if name == "camelot":
        from .camelot import CamelotExtractor

        return CamelotExtractor()
    raise ValueError(f"unknown extractor {name!r}: choose from {', '.join(EXTRACTOR_NAMES)}")


EXTRACTOR_NAMES = ("pdfplumber", "camelot")
