"""Office samples: plans written as real Word and Excel files and printed to
PDF by LibreOffice, the way most councils publish them.

    python samples/office.py [OUT_DIR [NAME ...]]

(with names, only those house styles are written again)

Each house style writes ``<name>.docx`` or ``<name>.xlsx`` (python-docx,
openpyxl; kept as samples of their own, read directly), prints it with
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
from generate import record, scanned, write_jsonl
from office_plans import (
    ASHDOWN,
    ASHDOWN_TITLE,
    CORBRIDGE,
    CORBRIDGE_TITLE,
    DUNMORE,
    DUNMORE_TITLE,
    ELMSTEAD,
    ELMSTEAD_TITLE,
    FENWICK,
    FENWICK_TITLE,
    GREYFIELD,
    GREYFIELD_HIDDEN,
    GREYFIELD_TITLE,
    HARBOURSIDE,
    HARBOURSIDE_PRINTED_STATUS,
    HARBOURSIDE_TITLE,
    LINDOW,
    LINDOW_TITLE,
    MILLBROOK,
    MILLBROOK_TITLE,
    OAKHURST,
    OAKHURST_TITLE,
    RAVENSHOLME,
    RAVENSHOLME_PROSE,
    RAVENSHOLME_TITLE,
    THORNBURY,
    THORNBURY_TITLE,
)
from plans import Recommendation

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


# -- Word ---------------------------------------------------------------------
def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) in ``paragraph``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind is not None:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instruction} "
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


def _page_furniture(section: Any, marking: str, label: str) -> None:
    """A protective marking in the page header, "Page X of Y" in the footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    head = section.header.paragraphs[0]
    head.text = marking
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot = section.footer.paragraphs[0]
    foot.text = f"{label}    Page "
    _field(foot, "PAGE")
    foot.add_run(" of ")
    _field(foot, "NUMPAGES")


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _no_borders(table: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _set_cell(
    cell: Any, text: str | None, size: float, bold: bool = False, space_after: float = 0, paragraph_space: float = 0
) -> None:
    """``text`` in ``cell``, a paragraph per line: ``paragraph_space`` after
    each paragraph inside the cell, ``space_after`` after its last."""
    from docx.shared import Pt

    lines = (text or "").split("\n")
    cell.paragraphs[0].text = ""
    for i, line in enumerate(lines):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        run = p.add_run(line)
        run.font.size = Pt(size)
        run.bold = bold
        p.paragraph_format.space_after = Pt(space_after if i == len(lines) - 1 else paragraph_space)
        p.paragraph_format.space_before = Pt(0)


def _set_widths(table: Any, widths_cm: list[float]) -> None:
    """Column widths as Word keeps them: in the grid (which LibreOffice
    reads) and on every cell."""
    from docx.shared import Cm

    for column, w in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(w)


def _add_row(table: Any, values: list[str | None], size: float, space_after: float, paragraph_space: float = 0) -> None:
    row = table.add_row()
    for cell, value in zip(row.cells, values, strict=True):
        _set_cell(cell, value, size, space_after=space_after, paragraph_space=paragraph_space)


def _title(doc: Any, lines: list[str]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    for line in lines:
        p = doc.add_paragraph()
        run = p.add_run(line)
        run.bold = True
        run.font.size = Pt(12)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _word_table(
    title: list[str],
    marking: str,
    label: str,
    labels: list[str],
    size: float,
    margin_cm: float,
    landscape: bool = False,
    ruled: bool = True,
    header_space_after: float = 0,
) -> tuple[Any, Any]:
    """A Word document with page furniture, a title and a table holding its
    header row: what every Word style starts from."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    doc = Document()
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(margin_cm))
    _page_furniture(section, marking, label)
    _title(doc, title)
    table = doc.add_table(rows=1, cols=len(labels))
    if ruled:
        table.style = "Table Grid"
        _repeat_header(table.rows[0])
    else:
        _no_borders(table)
    for cell, text in zip(table.rows[0].cells, labels, strict=True):
        _set_cell(cell, text, size, bold=True, space_after=header_space_after)
    return doc, table


def word_grid(path: Path, plan: list[Recommendation] = HARBOURSIDE) -> list[dict[str, Any]]:
    """Word grid, landscape: a header row repeated on every page, rows allowed
    to break across pages, the recommendation merged down over its actions, a
    protective marking in the page header and "Page X of Y" in the footer."""
    labels = ["Ref", "Recommendation", "Action", "Lead agency", "Target date", "Progress update", "RAG"]
    doc, table = _word_table(
        HARBOURSIDE_TITLE, "OFFICIAL – SENSITIVE", "Harbourside DHR Mr E action plan", labels, 9, 1.8, landscape=True
    )
    expected = []
    for rec in plan:
        first = len(table.rows)
        for i, a in enumerate(rec.actions):
            row = table.add_row()
            values = [a.code, rec.text if i == 0 else "", a.text, a.lead, a.target, a.milestones, a.rag]
            for cell, value in zip(row.cells, values, strict=True):
                _set_cell(cell, value, 9)
            expected.append(record(path.with_suffix(".pdf").name, rec, i))
        if len(rec.actions) > 1:
            table.cell(first, 1).merge(table.cell(len(table.rows) - 1, 1))
    widths = [1.4, 5.6, 5.6, 3.4, 2.6, 6.0, 1.2]
    _set_widths(table, widths)
    doc.save(str(path))
    return expected


def word_default_grid(path: Path, plan: list[Recommendation] = LINDOW) -> list[dict[str, Any]]:
    """Word's default table, portrait: seven equal columns too narrow for
    their words, so labels wrap over up to four lines ("Recom" / "mendati" /
    "on") and long words break inside the body; "Monitoring" merged over
    "Target date" and "Date completed", the other labels merged down
    through both header rows, only the first marked to repeat."""
    labels = ["Ref", "Recommendation", "Action to take", "Lead officer", "Monitoring", "", "Notes"]
    doc, table = _word_table(LINDOW_TITLE, "OFFICIAL", "Lindow DHR Mr L", labels, 11, 2.5)
    _add_row(table, ["", "", "", "", "Target date", "Date completed", ""], 11, space_after=0)
    for cell in table.rows[1].cells[4:6]:
        cell.paragraphs[0].runs[0].bold = True
    table.cell(0, 4).merge(table.cell(0, 5))
    for col in (0, 1, 2, 3, 6):
        table.cell(0, col).merge(table.cell(1, col))
    expected = []
    for rec in plan:
        a = rec.actions[0]
        _add_row(table, [rec.number, rec.text, a.text, a.lead, a.target, a.outcome, ""], 11, space_after=0)
        expected.append(record(path.with_suffix(".pdf").name, rec, 0))
    doc.save(str(path))
    return expected


def word_borderless(path: Path, plan: list[Recommendation] = MILLBROOK) -> list[dict[str, Any]]:
    """Word, portrait, no borders at all: eight narrow columns whose cells wrap
    over many lines, rows set apart only by paragraph spacing."""
    labels = ["No.", "Recommendation", "Scope", "Action", "Lead", "Key milestones", "Target date", "Outcome"]
    doc, table = _word_table(
        MILLBROOK_TITLE, "OFFICIAL", "Millbrook DHR Ms F", labels, 8, 1.5, ruled=False, header_space_after=6
    )
    expected = []
    for rec in plan:
        a = rec.actions[0]
        values = [f"{rec.number}.", rec.text, a.scope, a.text, a.lead, a.milestones, a.target, a.outcome]
        _add_row(table, values, 8, space_after=10)
        expected.append(record(path.with_suffix(".pdf").name, rec, 0))
    widths = [1.0, 3.4, 1.6, 3.0, 2.2, 3.0, 1.8, 2.0]
    _set_widths(table, widths)
    doc.save(str(path))
    return expected


def word_agency_sections(path: Path, plan: list[Recommendation] = ASHDOWN) -> list[dict[str, Any]]:
    """Word grid, portrait: each agency's recommendations under a full-width
    merged row naming the agency, references restarting per agency with the
    agency's prefix ("NP1", "ICB1", "CSC2")."""
    labels = ["Ref", "Recommendation", "Action", "Owner", "Timescale", "Progress", "Status"]
    doc, table = _word_table(ASHDOWN_TITLE, "OFFICIAL – SENSITIVE", "Ashdown DHR 'Jane'", labels, 8, 1.5)
    expected = []
    current = None
    for rec in plan:
        if rec.section != current:
            current = rec.section
            row = table.add_row()
            merged = row.cells[0].merge(row.cells[-1])
            _set_cell(merged, current, 9, bold=True)
        a = rec.actions[0]
        _add_row(table, [rec.number, rec.text, a.text, a.lead, a.target, a.milestones, a.rag], 8, space_after=0)
        expected.append(record(path.with_suffix(".pdf").name, rec, 0))
    widths = [1.2, 4.2, 3.8, 2.6, 1.8, 3.0, 1.6]
    _set_widths(table, widths)
    doc.save(str(path))
    return expected


def word_numbered_agency_tables(path: Path, plan: list[Recommendation] = ELMSTEAD) -> list[dict[str, Any]]:
    """Word, portrait: each agency's recommendations in a table of its own
    under a heading paragraph, every table's header row marked to repeat;
    the reference column numbered by Word's list numbering ("List Number"
    style), so "1." to "5." appear only when Word lays the document out."""
    from docx.shared import Pt

    labels = ["No.", "Recommendation", "Action", "Lead", "Target date", "Progress", "Outcome"]
    widths = [1.2, 4.2, 3.8, 2.6, 1.8, 3.0, 1.8]
    doc, table = _word_table(ELMSTEAD_TITLE, "OFFICIAL", "Elmstead DHR Ms K", labels, 8, 1.5)
    first = table
    expected = []
    current = None
    for rec in plan:
        if rec.section != current:
            current = rec.section
            if table is not first or len(table.rows) > 1:
                _set_widths(table, widths)
                table = doc.add_table(rows=1, cols=len(labels))
                table.style = "Table Grid"
                _repeat_header(table.rows[0])
                for cell, text in zip(table.rows[0].cells, labels, strict=True):
                    _set_cell(cell, text, 8, bold=True)
            heading = doc.add_paragraph()
            heading.add_run(current).bold = True
            heading.paragraph_format.space_before = Pt(10)
            # The heading goes just above its table.
            table._tbl.addprevious(heading._p)
        a = rec.actions[0]
        _add_row(table, ["", rec.text, a.text, a.lead, a.target, a.milestones, a.outcome], 8, space_after=0)
        table.rows[-1].cells[0].paragraphs[0].style = doc.styles["List Number"]
        expected.append(record(path.with_suffix(".pdf").name, rec, 0))
    _set_widths(table, widths)
    doc.save(str(path))
    return expected


def word_borderless_dense(path: Path, plan: list[Recommendation] = CORBRIDGE) -> list[dict[str, Any]]:
    """Word, portrait, no borders, nine narrow columns, Word's default
    spacing (8 pt after every paragraph, inside cells too): rows are set apart
    by nothing wider than the paragraphs within them."""
    labels = [
        "No",
        "Recommendation",
        "Scope",
        "Action",
        "Lead officer",
        "Key milestones",
        "Target date",
        "Outcome",
        "RAG",
    ]
    doc, table = _word_table(
        CORBRIDGE_TITLE, "OFFICIAL", "Corbridge DHR Mrs G", labels, 8, 1.2, ruled=False, header_space_after=8
    )
    expected = []
    for rec in plan:
        a = rec.actions[0]
        values = [f"{rec.number}.", rec.text, a.scope, a.text, a.lead, a.milestones, a.target, a.outcome, a.rag]
        _add_row(table, values, 8, space_after=8, paragraph_space=8)  # Word's default spacing, inside cells too
        expected.append(record(path.with_suffix(".pdf").name, rec, 0))
    widths = [0.9, 3.0, 1.5, 2.7, 2.4, 3.1, 1.7, 1.9, 0.9]
    _set_widths(table, widths)
    doc.save(str(path))
    return expected


def word_key_value(path: Path, plan: list[Recommendation] = DUNMORE) -> list[dict[str, Any]]:
    """Word: no plan table at all, but one small two-column table per
    recommendation, labels on the left ("Recommendation 1", "Action", "Lead",
    "Target date", "Progress", "Outcome")."""
    from docx import Document

    doc = Document()
    _page_furniture(doc.sections[0], "OFFICIAL", "Dunmore DHR Mr H")
    _title(doc, DUNMORE_TITLE)
    expected = []
    for rec in plan:
        a = rec.actions[0]
        pairs = [
            (f"Recommendation {rec.number}", rec.text),
            ("Action", a.text),
            ("Lead", a.lead),
            ("Target date", a.target),
            ("Progress", a.milestones),
            ("Outcome", a.outcome),
        ]
        table = doc.add_table(rows=len(pairs), cols=2)
        table.style = "Table Grid"
        for row, (label, value) in zip(table.rows, pairs, strict=True):
            _set_cell(row.cells[0], label, 10, bold=True)
            _set_cell(row.cells[1], value, 10)
        _set_widths(table, [4.0, 12.0])
        doc.add_paragraph()
        expected.append(record(path.with_suffix(".pdf").name, rec, 0))
    doc.save(str(path))
    return expected


def word_recommendation_rows(path: Path, plan: list[Recommendation] = THORNBURY) -> list[dict[str, Any]]:
    """Word grid, landscape: each recommendation a bold row merged across
    the table ("Recommendation 1: …") over the rows of its actions (codes
    in lower case, "1a"), the plan's parts as full-width section rows, a
    status word column, no recommendation column."""
    labels = ["Ref", "Action", "Lead agency", "Target date", "Progress", "Status"]
    doc, table = _word_table(THORNBURY_TITLE, "OFFICIAL", "Thornbury DHR 'Carol'", labels, 10, 2.0, landscape=True)
    expected = []
    section = None

    def full_width(text: str) -> None:
        row = table.add_row()
        merged = row.cells[0].merge(row.cells[-1])
        _set_cell(merged, text, 10, bold=True)

    for rec in plan:
        if rec.section != section:
            section = rec.section
            full_width(section or "")
        full_width(f"Recommendation {rec.number}: {rec.text}")
        for i, a in enumerate(rec.actions):
            code = (a.code or "").lower()
            _add_row(table, [code, a.text, a.lead, a.target, a.milestones, a.rag], 10, space_after=0)
            expected.append(record(path.with_suffix(".pdf").name, rec, i))
    _set_widths(table, [1.4, 8.0, 4.6, 3.0, 5.6, 2.4])
    doc.save(str(path))
    return expected


# -- Excel --------------------------------------------------------------------
def excel_tracker(path: Path, plan: list[Recommendation] = FENWICK) -> list[dict[str, Any]]:
    """An Excel tracker: title rows above the header, a coloured header fill,
    the header as print titles, gridlines printed, landscape, fit to width."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "Tracker"
    for i, line in enumerate(FENWICK_TITLE, start=1):
        ws.cell(i, 1, line).font = Font(bold=True, size=12)
    header_row = len(FENWICK_TITLE) + 2
    labels = [
        "Rec No",
        "Recommendation",
        "Action",
        "Lead Officer",
        "Progress update",
        "Target Date",
        "Outcome",
        "RAG Status",
    ]
    fill = PatternFill("solid", fgColor="1F4E78")
    for col, label in enumerate(labels, start=1):
        c = ws.cell(header_row, col, label)
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = fill
        c.alignment = Alignment(wrap_text=True, vertical="top")
    expected = []
    r = header_row + 1
    for rec in plan:
        a = rec.actions[0]
        values = [rec.number, rec.text, a.text, a.lead, a.milestones, a.target, a.outcome, a.rag]
        for col, value in enumerate(values, start=1):
            c = ws.cell(r, col, value)
            c.alignment = Alignment(wrap_text=True, vertical="top")
        expected.append(record(path.with_suffix(".pdf").name, rec, 0))
        r += 1
    widths = (8, 40, 34, 20, 32, 14, 24, 11)
    for col, width in zip("ABCDEFGH", widths, strict=True):
        ws.column_dimensions[col].width = width
    # Excel saves the heights it autofits to wrapped text; openpyxl does not,
    # so set what Excel would (15 points a line, ~1.1 characters a unit).
    for row in ws.iter_rows(min_row=header_row, max_row=r - 1):
        lines = max(_wrapped_lines(str(c.value or ""), w) for c, w in zip(row, widths, strict=True))
        ws.row_dimensions[row[0].row].height = 15 * lines
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.gridLines = True
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddHeader.center.text = "OFFICIAL"
    ws.oddFooter.right.text = "Page &P of &N"
    wb.save(str(path))
    return expected


def excel_panels(path: Path, plan: list[Recommendation] = OAKHURST) -> list[dict[str, Any]]:
    """An Excel tracker printed as it was left: portrait, no "fit to
    width", so its columns print on three pages side by side and its rows
    run down two (Excel's and Calc's page order, down then over); the
    header only above the first rows, no gridlines, due dates stored as
    dates; the title in A1 running over the columns beside it."""
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Action Plan"
    ws.cell(1, 1, OAKHURST_TITLE).font = Font(bold=True, size=12)
    header_row = 3
    labels = ["No.", "Recommendation", "Action", "Owner", "Due by", "Update", "Status"]
    for col, label in enumerate(labels, start=1):
        c = ws.cell(header_row, col, label)
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="top")
    widths = (6, 45, 35, 25, 12, 35, 12)
    expected = []
    r = header_row + 1
    for rec in plan:
        a = rec.actions[0]
        due: Any = a.target
        if a.target and a.target[:2].isdigit():
            due = dt.datetime.strptime(a.target, "%d/%m/%Y")
        for col, value in enumerate([rec.number, rec.text, a.text, a.lead, due, a.milestones, a.rag], start=1):
            c = ws.cell(r, col, value)
            c.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(value, dt.datetime):
                c.number_format = "dd/mm/yyyy"
        expected.append(record(path.with_suffix(".pdf").name, rec, 0))
        r += 1
    for col, width in zip("ABCDEFG", widths, strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=header_row + 1, max_row=r - 1):
        lines = max(_wrapped_lines(str(c.value or ""), w) for c, w in zip(row, widths, strict=True))
        ws.row_dimensions[row[0].row].height = 15 * lines
    wb.save(str(path))
    return expected


def excel_sections_hidden(path: Path, plan: list[Recommendation] = GREYFIELD) -> list[dict[str, Any]]:
    """Excel tracker: each agency's rows under a row merged across the
    sheet, an internal notes column hidden, a withdrawn recommendation's row
    hidden, target dates stored as dates (printed day first), no gridlines,
    cells at Excel's default bottom alignment."""
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "DHR 2020-04"
    for i, line in enumerate(GREYFIELD_TITLE, start=1):
        ws.cell(i, 1, line).font = Font(bold=True, size=12)
    header_row = len(GREYFIELD_TITLE) + 2
    labels = ["Ref", "Recommendation", "Internal notes", "Action", "Lead", "Milestones", "Target date", "RAG"]
    for col, label in enumerate(labels, start=1):
        ws.cell(header_row, col, label).font = Font(bold=True)
    widths = (6, 40, 30, 34, 22, 32, 12, 8)
    expected = []
    r = header_row + 1
    current = None
    for n, rec in enumerate(plan):
        if rec.section != current:
            current = rec.section
            ws.cell(r, 1, current).font = Font(bold=True)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(labels))
            r += 1
        if n == 1:  # a withdrawn recommendation, its row hidden
            ws.cell(r, 1, "1a")
            ws.cell(r, 2, GREYFIELD_HIDDEN[0])
            ws.row_dimensions[r].hidden = True
            r += 1
        a = rec.actions[0]
        day, month, year = (int(x) for x in (a.target or "").split("/"))
        values = [
            rec.number,
            rec.text,
            GREYFIELD_HIDDEN[1],
            a.text,
            a.lead,
            a.milestones,
            dt.datetime(year, month, day),
            a.rag,
        ]
        for col, value in enumerate(values, start=1):
            c = ws.cell(r, col, value)
            c.alignment = Alignment(wrap_text=True)
            if isinstance(value, dt.datetime):
                c.number_format = "dd/mm/yyyy"
        lines = max(_wrapped_lines(str(v or ""), w) for v, w in zip(values, widths, strict=True))
        ws.row_dimensions[r].height = 15 * lines
        expected.append(record(path.with_suffix(".pdf").name, rec, 0))
        r += 1
    for col, width in zip("ABCDEFGH", widths, strict=True):
        ws.column_dimensions[col].width = width
    ws.column_dimensions["C"].hidden = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.save(str(path))
    return expected


def excel_merged(
    path: Path, plan: list[Recommendation] = HARBOURSIDE, printed_status: dict[str, str] = HARBOURSIDE_PRINTED_STATUS
) -> list[dict[str, Any]]:
    """Excel, the recommendation merged down over its action rows (and its
    number beside it), all cells bordered, header on every printed page."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    wb = Workbook()
    ws = wb.active
    ws.title = "Action plan"
    ws.cell(1, 1, "Harbourside CSP – DHR Mr E – Action Plan v2").font = Font(bold=True, size=12)
    header_row = 3
    labels = ["No", "Recommendation", "Ref", "Action required", "Responsible", "Deadline", "Update"]
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for col, label in enumerate(labels, start=1):
        c = ws.cell(header_row, col, label)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="D9E1F2")
        c.border = box
        c.alignment = Alignment(wrap_text=True, vertical="top")
    expected = []
    r = header_row + 1
    widths = (6, 38, 7, 36, 22, 16, 36)
    for rec in plan:
        first = r
        for i, a in enumerate(rec.actions):
            values = [
                rec.number if i == 0 else None,
                rec.text if i == 0 else None,
                a.code,
                a.text,
                a.lead,
                a.target,
                a.milestones,
            ]
            for col, value in enumerate(values, start=1):
                c = ws.cell(r, col, value)
                c.alignment = Alignment(wrap_text=True, vertical="top")
                c.border = box
            # No RAG column here: the status is what the printed cells say.
            expected.append(
                {**record(path.with_suffix(".pdf").name, rec, i), "status": printed_status.get(a.code or "")}
            )
            r += 1
        if r - first > 1:
            ws.merge_cells(start_row=first, start_column=1, end_row=r - 1, end_column=1)
            ws.merge_cells(start_row=first, start_column=2, end_row=r - 1, end_column=2)
    for col, width in zip("ABCDEFG", widths, strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=header_row, max_row=r - 1):
        lines = max(_wrapped_lines(str(c.value or ""), w) for c, w in zip(row, widths, strict=True) if c.column > 2)
        ws.row_dimensions[row[0].row].height = 15 * max(lines, 2)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "Page &P"
    wb.save(str(path))
    return expected


def excel_spilled_label(path: Path, plan: list[Recommendation] = FENWICK) -> list[dict[str, Any]]:
    """Excel: "Recommendation" typed over the narrow number column spills over
    the text column beside it, whose own header cell is empty; the numbers
    are right-aligned against the text, as Excel sets numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.cell(1, 1, "Fenwick CSP – DHR 2019/02 – summary of recommendations").font = Font(bold=True, size=12)
    labels = ["Recommendation", None, "Action", "Lead Officer", "Progress update", "Target Date", "Outcome", "RAG"]
    for col, label in enumerate(labels, start=1):
        if label:
            ws.cell(3, col, label).font = Font(bold=True)
    widths = (5, 40, 34, 20, 32, 14, 24, 11)
    expected = []
    for r, rec in enumerate(plan, start=4):
        a = rec.actions[0]
        values = [int(rec.number), rec.text, a.text, a.lead, a.milestones, a.target, a.outcome, a.rag]
        for col, value in enumerate(values, start=1):
            ws.cell(r, col, value).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[r].height = 15 * max(
            _wrapped_lines(str(v or ""), w) for v, w in zip(values, widths, strict=True)
        )
        expected.append(record(path.with_suffix(".pdf").name, rec, 0))
    for col, width in zip("ABCDEFGH", widths, strict=True):
        ws.column_dimensions[col].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.save(str(path))
    return expected


def _wrapped_lines(text: str, width: float) -> int:
    per_line = max(int(width * 1.1), 1)
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def word_report(path: Path, plan: list[Recommendation] = RAVENSHOLME) -> list[dict[str, Any]]:
    """A whole overview report: a contents list, chapters of prose, the
    recommendations listed in the text, then the plan as a landscape
    appendix (a grid, the recommendation merged down over its actions)
    whose lead column is narrower than the place's name, so LibreOffice
    breaks it into a head and a tail that is a word ("Ravenshol" / "me")."""
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Cm

    doc = Document()
    _page_furniture(doc.sections[0], "OFFICIAL – SENSITIVE", "Ravensholme DHR 'Anna' overview report")
    _title(doc, RAVENSHOLME_TITLE)
    chapters = ["Introduction", "Chronology", "Analysis", "Conclusions"]
    doc.add_heading("Contents", 1)
    for i, name in enumerate([*chapters, "Recommendations", "Appendix A: Action Plan"], start=1):
        doc.add_paragraph(f"{i}. {name} {'.' * 40} {3 * i}")
    for name in chapters:
        doc.add_page_break()
        doc.add_heading(name, 1)
        for _ in range(4):
            doc.add_paragraph(RAVENSHOLME_PROSE)
    doc.add_heading("Recommendations", 1)
    doc.add_paragraph("The panel's recommendations are set out with their actions in the plan at Appendix A.")
    for rec in plan:
        doc.add_paragraph(f"Recommendation {rec.number}: {rec.text}")
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    doc.add_heading("Appendix A: Action Plan", 1)
    labels = [
        "Rec No.",
        "Recommendation",
        "Scope",
        "Action to take",
        "Lead Agency",
        "Key milestones achieved in enacting recommendation",
        "Target Date",
        "Date of completion and Outcome",
        "RAG",
    ]
    table = doc.add_table(rows=1, cols=len(labels))
    table.style = "Table Grid"
    _repeat_header(table.rows[0])
    for cell, text in zip(table.rows[0].cells, labels, strict=True):
        _set_cell(cell, text, 10, bold=True)
    expected = []
    for rec in plan:
        first = len(table.rows)
        for i, a in enumerate(rec.actions):
            values = [a.code, rec.text if i == 0 else "", a.scope, a.text, a.lead, a.milestones, a.target, a.outcome]
            _add_row(table, [*values, a.rag], 10, space_after=0)
            expected.append(record(path.with_suffix(".pdf").name, rec, i))
        if len(rec.actions) > 1:
            table.cell(first, 1).merge(table.cell(len(table.rows) - 1, 1))
    _set_widths(table, [1.4, 4.2, 1.8, 4.4, 2.2, 3.4, 2.2, 3.6, 1.4])
    doc.add_paragraph()
    doc.add_paragraph("The action plan will be monitored by the partnership board until every action is complete.")
    doc.save(str(path))
    return expected


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
