"""The values that cross from the readers (ingest/, office/) to normalise/: tables
of cells on pages, and the plan tables stitching makes of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points
RowKind = Literal["header", "section", "body"]


@dataclass(frozen=True)
class Cell:
    """One cell's text in reading order, with where it sits on the page."""

    text: str
    bbox: BBox | None = None
    # OCR: how many words the cell was read from, and those read with
    # little confidence (``Word.doubtful``), as printed.
    words: int = 0
    doubtful: tuple[str, ...] = ()


@dataclass
class Row:
    """One printed row. A cell spanning several columns sits in its first
    position and leaves ``None`` in the positions it covers."""

    kind: RowKind
    cells: list[Cell | None]
    bbox: BBox | None = None

    def texts(self) -> list[str]:
        return [c.text if c is not None else "" for c in self.cells]

    def word_counts(self) -> tuple[int, list[str]]:
        """OCR words read, and the doubtful ones, over the row's cells."""
        cells = [c for c in self.cells if c is not None]
        return sum(c.words for c in cells), [w for c in cells for w in c.doubtful]

    @property
    def is_empty(self) -> bool:
        return not any(c is not None and c.text.strip() for c in self.cells)


@dataclass
class Table:
    """A table as found on one page.

    ``rows`` are in printed order: section title rows, the header row(s),
    then body rows. ``continued`` marks a table found on a page with no header
    of its own, laid on the columns of the table before it.
    """

    page: int
    bbox: BBox
    rows: list[Row]
    extractor: str
    confidence: float = 1.0
    continued: bool = False
    ocr: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def n_columns(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)

    @property
    def header_rows(self) -> int:
        return sum(1 for r in self.rows if r.kind == "header")

    @property
    def header(self) -> list[str]:
        """Column labels: each column's header cells joined, top to bottom."""
        labels = [""] * self.n_columns
        for row in self.rows:
            if row.kind != "header":
                continue
            for i, cell in enumerate(row.cells):
                if cell is not None and cell.text.strip():
                    labels[i] = f"{labels[i]} {cell.text}".strip()
        return [" ".join(label.split()) for label in labels]


@dataclass
class PlanRow:
    """A row of a plan table as stitching leaves it: its cells' text, where
    it stands (page, first or last on it), its section and the reading's
    confidence."""

    cells: list[str]
    page: int
    section: str | None
    first_on_page: bool = False
    last_on_page: bool = False
    extractor: str = ""
    confidence: float = 1.0
    ocr: bool = False
    words: int = 0  # OCR words read into the row's cells
    doubtful: list[str] = field(default_factory=list)  # those read with little confidence
    # A full-width row above that states the recommendation the rows under
    # it act on ("Recommendation 1: The CSP should…"): not a section.
    heading: str | None = None


@dataclass
class PlanTable:
    """One logical plan table: the page tables a header joins, stitched
    across page breaks (``ingest/tables/stitch.py``); normalise reads it."""

    header: list[str]
    rows: list[PlanRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def pages(self) -> tuple[int, int]:
        pages = [r.page for r in self.rows]
        return (min(pages), max(pages)) if pages else (0, 0)
