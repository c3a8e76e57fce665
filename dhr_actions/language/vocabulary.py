"""What action-plan column headers say, field by field.

Shared by ingest/ (is this line of text a table header?) and normalise/
(which column holds which field?). Each field has phrases with weights; a
header label is scored against every field, and the best phrase found is kept
so that a mapping can always say why it was made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# (phrase, weight). Phrases are matched on word boundaries, case-insensitively.
# Longer, more specific phrases carry more weight so that "Key milestones
# achieved in enacting recommendation" is a milestones column, not a
# recommendation column, and "Target completion date" is a date, not an outcome.
# ``rag`` is a column that only states progress (RAG rating, status): it
# feeds ``status``.
PHRASES: dict[str, tuple[tuple[str, float], ...]] = {
    "ref": (
        ("ref", 3.0),
        ("reference", 3.0),
        ("rec no", 3.0),
        ("recommendation no", 3.0),
        ("recommendation number", 3.0),
        ("no", 2.0),
        ("number", 2.0),
        ("#", 2.0),
        ("item", 1.5),
        ("id", 1.5),
    ),
    "recommendation": (
        ("recommendation", 2.5),
        ("recommendations", 2.5),
        ("learning", 2.0),
        ("learning point", 2.5),
        ("lessons learned", 2.5),
        ("finding", 2.0),
        ("issue", 1.5),
    ),
    "scope": (
        ("scope", 3.0),
        ("scope of recommendation", 4.0),
        ("local regional national", 3.0),
        ("local or national", 3.0),
        ("level", 1.0),
    ),
    "action": (
        ("action", 2.5),
        ("actions", 2.5),
        ("action to take", 3.5),
        ("actions to take", 3.5),
        ("action required", 3.5),
        ("action required by agency", 4.0),
        ("smart action", 3.5),
        ("key actions", 3.5),
        ("proposed action", 3.5),
        ("activity", 1.5),
        ("tasks", 1.5),
        # Plain-English plans name the action column by what it says.
        ("what we will do", 3.0),
        ("what will be done", 3.0),
        ("how", 0.5),
    ),
    "lead": (
        ("lead", 2.5),
        ("lead agency", 3.5),
        ("lead officer", 3.5),
        ("implementation lead", 3.5),
        ("agency", 2.0),
        ("owner", 3.0),
        ("responsible", 3.0),
        ("responsible officer", 3.5),
        ("responsibility", 3.0),
        ("by whom", 3.0),
        ("who", 1.5),
        ("officer", 1.5),
    ),
    "milestones": (
        ("milestone", 3.0),
        ("milestones", 3.0),
        ("key milestones", 3.5),
        ("progress", 2.5),
        ("progress update", 3.5),
        ("update", 2.0),
        ("summary of action taken", 4.0),
        ("action taken", 3.5),
        ("monitoring", 1.5),
        ("success measure", 2.5),
        ("measure of success", 2.5),
        ("how will", 1.5),
    ),
    "target_date_text": (
        ("target", 2.5),
        ("target date", 3.5),
        ("target dates", 3.5),
        ("target completion date", 4.0),
        ("date", 2.0),
        ("dates", 2.0),
        ("timescale", 3.0),
        ("timescales", 3.0),
        ("timeframe", 3.0),
        ("deadline", 3.0),
        ("by when", 3.0),
        ("when", 1.5),
        ("due", 2.0),
    ),
    "outcome": (
        ("outcome", 3.0),
        ("outcomes", 3.0),
        ("date of completion", 3.5),
        ("date completed", 3.5),
        ("evidence", 2.5),
        ("status evidence", 3.5),
        ("impact", 2.0),
        ("result", 1.5),
    ),
    "rag": (
        ("rag", 3.5),
        ("rag rating", 4.0),
        ("rag status", 4.0),
        ("completion rag", 4.0),
        ("status", 2.5),
        ("rating", 2.0),
        ("complete", 1.5),
        ("completion", 1.5),
    ),
}

# Phrases that name a field only where no other label names it by one of
# its own: a column of learning, findings or issues beside the column of
# recommendations is not the recommendations ("Lessons learned" |
# "Recommendation"); alone, it is what the plan recommends from.
STAND_INS: dict[str, frozenset[str]] = {
    "recommendation": frozenset({"learning", "learning point", "lessons learned", "finding", "issue"}),
}

_WORD = re.compile(r"[a-z0-9#]+")


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("&", " and "))


_PHRASE_WORDS: dict[str, tuple[tuple[tuple[str, ...], str, float], ...]] = {
    fld: tuple((tuple(_tokens(p)), p, w) for p, w in phrases) for fld, phrases in PHRASES.items()
}
_VOCABULARY = frozenset(w for phrases in _PHRASE_WORDS.values() for pwords, _p, _w in phrases for w in pwords)
# A word broken over two lines of a narrow header cell, or printed as two
# runs with a gap, comes in up to this many pieces.
MAX_WORD_PIECES = 3


def _words(text: str) -> list[str]:
    """The label's words, with a vocabulary word that a narrow column broke
    ("Recommendat ion", "Recommen dation", "Time scale") mended: pieces
    are joined when together they spell a header word and one of them alone
    is not one."""
    tokens = _tokens(text)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for n in range(min(MAX_WORD_PIECES, len(tokens) - i), 1, -1):
            pieces = tokens[i : i + n]
            whole = _misread("".join(pieces))
            if whole in _VOCABULARY and any(_misread(p) not in _VOCABULARY for p in pieces):
                out.append(whole)
                i += n
                break
        else:
            out.extend(_misread(tokens[i]).split())
            i += 1
    return out


# A header word this long that OCR misread by one letter ("timeseale",
# "recommendatlon"), or that its cell cut short ("recommendat"), is the
# vocabulary word it is one edit from or begins, when it is no English word
# of its own; two run together ("actionto") are parted.
MISREAD_MIN_LETTERS = 6


@lru_cache(maxsize=4096)
def _misread(token: str) -> str:
    if token in _VOCABULARY or len(token) < MISREAD_MIN_LETTERS or not token.isalpha():
        return token
    from .lexicon import COMMON, is_word

    if is_word(token):
        return token
    near = _one_edit_away(token)
    if len(near) == 1:
        return near.pop()
    # A word cut short: clipped at a narrow cell's edge ("Recommendat"),
    # or abbreviated ("Responsib."), it begins one header word (or one and
    # its plural) and is no English word of its own.
    whole = _completed(token)
    if whole:
        return whole
    # Two words run together where OCR missed the space ("actionto take").
    for k in range(3, len(token) - 1):
        head, tail = token[:k], token[k:]
        if head in _VOCABULARY and (tail in _VOCABULARY or is_word(tail, COMMON)):
            return f"{head} {tail}"
    return token


# A cut word keeps at least this share of the word it begins: "recommendat"
# (11 of 14 letters) is that word; "respon" could begin several.
CUT_MIN_SHARE = 0.6


def _completed(token: str) -> str | None:
    """The one header word ``token`` is the start of, if it is one."""
    begun = sorted((w for w in _BY_INITIAL.get(token[:1], ()) if w.startswith(token)), key=len)
    if begun and all(w.startswith(begun[0]) for w in begun) and len(token) >= CUT_MIN_SHARE * len(begun[0]):
        return begun[0]
    return None


# The vocabulary by its words' first letters, and by all but their first
# letter: a word one edit from a token shares its first letter with it, or
# differs from it only there (``_one_edit_away``). Prose has many tokens
# that are no header word, and each is looked up, not compared with every
# word of the vocabulary.
_BY_INITIAL: dict[str, list[str]] = {}
_BY_TAIL: dict[str, list[str]] = {}
for _w in sorted(_VOCABULARY):
    _BY_INITIAL.setdefault(_w[:1], []).append(_w)
    _BY_TAIL.setdefault(_w[1:], []).append(_w)


def _one_edit_away(token: str) -> set[str]:
    """The vocabulary words one substitution, insertion or deletion from
    ``token``."""
    near = {w for w in _BY_INITIAL.get(token[:1], ()) if abs(len(w) - len(token)) <= 1 and _one_edit(token, w)}
    near.update(_BY_TAIL.get(token[1:], ()))  # the first letter changed
    near.update(_BY_TAIL.get(token, ()))  # the first letter left out
    if token[1:] in _VOCABULARY:  # a letter before the first
        near.add(token[1:])
    near.discard(token)
    return near


def _one_edit(a: str, b: str) -> bool:
    """Are ``a`` and ``b`` one substitution, insertion or deletion apart?"""
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:k] + long_[k + 1 :] == short for k in range(len(long_)))


# Phrases by their first word, so that a label is scanned once.
_PHRASES_BY_FIRST_WORD: dict[str, list[tuple[str, int, tuple[str, ...], str, float]]] = {}
for _fld, _phrases in _PHRASE_WORDS.items():
    for _index, (_pwords, _phrase, _weight) in enumerate(_phrases):
        if _pwords:
            _PHRASES_BY_FIRST_WORD.setdefault(_pwords[0], []).append((_fld, _index, _pwords, _phrase, _weight))


@dataclass(frozen=True)
class FieldScore:
    field: str
    score: float
    phrase: str


def field_scores(label: str) -> list[FieldScore]:
    """Score one header label against every field, best first (see
    ``_scored``)."""
    return list(_scored(label))


# Labels scored, remembered: a document's lines are scored by triage, by the
# header reader and by the panel finder, and its running heads and column
# labels recur on every page.
SCORED_LABELS_KEPT = 1 << 15


@lru_cache(maxsize=SCORED_LABELS_KEPT)
def _scored(label: str) -> tuple[FieldScore, ...]:
    """Score one header label against every field, best first.

    A phrase found at the very start of the label counts one and a half
    times: headers lead with what the column is ("Scope of recommendation").
    Each phrase counts at its first occurrence; within a field the best
    score wins, the earlier phrase on a tie.
    """
    words = _words(label)
    best: dict[str, tuple[float, int, str]] = {}
    seen: set[tuple[str, int]] = set()
    for start, word in enumerate(words):
        for fld, index, pwords, phrase, weight in _PHRASES_BY_FIRST_WORD.get(word, ()):
            if (fld, index) in seen or tuple(words[start : start + len(pwords)]) != pwords:
                continue
            seen.add((fld, index))
            score = weight * (1.5 if start == 0 else 1.0)
            current = best.get(fld)
            if current is None or score > current[0] or (score == current[0] and index < current[1]):
                best[fld] = (score, index, phrase)
    out = [FieldScore(fld, best[fld][0], best[fld][2]) for fld in _PHRASE_WORDS if fld in best and best[fld][0] > 0]
    out.sort(key=lambda s: -s.score)
    return tuple(out)


def best_field(label: str) -> FieldScore | None:
    scores = _scored(label)
    return scores[0] if scores else None


# Words that make a line of text look like the header of an action plan.
HEADER_CORE_FIELDS = frozenset({"recommendation", "action"})


def header_fields(labels: list[str], min_score: float) -> int:
    """How many fields a row of header labels names, each matched with at
    least ``min_score``; 0 unless one of them is a core field."""
    fields = set()
    for label in labels:
        best = best_field(label)
        if best and best.score >= min_score:
            fields.add(best.field)
    return header_field_count(fields)


def header_field_count(fields: set[str] | frozenset[str]) -> int:
    """How many of ``fields`` count towards a header: all of them when one
    is a core field, else none."""
    return len(fields) if fields & HEADER_CORE_FIELDS else 0


def header_strength(labels: list[str], min_score: float) -> tuple[int, float]:
    """How strongly a row of labels reads as a header: the fields it names
    (as ``header_fields``), then how surely ("Target date" names the target
    date more surely than "date")."""
    best = [b for b in map(best_field, labels) if b and b.score >= min_score]
    return header_fields(labels, min_score), sum(b.score for b in best)


# A line that names the document rather than a part of the plan: its type
# ("Action Plan", "tracker", "Domestic Homicide Review", "DHR 07"), a version
# or an update ("Version 3.2", "Updated 19.3.18", "Position as at May 2022"),
# a date. Such lines above a table are the document's title, never a section.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
DOCUMENT_TITLE = re.compile(
    r"\baction\s+plan\b|\btracker\b|\bdomestic\s+homicide\s+review\b|\bDHR\b|\bversion\b|\bv\d+(?:\.\d+)?\b"
    r"|\bupdated\b|\bas\s+at\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b" + _MONTH + r"\s+(?:19|20)\d\d\b",
    re.I,
)


# A protective marking: the UK Government Security Classifications
# (OFFICIAL, OFFICIAL-SENSITIVE, SECRET, TOP SECRET) and the older marking
# scheme (PROTECT, RESTRICTED, CONFIDENTIAL, NOT PROTECTIVELY MARKED),
# alone on its line, perhaps with a descriptor ("OFFICIAL-SENSITIVE:
# PERSONAL"). Word prints it in every page's header band, often just above
# a table's repeated header: it marks the document's handling, never a
# section of the plan.
PROTECTIVE_MARKING = re.compile(
    r"^\s*(?:official(?:\s*[-–—:]?\s*sensitive)?|(?:top\s+)?secret|protect|restricted|confidential"
    r"|(?:not\s+)?protectively\s+marked|unclassified)(?:\s*[-–—:/]\s*[a-z]+(?:\s+[a-z]+){0,2})?\s*$",
    re.I,
)
