"""Prose that reads like the documents around plans (``samples/prose.py``:
plan words opening headings and sentences, numbered clauses, bulleted
lists, guidance, glossary and panel tables, a cover of labelled details)
gives no plan and is mostly not read in full; a plan appended to it is
found whole, reading its pages only; scanned, its prose is not OCR'd."""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from conftest import SAMPLES
from reportlab.lib.pagesizes import A4

from dhr_actions import extract_document
from dhr_actions.ingest.extractors.layout import PdfplumberExtractor
from dhr_actions.ingest.pages.triage import HEADER_REASON, KEYVALUE_REASON, light_pages, triage
from dhr_actions.model.settings import DEFAULT_SETTINGS

sys.path.insert(0, str(SAMPLES))
try:
    import generate
    import prose
finally:
    sys.path.remove(str(SAMPLES))


def _build(path: Path, story: list[Any]) -> Path:
    generate.build(path, A4, story, "Protocol")
    return path


@pytest.fixture(scope="module")
def protocol(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("prose")
    return _build(folder / "protocol.pdf", prose.story(random.Random(7), 24))


def test_realistic_prose_gives_no_plan_and_is_mostly_not_read(protocol: Path) -> None:
    ex = extract_document(protocol, PdfplumberExtractor())
    assert ex.records == []
    # The verdict leads the notes (it is the import's reason), triage's after.
    assert ex.notes[0].startswith("no table with an action-plan header"), ex.notes
    kept = triage(light_pages(protocol))
    assert kept.pages >= 12
    # Tables of three labelled columns (the panel's) are read: a plan may look so.
    assert len(kept.reasons) <= kept.pages // 4, kept.reasons
    assert set(kept.reasons.values()) <= {HEADER_REASON}, kept.reasons


def test_the_cover_details_are_key_value_lines_refused_by_name(protocol: Path) -> None:
    """Labelled details (Author, Lead officer, Date, Status) have values
    beside labels at one indent, but no block opens with a recommendation:
    the page is not read, and triage says why."""
    kept = triage(light_pages(protocol))
    assert 1 not in kept.reasons
    assert kept.refused[1].startswith("key–value lines, but no block a plan's: it does not open with a recommendation")


def test_a_plan_after_the_prose_is_found_whole_reading_only_its_pages(protocol: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.pdf"
    with pikepdf.open(protocol) as out, pikepdf.open(SAMPLES / "riverside-dhr-07.pdf") as plan:
        first_plan_page = len(out.pages) + 1
        out.pages.extend(plan.pages)
        out.save(report)
    triaged = extract_document(report, PdfplumberExtractor())
    full = extract_document(report, PdfplumberExtractor(triage=False))
    assert [r.__dict__ for r in triaged.records] == [r.__dict__ for r in full.records]
    assert len(triaged.records) == 6
    read = [n for n in triage(light_pages(report)).reasons if n < first_plan_page]
    assert len(read) <= first_plan_page // 4


def test_scanned_clauses_and_bullets_are_not_ocred(tmp_path: Path) -> None:
    """Numbered clauses with a hanging indent and bulleted lists line their
    text up after a narrow number or bullet: at low resolution that is no
    column of labels and values, so no page of them is OCR'd."""
    rng = random.Random(3)
    story = [item for n in range(1, 9) for item in prose.clauses(rng, n)]
    text = _build(tmp_path / "clauses.pdf", story)
    generate.scanned(text, tmp_path / "scan.pdf", dpi=150)
    doc = light_pages(tmp_path / "scan.pdf")
    assert len(doc.scans) == len(doc.pages) >= 3
    assert [n for n, look in doc.scans.items() if look.table] == []


def _blocks(c: Any, count: int, lead: str) -> None:
    """A page of ``count`` key–value blocks: a recommendation, its lead
    (labelled ``lead``) and its target date."""
    c.setFont("Helvetica", 10)
    for block in range(count):
        top = 760 - 110 * block
        rows = [(f"Recommendation {block + 1}", "Train staff to ask about abuse."), (lead, "CSP")]
        for k, (label, value) in enumerate([*rows, ("Target date", "May 2024")]):
            c.drawString(60, top - 16 * k, label)
            c.drawString(200, top - 16 * k, value)
    c.showPage()


def test_a_scanned_key_value_plan_is_still_looked_at(tmp_path: Path) -> None:
    """Labels as wide as a field's name before values in line: a plan may
    be there, and the page is OCR'd."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "kv.pdf"
    c = Canvas(str(path), pagesize=A4)
    _blocks(c, 4, "Lead agency")
    c.save()
    generate.scanned(path, tmp_path / "scan.pdf", dpi=150)
    look = light_pages(tmp_path / "scan.pdf").scans[1]
    assert look.table == "lines of labels and values"


def test_key_value_blocks_of_a_plan_are_read_with_the_page_after(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "kv.pdf"
    c = Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(60, 780, "The panel's conclusions are set out in the section before this one.")
    c.showPage()
    _blocks(c, 3, "Lead")
    c.setFont("Helvetica", 10)
    c.drawString(200, 780, "and report to the board.")
    c.showPage()
    c.save()
    kept = triage(light_pages(path))
    assert kept.reasons == {2: KEYVALUE_REASON}
    ex = extract_document(
        path, PdfplumberExtractor(settings=replace(DEFAULT_SETTINGS, triage_min_pages=0, triage_read_all_share=1.0))
    )
    assert "triage: page 3 read in full: after page 2, whose key–value blocks may run on" in ex.notes
    assert len(ex.records) == 3
