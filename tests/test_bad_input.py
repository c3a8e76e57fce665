"""Bad files: one clear line each, recorded as failed, the batch goes on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from badfiles import make_bad_files
from click.testing import CliRunner
from conftest import SAMPLE_PDFS, expected_records, squash

from dhr_actions.cli import main
from dhr_actions.compose import import_file
from dhr_actions.store.repository import Store

REASONS = {
    "empty": "empty file",
    "text": "not a PDF",
    "truncated": "truncated PDF",
    "encrypted": "encrypted PDF",
}


@pytest.mark.parametrize("kind", sorted(REASONS))
def test_each_bad_file_fails_with_its_reason(kind: str, tmp_path: Path, store: Store) -> None:
    path = make_bad_files(tmp_path / "bad")[kind]
    outcome = import_file(store, path)
    assert outcome.failed
    assert outcome.reason and REASONS[kind] in outcome.reason
    assert "\n" not in outcome.reason
    (doc,) = store.documents()
    assert (doc.outcome, doc.reason, doc.record_count) == ("failed", outcome.reason, 0)


def test_batch_goes_on_and_exit_status_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    bad = make_bad_files(folder)
    good = [shutil.copy(p, folder / p.name) for p in SAMPLE_PDFS[:2]]
    db = str(tmp_path / "b.sqlite")
    result = CliRunner().invoke(main, ["import", str(folder), "--db", db])
    assert result.exit_code == 1
    failed_lines = [ln for ln in result.stderr.splitlines() if ln.startswith("failed:")]
    assert len(failed_lines) == len(bad)
    for kind, path in bad.items():
        (line,) = [ln for ln in failed_lines if path.name in ln]
        assert REASONS[kind] in line
    assert "2 imported" in result.stdout and "4 failed" in result.stdout
    with Store(db) as s:
        outcomes = {d.file_name: d.outcome for d in s.documents()}
    assert outcomes == {**{p.name: "failed" for p in bad.values()}, **{Path(p).name: "imported" for p in good}}


@pytest.mark.parametrize("damage", ["startxref", "offsets", "missing"])
def test_a_damaged_cross_reference_table_is_repaired(damage: str, tmp_path: Path, store: Store) -> None:
    from badfiles import make_damaged_xref

    src = SAMPLE_PDFS[0]
    damaged = make_damaged_xref(src, tmp_path / src.name, damage)
    outcome = import_file(store, damaged)
    assert outcome.status == "imported", outcome.reason
    doc = store.document(src.name)
    got = [squash(r.action) for r in doc.records]
    assert got == [squash(r["action"]) for r in expected_records(src)]
    assert any(n.startswith("damaged PDF repaired by qpdf") for n in doc.notes or [])


def test_shifted_offsets_would_lose_pages_without_repair(tmp_path: Path) -> None:
    """Why the repair exists: pdfminer reads the damaged file without an
    error but finds no pages in it."""
    import pdfplumber
    from badfiles import make_damaged_xref

    damaged = make_damaged_xref(SAMPLE_PDFS[0], tmp_path / "d.pdf", "offsets")
    with pdfplumber.open(damaged) as pdf:
        assert len(pdf.pages) == 0


def test_sound_files_are_read_as_they_are(tmp_path: Path) -> None:
    from dhr_actions.ingest.safety.repair import readable_pdf

    with readable_pdf(SAMPLE_PDFS[0]) as readable:
        assert readable.path == SAMPLE_PDFS[0] and not readable.repaired


@pytest.mark.parametrize("aes256", [False, True], ids=["aes128", "aes256"])
def test_encrypted_with_an_owner_password_only_imports(aes256: bool, tmp_path: Path, store: Store) -> None:
    from badfiles import make_owner_locked

    src = SAMPLE_PDFS[0]
    locked = make_owner_locked(src, tmp_path / src.name, aes256)
    assert b"/Encrypt" in locked.read_bytes()
    outcome = import_file(store, locked)
    assert outcome.status == "imported", outcome.reason
    assert outcome.records == len(expected_records(src))


def test_encrypted_with_a_user_password_fails_with_the_reason(tmp_path: Path, store: Store) -> None:
    import pikepdf

    src = SAMPLE_PDFS[0]
    locked = tmp_path / src.name
    with pikepdf.open(src) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(owner="o", user="reader", R=6))
    outcome = import_file(store, locked)
    assert outcome.failed and outcome.reason == "encrypted PDF: a password is needed to open it"


def test_extractor_crash_is_a_failed_document(tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from dhr_actions import importer
    from dhr_actions.importer import ImportOptions, Stages

    def boom(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    # A reading stage handed in that fails (a lambda-like stage: in process).
    outcome = importer.import_file(store, SAMPLE_PDFS[0], Stages(read=boom), ImportOptions(jobs=0))  # type: ignore[arg-type]
    assert outcome.failed and outcome.reason == "extraction error: ZeroDivisionError: division by zero"


def test_missing_path_is_reported(tmp_path: Path) -> None:
    db = str(tmp_path / "m.sqlite")
    result = CliRunner().invoke(main, ["import", str(tmp_path / "nope.pdf"), str(SAMPLE_PDFS[0]), "--db", db])
    assert result.exit_code == 1
    assert "nope.pdf: no such file" in result.stderr
    assert "1 imported" in result.stdout


def test_control_characters_in_file_names(tmp_path: Path, store: Store) -> None:
    odd = tmp_path / "plan\x1bname.pdf"
    shutil.copy(SAMPLE_PDFS[0], odd)
    outcome = import_file(store, odd)
    assert outcome.status == "imported"
    assert store.documents()[0].file_name == "plan?name.pdf"


def test_path_separators_and_newlines_in_file_names(tmp_path: Path) -> None:
    """A POSIX file name may hold a backslash or a newline: the name is
    stored as one line and the import reports one line per file."""
    folder = tmp_path / "odd"
    folder.mkdir()
    windows = folder / "reports\\2021\\plan.pdf"
    newline = folder / "line\nbreak.pdf"
    shutil.copy(SAMPLE_PDFS[0], windows)
    newline.write_bytes(b"not a pdf at all\n")
    db = str(tmp_path / "n.sqlite")
    result = CliRunner().invoke(main, ["import", str(folder), "--db", db])
    assert result.exit_code == 1
    (failed,) = [ln for ln in result.stderr.splitlines() if "break.pdf" in ln]
    assert "line?break.pdf" in failed and "not a PDF" in failed
    with Store(db) as s:
        names = {d.file_name: d.outcome for d in s.documents()}
    assert names == {"reports\\2021\\plan.pdf": "imported", "line?break.pdf": "failed"}


def test_a_5000_page_tree_is_refused(tmp_path: Path) -> None:
    from badfiles import make_many_pages

    big = make_many_pages(tmp_path / "huge.pdf", 5000)
    result = CliRunner().invoke(main, ["import", str(big), "--db", str(tmp_path / "p.sqlite")])
    assert result.exit_code == 1
    assert "huge.pdf: too many pages: 5000 (the limit is 2000; see --max-pages)" in result.stderr


def test_a_slow_document_is_given_up_and_the_batch_goes_on(tmp_path: Path) -> None:
    from badfiles import make_many_pages

    slow = make_many_pages(tmp_path / "slow.pdf", 1200, text=True)  # about 8 s of work
    good = shutil.copy(SAMPLE_PDFS[0], tmp_path / SAMPLE_PDFS[0].name)
    db = str(tmp_path / "t.sqlite")
    # The limit leaves the good document room on a loaded machine.
    result = CliRunner().invoke(main, ["import", str(slow), str(good), "--db", db, "--time-limit", "3", "-j", "2"])
    assert result.exit_code == 1
    assert "slow.pdf: took longer than 3 s (see --time-limit)" in result.stderr
    assert "1 imported" in result.stdout
    with Store(db) as s:
        assert {d.file_name: d.outcome for d in s.documents()} == {"slow.pdf": "failed", Path(good).name: "imported"}


def test_a_decompression_bomb_fails_alone(tmp_path: Path) -> None:
    from badfiles import make_decompression_bomb

    bomb = make_decompression_bomb(tmp_path / "bomb.pdf", 1500)
    assert bomb.stat().st_size < 5_000_000
    good = shutil.copy(SAMPLE_PDFS[0], tmp_path / SAMPLE_PDFS[0].name)
    db = str(tmp_path / "b.sqlite")
    result = CliRunner().invoke(main, ["import", str(bomb), str(good), "--db", db, "--max-memory", "768", "-j", "2"])
    assert result.exit_code == 1
    (line,) = [ln for ln in result.stderr.splitlines() if "bomb.pdf" in ln]
    assert "needed more memory than the limit" in line or "worker crashed" in line or "unreadable PDF" in line
    assert "1 imported" in result.stdout
    with Store(db) as s:
        assert [d.record_count for d in s.documents() if d.file_name == Path(good).name] == [
            len(expected_records(SAMPLE_PDFS[0]))
        ]


def test_bad_limits_are_refused() -> None:
    result = CliRunner().invoke(main, ["import", str(SAMPLE_PDFS[0]), "--max-memory", "10"])
    assert result.exit_code == 1 and "memory limit: 10 MB must be at least 64" in result.output


def test_extract_document_under_limits(tmp_path: Path) -> None:
    """Python callers get the import's limits by asking for them."""
    from badfiles import make_decompression_bomb, make_many_pages

    from dhr_actions import extract_document
    from dhr_actions.importer import Limits
    from dhr_actions.model.errors import DocumentError

    result = extract_document(SAMPLE_PDFS[0], limits=Limits(seconds=120, memory_mb=2048))
    assert result.records and result.records == extract_document(SAMPLE_PDFS[0]).records
    with pytest.raises(DocumentError, match="too many pages: 30 \\(the limit is 10\\)"):
        extract_document(make_many_pages(tmp_path / "long.pdf", 30), limits=Limits(max_pages=10))
    with pytest.raises(DocumentError, match="decompression bomb"):
        extract_document(make_decompression_bomb(tmp_path / "bomb.pdf", 200), limits=Limits())


def test_inflation_budget_counts_without_holding_the_bytes() -> None:
    import zlib

    from dhr_actions.ingest.safety.inflation import _inflated_size

    raw = zlib.compress(b"0" * (5 << 20), 9)
    assert _inflated_size(raw, 100 << 20) == 5 << 20
    assert (1 << 20) < _inflated_size(raw, 1 << 20) <= (2 << 20) + 1  # stops just past the budget
    assert _inflated_size(b"not deflate at all", 1 << 20) == 0
