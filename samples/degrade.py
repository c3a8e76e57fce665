"""Photocopy-quality scans of the sample PDFs, seeded and reproducible.

    python samples/degrade.py SOURCE.pdf OUT.pdf [--seed N] [--only STEP]

A plan signed off on paper and fed through an office scanner comes back
worse than a clean render: scanned at 150-300 dpi, each page skewed a degree
or two (alternate pages the other way, as they lie on the glass one way and
then the other), grey paper shaded unevenly, toner dust and speckle, a soft
focus, JPEG compression, a margin cut off, and now and then a page fed a
quarter turn round. :func:`photocopy` makes such a copy of any PDF; the
choices are drawn from ``seed``, so one seed gives the same file every time
(``make samples`` keeps one copy of every house style as
``<name>--photocopy.pdf``). :data:`STEPS` names each degradation, so one can
be applied alone (``only``) to measure what it costs the reader.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

# The degradations, in the order they are applied.
STEPS = ("dpi", "skew", "turn", "crop", "paper", "speckle", "blur", "jpeg")


@dataclass(frozen=True)
class Copy:
    """What the scanner did to one document (drawn by :func:`draw`)."""

    dpi: int
    skew: float  # degrees, the first page's; alternate pages lean the other way
    turns: dict[int, int] = field(default_factory=dict)  # page index -> degrees turned (90, 270)
    crop: tuple[str, float] = ("left", 0.0)  # edge, share of the page cut off
    paper: int = 255  # the paper's grey level
    ink: int = 0  # the darkest toner
    speckle: float = 0.0  # share of pixels that are dust
    blur: float = 0.0  # Gaussian radius at 200 dpi
    quality: int = 95  # JPEG quality

    def describe(self) -> str:
        turned = ", ".join(f"p{i + 1} {d}°" for i, d in sorted(self.turns.items())) or "none"
        return (
            f"{self.dpi} dpi, skew ±{abs(self.skew):.2f}°, turned {turned}, {self.crop[0]} margin cut"
            f" {self.crop[1]:.1%}, paper {self.paper}, speckle {self.speckle:.2%}, blur {self.blur:.2f},"
            f" JPEG {self.quality}"
        )


def draw(pages: int, seed: int, only: str | None = None) -> Copy:
    """The degradations for a document of ``pages`` pages, drawn from ``seed``;
    with ``only``, that step alone (the others left clean)."""
    rng = random.Random(seed)
    turns = {i: rng.choice((90, 270)) for i in range(pages) if rng.random() < 0.12}
    full = Copy(
        dpi=rng.choice((150, 200, 200, 240, 300)),
        skew=rng.uniform(0.3, 2.5) * rng.choice((1, -1)),
        turns=turns,
        crop=(rng.choice(("left", "right", "top", "bottom")), rng.uniform(0.005, 0.025)),
        paper=rng.randint(205, 238),
        ink=rng.randint(20, 70),
        speckle=rng.uniform(0.0005, 0.003),
        blur=rng.uniform(0.3, 0.9),
        quality=rng.randint(30, 60),
    )
    if only is None:
        return full
    if only not in STEPS:
        raise ValueError(f"no degradation {only!r}: one of {', '.join(STEPS)}")
    clean = Copy(dpi=200, skew=0.0)
    picks = {
        "dpi": {"dpi": min(full.dpi, 150)},
        "skew": {"skew": full.skew},
        "turn": {"turns": turns or {0: 90}},
        "crop": {"crop": full.crop},
        "paper": {"paper": full.paper, "ink": full.ink},
        "speckle": {"speckle": full.speckle},
        "blur": {"blur": full.blur},
        "jpeg": {"quality": full.quality},
    }
    return Copy(**{**clean.__dict__, **picks[only]})


def degrade_page(image: Image.Image, copy: Copy, index: int, rng: np.random.Generator) -> Image.Image:
    """One rendered page (greyscale, at ``copy.dpi``) as the scanner gives it back."""
    if copy.skew:
        lean = copy.skew * (1 if index % 2 == 0 else -1) * float(rng.uniform(0.8, 1.0))
        image = image.rotate(lean, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    if index in copy.turns:
        image = image.rotate(copy.turns[index], expand=True)
    edge, share = copy.crop
    if share:
        w, h = image.size
        cut_x, cut_y = int(w * share), int(h * share)
        box = {
            "left": (cut_x, 0, w, h),
            "right": (0, 0, w - cut_x, h),
            "top": (0, cut_y, w, h),
            "bottom": (0, 0, w, h - cut_y),
        }[edge]
        image = image.crop(box)
    a = np.asarray(image).astype(np.float32) / 255.0
    if copy.paper < 255 or copy.ink > 0:
        h, w = a.shape
        # Shaded unevenly: darker towards one corner, as a lid left ajar.
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        shade = 1.0 - 0.06 * ((xx / w) * float(rng.uniform(0.3, 1.0)) + (yy / h) * float(rng.uniform(0.3, 1.0)))
        paper = copy.paper * shade
        a = copy.ink + (paper - copy.ink) * a
        a += rng.normal(0.0, 3.0, a.shape).astype(np.float32)
    else:
        a *= 255.0
    if copy.speckle:
        dust = rng.random(a.shape) < copy.speckle
        # Specks of one to three pixels, a few of them dark blobs.
        dust |= np.roll(dust & (rng.random(a.shape) < 0.3), 1, axis=1)
        dust |= np.roll(dust & (rng.random(a.shape) < 0.3), 1, axis=0)
        a[dust] = rng.uniform(20.0, 110.0, int(dust.sum()))
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if copy.blur:
        out = out.filter(ImageFilter.GaussianBlur(copy.blur * copy.dpi / 200))
    return out  # JPEG-compressed as the PDF is written (its quality is copy.quality)


def photocopy(source: Path, path: Path, seed: int, only: str | None = None) -> Copy:
    """Write an image-only, photocopy-quality copy of ``source`` to ``path``;
    returns what was done to it."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(source))
    try:
        copy = draw(len(pdf), seed, only)
        rng = np.random.default_rng(seed)
        scale = copy.dpi / 72
        pages = [
            degrade_page(pdf[i].render(scale=scale, grayscale=True).to_pil().convert("L"), copy, i, rng)
            for i in range(len(pdf))
        ]
    finally:
        pdf.close()
    fixed = time.gmtime(1640995200)  # rebuilds are byte-identical
    pages[0].save(
        path,
        "PDF",
        resolution=float(copy.dpi),
        save_all=True,
        append_images=pages[1:],
        creationDate=fixed,
        modDate=fixed,
        quality=copy.quality,
    )
    return copy


def seed_for(name: str) -> int:
    """A stable seed from a sample's name (the same on every machine and run)."""
    import zlib

    return zlib.crc32(name.encode("utf-8"))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, help="default: from the source's name")
    parser.add_argument("--only", choices=STEPS, help="apply this degradation alone")
    args = parser.parse_args(argv[1:])
    seed = args.seed if args.seed is not None else seed_for(args.source.stem)
    copy = photocopy(args.source, args.out, seed, args.only)
    print(f"{args.out}: {copy.describe()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
