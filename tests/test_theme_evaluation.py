"""Theme tags measured against readers' labels, and a learned layer over
the phrases: the arithmetic on a hand-worked example, the label files'
formats and errors, and a model that changes tags only where its labels
teach it to."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dhr_actions.cli import main
from dhr_actions.research.evaluation import Counts, LabelsError, agreement, read_labels
from dhr_actions.research.learning import LearnSettings, ModelError, learn, load_model
from dhr_actions.research.themes import load_taxonomy


def test_agreement_arithmetic_on_a_hand_worked_example() -> None:
    reference = {"r1": {"training", "housing"}, "r2": {"police_response"}, "r3": set()}
    other = {"r1": {"training"}, "r2": {"police_response", "housing"}, "r3": {"training"}}
    found = agreement(reference, other)
    # Pairs: training r1 agreed, r3 extra; housing r1 missed, r2 extra; police r2 agreed.
    assert (found.overall.tp, found.overall.fp, found.overall.fn) == (2, 2, 1)
    assert found.overall.precision == pytest.approx(2 / 4)
    assert found.overall.recall == pytest.approx(2 / 3)
    assert found.overall.f1 == pytest.approx(2 * 2 / (2 * 2 + 2 + 1))
    assert found.by_theme["housing"].f1 == 0.0 and found.by_theme["police_response"].f1 == 1.0
    assert found.by_theme["training"].precision == 0.5 and found.by_theme["training"].recall == 1.0
    # One theme counted from yes/no per record (r1, r2, r3) gives the same.
    assert Counts.of([True, False, False], [True, False, True]) == found.by_theme["training"]
    assert [d.id for d in found.differences] == ["r1", "r2", "r3"]
    assert found.differences[0].missed == {"housing"} and not found.differences[0].extra


def test_a_theme_nobody_gives_has_no_figures() -> None:
    found = agreement({"r1": set()}, {"r1": set()})
    assert found.overall.precision is None and found.overall.f1 is None


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_labels_read_with_their_text_inline_or_beside_them(tmp_path: Path) -> None:
    _write(tmp_path / "records.jsonl", [{"id": "a#1", "recommendation": "Train staff.", "action": None}])
    labels = _write(tmp_path / "labels.jsonl", [{"id": "a#1", "themes": ["training"]}])
    inline = _write(tmp_path / "inline.jsonl", [{"ref": "7", "recommendation": "Audit files.", "themes": []}])
    (got,) = read_labels(labels)
    assert got.recommendation == "Train staff." and got.themes == {"training"}
    assert read_labels(inline)[0].id == "inline:1"  # no id: known by its line


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{"id": "x", "recommendation": "r", "themes": "training"}], "line 1: 'themes' must be a list"),
        ([{"id": "x", "themes": []}], "no records.jsonl beside it"),
        ([{"id": "x", "recommendation": "r", "themes": []}] * 2, "record ids repeat"),
    ],
)
def test_bad_labels_give_one_line_naming_the_file(tmp_path: Path, rows: list[dict[str, object]], message: str) -> None:
    path = _write(tmp_path / "bad.jsonl", rows)
    with pytest.raises(LabelsError, match=message) as caught:
        read_labels(path)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


# Records of two kinds: one the phrases read as their labels say; the other
# about "reflective huddles", which the labels count as training and the
# phrases do not know.
PLAIN = [
    "The police should review how officers record repeat incidents.",
    "The housing provider should review its tenancy enforcement procedure.",
    "GPs should ask about domestic abuse when patients present with injuries.",
    "The CSP should run a public awareness campaign about coercive control.",
    "Adult social care should review its safeguarding adults procedure.",
    "Probation should refer every perpetrator to a behaviour change programme.",
]
HUDDLES = [
    "Supervisors in the contact centre to hold reflective huddles each month.",
    "Depot managers should hold reflective huddles on recognising signs of abuse.",
    "Hold reflective huddles at the depot about what to look for in a home.",
    "Site leads to run reflective huddles after each serious incident.",
    "Run reflective huddles at every depot about the employee assistance line.",
    "Reflective huddles at the caretaking base on when to pass on a concern.",
]


def _labelled(tmp_path: Path) -> Path:
    taxonomy = load_taxonomy()
    rows = []
    for i, text in enumerate(PLAIN * 2 + HUDDLES):
        themes = {t.theme for t in taxonomy.tag(text, None)}
        if text in HUDDLES:
            themes.add("training")
        rows.append({"id": f"r{i}", "recommendation": text, "action": None, "themes": sorted(themes)})
    return _write(tmp_path / "labels.jsonl", rows)


def test_a_learned_model_changes_tags_only_where_its_labels_teach_it(tmp_path: Path) -> None:
    taxonomy = load_taxonomy()
    labelled = read_labels(_labelled(tmp_path))
    assert not any(t.theme == "training" for t in taxonomy.tag(HUDDLES[0], None))  # the phrases miss it
    model = learn(labelled, taxonomy, LearnSettings(folds=3))
    assert set(model.themes) == {"training"}  # the only theme the labels and the phrases disagree on
    unseen = "The transport depot should hold reflective huddles about lone working."
    tags = {t.theme: t.phrase for t in model.tag(taxonomy, unseen, None)}
    assert "training" in tags and "huddles" in tags["training"]
    for text in PLAIN:  # every other record keeps its phrases' tags
        assert model.tag(taxonomy, text, None) == [t for t in taxonomy.tag(text, None)]


def test_a_model_round_trips_through_its_file(tmp_path: Path) -> None:
    taxonomy = load_taxonomy()
    model = learn(read_labels(_labelled(tmp_path)), taxonomy, LearnSettings(folds=3))
    model.save(tmp_path / "model.json")
    again = load_model(tmp_path / "model.json")
    assert again == model and again.digest == model.digest
    for text in PLAIN + HUDDLES:
        assert again.tag(taxonomy, text, None) == model.tag(taxonomy, text, None)


def test_a_file_that_is_no_model_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    path.write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(ModelError, match="not a theme model"):
        load_model(path)


def test_evaluate_and_learn_commands(tmp_path: Path) -> None:
    labels = _labelled(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["themes", "evaluate", str(labels), "--errors"])
    assert result.exit_code == 0, result.output
    assert "against labels.jsonl: 18 records" in result.output
    assert "missed training" in result.output  # the huddles
    learned = runner.invoke(main, ["themes", "learn", str(labels), "-o", str(tmp_path / "m.json")])
    assert learned.exit_code == 0, learned.output
    assert "cross-validated" in learned.output and "models for 1 themes (training)" in learned.output
    again = runner.invoke(main, ["themes", "evaluate", str(labels), str(labels), "--model", str(tmp_path / "m.json")])
    assert again.exit_code == 0, again.output
    assert "labels.jsonl against labels.jsonl: 18 records, precision 1.000 recall 1.000 F1 1.000" in again.output


def test_evaluate_refuses_bad_labels_in_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["themes", "evaluate", str(bad)])
    assert result.exit_code != 0 and "bad.jsonl: line 1: not JSON" in result.output
