"""Characters into words, by pdfplumber's rule, for any engine's characters.

The finder's thresholds were set on the words pdfplumber's ``extract_words``
makes, so an engine that gives characters (PDFium) makes its words the same
way: runs of characters of one font, size and uprightness (in the order the
page draws them) are cut into lines (``top`` within ``y_tolerance``, or
``x0`` within ``vertical_line_tolerance`` for text turned on its side),
each line is put in reading order, and a word ends at a space, at a gap
wider than ``x_tolerance_em`` of the letters' size, at a letter that starts
before the previous one, or at a step of more than ``y_tolerance``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import NamedTuple

# pdfplumber's own default for the tolerance it keeps absolute when the
# horizontal one is given in proportion: the lines of text turned on its
# side are told apart by their left edges within 3 pt.
VERTICAL_LINE_TOLERANCE_PT = 3.0


class Char(NamedTuple):
    """One printed character: its text (a ligature may be two letters), its
    box from the top of the page, and its run's attributes."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    upright: bool


class RawWord(NamedTuple):
    """A word as pdfplumber gives it: its characters, in reading order."""

    chars: list[Char]

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)


def words_of(chars: Iterable[Char], x_tolerance_em: float, y_tolerance: float) -> list[RawWord]:
    """The words of a page's characters (given in drawing order)."""
    out: list[RawWord] = []
    for (upright, _size, _font), run in groupby(chars, key=lambda c: (c.upright, c.size, c.font)):
        for line in _lines(list(run), upright, y_tolerance):
            out.extend(RawWord(w) for w in _cut(line, upright, x_tolerance_em, y_tolerance))
    return out


def _lines(chars: list[Char], upright: bool, tolerance: float) -> list[list[Char]]:
    """``chars`` in lines: the values of their line position (``top``, or
    ``x0`` on its side) chained within ``tolerance`` of the previous one,
    each line in reading order (a stable sort: ties keep drawing order)."""
    if upright:

        def where(c: Char) -> float:
            return c.top

        def order(c: Char) -> tuple[float, float]:
            return (c.x0, c.x0)
    else:
        tolerance = VERTICAL_LINE_TOLERANCE_PT

        def where(c: Char) -> float:
            return c.x0

        def order(c: Char) -> tuple[float, float]:
            return (c.top, c.bottom)

    cluster: dict[float, int] = {}
    last: float | None = None
    index = -1
    for value in sorted({where(c) for c in chars}):
        if last is None or value > last + tolerance:
            index += 1
        cluster[value] = index
        last = value
    lines: list[list[Char]] = [[] for _ in range(index + 1)]
    for c in chars:
        lines[cluster[where(c)]].append(c)
    return [sorted(line, key=order) for line in lines]


def _cut(line: list[Char], upright: bool, x_tolerance_em: float, y_tolerance: float) -> Iterator[list[Char]]:
    """One line's characters cut into words."""
    word: list[Char] = []
    for c in line:
        if c.text.isspace():
            if word:
                yield word
            word = []
        elif word and _begins_word(word[-1], c, upright, x_tolerance_em * word[-1].size, y_tolerance):
            yield word
            word = [c]
        else:
            word.append(c)
    if word:
        yield word


def _begins_word(prev: Char, cur: Char, upright: bool, x_tolerance: float, y_tolerance: float) -> bool:
    if upright:
        start, end, at, step, across, along = prev.x0, prev.x1, cur.x0, x_tolerance, prev.top - cur.top, y_tolerance
    else:  # top to bottom: the tolerances change places
        start, end, at, step, across, along = prev.top, prev.bottom, cur.top, y_tolerance, prev.x0 - cur.x0, x_tolerance
    return at < start or at > end + step or abs(across) > along
