"""Export stored records: JSON Lines exactly as SCHEMA.md, or CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from ..normalise.record import SCHEMA_FIELDS
from .models import Document, RecordRow

FORMATS = ("jsonl", "csv")


def export_dict(doc: Document, row: RecordRow) -> dict[str, Any]:
    out: dict[str, Any] = {"document": doc.file_name}
    for name in SCHEMA_FIELDS[1:]:
        out[name] = getattr(row, name)
    return out


def write_records(rows: Iterable[tuple[Document, RecordRow]], out: TextIO, fmt: str = "jsonl") -> int:
    """Write records in ``fmt``; returns how many were written."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    n = 0
    if fmt == "jsonl":
        for doc, row in rows:
            out.write(json.dumps(export_dict(doc, row), ensure_ascii=False) + "\n")
            n += 1
        return n
    writer = csv.DictWriter(out, fieldnames=list(SCHEMA_FIELDS), lineterminator="\n")
    writer.writeheader()
    for doc, row in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in export_dict(doc, row).items()})
        n += 1
    return n


def write_xlsx(rows: Iterable[tuple[Document, RecordRow]], path: Path) -> int:
    """Write records to an Excel workbook (one sheet, SCHEMA columns)."""
    import pandas as pd

    frame = pd.DataFrame([export_dict(doc, row) for doc, row in rows], columns=list(SCHEMA_FIELDS))
    tmp = path.with_name(path.name + ".part.xlsx")
    with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="records", index=False)
    tmp.replace(path)
    return len(frame)
