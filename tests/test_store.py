"""The store: idempotent re-imports, versions, whole-or-nothing saves."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE_PDFS, expected_records
from sqlalchemy import func, select

import dhr_actions.store.repository as repository
from dhr_actions.compose import import_file
from dhr_actions.importer import ImportOptions
from dhr_actions.normalise.record import Record
from dhr_actions.store.models import Document, Outcome, RecordRow
from dhr_actions.store.repository import DocumentImport, DocumentNotFound, Store


@pytest.fixture
def store(any_db: str) -> Iterator[Store]:
    """Every test here runs on SQLite and on a real PostgreSQL server."""
    s = Store(any_db)
    yield s
    s.close()


# Extraction in this process: these tests are about the store, not the limits.
IN_PROCESS = ImportOptions(jobs=0)


def counts(store: Store) -> tuple[int, int]:
    with store.session() as s:
        return s.scalar(select(func.count(Document.id))) or 0, s.scalar(select(func.count(RecordRow.id))) or 0


def snapshot(store: Store) -> list[tuple]:
    return [
        (d.id, d.file_name, d.version, d.is_current, d.outcome, d.record_count, d.imported_at)
        for d in store.documents()
    ]


def test_reimport_changes_nothing(store: Store) -> None:
    first = [import_file(store, p, IN_PROCESS) for p in SAMPLE_PDFS]
    assert {o.status for o in first} == {"imported", "no plan found"}
    before, rows_before = snapshot(store), counts(store)
    again = [import_file(store, p, IN_PROCESS) for p in SAMPLE_PDFS]
    assert {o.status for o in again} == {"unchanged"}
    assert snapshot(store) == before
    assert counts(store) == rows_before


def test_changed_file_is_a_new_version_and_the_old_is_kept(store: Store, tmp_path: Path) -> None:
    plan = tmp_path / "plan.pdf"
    shutil.copy(SAMPLE_PDFS[0], plan)
    assert import_file(store, plan, IN_PROCESS).status == "imported"
    shutil.copy(SAMPLE_PDFS[1], plan)
    second = import_file(store, plan, IN_PROCESS)
    assert (second.status, second.version) == ("new version", 2)
    versions = [(d.version, d.is_current) for d in store.documents() if d.file_name == "plan.pdf"]
    assert versions == [(1, False), (2, True)]
    current = list(store.records())
    assert {doc.version for doc, _ in current} == {2}
    every = list(store.records(all_versions=True))
    assert {doc.version for doc, _ in every} == {1, 2}
    assert store.document("plan").version == 2
    assert store.document("plan@1").version == 1


def test_force_reextracts_in_place(store: Store) -> None:
    pdf = SAMPLE_PDFS[0]
    import_file(store, pdf, IN_PROCESS)
    again = import_file(store, pdf, replace(IN_PROCESS, force=True))
    assert (again.status, again.version) == ("imported", 1)
    assert counts(store)[0] == 1


def test_a_document_is_saved_whole_or_not_at_all(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"n": 0}
    real = repository._row

    def failing_row(r: Record, position: int, taxonomy: str = "") -> RecordRow:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk on fire")
        return real(r, position, taxonomy)

    monkeypatch.setattr(repository, "_row", failing_row)
    records = [Record("x.pdf", None, str(i), "rec", None, "act", None, None, None, None, None, None) for i in range(5)]
    imp = DocumentImport(
        file_name="x.pdf", sha256="0" * 64, outcome="imported", records=records, partnership="Somewhere"
    )
    with pytest.raises(RuntimeError):
        store.save(imp)
    assert counts(store) == (0, 0)
    assert store.documents() == []


def test_provenance_columns(store: Store) -> None:
    pdf = next(p for p in SAMPLE_PDFS if p.name.startswith("northmoor"))
    import_file(store, pdf, replace(IN_PROCESS, source_url="https://example.org/dhr.pdf"))
    doc = store.document(pdf.name)
    assert doc.sha256 and len(doc.sha256) == 64
    assert doc.page_count == 2 and doc.source_url == "https://example.org/dhr.pdf"
    assert doc.extractor == "pdfplumber" and doc.extractor_version
    assert doc.partnership is not None and doc.partnership.name == "Northmoor"
    assert doc.records[0].raw_cells and doc.records[0].page_start == 1


def test_unknown_document(store: Store) -> None:
    with pytest.raises(DocumentNotFound):
        store.document("nothing-here")


def test_sqlalchemy_url_is_accepted(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'by-url.sqlite'}"
    with Store(url) as s:
        import_file(s, SAMPLE_PDFS[0], IN_PROCESS)
        assert counts(s)[0] == 1
    assert (tmp_path / "by-url.sqlite").exists()


def test_two_processes_importing_overlapping_sets(tmp_path: Path, any_db: str) -> None:
    """Concurrent writers lose nothing and duplicate nothing, from a database
    that does not exist yet (both race to create the schema too)."""
    import subprocess
    import sys

    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    for pdf in SAMPLE_PDFS[:5]:
        shutil.copy(pdf, first / pdf.name)
    for pdf in SAMPLE_PDFS[2:]:
        shutil.copy(pdf, second / pdf.name)
    db = any_db
    cmd = [sys.executable, "-m", "dhr_actions.cli", "import", "--db", db, "--jobs", "1", "-q"]
    procs = [
        subprocess.Popen([*cmd, str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for folder in (first, second)
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()
    with Store(db) as s:
        docs = s.documents()
        assert sorted(d.file_name for d in docs) == sorted(p.name for p in SAMPLE_PDFS)
        assert all(d.version == 1 and d.is_current for d in docs)
        want = {p.name: len(expected_records(p)) for p in SAMPLE_PDFS}
        assert {d.file_name: d.record_count for d in docs} == want
        assert counts(s) == (len(SAMPLE_PDFS), sum(want.values()))


def test_a_partnership_created_meanwhile_by_another_writer(any_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two writers naming a new partnership at once: the one that loses the
    race on the unique name tries again and finds it."""
    if "://" not in any_db:
        pytest.skip("SQLite serialises writers (BEGIN IMMEDIATE), so this race cannot happen there")
    from dhr_actions.store.models import Partnership

    real = Store._partnership
    calls = []

    def racing(s: Any, name: str | None) -> Any:
        calls.append(name)
        if len(calls) > 1:
            return real(s, name)
        with Store(any_db) as other:  # commits the same new name first
            other.save(
                DocumentImport(file_name="other.pdf", sha256="b" * 64, outcome=Outcome.NO_PLAN, partnership=name)
            )
        found = Partnership(name=name)  # this writer looked before the other committed
        s.add(found)
        s.flush()
        return found

    with Store(any_db) as store:
        monkeypatch.setattr(Store, "_partnership", staticmethod(racing))
        saved = store.save(
            DocumentImport(file_name="mine.pdf", sha256="a" * 64, outcome=Outcome.NO_PLAN, partnership="Eastbridge")
        )
        assert saved.status == Outcome.NO_PLAN and len(calls) == 3  # mine, the other writer's, mine again
        docs = {d.file_name: d.partnership.name if d.partnership else None for d in store.documents()}
        assert docs == {"mine.pdf": "Eastbridge", "other.pdf": "Eastbridge"}


def test_opening_waits_for_a_database_another_process_holds(tmp_path: Path) -> None:
    """A new file held by another writer (here a connection with an
    exclusive lock, as during a schema's creation): opening waits for it
    instead of failing with "database is locked"."""
    import sqlite3
    import threading

    db = tmp_path / "held.sqlite"
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("CREATE TABLE being_made (x)")
    release = threading.Timer(1.5, lambda: holder.execute("COMMIT"))
    release.start()
    try:
        with Store(str(db)) as s:
            assert counts(s) == (0, 0)
    finally:
        release.join()
        holder.close()


def test_waiting_turn_tries_again_only_while_busy() -> None:
    import sqlite3

    from dhr_actions.store.engine import waiting_turn

    tries = []

    def busy_twice() -> str:
        tries.append(1)
        if len(tries) < 3:
            raise sqlite3.OperationalError("database is locked")
        return "opened"

    assert waiting_turn(busy_twice) == "opened" and len(tries) == 3

    def broken() -> None:
        raise sqlite3.OperationalError("no such table: documents")

    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        waiting_turn(broken)

    def always_busy() -> None:
        raise sqlite3.OperationalError("database is locked")

    with pytest.raises(sqlite3.OperationalError, match="locked"):  # gives up at its timeout
        waiting_turn(always_busy, timeout_ms=100)


def test_importing_processes_soak_on_a_new_database_on_a_busy_machine(tmp_path: Path) -> None:
    """Several imports start at once against one database that does not
    exist yet, while other processes keep every core busy: all of them
    create, open and write it without a "database is locked"."""
    import os
    import subprocess
    import sys

    burn = "import time\nend = time.monotonic() + 300\nwhile time.monotonic() < end: pass"
    burners = [subprocess.Popen([sys.executable, "-c", burn]) for _ in range(os.cpu_count() or 2)]
    db = str(tmp_path / "soak.sqlite")
    folders = []
    for n, pdf in enumerate(SAMPLE_PDFS[:8]):
        folder = tmp_path / f"set{n // 2}"
        folder.mkdir(exist_ok=True)
        shutil.copy(pdf, folder / pdf.name)
        folders.append(folder)
    cmd = [sys.executable, "-m", "dhr_actions.cli", "import", "--db", db, "--jobs", "1", "-q"]
    try:
        procs = [
            subprocess.Popen([*cmd, str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for folder in sorted(set(folders))
        ]
        errors = [p.communicate(timeout=600)[1].decode() for p in procs]
        assert [p.returncode for p in procs] == [0] * len(procs), errors
    finally:
        for b in burners:
            b.kill()
            b.wait()
    with Store(db) as s:
        assert sorted(d.file_name for d in s.documents()) == sorted(p.name for p in SAMPLE_PDFS[:8])
