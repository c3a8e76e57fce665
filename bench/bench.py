"""Throughput of the full pipeline against raw pdfplumber, in one run.

    python bench/bench.py [--repeat N] [--copies N]

Both sides read the same born-digital PDFs (the samples, copied ``--copies``
times under distinct names). The reference is pdfplumber's own
``page.extract_tables()`` over every page; the pipeline is ``dhr import``'s
work: table finding, stitching, normalising and saving to a fresh SQLite
file. The scanned samples are timed on their own (OCR). Each figure is the
best of ``--repeat`` runs; the ratio is what to watch, as the machine's speed
cancels out.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dhr_actions.importer import import_many  # noqa: E402
from dhr_actions.store.repository import Store  # noqa: E402


def corpus(folder: Path, copies: int) -> list[Path]:
    pdfs = []
    for pdf in sorted((ROOT / "samples").glob("*.pdf")):
        if "--" in pdf.name:
            continue
        for n in range(copies):
            target = folder / f"{pdf.stem}-{n}.pdf"
            shutil.copy(pdf, target)
            pdfs.append(target)
    return pdfs


def pages_of(pdfs: list[Path]) -> int:
    total = 0
    for pdf in pdfs:
        with pdfplumber.open(pdf) as doc:
            total += len(doc.pages)
    return total


def raw_pdfplumber(pdfs: list[Path]) -> None:
    for pdf in pdfs:
        with pdfplumber.open(pdf) as doc:
            for page in doc.pages:
                page.extract_tables()


def pipeline(pdfs: list[Path], jobs: int = 1) -> None:
    with tempfile.TemporaryDirectory() as tmp, Store(str(Path(tmp) / "bench.sqlite")) as store:
        for outcome in import_many(store, pdfs, jobs=jobs):
            if outcome.failed:
                raise SystemExit(f"bench: {outcome.path.name} failed: {outcome.reason}")


def best_of(fn: Callable[[list[Path]], None], pdfs: list[Path], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(pdfs)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best counts")
    parser.add_argument("--copies", type=int, default=3, help="copies of each sample in the corpus")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = corpus(Path(tmp), args.copies)
        pages = pages_of(pdfs)
        raw = best_of(raw_pdfplumber, pdfs, args.repeat)
        full = best_of(pipeline, pdfs, args.repeat)
        two = best_of(lambda p: pipeline(p, jobs=2), pdfs, args.repeat)
        print(f"corpus: {len(pdfs)} born-digital PDFs, {pages} pages (best of {args.repeat} runs)")
        print(f"raw pdfplumber extract_tables: {pages / raw:8.1f} pages/s  ({raw:.2f} s)")
        print(f"dhr full pipeline (import):    {pages / full:8.1f} pages/s  ({full:.2f} s)")
        print(f"dhr full pipeline, 2 jobs:     {pages / two:8.1f} pages/s  ({two:.2f} s)")
        print(f"ratio pipeline/raw: {raw / full:.2f} (time ratio {full / raw:.2f}x); 2-job speed-up {full / two:.2f}x")
    scans = sorted((ROOT / "samples").glob("*--scan.pdf"))
    if scans and shutil.which("tesseract"):
        scan_pages = pages_of(scans)
        ocr = best_of(pipeline, scans, 1)
        print(f"scanned (OCR) pipeline:        {scan_pages / ocr:8.2f} pages/s  ({ocr:.2f} s for {scan_pages} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
