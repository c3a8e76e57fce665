"""Page furniture: running headers and footers, page numbers, markings.

Word and Excel put a document's title, a protective marking ("OFFICIAL -
SENSITIVE") and page numbers in a header and footer band on every page.
Text that recurs in the top or bottom margin of many pages is furniture and
is removed before tables are looked for, as is a page number alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .layout import Line
from .page import PageContent
from .settings import LayoutSettings

PAGE_NUMBER = re.compile(r"^\s*(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?\s*$", re.I)


def furniture_key(text: str) -> str:
    """Margin text compared across pages: numbers stand for any number."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def in_margin(line: Line, page: PageContent, settings: LayoutSettings) -> bool:
    h = page.height
    return line.bottom <= h * settings.margin_top_share or line.top >= h * (1 - settings.margin_bottom_share)


def running_furniture(pages: Sequence[PageContent], settings: LayoutSettings) -> set[str]:
    """Texts that recur in the top or bottom margin of many pages."""
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({furniture_key(line.text) for line in page.lines if in_margin(line, page, settings)})
    need = max(2, int(settings.furniture_page_share * len(pages)))
    return {k for k, n in counts.items() if n >= need}


def is_furniture(line: Line, page: PageContent, furniture: set[str], gap: float, settings: LayoutSettings) -> bool:
    """Is ``line`` running furniture of ``page``: recurring margin text, or a
    page number (alone among the phrases split at ``gap``)?"""
    if not in_margin(line, page, settings):
        return False
    if furniture_key(line.text) in furniture:
        return True
    return any(PAGE_NUMBER.match(seg.text) for seg in line.segments(gap))


def furniture_notes(removed: Sequence[tuple[int, Line]], most: int = 5) -> list[str]:
    """Why lines were dropped, for `dhr show --explain`: each furniture text
    (numbers folded) with the pages it was removed from."""
    pages: dict[str, list[int]] = {}
    shown: dict[str, str] = {}
    for page, line in removed:
        key = furniture_key(line.text)
        pages.setdefault(key, []).append(page)
        shown.setdefault(key, line.text)
    out = []
    for key, on in sorted(pages.items(), key=lambda kv: -len(kv[1]))[:most]:
        where = f"page {on[0]}" if len(on) == 1 else f"{len(on)} pages"
        out.append(f"page furniture removed: '{shown[key]}' ({where}: in the page margin, recurring or a page number)")
    return out
