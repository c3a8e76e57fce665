"""Word house styles whose labels a reader has to interpret (``office.py``
prints them): labels printed in Welsh and English in one cell, and a
column of the review's learning beside the column of recommendations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generate import record
from office_plans import BRYNCOED, BRYNCOED_LEARNING, BRYNCOED_TITLE
from office_word import _set_cell, _set_widths, _word_table
from plans import Recommendation

BILINGUAL_LABELS = [
    "Cyf. / Ref",
    "Argymhelliad / Recommendation",
    "Cam gweithredu / Action",
    "Arweinydd / Lead",
    "Cerrig milltir / Milestones",
    "Dyddiad targed / Target date",
    "Canlyniad / Outcome",
]


def word_bilingual(path: Path, plan: list[Recommendation] = BRYNCOED) -> list[dict[str, Any]]:
    """Word grid, landscape: each label in Welsh, then English, in one cell;
    some target dates in both languages too."""
    doc, table = _word_table(
        BRYNCOED_TITLE, "SWYDDOGOL / OFFICIAL", "Bryncoed DHR 2022/01", BILINGUAL_LABELS, 9, 1.8, landscape=True
    )
    expected = []
    for rec in plan:
        a = rec.actions[0]
        row = table.add_row()
        values = [rec.number, rec.text, a.text, a.lead, a.milestones, a.target, a.outcome]
        for cell, value in zip(row.cells, values, strict=True):
            _set_cell(cell, value, 9)
        expected.append(record(path.with_suffix(".pdf").name, rec, 0))
    _set_widths(table, [1.6, 5.6, 5.0, 3.6, 4.2, 3.0, 2.8])
    doc.save(str(path))
    return expected


def word_learning_column(path: Path, plan: list[Recommendation] = BRYNCOED) -> list[dict[str, Any]]:
    """Word grid, landscape: what the review learnt in a column of its own
    ("Lessons learned"), before the recommendation drawn from it."""
    labels = ["No.", "Lessons learned", "Recommendation", "Action", "Lead officer", "Target date", "Progress"]
    doc, table = _word_table(
        BRYNCOED_TITLE[1:], "OFFICIAL", "Bryncoed DHR 2022/01 – learning and actions", labels, 9, 1.8, landscape=True
    )
    expected = []
    for rec in plan:
        a = rec.actions[0]
        row = table.add_row()
        values = [rec.number, BRYNCOED_LEARNING[rec.number], rec.text, a.text, a.lead, a.target, a.milestones]
        for cell, value in zip(row.cells, values, strict=True):
            _set_cell(cell, value, 9)
        # No outcome column here: the progress column is the milestones.
        expected.append({**record(path.with_suffix(".pdf").name, rec, 0), "outcome": None, "status": None})
    _set_widths(table, [1.2, 5.0, 5.0, 5.0, 3.4, 3.0, 4.2])
    doc.save(str(path))
    return expected
