"""The core steps on small synthetic pages: words and rules built here, not
read from a PDF, so each test shows one decision of the layout finder,
stitching or record assembly."""

from __future__ import annotations

import pytest
from conftest import line_words

from dhr_actions.ingest.pages.reading import PageContent
from dhr_actions.ingest.tables.columns import ColumnBounds, rivers, valley
from dhr_actions.ingest.tables.finder import find_tables, tables_from_pages
from dhr_actions.ingest.tables.stitch import stitch
from dhr_actions.model.geometry import Edge, Word
from dhr_actions.model.settings import LayoutSettings
from dhr_actions.normalise.assemble import records_from_table

SIZE = 9.0
CHAR = 0.5 * SIZE  # a glyph's advance (as conftest.line_words sets it)


def words(text: str, x: float, top: float) -> list[Word]:
    """``text`` set in one line from ``x`` at ``top``."""
    return line_words(text, x, top, SIZE)


def cell(lines: list[str], x: float, top: float, leading: float = 11.0) -> list[Word]:
    """A cell's wrapped lines, ``leading`` apart."""
    return [w for i, line in enumerate(lines) if line for w in words(line, x, top + i * leading)]


COLUMNS = (40.0, 190.0, 330.0, 450.0)
HEADER = ("Recommendation", "Action to take", "Lead agency", "Target date")


def header_at(top: float) -> list[Word]:
    return [w for x, label in zip(COLUMNS, HEADER, strict=True) for w in words(label, x, top)]


def row_at(top: float, cells: tuple[list[str], ...]) -> list[Word]:
    return [w for x, lines in zip(COLUMNS, cells, strict=True) for w in cell(lines, x, top)]


def page(number: int, content: list[Word], edges: list[Edge] | None = None) -> PageContent:
    return PageContent(number, 595.0, 842.0, content, edges or [])


def body_texts(table_rows: list) -> list[list[str]]:  # type: ignore[type-arg]
    return [r.texts() for r in table_rows if r.kind == "body"]


def test_whitespace_row_cut_between_paragraph_spaced_rows() -> None:
    """No rules: a row ends where a wider gap runs across every column and
    text then starts in several columns at once; a wrapped cell stays whole."""
    content = header_at(100)
    content += row_at(
        130,
        (
            ["1. Train frontline", "staff in housing", "and health."],
            ["Commission a", "course"],
            ["CSP"],
            ["March 2024"],
        ),
    )
    content += row_at(180, (["2. Share risk", "information."], ["Revise the", "protocol"], ["Police"], ["June 2024"]))
    (table,) = tables_from_pages([page(1, content)], "test")
    assert body_texts(table.rows) == [
        ["1. Train frontline staff in housing and health.", "Commission a course", "CSP", "March 2024"],
        ["2. Share risk information.", "Revise the protocol", "Police", "June 2024"],
    ]


def test_row_gap_is_a_setting() -> None:
    """With row gap thresholds (the gap alone, and the gap where cells begin
    level) wider than the paragraph spacing, the two rows read as one: the
    thresholds really come from the settings."""
    content = header_at(100)
    content += row_at(130, (["1. Train staff", "in every agency."], ["Course"], ["CSP"], ["March 2024"]))
    content += row_at(160, (["2. Share", "information."], ["Protocol"], ["Police"], ["June 2024"]))
    (default,) = tables_from_pages([page(1, content)], "test")
    wide_gaps = LayoutSettings(row_gap_extra_em=3.0, row_gap_soft_em=3.0)
    (wide,) = tables_from_pages([page(1, content)], "test", wide_gaps)
    assert len(body_texts(default.rows)) == 2
    assert len(body_texts(wide.rows)) == 1


def test_column_bound_from_a_river_between_tight_labels() -> None:
    """'Recommendation Scope' printed as one phrase: a whitespace river down
    the body between its two words splits it into two columns, and the bound
    sits in the body's whitespace valley."""
    tight = [*words("Recommendation Scope", 40, 100)]
    rest = [
        w
        for x, label in ((330.0, "Action to take"), (450.0, "Lead agency"), (520.0, "Target date"))
        for w in words(label, x, 100)
    ]
    content = tight + rest
    scope_x = tight[1].x0
    for i in range(8):
        top = 125 + 14 * i
        content += words(f"R{i + 1} text", 40, top)  # under "Recommendation"
        content += words("Local", scope_x, top)  # under "Scope"
        content += words("Do it", 330, top) + words("CSP", 450, top) + words("2024", 520, top)
    (table,) = tables_from_pages([page(1, content)], "test")
    assert table.header == ["Recommendation", "Scope", "Action to take", "Lead agency", "Target date"]
    bounds = [c.bbox[0] for c in table.rows[0].cells if c is not None and c.bbox is not None]
    r_text_end = max(w.x1 for w in content if w.text == "text")
    assert r_text_end < bounds[1] < scope_x
    first = body_texts(table.rows)[0]
    assert first[0].startswith("R1 text\nR2 text") and first[1].startswith("Local\nLocal")


def test_rivers_and_valleys_directly() -> None:
    from dhr_actions.model.geometry import group_lines

    lines = group_lines([w for i in range(10) for w in words("alpha", 10, 20 * i) + words("beta", 100, 20 * i)])
    found = rivers(lines, LayoutSettings())
    assert len(found) == 1 and found[0][0] >= 10 + 5 * CHAR and found[0][1] < 100
    body = [w for ln in lines for w in ln.words]
    assert 10 + 5 * CHAR < valley(body, 10 + 5 * CHAR, 100) < 100
    assert rivers(lines[:3], LayoutSettings()) == []  # too few lines: no evidence


def test_continuation_page_takes_the_previous_columns() -> None:
    """A page with no header whose text fits the previous page's columns
    continues that table; stitching makes one table of the two."""
    first = header_at(100) + row_at(130, (["1. Train staff."], ["Course"], ["CSP"], ["March 2024"]))
    second = row_at(60, (["2. Share information."], ["Protocol"], ["Police"], ["June 2024"]))
    tables = tables_from_pages([page(1, first), page(2, second)], "test")
    assert [t.continued for t in tables] == [False, True]
    assert body_texts(tables[1].rows) == [["2. Share information.", "Protocol", "Police", "June 2024"]]
    (plan,) = stitch(tables)
    assert plan.header == list(HEADER)
    assert [r.page for r in plan.rows] == [1, 2]


def test_prose_after_a_table_ends_it_and_is_no_continuation() -> None:
    prose = words(" ".join(["The panel thanks everyone who took part in this review and its work."] * 2), 40, 60)
    first = header_at(100) + row_at(130, (["1. Train staff."], ["Course"], ["CSP"], ["March 2024"]))
    tables = tables_from_pages([page(1, first), page(2, prose)], "test")
    assert len(tables) == 1


def test_running_footer_is_furniture_and_a_title_above_is_a_section() -> None:
    pages = []
    for n in (1, 2):
        content = words("Agency: Police", 40, 85) if n == 1 else []
        content += header_at(100) + row_at(130, ([f"{n}. Train staff."], ["Course"], ["CSP"], ["March 2024"]))
        content += words(f"OFFICIAL SENSITIVE Page {n} of 2", 40, 800)
        pages.append(page(n, content))
    found = find_tables(pages, "test")
    assert [ln.text for ln in found[0].furniture] == ["OFFICIAL SENSITIVE Page 1 of 2"]
    first = found[0].tables[0]
    assert first.rows[0].kind == "section" and first.rows[0].texts()[0] == "Agency: Police"
    assert all("OFFICIAL" not in " ".join(r.texts()) for t in found[1].tables for r in t.rows)
    from dhr_actions.ingest.pages.furniture import furniture_notes

    notes = furniture_notes([(f.page.number, ln) for f in found for ln in f.furniture])
    assert notes == [
        "page furniture removed: 'OFFICIAL SENSITIVE Page 1 of 2' (2 pages: in the page margin, recurring or a page number)"
    ]
    assert first.notes == ["'Agency: Police' rests on the header, short and left-aligned: the section of its rows"]


def test_ruled_rows_keep_a_merged_cell_whole() -> None:
    """Rules drawn only across the columns right of the first one leave the
    first column's cell merged over both rows."""
    x0, x1 = COLUMNS[0] - 5, 560.0
    bounds = [x0, COLUMNS[1] - 5, COLUMNS[2] - 5, COLUMNS[3] - 5, x1]
    edges = [Edge(x, x, 95, 220) for x in bounds]
    edges += [Edge(x0, x1, 95, 95), Edge(x0, x1, 115, 115), Edge(x0, x1, 220, 220)]
    edges.append(Edge(bounds[1], x1, 165, 165))  # between 1A and 1B, not under the merged cell
    content = header_at(100)
    content += row_at(125, (["1. Train staff in", "every agency."], ["1A Course"], ["CSP"], ["2024"]))
    content += row_at(175, (["continued text"], ["1B Audit"], ["Police"], ["2025"]))
    (table,) = tables_from_pages([page(1, content, edges)], "test")
    rows = body_texts(table.rows)
    assert rows[0][0] == "1. Train staff in every agency.\ncontinued text"
    assert [r[1] for r in rows] == ["1A Course", "1B Audit"]


def test_fill_down_and_action_codes_in_record_assembly() -> None:
    """A merged recommendation fills down to the actions coded under it."""
    content = header_at(100)
    content += row_at(130, (["1. Train staff."], ["1A Commission a", "course"], ["CSP"], ["March 2024"]))
    content += row_at(165, ([""], ["1B Audit", "attendance"], ["Police"], ["June 2024"]))
    (plan,) = stitch(tables_from_pages([page(1, content)], "test"))
    records = records_from_table(plan, "doc.pdf")
    assert [(r.ref, r.recommendation, r.lead, r.target_date) for r in records] == [
        ("1A", "Train staff.", "CSP", "2024-03"),
        ("1B", "Train staff.", "Police", "2024-06"),
    ]
    assert [r.action for r in records] == [
        "Commission a course",
        "Audit attendance",
    ]


def test_a_row_cut_by_the_page_break_is_rejoined() -> None:
    """The rest of a row carried to the next page (no reference of its own)
    joins the record above it."""
    first = header_at(100) + row_at(760, (["1. Train staff in"], ["Commission a"], ["CSP"], [""]))
    second = row_at(60, (["every agency."], ["course"], [""], ["March 2024"]))
    second += row_at(95, (["2. Share risk", "information."], ["Revise the", "protocol"], ["Police"], ["June 2024"]))
    tables = tables_from_pages([page(1, first), page(2, second)], "test")
    (plan,) = stitch(tables)
    records = records_from_table(plan, "doc.pdf")
    assert [r.ref for r in records] == ["1", "2"]
    # The two halves are kept as the two printed pieces of the cell.
    assert records[0].recommendation == "Train staff in\nevery agency."
    assert records[0].action == "Commission a\ncourse"
    assert records[0].target_date == "2024-03"
    assert (records[0].page_start, records[0].page_end) == (1, 2)


def test_a_new_action_at_the_top_of_a_page_beside_a_merged_cell_running_on() -> None:
    """The recommendation merged over two actions runs on past the break;
    beside it the second action starts the page, with its own date after
    one that ended a sentence: two records, one recommendation."""
    first = header_at(100) + row_at(740, (["1. Train staff in", "every"], ["Write a course."], ["CSP"], ["May 2024"]))
    second = row_at(60, (["agency."], ["Audit the course."], ["Police"], ["June 2024"]))
    second += row_at(95, (["2. Share risk", "information."], ["Revise the", "protocol"], ["Police"], ["July 2024"]))
    (plan,) = stitch(tables_from_pages([page(1, first), page(2, second)], "test"))
    records = records_from_table(plan, "doc.pdf")
    assert [(r.ref, r.action, r.lead, r.target_date) for r in records] == [
        ("1", "Write a course.", "CSP", "2024-05"),
        ("1", "Audit the course.", "Police", "2024-06"),
        ("2", "Revise the protocol", "Police", "2024-07"),
    ]
    assert records[0].recommendation == records[1].recommendation == "Train staff in every\nagency."


def test_column_bounds_geometry() -> None:
    cols = ColumnBounds([0.0, 100.0, 200.0], ruled=False)
    assert (len(cols), cols.index(50), cols.index(150), cols.index(250)) == (2, 0, 1, None)
    assert cols.crosses(Word("across", 90, 110, 0, 9)) and not cols.crosses(Word("edge", 90, 101, 0, 9))


def test_settings_are_validated() -> None:
    import pytest

    with pytest.raises(ValueError, match=r"margin_top_share: 1\.5 is a share"):
        LayoutSettings(margin_top_share=1.5)
    with pytest.raises(ValueError, match="min_header_fields: must be at least 1"):
        LayoutSettings(min_header_fields=0)
    with pytest.raises(ValueError, match="row_gap_factor: -1 must not be negative"):
        LayoutSettings(row_gap_factor=-1)


def test_header_words_broken_mid_word_keep_their_field() -> None:
    """A narrow column breaks "Recommendation" into pieces; the label still
    names the recommendation column."""
    from dhr_actions.language.vocabulary import best_field

    for label in ("Recommendat ion", "Recommen dation", "recommend ation", "Time scale"):
        best = best_field(label)
        assert best is not None and best.field in {"recommendation", "target_date_text"}, label
    assert best_field("Lead agency").field == "lead"  # two real words stay two words
    content = [
        w
        for x, label in zip(COLUMNS, ("Ref", "Recommen dation", "Action", "Target date"), strict=True)
        for w in words(label, x, 100)
    ]
    content += row_at(130, (["1."], ["Train staff in", "every agency."], ["Course"], ["March 2024"]))
    (plan,) = stitch(tables_from_pages([page(1, content)], "test"))
    (record,) = records_from_table(plan, "doc.pdf")
    assert record.recommendation == "Train staff in every agency."


def test_a_line_ended_early_is_a_paragraph_break() -> None:
    """Word sets paragraphs with no space between them: a line that stops
    although the next line's first word would have fitted was broken by hand."""
    from dhr_actions.ingest.tables.celltext import cell_text

    cell = words("Completed /Ongoing", 40, 100)
    cell += words("212 officers trained; refresher sessions", 40, 111)
    cell += words("planned for new starters.", 40, 122)
    assert cell_text(cell) == "Completed /Ongoing\n212 officers trained; refresher sessions planned for new starters."
    wrapped = words("Deliver briefings on economic", 40, 100) + words("abuse to housing officers.", 40, 111)
    assert cell_text(wrapped) == "Deliver briefings on economic abuse to housing officers."


def test_document_title_rows_are_not_a_section() -> None:
    """Title rows resting on the header that name the document (Excel title
    rows, "Action Plan – Version 3.2") are its title; a heading after them is
    still the section."""

    def first_row_kinds(lines: list[str]) -> list[tuple[str, str]]:
        content = [w for i, text in enumerate(lines) for w in words(text, 40, 60 + 12 * i)]
        content += header_at(60 + 12 * len(lines) + 4)
        content += row_at(60 + 12 * len(lines) + 34, (["1. Train staff."], ["Course"], ["CSP"], ["March 2024"]))
        (table,) = tables_from_pages([page(1, content)], "test")
        notes.extend(table.notes)
        return [(r.kind, r.texts()[0]) for r in table.rows if r.kind == "section"]

    notes: list[str] = []

    assert (
        first_row_kinds(["Fenwick Community Safety Partnership", "Recommendations tracker", "Position as at May 2022"])
        == []
    )
    assert first_row_kinds(["Action Plan – Version 3.2", "Agency: Police"]) == [("section", "Agency: Police")]
    assert first_row_kinds(["Agency: Police"]) == [("section", "Agency: Police")]
    assert notes[0] == (
        "'Fenwick Community Safety Partnership / Recommendations tracker / Position as at May 2022' above the header"
        " names the document: its title, not a section"
    )


def test_rows_are_cut_by_line_pitch_when_glyph_boxes_touch() -> None:
    """A fallback font's tall glyph boxes make some lines touch the line
    above (no gap at all); measured baseline to baseline the lines are
    evenly spaced, and only the paragraph space between rows cuts."""

    def tall(ws: list[Word]) -> list[Word]:
        return [Word(w.text, w.x0, w.x1, w.top - 3, w.bottom, w.size) for w in ws]

    content = header_at(100)
    first = row_at(
        130, (["1. Train staff", "in every", "agency and", "record it."], ["Commission a", "course"], ["CSP"], ["2024"])
    )
    content += [w if w.top < 150 else tall([w])[0] for w in first]
    content += row_at(185, (["2. Share", "information."], ["Revise the", "protocol"], ["Police"], ["2025"]))
    (table,) = tables_from_pages([page(1, content)], "test")
    assert [r[0] for r in body_texts(table.rows)] == [
        "1. Train staff in every agency and record it.",
        "2. Share information.",
    ]


def test_a_word_broken_for_want_of_width_is_mended() -> None:
    from dhr_actions.ingest.tables.celltext import cell_text

    def lines(*texts: str) -> list[Word]:
        return [w for i, t in enumerate(texts) for w in words(t, 40, 100 + 11 * i)]

    edge = 40 + CHAR * len("Safeguardin")  # the column's text edge
    assert cell_text(lines("Head of", "Safeguardin", "g Adults"), text_edge=edge) == "Head of Safeguarding Adults"
    assert cell_text(lines("30/06/20", "23"), text_edge=40 + CHAR * 8) == "30/06/2023"
    assert cell_text(lines("Pilot", "completed", "; roll-out"), text_edge=40 + CHAR * 9) == "Pilot completed; roll-out"
    # An ordinary wrap: the next word is a word, or too long to be a tail.
    assert cell_text(lines("County", "wide"), text_edge=40 + CHAR * 6) == "County wide"
    assert cell_text(lines("training for", "all staff"), text_edge=40 + CHAR * 12) == "training for all staff"
    assert cell_text(lines("Head of", "Safeguardin", "g Adults")) == "Head of Safeguardin g Adults"  # no edge known


def test_a_word_broken_with_a_long_tail_is_mended_when_the_words_say_so() -> None:
    """Only a word too wide for its line is broken, so its head is alone on
    its line (after a list number at most); whether the tail is the rest of
    it, the English word list decides."""
    from dhr_actions.ingest.tables.celltext import cell_text

    def column(*texts: str) -> str:
        """Lines of a column as wide as its widest line (the broken head)."""
        edge = 40 + CHAR * max(len(t) for t in texts) + 1
        return cell_text([w for i, t in enumerate(texts) for w in words(t, 40, 100 + 11 * i)], text_edge=edge)

    assert column("The CSP", "should", "commiss", "ion of", "staff") == "The CSP should commission of staff"
    assert column("Head of", "Commun", "ity", "Safety") == "Head of Community Safety"
    assert column("GP for", "Safeguar", "ding") == "GP for Safeguarding"
    assert column("1. Ens", "ure", "that") == "1. Ensure that"
    # Ordinary wraps: the head is a word, or a name going on to a word, or
    # not alone on its line.
    assert column("Provider", "appointe", "d in") == "Provider appointed in"
    assert column("County", "wide") == "County wide"
    assert column("Hollins", "council") == "Hollins council"
    assert column("a commiss", "ion of") == "a commiss ion of"


def test_a_name_broken_into_a_short_word_is_mended_when_the_document_prints_it_whole() -> None:
    """A place's name is in no word list: broken for want of width, with a
    tail that is a word of its own ("Ravenshol" / "me"), it is mended when
    the document prints the name whole elsewhere (its prose, its title)."""
    from dhr_actions.ingest.tables.celltext import cell_text, printed_words

    def column(*texts: str, printed: frozenset[str] = frozenset()) -> str:
        edge = 40 + CHAR * max(len(t) for t in texts) + 1
        placed = [w for i, t in enumerate(texts) for w in words(t, 40, 100 + 11 * i)]
        return cell_text(placed, text_edge=edge, printed=printed)

    prose = printed_words(words("The Ravensholme CSP commissioned (the review).", 40, 500))
    assert {"ravensholme", "commissioned", "review"} <= prose and "the" not in prose
    assert column("Ravenshol", "me CSP", "should") == "Ravenshol me CSP should"
    assert column("Ravenshol", "me CSP", "should", printed=prose) == "Ravensholme CSP should"
    assert column("Hollins", "council", printed=prose | {"hollinscouncil"}) == "Hollinscouncil"
    assert column("Hollins", "council", printed=prose) == "Hollins council"


def test_an_ordinary_wrap_after_a_rarer_word_is_not_a_broken_word() -> None:
    """A lower-case head that is a word of its own, before a common word,
    is an ordinary wrap, however rare the head ("tenancies" / "where")."""
    from dhr_actions.ingest.tables.celltext import cell_text

    edge = 40 + CHAR * len("tenancies") + 2
    placed = [w for i, t in enumerate(["managing", "tenancies", "where abuse"]) for w in words(t, 40, 100 + 11 * i)]
    assert cell_text(placed, text_edge=edge) == "managing tenancies where abuse"


def test_a_line_broken_after_an_apostrophe_goes_on_without_a_space() -> None:
    """LibreOffice breaks a line after a straight apostrophe: "partnership'" / "s"."""
    from dhr_actions.ingest.tables.celltext import cell_text

    edge = 40 + CHAR * 20
    placed = [w for i, t in enumerate(["in the partnership'", "s DA training"]) for w in words(t, 40, 100 + 11 * i)]
    assert cell_text(placed, text_edge=edge) == "in the partnership's DA training"
    placed = [w for i, t in enumerate(["the agencies'", "staff"]) for w in words(t, 40, 100 + 11 * i)]
    assert cell_text(placed, text_edge=edge) == "the agencies' staff"


def test_a_header_whose_labels_wrap_in_narrow_cells_is_found() -> None:
    """Equal narrow columns (Word's default table) wrap every label: no
    line names enough fields alone, the stacked labels do."""
    labels = (("No.", "Recom", "Key", "Lead"), ("", "mendati", "Actions", "Officer"), ("", "on", "", ""))
    content = [
        w
        for i, line in enumerate(labels)
        for x, label in zip(COLUMNS, line, strict=True)
        if label
        for w in words(label, x, 100 + 10 * i)
    ]
    content += row_at(140, (["1"], ["Train staff in", "every agency."], ["Write a course."], ["CSP"]))
    (plan,) = stitch(tables_from_pages([page(1, content)], "test"))
    assert plan.header == ["No.", "Recom mendati on", "Key Actions", "Lead Officer"]
    (record,) = records_from_table(plan, "doc.pdf")
    assert (record.ref, record.recommendation, record.action) == (
        "1",
        "Train staff in every agency.",
        "Write a course.",
    )


def test_a_rule_under_a_group_label_bounds_a_column() -> None:
    """ "Monitoring" over "Target date" | "Date completed": the rule between
    them crosses only the header's lower line, then runs down the body."""
    x0, x1 = COLUMNS[0] - 5, 560.0
    bounds = [x0, COLUMNS[1] - 5, COLUMNS[2] - 5, COLUMNS[3] - 5, x1]
    split = 505.0
    edges = [Edge(x, x, 95, 200) for x in bounds]
    edges.append(Edge(split, split, 110, 200))
    edges += [Edge(x0, x1, 95, 95), Edge(COLUMNS[3] - 5, x1, 110, 110), Edge(x0, x1, 128, 128), Edge(x0, x1, 200, 200)]
    content = [
        w
        for x, label in zip(COLUMNS, ("Recommendation", "Action", "Lead", "Monitoring"), strict=True)
        for w in words(label, x, 98)
    ]
    content += words("Target date", COLUMNS[3], 115) + words("Outcome", split + 3, 115)
    content += row_at(135, (["Train staff."], ["Write a course."], ["CSP"], ["March 2024"]))
    content += words("Done", split + 3, 135)
    (plan,) = stitch(tables_from_pages([page(1, content, edges)], "test"))
    assert plan.header[-2:] == ["Monitoring Target date", "Outcome"]
    (record,) = records_from_table(plan, "doc.pdf")
    assert (record.target_date, record.outcome) == ("2024-03", "Done")


def test_one_label_over_a_number_column_and_the_text_beside_it() -> None:
    """ "Recommendation" printed over the number column spills over the text
    column (whose header cell is empty); the numbers hang left of the text,
    too close for a river. The numbers still make their own column."""
    labels = [(40.0, "Recommendation"), (190.0, "Action"), (330.0, "Lead agency"), (450.0, "Target date")]
    content = [w for x, label in labels for w in words(label, x, 100)]
    for i, top in enumerate((130, 170, 210)):
        content += words(str(i + 1), 40, top)
        content += cell([f"Recommendation text {i + 1}", "that wraps over two", "lines."], 40 + CHAR + 1, top)
        content += words("Do it", 190, top) + words("CSP", 330, top) + words("2024", 450, top)
    (table,) = tables_from_pages([page(1, content)], "test")
    assert table.n_columns == 5 and table.header[:2] == ["", "Recommendation"]
    (plan,) = stitch([table])
    records = records_from_table(plan, "doc.pdf")
    assert (records[0].ref, records[0].recommendation) == ("1", "Recommendation text 1 that wraps over two lines.")


def test_key_value_blocks_are_read_as_a_plan() -> None:
    """No header row: one block per recommendation, labels on the left and
    values beside them; a label wrapping in its cell carries the reference."""
    from dhr_actions.ingest.tables.keyvalue import keyvalue_tables

    content: list[Word] = []
    top = 160.0  # below the top margin, where a lone "1" would be a page number
    for n, (text, lead, date) in enumerate(
        [
            ("Train staff in every agency.", "CSP", "March 2024"),
            ("Share information with the MARAC.", "Police", "June 2024"),
        ],
        start=1,
    ):
        content += words("Recommendation", 40, top) + words(text, 160, top) + words(str(n), 40, top + 11)
        content += (
            words("Action", 40, top + 24)
            + words("Commission a course", 160, top + 24)
            + words("and audit it.", 160, top + 35)
        )
        content += words("Lead", 40, top + 48) + words(lead, 160, top + 48)
        content += words("Target date", 40, top + 60) + words(date, 160, top + 60)
        top += 100
    pages = [page(1, content)]
    assert tables_from_pages(pages, "test") == []  # no header line for the finder
    tables = keyvalue_tables(find_tables(pages, "test"), "test", LayoutSettings())
    (plan,) = stitch(tables)
    records = records_from_table(plan, "doc.pdf")
    assert [(r.ref, r.recommendation, r.action, r.lead, r.target_date) for r in records] == [
        ("1", "Train staff in every agency.", "Commission a course and audit it.", "CSP", "2024-03"),
        ("2", "Share information with the MARAC.", "Commission a course and audit it.", "Police", "2024-06"),
    ]
    # A single block, or blocks naming no lead, date or progress, are no plan.
    assert keyvalue_tables(find_tables([page(1, content[: len(content) // 2])], "test"), "test", LayoutSettings()) == []


def test_table_text_repeated_in_the_margin_is_not_furniture() -> None:
    """A footer recurs at the same place on every page; a phrase of the
    table that runs into the bottom margin on several pages lands wherever
    the rows leave it, and is kept."""
    pages = []
    for n in (1, 2, 3):
        content = header_at(100)
        top = 122.0 + 9 * n  # the rows above leave the last one lower on each page
        while top < 700:
            content += row_at(top, ([f"{n}. Train staff", "in housing."], ["Course"], ["CSP"], ["March 2024"]))
            top += 40
        content += row_at(top, ([f"{n + 3}. Share risk."], ["Brief teams."], ["Police"], ["June 2024"]))
        content += cell(["Roll-out to all teams"], COLUMNS[1], top + 11)
        content += words("Harbourside CSP", 40, 815)
        pages.append(page(n, content))
    found = find_tables(pages, "test")
    assert {ln.text for f in found for ln in f.furniture} == {"Harbourside CSP"}
    for f in found:
        assert f.tables[0].rows[-1].texts()[1].split() == ["Brief", "teams.", "Roll-out", "to", "all", "teams"]


def test_cells_printed_tight_are_cut_where_a_column_starts() -> None:
    """An HTML table without cell padding: the text of two cells touches
    ("CommunitiesTerms" read as one word). The word is cut at the letter
    that starts where the next column's text starts."""
    content = header_at(100)
    content += row_at(130, (["1. Train staff", "in housing."], ["Course"], ["CSP"], ["March 2024"]))
    content += row_at(180, (["2. Share risk", "information."], [], [], ["June 2024"]))
    content += words("Agree the information sharing", COLUMNS[1], 180)
    # "now" ends the action's line and runs into "Police" in the next column.
    start, run = COLUMNS[2] - 3 * CHAR, "nowPolice"
    letters = tuple((i, start + CHAR * i) for i in range(1, len(run)))
    content.append(Word(run, start, start + CHAR * len(run), 180, 180 + SIZE, SIZE, letters=letters))
    (table,) = tables_from_pages([page(1, content)], "test")
    assert body_texts(table.rows)[1] == [
        "2. Share risk information.",
        "Agree the information sharing now",
        "Police",
        "June 2024",
    ]


def test_a_wrapped_document_title_is_not_a_section() -> None:
    """A title wrapped in a narrow cell above the header ("Position as at
    May" / "2022", "DHR 2019/02 –" / "summary of") is the document's title
    in every line; a heading after it is still a section."""
    for lines, section in (
        (["Recommendations tracker", "Position as at May", "2022"], None),
        (["DHR 2019/02 –", "summary of", "recommendations"], None),
        (["Action Plan – Version 3.2", "Health"], "Health"),
    ):
        content = [w for i, text in enumerate(lines) for w in words(text, 40, 100 - 11 * (len(lines) - i))]
        content += header_at(100) + row_at(130, (["1. Train staff."], ["Course"], ["CSP"], ["March 2024"]))
        (table,) = tables_from_pages([page(1, content)], "test")
        sections = [r.texts()[0] for r in table.rows if r.kind == "section"]
        assert sections == ([section] if section else []), lines


def test_a_row_whose_text_is_all_past_the_page_break_keeps_its_own() -> None:
    """Only the reference and the short cells of the last row fit on the
    page (cells set to the middle of the row); its recommendation is all on
    the next page. It is the row's own text, not the row above's filled down."""
    ref_x = 8.0
    first = words("No", ref_x, 100) + header_at(100)
    first += words("1.", ref_x, 130) + row_at(130, (["Train staff in", "every agency."], ["Course"], ["CSP"], ["2024"]))
    first += words("2.", ref_x, 175) + row_at(175, ([], ["Revise the"], ["Police"], ["June 2024"]))
    second = row_at(60, (["Share risk", "information."], ["protocol"], [], []))
    (plan,) = stitch(tables_from_pages([page(1, first), page(2, second)], "test"))
    records = records_from_table(plan, "doc.pdf")
    assert [(r.ref, r.recommendation) for r in records] == [
        ("1", "Train staff in every agency."),
        ("2", "Share risk information."),
    ]


def test_key_value_values_centred_on_their_labels() -> None:
    """Cells set to the middle of their rows (HTML's default): a label sits
    level with the middle of its value, alone on its line when the value
    wraps over three lines; a title above the blocks is no value."""
    from dhr_actions.ingest.tables.keyvalue import keyvalue_tables

    content = words("Dunmore DHR Action Plan", 200, 120)
    top = 160.0
    for n, (text, lead, date) in enumerate(
        [
            (["Train staff in every", "agency who meet older", "couples."], "CSP", "March 2024"),
            (["Share information", "with the MARAC at", "every referral."], "Police", "June 2024"),
        ],
        start=1,
    ):
        content += words(f"Recommendation {n}", 40, top + 11) + cell(text, 160, top)
        content += words("Action", 40, top + 46) + cell(["Commission a course", "and audit it."], 160, top + 40)
        content += words("Lead", 40, top + 70) + words(lead, 160, top + 70)
        content += words("Target date", 40, top + 84) + words(date, 160, top + 84)
        top += 120
    found = find_tables([page(1, content)], "test")
    (plan,) = stitch(keyvalue_tables(found, "test", LayoutSettings()))
    records = records_from_table(plan, "doc.pdf")
    assert [(r.ref, r.recommendation, r.action, r.lead, r.target_date) for r in records] == [
        (
            "1",
            "Train staff in every agency who meet older couples.",
            "Commission a course and audit it.",
            "CSP",
            "2024-03",
        ),
        (
            "2",
            "Share information with the MARAC at every referral.",
            "Commission a course and audit it.",
            "Police",
            "2024-06",
        ),
    ]


def test_a_row_number_at_the_top_of_a_page_is_no_page_number() -> None:
    """A bare number in the top margin beside text opens a row carried over;
    "Page 2" beside a title is a page number."""
    from dhr_actions.ingest.pages.furniture import is_furniture

    row = words("3", 40, 40) + words("Share risk information.", 190, 40) + words("Police", 330, 40)
    footer = words("Harbourside CSP", 40, 810) + words("Page 2", 500, 810)
    body = words("Text of the page body.", 40, 300)
    pg = page(2, row + footer + body)
    kept = [ln.text for ln in pg.lines if not is_furniture(ln, pg, {}, 20.0, LayoutSettings())]
    assert kept == ["3 Share risk information. Police", "Text of the page body."]


def test_a_scans_header_repeated_with_a_label_misread_still_continues_the_table() -> None:
    from dhr_actions.ingest.tables.stitch import _label_key, _same_header

    printed = _label_key(["Recommendation", "Scope", "Action to take", "Lead agency", "Target dates"])
    misread = _label_key(["Recommendation", "Scope", "Action to take", "agency", "Target dates."])
    lost = _label_key(["Recommendation", "Scope", "Action to take", "", "Target dates"])
    other = _label_key(["Risk", "Likelihood", "Impact", "Owner", "Review date"])
    assert _same_header(printed, misread, ocr=True) and _same_header(printed, lost, ocr=True)
    assert not _same_header(printed, misread, ocr=False)  # text PDFs repeat their labels exactly
    assert not _same_header(printed, other, ocr=True)
    assert not _same_header(printed, printed[:-1], ocr=True)


def test_a_river_before_a_lower_case_word_does_not_cut_a_label() -> None:
    from dhr_actions.ingest.tables.columns import split_at_rivers
    from dhr_actions.model.geometry import group_lines
    from dhr_actions.model.settings import LayoutSettings

    settings = LayoutSettings()

    def w(text: str, x0: float, top: float) -> Word:
        return Word(text, x0, x0 + 5.5 * len(text), top, top + 8)

    # Every scope cell reads "County wide", its space under the label's.
    body = group_lines(
        [word for i in range(8) for word in (w("County", 100, 20 + 12 * i), w("wide", 140, 20 + 12 * i))]
    )
    found = rivers(body, settings)
    assert found  # the space between the two words runs down the body
    label = [w("Scope", 100, 0), w("of", 140, 0), w("recommendation", 154, 0)]  # the river under "Scope | of"
    assert len(split_at_rivers(label, found, body, settings)) == 1
    tight = [w("Scope", 100, 0), w("Lead", 140, 0)]  # two labels printed tight
    assert len(split_at_rivers(tight, found, body, settings)) == 2


def test_a_title_misread_by_ocr_still_names_the_document() -> None:
    """ "Appendix A: Action Plan" read as "Adpencix A: Action an" is the
    document's title, not a section; near words in a PDF's own text are
    not ("Section plan"), and no OCR reading turns "Section plan" into one."""
    from dataclasses import replace

    from dhr_actions.ingest.tables.titles import names_document
    from dhr_actions.model.geometry import group_lines

    def read(text: str, ocr: bool) -> list:
        ws = words(text, 40, 100)
        return group_lines([replace(w, confidence=90.0) for w in ws] if ocr else ws)

    assert names_document(read("Appendix A: Action Plan", ocr=False))
    assert names_document(read("Adpencix A: Action an", ocr=True))
    assert names_document(read("Acton Plon", ocr=True))
    assert not names_document(read("Adpencix A: Action an", ocr=False))
    assert not names_document(read("Section plan", ocr=True))
    assert not names_document(read("Agency: Police", ocr=True))


def test_ligature_glyphs_read_as_their_letters_everywhere(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A font whose ligature glyphs map to Unicode's presentation forms
    ("ﬁ"): the full reading and triage's light one both give "officer", and
    each letter's position in the word still lines up with its text."""
    import os

    import pdfplumber
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from dhr_actions.ingest.pages.reading import page_content
    from dhr_actions.ingest.pages.triage import light_pages

    vera = os.path.join(os.path.dirname(reportlab.__file__), "fonts", "Vera.ttf")
    pdfmetrics.registerFont(TTFont("VeraLigatures", vera))
    path = tmp_path / "ligatures.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("VeraLigatures", 11)
    c.drawString(72, 700, "Lead ofﬁcer: speciﬁc ﬂags")
    c.save()
    with pdfplumber.open(path) as pdf:
        assert "ﬁ" in "".join(ch["text"] for ch in pdf.pages[0].chars)  # the glyphs as the PDF maps them
        full = page_content(pdf.pages[0], 1)
    assert [w.text for w in full.words] == ["Lead", "officer:", "specific", "flags"]
    officer = full.words[1]
    starts = dict(officer.letters)
    assert sorted(starts) == [1, 2, 4, 5, 6, 7]  # "fi" is one glyph: no letter starts at 3
    assert starts[4] > starts[2]
    assert [w.text for w in light_pages(path).pages[0].words] == ["Lead", "officer:", "specific", "flags"]


def test_a_columns_text_edge_is_where_its_widest_line_ends() -> None:
    from dhr_actions.ingest.tables.rows import _text_edges

    cols = ColumnBounds(bounds=[0.0, 100.0, 200.0, 300.0], ruled=False)
    words = [Word("Train", 5, 40, 0, 10, 10), Word("staff", 45, 80, 0, 10, 10), Word("Lead", 105, 150, 0, 10, 10)]
    assert _text_edges(cols, words) == [80, 150, None]


def _spaced_cell(
    paragraphs: list[list[str]], x: float, top: float, pitch: float = 11.0, space: float = 2.5
) -> list[Word]:
    """A cell of several paragraphs, ``space`` points after each."""
    out, y = [], top
    for para in paragraphs:
        out += cell(para, x, y, pitch)
        y += len(para) * pitch + space
    return out


def test_word_rows_spaced_as_their_paragraphs_are_cut_where_cells_begin_level() -> None:
    """Borderless Word: 2.5 pt after every paragraph, inside cells and after
    the last (the gap between rows is no wider than a paragraph break). A
    row starts where several columns begin text level after a gap in each;
    a second paragraph in one cell, or one beside another cell's running
    text, starts none."""
    content = header_at(100)
    top = 125.0
    rows = [
        (
            [["1. Review the", "referral form", "with partners", "and the police."]],
            [["Add a question", "to the form."], ["Brief the teams", "who use it."]],
            [["Police"]],
            [["March 2024"]],
        ),
        (
            [["2. Share the", "plan with", "every agency."]],
            [["Write to GPs", "and dentists."], ["Audit", "the replies."]],
            [["ICB"]],
            [["June 2024"]],
        ),
    ]
    for cells in rows:
        for x, paragraphs in zip(COLUMNS, cells, strict=True):
            content += _spaced_cell(paragraphs, x, top)
        top += max(sum(len(p) * 11.0 + 2.5 for p in paras) for paras in cells)
    (table,) = tables_from_pages([page(1, content)], "test")
    assert [r[0] for r in body_texts(table.rows)] == [
        "1. Review the referral form with partners and the police.",
        "2. Share the plan with every agency.",
    ]
    assert " ".join(body_texts(table.rows)[1][1].split()) == "Write to GPs and dentists. Audit the replies."


def test_a_protective_marking_on_the_repeated_header_is_furniture_not_a_section() -> None:
    """Word's page header puts the marking just above the repeated table
    header, and the footer may fall just under the table: neither is a
    section or a row."""
    pages = []
    for n in (1, 2):
        content = words("OFFICIAL - SENSITIVE", 40, 62) + header_at(74)
        content += row_at(89, ([f"{n}. Train staff."], ["Course"], ["CSP"], ["March 2024"]))
        content += words(f"Eastvale DHR action plan Page {n} of 2", 40, 102 + 58 * 11 + 6)
        content += row_at(102, ([f"{n + 2}. Write"] + ["to GPs."] * 57, ["Letter"], ["ICB"], ["May 2024"]))
        pages.append(page(n, content))
    found = find_tables(pages, "test")
    for f in found:
        assert {ln.text for ln in f.furniture} >= {"OFFICIAL - SENSITIVE"}
        for t in f.tables:
            assert all(r.kind != "section" for r in t.rows)
            assert all("OFFICIAL" not in " ".join(r.texts()) and "Page" not in " ".join(r.texts()) for r in t.rows)


@pytest.mark.parametrize(
    ("text", "marking"),
    [
        ("OFFICIAL - SENSITIVE", True),
        ("OFFICIAL-SENSITIVE: PERSONAL", True),
        ("NOT PROTECTIVELY MARKED", True),
        ("Restricted", True),
        ("Official response to the review", False),
        ("Confidential information sharing", False),
    ],
)
def test_protective_markings(text: str, marking: bool) -> None:
    from dhr_actions.language.vocabulary import PROTECTIVE_MARKING

    assert bool(PROTECTIVE_MARKING.match(text)) is marking


def test_a_row_of_text_that_names_fields_is_not_a_header() -> None:
    """A ruled row whose cells open with words a header uses
    ("Recommendation No 3 …", "… Action …", "Completed") holds paragraphs,
    not labels: it is a body row of the table above, not a new header."""
    content = header_at(100)
    content += row_at(120, (["1. Train staff."], ["Course"], ["CSP"], ["March 2024"]))
    long_cell = [
        "Recommendation No 3 The",
        "partnership should seek",
        "assurance from every",
        "agency that the new",
        "referral guidance is",
        "in use by its staff.",
    ]
    content += row_at(150, (long_cell, ["Action plan to be", "agreed by the board"], ["Lead officer"], ["Completed"]))
    edges = [Edge(35, 560, y, y) for y in (97, 117, 147, 230)] + [Edge(x, x, 97, 230) for x in (35, 185, 325, 445, 560)]
    (table,) = tables_from_pages([page(1, content, edges)], "test")
    texts = body_texts(table.rows)
    assert len(texts) == 2 and texts[1][0].startswith("Recommendation No 3 The partnership")


def test_a_label_is_not_cut_before_a_function_word() -> None:
    """A label printed "Scope of recommendation", over cells whose word
    space lines up with its own ("Local Area"), is one label: a label never
    opens with "of"."""
    xs = (40.0, 170.0, 300.0, 430.0)
    labels = ("Recommendation", "Scope of recommendation", "Action to take", "Lead agency")
    content = [w for x, label in zip(xs, labels, strict=True) for w in words(label, x, 100)]
    for n, top in enumerate((125.0, 160.0), start=1):
        cells = (
            [f"{n}. Train the", "staff in every", "agency."],
            ["Local Area", "Wide"],
            ["Commission a", "course"],
            ["CSP"],
        )
        content += [w for x, lines in zip(xs, cells, strict=True) for w in cell(lines, x, top)]
    (table,) = tables_from_pages([page(1, content)], "test")
    assert table.rows[0].texts() == list(labels)
    assert [r[1] for r in body_texts(table.rows)] == ["Local Area Wide", "Local Area Wide"]


def test_numbers_hang_left_of_text_whose_lines_may_open_with_a_number() -> None:
    """A narrow label stacked over the numbers ("Recom" / "mendat" / "ion"),
    the text column beside them unlabelled; a wrapped line of the text opens
    with a number ("12 months"): the numbers still make their own column."""
    labels = [(190.0, "Action"), (330.0, "Lead agency"), (450.0, "Target date")]
    content = [w for x, label in labels for w in words(label, x, 100)]
    content += cell(["Recom", "mendat", "ion"], 40, 100, 9.5)
    for i, top in enumerate((140, 180, 220)):
        content += words(str(i + 1), 40, top)
        content += cell(["Review the plan", "12 months after", "it starts."], 80, top)
        content += words("Do it", 190, top) + words("CSP", 330, top) + words("2024", 450, top)
    (table,) = tables_from_pages([page(1, content)], "test")
    assert table.n_columns == 5
    (plan,) = stitch([table])
    records = records_from_table(plan, "doc.pdf")
    assert len(records) == 3 and (records[0].ref, records[0].recommendation) == (
        "1",
        "Review the plan 12 months after it starts.",
    )


def test_a_page_without_header_keeps_longer_lines_in_their_columns() -> None:
    """No rules, no repeated header: the next page's lines of the first
    column reach nearer the second column than the first page's did, and
    its last column's lines reach further right. Each word stays in its
    column; the page still continues the table."""
    first = header_at(100)
    for n, top in enumerate((130, 170), start=1):
        first += row_at(top, ([f"{n}. Train", "staff."], ["Course"], ["CSP"], ["March 2024"]))
    second = row_at(60, (["3. Review the referral", "form with partners"], ["Audit"], ["ICB"], ["2025"]))
    second += words("Update: the first audit is", 450, 90) + words("due in the spring of 2025", 450, 101)
    tables = tables_from_pages([page(1, first), page(2, second)], "test")
    assert len(tables) == 2 and tables[1].continued
    (row,) = body_texts(tables[1].rows)
    assert row[0] == "3. Review the referral form with partners"
    assert row[1] == "Audit" and row[3].endswith("due in the spring of 2025")
