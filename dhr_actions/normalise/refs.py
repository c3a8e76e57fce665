"""References: "1.", "Recommendation No 3", "R3.1", and action codes "2A – …".

Policy (SCHEMA.md): a ref is the row's own printed reference with words like
"Recommendation No", "No.", "Ref" and a trailing "." stripped. When an action
cell opens with a code ("2A – Further embed…") that code is the row's ref and
the code's leading number names the recommendation it sits under.
"""

from __future__ import annotations

import re

_PREFIX = r"(?:(?:recommendation|recommend|rec|ref(?:erence)?|action|item)\.?\s*(?:no\.?|number|#)?\s*|no\.?\s*|#\s*)"
# A reference: a number, with dotted parts and a letter ("3", "3.2", "2A"),
# after an agency's prefix of up to four letters ("R3.1", "NP1", "ICB1",
# "CSC2") that is not a month ("Dec20" is a date).
_MONTH_PREFIX = r"(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\d)"
_REF = rf"{_MONTH_PREFIX}[A-Z]{{0,4}}\d{{1,3}}(?:\.\d{{1,3}})*[A-Za-z]?"
_DASH = r"[-–—:.)]"

# A whole cell that is only a reference.
_REF_CELL = re.compile(rf"^\s*\(?\s*{_PREFIX}?(?P<ref>{_REF})\s*\)?\s*[.:)]?\s*$", re.I)
# A reference opening a longer text: needs a separator ("3 - ", "1. ", "4)")
# or a prefix word ("Recommendation No 4 Worcestershire…").
_LEADING_WITH_PREFIX = re.compile(
    rf"^\s*(?:(?:recommendation|rec)\.?\s*(?:no\.?|number)?|ref\.?)\s*(?P<ref>{_REF})\s*{_DASH}?\s*", re.I
)
_LEADING_WITH_DASH = re.compile(rf"^\s*\(?(?P<ref>{_REF})\s*(?:\)\s*|\s*{_DASH}\s+|\s+[-–—]\s*)")
# Action codes carry a letter or a dotted part: "2A", "1e", "R3.1", "3.2".
_ACTION_CODE = re.compile(
    r"^\s*\(?(?P<ref>(?:\d{1,3}[A-Za-z]|[A-Z]{1,2}\d{1,3}(?:\.\d{1,3})*[a-z]?|\d{1,3}(?:\.\d{1,3})+))\)?"
    r"\s*(?:[-–—:)]\s*|\.\s+|\s+(?=\S))"
)
_LEADING_NUMBER = re.compile(r"^[A-Z]{0,4}?(\d{1,3})")


def normalise_ref(text: str | None) -> str | None:
    """``" Recommendation No 3."`` → ``"3"``; ``"1e"`` → ``"1E"``; not a ref → None."""
    if not text:
        return None
    m = _REF_CELL.match(" ".join(text.split()))
    if not m:
        return None
    return _canonical(m.group("ref"))


# OCR reads a reference cell with specks for quotes and dashes ("‘R1",
# "-ICB1", "NP1 7") and the digit one as a letter ("Rl", "R1.l", "NPI").
_OCR_JUNK = "‘’'\"`-–—.,_·*~|: "
_OCR_REF = re.compile(r"^(?P<prefix>[A-Z]{0,4}?)(?P<number>[0-9lI|O](?:[0-9lI|O.]*[0-9lI|O])?)(?P<letter>[A-Za-z]?)$")
_OCR_DIGITS = str.maketrans({"l": "1", "I": "1", "|": "1", "O": "0"})


def normalise_ocr_ref(text: str | None) -> str | None:
    """A reference cell as OCR read it: its first word, specks stripped,
    one-like letters in its number read as ones; None when that is no
    reference either."""
    if not text:
        return None
    exact = normalise_ref(text)
    if exact is not None:
        return exact
    words = [w.strip(_OCR_JUNK) for w in text.split()]
    words = [w for w in words if w]
    if not words:
        return None
    m = _OCR_REF.match(words[0])
    # Without a digit, only a prefix and one one-like letter ("Rl"): "All"
    # is no "A11".
    if not m or not (
        any(ch.isdigit() for ch in m.group("number")) or (m.group("prefix") and len(m.group("number")) == 1)
    ):
        return normalise_ref(words[0])
    return normalise_ref(m.group("prefix") + m.group("number").translate(_OCR_DIGITS) + m.group("letter"))


# Specks OCR reads before a cell's opening reference and between a code and
# its dash: "‘6A - Work", ".4 - Professionals", "2A.- Further", "4A'- GSCB",
# "‘7. Schools".
_SPECKS_BEFORE = r"[\s‘’'\"`.,_·*~]*"
_SPECK_AFTER = r"[.’‘'`,_·*~]"
_SPECKED_OPENING = re.compile(
    rf"^{_SPECKS_BEFORE}(?P<ref>\d{{1,3}}[A-Za-z]?)(?:{_SPECK_AFTER}+\s*(?=[-–—])|\s*(?=[-–—])"
    rf"|(?<=[\d])(?P<stop>\.)\s+(?=[A-Z]))"
)


def unspecked_opening(text: str) -> str:
    """An OCR'd cell's opening reference cleared of the specks around it
    (``_SPECKED_OPENING``), so that it splits off as a printed one would."""
    m = _SPECKED_OPENING.match(text or "")
    return text if not m else m.group("ref") + (". " if m.group("stop") else " ") + text[m.end() :]


def split_leading_ref(text: str) -> tuple[str | None, str]:
    """Split a reference off the start of a recommendation text.

    ``"2 - The need for…"`` → ``("2", "The need for…")``;
    ``"Recommendation No 4 Worcestershire…"`` → ``("4", "Worcestershire…")``.
    """
    if not text:
        return None, text
    for pattern in (_LEADING_WITH_PREFIX, _LEADING_WITH_DASH):
        m = pattern.match(text)
        # Both patterns demand a separator or a prefix word, so a text
        # opening in lower case ("3. fCAF should…") is still a reference.
        if m and _plausible(m.group("ref"), text[m.end() :], separated=True):
            return _canonical(m.group("ref")), text[m.end() :].lstrip()
    whole = normalise_ref(text)
    if whole:
        return whole, ""
    return None, text


def split_action_code(text: str) -> tuple[str | None, str]:
    """``"2A – Further embed…"`` → ``("2A", "Further embed…")``."""
    if not text:
        return None, text
    m = _ACTION_CODE.match(text)
    if m is None:
        return None, text
    separated = bool(re.search(r"[-–—:).]", text[m.end("ref") : m.end()]))
    if not _plausible(m.group("ref"), text[m.end() :], separated):
        return None, text
    return _canonical(m.group("ref")), text[m.end() :].lstrip()


def recommendation_number(ref: str | None) -> str | None:
    """The number of the recommendation an action code sits under: "2B" → "2"."""
    if not ref:
        return None
    m = _LEADING_NUMBER.match(ref)
    return m.group(1) if m else None


def _canonical(ref: str) -> str:
    return ref.strip().rstrip(".").upper()


def _plausible(ref: str, rest: str, separated: bool = False) -> bool:
    # Years and quantities are not references: "2015 review…", "16 days…".
    lead = re.search(r"\d+", ref)
    if lead is None or len(lead.group()) >= 4 or int(lead.group()) > 300:
        return False
    return separated or not rest[:1].islower()


# Letters OCR reads in place of digits.
_OCR_DIGITS = str.maketrans(
    {"A": "4", "S": "5", "O": "0", "I": "1", "l": "1", "Z": "2", "B": "8", "G": "6", "T": "7", "q": "9"}
)
_OCR_CODE = re.compile(
    rf"^{_SPECKS_BEFORE}(?P<num>[0-9AOSIlZBGTq]{{1,2}})(?P<letter>[A-Za-z]){_SPECK_AFTER}*\s*[-–—:]\s+"
)


# Digits OCR reads in place of a code's letter ("48 - Undertake" for "4B").
_OCR_LETTERS = {"8": "B", "4": "A", "0": "D", "6": "G"}
_OCR_CODE_DIGIT_LETTER = re.compile(rf"^{_SPECKS_BEFORE}(?P<num>\d)(?P<letter>[8406]){_SPECK_AFTER}*\s*[-–—:]\s+")


def repair_ocr_action_code(
    text: str, expected_numbers: set[str], expected_codes: set[str] | None = None
) -> tuple[str | None, str]:
    """An action code misread by OCR ("AD - Specific…" for "4D - …"), accepted
    only when its repaired number is one the table expects next; one whose
    letter was read as a digit ("48 - …" for "4B - …"), only when it is the
    very code expected next (``expected_codes``: "4B" or "5A" after "4A")."""
    m = _OCR_CODE.match(text or "")
    if not m and expected_codes:
        d = _OCR_CODE_DIGIT_LETTER.match(text or "")
        code = d and d.group("num") + _OCR_LETTERS[d.group("letter")]
        if d and code in expected_codes:
            return code, text[d.end() :].lstrip()
    if not m:
        return None, text
    number = m.group("num").translate(_OCR_DIGITS)
    if not number.isdigit() or number not in expected_numbers:
        return None, text
    return f"{number}{m.group('letter').upper()}", text[m.end() :].lstrip()


_DOTTED = re.compile(r"^(?P<prefix>[A-Z]*)(?P<major>\d+)\.(?P<minor>\d+)$")
_UNDOTTED = re.compile(r"^(?P<prefix>[A-Z]*)(?P<digits>\d{2,4})$")


def mend_dotted_ref(ref: str, before: str | None, after: str | None) -> str | None:
    """A dotted reference OCR lost the dot of ("R31" for R3.1) or read it
    as a digit ("R441" for R4.1), between the dotted references ``before``
    and ``after`` of its table: the one reading that continues the
    numbering from ``before`` (the next action, or the next recommendation's
    first) and stays below ``after``; None when there is not exactly one."""
    m, prev = _UNDOTTED.match(ref), _DOTTED.match(before or "")
    if not m or not prev or m.group("prefix") != prev.group("prefix"):
        return None
    digits = m.group("digits")
    readings = {(digits[:i], digits[i:]) for i in range(1, len(digits))}  # the dot lost
    readings |= {(digits[:i], digits[i + 1 :]) for i in range(1, len(digits) - 1)}  # the dot read as a digit
    major, minor = int(prev.group("major")), int(prev.group("minor"))
    expected = {(major, minor + 1), (major + 1, 1)}
    nxt = _DOTTED.match(after or "")
    limit = (int(nxt.group("major")), int(nxt.group("minor"))) if nxt else None
    fits = {
        (int(a), int(b))
        for a, b in readings
        if not a.startswith("0") and not b.startswith("0") and (int(a), int(b)) in expected
    }
    fits = {f for f in fits if limit is None or f < limit}
    if len(fits) != 1:
        return None
    a, b = fits.pop()
    return f"{m.group('prefix')}{a}.{b}"
