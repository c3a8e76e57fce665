"""Column bounds of a table, and the whitespace evidence that places them.

A ruled table's columns are its vertical rules. Without rules, columns come
from the header's phrases; a phrase is split where a whitespace *river* runs
down the body between two of its words (labels printed tight), and each
boundary is set in the body's whitespace *valley* between two columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import pairwise

from ...model.geometry import REF_WORD, Line, Word, group_lines
from ...model.settings import LayoutSettings


@dataclass
class ColumnBounds:
    """Column boundaries of one table: ``bounds[i]..bounds[i+1]`` is column i."""

    bounds: list[float]
    ruled: bool  # vertical rules drew them
    # Where each column's text starts, when its header label placed it.
    starts: list[float] | None = None

    @property
    def left(self) -> float:
        return self.bounds[0]

    @property
    def right(self) -> float:
        return self.bounds[-1]

    def __len__(self) -> int:
        return len(self.bounds) - 1

    def shifted(self, dx: float) -> ColumnBounds:
        """The same columns moved ``dx`` points across."""
        if not dx:
            return self
        starts = [s + dx for s in self.starts] if self.starts is not None else None
        return ColumnBounds([b + dx for b in self.bounds], self.ruled, starts)

    def index(self, x: float) -> int | None:
        for i in range(len(self)):
            if self.bounds[i] <= x < self.bounds[i + 1]:
                return i
        return None

    def per_column(self, words: Iterable[Word]) -> list[list[Word]]:
        """Each column's words (by their middles), in the order given; one
        look-up a word, not one a word and column."""
        out: list[list[Word]] = [[] for _ in range(len(self))]
        for w in words:
            i = self.index(w.xc)
            if i is not None:
                out[i].append(w)
        return out

    def crosses(self, span: Line | Word, slack: float = 2.0) -> bool:
        """Does a phrase or word run across an inner boundary by more than
        ``slack``?

        A phrase may span a boundary without crossing it: the text of two
        cells printed tight ("write an|Safety Partnership") is one phrase
        with no wider gap than a space. Between rules it keeps to the columns
        when its words leave a gap at the rule; between columns placed from
        text, when the word after the gap starts where that column's text
        starts."""
        for i, b in enumerate(self.bounds[1:-1], start=1):
            if not (span.x0 < b - slack and span.x1 > b + slack):
                continue
            if not isinstance(span, Line):
                return True
            if any(w.x0 < b - slack and w.x1 > b + slack for w in span.words):
                return True
            if not self.ruled:
                after = min((w.x0 for w in span.words if w.x0 >= b - slack), default=None)
                if self.starts is None or after is None or abs(after - self.starts[i]) > slack:
                    return True
        return False


def valley(words: list[Word], a: float, b: float) -> float:
    """The x between a and b crossed by the fewest words, nearest b. A word
    that only touches x (the text of a cell printed tight against the next
    column) does not cross it."""
    if b <= a:
        return (a + b) / 2
    best_x, best_n = b - 1, None
    steps = max(int(b - a), 1)
    for k in range(steps + 1):
        x = b - 0.5 - k * (b - a - 0.5) / steps
        n = sum(1 for w in words if w.x0 < x - 0.5 and x + 0.5 < w.x1)
        if best_n is None or n < best_n:
            best_x, best_n = x, n
        if n == 0:
            break
    return best_x


def rivers(lines: list[Line], settings: LayoutSettings) -> list[tuple[float, float]]:
    """x intervals that the body's text lines leave empty, top to bottom
    (a line or two may cross: an overlong word, a stray footnote mark)."""
    if len(lines) < settings.min_river_lines:
        return []  # a short body leaves whole columns empty: no evidence
    x0 = int(min(ln.x0 for ln in lines))
    x1 = int(max(ln.x1 for ln in lines)) + 1
    cover = [0] * (x1 - x0 + 1)
    for ln in lines:
        for w in ln.words:
            for x in range(max(int(w.x0) - x0, 0), min(int(w.x1) - x0 + 1, len(cover))):
                cover[x] += 1
    allowed = len(lines) // settings.river_cross_per_lines
    out: list[tuple[float, float]] = []
    start: int | None = None
    for i, c in enumerate([*cover, allowed + 1]):
        if c <= allowed and start is None:
            start = i
        elif c > allowed and start is not None:
            if i - start >= settings.min_river_width_pt:
                out.append((x0 + start, x0 + i - 1))
            start = None
    return out


def split_at_rivers(
    group: list[Word],
    rivers: list[tuple[float, float]],
    lines: list[Line],
    settings: LayoutSettings,
    limit: float = float("inf"),
) -> list[tuple[float, float]]:
    """The column spans under one header label: the label's own span, cut
    where a body river runs under it with text on both sides in several body
    lines. The river may pass between two words of the label (two columns
    printed with tight labels, "Recommendation Scope"; not before a word in
    lower case, "Scope of recommendation") or under a word (one
    label spilling over two columns, "Recommendation" printed over the
    number column and the text column beside it, whose own header cell is
    empty). ``limit`` is where the next label starts: the body under this
    one may reach right of the label (a label printed over the number
    column only)."""
    g0, g1 = min(w.x0 for w in group), max(w.x1 for w in group)
    # Not before a word in lower case: the label's phrase goes on there
    # ("Scope | of recommendation" over a column of "County wide").
    gaps = [(a.x1, b.x0) for line in group_lines(group) for a, b in pairwise(line.words) if not b.text[:1].islower()]
    cuts: list[tuple[float, float]] = []
    for r0, r1 in rivers:
        if r1 <= g0 or r0 >= g1:
            continue
        between = [(max(a, r0), min(b, r1)) for a, b in gaps if min(b, r1) >= max(a, r0)]
        if between:
            lo, hi = between[0]  # between two words: the columns meet in that gap
        elif g0 < r0 and r1 < g1 and r1 - r0 >= settings.min_spill_river_pt:
            lo, hi = r0, r1  # under a word: the label spills over the river
        else:
            continue
        x = (lo + hi) / 2
        both = sum(1 for ln in lines if any(g0 <= w.xc < x for w in ln.words) and any(x < w.xc <= g1 for w in ln.words))
        if both >= settings.min_river_sides:
            cuts.append((lo, hi))
    hanging = _hanging_refs(g0, limit, lines, settings)
    if hanging is not None and not any(lo <= hanging <= hi for lo, hi in cuts):
        cuts.append((hanging, hanging))
    spans, start = [], g0
    for lo, hi in sorted(cuts):
        spans.append((start, lo))
        start = hi
    spans.append((start, max(start, g1)))
    return spans


def _hanging_refs(g0: float, g1: float, lines: list[Line], settings: LayoutSettings) -> float | None:
    """Where a column of references ends when its references hang left of
    the text beside them, too close for a river (Excel right-aligns numbers
    against the next cell's text): lines under the label open with a
    reference that ends where the other lines under it begin."""
    under = [[w for w in ln.words if g0 <= w.xc < g1] for ln in lines]
    under = [ws for ws in under if ws]
    others = [ws[0].x0 for ws in under if not REF_WORD.match(ws[0].text)]
    if not others:
        return None
    # A line of the text that happens to open with a number ("12 months")
    # starts where the text does: only numbers left of it hang.
    text_starts = min(others)
    refs = [ws for ws in under if REF_WORD.match(ws[0].text) and ws[0].x0 < text_starts - 1]
    if len(refs) < settings.min_river_sides or len(others) < settings.min_river_sides:
        return None
    # The text after a reference on its line, or (a reference on a line of
    # its own, its row set to the middle) where the other lines start.
    text_left = min([ws[1].x0 for ws in refs if len(ws) > 1] or [text_starts])
    ends = max(ws[0].x1 for ws in refs)
    # The other lines start with the text after the references, never left
    # of it; and the references end before it.
    if ends > text_left or text_starts < text_left - 1:
        return None
    return (ends + text_left) / 2


def cut_at_column_starts(words: list[Word], starts: list[float] | None, tolerance: float) -> list[Word]:
    """Words run together from two cells printed tight, with no space
    between (an HTML table without cell padding: a lead "Safer Communities"
    running on into "Terms of reference" beside it), cut at the letter that
    starts where a column's text ``starts``; a word of the language is one
    word, whatever it runs across."""
    if not starts:
        return words
    return [part for w in words for part in _cut(w, starts[1:], tolerance)]


def _cut(word: Word, starts: list[float], tolerance: float) -> list[Word]:
    from ...language.lexicon import is_word

    for start in starts:
        if not (word.x0 < start - tolerance and word.x1 > start + tolerance):
            continue
        core = word.text.strip(".,;:()'\"‘’“”")
        if core.isalpha() and is_word(core):
            return [word]  # one word ("Recommendations", "EDUCATION") a heading runs across a column's start
        for at, x in word.letters:
            # Both parts whole words or more: a lone letter past the edge is
            # a word running across it (a heading), not two cells' text.
            if abs(x - start) <= tolerance and 2 <= at <= len(word.text) - 2:
                left = replace(word, text=word.text[:at], x1=x, letters=tuple(p for p in word.letters if p[0] < at))
                right = replace(
                    word, text=word.text[at:], x0=x, letters=tuple((a - at, px) for a, px in word.letters if a > at)
                )
                return [left, *_cut(right, starts, tolerance)]
    return [word]
