"""Strategies that turn a PDF into tables, behind one protocol (``base``):
the layout finder over pdfplumber pages (``layout``, the default) and
camelot's lattice reader for ruled tables (``camelot``); ``debug`` draws
what the layout finder saw on a page."""

from .base import EXTRACTOR_NAMES, Extractor, get_extractor

__all__ = ["EXTRACTOR_NAMES", "Extractor", "get_extractor"]
