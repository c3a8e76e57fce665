"""One review, many copies: files that print the same plan, grouped.

A review is often published twice or more under different names: a scan
and a text PDF, a Word file and its PDF, an executive summary's plan and
the overview report's appendix. Counting each file as a review inflates
"recurring across N reviews" and every theme and overdue count. Two current
documents are copies of one plan when most of the smaller one's records
match records of the other (by ref, then by the likeness of recommendation
and action text, as versions are matched in ``history``), whatever the
files are called. Each review is counted once, through one copy that
stands for it: a text copy before an OCR one, then the copy with most
records. The grouping is kept in the store (``review_copies``) with the set
of current documents it was made for, and made again only when that set
changes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from ..store.models import Document, RecordRow, ReviewCopy
from ..store.repository import Store
from .history import UNLIKE, match, record_entry

# Copies: at least this share of the smaller document's records match.
COPY_SHARE = 0.7
# Documents with fewer records than this are left alone (too little to tell).
MIN_RECORDS = 2
# Candidate pairs share at least this share of the smaller one's rarer words
# (in at most RARE_SHARE of the documents, or RARE_MIN: a plan's own words
# are in each of its copies), before records are matched.
CANDIDATE_SHARE = 0.3
RARE_SHARE = 0.05
RARE_MIN = 25
# Part of the name of every grouping kept: change it with the rules above,
# and groupings kept under the old rules are made again.
RULES = f"{COPY_SHARE}/{MIN_RECORDS}/{CANDIDATE_SHARE}/{RARE_SHARE}/{RARE_MIN}"


@dataclass(frozen=True)
class Review:
    """The copies of one plan: the one that stands for it first."""

    key: str  # the standing copy's file name
    document_ids: tuple[int, ...]
    files: tuple[str, ...]

    @property
    def representative(self) -> int:
        return self.document_ids[0]


_cache: dict[tuple[str, str], list[Review]] = {}


def reviews(store: Store) -> list[Review]:
    """Every current document's review, copies grouped (a document with
    no copy is a review of its own)."""
    current = (Document.is_current.is_(True)) & (Document.withdrawn_at.is_(None))
    with store.session() as s:
        # The set of current documents: versions replace and withdraw
        # documents, imports add them, and none of them edits one in place.
        n, top, ids, versions = s.execute(
            select(
                func.count(Document.id), func.max(Document.id), func.sum(Document.id), func.sum(Document.version)
            ).where(current)
        ).one()
        grouped = f"{n}:{top}:{ids}:{versions}:{RULES}"
        key = (str(store.engine.url), grouped)
        if key in _cache:
            return _cache[key]
        found = _kept(s, grouped, n)
        if found is None:
            docs = s.execute(
                select(Document.id, Document.file_name, Document.ocr, Document.record_count).where(current)
            ).all()
            # The columns matching reads, not whole records: a store of 100k
            # records loads in a third of the time.
            texts: dict[int, list[Any]] = defaultdict(list)
            columns = (RecordRow.document_id, RecordRow.ref, RecordRow.recommendation, RecordRow.action)
            for row in s.execute(select(*columns).join(Document, RecordRow.document_id == Document.id).where(current)):
                texts[row.document_id].append(row)
            found = group(docs, texts)
            _keep(s, grouped, found)
    _cache.clear()
    _cache[key] = found
    return found


def _kept(s: Session, grouped: str, n: int) -> list[Review] | None:
    """The grouping kept for this set of current documents, if there is one."""
    rows = s.execute(
        select(ReviewCopy.document_id, ReviewCopy.representative_id, ReviewCopy.grouped, Document.file_name)
        .join(Document, ReviewCopy.document_id == Document.id)
        .order_by(ReviewCopy.representative_id, ReviewCopy.rank)
    ).all()
    if not n or len(rows) != n or any(r.grouped != grouped for r in rows):
        return None
    members: dict[int, list[Any]] = defaultdict(list)
    for r in rows:
        members[r.representative_id].append(r)
    out = [
        Review(m[0].file_name, tuple(r.document_id for r in m), tuple(r.file_name for r in m)) for m in members.values()
    ]
    return sorted(out, key=lambda r: r.key)


def _keep(s: Session, grouped: str, found: list[Review]) -> None:
    """Keep a grouping for the next process. A store that cannot be written
    to (a read-only copy served by Datasette) just groups again next time."""
    rows = [
        {"document_id": d, "representative_id": r.representative, "rank": i, "grouped": grouped}
        for r in found
        for i, d in enumerate(r.document_ids)
    ]
    try:
        s.execute(delete(ReviewCopy))
        if rows:
            s.execute(insert(ReviewCopy), rows)
        s.commit()
    except DBAPIError:
        s.rollback()


def group(docs: Sequence[Any], records: dict[int, list[Any]]) -> list[Review]:
    """Reviews from documents (id, file name, ocr, record count) and their
    records (anything with a ref, recommendation and action)."""
    entries = {d: [record_entry(r) for r in recs] for d, recs in records.items()}
    parent = {d.id: d.id for d in docs}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in candidates(entries):
        if root(a) != root(b) and copies(entries[a], entries[b]):
            parent[root(a)] = root(b)
    members: dict[int, list[Any]] = defaultdict(list)
    for d in docs:
        members[root(d.id)].append(d)
    out = []
    for group_docs in members.values():
        ranked = sorted(group_docs, key=lambda d: (bool(d.ocr), -int(d.record_count or 0), len(d.file_name), d.id))
        out.append(Review(ranked[0].file_name, tuple(d.id for d in ranked), tuple(d.file_name for d in ranked)))
    return sorted(out, key=lambda r: r.key)


def copies(a: list[Any], b: list[Any]) -> bool:
    """Do two documents' records print the same plan?"""
    if min(len(a), len(b)) < MIN_RECORDS:
        return False
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    pairs = match(large, small)
    good = sum(1 for _j, how, score, _u in pairs.values() if score >= UNLIKE or how == "text")
    return good >= COPY_SHARE * len(small)


def candidates(entries: dict[int, list[Any]]) -> list[tuple[int, int]]:
    """Pairs of documents sharing enough of their rarer words to be worth
    matching record by record."""
    words = {d: {w for e in es for w in e.words if len(w) > 3 and not w.isdigit()} for d, es in entries.items()}
    df = Counter(w for ws in words.values() for w in ws)
    cap = max(RARE_MIN, int(RARE_SHARE * len(words)))
    rare = {d: {w for w in ws if df[w] <= cap} for d, ws in words.items()}
    holders: dict[str, list[int]] = defaultdict(list)
    for d, ws in rare.items():
        for w in ws:
            holders[w].append(d)
    shared: Counter[tuple[int, int]] = Counter()
    for ds in holders.values():
        for a, b in combinations(sorted(ds), 2):
            shared[a, b] += 1
    return sorted(
        pair for pair, n in shared.items() if n >= CANDIDATE_SHARE * max(1, min(len(rare[pair[0]]), len(rare[pair[1]])))
    )


def counted(store: Store) -> set[int]:
    """The ids of the documents that stand for their reviews."""
    return {r.representative for r in reviews(store)}


def review_of(store: Store) -> dict[int, Review]:
    """Each current document's review, by document id."""
    return {d: r for r in reviews(store) for d in r.document_ids}
