"""A record-level agreement measure for the scanned samples, where OCR may
drop a full stop: text fields agree when their token F1 is at least 0.9;
ref, target_date and status must be equal."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

EXACT = ("ref", "target_date", "status")
TEXT = ("section", "recommendation", "scope", "action", "lead", "milestones", "outcome")


def token_f1(a: str | None, b: str | None) -> float:
    ta = Counter(re.findall(r"[a-z0-9]+", (a or "").lower()))
    tb = Counter(re.findall(r"[a-z0-9]+", (b or "").lower()))
    if not ta and not tb:
        return 1.0
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    precision, recall = common / sum(ta.values()), common / sum(tb.values())
    return 2 * precision * recall / (precision + recall)


def field_agreement(got: list[dict[str, Any]], want: list[dict[str, Any]]) -> float:
    """Share of (record, field) pairs that agree, records paired in order."""
    right = total = 0
    for i, w in enumerate(want):
        g = got[i] if i < len(got) else {}
        for f in EXACT:
            total += 1
            right += g.get(f) == w.get(f)
        for f in TEXT:
            total += 1
            right += token_f1(g.get(f), w.get(f)) >= 0.9
    return right / total if total else 1.0
