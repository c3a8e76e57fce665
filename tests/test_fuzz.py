"""Mutation fuzz of the whole import: mutants of the sample PDFs (bytes,
object syntax and content streams, see fuzz.py) and of the Word and Excel
samples (their XML parts, or the package's bytes) imported as batches in
worker processes. No mutant may crash the extractor or a worker, hit the
time limit, print more than one line, or leave a document half-written, and
every record that comes out must still meet the schema.

The run is bounded: ``DHR_FUZZ_CASES`` mutants (default 120, about 15 s on
two cores) from seeds starting at ``DHR_FUZZ_SEED`` (default 0, so CI is
repeatable; a longer run picks another range). A failure names the seed;
``make_mutant(random.Random(seed), ...)`` rebuilds that file.
"""

from __future__ import annotations

import os
import random
import re
from datetime import date
from pathlib import Path

from click.testing import CliRunner
from conftest import OFFICE_FILES, SAMPLE_PDFS
from fuzz import make_mutant, make_office_mutant

from dhr_actions.cli import main
from dhr_actions.store.models import Outcome
from dhr_actions.store.repository import Store

CASES = int(os.environ.get("DHR_FUZZ_CASES", "120"))
OFFICE_CASES = int(os.environ.get("DHR_FUZZ_OFFICE_CASES", "60"))
FIRST_SEED = int(os.environ.get("DHR_FUZZ_SEED", "0"))
ISO = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-\d{2})?)?$")
CRASHES = ("extraction error", "worker crashed", "took longer than", "needed more memory")


def _valid_iso(text: str) -> bool:
    """YYYY, YYYY-MM or a real YYYY-MM-DD, as SCHEMA.md's dates are."""
    if not ISO.match(text):
        return False
    if len(text) == 10:
        try:
            date.fromisoformat(text)
        except ValueError:
            return False
    return True


def test_mutants_import_whole_or_fail_with_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "mutants"
    folder.mkdir()
    made: dict[str, str] = {}
    for seed in range(FIRST_SEED, FIRST_SEED + CASES):
        rng = random.Random(seed)
        source = rng.choice(SAMPLE_PDFS)
        name = f"seed{seed:06d}.pdf"
        made[name] = f"seed {seed} ({source.name}, {make_mutant(rng, source, folder / name)})"
    _import_mutants(tmp_path, folder, made)


def test_office_mutants_import_whole_or_fail_with_one_line(tmp_path: Path) -> None:
    """Word and Excel files with their XML parts or bytes mutated (and a
    few legacy files' bytes, which LibreOffice converts)."""
    folder = tmp_path / "mutants"
    folder.mkdir()
    made: dict[str, str] = {}
    direct = [p for p in OFFICE_FILES if p.suffix in (".docx", ".xlsx")]
    legacy = [p for p in OFFICE_FILES if p not in direct]
    for seed in range(FIRST_SEED, FIRST_SEED + OFFICE_CASES):
        rng = random.Random(seed)
        source = rng.choice(legacy if legacy and seed % 10 == 9 else direct)
        name = f"seed{seed:06d}{source.suffix}"
        made[name] = f"seed {seed} ({source.name}, {make_office_mutant(rng, source, folder / name)})"
    _import_mutants(tmp_path, folder, made)


def _import_mutants(tmp_path: Path, folder: Path, made: dict[str, str]) -> None:
    """Import ``folder`` as one batch; every mutant fails with one line or
    imports whole, and every record meets the schema."""
    db = str(tmp_path / "fuzz.sqlite")
    args = ["import", str(folder), "--db", db, "-j", "2", "--time-limit", "60", "--max-memory", "2048"]
    result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1)
    assert f"Total: {len(made)} files" in result.stdout

    problems = []
    for line in result.stderr.splitlines():
        mutant = next((n for n in made if n in line), None)
        if not line.startswith("failed: ") or mutant is None:
            problems.append(f"unexpected output line: {line!r}")
        elif any(c in line for c in CRASHES):
            problems.append(f"{made[mutant]}: {line}")

    with Store(db) as store:
        docs = {d.file_name: d for d in store.documents()}
        records: dict[str, list] = {}
        for doc, row in store.records():
            records.setdefault(doc.file_name, []).append(row)
    assert set(docs) == set(made), "every mutant gets exactly one stored outcome"
    for name, doc in docs.items():
        rows = records.get(name, [])
        if doc.outcome not in (Outcome.IMPORTED, Outcome.NO_PLAN, Outcome.FAILED):
            problems.append(f"{made[name]}: outcome {doc.outcome!r}")
        if doc.record_count != len(rows) or (doc.outcome != "imported") == bool(rows):
            problems.append(f"{made[name]}: {doc.outcome} with {doc.record_count} counted, {len(rows)} stored")
        for row in rows:
            if row.target_date is not None and not _valid_iso(row.target_date):
                problems.append(f"{made[name]}: target_date {row.target_date!r}")
            if row.status not in (None, "complete", "ongoing"):
                problems.append(f"{made[name]}: status {row.status!r}")
    assert not problems, "\n".join(problems)


# Seeds outside the default range that once found a bug, kept as regressions.
FOUND = {1903: "qpdf raised QpdfRuntimeError (not a PdfError) on a page tree it could not flatten"}


def test_seeds_that_once_failed(tmp_path: Path) -> None:
    from dhr_actions.compose import import_file

    with Store(str(tmp_path / "found.sqlite")) as store:
        for seed, bug in FOUND.items():
            rng = random.Random(seed)
            mutant = tmp_path / f"seed{seed}.pdf"
            make_mutant(rng, rng.choice(SAMPLE_PDFS), mutant)
            outcome = import_file(store, mutant)
            assert not (outcome.reason or "").startswith("extraction error"), f"seed {seed} ({bug}): {outcome.reason}"
