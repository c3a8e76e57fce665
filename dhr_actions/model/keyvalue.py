"""Key–value blocks as a table: one small block per recommendation, a
field's label on the left and its value beside it ("Recommendation 3 | …",
"Action | …", "Lead | …", "Target date | …"), read by the PDF finder
(``ingest/tables/keyvalue.py``) or the Word reader alike and turned into an
ordinary :class:`~dhr_actions.model.table.Table` (the labels as its header,
a row per block), so that stitching, column mapping and the plan check treat
them like any other plan."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..language.vocabulary import best_field
from .table import Cell, Row, Table

# "Recommendation 3", "Recommendation No. 12", "Rec 2a": the label carries the ref.
LABEL_REF = re.compile(
    r"^(?P<label>(?:recommendation|rec)\.?)\s*(?:no\.?|number)?\s*(?P<ref>[A-Z]{0,4}\d{1,3}(?:\.\d{1,3})*[a-z]?)\s*[.:]?$",
    re.I,
)
REF_LABEL = "Ref"
# Fields a block must name for the blocks to be a plan: what is recommended,
# and who does it or by when (the plan check applies its rules after). A
# progress or outcome label is no plan's alone: guidance and terms of
# reference print "Outcomes" and "Actions" over lists of their own.
_CORE = {"recommendation", "action"}
_SUPPORT = {"lead", "target_date_text"}
MIN_BLOCKS = 2


@dataclass
class KeyValueBlock:
    """One recommendation's fields as (field, label, value text)."""

    page: int
    ref: str | None
    entries: list[tuple[str, str, str]]
    top: float = 0.0
    bottom: float = 0.0

    def fields(self) -> set[str]:
        return {key for key, _label, _text in self.entries}


def label_field(text: str, max_words: int, min_score: float) -> tuple[str, str, str | None] | None:
    """(field, label, ref) when ``text`` is a field's label ("Lead",
    "Target date", "Recommendation 3"), else None."""
    ref_match = LABEL_REF.match(text.strip())
    if ref_match:
        return "recommendation", ref_match.group("label"), ref_match.group("ref")
    if not label_shaped(text, max_words):
        return None
    scored = best_field(text)
    if scored is None or scored.score < min_score:
        return None
    return scored.field, text.strip(), None


def label_shaped(text: str, max_words: int) -> bool:
    """Is ``text`` shaped as a label: a short phrase opening with a capital,
    no sentence ending inside it and none cut off after a comma? A line of
    a column of prose ("out a range of measures and recommendations to",
    "Sussex but are under the responsibility of another. The") names a
    field by a word inside a sentence, and is none."""
    words = text.strip().rstrip(":").split()
    if not words or len(words) > max_words or not words[0][0].isupper():
        return False
    return not _SENTENCE_BREAK.search(text) and not text.rstrip().endswith((",", ";"))


# A full stop, question or exclamation mark, then a word: one sentence ends
# and another begins ("… agencies. The").
_SENTENCE_BREAK = re.compile(r"[a-z)][.!?]\s+\S")


def refusal(block: KeyValueBlock) -> str | None:
    """Why ``block`` is no recommendation's block of a plan, or None when it
    is one: it opens with the recommendation's label or a reference, and
    names what is recommended or done, and who does it or by when."""
    fields = block.fields()
    opening = block.entries[0][0] if block.entries else None
    if block.ref is None and opening not in ("recommendation", "ref"):
        return "it does not open with a recommendation or a reference"
    if not fields & _CORE:
        return "it names no recommendation or action"
    if not fields & _SUPPORT:
        return "it names neither a lead nor a target date"
    if len(fields) < 3:
        return "it names fewer than three fields"
    return None


def tables_of_blocks(
    blocks: list[KeyValueBlock], extractor: str, confidence: float, notes: list[str] | None = None
) -> list[Table]:
    """Key–value blocks as tables (the labels as header, a row per block),
    one per page; none unless two blocks each open with a recommendation or
    a reference and name what is recommended and who or when. ``notes``
    gets which blocks qualified and why others were refused."""
    verdicts = [(b, refusal(b)) for b in blocks]
    good = [b for b, why in verdicts if why is None]
    if notes is not None and blocks:
        notes.extend(_explained(verdicts, len(good)))
    if len(good) < MIN_BLOCKS:
        return []
    labels = _columns(good)
    tables = []
    for number in sorted({b.page for b in good}):
        on_page = [b for b in good if b.page == number]
        tables.append(_table(number, on_page, labels, extractor, confidence))
    return tables


def _explained(verdicts: list[tuple[KeyValueBlock, str | None]], good: int) -> list[str]:
    """A note on the ``good`` blocks that qualified and one per reason others
    were refused (with the first block refused for it)."""
    out = []
    if good:
        verdict = "a plan" if good >= MIN_BLOCKS else f"no plan: fewer than {MIN_BLOCKS}"
        out.append(f"key–value blocks: {good} qualified ({verdict})")
    refused: dict[str, list[KeyValueBlock]] = {}
    for b, why in verdicts:
        if why is not None:
            refused.setdefault(why, []).append(b)
    for why, these in refused.items():
        first = these[0]
        label = first.entries[0][1] if first.entries else ""
        out.append(f"key–value blocks: {len(these)} refused, {why} (the first on page {first.page}, opening {label!r})")
    return out


def _columns(blocks: list[KeyValueBlock]) -> list[tuple[str, str]]:
    """(field, label) per column, in the order the blocks print them."""
    seen: dict[str, str] = {}
    for block in blocks:
        for key, label, _text in block.entries:
            seen.setdefault(key, label)
    columns = list(seen.items())
    if any(b.ref for b in blocks):
        columns.insert(0, ("ref", REF_LABEL))
    return columns


def _table(
    page: int, blocks: list[KeyValueBlock], labels: list[tuple[str, str]], extractor: str, confidence: float
) -> Table:
    header = Row("header", [Cell(label) for _f, label in labels])
    rows = [header]
    for b in blocks:
        cells: list[Cell | None] = []
        for fld, _label in labels:
            if fld == "ref":
                cells.append(Cell(b.ref or ""))
                continue
            cells.append(Cell("\n".join(text for key, _label, text in b.entries if key == fld and text)))
        rows.append(Row("body", cells, (0.0, b.top, 0.0, b.bottom)))
    top = min(b.top for b in blocks)
    bottom = max(b.bottom for b in blocks)
    table = Table(page, (0.0, top, 0.0, bottom), rows, extractor, confidence)
    table.notes.append("no header row: read as key–value blocks (a field's label, its value beside it)")
    return table
