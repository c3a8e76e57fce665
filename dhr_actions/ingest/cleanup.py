"""Scanned pages cleaned up before OCR.

A photocopied plan comes skewed by a degree or two (the other way on the
next page), on grey paper with uneven toner, speckle and JPEG blocks. The
page is turned back flat (``deskewed``), and a page whose paper is grey is
binarised by a local threshold (``sauvola``) so that grey paper and cell
shading fall to white while thin strokes and rules stay; clean white pages
keep their grey levels, which read better.
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
    import cv2
    import numpy as np

    gray = np.asarray(image)
    ink = _reduced_ink(gray, gray.shape[1])
    h, w = ink.shape
    centre = (w / 2, h / 2)

    def sharpness(angle: float) -> float:
        turned = cv2.warpAffine(ink, cv2.getRotationMatrix2D(centre, angle, 1.0), (w, h), flags=cv2.INTER_NEAREST)
        rows = turned.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(rows)).sum())

    best, span = 0.0, MAX_SKEW_DEG
    for step in SKEW_STEPS_DEG:
        candidates = np.arange(best - span, best + span + step / 2, step)
        best = float(max(candidates, key=sharpness))
        span = step
    return -best


def deskewed(image: Any) -> Any:
    """The page turned back flat when its lines are skewed (a page fed
    askew through a scanner), white filling the corners."""
    import cv2
    import numpy as np
    from PIL import Image

    angle = skew_angle(image)
    if abs(angle) < MIN_SKEW_DEG:
        return image
    gray = np.asarray(image)
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    flat = cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    return Image.fromarray(flat)


# A page whose ink is sharper in columns than in rows by this much lies on
# its side (a landscape page scanned a quarter turn off): its lines run
# down the page. Upright pages of the samples measure 1.6 and more, the
# same turned 0.55 and less.
SIDEWAYS_RATIO = 0.8


def lies_on_its_side(image: Any) -> bool:
    """Do the page's lines run down it rather than across? Rows of ink
    change sharply from line to line on an upright page; on one turned a
    quarter, the columns do."""
    import numpy as np

    gray = np.asarray(image)
    ink = _reduced_ink(gray, max(gray.shape))
    rows = np.square(np.diff(ink.sum(axis=1, dtype=np.float64))).mean()
    columns = np.square(np.diff(ink.sum(axis=0, dtype=np.float64))).mean()
    return bool(columns > 0 and rows / columns < SIDEWAYS_RATIO)


def _reduced_ink(gray: Any, side: int) -> Any:
    """The page's ink (255) on a copy reduced so that ``side`` pixels
    become at most ``SKEW_WIDTH_PX``, thresholded by Otsu's method."""
    import cv2

    factor = min(1.0, SKEW_WIDTH_PX / side)
    small = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA) if factor < 1 else gray
    _t, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink
