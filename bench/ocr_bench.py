"""What each OCR clean-up step costs a page, against tesseract's own time.

    python bench/ocr_bench.py [--pages N]

Every page of the samples' photocopies and clean scans is rendered at the
OCR resolution and put through the steps of ``ingest/ocr/recognise.py`` one at
a time, each timed on its own: the orientation measure, deskew, reverse
video, ruling lines with binarisation, speckle removal, the stroke-width
measure for bold, and tesseract reading the cleaned page; tesseract's own
orientation detection, asked only which way a page on its side is turned,
is timed apart, and so is the second reading of a page of small type,
enlarged (clean-up and tesseract again, on a picture up to twice as
wide), and so is the reading again of lines tesseract left out (ink no
word covers, read a crop at a time). The median and the total per step
are printed, with the clean-up's share of tesseract's time (target: at
most a fifth), with and without the orientation detection (how the
records read is ``make eval-scans``).
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dhr_actions.ingest.ocr import missed as unread  # noqa: E402
from dhr_actions.ingest.ocr import prepare as cleanup  # noqa: E402
from dhr_actions.ingest.ocr import recognise as ocr  # noqa: E402
from dhr_actions.ingest.ocr import tesseract  # noqa: E402

TARGET_SHARE = 0.2
CLEAN_UP = ("orientation", "deskew", "reverse video", "rules + binarise", "speckle", "bold")
# Tesseract's own orientation detection, asked only of pages lying on their
# side (which quarter turn stands them up): timed apart from the clean-up.
OSD = "orientation (OSD)"
ENLARGED = "small type, again"
LEFT_OUT = "left-out lines"


def timed(times: dict[str, list[float]], step: str, fn, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    out = fn(*args)
    times[step].append(time.perf_counter() - start)
    return out


def page_steps(pdf: Path, index: int, times: dict[str, list[float]], settings: ocr.OcrSettings) -> None:
    image, _w, _h = timed(times, "render", ocr.render_page, pdf, index, settings)
    scale = settings.dpi / 72
    exe = ocr.tesseract_path() or "tesseract"
    if timed(times, "orientation", cleanup.lies_on_its_side, image):
        turn = timed(times, OSD, tesseract.upright_turn, exe, image, settings)
        image = image.rotate(-(turn if turn in (90, 270) else 90), expand=True)
    image = timed(times, "deskew", cleanup.deskewed, image)
    image = timed(times, "reverse video", cleanup.reverse_video_undone, image, scale)
    _edges, clean, rules = timed(times, "rules + binarise", ocr._ruling_edges, image, scale)
    clean = timed(times, "speckle", cleanup.despeckled, clean, scale, rules)
    buf = io.BytesIO()
    clean.save(buf, format="PNG")
    words = timed(times, "tesseract", tesseract.tesseract_words, exe, buf.getvalue(), scale, settings)
    more = timed(times, LEFT_OUT, unread.words_unread, exe, clean, rules, words, scale, settings)
    if more:
        times["pages with left-out lines"].append(len(more))
    timed(times, "bold", ocr.emboldened, words, clean, scale)
    factor = ocr.enlargement(words, scale)
    if factor > 1.0:
        timed(times, ENLARGED, ocr.read_enlarged, exe, image, scale, settings, factor)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=0, help="at most this many pages (0: all)")
    args = parser.parse_args(argv[1:])
    if not shutil.which("tesseract"):
        print("ocr bench: tesseract is not installed, skipped")
        return 0
    import pypdfium2 as pdfium

    samples = ROOT / "samples"
    pages = []
    for pdf in sorted(samples.glob("*--photocopy.pdf")) + sorted(samples.glob("*--scan.pdf")):
        doc = pdfium.PdfDocument(str(pdf))
        pages += [(pdf, i) for i in range(len(doc))]
        doc.close()
    if args.pages:
        pages = pages[: args.pages]
    settings = ocr.DEFAULT_OCR
    times: dict[str, list[float]] = defaultdict(list)
    for pdf, index in pages:
        page_steps(pdf, index, times, settings)
    print(f"OCR per page, {len(pages)} pages of the samples' photocopies and scans at {settings.dpi} dpi, one thread:")
    for step in ("render", *CLEAN_UP, OSD, "tesseract", LEFT_OUT, ENLARGED):
        got = times.get(step, [])
        if got:
            print(
                f"  {step:18} median {1000 * statistics.median(got):7.0f} ms   total {sum(got):6.1f} s   pages {len(got)}"
            )
    clean_up = sum(sum(times[s]) for s in CLEAN_UP)
    osd = sum(times.get(OSD, []))
    reading = sum(times["tesseract"])
    share = clean_up / reading if reading else 0.0
    verdict = "met" if share <= TARGET_SHARE else "NOT met"
    print(
        f"clean-up {clean_up / len(pages):.2f} s a page against tesseract's {reading / len(pages):.2f} s:"
        f" {share:.2f}x (target <= {TARGET_SHARE}x: {verdict})"
    )
    if osd and reading:
        print(
            f"with tesseract's orientation detection on the {len(times[OSD])} pages on their side:"
            f" {(clean_up + osd) / len(pages):.2f} s a page, {(clean_up + osd) / reading:.2f}x"
        )
    found = times.get("pages with left-out lines", [])
    print(
        f"left-out lines: {sum(times[LEFT_OUT]) / len(pages):.2f} s a page ({sum(times[LEFT_OUT]) / reading:.2f}x"
        f" tesseract's); words found on {len(found)} of {len(pages)} pages, {int(sum(found))} in all"
    )
    if times.get(ENLARGED):
        print(
            f"small type read again, enlarged, on {len(times[ENLARGED])} of {len(pages)} pages:"
            f" {sum(times[ENLARGED]) / len(times[ENLARGED]):.2f} s more on each"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
