"""A picture of what the table finder saw on one page (``dhr debug``).

The page is drawn with the finder's decisions on it, the way pdfplumber's
``debug_tablefinder`` and camelot's plots show theirs: the table's outline,
its header band, column bounds, row cuts, section rows, and the lines
removed as page furniture. When a plan reads wrong, this shows which step
went wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...model.settings import LayoutSettings
from ...model.table import BBox, Table
from ..safety.repair import readable_pdf
from ..tables.finder import PageFindings, find_tables
from .layout import PdfplumberExtractor

# (stroke, fill) as RGBA; fills are translucent so the text stays legible.
TABLE = (200, 0, 0, 255)
HEADER = ((30, 90, 220, 255), (30, 90, 220, 60))
SECTION = ((0, 150, 60, 255), (0, 150, 60, 60))
FURNITURE = ((110, 110, 110, 255), (110, 110, 110, 90))
COLUMN = (220, 0, 0, 255)
ROW_CUT = (255, 140, 0, 255)
LEGEND = (
    ("table", TABLE),
    ("header", HEADER[0]),
    ("column bound", COLUMN),
    ("row cut", ROW_CUT),
    ("section row", SECTION[0]),
    ("page furniture (removed)", FURNITURE[0]),
)


@dataclass
class PageDebug:
    """What the finder saw on one page of ``path``."""

    path: Path
    pages: int
    found: PageFindings

    def describe(self) -> list[str]:
        """The findings in words, a line each."""
        n = self.found.page.number
        out = [
            f"page {n} of {self.pages}: {len(self.found.tables)} table(s)" + (", OCR" if self.found.page.ocr else "")
        ]
        for i, t in enumerate(self.found.tables, start=1):
            kinds = [r.kind for r in t.rows]
            head = "continues the previous page's table" if t.continued else "header " + " | ".join(t.header)
            out.append(
                f"  table {i}: {t.n_columns} columns, {kinds.count('header')} header, "
                f"{kinds.count('section')} section and {kinds.count('body')} body rows, confidence {t.confidence:.2f}"
            )
            out.append(f"    {head}")
            for r in t.rows:
                if r.kind == "section":
                    out.append(f"    section: {r.texts()[0]}")
        for line in self.found.furniture:
            out.append(f"  furniture: {line.text}")
        return out


def debug_page(path: Path, page: int, settings: LayoutSettings | None = None, ocr: bool = True) -> PageDebug:
    """Run the finder over the whole document (furniture and continuation
    pages depend on the others) and keep what it saw on ``page`` (1-based)."""
    extractor = PdfplumberExtractor(ocr=ocr, settings=settings)
    with readable_pdf(path) as readable:
        pages = extractor.read_pages(readable.path)
    if not 1 <= page <= len(pages):
        raise ValueError(f"{path.name} has {len(pages)} page(s): there is no page {page}")
    findings = find_tables(pages, extractor.name, extractor.settings)
    return PageDebug(path, len(pages), findings[page - 1])


def draw(debug: PageDebug, out: Path, resolution: int = 110) -> Path:
    """Draw the page with the findings over it, and a legend, as a PNG."""
    import pdfplumber
    from pdfplumber.display import PageImage
    from PIL import Image, ImageDraw

    with readable_pdf(debug.path) as readable, pdfplumber.open(readable.path) as pdf:
        page_obj = pdf.pages[debug.found.page.number - 1]
        if debug.found.page.ocr:
            # OCR read the page turned flat: its findings are drawn on that.
            flat = _flat_scan(readable.path, debug.found.page.number, resolution)
            image = PageImage(page_obj, original=flat, resolution=resolution) if flat else None
        else:
            image = None
        if image is None:
            image = page_obj.to_image(resolution=resolution)
        for line in debug.found.furniture:
            image.draw_rect((line.x0 - 1, line.top - 1, line.x1 + 1, line.bottom + 1), FURNITURE[1], FURNITURE[0], 1)
        for table in debug.found.tables:
            _draw_table(image, table)
        page = image.annotated.convert("RGB")
    legend_height = 26
    canvas = Image.new("RGB", (page.width, page.height + legend_height), "white")
    canvas.paste(page, (0, legend_height))
    pen = ImageDraw.Draw(canvas)
    x = 8
    for label, colour in LEGEND:
        pen.rectangle((x, 8, x + 12, 20), fill=colour[:3])
        pen.text((x + 17, 8), label, fill=(0, 0, 0))
        x += 17 + int(pen.textlength(label)) + 18
    canvas.save(out)
    return out


def _flat_scan(path: Path, number: int, resolution: int) -> Any:
    """Scanned page ``number`` as OCR read it, deskewed, at ``resolution``;
    None for a page OCR turned a quarter (its findings are drawn on the
    page as printed)."""
    from ..ocr.recognise import lies_on_its_side, render_page, straightened
    from ..ocr.settings import DEFAULT_OCR

    gray, width, height = render_page(path, number - 1, DEFAULT_OCR)
    if lies_on_its_side(gray, DEFAULT_OCR):
        return None
    flat = straightened(gray, DEFAULT_OCR.dpi / 72, DEFAULT_OCR).convert("RGB")
    return flat.resize((round(width * resolution / 72), round(height * resolution / 72)))


def _draw_table(image: object, table: Table) -> None:
    x0, top, x1, bottom = table.bbox
    for row in table.rows:
        if row.bbox is None:
            continue
        if row.kind == "header":
            image.draw_rect(row.bbox, HEADER[1], HEADER[0], 2)  # type: ignore[attr-defined]
        elif row.kind == "section":
            image.draw_rect(row.bbox, SECTION[1], SECTION[0], 2)  # type: ignore[attr-defined]
        else:
            image.draw_line([(x0, row.bbox[1]), (x1, row.bbox[1])], ROW_CUT, 2)  # type: ignore[attr-defined]
    for x in _column_bounds(table)[1:-1]:
        image.draw_line([(x, top), (x, bottom)], COLUMN, 2)  # type: ignore[attr-defined]
    image.draw_rect((x0, top, x1, bottom), (0, 0, 0, 0), TABLE, 3)  # type: ignore[attr-defined]


def _column_bounds(table: Table) -> list[float]:
    """The column bounds, read back from the first row whose cells are all
    there (the header, or a body row on a continuation page)."""
    for row in table.rows:
        boxes: list[BBox | None] = [c.bbox if c is not None else None for c in row.cells]
        if row.kind != "section" and boxes and all(b is not None for b in boxes):
            return [b[0] for b in boxes if b is not None] + [boxes[-1][2]]  # type: ignore[index]
    return [table.bbox[0], table.bbox[2]]
