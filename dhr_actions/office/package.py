"""An Office package checked before any parser opens it.

``.docx``, ``.xlsx``, ``.odt`` and ``.ods`` files are zip archives of XML
parts. A hostile one can be a zip bomb (a few kilobytes inflating to
gigabytes), hold thousands of members, or declare XML entities (external
ones reach for files and URLs, nested ones expand without end). Every
member is inflated here in chunks, without keeping the bytes, against a
limit on the whole; no Office part legitimately declares a DTD, so one that
does is refused.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from ..model.errors import DocumentError

MAX_MEMBERS = 5000
MAX_INFLATED = 512 << 20  # bytes, all members together
CHUNK = 1 << 20
DTD_SCAN = 4096  # an XML part's prolog, where a DTD would sit


class ZipBomb(DocumentError):
    """An archive that inflates far beyond any real document."""


class MalformedOffice(DocumentError):
    """A damaged or hostile Office package."""


def check_package(path: Path, max_inflated: int | None = None, max_members: int | None = None) -> None:
    """Raise a :class:`DocumentError` with a one-line reason when the
    archive at ``path`` is damaged, too large inflated (``MAX_INFLATED``),
    has too many parts (``MAX_MEMBERS``) or declares XML entities."""
    max_inflated = MAX_INFLATED if max_inflated is None else max_inflated
    max_members = MAX_MEMBERS if max_members is None else max_members
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > max_members:
                raise ZipBomb(f"zip bomb: the package holds {len(members)} parts (the limit is {max_members})")
            total = 0
            for info in members:
                if info.is_dir():
                    continue
                total = _inflate(archive, info, total, max_inflated)
    except DocumentError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, OSError) as exc:
        raise MalformedOffice(f"damaged Office file: {_reason(exc)}") from exc


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, total: int, limit: int) -> int:
    """Inflate one member, counting its real size (the declared one may lie)."""
    xml = info.filename.lower().endswith((".xml", ".rels"))
    head = b""
    with archive.open(info) as fh:
        while chunk := fh.read(CHUNK):
            total += len(chunk)
            if total > limit:
                raise ZipBomb(f"zip bomb: the package inflates to more than {limit >> 20} MB")
            if xml and len(head) < DTD_SCAN:
                head += chunk[: DTD_SCAN - len(head)]
    if xml and (b"<!DOCTYPE" in head or b"<!ENTITY" in head):
        raise MalformedOffice(f"refused Office file: the XML part {info.filename} declares a DTD or entities")
    return total


def _reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160].rstrip(".")
