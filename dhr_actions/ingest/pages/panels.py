"""A sheet too wide for its paper, printed on pages side by side.

Excel and LibreOffice Calc print a sheet whose columns do not fit the
width of the page (no "fit to width") as panels: its first columns on one
page, the next columns on another, each row at the same height on every
panel. No panel alone is a plan: one holds "No. / Recommendation", the
next "Action / Owner", the last "Due by / Update / Status". The panels
are put back side by side, as one wide page per band of rows, before the
table finder reads them.

The header shows the panels: pages whose first row of labels stands at
the same height, each naming fields no other names, which together name
a plan's header and alone do not. Their order says how the sheet was
printed: one after another (over, then down) or as many pages apart as
the sheet is long (down, then over: Excel's and Calc's default); the
pages of the rows below are matched the same way and must line up with
the first panel's rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from statistics import median

from ...language.vocabulary import best_field, header_field_count
from ...model.geometry import Edge, Word
from ...model.settings import DEFAULT_SETTINGS, LayoutSettings
from .reading import PageContent, phrase_gap


@dataclass(frozen=True)
class _Labels:
    top: float
    fields: frozenset[str]
    # Each label: its text in lower case, where it starts and ends, what it names.
    labels: tuple[tuple[str, float, float, str], ...] = ()

    def repeated(self, first: _Labels, slack: float) -> int:
        """How many of the first panel's leading labels this one repeats,
        in place (Excel's "columns to repeat at left")."""
        k = 0
        for mine, theirs in zip(self.labels, first.labels[:-1], strict=False):  # the shorter decides
            if mine[0] != theirs[0] or abs(mine[1] - theirs[1]) > slack:
                break
            k += 1
        return min(k, len(self.labels) - 1)


@dataclass(frozen=True)
class Band:
    """One band of a sheet's rows: the pages of its panels, left to right,
    how far down each is moved to stand level with the first, and where
    across the joined page each is set (a scan's panels moved to stand
    under the same panel of the band above)."""

    pages: tuple[int, ...]
    shifts: tuple[float, ...]
    offsets: tuple[float, ...]
    # Where on each panel its own columns start: left of it, columns it
    # repeats from the first panel.
    starts: tuple[float, ...] = ()


def panel_groups(pages: Sequence[PageContent], settings: LayoutSettings = DEFAULT_SETTINGS) -> list[Band]:
    """The bands of rows whose panels to put side by side; empty when the
    document is not such a print."""

    by_number = {p.number: p for p in pages}
    labels = {p.number: _label_row(p, phrase_gap(p, settings), settings) for p in pages}
    groups: list[Band] = []
    used: set[int] = set()
    for page in pages:
        first = labels[page.number]
        if first is None or page.number in used:
            continue
        chain = _header_chain(page.number, first, labels, by_number, used, settings)
        if chain is None:
            continue
        bands = _bands(chain, first.top, labels, by_number, settings)
        groups.extend(bands)
        used.update(n for band in bands for n in band.pages)
    return groups


def partial_header(page: PageContent, settings: LayoutSettings = DEFAULT_SETTINGS) -> bool:
    """Does ``page`` open with labels that name some of a plan's fields but
    not enough for a header: maybe the first panel of a wide sheet?"""

    labels = _label_row(page, phrase_gap(page, settings), settings)
    return labels is not None and not _is_header(labels.fields, settings)


def _label_row(page: PageContent, gap: float, settings: LayoutSettings) -> _Labels | None:
    """The first line near the top of ``page`` made only of labels, two or
    more, that each name a field, and what they name."""
    for line in page.lines[: settings.panel_header_search_lines]:
        segments = line.segments(gap)
        if len(segments) < 2 or any(len(seg.words) > settings.max_label_words for seg in segments):
            continue
        best = [best_field(seg.text) for seg in segments]
        if all(b is not None and b.score >= settings.header_field_score for b in best):
            named = tuple(
                (seg.text.lower(), seg.x0, seg.x1, b.field) for seg, b in zip(segments, best, strict=True) if b
            )
            return _Labels(line.top, frozenset(b.field for b in best if b is not None), named)
    return None


def _header_chain(
    start: int,
    first: _Labels,
    labels: dict[int, _Labels | None],
    pages: dict[int, PageContent],
    used: set[int],
    settings: LayoutSettings,
) -> Band | None:
    """The header panels from page ``start``, left to right, evenly spaced:
    labels at one height, none naming a field another names (a header
    repeated on the pages of a long table names the same ones) but for
    the first panel's leading columns repeated in place, that together
    name a plan's header, over rows that line up."""
    for stride in range(1, settings.panel_max_stride + 1):
        chain, shifts, starts, fields = [start], [0.0], [0.0], set(first.fields)
        n = start + stride
        while (nxt := labels.get(n)) is not None and n not in used and _same_paper(pages[start], pages[n]):
            slack = _slack(pages[start], pages[n], settings)
            k = nxt.repeated(first, slack)
            own = nxt.labels[k:]
            if abs(nxt.top - first.top) > slack or {lab[3] for lab in own} & fields:
                break
            shift = _level(pages[start], pages[n], first.top - nxt.top, settings.panel_row_slack_pt, settings)
            if shift is None:
                break
            chain.append(n)
            shifts.append(shift)
            starts.append((nxt.labels[k - 1][2] + own[0][1]) / 2 if k else 0.0)
            fields |= {lab[3] for lab in own}
            n += stride
        if len(chain) > 1 and _is_header(frozenset(fields), settings):
            widths = [pages[n].width for n in chain]
            offsets = tuple(sum(widths[:i]) for i in range(len(chain)))
            return Band(tuple(chain), tuple(shifts), offsets, tuple(starts))
    return None


def _is_header(fields: frozenset[str] | set[str], settings: LayoutSettings) -> bool:
    return header_field_count(fields) >= settings.min_header_fields


def _same_paper(a: PageContent, b: PageContent) -> bool:
    """Pages of one size (a scan's to within a few points: its pages are
    cut a little differently)."""
    slack = 1.0 if not (a.ocr or b.ocr) else 0.05 * max(a.width, a.height)
    return abs(a.width - b.width) <= slack and abs(a.height - b.height) <= slack


def _slack(a: PageContent, b: PageContent, settings: LayoutSettings = DEFAULT_SETTINGS) -> float:
    """How far apart two panels' rows may stand (``settings.panel_row_slack_pt``)."""
    if not (a.ocr or b.ocr):
        return settings.panel_row_slack_pt
    return settings.panel_scan_slack_lines * max(
        median(ln.bottom - ln.top for ln in p.lines) if p.lines else 0.0 for p in (a, b)
    )


def _bands(
    header: Band,
    top: float,
    labels: dict[int, _Labels | None],
    pages: dict[int, PageContent],
    settings: LayoutSettings = DEFAULT_SETTINGS,
) -> list[Band]:
    """The bands of rows a header band (its labels at ``top``) heads: its
    own, then each band of the rows below, as long as their panels line up."""
    chain = header.pages
    stride = chain[1] - chain[0]
    # Over, then down: the header panels one after another, each later
    # band the next as many pages; down, then over: each band the page
    # after the last, up to the next header panel.
    step, count = (len(chain), None) if stride == 1 else (1, stride)
    out = [header]
    k = 1
    while count is None or k < count:
        numbers = [n + k * step for n in chain]
        if not all(n in pages and _same_paper(pages[chain[0]], pages[n]) for n in numbers):
            break
        heads = [_fields_at(labels.get(n), top, settings) for n in numbers]
        if any(heads) and heads != [_fields_at(labels.get(n), top, settings) for n in chain]:
            break  # another sheet's header (the same one is Excel's "rows to repeat at top")
        first = pages[numbers[0]]
        shifts = [0.0]
        for n in numbers[1:]:
            shift = _level(first, pages[n], 0.0, _slack(first, pages[n], settings), settings)
            if shift is None:
                break
            shifts.append(shift)
        if len(shifts) < len(numbers):
            break
        # Each panel under the same panel of the header band: where its
        # columns' left edges stand level with that panel's.
        nudges = []
        for n, above in zip(numbers, chain, strict=True):
            upper, lower = pages[above], pages[n]
            lefts = [ln.x0 for ln in upper.lines], [ln.x0 for ln in lower.lines]
            nudges.append(
                _best_shift(
                    *lefts, 0.0, _slack(upper, lower, settings), _within(upper, lower, settings), settings=settings
                )
                or 0.0
            )
        offsets = tuple(x + dx for x, dx in zip(header.offsets, nudges, strict=True))
        starts = tuple(x - dx if x else 0.0 for x, dx in zip(header.starts, nudges, strict=True))
        out.append(Band(tuple(numbers), tuple(shifts), offsets, starts))
        k += 1
    return out


def _fields_at(labels: _Labels | None, top: float, settings: LayoutSettings = DEFAULT_SETTINGS) -> frozenset[str]:
    """What a page's labels name when they stand at ``top``."""
    return labels.fields if labels is not None and abs(labels.top - top) <= settings.panel_row_slack_pt else frozenset()


def _level(
    first: PageContent, other: PageContent, near: float, reach: float, settings: LayoutSettings = DEFAULT_SETTINGS
) -> float | None:
    """How far down to move ``other`` (about ``near``, within ``reach``) so
    that most of its lines stand level with a line of ``first``; None when
    no move does."""
    ours, theirs = [ln.top for ln in first.lines], [ln.top for ln in other.lines]
    return _best_shift(ours, theirs, near, reach, _within(first, other, settings), settings=settings)


def _within(a: PageContent, b: PageContent, settings: LayoutSettings = DEFAULT_SETTINGS) -> float:
    return settings.panel_scan_level_pt if (a.ocr or b.ocr) else settings.panel_row_slack_pt


def _best_shift(
    ours: list[float],
    theirs: list[float],
    near: float,
    reach: float,
    within: float,
    settings: LayoutSettings = DEFAULT_SETTINGS,
) -> float | None:
    """The move of ``theirs`` (about ``near``, within ``reach``, in half
    points) that sets most of them within ``within`` of one of ``ours``;
    None unless it sets ``settings.panel_min_level_share`` of them."""
    if not ours or not theirs:
        return None

    def share(shift: float) -> float:
        return sum(1 for t in theirs if any(abs(t + shift - f) <= within for f in ours)) / len(theirs)

    steps = int(reach / 0.5)
    best = max((near + 0.5 * i for i in range(-steps, steps + 1)), key=lambda d: (share(d), -abs(d - near)))
    return best if share(best) >= settings.panel_min_level_share else None


def side_by_side(pages: Sequence[PageContent], groups: list[Band]) -> list[PageContent]:
    """``pages`` with each band's panels put side by side as one page
    (numbered as its first), the words each panel shows only."""
    by_number = {p.number: p for p in pages}
    merged = {band.pages[0]: _joined(band, by_number) for band in groups}
    inside = {n for band in groups for n in band.pages[1:]}
    return [merged.get(p.number, p) for p in pages if p.number not in inside]


def _joined(band: Band, pages: dict[int, PageContent]) -> PageContent:
    words: list[Word] = []
    edges: list[Edge] = []
    starts = band.starts or (0.0,) * len(band.pages)
    for n, dy, offset, own in zip(band.pages, band.shifts, band.offsets, starts, strict=True):
        page = pages[n]
        # A cell's text running past the panel's edge prints on the next
        # panel too: only what a panel shows counts, and only its own
        # columns (not those it repeats from the first panel).
        for w in page.words:
            if w.x0 >= max(-0.5, own) and w.x1 <= page.width + 0.5:
                letters = tuple((i, x + offset) for i, x in w.letters)
                words.append(
                    replace(
                        w, x0=w.x0 + offset, x1=w.x1 + offset, top=w.top + dy, bottom=w.bottom + dy, letters=letters
                    )
                )
        edges.extend(Edge(e.x0 + offset, e.x1 + offset, e.top + dy, e.bottom + dy) for e in page.edges)
    first, last = pages[band.pages[0]], pages[band.pages[-1]]
    height = max(pages[n].height for n in band.pages)
    return PageContent(band.pages[0], band.offsets[-1] + last.width, height, words, edges, ocr=first.ocr)
