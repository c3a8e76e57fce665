"""Word, Excel and OpenDocument files read as plans, without printing them.

``read_office`` checks the package (``package``), converts legacy and
OpenDocument formats with LibreOffice (``convert``) and reads ``.docx``
(``word``) or ``.xlsx`` (``excel``) into the same tables the PDF finder
produces, so stitching and the normaliser treat them alike.
"""

from __future__ import annotations

from pathlib import Path

from ..model.errors import DocumentError
from ..model.settings import DEFAULT_SETTINGS, LayoutSettings
from .content import OfficeContent
from .formats import DOCUMENT_SUFFIXES, Format, detect

__all__ = ["DOCUMENT_SUFFIXES", "Format", "OfficeContent", "detect", "read_office"]


class EncryptedOffice(DocumentError):
    def __init__(self) -> None:
        super().__init__("encrypted document: a password is needed to open it")


def read_office(path: Path, fmt: Format, settings: LayoutSettings = DEFAULT_SETTINGS) -> OfficeContent:
    """The tables and facts of an Office file of format ``fmt``."""
    if fmt is Format.ENCRYPTED_OFFICE:
        raise EncryptedOffice()
    if fmt in (Format.DOCX, Format.XLSX):
        return _read(path, fmt, settings)
    from .convert import converted

    if fmt in (Format.ODT, Format.ODS):
        from .package import check_package

        check_package(path)
    with converted(path, fmt) as (out, note):
        content = _read(out, Format.DOCX if fmt.family == "word" else Format.XLSX, settings)
    content.notes.insert(0, note)
    return content


def _read(path: Path, fmt: Format, settings: LayoutSettings) -> OfficeContent:
    import zipfile
    import zlib
    from xml.etree.ElementTree import ParseError

    from lxml.etree import LxmlError

    from .package import MalformedOffice, check_package

    check_package(path)
    try:
        if fmt is Format.DOCX:
            from .word import read_word

            return read_word(path, settings)
        from .excel import read_excel

        return read_excel(path, settings)
    except DocumentError:
        raise
    except (
        KeyError,
        ValueError,
        TypeError,
        AttributeError,
        OSError,
        LxmlError,
        ParseError,
        zipfile.BadZipFile,
        zlib.error,
    ) as exc:
        # python-docx and openpyxl raise these for parts that are missing,
        # damaged, not well-formed XML or not what the content types say.
        detail = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        raise MalformedOffice(f"damaged {fmt.value} file: {detail}") from exc
