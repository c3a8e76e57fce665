"""The checks a PDF passes before any reader parses it end on every file:
bounded in bytes, in progress and in time."""

from __future__ import annotations

import signal
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import ROOT

from dhr_actions.ingest.safety.docinfo import document_info
from dhr_actions.ingest.safety.inflation import SafetySettings, _inflated_size
from dhr_actions.ingest.safety.pdfcheck import check_pdf_bytes
from dhr_actions.ingest.safety.repair import readable_pdf

NONPLANS = ROOT.parent / "shared" / "corpus" / "nonplans"
# Far past what any check takes on a real file (well under a second); only
# a check that loops ends here.
HANG_S = 60


@contextmanager
def hang_guard(seconds: int) -> Iterator[None]:
    def stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"still checking after {seconds} s")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def padded_stream(payload: bytes, padding: bytes = b"\r\n\x00\x00") -> bytes:
    """Deflate data followed by bytes that are not data, as PDF writers
    leave between a stream's data and its ``endstream``."""
    return zlib.compress(payload, 9) + padding


def test_counting_stops_at_the_end_of_the_deflate_data() -> None:
    with hang_guard(HANG_S):
        assert _inflated_size(padded_stream(b"x" * 5000), 1 << 20) == 5000
        assert _inflated_size(padded_stream(b"y" * (3 << 20)), 64 << 20, chunk=1 << 20) == 3 << 20


def test_counting_stops_on_data_cut_short() -> None:
    cut = zlib.compress(b"z" * 100_000)[:40]
    with hang_guard(HANG_S):
        assert 0 < _inflated_size(cut, 1 << 20) < 100_000


def test_counting_stops_at_its_deadline() -> None:
    raw = zlib.compress(b"0" * (8 << 20))
    assert _inflated_size(raw, 64 << 20, deadline=time.monotonic() - 1) == 0


def test_settings_refuse_nonsense() -> None:
    with pytest.raises(ValueError, match="max_check_seconds"):
        SafetySettings(max_check_seconds=0)


def test_a_pdf_whose_image_data_ends_before_its_stream_imports(tmp_path: Path) -> None:
    import pikepdf

    from dhr_actions import extract_document

    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    image = pikepdf.Stream(pdf, padded_stream(bytes(range(256)) * 16, b"\n" + b"\x00" * 37))
    image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    image.Width, image.Height, image.BitsPerComponent = 64, 64, 8
    image.ColorSpace, image.Filter = pikepdf.Name.DeviceGray, pikepdf.Name.FlateDecode
    page = pdf.pages[0]
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    page.Contents = pikepdf.Stream(pdf, b"q 100 0 0 100 50 50 cm /Im0 Do Q")
    path = tmp_path / "padded.pdf"
    pdf.save(path, compress_streams=False)
    with hang_guard(HANG_S):
        with readable_pdf(path) as readable:
            assert readable.path == path
        assert extract_document(path).records == []


@pytest.mark.skipif(not NONPLANS.is_dir(), reason="../shared/corpus/nonplans is not beside the repo")
def test_every_real_document_passes_the_checks_in_seconds() -> None:
    """Real public-sector PDFs (Acrobat Distiller reports among them): each
    is checked, none loops."""
    files = sorted(NONPLANS.glob("*.pdf"))
    assert files
    for path in files:
        with hang_guard(HANG_S):
            try:
                check_pdf_bytes(path)
                with readable_pdf(path) as readable:
                    document_info(readable.path)
            except TimeoutError as exc:
                pytest.fail(f"{path.name}: {exc}")
            except Exception:  # a refusal with its reason is an answer, not a hang
                pass
