"""Excel house styles of the office samples: each writes a plan as a real
Excel workbook (openpyxl) and returns the records it holds (``office.py``
prints them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generate import record
from office_plans import (
    FENWICK,
    FENWICK_TITLE,
    GREYFIELD,
    GREYFIELD_HIDDEN,
    GREYFIELD_TITLE,
    HARBOURSIDE,
    HARBOURSIDE_PRINTED_STATUS,
    KESTON,
    KESTON_TITLE,
    OAKHURST,
    OAKHURST_TITLE,
)
from plans import Recommendation


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
    _fit_heights(ws, header_row, r - 1, widths)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.gridLines = True
    _landscape_to_width(ws)
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
    _fit_heights(ws, header_row + 1, r - 1, widths)
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
    _landscape_to_width(ws)
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
    _landscape_to_width(ws)
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
    _landscape_to_width(ws)
    wb.save(str(path))
    return expected


def excel_clipped_label(path: Path, plan: list[Recommendation] = KESTON) -> list[dict[str, Any]]:
    """Excel: "Recommendation" typed over the narrow number column, wrapped
    and cut at the cell's edge by a header row set to two lines (Excel
    clips a wrapped cell's text to the cell: its last letters are drawn
    and hidden); the text column beside it has no label. Gridlines and the
    header printed on every page."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "Action plan"
    for i, line in enumerate(KESTON_TITLE, start=1):
        ws.cell(i, 1, line).font = Font(bold=True, size=11)
    header_row = len(KESTON_TITLE) + 1
    labels = [
        "Recommendation",
        None,
        "Scope",
        "What we will do",
        "Lead organisation",
        "Progress to date",
        "Target date",
        "Completed / outcome",
    ]
    fill = PatternFill("solid", fgColor="FFD966")
    for col, label in enumerate(labels, start=1):
        c = ws.cell(header_row, col, label)
        c.font = Font(bold=True)
        c.fill = fill
        c.alignment = Alignment(wrap_text=True, vertical="top")
    widths = (7, 30, 16, 32, 22, 28, 16, 26)
    expected = []
    for r, rec in enumerate(plan, start=header_row + 1):
        a = rec.actions[0]
        values = [rec.number, rec.text, a.scope, a.text, a.lead, a.milestones, a.target, a.outcome]
        for col, value in enumerate(values, start=1):
            ws.cell(r, col, value or None).alignment = Alignment(wrap_text=True, vertical="top")
        expected.append(record(path.with_suffix(".pdf").name, rec, 0))
    for col, width in zip("ABCDEFGH", widths, strict=True):
        ws.column_dimensions[col].width = width
    _fit_heights(ws, header_row + 1, header_row + len(plan), widths)
    ws.row_dimensions[header_row].height = 30  # two lines: the label's third is cut
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.gridLines = True
    _landscape_to_width(ws)
    ws.oddHeader.right.text = "Action Plan"
    ws.oddFooter.center.text = "Page &P of &N"
    wb.save(str(path))
    return expected


def _landscape_to_width(ws: Any) -> None:
    """Print landscape, fitted to the paper's width, as long as it runs."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _fit_heights(ws: Any, first: int, last: int, widths: tuple[int, ...]) -> None:
    """Rows ``first`` to ``last`` as tall as their wrapped text: Excel saves
    the heights it autofits, openpyxl does not, so set what Excel would (15
    points a line, ~1.1 characters a unit of column width)."""
    for row in ws.iter_rows(min_row=first, max_row=last):
        lines = max(_wrapped_lines(str(c.value or ""), w) for c, w in zip(row, widths, strict=True))
        ws.row_dimensions[row[0].row].height = 15 * lines


def _wrapped_lines(text: str, width: float) -> int:
    per_line = max(int(width * 1.1), 1)
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))
