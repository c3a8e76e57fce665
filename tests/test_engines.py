"""The two page-reading engines: PDFium's reading by pdfplumber's rules
gives the finder the pages pdfplumber gives it, and the same records."""

from __future__ import annotations

import os
from pathlib import Path

import pikepdf
import pytest

from dhr_actions.ingest.pages.pdfium_reading import Placement, read_page
from dhr_actions.ingest.pages.reading import page_content
from dhr_actions.ingest.pages.sources import open_source
from dhr_actions.ingest.pages.words import Char, words_of
from dhr_actions.ingest.safety.docinfo import document_info
from dhr_actions.pipeline import extract_document

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SHARED = Path(os.environ.get("DHR_SHARED", Path(__file__).resolve().parent.parent.parent / "shared"))
TEXT_PDFS = sorted(p for p in SAMPLES.glob("*.pdf") if not p.stem.endswith(("--photocopy", "--scan")))


def _c(text: str, x0: float, top: float = 100.0, size: float = 10.0, font: str = "Serif", width: float = 5.0) -> Char:
    return Char(text, x0, x0 + width, top, top + size, size, font, True)


def _texts(chars: list[Char]) -> list[str]:
    return ["".join(c.text for c in w.chars) for w in words_of(chars, 0.12, 2.0)]


def test_words_end_at_spaces_gaps_and_font_changes() -> None:
    chars = [_c("L", 10), _c("e", 15), _c("a", 20), _c("d", 25), _c(" ", 30), _c("b", 35), _c("y", 40)]
    assert _texts(chars) == ["Lead", "by"]
    # 2 pt apart at 10 pt: wider than 0.12 em, two cells' text printed tight
    assert _texts([_c("a", 10), _c("b", 17)]) == ["a", "b"]
    assert _texts([_c("a", 10), _c("b", 16)]) == ["ab"]
    # a change of font (a bold reference, then plain text) ends a word, as in pdfplumber
    assert _texts([_c("1", 10, font="Serif-Bold"), _c("a", 15)]) == ["1", "a"]


def test_words_follow_lines_and_reading_order() -> None:
    # drawn right cell first, then left; and a second line 12 pt down
    chars = [_c("b", 60), _c("a", 10), _c("c", 10, top=112.0), _c("x", 15, top=101.5)]
    assert _texts(chars) == ["ax", "b", "c"]


def test_text_turned_on_its_side_reads_top_to_bottom() -> None:
    down = [Char(t, 50.0, 60.0, 100.0 + 6 * i, 106.0 + 6 * i, 10.0, "Serif", False) for i, t in enumerate("RAG")]
    assert [w.text for w in words_of(down, 0.12, 2.0)] == ["RAG"]


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_a_turned_page_is_read_upright(rotation: int) -> None:
    place = Placement((0.0, 0.0, 600.0, 800.0), rotation)
    turned = rotation in (90, 270)
    assert (place.width, place.height) == ((800.0, 600.0) if turned else (600.0, 800.0))
    # the corners of the media box land on the corners of the page read upright
    corners = {place.point(x, y) for x in (0.0, 600.0) for y in (0.0, 800.0)}
    assert corners == {(0.0, 0.0), (place.width, 0.0), (0.0, place.height), (place.width, place.height)}
    if rotation == 0:
        assert place.point(10.0, 790.0) == (10.0, 10.0)  # top left stays top left


def test_a_turned_page_gives_pdfplumbers_words(tmp_path: Path) -> None:
    """A plan page set landscape on its paper, turned upright by /Rotate 90
    (as Word prints a landscape section): PDFium gives its text in the
    paper's space; read upright, its words are pdfplumber's."""
    source = next(p for p in TEXT_PDFS if p.name == "westvale-dhr-mrs-b.pdf")
    turned = tmp_path / "turned.pdf"
    with pikepdf.open(source) as pdf:
        page = pdf.pages[0]
        _x0, _y0, width, height = (float(v) for v in page.MediaBox)
        page.contents_add(pikepdf.Stream(pdf, f"q 0 1 -1 0 {height} 0 cm".encode()), prepend=True)
        page.contents_add(pikepdf.Stream(pdf, b"Q"))
        page.MediaBox = [0, 0, height, width]
        page.Rotate = 90
        pdf.save(turned)
    import pdfplumber
    import pypdfium2 as pdfium

    with pdfplumber.open(turned) as plumber:
        reference = page_content(plumber.pages[0], 1)
    doc = pdfium.PdfDocument(str(turned))
    try:
        ours = read_page(doc[0], 1).content
    finally:
        doc.close()
    assert (round(ours.width), round(ours.height)) == (round(reference.width), round(reference.height))
    want = sorted((w.text, round(w.top / 4), w.x0, w.top) for w in reference.words)
    got = sorted((w.text, round(w.top / 4), w.x0, w.top) for w in ours.words)
    assert [w[0] for w in got] == [w[0] for w in want]
    assert all(abs(g[2] - w[2]) < 1 and abs(g[3] - w[3]) < 3 for g, w in zip(got, want, strict=True))


def test_edges_are_pdfplumbers() -> None:
    import pdfplumber
    import pypdfium2 as pdfium

    ruled = [p for p in TEXT_PDFS if "--html" in p.name or "northmoor" in p.name]
    assert ruled
    for path in ruled:
        with pdfplumber.open(path) as plumber:
            reference = [page_content(page, n + 1) for n, page in enumerate(plumber.pages)]
        doc = pdfium.PdfDocument(str(path))
        try:
            for n, page in enumerate(reference):
                ours = read_page(doc[n], n + 1).content
                want = sorted((round(e.x0), round(e.x1), round(e.top), round(e.bottom)) for e in page.edges)
                got = sorted((round(e.x0), round(e.x1), round(e.top), round(e.bottom)) for e in ours.edges)
                assert len(got) == len(want), path.name
                assert sum(
                    abs(a - b) for w, g in zip(want, got, strict=True) for a, b in zip(w, g, strict=True)
                ) <= len(want), path.name
        finally:
            doc.close()


def _records(path: Path, engine: str) -> list[tuple[object, ...]]:
    result = extract_document(path, engine=engine)
    return [
        (r.ref, r.recommendation, r.action, r.lead, r.target_date_text, r.outcome, r.section) for r in result.records
    ]


@pytest.mark.parametrize("path", TEXT_PDFS, ids=lambda p: p.name)
def test_samples_give_the_same_records_with_either_engine(path: Path) -> None:
    assert _records(path, "pdfium") == _records(path, "pdfplumber")


def _shared_pdfs() -> list[Path]:
    folders = [SHARED / "corpus" / name for name in ("dev", "producers", "nonplans")]
    return sorted(
        p
        for folder in folders
        if folder.is_dir()
        for p in folder.iterdir()
        if p.suffix.lower() == ".pdf" and p.stat().st_size and not p.stem.endswith(("--photocopy", "--scanned"))
    )


@pytest.mark.slow
@pytest.mark.skipif(not _shared_pdfs(), reason="../shared is not beside the repo")
def test_shared_corpora_give_the_same_records_with_either_engine() -> None:
    differ = []
    for path in _shared_pdfs():
        try:
            same = _records(path, "pdfium") == _records(path, "pdfplumber")
        except Exception as exc:  # an unreadable file must fail alike with both
            with pytest.raises(type(exc)):
                _records(path, "pdfplumber")
            continue
        if not same:
            differ.append(path.name)
    assert differ == []


def test_a_file_pdfium_cannot_open_is_read_by_pdfplumber(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdfium2 as pdfium

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise pdfium.PdfiumError("Failed to load document (PDFium: Data format error).")

    monkeypatch.setattr(pdfium, "PdfDocument", refuse)
    source = open_source(TEXT_PDFS[0], "pdfium")
    try:
        assert source.engine == "pdfplumber"
        assert len(source) >= 1 and source.content(1).words
        assert any("PDFium could not open" in note for note in source.notes())
    finally:
        source.close()
    info = document_info(TEXT_PDFS[0])
    assert info.page_count and info.page_count >= 1
    result = extract_document(TEXT_PDFS[0], engine="pdfium")
    assert result.records
    assert any("read with pdfplumber: PDFium could not open" in note for note in result.notes)


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown engine"):
        extract_document(TEXT_PDFS[0], engine="mupdf")
