"""Stitch page tables into logical tables.

A table whose header matches the one before it (same labels, ignoring case,
spacing and punctuation; on a scan, labels alike but for what OCR misread),
or that has no header of its own, continues it: the
repeated header rows are dropped. Section title rows are not rows: they set
the section of the rows that follow until the next one; a full-width row
stating a numbered recommendation sets the recommendation they act on.
Whether a row cut by a page break continues the row above is decided in
``normalise.assemble``, which knows which cells hold references; stitching
keeps what that needs: each row's page and whether it opens or closes its
page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...model.settings import DEFAULT_SETTINGS, LayoutSettings
from ...model.table import PlanRow, PlanTable, Table

# A full-width row that states a recommendation, numbered, in a sentence
# ("Recommendation 1: The CSP should ensure…", "Rec. No 3 – Agencies…"):
# the rows under it are its actions.
RECOMMENDATION_ROW = re.compile(
    r"^(?:recommendation|rec)\.?\s*(?:no\.?|number)?\s*\d{1,3}[a-z]?(?:\.\d{1,3})?\s*[:.\-–—)]?\s+(?:\S+\s+){3,}\S",
    re.IGNORECASE,
)


def _label_key(labels: Iterable[str]) -> tuple[str, ...]:
    return tuple(re.sub(r"[^a-z0-9]", "", label.lower()) for label in labels)


def _same_header(
    a: tuple[str, ...], b: tuple[str, ...], ocr: bool, settings: LayoutSettings = DEFAULT_SETTINGS
) -> bool:
    """The same header: the same labels; on a scan, as many labels, alike
    one by one but for at most one that OCR lost or garbled, of four or more."""
    if a == b:
        return True
    if not ocr or len(a) != len(b):
        return False
    from difflib import SequenceMatcher

    def alike(x: str, y: str) -> bool:
        return bool(x and y) and (
            x in y or y in x or SequenceMatcher(None, x, y).ratio() >= settings.header_labels_alike_share
        )

    unlike = sum(1 for x, y in zip(a, b, strict=True) if x != y and not alike(x, y))
    return unlike == 0 or (unlike == 1 and len(a) >= 4)


def stitch(tables: Iterable[Table], settings: LayoutSettings = DEFAULT_SETTINGS) -> list[PlanTable]:
    out: list[PlanTable] = []
    current: PlanTable | None = None
    key: tuple[str, ...] | None = None
    last_page = 0
    section: str | None = None
    heading: str | None = None
    for table in tables:
        if table.header_rows:
            this_key = _label_key(table.header)
            scanned = table.ocr or bool(current and any(r.ocr for r in current.rows))
            if (
                current is None
                or key is None
                or not _same_header(this_key, key, scanned, settings)
                or table.page - last_page > 1
            ):
                current = PlanTable(table.header)
                out.append(current)
                key = this_key
                section = heading = None
        elif current is None or table.n_columns != len(current.header):
            continue  # a headerless table with nothing to continue
        assert current is not None
        current.notes.extend(f"page {table.page}: {n}" for n in table.notes)
        body = [r for r in table.rows if r.kind == "body" and not r.is_empty]
        first_body = body[0] if body else None
        last_body = body[-1] if body else None
        for row in table.rows:
            if row.kind == "section":
                text = " ".join(" ".join(row.texts()).split())
                if RECOMMENDATION_ROW.match(text):
                    heading = text
                elif text:
                    section, heading = text, None
                continue
            if row.kind != "body" or row.is_empty:
                continue
            words, doubtful = row.word_counts()
            current.rows.append(
                PlanRow(
                    cells=row.texts(),
                    page=table.page,
                    section=section,
                    first_on_page=row is first_body,
                    last_on_page=row is last_body,
                    extractor=table.extractor,
                    confidence=table.confidence,
                    ocr=table.ocr,
                    words=words,
                    doubtful=doubtful,
                    heading=heading,
                )
            )
        last_page = table.page
    return [t for t in out if t.rows]
