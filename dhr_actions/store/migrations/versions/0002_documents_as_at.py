"""documents.as_at: the date a version's progress is given as at

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

A plan republished with progress updates prints the date it speaks for
("Updated November 2015", "Position as at May 2022"); the implementation
history (``research/history.py``) dates each version by it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("as_at", sa.String(length=10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("as_at")
