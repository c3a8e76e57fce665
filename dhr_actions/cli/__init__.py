"""The ``dhr`` command: import action-plan PDFs, see what was found, export it.

One module per family of commands; each registers its commands on the
``main`` group when imported.
"""

from __future__ import annotations

from . import database, imports, records, research, scraping, themes  # noqa: F401  (registers the commands)
from .common import main

__all__ = ["main"]
