"""Excel workbooks (``.xlsx``) read into the tables the normaliser takes.

Every visible sheet is read (values, not formulas), hidden rows and columns
skipped. A merged range's value sits in its top-left cell: across columns
the covered cells are ``None`` (one cell spanning them), down rows they are
empty (the normaliser fills a merged recommendation down), as the PDF
finder reports merged cells. The header is the sheet's print-title row (repeated on
every printed page) when it names fields, otherwise the first row naming
enough fields, with a second row of labels under it (``headers``); rows
above it are the sheet's title, never records. A row that is one merged cell across the
table is a section row.
"""

from __future__ import annotations

import datetime as dt
import logging
import warnings
from pathlib import Path
from typing import Any

from ..language.vocabulary import header_fields
from ..model.settings import DEFAULT_SETTINGS, LayoutSettings
from ..model.table import Cell, Row, Table
from .content import OfficeContent
from .header_rows import MAX_HEADER_ROWS, continues_header

log = logging.getLogger(__name__)

EXTRACTOR = "xlsx"
# How far down a sheet the header row is looked for.
HEADER_SEARCH_ROWS = 30


def read_excel(path: Path, settings: LayoutSettings = DEFAULT_SETTINGS) -> OfficeContent:
    """The plan tables of an ``.xlsx`` file, one per sheet that has a header."""
    from openpyxl import load_workbook

    # openpyxl warns of every part it does not keep ("Conditional Formatting
    # extension is not supported and will be removed", data validation,
    # slicers): none holds plan text, and raw warnings would be printed
    # among the import's lines. They are logged for debugging instead.
    with warnings.catch_warnings(record=True) as dropped:
        warnings.simplefilter("always")
        wb = load_workbook(str(path), data_only=True)
    for w in dropped:
        log.debug("%s: openpyxl: %s", path.name, w.message)
    out = OfficeContent()
    opening: list[str] = []
    try:
        out.title = (wb.properties.title or "").strip() or None
        for n, ws in enumerate(wb.worksheets, start=1):
            if ws.sheet_state != "visible":
                out.notes.append(f"sheet '{ws.title}' is hidden: not read")
                continue
            numbers, grid = _grid(ws)
            opening.extend(" ".join(t for t, _s in row if t) for row in grid[:10])
            table = _table(n, ws, numbers, grid, settings)
            if table is not None:
                out.tables.append(table)
    finally:
        wb.close()
    out.opening_text = "\n".join(t for t in opening if t)[:4000]
    out.notes.append(f"Excel workbook: {len(out.tables)} sheet(s) with a header row read from its cells")
    return out


def _grid(ws: Any) -> tuple[list[int], list[list[tuple[str, int]]]]:
    """The sheet's visible rows (their numbers, and their cells as (text,
    span) per column: a span of 0 where a merged range to the left covers
    the cell)."""
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    spans: dict[tuple[int, int], int] = {}
    for rng in ws.merged_cells.ranges:
        spans[(rng.min_row, rng.min_col)] = rng.max_col - rng.min_col + 1
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    covered[(r, c)] = (rng.min_row, rng.min_col)
    from openpyxl.utils import get_column_letter

    columns = [c for c in range(1, ws.max_column + 1) if not ws.column_dimensions[get_column_letter(c)].hidden]
    numbers: list[int] = []
    rows: list[list[tuple[str, int]]] = []
    for r in range(1, ws.max_row + 1):
        if ws.row_dimensions[r].hidden:
            continue
        numbers.append(r)
        row: list[tuple[str, int]] = []
        for c in columns:
            origin = covered.get((r, c))
            if origin is not None:
                # Across columns: covered by the cell on its left; down rows: empty.
                row.append(("", 0 if origin[0] == r else 1))
                continue
            row.append((_text(ws.cell(r, c).value), spans.get((r, c), 1)))
        rows.append(row)
    return numbers, rows


def _text(value: Any) -> str:
    """A cell's value as Excel would print it, dates day first."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y") if value.time() == dt.time() else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _table(
    n: int, ws: Any, numbers: list[int], grid: list[list[tuple[str, int]]], settings: LayoutSettings
) -> Table | None:
    kept = [i for i, row in enumerate(grid) if any(t for t, _s in row)]
    numbers, grid = [numbers[i] for i in kept], [grid[i] for i in kept]
    if not grid:
        return None
    used = [c for c in range(len(grid[0])) if any(row[c][0] or row[c][1] > 1 for row in grid)]
    grid = [[row[c] for c in used] for row in grid]
    width = len(used)
    header = _header_row(ws, numbers, grid, settings)
    if header is None:
        return None
    last_header = header
    while (
        last_header + 1 < len(grid)
        and last_header - header + 1 < MAX_HEADER_ROWS
        and continues_header(grid[last_header], grid[last_header + 1], settings)
    ):
        last_header += 1
    rows: list[Row] = []
    notes: list[str] = [f"sheet '{ws.title}'"]
    title = [" ".join(t for t, _s in row if t) for row in grid[:header]]
    if any(title):
        notes.append(f"'{' / '.join(t for t in title if t)}' above the header: the sheet's title")
    for i, row in enumerate(grid[header:], start=header):
        filled = [(t, s) for t, s in row if t]
        cells = [None if s == 0 else Cell(t) for t, s in row]
        if i <= last_header:
            rows.append(Row("header", cells))
        elif width >= 3 and len(filled) == 1 and filled[0][1] >= width - 1:
            rows.append(Row("section", cells))
        else:
            rows.append(Row("body", cells))
    table = Table(n, (0.0, 0.0, 0.0, 0.0), rows, EXTRACTOR, 1.0)
    table.notes.extend(notes)
    return table


def _header_row(ws: Any, numbers: list[int], grid: list[list[tuple[str, int]]], settings: LayoutSettings) -> int | None:
    """The header's index in ``grid``: the sheet's print-title row (repeated
    on every printed page) when it names fields, else the first row naming
    enough fields."""

    def names_fields(i: int) -> bool:
        labels = [t for t, _s in grid[i]]
        return header_fields(labels, settings.header_field_score) >= settings.min_header_fields

    titles = _print_title_rows(ws)
    for i, number in enumerate(numbers):
        if number in titles and names_fields(i):
            return i
    return next((i for i in range(min(len(grid), HEADER_SEARCH_ROWS)) if names_fields(i)), None)


def _print_title_rows(ws: Any) -> set[int]:
    """The sheet rows set to print at the top of every page ("3:4")."""
    spec = str(ws.print_title_rows or "")
    try:
        first, _, last = spec.replace("$", "").partition(":")
        return set(range(int(first), int(last or first) + 1))
    except ValueError:
        return set()
