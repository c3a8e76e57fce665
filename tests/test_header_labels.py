"""Header labels as printed: cut short by their cell, in plain words, or
beside a speck a scan read as letters."""

from __future__ import annotations

from dhr_actions.language.vocabulary import best_field
from dhr_actions.model.table import PlanRow, PlanTable
from dhr_actions.normalise.columns import map_columns
from dhr_actions.normalise.rows import row_infos


def test_a_label_cut_short_names_the_word_it_begins() -> None:
    best = best_field("Recommendat")
    assert best is not None and best.field == "recommendation"
    # Wrapped in a narrow column, then cut: the pieces join first.
    assert list(map_columns(["Recom mendat", "Action", "Lead"]).fields) == ["recommendation", "action", "lead"]


def test_a_cut_word_must_be_long_enough_to_be_one_word_and_no_word_of_its_own() -> None:
    assert best_field("Recomm") is None  # too little of "recommendation" (6 of 14 letters) to say
    assert best_field("Respons") is None  # begins "responsible" and "responsibility" alike
    assert best_field("Recommend") is None  # an English word, not a cut one
    cut = best_field("Timesc")  # cut at six letters of nine: enough
    assert cut is not None and cut.field == "target_date_text"


def test_plain_english_action_labels() -> None:
    mapping = map_columns(["Ref", "Recommendation", "What we will do", "Lead", "By when"])
    assert mapping.column("action") == 2


def test_a_speck_over_the_text_column_leaves_the_label_over_the_numbers_to_it() -> None:
    """A label ("Recommendation") printed over the numbers, the text column beside it
    unlabelled but for a scan's speck read as "ve": the numbers are the
    references, the text the recommendations."""
    labels = ["Recommendation", "ve", "Action", "Lead", "Target date"]
    rows = [
        ["1", "Train staff.", "Brief teams.", "CSP", "May 2024"],
        ["2", "Share risk.", "Revise the protocol.", "Police", "June 2024"],
        ["3", "Audit files.", "Sample ten.", "CSP", "July 2024"],
    ]
    fields = map_columns(labels, rows).fields
    assert (fields["ref"], fields["recommendation"]) == (0, 1)
    assert "ref" not in map_columns(["Recommendation", "Notes", "Action", "Lead", "Target date"], rows).fields


def test_a_column_of_numbers_keeps_its_meaning_past_one_misread_cell() -> None:
    """One reference of five OCR read as a letter ("i" for 1): the column
    is still the references, and the numbering mends the one."""
    header = ["Recommendation", "", "Action", "Lead", "Target date"]
    texts = [["i", "Train staff."], ["2", "Share risk."], ["3", "Audit."], ["4", "Review."], ["5", "Publish."]]
    rows = [PlanRow([a, b, "Act.", "CSP", "2025"], page=1, section=None, ocr=True) for a, b in texts]
    mapping = map_columns(header, [r.cells for r in rows])
    assert mapping.column("ref") == 0
    assert [i.ref for i in row_infos(PlanTable(header, rows), mapping)] == ["1", "2", "3", "4", "5"]
    # A PDF's own text is as printed.
    printed = [PlanRow(r.cells, page=1, section=None) for r in rows]
    assert row_infos(PlanTable(header, printed), mapping)[0].ref is None


def test_a_column_of_learning_beside_the_recommendations_is_not_them() -> None:
    """Learning, findings or issues stand in for the recommendations only
    where no label names them: beside "Recommendation", they are not them."""
    mapping = map_columns(["No.", "Lessons learned", "Recommendation", "Action", "Lead", "Target date"])
    assert mapping.fields["recommendation"] == 2 and 1 not in mapping.fields.values()
    assert any(line.startswith("column 2 'Lessons learned' is not the recommendation") for line in mapping.explain())
    assert map_columns(["Ref", "Learning point", "Action", "Lead", "Date"]).column("recommendation") == 1
    # "Recommendation No." names the reference first: it takes nothing from
    # the column of learning and recommendations.
    both = map_columns(["Recommendation No.", "Learning / Recommendation", "Action", "Lead"]).fields
    assert (both["ref"], both["recommendation"]) == (0, 1)


def test_labels_in_welsh_and_english_map_by_the_english() -> None:
    labels = ["Cyf. / Ref", "Argymhelliad / Recommendation", "Cam gweithredu / Action", "Arweinydd / Lead"]
    assert list(map_columns([*labels, "Dyddiad targed / Target date"]).fields) == [
        "ref",
        "recommendation",
        "action",
        "lead",
        "target_date_text",
    ]
