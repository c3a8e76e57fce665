"""The default extractor: a PDF's pages read by pdfplumber, scanned pages
by OCR, and the tables found on them by the layout finder (``finder.py``)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ...model.settings import DEFAULT_SETTINGS, LayoutSettings
from ...model.table import Table
from ..ocr import recognise as ocr_engine
from ..ocr.recognise import OcrUnavailable, recognise, render_page
from ..ocr.settings import DEFAULT_OCR, OcrSettings
from ..ocr.tesseract import NO_TESSERACT
from ..pages.furniture import furniture_notes
from ..pages.panels import Band, panel_groups, partial_header, side_by_side
from ..pages.reading import PageContent
from ..pages.sources import DEFAULT_ENGINE, PageSource, PdfiumSource, open_source
from ..pages.triage import KEYVALUE_REASON, LightDocument, Triage, light_pages, triage
from ..tables.finder import PageFindings, find_tables
from ..tables.keyvalue import keyvalue_tables


class PdfplumberExtractor:
    """Find action-plan tables in a page's words and ruling lines, read by
    ``engine`` (``pages/sources.py``: PDFium by default, pdfplumber the
    reference); scanned pages are read by OCR (``ocr/``) and go the same
    way. With ``triage`` (the default), only the pages of a document (of
    more than ``triage_min_pages``, or with a scanned page) that can hold a
    plan, and those its tables run on to, go to the finder
    (``pages/triage.py``), unless most of its pages can
    (``triage_read_all_share``); with the pdfplumber engine the others are
    not parsed by pdfminer at all, only read cheaply by PDFium."""

    name = "pdfplumber"

    def __init__(
        self,
        ocr: bool = True,
        ocr_settings: OcrSettings | None = None,
        settings: LayoutSettings | None = None,
        triage: bool = True,
        ocr_threads: int | Callable[[], int] | None = None,
        engine: str = DEFAULT_ENGINE,
    ) -> None:
        self.ocr = ocr
        self.engine = engine
        self.ocr_settings = ocr_settings or DEFAULT_OCR
        self.settings = settings or DEFAULT_SETTINGS
        self.triage = triage
        # Scanned pages of one document OCR'd at once: a number, or asked
        # when the pages are read (the cores a batch leaves free); default
        # one per core.
        self._ocr_threads = ocr_threads
        self.notes: list[str] = []

    @property
    def ocr_threads(self) -> int:
        wanted = self._ocr_threads() if callable(self._ocr_threads) else self._ocr_threads
        return max(1, wanted or os.cpu_count() or 1)

    def extract(self, path: Path) -> list[Table]:
        self.notes = []
        with _PageReader(self, path) as reader:
            if self.triage and not self._short(reader):
                found = self._find_triaged(reader, path)
            else:
                found = find_tables(self._panels_joined(reader.read_all()), self.name, self.settings)
        self.notes.extend(reader.notes())
        self.notes.extend(furniture_notes([(f.page.number, ln) for f in found for ln in f.furniture]))
        tables = [t for f in found for t in f.tables]
        if not tables:  # no header line anywhere: a plan of key–value blocks?
            tables = keyvalue_tables(found, self.name, self.settings, self.notes)
        return tables

    def _short(self, reader: _PageReader) -> bool:
        """Too short to triage (``LayoutSettings.triage_min_pages``), and no
        page of it a scan."""
        pages = len(reader.source)
        if pages > self.settings.triage_min_pages:
            return False
        return pages <= 1 or not any(reader.source.scanned(n) for n in range(1, pages + 1))

    def _scanned_panels(self, light: LightDocument, reader: _PageReader, found: list[PageFindings]) -> list[Band]:
        """A short scanned document with no plan found, one of whose pages
        opens with part of a header: the first panel of a sheet printed
        too wide for its paper? (A scan's text is read only by OCR, so the
        other panels may be among the pages triage left unread.) The bands
        of panels every page, read, shows; none when it is not."""
        if any(f.tables for f in found) or not light.scans or len(light.pages) > self.settings.panel_max_scanned_pages:
            return []
        if not any(p.ocr and partial_header(p, self.settings) for p in reader.cache.values()):
            return []
        return panel_groups(reader.read_all(), self.settings)

    def _panels_joined(self, pages: list[PageContent], groups: list[Band] | None = None) -> list[PageContent]:
        """``pages`` with the panels of a sheet printed too wide for its
        paper (``groups``, found unless given) put back side by side
        (``panels.py``)."""
        if groups is None:
            groups = panel_groups(pages, self.settings)
        for band in groups:
            self.notes.append(
                f"pages {_page_list(list(band.pages))}: panels of one sheet printed side by side, read as one page"
            )
        return side_by_side(pages, groups)

    def read_pages(self, path: Path) -> list[PageContent]:
        """Every page's words and rules; scanned pages through OCR."""
        self.notes = []
        with _PageReader(self, path) as reader:
            pages = reader.read_all()
        self.notes.extend(reader.notes())
        return pages

    def _find_triaged(self, reader: _PageReader, path: Path) -> list[PageFindings]:
        """The finder on the pages triage keeps, and on each page after one
        whose table may run on, until none does."""
        try:
            pdf = reader.source.pdf if isinstance(reader.source, PdfiumSource) else None
            light = light_pages(path, self.settings, self.ocr_settings, pdf)
            if len(light.pages) != len(reader.source):
                raise ValueError(f"{len(light.pages)} pages, {reader.source.engine} {len(reader.source)}")
        except Exception as exc:  # PDFium refused or miscounted what the engine reads: read every page
            self.notes.append(f"triage: not done, every page read in full (PDFium: {type(exc).__name__}: {exc})")
            return find_tables(reader.read_all(), self.name, self.settings)
        if panel_groups(light.pages, self.settings):  # a wide sheet's panels: every page is needed
            return find_tables(self._panels_joined(reader.read_all()), self.name, self.settings)
        kept = triage(light, self.settings, self.ocr)
        if not light.scans and len(kept.reasons) >= self.settings.triage_read_all_share * len(light.pages):
            # Most pages hold a plan: read them all and find once, not again
            # for each page a table runs on to.
            self.notes.append(
                f"triage: every page read in full ({len(kept.reasons)} of {len(light.pages)} look like a plan's)"
            )
            return find_tables(reader.read_all(), self.name, self.settings)
        reasons = dict(kept.reasons)
        while True:
            full = reader.read_many(sorted(reasons))
            document = [full.get(page.number, page) for page in light.pages]
            found = find_tables([full[n] for n in sorted(full)], self.name, self.settings, document)
            more = _run_on_pages(found, light, reasons, self.settings)
            if not more:
                break
            reasons.update(more)
        scanned_panels = self._scanned_panels(light, reader, found)
        if scanned_panels:  # every page is read by now
            return find_tables(self._panels_joined(reader.read_all(), scanned_panels), self.name, self.settings)
        skipped = Triage(reasons, len(light.pages)).skipped
        if skipped:
            self.notes.append(
                f"triage: {len(skipped)} of {len(light.pages)} pages not read in full "
                f"(nothing on them looks like a table or its labels, and no table runs on to them): "
                f"{_page_list(skipped)}"
            )
        self.notes.extend(f"triage: page {n} read in full: {why}" for n, why in sorted(reasons.items()))
        self.notes.extend(f"triage: page {n} not read in full: {why}" for n, why in sorted(kept.refused.items()))
        return found


def _run_on_pages(
    found: list[PageFindings], light: LightDocument, reasons: dict[int, str], settings: LayoutSettings
) -> dict[int, str]:
    """The next page with text after each page whose last table reaches the
    foot of its page (no more than ``triage_run_on_tail_lines`` lines of text
    below it), or that holds key–value blocks, when it is not read yet: the
    table may continue there without a header. A table with prose after it
    has ended."""
    more: dict[int, str] = {}
    for f in found:
        if f.tables:
            last = max(f.tables, key=lambda t: t.bbox[3])
            below = sum(1 for ln in f.lines if ln.top >= last.bbox[3] - 1)
            if below > settings.triage_run_on_tail_lines:
                continue
            why = f"after page {f.page.number}, whose table reaches the foot of the page"
        elif reasons.get(f.page.number) == KEYVALUE_REASON:
            why = f"after page {f.page.number}, whose key–value blocks may run on"
        else:
            continue
        nxt = next((n for n in range(f.page.number + 1, len(light.pages) + 1) if light.has_text(n)), None)
        if nxt is not None and nxt not in reasons:
            more[nxt] = why
    return more


class _PageReader:
    """Pages of one PDF read in full, once each: by the extractor's engine
    (``pages/sources.py``), or by OCR for a scanned page."""

    def __init__(self, extractor: PdfplumberExtractor, path: Path) -> None:
        self.ex = extractor
        self.path = path
        self.source: PageSource = open_source(path, extractor.engine, extractor.settings, extractor.ocr_settings)
        self.cache: dict[int, PageContent] = {}
        self.scans: list[int] = []
        self.skipped_scans: list[int] = []

    def read_all(self) -> list[PageContent]:
        pages = self.read_many(list(range(1, len(self.source) + 1)))
        return [pages[n] for n in sorted(pages)]

    def read_many(self, numbers: list[int]) -> dict[int, PageContent]:
        """The pages ``numbers`` read in full; scanned ones OCR'd on up to
        ``ocr_threads`` threads at once (each a tesseract process)."""
        scans = []
        for n in numbers:
            if n in self.cache:
                continue
            if self.ex.ocr and self.source.scanned(n):
                scans.append(n)
            else:
                self.cache[n] = self.source.content(n)
        if scans and ocr_engine.tesseract_path() is None:
            every = range(1, len(self.source) + 1)
            if len(self.source) == 1 or all(self.source.scanned(q) for q in every):
                raise OcrUnavailable(NO_TESSERACT)
            for n in scans:
                self.skipped_scans.append(n)
                self.cache[n] = PageContent(n, *self.source.size(n), [], [])
        elif scans:
            render = threading.Lock()  # PDFium: one call at a time
            threads = min(self.ex.ocr_threads, len(scans))
            with ThreadPoolExecutor(max_workers=threads) as pool:
                for n, page in zip(scans, pool.map(lambda n: self._ocr(n, render), scans), strict=True):
                    self.cache[n] = page
        return {n: self.cache[n] for n in numbers}

    def __enter__(self) -> _PageReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.source.close()

    def _ocr(self, number: int, render: threading.Lock) -> PageContent:
        self.scans.append(number)
        with render:
            image, width, height = render_page(self.path, number - 1, self.ex.ocr_settings)
        words, edges, width, height = recognise(image, width, height, self.ex.ocr_settings)
        return PageContent(number, width, height, words, edges, ocr=True)

    def notes(self) -> list[str]:
        out = [f"page {n} is a scan and was skipped: tesseract is not installed" for n in sorted(self.skipped_scans)]
        out.extend(self.source.notes())
        read = [n for n in self.scans if n not in self.skipped_scans]
        if read:
            out.append(f"OCR read {len(read)} scanned page(s): {_page_list(sorted(read))}")
        return out


def _page_list(pages: list[int]) -> str:
    return ", ".join(str(p) for p in pages[:20]) + (" …" if len(pages) > 20 else "")
