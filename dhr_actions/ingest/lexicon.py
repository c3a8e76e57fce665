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
    (re.compile(r"our(s|ed|ing|ite|ites|able)?$"), r"or\1"),
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
