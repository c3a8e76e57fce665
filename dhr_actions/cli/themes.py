"""Theme tags measured against readers' labels: ``dhr themes evaluate``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from .render import render
from .research import taxonomy_option, themes_cmd

INPUT_FILE = click.Path(dir_okay=False, exists=True, path_type=Path)
records_option = click.option(
    "--records",
    type=INPUT_FILE,
    help="The records' text, when the labels carry none (default: records.jsonl beside the labels).",
)


@themes_cmd.command("evaluate")
@click.argument("labels", nargs=-1, required=True, type=INPUT_FILE)
@records_option
@taxonomy_option
@click.option("--model", type=INPUT_FILE, help="Tag with this learned layer over the phrases (`dhr themes learn`).")
@click.option("--errors", is_flag=True, help="List the records behind each miss and false tag.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def evaluate_cmd(
    labels: tuple[Path, ...], records: Path | None, taxonomy: str | None, model: Path | None, errors: bool, fmt: str
) -> None:
    """How closely the tags agree with readers' labels.

    LABELS: JSON lines, one record a line, with its "id", its "themes" (theme
    keys) and its "recommendation" and "action", or the text in
    records.jsonl beside them (the format of a labelled set such as
    ../shared/corpus/themes). Prints precision, recall and F1 per theme and
    overall, the labels taken as the reference; given two label files, also
    how closely the second agrees with the first.
    """
    from ..research.evaluation import LabelsError, agreement, labels_of, read_labels, tagged
    from ..research.learning import ModelError, check_model, load_model
    from ..research.tagging import tagged_by, tagger
    from ..research.themes import TaxonomyError, load_taxonomy, taxonomy_path

    if len(labels) > 2:
        raise click.UsageError("give one label file, or two to compare the readers")
    try:
        sets = [read_labels(path, records) for path in labels]
        tx = load_taxonomy(taxonomy or taxonomy_path())
        learned = check_model(load_model(model), tx, model) if model else None
    except (LabelsError, TaxonomyError, ModelError) as exc:
        raise click.ClickException(str(exc)) from exc
    text = {r.id: r for r in sets[0]}
    tag = tagger(tx, learned)
    tags, evidence = tagged(sets[0], lambda rec, act: {t.theme: t.phrase for t in tag(rec, act)})
    who = f"tags ({tagged_by(tx, learned)})"
    results = [(who, labels[0].name, agreement(labels_of(sets[0]), tags, evidence))]
    if len(sets) == 2:
        results.append((labels[1].name, labels[0].name, agreement(labels_of(sets[0]), labels_of(sets[1]))))
        results.append((who, labels[1].name, agreement(labels_of(sets[1]), tags, evidence)))
    if fmt == "json":
        click.echo(json.dumps([_as_json(who, ref, found, errors) for who, ref, found in results], indent=2))
        return
    for who, ref, found in results:
        o = found.overall
        click.echo(f"{who} against {ref}: {found.records} records, {_figures(o)}")
        click.echo(render(_theme_rows(found), "table"))
        if errors:
            for d in found.differences:
                extra = ", ".join(f"{t} ({d.evidence[t]!r})" if t in d.evidence else t for t in sorted(d.extra))
                click.echo(f"  {d.id}: missed {', '.join(sorted(d.missed)) or '-'}; extra {extra or '-'}")
                rec = text.get(d.id)
                if rec is not None:
                    click.echo(f"      {' '.join((rec.recommendation or rec.action or '').split())[:160]}")
        click.echo("")


def _figures(counts: Any) -> str:
    return f"precision {_f(counts.precision)} recall {_f(counts.recall)} F1 {_f(counts.f1)}"


def _f(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _theme_rows(found: Any) -> list[dict[str, Any]]:
    return [_counts_row(theme, c) for theme, c in found.by_theme.items()] + [_counts_row("overall", found.overall)]


def _counts_row(theme: str, c: Any) -> dict[str, Any]:
    return {
        "theme": theme,
        "reference": c.tp + c.fn,
        "given": c.tp + c.fp,
        "agreed": c.tp,
        "precision": _f(c.precision),
        "recall": _f(c.recall),
        "F1": _f(c.f1),
    }


def _as_json(who: str, ref: str, found: Any, errors: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"labels": who, "reference": ref, "records": found.records, "themes": _theme_rows(found)}
    if errors:
        out["differences"] = [
            {"id": d.id, "missed": sorted(d.missed), "extra": sorted(d.extra), "evidence": dict(d.evidence)}
            for d in found.differences
        ]
    return out


@themes_cmd.command("learn")
@click.argument("labels", nargs=-1, required=True, type=INPUT_FILE)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The model file.")
@records_option
@taxonomy_option
def learn_cmd(labels: tuple[Path, ...], output: Path, records: Path | None, taxonomy: str | None) -> None:
    """Fit a learned layer over the phrases to labelled records.

    For each theme on which the labels and the phrases disagree often
    enough, a regularised logistic regression over the records' words and
    the phrases' tags; other themes keep their phrases. Prints a
    cross-validated estimate (each record tagged by a model learned without
    it) beside the phrases' figures on the same records, then fits on every
    record and writes the model for `dhr themes retag --model` and
    `dhr themes evaluate --model`.
    """
    from ..research.evaluation import LabelsError, agreement, read_labels
    from ..research.learning import estimate, learn
    from ..research.themes import TaxonomyError, load_taxonomy, taxonomy_path

    try:
        labelled = [r for path in labels for r in read_labels(path, records)]
        tx = load_taxonomy(taxonomy or taxonomy_path())
    except (LabelsError, TaxonomyError) as exc:
        raise click.ClickException(str(exc)) from exc
    reference = {str(i): r.themes for i, r in enumerate(labelled)}
    learned, phrases = estimate(labelled, tx)
    by_model, by_phrases = agreement(reference, learned), agreement(reference, phrases)
    click.echo(f"{len(labelled)} labelled records; cross-validated, each tagged by a model learned without it:")
    rows = []
    for theme in sorted(set(by_model.by_theme) | set(by_phrases.by_theme)):
        m, p = by_model.by_theme.get(theme), by_phrases.by_theme.get(theme)
        rows.append({"theme": theme, "learned F1": _f(m.f1 if m else None), "phrases F1": _f(p.f1 if p else None)})
    click.echo(render(rows, "table"))
    click.echo(f"learned:  {_figures(by_model.overall)}")
    click.echo(f"phrases:  {_figures(by_phrases.overall)}")
    model = learn(labelled, tx)
    model.save(output)
    taught = ", ".join(sorted(model.themes)) or "none (the labels agree with the phrases)"
    click.echo(f"Wrote {output}: models for {len(model.themes)} themes ({taught}); the rest follow their phrases.")
