"""Import throughput and memory on a corpus of whole review documents, in one run.

    python bench/bench.py [--plans 200] [--seed 0] [--corpus DIR] [--profile]

The corpus (``bench/corpus.py``) is ``--plans`` long review documents in
mixed house styles, about fifteen pages each, most ending in an action plan,
some with none. Against it, each in a fresh process:

- the reference: pdfplumber's own ``page.extract_tables()`` over every page,
  single process;
- ``dhr import`` (table finding, stitching, normalising, tagging and saving
  to a fresh SQLite file) with 1 job and with 2 jobs;
- ``dhr import`` with 2 jobs on the first quarter of the corpus, so that peak
  memory can be compared across corpus sizes.

Peak memory is the largest sum of resident memory over the measuring
process and all its descendants (the import's workers), sampled every
100 ms; CPU time is what each of those processes had used when last seen.
On a shared machine wall time swings with other tenants' load; the CPU
figures, and a wall/CPU ratio well above 1 for a single process, show it. Targets: pipeline time within 1.5x of the reference, at least 1.7x
speed-up with 2 jobs, peak memory flat in corpus size. The records found
are checked against the corpus's expected counts, so that speed is not
bought with misses. ``--profile`` also profiles the pipeline in-process
over a slice of the corpus with pyinstrument and prints the hot spots.
The scanned samples are timed on their own (OCR).

Before them, with ``--reports N`` (6 by default), whole overview reports
(``corpus.py --reports``: 40–150 pages of prose that looks like the prose
around real plans, the plan an appendix; a third of them scanned), and, with
``--real DIR`` (``../shared/corpus/nonplans`` when it is there), the plans
appended to the real documents of DIR that hold none: each timed against
raw pdfplumber and against ``--no-triage``, with the pages read in full and
a check that triage finds the very records reading every page finds. Target
for text reports: 0.1x raw pdfplumber time or less.

First of all (``--no-plan-pdfs`` to leave it out), the text plan PDFs of
``samples/`` and of ../shared's dev and producers, one job: ``dhr import``
with the PDFium engine (the default) and with the pdfplumber engine against
raw pdfplumber on the same files, their records compared. Target: 0.5x raw.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

TARGET_RATIO = 1.5
TARGET_SPEEDUP = 1.7
# Whole reports, with triage: at most this share of raw pdfplumber's time.
TARGET_REPORT_RATIO = 0.1
# Text plan PDFs, one job: at most this share of raw pdfplumber's time.
TARGET_PLAN_RATIO = 0.5
# A scanned 90-page report with a 10-page plan, imported alone: seconds.
TARGET_SCAN_SECONDS = 60
# The published reviews' reports and plans, all told.
NATIONAL_PAGES = 100_000


# -- measuring, in a child process ------------------------------------------------
class TreeSampler:
    """Largest total RSS of this process and its descendants, and the CPU
    time each of them used (as last seen), sampled."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peak_kb = 0
        self._cpu_ticks: dict[tuple[int, str], int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def cpu_seconds(self) -> float:
        return sum(self._cpu_ticks.values()) / os.sysconf("SC_CLK_TCK")

    def _run(self) -> None:
        me = os.getpid()
        while True:
            tree = _tree(me)
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(p) for p in tree))
            for pid in tree:
                self._cpu(pid)
            if self._stop.wait(self.interval):
                self._cpu(me)
                return

    def _cpu(self, pid: int) -> None:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return
        name, fields = stat.partition(" ")[2].rpartition(")")[0], stat.rpartition(")")[2].split()
        utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of proc(5)
        self._cpu_ticks[(pid, name)] = utime + stime


def _tree(root: int) -> list[int]:
    """``root`` and its descendants, from /proc/PID/task/TID/children."""
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tasks:
            with contextlib.suppress(OSError):
                todo.extend(int(c) for c in Path(f"/proc/{pid}/task/{tid}/children").read_text().split())
    return found


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(kind: str, files: list[Path], jobs: int, triage: bool = True, engine: str = "pdfium") -> dict[str, Any]:
    records: dict[str, int] = {}
    digests: dict[str, str] = {}
    skipped = 0
    with TreeSampler() as mem:
        start = time.perf_counter()
        if kind == "raw":
            import pdfplumber

            for pdf in files:
                with pdfplumber.open(pdf) as doc:
                    for page in doc.pages:
                        page.extract_tables()
            seconds = time.perf_counter() - start
        else:
            from dhr_actions.compose import import_many
            from dhr_actions.importer import ImportOptions
            from dhr_actions.store.repository import Store

            with tempfile.TemporaryDirectory() as tmp, Store(str(Path(tmp) / "bench.sqlite")) as store:
                for outcome in import_many(store, files, ImportOptions(jobs=jobs, triage=triage, engine=engine)):
                    if outcome.failed:
                        raise SystemExit(f"bench: {outcome.path.name} failed: {outcome.reason}")
                    records[outcome.path.name] = outcome.records
                seconds = time.perf_counter() - start
                digests, skipped = _digests_and_skipped(store)
    return {
        "seconds": seconds,
        "cpu": mem.cpu_seconds,
        "peak_mb": mem.peak_kb / 1024,
        "records": records,
        "digests": digests,
        "skipped_pages": skipped,
    }


def _digests_and_skipped(store: Any) -> tuple[dict[str, str], int]:
    """Each document's records as a digest (to compare two runs record for
    record), and the pages triage left out, from the documents' notes."""
    import hashlib
    import re

    rows: dict[str, list[str]] = {}
    for doc, rec in store.records():
        fields = (rec.ref, rec.recommendation, rec.action, rec.lead, rec.target_date_text, rec.outcome, rec.section)
        rows.setdefault(doc.file_name, []).append(json.dumps([rec.position, *fields]))
    skipped = 0
    for doc in store.documents():
        for note in doc.notes or []:
            m = re.match(r"triage: (\d+) of \d+ pages not read in full", str(note))
            skipped += int(m.group(1)) if m else 0
    return {name: hashlib.sha256("\n".join(sorted(r)).encode()).hexdigest() for name, r in rows.items()}, skipped


def run_measure(
    kind: str, files: list[Path], jobs: int = 1, triage: bool = True, engine: str = "pdfium"
) -> dict[str, Any]:
    """``measure`` in a fresh interpreter, so that each figure's memory is its own."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        fh.write("\n".join(str(f) for f in files))
        listing = fh.name
    try:
        cmd = [
            sys.executable,
            __file__,
            "_measure",
            kind,
            listing,
            str(jobs),
            "triage" if triage else "no-triage",
            engine,
        ]
        done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    finally:
        os.unlink(listing)
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the report ---------------------------------------------------------------------
def profile(files: list[Path], top: int = 45) -> None:
    from pyinstrument import Profiler

    from dhr_actions.pipeline import extract_document

    profiler = Profiler(interval=0.005)
    profiler.start()
    for pdf in files:
        extract_document(pdf)
    profiler.stop()
    text = profiler.output_text(unicode=True, color=False, show_all=False)
    lines = [ln for ln in text.splitlines() if ln.strip()]
    print(f"\nprofile of the pipeline in-process over {len(files)} documents (pyinstrument, top {top} lines):")
    print("\n".join(lines[:top]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=200, help="documents in the corpus")
    parser.add_argument("--seed", type=int, default=0, help="the corpus's seed")
    parser.add_argument("--corpus", type=Path, help="where the corpus is built and cached (default .bench/)")
    parser.add_argument("--profile", action="store_true", help="also profile the pipeline and print its hot spots")
    parser.add_argument(
        "--reports", type=int, default=6, help="whole overview reports (40-150 pages) to time triage on"
    )
    parser.add_argument(
        "--plan-pdfs",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="time the text plan PDFs (samples/, and ../shared's dev and producers when there) by engine",
    )
    parser.add_argument(
        "--real",
        type=Path,
        default=ROOT.parent / "shared" / "corpus" / "nonplans",
        help="real documents that hold no plan, to append plans to (skipped when absent)",
    )
    args = parser.parse_args()
    if args.plan_pdfs:
        bench_plan_pdfs()
    if args.reports:
        bench_reports(args.reports, args.seed, args.corpus, args.real)
    if args.plans:
        bench_reviews(args)
    return 0


def _line(label: str, m: dict[str, Any], n: int) -> str:
    return (
        f"{label:<34}{n / m['seconds']:7.1f} pages/s {m['seconds']:8.1f} s  (CPU {m['cpu']:7.1f} s)"
        f"  peak {m['peak_mb']:6.0f} MB"
    )


def plan_pdfs() -> list[Path]:
    """Text plan PDFs as councils publish them: the samples printed by
    Word, LibreOffice, Excel and a browser, and ../shared's dev and
    producers' copies when they are there; documents with a scanned page
    left out (their time is OCR's, timed apart)."""
    from dhr_actions.ingest.pages.sources import open_source

    folders = [
        ROOT / "samples",
        ROOT.parent / "shared" / "corpus" / "dev",
        ROOT.parent / "shared" / "corpus" / "producers",
    ]
    out = []
    for pdf in sorted(p for folder in folders if folder.is_dir() for p in folder.glob("*.pdf")):
        source = open_source(pdf)
        try:
            if not any(source.scanned(n) for n in range(1, len(source) + 1)):
                out.append(pdf)
        finally:
            source.close()
    return out


def bench_plan_pdfs() -> None:
    """Plan PDFs, one job: the pipeline with each engine against raw
    pdfplumber ``extract_tables`` on the same pages, and the records of the
    two engines compared."""
    import pypdfium2 as pdfium

    files = plan_pdfs()
    pages = 0
    for f in files:
        doc = pdfium.PdfDocument(str(f))
        pages += len(doc)
        doc.close()
    raw = run_measure("raw", files)
    ours = run_measure("pipeline", files, jobs=1)
    reference = run_measure("pipeline", files, jobs=1, engine="pdfplumber")
    print(f"plan PDFs: {len(files)} files, {pages} pages")
    print(_line("raw pdfplumber extract_tables:", raw, pages))
    print(_line("dhr import, PDFium engine, 1 job:", ours, pages))
    print(_line("dhr import, pdfplumber engine, 1 job:", reference, pages))
    ratio = ours["seconds"] / raw["seconds"]
    same = ours["digests"] == reference["digests"]
    print(
        f"plan PDFs, PDFium engine / raw: {ratio:.2f}x (target <= {TARGET_PLAN_RATIO}x: "
        f"{'met' if ratio <= TARGET_PLAN_RATIO else 'NOT met'}); pdfplumber engine / raw: "
        f"{reference['seconds'] / raw['seconds']:.2f}x; records of the two engines "
        f"{'the same' if same else 'DIFFER'} ({sum(ours['records'].values())} records); "
        f"{pages / ours['cpu']:.1f} pages per CPU second"
    )


def bench_reports(reports: int, seed: int, corpus: Path | None, real: Path | None) -> None:
    """Whole overview reports: triage against raw pdfplumber and against
    reading every page, text reports and scanned ones apart; plans appended
    to real documents that hold none; and the national scale they give."""
    from corpus import build_corpus

    folder = (corpus or ROOT / ".bench") / f"reports-{reports}-{seed}"
    docs = build_corpus(folder, reports, seed, reports=True)
    print(
        f"whole reports: {len(docs)} documents, {sum(d.pages for d in docs)} pages "
        f"({sum(d.pages for d in docs if d.scanned)} scanned), {sum(d.expected_records for d in docs)} expected records"
    )
    rates: dict[str, float] = {}
    shares: dict[str, float] = {}
    for scanned in (False, True):
        part = [d for d in docs if d.scanned == scanned]
        if part:
            label = "scanned" if scanned else "text"
            rates[label] = _report_part(f"{label} reports", folder, part, scanned)
            shares[label] = sum(d.pages for d in part) / sum(d.pages for d in docs)
    if real is not None and real.is_dir():
        hosted = (corpus or ROOT / ".bench") / f"real-{seed}"
        hosts = build_corpus(hosted, seed=seed, real=real)
        if hosts:
            _report_part(f"plans appended to the real documents of {real}", hosted, hosts, False)
    scan_target(folder, seed)
    mix = ", ".join(f"{shares[k]:.0%} {k}" for k in rates)
    estimates = {f"all {k}": 1 / r for k, r in rates.items()}
    estimates[f"this corpus's mix ({mix})"] = sum(shares[k] / r for k, r in rates.items())
    for label, seconds_per_page in estimates.items():
        hours = NATIONAL_PAGES * seconds_per_page / 3600
        print(
            f"national scale, {NATIONAL_PAGES:,} pages (~1,200 reviews), {label}, at the 2-job rates: {hours:.1f} h "
            f"(target < 1 h: {'met' if hours < 1 else 'NOT met'})"
        )


def _report_part(label: str, folder: Path, part: list[Any], scanned: bool) -> float:
    """One kind of report timed four ways and its records checked; its
    pages per second with 2 jobs."""
    files = [folder / d.name for d in part]
    pages = sum(d.pages for d in part)
    raw = run_measure("raw", files)
    one = run_measure("pipeline", files, jobs=1)
    two = run_measure("pipeline", files, jobs=2)
    full = run_measure("pipeline", files, jobs=1, triage=False)
    print(f"{label}: {len(part)} documents, {pages} pages")
    print(_line("  raw pdfplumber extract_tables:", raw, pages))
    print(_line("  dhr import, 1 job:", one, pages))
    print(_line("  dhr import, 2 jobs:", two, pages))
    print(_line("  dhr import --no-triage, 1 job:", full, pages))
    ratio = one["seconds"] / raw["seconds"]
    verdict = f"target <= {TARGET_REPORT_RATIO}x: {'met' if ratio <= TARGET_REPORT_RATIO else 'NOT met'}"
    print(
        f"  dhr import (1 job)/raw: {ratio:.2f}x (CPU {one['cpu'] / raw['cpu']:.2f}x"
        + (f"; {verdict})" if not scanned else "; raw reads no text on a scan: no target)")
        + f"; /--no-triage: {one['seconds'] / full['seconds']:.2f}x; 2 jobs/1 job: {one['seconds'] / two['seconds']:.2f}x"
    )
    if scanned:
        print(f"  per scanned report: {one['seconds'] / len(part):.1f} s for {pages / len(part):.0f} pages on average")
    print(
        f"  pages read in full: {pages - one['skipped_pages']} of {pages} "
        f"({(pages - one['skipped_pages']) / pages:.0%}); --no-triage reads them all"
    )
    expected = {d.name: d.expected_records for d in part}
    misses = {n: (e, one["records"].get(n)) for n, e in expected.items() if one["records"].get(n) != e}
    same = one["digests"] == full["digests"]
    print(
        f"  records: {sum(one['records'].values())} found, {sum(expected.values())} expected, "
        f"{len(misses)} documents differ; the same records as --no-triage: {'yes' if same else 'NO'}"
    )
    return pages / two["seconds"]


def scan_target(folder: Path, seed: int) -> None:
    """A scanned report of about 90 pages whose plan is 10 of them,
    imported alone (its OCR on both cores): the time against the target."""
    from corpus import BenchDoc, build_doc

    target = folder / "scan-90-pages-10-page-plan.pdf"
    made = folder / "scan-90.json"
    if target.exists() and made.exists():
        doc = BenchDoc(**json.loads(made.read_text()))
    else:
        plan = BenchDoc(target.name, "ruled-coded", 5, 750, False, seed, scanned=True)
        doc = build_doc(plan, folder)
        made.write_text(json.dumps(doc.__dict__))
    one = run_measure("pipeline", [target], jobs=1)
    found = one["records"].get(target.name)
    print(
        f"scanned report of {doc.pages} pages, its plan about 10 of them, alone: {one['seconds']:.1f} s "
        f"(target < {TARGET_SCAN_SECONDS} s: {'met' if one['seconds'] < TARGET_SCAN_SECONDS else 'NOT met'}); "
        f"{found} records, {doc.expected_records} expected; {one['skipped_pages']} pages not OCR'd"
    )


def bench_reviews(args: argparse.Namespace) -> None:
    from corpus import build_corpus

    folder = args.corpus or ROOT / ".bench" / f"corpus-{args.plans}-{args.seed}"
    start = time.perf_counter()
    docs = build_corpus(folder, args.plans, args.seed)
    files = [folder / d.name for d in docs]
    pages = sum(d.pages for d in docs)
    expected = {d.name: d.expected_records for d in docs}
    print(
        f"corpus: {len(docs)} documents, {pages} pages, {sum(expected.values())} expected records "
        f"({sum(1 for d in docs if d.style == 'no-plan')} without a plan; ready in {time.perf_counter() - start:.0f} s)"
    )
    quarter = files[: max(1, len(files) // 4)]
    quarter_pages = sum(d.pages for d in docs[: len(quarter)])

    raw = run_measure("raw", files)
    one = run_measure("pipeline", files, jobs=1)
    two = run_measure("pipeline", files, jobs=2)
    small = run_measure("pipeline", quarter, jobs=2)

    print(_line("raw pdfplumber extract_tables:", raw, pages))
    print(_line("dhr import, 1 job:", one, pages))
    print(_line("dhr import, 2 jobs:", two, pages))
    print(_line(f"dhr import, 2 jobs, {len(quarter)} documents:", small, quarter_pages))
    ratio = one["seconds"] / raw["seconds"]
    speedup = one["seconds"] / two["seconds"]
    growth = two["peak_mb"] / small["peak_mb"]
    misses = {n: (e, one["records"].get(n)) for n, e in expected.items() if one["records"].get(n) != e}
    print(
        f"CPU time pipeline/raw: {one['cpu'] / raw['cpu']:.2f}x (steadier than wall time on a busy machine; "
        f"wall/CPU: raw {raw['seconds'] / raw['cpu']:.2f}, 1 job {one['seconds'] / one['cpu']:.2f})"
    )
    print(
        f"time pipeline/raw: {ratio:.2f}x (target <= {TARGET_RATIO}x: {'met' if ratio <= TARGET_RATIO else 'NOT met'})"
    )
    print(
        f"2-job speed-up: {speedup:.2f}x (target >= {TARGET_SPEEDUP}x: {'met' if speedup >= TARGET_SPEEDUP else 'NOT met'})"
    )
    print(
        f"peak memory, whole corpus vs a quarter: {two['peak_mb']:.0f} MB vs {small['peak_mb']:.0f} MB = {growth:.2f}x "
        f"for {len(files) / len(quarter):.1f}x the documents ({'flat' if growth <= 1.25 else 'NOT flat'})"
    )
    print(
        f"records: {sum(one['records'].values())} found, {sum(expected.values())} expected; "
        f"{len(misses)} documents differ" + (f": {sorted(misses.items())[:5]}" if misses else "")
    )

    scans = sorted((ROOT / "samples").glob("*--scan.pdf"))
    if scans and shutil.which("tesseract"):
        import pdfplumber

        scan_pages = 0
        for scan in scans:
            with pdfplumber.open(scan) as pdf:
                scan_pages += len(pdf.pages)
        ocr = run_measure("pipeline", scans, jobs=1)
        print(_line("scanned samples (OCR), 1 job:", ocr, scan_pages))
    if args.profile:
        profile(files[: min(len(files), 12)])


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_measure":
        _kind, _listing, _jobs, _triage, _engine = sys.argv[2:7]
        _files = [Path(p) for p in Path(_listing).read_text().splitlines()]
        print(json.dumps(measure(_kind, _files, int(_jobs), _triage == "triage", _engine)))
        sys.exit(0)
    sys.exit(main())
