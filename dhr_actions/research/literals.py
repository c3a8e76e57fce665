"""Screening regular expressions by the literal text they need.

A taxonomy holds hundreds of phrases, and Python's ``re`` tries each at
every position of a record's text. Most phrases cannot match without some
literal word ("chronolog", "IDVA", one of a class of agencies), and asking
whether a text holds a word is a substring test done in C. So each pattern
is read once, with the standard library's own parser, for the literals a
match must contain (one of them, at least); a text holding none of them is
not searched. The screen only ever skips a search that would have failed:
anything it cannot read (a back-reference, an unknown construct, a class of
characters) counts as needing nothing, and texts are compared case-folded,
so that a case-insensitive pattern loses nothing (literals are read in
ASCII only, where ``re``'s folding is known exactly).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

# The parser ``re.compile`` itself uses (private, hence untyped; the
# screen falls back to searching everything if it ever reads otherwise).
_p: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

# Characters that ``re.IGNORECASE`` matches to an ASCII letter although
# ``str.lower`` does not give that letter (dotted and dotless i, long s,
# the Kelvin sign). tests/test_literals.py checks this list against every
# code point.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}

Needles = frozenset[str]


def fold(text: str) -> str:
    """``text`` as the screen compares it: lower case, with the few
    characters ``re`` folds to an ASCII letter written as that letter."""
    return text.translate(_FOLD).lower()


def _selectivity(needles: Collection[str]) -> tuple[int, int]:
    """How few texts a requirement lets through, roughly: a literal of
    three letters or more is rare enough ("dwp", "chronolog"), then fewer
    alternatives are better."""
    return min(min(map(len, needles)), 3), -len(needles)


def _best(requirements: list[Needles]) -> Needles | None:
    return max(requirements, key=_selectivity, default=None)


def _sequence(items: Any) -> list[Needles]:
    """What a sequence of parsed items needs: every item's requirement (a
    run of literals counts as one item), all of which a match meets."""
    needs: list[Needles] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            needs.append(frozenset({fold("".join(run))}))
            run.clear()

    for op, av in items:
        if op is _c.LITERAL and av < 128:
            run.append(chr(av))
            continue
        flush()
        if op is _c.SUBPATTERN:
            needs += _sequence(av[-1])
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            needs += _sequence(av)
        elif op is _c.BRANCH:
            # A match takes one branch: it meets one of the branches' best
            # requirements, so their union is required.
            branches = [_best(_sequence(b)) for b in av[1]]
            if all(branches):
                needs.append(frozenset(n for b in branches if b for n in b))
        elif op in _REPEATS and av[0] >= 1:
            needs += _sequence(av[2])
        # Anything else (a class of characters, any character, an anchor, a
        # look-around, a back-reference, a letter outside ASCII, whose case
        # ``re`` may fold otherwise than ``str.lower``) needs no literal text.
    flush()
    return needs


# More requirements screen more texts out but cost substring tests each:
# on the plan PDFs' records, the second requirement halves the searches
# left after the first, and a third saves less than it costs.
MAX_REQUIREMENTS = 2


def required_literals(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """What every match of ``pattern`` contains: for each requirement (the
    most selective first), case-folded literals one of which it holds.
    Empty when it needs nothing the screen can read."""
    try:
        needs = _sequence(_p.parse(pattern.pattern, pattern.flags))
    except Exception:  # a construct the parser of this Python reads otherwise
        return ()
    # One character screens nothing out.
    useful = sorted({tuple(sorted(n)) for n in needs if min(map(len, n)) >= 2})
    useful.sort(key=_selectivity, reverse=True)  # stable: ties in literal order
    return tuple(useful[:MAX_REQUIREMENTS])


@dataclass(frozen=True)
class Screened:
    """A compiled pattern with the literals a match needs."""

    pattern: re.Pattern[str]
    needs: tuple[tuple[str, ...], ...] = field(default=(), compare=False)

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> Screened:
        return cls(pattern, required_literals(pattern))

    def may_match(self, folded: str) -> bool:
        """False only when the text (as ``fold`` gives it) cannot hold a match."""
        for needles in self.needs:
            for needle in needles:
                if needle in folded:
                    break
            else:
                return False
        return True

    def search(self, text: str, folded: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.may_match(folded) else None
