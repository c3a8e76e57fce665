"""References and column vocabulary."""

from __future__ import annotations

import pytest

from dhr_actions.normalise.columns import map_columns
from dhr_actions.normalise.refs import normalise_ref, recommendation_number, split_action_code, split_leading_ref


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("1.", "1"),
        ("Recommendation No 3", "3"),
        ("No. 5", "5"),
        ("Ref 7.", "7"),
        ("R3.1", "R3.1"),
        ("1e", "1E"),
        ("(2)", "2"),
        ("hello", None),
        ("2015", None),
        ("", None),
    ],
)
def test_normalise_ref(text: str, want: str | None) -> None:
    assert normalise_ref(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("2 - The need for early intervention", ("2", "The need for early intervention")),
        ("1. The Home Office should", ("1", "The Home Office should")),
        (
            "Recommendation No 4 Worcestershire Acute Hospital Trust to ensure",
            ("4", "Worcestershire Acute Hospital Trust to ensure"),
        ),
        ("16 days of action", (None, "16 days of action")),
        ("10 Downing Street", (None, "10 Downing Street")),
        ("2015/16 campaign", (None, "2015/16 campaign")),
        ("3. fCAF should still be used", ("3", "fCAF should still be used")),
        ("12.1.1 - Review the pathway", ("12.1.1", "Review the pathway")),
    ],
)
def test_split_leading_ref(text: str, want: tuple[str | None, str]) -> None:
    assert split_leading_ref(text) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("2A – Further embed restorative practice", ("2A", "Further embed restorative practice")),
        ("1E - For Gloucestershire", ("1E", "For Gloucestershire")),
        ("R3.1 Ensure that", ("R3.1", "Ensure that")),
        ("1. Staff training register", (None, "1. Staff training register")),
        ("3D printing is", (None, "3D printing is")),
        ("2b) do the audit", ("2B", "do the audit")),
        ("All staff to be trained", (None, "All staff to be trained")),
    ],
)
def test_split_action_code(text: str, want: tuple[str | None, str]) -> None:
    assert split_action_code(text) == want


def test_recommendation_number() -> None:
    assert recommendation_number("2B") == "2"
    assert recommendation_number("R3.1") == "3"
    assert recommendation_number(None) is None


@pytest.mark.parametrize(
    ("labels", "want"),
    [
        (
            [
                "Recommendation",
                "Scope of recommendation",
                "Action to take",
                "Lead agency",
                "Key milestones (and progress where appropriate)",
                "Target dates",
            ],
            ["recommendation", "scope", "action", "lead", "milestones", "target_date_text"],
        ),
        (
            [
                "",
                "Recommendation",
                "Scope",
                "Action to take",
                "Lead Agency",
                "Key milestones achieved in enacting recommendation",
                "Target Date",
                "Outcome",
                "Completion/RAG",
            ],
            ["ref", "recommendation", "scope", "action", "lead", "milestones", "target_date_text", "outcome", "rag"],
        ),
        (
            [
                "Ref",
                "Learning / Recommendation",
                "SMART Action",
                "Responsible Officer / Agency",
                "Timescale",
                "Progress Update",
                "Status / Evidence",
                "RAG",
            ],
            ["ref", "recommendation", "action", "lead", "target_date_text", "milestones", "outcome", "rag"],
        ),
        (
            [
                "No.",
                "Recommendation",
                "Key Actions",
                "Owner",
                "Target Completion Date",
                "Summary of Action Taken & Date",
                "Completion/RAG",
            ],
            ["ref", "recommendation", "action", "lead", "target_date_text", "milestones", "rag"],
        ),
        (
            ["Recommendation", "Action Required by Agency", "Implementation Lead", "Deadline", "Date of completion"],
            ["recommendation", "action", "lead", "target_date_text", "outcome"],
        ),
    ],
)
def test_map_columns(labels: list[str], want: list[str]) -> None:
    mapping = map_columns(labels, [["1."] + ["text"] * (len(labels) - 1)])
    assert [m.field for m in mapping.matches] == want
    assert mapping.is_action_plan
    assert all("→" in line for line in mapping.explain())


def test_budget_table_is_not_a_plan() -> None:
    assert not map_columns(["Service", "Lead", "Budget 2022/23", "Notes"]).is_action_plan


@pytest.mark.parametrize(
    ("cell", "ref"),
    [("ICB1", "ICB1"), ("NP2.", "NP2"), ("CSC2", "CSC2"), ("MASH12", "MASH12"), ("Dec20", None), ("Sept22", None)],
)
def test_agency_prefixed_refs_are_refs_and_months_are_not(cell: str, ref: str | None) -> None:
    """References restarting per agency carry the agency's prefix; a month
    with a two-digit year is a date, not a reference."""
    assert normalise_ref(cell) == ref


@pytest.mark.parametrize(
    ("cell", "ref"),
    [
        ("‘Rl", "R1"),  # a speck read as a quote, the one as an ell
        ("-ICB1", "ICB1"),
        ("NP2 7\n-", "NP2"),  # specks read as a digit and a dash after it
        ("R1.l", "R1.1"),
        ("NPI", "NP1"),
        ("4.", "4"),
        ("All", None),  # a word, not "A11"
        ("I", None),
        ("Sept 22", None),
    ],
)
def test_references_as_ocr_reads_them(cell: str, ref: str | None) -> None:
    from dhr_actions.normalise.refs import normalise_ocr_ref

    assert normalise_ocr_ref(cell) == ref


@pytest.mark.parametrize(
    ("labels", "want"),
    [
        # OCR's slips in header labels: a letter misread, a space missed.
        (
            ["Ref", "Recommendatlon", "Actionto take", "Timeseal e"],
            ["ref", "recommendation", "action", "target_date_text"],
        ),
        (
            ["Rec No", "Recomm endation", "Leadofficer", "Targct date"],
            ["ref", "recommendation", "lead", "target_date_text"],
        ),
    ],
)
def test_header_labels_as_ocr_misreads_them(labels: list[str], want: list[str]) -> None:
    assert list(map_columns(labels).fields) == want


def test_a_misread_is_mended_only_to_one_header_word_and_never_from_an_english_word() -> None:
    from dhr_actions.language.vocabulary import best_field

    assert best_field("Income") is None  # one edit from no header word it could be
    assert best_field("Actions")  # a header word already
    assert best_field("Largest") is None  # an English word, kept as it is


def test_a_dotted_ref_ocr_misread_is_mended_only_where_the_numbering_calls_for_it() -> None:
    from dhr_actions.normalise.refs import mend_dotted_ref

    assert mend_dotted_ref("R31", "R2.1", "R4.1") == "R3.1"  # the dot lost
    assert mend_dotted_ref("R441", "R3.1", "R5.1") == "R4.1"  # the dot read as a digit
    assert mend_dotted_ref("R12", "R1.1", "R2.1") == "R1.2"  # the next action
    assert mend_dotted_ref("R31", "R2.1", "R3.1") is None  # R3.1 comes after it
    assert mend_dotted_ref("R57", "R2.1", None) is None  # no reading continues R2.1
    assert mend_dotted_ref("31", "R2.1", None) is None  # not the table's prefix


def test_an_unlabelled_column_of_dates_is_the_target_date() -> None:
    """A header cell OCR dropped (or a Word table left blank) over dates."""
    from dhr_actions.normalise.columns import map_columns

    labels = ["Recommendation", "Action to take", "Lead agency", ""]
    rows = [
        ["1. Train staff", "Deliver briefings", "Police", "31.03.2022"],
        ["2. Audit cases", "Sample twenty cases", "ICB", "Ongoing: review by December 2022"],
        ["3. Publish", "Leaflet", "Council", "Q3 2022/23"],
    ]
    assert map_columns(labels, rows).column("target_date_text") == 3
    # Not when a column is already the target date, nor over words.
    assert map_columns([*labels[:3], "Deadline", ""], [[*r, r[3]] for r in rows]).column("target_date_text") == 3
    assert map_columns(labels, [[*r[:3], "See the board's minutes"] for r in rows]).column("target_date_text") is None


@pytest.mark.parametrize(
    ("cell", "want"),
    [
        ("‘6A - Work with Safer Gloucestershire", "6A - Work with Safer Gloucestershire"),
        (".4 - Professionals need to", "4 - Professionals need to"),
        ("2A.- Further embed", "2A - Further embed"),
        ("4A'- GSCB to ensure", "4A - GSCB to ensure"),
        ("2A - Further embed", "2A - Further embed"),  # as printed: unchanged
        ("All partner agencies", "All partner agencies"),
        ("2020 - 21 plan", "2020 - 21 plan"),  # a year is no reference
        ("‘7. Schools should know", "7. Schools should know"),  # a number and its full stop
        ("‘12. lower case", "‘12. lower case"),  # a sentence's own full stop is not assumed
    ],
)
def test_specks_around_an_ocr_cells_opening_reference_are_cleared(cell: str, want: str) -> None:
    from dhr_actions.normalise.refs import unspecked_opening

    assert unspecked_opening(cell) == want


def test_a_garbled_action_code_with_specks_is_repaired_where_the_numbering_expects_it() -> None:
    from dhr_actions.normalise.refs import repair_ocr_action_code

    assert repair_ocr_action_code("‘AD’- Specific policy guidance", {"4", "5"}) == ("4D", "Specific policy guidance")
    assert repair_ocr_action_code("AD - Specific policy guidance", {"2", "3"}) == (
        None,
        "AD - Specific policy guidance",
    )


def _table(rows: list[tuple[str | None, list[str]]], ocr: bool = False) -> list:  # type: ignore[type-arg]
    """Records of a stitched table: each row a full-width section row (text
    alone) or a body row (cells under Ref / Action / Lead agency / Target date)."""
    from dhr_actions.ingest.tables.stitch import stitch
    from dhr_actions.model.table import Cell, Row, Table
    from dhr_actions.normalise.assemble import records_from_table

    labels = ["Ref", "Action", "Lead agency", "Target date"]
    body = [Row("header", [Cell(t) for t in labels])]
    for full, cells in rows:
        if full is not None:
            body.append(Row("section", [Cell(full), None, None, None]))
        else:
            body.append(Row("body", [Cell(t) for t in cells]))
    table = Table(page=1, bbox=(0, 0, 500, 500), rows=body, extractor="test", ocr=ocr)
    (plan,) = stitch([table])
    return records_from_table(plan, "plan.pdf")


def test_a_row_stating_a_recommendation_gives_the_actions_under_it_their_recommendation() -> None:
    """A full-width "Recommendation 1: …" row is the recommendation of the
    rows under it, not a section; a plain full-width row stays a section."""
    records = _table(
        [
            ("Multi-agency recommendations", []),
            ("Recommendation 1: Agencies should understand the risk of separation.", []),
            (None, ["1a", "Brief frontline staff.", "CSP Manager", "March 2024"]),
            (None, ["1b", "Revise the risk guidance.", "MARAC Chair", "June 2024"]),
            ("Recommendation 2 – The trust should ask about abuse at booking.", []),
            (None, ["2a", "Train midwives.", "Head of Midwifery", "May 2024"]),
        ]
    )
    assert [(r.ref, r.section, r.recommendation, r.action) for r in records] == [
        (
            "1A",
            "Multi-agency recommendations",
            "Agencies should understand the risk of separation.",
            "Brief frontline staff.",
        ),
        (
            "1B",
            "Multi-agency recommendations",
            "Agencies should understand the risk of separation.",
            "Revise the risk guidance.",
        ),
        ("2A", "Multi-agency recommendations", "The trust should ask about abuse at booking.", "Train midwives."),
    ]
    # Without references the recommendation row's number is the actions' reference.
    records = _table(
        [
            ("Recommendation 3: Housing providers should adopt a domestic abuse policy.", []),
            (None, ["", "Draft the policy.", "Thornbury Homes", "December 2024"]),
        ]
    )
    assert [(r.ref, r.section, r.recommendation) for r in records] == [
        ("3", None, "Housing providers should adopt a domestic abuse policy.")
    ]


def test_a_reference_whose_one_ocr_read_as_a_letter_is_mended_where_the_numbering_calls_for_it() -> None:
    rows = [
        ("Recommendation 1: Agencies should understand the risk of separation.", []),
        (None, ["la", "Brief frontline staff.", "CSP Manager", "March 2024"]),
        (None, ["1b", "Revise the risk guidance.", "MARAC Chair", "June 2024"]),
        (None, ["Ib", "Audit the guidance.", "MARAC Chair", "July 2024"]),
    ]
    assert [r.ref for r in _table(rows, ocr=True)] == ["1A", "1B", "1B"]
    assert "1A" not in [r.ref for r in _table(rows)]  # a PDF's own text is as printed
    # Only the number around it: "lb" under recommendation 2 is no "1B".
    rows = [
        ("Recommendation 2: The trust should ask about abuse at booking.", []),
        (None, ["2a", "Train midwives.", "Head of Midwifery", "May 2024"]),
        (None, ["lb", "Audit enquiry.", "Named Midwife", "June 2024"]),
    ]
    assert "1B" not in [r.ref for r in _table(rows, ocr=True)]


@pytest.mark.parametrize(
    ("file_name", "partnership"),
    [
        ("south-worcestershire-dhr-3.pdf", "South Worcestershire"),
        ("leeds-ldhr-4.pdf", "Leeds"),
        ("kirklees_KDHR12_action_plan.docx", "Kirklees"),
        ("wyre-forest-sdhr.pdf", "Wyre Forest"),
        ("dhr-7-action-plan.pdf", None),
        ("hadrian-domestic-homicide-review.pdf", "Hadrian"),
    ],
)
def test_partnership_from_a_file_name_ends_at_the_review_code(file_name: str, partnership: str | None) -> None:
    from dhr_actions.importer.prepare import guess_partnership

    assert guess_partnership(file_name, "") == partnership


def _info(ref: str | None, rec: str = "", action: str = "", number: str | None = None, code: str | None = None):  # type: ignore[no-untyped-def]
    from dhr_actions.model.table import PlanRow
    from dhr_actions.normalise.rows import RowInfo

    cells = {"recommendation": rec, "action": action}
    return RowInfo([PlanRow([ref or "", rec, action], page=1, section=None)], cells, ref, number, code)


def test_the_recommendation_a_new_record_takes() -> None:
    """Its own text; an earlier row's of the same number or of its action
    code's number; a merged cell's carried down; none without the column."""
    from dhr_actions.normalise.assemble import _Assembly

    a = _Assembly(has_refs=True, has_rec=True)
    own = a.recommendation(_info("1", "Train staff.", number="1"), "Train staff.")
    assert own == ["Train staff."]
    a.last_rec = own
    assert a.recommendation(_info("1B", number="1"), "") is own  # the same number
    assert a.recommendation(_info("2A", code="2A"), "") == [] and "2" in a.rec_by_number  # a code's number, to fill
    assert a.recommendation(_info("X"), "") is own  # a merged cell carried down
    assert _Assembly(has_refs=True, has_rec=False).recommendation(_info("1", action="Do."), "") is None


def test_a_row_without_a_ref_carries_on_the_record_above() -> None:
    from dhr_actions.normalise.assemble import _Assembly

    a = _Assembly(has_refs=True, has_rec=True)
    assert not a.continues(_info(None, "Lone."))  # nothing above to carry on
    a.add(_info("1", "Review the policy", "Audit cases.", number="1"))
    cut = _info(None, "and train staff.", "")
    assert a.continues(cut)
    a.add(cut)
    assert len(a.drafts) == 1 and a.drafts[0].rec == ["Review the policy", "and train staff."]


def test_row_infos_put_right_a_one_read_as_l_beside_its_number() -> None:
    from dhr_actions.model.table import PlanRow, PlanTable
    from dhr_actions.normalise.columns import map_columns
    from dhr_actions.normalise.rows import row_infos

    header = ["Ref", "Recommendation", "Action", "Lead", "Target date"]
    rows = [
        PlanRow(["la", "Train staff.", "Brief teams.", "CSP", "May 2024"], page=1, section=None, ocr=True),
        PlanRow(["1b", "", "Audit cases.", "Police", "June 2024"], page=1, section=None, ocr=True),
        PlanRow(["lc", "", "Sample files.", "CSP", "July 2024"], page=1, section=None, ocr=True),
        PlanRow(["3", "Share learning.", "Hold an event.", "CSP", "2025"], page=1, section=None, ocr=True),
    ]
    infos = row_infos(PlanTable(header, rows), map_columns(header))
    assert [i.ref for i in infos] == ["1A", "1B", "1C", "3"]
