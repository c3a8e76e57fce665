"""review_copies: the grouping of copies of one review, kept

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

Copies of one plan (a scan and a text PDF, a Word file and its PDF) are
counted as one review. Grouping them matches every current document's
records, seconds on a large store; the table keeps the last grouping and the
set of documents it was made for, so that a new process reads it instead.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_copies",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("representative_id", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("grouped", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id"),
    )


def downgrade() -> None:
    op.drop_table("review_copies")
