"""What a file is, from its bytes: never from its name.

Councils publish plans as PDFs and as the Word, Excel and OpenDocument files
themselves, and file names and URLs lie ("plan.pdf" that is a Word file, a
CMS download link with no extension). OOXML (``.docx``, ``.xlsx``) and ODF
(``.odt``, ``.ods``) files are zip archives with known members; ``.doc`` and
``.xls`` are OLE2 compound files, as are password-protected OOXML files;
RTF is text opening ``{\\rtf``.
"""

from __future__ import annotations

import io
import zipfile
from enum import StrEnum
from pathlib import Path
from typing import IO

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEAD_BYTES = 8192
OLE2_SCAN_BYTES = 8 << 20


class Format(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    ODT = "odt"
    ODS = "ods"
    DOC = "doc"
    XLS = "xls"
    RTF = "rtf"
    ENCRYPTED_OFFICE = "encrypted"  # an OOXML package inside an OLE2 wrapper
    ZIP = "zip"  # a zip archive that is no Office package (or a damaged one)
    UNKNOWN = "unknown"

    @property
    def is_office(self) -> bool:
        return self not in (Format.PDF, Format.ZIP, Format.UNKNOWN)

    @property
    def family(self) -> str:
        """ "word" or "excel" (what LibreOffice converts it to), else ""."""
        if self in (Format.DOCX, Format.ODT, Format.DOC, Format.RTF):
            return "word"
        if self in (Format.XLSX, Format.ODS, Format.XLS):
            return "excel"
        return ""

    @property
    def suffix(self) -> str:
        """The file name ending a file of this format takes ("" when the
        bytes do not tell: an encrypted package may be Word or Excel)."""
        return f".{self.value}" if self in _SUFFIXED else ""

    @property
    def is_document(self) -> bool:
        """A PDF or an Office file: something the importer reads (an
        encrypted one included, which it refuses with the reason)."""
        return self is Format.PDF or self.is_office


_SUFFIXED = frozenset(
    (Format.PDF, Format.DOCX, Format.XLSX, Format.ODT, Format.ODS, Format.DOC, Format.XLS, Format.RTF)
)

# File name endings the importer looks for in folders, and the scraper
# takes as documents (bytes still decide what they are).
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".xlsx", ".xls", ".odt", ".ods", ".rtf")

_ODF_TYPES = {
    b"application/vnd.oasis.opendocument.text": Format.ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": Format.ODS,
}


def sniff(head: bytes) -> Format | None:
    """The format the first bytes show, when they settle it alone (PDF,
    OLE2 with its directory in view, RTF); None for a zip archive, whose
    members decide."""
    if b"%PDF-" in head[:1024]:
        return Format.PDF
    if head.startswith(b"{\\rtf"):
        return Format.RTF
    if head.startswith(OLE2_MAGIC):
        return _ole2_kind(head)
    if head.startswith(b"PK\x03\x04"):
        return None
    return Format.UNKNOWN


def detect(path: Path) -> Format:
    """What the file at ``path`` is, from its bytes."""
    try:
        fh = path.open("rb")
    except OSError:
        return Format.UNKNOWN  # the PDF checks say why it cannot be read
    with fh:
        head = fh.read(HEAD_BYTES)
        if head.startswith(OLE2_MAGIC):
            # The directory entries may lie well past the first sectors.
            return _ole2_kind(head + fh.read(OLE2_SCAN_BYTES))
    found = sniff(head)
    return found if found is not None else _zip_kind(path)


def detect_bytes(data: bytes) -> Format:
    """What ``data`` (a whole downloaded file) is, from its bytes."""
    if data.startswith(OLE2_MAGIC):
        return _ole2_kind(data[: HEAD_BYTES + OLE2_SCAN_BYTES])
    found = sniff(data[:HEAD_BYTES])
    return found if found is not None else _zip_kind(io.BytesIO(data))


def _ole2_kind(data: bytes) -> Format:
    # Directory entries hold their names in UTF-16LE, ended by a null
    # character ("Book" must not match "Bookman" in a font table).
    def has(name: str) -> bool:
        return (name + "\0").encode("utf-16-le") in data

    if has("EncryptedPackage") or has("EncryptionInfo"):
        return Format.ENCRYPTED_OFFICE
    if has("WordDocument"):
        return Format.DOC
    if has("Workbook") or has("Book"):
        return Format.XLS
    return Format.UNKNOWN


def _zip_kind(file: Path | IO[bytes]) -> Format:
    try:
        with zipfile.ZipFile(file) as z:
            names = set(z.namelist())
            if "mimetype" in names:
                mimetype = z.read("mimetype")[:100].strip()
                return _ODF_TYPES.get(mimetype, Format.ZIP)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return Format.ZIP
    if "[Content_Types].xml" in names:
        if "word/document.xml" in names:
            return Format.DOCX
        if "xl/workbook.xml" in names:
            return Format.XLSX
    return Format.ZIP
