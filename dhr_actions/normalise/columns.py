"""Map a table's column labels onto the common record's fields, by meaning.

Every label is scored against every field's phrases (``vocabulary``); the
best (label, field) pairs are taken greedily, each column and each field once.
A column printed with no label is a ref column when its cells read as
references, and the target date when they read as dates. Each decision keeps the phrase that made it, so ``dhr show
--explain`` (and the logs) can say why a column became a field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..language.vocabulary import STAND_INS, field_scores
from .refs import normalise_ref

MIN_SCORE = 1.5


@dataclass(frozen=True)
class ColumnMatch:
    column: int
    label: str
    field: str
    score: float
    reason: str


@dataclass
class ColumnMapping:
    matches: list[ColumnMatch] = field(default_factory=list)
    # Columns a reading was refused, and why (for ``--explain``).
    set_aside: list[str] = field(default_factory=list)

    @property
    def fields(self) -> dict[str, int]:
        return {m.field: m.column for m in self.matches}

    def column(self, name: str) -> int | None:
        return self.fields.get(name)

    @property
    def is_action_plan(self) -> bool:
        """Enough columns of an action plan: its recommendations or actions,
        and something saying who or when or how."""
        f = self.fields
        core = "recommendation" in f or "action" in f
        support = sum(k in f for k in ("lead", "target_date_text", "milestones", "outcome", "rag", "scope"))
        return core and support >= 1 and len(f) >= 3

    def explain(self) -> list[str]:
        return [f"column {m.column + 1} {m.label!r} → {m.field} ({m.reason})" for m in self.matches] + self.set_aside


def map_columns(labels: Sequence[str], rows: Sequence[Sequence[str]] = ()) -> ColumnMapping:
    """Assign fields to columns. ``rows`` (body cell texts) let an unlabelled
    column be recognised by what it holds."""
    candidates: list[tuple[float, int, int, str, str]] = []
    outright: set[str] = set()  # fields some label names by one of their own phrases
    for col, label in enumerate(labels):
        for rank, fs in enumerate(field_scores(label)):
            if fs.score >= MIN_SCORE:
                candidates.append((fs.score, -rank, col, fs.field, fs.phrase))
                if rank == 0 and fs.phrase not in STAND_INS.get(fs.field, ()):
                    outright.add(fs.field)  # what the label names first ("Recommendation No." names the ref)
    # A column of learning or findings stands in for the recommendations
    # only where no column names them: beside one that does, it is not them.
    stand_ins = [c for c in candidates if c[3] in outright and c[4] in STAND_INS.get(c[3], ())]
    candidates = [c for c in candidates if c not in stand_ins]
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2]))
    taken_cols: set[int] = set()
    taken_fields: set[str] = set()
    matches: list[ColumnMatch] = []
    for score, _rank, col, fld, phrase in candidates:
        if col in taken_cols or fld in taken_fields:
            continue
        taken_cols.add(col)
        taken_fields.add(fld)
        matches.append(ColumnMatch(col, labels[col], fld, score, f"header says {phrase!r}"))
    _move_off_references(matches, labels, rows)
    taken_cols = {m.column for m in matches}
    taken_fields = {m.field for m in matches}
    if "ref" not in taken_fields:
        for col, label in enumerate(labels):
            if col in taken_cols or label.strip():
                continue
            values = [r[col] for r in rows if col < len(r) and r[col].strip()]
            if values and sum(normalise_ref(v) is not None for v in values) >= 0.6 * len(values):
                matches.append(ColumnMatch(col, label, "ref", 1.0, "unlabelled column holding references"))
                break
    _dates_unlabelled(matches, labels, rows)
    matches.sort(key=lambda m: m.column)
    fields = {m.field: m for m in matches}
    set_aside = [
        f"column {col + 1} {labels[col]!r} is not the {fld} ({phrase!r} stands in for it only where no label "
        f"names it; column {fields[fld].column + 1} {fields[fld].label!r} does)"
        for _s, _r, col, fld, phrase in stand_ins
        if fld in fields and all(m.column != col for m in matches)
    ]
    return ColumnMapping(matches, set_aside)


# An unlabelled column is the target date when this share of its cells
# (at least two) are short and name a date: a header cell OCR dropped, or
# one a Word table left blank.
DATE_SHARE = 0.7
DATE_CELL_CHARS = 40


def _dates_unlabelled(matches: list[ColumnMatch], labels: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    from .dates import target_date

    if any(m.field == "target_date_text" for m in matches):
        return
    taken = {m.column for m in matches}
    for col, label in enumerate(labels):
        if col in taken or label.strip():
            continue
        values = [r[col].strip() for r in rows if col < len(r) and r[col].strip()]
        dated = [v for v in values if len(v) <= DATE_CELL_CHARS and target_date(v) is not None]
        if len(dated) >= 2 and len(dated) >= DATE_SHARE * len(values):
            matches.append(ColumnMatch(col, label, "target_date_text", 1.0, "unlabelled column holding dates"))
            return


# A header cell holding no more than this many letters or digits, which
# name no field, is blank: a scan's speck read as "ve" or "'.", no label.
BLANK_LABEL_MAX_CHARS = 2


def _blank(label: str) -> bool:
    return sum(ch.isalnum() for ch in label) <= BLANK_LABEL_MAX_CHARS and not field_scores(label)


# A labelled column holds references when this share of its cells are bare
# references: not every one, as a stray mark read into a cell (a scan's
# speck, a clipped label's last letters) must not hide what the rest are.
REFS_UNDER_LABEL_SHARE = 0.8


def _move_off_references(matches: list[ColumnMatch], labels: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A label printed over a column of bare references, with an unlabelled
    column of text beside it ("Recommendation" over "1", "2" and the
    recommendations' text), names the text column; the references are the
    ref column."""
    if any(m.field == "ref" for m in matches):
        return
    taken = {m.column for m in matches}
    for n, m in enumerate(matches):
        nxt = m.column + 1
        if nxt >= len(labels) or not _blank(labels[nxt]) or nxt in taken:
            continue
        values = [r[m.column] for r in rows if m.column < len(r) and r[m.column].strip()]
        beside = [r[nxt] for r in rows if nxt < len(r) and r[nxt].strip()]
        bare = sum(normalise_ref(v) == v.strip().rstrip(".") for v in values)
        if not values or len(beside) < len(values) or bare < REFS_UNDER_LABEL_SHARE * len(values):
            continue
        reason = f"{m.reason}, printed over the references beside its text"
        matches[n] = ColumnMatch(nxt, labels[nxt], m.field, m.score, reason)
        matches.append(ColumnMatch(m.column, m.label, "ref", 1.0, "column of references under another column's label"))
        return
