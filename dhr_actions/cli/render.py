"""Rows of a query as the user asked for them: a table, CSV or JSON.

Every listing command (documents, runs, themes, search, overdue, ...)
prints through :func:`render`, so all of them take the same
``--format table|csv|json`` and print the same way.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterable, Sequence
from typing import Any

FORMATS = ("table", "csv", "json")


def render(
    rows: Sequence[dict[str, Any]],
    fmt: str,
    empty: str = "Nothing found.",
    width: int | None = None,
    columns: Sequence[str] = (),
) -> str:
    """``rows`` (dicts with the same keys) as text in ``fmt``. A table fits
    the terminal (``width``), cutting long cells; CSV and JSON keep every
    value whole. With no rows, a table says ``empty``, JSON is ``[]`` and CSV
    is the header of ``columns`` alone."""
    if fmt == "json":
        return json.dumps(list(rows), indent=2, ensure_ascii=False, default=str)
    headers, table = rows_to_table(rows)
    headers = headers or list(columns)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows(table)
        return buf.getvalue().rstrip("\n")
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}: choose from {', '.join(FORMATS)}")
    if not rows:
        return empty
    return format_table(headers, table, width or shutil.get_terminal_size((160, 24)).columns)


def rows_to_table(rows: Iterable[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    """Column names (the first row's keys) and the cells as text."""
    rows = list(rows)
    headers = list(rows[0]) if rows else []
    return headers, [["" if r.get(h) is None else str(r.get(h)) for h in headers] for r in rows]


def format_table(headers: list[str], rows: list[list[str]], width: int = 160) -> str:
    """A plain-text table; long cells are cut to fit ``width`` with an ellipsis."""
    cells = [[" ".join(c.split()) for c in row] for row in rows]
    natural = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    widths = list(natural)
    budget = width - 2 * (len(headers) - 1)
    while sum(widths) > budget and max(widths) > 8:
        i = widths.index(max(widths))
        widths[i] -= 1

    def fit(text: str, w: int) -> str:
        return text if len(text) <= w else text[: max(w - 1, 0)] + "…"

    lines = ["  ".join(fit(h, w).ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(fit(c, w).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells)
    return "\n".join(lines)
