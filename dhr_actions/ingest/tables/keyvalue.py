"""Key–value plans: one small block per recommendation, labels on the left.

Some plans print no header row at all: each recommendation is a small
two-column table or a block of lines, a field's label on the left and its
value beside it ("Recommendation 3 | …", "Action | …", "Lead | …", "Target
date | …"). The table finder finds no header line in them. This reader
turns such blocks into an ordinary :class:`~dhr_actions.model.table.Table`
(the labels as its header, a row per block), so that stitching, column
mapping and the plan check treat them like any other plan.

A line is a key–value line when its first phrase is a field label (scored
by the column vocabulary) and text stands to its right; lines below that
start at the value's left edge go on with the value. A block starts at a
recommendation label, or where a field repeats.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median

from ...language.vocabulary import best_field
from ...model.geometry import Line, Word
from ...model.keyvalue import LABEL_REF, KeyValueBlock, label_shaped, tables_of_blocks
from ...model.settings import LayoutSettings
from ...model.table import Table
from .celltext import cell_text
from .finder import PageFindings


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


def keyvalue_tables(
    pages: Sequence[PageFindings], extractor: str, settings: LayoutSettings, notes: list[str] | None = None
) -> list[Table]:
    """The key–value blocks of a document (its pages as the finder saw them,
    furniture removed) as tables, one per page; none when fewer than two
    blocks qualify (``model.keyvalue.refusal``); ``notes`` gets why."""
    blocks: list[_Block] = []
    for found in pages:
        _read_blocks(found.page.number, found.lines, found.gap, settings, blocks)
    scanned = {found.page.number for found in pages if found.page.ocr}
    tables = tables_of_blocks([_as_block(b, settings) for b in blocks], extractor, settings.unruled_confidence, notes)
    for table in tables:
        table.ocr = table.page in scanned  # its records say they were read by OCR
    return tables


def blocks_on_page(number: int, lines: list[Line], gap: float, settings: LayoutSettings) -> list[KeyValueBlock]:
    """The key–value blocks one page holds on its own (page triage asks
    whether any would qualify, before the page is read in full)."""
    blocks: list[_Block] = []
    _read_blocks(number, lines, gap, settings, blocks)
    return [_as_block(b, settings) for b in blocks]


def _as_block(block: _Block, settings: LayoutSettings) -> KeyValueBlock:
    entries = [(e.key, e.label, cell_text(e.words, settings.paragraph_gap_em)) for e in block.entries]
    return KeyValueBlock(block.page, block.ref, entries, block.top, block.bottom)


@dataclass
class _Label:
    """A field's label as printed: one or more lines in the label column."""

    text: str
    key: str
    ref: str | None
    top: float
    bottom: float
    x0: float
    x1: float


def _read_blocks(page: int, lines: list[Line], gap: float, settings: LayoutSettings, blocks: list[_Block]) -> None:
    """Labels down the left, values beside them. Values are read as runs of
    lines and given to the label they stand level with, so cells set to the
    top, middle or bottom of their row read alike; a run beside several
    labels (cells with no space between) is cut where each label starts."""
    labels = _labels(lines, gap, settings)
    if not labels:
        # A page of values only: the last block's value running on.
        if blocks and blocks[-1].entries:
            edge = blocks[-1].entries[-1].value_x
            runs = [ln for ln in lines if abs(ln.x0 - edge) <= 3 and ln.top - lines[0].top < 30 * ln.size]
            blocks[-1].entries[-1].words.extend(w for ln in runs for w in ln.words)
        return
    label_right = max(lab.x1 for lab in labels)
    values: list[list[Line]] = []
    beside = [
        min(w.x0 for w in ln.words if w.x0 > label_right + 1)
        for ln in lines
        if any(w.x0 > label_right + 1 for w in ln.words) and any(lab.top - 1 <= ln.top <= lab.bottom for lab in labels)
    ]
    value_left = median(beside) if beside else label_right
    for ln in lines:
        in_labels = any(lab.top - 1 <= ln.top and ln.bottom <= lab.bottom + 1 for lab in labels)
        right = [w for w in ln.words if w.x0 > label_right + 1]
        if not right:
            continue
        if not in_labels and (ln.x0 < label_right or abs(right[0].x0 - value_left) > 3):
            continue  # across the label column, or off the values' edge: a title or prose
        part = Line(right)
        if values and part.top - values[-1][-1].bottom <= settings.kv_run_gap_em * part.size:
            values[-1].append(part)
        else:
            values.append([part])
    entries = _entries(labels, values, settings)
    current = blocks[-1] if blocks else None
    for lab, words in entries:
        if lab.top < labels[0].top:
            if current is not None and current.entries:
                current.entries[-1].words.extend(words)  # over the page break
            continue
        if current is None or lab.key == "recommendation" or lab.key in current.fields():
            current = _Block(page, top=lab.top)
            blocks.append(current)
        if lab.ref:
            current.ref = lab.ref
        value_x = min((w.x0 for w in words), default=label_right)
        current.entries.append(_Entry(lab.text, lab.key, list(words), value_x, 0.0))
        current.bottom = max([lab.bottom, *(w.bottom for w in words)])


def _labels(lines: list[Line], gap: float, settings: LayoutSettings) -> list[_Label]:
    """The field labels opening lines, with a label's wrapped rest
    ("Recommendation" / "1", "Target" / "date") joined to it. A label alone
    on its line (its value level with it further up or down) is short."""
    out: list[_Label] = []
    for line in lines:
        segments = line.segments(gap)
        first = segments[0]
        text = first.text
        prev = out[-1] if out else None
        under = prev is not None and line.top - prev.bottom <= settings.kv_run_gap_em * line.size
        ref_match = LABEL_REF.match(text)
        scored = best_field(ref_match.group("label")) if ref_match else None
        words = settings.max_label_words if len(segments) > 1 else settings.kv_lone_label_words
        if scored is None and label_shaped(text, words):
            scored = best_field(text)
        if under and prev is not None and first.x1 <= prev.x1 + 2 and len(first.words) <= 2:
            joined = f"{prev.text} {text}"
            more = LABEL_REF.match(joined)
            if not more and _ocr_one(first.words):  # OCR's "i" or "l" for the number 1
                more = LABEL_REF.match(f"{prev.text} 1")
            whole = best_field(joined)
            if more and prev.key == "recommendation" and prev.ref is None:
                prev.ref, prev.bottom = more.group("ref"), line.bottom
                continue
            if scored is None or (whole is not None and whole.field == prev.key == scored.field):
                if whole is not None and whole.field == prev.key:
                    prev.text = joined
                prev.bottom = line.bottom
                continue
        if scored is not None and scored.score >= settings.header_field_score:
            key = "recommendation" if ref_match else scored.field
            label = ref_match.group("label") if ref_match else text
            ref = ref_match.group("ref") if ref_match else None
            out.append(_Label(label, key, ref, line.top, line.bottom, first.x0, first.x1))
    # The labels line up down the left: a title or a line of prose opening
    # with a field's name elsewhere on the page is none.
    if not out:
        return out
    bucket = settings.kv_label_indent_pt
    column = Counter(round(lab.x0 / bucket) for lab in out).most_common(1)[0][0]
    return [lab for lab in out if abs(lab.x0 / bucket - column) <= 1]


# Letters OCR reads a lone "1" as.
_ONE_LIKE = frozenset("iIl|!")


def _ocr_one(words: Sequence[Word]) -> bool:
    """Is this one OCR'd one-like letter, standing where a number is due?"""
    return len(words) == 1 and words[0].confidence is not None and words[0].text in _ONE_LIKE


def _entries(labels: list[_Label], runs: list[list[Line]], settings: LayoutSettings) -> list[tuple[_Label, list[Word]]]:
    """Each label with the value words level with it."""
    got: dict[int, list[Word]] = {id(lab): [] for lab in labels}
    before: list[Word] = []
    for run in runs:
        top, bottom = run[0].top, run[-1].bottom
        level = [lab for lab in labels if lab.top < bottom and top < lab.bottom]
        if len(level) > 1:
            # Cells with no space between: cut the run where each label starts.
            for ln in run:
                owner = max((lab for lab in level if lab.top <= ln.bottom), key=lambda lab: lab.top, default=level[0])
                got[id(owner)].extend(ln.words)
            continue
        if not level:
            mid = (top + bottom) / 2
            near = min(labels, key=lambda lab: abs((lab.top + lab.bottom) / 2 - mid))
            if abs((near.top + near.bottom) / 2 - mid) > settings.kv_reach_em * run[0].size + (bottom - top) / 2:
                if bottom <= labels[0].top:
                    before.extend(w for ln in run for w in ln.words)
                continue
            level = [near]
        got[id(level[0])].extend(w for ln in run for w in ln.words)
    out = [(lab, got[id(lab)]) for lab in labels]
    if before:
        out.insert(0, (_Label("", labels[0].key, None, labels[0].top - 1, labels[0].top - 1, 0.0, 0.0), before))
    return out
