"""Cell text: a cell's words in reading order, its line breaks read.

A wrapped line joins the next with a space, a paragraph starts a new line,
and a word that a line end broke is joined back: hyphenated, broken without
a hyphen for want of width (Word, Excel, LibreOffice and browsers in narrow
columns), or, in a scan, known by its letters alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from statistics import median

from ...model.geometry import BULLET_START, Line, Word, group_lines

# A scanned word's box runs from its capitals' tops to its baseline (or its
# descenders'): some 0.7 of the type's em.
EM_PER_INK = 1.4


def cell_text(
    words: Sequence[Word],
    paragraph_gap_em: float = 0.5,
    text_edge: float | None = None,
    printed: frozenset[str] = frozenset(),
) -> str:
    """Text of one cell in reading order.

    Wrapped lines join with a space; a new paragraph starts a new line: a
    gap wider than ``paragraph_gap_em`` of a line, a line opening with a
    bullet or list number, or a line that ended early (the next line's first
    word would have fitted after it, so the writer broke it: Word and Excel
    set paragraphs with no space between them).
    A word hyphenated at a line end is joined back without a space, and so
    is a word broken without a hyphen in a column too narrow for it: a line
    filling the column to ``text_edge`` (the right edge of the column's
    widest text), followed by a line opening with the word's short tail
    ("Safeguardin" / "g", "30/06/20" / "23"), or by ``printed``, the words
    the document prints whole elsewhere ("Ravenshol" / "me": a place's name).
    """
    if not words:
        return ""
    lines = group_lines(words)
    measure = max(ln.x1 for ln in lines)  # the cell's text is at least this wide
    # OCR's boxes hold ink, not the font's height: a line of x-height
    # letters ("ona", "new use") stands lower and looks smaller than its
    # neighbours. Its top is taken a full line height above its foot, and
    # the em from the ink (``EM_PER_INK``).
    height = median(ln.size for ln in lines) if words[0].confidence is not None else None
    parts: list[str] = []
    prev: Line | None = None
    for line in lines:
        text = line.text
        if prev is None:
            parts.append(text)
        else:
            top, size = (
                (line.top, line.size)
                if height is None
                else (min(line.top, line.bottom - height), EM_PER_INK * max(height, line.size))
            )
            gap, paragraph = top - prev.bottom, paragraph_gap_em * size
            if gap <= paragraph and _misplaced_break(prev, line):
                parts.append(_rejoined(prev, line))
            elif gap > paragraph or BULLET_START.match(text) or _ended_early(prev, line, measure):
                parts.append("\n" + text)
            elif _hyphenated(parts[-1], text):
                parts.append(text)
            elif text_edge is not None and _broken_word(prev, line, text_edge, printed):
                parts.append(_rejoined(prev, line))
            else:
                parts.append(" " + text)
        prev = line
    return "".join(parts).strip()


# The words of one or two letters a line may open with after an ordinary
# wrap (a closed set, unlike the longer words a broken word's tail may look like).
_SHORT_WORDS = frozenset(
    [
        "a",
        "i",
        "ad",
        "ah",
        "am",
        "an",
        "as",
        "at",
        "aw",
        "be",
        "by",
        "do",
        "eh",
        "go",
        "ha",
        "he",
        "hi",
        "if",
        "in",
        "is",
        "it",
        "me",
        "mr",
        "ms",
        "my",
        "no",
        "of",
        "oh",
        "ok",
        "on",
        "or",
        "ox",
        "pa",
        "so",
        "to",
        "uh",
        "um",
        "up",
        "us",
        "vs",
        "we",
        "ye",
        "yo",
    ]
)


def _hyphenated(before: str, text: str) -> bool:
    """A word hyphenated at the line end, going on in lower case."""
    return before.endswith("-") and len(before) > 1 and before[-2].isalpha() and text[:1].islower()


def printed_words(words: Iterable[Word]) -> frozenset[str]:
    """The words of four letters or more a text layer prints (OCR's
    guesses left out), in lower case: a name broken for want of width in
    a narrow column ("Ravenshol" / "me") is printed whole elsewhere in the
    document, in its prose, title or wider cells."""
    out = set()
    for w in words:
        if w.confidence is None:
            core = w.text.strip(_AROUND)
            if len(core) >= 4 and core.isalpha():
                out.add(core.lower())
    return frozenset(out)


_AROUND = ".,;:!?()[]\"\u201c\u201d\u2018\u2019'"

# What goes on from an apostrophe a line ended with ("partnership'" / "s"):
# LibreOffice breaks a line after a straight apostrophe.
_CLITICS = frozenset(["s", "t", "d", "ll", "re", "ve", "m"])


def _broken_word(prev: Line, line: Line, text_edge: float, printed: frozenset[str] = frozenset()) -> bool:
    """Was one word broken over ``prev`` and ``line`` for want of width?

    ``prev`` ends with the word's head, filling the column to its text
    edge, and ``line`` opens with its tail: digits going on from digits
    ("30/06/20" / "23"), its punctuation ("completed" / "; roll-out"),
    one or two lower-case letters that are not a word of their own
    ("Safeguardin" / "g", "Regiona" / "l"), or a longer lower-case tail
    when the head is the only word of its line (Word, Excel, LibreOffice
    and browsers break a word only when it does not fit on a line of its
    own) and the words say so (``_tail_of``).
    """
    first = line.words[0]
    tail = first.text
    if prev.text[-1:] in ("'", "\u2019") and prev.text[-2:-1].isalpha() and tail.rstrip(".,;:)") in _CLITICS:
        return True
    glyph = max((first.x1 - first.x0) / max(len(tail), 1), 0.35 * prev.size)  # the glyph that did not fit
    room = text_edge - prev.x1  # left on prev's line, as far as the column's widest text shows
    if not prev.text[-1:].isalnum() or room > 2 * glyph:
        return False
    fills = room <= glyph
    if tail[:1] in (";", ":", ",", ".", ")", "!", "?"):
        return fills  # the word's own punctuation did not fit
    if tail[:1].isdigit():
        return fills and prev.text[-1].isdigit()
    core = tail.rstrip(".,;:)")
    if not (core.isalpha() and core.islower()):
        return False
    if len(core) <= 2 and core not in _SHORT_WORDS:
        return fills
    # The widest text may stop short of the column's true edge: within two
    # glyphs of it, the words decide.
    words = [w.text for w in prev.words]
    if len(words) > 1 and BULLET_START.match(words[0] + " "):
        words = words[1:]  # a list number before the word
    return len(words) == 1 and _tail_of(words[0], core, printed)


def _misplaced_break(prev: Line, line: Line) -> bool:
    """OCR only: a word broken over two lines, known by its letters alone
    (a scan's line ends say little of the column's edge: skew, specks and
    glyph-tight boxes): the head and tail spell a word, and the tail is one
    or two letters that are no word ("refreshe" / "r", "practice" / "s") or
    a longer piece that is none either, after a head that is no common
    word ("homelessn" / "ess"). A lone tail "1" or "I" is the letter l it
    looks like ("Regiona" / "1")."""
    first, last = line.words[0], prev.words[-1]
    if first.confidence is None or last.confidence is None:
        return False
    from ...language.lexicon import COMMON, is_word

    head, tail = last.text, _ocr_tail(first.text.rstrip(".,;:)"))
    if not (head.isalpha() and tail.isalpha() and tail.islower()):
        return False
    if not is_word(head + tail):
        # The tail run into the words after it ("Commissi" / "ona").
        return not is_word(head, COMMON) and not is_word(tail, COMMON) and _mended(head, tail) is not None
    if len(tail) <= 2:
        return tail not in _SHORT_WORDS
    return not is_word(tail) and not is_word(head, COMMON)


def _rejoined(prev: Line, line: Line) -> str:
    """``line``'s text to go on from ``prev`` without a space, a broken
    word's tail first; in a scan, with the spaces put back that OCR lost
    after the tail (``_mended``)."""
    text, first, head = line.text, line.words[0], prev.words[-1].text
    core = first.text.rstrip(".,;:)")
    if first.confidence is None or not head.isalpha():
        return text
    letters = _ocr_tail(core)
    if letters != core:
        return letters + text[len(core) :]
    mended = _mended(head, core) if core.isalpha() else None
    return text if mended is None else mended[len(head) :] + text[len(core) :]


def _ocr_tail(tail: str) -> str:
    """A broken word's tail as letters: OCR reads a lone l as "1" or "I"."""
    return "l" if tail in ("1", "I", "|") else tail


@lru_cache(maxsize=4096)  # asked twice a break: whether to join, then how
def _mended(head: str, tail: str) -> str | None:
    """A broken word whose tail OCR ran into the words after it, read
    apart: the head with the least of the tail that makes a common word,
    then the rest as a word, a function word or words run together
    ("Commissi" / "ona": "Commission a"; "procedur" / "eand": "procedure
    and"; "Communi" / "tymentalhealth": "Community mental health"). None
    when head and tail spell a word already, or there is no such reading."""
    from ...language.lexicon import COMMON, FUNCTION_WORDS, is_word, parted

    if is_word(head + tail) or not tail.islower():
        return None
    for k in range(1, len(tail)):
        word, rest = head + tail[:k], tail[k:]
        if not is_word(word, COMMON):
            continue
        if rest in FUNCTION_WORDS or (len(rest) > 3 and is_word(rest, COMMON)):
            return f"{word} {rest}"
        pieces = parted(rest)
        if pieces:
            return " ".join([word, *pieces])
    return None


def _tail_of(head: str, tail: str, printed: frozenset[str] = frozenset()) -> bool:
    """Is ``tail`` the rest of the word ``head`` starts? Not when the head
    is a common word of its own: an ordinary wrap ("County" / "wide", "Provider" /
    "appointe"). Yes when they spell a word together ("commiss" / "ion")
    or one the document prints whole (``printed``: "Ravenshol" / "me"),
    when the tail is no word ("Commun" / "ity") or the head, in lower
    case, is none either ("safeguar" / "ding"); not when a name goes on
    to a word ("Hollins" / "council") or a rarer word to a common one
    ("tenancies" / "where")."""
    from ...language.lexicon import COMMON, is_word

    if not head.isalpha() or is_word(head, COMMON):
        return False
    if is_word(head + tail) or (head + tail).lower() in printed:
        return True
    if not is_word(tail):
        return True
    return head.islower() and not (is_word(head) and is_word(tail, COMMON))


def _ended_early(prev: Line, line: Line, measure: float) -> bool:
    """Would ``line``'s first word have fitted at the end of ``prev``, which
    starts at the same left edge? Then ``prev`` was broken by hand."""
    if abs(prev.x0 - line.x0) > 2:
        return False  # centred or indented text: its line ends say nothing
    first = line.words[0]
    space = max(0.25 * first.size, 1.0)
    return prev.x1 + space + (first.x1 - first.x0) < measure - 1
