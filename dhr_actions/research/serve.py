"""`dhr serve`: the database in Datasette, read-only, with canned queries.

A view, ``current_records``, joins each record of a current document to its
document, partnership and year, so Datasette can facet on them. The
counting queries count reviews, not files, through the grouping of copies
the store keeps (``review_copies``), brought up to date first; two tables
are written afresh each time: ``dhr progress``'s figures per document and
``dhr agencies``' lead organisations (``lead_organisations``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import text

from ..store.repository import Store

CURRENT_RECORDS_VIEW = """
CREATE VIEW IF NOT EXISTS current_records AS
SELECT r.id, d.file_name AS document, p.name AS csp, d.year, r.section, r.ref, r.recommendation, r.action,
       r.lead, r.target_date_text, r.target_date, r.status, r.outcome, r.milestones, r.page_start, r.page_end
FROM records r
JOIN documents d ON d.id = r.document_id
LEFT JOIN partnerships p ON p.id = d.partnership_id
WHERE d.is_current = 1 AND d.withdrawn_at IS NULL
"""

# The last day of a target date printed as a year, a month or a day: the
# SQL twin of normalise.dates.period_end for Datasette's canned queries
# (tests/test_research.py checks the two agree).
_PERIOD_END = (
    "CASE length(r.target_date) WHEN 4 THEN r.target_date || '-12-31' "
    "WHEN 7 THEN date(r.target_date || '-01', '+1 month', '-1 day') ELSE r.target_date END"
)
_CURRENT = "d.is_current = 1 AND d.withdrawn_at IS NULL"
# Which copy of each review is counted: the standing copy of each review in
# the grouping the store keeps (``copies``), brought up to date each time the
# store is served. Counts are of reviews, not files.
_COUNTED = f"{_CURRENT} AND d.id IN (SELECT document_id FROM review_copies WHERE rank = 0)"

# ``dhr progress``'s figures, written afresh each time the store is served
# (matching versions is Python's work, not SQL's), for the canned query.
PROGRESS_TABLE = "progress_by_document"
# ``dhr agencies``: lead organisations, resolved in Python, written afresh too.
AGENCIES_TABLE = "lead_organisations"


CANNED_QUERIES: dict[str, dict[str, Any]] = {
    "themes": {
        "title": "Records and reviews per theme",
        "sql": "SELECT t.theme, sum(t.records) AS records, count(DISTINCT d.id) AS reviews FROM document_themes t "
        f"JOIN documents d ON d.id = t.document_id WHERE {_COUNTED} GROUP BY t.theme ORDER BY records DESC",
    },
    "themes_by_year": {
        "title": "Themes by review year",
        "sql": "SELECT d.year, t.theme, count(*) AS records, count(DISTINCT d.id) AS reviews FROM record_themes t "
        f"JOIN records r ON r.id = t.record_id JOIN documents d ON d.id = r.document_id WHERE {_COUNTED} "
        "GROUP BY d.year, t.theme ORDER BY d.year, records DESC",
    },
    "themes_by_csp": {
        "title": "Themes by partnership",
        "sql": "SELECT p.name AS csp, t.theme, count(*) AS records FROM record_themes t "
        "JOIN records r ON r.id = t.record_id JOIN documents d ON d.id = r.document_id "
        f"LEFT JOIN partnerships p ON p.id = d.partnership_id WHERE {_COUNTED} GROUP BY p.name, t.theme ORDER BY csp, records DESC",
    },
    "overdue": {
        "title": "Overdue actions (target date passed, not complete)",
        "sql": f"SELECT d.file_name AS document, r.ref, r.target_date, r.status, r.lead, r.action FROM records r "
        f"JOIN documents d ON d.id = r.document_id WHERE {_COUNTED} AND r.target_date IS NOT NULL "
        f"AND coalesce(r.status, '') != 'complete' AND {_PERIOD_END} < :as_of ORDER BY r.target_date",
    },
    "progress": {
        "title": "Progress per plan: complete, ongoing, overdue, revised, dropped (as of when served)",
        "sql": f"SELECT * FROM {PROGRESS_TABLE} ORDER BY csp, document",
    },
    "progress_by_csp": {
        "title": "Progress per partnership (as of when served)",
        "sql": "SELECT csp, count(*) AS documents, sum(actions) AS actions, sum(complete) AS complete, "
        "sum(ongoing) AS ongoing, sum(no_status) AS no_status, sum(overdue) AS overdue, sum(revised) AS revised, "
        f"sum(dropped) AS dropped FROM {PROGRESS_TABLE} GROUP BY csp ORDER BY csp",
    },
    "lead_agencies": {
        "title": "Lead organisations (resolved from the lead cells; no person's name is counted)",
        "sql": f"SELECT agency, type, records, reviews, roles FROM {AGENCIES_TABLE} ORDER BY records DESC, agency",
    },
    "search": {
        "title": "Search recommendations, actions and milestones",
        "sql": "SELECT d.file_name AS document, r.ref, snippet(records_fts, -1, '[', ']', '…', 14) AS snippet "
        "FROM records_fts JOIN records r ON r.id = records_fts.rowid JOIN documents d ON d.id = r.document_id "
        f"WHERE records_fts MATCH :q AND {_CURRENT} ORDER BY rank LIMIT 100",
    },
}


def prepare(store: Store) -> Path:
    """Create the browsing view and the progress table; return the SQLite
    file to serve."""
    from .copies import reviews
    from .progress import progress
    from .queries import agencies

    if store.engine.dialect.name != "sqlite":
        raise ValueError("dhr serve works on a SQLite database (Datasette); export or copy a PostgreSQL store first")
    rows = progress(store, "document")
    leads = agencies(store)
    reviews(store)  # the grouping of copies the counting queries read, kept up to date
    with store.engine.begin() as conn:
        conn.execute(text(CURRENT_RECORDS_VIEW))
        conn.execute(text("DROP TABLE IF EXISTS document_reviews"))  # what stores served before 0003 hold
        conn.execute(text(f"DROP TABLE IF EXISTS {AGENCIES_TABLE}"))
        conn.execute(text(f"CREATE TABLE {AGENCIES_TABLE} (agency, type, records, reviews, roles, variants)"))
        if leads:
            conn.execute(
                text(f"INSERT INTO {AGENCIES_TABLE} VALUES (:agency, :type, :records, :reviews, :roles, :variants)"),
                leads,
            )
        conn.execute(text(f"DROP TABLE IF EXISTS {PROGRESS_TABLE}"))
        columns = list(rows[0]) if rows else ["document", "csp"]
        conn.execute(text(f"CREATE TABLE {PROGRESS_TABLE} ({', '.join(columns)})"))
        if rows:
            names = ", ".join(f":{c}" for c in columns)
            conn.execute(text(f"INSERT INTO {PROGRESS_TABLE} VALUES ({names})"), rows)
    database = store.engine.url.database
    if not database or database == ":memory:":
        raise ValueError("dhr serve needs a database file")
    return Path(database)


def metadata(db_file: Path) -> dict[str, Any]:
    name = db_file.stem
    return {
        "title": "DHR action plans",
        "description": "Recommendations and actions from Domestic Homicide Review action plans (dhr-actions).",
        "databases": {
            name: {
                "queries": CANNED_QUERIES,
                "tables": {
                    "current_records": {"facets": ["csp", "year", "status"], "sort": "document"},
                    "records_fts": {"hidden": True},
                },
            }
        },
    }


def serve(store: Store, host: str = "127.0.0.1", port: int = 8001) -> int:
    """Run Datasette on the store (read-only) until interrupted."""
    db_file = prepare(store)
    store.close()
    with tempfile.TemporaryDirectory() as tmp:
        meta = Path(tmp) / "metadata.json"
        meta.write_text(json.dumps(metadata(db_file), indent=2), encoding="utf-8")
        cmd = [sys.executable, "-m", "datasette", "serve", "-i", str(db_file), "--metadata", str(meta)]
        cmd += ["--host", host, "--port", str(port), "--setting", "sql_time_limit_ms", "5000"]
        proc = subprocess.Popen(cmd)
        try:
            return proc.wait()
        except KeyboardInterrupt:
            proc.terminate()
            return proc.wait()
