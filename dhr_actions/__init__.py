"""dhr-actions: action plans of Domestic Homicide Reviews, from PDF to database.

>>> from dhr_actions import extract_document, load_records
>>> extract_document("samples/northmoor-dhr-adult-a.pdf").records[0].ref
'1A'
>>> frame = load_records("dhr.sqlite")  # a pandas DataFrame of the stored records
>>> done = load_progress("dhr.sqlite", by="partnership")  # were the actions done?
"""

from __future__ import annotations

__version__ = "0.1.0"

from .normalise.record import Record
from .pipeline import Extraction, extract_document
from .research.progress import load_progress
from .research.queries import load_records
from .store.repository import Store

__all__ = ["Extraction", "Record", "Store", "__version__", "extract_document", "load_progress", "load_records"]
