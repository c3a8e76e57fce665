from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dhr_actions.model.geometry import Word
from dhr_actions.office.formats import DOCUMENT_SUFFIXES
from dhr_actions.store.repository import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SAMPLE_PDFS = sorted(p for p in SAMPLES.glob("*.pdf") if "--" not in p.name)  # born-digital
SCAN_PDFS = sorted(SAMPLES.glob("*--scan.pdf"))  # image-only copies
# Photocopy-quality scans of every sample (samples/degrade.py).
PHOTOCOPY_PDFS = sorted(SAMPLES.glob("*--photocopy.pdf"))
VARIANT_PDFS = sorted(
    p for p in SAMPLES.glob("*--*.pdf") if p not in SCAN_PDFS + PHOTOCOPY_PDFS
)  # other layouts of a plan
# Printed to PDF by LibreOffice from Word and Excel files (samples/office.py):
# rebuilt by content, not bytes (the PDFs carry timestamps).
OFFICE_PDFS = sorted(p for p in SAMPLE_PDFS if (SAMPLES / "office.py").read_text(encoding="utf-8").count(f'"{p.stem}"'))
# Their copies printed by Chromium from LibreOffice's HTML, and scanned.
OFFICE_COPIES = sorted(
    p
    for p in SAMPLES.glob("*--*.pdf")
    if p.with_name(p.name.split("--")[0] + ".pdf") in OFFICE_PDFS and p not in PHOTOCOPY_PDFS
)
# Word, Excel and OpenDocument files read directly (the .docx and .xlsx the
# generator writes, and LibreOffice's conversions of some to older formats).
OFFICE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix.lower() in DOCUMENT_SUFFIXES and p.suffix != ".pdf")
HAS_TESSERACT = shutil.which("tesseract") is not None
HAS_LIBREOFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None
HAS_CHROMIUM = any(shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome"))
needs_libreoffice = pytest.mark.skipif(
    not (HAS_LIBREOFFICE and HAS_CHROMIUM), reason="LibreOffice and Chromium are needed: `make system-deps`"
)
needs_soffice = pytest.mark.skipif(not HAS_LIBREOFFICE, reason="LibreOffice is not installed: `make system-deps`")
needs_tesseract = pytest.mark.skipif(not HAS_TESSERACT, reason="tesseract is not installed: `make system-deps`")


def line_words(text: str, x: float, top: float, size: float) -> list[Word]:
    """``text`` set in one line from ``x`` at ``top`` in type of ``size``
    (a glyph's advance half the size, a space 0.28 of it): words for the
    tests' synthetic pages."""
    out = []
    for token in text.split():
        out.append(Word(token, x, x + 0.5 * size * len(token), top, top + size, size))
        x += (0.5 * len(token) + 0.28) * size
    return out


def expected_records(pdf: Path) -> list[dict[str, Any]]:
    """The expected records of a sample; "<name>--<style>.pdf" shares those of <name>."""
    stem = pdf.stem.split("--")[0]
    path = pdf.with_name(stem + ".expected.jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [{**r, "document": pdf.name} for r in records]


def squash(value: Any) -> Any:
    """Line breaks inside a cell are layout, not content: compare text with
    runs of whitespace folded to one space."""
    return " ".join(value.split()) if isinstance(value, str) else value


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "test.sqlite")


@pytest.fixture
def store(db_path: str) -> Iterator[Store]:
    s = Store(db_path)
    yield s
    s.close()


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A real PostgreSQL server on loopback for this test session."""
    from pg import pg_bin, postgres_server

    if pg_bin() is None:
        pytest.skip("PostgreSQL server not installed (Debian package postgresql): `make system-deps`")
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The store's database on SQLite and on PostgreSQL (a fresh schema each time)."""
    if request.param == "sqlite":
        yield str(tmp_path / "any.sqlite")
        return
    url = request.getfixturevalue("pg_url")
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    yield url
