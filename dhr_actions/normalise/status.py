"""Status: "complete", "ongoing" or None, read from the cells that state progress.

Policy (SCHEMA.md, "Status"): the target-date, outcome and RAG cells are read
whole; a progress/milestones cell counts only when its first line is nothing
but status words ("Completed /Ongoing"). "complete" wins when any of them says
complete or completed (negations such as "to be completed" excepted) or the
RAG column holds G / Green / Blue; otherwise "ongoing" when one says ongoing /
on going / in progress or the RAG column holds A / Amber / R / Red. Narrative
text in milestone columns is never guessed from.
"""

from __future__ import annotations

import re
from typing import Literal

Status = Literal["complete", "ongoing"]

_COMPLETE = re.compile(r"\bcomplete(?:d)?\b", re.I)
_NEGATED = re.compile(
    r"\b(?:not(?:\s+yet)?(?:\s+been)?|to\s+be|will\s+be|would\s+be|should\s+be|must\s+be|yet\s+to\s+be|be|being|awaiting|until|once|when|if)\s+complete(?:d)?\b",
    re.I,
)
_ONGOING = re.compile(r"\b(?:on[\s-]?going|in[\s-]progress|under\s*way|continuing)\b", re.I)
_STATUS_WORDS_ONLY = re.compile(
    r"^\s*(?:(?:complete(?:d)?|on[\s-]?going|in[\s-]progress|not\s+started|open|closed)\s*(?:[/,&+;-]|and)?\s*)+[.:]?\s*$",
    re.I,
)
_RAG_COMPLETE = {"g", "green", "blue", "b", "complete", "completed"}
_RAG_ONGOING = {"a", "amber", "r", "red", "a/g", "amber/green", "r/a", "red/amber"}


def says_complete(text: str | None) -> bool:
    if not text:
        return False
    cleaned = _NEGATED.sub(" ", text)
    return bool(_COMPLETE.search(cleaned))


def says_ongoing(text: str | None) -> bool:
    return bool(text and _ONGOING.search(text))


def rag_status(text: str | None) -> Status | None:
    """A RAG cell: its first word decides ("Green – signed off" is complete)."""
    if not text:
        return None
    first = re.split(r"[\s,;:()–-]+", text.strip().lower(), maxsplit=1)[0].strip(".")
    if first in _RAG_COMPLETE:
        return "complete"
    if first in _RAG_ONGOING:
        return "ongoing"
    return None


def status_word_line(text: str | None) -> str | None:
    """The first line of a progress cell when it is only status words."""
    lines = (text or "").strip().splitlines()
    if not lines:
        return None
    return lines[0] if _STATUS_WORDS_ONLY.match(lines[0]) else None


def status(
    target_date_text: str | None = None,
    outcome: str | None = None,
    rag: str | None = None,
    progress: str | None = None,
) -> Status | None:
    """The record's status under the policy above."""
    cells = [target_date_text, outcome, rag, status_word_line(progress)]
    from_rag = rag_status(rag)
    if from_rag == "complete" or any(says_complete(c) for c in cells):
        return "complete"
    if from_rag == "ongoing" or any(says_ongoing(c) for c in cells):
        return "ongoing"
    return None
