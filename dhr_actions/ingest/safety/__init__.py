"""Checks a PDF passes before any reader parses it: whole and a PDF
(``pdfcheck``), no decompression bomb (``inflation``), repaired by qpdf
when damaged (``repair``), and its page count and title (``docinfo``).
Each is bounded in bytes and in time."""

from .docinfo import DocumentInfo, checked_document_info, document_info
from .inflation import SafetySettings, check_inflation
from .pdfcheck import check_pdf_bytes, classify_open_error
from .repair import Readable, readable_pdf

__all__ = [
    "DocumentInfo",
    "Readable",
    "SafetySettings",
    "check_inflation",
    "check_pdf_bytes",
    "checked_document_info",
    "classify_open_error",
    "document_info",
    "readable_pdf",
]
