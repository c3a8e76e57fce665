"""The engines that read a PDF's text pages into the finder's page model.

``pdfium`` (the default): PDFium reads each page once, in C, into words
and ruling edges by pdfplumber's rules (``pdfium_reading``); triage judges
those very pages, so no page is parsed twice. ``pdfplumber``: pdfminer's
parse, the reference the finder's thresholds were first set on, with
PDFium opened beside it for the clipping paths pdfminer ignores.

Either way a source answers the same questions of a page: how many there
are, whether one is a scan (for OCR), its size, and its content read in
full.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from ...model.settings import DEFAULT_SETTINGS, LayoutSettings
from ..ocr.recognise import is_scanned, looks_scanned
from ..ocr.settings import DEFAULT_OCR, OcrSettings
from .clipping import HiddenGlyph, hidden_glyphs
from .pdfium_reading import PdfiumPage, read_page
from .reading import PageContent, page_content

ENGINES = ("pdfium", "pdfplumber")
DEFAULT_ENGINE = "pdfium"


class PageSource(Protocol):
    """One open PDF, its pages read by one engine."""

    engine: str

    def __len__(self) -> int: ...

    def scanned(self, number: int) -> bool: ...

    def size(self, number: int) -> tuple[float, float]: ...

    def content(self, number: int) -> PageContent: ...

    def notes(self) -> list[str]: ...

    def close(self) -> None: ...


def open_source(
    path: Path,
    engine: str = DEFAULT_ENGINE,
    settings: LayoutSettings = DEFAULT_SETTINGS,
    ocr_settings: OcrSettings = DEFAULT_OCR,
) -> PageSource:
    """``path`` opened by ``engine``; a file PDFium cannot open is read by
    pdfplumber, and the source's notes say so."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}: choose from {', '.join(ENGINES)}")
    if engine == "pdfium":
        import pypdfium2 as pdfium

        try:
            return PdfiumSource(pdfium.PdfDocument(str(path)), settings, ocr_settings)
        except pdfium.PdfiumError as exc:
            source = PlumberSource(path, settings, ocr_settings)
            source.fallback = f"read with pdfplumber: PDFium could not open the file ({exc})"
            return source
    return PlumberSource(path, settings, ocr_settings)


class PdfiumSource:
    """Pages read by PDFium, each once (``pdfium_reading.read_page``)."""

    engine = "pdfium"

    def __init__(self, pdf: Any, settings: LayoutSettings, ocr_settings: OcrSettings) -> None:
        self.pdf = pdf
        self.settings = settings
        self.ocr_settings = ocr_settings
        self._read: dict[int, PdfiumPage] = {}

    def __len__(self) -> int:
        return len(self.pdf)

    def page(self, number: int) -> PdfiumPage:
        """Page ``number`` read in full (once)."""
        read = self._read.get(number)
        if read is None:
            handle = self.pdf[number - 1]
            try:
                read = self._read[number] = read_page(handle, number, self.settings)
            finally:
                handle.close()
        return read

    def scanned(self, number: int) -> bool:
        """The scanned-page test of ``ocr.is_scanned`` on PDFium's reading."""
        read = self.page(number)
        return looks_scanned(read.chars, read.image_share, self.ocr_settings)

    def size(self, number: int) -> tuple[float, float]:
        content = self.page(number).content
        return content.width, content.height

    def content(self, number: int) -> PageContent:
        return self.page(number).content

    def notes(self) -> list[str]:
        return []

    def close(self) -> None:
        self._read.clear()
        self.pdf.close()


class PlumberSource:
    """Pages read by pdfplumber (pdfminer), the glyphs outside their clip
    left out with PDFium's help."""

    engine = "pdfplumber"

    def __init__(self, path: Path, settings: LayoutSettings, ocr_settings: OcrSettings) -> None:
        import pdfplumber

        self.path = path
        self.pdf = pdfplumber.open(path)
        self.settings = settings
        self.ocr_settings = ocr_settings
        self.fallback = ""
        self._pdfium: Any = None  # opened for the clipping paths; False when it cannot be
        self._clip_note = ""

    def __len__(self) -> int:
        return len(self.pdf.pages)

    def scanned(self, number: int) -> bool:
        return is_scanned(self.pdf.pages[number - 1], self.ocr_settings)

    def size(self, number: int) -> tuple[float, float]:
        page = self.pdf.pages[number - 1]
        return float(page.width), float(page.height)

    def content(self, number: int) -> PageContent:
        return page_content(self.pdf.pages[number - 1], number, self.settings, self._hidden(number))

    def _hidden(self, number: int) -> list[HiddenGlyph]:
        """The glyphs page ``number`` draws outside its clipping paths,
        read with PDFium (opened once, on the first text page read); none
        when PDFium cannot read the file."""
        import pypdfium2 as pdfium

        if self._pdfium is None:
            try:
                self._pdfium = pdfium.PdfDocument(str(self.path))
            except pdfium.PdfiumError as exc:
                self._pdfium = False
                self._clip_note = f"clipping not read, hidden text may show (PDFium: {exc})"
        if not self._pdfium:
            return []
        try:
            page = self._pdfium[number - 1]
        except pdfium.PdfiumError as exc:
            self._clip_note = f"clipping not read on page {number}, hidden text may show (PDFium: {exc})"
            return []
        try:
            return hidden_glyphs(page, self.settings)
        finally:
            page.close()

    def notes(self) -> list[str]:
        return [note for note in (self.fallback, self._clip_note) if note]

    def close(self) -> None:
        if self._pdfium:
            self._pdfium.close()
        self._pdfium = None
        self.pdf.close()
