"""The table finder's thresholds, in one validated object.

Like pdfplumber's ``TableSettings`` and camelot's parser parameters, every
number the layout finder judges by lives here with the reason for its value.
Lengths named ``*_pt`` are PDF points; names ending ``_em`` are multiples of
the font size of the text being judged (so they hold for 8 pt and 14 pt
tables alike); ``*_share`` values are fractions 0..1.

>>> from dhr_actions.model.settings import LayoutSettings
>>> tight = LayoutSettings(row_gap_extra_em=0.2)  # rows set closer together
>>> PdfplumberExtractor(settings=tight)  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class LayoutSettings:
    # -- reading the page --------------------------------------------------
    # pdfplumber's word tolerances: letters closer than 0.12 em are one word
    # (kerned text; a space is 0.25 em or more), lines within 2 pt one
    # baseline (super/subscripts). In proportion to the letters' size, not a
    # fixed 1.5 pt: at 8 pt, the text of two cells printed tight (an HTML
    # table without cell padding) is 1–1.5 pt apart.
    word_x_tolerance_em: float = 0.12
    word_y_tolerance_pt: float = 2.0
    # A word its clipping path hides (a spreadsheet cell's wrapped label
    # drawn past the cell's edge) is not printed: at most a quarter of its
    # glyphs' area inside the clip, the dots and tips of a line cut below
    # its letters. A line cut through its letters (a row set too short)
    # shows their upper part, which a reader still makes out: it is kept.
    clip_hidden_max_share: float = 0.25
    # A word running across a column's start is two cells' text run
    # together when one of its letters starts this close to where that
    # column's text starts.
    letter_at_start_pt: float = 0.75
    # No printer prints within a few points of the paper's edge: a "rule"
    # there, bounding a column with no word in it, is a photocopy's dark
    # page edge, not the table's.
    paper_edge_pt: float = 6.0
    # Rules shorter than this are glyph parts, underlines of a letter or
    # check-box ticks, not table rules.
    min_rule_length_pt: float = 4.0
    # A word joins a line when its middle is within this share of its font
    # size of the line's middle: tolerant of mixed sizes, never of the line
    # below (line spacing is ≥ 1 em).
    line_tolerance_em: float = 0.5

    # -- running headers and footers ----------------------------------------
    # Page furniture lives in the top 10% and bottom 12% of a page (a footer
    # with a page number and a marking takes two lines).
    margin_top_share: float = 0.10
    margin_bottom_share: float = 0.12
    # Margin text recurring on this share of pages (and on two at least) is
    # furniture, however it reads.
    furniture_page_share: float = 0.3
    # ... at the same distance from the page's edge, give or take this much
    # (a scanned page sits a few points higher or lower than the next).
    furniture_place_pt: float = 6.0
    # ... and apart from the page's body by more than this (a header band
    # is set off from the text; a table's row carried over runs on below).
    furniture_gap_em: float = 1.2
    # A header's title (up to 3 lines above it) repeats with the header on
    # every page of a long table: never furniture.
    header_title_reach_em: float = 3.0

    # -- phrases: where a space is a column gap -------------------------------
    # Gaps between words of a line are measured on the page; with fewer than
    # 20 the page has no reliable spacing and a quarter em is assumed.
    phrase_min_gaps: int = 20
    phrase_default_gap_em: float = 0.25
    # Spaces of over 1.5 em are not word spaces and stay out of the measure.
    phrase_max_word_gap_em: float = 1.5
    # A phrase breaks at a gap wider than 2.2× the usual word space (OCR and
    # justified text space words unevenly), never below 0.6 em or 4 pt.
    phrase_gap_factor: float = 2.2
    phrase_min_gap_em: float = 0.6
    phrase_min_gap_pt: float = 4.0

    # -- headers ---------------------------------------------------------------
    # A header label is short: a phrase of more than 8 words is text.
    max_label_words: int = 8
    # A header cell holds a label, wrapped over a few lines at most: a cell of
    # more than two labels' worth of words (a recommendation that happens to
    # open with "Recommendation No 3" beside cells naming other fields) is a
    # row of text, not a header.
    header_cell_max_words: int = 16
    # How well a phrase must match a field's vocabulary to count as that
    # field's label (vocabulary.best_field scores: 2 = a whole key phrase).
    header_field_score: float = 2.0
    # Two labels printed as one phrase are cut between them when no more
    # than this share of body lines has a word across that gap.
    river_cross_share: float = 0.1
    # ... and this many body lines have text on each side of the gap.
    min_named_sides: int = 2
    # A header line names at least 3 fields, one of them a core field
    # (recommendation or action): two matches happen in prose.
    min_header_fields: int = 3
    # Rules bounding a header band must cover 60% of its width; the rule
    # below may be up to 6 em down (a header wrapped over several lines),
    # the one above up to 3 em up.
    header_rule_cover_share: float = 0.6
    header_rule_below_em: float = 6.0
    header_rule_above_em: float = 3.0
    # Unruled, a header's lines sit within 0.6 em of each other.
    header_line_gap_em: float = 0.6
    # Labels wrapped in narrow cells stack on up to 5 lines ("Evidenc" /
    # "e of" / "complet" / "ion"): a header may be found on them together.
    header_stack_lines: int = 5

    # -- columns ----------------------------------------------------------------
    # A vertical rule must cross 80% of the header band to bound a column;
    # three such rules make a ruled table.
    column_rule_cover_share: float = 0.8
    min_column_rules: int = 3
    # Rules within 2 pt are one (a double line, or cell borders drawn twice).
    rule_merge_pt: float = 2.0
    # Body lines sampled under a header for columns on its own page, and
    # pooled over the document for whitespace rivers.
    column_sample_lines: int = 40
    max_sample_lines: int = 80
    # A body line narrower than 40% of the header is one cell: evidence too.
    narrow_line_share: float = 0.4
    # Fewer body lines give no river evidence (a short body leaves whole
    # columns empty); a river splits a label only with text on both sides of
    # it in 3 lines; one line in 50 may cross a river (a long word).
    min_river_lines: int = 6
    min_river_sides: int = 3
    river_cross_per_lines: int = 50
    min_river_width_pt: float = 2.0
    # A river under a label's word (the label spilling over two columns)
    # must be as wide as the gap Word or Excel leaves between two cells'
    # text (about two cell paddings), not a chance alignment of word spaces.
    min_spill_river_pt: float = 6.0
    # A phrase crosses a column boundary only by more than this (glyph
    # overhang and kerning reach a point or two).
    boundary_slack_pt: float = 2.0

    # -- the table's extent ----------------------------------------------------
    # A line of more than 12 words crossing the columns is prose: the table
    # has ended (or a continuation page has none).
    prose_line_words: int = 12
    # Crossing phrases must make up half a line for it to ignore the columns.
    crossing_share: float = 0.5
    # A crossing line this far below the last row ends the table, as does
    # any gap of 4 em (and 30 pt) with no rule between.
    section_gap_em: float = 3.0
    table_end_gap_em: float = 4.0
    table_end_gap_pt: float = 30.0
    # A horizontal rule bounding rows covers half the table's width.
    row_rule_cover_share: float = 0.5
    # A vertical rule's segments join when less than 3 pt apart.
    rule_join_pt: float = 3.0

    # -- continuation pages ------------------------------------------------------
    # A page without a header continues the last table when 90% of its words
    # fall inside the columns and its rules sit within 3 pt of the bounds.
    continuation_inside_share: float = 0.9
    continuation_rule_slack_pt: float = 3.0
    # Lines above the rules of a ruled table's rest (specks OCR read as a
    # word, a running header not recognised) are passed over, up to this
    # many: more is text of the page's own, and no continuation.
    continuation_skip_lines: int = 2
    # A scanned page's table may sit this far across from the last page's.
    scan_shift_max_pt: float = 15.0
    # Cells laid on borrowed columns, and any unruled table, are less sure.
    continuation_confidence: float = 0.9
    unruled_confidence: float = 0.9

    # -- titles and sections -------------------------------------------------------
    # A title rests on the header: its first line within 2.5 em above, its
    # lines 0.6 em apart, at most 3 lines and 15 words, starting no further
    # right than 12 pt (or 1.5 em) from the table's left edge.
    title_first_gap_em: float = 2.5
    title_line_gap_em: float = 0.6
    title_max_lines: int = 3
    title_max_words: int = 15
    title_indent_pt: float = 12.0
    title_indent_em: float = 1.5
    # A section row is short: at most 3 lines and 25 words; a bold line
    # alone in the first column is one with up to 12 words.
    section_max_lines: int = 3
    section_max_words: int = 25
    section_bold_words: int = 12
    # In a ruled body, inner rules covering half a band cut it into cells;
    # a body whose inner rules cover 30% of its height is ruled at all.
    section_rule_cover_share: float = 0.5
    body_rule_cover_share: float = 0.3

    # -- rows without rules -----------------------------------------------------------
    # A new row starts where the gap between lines exceeds the table's usual
    # line gap by 0.3 em (and is 1.6× it): paragraph spacing between rows is
    # wider than line spacing within a cell.
    row_gap_extra_em: float = 0.3
    row_gap_factor: float = 1.6
    # Word tops every cell of a row at one height, and its paragraphs are
    # often spaced as far apart as its rows: on a text page (exact
    # baselines), a gap across every column of more than 0.15 em over the
    # line pitch where two or more columns begin text together starts a
    # row; a paragraph gap inside one cell starts text in that cell only.
    row_gap_soft_em: float = 0.15
    # ... their first lines level: one font, one cell margin, baselines within
    # 0.2 em (a paragraph spaced 3 pt below a neighbour's line is 0.3 em off;
    # on a scan its top is still more than a point off, below).
    row_top_level_em: float = 0.2
    # On a scan the cells' tops are measured from the ink: a pixel or two at
    # a copier's 150 dpi, and blur, put level tops up to a point apart
    # (0.3 em at 10 pt, where a page's text is level to 0.05 em).
    row_top_level_scan_em: float = 0.35
    # Cells of one row set to its bottom or middle end, or centre, on one
    # line: within this much.
    cell_align_em: float = 0.5
    # Lines of one paragraph are never further apart than this (double
    # spacing is 2.3 em).
    max_line_pitch_em: float = 2.5
    # Inside a cell, a gap over half an em starts a new paragraph.
    paragraph_gap_em: float = 0.5

    # -- key-value blocks (labels down the left, values beside them) ---------
    # Value lines closer than this (one em of space) make one run; a label's
    # wrapped rest sits this close under it.
    kv_run_gap_em: float = 1.0
    # A run level with no label goes to the nearest one within 3 em.
    kv_reach_em: float = 3.0
    # A label alone on its line (its value beside it further up or down) is
    # one to three words: "Target date", "Recommendation 3".
    kv_lone_label_words: int = 3
    # Labels at one indent stand within a bucket of this width either side of
    # the commonest one (a column of labels is left-aligned): the key–value
    # reader's label column, and triage's test for one.
    kv_label_indent_pt: float = 3.0

    # -- triage: which pages are read in full -------------------------------------
    # A document of no more pages than this is read in full, without triage,
    # unless a page of it is a scan (triage spares a scan's OCR): a page or
    # two of prose costs less to read than every page's cheap read.
    triage_min_pages: int = 5
    # When triage finds at least this share of a document's pages plan-like
    # (a plan published on its own), every page is read in full and the
    # finder runs once: following its tables page by page would run the
    # finder again for each page a table runs on to, to spare few pages.
    triage_read_all_share: float = 0.5
    # A table with no more than this many lines of text under it reaches the
    # foot of its page (a footnote or a "continued" line may stand there), so
    # the page after it is read in full for its continuation; a table with
    # more text under it has ended on its page.
    triage_run_on_tail_lines: int = 3
    # Lines opening with a field label ("Lead", "Target date") that make a page
    # a candidate for key–value blocks ...
    triage_min_label_lines: int = 3
    # ... with their values beside them, and the labels at one indent
    # (``kv_label_indent_pt``).
    # A loose character box is about this much taller than the font size.
    triage_box_to_size: float = 1.15
    # Scanned pages are looked at rendered at this resolution: enough to see
    # text lines, the gaps between table columns and ruling lines.
    triage_look_dpi: int = 50
    # A gap this wide (pixels at triage_look_dpi, about 10 pt) inside a line parts
    # table columns; word spaces, even justified ones, are narrower.
    triage_column_gap_px: int = 7
    # A part of a scanned line narrower than this many line heights (a bullet,
    # a lone digit, about 1 em) does not make a column: bulleted and
    # numbered lists are prose.
    triage_part_min_em: float = 1.0
    # Lines of two parts whose second parts line up are labels and values
    # when the widest label is at least this many line heights wide, as a
    # field's label is ("Recommendation", "Target date", "Lead agency": 5 em
    # and more); a clause's number before a hanging indent ("3.10.") is about
    # 2 em.
    triage_label_min_em: float = 3.5
    # A vertical run of ink this share of the page high is a ruling line.
    triage_rule_height_share: float = 1 / 8

    # -- panels: a sheet printed across pages put back side by side -----------------
    # How far apart two panels' header rows (or rows) may stand and still be
    # one row of the sheet: in points for a PDF's text; in a scan, whose pages
    # are cut and set on the glass each a little differently, up to this many
    # lines (each panel is then moved to stand level with the first).
    panel_row_slack_pt: float = 2.0
    panel_scan_slack_lines: float = 1.5
    # How close a scanned panel's line must come to one of the first's, once
    # moved, to stand level with it.
    panel_scan_level_pt: float = 4.0
    # A scanned document no longer than this, one of whose pages opens with
    # part of a header, is read whole to look for the other panels.
    panel_max_scanned_pages: int = 24
    # The lines of a page that may hold its header row, from the top.
    panel_header_search_lines: int = 6
    # How many pages apart two panels of one band of rows may be.
    panel_max_stride: int = 12
    # The share of a later panel's lines that must stand level with a line of
    # its band's first panel.
    panel_min_level_share: float = 0.6

    # -- stitching tables cut by page breaks, and titles ------------------------------
    # Labels that OCR read a little differently still name the same column
    # ("agency" for "Lead agency", "Targetdates." for "Target dates"): alike
    # when one holds the other or they agree this far (difflib's ratio).
    header_labels_alike_share: float = 0.75

    # On a scan a line of a bold header's wrapped labels counts as bold when
    # this share of its letters is: OCR judges bold from each word's strokes,
    # and a short word's descenders can make it measure regular.
    scan_bold_line_share: float = 0.33

    # OCR misreads a title's words ("Adpencix A: Action an"): read near enough
    # to "action plan", they still name the document.
    ocr_title_likeness_share: float = 0.8

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise TypeError(f"LayoutSettings.{f.name}: {value!r} is not a number")
            if value < 0:
                raise ValueError(f"LayoutSettings.{f.name}: {value} must not be negative")
            if f.name.endswith("_share") and value > 1:
                raise ValueError(f"LayoutSettings.{f.name}: {value} is a share, between 0 and 1")
            if f.name.endswith("_confidence") and not 0 < value <= 1:
                raise ValueError(f"LayoutSettings.{f.name}: {value} must be in (0, 1]")
        for name in (
            "min_header_fields",
            "min_column_rules",
            "min_river_lines",
            "phrase_min_gaps",
            "header_stack_lines",
            "triage_look_dpi",
            "panel_header_search_lines",
            "panel_max_stride",
        ):
            if getattr(self, name) < 1:
                raise ValueError(f"LayoutSettings.{name}: must be at least 1")
        if self.margin_top_share + self.margin_bottom_share >= 1:
            raise ValueError("LayoutSettings: the top and bottom margins overlap")


DEFAULT_SETTINGS = LayoutSettings()
