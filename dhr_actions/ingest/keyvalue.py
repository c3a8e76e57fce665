"""Key–value plans: one small block per recommendation, labels on the left.

Some plans print no header row at all: each recommendation is a small
two-column table or a block of lines, a field's label on the left and its
value beside it ("Recommendation 3 | …", "Action | …", "Lead | …", "Target
date | …"). The table finder finds no header line in them. This reader
turns such blocks into an ordinary :class:`~dhr_actions.ingest.table.Table`
(the labels as its header, a row per block), so that stitching, column
mapping and the plan check treat them like any other plan.

A line is a key–value line when its first phrase is a field label (scored
by the column vocabulary) and text stands to its right; lines below that
start at the value's left edge go on with the value. A block starts at a
recommendation label, or where a field repeats.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..vocabulary import best_field
from .finder import PageFindings
from .layout import Line, Word, cell_text
from .settings import LayoutSettings
from .table import Cell, Row, Table

# "Recommendation 3", "Recommendation No. 12", "Rec 2a": the label carries the ref.
_LABEL_REF = re.compile(
    r"^(?P<label>(?:recommendation|rec)\.?)\s*(?:no\.?|number)?\s*(?P<ref>[A-Z]{0,4}\d{1,3}(?:\.\d{1,3})*[a-z]?)\s*[.:]?$",
    re.I,
)
REF_LABEL = "Ref"
# Fields a block must name for the blocks to be a plan: what is recommended,
# and who does it or by when (the plan check applies its rules after).
_CORE = {"recommendation", "action"}
_SUPPORT = {"lead", "target_date_text", "milestones", "outcome", "rag"}
MIN_BLOCKS = 2


@dataclass
class _Entry:
    label: str
    key: str  # the field its label names
    words: list[Word] = field(default_factory=list)
    value_x: float = 0.0
    label_x: float = 0.0


@dataclass
class _Block:
    page: int
    entries: list[_Entry] = field(default_factory=list)
    ref: str | None = None
    top: float = 0.0
    bottom: float = 0.0

    def fields(self) -> set[str]:
        return {e.key for e in self.entries}


def keyvalue_tables(pages: Sequence[PageFindings], extractor: str, settings: LayoutSettings) -> list[Table]:
    """The key–value blocks of a document (its pages as the finder saw them,
    furniture removed) as tables, one per page; none when fewer than two
    blocks each name what is recommended and who or when."""
    blocks: list[_Block] = []
    for found in pages:
        _read_blocks(found.page.number, found.lines, found.gap, settings, blocks)
    good = [b for b in blocks if b.fields() & _CORE and b.fields() & _SUPPORT and len(b.fields()) >= 3]
    if len(good) < MIN_BLOCKS:
        return []
    labels = _columns(good)
    tables = []
    for number in sorted({b.page for b in good}):
        on_page = [b for b in good if b.page == number]
        tables.append(_table(number, on_page, labels, extractor, settings))
    return tables


def _read_blocks(page: int, lines: list[Line], gap: float, settings: LayoutSettings, blocks: list[_Block]) -> None:
    current = blocks[-1] if blocks else None
    entry = current.entries[-1] if current and current.entries else None
    for line in lines:
        segments = line.segments(gap)
        label = segments[0]
        scored = best_field(label.text) if len(label.words) <= settings.max_label_words else None
        ref_match = _LABEL_REF.match(label.text)
        if ref_match:
            scored = best_field(ref_match.group("label")) or scored
        # Lines far below the block are not its value, nor its label's rest.
        near = current is not None and line.top - current.bottom <= 3 * line.size
        if len(segments) >= 2 and scored is not None and scored.score >= settings.header_field_score:
            fld = "recommendation" if ref_match else scored.field
            # A block goes on (over a page break too) until a recommendation
            # label or a field it has already.
            if current is None or fld == "recommendation" or fld in current.fields():
                current = _Block(page, top=line.top)
                blocks.append(current)
            if ref_match:
                current.ref = ref_match.group("ref")
            text = ref_match.group("label") if ref_match else label.text
            entry = _Entry(text, fld, [w for s in segments[1:] for w in s.words], segments[1].x0, label.x0)
            current.entries.append(entry)
            current.bottom = line.bottom
        elif entry is not None and current is not None and not near:
            entry = None
        elif (
            entry is not None
            and current is not None
            and abs(line.x0 - entry.label_x) <= 3
            and line.x0 < entry.value_x - 2
        ):
            # The label wrapped in its narrow cell ("Recommendation" / "1"):
            # the rest of the label, and the value going on beside it.
            more = _LABEL_REF.match(f"{entry.label} {segments[0].text}")
            if more and entry.key == "recommendation" and current.ref is None:
                current.ref = more.group("ref")
            else:
                entry.label = f"{entry.label} {segments[0].text}"
            entry.words.extend(w for seg in segments[1:] for w in seg.words)
            current.bottom = line.bottom
        elif entry is not None and current is not None and line.x0 >= entry.value_x - 2:
            entry.words.extend(line.words)
            current.bottom = line.bottom
        else:
            entry = None


def _columns(blocks: list[_Block]) -> list[tuple[str, str]]:
    """(field, label) per column, in the order the blocks print them."""
    seen: dict[str, str] = {}
    for block in blocks:
        for e in block.entries:
            seen.setdefault(e.key, e.label)
    columns = list(seen.items())
    if any(b.ref for b in blocks):
        columns.insert(0, ("ref", REF_LABEL))
    return columns


def _table(
    page: int, blocks: list[_Block], labels: list[tuple[str, str]], extractor: str, settings: LayoutSettings
) -> Table:
    header = Row("header", [Cell(label) for _f, label in labels])
    rows = [header]
    for b in blocks:
        cells: list[Cell | None] = []
        for fld, _label in labels:
            if fld == "ref":
                cells.append(Cell(b.ref or ""))
                continue
            words = [w for e in b.entries if e.key == fld for w in e.words]
            cells.append(Cell(cell_text(words, settings.paragraph_gap_em)))
        rows.append(Row("body", cells, (0.0, b.top, 0.0, b.bottom)))
    top = min(b.top for b in blocks)
    bottom = max(b.bottom for b in blocks)
    table = Table(page, (0.0, top, 0.0, bottom), rows, extractor, settings.unruled_confidence)
    table.notes.append("no header row: read as key–value blocks (a field's label, its value beside it)")
    return table
