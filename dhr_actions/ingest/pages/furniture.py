"""Page furniture: running headers and footers, page numbers, markings.

Word and Excel put a document's title, a protective marking ("OFFICIAL -
SENSITIVE") and page numbers in a header and footer band on every page.
Text that recurs at the same place in the top or bottom margin of many
pages is furniture and is removed before tables are looked for, as is a
page number alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...language.vocabulary import PROTECTIVE_MARKING
from ...model.geometry import Line
from ...model.settings import LayoutSettings
from .reading import PageContent

PAGE_NUMBER = re.compile(r"^\s*(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?\s*$", re.I)


_SAYS_PAGE = re.compile(r"page\s*\d|\d\s*(?:of|/)\s*\d", re.I)


def furniture_key(text: str) -> str:
    """Margin text compared across pages: numbers stand for any number."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def in_margin(line: Line, page: PageContent, settings: LayoutSettings) -> bool:
    h = page.height
    return line.bottom <= h * settings.margin_top_share or line.top >= h * (1 - settings.margin_bottom_share)


def _place(line: Line, page: PageContent) -> float:
    """Where a margin line sits: its distance from the page edge it is near
    (a footer keeps its distance from the bottom on pages of any size),
    negative from the bottom."""
    return line.top if line.bottom <= page.height / 2 else line.bottom - page.height


Furniture = dict[str, list[float]]  # text key → the places it recurs at


def running_furniture(pages: Sequence[PageContent], settings: LayoutSettings) -> Furniture:
    """Texts that recur in the top or bottom margin of many pages, at the
    same place on each: a header or footer band. Table text that runs into
    the margin may repeat ("Roll-out to all teams") but lands wherever the
    rows above leave it."""
    places: dict[str, list[float]] = {}
    for page in pages:
        seen: dict[str, float] = {}
        for line in page.lines:
            if in_margin(line, page, settings):
                seen.setdefault(furniture_key(line.text), _place(line, page))
        for key, place in seen.items():
            places.setdefault(key, []).append(place)
    need = max(2, int(settings.furniture_page_share * len(pages)))
    tolerance = settings.furniture_place_pt
    out: Furniture = {}
    for key, found in places.items():
        if len(found) < need:
            continue
        recurring = [x for x in found if sum(1 for y in found if abs(y - x) <= tolerance) >= need]
        if recurring:
            out[key] = recurring
    return out


def is_furniture(line: Line, page: PageContent, furniture: Furniture, gap: float, settings: LayoutSettings) -> bool:
    """Is ``line`` running furniture of ``page``: margin text recurring at
    its place, or a page number (alone among the phrases split at ``gap``)?
    A protective marking, and recurring text that numbers its page ("DHR
    action plan Page 2 of 6"), are furniture in the margin however close
    the table comes to them: neither can be a table's text carried over."""
    if not in_margin(line, page, settings):
        return False
    if PROTECTIVE_MARKING.match(line.text):
        return True
    recurs = _recurs(line, page, furniture, settings)
    if recurs and _SAYS_PAGE.search(line.text):
        return True
    if not (recurs or _page_number(line, gap)):
        return False
    return _apart(line, page, furniture, settings)


def _page_number(line: Line, gap: float) -> bool:
    """A page number alone, or one that says so ("Page 2", "2 of 5") beside
    other text: a bare number beside text opens a row carried over."""
    segments = [seg.text for seg in line.segments(gap)]
    numbers = [t for t in segments if PAGE_NUMBER.match(t)]
    if not numbers:
        return False
    return len(numbers) == len(segments) or any(_SAYS_PAGE.search(t) for t in numbers)


def _recurs(line: Line, page: PageContent, furniture: Furniture, settings: LayoutSettings) -> bool:
    at = _place(line, page)
    return any(abs(at - x) <= settings.furniture_place_pt for x in furniture.get(furniture_key(line.text), ()))


def _apart(line: Line, page: PageContent, furniture: Furniture, settings: LayoutSettings) -> bool:
    """Does the line stand apart from the page's body, as a header or footer
    band does? The first line of every page sits at the same place, so text
    of a table carried over ("three months.") can recur there, and a row
    carried over may open with its number; such lines run on into the lines
    below at line spacing."""
    top = line.bottom <= page.height / 2
    body = [
        ln
        for ln in page.lines
        if ln is not line
        and (ln.top >= line.bottom - 1 if top else ln.bottom <= line.top + 1)
        and not (in_margin(ln, page, settings) and _recurs(ln, page, furniture, settings))
    ]
    if not body:
        return True
    gap = min(ln.top for ln in body) - line.bottom if top else line.top - max(ln.bottom for ln in body)
    return gap > settings.furniture_gap_em * line.size


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
