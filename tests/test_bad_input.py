"""Bad files: one clear line each, recorded as failed, the batch goes on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from badfiles import make_bad_files
from click.testing import CliRunner
from conftest import SAMPLE_PDFS

from dhr_actions.cli import main
from dhr_actions.importer import import_file
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


def test_extractor_crash_is_a_failed_document(tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import dhr_actions.importer as importer

    def boom(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(importer, "extract_document", boom)
    outcome = import_file(store, SAMPLE_PDFS[0])
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
