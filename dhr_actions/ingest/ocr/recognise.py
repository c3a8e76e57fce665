"""OCR for scanned pages: words from tesseract, ruling lines from the image.

A page with (almost) no text objects but a picture covering much of it is a
scan. It is rendered with PDFium, read by the ``tesseract`` command (word
boxes from its TSV output), and its ruling lines are found with OpenCV's
morphological opening (long thin horizontal and vertical runs of dark
pixels). The result is a ``PageContent`` in PDF points, so scanned pages go
through the same table finder as born-digital ones.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ...model.geometry import Edge, Word
from .missed import words_unread
from .prepare import (
    blob_boxes,
    deskewed,
    despeckled,
    lies_on_its_side,
    reverse_video_undone,
    sauvola,
)
from .settings import DEFAULT_OCR, MAX_DPI, OcrSettings
from .tesseract import (
    OcrUnavailable,
    find_tesseract,
    tesseract_path,
    tesseract_words,
    upright_turn,
)
from .words import in_reading_order, repaired

__all__ = [
    "OcrSettings",
    "OcrUnavailable",
    "image_share",
    "is_scanned",
    "looks_scanned",
    "ocr_page",
    "recognise",
    "render_page",
    "tesseract_path",
]


def is_scanned(page: Any, settings: OcrSettings = DEFAULT_OCR) -> bool:
    """A pdfplumber page that is a picture of text rather than text."""
    if len(page.chars) >= settings.scan_max_chars:
        return False
    boxes = ((float(im["x0"]), float(im["top"]), float(im["x1"]), float(im["bottom"])) for im in page.images)
    return looks_scanned(len(page.chars), image_share(boxes, float(page.width), float(page.height)), settings)


def looks_scanned(chars: int, share: float, settings: OcrSettings = DEFAULT_OCR) -> bool:
    """The scanned-page test on any engine's reading of a page: fewer
    characters than a page of text has, and images covering much of it."""
    return chars < settings.scan_max_chars and share >= settings.scan_min_image_share


def image_share(boxes: Iterable[tuple[float, float, float, float]], width: float, height: float) -> float:
    """The share of a ``width`` × ``height`` page that images' boxes (two
    opposite corners each, measured either way up) cover, added up."""
    covered = 0.0
    for x0, y0, x1, y1 in boxes:
        covered += max(0.0, min(x1, width) - max(x0, 0.0)) * max(0.0, min(y1, height) - max(y0, 0.0))
    return covered / (width * height or 1.0)


def ocr_page(
    pdf_path: Path, index: int, settings: OcrSettings = DEFAULT_OCR
) -> tuple[list[Word], list[Edge], float, float]:
    """Words and ruling edges of page ``index`` (0-based), in PDF points."""
    return recognise(*render_page(pdf_path, index, settings), settings)


def render_page(pdf_path: Path, index: int, settings: OcrSettings = DEFAULT_OCR) -> tuple[Any, float, float]:
    """Page ``index`` (0-based) as a greyscale picture at the OCR resolution,
    and its size in points. PDFium is not thread-safe: one call at a time."""
    find_tesseract()  # no rendering for nothing
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        page = pdf[index]
        width, height = page.get_size()
        image = page.render(scale=settings.dpi / 72, grayscale=True).to_pil().convert("L")
        page.close()
    finally:
        pdf.close()
    return image, float(width), float(height)


def recognise(
    image: Any, width: float, height: float, settings: OcrSettings = DEFAULT_OCR
) -> tuple[list[Word], list[Edge], float, float]:
    """Words and ruling edges of a rendered page, in PDF points: safe to run
    for several pages at once (tesseract is a process of its own)."""
    exe = find_tesseract()
    scale = settings.dpi / 72
    sideways = lies_on_its_side(image, settings)
    if sideways:
        # Orientation detection says which quarter; when it cannot say
        # (sparse text), a guess, which the legibility check below puts
        # right if it read the page upside down.
        turn = upright_turn(exe, image, settings)
        upright = image
        image = image.rotate(-(turn if turn in (90, 270) else 90), expand=True)  # clockwise
        width, height = height, width
    image = straightened(image, scale, settings)
    words, edges = _read(exe, image, scale, settings)
    if legible_share(words) < settings.legible_share:
        # Upside down (a page fed the wrong way up, or turned the wrong
        # way): try it the other way round.
        flipped = image.rotate(180)
        turned = _read(exe, flipped, scale, settings)
        if legible_share(turned[0]) > legible_share(words):
            (words, edges), image = turned, flipped
    if sideways and legible_share(words) < settings.legible_share:
        # Neither way round reads: the page was upright after all.
        flat = straightened(upright, scale, settings)
        as_it_was = _read(exe, flat, scale, settings)
        if legible_share(as_it_was[0]) > legible_share(words):
            (words, edges), (width, height), image = as_it_was, (height, width), flat
    factor = enlargement(words, scale, settings)
    if factor > 1.0:
        # Small type (a landscape table printed to fit, a photocopy
        # reduced): tesseract misreads letters a few pixels high, and reads
        # them better enlarged.
        # The grey picture is enlarged, before clean-up: binarised first,
        # the letters' detail would be lost already.
        more = read_enlarged(exe, image, scale, settings, factor)
        if legible_share(more[0]) >= legible_share(words):
            words, edges = more
    return words, edges, width, height


BICUBIC = 3  # PIL.Image.Resampling.BICUBIC (Lanczos, sharper, misread headers of the samples)


def enlargement(words: list[Word], scale: float, settings: OcrSettings = DEFAULT_OCR) -> float:
    """How much to enlarge a page whose ``words`` are small type (1.0: not)."""
    heights = sorted(w.size * scale for w in words if len(w.text) >= 3 and w.text.isalpha())
    if len(heights) < settings.min_words_to_judge:
        return 1.0
    median = heights[len(heights) // 2]
    if median >= settings.small_text_px:
        return 1.0
    return min(settings.max_enlargement, settings.read_text_px / median, MAX_DPI / (72 * scale))


def read_enlarged(
    exe: str, image: Any, scale: float, settings: OcrSettings, factor: float
) -> tuple[list[Word], list[Edge]]:
    """Words and edges of a page read ``factor`` times its size."""
    bigger = image.resize((round(image.width * factor), round(image.height * factor)), BICUBIC)
    return _read(exe, bigger, scale * factor, replace(settings, dpi=round(settings.dpi * factor)))


def straightened(image: Any, scale: float, settings: OcrSettings) -> Any:
    """The page turned flat, its light-on-dark bands dark on light."""
    return reverse_video_undone(deskewed(image, settings), scale, settings)


def _read(exe: str, image: Any, scale: float, settings: OcrSettings) -> tuple[list[Word], list[Edge]]:
    edges, clean, rules = _ruling_edges(image, scale, settings)
    # Specks last: binarising grey paper brings out faint ones.
    clean = despeckled(clean, scale, rules, settings)
    buf = io.BytesIO()
    clean.save(buf, format="PNG")
    words = tesseract_words(exe, buf.getvalue(), scale, settings)
    words = in_reading_order(words, words_unread(exe, clean, rules, words, scale, settings), settings)
    return emboldened(repaired(words, settings), clean, scale, settings), edges


def emboldened(words: list[Word], clean: Any, scale: float, settings: OcrSettings = DEFAULT_OCR) -> list[Word]:
    """``words`` with ``bold`` set from the thickness of their strokes on
    the cleaned page (twice the ink over its outline: a stroke's width),
    measured in each word's box alone."""
    import cv2
    import numpy as np

    page = np.asarray(clean)
    h, w = page.shape
    widths: dict[int, float] = {}
    for n, word in enumerate(words):
        if sum(ch.isalnum() for ch in word.text) < settings.bold_min_letters:
            continue
        x0, y0 = max(0, int(word.x0 * scale)), max(0, int(word.top * scale))
        x1, y1 = min(w, int(word.x1 * scale) + 1), min(h, int(word.bottom * scale) + 1)
        # A pixel's worth of the page round the box, so that ink at its
        # edge is eroded as on the whole page.
        ox, oy = min(1, x0), min(1, y0)
        ink = (page[y0 - oy : y1 + 1, x0 - ox : x1 + 1] < 128).astype(np.uint8)
        outline = (ink - cv2.erode(ink, np.ones((3, 3), np.uint8)))[oy : oy + y1 - y0, ox : ox + x1 - x0]
        edge = int(outline.sum())
        if edge > 0:
            widths[n] = 2 * int(ink[oy : oy + y1 - y0, ox : ox + x1 - x0].sum()) / edge
    if len(widths) < 10:
        return words
    usual = float(np.median(list(widths.values())))
    return [
        replace(word, bold=True) if widths.get(n, 0.0) >= settings.bold_stroke_ratio * usual else word
        for n, word in enumerate(words)
    ]


def legible_share(words: list[Word]) -> float:
    """The share of the words of three letters or more that are words of
    the word list (1.0 when there are none: nothing to judge by)."""
    from ...language.lexicon import is_word

    candidates = [w.text.strip(".,;:()'\"‘’“”").lower() for w in words]
    candidates = [t for t in candidates if len(t) >= 3 and t.isalpha()]
    if not candidates:
        return 1.0
    return sum(1 for t in candidates if is_word(t)) / len(candidates)


def _ruling_edges(image: Any, scale: float, settings: OcrSettings = DEFAULT_OCR) -> tuple[list[Edge], Any, Any]:
    """Long straight dark runs: the table's rules. Also returns the page with
    the rules erased and light cell shading flattened to white (grey paper
    binarised), and where the rules were (non-zero): rules and grey fills
    derail tesseract's layout analysis (it drops header words and short
    cells such as "1." or "G")."""
    import cv2
    import numpy as np
    from PIL import Image

    gray = np.asarray(image)
    binary = cv2.adaptiveThreshold(~gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -2)
    h, w = binary.shape
    edges: list[Edge] = []
    mask = np.zeros_like(binary)
    for horizontal in (True, False):
        length = max(w // 40, 20) if horizontal else max(h // 60, 20)
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1) if horizontal else (1, length))
        lines = cv2.morphologyEx(binary, cv2.MORPH_OPEN, kernel)
        mask = cv2.bitwise_or(mask, lines)
        for x, y, bw, bh in blob_boxes(lines):
            if horizontal:
                mid = (y + bh / 2) / scale
                edges.append(Edge(x / scale, (x + bw) / scale, mid, mid))
            else:
                mid = (x + bw / 2) / scale
                edges.append(Edge(mid, mid, y / scale, (y + bh) / scale))
    mask = cv2.dilate(mask, np.ones((3, 3), np.uint8))
    if _percentile(gray, settings.paper_percentile) < settings.white_paper:
        clean = sauvola(gray, int(settings.sauvola_window_pt * scale) | 1, settings)  # grey paper, toner and speckle
    else:
        clean = gray.copy()  # white paper: the grey levels help tesseract more
        clean[clean > settings.light_shade] = 255
    clean[mask > 0] = 255
    return edges, Image.fromarray(clean), mask


def _percentile(gray: Any, share: float) -> int:
    """The grey level below which ``share`` per cent of the pixels lie (a
    histogram's count, not a sort of the page)."""
    import cv2
    import numpy as np

    counts = cv2.calcHist([gray], [0], None, [256], [0, 256]).ravel()
    return int(np.searchsorted(np.cumsum(counts), gray.size * share / 100))
