"""The tesseract command: its settings, its words and its orientation.

Words come from tesseract's TSV output (page mode 6 by default), in PDF
points, with the confidence tesseract gave each; specks it read as letters
or digits are dropped (``glyph_sized``). Orientation detection (page mode
0) says which quarter turn stands a page upright. One thread a page:
tesseract's OpenMP threads fight over a page this size.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from typing import Any

from ...model.errors import DocumentError
from ...model.geometry import Word
from .settings import DEFAULT_OCR, OcrSettings

_SYMBOL_WORDS = frozenset({"•", "-", "–", "—", "&", "*", "+", "/", "£", "%"})


NO_TESSERACT = "image-only PDF: reading it needs OCR, and tesseract is not installed"


class OcrUnavailable(DocumentError):
    pass


def tesseract_path() -> str | None:
    return shutil.which("tesseract")


def find_tesseract() -> str:
    """The tesseract command, or ``OcrUnavailable``."""
    exe = tesseract_path()
    if exe is None:
        raise OcrUnavailable(NO_TESSERACT)
    return exe


def upright_turn(exe: str, image: Any, settings: OcrSettings) -> int | None:
    """How many degrees clockwise tesseract's orientation detection says
    the page must turn to stand upright (None when it cannot say)."""
    factor = settings.osd_dpi / settings.dpi
    small = image.resize((max(1, int(image.width * factor)), max(1, int(image.height * factor))))
    buf = io.BytesIO()
    small.save(buf, format="PNG")
    try:
        done = subprocess.run(
            [exe, "stdin", "stdout", "--psm", "0", "--dpi", str(settings.osd_dpi)],
            input=buf.getvalue(),
            capture_output=True,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            timeout=settings.timeout_s,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None
    found = re.search(rb"Rotate:\s*(\d+)", done.stdout)
    return int(found.group(1)) if found else None


# Page segmentation mode 7: the picture is one line of text (a crop).
ONE_LINE = 7


def tesseract_words(exe: str, png: bytes, scale: float, settings: OcrSettings, psm: int | None = None) -> list[Word]:
    """The words tesseract reads in a PNG, in points (``scale`` pixels a
    point); ``psm`` in place of the settings' page mode (``ONE_LINE``)."""
    return words_of_tsv(run_tesseract_tsv(exe, png, settings, psm), scale, settings)


def run_tesseract_tsv(exe: str, png: bytes, settings: OcrSettings, psm: int | None = None) -> str:
    """Tesseract's TSV reading of a PNG; a :class:`DocumentError` when it
    fails or runs past ``settings.timeout_s``."""
    try:
        done = subprocess.run(
            [
                exe,
                "stdin",
                "stdout",
                "-l",
                settings.language,
                "--psm",
                str(psm or settings.psm),
                "--dpi",
                str(settings.dpi),
                "tsv",
            ],
            input=png,
            capture_output=True,
            # Tesseract's OpenMP threads fight over a page this size: one
            # thread is 2-3x faster here, and batches parallelise by file.
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            timeout=settings.timeout_s,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise DocumentError(f"OCR took longer than {settings.timeout_s} s on one page") from exc
    if done.returncode != 0:
        detail = done.stderr.decode(errors="replace").strip().splitlines()
        raise DocumentError(f"OCR failed: {detail[-1] if detail else 'tesseract exit ' + str(done.returncode)}")
    return done.stdout.decode("utf-8", errors="replace")


def words_of_tsv(tsv: str, scale: float, settings: OcrSettings = DEFAULT_OCR) -> list[Word]:
    """The words of tesseract's TSV, in points (``scale`` pixels a point):
    rules read as glyphs and specks left out, words under the settings'
    confidence dropped, specks read as letters removed (``glyph_sized``)."""
    words: list[Word] = []
    rows = list(csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE))
    for row in rows:
        # Table rules read as glyphs: "|" alone, or stuck to a word's edge.
        text = (row.get("text") or "").strip().strip("|<>[]{}")
        if row.get("level") != "5" or not text:
            continue
        if not any(ch.isalnum() for ch in text) and text not in _SYMBOL_WORDS:
            continue  # "__", "—-", ".": fragments of rules and specks
        try:
            conf = float(row["conf"])
            left, top, w, h = (int(row[k]) for k in ("left", "top", "width", "height"))
        except (KeyError, ValueError):
            continue
        if conf < settings.min_confidence:
            continue
        words.append(
            Word(
                text=text,
                x0=left / scale,
                x1=(left + w) / scale,
                top=top / scale,
                bottom=(top + h) / scale,
                size=max(h / scale, 4.0),
                confidence=conf,
            )
        )
    return glyph_sized(words, settings=settings)


def usual_height(words: list[Word], settings: OcrSettings = DEFAULT_OCR) -> float:
    """The page's usual word height (points): the median box of its words
    of three letters or more; 0.0 when too few words tell it."""
    heights = sorted(w.bottom - w.top for w in words if len(w.text) >= 3)
    return heights[len(heights) // 2] if len(heights) >= settings.min_words_for_height else 0.0


def glyph_sized(words: list[Word], usual: float | None = None, settings: OcrSettings = DEFAULT_OCR) -> list[Word]:
    """``words`` without the specks OCR read as letters or digits, and
    without the words whose box is too flat for letters; ``usual`` is the
    page's word height when ``words`` are a few of its words."""
    if usual is None:
        usual = usual_height(words, settings)
        if not usual:
            return words

    def speck(w: Word) -> bool:
        if not any(ch.isalnum() for ch in w.text):
            return False
        if w.bottom - w.top < settings.min_glyph_share * usual:
            # Flatter than any letter: a speck, or a word whose box tesseract
            # lost (a line of a shaded band boxed as the pixel row under it);
            # left out, its ink is read again where it stands (``missed``).
            return True
        if len(w.text) > 2:
            return False
        lone = len(w.text) == 1 and w.text not in ("a", "A", "I")
        return lone and (w.confidence or 0.0) < settings.lone_char_confidence

    return [w for w in words if not speck(w)]
