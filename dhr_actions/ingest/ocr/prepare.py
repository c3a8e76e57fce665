"""Scanned pages cleaned up before OCR.

A photocopied plan comes skewed by a degree or two (the other way on the
next page), now and then a quarter turn round, on grey paper with uneven
toner, speckle and JPEG blocks. A page lying on its side is told
(``lies_on_its_side``), the page is turned back flat (``deskewed``), light
text on dark bands is turned dark on light (``reverse_video_undone``), a
page whose paper is grey is binarised by a local threshold (``sauvola``)
so that grey paper and cell shading fall to white while thin strokes and
rules stay (clean white pages keep their grey levels, which read better),
and lone specks are painted out (``despeckled``).
"""

from __future__ import annotations

from typing import Any

from .settings import DEFAULT_OCR, OcrSettings

# Whole-page arithmetic is done a band of this many rows at a time (with
# the rows a window reaches above and below): a band's working arrays stay
# in the processor's cache where the whole page's would not, which makes
# the same sums two to three times quicker.
BAND_ROWS = 256


def sauvola(gray: Any, window_px: int | None = None, settings: OcrSettings = DEFAULT_OCR) -> Any:
    """``gray`` binarised by Sauvola's threshold: ink 0, paper 255. (Taking
    the window's mean and deviation from a copy at half the resolution is
    four times quicker but costs the photocopies a point or two.)"""
    import cv2
    import numpy as np

    img = np.asarray(gray)
    size = window_px or max(15, int(settings.sauvola_window_pt * img.shape[1] / 612) | 1)
    window, reach, height = (size, size), size // 2, img.shape[0]
    out = np.empty_like(img)
    for top in range(0, height, BAND_ROWS):
        bottom = min(height, top + BAND_ROWS)
        above = min(top, reach)
        band = img[top - above : min(height, bottom + reach)]
        mean = cv2.boxFilter(band, cv2.CV_32F, window, borderType=cv2.BORDER_REPLICATE)
        square = cv2.sqrBoxFilter(band, cv2.CV_32F, window, borderType=cv2.BORDER_REPLICATE)
        deviation = cv2.sqrt(np.maximum(square - cv2.multiply(mean, mean), 0.0))
        threshold = cv2.multiply(mean, deviation * (settings.sauvola_k / settings.sauvola_r) + (1 - settings.sauvola_k))
        ink = cv2.compare(band.astype(np.float32), threshold, cv2.CMP_GT)
        out[top:bottom] = ink[above : above + bottom - top]
    return out


def skew_angle(image: Any, settings: OcrSettings = DEFAULT_OCR) -> float:
    """How many degrees the page's lines are turned, anticlockwise: the
    angle whose turning back makes the rows of ink sharpest (the variance of
    the horizontal projection is highest when text lines and rules lie
    flat), searched coarse then fine on a reduced copy."""
    import numpy as np

    gray = np.asarray(image)
    ink = _Ink(_reduced_ink(gray, max(1, gray.shape[1] // settings.skew_width_px)))
    best, span = 0.0, settings.max_skew_deg
    for step in settings.skew_steps_deg:
        candidates = np.arange(best - span, best + span + step / 2, step)
        best = float(max(candidates, key=ink.row_sharpness))
        span = step
    return -best


def deskewed(image: Any, settings: OcrSettings = DEFAULT_OCR) -> Any:
    """The page turned back flat when its lines are skewed (a page fed
    askew through a scanner), the corners filled from the page's own edge
    (white corners on grey paper would read as rules)."""
    import cv2
    import numpy as np
    from PIL import Image

    angle = skew_angle(image, settings)
    if abs(angle) < settings.min_skew_deg:
        return image
    gray = np.asarray(image)
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    flat = cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    return Image.fromarray(flat)


def lies_on_its_side(image: Any, settings: OcrSettings = DEFAULT_OCR) -> bool:
    """Do the page's lines of text run down it rather than across? Rows of
    ink change sharply from line to line on an upright page; on one turned
    a quarter, the columns do. Table rules are taken out first, and each
    direction is measured at its best angle within a few degrees."""
    import cv2
    import numpy as np

    gray = np.asarray(image)
    ink = _reduced_ink(gray, -(-max(gray.shape) // settings.sideways_side_px))  # rounded up
    h, w = ink.shape
    for size in ((max(int(w * settings.rule_share), 10), 1), (1, max(int(h * settings.rule_share), 10))):
        rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, size))
        ink = cv2.subtract(ink, rules)
    upright, turned = _Ink(ink), _Ink(np.ascontiguousarray(ink.T))
    rows = max(upright.row_sharpness(a) for a in settings.sideways_angles_deg)
    columns = max(turned.row_sharpness(a) for a in settings.sideways_angles_deg)
    return bool(columns > 0 and rows / columns < settings.sideways_ratio)


class _Ink:
    """The ink pixels of a (reduced) page, as points about its centre."""

    def __init__(self, ink: Any) -> None:
        import numpy as np

        self.height = ink.shape[0]
        ys, xs = np.nonzero(ink)
        self.y = ys.astype(np.float32) - (self.height - 1) / 2
        self.x = xs.astype(np.float32) - (ink.shape[1] - 1) / 2

    def row_sharpness(self, angle: float) -> float:
        """How sharply the rows of ink change from one to the next when the
        page is turned ``angle`` degrees anticlockwise: highest when its
        lines lie flat. Each ink point is projected onto the turned page's
        vertical and the rows counted, which is the turned page's row sums
        without turning the picture."""
        import numpy as np

        theta = np.radians(angle)
        row = np.rint(self.y * np.cos(theta) - self.x * np.sin(theta) + (self.height - 1) / 2).astype(np.intp)
        row = row[(row >= 0) & (row < self.height)]
        counts = np.bincount(row, minlength=self.height).astype(np.float64)
        return float(np.square(np.diff(counts)).mean())


def _reduced_ink(gray: Any, step: int) -> Any:
    """The page's ink (255) on a copy reduced ``step`` times, thresholded
    by Otsu's method."""
    import cv2

    small = cv2.resize(gray, None, fx=1 / step, fy=1 / step, interpolation=cv2.INTER_AREA) if step > 1 else gray
    _t, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink


def despeckled(image: Any, scale: float, rules: Any = None, settings: OcrSettings = DEFAULT_OCR) -> Any:
    """The page with its lone specks painted over in the grey around them:
    blots of ink smaller than ``settings.speck_max_pt`` that lie apart from any
    larger ink (``scale`` is pixels per point). Table rules are set aside
    first, so that a speck on a rule is seen as one and the rule is kept:
    found here, or ``rules`` (non-zero on them) when the caller has."""
    import cv2
    import numpy as np
    from PIL import Image

    gray = np.asarray(image)
    _t, ink = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    if rules is None:
        rule_px = max(int(settings.rule_min_pt * scale), 10)
        rules = cv2.bitwise_or(
            cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (rule_px, 1))),
            cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, rule_px))),
        )
    ink[rules > 0] = 0
    count, labels, stats, _c = cv2.connectedComponentsWithStats(ink, connectivity=8)
    side = settings.speck_max_pt * scale
    small = (stats[:, cv2.CC_STAT_WIDTH] <= side) & (stats[:, cv2.CC_STAT_HEIGHT] <= side)
    small[0] = False  # the paper
    if not small.any():
        return image
    # One look-up of each pixel's blob: 1 larger ink, 2 a small blob.
    kind = np.where(small, 2, 1).astype(np.uint8)
    kind[0] = 0
    dx, dy = (max(1, int(v * scale)) for v in settings.speck_neighbourhood_pt)
    kernel = np.ones((2 * dy + 1, 2 * dx + 1), np.uint8)
    touched = np.zeros(count, dtype=bool)
    h, w = gray.shape
    for top in range(0, h, BAND_ROWS):
        bottom = min(h, top + BAND_ROWS)
        above = min(top, dy)
        band = labels[top - above : min(h, bottom + dy)]
        blob_kind = kind[band]
        near = cv2.dilate((blob_kind == 1).view(np.uint8), kernel)
        rows = slice(above, above + bottom - top)
        hit = (near[rows] > 0) & (blob_kind[rows] == 2)
        touched[band[rows][hit]] = True
    # Dust finer than the smallest full stop goes wherever it lies.
    lone = small & (~touched | (stats[:, cv2.CC_STAT_AREA] < settings.speck_dust_pt2 * scale * scale))
    if not lone.any():
        return image
    # With its rim, a speck takes the lightest grey near it: the paper or
    # the cell shading it lies on.
    size = int(2 * side) | 1
    background = cv2.dilate(gray, np.ones((size, size), np.uint8))
    clean = gray.copy()
    for x, y, bw, bh, _area in stats[lone]:
        y0, y1, x0, x1 = (
            max(0, y - settings.speck_rim_px),
            min(h, y + bh + settings.speck_rim_px),
            max(0, x - settings.speck_rim_px),
            min(w, x + bw + settings.speck_rim_px),
        )
        keep = rules[y0:y1, x0:x1] > 0
        clean[y0:y1, x0:x1] = np.where(keep, gray[y0:y1, x0:x1], background[y0:y1, x0:x1])
    return Image.fromarray(clean)


def reverse_video_undone(image: Any, scale: float, settings: OcrSettings = DEFAULT_OCR) -> Any:
    """The page with light-on-dark bands turned dark-on-light, ruled above
    and below (``scale`` is pixels per point). A dark fill with dark text on it (a red RAG
    cell) has no light holes and is left as it is."""
    import cv2
    import numpy as np
    from PIL import Image

    gray = np.asarray(image)
    # Bands are looked for on a copy at half the resolution (a quarter of
    # the pixels), then measured on the page itself.
    half = cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    # Only broad dark areas: rules and strokes, which may join a band to
    # the rest of its table, are opened away.
    side = max(3, int(settings.reversed_open_pt * scale / 2) | 1)  # odd: an even opening shifts
    broad = cv2.morphologyEx((half < 128).astype(np.uint8), cv2.MORPH_OPEN, np.ones((side, side), np.uint8))
    min_w, min_h = (v * scale for v in settings.reversed_min_pt)
    out = None
    for x, y, w, h in (2 * np.asarray(box) for box in blob_boxes(broad)):
        if w < min_w or h < min_h or (gray[y : y + h, x : x + w] < 128).mean() < settings.reversed_min_fill:
            continue
        box = gray[y : y + h, x : x + w]
        if (box >= 128).mean() < settings.reversed_min_holes:
            continue
        if out is None:
            out = gray.copy()
        out[y : y + h, x : x + w] = 255 - box
        # The band's edges bounded cells (a rule drawn along a dark fill
        # does not show): they are drawn as rules.
        edge = max(1, int(scale / 2))
        out[y : y + edge, x : x + w] = 0
        out[y + h - edge : y + h, x : x + w] = 0
    return image if out is None else Image.fromarray(out)


def blob_boxes(ink: Any) -> list[tuple[int, ...]]:
    """The bounding boxes (x, y, width, height) of the 8-connected blobs of
    ``ink``: the outer contours of each, those inside another's hole
    included (tracing outlines is many times quicker than labelling every
    pixel of a page that is mostly paper)."""
    import cv2

    contours, hierarchy = cv2.findContours(ink, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    # RETR_CCOMP: outer contours have no parent, holes have one.
    return [tuple(cv2.boundingRect(c)) for c, link in zip(contours, hierarchy[0], strict=True) if link[3] < 0]
