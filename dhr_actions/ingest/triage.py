"""Page triage: which pages of a long document can hold part of a plan.

An overview report is 40–150 pages of prose with the plan as an appendix,
and pdfplumber's layout analysis of a page costs about eighty times what
PDFium takes to give its characters and their boxes. Every page is first
read cheaply with PDFium (``light_page``: words and lines, no rules, no
fonts) and the same header reader the finder uses looks for a header line
on it, or for a column of key–value labels. Only those pages and their
neighbours are read in full; the extractor then follows each table onto the
pages after it while they continue it (``LayoutExtractor``), so a
continuation page with no header of its own is never skipped.

The light pages also stand in for the skipped ones when page furniture is
found (running headers recur over the whole document, not only over the
pages read in full), and say whether a skipped page was blank: a blank page
does not end a table, a page of prose does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .headers import HeaderReader
from .keyvalue import label_field
from .layout import Word
from .ocr import SCAN_MAX_CHARS, SCAN_MIN_IMAGE_SHARE
from .page import PageContent, PageText
from .settings import DEFAULT_SETTINGS, LayoutSettings

# The neighbours of a page with a header that are read in full too: the one
# before may hold the plan's title rows or the start of a header band.
NEIGHBOURS = 1
# Lines opening with a field label ("Lead", "Target date") that make a page
# a candidate for key–value blocks.
MIN_LABEL_LINES = 3
# A loose character box is about this much taller than the font size.
BOX_TO_SIZE = 1.15


@dataclass(frozen=True)
class Triage:
    """Why each page is read in full (page number → reason)."""

    reasons: dict[int, str]
    pages: int

    @property
    def skipped(self) -> list[int]:
        return [n for n in range(1, self.pages + 1) if n not in self.reasons]


def light_pages(path: Path, settings: LayoutSettings = DEFAULT_SETTINGS) -> tuple[list[PageContent], set[int]]:
    """Every page's words from PDFium's characters and their loose boxes
    (font ascent to descent, as pdfminer measures), grouped as pdfplumber
    groups them: split at spaces and at gaps wider than the word tolerance;
    and the numbers of the pages that are scans (``ocr.is_scanned``'s test)."""
    import pypdfium2 as pdfium

    out = []
    scans: set[int] = set()
    pdf = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                try:
                    words = _words(textpage, float(height), settings)
                    if (
                        textpage.count_chars() < SCAN_MAX_CHARS
                        and _image_share(page, width, height) >= SCAN_MIN_IMAGE_SHARE
                    ):
                        scans.add(index + 1)
                finally:
                    textpage.close()
            finally:
                page.close()
            out.append(PageContent(index + 1, float(width), float(height), words, []))
    finally:
        pdf.close()
    return out, scans


def _image_share(page: Any, width: float, height: float) -> float:
    import pypdfium2.raw as pdfium_c

    covered = 0.0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        covered += max(0.0, min(right, width) - max(left, 0.0)) * max(0.0, min(top, height) - max(bottom, 0.0))
    return covered / (width * height or 1.0)


def _words(textpage: Any, height: float, settings: LayoutSettings) -> list[Word]:
    """Words as PDFium's text gives them (it writes a space where the
    glyphs leave a gap, and a line break between lines), each boxed by its
    first and last character: two box look-ups a word, not one a glyph."""
    count = textpage.count_chars()
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    words: list[Word] = []
    for m in _WORD.finditer(text[:count]):
        first, last = m.start(), m.end() - 1
        l0, b0, r0, t0 = textpage.get_charbox(first, loose=True)
        l1, b1, r1, t1 = textpage.get_charbox(last, loose=True) if last != first else (l0, b0, r0, t0)
        top, bottom = height - max(t0, t1), height - min(b0, b1)
        if bottom - top > 3 * (t0 - b0 + 1):
            continue  # the run spans lines (no break between them in the text): not a word
        words.append(Word(m.group(), min(l0, l1), max(r0, r1), top, bottom, max((bottom - top) / BOX_TO_SIZE, 1.0)))
    return words


_WORD = re.compile(r"[^\s\ufffe\x00-\x1f]+")


def triage(pages: list[PageContent], scans: set[int], settings: LayoutSettings = DEFAULT_SETTINGS) -> Triage:
    """The pages to read in full, with the reason for each."""
    from .finder import phrase_gap

    reasons: dict[int, str] = {}
    for page in pages:
        if page.number in scans:
            reasons[page.number] = "a scanned page (read by OCR)"
            continue
        if not page.words:
            continue
        text = PageText(page, page.lines, phrase_gap(page, settings), settings)
        reader = HeaderReader(text)
        if any(reader.fields(ln) >= settings.min_header_fields for ln in page.lines) or any(
            reader.starts_stacked_header(i) for i in range(len(page.lines))
        ):
            reasons[page.number] = "a line of column labels naming plan fields"
        elif _label_lines(text, settings) >= MIN_LABEL_LINES:
            reasons[page.number] = "lines opening with field labels (key–value blocks)"
    for number in sorted(reasons):
        for near in range(number - NEIGHBOURS, number + NEIGHBOURS + 1):
            if 1 <= near <= len(pages) and near not in reasons:
                reasons[near] = f"next to page {number}"
    return Triage(reasons, len(pages))


def _label_lines(text: PageText, settings: LayoutSettings) -> int:
    count = 0
    for line in text.lines:
        segments = line.segments(text.gap)
        if segments and label_field(segments[0].text, settings.max_label_words, settings.header_field_score):
            count += 1
    return count
