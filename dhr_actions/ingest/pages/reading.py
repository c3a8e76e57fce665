"""One PDF page as the table finder sees it: words and ruling lines.

pdfplumber reads a text page here; OCR (``ingest/ocr``) builds the same
:class:`PageContent` for a scanned one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from statistics import median
from typing import Any

from ...model.geometry import Edge, Line, Word, group_lines
from ...model.settings import DEFAULT_SETTINGS, LayoutSettings
from .clipping import HiddenGlyph

# Ligature glyphs some producers map to Unicode's presentation forms
# ("ofﬁcer"): read as the letters they join, or "officer" is no word.
# pdfplumber expands them in a word's text but not in its characters (whose
# positions must keep to the text's), PDFium and camelot not at all.
LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})

# Glyphs without a Unicode mapping come out as "(cid:127)": alone they are
# almost always list bullets, inside a word they are noise.
_CID = re.compile(r"\(cid:\d+\)")


@dataclass
class PageContent:
    """What one page holds, in the terms the table finder uses."""

    number: int
    width: float
    height: float
    words: list[Word]
    edges: list[Edge]
    lines: list[Line] = field(default_factory=list)
    ocr: bool = False

    def __post_init__(self) -> None:
        if not self.lines:
            self.lines = group_lines(self.words)

    @property
    def font_size(self) -> float:
        return median(w.size for w in self.words) if self.words else 10.0


@dataclass
class PageText:
    """A page's text as the table finder reads it: its lines without page
    furniture, the widest space inside one phrase (``phrase_gap``),
    and the words the whole document prints (``celltext.printed_words``)."""

    page: PageContent
    lines: list[Line]
    gap: float
    settings: LayoutSettings = DEFAULT_SETTINGS
    printed: frozenset[str] = frozenset()


def page_content(
    page: Any, number: int, settings: LayoutSettings = DEFAULT_SETTINGS, hidden: Sequence[HiddenGlyph] = ()
) -> PageContent:
    """Read one pdfplumber page into words and ruling edges, leaving out
    the ``hidden`` glyphs its clipping paths keep from print
    (``clipping.hidden_glyphs``)."""
    if hidden:
        page = page.filter(_not_hidden(hidden))
    raw = page.extract_words(
        x_tolerance_ratio=settings.word_x_tolerance_em,
        y_tolerance=settings.word_y_tolerance_pt,
        keep_blank_chars=False,
        use_text_flow=False,
        extra_attrs=["size", "fontname"],
        return_chars=True,
    )
    words = []
    for w in raw:
        printed = w["text"].translate(LIGATURES)
        text = cid_free(printed) if "(cid:" in printed else printed
        if text.strip():
            words.append(
                Word(
                    text=text,
                    x0=float(w["x0"]),
                    x1=float(w["x1"]),
                    top=float(w["top"]),
                    bottom=float(w["bottom"]),
                    size=float(w.get("size") or 10.0),
                    bold="bold" in str(w.get("fontname", "")).lower(),
                    letters=_letters(w["chars"]) if text == printed else (),
                )
            )
    edges = [
        Edge(float(e["x0"]), float(e["x1"]), float(e["top"]), float(e["bottom"]))
        for e in page.edges
        if max(float(e["x1"]) - float(e["x0"]), float(e["bottom"]) - float(e["top"])) >= settings.min_rule_length_pt
    ]
    return PageContent(number=number, width=float(page.width), height=float(page.height), words=words, edges=edges)


def _not_hidden(hidden: Sequence[HiddenGlyph]) -> Callable[[dict[str, Any]], bool]:
    """A pdfplumber filter keeping every object but the characters that
    are ``hidden`` glyphs: the same text, its middle in the glyph's box."""
    by_text: dict[str, list[HiddenGlyph]] = {}
    for glyph in hidden:
        by_text.setdefault(glyph.text, []).append(glyph)

    def keep(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (float(obj["x0"]) + float(obj["x1"])) / 2
        y = (float(obj["top"]) + float(obj["bottom"])) / 2
        return not any(
            g.x0 - 1 <= x <= g.x1 + 1 and g.top - 1 <= y <= g.bottom + 1 for g in by_text.get(obj.get("text", ""), ())
        )

    return keep


def _letters(chars: list[dict[str, Any]]) -> tuple[tuple[int, float], ...]:
    """Where each character after the first starts: (index in the word's
    text, x0); a ligature is one character of two letters."""
    out, at = [], 0
    for c in chars:
        if at:
            out.append((at, float(c["x0"])))
        at += len(c["text"].translate(LIGATURES))
    return tuple(out)


def cid_free(text: str) -> str:
    """Unmapped glyphs: a lone "(cid:N)" word is a bullet, others are dropped."""
    return _CID.sub(lambda m: "•" if _lone(text, m) else "", text)


def _lone(text: str, m: re.Match[str]) -> bool:
    before = text[: m.start()]
    after = text[m.end() :]
    return (not before or before[-1].isspace()) and (not after or after[0].isspace())


def phrase_gap(page: PageContent, settings: LayoutSettings = DEFAULT_SETTINGS) -> float:
    """The widest space that still separates two words of one phrase.

    Measured from the page: well above its ordinary word spacing (OCR'd and
    justified text space words unevenly), and never below a fraction of the
    font size. Gaps between table columns are wider.
    """
    gaps = []
    for line in page.lines:
        for a, b in pairwise(line.words):
            gap = b.x0 - a.x1
            if 0 < gap < settings.phrase_max_word_gap_em * a.size:
                gaps.append(gap)
    typical = median(gaps) if len(gaps) >= settings.phrase_min_gaps else settings.phrase_default_gap_em * page.font_size
    return max(
        settings.phrase_gap_factor * typical, settings.phrase_min_gap_em * page.font_size, settings.phrase_min_gap_pt
    )
