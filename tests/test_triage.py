"""Page triage reads only the pages that can hold a plan in full, and must
never change what a document yields: the same records with and without it,
on every sample and on long reports built from them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from conftest import SAMPLE_PDFS, SAMPLES, SCAN_PDFS, VARIANT_PDFS, needs_tesseract

from dhr_actions import extract_document
from dhr_actions.cli import main
from dhr_actions.ingest.extractors.layout import PdfplumberExtractor
from dhr_actions.ingest.pages.triage import light_pages, triage
from dhr_actions.model.settings import DEFAULT_SETTINGS, LayoutSettings

# Triage every document, however short, so that its logic is tried on
# every sample (by default a short one is read in full).
TRIAGE_ALL = replace(DEFAULT_SETTINGS, triage_min_pages=0, triage_read_all_share=1.0)


def _records(
    path: Path, triaged: bool, settings: LayoutSettings = TRIAGE_ALL, ocr: bool = True
) -> tuple[list[dict[str, object]], list[str]]:
    ex = extract_document(path, PdfplumberExtractor(triage=triaged, settings=settings, ocr=ocr))
    return [r.__dict__ for r in ex.records], ex.notes


@pytest.mark.parametrize("path", SAMPLE_PDFS + VARIANT_PDFS, ids=lambda p: p.name)
def test_triage_gives_the_same_records_on_every_sample(path: Path) -> None:
    assert _records(path, True)[0] == _records(path, False)[0]


@pytest.mark.slow
@needs_tesseract
@pytest.mark.parametrize("path", SCAN_PDFS, ids=lambda p: p.name)
def test_triage_keeps_every_scanned_page(path: Path) -> None:
    assert _records(path, True)[0] == _records(path, False)[0]


def _report(target: Path, parts: list[tuple[str, list[int] | None]], blank_after: int | None = None) -> Path:
    """A document of sample pages: (sample, pages or all) in order, with a
    blank page after the given page of the result."""
    with pikepdf.new() as out:
        for name, numbers in parts:
            with pikepdf.open(SAMPLES / f"{name}.pdf") as src:
                for i in numbers or range(1, len(src.pages) + 1):
                    out.pages.append(src.pages[i - 1])
                    if blank_after is not None and len(out.pages) == blank_after:
                        out.add_blank_page(page_size=(595, 842))
        out.save(target)
    return target


def test_a_plan_in_the_middle_of_a_report_reads_as_without_triage(tmp_path: Path) -> None:
    """Pages of a strategy (prose, a risk matrix, a delivery timeline) before
    and after a plan whose second page repeats no header, with a blank page
    inside the plan: the continuation page is found through the blank page,
    and the prose around is not read in full."""
    report = _report(
        tmp_path / "report.pdf",
        [("westvale-da-strategy", [1, 2, 3, 4]), ("riverside-dhr-07", None), ("westvale-da-strategy", [5, 6, 7, 8])],
        blank_after=5,
    )
    triaged, notes = _records(report, True)
    full, _ = _records(report, False)
    assert triaged == full and len(triaged) == 6
    skipped = next(n for n in notes if "not read in full" in n)
    # Only the pages with a table are read, and the page after one whose
    # table reaches the foot of its page: not the prose around them.
    assert skipped.startswith("triage: 7 of 11 pages not read in full") and skipped.endswith(": 1, 2, 4, 6, 9, 10, 11")
    # Page 6 is the blank one: the plan's second page, 7, is found past it.
    assert "triage: page 7 read in full: after page 5, whose table reaches the foot of the page" in notes


def test_triage_finds_the_header_pages() -> None:
    doc = light_pages(SAMPLES / "westvale-da-strategy.pdf")
    kept = triage(doc)
    assert not doc.scans and not doc.rotated and kept.pages == 8
    assert kept.skipped, "a strategy's prose pages are not read in full"
    assert all(why.startswith(("a line of column labels", "key–value blocks")) for why in kept.reasons.values())


def test_a_short_document_with_no_scan_is_read_in_full(tmp_path: Path) -> None:
    report = _report(tmp_path / "r.pdf", [("westvale-da-strategy", [1, 2, 3]), ("kingsford-dhr-mr-d", None)])
    short, notes = _records(report, True, DEFAULT_SETTINGS)
    assert short == _records(report, False)[0] and len(short) == 5
    assert not any(n.startswith("triage:") for n in notes)


def test_a_short_document_with_a_scanned_page_is_triaged(tmp_path: Path) -> None:
    """Triage spares the OCR of a scan that holds no plan."""
    scan = _scanned(SAMPLES / "westvale-da-strategy.pdf", tmp_path / "scan.pdf", dpi=100)
    report = tmp_path / "r.pdf"
    with pikepdf.new() as out, pikepdf.open(scan) as src, pikepdf.open(SAMPLES / "kingsford-dhr-mr-d.pdf") as plan:
        out.pages.append(src.pages[0])
        out.pages.extend(plan.pages)
        out.save(report)
    records, notes = _records(report, True, DEFAULT_SETTINGS, ocr=False)
    assert len(records) == 5
    skipped = next(n for n in notes if n.startswith("triage:") and "not read in full" in n)
    assert skipped.split(": ")[-1].split(", ")[0] == "1", skipped  # the scan, neither read nor OCR'd


def test_no_triage_switch(tmp_path: Path) -> None:
    # Long enough to be triaged (``triage_min_pages``).
    report = _report(tmp_path / "r.pdf", [("westvale-da-strategy", None)] * 4 + [("kingsford-dhr-mr-d", None)])
    db = str(tmp_path / "t.sqlite")
    for flag, db_name in (([], "a"), (["--no-triage"], "b")):
        result = CliRunner().invoke(main, ["import", str(report), "--db", f"{db}{db_name}", "-j", "1", *flag])
        assert result.exit_code == 0, result.output
        shown = CliRunner().invoke(main, ["show", "r", "--db", f"{db}{db_name}", "--explain"])
        assert ("not read in full" in shown.output) is (not flag), shown.output
        assert "5 records" in shown.output


def _scanned(source: Path, target: Path, dpi: int = 200) -> Path:
    """An image-only copy of ``source``, as a scanner makes it."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(source))
    images = [pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(len(pdf))]
    pdf.close()
    images[0].save(target, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return target


def test_scanned_pages_are_looked_at_before_any_ocr(tmp_path: Path) -> None:
    """At low resolution a scanned page of prose is one part a line; a
    plan's page has columns or rules. Only those are OCR'd (and the pages
    next to them), and a blank page is seen to be blank."""
    text = _report(
        tmp_path / "report.pdf",
        [("westvale-da-strategy", [1, 2, 3]), ("riverside-dhr-07", None), ("westvale-da-strategy", [5, 6, 7, 8])],
        blank_after=4,
    )
    doc = light_pages(_scanned(text, tmp_path / "scan.pdf"))
    assert set(doc.scans) == set(range(1, 11)) and doc.scans[5].blank and not doc.scans[1].blank
    kept = triage(doc)
    assert kept.reasons[4].startswith("a scanned page with") and kept.reasons[6].startswith("a scanned page with")
    assert {1, 8, 9, 10} <= set(kept.skipped)


@needs_tesseract
def test_a_scanned_report_reads_its_plan_with_triage(tmp_path: Path) -> None:
    text = _report(tmp_path / "report.pdf", [("westvale-da-strategy", [1, 2, 3]), ("riverside-dhr-07", None)])
    scan = _scanned(text, tmp_path / "scan.pdf")
    triaged, notes = _records(scan, True)
    assert [r["ref"] for r in triaged] == [r["ref"] for r in _records(text, True)[0]]
    assert any(n.startswith("triage: ") and "not read in full" in n for n in notes)


def test_a_turned_page_is_always_read_in_full(tmp_path: Path) -> None:
    """PDFium gives a page turned by /Rotate its text unturned: triage
    cannot judge it, so it is read."""
    report = _report(tmp_path / "turned.pdf", [("westvale-da-strategy", [1, 2]), ("kingsford-dhr-mr-d", None)])
    with pikepdf.open(report, allow_overwriting_input=True) as pdf:
        pdf.pages[0].Rotate = 90
        pdf.save(report)
    kept = triage(light_pages(report))
    assert kept.reasons[1] == "a page turned by its /Rotate"
    assert _records(report, True)[0] == _records(report, False)[0]


def _cores_after(seconds: float) -> int:
    import time

    from dhr_actions.isolation.workers import free_cores

    time.sleep(seconds)
    return free_cores()


def test_a_document_alone_in_the_pool_may_use_every_core() -> None:
    """The scanned pages of a document are OCR'd on the cores the pool's
    busy workers leave: all of them at the end of a batch, half while both
    workers run."""
    import os

    from dhr_actions.isolation.limits import Limits
    from dhr_actions.isolation.workers import Workers

    cores = os.cpu_count() or 1
    with Workers(2, Limits()) as workers:
        alone = workers.submit(_cores_after, 0.0)
        assert alone.result() == cores
        long, short = workers.submit(_cores_after, 4.0), workers.submit(_cores_after, 1.0)
        assert short.result() == max(1, cores // 2)
        assert long.result() == cores  # the other had finished by then


def test_prose_opening_with_plan_words_is_triaged_out_and_label_value_lines_are_not(tmp_path: Path) -> None:
    """Headings and sentences of real protocols open with plan words
    ("Outcomes we expect", "Actions arising from the audit"); lines of
    labels with their values beside them, at one indent, are key–value
    blocks. Only the second page is read in full for them."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "protocol.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    prose = [
        "Outcomes we expect",
        "Actions arising from the audit are set out in the annex to this protocol.",
        "Key milestones in the review process are agreed by the panel at its first meeting.",
        "Lead professional responsibilities",
        "3.1. This protocol applies to every agency represented on the partnership.",
        "Scope of this protocol",
        "Target dates are agreed with each agency and recorded in the minutes.",
    ]
    for n, text in enumerate(prose):
        c.drawString(60, 760 - 24 * n, text)
    c.showPage()
    for block in range(2):
        top = 760 - 120 * block
        for k, (label, value) in enumerate(
            [
                (f"Recommendation {block + 1}", "Train staff to ask about abuse."),
                ("Lead", "CSP"),
                ("Target date", "May 2024"),
            ]
        ):
            c.drawString(60, top - 16 * k, label)
            c.drawString(200, top - 16 * k, value)
    c.showPage()
    c.save()
    kept = triage(light_pages(path))
    assert sorted(kept.reasons) == [2]


def test_a_document_mostly_plan_is_read_in_full_and_found_once(tmp_path: Path) -> None:
    report = _report(tmp_path / "r.pdf", [("northmoor-dhr-adult-a", None)] * 3 + [("westvale-da-strategy", [1])])
    records, notes = _records(report, True, DEFAULT_SETTINGS)
    assert records and records == _records(report, False)[0]
    assert "triage: every page read in full (6 of 7 look like a plan's)" in notes, notes
