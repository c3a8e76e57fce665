"""The import path put together: the pipeline reads each document, the
taxonomy tags its records, the importer runs both under limits and saves the
result. ``dhr import``, the nightly scrape and Python callers start here.

>>> from dhr_actions.compose import import_file
>>> with Store("dhr.sqlite") as store:  # doctest: +SKIP
...     import_file(store, "reviews/northmoor-dhr-adult-a.pdf")
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from . import importer
from .importer import FileOutcome, Importer, ImportOptions, Stages
from .pipeline import read_document
from .research.tagging import tag_records
from .store.repository import Store


def import_stages(tag: bool = True) -> Stages:
    """The usual stages: the pipeline's reading of a document and, unless
    ``tag`` is false, theme tags from the taxonomy in force."""
    return Stages(read=read_document, tag=tag_records if tag else None)


def new_importer(store: Store, options: ImportOptions | None = None) -> Importer:
    """An :class:`~dhr_actions.importer.Importer` with the usual stages."""
    return Importer(store, import_stages(), options)


def import_file(
    store: Store, path: Path | str, options: ImportOptions | None = None, name: str | None = None
) -> FileOutcome:
    """Import one file with the usual stages; never raises for a bad file."""
    return importer.import_file(store, Path(path), import_stages(), options, name)


def import_many(store: Store, paths: Iterable[Path], options: ImportOptions | None = None) -> Iterator[FileOutcome]:
    """Import files in order with the usual stages."""
    yield from importer.import_many(store, paths, import_stages(), options)


__all__ = ["import_file", "import_many", "import_stages", "new_importer"]
