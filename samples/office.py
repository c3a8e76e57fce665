"""Office samples: plans written as real Word and Excel files and printed to
PDF by LibreOffice, the way most councils publish them.

    python samples/office.py [OUT_DIR [NAME ...]]

(with names, only those house styles are written again)

Each house style (``office_word.py``, ``office_excel.py``) writes
``<name>.docx`` or ``<name>.xlsx`` (python-docx, openpyxl; kept as samples
of their own, read directly); this prints it with
``soffice --headless --convert-to pdf`` and writes ``<name>.expected.jsonl``
beside them; a few are also converted to ``.doc``, ``.odt``, ``.rtf``,
``.xls`` or ``.ods``. The same file is also saved as
HTML by LibreOffice and printed by headless Chromium (``<name>--html.pdf``:
another producer's layout of the same plan, cells printed without padding);
some are printed again with their cells set to the bottom or middle of each
row (``<name>--bottom.pdf``, ``<name>--center.pdf``), a few are scanned
(``<name>--scan.pdf``) and every print is photocopied (``<name>--photocopy.pdf``,
``degrade.py``). The PDFs carry timestamps, so
the tests check their content, not their bytes. Needs LibreOffice and
Chromium (`make system-deps`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from degrade import photocopy, seed_for
from generate import scanned, write_jsonl
from office_excel import (
    excel_clipped_label,
    excel_merged,
    excel_panels,
    excel_sections_hidden,
    excel_spilled_label,
    excel_tracker,
)
from office_labels import word_bilingual, word_learning_column
from office_word import (
    word_agency_sections,
    word_borderless,
    word_borderless_dense,
    word_default_grid,
    word_grid,
    word_key_value,
    word_numbered_agency_tables,
    word_plain_paragraphs,
    word_recommendation_rows,
    word_report,
)

CONVERT_TIMEOUT_S = 180


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(source: Path, to: str, out_dir: Path) -> Path:
    """Convert ``source`` with LibreOffice (``to``: "pdf", "html"), in a
    private profile."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice is not installed (make system-deps)")
    with tempfile.TemporaryDirectory(prefix="dhr-lo-") as profile:
        command = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", to]
        subprocess.run(
            [*command, "--outdir", str(out_dir), str(source)],
            check=True,
            capture_output=True,
            timeout=CONVERT_TIMEOUT_S,
        )
    return out_dir / f"{source.stem}.{to}"


def to_pdf(source: Path, out_dir: Path) -> Path:
    """Print ``source`` to PDF with LibreOffice."""
    return convert(source, "pdf", out_dir)


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def to_html_pdf(source: Path, pdf: Path) -> Path:
    """Save ``source`` as HTML with LibreOffice and print that page to
    ``pdf`` with headless Chromium."""
    browser = chromium()
    if browser is None:
        raise RuntimeError("Chromium is not installed (make system-deps)")
    with tempfile.TemporaryDirectory(prefix="dhr-html-") as tmp:
        page = convert(source, "html", Path(tmp))
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--user-data-dir={tmp}/chromium",
                "--no-pdf-header-footer",
                f"--print-to-pdf={pdf}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=CONVERT_TIMEOUT_S,
        )
    return pdf


STYLES: dict[str, tuple[str, Callable[[Path], list[dict[str, Any]]]]] = {
    "harbourside-dhr-mr-e": ("docx", word_grid),
    "millbrook-dhr-ms-f": ("docx", word_borderless),
    "fenwick-dhr-2019-02": ("xlsx", excel_tracker),
    "ashdown-dhr-jane": ("docx", word_agency_sections),
    "harbourside-dhr-mr-e-tracker": ("xlsx", excel_merged),
    "corbridge-dhr-mrs-g": ("docx", word_borderless_dense),
    "fenwick-dhr-2019-02-summary": ("xlsx", excel_spilled_label),
    "dunmore-dhr-mr-h": ("docx", word_key_value),
    "elmstead-dhr-ms-k": ("docx", word_numbered_agency_tables),
    "greyfield-dhr-2020-04": ("xlsx", excel_sections_hidden),
    "lindow-dhr-mr-l": ("docx", word_default_grid),
    "ravensholme-dhr-anna": ("docx", word_report),
    "oakhurst-dhr-beth": ("xlsx", excel_panels),
    "thornbury-dhr-carol": ("docx", word_recommendation_rows),
    "westholm-dhr-dawn": ("docx", word_plain_paragraphs),
    "keston-dhr-fiona": ("xlsx", excel_clipped_label),
    "bryncoed-dhr-2022-01": ("docx", word_bilingual),
    "bryncoed-dhr-2022-01-learning": ("docx", word_learning_column),
}


def _cells_set_to(source: Path, target: Path, vertical: str) -> None:
    """A copy of a Word or Excel file with every table cell set to the
    bottom or middle of its row (Excel's default is the bottom; Word's and
    HTML's tables are often centred)."""
    if source.suffix == ".xlsx":
        from openpyxl import load_workbook
        from openpyxl.styles import Alignment

        wb = load_workbook(source)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    c.alignment = Alignment(
                        wrap_text=c.alignment.wrap_text, horizontal=c.alignment.horizontal, vertical=vertical
                    )
        wb.save(target)
        return
    from docx import Document
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

    doc = Document(str(source))
    align = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM if vertical == "bottom" else WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for table in doc.tables:
        for row in table.rows:
            for c in row.cells:
                c.vertical_alignment = align
    doc.save(str(target))


# The same files with their cells set to the bottom or middle of each row:
# "<name>--<alignment>.pdf", printed by LibreOffice.
ALIGNED = {
    "fenwick-dhr-2019-02": "bottom",
    "harbourside-dhr-mr-e-tracker": "center",
    "millbrook-dhr-ms-f": "center",
    "corbridge-dhr-mrs-g": "bottom",
}
# Scanned copies (of the LibreOffice print): "<name>--scan.pdf".
SCANS = ["harbourside-dhr-mr-e"]


# No HTML copy: LibreOffice's HTML export drops a two-row header's row
# spans, so the labels of that print sit over the wrong columns. Nor of the
# overview report: the HTML loses its appendix's landscape section, and
# Chromium's portrait page cuts the plan off.
NO_HTML = {"lindow-dhr-mr-l", "ravensholme-dhr-anna"}

# Copies in the formats LibreOffice converts to: "<name>.<format>".
LEGACY = {
    "harbourside-dhr-mr-e": ("doc", "odt", "rtf"),
    "fenwick-dhr-2019-02": ("xls", "ods"),
    "elmstead-dhr-ms-k": ("odt",),
    "lindow-dhr-mr-l": ("rtf",),
}


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    out.mkdir(parents=True, exist_ok=True)
    unknown = [n for n in argv[2:] if n not in STYLES]
    if unknown:
        print(f"office.py: no house style {', '.join(unknown)} (there are: {', '.join(STYLES)})", file=sys.stderr)
        return 2
    wanted = argv[2:] or list(STYLES)
    with tempfile.TemporaryDirectory(prefix="dhr-office-") as tmp:
        for name, (suffix, make) in STYLES.items():
            if name not in wanted:
                continue
            source = out / f"{name}.{suffix}"
            expected = make(source)
            pdf = to_pdf(source, out)
            write_jsonl(out / f"{name}.expected.jsonl", [{**r, "document": pdf.name} for r in expected])
            print(f"{pdf}, {source}: {len(expected)} expected records")
            if name not in NO_HTML:
                print(f"{to_html_pdf(source, out / f'{name}--html.pdf')}: printed by Chromium from LibreOffice's HTML")
            for fmt in LEGACY.get(name, ()):
                print(f"{convert(source, fmt, out)}: converted by LibreOffice")
            if name in ALIGNED:
                aligned = Path(tmp) / f"{name}--{ALIGNED[name]}{source.suffix}"
                _cells_set_to(source, aligned, ALIGNED[name])
                print(f"{to_pdf(aligned, out)}: cells set to the {ALIGNED[name]} of their rows")
            if name in SCANS:
                scanned(pdf, out / f"{name}--scan.pdf")
                print(f"{out / f'{name}--scan.pdf'}: image-only copy of {pdf.name}")
            copy = out / f"{name}--photocopy.pdf"
            print(f"{copy}: {photocopy(pdf, copy, seed_for(name)).describe()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
