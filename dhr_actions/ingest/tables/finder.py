"""The table finder: action-plan tables from a page's words and rules.

Works the way a reader does, one concept per module:

- ``pages/furniture``: running headers and footers (text recurring at one place
  in the page margins, page numbers) are removed first;
- ``headers``: a table starts at a header line whose phrases name
  action-plan columns (see ``language/vocabulary``);
- ``columns``: columns come from the vertical rules crossing the header when
  the table has them, otherwise from the header's labels, with each boundary
  set in the whitespace valley of the body text below;
- ``rows``: rows come from horizontal rules, otherwise from vertical
  whitespace; a line crossing the columns is a full-width section row;
- ``titles``: a short heading resting on the header is the section of its
  rows, the document's title block never is;
- ``continuation``: a page with no header whose text lines up with the
  previous page's columns continues that table.

This module ties them together page by page.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import pairwise
from typing import Any

from ...language.vocabulary import PROTECTIVE_MARKING
from ...model.geometry import Line, Word, cluster_values, vertical_extent, vertical_rules
from ...model.settings import DEFAULT_SETTINGS, LayoutSettings
from ...model.table import BBox, Cell, Row, Table
from ..pages.furniture import Furniture, is_furniture, running_furniture
from ..pages.reading import PageContent, PageText, phrase_gap
from .celltext import printed_words
from .columns import ColumnBounds, cut_at_column_starts, rivers, split_at_rivers, valley
from .continuation import ContinuationReader
from .headers import Header, HeaderReader
from .rows import RowReader
from .titles import title_above


@dataclass
class PageFindings:
    """What the finder saw on one page: its tables, and the lines it removed
    as page furniture (for ``dhr debug``)."""

    page: PageContent
    tables: list[Table]
    furniture: list[Line]
    lines: list[Line]  # the page's lines without its furniture
    gap: float  # the widest space inside one phrase on this page


def tables_from_pages(
    pages: Sequence[PageContent], extractor: str, settings: LayoutSettings = DEFAULT_SETTINGS
) -> list[Table]:
    """Find the tables of a whole document, page by page."""
    return [t for found in find_tables(pages, extractor, settings) for t in found.tables]


def find_tables(
    pages: Sequence[PageContent],
    extractor: str,
    settings: LayoutSettings = DEFAULT_SETTINGS,
    document: Sequence[PageContent] | None = None,
) -> list[PageFindings]:
    """The tables of every page, and what was taken for furniture.

    Column evidence from the body text (whitespace rivers) is pooled over
    every page under the same header first: a table keeps its layout from
    page to page, and one page may hold a single short row.

    ``pages`` may be some of a document's pages (those ``triage`` kept):
    ``document`` then holds every page, the others read cheaply, for the
    furniture recurring over the whole document; a table ends at a page
    left out that holds text, as it ends at a page of prose.
    """
    document = document or pages
    furniture = running_furniture(document, settings)
    with_text = {page.number for page in document if page.words}
    printed = printed_words(w for page in document for w in page.words)
    finders = [PageTableFinder(page, furniture, extractor, settings, printed) for page in pages]
    pool: dict[tuple[str, int], list[Line]] = {}
    read_from_pool: dict[tuple[object, ...], Any] = {}
    for finder in finders:
        for key, lines in finder.body_samples():
            pool.setdefault(key, []).extend(lines)
    out: list[PageFindings] = []
    previous: ColumnBounds | None = None
    last = None
    for finder in finders:
        number = finder.page.number
        if last is not None and any(n in with_text for n in range(last + 1, number)):
            previous = None  # pages between, left out, that are not blank
        last = number
        finder.evidence = pool
        finder.read_from_evidence = read_from_pool
        found = finder.find(previous)
        out.append(PageFindings(finder.page, [t for t, _ in found], finder.furniture, finder.lines, finder.seg_gap))
        if found:
            previous = found[-1][1]
        elif finder.has_body_text():
            previous = None
    return out


class PageTableFinder:
    """The table finder for one page."""

    def __init__(
        self,
        page: PageContent,
        furniture: Furniture,
        extractor: str,
        settings: LayoutSettings = DEFAULT_SETTINGS,
        printed: frozenset[str] = frozenset(),
    ) -> None:
        self.page = page
        self.extractor = extractor
        self.s = settings
        self.size = page.font_size
        self.seg_gap = phrase_gap(page, settings)
        self.headers = HeaderReader(PageText(page, page.lines, self.seg_gap, settings)).headers()
        # Body lines pooled over the document, per header (see find_tables),
        # and what was read from them: the same for every page under the
        # header, read once (rivers; a label's column spans, by its shape).
        self.evidence: dict[tuple[str, int], list[Line]] = {}
        self.read_from_evidence: dict[tuple[object, ...], Any] = {}
        # Why lines resting on each header were or were not taken as its
        # section (by header top), for `dhr show --explain`.
        self.title_notes: dict[float, str] = {}
        # Headers and the titles resting on them repeat on every page of a
        # long table: they are never furniture, however often they recur
        # (a protective marking above the header is no title).
        kept = [(h.top - settings.header_title_reach_em * self.size, h.bottom) for h in self.headers]
        self.lines: list[Line] = []
        self.furniture: list[Line] = []
        for ln in page.lines:
            keep = any(a <= ln.top and ln.bottom <= b + 1 for a, b in kept) and not PROTECTIVE_MARKING.match(ln.text)
            if not keep and is_furniture(ln, page, furniture, self.seg_gap, settings):
                self.furniture.append(ln)
            else:
                self.lines.append(ln)
        text = PageText(page, self.lines, self.seg_gap, settings, printed)
        self.header_reader = HeaderReader(text)
        self.rows = RowReader(text)

    def header_key(self, header: Header) -> tuple[str, int]:
        text = " ".join(ln.text for ln in header.lines).lower()
        return re.sub(r"[^a-z]", "", text), round(min(ln.x0 for ln in header.lines) / 4)

    def _below(self, n: int) -> list[Line]:
        header = self.headers[n]
        nxt = self.headers[n + 1].top if n + 1 < len(self.headers) else float("inf")
        return [ln for ln in self.lines if ln.top >= header.bottom - 1 and ln.bottom <= nxt]

    def body_samples(self) -> list[tuple[tuple[str, int], list[Line]]]:
        """Lines under each header that look like table rows (split into
        phrases, or narrow): the evidence pooled for finding columns."""
        out = []
        for n, header in enumerate(self.headers):
            width = max(ln.x1 for ln in header.lines) - min(ln.x0 for ln in header.lines)
            rows = [
                ln
                for ln in self._below(n)[: self.s.max_sample_lines]
                if len(ln.segments(self.seg_gap)) >= 2 or ln.x1 - ln.x0 < self.s.narrow_line_share * width
            ]
            out.append((self.header_key(header), rows))
        return out

    def has_body_text(self) -> bool:
        return bool(self.lines)

    # -- columns ---------------------------------------------------------
    def _title_above(self, header: Header, cols: ColumnBounds) -> Row | None:
        title, note = title_above(self.header_reader.text, header, cols, self.header_reader.is_header_line)
        if note:
            self.title_notes[header.top] = note
        return title

    def _columns_from_header(self, header: Header, body_lines: list[Line]) -> ColumnBounds:
        vx = vertical_rules(self.page.edges, header.top + 1, header.bottom - 1, self.s.column_rule_cover_share)
        if len(vx) >= self.s.min_column_rules:
            bounds = cluster_values(vx + self._sub_column_rules(header, vx), self.s.rule_merge_pt)
            bounds = _without_paper_edges(bounds, [*header.lines, *body_lines], self.page.width, self.s)
            return ColumnBounds(_with_cut_off_edges(bounds, header, body_lines), ruled=True)
        return self._columns_from_text(header, body_lines)

    def _sub_column_rules(self, header: Header, vx: list[float]) -> list[float]:
        """Rules that part the columns under a group label ("Monitoring"
        over "Target date" | "Date completed"): they cross the header's
        last line, not its whole band, and run on down the body."""
        last = header.lines[-1]
        lower = vertical_rules(self.page.edges, last.top, header.bottom - 1, self.s.column_rule_cover_share)
        return [
            x
            for x in lower
            if all(abs(x - v) > self.s.rule_merge_pt for v in vx)
            and vertical_extent(self.page.edges, x, header.bottom - 1) > header.bottom + 2 * last.size
        ]

    def _columns_from_text(self, header: Header, body_lines: list[Line]) -> ColumnBounds:
        """Columns of a table without vertical rules: one per header phrase
        (phrases stacked on several header lines join), split where a
        whitespace river running down the body passes between two words of
        one phrase ("Recommendation Scope" printed tight), with each
        boundary in the body's whitespace valley between neighbours."""
        groups = self.header_reader.split_named(self.header_reader.label_groups(header.lines), body_lines)
        body_words = [w for ln in body_lines for w in ln.words]
        key = self.header_key(header)
        pooled = self.evidence.get(key) or body_lines
        pooled_read = self.read_from_evidence if pooled is not body_lines else {}
        found = _once(pooled_read, ("rivers", key), lambda: rivers(pooled, self.s))
        groups.sort(key=lambda g: min(w.x0 for w in g))
        limits = [min(w.x0 for w in g) for g in groups[1:]] + [float("inf")]
        spans = sorted(
            span
            for g, limit in zip(groups, limits, strict=True)
            for span in _once(
                pooled_read, ("spans", key, _shape(g), limit), partial(split_at_rivers, g, found, pooled, self.s, limit)
            )
        )
        body_words = cut_at_column_starts(body_words, [a for a, _b in spans], self.s.letter_at_start_pt)
        left = min([spans[0][0]] + [w.x0 for w in body_words]) - 1
        right = max([spans[-1][1]] + [w.x1 for w in body_words]) + 1
        bounds = [left]
        for (_a0, a1), (b0, _b1) in pairwise(spans):
            bounds.append(valley(body_words, a1, b0))
        bounds.append(right)
        return ColumnBounds(bounds, ruled=False, starts=[a for a, _b in spans])

    # -- tables ----------------------------------------------------------
    def find(self, previous: ColumnBounds | None) -> list[tuple[Table, ColumnBounds]]:
        # First every header's columns and title, so that each table can end
        # where the next one's title begins.
        plans: list[tuple[Header, ColumnBounds, Row | None]] = []
        for n, header in enumerate(self.headers):
            nxt = self.headers[n + 1].top if n + 1 < len(self.headers) else float("inf")
            below = [ln for ln in self.lines if ln.top >= header.bottom - 1 and ln.bottom <= nxt]
            cols = self._columns_from_header(header, below[: self.s.column_sample_lines])
            if len(cols) >= 2:
                plans.append((header, cols, self._title_above(header, cols)))
        starts = [title.bbox[1] if title is not None and title.bbox else header.top for header, _c, title in plans]
        found: list[tuple[Table, ColumnBounds]] = []
        if previous is not None:
            reader = ContinuationReader(self.page, self.lines, self.rows, self.extractor, self.s)
            cont = reader.read(previous, starts[0] if starts else float("inf"))
            if cont is not None:
                found.append(cont)
        for n, (header, cols, title) in enumerate(plans):
            if found and header.top < found[-1][0].bbox[3] - 1:
                continue  # inside a table already taken
            limit = starts[n + 1] if n + 1 < len(starts) else float("inf")
            found.append(self._table_at(header, cols, title, limit))
        return found

    def _table_at(
        self, header: Header, cols: ColumnBounds, title: Row | None, limit: float
    ) -> tuple[Table, ColumnBounds]:
        below = [ln for ln in self.lines if ln.top >= header.bottom - 1 and ln.bottom <= limit]
        labels = self.header_reader.labels(header, cols)
        body_bottom = min(self.rows.body_bottom(cols, header.bottom, below), limit - 1)
        rows: list[Row] = []
        top = header.top
        if title is not None and title.bbox is not None:
            rows.append(title)
            top = title.bbox[1]
        rows.append(
            Row(
                "header",
                [
                    Cell(t, (cols.bounds[i], header.top, cols.bounds[i + 1], header.bottom))
                    for i, t in enumerate(labels)
                ],
                (cols.left, header.top, cols.right, header.bottom),
            )
        )
        body, confidence = self.rows.body_rows(cols, header.bottom, body_bottom)
        rows.extend(body)
        bbox: BBox = (cols.left, top, cols.right, body_bottom)
        table = Table(self.page.number, bbox, rows, self.extractor, confidence, ocr=self.page.ocr)
        if header.top in self.title_notes:
            table.notes.append(self.title_notes[header.top])
        return table, cols


def _with_cut_off_edges(bounds: list[float], header: Header, body_lines: list[Line]) -> list[float]:
    """Ruled columns with the outer one a copy cut off: a label past the
    last (or before the first) rule heads a column whose closing rule the
    copier's margin lost; it reaches as far as its text does."""
    labels = [w for ln in header.lines for w in ln.words]
    words = labels + [w for ln in body_lines for w in ln.words]
    if any(w.xc > bounds[-1] for w in labels):
        bounds = [*bounds, max(w.x1 for w in words) + 1]
    if any(w.xc < bounds[0] for w in labels):
        bounds = [min(w.x0 for w in words) - 1, *bounds]
    return bounds


def _without_paper_edges(bounds: list[float], lines: list[Line], width: float, settings: LayoutSettings) -> list[float]:
    """Ruled columns without an outer one that the paper's edge bounds and
    that holds no word of the header or the body: the dark edge of a
    photocopied page read as the table's first or last rule (no printer
    prints a rule there)."""
    centres = [w.xc for ln in lines for w in ln.words]

    def empty(a: float, b: float) -> bool:
        return not any(a <= x < b for x in centres)

    edge = settings.paper_edge_pt
    while len(bounds) > 3 and bounds[0] <= edge and empty(bounds[0], bounds[1]):
        bounds = bounds[1:]
    while len(bounds) > 3 and bounds[-1] >= width - edge and empty(bounds[-2], bounds[-1]):
        bounds = bounds[:-1]
    return bounds


def _once(memo: dict[tuple[object, ...], Any], key: tuple[object, ...], read: Callable[[], Any]) -> Any:
    """``read()``, remembered in ``memo`` under ``key``."""
    if key not in memo:
        memo[key] = read()
    return memo[key]


def _shape(group: list[Word]) -> tuple[tuple[str, float, float, float, float], ...]:
    """A header label's words as column spans are read from them: their
    text and boxes, heights from the label's top (a header repeated lower
    on a later page is the same label)."""
    top = min(w.top for w in group)
    return tuple((w.text, w.x0, w.x1, w.top - top, w.bottom - top) for w in group)
