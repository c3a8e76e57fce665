"""Page triage: which pages of a long document can hold part of a plan.

An overview report is 40–150 pages of prose with the plan as an appendix,
and pdfplumber's layout analysis of a page costs about eighty times what
PDFium takes to give its characters and their boxes. Every page is first
read cheaply with PDFium (``light_pages``: words and lines, no rules, no
fonts) and the same header reader the finder uses looks for a header line
on it, or for key–value blocks that would make a plan; a scanned page is
looked at at low resolution (``look_at_scan``). Only those pages are read
in full; the extractor then follows each table that reaches the foot of its
page onto the pages after it while they continue it
(``PdfplumberExtractor``), so a continuation page with no header of its own
is never skipped, and prose after a plan is not read.

The light pages also stand in for the skipped ones when page furniture is
found (running headers recur over the whole document, not only over the
pages read in full), and say whether a skipped page was blank: a blank page
does not end a table, a page of prose does.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...model.geometry import Word
from ...model.keyvalue import label_field, refusal
from ...model.settings import DEFAULT_SETTINGS, LayoutSettings
from ..ocr.prepare import deskewed, lies_on_its_side
from ..ocr.recognise import image_share, looks_scanned
from ..ocr.settings import DEFAULT_OCR, OcrSettings
from ..tables.headers import HeaderReader
from ..tables.keyvalue import blocks_on_page
from .reading import LIGATURES, PageContent, PageText, phrase_gap


@dataclass(frozen=True)
class Triage:
    """Why each page is read in full (page number → reason), and why pages
    that came near were not."""

    reasons: dict[int, str]
    pages: int
    refused: dict[int, str] = field(default_factory=dict)

    @property
    def skipped(self) -> list[int]:
        return [n for n in range(1, self.pages + 1) if n not in self.reasons]


@dataclass(frozen=True)
class ScanLook:
    """What a scanned page shows at low resolution, before any OCR."""

    table: str | None  # why it may hold a table, or None
    blank: bool  # no ink at all


@dataclass
class LightDocument:
    """A document read cheaply: every page's words, what each scanned page
    shows at low resolution, and the pages turned by their /Rotate (whose
    text PDFium gives unturned: always read in full)."""

    pages: list[PageContent]
    scans: dict[int, ScanLook]
    rotated: set[int]

    def has_text(self, number: int) -> bool:
        look = self.scans.get(number)
        return not look.blank if look is not None else bool(self.pages[number - 1].words)


def light_pages(
    path: Path,
    settings: LayoutSettings = DEFAULT_SETTINGS,
    ocr_settings: OcrSettings = DEFAULT_OCR,
    pdf: Any = None,
) -> LightDocument:
    """Every page's words from PDFium's characters and their loose boxes
    (font ascent to descent, as pdfminer measures); and for each page that
    is a scan (``ocr.is_scanned``'s test), what it shows at low resolution
    (``look_at_scan``). ``pdf``: the document already open in PDFium (the
    PDFium engine's), else ``path`` is opened and closed here."""
    import pypdfium2 as pdfium

    out = []
    scans: dict[int, ScanLook] = {}
    rotated: set[int] = set()
    own = pdf is None
    if own:
        pdf = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                if page.get_rotation() % 360:
                    rotated.add(index + 1)
                width, height = page.get_size()
                textpage = page.get_textpage()
                try:
                    words = _words(textpage, float(height), settings)
                    if looks_scanned(textpage.count_chars(), _image_share(page, width, height), ocr_settings):
                        scans[index + 1] = look_at_scan(page, ocr_settings, settings)
                finally:
                    textpage.close()
            finally:
                page.close()
            out.append(PageContent(index + 1, float(width), float(height), words, []))
    finally:
        if own:
            pdf.close()
    return LightDocument(out, scans, rotated)


def _image_share(page: Any, width: float, height: float) -> float:
    import pypdfium2.raw as pdfium_c

    boxes = (obj.get_bounds() for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))
    return image_share(boxes, width, height)


def _words(textpage: Any, height: float, settings: LayoutSettings) -> list[Word]:
    """Words as PDFium's text gives them (it writes a space where the
    glyphs leave a gap, and a line break between lines), each boxed by its
    first and last character: two box look-ups a word, not one a glyph
    (straight through PDFium's C call, into one reused box)."""
    import pypdfium2.raw as pdfium_c

    count = textpage.count_chars()
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    raw, box, loose = textpage.raw, pdfium_c.FS_RECTF(), pdfium_c.FPDFText_GetLooseCharBox
    words: list[Word] = []
    for m in _WORD.finditer(text[:count]):
        first, last = m.start(), m.end() - 1
        if not loose(raw, first, box):
            continue
        l0, b0, r0, t0 = box.left, box.bottom, box.right, box.top
        if last != first and loose(raw, last, box):
            l1, b1, r1, t1 = box.left, box.bottom, box.right, box.top
        else:
            l1, b1, r1, t1 = l0, b0, r0, t0
        top, bottom = height - max(t0, t1), height - min(b0, b1)
        if bottom - top > 3 * (t0 - b0 + 1):
            continue  # the run spans lines (no break between them in the text): not a word
        size = max((bottom - top) / settings.triage_box_to_size, 1.0)
        words.append(Word(m.group().translate(LIGATURES), min(l0, l1), max(r0, r1), top, bottom, size))
    return words


_WORD = re.compile(r"[^\s\ufffe\x00-\x1f]+")


def triage(doc: LightDocument, settings: LayoutSettings = DEFAULT_SETTINGS, ocr: bool = True) -> Triage:
    """The pages to read in full (scanned ones by OCR, unless ``ocr`` is
    off), with the reason for each; and why pages of key–value lines were
    not (``Triage.refused``).

    A page qualifies by its layout, never by a word opening a line: a line
    of several plan labels set apart across columns, or key–value blocks
    that would make a plan (each opening with a recommendation or a
    reference, and naming what is done and who does it or by when). Pages
    around a kept one are not read for being near it: the extractor reads
    the page after a table that reaches its page's foot, and the page after
    key–value blocks (their last value may run on)."""

    reasons: dict[int, str] = {}
    refused: dict[int, str] = {}
    pages = doc.pages
    for page in pages:
        look = doc.scans.get(page.number)
        if page.number in doc.rotated:
            reasons[page.number] = "a page turned by its /Rotate"
            continue
        if look is not None:
            if look.table and ocr:
                reasons[page.number] = f"a scanned page with {look.table}"
            continue
        if not page.words:
            continue
        text = PageText(page, page.lines, phrase_gap(page, settings), settings)
        reader = HeaderReader(text)
        if any(reader.is_header_line(ln) for ln in page.lines) or any(
            reader.starts_stacked_header(i) for i in range(len(page.lines))
        ):
            reasons[page.number] = HEADER_REASON
        elif _label_lines(text, settings) >= settings.triage_min_label_lines:
            verdicts = [refusal(b) for b in blocks_on_page(page.number, text.lines, text.gap, settings)]
            if any(why is None for why in verdicts):
                reasons[page.number] = KEYVALUE_REASON
            else:
                why = next((w for w in verdicts if w), "no value stands level with a label")
                refused[page.number] = f"key–value lines, but no block a plan's: {why}"
    return Triage(reasons, len(pages), refused)


HEADER_REASON = "a line of column labels naming plan fields"
KEYVALUE_REASON = "key–value blocks opening with a recommendation or a reference"


def _label_lines(text: PageText, settings: LayoutSettings) -> int:
    """How many lines open with a field's label with its value beside it,
    the labels at one indent: a cheap test before the page's key–value
    blocks are read. A heading or a sentence that opens with a plan word
    ("Outcomes we expect", "Actions arising from the audit") has no value
    set apart beside it."""
    indents: Counter[int] = Counter()
    for line in text.lines:
        segments = line.segments(text.gap)
        if len(segments) >= 2 and label_field(segments[0].text, settings.max_label_words, settings.header_field_score):
            indents[round(segments[0].x0 / settings.kv_label_indent_pt)] += 1
    return max((indents[k - 1] + indents[k] + indents[k + 1] for k in indents), default=0)


def look_at_scan(
    page: Any, ocr_settings: OcrSettings = DEFAULT_OCR, settings: LayoutSettings = DEFAULT_SETTINGS
) -> ScanLook:
    """Does a scanned page look as if it holds a table: vertical ruling
    lines, a line of text in three or more parts set apart by column gaps,
    or lines of two parts whose second parts line up (labels and values)?
    Prose is one part a line. Seen at ``settings.triage_look_dpi`` without OCR, in a few
    milliseconds, the page turned as OCR will turn it: a quarter turn when
    it lies on its side, and flat when it is skewed."""
    import cv2
    import numpy as np

    picture = page.render(scale=settings.triage_look_dpi / 72, grayscale=True).to_pil().convert("L")
    if np.asarray(picture).min() > 128:
        return ScanLook(None, blank=True)
    if lies_on_its_side(picture, ocr_settings):
        picture = picture.rotate(90, expand=True)  # either way round: columns and rules are what count
    image = np.asarray(deskewed(picture, ocr_settings))
    _threshold, ink = cv2.threshold(image, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    height = ink.shape[0]
    tall = max(int(height * settings.triage_rule_height_share), 10)
    rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, tall)))
    count, _labels, stats, _centroids = cv2.connectedComponentsWithStats(rules)
    if sum(1 for i in range(1, count) if stats[i][3] >= tall) >= 2:
        return ScanLook("vertical ruling lines", blank=False)
    inked = np.asarray(ink) > 0
    rows = [bool(v) for v in np.any(inked, axis=1)]
    pairs: list[tuple[int, float]] = []  # two-part lines: where the second starts, the first's width in line heights
    y = 0
    while y < height:
        if not rows[y]:
            y += 1
            continue
        start = y
        while y < height and rows[y]:
            y += 1
        line_height = max(y - start, 1)
        # A bullet, a lone digit or a clause's number is narrower than a
        # word of a table's cell or a field's label: it parts nothing.
        parts = [
            (x0, x1)
            for x0, x1 in _parts(inked[start:y].any(axis=0), settings)
            if x1 - x0 >= settings.triage_part_min_em * line_height
        ]
        if len(parts) >= 3:
            return ScanLook("a line of text in columns", blank=False)
        if len(parts) == 2:
            pairs.append((parts[1][0], (parts[0][1] - parts[0][0]) / line_height))
    for x0, _width in pairs:
        level = [width for x, width in pairs if abs(x - x0) <= 2]
        # Values in line, and the labels before them as wide as a field's
        # label: clauses' numbers before a hanging indent are narrower.
        if len(level) >= settings.triage_min_label_lines + 1 and max(level) >= settings.triage_label_min_em:
            return ScanLook("lines of labels and values", blank=False)
    return ScanLook(None, blank=False)


def _parts(columns: Any, settings: LayoutSettings = DEFAULT_SETTINGS) -> list[tuple[int, int]]:
    """Where each part of a line starts and ends: ink columns parted by
    column gaps."""
    import numpy as np

    xs = np.flatnonzero(columns)
    if not len(xs):
        return []
    breaks = np.flatnonzero(np.diff(xs) > settings.triage_column_gap_px)
    starts = [int(xs[0]), *(int(xs[b + 1]) for b in breaks)]
    ends = [*(int(xs[b]) + 1 for b in breaks), int(xs[-1]) + 1]
    return list(zip(starts, ends, strict=True))
