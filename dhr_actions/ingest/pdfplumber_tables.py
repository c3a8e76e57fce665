"""The layout extractor: action-plan tables from pdfplumber's words and rules.

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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from statistics import median
from typing import Any

import pdfplumber

from ..vocabulary import HEADER_CORE_FIELDS, best_field
from .layout import (
    Edge,
    Line,
    Word,
    cell_text,
    cluster_values,
    group_lines,
    horizontal_rules,
    vertical_extent,
    vertical_rules,
)
from .ocr import OcrSettings, OcrUnavailable, is_scanned, ocr_page
from .table import BBox, Cell, Row, Table

# A row opening with a reference alone: "1.", "2A", "R3.1", "(4)".
_ROW_REF = re.compile(r"^\(?[A-Z]{0,2}\d{1,3}(?:\.\d{1,3})*[A-Za-z]?[.):]?$")
# Glyphs without a Unicode mapping come out as "(cid:127)": alone they are
# almost always list bullets, inside a word they are noise.
_CID = re.compile(r"\(cid:\d+\)")
PAGE_NUMBER = re.compile(r"^\s*(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?\s*$", re.I)
MIN_HEADER_FIELDS = 3
# Fewer body lines than this give no evidence of whitespace rivers; a river
# splits a header phrase only with text on both sides in this many lines.
MIN_RIVER_LINES = 6
MIN_RIVER_SIDES = 3
MAX_SAMPLE_LINES = 80
MARGIN_TOP = 0.10
MARGIN_BOTTOM = 0.12


@dataclass
class PageContent:
    """What one page holds, in the terms the table finder uses."""

    number: int
    width: float
    height: float
    words: list[Word]
    edges: list[Edge]
    lines: list[Line] = field(default_factory=list)
    ocr: bool = False

    def __post_init__(self) -> None:
        if not self.lines:
            self.lines = group_lines(self.words)

    @property
    def font_size(self) -> float:
        return median(w.size for w in self.words) if self.words else 10.0


@dataclass
class Columns:
    """Column boundaries of one table: ``bounds[i]..bounds[i+1]`` is column i."""

    bounds: list[float]
    ruled: bool  # vertical rules drew them

    @property
    def left(self) -> float:
        return self.bounds[0]

    @property
    def right(self) -> float:
        return self.bounds[-1]

    def __len__(self) -> int:
        return len(self.bounds) - 1

    def index(self, x: float) -> int | None:
        for i in range(len(self)):
            if self.bounds[i] <= x < self.bounds[i + 1]:
                return i
        return None

    def crosses(self, seg: Line, slack: float = 2.0) -> bool:
        """Does a phrase run across an inner boundary?"""
        return any(seg.x0 < b - slack and seg.x1 > b + slack for b in self.bounds[1:-1])

    def straddles(self, w: Word, slack: float = 2.0) -> bool:
        """Does the word run across an inner boundary?"""
        return any(w.x0 < b - slack and w.x1 > b + slack for b in self.bounds[1:-1])


def page_content(page: Any, number: int) -> PageContent:
    """Read one pdfplumber page into words and ruling edges."""
    raw = page.extract_words(
        x_tolerance=1.5,
        y_tolerance=2,
        keep_blank_chars=False,
        use_text_flow=False,
        extra_attrs=["size", "fontname"],
    )
    words = []
    for w in raw:
        text = _cid_free(w["text"]) if "(cid:" in w["text"] else w["text"]
        if text.strip():
            words.append(
                Word(
                    text=text,
                    x0=float(w["x0"]),
                    x1=float(w["x1"]),
                    top=float(w["top"]),
                    bottom=float(w["bottom"]),
                    size=float(w.get("size") or 10.0),
                    bold="bold" in str(w.get("fontname", "")).lower(),
                )
            )
    edges = [
        Edge(float(e["x0"]), float(e["x1"]), float(e["top"]), float(e["bottom"]))
        for e in page.edges
        if max(float(e["x1"]) - float(e["x0"]), float(e["bottom"]) - float(e["top"])) >= 4
    ]
    return PageContent(number=number, width=float(page.width), height=float(page.height), words=words, edges=edges)


def _cid_free(text: str) -> str:
    """Unmapped glyphs: a lone "(cid:N)" word is a bullet, others are dropped."""
    return _CID.sub(lambda m: "•" if _lone(text, m) else "", text)


def _lone(text: str, m: re.Match[str]) -> bool:
    before = text[: m.start()]
    after = text[m.end() :]
    return (not before or before[-1].isspace()) and (not after or after[0].isspace())


class PdfplumberExtractor:
    """Find action-plan tables with pdfplumber's words and ruling lines;
    scanned pages are read by OCR (``ocr.py``) and go the same way."""

    name = "pdfplumber"

    def __init__(self, ocr: bool = True, ocr_settings: OcrSettings | None = None) -> None:
        self.ocr = ocr
        self.ocr_settings = ocr_settings or OcrSettings()
        self.notes: list[str] = []

    def extract(self, path: Path) -> list[Table]:
        self.notes = []
        pages: list[PageContent] = []
        scans: list[int] = []
        with pdfplumber.open(path) as pdf:
            for i, p in enumerate(pdf.pages, start=1):
                if self.ocr and is_scanned(p):
                    scans.append(i)
                    pages.append(PageContent(i, float(p.width), float(p.height), [], []))
                else:
                    pages.append(page_content(p, i))
        for i in scans:
            try:
                words, edges, width, height = ocr_page(path, i - 1, self.ocr_settings)
            except OcrUnavailable:
                if len(scans) == len(pages):
                    raise
                self.notes.append(f"page {i} is a scan and was skipped: tesseract is not installed")
                continue
            pages[i - 1] = PageContent(i, width, height, words, edges, ocr=True)
        if scans:
            self.notes.append(f"OCR read {len(scans)} scanned page(s): {_page_list(scans)}")
        return tables_from_pages(pages, self.name)


def _page_list(pages: list[int]) -> str:
    return ", ".join(str(p) for p in pages[:20]) + (" …" if len(pages) > 20 else "")


def tables_from_pages(pages: Sequence[PageContent], extractor: str) -> list[Table]:
    """Find the tables of a whole document, page by page.

    Column evidence from the body text (whitespace rivers) is pooled over
    every page under the same header first: a table keeps its layout from
    page to page, and one page may hold a single short row.
    """
    furniture = running_furniture(pages)
    finders = [_PageTables(page, furniture, extractor) for page in pages]
    pool: dict[tuple[str, int], list[Line]] = {}
    for finder in finders:
        for key, lines in finder.body_samples():
            pool.setdefault(key, []).extend(lines)
    tables: list[Table] = []
    previous: tuple[Columns, list[str]] | None = None
    for finder in finders:
        finder.evidence = pool
        found = finder.find(previous)
        tables.extend(t for t, _ in found)
        if found:
            previous = found[-1][1]
        elif finder.has_body_text():
            previous = None
    return tables


def phrase_gap(page: PageContent) -> float:
    """The widest space that still separates two words of one phrase.

    Measured from the page: well above its ordinary word spacing (OCR'd and
    justified text space words unevenly), and never below a fraction of the
    font size. Gaps between table columns are wider.
    """
    gaps = []
    for line in page.lines:
        for a, b in pairwise(line.words):
            gap = b.x0 - a.x1
            if 0 < gap < 1.5 * a.size:
                gaps.append(gap)
    typical = median(gaps) if len(gaps) >= 20 else 0.25 * page.font_size
    return max(2.2 * typical, 0.6 * page.font_size, 4.0)


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def running_furniture(pages: Sequence[PageContent]) -> set[str]:
    """Texts that recur in the top or bottom margin of many pages."""
    counts: Counter[str] = Counter()
    for page in pages:
        seen = set()
        for line in page.lines:
            if line.bottom <= page.height * MARGIN_TOP or line.top >= page.height * (1 - MARGIN_BOTTOM):
                seen.add(_furniture_key(line.text))
        counts.update(seen)
    need = max(2, int(0.3 * len(pages)))
    return {k for k, n in counts.items() if n >= need}


@dataclass
class _Header:
    top: float
    bottom: float
    lines: list[Line]


class _PageTables:
    """The table finder for one page."""

    def __init__(self, page: PageContent, furniture: set[str], extractor: str) -> None:
        self.page = page
        self.extractor = extractor
        self.size = page.font_size
        self.seg_gap = phrase_gap(page)
        self.lines = page.lines
        self.headers = self._headers()
        # Body lines pooled over the document, per header (see tables_from_pages).
        self.evidence: dict[tuple[str, int], list[Line]] = {}
        # Headers and the titles resting on them repeat on every page of a
        # long table: they are never furniture, however often they recur.
        kept = [(h.top - 3 * self.size, h.bottom) for h in self.headers]
        self.lines = [
            ln
            for ln in page.lines
            if any(a <= ln.top and ln.bottom <= b + 1 for a, b in kept) or not self._is_furniture(ln, furniture)
        ]

    def _is_furniture(self, line: Line, furniture: set[str]) -> bool:
        h = self.page.height
        in_margin = line.bottom <= h * MARGIN_TOP or line.top >= h * (1 - MARGIN_BOTTOM)
        if not in_margin:
            return False
        if _furniture_key(line.text) in furniture:
            return True
        return any(PAGE_NUMBER.match(seg.text) for seg in line.segments(self.seg_gap))

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
                for ln in self._below(n)[:MAX_SAMPLE_LINES]
                if len(ln.segments(self.seg_gap)) >= 2 or ln.x1 - ln.x0 < 0.4 * width
            ]
            out.append((self.header_key(header), rows))
        return out

    def has_body_text(self) -> bool:
        return bool(self.lines)

    # -- headers ---------------------------------------------------------
    def _header_fields(self, line: Line) -> int:
        fields = set()
        for seg in line.segments(self.seg_gap):
            if len(seg.words) > 8:  # a header label is short
                continue
            best = best_field(seg.text)
            if best and best.score >= 2.0:
                fields.add(best.field)
        if not fields & HEADER_CORE_FIELDS:
            return 0
        return len(fields)

    def _headers(self) -> list[_Header]:
        out = []
        for i, line in enumerate(self.lines):
            if self._header_fields(line) >= MIN_HEADER_FIELDS:
                out.append(self._header_band(i))
        return out

    def _header_band(self, i: int) -> _Header:
        first = self.lines[i]
        size = first.size
        rules = horizontal_rules(self.page.edges, first.x0, first.x1, 0.6)
        below = [y for y in rules if first.bottom - 1 <= y <= first.bottom + 6 * size]
        above = [y for y in rules if first.top - 3 * size <= y <= first.top + 1]
        top = max(above) if above else first.top - 1
        if below:
            bottom = min(below)
            lines = [ln for ln in self.lines if top - 1 <= (ln.top + ln.bottom) / 2 <= bottom]
        else:
            lines = [first]
            for ln in self.lines[i + 1 :]:
                prev = lines[-1]
                if ln.top - prev.bottom > 0.6 * size:
                    break
                if first.bold and not ln.bold:
                    break
                if not first.bold and len(ln.segments(self.seg_gap)) > len(first.segments(self.seg_gap)):
                    break
                lines.append(ln)
            bottom = lines[-1].bottom + 1
        return _Header(top, bottom, lines)

    # -- columns ---------------------------------------------------------
    def _columns_from_header(self, header: _Header, body_lines: list[Line]) -> Columns:
        vx = vertical_rules(self.page.edges, header.top + 1, header.bottom - 1, 0.8)
        if len(vx) >= 3:
            return Columns(cluster_values(vx, 2.0), ruled=True)
        return self._columns_from_text(header, body_lines)

    def _columns_from_text(self, header: _Header, body_lines: list[Line]) -> Columns:
        """Columns of a table without vertical rules: one per header phrase
        (phrases stacked on several header lines join), split where a
        whitespace river running down the body passes between two words of
        one phrase ("Recommendation Scope" printed tight), with each
        boundary in the body's whitespace valley between neighbours."""
        groups: list[list[Word]] = []
        for line in header.lines:
            for seg in line.segments(self.seg_gap):
                for g in groups:
                    if seg.x0 <= max(w.x1 for w in g) + 1 and seg.x1 >= min(w.x0 for w in g) - 1:
                        g.extend(seg.words)
                        break
                else:
                    groups.append(list(seg.words))
        body_words = [w for ln in body_lines for w in ln.words]
        pooled = self.evidence.get(self.header_key(header)) or body_lines
        rivers = _rivers(pooled)
        split: list[list[Word]] = []
        for g in groups:
            split.extend(_split_at_rivers(g, rivers, pooled))
        spans = sorted((min(w.x0 for w in g), max(w.x1 for w in g)) for g in split)
        left = min([spans[0][0]] + [w.x0 for w in body_words]) - 1
        right = max([spans[-1][1]] + [w.x1 for w in body_words]) + 1
        bounds = [left]
        for (_a0, a1), (b0, _b1) in pairwise(spans):
            bounds.append(_valley(body_words, a1, b0))
        bounds.append(right)
        return Columns(bounds, ruled=False)

    # -- tables ----------------------------------------------------------
    def find(self, previous: tuple[Columns, list[str]] | None) -> list[tuple[Table, tuple[Columns, list[str]]]]:
        # First every header's columns and title, so that each table can end
        # where the next one's title begins.
        plans: list[tuple[_Header, Columns, Row | None]] = []
        for n, header in enumerate(self.headers):
            nxt = self.headers[n + 1].top if n + 1 < len(self.headers) else float("inf")
            below = [ln for ln in self.lines if ln.top >= header.bottom - 1 and ln.bottom <= nxt]
            cols = self._columns_from_header(header, below[:40])
            if len(cols) >= 2:
                plans.append((header, cols, self._title_above(header, cols)))
        starts = [title.bbox[1] if title is not None and title.bbox else header.top for header, _c, title in plans]
        found: list[tuple[Table, tuple[Columns, list[str]]]] = []
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
        self, header: _Header, cols: Columns, title: Row | None, limit: float
    ) -> tuple[Table, tuple[Columns, list[str]]]:
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
        return table, (cols, labels)

    def _continuation(
        self, previous: tuple[Columns, list[str]], stop: float
    ) -> tuple[Table, tuple[Columns, list[str]]] | None:
        """Lay the previous page's columns over the top of this page."""
        cols = previous[0]
        lines = [ln for ln in self.lines if ln.bottom <= stop and ln.x1 > cols.left and ln.x0 < cols.right]
        # The table's rest ends where text stops keeping to its columns.
        for n, ln in enumerate(lines):
            if not cols.ruled and self._crossing(cols, ln) and len(ln.words) > 12:
                lines = lines[:n]
                break
        if not lines:
            return None
        words = [w for ln in lines for w in ln.words]
        inside = sum(1 for w in words if cols.left - 2 <= w.x0 and w.x1 <= cols.right + 2 and not cols.straddles(w))
        if inside < 0.9 * len(words):
            return None
        top = lines[0].top - 1
        if cols.ruled:
            vx = vertical_rules(self.page.edges, top + 1, lines[0].bottom, 0.8)
            if not all(any(abs(v - b) <= 3 for v in vx) for b in cols.bounds):
                return None
            rules = horizontal_rules(self.page.edges, cols.left, cols.right, 0.5)
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
            confidence * 0.9,
            continued=True,
            ocr=self.page.ocr,
        )
        table.notes.append("no header on this page: columns of the previous page's table")
        return table, previous

    def _labels(self, header: _Header, cols: Columns) -> list[str]:
        words = [w for ln in header.lines for w in ln.words]
        return [cell_text([w for w in words if cols.index(w.xc) == i]).replace("\n", " ") for i in range(len(cols))]

    def _title_above(self, header: _Header, cols: Columns) -> Row | None:
        """The paragraph resting on the header, when it reads as a heading:
        left-aligned with the table, short, and not a sentence."""
        above = sorted((ln for ln in self.lines if ln.bottom <= header.top + 1), key=lambda ln: -ln.bottom)
        taken: list[Line] = []
        edge = header.top
        for ln in above:
            # The first line may sit a little apart from the header; the
            # lines of one paragraph sit close together.
            reach = 2.5 * ln.size if not taken else 0.6 * ln.size
            if edge - ln.bottom > reach or len(taken) >= 3:
                break
            # Left-aligned with the table, or standing out to its left (a
            # table whose edge comes from text may start right of its title).
            if ln.x0 > cols.left + max(12.0, 1.5 * ln.size) or ln.x1 > cols.right + 2:
                break
            if self._header_fields(ln) >= MIN_HEADER_FIELDS:
                break
            taken.append(ln)
            edge = ln.top
        if not taken:
            return None
        taken.reverse()
        text = " ".join(ln.text for ln in taken)
        # A heading names a section; prose introducing the table is longer
        # and ends like a sentence.
        if len(text.split()) > 15 or (text.rstrip().endswith(".") and not all(ln.bold for ln in taken)):
            return None
        bbox = (cols.left, taken[0].top, cols.right, taken[-1].bottom)
        return Row("section", [Cell(text, bbox)] + [None] * (len(cols) - 1), bbox)

    def _body_bottom(self, cols: Columns, top: float, below: list[Line]) -> float:
        if cols.ruled:
            reach = max(vertical_extent(self.page.edges, x, top) for x in cols.bounds)
            if reach > top + 2:
                return reach
        rules = horizontal_rules(self.page.edges, cols.left, cols.right, 0.5)
        bottom = top
        prev: Line | None = None
        for ln in sorted(below, key=lambda ln: ln.top):
            if ln.top < top - 1:
                continue
            crossing = self._crossing(cols, ln)
            gap = ln.top - (prev.bottom if prev else top)
            if crossing and (len(ln.words) > 12 or gap > 3 * ln.size):
                break
            ruled_between = prev is not None and any(prev.bottom <= y <= ln.top for y in rules)
            if prev is not None and gap > max(4 * ln.size, 30.0) and not ruled_between:
                break  # well below the last row: a footer or the text after the table
            if ln.x0 > cols.right or ln.x1 < cols.left:
                continue
            bottom = max(bottom, ln.bottom + 1)
            prev = ln
        return bottom

    def _body_rows(self, cols: Columns, top: float, bottom: float) -> tuple[list[Row], float]:
        words = [
            w
            for ln in self.lines
            for w in ln.words
            if top - 1 <= w.yc <= bottom + 1 and cols.left - 2 <= w.xc <= cols.right + 2
        ]
        if not words:
            return [], 0.0
        rules = [y for y in horizontal_rules(self.page.edges, cols.left, cols.right, 0.5) if top + 2 < y < bottom - 2]
        cuts = [top, *(rules or self._whitespace_cuts(cols, words)), bottom]
        # Vertical rules in the header need not run down the body (shaded
        # header cells, horizontal rules only below).
        body_inner = vertical_rules(self.page.edges, top + 1, bottom - 1, 0.3)
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
                    Row("section", [Cell(cell_text(band).replace("\n", " "), bbox)] + [None] * (len(cols) - 1), bbox)
                )
                cell_words.append([])
                continue
            straddling += sum(1 for w in band if cols.straddles(w))
            per_column = [[w for w in band if cols.index(w.xc) == i] for i in range(len(cols))]
            above = cell_words[-1] if cell_words and rows and rows[-1].kind == "body" else None
            for i, inside in enumerate(per_column):
                if above is not None and a in opens and i not in opens[a] and inside:
                    above[i].extend(inside)
                    per_column[i] = []
            cell_words.append(per_column)
            rows.append(Row("body", [None] * len(cols), bbox))
        for row, per_column in zip(rows, cell_words, strict=True):
            if row.kind != "body":
                continue
            _x0, a, _x1, b = row.bbox or (0, 0, 0, 0)
            row.cells = [
                Cell(cell_text(inside), (cols.bounds[i], a, cols.bounds[i + 1], b))
                for i, inside in enumerate(per_column)
            ]
        rows = [r for r in rows if r.kind != "body" or not r.is_empty]
        confidence = 1.0 - straddling / len(words)
        if not cols.ruled:
            confidence *= 0.9
        return rows, round(confidence, 3)

    def _columns_under_rules(self, cols: Columns, ys: list[float]) -> dict[float, set[int]]:
        """For each horizontal rule at y, the columns it separates."""
        per_column = [
            horizontal_rules(self.page.edges, cols.bounds[i] + 1, cols.bounds[i + 1] - 1, 0.6) for i in range(len(cols))
        ]
        return {y: {i for i, found in enumerate(per_column) if any(abs(r - y) <= 1.5 for r in found)} for y in ys}

    def _crossing(self, cols: Columns, line: Line) -> bool:
        """Does the line ignore the columns? Table rows leave a gap at every
        boundary; prose and full-width titles run across them. In a tightly
        set row one phrase may touch its neighbour, so the crossing phrases
        must make up most of the line."""
        segments = line.segments(self.seg_gap)
        across = sum(seg.x1 - seg.x0 for seg in segments if cols.crosses(seg))
        return across > 0.5 * (line.x1 - line.x0)

    def _is_section_band(self, cols: Columns, band: list[Word], top: float, bottom: float, body_ruled: bool) -> bool:
        """A full-width row: short text that ignores the columns. In a ruled
        table the inner rules stop above and below it."""
        lines = group_lines(band)
        if len(lines) > 3 or sum(len(ln.words) for ln in lines) > 25:
            return False
        if body_ruled:
            inner = vertical_rules(self.page.edges, top + 1, bottom - 1, 0.5)
            crossed = [b for b in cols.bounds[1:-1] if any(abs(v - b) <= 2 for v in inner)]
            if crossed:
                return False
            # No inner rule crosses the band: one merged cell, whether its
            # text reaches past the first column or not.
            return len(cols) > 2 and any(cols.straddles(w) or cols.index(w.xc) == 0 for w in band)
        if any(self._crossing(cols, ln) for ln in lines):
            return True
        # Unruled: a short bold line alone in the first column reads as a title.
        only_first = all(cols.index(w.xc) == 0 for w in band)
        return only_first and all(w.bold for w in band) and len(band) <= 12

    def _whitespace_cuts(self, cols: Columns, words: list[Word]) -> list[float]:
        """Row boundaries of a table without horizontal rules.

        A row ends where a band of whitespace wider than the table's usual
        line spacing runs across every column, and the next row starts at
        that band: its cells begin together, so text starts in two or more
        columns at once (or in one, when it opens with a reference). A
        paragraph break inside one cell starts text in that cell only.
        """
        lines = group_lines(words)
        if len(lines) < 2:
            return []
        size = median(ln.size for ln in lines)
        gaps = [b.top - a.bottom for a, b in pairwise(lines)]
        usual = max(median(gaps), 0.0)
        threshold = max(usual + 0.3 * size, 1.6 * usual)
        cuts = []
        for prev, ln in pairwise(lines):
            if ln.top - prev.bottom <= threshold:
                continue
            starts = {cols.index(w.xc) for w in ln.words} - {None}
            if len(starts) >= 2 or _ROW_REF.match(ln.words[0].text):
                cuts.append((prev.bottom + ln.top) / 2)
        return cuts


def _valley(words: list[Word], a: float, b: float) -> float:
    """The x between a and b crossed by the fewest words, nearest b."""
    if b <= a:
        return (a + b) / 2
    best_x, best_n = b - 1, None
    steps = max(int(b - a), 1)
    for k in range(steps + 1):
        x = b - 1 - k * (b - a - 1) / steps if steps else b - 1
        n = sum(1 for w in words if w.x0 < x < w.x1)
        if best_n is None or n < best_n:
            best_x, best_n = x, n
        if n == 0:
            break
    return best_x


def _rivers(lines: list[Line]) -> list[tuple[float, float]]:
    """x intervals that the body's text lines leave empty, top to bottom
    (a line or two may cross: an overlong word, a stray footnote mark)."""
    if len(lines) < MIN_RIVER_LINES:
        return []  # a short body leaves whole columns empty: no evidence
    x0 = int(min(ln.x0 for ln in lines))
    x1 = int(max(ln.x1 for ln in lines)) + 1
    cover = [0] * (x1 - x0 + 1)
    for ln in lines:
        for w in ln.words:
            for x in range(max(int(w.x0) - x0, 0), min(int(w.x1) - x0 + 1, len(cover))):
                cover[x] += 1
    allowed = len(lines) // 50
    out: list[tuple[float, float]] = []
    start: int | None = None
    for i, c in enumerate([*cover, allowed + 1]):
        if c <= allowed and start is None:
            start = i
        elif c > allowed and start is not None:
            if i - start >= 2:
                out.append((x0 + start, x0 + i - 1))
            start = None
    return out


def _split_at_rivers(group: list[Word], rivers: list[tuple[float, float]], lines: list[Line]) -> list[list[Word]]:
    """Split a header phrase where a body river passes between two of its
    words and, in several body lines, text stands on both sides of it under
    the phrase: two columns printed with tight labels."""
    g0, g1 = min(w.x0 for w in group), max(w.x1 for w in group)
    cuts: set[float] = set()
    for line in group_lines(group):
        for a, b in pairwise(line.words):
            for r0, r1 in rivers:
                lo, hi = max(a.x1, r0), min(b.x0, r1)
                if hi < lo:
                    continue
                x = (lo + hi) / 2
                both = sum(
                    1 for ln in lines if any(g0 <= w.xc < x for w in ln.words) and any(x < w.xc <= g1 for w in ln.words)
                )
                if both >= MIN_RIVER_SIDES:
                    cuts.add(x)
                break
    if not cuts:
        return [group]
    edges = sorted(cuts)
    parts: list[list[Word]] = [[] for _ in range(len(edges) + 1)]
    for w in group:
        parts[sum(1 for e in edges if w.xc > e)].append(w)
    return [p for p in parts if p]
