"""The OCR's thresholds, in one validated object.

Like :class:`~dhr_actions.model.settings.LayoutSettings` for the table
finder, every number the reading of a scanned page judges by lives here with
the reason for its value. Names ending ``_pt`` are PDF points, ``_px``
pixels at the OCR resolution, ``_deg`` degrees, ``_share`` fractions 0..1;
the ``missed_*`` sizes are multiples of the page's usual word height.

>>> from dhr_actions.ingest.ocr.settings import OcrSettings
>>> OcrSettings(dpi=400, bold_stroke_ratio=1.2)  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, fields

DPI = 300
MIN_CONFIDENCE = 20.0


@dataclass(frozen=True)
class OcrSettings:
    # -- tesseract ---------------------------------------------------------------
    # 300 dpi is what tesseract is trained at; words read with less confidence
    # than 20 (of 100) are noise (specks, rules' stubs).
    dpi: int = DPI
    language: str = "eng"
    min_confidence: float = MIN_CONFIDENCE
    # Tesseract page segmentation mode: 6 reads the page as one block of
    # text, which keeps short table cells that mode 3 (automatic) drops.
    psm: int = 6
    # One page's tesseract run is given up past this many seconds.
    timeout_s: float = 120
    # Tesseract's orientation detection (page mode 0) is asked at this
    # resolution: enough for it, and a quarter of the pixels.
    osd_dpi: int = 150
    # A letter or digit stands at least this share of the page's usual word
    # height (lower-case letters some 0.7, a full stop or a dash less): a
    # "word" of one or two lower than that is a speck read as "7" or "tt".
    min_glyph_share: float = 0.35
    # A lone character read with less confidence than this is a speck or a
    # rule's stub ("7" beside a column's edge), unless it is a word of its own.
    lone_char_confidence: float = 40.0
    min_words_for_height: int = 10  # fewer words than this do not tell a page's type size

    # -- which pages are scans, and how they are read --------------------------------
    # A page holding fewer text characters than this, and a picture over at
    # least this share of its area, is treated as a scan.
    scan_max_chars: int = 20
    scan_min_image_share: float = 0.3
    # Grey levels lighter than this are cell shading, not ink.
    light_shade: int = 190
    # Paper (the page's lightest few per cent) darker than this is a
    # photocopy's or an old scan's grey: binarised by a local threshold.
    paper_percentile: float = 95
    white_paper: int = 245
    # Type whose words' boxes stand fewer pixels high than this (their median)
    # is read again enlarged to about ``read_text_px``, at most ``max_enlargement``
    # times: tesseract reads capitals best some 30 pixels high.
    small_text_px: float = 24.0
    read_text_px: float = 32.0
    max_enlargement: float = 2.0
    min_words_to_judge: int = 20
    # A word whose strokes are this much thicker than the page's usual ones is
    # bold (header labels, agency headings). The faces plans are set in draw a
    # bold stem 1.5-1.65 times the regular one (Arial, Calibri, Times New
    # Roman, Verdana); the measure here (twice a word's ink over its outline)
    # also counts bowls, joins and serifs, which bold thickens less, and a
    # 300 dpi scan's blur adds the same fraction of a pixel to every stroke,
    # so a bold word measures about 1.3 times the page's median. The cut is
    # the geometric middle of regular (1.0) and bold (1.3): sqrt(1.3) = 1.14.
    # (The samples' bold words measure 1.17-1.4, their regular ones at most
    # 1.11: the cut is not fitted to them.) Words shorter than
    # ``bold_min_letters`` are not judged.
    bold_stroke_ratio: float = 1.14
    bold_min_letters: int = 2
    # A page whose words of three letters or more are English words less often
    # than this is read again turned round: upright text, even photocopied,
    # reads at 0.6 and more; upside down at 0.1 and less.
    legible_share: float = 0.3

    # -- the page's picture cleaned: binarised, deskewed, turned, despeckled ------------
    # Sauvola's local threshold (J. Sauvola and M. Pietikäinen, "Adaptive
    # document image binarization", Pattern Recognition 33, 2000): a pixel is
    # ink when darker than m * (1 + k * (s / R - 1)) over a window around it,
    # m and s the window's mean and deviation. Grey paper, cell shading and a
    # photocopier's uneven toner fall to white; thin strokes and rules stay.
    sauvola_window_pt: float = 10.0  # the window's side: about two lines of text
    sauvola_k: float = 0.2
    sauvola_r: float = 128.0
    # Skew is looked for within this many degrees, first in coarse then in fine
    # steps, on a copy of the page reduced by a whole factor to no less than
    # this many pixels wide (a whole factor is several times quicker to reduce
    # by; fewer pixels would not tell a tenth of a degree).
    max_skew_deg: float = 3.0
    skew_steps_deg: tuple[float, ...] = (0.2, 0.02)
    skew_width_px: int = 800
    # Below this the page is left as it is (resampling costs sharpness).
    min_skew_deg: float = 0.1
    # A page whose ink is sharper in columns than in rows by this much lies on
    # its side (a landscape page scanned a quarter turn off): its lines run
    # down the page. Upright pages of the samples, clean or photocopied,
    # measure 0.98 and more, the same turned 0.52 and less.
    sideways_ratio: float = 0.8
    # The sharpness of rows and of columns is the best over these angles, so
    # that a skewed page measures as a flat one.
    sideways_angles_deg: tuple[float, ...] = (-3.0, -2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0, 3.0)
    # The measure is taken on a copy reduced by a whole factor to at most this
    # many pixels on its longer side: the angles above are steps enough there.
    sideways_side_px: int = 800
    # Runs of ink longer than this share of the page are rules, not text:
    # left out of the measure (a table's column rules, turned, are rows).
    rule_share: float = 1 / 30
    # Speckle: a blot of ink no bigger than this (in points) with no other ink
    # near it is dust or toner, not print. A full stop, a comma or the dot of
    # an "i" is as small but lies within a letter's width of its word.
    speck_max_pt: float = 1.6
    speck_neighbourhood_pt: tuple[float, float] = (4.0, 1.5)  # across, up and down: a space and a bit
    # A blot of less than this area (square points) is dust even beside text:
    # a full stop of 8-point type covers twice as much.
    speck_dust_pt2: float = 0.25
    # Straight runs of ink at least this long (points) are rules.
    rule_min_pt: float = 12.0
    # A speck is painted out with this many pixels round its box: the grey rim
    # that blurring and JPEG leave.
    speck_rim_px: int = 2
    # A dark band at least this big (points) whose lighter holes make up this
    # share of it is light text printed on a dark fill (a header row in
    # Excel's or a council's house colours): tesseract reads dark on light.
    reversed_min_pt: tuple[float, float] = (15.0, 6.0)  # wide, tall
    reversed_min_fill: float = 0.5
    reversed_min_holes: float = 0.04
    # Dark strokes thinner than this (rules, letters) are not a band.
    reversed_open_pt: float = 1.5

    # -- lines tesseract left out, read a crop at a time -----------------------------------
    # Sizes in the page's usual word height (the median box of words of three
    # letters or more): the margin kept clear around a word already read, how
    # far ink is joined across and up, the run's height and width to be worth
    # reading, and the margin of paper around the crop.
    missed_cover_margin: float = 0.15
    missed_join_across: float = 0.6
    missed_join_up: float = 0.2
    missed_min_height: float = 0.5
    missed_max_height: float = 2.5
    missed_min_width: float = 0.8
    missed_crop_margin: float = 1.0
    # A crop is read enlarged to words about this many pixels high: tesseract,
    # given one short line, misses it at the height it reads a page at.
    missed_crop_text_px: float = 48.0
    # A crop neither reading reads is read once more as black on white: grey
    # darker than this share of white is ink (halfway: bold type blurred by
    # a copy defeats tesseract's own thresholding of the grey crop).
    missed_ink_grey_share: float = 0.5
    # Share of a run's box that must be ink: a faint smudge is not a word.
    missed_min_ink_share: float = 0.05
    # Words read from a crop count when this confident, or, less confident (a
    # crop has no line around it to steady tesseract, and it is shy of digits),
    # when they read as words or numbers (``_plausible``) at the page's own
    # threshold.
    missed_min_confidence: float = 60.0
    # A lone letter or mark read from a crop (but "a", "I") is a speck beside
    # the word more often than a word: never kept. A word this short, read with
    # little confidence, is not trusted however it reads.
    missed_min_plausible_letters: int = 3
    # More runs than this on a page are no dropped line but a picture, a
    # signature or a stamp: the page is left as read.
    missed_max_runs: int = 25

    # -- words mended --------------------------------------------------------------------
    space_letters: float = 0.5  # the space OCR missed, in letters' widths
    sentence_gap: float = 1.0  # words of one sentence stand closer than this (in their height): a column's gap is wider
    # A word shorter than this is never corrected to a like word of the list.
    min_corrected_letters: int = 4
    # Words looked along a line for the closing quote of an opening one.
    quote_reach: int = 6

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "language":
                continue
            values = value if isinstance(value, tuple) else (value,)
            for v in values:
                if isinstance(v, bool) or not isinstance(v, int | float):
                    raise TypeError(f"OcrSettings.{f.name}: {value!r} is not a number")
                if v < 0 and not f.name.endswith("_deg"):
                    raise ValueError(f"OcrSettings.{f.name}: {value} must not be negative")
            if f.name.endswith("_share") and value > 1:
                raise ValueError(f"OcrSettings.{f.name}: {value} is a share, between 0 and 1")
        if not 72 <= self.dpi <= MAX_DPI:
            raise ValueError(f"OcrSettings.dpi: {self.dpi} is outside 72..{MAX_DPI}")
        if self.psm not in {3, 4, 6, 11, 12}:
            raise ValueError(f"OcrSettings.psm: {self.psm} is not a page segmentation mode for pages (3, 4, 6, 11, 12)")
        if not 0 <= self.min_confidence <= 100:
            raise ValueError(f"OcrSettings.min_confidence: {self.min_confidence} is outside 0..100")
        if self.missed_min_height >= self.missed_max_height:
            raise ValueError("OcrSettings: missed_min_height must be below missed_max_height")


MAX_DPI = 600
DEFAULT_OCR = OcrSettings()
