"""OCR's words repaired before layout: what tesseract read wrong in ways
a word list can tell.

- Words run together where the space was tight ("Headof", "appointedin")
  are parted (``spaced``).
- Specks beside letters read as marks (``unspecked``): an opening quote or
  a full stop before a word's first letter (".when", "‘teams") with no
  closing quote near it; a full stop after a word when the next word of
  its sentence (on the line and a space away: not the next column's cell)
  begins in lower case ("should. involve"); a full stop, colon or
  semicolon after letters that spell no word ("Neighbou." over "rhood",
  left for the layout to join); a dash glued before a line's first word
  ("-Lead"); and a quote or a full stop inside two words ("the'safety",
  "domestic.abuse").
  Abbreviations ("e.g.", "etc.") and a closing quote that belongs keep
  their marks. Nothing is added: marks are only taken away.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...model.geometry import Word
from .settings import DEFAULT_OCR, OcrSettings

_CORE = re.compile(r"^(?P<lead>\W*)(?P<core>[A-Za-z]+)(?P<trail>\W*)$")


def spaced(words: list[Word], settings: OcrSettings = DEFAULT_OCR) -> list[Word]:
    """``words`` with those OCR ran together where the space was tight
    ("Headof", "appointedin") cut into their words (``lexicon.parted``),
    each given its share of the box."""
    from ...language.lexicon import parted

    out: list[Word] = []
    for word in words:
        m = _CORE.match(word.text)
        parts = parted(m.group("core")) if m else None
        if not m or not parts:
            out.append(word)
            continue
        parts[0], parts[-1] = m.group("lead") + parts[0], parts[-1] + m.group("trail")
        per_letter = (word.x1 - word.x0) / (len(word.text) + settings.space_letters * (len(parts) - 1))
        x = word.x0
        for part in parts:
            out.append(replace(word, text=part, x0=x, x1=x + per_letter * len(part)))
            x += per_letter * (len(part) + settings.space_letters)
    return out


def repaired(words: list[Word], settings: OcrSettings = DEFAULT_OCR) -> list[Word]:
    """``words`` unspecked, their letters' likenesses put right, then parted."""
    return spaced(corrected(unspecked(words, settings), settings), settings)


# Letters and pairs OCR takes for one another (either way round): a word
# that is no word but one such swap away from a common one is that word
# ("Compieted", "Poticy", "Loca!", "Septernber", "Origoing", "agencres").
_LIKENESSES = (
    ("l", "1"),
    ("l", "!"),
    ("l", "|"),
    ("l", "i"),
    ("l", "I"),
    ("l", "t"),
    ("i", "r"),
    ("i", "t"),
    ("m", "rn"),
    ("n", "ri"),
    ("d", "cl"),
    ("w", "vv"),
    ("h", "b"),
    ("e", "c"),
    ("o", "a"),
    ("o", "e"),
    ("u", "n"),
    ("e", "é"),
)
_SWAPS = tuple((a, b) for pair in _LIKENESSES for a, b in (pair, pair[::-1]))
_LOOKALIKE_CHARS = "1!|é"
_WORD_SHAPE = re.compile(r"^(?P<lead>[(\"'‘“]*)(?P<core>[A-Za-z1!|é]+?)(?P<trail>[.,;:)\"'’”]*)$")


def corrected(words: list[Word], settings: OcrSettings = DEFAULT_OCR) -> list[Word]:
    """``words`` with each that is no word, but one likeness away from a
    common word, made that word (``_LIKENESSES``); names and other words
    the list lacks stay as read unless a swap makes a common word of them."""
    return [replace(w, text=t) if (t := _corrected(w.text, settings)) != w.text else w for w in words]


def _corrected(text: str, settings: OcrSettings = DEFAULT_OCR) -> str:
    from ...language.lexicon import COMMON, frequency, is_word

    m = _WORD_SHAPE.match(text)
    if not m:
        return text
    core = m.group("core")
    letters = sum(ch.isalpha() and ch not in _LOOKALIKE_CHARS for ch in core)
    if letters < settings.min_corrected_letters or (core.isalpha() and is_word(core)) or core.isupper():
        return text
    if core[-1] in "!" and is_word(core[:-1]):
        return text  # an exclamation after a word
    found: dict[str, str] = {}
    for a, b in _SWAPS:
        start = core.find(a)
        while start >= 0:
            candidate = core[:start] + b + core[start + len(a) :]
            if candidate.isalpha() and is_word(candidate, COMMON):
                found.setdefault(candidate.lower(), candidate)
            start = core.find(a, start + 1)
    if not found:
        return text
    best = max(found.values(), key=frequency)
    if best[0].isalpha() and core[0].isupper() and not best[0].isupper():
        best = best[0].upper() + best[1:]
    return m.group("lead") + best + m.group("trail")


_OPENING = "‘“'`.,:;"
_CLOSING = "’”'"
_STOPS = ".:;"
# Words that end in a full stop of their own.
_ABBREVIATIONS = frozenset(
    [
        "e.g",
        "i.e",
        "etc",
        "no",
        "nos",
        "approx",
        "inc",
        "ltd",
        "dept",
        "cllr",
        "dr",
        "mr",
        "mrs",
        "ms",
        "st",
        "vs",
        "cf",
        "para",
        "paras",
        "ref",
    ]
)
# What may follow an apostrophe inside a word: a possessive or a contraction.
_CONTRACTIONS = frozenset(["s", "t", "d", "m", "ll", "re", "ve"])


def unspecked(words: list[Word], settings: OcrSettings = DEFAULT_OCR) -> list[Word]:
    """``words`` with the marks specks left beside letters taken away."""
    from ...language.lexicon import is_word

    texts = [w.text for w in words]
    for i, text in enumerate(texts):
        # A mark before the first letter, with no closing quote near it on its line.
        if len(text) > 1 and text[0] in _OPENING and text[1].isalpha():
            line = texts[i : i + min(settings.quote_reach, len(_sentence(words, i, settings)))]
            ahead = " ".join(line)
            if not any(c in ahead[1:] for c in _CLOSING) or text[0] in ".,:;":
                texts[i] = text = text[1:]
        # A dash or underscore glued before a capital at a line's start: "-Lead".
        if len(text) > 3 and text[0] in "-_~" and text[1].isupper() and text[2:].isalpha():
            first = i == 0 or not _follows(words[i - 1], words[i], settings)
            if first:
                texts[i] = text = text[1:]
        # A quote or a stop between two words: "the'safety", "domestic.abuse".
        m = re.fullmatch(r"([A-Za-z]{2,})(['‘’]|\.(?=[a-z]))([A-Za-z]{2,})(\W*)", text)
        if m and m.group(3).lower() not in _CONTRACTIONS and is_word(m.group(1)) and is_word(m.group(3)):
            texts[i] = text = f"{m.group(1)} {m.group(3)}{m.group(4)}"
    out: list[Word] = []
    for i, (word, text) in enumerate(zip(words, texts, strict=True)):
        m = re.fullmatch(r"(.*[A-Za-z])([.:;])", text)
        if m and m.group(1).lower() not in _ABBREVIATIONS and "." not in m.group(1):
            core = m.group(1)
            nxt = words[i + 1] if i + 1 < len(words) else None
            # The next word of the sentence: on the line and a space away,
            # not the first word of the next column's cell.
            same_line = nxt is not None and _follows(word, nxt, settings)
            next_text = texts[i + 1] if nxt is not None else ""
            letters = re.sub(r"[^A-Za-z]", "", core)
            # A colon or semicolon may stand before lower case ("Learning: the"); a full stop not.
            before_lower = m.group(2) == "." and same_line and next_text[:1].islower()
            if before_lower or (len(letters) >= 4 and not is_word(letters)):
                text = core
        if text != word.text:
            parts = text.split(" ")
            if len(parts) == 2:
                share = (word.x1 - word.x0) / max(1, len(text))
                mid = word.x0 + share * len(parts[0])
                out.append(replace(word, text=parts[0], x1=mid))
                out.append(replace(word, text=parts[1], x0=mid + share))
                continue
            start = word.text.find(text)
            if start >= 0 and text:  # marks cut from the ends: the box shrinks with them
                share = (word.x1 - word.x0) / len(word.text)
                cut_after = len(word.text) - start - len(text)
                word = replace(word, text=text, x0=word.x0 + share * start, x1=word.x1 - share * cut_after)
            else:
                word = replace(word, text=text)
        if word.text:
            out.append(word)
    return out


def in_reading_order(words: list[Word], more: list[Word], settings: OcrSettings = DEFAULT_OCR) -> list[Word]:
    """``words`` (in tesseract's reading order) with ``more`` put among them:
    each after the last word to its left on its line, else before the first
    word below it."""
    out = list(words)
    for w in sorted(more, key=lambda m: (m.top, m.x0)):
        on_line = [i for i, o in enumerate(out) if _level(o, w) and o.x1 <= w.x0]
        if on_line:
            at = max(on_line, key=lambda i: out[i].x1) + 1
        else:
            at = next((i for i, o in enumerate(out) if o.top > w.top), len(out))
        out.insert(at, w)
    return out


def _follows(a: Word, b: Word, settings: OcrSettings = DEFAULT_OCR) -> bool:
    """Does ``b`` follow ``a`` in one line of one cell: on the line, and a
    space away, not the first word of the next column's cell?"""
    return _level(a, b) and -0.5 * a.size < b.x0 - a.x1 < settings.sentence_gap * a.size


def _sentence(words: list[Word], i: int, settings: OcrSettings = DEFAULT_OCR) -> list[Word]:
    """The words from ``words[i]`` on that follow one another in its line and cell."""
    run = [words[i]]
    for w in words[i + 1 :]:
        if not _follows(run[-1], w, settings):
            break
        run.append(w)
    return run


def _level(a: Word, b: Word) -> bool:
    """Do two words stand on one line?"""
    return abs(a.top - b.top) < 0.5 * max(b.size, 1.0)
