"""The camelot extractor: ruled tables through camelot's lattice parser.

Camelot finds the grid of a ruled table from its drawn lines and fills the
cells; this adapter decides which grid rows are headers (by the same column
vocabulary as the layout extractor), which are full-width section rows (one
text spanning the row), and which are body rows. Tables with no vertical
rules are out of lattice's reach: use the default ``pdfplumber`` extractor,
which handles ruled, horizontal-rule-only and borderless tables alike.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ...language.vocabulary import header_fields
from ...model.geometry import BULLET_START
from ...model.settings import DEFAULT_SETTINGS, LayoutSettings
from ...model.table import Cell, Row, Table
from ..pages.reading import LIGATURES, cid_free

log = logging.getLogger(__name__)


class CamelotExtractor:
    name = "camelot"

    def __init__(self, flavor: str = "lattice", line_scale: int = 40, settings: LayoutSettings | None = None) -> None:
        self.settings = settings or DEFAULT_SETTINGS
        if flavor not in {"lattice", "network", "hybrid", "stream"}:
            raise ValueError(f"flavor: unknown camelot flavor {flavor!r}")
        self.flavor = flavor
        self.line_scale = line_scale

    def extract(self, path: Path) -> list[Table]:
        import camelot
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            heights = [float(p.height) for p in pdf.pages]
        kwargs: dict[str, Any] = {"flavor": self.flavor, "pages": "all", "suppress_stdout": True}
        if self.flavor == "lattice":
            kwargs["line_scale"] = self.line_scale
        found = camelot.read_pdf(str(path), **kwargs)
        tables: list[Table] = []
        previous_columns: int | None = None
        for ct in sorted(found, key=lambda t: (int(t.page), -t._bbox[3])):
            page = int(ct.page)
            table = _to_table(ct, page, heights[page - 1], self.settings)
            if table is None:
                continue
            if not table.header_rows:
                if previous_columns != table.n_columns:
                    continue
                table.continued = True
            previous_columns = table.n_columns
            tables.append(table)
        return tables


def _to_table(ct: Any, page: int, height: float, settings: LayoutSettings) -> Table | None:
    grid = ct.cells
    if not grid:
        return None
    texts = [[" ".join(cid_free(c.text.translate(LIGATURES)).split()) if c.text else "" for c in row] for row in grid]
    header_at = next(
        (
            i
            for i, row in enumerate(texts)
            if header_fields(row, settings.header_field_score) >= settings.min_header_fields
        ),
        None,
    )
    rows: list[Row] = []
    for i, (cells, row_texts) in enumerate(zip(grid, texts, strict=True)):
        filled = [t for t in row_texts if t]
        spanning = all(c.hspan for c in cells[1:]) if len(cells) > 1 else False
        bbox = (cells[0].x1, height - cells[0].y2, cells[-1].x2, height - cells[0].y1)
        if header_at is not None and i <= header_at:
            if i == header_at:
                kind = "header"
            elif len(filled) == 1 and row_texts[0] and spanning:
                kind = "section"
            else:
                continue  # title lines caught inside the grid
        elif header_at is not None and row_texts == texts[header_at]:
            continue  # the header repeated inside one grid
        elif len(filled) == 1 and row_texts[0] and spanning:
            kind = "section"
        else:
            kind = "body"
        out: list[Cell | None] = []
        for c in cells:
            text = "\n".join(
                line.strip() for line in cid_free(c.text.translate(LIGATURES)).splitlines() if line.strip()
            )
            out.append(Cell(_rejoin(text), (c.x1, height - c.y2, c.x2, height - c.y1)))
        if kind == "section":
            out = [Cell(" ".join(row_texts[0].split()), bbox)] + [None] * (len(cells) - 1)
        rows.append(Row(kind, out, bbox))  # type: ignore[arg-type]
    x0, y0, x1, y1 = ct._bbox
    report = getattr(ct, "parsing_report", {}) or {}
    confidence = float(report.get("accuracy", 100.0)) / 100.0
    return Table(page, (x0, height - y1, x1, height - y0), rows, "camelot", round(confidence, 3))


def _rejoin(text: str) -> str:
    """Camelot breaks a cell at every printed line: wrapped lines join back
    with spaces, lines opening a bullet or list item stay on their own."""
    out: list[str] = []
    for line in text.splitlines():
        if out and not BULLET_START.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(out)
