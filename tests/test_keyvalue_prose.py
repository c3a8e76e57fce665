"""Key–value reading only where a plan is written that way: blocks that open
with a recommendation (or a reference) and say who or by when. Guidance
tables and terms of reference print "Actions", "Outcomes" and "Key
milestones" over text of their own, and are no plan."""

from __future__ import annotations

from conftest import line_words

from dhr_actions.ingest.pages.reading import PageContent
from dhr_actions.ingest.tables.finder import find_tables
from dhr_actions.ingest.tables.keyvalue import keyvalue_tables
from dhr_actions.model.keyvalue import KeyValueBlock, label_field, refusal, tables_of_blocks
from dhr_actions.model.settings import LayoutSettings

SIZE = 9.0


def words(text: str, x: float, top: float):  # type: ignore[no-untyped-def]
    return line_words(text, x, top, SIZE)


def test_guidance_blocks_of_actions_and_outcomes_are_no_plan() -> None:
    """A protocol's blocks: "Actions" and "Outcomes" labels down the left,
    their text beside, "Agency" among them; no block opens with a
    recommendation, none says by when. No table, and the notes say why."""
    content = words("Section 4: responding to a disclosure", 40, 80)
    top = 120.0
    for _n in range(3):
        content += words("Actions", 40, top) + words("Listen, record what is said and who was present.", 160, top)
        content += words("Agency", 40, top + 14) + words("Every agency that receives the disclosure.", 160, top + 14)
        content += words("Outcomes", 40, top + 28) + words("The person knows what will happen next.", 160, top + 28)
        top += 60
    found = find_tables([PageContent(1, 595, 842, content, [])], "test")
    notes: list[str] = []
    assert keyvalue_tables(found, "test", LayoutSettings(), notes) == []
    assert any("refused, it does not open with a recommendation or a reference" in n for n in notes)


def test_the_rules_a_block_must_meet() -> None:
    def block(*entries: tuple[str, str], ref: str | None = None) -> KeyValueBlock:
        return KeyValueBlock(1, ref, [(key, label, "text") for key, label in entries])

    plan = block(("recommendation", "Recommendation"), ("action", "Action"), ("lead", "Lead"), ref="1")
    assert refusal(plan) is None
    assert refusal(block(("ref", "Ref"), ("action", "Action"), ("target_date_text", "By when"))) is None
    # Progress and outcomes alone say neither who nor when.
    no_who = block(("recommendation", "Recommendation"), ("action", "Action"), ("outcome", "Outcome"), ref="2")
    assert refusal(no_who) == "it names neither a lead nor a target date"
    notes: list[str] = []
    assert tables_of_blocks([plan, no_who], "test", 1.0, notes) == []
    assert notes[0] == "key–value blocks: 1 qualified (no plan: fewer than 2)"
    assert len(tables_of_blocks([plan, plan], "test", 1.0)) == 1


def test_a_plan_word_inside_a_line_of_prose_is_no_label() -> None:
    assert label_field("Lead agency", 8, 0.5) is not None
    assert label_field("Target date:", 8, 0.5) is not None
    assert label_field("Recommendation 3", 8, 0.5) == ("recommendation", "Recommendation", "3")
    # Lines of a column of prose that hold a field's word.
    assert label_field("out a range of measures and recommendations to", 8, 0.5) is None
    assert label_field("Recommendations were made. The panel", 8, 0.5) is None
    assert label_field("Actions agreed by the board,", 8, 0.5) is None


def test_two_columns_of_prose_are_no_key_value_blocks() -> None:
    """A page set in two columns: each line of the left column "opens" the
    line of the right one. Its lines hold "recommendations", "lead" and
    "target" inside sentences, and a capitalised one starts a sentence; none
    is a label, so no block is read."""
    left = [
        "The needs assessment sets",
        "out a range of measures and recommendations to",
        "improve outcomes, with the lead agency for each",
        "named and a target date agreed. Partners",
        "Responsibility for the work rests with the board,",
        "whose recommendations are reported each year.",
    ]
    right = [
        "who were more likely to engage with services",
        "when a named lead professional was in place and",
        "the target dates for reviews were met. Support",
        "for carers was described as good, although the",
        "recommendations of the earlier audit were not",
        "all carried out by the target date set for them.",
    ]
    content = []
    for n, (a, b) in enumerate(zip(left * 3, right * 3, strict=True)):
        content += words(a, 40, 80 + 12 * n) + words(b, 310, 80 + 12 * n)
    found = find_tables([PageContent(1, 595, 842, content, [])], "test")
    notes: list[str] = []
    assert keyvalue_tables(found, "test", LayoutSettings(), notes) == []
    assert not any("qualified" in n for n in notes), notes
