"""Text a page draws outside its clipping path is not printed: it is read
as a reader sees the page, without it."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from conftest import SAMPLES

from dhr_actions import extract_document
from dhr_actions.ingest.pages.clipping import hidden_glyphs
from dhr_actions.ingest.pages.reading import page_content
from dhr_actions.model.settings import LayoutSettings


def _clipped_cells(path: Path) -> Path:
    """A narrow header cell whose wrapped label runs past its bottom edge
    ("Recomm" / "endatio" / "n", the "n" wholly outside), the number of the
    row below, and a body cell whose last line its edge cuts through (the
    upper part of the letters shows)."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(300, 200))
    c.saveState()
    box = c.beginPath()
    box.rect(20, 150, 40, 20)
    c.clipPath(box, stroke=0, fill=0)
    c.setFont("Helvetica-Bold", 8)
    for text, y in (("Recomm", 162), ("endatio", 154), ("n", 146)):
        c.drawString(22, y, text)
    c.restoreState()
    c.setFont("Helvetica", 8)
    c.drawString(22, 136, "1")
    c.saveState()
    box = c.beginPath()
    box.rect(80, 100, 100, 33)
    c.clipPath(box, stroke=0, fill=0)
    c.drawString(82, 125, "Train staff in")
    c.drawString(82, 99, "housing")
    c.restoreState()
    c.save()
    return path


def test_glyphs_wholly_outside_their_clip_are_not_read(tmp_path: Path) -> None:
    path = _clipped_cells(tmp_path / "clipped.pdf")
    pdf = pdfium.PdfDocument(str(path))
    try:
        hidden = hidden_glyphs(pdf[0])
    finally:
        pdf.close()
    assert [g.text for g in hidden] == ["n"]
    with pdfplumber.open(path) as plumber:
        everything = [w.text for w in page_content(plumber.pages[0], 1).words]
        seen = [w.text for w in page_content(plumber.pages[0], 1, hidden=hidden).words]
    assert "n" in everything  # pdfminer ignores clipping
    assert seen == ["Recomm", "endatio", "1", "Train", "staff", "in", "housing"]


def test_how_much_must_show_is_a_setting(tmp_path: Path) -> None:
    path = _clipped_cells(tmp_path / "clipped.pdf")
    pdf = pdfium.PdfDocument(str(path))
    try:
        strict = hidden_glyphs(pdf[0], LayoutSettings(clip_hidden_max_share=0.9))
    finally:
        pdf.close()
    # Asked to see nine tenths of a word, the cut line goes too.
    assert "".join(g.text for g in strict) == "nhousing"


def test_a_spreadsheets_clipped_label_leaves_the_first_reference_alone() -> None:
    """Excel cuts "Recommendation", wrapped in a narrow number column, at
    the header row's edge: its hidden last letters are not the first
    row's reference ("ion 1"), and the cut label still names the column."""
    records = extract_document(SAMPLES / "keston-dhr-fiona.pdf").records
    assert [r.ref for r in records][:3] == ["1", "2", "3"]
    assert records[0].recommendation.startswith("Call handlers")
