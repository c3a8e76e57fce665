"""Every sample PDF extracts to exactly its expected records."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import (
    OFFICE_COPIES,
    OFFICE_PDFS,
    PHOTOCOPY_PDFS,
    SAMPLE_PDFS,
    SCAN_PDFS,
    VARIANT_PDFS,
    expected_records,
    needs_libreoffice,
    needs_tesseract,
    squash,
)
from scoring import field_agreement

from dhr_actions import extract_document
from dhr_actions.normalise.record import SCHEMA_FIELDS


def test_samples_exist() -> None:
    assert len(SAMPLE_PDFS) >= 6 and len(SCAN_PDFS) >= 2 and VARIANT_PDFS


@pytest.mark.parametrize("pdf", SAMPLE_PDFS + VARIANT_PDFS, ids=lambda p: p.name)
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
    # Its "Stage | Action | Lead | Timescale" table looks like a plan by its header alone.
    assert any("Stage" in note and "not a review's action plan" in note for note in result.notes)


@pytest.mark.slow
@needs_tesseract
@pytest.mark.parametrize("pdf", SCAN_PDFS, ids=lambda p: p.name)
def test_scanned_samples(pdf: Path) -> None:
    want = expected_records(pdf)
    result = extract_document(pdf)
    got = [r.export() for r in result.records]
    assert [r["ref"] for r in got] == [r["ref"] for r in want]
    assert field_agreement(got, want) >= 0.95
    assert all(r.ocr for r in result.records)
    assert any(note.startswith("OCR read") for note in result.notes)


def test_scans_without_tesseract_fail_with_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    import dhr_actions.ingest.ocr.recognise as ocr
    from dhr_actions.model.errors import DocumentError

    monkeypatch.setattr(ocr, "tesseract_path", lambda: None)
    with pytest.raises(DocumentError, match="image-only PDF: reading it needs OCR, and tesseract is not installed"):
        extract_document(SCAN_PDFS[0])


def test_borderless_headings_and_refs_in_text() -> None:
    pdf = next(p for p in SAMPLE_PDFS if p.name.startswith("southdown"))
    records = extract_document(pdf).records
    assert [(r.ref, r.section) for r in records][:3] == [
        ("1", "Agency: Southdown Police"),
        ("2", "Agency: Southdown Police"),
        ("3", "Agency: Southdown Hospitals NHS Trust"),
    ]
    assert records[0].recommendation and records[0].recommendation.startswith("Southdown Police to ensure")
    # The closing paragraph after the last table is not part of it.
    assert "partnership board will review" not in (records[-1].outcome or "")


def test_headerless_continuation_pages() -> None:
    pdf = next(p for p in SAMPLE_PDFS if p.name.startswith("riverside"))
    result = extract_document(pdf)
    assert any(t.continued for t in result.tables)
    assert [r.ref for r in result.records] == ["1", "2", "3", "4", "5", "6"]


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


def run_generator(script: str, out: Path) -> None:
    """Run ``samples/<script> OUT`` as `make samples` does, in this process."""
    import runpy
    import sys

    gen = Path(__file__).resolve().parent.parent / "samples" / script
    argv = sys.argv
    sys.argv = [str(gen), str(out)]
    try:
        with pytest.raises(SystemExit) as done:
            runpy.run_path(str(gen), run_name="__main__")
    finally:
        sys.argv = argv
    assert done.value.code == 0


@pytest.mark.slow
def test_generator_rebuilds_the_shipped_samples(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")

    run_generator("generate.py", tmp_path)
    printed = SAMPLE_PDFS + VARIANT_PDFS + SCAN_PDFS + PHOTOCOPY_PDFS
    for pdf in [p for p in printed if p.name.split("--")[0].removesuffix(".pdf") not in {o.stem for o in OFFICE_PDFS}]:
        rebuilt = tmp_path / pdf.name
        assert rebuilt.read_bytes() == pdf.read_bytes(), f"{pdf.name} is stale: run `make samples`"
    for exp in pdf.parent.glob("*.expected.jsonl"):
        if exp.name.removesuffix(".expected.jsonl") not in {p.stem for p in OFFICE_PDFS}:
            assert (tmp_path / exp.name).read_text() == exp.read_text()


@pytest.mark.slow
@needs_libreoffice
def test_office_generator_rebuilds_the_shipped_samples(tmp_path: Path) -> None:
    """Word and Excel files printed by LibreOffice again: the same expected
    records, and PDFs that read to the same records as the shipped ones."""

    run_generator("office.py", tmp_path)
    assert len(OFFICE_PDFS) >= 3 and len(OFFICE_COPIES) > len(OFFICE_PDFS)
    for pdf in OFFICE_PDFS + OFFICE_COPIES:
        exp = pdf.with_name(pdf.stem + ".expected.jsonl")
        if pdf in OFFICE_PDFS:
            assert (tmp_path / exp.name).read_text() == exp.read_text(), f"{exp.name} is stale: run `make samples`"
        rebuilt = [r.export() for r in extract_document(tmp_path / pdf.name).records]
        shipped = [r.export() for r in extract_document(pdf).records]
        assert rebuilt == shipped, f"{pdf.name} is stale: run `make samples`"


# The photocopies together read at least this well (the share of record
# fields that agree with the expected records, as in the scanned samples'
# test): a floor to raise as degraded scans read better; `make eval-scans`
# says what each degradation costs.
PHOTOCOPY_FLOOR = 0.96
PHOTOCOPY_EACH = 0.90  # no one copy far below (they read at 0.91 and more)
# Copies of layouts a scan is known to lose, with the floor they hold while
# the limit stands: a borderless Word plan in 10 pt type whose copy OCR
# reads with words run together ("Addapromptto") and cells' paragraphs
# joined (0.90 now, at the floor every other copy keeps). A spreadsheet of
# eight columns fitted to one landscape page prints in 6 pt type: copied at
# 150 dpi, its letters are a dozen pixels high and OCR misreads about one
# word in ten (0.84 now; the plan's structure is read whole).
KNOWN_LIMITS = {"westholm-dhr-dawn--photocopy.pdf": 0.85, "keston-dhr-fiona--photocopy.pdf": 0.8}


@pytest.mark.slow
@needs_tesseract
def test_photocopied_samples_read_above_the_floor() -> None:
    assert len(PHOTOCOPY_PDFS) >= len(SAMPLE_PDFS)
    agreement = {}
    for pdf in PHOTOCOPY_PDFS:
        want = expected_records(pdf)
        result = extract_document(pdf)
        got = [r.export() for r in result.records]
        assert all(r.ocr for r in result.records)
        if not want:
            assert got == [], pdf.name  # a scanned document with no plan stays without one
            continue
        agreement[pdf.name] = field_agreement(got, want)
    for name, floor in KNOWN_LIMITS.items():
        assert agreement.pop(name) >= floor, name
    mean = sum(agreement.values()) / len(agreement)
    worst = sorted(agreement.items(), key=lambda kv: kv[1])[:5]
    assert mean >= PHOTOCOPY_FLOOR, worst
    assert worst[0][1] >= PHOTOCOPY_EACH, worst
