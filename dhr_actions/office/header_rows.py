"""A header printed on two rows: group labels over the columns they cover.

Word and Excel plans often head their columns in two rows: "Monitoring"
merged across two columns over "Target date" and "Date completed", or
"Recommendation" over "No." and "Detail", with the other labels merged down
through both rows. Only the first row may be marked as the header (an RTF
or a LibreOffice round trip keeps one mark), or none is. The row below the
header continues it when it holds nothing but short labels, at least half
of them naming fields, and either sits under a group label (a header cell
spanning the columns where it has text) or names a field in every cell.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..language.vocabulary import best_field
from ..model.settings import LayoutSettings

# A header of more rows than this is taken to end here.
MAX_HEADER_ROWS = 3
# Words a sub-label may have ("Date completed", "Target date (revised)").
MAX_SUBLABEL_WORDS = 5


def continues_header(above: Sequence[tuple[str, int]], row: Sequence[tuple[str, int]], s: LayoutSettings) -> bool:
    """Whether ``row`` (each column's (text, span); span 0 where a merged
    cell to the left covers it) continues the header row ``above``."""
    filled = [(i, text.strip()) for i, (text, span) in enumerate(row) if span and text.strip()]
    if not filled or any(len(t.split()) > MAX_SUBLABEL_WORDS or (t.endswith(".") and len(t) > 4) for _i, t in filled):
        return False
    named = [i for i, t in filled if (b := best_field(t)) is not None and b.score >= s.header_field_score]
    if 2 * len(named) < len(filled):
        return False
    grouped = _group_columns(above)
    if any(i in grouped for i, _t in filled):
        return True
    return len(named) == len(filled) >= 2


def _group_columns(row: Sequence[tuple[str, int]]) -> set[int]:
    """The columns a labelled header cell spanning two or more covers."""
    out: set[int] = set()
    for i, (text, span) in enumerate(row):
        if span >= 2 and text.strip():
            out.update(range(i, i + span))
    return out
