"""OCR's left-out lines: ink no word covers is read again a line at a time."""

from __future__ import annotations

import io

import pytest
from conftest import SAMPLES, needs_tesseract

from dhr_actions.ingest.ocr.words import in_reading_order, unspecked
from dhr_actions.model.geometry import Word

SCALE = 300 / 72


def _page_and_words() -> tuple[object, list[Word]]:
    import pypdfium2 as pdfium

    from dhr_actions.ingest.ocr.settings import OcrSettings
    from dhr_actions.ingest.ocr.tesseract import find_tesseract, tesseract_words

    pdf = pdfium.PdfDocument(str(SAMPLES / "greyfield-dhr-2020-04.pdf"))
    try:
        image = pdf[0].render(scale=SCALE, grayscale=True).to_pil().convert("L")
    finally:
        pdf.close()
    png = io.BytesIO()
    image.save(png, format="PNG")
    return image, tesseract_words(find_tesseract(), png.getvalue(), SCALE, OcrSettings())


@needs_tesseract
def test_a_line_ocr_left_out_is_read_from_its_crop() -> None:
    from dhr_actions.ingest.ocr.missed import words_unread
    from dhr_actions.ingest.ocr.settings import OcrSettings
    from dhr_actions.ingest.ocr.tesseract import find_tesseract

    image, words = _page_and_words()
    assert words_unread(find_tesseract(), image, None, words, SCALE, OcrSettings()) == []  # all of it read
    # As tesseract does now and then: a cell's last word, wrapped on a line
    # of its own, left out.
    unit = next(w for w in words if w.text == "Unit")
    found = words_unread(find_tesseract(), image, None, [w for w in words if w is not unit], SCALE, OcrSettings())
    assert [w.text for w in found] == ["Unit"]
    assert found[0].x0 == pytest.approx(unit.x0, abs=2) and found[0].top == pytest.approx(unit.top, abs=2)


def _word(text: str, x0: float, top: float) -> Word:
    return Word(text, x0, x0 + 5.0 * len(text), top, top + 8.0, 8.0, confidence=90.0)


def test_a_word_read_again_goes_after_its_line_neighbour_or_before_the_line_below() -> None:
    words = [_word("Head", 0, 0), _word("Access", 100, 0), _word("granted", 140, 0), _word("Senior", 0, 20)]
    merged = in_reading_order(words, [_word("Delivery", 30, 0), _word("Unit", 0, 10)])
    assert [w.text for w in merged] == ["Head", "Delivery", "Access", "granted", "Unit", "Senior"]


def test_a_full_stop_before_the_next_columns_word_stays() -> None:
    # "should. involve": a speck before a lower-case word of the sentence;
    # "perpetrator." beside "session" two columns on: a sentence's end.
    got = unspecked(
        [_word("should.", 0, 0), _word("involve", 39, 0), _word("perpetrator.", 100, 10), _word("session", 300, 10)]
    )
    assert [w.text for w in got] == ["should", "involve", "perpetrator.", "session"]


def test_words_of_tesseract_tsv_without_running_it() -> None:
    """The TSV is read apart from running tesseract: rules read as glyphs,
    specks, lines of other levels and words under the confidence are left
    out; boxes come back in points."""
    from dhr_actions.ingest.ocr.settings import OcrSettings
    from dhr_actions.ingest.ocr.tesseract import words_of_tsv

    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "4\t1\t1\t1\t1\t0\t100\t100\t900\t40\t-1\t",
        "5\t1\t1\t1\t1\t1\t100\t100\t200\t40\t96.5\tTraining",
        "5\t1\t1\t1\t1\t2\t320\t100\t120\t40\t91.0\tstaff|",
        "5\t1\t1\t1\t1\t3\t460\t100\t10\t40\t88.0\t|",
        "5\t1\t1\t1\t1\t4\t480\t100\t30\t40\t70.0\t__",
        "5\t1\t1\t1\t1\t5\t520\t100\t150\t40\t12.0\tblur",
    ] + [f"5\t1\t1\t1\t2\t{n}\t{100 + 90 * n}\t160\t80\t40\t90.0\tword" for n in range(10)]
    words = words_of_tsv("\n".join([head, *rows]), 4.0, OcrSettings(min_confidence=20))
    assert [w.text for w in words[:2]] == ["Training", "staff"] and "blur" not in [w.text for w in words]
    first = words[0]
    assert (first.x0, first.top, first.x1, first.bottom, first.confidence) == (25.0, 25.0, 75.0, 35.0, 96.5)


def test_a_word_boxed_flatter_than_any_letter_is_left_for_its_ink_to_be_read_again() -> None:
    """Tesseract now and then boxes a line of a shaded band as the pixel row
    under it ("Recoms", one pixel high): no letters stand that flat, so the
    word is left out and the missed-lines pass reads the ink where it is."""
    from dhr_actions.ingest.ocr.settings import OcrSettings
    from dhr_actions.ingest.ocr.tesseract import words_of_tsv

    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [f"5\t1\t1\t1\t1\t{n}\t{100 + 90 * n}\t100\t80\t40\t90.0\tword" for n in range(10)]
    rows.append("5\t1\t1\t1\t2\t1\t100\t180\t300\t2\t88.0\tRecoms")
    words = words_of_tsv("\n".join([head, *rows]), 4.0, OcrSettings())
    assert "Recoms" not in [w.text for w in words] and len(words) == 10


def test_a_left_out_line_is_read_from_its_own_ink_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """The crop read again holds the run's ink on white paper: a bullet of
    the line below, inside the crop's margin, throws tesseract's one-line
    reading off (it reads nothing at all)."""
    import numpy as np

    from dhr_actions.ingest.ocr import missed
    from dhr_actions.ingest.ocr.settings import OcrSettings

    paper = np.full((400, 800), 255, np.uint8)
    for x in range(100, 300, 12):  # a line of letters, 30 px high
        paper[200:230, x : x + 8] = 0
    paper[250:258, 104:112] = 0  # the bullet of the line below
    read = [_word(f"word{n}", 60 * n, 20) for n in range(10)]
    read = [Word(w.text, w.x0, w.x1, 20.0, 50.0, 30.0, confidence=90.0) for w in read]
    crops = []
    monkeypatch.setattr(missed, "_accepted", lambda exe, crop, scale, settings: crops.append(np.asarray(crop)) or [])
    missed.words_unread("tesseract", paper, None, read, 1.0, OcrSettings())
    line = next(c for c in crops if (c < 128).sum() > 200)
    ink_rows = np.nonzero((line < 128).any(axis=1))[0]
    enlarged = max(1.0, OcrSettings().missed_crop_text_px / 30)
    assert ink_rows[-1] - ink_rows[0] < 40 * enlarged  # the letters (30 px), not the bullet 20 px under them
