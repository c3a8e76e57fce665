"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23

The schema of dhr-actions 0.1.0: partnerships, document versions, records,
themes, scrape runs and remote files; on SQLite also the FTS5 index over the
records' text, kept in step by triggers (skipped where SQLite lacks FTS5).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Full-text search on SQLite: an external-content FTS5 table over records.
_FTS = ("recommendation", "action", "milestones")
_COLS = ", ".join(_FTS)
_NEW = ", ".join("new." + c for c in _FTS)
_OLD = ", ".join("old." + c for c in _FTS)
_FTS_UP = [
    f"CREATE VIRTUAL TABLE records_fts USING fts5({_COLS}, content='records', content_rowid='id', "
    "tokenize='porter unicode61')",
    f"CREATE TRIGGER records_fts_ai AFTER INSERT ON records BEGIN "
    f"INSERT INTO records_fts(rowid, {_COLS}) VALUES (new.id, {_NEW}); END",
    f"CREATE TRIGGER records_fts_ad AFTER DELETE ON records BEGIN "
    f"INSERT INTO records_fts(records_fts, rowid, {_COLS}) VALUES ('delete', old.id, {_OLD}); END",
    f"CREATE TRIGGER records_fts_au AFTER UPDATE ON records BEGIN "
    f"INSERT INTO records_fts(records_fts, rowid, {_COLS}) VALUES ('delete', old.id, {_OLD}); "
    f"INSERT INTO records_fts(rowid, {_COLS}) VALUES (new.id, {_NEW}); END",
]
_FTS_DOWN = [
    "DROP TRIGGER IF EXISTS records_fts_au",
    "DROP TRIGGER IF EXISTS records_fts_ad",
    "DROP TRIGGER IF EXISTS records_fts_ai",
    "DROP TABLE IF EXISTS records_fts",
]


def _sqlite_has_fts5() -> bool:
    bind = op.get_bind()
    options = {row[0] for row in bind.exec_driver_sql("PRAGMA compile_options")}
    return "ENABLE_FTS5" in options


def _create_fts() -> None:
    if op.get_bind().dialect.name != "sqlite" or not _sqlite_has_fts5():
        return
    for statement in _FTS_UP:
        op.execute(statement)


def _drop_fts() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in _FTS_DOWN:
        op.execute(statement)


def upgrade() -> None:
    op.create_table(
        "partnerships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "scrape_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("offline", sa.Boolean(), nullable=False),
        sa.Column("config_path", sa.Text(), nullable=True),
        sa.Column("counts", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=True),
        sa.Column("partnership_id", sa.Integer(), nullable=True),
        sa.Column("page_count", sa.Integer(), nullable=True),
        sa.Column("size_bytes", sa.Integer(), nullable=True),
        sa.Column("source_path", sa.Text(), nullable=True),
        sa.Column("source_url", sa.Text(), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("extractor", sa.String(length=50), nullable=True),
        sa.Column("extractor_version", sa.String(length=50), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("record_count", sa.Integer(), nullable=False),
        sa.Column("ocr", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.JSON(), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnerships.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("file_name", "sha256", name="uq_documents_name_sha"),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index("ix_documents_current", ["file_name", "is_current"], unique=False)

    op.create_table(
        "remote_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_run_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["last_run_id"],
            ["scrape_runs.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source", "url", name="uq_remote_files_source_url"),
    )
    op.create_table(
        "document_themes",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(length=50), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", "theme"),
    )
    op.create_table(
        "records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("section", sa.Text(), nullable=True),
        sa.Column("ref", sa.String(length=50), nullable=True),
        sa.Column("recommendation", sa.Text(), nullable=True),
        sa.Column("scope", sa.Text(), nullable=True),
        sa.Column("action", sa.Text(), nullable=True),
        sa.Column("lead", sa.Text(), nullable=True),
        sa.Column("milestones", sa.Text(), nullable=True),
        sa.Column("target_date_text", sa.Text(), nullable=True),
        sa.Column("target_date", sa.String(length=10), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=True),
        sa.Column("page_start", sa.Integer(), nullable=True),
        sa.Column("page_end", sa.Integer(), nullable=True),
        sa.Column("extractor", sa.String(length=50), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("ocr", sa.Boolean(), nullable=False),
        sa.Column("raw_cells", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.create_index("ix_records_document", ["document_id", "position"], unique=False)

    op.create_table(
        "record_themes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(length=50), nullable=False),
        sa.Column("phrase", sa.Text(), nullable=False),
        sa.Column("taxonomy", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(["record_id"], ["records.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("record_id", "theme", name="uq_record_themes"),
    )
    with op.batch_alter_table("record_themes", schema=None) as batch_op:
        batch_op.create_index("ix_record_themes_theme", ["theme"], unique=False)
    _create_fts()


def downgrade() -> None:
    _drop_fts()
    with op.batch_alter_table("record_themes", schema=None) as batch_op:
        batch_op.drop_index("ix_record_themes_theme")

    op.drop_table("record_themes")
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.drop_index("ix_records_document")

    op.drop_table("records")
    op.drop_table("document_themes")
    op.drop_table("remote_files")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("ix_documents_current")

    op.drop_table("documents")
    op.drop_table("scrape_runs")
    op.drop_table("partnerships")
