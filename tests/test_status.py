"""SCHEMA.md's status rules."""

from __future__ import annotations

import pytest

from dhr_actions.normalise.status import status


@pytest.mark.parametrize(
    ("cells", "want"),
    [
        ({"outcome": "Complete"}, "complete"),
        ({"outcome": "Completed"}, "complete"),
        ({"outcome": "Completed and learning ongoing"}, "complete"),
        ({"target_date_text": "Completed"}, "complete"),
        ({"outcome": "Audit completed in November 2017"}, "complete"),
        ({"rag": "G"}, "complete"),
        ({"rag": "Green"}, "complete"),
        ({"rag": "Blue"}, "complete"),
        ({"rag": "A"}, "ongoing"),
        ({"rag": "Amber"}, "ongoing"),
        ({"rag": "R"}, "ongoing"),
        ({"rag": "Red"}, "ongoing"),
        ({"target_date_text": "Ongoing; progress to be made by September 2018"}, "ongoing"),
        ({"target_date_text": "April 2017 and ongoing"}, "ongoing"),
        ({"outcome": "On going"}, "ongoing"),
        ({"outcome": "In progress"}, "ongoing"),
        ({"target_date_text": "Ongoing", "outcome": "Completed"}, "complete"),
        ({"rag": "Amber", "outcome": "Complete"}, "complete"),
        ({"progress": "Ongoing"}, "ongoing"),
        ({"progress": "Completed /Ongoing\nDetails follow"}, "complete"),
        ({"progress": "Ongoing Progress: plans for the campaign"}, None),
        ({"progress": "Progress: this action has been completed."}, None),  # narrative is not read
        ({"outcome": "Not started"}, None),
        ({"rag": "Not started"}, None),
        ({"target_date_text": "To be completed by March 2018"}, None),
        ({"outcome": "Not yet completed"}, None),
        ({"target_date_text": "March 2018"}, None),
        ({}, None),
        ({"progress": " "}, None),  # found by the property tests: blank cells
    ],
)
def test_status(cells: dict[str, str], want: str | None) -> None:
    assert status(**cells) == want
