"""Schema migrations on SQLite and PostgreSQL: a new database is created at
the newest revision, the revisions build exactly the models' schema, every
revision downgrades and upgrades again, and a database at another revision
is refused on open and moved on by ``dhr db upgrade`` with its data kept."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import create_engine, inspect, text

from dhr_actions.cli import main
from dhr_actions.store import migrate
from dhr_actions.store.models import Base
from dhr_actions.store.repository import DocumentImport, Store, database_url, make_engine

# A later revision, as a developer would add one: a column on documents.
EXTRA_REVISION = '''"""documents.language

Revision ID: 0099
Revises: {down}
"""

import sqlalchemy as sa
from alembic import op

revision = "0099"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("language", sa.String(10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("language")
'''


def _doc(name: str = "plan.pdf") -> DocumentImport:
    return DocumentImport(file_name=name, sha256="a" * 64, outcome="no plan found", reason="none here")


def _not_fts(name: str | None, type_: str, _parent: object) -> bool:
    return not (type_ == "table" and str(name).startswith("records_fts"))


def test_new_database_is_created_at_head_and_matches_the_models(any_db: str) -> None:
    with Store(any_db) as store:
        st = migrate.state(store.engine)
        assert st.current == migrate.head() and st.up_to_date
        with store.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": _not_fts})
            assert compare_metadata(ctx, Base.metadata) == []


def test_every_revision_downgrades_and_upgrades_again(any_db: str) -> None:
    engine = make_engine(any_db, check_schema=False)
    try:
        revisions = [rev for rev, _msg in migrate.history()]
        for i, rev in enumerate(revisions):
            migrate.upgrade(engine, rev)
            migrate.downgrade(engine, revisions[i - 1] if i else "base")
            migrate.upgrade(engine, rev)
        assert migrate.state(engine).up_to_date
        migrate.downgrade(engine, "base")
        tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
        assert tables == set()
    finally:
        engine.dispose()


# Columns the revisions after the baseline add to the models.
ADDED_SINCE_0001 = [("documents", "as_at")]
TABLES_SINCE_0001 = ["review_copies"]


def test_a_database_made_before_migrations_is_adopted(tmp_path: Path) -> None:
    db = str(tmp_path / "old.sqlite")
    engine = create_engine(database_url(db))
    Base.metadata.create_all(engine)  # how 0.1.0 made its databases,
    with engine.begin() as conn:
        for table, column in ADDED_SINCE_0001:  # less what later revisions add
            conn.execute(text(f"ALTER TABLE {table} DROP COLUMN {column}"))
        for table in TABLES_SINCE_0001:
            conn.execute(text(f"DROP TABLE {table}"))
        conn.execute(
            text(
                "INSERT INTO documents (file_name, sha256, version, is_current, imported_at, outcome, record_count, ocr)"
                " VALUES ('old.pdf', :sha, 1, 1, '2026-01-01', 'no plan found', 0, 0)"
            ),
            {"sha": "b" * 64},
        )
    engine.dispose()
    upgraded = CliRunner().invoke(main, ["db", "upgrade", "--db", db])
    assert upgraded.exit_code == 0, upgraded.output
    with Store(db) as store:
        assert [d.file_name for d in store.documents()] == ["old.pdf"]
        st = migrate.state(store.engine)
        assert st.current == migrate.head() and not st.legacy


def test_a_database_newer_than_this_dhr_is_refused(any_db: str) -> None:
    Store(any_db).close()
    engine = make_engine(any_db, check_schema=False)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'zz99'"))
    engine.dispose()
    with pytest.raises(migrate.SchemaError, match="newer than this dhr"):
        Store(any_db)
    result = CliRunner().invoke(main, ["documents", "--db", any_db])
    assert result.exit_code == 1 and "newer than this dhr" in result.output


@pytest.fixture
def later_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The shipped migrations plus one more, as the next release would have."""
    location = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, location, ignore=shutil.ignore_patterns("__pycache__"))
    old_head = migrate.head()
    (location / "versions" / "0099_language.py").write_text(EXTRA_REVISION.format(down=old_head))
    monkeypatch.setattr(migrate, "MIGRATIONS", location)
    return old_head


def test_an_older_database_is_refused_until_upgraded_and_keeps_its_data(
    any_db: str, later_revision: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A database made by the release before: at the old head, with a document.
    engine = make_engine(any_db, check_schema=False)
    migrate.upgrade(engine, later_revision)
    engine.dispose()
    with monkeypatch.context() as m:
        m.setattr(migrate, "head", lambda: later_revision)
        with Store(any_db) as store:
            store.save(_doc())

    runner = CliRunner()
    refused = runner.invoke(main, ["documents", "--db", any_db])
    assert refused.exit_code == 1
    assert f"at revision {later_revision}, this dhr needs 0099" in refused.output
    assert "dhr db upgrade" in refused.output

    assert "behind 0099" in runner.invoke(main, ["db", "current", "--db", any_db]).output
    upgraded = runner.invoke(main, ["db", "upgrade", "--db", any_db])
    assert upgraded.exit_code == 0, upgraded.output
    assert f"upgraded {later_revision} -> 0099" in upgraded.output
    assert "already at 0099" in runner.invoke(main, ["db", "upgrade", "--db", any_db]).output

    with Store(any_db) as store:
        assert [d.file_name for d in store.documents()] == ["plan.pdf"]
        columns = {c["name"] for c in inspect(store.engine).get_columns("documents")}
        assert "language" in columns


def _open(db: str) -> None:
    Store(db).close()


def test_processes_opening_a_new_database_at_once_create_it_once(any_db: str) -> None:
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_open, args=(any_db,)) for _ in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    with Store(any_db) as store:
        assert migrate.state(store.engine).up_to_date
