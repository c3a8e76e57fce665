"""The import path put together: the pipeline reads each document, the
taxonomy tags its records, the importer runs both under limits and saves the
result. ``dhr import``, the nightly scrape and Python callers start here.

>>> from dhr_actions.compose import import_file
>>> with Store("dhr.sqlite") as store:  # doctest: +SKIP
...     import_file(store, "reviews/northmoor-dhr-adult-a.pdf")
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path

from . import importer
from .importer import FileOutcome, Importer, ImportOptions, Stages
from .pipeline import read_document
from .research.tagging import tag_records
from .store.repository import Store


def import_stages(tag: bool = True, taxonomy: str | None = None) -> Stages:
    """The usual stages: the pipeline's reading of a document and, unless
    ``tag`` is false, theme tags from the taxonomy file ``taxonomy`` or the
    one in force."""
    if not tag:
        return Stages(read=read_document)
    # A partial of a module-level function pickles by name: it crosses into
    # the worker processes.
    return Stages(read=read_document, tag=partial(tag_records, taxonomy_file=taxonomy) if taxonomy else tag_records)


def new_importer(store: Store, options: ImportOptions | None = None, taxonomy: str | None = None) -> Importer:
    """An :class:`~dhr_actions.importer.Importer` with the usual stages (the
    records tagged by the taxonomy file ``taxonomy`` when given)."""
    return Importer(store, import_stages(taxonomy=taxonomy), options)


def import_file(
    store: Store, path: Path | str, options: ImportOptions | None = None, name: str | None = None
) -> FileOutcome:
    """Import one file with the usual stages; never raises for a bad file."""
    return importer.import_file(store, Path(path), import_stages(), options, name)


def import_many(store: Store, paths: Iterable[Path], options: ImportOptions | None = None) -> Iterator[FileOutcome]:
    """Import files in order with the usual stages."""
    yield from importer.import_many(store, paths, import_stages(), options)


__all__ = ["import_file", "import_many", "import_stages", "new_importer"]
