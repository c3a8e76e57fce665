"""Word's automatic list numbering, rendered as a reader sees it.

A numbered paragraph's "1." or "b)" is not in its text: Word computes it
from the numbering definitions (``word/numbering.xml``) as it lays the
document out. A plan whose references come from list numbering would lose
them. This module counts numbered paragraphs in document order, per list
and level, and renders each level's text ("%1.", "%1.%2", "(%1)") in its
format (decimal, letters, roman numerals, bullets).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc")]
_ROMAN += [(50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class _List:
    levels: dict[int, _Level]
    counters: dict[int, int] = field(default_factory=dict)


def _val(el: Any, tag: str) -> str | None:
    child = el.find(qn(tag)) if el is not None else None
    return None if child is None else child.get(qn("w:val"))


class Numbering:
    """The list numbering of one Word document."""

    def __init__(self, document: Any) -> None:
        self._lists: dict[str, _List] = {}
        self._style_num: dict[str, tuple[str, int]] = {}
        abstract: dict[str, dict[int, _Level]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            for an in root.findall(qn("w:abstractNum")):
                abstract[an.get(qn("w:abstractNumId"))] = {
                    int(lvl.get(qn("w:ilvl"), "0")): _level(lvl) for lvl in an.findall(qn("w:lvl"))
                }
            for num in root.findall(qn("w:num")):
                levels = dict(abstract.get(_val(num, "w:abstractNumId") or "", {}))
                for override in num.findall(qn("w:lvlOverride")):
                    ilvl = int(override.get(qn("w:ilvl"), "0"))
                    base = levels.get(ilvl, _Level())
                    lvl = override.find(qn("w:lvl"))
                    start = _val(override, "w:startOverride")
                    levels[ilvl] = (
                        _level(lvl) if lvl is not None else _Level(int(start or base.start), base.fmt, base.text)
                    )
                self._lists[num.get(qn("w:numId"))] = _List(levels)
        for style in document.styles.element.findall(qn("w:style")):
            num_pr = style.find(qn("w:pPr") + "/" + qn("w:numPr"))
            if num_pr is not None and _val(num_pr, "w:numId"):
                self._style_num[style.get(qn("w:styleId"))] = (
                    _val(num_pr, "w:numId") or "",
                    int(_val(num_pr, "w:ilvl") or 0),
                )

    def label(self, paragraph: Any) -> str:
        """The number Word prints before ``paragraph`` (a ``w:p`` element),
        counting it; "" for an unnumbered paragraph."""
        ppr = paragraph.find(qn("w:pPr"))
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num_pr is not None:
            num_id, ilvl = _val(num_pr, "w:numId"), int(_val(num_pr, "w:ilvl") or 0)
        else:
            style = _val(ppr, "w:pStyle") if ppr is not None else None
            num_id, ilvl = self._style_num.get(style or "", (None, 0))
        lst = self._lists.get(num_id or "")
        if lst is None or num_id == "0":
            return ""
        level = lst.levels.get(ilvl, _Level())
        lst.counters[ilvl] = lst.counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in lst.counters if k > ilvl]:
            del lst.counters[deeper]
        if level.fmt == "none":
            return ""
        if level.fmt == "bullet":
            return "•"
        text = level.text
        for k in range(ilvl + 1):
            lvl = lst.levels.get(k, _Level())
            count = lst.counters.get(k, lvl.start)
            text = text.replace(f"%{k + 1}", _format(count, lvl.fmt))
        return text


def _level(lvl: Any) -> _Level:
    return _Level(int(_val(lvl, "w:start") or 1), _val(lvl, "w:numFmt") or "decimal", _val(lvl, "w:lvlText") or "")


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = ""
        while n > 0:
            n, r = divmod(n - 1, 26)
            s = chr(ord("a") + r) + s
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = ""
        for value, numeral in _ROMAN:
            while n >= value:
                s, n = s + numeral, n - value
        return s.upper() if fmt == "upperRoman" else s
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)
