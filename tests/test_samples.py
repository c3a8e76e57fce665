"""Every sample PDF extracts to exactly its expected records."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_PDFS, expected_records, squash

from dhr_actions import extract_document
from dhr_actions.normalise.record import SCHEMA_FIELDS


def test_samples_exist() -> None:
    assert len(SAMPLE_PDFS) >= 4


@pytest.mark.parametrize("pdf", SAMPLE_PDFS, ids=lambda p: p.name)
def test_sample_records(pdf: Path) -> None:
    want = expected_records(pdf)
    got = [r.export() for r in extract_document(pdf).records]
    assert [r["ref"] for r in got] == [r["ref"] for r in want]
    for g, w in zip(got, want, strict=True):
        assert list(g) == list(SCHEMA_FIELDS)
        assert {k: squash(v) for k, v in g.items()} == {k: squash(v) for k, v in w.items()}, w["ref"]


def test_no_plan_document_yields_nothing_and_says_why() -> None:
    result = extract_document(next(p for p in SAMPLE_PDFS if "strategy" in p.name))
    assert result.records == []
    assert result.notes, "a document with no plan should say why"


def test_provenance_is_kept() -> None:
    pdf = next(p for p in SAMPLE_PDFS if p.name.startswith("northmoor"))
    records = extract_document(pdf).records
    cut = next(r for r in records if r.ref == "4A")
    # 4A starts on page 1 and its cells run on at the top of page 2.
    assert (cut.page_start, cut.page_end) == (1, 2)
    assert [c["page"] for c in cut.raw_cells] == [1, 2]
    assert all(r.extractor == "pdfplumber" and 0 < r.confidence <= 1 for r in records)


def test_sections_from_title_rows() -> None:
    pdf = next(p for p in SAMPLE_PDFS if p.name.startswith("eastbridge"))
    sections = [r.section for r in extract_document(pdf).records]
    assert sections[0] == "Overview Report Recommendations"
    assert sections[-1] == "Individual Agency Recommendations – EASTBRIDGE POLICE"


def test_camelot_extractor_reads_ruled_tables() -> None:
    pdf = next(p for p in SAMPLE_PDFS if p.name.startswith("eastbridge"))
    want = expected_records(pdf)
    got = [r.export() for r in extract_document(pdf, "camelot").records]
    assert [r["ref"] for r in got] == [r["ref"] for r in want]
    assert [r["section"] for r in got] == [r["section"] for r in want]
    assert [r["target_date"] for r in got] == [r["target_date"] for r in want]
    assert [r["status"] for r in got] == [r["status"] for r in want]
    assert all(r.extractor == "camelot" for r in extract_document(pdf, "camelot").records)


def test_generator_rebuilds_the_shipped_samples(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    import runpy
    import sys

    gen = Path(__file__).resolve().parent.parent / "samples" / "generate.py"
    argv = sys.argv
    sys.argv = [str(gen), str(tmp_path)]
    try:
        with pytest.raises(SystemExit) as done:
            runpy.run_path(str(gen), run_name="__main__")
    finally:
        sys.argv = argv
    assert done.value.code == 0
    for pdf in SAMPLE_PDFS:
        rebuilt = tmp_path / pdf.name
        assert rebuilt.read_bytes() == pdf.read_bytes(), f"{pdf.name} is stale: run `make samples`"
        exp = pdf.with_name(pdf.stem + ".expected.jsonl")
        assert (tmp_path / exp.name).read_text() == exp.read_text()
