"""A sheet printed too wide for its paper: its panels put back side by side."""

from __future__ import annotations

from conftest import line_words

from dhr_actions.ingest.pages.panels import panel_groups, side_by_side
from dhr_actions.ingest.pages.reading import PageContent
from dhr_actions.ingest.tables.finder import find_tables
from dhr_actions.ingest.tables.stitch import stitch
from dhr_actions.model.geometry import Word
from dhr_actions.normalise.assemble import records_from_table

SIZE = 10.0
WIDTH = 595.0
HEADER_TOP = 100.0
PITCH = 40.0  # one sheet row


def words(text: str, x: float, top: float) -> list[Word]:
    return line_words(text, x, top, SIZE)


def panel(number: int, columns: list[tuple[float, str]], rows: list[list[str]], header: bool) -> PageContent:
    """A page holding some of a sheet's columns (at x, with their labels)
    and some of its rows; the labels only when ``header``."""
    content = []
    top = HEADER_TOP if header else 60.0
    if header:
        content += [w for x, label in columns for w in words(label, x, top)]
        top += PITCH
    for row in rows:
        for (x, _label), text in zip(columns, row, strict=True):
            for i, line in enumerate(text.split(" / ")):  # a cell's wrapped lines
                content += words(line, x, top + 11 * i)
        top += PITCH
    return PageContent(number, WIDTH, 842.0, content, [])


LEFT = [(60.0, "No."), (110.0, "Recommendation")]
MIDDLE = [(60.0, "Action"), (330.0, "Owner")]
RIGHT = [(60.0, "Due by"), (160.0, "Update"), (420.0, "Status")]
ROWS = [
    (
        str(n),
        f"Partners should review case {n} / of the plan",
        f"Audit the cases in area {n}",
        f"Team {n} manager",
        f"{10 + n}/0{n}/2024",
        f"Audit of area {n} booked",
        "Ongoing",
    )
    for n in range(1, 9)
]


def sheet(pages: list[tuple[list[tuple[float, str]], slice, bool]]) -> list[PageContent]:
    out = []
    for number, (columns, rows, header) in enumerate(pages, start=1):
        start = {id(LEFT): 0, id(MIDDLE): 2, id(RIGHT): 4}[id(columns)]
        cells = [list(r[start : start + len(columns)]) for r in ROWS[rows]]
        out.append(panel(number, columns, cells, header))
    return out


def records(pages: list[PageContent]) -> list[tuple[str, str | None, str | None, str | None]]:
    merged = side_by_side(pages, panel_groups(pages))
    tables = [t for f in find_tables(merged, "test") for t in f.tables]
    out = [r for plan in stitch(tables) for r in records_from_table(plan, "sheet.pdf")]
    return [(r.ref, r.action, r.lead, r.target_date) for r in out]


EXPECTED = [(str(n), f"Audit the cases in area {n}", f"Team {n} manager", f"2024-0{n}-{10 + n}") for n in range(1, 9)]


def test_panels_printed_down_then_over_are_read_side_by_side() -> None:
    """Excel's and Calc's page order: the first columns down every page,
    then the next columns; the header only over the first rows."""
    first, rest = slice(0, 5), slice(5, 8)
    pages = sheet(
        [
            (LEFT, first, True),
            (LEFT, rest, False),
            (MIDDLE, first, True),
            (MIDDLE, rest, False),
            (RIGHT, first, True),
            (RIGHT, rest, False),
        ]
    )
    assert [b.pages for b in panel_groups(pages)] == [(1, 3, 5), (2, 4, 6)]
    merged = side_by_side(pages, panel_groups(pages))
    assert [p.number for p in merged] == [1, 2] and merged[0].width == 3 * WIDTH
    assert records(pages) == EXPECTED


def test_panels_printed_over_then_down_are_read_side_by_side() -> None:
    first, rest = slice(0, 5), slice(5, 8)
    pages = sheet(
        [
            (LEFT, first, True),
            (MIDDLE, first, True),
            (RIGHT, first, True),
            (LEFT, rest, False),
            (MIDDLE, rest, False),
            (RIGHT, rest, False),
        ]
    )
    assert [b.pages for b in panel_groups(pages)] == [(1, 2, 3), (4, 5, 6)]
    assert [r[0] for r in records(pages)] == [str(n) for n in range(1, 9)]


def test_a_header_repeated_on_every_page_is_no_panel() -> None:
    """A long table's pages each print the whole header: they name the same
    fields, and stay pages of their own."""
    full = [(60.0, "No."), (110.0, "Recommendation"), (330.0, "Action"), (480.0, "Owner")]
    pages = [
        panel(1, full, [list(r[:4]) for r in ROWS[:4]], True),
        panel(2, full, [list(r[:4]) for r in ROWS[4:]], True),
    ]
    assert panel_groups(pages) == []
    assert len(side_by_side(pages, [])) == 2


def test_labels_at_another_height_or_rows_out_of_line_are_no_panels() -> None:
    rows = slice(0, 5)
    pages = sheet([(LEFT, rows, True), (MIDDLE, rows, True)])
    assert [b.pages for b in panel_groups(pages)] == [(1, 2)]
    lower = [Word(w.text, w.x0, w.x1, w.top + 30, w.bottom + 30, w.size) for w in pages[1].words]
    assert panel_groups([pages[0], PageContent(2, WIDTH, 842.0, lower, [])]) == []
    # The labels level, the rows below not: another table's header.
    shifted = [
        w if w.top <= HEADER_TOP else Word(w.text, w.x0, w.x1, w.top + 17, w.bottom + 17, w.size)
        for w in pages[1].words
    ]
    assert panel_groups([pages[0], PageContent(2, WIDTH, 842.0, shifted, [])]) == []


def test_columns_and_rows_repeated_on_every_panel_are_read_once() -> None:
    """Excel's print titles: the number column repeated at the left of every
    panel, the header row at the top of every page. The repeated column is
    dropped from the later panels; each band keeps its header."""
    layout = [
        ([(60.0, "No."), (110.0, "Recommendation")], [0, 1]),
        ([(60.0, "No."), (110.0, "Action"), (330.0, "Owner")], [0, 2, 3]),
        ([(60.0, "No."), (110.0, "Due by"), (210.0, "Update"), (450.0, "Status")], [0, 4, 5, 6]),
    ]
    pages = []
    for band, rows in enumerate((ROWS[:5], ROWS[5:])):
        for i, (columns, fields) in enumerate(layout):
            cells = [[r[f] for f in fields] for r in rows]
            pages.append(panel(1 + band * 3 + i, columns, cells, header=True))
    assert [b.pages for b in panel_groups(pages)] == [(1, 2, 3), (4, 5, 6)]
    assert records(pages) == EXPECTED
