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

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..ingest.tables.stitch import PlanRow, PlanTable
from . import dates
from . import status as status_rules
from .columns import ColumnMapping, map_columns
from .record import Record
from .refs import (
    mend_dotted_ref,
    normalise_ocr_ref,
    normalise_ref,
    recommendation_number,
    repair_ocr_action_code,
    split_action_code,
    split_leading_ref,
    unspecked_opening,
)
from .text import clean_cell, join_parts

# Fields filled from cells, apart from the recommendation (shared by merged cells).
CELL_FIELDS = ("scope", "action", "lead", "milestones", "target_date_text", "outcome", "rag")


@dataclass
class _RowInfo:
    rows: list[PlanRow]  # one printed row, or the two fragments of a cut one
    cells: dict[str, str]  # field → cell text, with ref prefixes split off
    ref: str | None
    rec_number: str | None
    code: str | None = None  # an action code opening the action cell

    @property
    def row(self) -> PlanRow:
        return self.rows[-1]


@dataclass
class _Draft:
    ref: str | None
    section: str | None
    rec: list[str] | None
    filled: bool = False  # rec is a merged cell's text, filled down from above
    parts: dict[str, list[str]] = field(default_factory=dict)
    rows: list[PlanRow] = field(default_factory=list)

    def add(self, info: _RowInfo) -> None:
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
    mapping = mapping or table_mapping(table)
    if not mapping.is_action_plan:
        return []
    infos = [_analyse(row, mapping) for row in table.rows]
    _repair_ocr_codes(infos)
    _repair_ocr_dotted_refs(infos)
    _repair_ocr_one_like_refs(infos)
    has_refs = any(i.ref for i in infos)
    if has_refs:
        infos = _join_fragments_forward(infos)
    has_rec = mapping.column("recommendation") is not None
    primary = "recommendation" if has_rec else "action"
    headings: dict[str, tuple[str | None, list[str]]] = {}  # a heading row: its number and text

    drafts: list[_Draft] = []
    rec_by_number: dict[str, list[str]] = {}
    last_rec: list[str] | None = None
    section: str | None = None
    for info in infos:
        row = info.row
        if row.section != section:
            section = row.section
            rec_by_number = {}
            last_rec = None
        continues = drafts and (info.ref is None if has_refs else (row.first_on_page and not info.cells.get(primary)))
        rec_text = info.cells.get("recommendation", "")
        if continues and has_refs and (_another_action(info) or _another_action_past_the_break(drafts[-1], info)):
            # A row without a reference of its own with its own action and
            # owner or date: another action under the same recommendation
            # (its reference cell merged above).
            info.ref = drafts[-1].ref
            continues = False
            if (
                rec_text
                and row.first_on_page
                and drafts[-1].rec is not None
                and not _starts_anew(drafts[-1].rec, rec_text)
            ):
                drafts[-1].rec.append(rec_text)  # the merged cell running on past the break
                rec_text = info.cells["recommendation"] = ""
        if continues:
            draft = drafts[-1]
            if rec_text and draft.filled and _starts_anew(draft.rec, rec_text):
                # The row's own text, all of it past the page break: not
                # the merged cell above running on.
                draft.rec, draft.filled = [rec_text], False
                last_rec = draft.rec
            elif rec_text:
                if draft.rec is None:
                    draft.rec = []
                draft.rec.append(rec_text)
            draft.add(info)
            continue
        code_number = recommendation_number(info.code)
        number = info.rec_number or code_number
        heading = row.heading
        if heading and heading not in headings:
            heading_number, heading_text = split_leading_ref(heading)
            headings[heading] = (heading_number, [heading_text])
        rec: list[str] | None
        if not has_rec and not heading:
            rec = None
        elif heading and not rec_text:
            rec = headings[heading][1]  # the recommendation row above its actions
            if info.ref is None and not has_refs:
                info.ref = headings[heading][0]
        elif rec_text:
            rec = [rec_text]
            if number:
                rec_by_number[number] = rec
        elif number and number in rec_by_number:
            rec = rec_by_number[number]
        elif code_number:
            rec = rec_by_number.setdefault(code_number, [])
        elif last_rec is not None:
            rec = last_rec  # a merged cell: the rows under it carry its text
        else:
            rec = []
        last_rec = rec
        draft = _Draft(info.ref, row.section, rec, filled=bool(rec) and not rec_text)
        draft.add(info)
        drafts.append(draft)
    return [_finish(d, document, table.header, start + n) for n, d in enumerate(drafts)]


def _starts_anew(before: list[str] | None, text: str) -> bool:
    """Does ``text`` start a recommendation of its own rather than go on
    with ``before``? The text before ends a sentence and this one opens
    with a capital."""
    last = (before or [""])[-1].rstrip()
    return last.endswith((".", ";", ")")) and text.lstrip()[:1].isupper()


def _analyse(row: PlanRow, mapping: ColumnMapping) -> _RowInfo:
    cells: dict[str, str] = {}
    for name, col in mapping.fields.items():
        cells[name] = row.cells[col].strip() if col < len(row.cells) else ""
    read_ref = normalise_ocr_ref if row.ocr else normalise_ref
    ref_from_column = read_ref(cells.get("ref")) if cells.get("ref") else None
    if row.ocr:
        for name, text in cells.items():
            if not any(ch.isalnum() for ch in text):
                cells[name] = ""  # specks alone: "-", "‘"
        for name in ("recommendation", "action"):
            if cells.get(name):
                cells[name] = unspecked_opening(cells[name])
    rec_number, rec_text = split_leading_ref(cells.get("recommendation", ""))
    cells["recommendation"] = rec_text
    code, action = split_action_code(cells.get("action", ""))
    if code:
        cells["action"] = action
    ref = code or ref_from_column or rec_number
    return _RowInfo([row], cells, ref, rec_number or (ref_from_column if not code else None), code)


def _another_action(info: _RowInfo) -> bool:
    row = info.row
    if row.first_on_page or len(info.rows) > 1:
        return False  # the top of a page: the rest of a row cut by the break
    return bool(info.cells.get("action")) and bool(info.cells.get("lead") or info.cells.get("target_date_text"))


def _another_action_past_the_break(draft: _Draft, info: _RowInfo) -> bool:
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


def _repair_ocr_codes(infos: list[_RowInfo]) -> None:
    """On OCR'd rows of a table that codes its actions, read a code-like
    opening the OCR garbled ("AD -") as the code it must be ("4D")."""
    if not any(i.code for i in infos):
        return
    number: str | None = None
    last: str | None = None
    for info in infos:
        if info.code:
            number, last = recommendation_number(info.code), info.code
        elif info.row.ocr and number and (not info.ref or info.ref == info.rec_number):
            expected = {number, str(int(number) + 1)}
            code, action = repair_ocr_action_code(info.cells.get("action", ""), expected, _next_codes(last))
            if code:
                info.code = info.ref = code
                info.cells["action"] = action
                number, last = recommendation_number(code), code


def _next_codes(code: str | None) -> set[str]:
    """The codes that may follow ``code``: "4A" → {"4B", "5A"}."""
    m = re.fullmatch(r"(\d+)([A-Z])", code or "")
    if not m or m.group(2) == "Z":
        return set()
    return {m.group(1) + chr(ord(m.group(2)) + 1), str(int(m.group(1)) + 1) + "A"}


def _repair_ocr_dotted_refs(infos: list[_RowInfo]) -> None:
    """On OCR'd rows of a table numbered with dotted references ("R3.1"),
    read one OCR printed without its dot, or with the dot as a digit, as
    the one the numbering around it calls for (``mend_dotted_ref``)."""
    refs = [i.ref for i in infos]
    if sum(1 for r in refs if r and _DOTTED_REF.match(r)) < 2:
        return
    for k, info in enumerate(infos):
        if not (info.row.ocr and info.ref) or _DOTTED_REF.match(info.ref):
            continue
        before = next((r for r in reversed(refs[:k]) if r and _DOTTED_REF.match(r)), None)
        after = next((r for r in refs[k + 1 :] if r and _DOTTED_REF.match(r)), None)
        mended = mend_dotted_ref(info.ref, before, after)
        if mended:
            if info.rec_number == info.ref:
                info.rec_number = mended
            info.ref = refs[k] = mended


_DOTTED_REF = re.compile(r"^[A-Z]*\d+\.\d+$")

# A reference cell whose leading 1 OCR read as a letter ("la" for 1a).
_ONE_LIKE_REF = re.compile(r"^[lI|!](?P<rest>\d{0,2}[A-Za-z]?)$")


def _repair_ocr_one_like_refs(infos: list[_RowInfo]) -> None:
    """On OCR'd rows, read a reference cell that opens with a letter like a
    one ("la", "Ib") as the code it would be with a 1 ("1A"), when its
    number is the one around it: the row above's or below's, or the
    recommendation row it sits under."""
    for k, info in enumerate(infos):
        text = info.cells.get("ref", "")
        m = _ONE_LIKE_REF.match(text)
        if info.ref or not info.row.ocr or not m:
            continue
        code = normalise_ref("1" + m.group("rest"))
        number = recommendation_number(code)
        around = {recommendation_number(i.ref) for i in infos[max(k - 1, 0) : k + 2] if i.ref}
        if info.row.heading:
            around.add(split_leading_ref(info.row.heading)[0])
        if code and number in around:
            info.ref = code


def _join_fragments_forward(infos: list[_RowInfo]) -> list[_RowInfo]:
    """A page break can leave a few cells of a row at the foot of one page and
    the rest, with the row's reference, at the top of the next. When the two
    fragments fill disjoint columns, they are one row, led by the second."""
    out: list[_RowInfo] = []
    i = 0
    while i < len(infos):
        info = infos[i]
        nxt = infos[i + 1] if i + 1 < len(infos) else None
        if (
            nxt is not None
            and info.ref is None
            and nxt.ref is not None
            and info.row.last_on_page
            and not info.row.first_on_page
            and nxt.row.first_on_page
            and nxt.row.page == info.row.page + 1
            and not (_filled(info) & _filled(nxt))
        ):
            cells = dict(nxt.cells)
            for name, text in info.cells.items():
                if text and not cells.get(name):
                    cells[name] = text
            out.append(_RowInfo(info.rows + nxt.rows, cells, nxt.ref, nxt.rec_number, nxt.code))
            i += 2
            continue
        out.append(info)
        i += 1
    return out


def _filled(info: _RowInfo) -> set[int]:
    return {i for r in info.rows for i, text in enumerate(r.cells) if text.strip()}


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
