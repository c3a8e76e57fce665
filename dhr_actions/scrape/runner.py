"""One scrape run: crawl every source, import what changed, record the run.

Sources are crawled in parallel threads (the client keeps to one request at
a time per host). Downloads go through the same import path as `dhr import`:
extracted in a worker process under the configured limits (time, memory,
pages), so a hostile file is one failed line, and saved on the calling
thread, one document at a time. A file linked before but missing now is marked
withdrawn, only when the source's start page was read this run: a site that
is down withdraws nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any

from ..compose import new_importer
from ..importer import Importer, ImportOptions
from ..store.models import Outcome
from ..store.repository import Store
from ..store.scrape_state import RemoteState, ScrapeState
from .config import ScrapeConfig, Source
from .crawl import BlobStore, CrawlResult, DocumentResult, Known, crawl_source
from .http import PoliteClient, Validators

MAX_WORKERS = 8


@dataclass
class SourceReport:
    name: str
    pages: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    withdrawn: int = 0
    skipped: int = 0
    records: int = 0
    offsite: int = 0  # document links on hosts the source does not allow
    lines: list[str] = field(default_factory=list)

    def summary(self) -> str:
        offsite = f"; {self.offsite} document links on other hosts not fetched" if self.offsite else ""
        return (
            f"{self.name}: {self.pages} pages; documents {self.new} new, {self.changed} changed, {self.unchanged} unchanged, "
            f"{self.failed} failed, {self.withdrawn} withdrawn, {self.skipped} skipped; {self.records} records imported"
            f"{offsite}"
        )

    def counts(self) -> dict[str, int]:
        return {k: v for k, v in asdict(self).items() if isinstance(v, int)}


@dataclass
class RunReport:
    run_id: int | None
    sources: list[SourceReport]
    seconds: float = 0.0
    requests: int = 0

    @property
    def totals(self) -> dict[str, int]:
        return run_totals(s.counts() for s in self.sources)

    @property
    def failed(self) -> int:
        return self.totals["failed"]

    def total(self) -> str:
        sums = self.totals
        label = f"run {self.run_id}" if self.run_id is not None else "dry run"
        parts = ", ".join(f"{sums[k]} {k}" for k in DOCUMENT_COUNTS)
        return (
            f"{label}: {len(self.sources)} sources in {self.seconds:.1f} s, {self.requests} requests; "
            f"documents {parts}; {sums['records']} records imported"
        )


DOCUMENT_COUNTS = ("new", "changed", "unchanged", "failed", "withdrawn", "skipped")


def run_totals(per_source: Iterable[dict[str, Any]]) -> dict[str, int]:
    """A run's counts summed over its sources (as recorded per source)."""
    sums = dict.fromkeys((*DOCUMENT_COUNTS, "records"), 0)
    for counts in per_source:
        for k in sums:
            sums[k] += int(counts.get(k, 0))
    return sums


def run_scrape(
    config: ScrapeConfig,
    store: Store,
    only: Sequence[str] = (),
    dry_run: bool = False,
    offline: bool = False,
    echo: Callable[[str], None] = print,
    client: PoliteClient | None = None,
) -> RunReport:
    sources = [config.source(name) for name in only] if only else list(config.sources)
    state = ScrapeState(store)
    blobs = BlobStore(config.downloads)
    started = time.monotonic()
    with new_importer(store, ImportOptions(jobs=1, limits=config.limits)) as importer:
        run = _Run(config, sources, importer, state, blobs, echo, started)
        return _replay(run) if offline else _crawl_and_import(run, dry_run, client)


@dataclass
class _Run:
    """What one scrape run works with."""

    config: ScrapeConfig
    sources: list[Source]
    importer: Importer
    state: ScrapeState
    blobs: BlobStore
    echo: Callable[[str], None]
    started: float


def _crawl_and_import(run: _Run, dry_run: bool, client: PoliteClient | None) -> RunReport:
    run_id = None if dry_run else run.state.start_run(str(run.config.path) if run.config.path else None)
    own_client = client is None
    http = client or PoliteClient(run.config)
    reports: list[SourceReport] = []
    try:
        known_by_source = {s.name: run.state.known(s.name) for s in run.sources}
        with ThreadPoolExecutor(max_workers=min(MAX_WORKERS, len(run.sources) or 1)) as pool:
            futures = [
                pool.submit(crawl_source, http, s, _known(known_by_source[s.name]), run.blobs, not dry_run)
                for s in run.sources
            ]
            for source, future in zip(run.sources, futures, strict=True):
                crawl = future.result()
                report = _settle(crawl, source, known_by_source[source.name], run.importer, run.state, run_id, dry_run)
                for line in report.lines:
                    run.echo(f"  {line}")
                run.echo(report.summary())
                reports.append(report)
    except BaseException:
        if run_id is not None:
            run.state.finish_run(run_id, "failed", {"error": "interrupted"})
        raise
    finally:
        if own_client:
            http.close()
    result = RunReport(run_id, reports, time.monotonic() - run.started, http.requests_made)
    if run_id is not None:
        counts = {r.name: r.counts() for r in reports}
        run.state.finish_run(run_id, "failed" if result.failed else "ok", counts)
    run.echo(result.total())
    return result


def _known(states: dict[str, RemoteState]) -> dict[str, Known]:
    return {url: Known(Validators(s.etag, s.last_modified), s.sha256) for url, s in states.items()}


def _settle(
    crawl: CrawlResult,
    source: Source,
    known: dict[str, RemoteState],
    importer: Importer,
    state: ScrapeState,
    run_id: int | None,
    dry_run: bool,
) -> SourceReport:
    """Import what a crawl downloaded and bring the URL records up to date."""
    report = SourceReport(source.name, pages=crawl.pages, offsite=len(crawl.offsite_documents))
    for problem in crawl.problems:
        report.lines.append(f"problem: {problem}")
    for url in crawl.offsite_documents:
        report.lines.append(f"not fetched: {url}: its host is not in this source's hosts")
    if not crawl.start_ok:
        report.failed += 1
        report.lines.append("failed: no start page could be read; nothing is withdrawn")
    linked = {d.url for d in crawl.documents}
    gone: list[str] = []
    for doc in crawl.documents:
        before = known.get(doc.url)
        if dry_run:
            _list_dry(doc, before, report)
            continue
        _settle_document(doc, before, source, importer, state, run_id, report, gone)
    if dry_run:
        return report
    missing = [u for u, s in known.items() if s.status == "active" and u not in linked] if crawl.start_ok else []
    withdrawn = state.withdraw(source.name, [*gone, *missing])
    report.withdrawn += withdrawn
    for url in [*gone, *missing][:20]:
        report.lines.append(f"withdrawn: {url}")
    return report


def _list_dry(doc: DocumentResult, before: RemoteState | None, report: SourceReport) -> None:
    """A dry run's line for a document: new, known, or would be skipped and why."""
    if doc.outcome == "skipped":
        report.skipped += 1
        report.lines.append(f"would skip: {doc.url}: {doc.reason}")
        return
    report.lines.append(f"{'known' if before else 'new'}: {doc.url}")
    report.unchanged += before is not None
    report.new += before is None


def _settle_document(
    doc: DocumentResult,
    before: RemoteState | None,
    source: Source,
    importer: Importer,
    state: ScrapeState,
    run_id: int | None,
    report: SourceReport,
    gone: list[str],
) -> None:
    if doc.outcome == "not modified":
        report.unchanged += 1
        v = doc.validators or Validators()
        state.seen(source.name, doc.url, run_id, etag=v.etag, last_modified=v.last_modified)
        return
    if doc.outcome in ("skipped", "not a document"):
        report.skipped += 1
        report.lines.append(f"skipped: {doc.url}: {doc.reason}")
        return
    if doc.outcome == "gone":
        if before is not None:
            gone.append(doc.url)
        else:
            report.lines.append(f"broken link: {doc.url}: {doc.reason}")
        return
    if doc.outcome != "downloaded" or doc.blob is None:
        report.failed += 1
        report.lines.append(f"failed: {doc.url}: {doc.reason}")
        return
    v = doc.validators or Validators()
    if before is not None and before.sha256 == doc.sha256:
        report.unchanged += 1  # served again in full, same bytes: nothing to import
        state.seen(source.name, doc.url, run_id, etag=v.etag, last_modified=v.last_modified)
        return
    outcome = importer.import_one(doc.blob, doc.file_name, doc.url, source.partnership)
    if outcome.failed:
        report.failed += 1
        report.lines.append(f"failed: {doc.url}: {outcome.reason}")
    else:
        if before is None or before.sha256 is None:
            report.new += 1
        else:
            report.changed += 1
        report.records += outcome.records
        report.lines.append(f"{outcome.status}: {doc.file_name} ({outcome.records} records) from {doc.url}")
    state.seen(source.name, doc.url, run_id, doc.sha256, doc.file_name, v.etag, v.last_modified)


def _replay(run: _Run) -> RunReport:
    """Import the last fetched copy of every active document, without the network."""
    run_id = run.state.start_run(str(run.config.path) if run.config.path else None, offline=True)
    reports = []
    for source in run.sources:
        report = SourceReport(source.name)
        for url, remote in run.state.known(source.name).items():
            if remote.status != "active" or not remote.sha256:
                continue
            path = run.blobs.path(remote.sha256)
            if not path.exists():
                report.failed += 1
                report.lines.append(f"failed: {url}: no local copy {path}")
                continue
            outcome = run.importer.import_one(path, remote.file_name, url, source.partnership)
            if outcome.failed:
                report.failed += 1
                report.lines.append(f"failed: {url}: {outcome.reason}")
            elif outcome.status == Outcome.UNCHANGED:
                report.unchanged += 1
            else:
                report.new += 1
                report.records += outcome.records
        for line in report.lines:
            run.echo(f"  {line}")
        run.echo(report.summary())
        reports.append(report)
    result = RunReport(run_id, reports, time.monotonic() - run.started, 0)
    run.state.finish_run(run_id, "failed" if result.failed else "ok", {r.name: r.counts() for r in reports})
    run.echo(result.total())
    return result
