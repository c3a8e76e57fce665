"""The finder on scanned pages, built here as OCR gives them: word boxes
that hug the ink, tops and bottoms a point or so off level, specks read as
words."""

from __future__ import annotations

from conftest import line_words

from dhr_actions.ingest.pages.reading import PageContent
from dhr_actions.ingest.tables.finder import tables_from_pages
from dhr_actions.ingest.tables.stitch import stitch
from dhr_actions.model.geometry import Edge, Word

SIZE = 9.0
XS = (40.0, 190.0, 330.0, 450.0)
HEADER = ("Recommendation", "Action to take", "Lead agency", "Target date")


def scanned(text: str, x: float, top: float, drop: float = 0.0) -> list[Word]:
    """Words as OCR boxes them: ``drop`` points lower than set, with a
    confidence (what marks a word as read from a scan)."""
    return [
        Word(w.text, w.x0, w.x1, w.top + drop, w.bottom + drop, w.size, bold=w.bold, confidence=90.0)
        for w in line_words(text, x, top, SIZE)
    ]


def cell(lines: list[str], x: float, top: float, drop: float = 0.0, leading: float = 12.0) -> list[Word]:
    return [w for i, line in enumerate(lines) for w in scanned(line, x, top + i * leading, drop)]


def scan(number: int, words: list[Word], edges: list[Edge] | None = None) -> PageContent:
    return PageContent(number, 595.0, 842.0, words, edges or [], ocr=True)


def test_a_scanned_rows_cells_begin_level_though_their_tops_wander() -> None:
    """Rows set apart by no more than their cells' paragraphs, and not
    numbered: a row starts where the columns begin text together. On a
    scan the tops of a row's cells stand up to a point apart; a paragraph
    of one cell beginning beside the others' running text starts no row."""
    content = [w for x, label in zip(XS, HEADER, strict=True) for w in scanned(label, x, 100)]
    # Row 1: the action cell holds two paragraphs, the second 1.5 pt lower
    # than its lines would run on (Word's space after a paragraph).
    content += cell(["Train frontline", "staff in housing", "and health teams", "this year."], XS[0], 130)
    content += cell(["Commission a", "course."], XS[1], 130.6)
    content += cell(["Audit its use", "in two teams."], XS[1], 130 + 2 * 12 + 1.5)
    content += cell(["CSP"], XS[2], 129.4) + cell(["March 2024"], XS[3], 130.3)
    # Row 2, after a gap no wider than the paragraph's: tops 0.9 pt apart.
    top = 130 + 2 * 12 + 1.5 + 12 + 12 + 1.5  # the space after the action cell's last paragraph
    content += cell(["Share risk", "information."], XS[0], top)
    content += cell(["Revise the", "protocol."], XS[1], top + 0.9)
    content += cell(["Police"], XS[2], top + 0.4) + cell(["June 2024"], XS[3], top - 0.2)
    (table,) = tables_from_pages([scan(1, content)], "test")
    rows = [r.texts() for r in table.rows if r.kind == "body"]
    assert [r[0] for r in rows] == [
        "Train frontline staff in housing and health teams this year.",
        "Share risk information.",
    ]
    assert " ".join(rows[0][1].split()) == "Commission a course. Audit its use in two teams."


def test_a_speck_read_as_a_word_above_a_ruled_tables_rest_is_passed_over() -> None:
    """The page a ruled table runs on to opens with a speck at the paper's
    edge that OCR read as "if": the table's rest starts where its rules do."""
    bounds = (36.0, 186.0, 326.0, 446.0, 560.0)
    first = [w for x, label in zip(XS, HEADER, strict=True) for w in scanned(label, x, 100)]
    first += [
        w
        for x, t in zip(XS, ("1. Train staff.", "Course", "CSP", "March 2024"), strict=True)
        for w in scanned(t, x, 130)
    ]
    ruled_first = [Edge(bounds[0], bounds[-1], y, y) for y in (96, 112, 150)]
    ruled_first += [Edge(x, x, 96, 150) for x in bounds]
    second = scanned("if", 60, 0)
    second += [
        w
        for x, t in zip(XS, ("2. Share risk.", "Protocol", "Police", "June 2024"), strict=True)
        for w in scanned(t, x, 60)
    ]
    ruled_second = [Edge(bounds[0], bounds[-1], y, y) for y in (56, 80)]
    ruled_second += [Edge(x, x, 56, 80) for x in bounds]
    tables = tables_from_pages([scan(1, first, ruled_first), scan(2, second, ruled_second)], "test")
    assert [t.continued for t in tables] == [False, True]
    (plan,) = stitch(tables)
    assert [r.cells[0] for r in plan.rows] == ["1. Train staff.", "2. Share risk."]


def test_a_column_whose_closing_rule_the_copy_cut_off_is_still_a_column() -> None:
    """The copier's margin cut off the table's right edge: the last label
    stands past the last rule left, and heads a column as far as its text
    reaches."""
    labels = (*HEADER, "Progress")
    xs = (*XS, 560.0)
    content = [w for x, label in zip(xs, labels, strict=True) for w in scanned(label, x, 100)]
    cells = ("Train staff.", "Course", "CSP", "March 2024", "Booked")
    content += [w for x, t in zip(xs, cells, strict=True) for w in scanned(t, x, 130)]
    bounds = (36.0, 186.0, 326.0, 446.0, 556.0)  # the rule after "Progress" is gone
    rules = [Edge(bounds[0], 594.0, y, y) for y in (96, 112, 150)]
    rules += [Edge(x, x, 96, 150) for x in bounds]
    (table,) = tables_from_pages([scan(1, content, rules)], "test")
    assert table.header == list(labels)
    assert [r.texts() for r in table.rows if r.kind == "body"] == [list(cells)]


def test_a_scanned_headers_wrapped_labels_join_it_though_ocr_reads_one_word_regular() -> None:
    """ "Lead" over "agency", "Target" over "date", no rules: OCR judges bold
    word by word, and "agency" (its descenders) measures regular. The line
    is still the header's, not the first row's."""
    from dataclasses import replace

    labels = ("Recommendation", "Action to take", "Lead", "Target")
    content = [replace(w, bold=True) for x, t in zip(XS, labels, strict=True) for w in scanned(t, x, 100)]
    content += scanned("agency", XS[2], 110) + [replace(w, bold=True) for w in scanned("date", XS[3], 110)]
    cells = ("Train staff.", "Commission a course.", "Westholm Police", "June 2024")
    content += [w for x, t in zip(XS, cells, strict=True) for w in scanned(t, x, 135)]
    (table,) = tables_from_pages([scan(1, content)], "test")
    assert table.header == ["Recommendation", "Action to take", "Lead agency", "Target date"]
    assert [r.texts() for r in table.rows if r.kind == "body"] == [list(cells)]
