"""The table finder: action-plan tables from a page's words and rules.

Works the way a reader does. A table starts at a header line whose phrases
name action-plan columns (see ``vocabulary``). Columns come from the vertical
rules crossing the header when the table has them, otherwise from the header
phrases themselves, with each boundary set in the whitespace valley of the
body text below. Rows come from horizontal rules when the table has them,
otherwise from vertical whitespace. A line of text crossing column boundaries
is a full-width section row; left-aligned lines sitting on top of the header
are the table's section title. A page with no header whose text lines up with
the previous page's columns continues that table.

Running headers and footers (lines recurring in the page margins, page
numbers) are removed before any of this.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations, pairwise
from statistics import median

from ..vocabulary import best_field, header_fields, header_strength
from .bounds import ColumnBounds, cut_at_column_starts, rivers, split_at_rivers, valley
from .furniture import Furniture, is_furniture, running_furniture
from .layout import (
    REF_WORD,
    Line,
    Word,
    cell_text,
    cluster_values,
    group_lines,
    horizontal_rules,
    vertical_extent,
    vertical_rules,
)
from .page import PageContent
from .settings import DEFAULT_SETTINGS, LayoutSettings
from .table import BBox, Cell, Row, Table

# A line that names the document rather than a part of the plan: its type
# ("Action Plan", "tracker", "Domestic Homicide Review", "DHR 07"), a version
# or an update ("Version 3.2", "Updated 19.3.18", "Position as at May 2022"),
# a date. Such lines above a table are the document's title, never a section.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
DOCUMENT_TITLE = re.compile(
    r"\baction\s+plan\b|\btracker\b|\bdomestic\s+homicide\s+review\b|\bDHR\b|\bversion\b|\bv\d+(?:\.\d+)?\b"
    r"|\bupdated\b|\bas\s+at\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b" + _MONTH + r"\s+(?:19|20)\d\d\b",
    re.I,
)


# A line ends mid-phrase when it ends on a dash or a word that needs the
# next one; the next line goes on with its phrase when it starts in lower case.
_OPEN_END = re.compile(r"(?:[-–—,&/]|\b(?:of|and|or|the|for|to|in|on|at|as|a|an|with|by))$", re.I)


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Consecutive lines grouped into the paragraphs they were wrapped from
    (a title wrapped in a narrow cell: "Position as at May" / "2022")."""
    out: list[list[Line]] = []
    for ln in lines:
        if out and _continues(out[-1][-1].text, ln.text):
            out[-1].append(ln)
        else:
            out.append([ln])
    return out


def _continues(before: str, after: str) -> bool:
    if after[:1].islower() or _OPEN_END.search(before.rstrip()):
        return True
    # A title phrase broken by the wrap ("May" / "2022").
    joined = f"{before} {after}"
    return any(m.start() < len(before) < m.end() for m in DOCUMENT_TITLE.finditer(joined))


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
    pages: Sequence[PageContent], extractor: str, settings: LayoutSettings = DEFAULT_SETTINGS
) -> list[PageFindings]:
    """The tables of every page, and what was taken for furniture.

    Column evidence from the body text (whitespace rivers) is pooled over
    every page under the same header first: a table keeps its layout from
    page to page, and one page may hold a single short row.
    """
    furniture = running_furniture(pages, settings)
    finders = [PageTableFinder(page, furniture, extractor, settings) for page in pages]
    pool: dict[tuple[str, int], list[Line]] = {}
    for finder in finders:
        for key, lines in finder.body_samples():
            pool.setdefault(key, []).extend(lines)
    out: list[PageFindings] = []
    previous: ColumnBounds | None = None
    for finder in finders:
        finder.evidence = pool
        found = finder.find(previous)
        out.append(PageFindings(finder.page, [t for t, _ in found], finder.furniture, finder.lines, finder.seg_gap))
        if found:
            previous = found[-1][1]
        elif finder.has_body_text():
            previous = None
    return out


def phrase_gap(page: PageContent, settings: LayoutSettings = DEFAULT_SETTINGS) -> float:
    """The widest space that still separates two words of one phrase.

    Measured from the page: well above its ordinary word spacing (OCR'd and
    justified text space words unevenly), and never below a fraction of the
    font size. Gaps between table columns are wider.
    """
    gaps = []
    for line in page.lines:
        for a, b in pairwise(line.words):
            gap = b.x0 - a.x1
            if 0 < gap < settings.phrase_max_word_gap_em * a.size:
                gaps.append(gap)
    typical = median(gaps) if len(gaps) >= settings.phrase_min_gaps else settings.phrase_default_gap_em * page.font_size
    return max(
        settings.phrase_gap_factor * typical, settings.phrase_min_gap_em * page.font_size, settings.phrase_min_gap_pt
    )


@dataclass
class _Header:
    top: float
    bottom: float
    lines: list[Line]


class PageTableFinder:
    """The table finder for one page."""

    def __init__(
        self, page: PageContent, furniture: Furniture, extractor: str, settings: LayoutSettings = DEFAULT_SETTINGS
    ) -> None:
        self.page = page
        self.extractor = extractor
        self.s = settings
        self.size = page.font_size
        self.seg_gap = phrase_gap(page, settings)
        self.lines = page.lines
        self.headers = self._headers()
        # Body lines pooled over the document, per header (see find_tables).
        self.evidence: dict[tuple[str, int], list[Line]] = {}
        # Why lines resting on each header were or were not taken as its
        # section (by header top), for `dhr show --explain`.
        self.title_notes: dict[float, str] = {}
        # Headers and the titles resting on them repeat on every page of a
        # long table: they are never furniture, however often they recur.
        kept = [(h.top - settings.header_title_reach_em * self.size, h.bottom) for h in self.headers]
        self.lines, self.furniture = [], []
        for ln in page.lines:
            keep = any(a <= ln.top and ln.bottom <= b + 1 for a, b in kept)
            if not keep and is_furniture(ln, page, furniture, self.seg_gap, settings):
                self.furniture.append(ln)
            else:
                self.lines.append(ln)

    def header_key(self, header: _Header) -> tuple[str, int]:
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

    # -- headers ---------------------------------------------------------
    def _header_fields(self, line: Line) -> int:
        labels = [seg.text for seg in line.segments(self.seg_gap) if len(seg.words) <= self.s.max_label_words]
        return header_fields(labels, self.s.header_field_score)

    def _headers(self) -> list[_Header]:
        out = []
        for i, line in enumerate(self.lines):
            if self._header_fields(line) >= self.s.min_header_fields:
                out.append(self._header_band(i))
        return out

    def _header_band(self, i: int) -> _Header:
        first = self.lines[i]
        size = first.size
        rules = horizontal_rules(self.page.edges, first.x0, first.x1, self.s.header_rule_cover_share)
        below = [y for y in rules if first.bottom - 1 <= y <= first.bottom + self.s.header_rule_below_em * size]
        above = [y for y in rules if first.top - self.s.header_rule_above_em * size <= y <= first.top + 1]
        top = max(above) if above else first.top - 1
        if below:
            bottom = min(below)
            lines = [ln for ln in self.lines if top - 1 <= (ln.top + ln.bottom) / 2 <= bottom]
        else:
            lines = [first]
            for ln in self.lines[i + 1 :]:
                prev = lines[-1]
                if ln.top - prev.bottom > self.s.header_line_gap_em * size:
                    break
                if first.bold and not ln.bold:
                    break
                if not first.bold and len(ln.segments(self.seg_gap)) > len(first.segments(self.seg_gap)):
                    break
                lines.append(ln)
            bottom = lines[-1].bottom + 1
            lines = self._labels_above(i, lines)
            top = min(top, lines[0].top - 1)
        return _Header(top, bottom, lines)

    def _labels_above(self, i: int, lines: list[Line]) -> list[Line]:
        """Header lines above the one that names the most fields: labels
        wrapped in cells set to the bottom or middle of the header row
        ("Target" over "date", "Recommendatio" over "n"), taken while they
        make the header name more fields (a section heading resting on the
        header names none)."""
        first = lines[0]
        for ln in reversed(self.lines[:i]):
            if first.top - ln.bottom > self.s.header_line_gap_em * first.size or (first.bold and not ln.bold):
                break
            reach = self.s.header_line_gap_em * first.size
            if ln.x0 < min(x.x0 for x in lines) - reach or ln.x1 > max(x.x1 for x in lines) + 2 * first.size:
                break
            more = [ln, *lines]
            if self._stacked_fields(more) <= self._stacked_fields(lines):
                break
            lines, first = more, ln
        return lines

    def _stacked_fields(self, lines: list[Line]) -> tuple[int, float]:
        labels = [" ".join(w.text for w in g) for g in self._label_groups(lines)]
        return header_strength(labels, self.s.header_field_score)

    def _split_named(self, groups: list[list[Word]], body: list[Line]) -> list[list[Word]]:
        """Labels printed tight read as one phrase ("Target date Outcome",
        "No Recommendation"): a one-line phrase whose two parts name two
        different fields is two labels when the body's lines leave the
        space between them clear."""
        out: list[list[Word]] = []
        for g in groups:
            out.extend(self._split_label(g, body))
        return out

    def _split_label(self, group: list[Word], body: list[Line]) -> list[list[Word]]:
        if len(group) < 2 or len({round(w.top) for w in group}) > 1:
            return [group]
        words = sorted(group, key=lambda w: w.x0)
        whole = best_field(" ".join(w.text for w in words))
        for k in range(1, len(words)):
            left = best_field(" ".join(w.text for w in words[:k]))
            right = best_field(" ".join(w.text for w in words[k:]))
            if not (left and right) or left.field == right.field:
                continue
            if min(left.score, right.score) < self.s.header_field_score or (
                whole and whole.score > right.score + left.score
            ):
                continue
            x = (words[k - 1].x1 + words[k].x0) / 2
            crossing = sum(1 for ln in body if any(w.x0 < x - 0.5 and w.x1 > x + 0.5 for w in ln.words))
            g0, g1 = words[0].x0, words[-1].x1
            left_lines = sum(1 for ln in body if any(g0 - 1 <= w.xc < x for w in ln.words))
            right_lines = sum(1 for ln in body if any(x < w.xc <= g1 for w in ln.words))
            sides = min(left_lines, right_lines)
            if sides >= self.s.min_named_sides and crossing <= self.s.river_cross_share * len(body):
                return [words[:k], *self._split_label(words[k:], body)]
        return [group]

    def _label_groups(self, lines: list[Line]) -> list[list[Word]]:
        """The header's labels: phrases stacked on its lines join where they
        overlap, top to bottom."""
        groups: list[list[Word]] = []
        for line in lines:
            for seg in line.segments(self.seg_gap):
                for g in groups:
                    if seg.x0 <= max(w.x1 for w in g) + 1 and seg.x1 >= min(w.x0 for w in g) - 1:
                        g.extend(seg.words)
                        break
                else:
                    groups.append(list(seg.words))
        return groups

    # -- columns ---------------------------------------------------------
    def _columns_from_header(self, header: _Header, body_lines: list[Line]) -> ColumnBounds:
        vx = vertical_rules(self.page.edges, header.top + 1, header.bottom - 1, self.s.column_rule_cover_share)
        if len(vx) >= self.s.min_column_rules:
            return ColumnBounds(cluster_values(vx, self.s.rule_merge_pt), ruled=True)
        return self._columns_from_text(header, body_lines)

    def _columns_from_text(self, header: _Header, body_lines: list[Line]) -> ColumnBounds:
        """Columns of a table without vertical rules: one per header phrase
        (phrases stacked on several header lines join), split where a
        whitespace river running down the body passes between two words of
        one phrase ("Recommendation Scope" printed tight), with each
        boundary in the body's whitespace valley between neighbours."""
        groups = self._split_named(self._label_groups(header.lines), body_lines)
        body_words = [w for ln in body_lines for w in ln.words]
        pooled = self.evidence.get(self.header_key(header)) or body_lines
        found = rivers(pooled, self.s)
        groups.sort(key=lambda g: min(w.x0 for w in g))
        limits = [min(w.x0 for w in g) for g in groups[1:]] + [float("inf")]
        spans = sorted(
            span
            for g, limit in zip(groups, limits, strict=True)
            for span in split_at_rivers(g, found, pooled, self.s, limit)
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
        plans: list[tuple[_Header, ColumnBounds, Row | None]] = []
        for n, header in enumerate(self.headers):
            nxt = self.headers[n + 1].top if n + 1 < len(self.headers) else float("inf")
            below = [ln for ln in self.lines if ln.top >= header.bottom - 1 and ln.bottom <= nxt]
            cols = self._columns_from_header(header, below[: self.s.column_sample_lines])
            if len(cols) >= 2:
                plans.append((header, cols, self._title_above(header, cols)))
        starts = [title.bbox[1] if title is not None and title.bbox else header.top for header, _c, title in plans]
        found: list[tuple[Table, ColumnBounds]] = []
        if previous is not None:
            cont = self._continuation(previous, starts[0] if starts else float("inf"))
            if cont is not None:
                found.append(cont)
        for n, (header, cols, title) in enumerate(plans):
            if found and header.top < found[-1][0].bbox[3] - 1:
                continue  # inside a table already taken
            limit = starts[n + 1] if n + 1 < len(starts) else float("inf")
            found.append(self._table_at(header, cols, title, limit))
        return found

    def _table_at(
        self, header: _Header, cols: ColumnBounds, title: Row | None, limit: float
    ) -> tuple[Table, ColumnBounds]:
        below = [ln for ln in self.lines if ln.top >= header.bottom - 1 and ln.bottom <= limit]
        labels = self._labels(header, cols)
        body_bottom = min(self._body_bottom(cols, header.bottom, below), limit - 1)
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
        body, confidence = self._body_rows(cols, header.bottom, body_bottom)
        rows.extend(body)
        bbox: BBox = (cols.left, top, cols.right, body_bottom)
        table = Table(self.page.number, bbox, rows, self.extractor, confidence, ocr=self.page.ocr)
        if header.top in self.title_notes:
            table.notes.append(self.title_notes[header.top])
        return table, cols

    def _continuation(self, cols: ColumnBounds, stop: float) -> tuple[Table, ColumnBounds] | None:
        """Lay the previous page's columns over the top of this page."""
        lines = [ln for ln in self.lines if ln.bottom <= stop and ln.x1 > cols.left and ln.x0 < cols.right]
        # The table's rest ends where text stops keeping to its columns.
        for n, ln in enumerate(lines):
            if not cols.ruled and self._crossing(cols, ln) and len(ln.words) > self.s.prose_line_words:
                lines = lines[:n]
                break
        if not lines:
            return None
        words = [w for ln in lines for w in ln.words]
        inside = sum(
            1
            for w in words
            if cols.left - 2 <= w.x0 and w.x1 <= cols.right + 2 and not cols.crosses(w, self.s.boundary_slack_pt)
        )
        if inside < self.s.continuation_inside_share * len(words):
            return None
        top = lines[0].top - 1
        if cols.ruled:
            vx = vertical_rules(self.page.edges, top + 1, lines[0].bottom, self.s.column_rule_cover_share)
            slack = self.s.continuation_rule_slack_pt
            if not all(any(abs(v - b) <= slack for v in vx) for b in cols.bounds):
                return None
            rules = horizontal_rules(self.page.edges, cols.left, cols.right, self.s.row_rule_cover_share)
            above = [y for y in rules if y <= lines[0].top + 1]
            if above:
                top = max(above)
        body_bottom = self._body_bottom(cols, top, [ln for ln in self.lines if ln.top >= top and ln.bottom <= stop])
        body, confidence = self._body_rows(cols, top, body_bottom)
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

    def _labels(self, header: _Header, cols: ColumnBounds) -> list[str]:
        words = [w for ln in header.lines for w in ln.words]
        return [
            cell_text([w for w in words if cols.index(w.xc) == i], self.s.paragraph_gap_em).replace("\n", " ")
            for i in range(len(cols))
        ]

    def _title_above(self, header: _Header, cols: ColumnBounds) -> Row | None:
        """The paragraph resting on the header, when it reads as a heading:
        left-aligned with the table, short, and not a sentence."""
        above = sorted((ln for ln in self.lines if ln.bottom <= header.top + 1), key=lambda ln: -ln.bottom)
        taken: list[Line] = []
        edge = header.top
        for ln in above:
            # The first line may sit a little apart from the header; the
            # lines of one paragraph sit close together.
            reach = (self.s.title_first_gap_em if not taken else self.s.title_line_gap_em) * ln.size
            if edge - ln.bottom > reach or len(taken) >= self.s.title_max_lines:
                break
            # Left-aligned with the table, or standing out to its left (a
            # table whose edge comes from text may start right of its title).
            indent = max(self.s.title_indent_pt, self.s.title_indent_em * ln.size)
            if ln.x0 > cols.left + indent or ln.x1 > cols.right + self.s.boundary_slack_pt:
                break
            if self._header_fields(ln) >= self.s.min_header_fields:
                break
            taken.append(ln)
            edge = ln.top
        taken.reverse()
        # The document's title block (Excel title rows, "Action Plan –
        # Version 3.2") sits on the header too: only lines after it can be
        # the section.
        last_title, start = -1, 0
        for para in _paragraphs(taken):
            if DOCUMENT_TITLE.search(" ".join(ln.text for ln in para)):
                last_title = start + len(para) - 1
            start += len(para)
        if last_title >= 0:
            title = " / ".join(ln.text for ln in taken[: last_title + 1])
            self.title_notes[header.top] = f"'{title}' above the header names the document: its title, not a section"
        taken = taken[last_title + 1 :]
        if not taken:
            return None
        text = " ".join(ln.text for ln in taken)
        # A heading names a section; prose introducing the table is longer
        # and ends like a sentence.
        if len(text.split()) > self.s.title_max_words or (
            text.rstrip().endswith(".") and not all(ln.bold for ln in taken)
        ):
            return None
        self.title_notes[header.top] = f"'{text}' rests on the header, short and left-aligned: the section of its rows"
        bbox = (cols.left, taken[0].top, cols.right, taken[-1].bottom)
        return Row("section", [Cell(text, bbox)] + [None] * (len(cols) - 1), bbox)

    def _body_bottom(self, cols: ColumnBounds, top: float, below: list[Line]) -> float:
        if cols.ruled:
            reach = max(vertical_extent(self.page.edges, x, top, self.s.rule_join_pt) for x in cols.bounds)
            if reach > top + 2:
                return self._run_on(cols, reach, below)
        rules = horizontal_rules(self.page.edges, cols.left, cols.right, self.s.row_rule_cover_share)
        bottom = top
        prev: Line | None = None
        for ln in sorted(below, key=lambda ln: ln.top):
            if ln.top < top - 1:
                continue
            crossing = self._crossing(cols, ln)
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
            inside = cols.left - 2 <= ln.x0 and ln.x1 <= cols.right + 2 and not self._crossing(cols, ln)
            if ln.top - bottom > self.s.header_line_gap_em * ln.size or not inside:
                break
            bottom = ln.bottom
        return bottom + 1

    def _body_rows(self, cols: ColumnBounds, top: float, bottom: float) -> tuple[list[Row], float]:
        words = cut_at_column_starts(
            [
                w
                for ln in self.lines
                for w in ln.words
                if top - 1 <= w.yc <= bottom + 1 and cols.left - 2 <= w.xc <= cols.right + 2
            ],
            cols.starts,
            self.s.letter_at_start_pt,
        )
        if not words:
            return [], 0.0
        rules = horizontal_rules(self.page.edges, cols.left, cols.right, self.s.row_rule_cover_share)
        rules = [y for y in rules if top + 2 < y < bottom - 2]
        cuts = [top, *(rules or self._whitespace_cuts(cols, words)), bottom]
        # Vertical rules in the header need not run down the body (shaded
        # header cells, horizontal rules only below).
        body_inner = vertical_rules(self.page.edges, top + 1, bottom - 1, self.s.body_rule_cover_share)
        body_ruled = cols.ruled and any(abs(v - b) <= 2 for v in body_inner for b in cols.bounds[1:-1])
        # A rule that leaves a column out runs under a merged cell: text
        # below it in that column still belongs to the cell above.
        opens = self._columns_under_rules(cols, rules)
        rows: list[Row] = []
        cell_words: list[list[list[Word]]] = []  # per body row, per column
        straddling = 0
        for a, b in pairwise(cuts):
            band = [w for w in words if a <= w.yc < b]
            if not band:
                continue
            bbox = (cols.left, a, cols.right, b)
            if self._is_section_band(cols, band, a, b, body_ruled):
                rows.append(
                    Row(
                        "section",
                        [Cell(cell_text(band, self.s.paragraph_gap_em).replace("\n", " "), bbox)]
                        + [None] * (len(cols) - 1),
                        bbox,
                    )
                )
                cell_words.append([])
                continue
            straddling += sum(1 for w in band if cols.crosses(w, self.s.boundary_slack_pt))
            per_column = [[w for w in band if cols.index(w.xc) == i] for i in range(len(cols))]
            above = cell_words[-1] if cell_words and rows and rows[-1].kind == "body" else None
            for i, inside in enumerate(per_column):
                if above is not None and a in opens and i not in opens[a] and inside:
                    above[i].extend(inside)
                    per_column[i] = []
            cell_words.append(per_column)
            rows.append(Row("body", [None] * len(cols), bbox))
        # Each column's text edge: where its widest lines end (a word broken
        # for want of width fills its line to there).
        edges: list[float | None] = [None] * len(cols)
        for w in words:
            col = cols.index(w.xc)
            if col is not None:
                edge = edges[col]
                edges[col] = w.x1 if edge is None else max(edge, w.x1)
        for row, per_column in zip(rows, cell_words, strict=True):
            if row.kind != "body":
                continue
            _x0, a, _x1, b = row.bbox or (0, 0, 0, 0)
            row.cells = [
                Cell(cell_text(inside, self.s.paragraph_gap_em, edges[i]), (cols.bounds[i], a, cols.bounds[i + 1], b))
                for i, inside in enumerate(per_column)
            ]
        rows = [r for r in rows if r.kind != "body" or not r.is_empty]
        confidence = 1.0 - straddling / len(words)
        if not cols.ruled:
            confidence *= self.s.unruled_confidence
        return rows, round(confidence, 3)

    def _columns_under_rules(self, cols: ColumnBounds, ys: list[float]) -> dict[float, set[int]]:
        """For each horizontal rule at y, the columns it separates."""
        per_column = [
            horizontal_rules(
                self.page.edges, cols.bounds[i] + 1, cols.bounds[i + 1] - 1, self.s.header_rule_cover_share
            )
            for i in range(len(cols))
        ]
        return {y: {i for i, found in enumerate(per_column) if any(abs(r - y) <= 1.5 for r in found)} for y in ys}

    def _crossing(self, cols: ColumnBounds, line: Line) -> bool:
        """Does the line ignore the columns? Table rows leave a gap at every
        boundary; prose and full-width titles run across them. In a tightly
        set row one phrase may touch its neighbour, so the crossing phrases
        must make up most of the line."""
        segments = line.segments(self.seg_gap)
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
            inner = vertical_rules(self.page.edges, top + 1, bottom - 1, self.s.section_rule_cover_share)
            crossed = [b for b in cols.bounds[1:-1] if any(abs(v - b) <= 2 for v in inner)]
            if crossed:
                return False
            # No inner rule crosses the band: one merged cell, whether its
            # text reaches past the first column or not.
            return len(cols) > 2 and any(
                cols.crosses(w, self.s.boundary_slack_pt) or cols.index(w.xc) == 0 for w in band
            )
        if any(self._crossing(cols, ln) for ln in lines):
            return True
        # Unruled: a short bold line alone in the first column reads as a title.
        only_first = all(cols.index(w.xc) == 0 for w in band)
        return only_first and all(w.bold for w in band) and len(band) <= self.s.section_bold_words

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
        for col in range(len(cols)):
            own = group_lines([w for w in words if cols.index(w.xc) == col], self.s.line_tolerance_em)
            pitches += [b.bottom - a.bottom for a, b in pairwise(own)]
        pitches = [p for p in pitches if p <= self.s.max_line_pitch_em * size]
        usual = median(pitches or [b.bottom - a.bottom for a, b in pairwise(lines)])
        leading = max(usual - median(ln.bottom - ln.top for ln in lines), 0.0)
        threshold = usual + max(self.s.row_gap_extra_em * size, (self.s.row_gap_factor - 1) * leading)
        gaps = [n for n in range(1, len(lines)) if lines[n].bottom - lines[n - 1].bottom > threshold]
        cuts = []
        for k, n in enumerate(gaps):
            ln = lines[n]
            starts = {cols.index(w.xc) for w in ln.words} - {None}
            block = lines[n : gaps[k + 1] if k + 1 < len(gaps) else len(lines)]
            if len(starts) >= 2 or REF_WORD.match(ln.words[0].text) or self._cells_aligned(cols, block, size):
                cuts.append((lines[n - 1].bottom + ln.top) / 2)
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
