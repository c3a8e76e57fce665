"""`dhr progress`: were the actions done? Figures from the plans' histories.

Per document (all its versions together) or per partnership (copies of
one plan counted once): actions
complete, ongoing or with no status (as the last version that printed them
says), overdue (target passed, not complete), the median days from the
target first printed to completion (negative: early), actions whose target
date was revised, actions a later version silently dropped (left out
without being complete), and matches across versions that are uncertain.
``completion_over_time`` gives each partnership's share complete on each
date a version speaks for (over its plans held in several versions), for
the report's chart.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from ..normalise.dates import period_end
from ..store.repository import Store
from .copies import reviews
from .history import ActionHistory, histories, version_date
from .queries import snippet

BY = ("document", "partnership", "action")
FIGURES = (
    "actions",
    "complete",
    "ongoing",
    "no_status",
    "overdue",
    "median_days_to_complete",
    "revised",
    "dropped",
    "uncertain",
)


def progress(
    store: Store, by: str = "document", csp: str | None = None, as_of: date | None = None
) -> list[dict[str, Any]]:
    """The figures per document, per partnership, or one row per action
    (its history), as the plans stood on ``as_of`` (default: today)."""
    if by not in BY:
        raise ValueError(f"progress by {by!r}: one of {', '.join(BY)}")
    as_of = as_of or date.today()
    found = histories(store, csp, as_of)
    if by == "partnership":
        found = _one_copy(store, found)
    if by == "action":
        return [action_row(h, as_of) for h in found]
    key: Callable[[ActionHistory], tuple[str, ...]] = (
        (lambda h: (h.document, h.csp or "")) if by == "document" else (lambda h: (h.csp or "",))
    )
    groups: dict[tuple[str, ...], list[ActionHistory]] = defaultdict(list)
    for h in found:
        groups[key(h)].append(h)
    rows = []
    for k, members in sorted(groups.items()):
        head: dict[str, Any] = {"document": k[0], "csp": k[1] or None} if by == "document" else {"csp": k[0] or None}
        if by == "document":
            head["versions"] = len({s.version for h in members for s in h.sightings})
        else:
            head["documents"] = len({h.document for h in members})
        rows.append({**head, **figures(members, as_of)})
    return rows


def figures(actions: Iterable[ActionHistory], as_of: date) -> dict[str, Any]:
    """The progress figures of a set of actions on ``as_of``."""
    out: dict[str, Any] = dict.fromkeys(FIGURES, 0)
    delays: list[int] = []
    for h in actions:
        out["actions"] += 1
        state = state_of(h)
        out[state] += 1
        if is_overdue(h, as_of):
            out["overdue"] += 1
        if h.target_changes:
            out["revised"] += 1
        if h.uncertain:
            out["uncertain"] += 1
        first_target = next((s.target_date for s in h.sightings if s.target_date), None)
        done = h.completed_on
        if state == "complete" and done and first_target:
            delays.append((done - period_end(first_target)).days)
    out["median_days_to_complete"] = round(statistics.median(delays)) if delays else None
    return out


def state_of(h: ActionHistory) -> str:
    """complete, ongoing, no_status, or dropped (left out of a later
    version without being complete)."""
    if h.completed is not None:
        return "complete"
    if h.dropped:
        return "dropped"
    return "ongoing" if h.last_seen.status == "ongoing" else "no_status"


def action_row(h: ActionHistory, as_of: date) -> dict[str, Any]:
    """One action's history, flat: for ``--by action``."""
    return {
        "document": h.document,
        "csp": h.csp,
        "ref": h.ref,
        "first_seen": f"v{h.first_seen.version} {h.first_seen.on.isoformat()}",
        "statuses": " → ".join(f"v{s.version} {s.status or '-'}" for s in h.sightings),
        "state": state_of(h),
        "completed_on": h.completed_on.isoformat() if h.completed_on else None,
        "target_changes": "; ".join(f"{a} → {b}" for a, b in h.target_changes) or None,
        "overdue": is_overdue(h, as_of),
        "match": "uncertain" if h.uncertain else ("/".join(sorted({s.match for s in h.sightings[1:]})) or "new"),
        "action": snippet(h.action or h.recommendation or "", width=70),
    }


def completion_over_time(store: Store, csp: str | None = None) -> list[dict[str, Any]]:
    """Each partnership's actions and share complete on each date one of
    its plans' versions speaks for, over its plans held in two versions or
    more (a plan printed once says nothing of progress over time)."""
    found = _one_copy(store, histories(store, csp))
    versions: dict[str, set[int]] = defaultdict(set)
    for h in found:
        versions[h.document].update(s.version for s in h.sightings)
    by_csp: dict[str, list[ActionHistory]] = defaultdict(list)
    for h in found:
        if len(versions[h.document]) >= 2:
            by_csp[h.csp or ""].append(h)
    rows = []
    for name, members in sorted(by_csp.items()):
        for on in sorted({s.on for h in members for s in h.sightings}):
            then = [x for x in (h.at(on) for h in members) if x is not None]
            done = sum(1 for x in then if x.completed is not None)
            rows.append(
                {"csp": name or None, "on": on, "actions": len(then), "complete": done, "share": done / len(then)}
            )
    return rows


def load_progress(db: str | Store, by: str = "document", as_of: date | None = None) -> Any:
    """``progress`` as a pandas DataFrame, for notebooks."""
    import pandas as pd

    store = db if isinstance(db, Store) else Store(db, create=False)
    try:
        return pd.DataFrame(progress(store, by, as_of=as_of))
    finally:
        if not isinstance(db, Store):
            store.close()


def _one_copy(store: Store, found: list[ActionHistory]) -> list[ActionHistory]:
    """The histories of the documents that stand for their reviews: a
    partnership's figures count a plan once however many files print it."""
    standing = {r.key for r in reviews(store)}
    return [h for h in found if h.document in standing]


def is_overdue(h: ActionHistory, as_of: date) -> bool:
    """Still open (ongoing or with no status) on ``as_of``, and the target
    the last version printed has passed."""
    target = h.last_seen.target_date
    return state_of(h) in ("ongoing", "no_status") and bool(target) and period_end(target) < as_of  # type: ignore[arg-type]


__all__ = ["completion_over_time", "figures", "load_progress", "progress", "version_date"]
