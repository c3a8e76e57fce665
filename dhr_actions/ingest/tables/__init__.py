"""Tables on a page found by their layout: the header's labels
(``headers``), the columns under them (``columns``), the rows and their
cells (``rows``, ``celltext``), a table's title (``titles``), its rest on
the next page (``continuation``), plans written
as label/value blocks (``keyvalue``), all driven by ``finder``; then the
pieces a page break cut apart joined into one plan table (``stitch``)."""

from .finder import PageFindings, find_tables, tables_from_pages
from .stitch import stitch

__all__ = ["PageFindings", "find_tables", "stitch", "tables_from_pages"]
