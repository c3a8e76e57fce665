"""The literal screen in front of the taxonomy's regular expressions: it
skips only searches that would fail."""

from __future__ import annotations

import re
import string
import sys

import pytest

from dhr_actions.research.literals import Screened, fold, required_literals
from dhr_actions.research.themes import load_taxonomy


def needs(pattern: str, flags: int = re.IGNORECASE) -> list[set[str]]:
    return [set(n) for n in required_literals(re.compile(pattern, flags))]


def test_a_word_and_its_endings_need_the_stem() -> None:
    assert needs(r"agenc(y|ies)") == [{"agenc"}]


def test_alternatives_need_one_of_their_literals() -> None:
    assert needs(r"(?:ask|tell)s? client") == [{" client"}, {"ask", "tell"}]


def test_a_sequence_keeps_its_most_selective_requirements_first() -> None:
    got = needs(r"(?:DWP)[^.]{0,80}?\b(?:should|must|will)")
    assert got[0] == {"dwp"}
    assert {"should", "must", "will"} in got


def test_optional_parts_and_unreadable_constructs_need_nothing() -> None:
    assert needs(r"(?:training)?\w+") == []
    assert needs(r"a{0,3}b") == []
    assert needs(r"(\w+) and \1") == [{" and "}]
    assert needs(r"[A-Z]\d") == []


def test_repeats_of_at_least_one_need_their_body() -> None:
    assert needs(r"(?:review)+ed") == [{"review"}, {"ed"}]


def test_literals_are_case_folded_and_ascii_only() -> None:
    assert needs(r"MARAC", 0) == [{"marac"}]
    # "café" could meet re's folding of é otherwise than str.lower: only "caf" is read.
    assert needs(r"café society") == [{" society"}, {"caf"}]


def test_fold_writes_every_character_re_matches_to_an_ascii_letter_as_that_letter() -> None:
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    for m in re.finditer(r"[a-z]", everything, re.IGNORECASE):
        ch = m.group()
        assert len(fold(ch)) == 1 and fold(ch) in string.ascii_lowercase, repr(ch)
        assert re.fullmatch(fold(ch), ch, re.IGNORECASE)


TEXTS = [
    "The CSP should commission a single combined chronology of agency contact.",
    "Agencies must tell each other when a victim discloses abuse; GPs to ask about fear at every visit.",
    "The Department for Work and Pensions is asked to review its guidance on coercive control.",
    "Staff will receive training on stalking and harassment, and managers will audit the records kept.",
    "Housing officers and the rent team should share information with the IDVA service.",
    "Ongoing. Reminder issued to all police call handlers.",
    "ſtaff KNOW the Kelvin-ſign \u212aeyworkers, İnform the ıdva",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_screen_never_skips_a_search_that_would_succeed(text: str) -> None:
    taxonomy = load_taxonomy()
    screens = [s for t in taxonomy.themes for s in (*t.phrases, *t.subjects, *t.exclude)] + list(taxonomy.mask)
    folded = fold(text)
    skipped = 0
    for screened in screens:
        expected = screened.pattern.search(text)
        got = screened.search(text, folded)
        assert (got and got.span()) == (expected and expected.span()), screened.pattern.pattern
        skipped += not screened.may_match(folded)
    assert skipped > len(screens) // 2  # and it does screen: most phrases need words this text lacks


def test_a_pattern_with_nothing_to_read_is_always_searched() -> None:
    screened = Screened.of(re.compile(r"\d+"))
    assert screened.needs == ()
    assert screened.may_match("")
    assert screened.search("target 2019", fold("target 2019"))


def test_the_taxonomys_inflected_words_are_written_whole() -> None:
    """``raise~`` is raise, raises, raised, raising; ``rais~`` would miss
    "raise" itself."""
    from importlib import resources

    from dhr_actions.language.lexicon import is_word

    text = resources.files("dhr_actions.research").joinpath("themes.toml").read_text(encoding="utf-8")
    cut = [w for w in set(re.findall(r"\b([A-Za-z]+)~", text)) if not is_word(w.lower()) and is_word(w.lower() + "e")]
    assert not cut
