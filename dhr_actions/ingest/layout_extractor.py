"""The default extractor: a PDF's pages read by pdfplumber, scanned pages
by OCR, and the tables found on them by the layout finder (``finder.py``)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from .finder import find_tables
from .furniture import furniture_notes
from .keyvalue import keyvalue_tables
from .ocr import OcrSettings, OcrUnavailable, is_scanned, ocr_page
from .page import PageContent, page_content
from .settings import DEFAULT_SETTINGS, LayoutSettings
from .table import Table


class PdfplumberExtractor:
    """Find action-plan tables with pdfplumber's words and ruling lines;
    scanned pages are read by OCR (``ocr.py``) and go the same way."""

    name = "pdfplumber"

    def __init__(
        self, ocr: bool = True, ocr_settings: OcrSettings | None = None, settings: LayoutSettings | None = None
    ) -> None:
        self.ocr = ocr
        self.ocr_settings = ocr_settings or OcrSettings()
        self.settings = settings or DEFAULT_SETTINGS
        self.notes: list[str] = []

    def extract(self, path: Path) -> list[Table]:
        pages = self.read_pages(path)
        found = find_tables(pages, self.name, self.settings)
        self.notes.extend(furniture_notes([(f.page.number, ln) for f in found for ln in f.furniture]))
        tables = [t for f in found for t in f.tables]
        if not tables:  # no header line anywhere: a plan of key–value blocks?
            tables = keyvalue_tables(found, self.name, self.settings)
        return tables

    def read_pages(self, path: Path) -> list[PageContent]:
        """Every page's words and rules; scanned pages through OCR."""
        self.notes = []
        pages: list[PageContent] = []
        scans: list[int] = []
        with pdfplumber.open(path) as pdf:
            for i, p in enumerate(pdf.pages, start=1):
                if self.ocr and is_scanned(p):
                    scans.append(i)
                    pages.append(PageContent(i, float(p.width), float(p.height), [], []))
                else:
                    pages.append(page_content(p, i, self.settings))
        for i in scans:
            try:
                words, edges, width, height = ocr_page(path, i - 1, self.ocr_settings)
            except OcrUnavailable:
                if len(scans) == len(pages):
                    raise
                self.notes.append(f"page {i} is a scan and was skipped: tesseract is not installed")
                continue
            pages[i - 1] = PageContent(i, width, height, words, edges, ocr=True)
        if scans:
            self.notes.append(f"OCR read {len(scans)} scanned page(s): {_page_list(scans)}")
        return pages


def _page_list(pages: list[int]) -> str:
    return ", ".join(str(p) for p in pages[:20]) + (" …" if len(pages) > 20 else "")
