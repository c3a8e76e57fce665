"""Where a header's band begins and ends, and the ruled columns under it,
on small synthetic pages."""

from __future__ import annotations

from dataclasses import replace

from conftest import line_words

from dhr_actions.ingest.pages.reading import PageContent
from dhr_actions.ingest.tables.finder import tables_from_pages
from dhr_actions.model.geometry import Edge, Word

SIZE = 8.0


def bold(text: str, x: float, top: float) -> list[Word]:
    return [replace(w, bold=True) for w in line_words(text, x, top, SIZE)]


def plain(text: str, x: float, top: float) -> list[Word]:
    return line_words(text, x, top, SIZE)


def body_texts(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [r.texts() for r in table.rows if r.kind == "body"]


def test_a_wrapped_labels_next_line_naming_fields_of_its_own_is_the_same_header() -> None:
    """Labels wrapped over two lines ("Learning /" over "Recommendation",
    "Responsible" over "Officer / Agency", "Progress" over "Update"): the
    second line names three fields by itself, and is still the first line's
    header, not a second one."""
    xs = (40, 80, 180, 280, 380, 460, 540)
    first = ("Ref", "Learning /", "SMART Action", "Responsible", "Timescale", "Progress", "RAG")
    second = {1: "Recommendation", 3: "Officer / Agency", 5: "Update"}
    content = [w for x, label in zip(xs, first, strict=True) for w in bold(label, x, 100)]
    content += [w for i, label in second.items() for w in bold(label, xs[i], 110)]
    for n, top in enumerate((140, 190), start=1):
        cells = (f"R{n}", "Agencies did not", "Commission a", "CSP", "March 2024", "Planned", "A")
        content += [w for x, text in zip(xs, cells, strict=True) for w in plain(text, x, top)]
        content += plain("share risk.", xs[1], top + 10) + plain("course.", xs[2], top + 10)
    (table,) = tables_from_pages([PageContent(1, 600, 800, content, [])], "test")
    assert table.header == [
        "Ref",
        "Learning / Recommendation",
        "SMART Action",
        "Responsible Officer / Agency",
        "Timescale",
        "Progress Update",
        "RAG",
    ]
    assert [row[0] for row in body_texts(table)] == ["R1", "R2"]


def test_the_rule_under_a_scanned_header_ends_it_though_a_word_box_runs_past() -> None:
    """OCR boxes a word of a shaded header down to the band's edge, past
    the rule under it; the bold section row under the rule is a section,
    not a second line of labels."""
    xs = (40, 80, 240, 360, 480)
    labels = ("No.", "Recommendation", "Key Actions", "Lead", "Target date")
    content = [w for x, label in zip(xs, labels, strict=True) for w in bold(label, x, 100)]
    content = [replace(w, bottom=w.bottom + 5) if w.text == "Key" else w for w in content]
    content += bold("National Recommendations", 40, 112)
    for n, top in enumerate((130, 160), start=1):
        cells = (f"{n}.", "The Home Office should", "Write to the", "Chair", "2021")
        content += [w for x, text in zip(xs, cells, strict=True) for w in plain(text, x, top)]
    rules = [Edge(36, 580, y, y) for y in (96, 110, 122, 152, 185)]
    rules += [Edge(x - 4, x - 4, top, bottom) for x in (*xs, 584) for top, bottom in ((96, 110), (122, 185))]
    rules += [Edge(x, x, 110, 122) for x in (36, 580)]  # the section row: one cell across
    page = PageContent(1, 600, 800, content, rules, ocr=True)
    (table,) = tables_from_pages([page], "test")
    assert table.header == list(labels)
    assert [r.texts()[0] for r in table.rows if r.kind == "section"] == ["National Recommendations"]
    assert [row[0] for row in body_texts(table)] == ["1.", "2."]


def test_a_rule_at_the_page_edge_is_no_column_of_the_table() -> None:
    """A photocopy's dark page edge reads as a rule down the header's side:
    the column it would make holds no word, and is not the table's."""
    xs = (40, 80, 240, 360, 480)
    labels = ("No.", "Recommendation", "Key Actions", "Lead", "Target date")
    content = [w for x, label in zip(xs, labels, strict=True) for w in bold(label, x, 100)]
    for n, top in enumerate((120, 150), start=1):
        cells = (f"{n}.", "The Home Office should", "Write to the", "Chair", "2021")
        content += [w for x, text in zip(xs, cells, strict=True) for w in plain(text, x, top)]
    rules = [Edge(36, 580, y, y) for y in (96, 112, 142, 175)]
    rules += [Edge(x - 4, x - 4, 96, 175) for x in (*xs, 584)]
    rules.append(Edge(0.5, 0.5, 90, 120))  # the page's edge
    (table,) = tables_from_pages([PageContent(1, 600, 800, content, rules, ocr=True)], "test")
    assert table.header == list(labels)


def test_a_word_of_the_language_is_never_cut_at_a_columns_start() -> None:
    """Text of two cells printed tight runs together ("CommunitiesTerms") and
    is cut where the next column's text starts; a heading's word that runs
    across that start ("Recommendations" in a full-width row) is one word."""
    from dhr_actions.ingest.tables.columns import cut_at_column_starts

    def spelt(text: str, x0: float) -> Word:
        return Word(
            text, x0, x0 + 5 * len(text), 100, 108, 8, letters=tuple((i, x0 + 5 * i) for i in range(1, len(text)))
        )

    starts = [40.0, 40.0 + 5 * 11]
    run_together = spelt("CommunitiesTerms", 40)
    heading = spelt("Recommendations", 40 + 5 * 5)
    assert [w.text for w in cut_at_column_starts([run_together], starts, 0.75)] == ["Communities", "Terms"]
    assert [w.text for w in cut_at_column_starts([heading], starts, 0.75)] == ["Recommendations"]
