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

# Sauvola's local threshold (J. Sauvola and M. Pietikäinen, "Adaptive
# document image binarization", Pattern Recognition 33, 2000): a pixel is
# ink when darker than m * (1 + k * (s / R - 1)) over a window around it,
# m and s the window's mean and deviation. Grey paper, cell shading and a
# photocopier's uneven toner fall to white; thin strokes and rules stay.
SAUVOLA_WINDOW_PT = 10.0  # the window's side: about two lines of text
SAUVOLA_K = 0.2
SAUVOLA_R = 128.0


def sauvola(gray: Any, window_px: int | None = None) -> Any:
    """``gray`` binarised by Sauvola's threshold: ink 0, paper 255."""
    import cv2
    import numpy as np

    size = window_px or max(15, int(SAUVOLA_WINDOW_PT * gray.shape[1] / 612) | 1)
    img = np.asarray(gray, dtype=np.float32)
    mean = cv2.blur(img, (size, size), borderType=cv2.BORDER_REPLICATE)
    square = cv2.blur(cv2.multiply(img, img), (size, size), borderType=cv2.BORDER_REPLICATE)
    deviation = np.sqrt(np.maximum(square - cv2.multiply(mean, mean), 0.0))
    threshold = mean * (1 - SAUVOLA_K) + mean * deviation * (SAUVOLA_K / SAUVOLA_R)
    return cv2.compare(img, threshold, cv2.CMP_GT)


# Skew is looked for within this many degrees, first in coarse then in fine
# steps, on a copy of the page this many pixels wide.
MAX_SKEW_DEG = 3.0
SKEW_STEPS_DEG = (0.2, 0.02)
SKEW_WIDTH_PX = 800
# Below this the page is left as it is (resampling costs sharpness).
MIN_SKEW_DEG = 0.1


def skew_angle(image: Any) -> float:
    """How many degrees the page's lines are turned, anticlockwise: the
    angle whose turning back makes the rows of ink sharpest (the variance of
    the horizontal projection is highest when text lines and rules lie
    flat), searched coarse then fine on a reduced copy."""
    import numpy as np

    gray = np.asarray(image)
    ink = _reduced_ink(gray, gray.shape[1])
    best, span = 0.0, MAX_SKEW_DEG
    for step in SKEW_STEPS_DEG:
        candidates = np.arange(best - span, best + span + step / 2, step)
        best = float(max(candidates, key=lambda angle: _sharpness(ink, angle)))
        span = step
    return -best


def deskewed(image: Any) -> Any:
    """The page turned back flat when its lines are skewed (a page fed
    askew through a scanner), the corners filled from the page's own edge
    (white corners on grey paper would read as rules)."""
    import cv2
    import numpy as np
    from PIL import Image

    angle = skew_angle(image)
    if abs(angle) < MIN_SKEW_DEG:
        return image
    gray = np.asarray(image)
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    flat = cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    return Image.fromarray(flat)


# A page whose ink is sharper in columns than in rows by this much lies on
# its side (a landscape page scanned a quarter turn off): its lines run
# down the page. Upright pages of the samples, clean or photocopied,
# measure 0.98 and more, the same turned 0.52 and less.
SIDEWAYS_RATIO = 0.8
# The sharpness of rows and of columns is the best over these angles, so
# that a skewed page measures as a flat one.
SIDEWAYS_ANGLES_DEG = (-3.0, -2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0)
# Runs of ink longer than this share of the page are rules, not text:
# left out of the measure (a table's column rules, turned, are rows).
RULE_SHARE = 1 / 30


def lies_on_its_side(image: Any) -> bool:
    """Do the page's lines of text run down it rather than across? Rows of
    ink change sharply from line to line on an upright page; on one turned
    a quarter, the columns do. Table rules are taken out first, and each
    direction is measured at its best angle within a few degrees."""
    import cv2
    import numpy as np

    gray = np.asarray(image)
    ink = _reduced_ink(gray, max(gray.shape))
    h, w = ink.shape
    for size in ((max(int(w * RULE_SHARE), 10), 1), (1, max(int(h * RULE_SHARE), 10))):
        rules = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, size))
        ink = cv2.subtract(ink, rules)
    rows = max(_sharpness(ink, a) for a in SIDEWAYS_ANGLES_DEG)
    columns = max(_sharpness(np.ascontiguousarray(ink.T), a) for a in SIDEWAYS_ANGLES_DEG)
    return bool(columns > 0 and rows / columns < SIDEWAYS_RATIO)


def _sharpness(ink: Any, angle: float) -> float:
    """How sharply the rows of ``ink`` change from one to the next when it
    is turned ``angle`` degrees: highest when its lines lie flat."""
    import cv2
    import numpy as np

    h, w = ink.shape
    turned = cv2.warpAffine(ink, cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0), (w, h), flags=cv2.INTER_NEAREST)
    return float(np.square(np.diff(turned.sum(axis=1, dtype=np.float64))).mean())


def _reduced_ink(gray: Any, side: int) -> Any:
    """The page's ink (255) on a copy reduced so that ``side`` pixels
    become at most ``SKEW_WIDTH_PX``, thresholded by Otsu's method."""
    import cv2

    factor = min(1.0, SKEW_WIDTH_PX / side)
    small = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA) if factor < 1 else gray
    _t, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink


# Speckle: a blot of ink no bigger than this (in points) with no other ink
# near it is dust or toner, not print. A full stop, a comma or the dot of
# an "i" is as small but lies within a letter's width of its word.
SPECK_MAX_PT = 1.6
SPECK_NEIGHBOURHOOD_PT = (4.0, 1.5)  # across, up and down: a space and a bit
# A blot of less than this area (square points) is dust even beside text:
# a full stop of 8-point type covers twice as much.
SPECK_DUST_PT2 = 0.25
# Straight runs of ink at least this long (points) are rules.
RULE_MIN_PT = 12.0


def despeckled(image: Any, scale: float) -> Any:
    """The page with its lone specks painted over in the grey around them:
    blots of ink smaller than ``SPECK_MAX_PT`` that lie apart from any
    larger ink (``scale`` is pixels per point). Table rules are set aside
    first, so that a speck on a rule is seen as one and the rule is kept."""
    import cv2
    import numpy as np
    from PIL import Image

    gray = np.asarray(image)
    _t, ink = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    rule_px = max(int(RULE_MIN_PT * scale), 10)
    rules = cv2.bitwise_or(
        cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (rule_px, 1))),
        cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, rule_px))),
    )
    count, labels, stats, _c = cv2.connectedComponentsWithStats(cv2.subtract(ink, rules), connectivity=8)
    side = SPECK_MAX_PT * scale
    small = (stats[:, cv2.CC_STAT_WIDTH] <= side) & (stats[:, cv2.CC_STAT_HEIGHT] <= side)
    small[0] = False  # the paper
    if not small.any():
        return image
    large = ~small
    large[0] = False
    dx, dy = (max(1, int(v * scale)) for v in SPECK_NEIGHBOURHOOD_PT)
    near = cv2.dilate(large.astype(np.uint8)[labels], np.ones((2 * dy + 1, 2 * dx + 1), np.uint8))
    touched = np.zeros(count, dtype=bool)
    touched[np.unique(labels[(near > 0) & small[labels]])] = True
    # Dust finer than the smallest full stop goes wherever it lies.
    lone = small & (~touched | (stats[:, cv2.CC_STAT_AREA] < SPECK_DUST_PT2 * scale * scale))
    if not lone.any():
        return image
    # With the grey rim that blurring and JPEG leave round it, a speck takes
    # the lightest grey near it: the paper or the cell shading it lies on.
    rim = (cv2.dilate(lone.astype(np.uint8)[labels], np.ones((5, 5), np.uint8)) > 0) & (rules == 0)
    size = int(2 * side) | 1
    background = cv2.dilate(gray, np.ones((size, size), np.uint8))
    clean = gray.copy()
    clean[rim] = background[rim]
    return Image.fromarray(clean)


# A dark band at least this big (points) whose lighter holes make up this
# share of it is light text printed on a dark fill (a header row in
# Excel's or a council's house colours): tesseract reads dark on light.
REVERSED_MIN_PT = (15.0, 6.0)  # wide, tall
REVERSED_MIN_FILL = 0.5
REVERSED_MIN_HOLES = 0.04
# Dark strokes thinner than this (rules, letters) are not a band.
REVERSED_OPEN_PT = 1.5


def reverse_video_undone(image: Any, scale: float) -> Any:
    """The page with light-on-dark bands turned dark-on-light, ruled above
    and below (``scale`` is pixels per point). A dark fill with dark text on it (a red RAG
    cell) has no light holes and is left as it is."""
    import cv2
    import numpy as np
    from PIL import Image

    gray = np.asarray(image)
    dark = (gray < 128).astype(np.uint8)
    # Only broad dark areas: rules and strokes, which may join a band to
    # the rest of its table, are opened away.
    side = max(3, int(REVERSED_OPEN_PT * scale))
    broad = cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((side, side), np.uint8))
    _n, _labels, stats, _c = cv2.connectedComponentsWithStats(broad, connectivity=8)
    min_w, min_h = (v * scale for v in REVERSED_MIN_PT)
    out = None
    for x, y, w, h, _area in stats[1:]:
        if w < min_w or h < min_h or dark[y : y + h, x : x + w].mean() < REVERSED_MIN_FILL:
            continue
        box = gray[y : y + h, x : x + w]
        if (box >= 128).mean() < REVERSED_MIN_HOLES:
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
