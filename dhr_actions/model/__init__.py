"""The model every reader fills and every stage judges by: tables and their
cells (``table``), words, lines and rules on a page (``geometry``), the
errors a document can raise (``errors``), the finder's settings
(``settings``) and key–value blocks read as a table (``keyvalue``).

Both ``ingest/`` (PDFs) and ``office/`` (Word, Excel, OpenDocument) import
from here, never from each other.
"""

from .errors import DocumentError
from .settings import DEFAULT_SETTINGS, LayoutSettings
from .table import Cell, Row, Table

__all__ = ["DEFAULT_SETTINGS", "Cell", "DocumentError", "LayoutSettings", "Row", "Table"]
