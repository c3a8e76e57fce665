"""Titles above a table: the document's own title, or the heading of the
rows below it.

Word and Excel plans open with a title block ("Action Plan – Version 3.2",
"Position as at May 2022"), often wrapped in a narrow first cell; a short
heading resting on the header ("Agency: Police") names the section of the
rows under it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher
from itertools import pairwise

from ...language.vocabulary import DOCUMENT_TITLE, PROTECTIVE_MARKING
from ...model.geometry import Line
from ...model.settings import DEFAULT_SETTINGS, LayoutSettings
from ...model.table import Cell, Row
from ..pages.reading import PageText
from .columns import ColumnBounds
from .headers import Header


def names_document(lines: list[Line], settings: LayoutSettings = DEFAULT_SETTINGS) -> bool:
    """Do ``lines`` (one paragraph) name the document (``DOCUMENT_TITLE``)?"""
    text = " ".join(ln.text for ln in lines)
    if DOCUMENT_TITLE.search(text):
        return True
    if not any(w.confidence is not None for ln in lines for w in ln.words):
        return False
    words = re.findall(r"[a-z]+", text.lower())
    return any(_like(a, "action", settings) and _like(f"{a} {b}", "action plan", settings) for a, b in pairwise(words))


def _like(a: str, b: str, settings: LayoutSettings = DEFAULT_SETTINGS) -> bool:
    return SequenceMatcher(None, a, b).ratio() >= settings.ocr_title_likeness_share


# A line ends mid-phrase when it ends on a dash or a word that needs the
# next one; the next line goes on with its phrase when it starts in lower case.
_OPEN_END = re.compile(r"(?:[-–—,&/]|\b(?:of|and|or|the|for|to|in|on|at|as|a|an|with|by))$", re.I)


def paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Consecutive lines grouped into the paragraphs they were wrapped from
    (a title wrapped in a narrow cell: "Position as at May" / "2022")."""
    out: list[list[Line]] = []
    for ln in lines:
        if out and continues(out[-1][-1].text, ln.text):
            out[-1].append(ln)
        else:
            out.append([ln])
    return out


def continues(before: str, after: str) -> bool:
    if after[:1].islower() or _OPEN_END.search(before.rstrip()):
        return True
    # A title phrase broken by the wrap ("May" / "2022").
    joined = f"{before} {after}"
    return any(m.start() < len(before) < m.end() for m in DOCUMENT_TITLE.finditer(joined))


def title_above(
    text: PageText, header: Header, cols: ColumnBounds, is_header: Callable[[Line], bool]
) -> tuple[Row | None, str | None]:
    """The paragraph resting on the header, when it reads as a heading:
    left-aligned with the table, short, and not a sentence; and why it was
    or was not taken as the section of the rows below (for `dhr show
    --explain`)."""
    s = text.settings
    above = sorted((ln for ln in text.lines if ln.bottom <= header.top + 1), key=lambda ln: -ln.bottom)
    taken: list[Line] = []
    edge = header.top
    for ln in above:
        # The first line may sit a little apart from the header; the
        # lines of one paragraph sit close together.
        reach = (s.title_first_gap_em if not taken else s.title_line_gap_em) * ln.size
        if edge - ln.bottom > reach or len(taken) >= s.title_max_lines:
            break
        # Left-aligned with the table, or standing out to its left (a
        # table whose edge comes from text may start right of its title).
        indent = max(s.title_indent_pt, s.title_indent_em * ln.size)
        if ln.x0 > cols.left + indent or ln.x1 > cols.right + s.boundary_slack_pt:
            break
        if is_header(ln):
            break
        taken.append(ln)
        edge = ln.top
    taken.reverse()
    # The document's title block (Excel title rows, "Action Plan –
    # Version 3.2") sits on the header too: only lines after it can be
    # the section.
    # So does a protective marking ("OFFICIAL - SENSITIVE"): it marks the
    # document's handling.
    last_title, start, named = -1, 0, False
    for para in paragraphs(taken):
        if names_document(para, text.settings):
            last_title, named = start + len(para) - 1, True
        elif PROTECTIVE_MARKING.match(" ".join(ln.text for ln in para)):
            last_title = start + len(para) - 1
        start += len(para)
    note = None
    if last_title >= 0:
        title = " / ".join(ln.text for ln in taken[: last_title + 1])
        why = "names the document: its title" if named else "is a protective marking"
        note = f"'{title}' above the header {why}, not a section"
    taken = taken[last_title + 1 :]
    if not taken:
        return None, note
    heading = " ".join(ln.text for ln in taken)
    # A heading names a section; prose introducing the table is longer
    # and ends like a sentence.
    if len(heading.split()) > s.title_max_words or (
        heading.rstrip().endswith(".") and not all(ln.bold for ln in taken)
    ):
        return None, note
    note = f"'{heading}' rests on the header, short and left-aligned: the section of its rows"
    bbox = (cols.left, taken[0].top, cols.right, taken[-1].bottom)
    return Row("section", [Cell(heading, bbox)] + [None] * (len(cols) - 1), bbox), note
