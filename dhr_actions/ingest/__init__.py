"""PDFs to tables, by stage: ``safety`` (checks before parsing), ``pages``
(reading and triage), ``ocr`` (scanned pages), ``tables`` (the layout
finder and stitching) and ``extractors`` (the strategies that drive them).

>>> from dhr_actions.ingest import get_extractor
>>> tables = get_extractor("pdfplumber").extract(path)  # doctest: +SKIP
"""

from .extractors import EXTRACTOR_NAMES, Extractor, get_extractor

__all__ = ["EXTRACTOR_NAMES", "Extractor", "get_extractor"]
