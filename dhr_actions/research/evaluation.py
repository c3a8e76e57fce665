"""How closely theme tags agree with a reader's labels.

A labelled set is JSON lines, one record a line: ``id``, ``themes`` (the
theme keys a reader gave it) and the record's ``recommendation`` and
``action``; or, as ``../shared/corpus/themes`` keeps them, labels (``id``
and ``themes``) in one file and the records' text (``id``,
``recommendation``, ``action``) in ``records.jsonl`` beside it. Agreement
is counted over (record, theme) pairs, one labelling taken as the
reference: precision is the share of the other's themes the reference
holds, recall the share of the reference's themes the other gives, F1
their harmonic mean; per theme the same, over that theme's pairs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

RECORDS_FILE = "records.jsonl"


class LabelsError(ValueError):
    """A labelled set that cannot be read; the message is one line naming the file."""


@dataclass(frozen=True)
class Labelled:
    """One record's text and the themes a reader gave it."""

    id: str
    recommendation: str | None
    action: str | None
    themes: frozenset[str]


def read_labels(path: Path, records: Path | None = None) -> list[Labelled]:
    """The labelled records of ``path``, their text from the file itself or
    from ``records`` (default: ``records.jsonl`` beside it, when the labels
    carry no text)."""
    rows = _rows(path)
    source = records or path.with_name(RECORDS_FILE)
    texts: dict[str, dict[str, object]] = {}
    if any("recommendation" not in row for row in rows):
        if not source.is_file():
            raise LabelsError(f"{path}: its records carry no text and there is no {source.name} beside it")
        texts = {str(row.get("id")): row for row in _rows(source)}
    out = []
    for number, row in enumerate(rows, start=1):
        where = f"{path}: line {number}"
        themes = row.get("themes")
        if not isinstance(themes, list) or not all(isinstance(t, str) for t in themes):
            raise LabelsError(f"{where}: 'themes' must be a list of theme keys")
        key = row.get("id")
        text = row if "recommendation" in row else texts.get(str(key))
        if text is None:
            raise LabelsError(f"{where}: record {key!r} is not in {source.name}")
        if key is None:  # a record with its text and no id: known by its line
            key = f"{path.stem}:{number}"
        recommendation, action = text.get("recommendation"), text.get("action")
        if not isinstance(recommendation, str | None) or not isinstance(action, str | None):
            raise LabelsError(f"{where}: 'recommendation' and 'action' must be text")
        out.append(Labelled(str(key), recommendation, action, frozenset(themes)))
    ids = [r.id for r in out]
    if len(set(ids)) != len(ids):
        raise LabelsError(f"{path}: record ids repeat")
    return out


def _rows(path: Path) -> list[dict[str, object]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise LabelsError(f"{path}: cannot read it: {exc.strerror or exc}") from exc
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LabelsError(f"{path}: line {number}: not JSON: {exc.msg}") from exc
        if not isinstance(row, dict):
            raise LabelsError(f"{path}: line {number}: not a JSON object")
        rows.append(row)
    return rows


@dataclass
class Counts:
    """Pairs both give (tp), only the other gives (fp), only the reference (fn)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @classmethod
    def of(cls, want: Sequence[bool], got: Sequence[bool]) -> Counts:
        """One theme's counts over records: whether the reference gives it
        to each, and whether the other does."""
        pairs = list(zip(want, got, strict=True))
        return cls(
            sum(w and g for w, g in pairs), sum(g and not w for w, g in pairs), sum(w and not g for w, g in pairs)
        )

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        both = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / both if both else None


@dataclass(frozen=True)
class Difference:
    """A record on which the two disagree."""

    id: str
    missed: frozenset[str]  # the reference's themes the other lacks
    extra: frozenset[str]  # the other's themes the reference lacks
    evidence: Mapping[str, str] = field(default_factory=dict)  # why the other gave each of its themes


@dataclass
class Agreement:
    records: int
    overall: Counts
    by_theme: dict[str, Counts]
    differences: list[Difference]


def agreement(
    reference: Mapping[str, Iterable[str]],
    other: Mapping[str, Iterable[str]],
    evidence: Mapping[str, Mapping[str, str]] | None = None,
) -> Agreement:
    """How closely ``other`` agrees with ``reference`` (record id → themes),
    over the records of ``reference``; a record ``other`` lacks counts as
    given no themes."""
    by_theme, differences = dict[str, Counts](), list[Difference]()
    for key, want_themes in reference.items():
        want, got = set(want_themes), set(other.get(key, ()))
        for theme in want | got:
            counts = by_theme.setdefault(theme, Counts())
            if theme in want and theme in got:
                counts.tp += 1
            elif theme in got:
                counts.fp += 1
            else:
                counts.fn += 1
        if want != got:
            why = (evidence or {}).get(key, {})
            differences.append(
                Difference(
                    key, frozenset(want - got), frozenset(got - want), {t: why[t] for t in got - want if t in why}
                )
            )
    themes = by_theme.values()
    overall = Counts(sum(c.tp for c in themes), sum(c.fp for c in themes), sum(c.fn for c in themes))
    return Agreement(len(reference), overall, dict(sorted(by_theme.items())), differences)


Tagger = Callable[[str | None, str | None], Mapping[str, str]]


def tagged(records: Iterable[Labelled], tagger: Tagger) -> tuple[dict[str, set[str]], dict[str, dict[str, str]]]:
    """Each record's themes by ``tagger`` (recommendation, action → theme →
    its evidence), and that evidence."""
    themes, evidence = {}, {}
    for record in records:
        found = dict(tagger(record.recommendation, record.action))
        themes[record.id] = set(found)
        evidence[record.id] = found
    return themes, evidence


def labels_of(records: Iterable[Labelled]) -> dict[str, frozenset[str]]:
    return {r.id: r.themes for r in records}
