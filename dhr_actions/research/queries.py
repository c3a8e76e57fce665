"""Cross-review questions, one function each, on the current document versions.

Counts are of reviews, not files: copies of one plan (``copies``) count once.

Every function returns a list of plain dicts (rows), ready for a table, CSV
or JSON; ``load_records`` returns a pandas DataFrame for notebooks.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date
from typing import Any

from sqlalchemy import distinct, func, select, text
from sqlalchemy.orm import Session

from ..normalise.dates import period_end
from ..normalise.record import SCHEMA_FIELDS
from ..store.models import Document, DocumentTheme, Partnership, RecordRow, RecordTheme
from ..store.repository import Store, has_fts
from .copies import counted
from .themes import load_taxonomy, taxonomy_path

GROUPINGS = ("csp", "year")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "for",
        "on",
        "with",
        "by",
        "at",
        "from",
        "that",
        "this",
        "be",
        "is",
        "are",
        "as",
        "all",
        "any",
        "should",
        "must",
        "will",
        "would",
        "can",
        "their",
        "them",
        "its",
        "it",
        "into",
        "have",
        "has",
        "been",
        "being",
        "which",
        "who",
        "where",
        "when",
        "how",
        "what",
        "our",
        "your",
        "we",
        "they",
        "there",
        "these",
        "those",
        "ensure",
        "ensuring",
        "review",
        "including",
        "include",
    ]
)


def _current() -> Any:
    return (Document.is_current.is_(True)) & (Document.withdrawn_at.is_(None))


def _counted(store: Store) -> Any:
    """Current documents, one copy a review (``copies``): what counts
    reviews and their records without counting a plan once per file."""
    return _current() & Document.id.in_(sorted(counted(store)))


# -- themes --------------------------------------------------------------------
def theme_counts(store: Store, by: str | None = None) -> list[dict[str, Any]]:
    """Records and distinct reviews per theme, optionally per CSP or year."""
    if by is not None and by not in GROUPINGS:
        raise ValueError(f"by: {by!r} is not one of {', '.join(GROUPINGS)}")
    taxonomy = load_taxonomy(taxonomy_path())
    group = {"csp": Partnership.name, "year": Document.year}.get(by or "")
    columns = [DocumentTheme.theme] + ([group] if group is not None else [])
    q = (
        select(*columns, func.sum(DocumentTheme.records), func.count(distinct(Document.id)))
        .join(Document, DocumentTheme.document_id == Document.id)
        .where(_counted(store))
        .group_by(*columns)
    )
    if by == "csp":
        q = q.outerjoin(Partnership, Document.partnership_id == Partnership.id)
    with store.session() as s:
        rows = s.execute(q).all()
    out = []
    for row in rows:
        item: dict[str, Any] = {"theme": row[0], "label": taxonomy.label(str(row[0]))}
        if by:
            item[by] = row[1]
        item["records"], item["reviews"] = int(row[-2] or 0), int(row[-1] or 0)
        out.append(item)
    out.sort(key=lambda r: (-r["records"], r["theme"]) if not by else (str(r[by]), -r["records"], r["theme"]))
    return out


def recurring(store: Store, min_reviews: int = 2, similarity: float = 0.5) -> dict[str, list[dict[str, Any]]]:
    """Themes found in at least ``min_reviews`` reviews, and groups of
    near-identical recommendations (token Jaccard ≥ ``similarity``) that
    recur across that many reviews."""
    themes = [r for r in theme_counts(store) if r["reviews"] >= min_reviews]
    with store.session() as s:
        rows = s.execute(
            select(RecordRow.id, RecordRow.recommendation, RecordRow.ref, Document.file_name, Document.id)
            .join(Document, RecordRow.document_id == Document.id)
            .where(_counted(store), RecordRow.recommendation.is_not(None), RecordRow.recommendation != "")
        ).all()
    # One entry per distinct (document, recommendation): merged cells repeat it.
    texts: dict[tuple[int, str], tuple[str, str, frozenset[str]]] = {}
    for _rid, rec, ref, name, doc_id in rows:
        key = (doc_id, rec or "")
        if rec and key not in texts:
            texts[key] = (name, ref or "", frozenset(_tokens(rec)))
    items = [(doc_id, rec, name, ref, toks) for (doc_id, rec), (name, ref, toks) in texts.items() if len(toks) >= 3]
    groups = _near_duplicates([toks for *_x, toks in items], similarity)
    clusters: list[dict[str, Any]] = []
    for members in groups:
        docs = {items[i][0] for i in members}
        if len(docs) < min_reviews:
            continue
        clusters.append(
            {
                "reviews": len(docs),
                "recommendation": items[members[0]][1],
                "where": "; ".join(sorted({f"{items[i][2]} {items[i][3]}".strip() for i in members})),
            }
        )
    clusters.sort(key=lambda c: (-int(c["reviews"]), str(c["recommendation"])))
    return {"themes": themes, "recommendations": clusters}


def _tokens(text: str) -> list[str]:
    return [t for t in re.findall(r"[a-z]{3,}", text.lower()) if t not in _STOP]


def _near_duplicates(sets: list[frozenset[str]], threshold: float) -> list[list[int]]:
    """Groups of sets whose Jaccard similarity reaches ``threshold``
    (candidates from shared uncommon tokens, then union-find)."""
    df: Counter[str] = Counter(t for s in sets for t in s)
    cap = max(50, len(sets) // 20)
    index: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for t in s:
            if df[t] <= cap:
                index[t].append(i)
    parent = list(range(len(sets)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: set[tuple[int, int]] = set()
    for members in index.values():
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1 :]:
                if (a, b) in seen:
                    continue
                seen.add((a, b))
                inter = len(sets[a] & sets[b])
                if inter and inter / len(sets[a] | sets[b]) >= threshold:
                    parent[find(a)] = find(b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(sets)):
        groups[find(i)].append(i)
    return [g for g in groups.values() if len(g) > 1]


# -- overdue ---------------------------------------------------------------------
def overdue(store: Store, as_of: date | None = None) -> list[dict[str, Any]]:
    """Actions whose target date has passed and whose status is not complete."""
    as_of = as_of or date.today()
    with store.session() as s:
        rows = s.execute(
            select(RecordRow, Document.file_name, Partnership.name)
            .join(Document, RecordRow.document_id == Document.id)
            .outerjoin(Partnership, Document.partnership_id == Partnership.id)
            .where(_counted(store), RecordRow.target_date.is_not(None))
            .order_by(RecordRow.target_date)
        ).all()
    out: list[dict[str, Any]] = []
    for rec, name, csp in rows:
        if rec.status == "complete" or not rec.target_date:
            continue
        end = period_end(rec.target_date)
        if end < as_of:
            out.append(
                {
                    "document": name,
                    "csp": csp,
                    "ref": rec.ref,
                    "target_date": rec.target_date,
                    "days_overdue": (as_of - end).days,
                    "status": rec.status,
                    "lead": rec.lead,
                    "action": snippet(rec.action or rec.recommendation or ""),
                }
            )
    out.sort(key=lambda r: (-int(r["days_overdue"]), str(r["document"]), str(r["ref"] or "")))
    return out


# -- agencies --------------------------------------------------------------------
def agencies(store: Store, roles: bool = False, organisations: str | None = None) -> list[dict[str, Any]]:
    """Lead organisations, resolved from the lead cells (``agencies``; the
    gazetteer extended by the file ``organisations``), with the records and
    reviews naming them; no person's name is counted."""
    from .agencies import agencies as lead_organisations

    return lead_organisations(store, roles, counted(store), organisations)


# -- search ----------------------------------------------------------------------
def search(store: Store, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Records matching every word of ``query`` in their recommendation,
    action or milestones, best first, with a snippet."""
    terms = re.findall(r"\w+", query.lower())
    if not terms:
        return []
    with store.session() as s:
        if has_fts(store.engine):
            return _search_fts(s, terms, limit)
        return _search_portable(s, terms, limit)


def _search_fts(s: Session, terms: list[str], limit: int) -> list[dict[str, Any]]:
    match = " ".join(f'"{t}"' for t in terms)
    sql = text(
        "SELECT r.id, d.file_name, r.ref, snippet(records_fts, -1, '[', ']', '…', 14) AS snip, bm25(records_fts) AS score "
        "FROM records_fts JOIN records r ON r.id = records_fts.rowid JOIN documents d ON d.id = r.document_id "
        "WHERE records_fts MATCH :match AND d.is_current = 1 AND d.withdrawn_at IS NULL "
        "ORDER BY score LIMIT :limit"
    )
    return [
        {"document": name, "ref": ref, "snippet": " ".join(snip.split()), "score": round(-score, 3)}
        for _id, name, ref, snip, score in s.execute(sql, {"match": match, "limit": limit})
    ]


# Endings cut off a search word, so that without SQLite's stemming full-text
# index a word still finds its other forms ("tenancy": tenancies).
_ENDINGS = ("ies", "ied", "ying", "ing", "es", "ed", "s", "y", "e")


def _stem(term: str) -> str:
    for ending in _ENDINGS:
        if term.endswith(ending) and len(term) - len(ending) >= 4:
            return term[: -len(ending)]
    return term


def _search_portable(s: Session, terms: list[str], limit: int) -> list[dict[str, Any]]:
    terms = [_stem(t) for t in terms]
    text_col = func.lower(
        func.coalesce(RecordRow.recommendation, "")
        + " "
        + func.coalesce(RecordRow.action, "")
        + " "
        + func.coalesce(RecordRow.milestones, "")
    )
    q = select(RecordRow, Document.file_name).join(Document, RecordRow.document_id == Document.id).where(_current())
    for t in terms:
        q = q.where(text_col.like(f"%{t}%"))
    scored: list[dict[str, Any]] = []
    for rec, name in s.execute(q).all():
        body = " ".join(x for x in (rec.recommendation, rec.action, rec.milestones) if x)
        low = body.lower()
        score = sum(low.count(t) for t in terms) + (5 if " ".join(terms) in low else 0)
        scored.append({"document": name, "ref": rec.ref, "snippet": snippet(body, terms[0]), "score": float(score)})
    scored.sort(key=lambda r: -float(r["score"]))
    return scored[:limit]


def snippet(body: str, term: str | None = None, width: int = 90) -> str:
    """``body`` on one line, cut to ``width`` with an ellipsis (around
    ``term`` when it is far in)."""
    body = " ".join(body.split())
    if term:
        i = body.lower().find(term)
        if i > width // 2:
            body = "…" + body[i - width // 2 :]
    return body if len(body) <= width else body[: width - 1] + "…"


# -- notebooks -------------------------------------------------------------------
def load_records(db: str | Store, all_versions: bool = False) -> Any:
    """Every record with its document, partnership, year and themes, as a
    pandas DataFrame (one row per record; ``themes`` is a list)."""
    import pandas as pd

    store = db if isinstance(db, Store) else Store(db)
    try:
        with store.session() as s:
            q = (
                select(RecordRow, Document, Partnership.name)
                .join(Document, RecordRow.document_id == Document.id)
                .outerjoin(Partnership, Document.partnership_id == Partnership.id)
                .order_by(Document.file_name, RecordRow.position)
            )
            if not all_versions:
                q = q.where(Document.is_current.is_(True))
            themes: dict[int, list[str]] = defaultdict(list)
            for rid, theme in s.execute(select(RecordTheme.record_id, RecordTheme.theme)):
                themes[rid].append(theme)
            rows = [
                {
                    "document": doc.file_name,
                    "version": doc.version,
                    "csp": csp,
                    "year": doc.year,
                    "withdrawn": doc.withdrawn_at is not None,
                    **{c: getattr(rec, c) for c in _RECORD_COLUMNS},
                    "themes": sorted(themes.get(rec.id, [])),
                }
                for rec, doc, csp in s.execute(q).all()
            ]
    finally:
        if not isinstance(db, Store):
            store.close()
    return pd.DataFrame(rows, columns=_FRAME_COLUMNS)


# The record's schema fields (its document comes from the join) and its pages.
_RECORD_COLUMNS = (*SCHEMA_FIELDS[1:], "page_start", "page_end")
_FRAME_COLUMNS = ["document", "version", "csp", "year", "withdrawn", *_RECORD_COLUMNS, "themes"]
