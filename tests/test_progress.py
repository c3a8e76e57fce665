"""Implementation history and `dhr progress`: sample plans printed twice,
the second time with progress changed, an action dropped and a target
revised, and the figures checked against ones worked out by hand."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from dhr_actions.cli import main
from dhr_actions.compose import import_file
from dhr_actions.importer import ImportOptions
from dhr_actions.research.history import histories, match, record_entry
from dhr_actions.research.progress import completion_over_time, load_progress, progress
from dhr_actions.store.models import RecordRow
from dhr_actions.store.repository import Store

pytest.importorskip("reportlab")


@pytest.fixture(scope="module")
def versions_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Riverside's and Westvale's plans, each imported in two versions."""
    sys.path.insert(0, str(SAMPLES))
    try:
        import generate
        from plans import RIVERSIDE, RIVERSIDE_TITLE, WESTVALE, WESTVALE_TITLE
    finally:
        sys.path.remove(str(SAMPLES))
    tmp = tmp_path_factory.mktemp("versions")

    def later_riverside() -> list:  # type: ignore[type-arg]
        out = []
        for i, rec in enumerate(RIVERSIDE):
            a = rec.actions[0]
            if i == 2:
                continue  # action 3 silently dropped
            if i == 0:
                a = dataclasses.replace(
                    a, milestones="Final pathway agreed and published. Completed March 2022.", rag="Complete"
                )
            if i == 3:
                a = dataclasses.replace(a, target="June 2023 (revised from Q3 2021/22)")
            out.append(dataclasses.replace(rec, actions=[a]))
        return out

    def later_westvale() -> list:  # type: ignore[type-arg]
        out = []
        for rec in WESTVALE:
            actions = [
                dataclasses.replace(a, milestones="Audit of twenty assessments completed November 2022.", rag="G")
                if a.code == "R1.2"
                else a
                for a in rec.actions
            ]
            out.append(dataclasses.replace(rec, actions=actions))
        return out

    printings = [
        (
            "v1",
            generate.ruled_no_repeat,
            "riverside-dhr-07.pdf",
            "RIVERSIDE_TITLE",
            RIVERSIDE_TITLE,
            "Position as at 31 January 2022",
            RIVERSIDE,
        ),
        (
            "v1",
            generate.open_rules,
            "westvale-dhr-mrs-b.pdf",
            "WESTVALE_TITLE",
            WESTVALE_TITLE,
            "Position as at 30 June 2022",
            WESTVALE,
        ),
        (
            "v2",
            generate.ruled_no_repeat,
            "riverside-dhr-07.pdf",
            "RIVERSIDE_TITLE",
            RIVERSIDE_TITLE,
            "Updated 31 May 2022",
            later_riverside(),
        ),
        (
            "v2",
            generate.open_rules,
            "westvale-dhr-mrs-b.pdf",
            "WESTVALE_TITLE",
            WESTVALE_TITLE,
            "Position as at 31 December 2022",
            later_westvale(),
        ),
    ]
    db = str(tmp / "versions.sqlite")
    with pytest.MonkeyPatch.context() as m, Store(db) as store:
        for folder, style, name, title_name, title, as_at, plan in printings:
            m.setattr(generate, title_name, [*title, as_at])
            path = tmp / folder / name
            path.parent.mkdir(exist_ok=True)
            style(path, plan)
            outcome = import_file(store, path, ImportOptions(jobs=0))
            assert outcome.records > 0, outcome
    yield db


def test_versions_are_dated_by_the_position_they_print(versions_db: str) -> None:
    with Store(versions_db) as store:
        docs = {(d.file_name, d.version): d.as_at for d in store.documents()}
    assert docs == {
        ("riverside-dhr-07.pdf", 1): "2022-01-31",
        ("riverside-dhr-07.pdf", 2): "2022-05-31",
        ("westvale-dhr-mrs-b.pdf", 1): "2022-06-30",
        ("westvale-dhr-mrs-b.pdf", 2): "2022-12-31",
    }


def test_each_action_is_followed_across_versions(versions_db: str) -> None:
    with Store(versions_db) as store:
        found = {(h.document, h.ref): h for h in histories(store)}
    assert len(found) == 6 + 7
    first = found["riverside-dhr-07.pdf", "1"]
    assert [(s.version, s.status) for s in first.sightings] == [(1, "ongoing"), (2, "complete")]
    assert first.completed_on == date(2022, 3, 31)  # printed, not the version's date
    assert first.first_seen.on == date(2022, 1, 31) and not first.uncertain
    dropped = found["riverside-dhr-07.pdf", "3"]
    assert dropped.dropped and dropped.last_seen.version == 1
    revised = found["riverside-dhr-07.pdf", "4"]
    assert revised.target_changes[0] == ("2021", "2023-06")
    audit = found["westvale-dhr-mrs-b.pdf", "R1.2"]
    assert audit.completed_on == date(2022, 11, 30)
    # Complete in the first version, with no date printed: that version's date.
    assert found["westvale-dhr-mrs-b.pdf", "R1.1"].completed_on == date(2022, 6, 30)
    assert all(s.match == "ref" for h in found.values() for s in h.sightings[1:])


def test_progress_figures_match_the_ones_worked_by_hand(versions_db: str) -> None:
    with Store(versions_db) as store:
        rows = {r["document"]: r for r in progress(store, "document", as_of=date(2023, 2, 28))}
        early = progress(store, "document", as_of=date(2022, 3, 31))
        by_csp = {r["csp"]: r for r in progress(store, "partnership", as_of=date(2023, 2, 28))}
    figures = (
        "actions",
        "complete",
        "ongoing",
        "no_status",
        "dropped",
        "overdue",
        "revised",
        "median_days_to_complete",
    )
    # Riverside: 1 completed (Dec 2021 target, done March 2022: 90 days
    # late), 2 and 5 complete when first printed (123 days late, 59 early),
    # 6 complete with no target; 3 dropped; 4's target moved to June 2023.
    assert [rows["riverside-dhr-07.pdf"][f] for f in figures] == [6, 4, 1, 0, 1, 0, 1, 90]
    # Westvale: R1.1 and R5.1 complete in June 2022 (targets 2022 and Dec
    # 2022: 184 days early), R1.2 in November 2022 (31 early); R3.1 has no
    # status and its target, 31/01/2023, has passed.
    assert [rows["westvale-dhr-mrs-b.pdf"][f] for f in figures] == [7, 3, 3, 1, 0, 1, 0, -184]
    assert rows["riverside-dhr-07.pdf"]["versions"] == 2
    # On 31 March 2022 only Riverside's first version had been printed: 1
    # (Dec 2021) and 4 (2021) overdue, nothing dropped or revised yet.
    assert [(r["document"], *(r[f] for f in figures[:7])) for r in early] == [
        ("riverside-dhr-07.pdf", 6, 3, 3, 0, 0, 2, 0)
    ]
    assert by_csp["Riverside"]["documents"] == 1 and by_csp["Westvale"]["complete"] == 3


def test_completion_over_time_per_partnership(versions_db: str) -> None:
    with Store(versions_db) as store:
        points = [(p["csp"], p["on"], p["complete"], p["actions"]) for p in completion_over_time(store)]
    assert points == [
        ("Riverside", date(2022, 1, 31), 3, 6),
        ("Riverside", date(2022, 5, 31), 4, 6),
        ("Westvale", date(2022, 6, 30), 2, 7),
        ("Westvale", date(2022, 12, 31), 3, 7),
    ]


def test_progress_command_report_and_notebook(versions_db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["progress", "--db", versions_db, "--as-of", "2023-02-28", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {r["document"] for r in json.loads(result.output)} == {"riverside-dhr-07.pdf", "westvale-dhr-mrs-b.pdf"}
    result = runner.invoke(main, ["progress", "--db", versions_db, "--by", "action", "--csp", "Riverside"])
    assert result.exit_code == 0 and "dropped" in result.output and "v1 ongoing → v2 complete" in result.output
    out = tmp_path / "report.html"
    assert runner.invoke(main, ["report", "--db", versions_db, "-o", str(out)]).exit_code == 0
    page = out.read_text()
    chart = page.split("<h2>Completion over time</h2>")[1].split("<h2>")[0]
    assert chart.count("<polyline") == 2 and "Westvale, 2022-12-31: 43% complete" in chart
    frame = load_progress(versions_db, "partnership", as_of=date(2023, 2, 28))
    assert list(frame["csp"]) == ["Riverside", "Westvale"] and list(frame["dropped"]) == [1, 0]


def _record(ref: str | None, recommendation: str, action: str, id_: int) -> RecordRow:
    return RecordRow(id=id_, ref=ref, recommendation=recommendation, action=action)


def test_matching_says_when_it_is_unsure() -> None:
    before = [
        record_entry(
            _record("1", "Review the referral pathway for older victims.", "Map the pathway with partners.", 1)
        ),
        record_entry(_record("2", "Train GPs in asking about abuse.", "Deliver two sessions a year.", 2)),
        record_entry(_record(None, "Publish a leaflet for carers in five languages.", "Print and distribute it.", 3)),
    ]
    now = [
        # The same ref, a different recommendation: renumbered or rewritten.
        record_entry(_record("1", "Commission an independent advocate for the family.", "Tender the service.", 11)),
        record_entry(_record("2", "Train GPs in asking about abuse.", "Deliver two sessions a year.", 12)),
        # No ref; the text slightly edited: matched by text.
        record_entry(_record(None, "Publish a leaflet for carers in six languages.", "Print and distribute it.", 13)),
    ]
    pairs = match(before, now)
    assert pairs[1] == (1, "ref", 1.0, False)
    assert pairs[0][:2] == (0, "ref") and pairs[0][3] is True
    assert pairs[2][:2] == (2, "text") and pairs[2][2] > 0.8 and pairs[2][3] is False
