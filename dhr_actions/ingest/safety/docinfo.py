"""Document facts read without table extraction: pages, title, opening text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...model.errors import DocumentError, EncryptedPdf, UnreadablePdf
from .pdfcheck import check_pdf_bytes


@dataclass(frozen=True)
class DocumentInfo:
    page_count: int | None  # None for an Office file: it has no pages until printed
    title: str | None
    opening_text: str  # the first page's text, for naming the partnership


def document_info(path: Path) -> DocumentInfo:
    """Open the PDF with PDFium: fast, and strict about passwords and damage."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise EncryptedPdf() from exc
        fallback = _plumber_info(path)  # the extractor falls back to pdfplumber too
        if fallback is None:
            raise UnreadablePdf(f"unreadable PDF: {message.rstrip('.')}") from exc
        return fallback
    try:
        count = len(pdf)
        if count == 0:
            raise UnreadablePdf("unreadable PDF: it has no pages")
        meta = pdf.get_metadata_dict(skip_empty=True)
        page = pdf[0]
        try:
            textpage = page.get_textpage()
            opening = textpage.get_text_range()[:4000]
            textpage.close()
        finally:
            page.close()
        title = (meta.get("Title") or "").strip() or None
        return DocumentInfo(count, title, opening)
    except DocumentError:
        raise
    except pdfium.PdfiumError as exc:
        raise UnreadablePdf(f"unreadable PDF: {exc}") from exc
    finally:
        pdf.close()


def _plumber_info(path: Path) -> DocumentInfo | None:
    """The facts as pdfplumber reads them, for a file PDFium cannot open;
    None when pdfplumber cannot either."""
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            if not pdf.pages:
                return None
            title = str(pdf.metadata.get("Title") or "").strip() or None
            return DocumentInfo(len(pdf.pages), title, (pdf.pages[0].extract_text() or "")[:4000])
    except Exception:  # pdfminer raises a zoo of types for broken files
        return None


def checked_document_info(path: Path, max_pages: int, hint: str = "") -> DocumentInfo:
    """A PDF's facts, after the cheap byte checks, refusing a file of more
    than ``max_pages`` pages before any page is read (``hint`` ends the
    reason, e.g. the option that sets the limit)."""
    check_pdf_bytes(path)
    info = document_info(path)
    if info.page_count is not None and info.page_count > max_pages:
        raise DocumentError(f"too many pages: {info.page_count} (the limit is {max_pages}{hint})")
    return info
