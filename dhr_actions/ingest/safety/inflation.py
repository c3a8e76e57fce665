"""Decompression bombs: refuse a PDF whose streams inflate absurdly, before
any reader decodes them.

A few megabytes of deflated zeros inflate to gigabytes; pdfminer then holds
the whole stream and tokenises it for many minutes. Worker limits stop such a
file eventually (memory or time), but only after it has cost a worker its
whole time limit. Counting what each stream inflates to, in chunks and
without keeping the bytes, costs milliseconds on real documents and a second
or two on a bomb.

The count is bounded in bytes (each stream's budget), in progress (it stops
at the deflate data's end, and on a call that gives nothing and consumes
nothing: real files pad a stream past its data) and in time (the whole
check): a guard that hangs on an ordinary file is worse than the bomb.
"""

from __future__ import annotations

import logging
import time
import zlib
from dataclasses import dataclass, fields
from typing import Any

from ...model.errors import DecompressionBomb

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SafetySettings:
    """The bounds of the checks a PDF passes before any reader parses it."""

    # A page's text and rules, even a dense table drawn cell by cell, take a
    # few hundred kilobytes; charts a few megabytes. 64 MB is far past any
    # real content stream or form.
    max_content_bytes: int = 64 * 1024 * 1024
    # An image inflates to exactly width × height × its bytes per pixel: a
    # 600 dpi A3 colour scan is ~200 MB. Anything past 1 GB is not a page
    # image.
    max_image_bytes: int = 1024 * 1024 * 1024
    # Inflated a megabyte at a time: the memory the count holds at once.
    chunk_bytes: int = 1 << 20
    # zlib inflates some hundreds of megabytes a second, so the budgets
    # above cost a second or two per stream at worst; a real report's
    # streams take well under a second in all. Past this time the check
    # stops counting (the worker's time and memory limits stay the
    # backstop) rather than holding the import up.
    max_check_seconds: float = 20.0

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise ValueError(f"SafetySettings.{f.name}: {value!r} must be a positive number")


DEFAULT_SAFETY = SafetySettings()


def check_inflation(pdf: Any, settings: SafetySettings = DEFAULT_SAFETY) -> None:
    """Raise :class:`DecompressionBomb` if any Flate stream of the pikepdf
    document ``pdf`` inflates past its budget."""
    import pikepdf

    deadline = time.monotonic() + settings.max_check_seconds
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream):
            continue
        image = obj.get("/Subtype") == pikepdf.Name.Image
        budget = settings.max_image_bytes if image else settings.max_content_bytes
        if image and _declared_image_bytes(obj) > budget:
            raise DecompressionBomb(f"decompression bomb: an image declares more than {budget >> 20} MB of pixels")
        if not _flate_first(obj.get("/Filter")):
            continue
        if time.monotonic() > deadline:
            log.warning(
                "inflation check stopped after %.0f s; the rest of the streams are not counted",
                settings.max_check_seconds,
            )
            return
        raw = bytes(obj.get_raw_stream_buffer())
        if _inflated_size(raw, budget, settings.chunk_bytes, deadline) > budget:
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


def _inflated_size(
    raw: bytes, budget: int, chunk: int = DEFAULT_SAFETY.chunk_bytes, deadline: float | None = None
) -> int:
    """How many bytes ``raw`` inflates to, counting no further than just past
    ``budget`` (nor past ``deadline``, a ``time.monotonic()`` value); a
    stream that is not valid deflate counts what it gave.

    Stops at the deflate data's end (bytes after it, which real files carry,
    are not data) and on a call that neither gives output nor consumes
    input, so every turn of the loop makes progress."""
    inflater = zlib.decompressobj()
    total = 0
    data = raw
    try:
        while not inflater.eof and total <= budget:
            if deadline is not None and time.monotonic() > deadline:
                break
            out = inflater.decompress(data, chunk)
            total += len(out)
            rest = inflater.unconsumed_tail
            if not out and len(rest) == len(data):
                break  # no progress: truncated data, or the input is spent
            data = rest
    except zlib.error:
        pass
    return total
