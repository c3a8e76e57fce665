"""Word documents (``.docx``) read into the tables the normaliser takes.

A Word file carries its table structure: rows, cells, merged cells and
header rows are in the XML, so nothing is guessed from positions. Tables are
read in body order (a table nested in a cell is read into that cell's text),
with a horizontally merged cell (``gridSpan``) in its first column and
``None`` in the columns it covers, and a vertically merged one
(``vMerge``) in its top row and empty below, which is how the PDF finder
reports merged cells too. Rows marked to repeat as a header (``tblHeader``)
are the header; otherwise the first row naming enough fields is, with a
second row of labels under it (``headers``). A row that
is one cell across the table is a section row, and a short heading
paragraph just above a table names the section of its rows. Numbered
paragraphs get the number Word prints before them (``numbering``). Tables
of two columns whose left cells are field labels are key–value blocks.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from ..language.vocabulary import DOCUMENT_TITLE, header_fields
from ..model.keyvalue import KeyValueBlock, label_field, tables_of_blocks
from ..model.settings import DEFAULT_SETTINGS, LayoutSettings
from ..model.table import Cell, Row, RowKind, Table
from .content import OfficeContent
from .header_rows import MAX_HEADER_ROWS, continues_header
from .numbering import Numbering

EXTRACTOR = "docx"
# How many leading rows may hold a title before the header row.
HEADER_SEARCH_ROWS = 4


def read_word(path: Path, settings: LayoutSettings = DEFAULT_SETTINGS) -> OfficeContent:
    """The tables of a ``.docx`` file, with its title and opening text."""
    from docx import Document

    doc = Document(str(path))
    reader = _WordReader(doc, settings)
    content = reader.read()
    content.title = (doc.core_properties.title or "").strip() or None
    return content


class _WordReader:
    def __init__(self, doc: Any, settings: LayoutSettings) -> None:
        self.doc = doc
        self.s = settings
        self.numbering = Numbering(doc)

    def read(self) -> OfficeContent:
        out = OfficeContent()
        paragraphs: list[str] = []  # since the last table
        kv: list[KeyValueBlock] = []
        opening: list[str] = []
        n = 0
        for kind, el in _blocks(self.doc.element.body):
            if kind == "p":
                text = self._paragraph(el)
                if text.strip():
                    paragraphs.append(text.strip())
                    if sum(len(t) for t in opening) < 4000:
                        opening.append(text.strip())
                continue
            n += 1
            grid = self._grid(el)
            if not grid:
                continue
            if self._is_key_value(grid):
                self._key_values(n, grid, kv)
            else:
                table = self._table(n, grid, paragraphs[-1] if paragraphs else None)
                out.tables.append(table)
            paragraphs = []
        out.tables.extend(tables_of_blocks(kv, EXTRACTOR, 1.0, out.notes))
        out.tables.sort(key=lambda t: t.page)
        out.opening_text = "\n".join(opening)
        out.notes.append(f"Word document: {n} table(s) read from its structure")
        return out

    # -- text ------------------------------------------------------------
    def _paragraph(self, p: Any) -> str:
        """A paragraph's text as printed: its list number, then its runs
        (tabs and line breaks kept, deleted revisions and field codes not)."""
        parts: list[str] = []
        for el in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
            if el.tag == qn("w:t"):
                parts.append(el.text or "")
            elif el.tag == qn("w:tab"):
                parts.append("\t")
            else:
                parts.append("\n")
        text = "".join(parts)
        label = self.numbering.label(p)
        if not label:
            return text
        return f"{label} {text}" if text.strip() else label

    def _cell_text(self, tc: Any) -> str:
        lines: list[str] = []
        for kind, el in _blocks(tc):
            if kind == "p":
                text = self._paragraph(el).strip()
                if text:
                    lines.append(text)
            else:  # a table nested in the cell: its rows, one per line
                for row in self._grid(el):
                    cells = [c.text for c, _span in row.cells if c is not None and c.text]
                    if cells:
                        lines.append(" ".join(cells))
        return "\n".join(lines)

    # -- structure -------------------------------------------------------
    def _grid(self, tbl: Any) -> list[_GridRow]:
        rows: list[_GridRow] = []
        for tr in tbl.iter(qn("w:tr")):
            if _parent_table(tr) is not tbl:
                continue  # a row of a nested table
            trpr = tr.find(qn("w:trPr"))
            header = trpr is not None and _on(trpr.find(qn("w:tblHeader")))
            before = int(_val(trpr, "w:gridBefore") or 0) if trpr is not None else 0
            cells: list[tuple[Cell | None, int]] = [(None, 1)] * before
            for tc in tr.findall(qn("w:tc")):
                tcpr = tc.find(qn("w:tcPr"))
                span = int(_val(tcpr, "w:gridSpan") or 1) if tcpr is not None else 1
                vmerge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
                continued = vmerge is not None and vmerge.get(qn("w:val")) in (None, "continue")
                text = "" if continued else self._cell_text(tc)
                cells.append((Cell(text), span))
                cells.extend([(None, 0)] * (span - 1))
            rows.append(_GridRow(cells, header))
        width = max((len(r.cells) for r in rows), default=0)
        for r in rows:
            r.cells.extend([(Cell(""), 1)] * (width - len(r.cells)))
        return rows

    def _table(self, n: int, grid: list[_GridRow], heading: str | None) -> Table:
        width = len(grid[0].cells)
        header_at = [i for i, r in enumerate(grid) if r.header]
        if not header_at:
            named = [
                i
                for i, r in enumerate(grid[:HEADER_SEARCH_ROWS])
                if header_fields(r.texts(), self.s.header_field_score) >= self.s.min_header_fields
            ]
            header_at = named[:1]
        while header_at and header_at[-1] + 1 < len(grid) and len(header_at) < MAX_HEADER_ROWS:
            below = header_at[-1] + 1
            if grid[below].header or not continues_header(grid[header_at[-1]].spans(), grid[below].spans(), self.s):
                break
            header_at.append(below)
        rows: list[Row] = []
        notes: list[str] = []
        if heading and header_at and self._is_heading(heading):
            rows.append(Row("section", [Cell(heading)] + [None] * (width - 1)))
            notes.append(f"'{heading}' above the table, short: the section of its rows")
        first_header = header_at[0] if header_at else None
        for i, r in enumerate(grid):
            if first_header is not None and i < first_header and not r.is_section(width):
                if r.texts() and any(r.texts()):
                    notes.append(f"'{' '.join(t for t in r.texts() if t)}' above the header: the table's title")
                continue
            kind: RowKind = "header" if i in header_at else ("section" if r.is_section(width) else "body")
            rows.append(Row(kind, [c for c, _span in r.cells]))
        table = Table(n, (0.0, 0.0, 0.0, 0.0), rows, EXTRACTOR, 1.0, continued=not header_at)
        table.notes.extend([f"table {n}: {note}" for note in notes])
        return table

    def _is_heading(self, text: str) -> bool:
        """A short heading paragraph: not a sentence, not the document's title."""
        return (
            len(text.split()) <= self.s.title_max_words
            and not text.rstrip().endswith(".")
            and not DOCUMENT_TITLE.search(text)
            and header_fields([text], self.s.header_field_score) == 0
        )

    # -- key-value tables --------------------------------------------------
    def _label(self, text: str) -> tuple[str, str, str | None] | None:
        return label_field(text, self.s.max_label_words, self.s.header_field_score)

    def _is_key_value(self, grid: list[_GridRow]) -> bool:
        pairs = [r for r in grid if len([c for c, _s in r.cells if c is not None]) == 2]
        if len(pairs) < 2 or len(pairs) < 0.6 * len(grid):
            return False
        labelled = sum(1 for r in pairs if self._label(r.texts()[0]))
        return labelled >= 0.6 * len(pairs) and not any(r.header for r in grid)

    def _key_values(self, n: int, grid: list[_GridRow], blocks: list[KeyValueBlock]) -> None:
        """Each two-cell row a field: a block starts at a recommendation
        label or where a field repeats."""
        for r in grid:
            texts = [c.text for c, _s in r.cells if c is not None]
            if len(texts) != 2:
                continue
            found = self._label(texts[0])
            if found is None:
                continue
            key, label, ref = found
            current = blocks[-1] if blocks else None
            if current is None or key == "recommendation" or key in current.fields():
                current = KeyValueBlock(n, None, [])
                blocks.append(current)
            if ref:
                current.ref = ref
            current.entries.append((key, label, texts[1]))


class _GridRow:
    """One table row: each grid column's cell (``None`` where a merged cell
    to the left covers it) with the number of columns it spans."""

    def __init__(self, cells: list[tuple[Cell | None, int]], header: bool) -> None:
        self.cells = cells
        self.header = header

    def texts(self) -> list[str]:
        return [c.text if c is not None else "" for c, _span in self.cells]

    def spans(self) -> list[tuple[str, int]]:
        return [(c.text if c is not None else "", span) for c, span in self.cells]

    def is_section(self, width: int) -> bool:
        """One cell across the table (all but one column at least)."""
        spans = [(c, span) for c, span in self.cells if c is not None and c.text.strip()]
        return width >= 3 and len(spans) == 1 and spans[0][1] >= width - 1


def _blocks(parent: Any) -> Iterator[tuple[str, Any]]:
    """Paragraphs and tables in document order, inside content controls too."""
    for el in parent.iterchildren():
        if el.tag == qn("w:p"):
            yield "p", el
        elif el.tag == qn("w:tbl"):
            yield "tbl", el
        elif el.tag == qn("w:sdt"):
            content = el.find(qn("w:sdtContent"))
            if content is not None:
                yield from _blocks(content)


def _parent_table(el: Any) -> Any:
    parent = el.getparent()
    while parent is not None and parent.tag != qn("w:tbl"):
        parent = parent.getparent()
    return parent


def _val(el: Any, tag: str) -> str | None:
    child = el.find(qn(tag)) if el is not None else None
    return None if child is None else child.get(qn("w:val"))


def _on(el: Any) -> bool:
    """A Word on/off property: present and not switched off."""
    return el is not None and el.get(qn("w:val")) not in ("0", "false", "off")
