"""Every threshold the finder and the OCR judge by lives in one validated
settings object per stage, each with the reason for its value."""

from __future__ import annotations

import inspect
import re

import pytest

from dhr_actions.ingest.ocr.settings import OcrSettings
from dhr_actions.ingest.safety.inflation import SafetySettings
from dhr_actions.model.settings import LayoutSettings

SETTINGS = [LayoutSettings, OcrSettings, SafetySettings]


@pytest.mark.parametrize("cls", SETTINGS, ids=lambda c: c.__name__)
def test_every_value_says_why(cls: type) -> None:
    """A field is explained by a comment on its line or by the comment that
    opens its group of lines (fields one comment explains together)."""
    lines = inspect.getsource(cls).splitlines()
    unexplained = []
    for n, line in enumerate(lines):
        m = re.match(r"^    (\w+): [^=]+ = ", line)
        if not m or "#" in line:
            continue
        k = n - 1
        while k > 0 and re.match(r"^    \w+: [^=]+ = ", lines[k]):
            k -= 1
        if not lines[k].strip().startswith("#"):
            unexplained.append(m.group(1))
    assert unexplained == []


@pytest.mark.parametrize("cls", SETTINGS, ids=lambda c: c.__name__)
def test_defaults_are_valid_and_nonsense_is_refused(cls: type) -> None:
    default = cls()
    name = next(f for f in vars(default) if isinstance(getattr(default, f), float))
    with pytest.raises((ValueError, TypeError), match=name):
        cls(**{name: -1.0})


def test_shares_are_fractions() -> None:
    with pytest.raises(ValueError, match="panel_min_level_share"):
        LayoutSettings(panel_min_level_share=1.5)
    with pytest.raises(ValueError, match="legible_share"):
        OcrSettings(legible_share=2.0)
    with pytest.raises(ValueError, match="missed_min_height"):
        OcrSettings(missed_min_height=3.0)
