"""Work on untrusted files in worker processes under limits: a wall-clock
limit, an address-space cap and a page limit per document (``limits``), a
pool that survives a worker's death (``workers``). Used by the importer and
by ``extract_document(limits=...)`` alike."""

from .limits import DEFAULT_MAX_PAGES, DEFAULT_MEMORY_LIMIT_MB, DEFAULT_TIME_LIMIT_S, Limits
from .workers import MEMORY_REASON, GivenUp, Task, Workers, free_cores, quiet_pdf_libraries

__all__ = [
    "DEFAULT_MAX_PAGES",
    "DEFAULT_MEMORY_LIMIT_MB",
    "DEFAULT_TIME_LIMIT_S",
    "MEMORY_REASON",
    "GivenUp",
    "Limits",
    "Task",
    "Workers",
    "free_cores",
    "quiet_pdf_libraries",
]
