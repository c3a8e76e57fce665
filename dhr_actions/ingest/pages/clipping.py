"""Text a page draws outside its clipping path: in the file, never seen.

A spreadsheet printed to PDF clips each cell's text to the cell: a label
wrapped in a narrow column ("Recomm" / "endatio" / "n") or a long value
running into a filled neighbour is drawn whole and clipped, so a reader
sees "Recomm endatio" and nothing below it. pdfminer, and so pdfplumber,
ignores clipping and gives every glyph; the clipped "n" would land in the
first body row's cell ("1n"). PDFium keeps each page object's clip path:
the glyphs wholly outside it are found here, as boxes in pdfplumber's
coordinates (from the top of the page), for ``reading.page_content`` to
leave out.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ...model.settings import DEFAULT_SETTINGS, LayoutSettings

Box = tuple[float, float, float, float]  # left, bottom, right, top: PDF space


@dataclass(frozen=True)
class HiddenGlyph:
    """One glyph drawn outside its clip: its text and its loose box, top and
    bottom measured from the top of the page, as pdfplumber gives them."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    index: int = -1  # its index among PDFium's characters of the page


def hidden_glyphs(page: Any, settings: LayoutSettings = DEFAULT_SETTINGS) -> list[HiddenGlyph]:
    """The glyphs of one PDFium page (``pypdfium2.PdfPage``) that are not
    printed: the words that lie wholly, or all but a sliver, outside their
    text object's clipping path."""
    return clipped_glyphs(page, settings)[0]


def clipped_glyphs(
    page: Any, settings: LayoutSettings = DEFAULT_SETTINGS, text_objects: Iterable[Any] | None = None
) -> tuple[list[HiddenGlyph], dict[int, Box]]:
    """``hidden_glyphs``, and the glyphs of words their clip cuts through
    (a wrapped cell's last line cut by the row's foot): each one's index
    among PDFium's characters and the box it shows in (its clip's, PDF
    space), so that a word is placed where it is printed. ``text_objects``:
    the page's text objects' raw handles when the caller has walked them."""
    import pypdfium2.raw as pdfium_c

    if page.get_rotation() % 360:
        return [], {}  # pdfplumber turns the page's coordinates; rare in print-outs, left alone
    if text_objects is None:
        text_objects = (o.raw for o in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT], max_depth=4))
    clipped: dict[int, Box] = {}
    left_, bottom_, right_, top_ = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    for raw in text_objects:
        visible = _clip_box(raw)
        if visible is None or not pdfium_c.FPDFPageObj_GetBounds(raw, left_, bottom_, right_, top_):
            continue
        if _inside_share((left_.value, bottom_.value, right_.value, top_.value), visible) < 1.0:
            clipped[_address(raw)] = visible
    if not clipped:
        return [], {}
    left, _bottom, _right, top = page.get_mediabox()
    cut: dict[int, Box] = {}
    textpage = page.get_textpage()
    try:
        out: list[HiddenGlyph] = []
        run: list[tuple[int, str, Box]] = []  # a word's glyphs: (index, text, tight box)
        run_clip: Box | None = None
        count = textpage.count_chars()
        for i in range(count + 1):  # one past the last, to end the last run
            obj = pdfium_c.FPDFText_GetTextObject(textpage.raw, i) if i < count else None
            visible = clipped.get(_address(obj)) if obj else None
            text = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, i)) if visible else ""
            if run and (visible != run_clip or not text.strip() or not text.isprintable()):
                share = _run_share(run, run_clip) if run_clip else 1.0
                if share <= settings.clip_hidden_max_share:
                    out.extend(_glyph(textpage, j, glyph, left, top) for j, glyph, _box in run)
                elif share < 1.0 and run_clip:
                    cut.update((j, run_clip) for j, _glyph_text, _box in run)
                run = []
            if visible and text.strip() and text.isprintable():
                run.append((i, text, textpage.get_charbox(i)))
                run_clip = visible
        return out, cut
    finally:
        textpage.close()


def _run_share(run: list[tuple[int, str, Box]], visible: Box) -> float:
    """How much of a word's glyphs lies inside its clip: a line cut through
    its letters shows as much as is left of them; a line wholly past the
    cut shows nothing but, at most, a sliver (the dot of an "i")."""
    area = sum((b[2] - b[0]) * (b[3] - b[1]) for _i, _t, b in run)
    if area <= 0:
        return 1.0 if all(_inside_share(b, visible) for _i, _t, b in run) else 0.0
    return sum(_inside_share(b, visible) * (b[2] - b[0]) * (b[3] - b[1]) for _i, _t, b in run) / area


def _glyph(textpage: Any, index: int, text: str, left: float, top: float) -> HiddenGlyph:
    """Glyph ``index`` (``text``) placed by its loose box (font ascent to
    descent), as pdfminer places characters."""
    x0, y0, x1, y1 = textpage.get_charbox(index, loose=True)
    return HiddenGlyph(text, x0 - left, x1 - left, top - y1, top - y0, index)


def _address(handle: Any) -> int:
    """A PDFium handle as a number: the same object gives the same one."""
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _clip_box(raw: Any) -> Box | None:
    """The bounding box of an object's clip: the intersection of its
    paths' boxes (a clip is every path at once); None when it has none."""
    import pypdfium2.raw as pdfium_c

    clip = pdfium_c.FPDFPageObj_GetClipPath(raw)
    if not clip:
        return None
    box: Box | None = None
    x, y = ctypes.c_float(), ctypes.c_float()
    for p in range(pdfium_c.FPDFClipPath_CountPaths(clip)):
        xs, ys = [], []
        for s in range(pdfium_c.FPDFClipPath_CountPathSegments(clip, p)):
            segment = pdfium_c.FPDFClipPath_GetPathSegment(clip, p, s)
            if segment and pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
                xs.append(x.value)
                ys.append(y.value)
        if not xs:
            continue
        path = (min(xs), min(ys), max(xs), max(ys))
        box = (
            path
            if box is None
            else (max(box[0], path[0]), max(box[1], path[1]), min(box[2], path[2]), min(box[3], path[3]))
        )
    return box


def _inside_share(box: Box, visible: Box) -> float:
    """How much of ``box`` lies inside ``visible``: 1 for a box with no area
    inside a visible box that holds it."""
    left, bottom, right, top = box
    w = max(0.0, min(right, visible[2]) - max(left, visible[0]))
    h = max(0.0, min(top, visible[3]) - max(bottom, visible[1]))
    area = (right - left) * (top - bottom)
    if area <= 0:
        inside = visible[0] <= left <= visible[2] and visible[1] <= bottom <= visible[3]
        return 1.0 if inside else 0.0
    return w * h / area
