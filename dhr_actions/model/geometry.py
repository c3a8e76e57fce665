"""Page geometry: words, text lines and ruling lines.

Plain functions over small value types so that every extractor (pdfplumber
words, OCR words) can build tables from the same pieces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import median

# A word that is a reference alone: "1.", "2A", "R3.1", "ICB1", "(4)".
REF_WORD = re.compile(r"^\(?[A-Z]{0,4}\d{1,3}(?:\.\d{1,3})*[A-Za-z]?[.):]?$")
BULLET_START = re.compile(r"^([•▪➢◦●○■□►▸‣⁃∙·\-–—*]|\d{1,2}[.)]\s|[a-z][.)]\s|\(?[ivx]{1,4}\)\s)")


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 10.0
    bold: bool = False
    # (index in text, x0) of each letter after the first (PDF text; empty
    # from OCR): a word run together from two cells can be cut where a
    # column starts.
    letters: tuple[tuple[int, float], ...] = ()
    # Tesseract's confidence in an OCR word, 0-100 (None for PDF text).
    confidence: float | None = None

    @property
    def doubtful(self) -> bool:
        """Read by OCR with a confidence under ``DOUBTFUL_BELOW``."""
        return self.confidence is not None and self.confidence < DOUBTFUL_BELOW

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2


# An OCR word read with less confidence than this (tesseract's 0-100) is
# doubtful: kept, but counted against its record (words under
# ``OcrSettings.min_confidence`` are dropped as noise).
DOUBTFUL_BELOW = 60.0


_MEASURES = frozenset(("x0", "x1", "top", "bottom", "size", "text", "bold"))


@dataclass
class Line:
    """Words sharing a baseline, left to right. A line's extent, size, text
    and weight are worked out when first asked for (most lines made while
    reading a page are never measured) and kept as plain attributes: its
    words are not changed after it is made."""

    words: list[Word]
    x0: float = field(init=False, repr=False, compare=False)
    x1: float = field(init=False, repr=False, compare=False)
    top: float = field(init=False, repr=False, compare=False)
    bottom: float = field(init=False, repr=False, compare=False)
    size: float = field(init=False, repr=False, compare=False)
    text: str = field(init=False, repr=False, compare=False)
    bold: bool = field(init=False, repr=False, compare=False)

    def __getattr__(self, name: str) -> object:
        # Called only for an attribute not set yet.
        if name not in _MEASURES:
            raise AttributeError(name)
        words = self.words
        if name == "size":
            self.size = median(w.size for w in words)
        elif name == "text":
            self.text = " ".join(w.text for w in words)
        elif name == "bold":
            self.bold = sum(len(w.text) for w in words if w.bold) * 2 > sum(len(w.text) for w in words)
        else:
            self.x0, self.x1 = min([w.x0 for w in words]), max([w.x1 for w in words])
            self.top, self.bottom = min([w.top for w in words]), max([w.bottom for w in words])
        return self.__dict__[name]

    def segments(self, gap: float) -> list[Line]:
        """Split where the space between two words exceeds ``gap``: the
        phrases of a line that runs across table columns."""
        out: list[Line] = []
        current: list[Word] = []
        for w in self.words:
            if current and w.x0 - current[-1].x1 > gap:
                out.append(Line(current))
                current = []
            current.append(w)
        if current:
            out.append(Line(current))
        return out


@dataclass(frozen=True)
class Edge:
    """A ruling line segment: horizontal when ``top == bottom``."""

    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.bottom - self.top) <= (self.x1 - self.x0)


def group_lines(words: Iterable[Word], tolerance: float = 0.5) -> list[Line]:
    """Group words into lines: a word joins the line whose vertical middle is
    within ``tolerance`` × font size of its own."""
    groups: list[list[Word]] = []
    top = bottom = 0.0  # the extent of the line being built
    for w in sorted(words, key=lambda w: (round(w.yc, 1), w.x0)):
        if groups and abs(w.yc - (top + bottom) / 2) <= tolerance * max(w.size, 4.0):
            groups[-1].append(w)
            top, bottom = min(top, w.top), max(bottom, w.bottom)
            continue
        groups.append([w])
        top, bottom = w.top, w.bottom
    return [Line(sorted(group, key=_x0)) for group in groups]


def _x0(w: Word) -> float:
    return w.x0


def cluster_values(values: Iterable[float], tolerance: float) -> list[float]:
    """Merge sorted values closer than ``tolerance`` into their mean."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tolerance:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def horizontal_rules(edges: Iterable[Edge], x0: float, x1: float, min_cover: float = 0.5) -> list[float]:
    """y positions of horizontal rules that cover at least ``min_cover`` of
    the span x0..x1 (segments at one height are added up: a ruled table draws
    one segment per cell)."""
    width = max(x1 - x0, 1.0)
    by_y: dict[float, list[tuple[float, float]]] = {}
    for e in edges:
        if not e.horizontal:
            continue
        a, b = max(e.x0, x0), min(e.x1, x1)
        if b - a <= 0:
            continue
        y = round((e.top + e.bottom) / 2 * 2) / 2
        key = next((k for k in by_y if abs(k - y) <= 1.5), y)
        by_y.setdefault(key, []).append((a, b))
    out = []
    for y, spans in by_y.items():
        if _covered(spans) >= min_cover * width:
            out.append(y)
    return sorted(out)


def vertical_rules(edges: Iterable[Edge], top: float, bottom: float, min_cover: float = 0.8) -> list[float]:
    """x positions of vertical rules that cover at least ``min_cover`` of the
    band top..bottom."""
    height = max(bottom - top, 1.0)
    by_x: dict[float, list[tuple[float, float]]] = {}
    for e in edges:
        if e.horizontal:
            continue
        a, b = max(e.top, top), min(e.bottom, bottom)
        if b - a <= 0:
            continue
        x = round((e.x0 + e.x1) / 2 * 2) / 2
        key = next((k for k in by_x if abs(k - x) <= 1.5), x)
        by_x.setdefault(key, []).append((a, b))
    return sorted(x for x, spans in by_x.items() if _covered(spans) >= min_cover * height)


def vertical_extent(edges: Iterable[Edge], x: float, start: float, tolerance: float = 3.0) -> float:
    """How far down a vertical rule at ``x`` runs from ``start``, following
    segments that touch (tables draw one segment per cell)."""
    segs = sorted(
        ((e.top, e.bottom) for e in edges if not e.horizontal and abs((e.x0 + e.x1) / 2 - x) <= 1.5),
        key=lambda s: s[0],
    )
    reach = start
    for a, b in segs:
        if a <= reach + tolerance and b > reach:
            reach = b
    return reach


def _covered(spans: list[tuple[float, float]]) -> float:
    total = 0.0
    end = float("-inf")
    for a, b in sorted(spans):
        if b <= end:
            continue
        total += b - max(a, end)
        end = b
    return total
