"""A learned layer over the taxonomy's phrases, fitted to labelled records.

The phrases stay the first, explainable layer. A researcher with a coding
frame of their own (or this project, with its labelled sets) fits, for
each theme on which the labels and the phrases disagree often enough, a
regularised logistic regression over the record's words (single words and
pairs) and the phrase layer's own tags; the other themes follow their
phrases as before, so a model changes tags only where its labels taught it
to. Every tag keeps its evidence: the phrase, when the phrase weighed most
in the decision, else the words that did.

Fitting needs scikit-learn; tagging with a fitted model does not (the model
is a JSON file of weights). ``estimate`` cross-validates, records grouped
by id so that two readers' labels of one record never sit on both sides of
a split: the figure a model is judged by is never its training figure.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from .evaluation import Counts, Labelled
from .themes import Tag, Taxonomy

MODEL_FORMAT = "dhr-theme-model/1"
PHRASE_FEATURE = "phrase:"  # + a theme key: the phrase layer tagged that theme


class ModelError(ValueError):
    """A model file that cannot be used; the message is one line naming it."""


@dataclass(frozen=True)
class LearnSettings:
    """How a theme model is fitted, each value with its reason."""

    # Word n-grams up to this length: pairs catch "information sharing",
    # "risk assessment" where single words are ambiguous.
    ngram_max: int = 2
    # Inverse regularisation strength, scikit-learn's default: on the shared
    # readers' records, cross-validated, 10 did no better, and a weaker
    # penalty lets a few dozen records' words outweigh the phrases.
    c: float = 1.0
    # A theme gets a model only when the labels and the phrases disagree on
    # it in at least this many records (one disagreement is an exception,
    # not a pattern) ...
    min_disagreements: int = 2
    # ... and the labels give it, and withhold it, at least this many times
    # each (a model needs examples of both).
    min_examples: int = 3
    # The phrase layer's tag as a feature is worth this much against the
    # words (which share one unit between them): the phrases are the prior a
    # model corrects, and cheap for the regulariser to keep.
    phrase_value: float = 3.0
    # Folds of the cross-validated estimate (fewer when there are fewer records).
    folds: int = 5

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise ValueError(f"LearnSettings.{f.name}: {value!r} must be a positive number")
        if self.folds < 2:
            raise ValueError("LearnSettings.folds: must be at least 2")


@dataclass(frozen=True)
class ThemeModel:
    intercept: float
    weights: dict[str, float]


@dataclass(frozen=True)
class ThemeModels:
    """The learned layer: a model for each theme its labels taught, over the
    phrases of the taxonomy with digest ``taxonomy``."""

    taxonomy: str
    themes: dict[str, ThemeModel]
    settings: LearnSettings = field(default_factory=LearnSettings)
    trained_on: int = 0  # labelled records

    @property
    def digest(self) -> str:
        return hashlib.sha256(json.dumps(self.as_json(), sort_keys=True).encode()).hexdigest()[:12]

    def tag(self, taxonomy: Taxonomy, *texts: str | None) -> list[Tag]:
        """The record's tags: each theme with a model by its model, the
        others by their phrases."""
        phrased = {t.theme: t for t in taxonomy.tag(*texts)}
        values = _row(record_features(texts, phrased, self.settings.ngram_max), self.settings)
        out = []
        for theme in taxonomy.themes:
            model = self.themes.get(theme.key)
            if model is None:
                if theme.key in phrased:
                    out.append(phrased[theme.key])
                continue
            weighed = [(model.weights[f] * v, f) for f, v in values.items() if f in model.weights]
            if model.intercept + sum(w for w, _f in weighed) > 0:
                out.append(Tag(theme.key, _evidence(weighed, phrased.get(theme.key))))
        return out

    def as_json(self) -> dict[str, Any]:
        return {
            "format": MODEL_FORMAT,
            "taxonomy": self.taxonomy,
            "settings": asdict(self.settings),
            "trained_on": self.trained_on,
            "themes": {k: {"intercept": m.intercept, "weights": m.weights} for k, m in sorted(self.themes.items())},
        }

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.as_json(), indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _evidence(weighed: list[tuple[float, str]], phrase: Tag | None) -> str:
    """Why a model gave its theme: the phrase, when it weighed most; else
    the words that weighed most for it."""
    ranked = sorted((w, f) for w, f in weighed if w > 0)[::-1]
    if phrase is not None and ranked and ranked[0][1].startswith(PHRASE_FEATURE):
        return phrase.phrase
    words = [f for _w, f in ranked if not f.startswith(PHRASE_FEATURE)][:3]
    return "learned: " + ", ".join(words) if words else "learned"


def load_model(path: Path) -> ThemeModels:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ModelError(f"{path}: cannot read it: {exc.strerror or exc}") from exc
    except json.JSONDecodeError as exc:
        raise ModelError(f"{path}: not a theme model (not JSON: {exc.msg})") from exc
    if not isinstance(raw, dict) or raw.get("format") != MODEL_FORMAT:
        raise ModelError(f"{path}: not a theme model ({MODEL_FORMAT}); make one with `dhr themes learn`")
    try:
        themes = {
            str(k): ThemeModel(float(m["intercept"]), {str(f): float(w) for f, w in m["weights"].items()})
            for k, m in raw["themes"].items()
        }
        return ThemeModels(str(raw["taxonomy"]), themes, LearnSettings(**raw["settings"]), int(raw["trained_on"]))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ModelError(f"{path}: a theme model with a bad field: {exc}") from exc


def check_model(model: ThemeModels, taxonomy: Taxonomy, where: Path) -> ThemeModels:
    """``model``, when it was learned over ``taxonomy``'s phrases (its
    features are their tags)."""
    if model.taxonomy != taxonomy.digest:
        raise ModelError(
            f"{where}: learned over taxonomy {model.taxonomy}, not {taxonomy.digest}; learn it again with this one"
        )
    return model


_TOKEN = re.compile(r"[a-z][a-z'\u2019-]*[a-z]|[a-z]")


def record_features(texts: Iterable[str | None], phrased: Iterable[str], ngram_max: int) -> set[str]:
    """A record's features: its words and runs of words up to ``ngram_max``
    long, lower case, and the themes its phrases tag."""
    out = {PHRASE_FEATURE + theme for theme in phrased}
    for text in texts:
        tokens = _TOKEN.findall((text or "").lower())
        for n in range(1, ngram_max + 1):
            out.update(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return out


def _row(features: set[str], settings: LearnSettings) -> dict[str, float]:
    """A record's feature values: its words share one unit of weight
    (a long record's words each count less), its phrase tags
    ``phrase_value`` each."""
    words = [f for f in features if not f.startswith(PHRASE_FEATURE)]
    value = 1 / math.sqrt(len(words)) if words else 0.0
    row = dict.fromkeys(words, value)
    row.update(dict.fromkeys((f for f in features if f.startswith(PHRASE_FEATURE)), settings.phrase_value))
    return row


def learn(records: Sequence[Labelled], taxonomy: Taxonomy, settings: LearnSettings | None = None) -> ThemeModels:
    """A model for each theme the labels teach (``LearnSettings``): fitted
    to every record's features, its labels the target."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    settings = settings or LearnSettings()
    phrased = [{t.theme for t in taxonomy.tag(r.recommendation, r.action)} for r in records]
    rows = [
        _row(record_features((r.recommendation, r.action), p, settings.ngram_max), settings)
        for r, p in zip(records, phrased, strict=True)
    ]
    vectors = DictVectorizer()
    x = vectors.fit_transform(rows)
    names = vectors.get_feature_names_out()
    models: dict[str, ThemeModel] = {}
    for theme in taxonomy.themes:
        y = [theme.key in r.themes for r in records]
        disagree = sum(want != (theme.key in p) for want, p in zip(y, phrased, strict=True))
        given = sum(y)
        if disagree < settings.min_disagreements or min(given, len(y) - given) < settings.min_examples:
            continue
        if not _beats_phrases(x, y, [theme.key in p for p in phrased], [r.id for r in records], settings):
            continue
        fit = LogisticRegression(C=settings.c, max_iter=2000).fit(x, y)
        weights = {str(names[i]): float(w) for i, w in enumerate(fit.coef_[0]) if abs(w) > 1e-9}
        models[theme.key] = ThemeModel(float(fit.intercept_[0]), weights)
    return ThemeModels(taxonomy.digest, models, settings, len(records))


def _beats_phrases(x: Any, y: list[bool], phrased: list[bool], ids: list[str], settings: LearnSettings) -> bool:
    """Does a model of one theme, cross-validated within the records it is
    learned from, agree with their labels better (F1) than the phrases do?
    A model kept only then can only help on average, however few records
    there are to learn from."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    folds = min(settings.folds, len(set(ids)))
    predicted = [False] * len(y)
    for train, test in GroupKFold(n_splits=folds).split(y, groups=ids):
        target = [y[i] for i in train]
        if len(set(target)) < 2:
            return False
        fit = LogisticRegression(C=settings.c, max_iter=2000).fit(x[train], target)
        for i, p in zip(test, fit.predict(x[test]), strict=True):
            predicted[i] = bool(p)
    return (Counts.of(y, predicted).f1 or 0.0) > (Counts.of(y, phrased).f1 or 0.0)


def estimate(
    records: Sequence[Labelled], taxonomy: Taxonomy, settings: LearnSettings | None = None
) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Cross-validated tags: each record tagged by a model learned without
    it (nor any other labelling of it), and by the phrases alone; as
    (record index → themes) for the model and for the phrases."""
    from sklearn.model_selection import GroupKFold

    settings = settings or LearnSettings()
    groups = [r.id for r in records]
    folds = min(settings.folds, len(set(groups)))
    learned: dict[str, set[str]] = {}
    phrases: dict[str, set[str]] = {}
    for train, test in GroupKFold(n_splits=folds).split(records, groups=groups):
        model = learn([records[i] for i in train], taxonomy, settings)
        for i in test:
            r = records[i]
            learned[str(i)] = {t.theme for t in model.tag(taxonomy, r.recommendation, r.action)}
            phrases[str(i)] = {t.theme for t in taxonomy.tag(r.recommendation, r.action)}
    return learned, phrases
