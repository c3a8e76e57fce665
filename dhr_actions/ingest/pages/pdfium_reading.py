"""One PDF page read with PDFium into the finder's page model.

pdfminer (under pdfplumber) parses a page's content in Python; PDFium
parses it in C and gives every character with its box, and every path
with its points, for about a tenth of the time. This module reads them the
way pdfplumber reports them, so that the finder's thresholds hold for both:

- characters by their *loose* box (the font's ascent to descent across
  the glyph's advance, as pdfminer measures), top measured from the top of
  the page, a turned page (/Rotate) turned upright as pdfminer turns it;
  PDFium's generated spaces and line breaks are not characters, a
  character with no Unicode mapping is "(cid:0)" as pdfminer writes it;
- words by pdfplumber's rule (``words.py``), ligatures read as letters;
- ruling edges from every painted path as pdfminer classifies them: a
  straight segment is a line, four sides a rectangle's edges, anything
  else a curve whose successive points (control points left out) are
  edges; paths inside form XObjects through their forms' matrices;
- images' boxes, for the scanned-page test.

Where PDFium differs by design it is said where it matters: it drops a
character drawn twice at one place (fake bold), which pdfminer gives twice.
"""

from __future__ import annotations

import ctypes
import functools
import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ...model.geometry import Edge, Word
from ...model.settings import DEFAULT_SETTINGS, LayoutSettings
from ..ocr.recognise import image_share
from .clipping import Box, clipped_glyphs
from .reading import LIGATURES, PageContent, cid_free
from .words import Char, RawWord, words_of

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# Forms inside forms are followed this deep (pdfminer follows every level;
# real print-outs nest two or three).
MAX_FORM_DEPTH = 8


@dataclass
class PdfiumPage:
    """A page as PDFium read it: the finder's page, how many characters it
    prints, and what share of it images cover (the scanned-page test)."""

    content: PageContent
    chars: int
    image_share: float


class Placement:
    """PDF user space to the page's reading space: x from the media box's
    left, top from its top, the page turned by its /Rotate as pdfminer
    turns it (so a landscape page set on portrait paper reads upright)."""

    def __init__(self, mediabox: tuple[float, float, float, float], rotation: int) -> None:
        x0, x1 = sorted((mediabox[0], mediabox[2]))
        y0, y1 = sorted((mediabox[1], mediabox[3]))
        self.rotation = rotation % 360
        turned = self.rotation in (90, 270)
        self.width = (y1 - y0) if turned else (x1 - x0)
        self.height = (x1 - x0) if turned else (y1 - y0)
        # (x, y) in user space -> (x, top) on the page read upright:
        # x = ex + ax * x + cx * y, top = et + bt * x + dt * y
        self.affine: tuple[float, float, float, float, float, float]
        if self.rotation == 90:
            self.affine, self.turn = (-y0, 0.0, 1.0, -x0, 1.0, 0.0), (0.0, -1.0, 1.0, 0.0, 0.0, 0.0)
        elif self.rotation == 180:
            self.affine, self.turn = (x1, -1.0, 0.0, -y0, 0.0, 1.0), (-1.0, 0.0, 0.0, -1.0, 0.0, 0.0)
        elif self.rotation == 270:
            self.affine, self.turn = (y1, 0.0, -1.0, x1, -1.0, 0.0), (0.0, 1.0, -1.0, 0.0, 0.0, 0.0)
        else:
            self.affine, self.turn = (-x0, 1.0, 0.0, y1, 0.0, -1.0), IDENTITY

    def point(self, x: float, y: float) -> tuple[float, float]:
        ex, ax, cx, et, bt, dt = self.affine
        return ex + ax * x + cx * y, et + bt * x + dt * y

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """A user-space box as (x0, top, x1, bottom) on the page."""
        ax, at = self.point(left, bottom)
        bx, bt = self.point(right, top)
        return min(ax, bx), min(at, bt), max(ax, bx), max(at, bt)


def read_page(page: Any, number: int, settings: LayoutSettings = DEFAULT_SETTINGS) -> PdfiumPage:
    """Page ``number`` (a ``pypdfium2.PdfPage``) read in full, leaving out
    the glyphs its clipping paths keep from print (``clipping.hidden_glyphs``)."""
    import pypdfium2.raw as pdfium_c

    place = Placement(tuple(page.get_mediabox()), page.get_rotation())
    edges: list[Edge] = []
    images: list[tuple[float, float, float, float]] = []
    texts: list[Any] = []
    for kind, handle, matrix in _objects(page.raw, IDENTITY, 0):
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            edges.extend(_path_edges(handle, matrix, place, settings.min_rule_length_pt))
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            images.append(_image_box(matrix, place))
        else:
            texts.append(handle)
    hidden, cut = clipped_glyphs(page, settings, texts)
    textpage = page.get_textpage()
    try:
        chars = _chars(textpage, place, frozenset(g.index for g in hidden), cut)
    finally:
        textpage.close()
    words = [
        w
        for w in (_word(raw) for raw in words_of(chars, settings.word_x_tolerance_em, settings.word_y_tolerance_pt))
        if w
    ]
    content = PageContent(number=number, width=place.width, height=place.height, words=words, edges=edges)
    return PdfiumPage(content, len(chars), image_share(images, place.width, place.height))


def _word(raw: RawWord) -> Word | None:
    """A word as ``reading.page_content`` makes it from pdfplumber's."""
    chars = raw.chars
    first = chars[0]
    starts = [c.x0 for c in chars]
    joined = "".join(c.text for c in chars)
    printed = joined.translate(LIGATURES)
    if len(joined) == len(chars) and printed == joined:  # a letter a character: where each starts
        letters = list(zip(range(1, len(chars)), starts[1:], strict=True))
    else:  # a ligature, or a glyph of two letters: indices in the text as read
        letters, at = [], 0
        for c in chars:
            if at:
                letters.append((at, c.x0))
            at += len(c.text.translate(LIGATURES))
    text = cid_free(printed) if "(cid:" in printed else printed
    if not text.strip():
        return None
    bold = "bold" in first.font.lower()
    x1, top, bottom = max(c.x1 for c in chars), min(c.top for c in chars), max(c.bottom for c in chars)
    return Word(text, min(starts), x1, top, bottom, first.size, bold, tuple(letters) if text == printed else ())


def _chars(textpage: Any, place: Placement, hidden: frozenset[int], cut: dict[int, Box]) -> list[Char]:
    """The page's printed characters in drawing order, each boxed as
    pdfminer boxes it: across its advance (PDFium's loose box), from the
    font's descent below the baseline to one font size above that (the
    loose box's foot and head follow a glyph that reaches past them)."""
    import pypdfium2.raw as pdfium_c

    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # characters outside the BMP: one at a time
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(count))
    box = pdfium_c.FS_RECTF()
    loose, generated, object_at = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_IsGenerated, _object_at()
    origin, ox, oy = pdfium_c.FPDFText_GetCharOrigin, ctypes.c_double(), ctypes.c_double()
    ex, ax, cx, et, bt, dt = place.affine
    runs: dict[int, _Run] = {}
    names: dict[int, str] = {}
    out: list[Char] = []
    for i in range(count):
        ch = text[i]
        if ch in _NOT_PRINTED or (ch.isspace() and generated(raw, i)) or i in hidden:
            continue
        if ch == "\ufffe":  # PDFium's mark for a hyphen that ends a line: the hyphen printed
            ch = "-"
        elif (not ch.isprintable() or "\ue000" <= ch <= "\uf8ff") and pdfium_c.FPDFText_HasUnicodeMapError(raw, i):
            ch = "(cid:0)"
        key = object_at(raw, i) or 0
        run = runs.get(key)
        if run is None:
            run = runs[key] = _run(textpage, i, pdfium_c.FPDFText_GetTextObject(raw, i), place, names)
        if not loose(raw, i, box):
            continue
        left, right, low, high = box.left, box.right, box.bottom, box.top
        x0, x1 = ex + ax * left + cx * low, ex + ax * right + cx * high
        t0, t1 = et + bt * left + dt * low, et + bt * right + dt * high
        if x0 > x1:
            x0, x1 = x1, x0
        if t0 > t1:
            t0, t1 = t1, t0
        if run.upright and run.size > 0 and origin(raw, i, ox, oy):
            foot = et + bt * ox.value + dt * oy.value - run.descent
            t0, t1 = foot - run.size, foot
            if i in cut:  # a line its clip cuts through: where it shows
                t0, t1 = _shown(t0, t1, place.box(*cut[i]))
            out.append(Char(ch, x0, x1, t0, t1, run.size, run.font, True))
        else:
            size = round(t1 - t0, 3)  # pdfminer's: the box's height, whichever way the text runs
            out.append(Char(ch, x0, x1, t0, t1, size, run.font, run.upright))
    return out


def _shown(top: float, bottom: float, clip: tuple[float, float, float, float]) -> tuple[float, float]:
    """A glyph's top and bottom cut to its clip's (x0, top, x1, bottom)."""
    shown_top, shown_bottom = max(top, clip[1]), min(bottom, clip[3])
    return (shown_top, shown_bottom) if shown_top < shown_bottom else (top, bottom)


_NOT_PRINTED = frozenset("\r\n\x00")


@functools.cache
def _object_at() -> Any:
    """``FPDFText_GetTextObject`` giving the object's address as a number
    (a character's run is looked up by it; a pointer would need a cast)."""
    import pypdfium2.raw as pdfium_c

    address = ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value
    if not address:
        raise RuntimeError("PDFium's FPDFText_GetTextObject is not loaded")
    return ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(address)


@dataclass(frozen=True)
class _Run:
    """What the characters of one text object share: the font's name, its
    size and descent on the page, and whether the text stands upright on
    the page read upright."""

    font: str
    size: float
    descent: float  # below the baseline: negative
    upright: bool


def _run(textpage: Any, index: int, obj: Any, place: Placement, names: dict[int, str]) -> _Run:
    """The run of character ``index`` (of text object ``obj``); ``names``:
    the fonts' names read so far, by font. Upright is pdfminer's test on the
    character's matrix: no mirror, no quarter turn."""
    import pypdfium2.raw as pdfium_c

    name, descent, upright = "", 0.0, True
    size = float(pdfium_c.FPDFText_GetFontSize(textpage.raw, index))  # in text space
    m = pdfium_c.FS_MATRIX()
    if pdfium_c.FPDFText_GetMatrix(textpage.raw, index, m):
        size *= math.hypot(m.c, m.d)  # on the page
        a, b, c, d, _e, _f = _compose((m.a, m.b, m.c, m.d, 0.0, 0.0), place.turn)
        upright = a * d > 0 and b * c <= 0
    font = pdfium_c.FPDFTextObj_GetFont(obj) if obj else None
    if font:
        address = ctypes.cast(font, ctypes.c_void_p).value or 0
        name = names.get(address, "")
        if address not in names:
            buffer = ctypes.create_string_buffer(256)
            length = pdfium_c.FPDFFont_GetBaseFontName(font, buffer, 256)
            name = names[address] = buffer.raw[: max(0, length - 1)].decode("utf-8", "replace") if length else ""
        value = ctypes.c_float()
        if size > 0 and pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(size), value):
            descent = value.value
    return _Run(name, size, descent, upright)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """``inner`` then ``outer`` (PDF's row-vector order)."""
    a, b, c, d, e, f = inner
    p, q, r, s, t, u = outer
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


_WALKED = frozenset((1, 2, 3, 5))  # FPDF_PAGEOBJ_TEXT, _PATH, _IMAGE, _FORM


def _objects(parent: Any, matrix: Matrix, depth: int, form: bool = False) -> Iterator[tuple[int, Any, Matrix]]:
    """Every text, path and image object (type, handle, matrix to user
    space), those inside form XObjects with their forms' matrices applied."""
    import pypdfium2.raw as pdfium_c

    count = pdfium_c.FPDFFormObj_CountObjects(parent) if form else pdfium_c.FPDFPage_CountObjects(parent)
    get = pdfium_c.FPDFFormObj_GetObject if form else pdfium_c.FPDFPage_GetObject
    m = pdfium_c.FS_MATRIX()
    for i in range(max(count, 0)):
        obj = get(parent, i)
        if not obj:
            continue
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind not in _WALKED:
            continue
        own = (m.a, m.b, m.c, m.d, m.e, m.f) if pdfium_c.FPDFPageObj_GetMatrix(obj, m) else IDENTITY
        placed = _compose(own, matrix)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth < MAX_FORM_DEPTH:
                yield from _objects(obj, placed, depth + 1, form=True)
        else:
            yield kind, obj, placed


def _path_edges(path: Any, matrix: Matrix, place: Placement, min_length: float) -> Iterator[Edge]:
    """The edges of one path object as pdfplumber gives them (see the
    module's note), those at least ``min_length`` long."""
    for points, closed in _subpaths(path, matrix):
        if closed and len(points) > 1 and points[-1] == points[0]:
            points = points[:-1]  # a redundant line back to the start
        if len(points) == 2 or (len(points) == 1 and not closed):
            pairs = list(itertools.pairwise(points))  # a line: once, not there and back
        else:
            ring = [*points, points[0]] if closed else points
            pairs = list(itertools.pairwise(ring))
        for (x0, y0), (x1, y1) in pairs:
            ax, at = place.point(x0, y0)
            bx, bt = place.point(x1, y1)
            edge = Edge(min(ax, bx), max(ax, bx), min(at, bt), max(at, bt))
            if max(edge.x1 - edge.x0, edge.bottom - edge.top) >= min_length:
                yield edge


def _subpaths(path: Any, matrix: Matrix) -> Iterator[tuple[list[tuple[float, float]], bool]]:
    """A path's subpaths: each segment's end point in user space (a
    Bézier curve's control points left out), and whether it is closed."""
    import pypdfium2.raw as pdfium_c

    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float]] = []
    closed = False
    bezier = 0
    for i in range(max(pdfium_c.FPDFPath_CountSegments(path), 0)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, i)
        if not segment or not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if points:
                yield points, closed
            points, closed, bezier = [], False, 0
        elif kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue  # a control point
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if not points or point != points[-1]:
            points.append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            closed = True
    if points:
        yield points, closed


def _image_box(matrix: Matrix, place: Placement) -> tuple[float, float, float, float]:
    """An image's box on the page: its unit square through its matrix."""
    a, b, c, d, e, f = matrix
    corners = [place.point(a * u + c * v + e, b * u + d * v + f) for u, v in ((0, 0), (1, 0), (0, 1), (1, 1))]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    return min(xs), min(ys), max(xs), max(ys)
