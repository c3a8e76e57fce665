"""Table headers: the line whose phrases name action-plan columns, the
lines of its band, and its labels.

A header starts at a line naming enough fields (see ``vocabulary``). Its
band runs down over wrapped labels (to a rule, or while the lines keep the
header's look) and up over labels wrapped in cells set to the bottom or
middle of the header row. Labels stacked on several lines join; labels
printed tight ("Target date Outcome") are parted by what they name.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from ...language.vocabulary import best_field, header_fields, header_strength
from ...model.geometry import Line, Word, horizontal_rules
from ..pages.reading import PageText
from .celltext import cell_text
from .columns import ColumnBounds


@dataclass
class Header:
    top: float
    bottom: float
    lines: list[Line]


class HeaderReader:
    """Finds and reads the headers of one page's text."""

    def __init__(self, text: PageText) -> None:
        self.text = text
        self.s = text.settings

    def fields(self, line: Line) -> int:
        """How many action-plan fields a line's phrases name."""
        labels = [seg.text for seg in line.segments(self.text.gap) if len(seg.words) <= self.s.max_label_words]
        return header_fields(labels, self.s.header_field_score)

    def is_header_line(self, line: Line) -> bool:
        """Does the line name enough fields to be a header on its own? Each
        phrase names one field at most, so a line of fewer phrases (a line
        of prose) is none, and its words are not scored."""
        return len(line.segments(self.text.gap)) >= self.s.min_header_fields and (
            self.fields(line) >= self.s.min_header_fields
        )

    def headers(self) -> list[Header]:
        """Every header on the page, with the lines of its band: a line
        naming enough fields, or the top line of labels that name enough
        once joined with the lines they wrap onto (narrow columns:
        "Recom" / "mendati" / "on", "Key" / "Actions")."""
        out: list[Header] = []
        for i, line in enumerate(self.text.lines):
            if any(h.top <= line.top <= h.bottom for h in out):
                continue  # a line of a header's band (a wrapped label's next line may name fields too)
            if self.is_header_line(line) or self.starts_stacked_header(i):
                band = self.band(i)
                if not self._holds_text(band):
                    out.append(band)
        return out

    def _holds_text(self, header: Header) -> bool:
        """Does a cell of the band hold more words than a label can?"""
        return any(len(g) > self.s.header_cell_max_words for g in self.label_groups(header.lines))

    def starts_stacked_header(self, i: int) -> bool:
        """Do line ``i`` and the label lines close under it name enough
        fields together?"""
        first = self.text.lines[i]
        if not self._is_label_line(first) or not any(
            (b := best_field(seg.text)) is not None and b.score >= self.s.header_field_score
            for seg in first.segments(self.text.gap)
        ):
            return False
        stack = [first]
        for ln in self.text.lines[i + 1 : i + self.s.header_stack_lines]:
            if ln.top - stack[-1].bottom > self.s.header_line_gap_em * first.size or not self._is_label_line(ln):
                break
            stack.append(ln)
            if self._stacked_fields(stack)[0] >= self.s.min_header_fields:
                return True
        return False

    def _is_label_line(self, line: Line) -> bool:
        """Short phrases only, at least two of them: a row of labels."""
        segments = line.segments(self.text.gap)
        return len(segments) >= 2 and all(len(seg.words) <= self.s.max_label_words for seg in segments)

    def band(self, i: int) -> Header:
        first = self.text.lines[i]
        size = first.size
        rules = horizontal_rules(self.text.page.edges, first.x0, first.x1, self.s.header_rule_cover_share)
        # Where most of the line's words stand: OCR boxes a word or two of
        # a shaded band down to the band's edge, past the rule under it.
        low, high = median(w.bottom for w in first.words), median(w.top for w in first.words)
        below = [y for y in rules if low - 1 <= y <= first.bottom + self.s.header_rule_below_em * size]
        above = [y for y in rules if first.top - self.s.header_rule_above_em * size <= y <= high + 1]
        top = max(above) if above else first.top - 1
        if below:
            bottom = min(below)
            lines = [ln for ln in self.text.lines if top - 1 <= (ln.top + ln.bottom) / 2 <= bottom]
        else:
            lines = [first]
            for ln in self.text.lines[i + 1 :]:
                prev = lines[-1]
                if ln.top - prev.bottom > self.s.header_line_gap_em * size:
                    break
                if first.bold and not self._bold_enough(ln):
                    break
                if not first.bold and len(ln.segments(self.text.gap)) > len(first.segments(self.text.gap)):
                    break
                if self._across_labels(ln, first):
                    break  # a heading under the header (a bold agency row), not a wrapped label
                lines.append(ln)
            bottom = lines[-1].bottom + 1
            lines = self._labels_above(i, lines)
            top = min(top, lines[0].top - 1)
        return Header(top, bottom, lines)

    def _bold_enough(self, line: Line) -> bool:
        """Is ``line`` set bold like the header above it? On a scan, bold is
        judged word by word from the strokes, and a short word with
        descenders ("agency") can measure regular: a third of its letters
        bold is enough there."""
        if not self.text.page.ocr:
            return line.bold
        bold = sum(len(w.text) for w in line.words if w.bold)
        return bold >= self.s.scan_bold_line_share * sum(len(w.text) for w in line.words)

    def _across_labels(self, line: Line, first: Line) -> bool:
        """Does a phrase of ``line`` run under two labels of ``first``?"""
        labels = first.segments(self.text.gap)
        return any(
            sum(1 for lab in labels if seg.x0 < lab.x1 - 1 and seg.x1 > lab.x0 + 1) > 1
            for seg in line.segments(self.text.gap)
        )

    def _labels_above(self, i: int, lines: list[Line]) -> list[Line]:
        """Header lines above the one that names the most fields: labels
        wrapped in cells set to the bottom or middle of the header row
        ("Target" over "date", "Recommendatio" over "n"), taken while they
        make the header name more fields (a section heading resting on the
        header names none)."""
        first = lines[0]
        for ln in reversed(self.text.lines[:i]):
            if first.top - ln.bottom > self.s.header_line_gap_em * first.size or (first.bold and not ln.bold):
                break
            reach = self.s.header_line_gap_em * first.size
            if ln.x0 < min(x.x0 for x in lines) - reach or ln.x1 > max(x.x1 for x in lines) + 2 * first.size:
                break
            more = [ln, *lines]
            if self._stacked_fields(more) <= self._stacked_fields(lines):
                break
            lines, first = more, ln
        return lines

    def _stacked_fields(self, lines: list[Line]) -> tuple[int, float]:
        labels = [" ".join(w.text for w in g) for g in self.label_groups(lines)]
        return header_strength(labels, self.s.header_field_score)

    def split_named(self, groups: list[list[Word]], body: list[Line]) -> list[list[Word]]:
        """Labels printed tight read as one phrase ("Target date Outcome",
        "No Recommendation"): a one-line phrase whose two parts name two
        different fields is two labels when the body's lines leave the
        space between them clear."""
        out: list[list[Word]] = []
        for g in groups:
            out.extend(self._split_label(g, body))
        return out

    def _split_label(self, group: list[Word], body: list[Line]) -> list[list[Word]]:
        if len(group) < 2 or len({round(w.top) for w in group}) > 1:
            return [group]
        words = sorted(group, key=lambda w: w.x0)
        whole = best_field(" ".join(w.text for w in words))
        for k in range(1, len(words)):
            if _joins(words[k - 1].text, words[k].text):
                continue  # "Scope | of recommendation": one label's words
            left = best_field(" ".join(w.text for w in words[:k]))
            right = best_field(" ".join(w.text for w in words[k:]))
            if not (left and right) or left.field == right.field:
                continue
            if min(left.score, right.score) < self.s.header_field_score or (
                whole and whole.score > right.score + left.score
            ):
                continue
            x = (words[k - 1].x1 + words[k].x0) / 2
            crossing = sum(1 for ln in body if any(w.x0 < x - 0.5 and w.x1 > x + 0.5 for w in ln.words))
            g0, g1 = words[0].x0, words[-1].x1
            left_lines = sum(1 for ln in body if any(g0 - 1 <= w.xc < x for w in ln.words))
            right_lines = sum(1 for ln in body if any(x < w.xc <= g1 for w in ln.words))
            sides = min(left_lines, right_lines)
            if sides >= self.s.min_named_sides and crossing <= self.s.river_cross_share * len(body):
                return [words[:k], *self._split_label(words[k:], body)]
        return [group]

    def label_groups(self, lines: list[Line]) -> list[list[Word]]:
        """The header's labels: phrases stacked on its lines join where they
        overlap, top to bottom."""
        groups: list[list[Word]] = []
        for line in lines:
            for seg in line.segments(self.text.gap):
                for g in groups:
                    if seg.x0 <= max(w.x1 for w in g) + 1 and seg.x1 >= min(w.x0 for w in g) - 1:
                        g.extend(seg.words)
                        break
                else:
                    groups.append(list(seg.words))
        return groups

    def labels(self, header: Header, cols: ColumnBounds) -> list[str]:
        """The header's text over each column."""
        words = [w for ln in header.lines for w in ln.words]
        return [cell_text(own, self.s.paragraph_gap_em).replace("\n", " ") for own in cols.per_column(words)]


def _joins(before: str, after: str) -> bool:
    """Are two words of one phrase parts of one label? A label never opens
    or ends with a function word ("of recommendation", "Target date for"):
    a split there would cut one label in two."""
    from ...language.lexicon import FUNCTION_WORDS

    return after.lower().strip("(") in FUNCTION_WORDS or before.lower().strip(")") in FUNCTION_WORDS
