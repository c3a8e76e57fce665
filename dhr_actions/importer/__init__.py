"""Import files into the store: the one path every caller takes.

``dhr import``, the nightly scrape and Python callers all go through an
:class:`Importer`: files are planned (hashed, checked against the store),
extracted in worker processes under :class:`Limits` and saved from the
calling thread, one document at a time, whole or not at all. Every file ends
one of five ways (:class:`~dhr_actions.store.models.Outcome`), reported in
one line, and a bad file never stops the batch.

>>> from dhr_actions.compose import import_stages
>>> from dhr_actions.importer import Importer, ImportOptions
>>> with Store("dhr.sqlite") as store, Importer(store, import_stages(), ImportOptions(jobs=2)) as importer:
...     for outcome in importer.run(["reviews/"]):
...         print(outcome.status, outcome.path)
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..isolation.workers import GivenUp, Task, Workers, quiet_pdf_libraries
from ..store.models import Outcome
from ..store.repository import DocumentImport, Store
from .options import DEFAULT_MAX_PAGES, DEFAULT_MEMORY_LIMIT_MB, DEFAULT_TIME_LIMIT_S, ImportOptions, Limits
from .plan import FileOutcome, ImportJob, iter_document_paths, one_line, plan_job, safe_name
from .prepare import failed_import, prepare_import
from .stages import Stages

# Documents in flight per worker: enough to keep workers busy while the
# writer saves, few enough that memory stays flat however long the batch.
WINDOW_PER_JOB = 2


class Importer:
    """Imports files into ``store`` under ``options``; a context manager
    that owns its worker processes (started on first use)."""

    def __init__(self, store: Store, stages: Stages, options: ImportOptions | None = None) -> None:
        self.store = store
        self.stages = stages
        self.options = options or ImportOptions()
        self._workers: Workers | None = None

    def run(self, paths: Iterable[Path | str]) -> Iterator[FileOutcome]:
        """Import files (folders searched for PDFs) in order, with up to
        ``WINDOW_PER_JOB`` documents per worker in flight."""
        window: deque[tuple[Path, ImportJob | FileOutcome, Task[DocumentImport] | None]] = deque()
        for path in iter_document_paths(paths):
            planned = plan_job(self.store, path, self.options)
            window.append((path, planned, self._submit(planned)))
            while len(window) >= WINDOW_PER_JOB * max(self.options.jobs, 1):
                yield self._finish(*window.popleft())
        while window:
            yield self._finish(*window.popleft())

    def import_one(
        self,
        path: Path | str,
        name: str | None = None,
        source_url: str | None = None,
        partnership: str | None = None,
    ) -> FileOutcome:
        """Import one file, stored as ``name`` (default: its file name) with
        this ``source_url`` and ``partnership`` (default: the options')."""
        path = Path(path)
        planned = plan_job(self.store, path, self.options, name, source_url, partnership)
        return self._finish(path, planned, self._submit(planned))

    def _submit(self, planned: ImportJob | FileOutcome) -> Task[DocumentImport] | None:
        if not isinstance(planned, ImportJob) or not self.options.isolated:
            return None
        if self._workers is None:
            self._workers = Workers(self.options.jobs, self.options.limits)
        return self._workers.submit(prepare_import, planned, self.stages)

    def _finish(self, path: Path, planned: ImportJob | FileOutcome, task: Task[DocumentImport] | None) -> FileOutcome:
        if isinstance(planned, FileOutcome):
            return planned
        if task is None:
            imp = prepare_import(planned, self.stages)
        else:
            result = task.result()
            imp = failed_import(planned, result.reason) if isinstance(result, GivenUp) else result
        return save_import(self.store, planned, imp, self.options.force)

    def close(self) -> None:
        if self._workers is not None:
            self._workers.close()
            self._workers = None

    def __enter__(self) -> Importer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def save_import(store: Store, job: ImportJob, imp: DocumentImport, force: bool = False) -> FileOutcome:
    """Save one prepared import (whole or not at all) and say how it ended."""
    saved = store.save(imp, replace=force)
    if imp.outcome == Outcome.FAILED:
        return FileOutcome(job.path, Outcome.FAILED, reason=imp.reason, version=saved.version)
    return FileOutcome(job.path, saved.status, saved.records, imp.reason, saved.version, imp.page_count)


def import_file(
    store: Store, path: Path, stages: Stages, options: ImportOptions | None = None, name: str | None = None
) -> FileOutcome:
    """Import one file; never raises for a bad file. With the default
    options it is extracted in a worker process under the default limits."""
    with Importer(store, stages, options or ImportOptions(jobs=1)) as importer:
        return importer.import_one(path, name)


def import_many(
    store: Store, paths: Iterable[Path], stages: Stages, options: ImportOptions | None = None
) -> Iterator[FileOutcome]:
    """Import files in order (see :meth:`Importer.run`)."""
    with Importer(store, stages, options) as importer:
        yield from importer.run(paths)


__all__ = [
    "DEFAULT_MAX_PAGES",
    "DEFAULT_MEMORY_LIMIT_MB",
    "DEFAULT_TIME_LIMIT_S",
    "FileOutcome",
    "ImportJob",
    "ImportOptions",
    "Importer",
    "Limits",
    "Stages",
    "import_file",
    "import_many",
    "iter_document_paths",
    "one_line",
    "plan_job",
    "prepare_import",
    "quiet_pdf_libraries",
    "safe_name",
    "save_import",
]
