"""Turn stitched plan tables into common records.

One record per logical row: a row that prints its own reference (a ref
column, an action code, or a number opening the recommendation) starts a
record; a row without one continues the record above (the rest of a row cut
by a page break, or a sub-row of the same recommendation). A merged
recommendation cell fills down: every row under it carries its text, and an
action code's number ("2B") names the recommendation it belongs to. In a
table that prints no references at all, every row is a record except a
page's first row whose leading cell is empty (the rest of a cut row).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model.table import PlanRow, PlanTable
from . import dates
from . import status as status_rules
from .columns import ColumnMapping, map_columns
from .record import Record
from .refs import (
    recommendation_number,
    split_leading_ref,
)
from .rows import RowInfo, row_infos
from .text import clean_cell, join_parts

# Fields filled from cells, apart from the recommendation (shared by merged cells).
CELL_FIELDS = ("scope", "action", "lead", "milestones", "target_date_text", "outcome", "rag")


@dataclass
class _Draft:
    ref: str | None
    section: str | None
    rec: list[str] | None
    filled: bool = False  # rec is a merged cell's text, filled down from above
    parts: dict[str, list[str]] = field(default_factory=dict)
    rows: list[PlanRow] = field(default_factory=list)

    def add(self, info: RowInfo) -> None:
        for name in CELL_FIELDS:
            text = info.cells.get(name, "")
            if text:
                self.parts.setdefault(name, []).append(text)
        self.rows.extend(info.rows)


def table_mapping(table: PlanTable) -> ColumnMapping:
    return map_columns(table.header, [r.cells for r in table.rows])


def records_from_table(
    table: PlanTable, document: str, start: int = 0, mapping: ColumnMapping | None = None
) -> list[Record]:
    """The records of one plan table (numbered from ``start``): its rows read
    against the column mapping (``row_infos``), then each row either carried
    on into the record above it or made a record of its own (``_Assembly``)."""
    mapping = mapping or table_mapping(table)
    if not mapping.is_action_plan:
        return []
    infos = row_infos(table, mapping)
    assembly = _Assembly(has_refs=any(i.ref for i in infos), has_rec=mapping.column("recommendation") is not None)
    for info in infos:
        assembly.add(info)
    return [_finish(d, document, table.header, start + n) for n, d in enumerate(assembly.drafts)]


class _Assembly:
    """Rows made into draft records, in order: what the rows above left
    (the recommendation of a merged cell, the recommendations by number,
    the heading rows) decides what a row without its own text belongs to."""

    def __init__(self, has_refs: bool, has_rec: bool) -> None:
        self.has_refs, self.has_rec = has_refs, has_rec
        # Without a recommendation column, a row whose action is empty is a
        # continuation.
        self.primary = "recommendation" if has_rec else "action"
        self.drafts: list[_Draft] = []
        self.headings: dict[str, tuple[str | None, list[str]]] = {}  # a heading row: its number and text
        self.rec_by_number: dict[str, list[str]] = {}
        self.last_rec: list[str] | None = None
        self.section: str | None = None

    def add(self, info: RowInfo) -> None:
        if info.row.section != self.section:  # a new section: nothing carries over
            self.section = info.row.section
            self.rec_by_number = {}
            self.last_rec = None
        rec_text = info.cells.get("recommendation", "")
        continues = self.continues(info)
        if continues and self.has_refs and self.another_action(info):
            rec_text = self.take_ref_above(info, rec_text)
            continues = False
        if continues:
            self.carry_on(info, rec_text)
        else:
            self.start(info, rec_text)

    def continues(self, info: RowInfo) -> bool:
        """Does the row carry on the record above (a row cut by a page
        break, a cell's wrapped rest)? With refs: a row without one; without:
        a page's first row with no text in the primary column."""
        if not self.drafts:
            return False
        if self.has_refs:
            return info.ref is None
        return info.row.first_on_page and not info.cells.get(self.primary)

    def another_action(self, info: RowInfo) -> bool:
        """A row without a reference of its own but with its own action and
        owner or date: another action under the same recommendation (its
        reference cell merged above)."""
        return _another_action(info) or _another_action_past_the_break(self.drafts[-1], info)

    def take_ref_above(self, info: RowInfo, rec_text: str) -> str:
        """Give the row the merged reference above it; its recommendation
        text, on a page's first row and going on with the one above, is that
        merged cell running on past the break. Returns the row's own
        recommendation text left."""
        above = self.drafts[-1]
        info.ref = above.ref
        if rec_text and info.row.first_on_page and above.rec is not None and not _starts_anew(above.rec, rec_text):
            above.rec.append(rec_text)
            rec_text = info.cells["recommendation"] = ""
        return rec_text

    def carry_on(self, info: RowInfo, rec_text: str) -> None:
        draft = self.drafts[-1]
        if rec_text and draft.filled and _starts_anew(draft.rec, rec_text):
            # The row's own text, all of it past the page break: not the
            # merged cell above running on.
            draft.rec, draft.filled = [rec_text], False
            self.last_rec = draft.rec
        elif rec_text:
            if draft.rec is None:
                draft.rec = []
            draft.rec.append(rec_text)
        draft.add(info)

    def start(self, info: RowInfo, rec_text: str) -> None:
        rec = self.recommendation(info, rec_text)
        self.last_rec = rec
        draft = _Draft(info.ref, info.row.section, rec, filled=bool(rec) and not rec_text)
        draft.add(info)
        self.drafts.append(draft)

    def recommendation(self, info: RowInfo, rec_text: str) -> list[str] | None:
        """The recommendation text (a list the rows sharing it extend) of a
        row starting a record: none without a recommendation column or
        heading; the heading row above its actions; its own text; the text
        of an earlier row with its number, or of its action code's number;
        a merged cell's text carried down; else empty."""
        heading = info.row.heading
        if heading and heading not in self.headings:
            heading_number, heading_text = split_leading_ref(heading)
            self.headings[heading] = (heading_number, [heading_text])
        code_number = recommendation_number(info.code)
        number = info.rec_number or code_number
        if not self.has_rec and not heading:
            return None
        if heading and not rec_text:
            if info.ref is None and not self.has_refs:
                info.ref = self.headings[heading][0]
            return self.headings[heading][1]
        if rec_text:
            rec = [rec_text]
            if number:
                self.rec_by_number[number] = rec
            return rec
        if number and number in self.rec_by_number:
            return self.rec_by_number[number]
        if code_number:
            return self.rec_by_number.setdefault(code_number, [])
        if self.last_rec is not None:
            return self.last_rec
        return []


def _starts_anew(before: list[str] | None, text: str) -> bool:
    """Does ``text`` start a recommendation of its own rather than go on
    with ``before``? The text before ends a sentence and this one opens
    with a capital."""
    last = (before or [""])[-1].rstrip()
    return last.endswith((".", ";", ")")) and text.lstrip()[:1].isupper()


def _another_action(info: RowInfo) -> bool:
    row = info.row
    if row.first_on_page or len(info.rows) > 1:
        return False  # the top of a page: the rest of a row cut by the break
    return bool(info.cells.get("action")) and bool(info.cells.get("lead") or info.cells.get("target_date_text"))


def _another_action_past_the_break(draft: _Draft, info: RowInfo) -> bool:
    """At the top of a page, a row beside a merged cell running on can be
    a new action rather than the rest of the cut one: its action opens
    anew after one that ended a sentence, and it has a target date of its
    own where the row above already had one (a date cell, a line or two at
    the top of its row, is not what a page break cuts)."""
    if not info.row.first_on_page or len(info.rows) > 1:
        return False
    action, target = info.cells.get("action", ""), info.cells.get("target_date_text", "")
    before_action, before_target = draft.parts.get("action"), draft.parts.get("target_date_text")
    return bool(action and target and before_target) and _starts_anew(before_action, action)


def _finish(draft: _Draft, document: str, labels: Sequence[str], position: int) -> Record:
    text = {name: join_parts(draft.parts.get(name, [])) for name in CELL_FIELDS}
    target_text = text["target_date_text"]
    pages = [r.page for r in draft.rows]
    words = sum(r.words for r in draft.rows)
    doubtful = [w for r in draft.rows for w in r.doubtful]
    return Record(
        document=document,
        section=clean_cell(draft.section),
        ref=draft.ref,
        recommendation=None if draft.rec is None else (join_parts(draft.rec) or ""),
        scope=text["scope"],
        action=text["action"],
        lead=text["lead"],
        milestones=text["milestones"],
        target_date_text=target_text,
        target_date=dates.target_date(target_text),
        outcome=text["outcome"],
        status=status_rules.status(
            target_date_text=target_text,
            outcome=text["outcome"],
            rag=text["rag"],
            progress=text["milestones"],
        ),
        page_start=min(pages),
        page_end=max(pages),
        position=position,
        extractor=draft.rows[0].extractor,
        confidence=round(min(r.confidence for r in draft.rows) * (1 - len(doubtful) / words if words else 1.0), 3),
        ocr=any(r.ocr for r in draft.rows),
        doubtful=doubtful,
        words=words,
        raw_cells=[
            {"page": r.page, "cells": {(labels[i] or f"column {i + 1}"): c for i, c in enumerate(r.cells) if c}}
            for r in draft.rows
        ],
    )
