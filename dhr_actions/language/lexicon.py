"""Is a string an English word? For telling a word that Word or Excel
broke for want of width ("commiss" / "ion") from an ordinary wrap
("coercive" / "control").

The word list is pyspellchecker's English dictionary (about 160,000 words
with their frequencies, loaded once per process on first use). It is
American, so British spellings are checked in their American form too
("programme", "organisation", "behaviour", "centre").
"""

from __future__ import annotations

import re
from functools import cache

# British endings and the American ones the word list holds.
_BRITISH = (
    (re.compile(r"mme(s?)$"), r"m\1"),
    (re.compile(r"is(e|ed|es|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"our(s|ed|ing|ite|ites|able|hood|hoods|ful|less|er|ers|ist|ists|ly)?$"), r"or\1"),
    (re.compile(r"tre(s?)$"), r"ter\1"),
    (re.compile(r"ence(s?)$"), r"ense\1"),
    (re.compile(r"ogue(s?)$"), r"og\1"),
    (re.compile(r"lled$"), "led"),
    (re.compile(r"lling$"), "ling"),
)


# How often a word must occur in the list's corpus to be taken as one a
# writer meant, rather than a rare word that a broken head happens to spell
# ("ens", 61 times; "provider", 1,238).
COMMON = 200


@cache
def _words() -> dict[str, int]:
    from spellchecker import SpellChecker

    return dict(SpellChecker(language="en", distance=1).word_frequency.dictionary)


def is_word(text: str, min_count: int = 1) -> bool:
    """Whether ``text`` (letters only) is an English word, in British or
    American spelling, whatever its case; with ``min_count``, a word at
    least that common in the list's corpus (``COMMON``: not "ens", "eme")."""
    word = text.lower()
    words = _words()
    if words.get(word, 0) >= min_count:
        return True
    return any(rx.search(word) and words.get(rx.sub(repl, word), 0) >= min_count for rx, repl in _BRITISH)


# Short words that OCR runs into their neighbours when the space between
# them is tight ("Headof", "fromthe", "appointedin").
FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "this",
        "that",
        "to",
        "with",
        "within",
    ]
)
MIN_PARTED_LETTERS = 5


def parted(token: str) -> list[str] | None:
    """The words a token is made of when OCR missed the spaces between
    them, or None: the token is no word, and splits into two or three words
    of which one is a function word ("Headof", "fromthis"), or, all in lower
    case, into common words ("assessmenttemplate"). A name ("Greyfield")
    is left whole: no function word in it, and it is capitalised."""
    if len(token) < MIN_PARTED_LETTERS or not token.isalpha() or is_word(token) or _begins_a_word(token):
        return None  # a word, or the head of one a line end broke ("Recommendat" / "ion")
    lower = token.islower()

    def fits(parts: list[str]) -> bool:
        if any(p.lower() in FUNCTION_WORDS for p in parts):
            return all(p.lower() in FUNCTION_WORDS or (len(p) > 3 and is_word(p, COMMON)) for p in parts)
        return lower and all(len(p) > 3 and is_word(p, COMMON) for p in parts)

    n = len(token)
    splits = [[token[:k], token[k:]] for k in range(1, n)]
    found = [parts for parts in splits if fits(parts)]
    if not found:  # three words only when two will not do
        splits = [[token[:k], token[k:j], token[j:]] for k in range(1, n - 1) for j in range(k + 1, n)]
        found = [parts for parts in splits if fits(parts)]
    if not found:
        return None
    # The likeliest: the split whose rarest word is the most common
    # ("partnership board", not "partner shipboard").
    return max(found, key=lambda parts: min(frequency(p) for p in parts))


@cache
def _sorted_words() -> list[str]:
    return sorted(w for w, n in _words().items() if n >= COMMON)


def _begins_a_word(token: str) -> bool:
    from bisect import bisect_left

    words, head = _sorted_words(), token.lower()
    i = bisect_left(words, head)
    return i < len(words) and words[i].startswith(head)


def frequency(word: str) -> int:
    """How often ``word`` occurs in the word list's corpus (0: not a word)."""
    return _words().get(word.lower(), 0)
