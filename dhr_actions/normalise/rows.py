"""A plan table's rows read against its column mapping: each row's cells by
field, its reference and recommendation number split off, the references
OCR misread put right, and the fragments a page break or OCR cut from a row
joined to it. ``assemble`` makes records of them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.table import PlanRow, PlanTable
from .columns import ColumnMapping
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


@dataclass
class RowInfo:
    rows: list[PlanRow]  # one printed row, or the two fragments of a cut one
    cells: dict[str, str]  # field → cell text, with ref prefixes split off
    ref: str | None
    rec_number: str | None
    code: str | None = None  # an action code opening the action cell

    @property
    def row(self) -> PlanRow:
        return self.rows[-1]


def row_infos(table: PlanTable, mapping: ColumnMapping) -> list[RowInfo]:
    """Each row's cells by field, with the references OCR misread put right
    (action codes, dotted refs, a "1" read as "l"); when the plan has refs,
    the fragments cut from a row (by a page break or OCR) joined to it."""
    infos = [analyse(row, mapping) for row in table.rows]
    _repair_ocr_codes(infos)
    _repair_ocr_dotted_refs(infos)
    _repair_ocr_one_like_refs(infos)
    if any(i.ref for i in infos):
        infos = _join_fragments_forward(infos)
    return infos


def analyse(row: PlanRow, mapping: ColumnMapping) -> RowInfo:
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
    return RowInfo([row], cells, ref, rec_number or (ref_from_column if not code else None), code)


def _repair_ocr_codes(infos: list[RowInfo]) -> None:
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


def _repair_ocr_dotted_refs(infos: list[RowInfo]) -> None:
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
_ONE_LIKE_REF = re.compile(r"^[lIi|!](?P<rest>\d{0,2}[A-Za-z]?)$")


def _repair_ocr_one_like_refs(infos: list[RowInfo]) -> None:
    """On OCR'd rows, read a reference cell that opens with a letter like a
    one ("la", "Ib", "i") as the code it would be with a 1 ("1A", "1"), when
    its number is the one around it (the row above's or below's, or the
    recommendation row it sits under) or the one the numbering around it
    calls for ("i" above "2")."""
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
        before = infos[k - 1].ref if k else None
        after = infos[k + 1].ref if k + 1 < len(infos) else None
        if code and (number in around or _in_sequence(code, before, after)):
            info.ref = code


def _in_sequence(ref: str, before: str | None, after: str | None) -> bool:
    """Is a bare number the one between the bare numbers around it ("1"
    before "2", "7" after "6")?"""
    if not ref.isdigit():
        return False
    n = int(ref)
    return (before is not None and before.isdigit() and int(before) + 1 == n) or (
        after is not None and after.isdigit() and int(after) - 1 == n
    )


def _join_fragments_forward(infos: list[RowInfo]) -> list[RowInfo]:
    """A page break can leave a few cells of a row at the foot of one page and
    the rest, with the row's reference, at the top of the next. When the two
    fragments fill disjoint columns, they are one row, led by the second."""
    out: list[RowInfo] = []
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
            out.append(RowInfo(info.rows + nxt.rows, cells, nxt.ref, nxt.rec_number, nxt.code))
            i += 2
            continue
        out.append(info)
        i += 1
    return out


def _filled(info: RowInfo) -> set[int]:
    return {i for r in info.rows for i, text in enumerate(r.cells) if text.strip()}


__all__ = ["RowInfo", "analyse", "row_infos"]
