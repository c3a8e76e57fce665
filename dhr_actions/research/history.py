"""Implementation history: the records of a plan's successive versions matched up.

A partnership republishes its plan with progress updates ("Updated November
2015", "Position as at May 2022"); the store keeps each version. Here the
records of one version are matched with those of the next, by reference
first and then by the likeness of their recommendation and action (progress
and status are what change, so they are left out of the likeness), and each
action's history is told: when it was first seen, its status in each
version, when it became complete, how its target date moved, and whether a
later version silently dropped it. A match is called uncertain when the
reference agrees but the text hardly does, or the text alone matched and
not closely.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from typing import Any

from sqlalchemy import select

from ..normalise.dates import find_periods, period_end
from ..normalise.status import says_complete
from ..store.models import Document, Partnership, RecordRow
from ..store.repository import Store

# Text alone matches two records at this likeness (0-1, word by word) or
# more; below SURE it is an uncertain match. A reference match whose text
# is less alike than UNLIKE is uncertain too (renumbered, or rewritten).
TEXT_MATCH = 0.6
SURE = 0.8
UNLIKE = 0.5

# "June 2022 (revised from Jan 2022)", "extended to March 2023; originally
# December 2022": a target date that says it moved.
_REVISED = re.compile(r"\b(revised|re-?set|extended|moved|changed|amended|originally|previously|was)\b", re.I)
# The date a record says it was completed: "Completed March 2022".
_COMPLETED_ON = re.compile(r"\b(?:completed?|achieved|closed|signed off|implemented)\b[^.;\n]{0,25}", re.I)


@dataclass(frozen=True)
class Sighting:
    """One record as one version of its document printed it."""

    version: int
    on: date  # the version's date: as at, else imported
    record_id: int
    ref: str | None
    status: str | None
    target_date: str | None
    target_date_text: str | None
    completed_on: date | None  # a completion date printed in the record
    match: str  # how it was matched to the version before: "ref", "text", or "new"
    likeness: float  # of its text to the matched record's (1.0 when new)
    uncertain: bool


@dataclass
class ActionHistory:
    """One action (a record followed across versions) of one document."""

    document: str
    csp: str | None
    recommendation: str | None
    action: str | None
    sightings: list[Sighting] = field(default_factory=list)
    # The last version of the document, to tell an action dropped from it.
    latest_version: int = 0

    @property
    def first_seen(self) -> Sighting:
        return self.sightings[0]

    @property
    def last_seen(self) -> Sighting:
        return self.sightings[-1]

    @property
    def ref(self) -> str | None:
        return self.last_seen.ref

    @property
    def dropped(self) -> bool:
        """Left out of a later version without having been completed."""
        return self.last_seen.version < self.latest_version and self.last_seen.status != "complete"

    @property
    def uncertain(self) -> bool:
        return any(s.uncertain for s in self.sightings)

    @property
    def completed(self) -> Sighting | None:
        """The first version that says the action is complete."""
        return next((s for s in self.sightings if s.status == "complete"), None)

    @property
    def completed_on(self) -> date | None:
        """The completion date printed, else the date of the version that
        first says it is complete."""
        done = self.completed
        return None if done is None else (done.completed_on or done.on)

    @property
    def target_changes(self) -> list[tuple[str | None, str | None]]:
        """(from, to) for each move of the target date: between versions,
        and one a version prints ("revised from Jan 2022")."""
        changes: list[tuple[str | None, str | None]] = []
        for before, after in zip(self.sightings, self.sightings[1:], strict=False):
            if before.target_date and after.target_date and before.target_date != after.target_date:
                changes.append((before.target_date, after.target_date))
        for s in self.sightings:
            printed = s.target_date_text or ""
            if _REVISED.search(printed):
                dates = [p.iso for p in find_periods(printed)]
                if len(dates) >= 2 and (min(dates), max(dates)) not in changes:
                    changes.append((min(dates), max(dates)))
        return changes

    def at(self, as_of: date) -> ActionHistory | None:
        """The history as it stood on ``as_of``: only the versions dated by
        then (None when the action was not yet printed)."""
        seen = [s for s in self.sightings if s.on <= as_of]
        if not seen:
            return None
        return ActionHistory(self.document, self.csp, self.recommendation, self.action, seen, self.latest_version)


@dataclass(frozen=True)
class _Entry:
    record: Any  # a RecordRow, or a row of its ref, recommendation and action
    ref: str | None
    words: tuple[str, ...]


def histories(store: Store, csp: str | None = None, as_of: date | None = None) -> list[ActionHistory]:
    """The history of every action of every document (withdrawn ones left
    out), following each document's versions in order; as it stood on
    ``as_of`` when given (versions dated later are left out)."""
    out: list[ActionHistory] = []
    for family in _families(store, csp):
        # A version with no records is a failed or empty read, not a plan
        # whose actions were all dropped.
        dated = [
            (doc, recs, csp_name)
            for doc, recs, csp_name in family
            if recs and (as_of is None or version_date(doc) <= as_of)
        ]
        if dated:
            out.extend(follow(dated))
    return out


def follow(versions: Sequence[tuple[Document, Sequence[RecordRow], str | None]]) -> list[ActionHistory]:
    """The histories of one document's actions, from its versions in order."""
    latest = versions[-1][0].version
    open_: dict[int, ActionHistory] = {}  # by the record id last seen
    done: list[ActionHistory] = []
    before: list[_Entry] = []
    for doc, records, csp in versions:
        on = version_date(doc)
        now = [record_entry(r) for r in records]
        pairs = match(before, now)
        carried: dict[int, ActionHistory] = {}
        for i, entry in enumerate(now):
            old, how, likeness, uncertain = pairs.get(i, (None, "new", 1.0, False))
            rec = entry.record
            sighting = Sighting(
                version=doc.version,
                on=on,
                record_id=rec.id,
                ref=rec.ref,
                status=rec.status,
                target_date=rec.target_date,
                target_date_text=rec.target_date_text,
                completed_on=completion_date(rec),
                match=how,
                likeness=round(likeness, 2),
                uncertain=uncertain,
            )
            history = open_.pop(before[old].record.id) if old is not None else None
            if history is None:
                history = ActionHistory(doc.file_name, csp, rec.recommendation, rec.action, latest_version=latest)
            history.recommendation, history.action = rec.recommendation, rec.action
            history.sightings.append(sighting)
            carried[rec.id] = history
        done.extend(open_.values())  # not printed in this version
        open_, before = carried, now
    # In the order the actions were first printed.
    return sorted(done + list(open_.values()), key=lambda h: (h.first_seen.version, h.first_seen.record_id))


def match(before: Sequence[_Entry], now: Sequence[_Entry]) -> dict[int, tuple[int, str, float, bool]]:
    """For each record of ``now`` matched to one of ``before``: its index
    there, how ("ref" or "text"), the likeness of their text, and whether
    the match is uncertain."""
    pairs: dict[int, tuple[int, str, float, bool]] = {}
    taken: set[int] = set()
    # By reference: records sharing a reference pair off, the most alike first.
    by_ref: dict[str, list[int]] = {}
    for j, e in enumerate(before):
        if e.ref:
            by_ref.setdefault(e.ref, []).append(j)
    candidates = [
        (likeness(e.words, before[j].words), i, j) for i, e in enumerate(now) if e.ref for j in by_ref.get(e.ref, [])
    ]
    for score, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in pairs and j not in taken:
            pairs[i] = (j, "ref", score, score < UNLIKE)
            taken.add(j)
    # By text, among the rest.
    candidates = [
        (likeness(e.words, before[j].words), i, j)
        for i, e in enumerate(now)
        if i not in pairs
        for j in range(len(before))
        if j not in taken
    ]
    for score, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if score >= TEXT_MATCH and i not in pairs and j not in taken:
            pairs[i] = (j, "text", score, score < SURE)
            taken.add(j)
    return pairs


def likeness(a: Sequence[str], b: Sequence[str]) -> float:
    """How alike two texts are, word by word (0-1)."""
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def version_date(doc: Document) -> date:
    """The date a version speaks for: the date it is given as at (the end
    of the month or year printed), else the day it was imported."""
    if doc.as_at:
        return period_end(doc.as_at)
    return doc.imported_at.date()


def completion_date(rec: RecordRow) -> date | None:
    """A completion date the record prints ("Completed March 2022"), in
    its progress, outcome or status text."""
    for text in (rec.outcome, rec.milestones):
        if not text or not says_complete(text):
            continue
        for m in _COMPLETED_ON.finditer(text):
            periods = find_periods(m.group(0))
            if periods:
                return periods[0].end
    return None


def record_entry(rec: Any) -> _Entry:
    """A record (a RecordRow, or a row with its ref, recommendation and
    action) as matching sees it: its ref, upper case and without a trailing
    stop, and the words of its recommendation and action."""
    ref = re.sub(r"[\s.:)]+$", "", (rec.ref or "").strip().upper()) or None
    words = tuple(re.findall(r"[a-z0-9]+", f"{rec.recommendation or ''} {rec.action or ''}".lower()))
    return _Entry(rec, ref, words)


def _families(store: Store, csp: str | None) -> list[list[tuple[Document, list[RecordRow], str | None]]]:
    """Each document's versions in order, with their records and partnership."""
    with store.session() as s:
        q = (
            select(Document, Partnership.name)
            .outerjoin(Partnership, Document.partnership_id == Partnership.id)
            .where(Document.withdrawn_at.is_(None))
            .order_by(Document.version)
        )
        if csp:
            q = q.where(Partnership.name == csp)
        docs = s.execute(q).all()
        records: dict[int, list[RecordRow]] = {}
        for rec in s.scalars(select(RecordRow).order_by(RecordRow.document_id, RecordRow.position)):
            records.setdefault(rec.document_id, []).append(rec)
        s.expunge_all()
    families: dict[str, list[tuple[Document, list[RecordRow], str | None]]] = {}
    for doc, name in docs:
        key = doc.source_url or doc.file_name
        families.setdefault(key, []).append((doc, records.get(doc.id, []), name))
    return [v for _k, v in sorted(families.items()) if any(recs for _d, recs, _n in v)]
