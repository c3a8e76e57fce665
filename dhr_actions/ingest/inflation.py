"""Decompression bombs: refuse a PDF whose streams inflate absurdly, before
any reader decodes them.

A few megabytes of deflated zeros inflate to gigabytes; pdfminer then holds
the whole stream and tokenises it for many minutes. Worker limits stop such a
file eventually (memory or time), but only after it has cost a worker its
whole time limit. Counting what each stream inflates to, in chunks and
without keeping the bytes, costs milliseconds on real documents and a second
or two on a bomb.
"""

from __future__ import annotations

import zlib
from typing import Any

from .errors import DecompressionBomb

# A page's text and rules, even a dense table drawn cell by cell, take a few
# hundred kilobytes; charts a few megabytes. 64 MB is far past any real
# content stream or form.
MAX_CONTENT_BYTES = 64 * 1024 * 1024
# An image inflates to exactly width × height × its bytes per pixel: a
# 600 dpi A3 colour scan is ~200 MB. Anything past 1 GB is not a page image.
MAX_IMAGE_BYTES = 1024 * 1024 * 1024
CHUNK = 1 << 20


def check_inflation(pdf: Any) -> None:
    """Raise :class:`DecompressionBomb` if any Flate stream of the pikepdf
    document ``pdf`` inflates past its budget."""
    import pikepdf

    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream):
            continue
        image = obj.get("/Subtype") == pikepdf.Name.Image
        budget = MAX_IMAGE_BYTES if image else MAX_CONTENT_BYTES
        if image and _declared_image_bytes(obj) > budget:
            raise DecompressionBomb(f"decompression bomb: an image declares more than {budget >> 20} MB of pixels")
        if not _flate_first(obj.get("/Filter")):
            continue
        if _inflated_size(bytes(obj.get_raw_stream_buffer()), budget) > budget:
            kind = "an image" if image else "a content stream"
            raise DecompressionBomb(f"decompression bomb: {kind} inflates to more than {budget >> 20} MB")


def _flate_first(filters: Any) -> bool:
    import pikepdf

    if isinstance(filters, pikepdf.Array):
        filters = filters[0] if len(filters) else None
    return filters in (pikepdf.Name.FlateDecode, pikepdf.Name.Fl)


def _declared_image_bytes(obj: Any) -> int:
    try:
        width, height = int(obj.get("/Width", 0)), int(obj.get("/Height", 0))
        bits = int(obj.get("/BitsPerComponent", 8))
    except (TypeError, ValueError):
        return 0
    return width * height * 4 * max(bits, 1) // 8


def _inflated_size(raw: bytes, budget: int) -> int:
    """How many bytes ``raw`` inflates to, counting no further than just past
    ``budget``; a stream that is not valid deflate counts what it gave."""
    inflater = zlib.decompressobj()
    total = 0
    data = raw
    try:
        while data and total <= budget:
            total += len(inflater.decompress(data, CHUNK))
            data = inflater.unconsumed_tail
        while total <= budget and not inflater.eof:
            more = inflater.decompress(b"", CHUNK)
            if not more:
                break
            total += len(more)
    except zlib.error:
        pass
    return total
