"""Page geometry: words, text lines, ruling lines, and cell text assembly.

Plain functions over small value types so that every extractor (pdfplumber
words, OCR words) can build tables from the same pieces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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


@dataclass
class Line:
    """Words sharing a baseline, left to right."""

    words: list[Word]

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return median(w.size for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bold(self) -> bool:
        return sum(len(w.text) for w in self.words if w.bold) * 2 > sum(len(w.text) for w in self.words)

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
    lines: list[Line] = []
    top = bottom = 0.0  # the extent of the line being built
    for w in sorted(words, key=lambda w: (round(w.yc, 1), w.x0)):
        if lines and abs(w.yc - (top + bottom) / 2) <= tolerance * max(w.size, 4.0):
            lines[-1].words.append(w)
            top, bottom = min(top, w.top), max(bottom, w.bottom)
            continue
        lines.append(Line([w]))
        top, bottom = w.top, w.bottom
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def cell_text(words: Sequence[Word], paragraph_gap_em: float = 0.5, text_edge: float | None = None) -> str:
    """Text of one cell in reading order.

    Wrapped lines join with a space; a new paragraph starts a new line: a
    gap wider than ``paragraph_gap_em`` of a line, a line opening with a
    bullet or list number, or a line that ended early (the next line's first
    word would have fitted after it, so the writer broke it: Word and Excel
    set paragraphs with no space between them).
    A word hyphenated at a line end is joined back without a space, and so
    is a word broken without a hyphen in a column too narrow for it: a line
    filling the column to ``text_edge`` (the right edge of the column's
    widest text), followed by a line opening with the word's short tail
    ("Safeguardin" / "g", "30/06/20" / "23").
    """
    if not words:
        return ""
    lines = group_lines(words)
    measure = max(ln.x1 for ln in lines)  # the cell's text is at least this wide
    parts: list[str] = []
    prev: Line | None = None
    for line in lines:
        text = line.text
        if prev is None:
            parts.append(text)
        else:
            gap = line.top - prev.bottom
            if gap <= paragraph_gap_em * line.size and _misplaced_break(prev, line):
                parts.append(text)
            elif gap > paragraph_gap_em * line.size or BULLET_START.match(text) or _ended_early(prev, line, measure):
                parts.append("\n" + text)
            elif _hyphenated(parts[-1], text) or (text_edge is not None and _broken_word(prev, line, text_edge)):
                parts.append(text)
            else:
                parts.append(" " + text)
        prev = line
    return "".join(parts).strip()


# The words of one or two letters a line may open with after an ordinary
# wrap (a closed set, unlike the longer words a broken word's tail may look like).
_SHORT_WORDS = frozenset(
    [
        "a",
        "i",
        "ad",
        "ah",
        "am",
        "an",
        "as",
        "at",
        "aw",
        "be",
        "by",
        "do",
        "eh",
        "go",
        "ha",
        "he",
        "hi",
        "if",
        "in",
        "is",
        "it",
        "me",
        "mr",
        "ms",
        "my",
        "no",
        "of",
        "oh",
        "ok",
        "on",
        "or",
        "ox",
        "pa",
        "so",
        "to",
        "uh",
        "um",
        "up",
        "us",
        "vs",
        "we",
        "ye",
        "yo",
    ]
)


def _hyphenated(before: str, text: str) -> bool:
    """A word hyphenated at the line end, going on in lower case."""
    return before.endswith("-") and len(before) > 1 and before[-2].isalpha() and text[:1].islower()


def _broken_word(prev: Line, line: Line, text_edge: float) -> bool:
    """Was one word broken over ``prev`` and ``line`` for want of width?

    ``prev`` ends with the word's head, filling the column to its text
    edge, and ``line`` opens with its tail: digits going on from digits
    ("30/06/20" / "23"), its punctuation ("completed" / "; roll-out"),
    one or two lower-case letters that are not a word of their own
    ("Safeguardin" / "g", "Regiona" / "l"), or a longer lower-case tail
    when the head is the only word of its line (Word, Excel, LibreOffice
    and browsers break a word only when it does not fit on a line of its
    own) and the words say so (``_tail_of``).
    """
    first = line.words[0]
    tail = first.text
    glyph = max((first.x1 - first.x0) / max(len(tail), 1), 0.35 * prev.size)  # the glyph that did not fit
    room = text_edge - prev.x1  # left on prev's line, as far as the column's widest text shows
    if not prev.text[-1:].isalnum() or room > 2 * glyph:
        return False
    fills = room <= glyph
    if tail[:1] in (";", ":", ",", ".", ")", "!", "?"):
        return fills  # the word's own punctuation did not fit
    if tail[:1].isdigit():
        return fills and prev.text[-1].isdigit()
    core = tail.rstrip(".,;:)")
    if not (core.isalpha() and core.islower()):
        return False
    if len(core) <= 2 and core not in _SHORT_WORDS:
        return fills
    # The widest text may stop short of the column's true edge: within two
    # glyphs of it, the words decide.
    words = [w.text for w in prev.words]
    if len(words) > 1 and BULLET_START.match(words[0] + " "):
        words = words[1:]  # a list number before the word
    return len(words) == 1 and _tail_of(words[0], core)


def _misplaced_break(prev: Line, line: Line) -> bool:
    """OCR only: a word broken over two lines, known by its letters alone
    (a scan's line ends say little of the column's edge: skew, specks and
    glyph-tight boxes): the head and tail spell a word, and the tail is one
    or two letters that are no word ("refreshe" / "r", "practice" / "s") or
    a longer piece that is none either, after a head that is no common
    word ("homelessn" / "ess")."""
    first, last = line.words[0], prev.words[-1]
    if first.confidence is None or last.confidence is None:
        return False
    from .lexicon import COMMON, is_word

    head, tail = last.text, first.text.rstrip(".,;:)")
    if not (head.isalpha() and tail.isalpha() and tail.islower()) or not is_word(head + tail):
        return False
    if len(tail) <= 2:
        return tail not in _SHORT_WORDS
    return not is_word(tail) and not is_word(head, COMMON)


def _tail_of(head: str, tail: str) -> bool:
    """Is ``tail`` the rest of the word ``head`` starts? Not when the head
    is a common word of its own: an ordinary wrap ("County" / "wide", "Provider" /
    "appointe"). Yes when they spell a word together ("commiss" / "ion"),
    when the tail is no word ("Commun" / "ity") or the head is in lower
    case ("safeguar" / "ding"); not when a name goes on to a word
    ("Hollins" / "council")."""
    from .lexicon import COMMON, is_word

    if not head.isalpha() or is_word(head, COMMON):
        return False
    if is_word(head + tail):
        return True
    return head.islower() or not is_word(tail)


def _ended_early(prev: Line, line: Line, measure: float) -> bool:
    """Would ``line``'s first word have fitted at the end of ``prev``, which
    starts at the same left edge? Then ``prev`` was broken by hand."""
    if abs(prev.x0 - line.x0) > 2:
        return False  # centred or indented text: its line ends say nothing
    first = line.words[0]
    space = max(0.25 * first.size, 1.0)
    return prev.x1 + space + (first.x1 - first.x0) < measure - 1


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
