"""Scanned pages read by tesseract: the page rendered and cleaned (deskew,
speckle, reverse video: ``prepare``), read (``tesseract``), text tesseract
left out found and read a crop at a time (``missed``), words mended
(``words``), all driven by ``recognise``."""

from .recognise import OcrUnavailable, is_scanned, render_page
from .settings import OcrSettings

__all__ = ["OcrSettings", "OcrUnavailable", "is_scanned", "render_page"]
