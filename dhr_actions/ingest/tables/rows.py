"""Table rows: where a table's body ends, and its rows and cells.

Rows come from horizontal rules when the table has them, otherwise from the
whitespace between lines: a row ends at a gap wider than a cell's line
spacing where the next row's cells start together, or end or centre on one
line (cells set to the bottom or middle of their row). A short line that
ignores the columns is a section row; a rule that leaves a column out runs
under a merged cell.
"""

from __future__ import annotations

from itertools import combinations, pairwise
from statistics import median

from ...model.geometry import (
    REF_WORD,
    Line,
    Word,
    group_lines,
    horizontal_rules,
    vertical_extent,
    vertical_rules,
)
from ...model.table import Cell, Row
from ..pages.reading import PageText
from .celltext import cell_text
from .columns import ColumnBounds, cut_at_column_starts


class RowReader:
    """Reads the body of a table on one page's text."""

    def __init__(self, text: PageText) -> None:
        self.text = text
        self.s = text.settings

    def body_bottom(self, cols: ColumnBounds, top: float, below: list[Line]) -> float:
        """Where a table's body ends: where its rules stop (and the text run
        on past them), or where text stops keeping to its columns."""
        if cols.ruled:
            reach = max(vertical_extent(self.text.page.edges, x, top, self.s.rule_join_pt) for x in cols.bounds)
            if reach > top + 2:
                return self._run_on(cols, reach, below)
        rules = horizontal_rules(self.text.page.edges, cols.left, cols.right, self.s.row_rule_cover_share)
        bottom = top
        prev: Line | None = None
        for ln in sorted(below, key=lambda ln: ln.top):
            if ln.top < top - 1:
                continue
            crossing = self.crossing(cols, ln)
            gap = ln.top - (prev.bottom if prev else top)
            if crossing and (len(ln.words) > self.s.prose_line_words or gap > self.s.section_gap_em * ln.size):
                break
            ruled_between = prev is not None and any(prev.bottom <= y <= ln.top for y in rules)
            end_gap = max(self.s.table_end_gap_em * ln.size, self.s.table_end_gap_pt)
            if prev is not None and gap > end_gap and not ruled_between:
                break  # well below the last row: a footer or the text after the table
            if ln.x0 > cols.right or ln.x1 < cols.left:
                continue
            bottom = max(bottom, ln.bottom + 1)
            prev = ln
        return bottom

    def _run_on(self, cols: ColumnBounds, reach: float, below: list[Line]) -> float:
        """Where the last row's text ends when it runs on past the rules (a
        row printed shorter than its text, as Excel and HTML print fixed
        row heights): when a line is cut by the bottom rule, or the line
        under the rule goes on at line spacing in two or more columns at
        once (text after a table never keeps to its columns so), through
        the lines that follow at line spacing inside the columns."""
        lines = sorted(below, key=lambda ln: ln.top)
        after = [ln for ln in lines if ln.bottom > reach + 1]
        if not after:
            return reach
        first = after[0]
        last = max((ln.bottom for ln in lines if ln.bottom <= reach + 1), default=None)
        columns = {cols.index(w.xc) for w in first.words} - {None}
        follows = last is not None and first.top - last <= self.s.header_line_gap_em * first.size and len(columns) > 1
        if not (first.top < reach - 1 or follows):
            return reach
        bottom = reach
        for ln in after:
            inside = cols.left - 2 <= ln.x0 and ln.x1 <= cols.right + 2 and not self.crossing(cols, ln)
            if ln.top - bottom > self.s.header_line_gap_em * ln.size or not inside:
                break
            bottom = ln.bottom
        return bottom + 1

    def body_rows(self, cols: ColumnBounds, top: float, bottom: float) -> tuple[list[Row], float]:
        """The rows of a table's body between ``top`` and ``bottom``, and the
        confidence in them: the body's words cut into bands (at rules, else
        at whitespace), each band a section row or a body row, the body
        rows' words placed in their cells (merged cells under rules that
        leave a column out), and the cells' text read."""
        words = self._body_words(cols, top, bottom)
        if not words:
            return [], 0.0
        rules = horizontal_rules(self.text.page.edges, cols.left, cols.right, self.s.row_rule_cover_share)
        rules = [y for y in rules if top + 2 < y < bottom - 2]
        cuts = [top, *(rules or self._whitespace_cuts(cols, words)), bottom]
        rows, cell_words, straddling = self._banded(cols, words, cuts, rules, self._body_ruled(cols, top, bottom))
        self._fill_cells(cols, rows, cell_words, _text_edges(cols, words))
        rows = [r for r in rows if r.kind != "body" or not r.is_empty]
        confidence = 1.0 - straddling / len(words)
        if not cols.ruled:
            confidence *= self.s.unruled_confidence
        return rows, round(confidence, 3)

    def _body_words(self, cols: ColumnBounds, top: float, bottom: float) -> list[Word]:
        """The words between ``top`` and ``bottom`` inside the columns, a
        word run across a column's start cut there."""
        return cut_at_column_starts(
            [
                w
                for ln in self.text.lines
                for w in ln.words
                if top - 1 <= w.yc <= bottom + 1 and cols.left - 2 <= w.xc <= cols.right + 2
            ],
            cols.starts,
            self.s.letter_at_start_pt,
        )

    def _body_ruled(self, cols: ColumnBounds, top: float, bottom: float) -> bool:
        """Do the columns' rules run down the body? Vertical rules in the
        header need not (shaded header cells, horizontal rules only below)."""
        body_inner = vertical_rules(self.text.page.edges, top + 1, bottom - 1, self.s.body_rule_cover_share)
        return cols.ruled and any(abs(v - b) <= 2 for v in body_inner for b in cols.bounds[1:-1])

    def _banded(
        self, cols: ColumnBounds, words: list[Word], cuts: list[float], rules: list[float], body_ruled: bool
    ) -> tuple[list[Row], list[list[list[Word]]], int]:
        """A row per band between two cuts (bands without words left out):
        a section row, or a body row with its words per column (still to be
        read into cells); and how many words straddle a column boundary."""
        # A rule that leaves a column out runs under a merged cell: text
        # below it in that column still belongs to the cell above.
        opens = self._columns_under_rules(cols, rules)
        rows: list[Row] = []
        cell_words: list[list[list[Word]]] = []  # per row, per column
        straddling = 0
        for a, b in pairwise(cuts):
            band = [w for w in words if a <= w.yc < b]
            if not band:
                continue
            bbox = (cols.left, a, cols.right, b)
            if self._is_section_band(cols, band, a, b, body_ruled):
                text = cell_text(band, self.s.paragraph_gap_em).replace("\n", " ")
                rows.append(Row("section", [Cell(text, bbox)] + [None] * (len(cols) - 1), bbox))
                cell_words.append([])
                continue
            straddling += sum(1 for w in band if cols.crosses(w, self.s.boundary_slack_pt))
            per_column = cols.per_column(band)
            above = cell_words[-1] if cell_words and rows and rows[-1].kind == "body" else None
            for i, inside in enumerate(per_column):
                if above is not None and a in opens and i not in opens[a] and inside:
                    above[i].extend(inside)
                    per_column[i] = []
            cell_words.append(per_column)
            rows.append(Row("body", [None] * len(cols), bbox))
        return rows, cell_words, straddling

    def _fill_cells(
        self, cols: ColumnBounds, rows: list[Row], cell_words: list[list[list[Word]]], edges: list[float | None]
    ) -> None:
        """Each body row's cells read from their words (``cell_text``)."""
        for row, per_column in zip(rows, cell_words, strict=True):
            if row.kind != "body":
                continue
            _x0, a, _x1, b = row.bbox or (0, 0, 0, 0)
            row.cells = [
                Cell(
                    cell_text(inside, self.s.paragraph_gap_em, edges[i], self.text.printed),
                    (cols.bounds[i], a, cols.bounds[i + 1], b),
                    words=sum(1 for w in inside if w.confidence is not None),
                    doubtful=tuple(w.text for w in inside if w.doubtful),
                )
                for i, inside in enumerate(per_column)
            ]

    def _columns_under_rules(self, cols: ColumnBounds, ys: list[float]) -> dict[float, set[int]]:
        """For each horizontal rule at y, the columns it separates."""
        per_column = [
            horizontal_rules(
                self.text.page.edges, cols.bounds[i] + 1, cols.bounds[i + 1] - 1, self.s.header_rule_cover_share
            )
            for i in range(len(cols))
        ]
        return {y: {i for i, found in enumerate(per_column) if any(abs(r - y) <= 1.5 for r in found)} for y in ys}

    def crossing(self, cols: ColumnBounds, line: Line) -> bool:
        """Does the line ignore the columns? Table rows leave a gap at every
        boundary; prose and full-width titles run across them. In a tightly
        set row one phrase may touch its neighbour, so the crossing phrases
        must make up most of the line."""
        segments = line.segments(self.text.gap)
        across = sum(seg.x1 - seg.x0 for seg in segments if cols.crosses(seg, self.s.boundary_slack_pt))
        return across > self.s.crossing_share * (line.x1 - line.x0)

    def _is_section_band(
        self, cols: ColumnBounds, band: list[Word], top: float, bottom: float, body_ruled: bool
    ) -> bool:
        """A full-width row: short text that ignores the columns. In a ruled
        table the inner rules stop above and below it."""
        lines = group_lines(band, self.s.line_tolerance_em)
        if len(lines) > self.s.section_max_lines or sum(len(ln.words) for ln in lines) > self.s.section_max_words:
            return False
        if body_ruled:
            inner = vertical_rules(self.text.page.edges, top + 1, bottom - 1, self.s.section_rule_cover_share)
            crossed = [b for b in cols.bounds[1:-1] if any(abs(v - b) <= 2 for v in inner)]
            if crossed:
                return False
            # No inner rule crosses the band: one merged cell, whether its
            # text reaches past the first column or not.
            return len(cols) > 2 and any(
                cols.crosses(w, self.s.boundary_slack_pt) or cols.index(w.xc) == 0 for w in band
            )
        if any(self.crossing(cols, ln) for ln in lines):
            return True
        # Unruled: a short bold phrase opening in the first column reads as a
        # title, alone in it or running on past it (where its words happen
        # to leave a space at the column's edge).
        short_bold = all(w.bold for w in band) and len(band) <= self.s.section_bold_words
        one_phrase = len(lines) == 1 and len(lines[0].segments(self.text.gap)) == 1
        opens_first = cols.index(min(band, key=lambda w: w.x0).xc) == 0
        return short_bold and opens_first and (one_phrase or all(cols.index(w.xc) == 0 for w in band))

    def _whitespace_cuts(self, cols: ColumnBounds, words: list[Word]) -> list[float]:
        """Row boundaries of a table without horizontal rules.

        A row ends where the space between two lines is wider than the
        table's usual line spacing, across every column, and the next row starts at
        that band: its cells begin together, so text starts in two or more
        columns at once (or in one, when it opens with a reference). A
        paragraph break inside one cell starts text in that cell only.
        """
        lines = group_lines(words, self.s.line_tolerance_em)
        if len(lines) < 2:
            return []
        size = median(ln.size for ln in lines)
        # Spacing is measured baseline to baseline (line bottoms): glyph
        # boxes vary with the font (a fallback font's tall box touches the
        # line above), baselines keep the line pitch.
        # Line pitch within each column: cells set to their middle or bottom
        # interleave their lines with the next column's. A column of
        # one-line cells steps a row at a time: only pitches a paragraph's
        # lines can have count.
        pitches = []
        for in_column in cols.per_column(words):
            own = group_lines(in_column, self.s.line_tolerance_em)
            pitches += [_pitch(a, b) for a, b in pairwise(own)]
        pitches = [p for p in pitches if p <= self.s.max_line_pitch_em * size]
        usual = median(pitches or [_pitch(a, b) for a, b in pairwise(lines)])
        leading = max(usual - median(ln.bottom - ln.top for ln in lines), 0.0)
        threshold = usual + max(self.s.row_gap_extra_em * size, (self.s.row_gap_factor - 1) * leading)
        gaps = [n for n in range(1, len(lines)) if _pitch(lines[n - 1], lines[n]) > threshold]
        cuts = self._around_headings(cols, lines)
        cuts += self._cells_begun_together(cols, lines, usual + self.s.row_gap_soft_em * size)
        for k, n in enumerate(gaps):
            ln = lines[n]
            starts = {cols.index(w.xc) for w in ln.words} - {None}
            block = lines[n : gaps[k + 1] if k + 1 < len(gaps) else len(lines)]
            if len(starts) >= 2 or REF_WORD.match(ln.words[0].text) or self._cells_aligned(cols, block, size):
                cuts.append((lines[n - 1].bottom + ln.top) / 2)
        cuts = sorted(set(cuts))
        return sorted(cuts + _numbered_rows(cols, lines, cuts))

    def _cells_begun_together(self, cols: ColumnBounds, lines: list[Line], soft: float) -> list[float]:
        """Cuts above each line where two or more columns begin text
        together, level, each after a gap (wider than ``soft``) in its own
        column: the tops of a row's cells, which Word sets level, however
        little the rows are spaced apart. A paragraph gap inside one cell
        begins text in that cell alone; a paragraph of one cell that happens
        to start beside another cell's running text is not level with it."""
        line_of = {id(w): n for n, ln in enumerate(lines) for w in ln.words}
        # Per column: its own lines, and which of them has words on each of
        # the table's lines.
        own = []
        for in_column in cols.per_column(w for ln in lines for w in ln.words):
            col_lines = group_lines(in_column, self.s.line_tolerance_em)
            on: dict[int, int] = {}
            for j, ln in enumerate(col_lines):
                for w in ln.words:
                    on.setdefault(line_of[id(w)], j)
            own.append((col_lines, on))
        level = (self.s.row_top_level_scan_em if self.text.page.ocr else self.s.row_top_level_em) * median(
            ln.size for ln in lines
        )
        cuts = []
        for n in range(1, len(lines)):
            if _pitch(lines[n - 1], lines[n]) <= soft:
                continue
            begun = []
            for col_lines, on in own:
                k = on.get(n)
                if k is None:
                    continue
                if k > 0 and _pitch(col_lines[k - 1], col_lines[k]) <= soft:
                    break  # this column's text runs on through the gap
                begun.append(_level_of(col_lines[k]))
            else:
                if len(begun) >= 2 and max(begun) - min(begun) <= level:
                    cuts.append((lines[n - 1].bottom + lines[n].top) / 2)
        return cuts

    def _around_headings(self, cols: ColumnBounds, lines: list[Line]) -> list[float]:
        """Cuts above and below each short line that runs across the columns
        (an agency heading between rows): it is a row of its own however
        little space sets it off (cells set to the bottom of their rows
        leave none above it)."""
        cuts: list[float] = []
        for n, ln in enumerate(lines):
            if len(ln.words) > self.s.section_max_words or not self.crossing(cols, ln):
                continue
            if n > 0:
                cuts.append((lines[n - 1].bottom + ln.top) / 2)
            if n + 1 < len(lines):
                cuts.append((ln.bottom + lines[n + 1].top) / 2)
        return cuts

    def _cells_aligned(self, cols: ColumnBounds, block: list[Line], size: float) -> bool:
        """Do two or more cells of the text between two gaps end on one line
        or centre on one line? Cells set to the bottom of their row (Excel's
        default) or to its middle (HTML's) start wherever their length puts
        them; a paragraph break inside one cell leaves one cell's text."""
        spans: dict[int, tuple[float, float]] = {}
        for ln in block:
            for w in ln.words:
                col = cols.index(w.xc)
                if col is not None:
                    top, bottom = spans.get(col, (w.top, w.bottom))
                    spans[col] = (min(top, w.top), max(bottom, w.bottom))
        tolerance = self.s.cell_align_em * size
        for (a0, a1), (b0, b1) in combinations(spans.values(), 2):
            if abs(a1 - b1) <= tolerance or abs((a0 + a1) / 2 - (b0 + b1) / 2) <= tolerance:
                return True
        return False


def _numbered_rows(cols: ColumnBounds, lines: list[Line], cuts: list[float]) -> list[float]:
    """Cuts between rows the space between lines did not part: a band
    whose first column holds two references in turn ("3", then "4"), each
    alone on its line, holds two rows (a sheet's tight rows, no gridlines,
    whose spacing a scan makes uneven). Only where the other rows open
    with their reference, so that the cut goes above the second; a list
    inside a cell numbers items with text beside them."""
    bands: list[list[tuple[int, Line]]] = [[] for _ in range(len(cuts) + 1)]
    for ln in lines:
        first = [w for w in ln.words if cols.index(w.xc) == 0]
        number = _plain_number(first[0].text) if len(first) == 1 else None
        bands[sum(1 for c in cuts if c < (ln.top + ln.bottom) / 2)].append((-1 if number is None else number, ln))
    numbered = [[(k, ln) for k, ln in band if k >= 0] for band in bands]
    single = [band for band, refs in zip(bands, numbered, strict=True) if len(refs) == 1]
    if not single or sum(1 for band in single if band[0][0] >= 0) * 2 <= len(single):
        return []  # references not at the tops of their rows
    out = []
    for band, refs in zip(bands, numbered, strict=True):
        for (a, _), (b, ln) in pairwise(refs):
            if b == a + 1:
                above = [other for _, other in band if other.bottom <= ln.top]
                if above:
                    out.append((max(o.bottom for o in above) + ln.top) / 2)
    return out


def _plain_number(text: str) -> int | None:
    """A reference that is a whole number alone ("4", "4."), else None."""
    core = text.rstrip(".)")
    return int(core) if core.isdigit() and len(core) <= 3 else None


def _level_of(line: Line) -> float:
    """Where a cell's first line stands, to compare with its neighbours':
    its baseline (bottom) for PDF text; for OCR words, whose boxes drop with
    their descenders, its top, which a cell's first line, opening with a
    capital or a number, sets at the capitals' height."""
    if line.words and line.words[0].confidence is not None:
        return line.top
    return line.bottom


def _pitch(a: Line, b: Line) -> float:
    """From line ``a`` to line ``b`` below it: baseline to baseline (line
    bottoms) for PDF text; for OCR words, whose boxes hug the ink (a line's
    bottom drops with its descenders, its top rises with its capitals), the
    mean of the steps of the words' usual tops and bottoms."""
    if a.words and b.words and a.words[0].confidence is not None and b.words[0].confidence is not None:
        # The lines' middle words, not their extremes: one word boxed with
        # a speck or a rule's stub would shift a whole line.
        tops = median(w.top for w in b.words) - median(w.top for w in a.words)
        bottoms = median(w.bottom for w in b.words) - median(w.bottom for w in a.words)
        return (tops + bottoms) / 2
    # To the hundredth of a point: PDF engines differ in the last bits
    # (PDFium places glyphs in single precision, pdfminer in double), and a
    # pitch equal to the usual one must compare equal whichever read it.
    return round(b.bottom - a.bottom, 2)


def _text_edges(cols: ColumnBounds, words: list[Word]) -> list[float | None]:
    """Each column's text edge: where its widest lines end (a word broken
    for want of width fills its line to there); None for an empty column."""
    edges: list[float | None] = [None] * len(cols)
    for w in words:
        col = cols.index(w.xc)
        if col is not None:
            edge = edges[col]
            edges[col] = w.x1 if edge is None else max(edge, w.x1)
    return edges
