"""Ink no word covers: read again a line at a time.

Tesseract, reading a page as one block (page mode 6), now and then leaves
out a short line of a narrow column: a cell's last word wrapped on its own
("Unit" under "Head of Probation Delivery"), a first word set a little
lower than its neighbours ("Senior Probation Officer"), a word beside a
speck. The ink is there and no word box covers it. Such ink, joined into
word-sized runs a line high, is cut out and read on its own as one line of
text (page mode 7); what reads as words with confidence joins the page's
words. Rules, specks and the words already read are not looked at again,
so a clean page costs one look at its ink.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from typing import Any

from ...model.geometry import Word
from .prepare import blob_boxes
from .settings import DEFAULT_OCR, OcrSettings
from .tesseract import ONE_LINE, glyph_sized, tesseract_words, usual_height

BICUBIC = 3  # PIL.Image.Resampling.BICUBIC


def unread_runs(left: Any, usual: float, settings: OcrSettings = DEFAULT_OCR) -> list[tuple[int, int, int, int]]:
    """Boxes (x, y, width, height, in pixels) of word-sized runs of ``left``
    (non-zero where ink no word covers is), fitted to their ink; ``usual``
    is the page's word height in pixels."""
    import cv2
    import numpy as np

    kernel = np.ones(
        (max(1, int(settings.missed_join_up * usual)), max(1, int(settings.missed_join_across * usual))), np.uint8
    )
    runs = []
    for x, y, bw, bh in blob_boxes(cv2.dilate(left, kernel)):
        if (
            not settings.missed_min_height * usual <= bh <= settings.missed_max_height * usual
            or bw < settings.missed_min_width * usual
        ):
            continue
        box = left[y : y + bh, x : x + bw] > 0
        if box.mean() < settings.missed_min_ink_share:
            continue
        rows, cols = np.nonzero(box.any(axis=1))[0], np.nonzero(box.any(axis=0))[0]
        if rows[-1] - rows[0] + 1 < settings.missed_min_height * usual:
            continue  # the joining made it a line high: its ink is a rule's remnant or an underline
        runs.append((x + int(cols[0]), y + int(rows[0]), int(cols[-1] - cols[0]) + 1, int(rows[-1] - rows[0]) + 1))
    return runs if len(runs) <= settings.missed_max_runs else []


def words_unread(
    exe: str, clean: Any, rules: Any, words: list[Word], scale: float, settings: OcrSettings
) -> list[Word]:
    """The words of ``clean`` (the binarised page) that ``words`` (its
    reading) left out, each read from its own line's crop."""
    import cv2
    import numpy as np
    from PIL import Image

    height = usual_height(words, settings)
    usual = height * scale
    if not usual:
        return []
    # The page with its rules and the words read already painted out: what
    # is left is ink no word covers, on paper.
    paper = np.asarray(clean).copy()
    if rules is not None:
        paper[np.asarray(rules) > 0] = 255
    cover = int(settings.missed_cover_margin * usual)
    for w in words:
        top, x0 = max(0, int(w.top * scale) - cover), max(0, int(w.x0 * scale) - cover)
        paper[top : int(w.bottom * scale) + cover, x0 : int(w.x1 * scale) + cover] = 255
    _t, left = cv2.threshold(paper, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    runs = unread_runs(left, usual, settings)
    if not runs:
        return []
    margin = int(settings.missed_crop_margin * usual)
    enlarge = max(1.0, settings.missed_crop_text_px / usual)
    found: list[Word] = []
    for x, y, bw, bh in runs:
        y0, x0 = max(0, y - margin), max(0, x - margin)
        # The run's ink alone on white paper: a neighbour's ink inside the
        # margin (a bullet on the line below, a speck) throws tesseract's
        # one-line reading off, and it reads nothing.
        piece = np.full_like(paper[y0 : y + bh + margin, x0 : x + bw + margin], 255)
        piece[y - y0 : y - y0 + bh, x - x0 : x - x0 + bw] = paper[y : y + bh, x : x + bw]
        crop = Image.fromarray(piece)
        # Read enlarged, and as it is too unless tesseract is sure of the
        # enlarged reading (it misses a short line now at one size, now at
        # the other): the surer reading is kept.
        readings = []
        if enlarge > 1.0:
            big = crop.resize((round(crop.width * enlarge), round(crop.height * enlarge)), BICUBIC)
            readings.append(_accepted(exe, big, scale * enlarge, settings))
        if not readings or not _sure(readings[0], settings):
            readings.append(_accepted(exe, crop, scale, settings))
        if not any(readings) and enlarge > 1.0:
            # Bold type, blurred by the copy, can defeat tesseract's own
            # thresholding of the grey crop: read the ink as black on white.
            ink = np.where(np.asarray(big) < settings.missed_ink_grey_share * 255, 0, 255).astype(np.uint8)
            readings.append(_accepted(exe, Image.fromarray(ink), scale * enlarge, settings))
        best = max(readings, key=lambda ws: sum(w.confidence or 0.0 for w in ws))
        # The line's own ink says where it stands: a crop's reading may
        # take in the paper around it.
        dx = x0 / scale
        found += [replace(w, x0=w.x0 + dx, x1=w.x1 + dx, top=y / scale, bottom=(y + bh) / scale) for w in best]
    return glyph_sized(found, usual=height, settings=settings)


def _sure(words: list[Word], settings: OcrSettings = DEFAULT_OCR) -> bool:
    """A crop's reading with words, every one read with confidence."""
    return bool(words) and all((w.confidence or 0.0) >= settings.missed_min_confidence for w in words)


def _accepted(exe: str, crop: Any, scale: float, settings: OcrSettings) -> list[Word]:
    """The words of one crop worth keeping (in points from its corner)."""
    png = io.BytesIO()
    crop.save(png, format="PNG")
    out = []
    for w in tesseract_words(exe, png.getvalue(), scale, settings, psm=ONE_LINE):
        alnum = sum(ch.isalnum() for ch in w.text)
        if alnum == 0 or (alnum == 1 and w.text not in ("a", "A", "I") and not w.text.isdigit()):
            continue
        if (w.confidence or 0.0) >= settings.missed_min_confidence or _plausible(w.text, settings):
            out.append(w)
    return out


_NUMBER = re.compile(r"[\d/.:,-]*\d[\d/.:,-]*")


def _plausible(text: str, settings: OcrSettings = DEFAULT_OCR) -> bool:
    """Does a word read with little confidence read as one: a word of the
    lexicon (marks around and inside it aside), a number or a date?"""
    from ...language.lexicon import is_word

    core = text.strip("\"'‘’“”.,:;()-–")
    if len(core) < settings.missed_min_plausible_letters:
        return False
    parts = [p for p in re.split(r"[-–/.]", core) if p]
    return bool(_NUMBER.fullmatch(core)) or (bool(parts) and all(p.isalpha() and is_word(p) for p in parts))
