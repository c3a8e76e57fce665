"""Cell text clean-up shared by the normalisers."""

from __future__ import annotations

import re
from collections.abc import Iterable

_SPACES = re.compile(r"[ \t\u00a0]+")


def clean_cell(text: str | None) -> str | None:
    """Trim each line and collapse runs of spaces; an empty cell is None."""
    if text is None:
        return None
    lines = [_SPACES.sub(" ", ln).strip() for ln in text.splitlines()]
    out = "\n".join(ln for ln in lines if ln)
    return out or None


def join_parts(parts: Iterable[str]) -> str | None:
    """Join the pieces of one field (a cell cut by a page break, sub-rows) line by line."""
    return clean_cell("\n".join(p for p in parts if p and p.strip()))
