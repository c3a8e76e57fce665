"""SCHEMA.md's date rules, example by example."""

from __future__ import annotations

import pytest

from dhr_actions.normalise.dates import find_periods, target_date

CASES = [
    # Every example SCHEMA.md gives.
    ("2015-01-31", "2015-01-31"),
    ("04/03/15", "2015-03-04"),
    ("31.03.2022", "2022-03-31"),
    ("1 st April 2013", "2013-04-01"),
    ("May 2018 November 2018", "2018-11"),
    ("September 2018 2018", "2018"),
    ("Sept 21", "2021-09"),
    ("Dec-20", "2020-12"),
    ("Ongoing; progress to be made by September 2018", "2018-09"),
    ("Autumn 2013", "2013"),
    ("Ongoing", None),
    ("Completed", None),
    ("Quarter 3 (Oct-Dec)", None),
    ("1 st July and ongoing", None),
    # Forms seen in published plans.
    ("December 2018", "2018-12"),
    ("December 2018 2018", "2018-12"),
    ("November 2017:", "2017-11"),
    ("April 2017 and ongoing", "2017-04"),
    ("End of March 2022", "2022-03"),
    ("30th June 2020", "2020-06-30"),
    ("01/10/2021 and quarterly thereafter", "2021-10-01"),
    ("June 2022 (revised from Jan 2022)", "2022-06"),
    # Welsh and English, as Welsh partnerships print them: the Welsh month
    # is a month (not a bare year that outlasts it), by its whole name only.
    ("Mawrth 2023 / March 2023", "2023-03"),
    ("Mawrth 2023/ March 2023", "2023-03"),  # no financial year: words follow the slash
    ("31 March 2021 / 0", "2021-03-31"),  # no financial year: no second year follows the slash
    ("31 March 2021 / 10", "2021-03-31"),
    ("31 March 2021/22", "2022"),
    ("31 Rhagfyr 2023", "2023-12-31"),
    ("Medi 2023", "2023-09"),
    ("Maw 2023", "2023"),
    # A month cut short: by a narrow column, or its last letter lost to OCR.
    ("Decembe 2024", "2024-12"),
    ("Septem 2019", "2019-09"),
    ("30 Novemb 2021", "2021-11-30"),
    ("Q3 2021/22", "2021"),
    ("Q4 2017/18", "2018"),
    ("Quarter 3 (Oct-Dec) 2021", "2021-12"),
    ("Spring 2021", "2021"),
    ("Within 6 months of publication", None),
    ("Immediate", None),
    ("Throughout 2015/16", "2016"),
    ("Communicate documentation requirements April 2015 Audit re-commissioned for Quarter 4 2017", "2017"),
    ("Check by end of Quarter 3 (Dec) and then routinely", None),
    ("Quarter 3 (Oct-Dec) for analysing in Quarter 4 (Jan-Mar)", None),
    ("CSLT meeting in Sept and cascaded across teams by end of October", None),
    ("March 2017", "2017-03"),
    ("Sept 2016", "2016-09"),
    ("3rd March 2019", "2019-03-03"),
    ("March 3, 2019", "2019-03-03"),
    ("03/2019", "2019-03"),
    ("31/02/2020", None),  # no such day
    ("staff may 21 days", None),  # "may" the verb is no month
    ("", None),
    (None, None),
    # Found by the property tests.
    ("1/1/1000", None),  # no such target year
    ("Spring 1900", None),
    ("0/0/0 January 31 March 2021", "2021-03-31"),  # a bad day must not hide the good one
    ("January 31 March 2021", "2021-03-31"),  # 31 is March's day, not the year 2031
    # A date broken in a narrow column, its year over two lines.
    ("30/06/20\n23", "2023-06-30"),
    ("30/06/20 23", "2020-06-30"),  # on one line, "23" is something else
    ("01/02/20\n2021 review", "2021"),
]


@pytest.mark.parametrize(("text", "want"), CASES)
def test_target_date(text: str | None, want: str | None) -> None:
    assert target_date(text) == want


def test_precision_is_kept() -> None:
    assert [p.precision for p in find_periods("04/03/15, May 2018 and 2019")] == ["day", "month", "year"]


def test_tie_goes_to_the_more_precise() -> None:
    assert target_date("2018 December 2018 31/12/2018") == "2018-12-31"
