"""Is a table a DHR action plan? Decided on evidence, with the reason kept.

Header evidence comes first: a column of recommendations or actions, and one
saying who, when or how it is going (``ColumnMapping.is_action_plan``). A
table with a Recommendation column and that support is a plan. A table with
Action but no Recommendation column is also what strategy delivery plans and
process timelines look like ("Stage | Action | Lead | Timescale"), so it must
also number its rows the way action plans do: references in at least half of
them (a ref column, action codes, or numbered actions).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.table import PlanTable
from .columns import ColumnMapping
from .refs import normalise_ref, split_action_code, split_leading_ref

MIN_REFERENCED_ROWS = 0.5


@dataclass(frozen=True)
class Verdict:
    is_plan: bool
    reason: str


def assess(table: PlanTable, mapping: ColumnMapping) -> Verdict:
    fields = mapping.fields
    labels = ", ".join(f"{label!r}" for label in table.header if label) or "no labels"
    if not mapping.is_action_plan:
        return Verdict(
            False,
            f"columns {labels} do not make an action plan (need recommendation or action, and lead, date or progress)",
        )
    if "recommendation" in fields:
        return Verdict(True, f"action plan: recommendation column {table.header[fields['recommendation']]!r}")
    rows = [r for r in table.rows if any(c.strip() for c in r.cells)]
    if rows and all(r.heading for r in rows):
        return Verdict(True, "action plan: actions under rows stating each recommendation")
    referenced = sum(_has_ref(r.cells, fields) for r in rows)
    if rows and referenced >= MIN_REFERENCED_ROWS * len(rows):
        return Verdict(True, f"action plan: actions with references in {referenced} of {len(rows)} rows")
    return Verdict(
        False,
        f"columns {labels} have actions but no recommendation column and only {referenced} of {len(rows)} rows "
        "carry a reference: a delivery or process table, not a review's action plan",
    )


def _has_ref(cells: list[str], fields: dict[str, int]) -> bool:
    def cell(name: str) -> str:
        col = fields.get(name)
        return cells[col] if col is not None and col < len(cells) else ""

    if normalise_ref(cell("ref")):
        return True
    action = cell("action")
    return bool(split_action_code(action)[0] or split_leading_ref(action)[0])
