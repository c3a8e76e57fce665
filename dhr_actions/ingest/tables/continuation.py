"""A page with no header that a table runs on to: the previous page's
columns laid over its top (moved across to where a scanned sheet has them),
kept while its text keeps to them; a ruled table's rest starts where its
rules do."""

from __future__ import annotations

from dataclasses import replace

from ...model.geometry import Line, Word, horizontal_rules, vertical_rules
from ...model.settings import DEFAULT_SETTINGS, LayoutSettings
from ...model.table import Table
from ..pages.reading import PageContent
from .columns import ColumnBounds, valley
from .rows import RowReader


class ContinuationReader:
    """Reads the rest of a table at the top of one page."""

    def __init__(
        self,
        page: PageContent,
        lines: list[Line],
        rows: RowReader,
        extractor: str,
        settings: LayoutSettings = DEFAULT_SETTINGS,
    ) -> None:
        self.page = page
        self.lines = lines
        self.rows = rows
        self.extractor = extractor
        self.s = settings

    def _inside(self, cols: ColumnBounds, words: list[Word]) -> int:
        """How many of ``words`` keep to the columns."""
        return sum(
            1
            for w in words
            if cols.left - 2 <= w.x0 and w.x1 <= cols.right + 2 and not cols.crosses(w, self.s.boundary_slack_pt)
        )

    def _laid_over_scan(self, cols: ColumnBounds, words: list[Word], first: Line) -> ColumnBounds:
        """The previous page's columns moved across to where this scanned
        page has them: a scanner's feeder places each sheet a few points
        off the last. The shift is the one that meets the most of this
        page's vertical rules (ruled tables) or keeps the most words inside
        the columns (unruled), if it does better than none."""
        reach = self.s.scan_shift_max_pt
        if cols.ruled:
            vx = vertical_rules(self.page.edges, first.top, first.bottom, self.s.column_rule_cover_share)
            slack = self.s.continuation_rule_slack_pt

            def met(dx: float) -> int:
                return sum(1 for b in cols.bounds if any(abs(v - b - dx) <= slack for v in vx))

            shifts = [v - b for v in vx for b in cols.bounds if abs(v - b) <= reach]
        else:

            def met(dx: float) -> int:
                return self._inside(cols.shifted(dx), words)

            shifts = [float(dx) for dx in range(-int(reach), int(reach) + 1)]
        best = max(shifts, key=lambda dx: (met(dx), -abs(dx)), default=0.0)
        return cols.shifted(best) if met(best) > met(0.0) else cols

    def _between_rules(self, cols: ColumnBounds, line: Line) -> bool:
        """Do vertical rules run past ``line`` at every bound of ``cols``?"""
        vx = vertical_rules(self.page.edges, line.top, line.bottom, self.s.column_rule_cover_share)
        slack = self.s.continuation_rule_slack_pt
        return all(any(abs(v - b) <= slack for v in vx) for b in cols.bounds)

    def _first_between_rules(
        self, cols: ColumnBounds, lines: list[Line], words: list[Word]
    ) -> tuple[int, ColumnBounds] | None:
        """The first of the top few ``lines`` that the rules of ``cols``
        run past, and the columns laid over it (on a scan, where its rules
        are); None when none is."""
        for n, ln in enumerate(lines[: self.s.continuation_skip_lines + 1]):
            laid = self._laid_over_scan(cols, words, ln) if self.page.ocr else cols
            if self._between_rules(laid, ln):
                return n, laid
        return None

    def read(self, cols: ColumnBounds, stop: float) -> tuple[Table, ColumnBounds] | None:
        """Lay the previous page's columns over the top of this page."""
        lines = [ln for ln in self.lines if ln.bottom <= stop and ln.x1 > cols.left and ln.x0 < cols.right]
        # The table's rest ends where text stops keeping to its columns.
        for n, ln in enumerate(lines):
            if not cols.ruled and self.rows.crossing(cols, ln) and len(ln.words) > self.s.prose_line_words:
                lines = lines[:n]
                break
        if not lines:
            return None
        words = [w for ln in lines for w in ln.words]
        if cols.ruled:
            # The table's rest starts at the first line its rules meet (laid
            # over a scan where that line's rules are): a speck OCR read as
            # a word above them is not its text.
            met = self._first_between_rules(cols, lines, words)
            if met is None:
                return None
            first, cols = met
            lines = lines[first:]
            words = [w for ln in lines for w in ln.words]
        else:
            if self.page.ocr:
                cols = self._laid_over_scan(cols, words, lines[0])
            cols = _fitted_to_page(cols, words)
        if self._inside(cols, words) < self.s.continuation_inside_share * len(words):
            return None
        top = lines[0].top - 1
        if cols.ruled:
            rules = horizontal_rules(self.page.edges, cols.left, cols.right, self.s.row_rule_cover_share)
            above = [y for y in rules if y <= lines[0].top + 1]
            if above:
                top = max(above)
        body_bottom = self.rows.body_bottom(cols, top, [ln for ln in self.lines if ln.top >= top and ln.bottom <= stop])
        body, confidence = self.rows.body_rows(cols, top, body_bottom)
        if not body:
            return None
        table = Table(
            self.page.number,
            (cols.left, top, cols.right, body_bottom),
            body,
            self.extractor,
            confidence * self.s.continuation_confidence,
            continued=True,
            ocr=self.page.ocr,
        )
        table.notes.append("no header on this page: columns of the previous page's table")
        return table, cols


def _fitted_to_page(cols: ColumnBounds, words: list[Word]) -> ColumnBounds:
    """An unruled table's columns laid over a page it runs on to. Its edges
    are where the text ended on the pages measured, not lines: text of the
    first or last column that reaches further here (a longer line of the
    same cell) stays in its column, and each inner bound moves, in this
    page's whitespace, as near as it can to where the next column's text
    starts (its label's start), so that a longer line of the column before
    keeps its last words."""
    first = [w.x0 for w in words if w.x0 < cols.left and w.x1 <= cols.bounds[1]]
    last = [w.x1 for w in words if w.x1 > cols.right and w.x0 >= cols.bounds[-2]]
    bounds = list(cols.bounds)
    if first:
        bounds[0] = min([bounds[0], *first]) - 1
    if last:
        bounds[-1] = max([bounds[-1], *last]) + 1
    if cols.starts:
        for i in range(1, len(bounds) - 1):
            start = cols.starts[i]
            if bounds[i - 1] < bounds[i] < start < bounds[i + 1]:
                bounds[i] = valley(words, bounds[i], start)
    return cols if bounds == cols.bounds else replace(cols, bounds=bounds)
