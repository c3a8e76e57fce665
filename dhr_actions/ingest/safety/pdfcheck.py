"""Cheap checks that a file is a whole, readable PDF before any parsing."""

from __future__ import annotations

import os
from pathlib import Path

from ...model.errors import DocumentError, EmptyFile, EncryptedPdf, NotAPdf, TruncatedPdf, UnreadablePdf

HEAD_BYTES = 1024
TAIL_BYTES = 2048


def check_pdf_bytes(path: Path) -> None:
    """Raise a :class:`DocumentError` naming what is wrong with the file."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UnreadablePdf(f"cannot read the file: {exc.strerror or exc}") from exc
    if size == 0:
        raise EmptyFile("empty file (0 bytes)")
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
        fh.seek(max(0, size - TAIL_BYTES), os.SEEK_SET)
        tail = fh.read()
    if b"%PDF-" not in head:
        kind = "HTML" if b"<html" in head.lower() or b"<!doctype" in head.lower() else "text or other data"
        raise NotAPdf(f"not a PDF (the file holds {kind}, no %PDF header)")
    if b"%%EOF" not in tail:
        raise TruncatedPdf("truncated PDF: the end-of-file marker is missing (incomplete download?)")


def classify_open_error(exc: BaseException) -> DocumentError:
    """Turn a pdfminer/pdfplumber failure into a one-line reason."""
    if isinstance(exc, DocumentError):
        return exc
    chain: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and len(chain) < 5:
        chain.append(cur)
        cur = (
            cur.__cause__
            or cur.__context__
            or (cur.args[0] if cur.args and isinstance(cur.args[0], BaseException) else None)
        )
    names = " ".join(type(e).__name__ for e in chain)
    if "Password" in names or "Encrypt" in names:
        return EncryptedPdf()
    detail = str(chain[-1]) or type(chain[-1]).__name__
    return UnreadablePdf(f"unreadable PDF: {detail.splitlines()[0][:160]}")
