"""dhr-actions: action plans of Domestic Homicide Reviews, from PDF to database.

>>> from dhr_actions import extract_document
>>> result = extract_document("samples/ruled-coded.pdf")
>>> result.records[0].ref
"""

from __future__ import annotations

__version__ = "0.1.0"

from .normalise.record import Record
from .pipeline import Extraction, extract_document
from .store.repository import Store

__all__ = ["Extraction", "Record", "Store", "__version__", "extract_document", "load_records"]
