"""The CLI as a user drives it."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import SAMPLE_PDFS, expected_records

from dhr_actions.cli import main
from dhr_actions.normalise.record import SCHEMA_FIELDS
from dhr_actions.store.repository import Store


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help(name: str) -> None:
    command = main.commands[name]
    assert command.help and len(command.help) > 20
    result = run(name, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output
    for param in command.params:
        if isinstance(param, click.Option) and param.name not in {"help"}:
            assert param.help or param.type.name == "choice", f"{name} --{param.name} has no help"


def test_import_documents_show_export(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.sqlite")
    folder = tmp_path / "plans"
    folder.mkdir()
    for pdf in SAMPLE_PDFS:
        shutil.copy(pdf, folder / pdf.name)
    result = run("import", str(folder), "--db", db)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "imported: northmoor-dhr-adult-a.pdf: 11 records from 2 pages" in lines
    assert any(ln.startswith("no plan found: westvale-da-strategy.pdf:") for ln in lines)
    want_counts = {p.name: len(expected_records(p)) for p in SAMPLE_PDFS}
    n, total = len(want_counts), sum(want_counts.values())
    with_plan = sum(1 for c in want_counts.values() if c)
    assert lines[-1] == f"Total: {n} files, {total} records: {with_plan} imported, {n - with_plan} no plan found"

    again = run("import", str(folder), "--db", db)
    assert again.stdout.splitlines()[-1] == f"Total: {n} files, 0 records: {n} unchanged"

    docs = run("documents", "--db", db)
    assert "northmoor-dhr-adult-a.pdf" in docs.stdout and "no plan found" in docs.stdout
    docs_json = json.loads(run("documents", "--db", db, "--format", "json").stdout)
    assert {d["document"]: d["records"] for d in docs_json} == want_counts
    assert want_counts["northmoor-dhr-adult-a.pdf"] == 11 and want_counts["westvale-da-strategy.pdf"] == 0

    show = run("show", "northmoor-dhr-adult-a", "--db", db)
    assert show.stdout.splitlines()[0].startswith(
        "northmoor-dhr-adult-a.pdf (version 1, Northmoor): imported, 11 records"
    )
    assert "1A" in show.stdout and "2022-03-31" in show.stdout
    full = run("show", "westvale-dhr-mrs-b.pdf", "--db", db, "--full", "--explain")
    assert "target_date: 2023-01-31" in full.stdout and "→ rag" in full.stdout

    exported = run("export", "--db", db)
    records = [json.loads(line) for line in exported.stdout.splitlines()]
    assert len(records) == total and all(list(r) == list(SCHEMA_FIELDS) for r in records)
    want = [r for pdf in sorted(SAMPLE_PDFS) for r in expected_records(pdf)]
    assert [(r["document"], r["ref"], r["target_date"], r["status"]) for r in records] == [
        (r["document"], r["ref"], r["target_date"], r["status"]) for r in want
    ]

    out = tmp_path / "records.csv"
    result = run("export", "--db", db, "--format", "csv", "-o", str(out), "eastbridge-edhr-2021-03")
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [r["ref"] for r in rows] == ["1", "2", "1", "2", "1"]
    assert list(rows[0]) == list(SCHEMA_FIELDS)


def test_unknown_document_is_a_clean_error(tmp_path: Path) -> None:
    db = str(tmp_path / "x.sqlite")
    Store(db).close()
    result = CliRunner().invoke(main, ["show", "missing", "--db", db])
    assert result.exit_code == 1 and "Error: no document 'missing'" in result.output


@pytest.mark.parametrize("command", [["documents"], ["show", "x"], ["export"], ["themes"], ["runs"], ["overdue"]])
def test_reading_commands_refuse_a_database_that_is_not_there(tmp_path: Path, command: list[str]) -> None:
    typo = tmp_path / "dhr.sqlte"
    result = CliRunner().invoke(main, [*command, "--db", str(typo)])
    assert result.exit_code == 1
    assert result.output == f"Error: no database at {typo} (check --db or DHR_DB; `dhr import` creates one)\n"
    assert not typo.exists()


def test_a_database_in_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "no" / "such" / "dhr.sqlite"
    result = CliRunner().invoke(main, ["import", str(SAMPLE_PDFS[0]), "--db", str(db)])
    assert result.exit_code == 1
    assert result.output == f"Error: cannot create database {db}: folder {db.parent} does not exist\n"


def test_failed_document_and_explain_read_cleanly(tmp_path: Path) -> None:
    db = str(tmp_path / "f.sqlite")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    strategy = next(p for p in SAMPLE_PDFS if "strategy" in p.name)
    CliRunner().invoke(main, ["import", str(empty), str(strategy), "--db", db])
    shown = run("show", "empty", "--db", db).output
    assert shown.splitlines()[0] == "empty.pdf (version 1): failed, 0 records" and "None" not in shown
    explained = run("show", strategy.stem, "--explain", "--db", db).output
    reason = explained.splitlines()[1].removeprefix("reason: ")
    assert explained.count(reason) == 1


def test_documents_and_runs_as_csv(tmp_path: Path) -> None:
    db = str(tmp_path / "c.sqlite")
    run("import", str(SAMPLE_PDFS[0]), "--db", db)
    rows = list(csv.DictReader(io.StringIO(run("documents", "--format", "csv", "--db", db).stdout)))
    assert [(r["document"], r["outcome"]) for r in rows] == [(SAMPLE_PDFS[0].name, "imported")]
    assert run("runs", "--format", "csv", "--db", db).stdout.splitlines()[0].startswith("run,started,finished,status")


def test_command_summaries_are_whole() -> None:
    listing = run("--help").output.split("Commands:")[1]
    assert "..." not in listing and "…" not in listing


def test_bad_database_url_is_a_clean_error() -> None:
    result = CliRunner().invoke(main, ["documents", "--db", "nosuchdialect://x/y"])
    assert result.exit_code == 1 and "cannot open database" in result.output


def test_parallel_import_matches_serial(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    for pdf in SAMPLE_PDFS:
        shutil.copy(pdf, folder / pdf.name)
    exports = {}
    for jobs in ("1", "2"):
        db = str(tmp_path / f"j{jobs}.sqlite")
        result = run("import", str(folder), "--db", db, "--jobs", jobs)
        assert result.exit_code == 0
        lines = [ln.split(":")[1].strip() for ln in result.stdout.splitlines()[:-1]]
        assert lines == sorted(p.name for p in SAMPLE_PDFS)  # one line per file, in order
        exports[jobs] = run("export", "--db", db).stdout
    assert exports["1"] == exports["2"] and exports["1"].count("\n") == sum(
        len(expected_records(p)) for p in SAMPLE_PDFS
    )


def test_database_passwords_are_not_printed() -> None:
    url = "postgresql+psycopg://analyst:s3cret@127.0.0.1:1/dhr"  # nothing listens on port 1
    result = CliRunner().invoke(main, ["documents", "--db", url])
    assert result.exit_code == 1
    assert "cannot open database 'postgresql+psycopg://analyst:***@127.0.0.1:1/dhr'" in result.output
    assert "s3cret" not in result.output


def test_debug_draws_and_describes_a_page(tmp_path: Path) -> None:
    from PIL import Image

    from dhr_actions.ingest.extractors.debug import COLUMN, FURNITURE, ROW_CUT

    pdf = next(p for p in SAMPLE_PDFS if p.name.startswith("northmoor-dhr-adult-a.pdf"))
    out = tmp_path / "page.png"
    result = run("debug", str(pdf), "--page", "1", "-o", str(out))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "page 1 of 2: 2 table(s)"
    assert "table 1: 6 columns, 1 header, 0 section and 7 body rows" in lines[1]
    assert any(ln.strip().startswith("furniture: Northmoor CSP") for ln in lines)
    colours = {rgb for _n, rgb in Image.open(out).convert("RGB").getcolors(1 << 20) or []}
    for marked in (COLUMN, ROW_CUT, FURNITURE[0]):
        assert marked[:3] in colours

    bad = CliRunner().invoke(main, ["debug", str(pdf), "--page", "9", "--output", str(out)])
    assert bad.exit_code == 1 and bad.output == f"Error: {pdf}: {pdf.name} has 2 page(s): there is no page 9\n"


def test_old_option_spellings_work_with_a_deprecation_note(tmp_path: Path) -> None:
    """One name per idea (-o/--output, the DOC argument, --by csp); the old
    spellings keep working for a release and say what replaces them."""
    db = str(tmp_path / "old.sqlite")
    pdf = next(p for p in SAMPLE_PDFS if p.stem == "eastbridge-edhr-2021-03")
    assert run("import", str(pdf), "--db", db, "-q").exit_code == 0
    new = tmp_path / "new.jsonl"
    old = tmp_path / "old.jsonl"
    assert run("export", "--db", db, "-o", str(new), pdf.stem).exit_code == 0
    result = run("export", "--db", db, "-o", str(old), "--document", pdf.stem)
    assert "--document DOC is deprecated" in result.stderr and "use the DOC argument" in result.stderr
    assert old.read_text() == new.read_text() and new.read_text().count("\n") == 5

    report = tmp_path / "r.html"
    result = run("report", "--db", db, "--out", str(report))
    assert "--out is deprecated" in result.stderr and report.exists()

    by_csp = run("progress", "--db", db, "--by", "csp", "--format", "json")
    by_partnership = run("progress", "--db", db, "--by", "partnership", "--format", "json")
    assert "--by partnership is deprecated" in by_partnership.stderr
    assert by_csp.stdout == by_partnership.stdout and "Eastbridge" in by_csp.stdout
