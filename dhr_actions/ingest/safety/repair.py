"""Damaged PDFs: let qpdf rebuild what pdfminer would silently misread.

pdfminer trusts a PDF's cross-reference table. When an offset in it is wrong
(a file edited by a tool that did not rewrite the table, a download glued
together from parts), pdfminer does not fail: it reads a wrong object and
the page or table is quietly lost. qpdf (through pikepdf) checks every
object it resolves against its offset and rebuilds the table by scanning
the file when they disagree. So each document is first opened with qpdf and
every object resolved; if qpdf had to repair anything, the extractors read a
repaired copy written to a temporary file, and the document's notes say so.

Streams are copied as they are (not decoded), so a decompression bomb costs
no memory here; while every object is at hand, streams that inflate absurdly
are refused (``inflation.py``).
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ...model.errors import DocumentError, EncryptedPdf
from .inflation import check_inflation

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Readable:
    """The file to read (the original or a repaired copy) and what was done."""

    path: Path
    note: str | None = None  # set when the file was repaired

    @property
    def repaired(self) -> bool:
        return self.note is not None


def _repair(path: Path, fixed: Path) -> str | None:
    """Open ``path`` with qpdf and resolve every object (refusing a
    decompression bomb). When qpdf had to
    repair anything, write the repaired file to ``fixed`` and return the
    first problem; None when the file is sound, or when qpdf cannot read or
    rebuild it (the other readers then give the reason)."""
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            check_inflation(pdf)  # resolves every object
            len(pdf.pages)
            warnings = [str(w) for w in pdf.get_warnings()]
            if not warnings:
                return None
            pdf.save(fixed, stream_decode_level=pikepdf.StreamDecodeLevel.none, fix_metadata_version=False)
            return _first_problem(warnings, path)
    except pikepdf.PasswordError as exc:
        raise EncryptedPdf() from exc
    except DocumentError:
        raise
    except Exception as exc:  # PdfError, QpdfRuntimeError (a page tree it cannot flatten), ...
        log.debug("qpdf cannot read or repair %s: %s", path, exc)
        return None


def _first_problem(warnings: list[str], path: Path) -> str:
    for w in warnings:
        # "file.pdf (offset 6595): xref not found" -> "xref not found"
        detail = w.removeprefix(str(path)).lstrip(": ")
        if detail.startswith("("):
            detail = detail.partition("): ")[2]
        if detail and detail != "file is damaged":
            return detail
    return "file is damaged"


@contextmanager
def readable_pdf(path: Path) -> Iterator[Readable]:
    """Yield the file itself when it is sound, else a repaired copy that
    lives until the block ends."""
    with tempfile.TemporaryDirectory(prefix="dhr-repair-") as tmp:
        fixed = Path(tmp) / "repaired.pdf"
        problem = _repair(path, fixed)
        if problem is None:
            yield Readable(path)
            return
        log.info("%s: damaged (%s); reading a copy repaired by qpdf", path.name, problem)
        yield Readable(fixed, f"damaged PDF repaired by qpdf before reading ({problem})")


__all__ = ["Readable", "readable_pdf"]
