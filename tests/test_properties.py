"""Property tests for the normalisers: never raise, stay in their contract."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dhr_actions.normalise.columns import map_columns
from dhr_actions.normalise.dates import find_periods, target_date
from dhr_actions.normalise.refs import normalise_ref, split_action_code, split_leading_ref
from dhr_actions.normalise.status import status
from dhr_actions.research.queries import period_end

ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MONTHS = ["January", "Feb", "March", "Apr", "May", "June", "Jul", "August", "Sept", "Oct", "November", "Dec"]
WORDS = [
    "Ongoing",
    "by",
    "end of",
    "Q3",
    "Quarter 2",
    "and",
    "revised from",
    "Completed",
    "Spring",
    "(",
    ")",
    ";",
    "/",
    "-",
]

# Text shaped like target-date cells: dates, numbers, words, punctuation.
date_like = st.lists(
    st.one_of(
        st.sampled_from(MONTHS + WORDS),
        st.integers(0, 3000).map(str),
        st.builds(lambda d, m, y: f"{d}/{m}/{y}", st.integers(0, 40), st.integers(0, 15), st.integers(0, 2100)),
        st.builds(lambda d, m, y: f"{d}.{m}.{y}", st.integers(0, 40), st.integers(0, 15), st.integers(0, 99)),
        st.text(max_size=6),
    ),
    max_size=8,
).map(" ".join)

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(date_like)
def test_target_date_is_valid_iso_or_none(text: str) -> None:
    iso = target_date(text)
    assert iso is None or ISO.match(iso), iso
    if iso is not None:
        period_end(iso)  # a real calendar date: month and day exist
        assert 1950 <= int(iso[:4]) <= 2099


@PROPERTY
@given(date_like)
def test_target_date_is_the_latest_period(text: str) -> None:
    periods = find_periods(text)
    iso = target_date(text)
    if periods:
        assert iso == max(periods).iso
        assert all(period_end(p.iso) <= period_end(iso) for p in periods)  # type: ignore[arg-type]
    else:
        assert iso is None


@PROPERTY
@given(date_like, date_like)
def test_adding_words_around_a_date_changes_nothing(before: str, after: str) -> None:
    core = "31 March 2021"
    assume_plain = target_date(before) is None and target_date(after) is None
    if assume_plain:
        assert target_date(f"{before} {core} {after}") == "2021-03-31"


@PROPERTY
@given(st.text(max_size=60), st.text(max_size=60), st.text(max_size=20), st.text(max_size=60))
def test_status_is_one_of_three(target: str, outcome: str, rag: str, progress: str) -> None:
    assert status(target, outcome, rag, progress) in (None, "complete", "ongoing")


@PROPERTY
@given(st.text(max_size=80))
def test_refs_never_raise_and_are_idempotent(text: str) -> None:
    ref = normalise_ref(text)
    if ref is not None:
        assert ref == ref.strip() and not ref.endswith(".")
        assert normalise_ref(ref) == ref
    number, rest = split_leading_ref(text)
    assert number is None or normalise_ref(number) == number
    assert rest in text or rest == ""
    code, action = split_action_code(text)
    assert code is None or code == code.upper()
    assert action in text


@PROPERTY
@given(st.lists(st.text(max_size=40), max_size=10))
def test_column_mapping_is_one_to_one(labels: list[str]) -> None:
    mapping = map_columns(labels)
    columns = [m.column for m in mapping.matches]
    fields = [m.field for m in mapping.matches]
    assert len(columns) == len(set(columns)) and len(fields) == len(set(fields))
    assert all(0 <= c < len(labels) for c in columns)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)))
def test_printed_days_read_back(day: date) -> None:
    assert target_date(day.strftime("%d/%m/%Y")) == day.isoformat()
    assert target_date(f"{day.day} {day.strftime('%B %Y')}") == day.isoformat()
