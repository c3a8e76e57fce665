"""Word house styles of the office samples: each writes a plan as a real
Word file (python-docx) and returns the records it holds (``office.py``
prints them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generate import by_section, record
from office_plans import (
    ASHDOWN,
    ASHDOWN_TITLE,
    CORBRIDGE,
    CORBRIDGE_TITLE,
    DUNMORE,
    DUNMORE_TITLE,
    ELMSTEAD,
    ELMSTEAD_TITLE,
    HARBOURSIDE,
    HARBOURSIDE_TITLE,
    LINDOW,
    LINDOW_TITLE,
    MILLBROOK,
    MILLBROOK_TITLE,
    RAVENSHOLME,
    RAVENSHOLME_PROSE,
    RAVENSHOLME_TITLE,
    THORNBURY,
    THORNBURY_TITLE,
    WESTHOLM,
    WESTHOLM_TITLE,
)
from plans import Recommendation


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


def _page_furniture(section: Any, marking: str, label: str, marking_left: bool = False) -> None:
    """A protective marking in the page header (centred, or at the left
    edge), "Page X of Y" in the footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    head = section.header.paragraphs[0]
    head.text = marking
    head.alignment = WD_ALIGN_PARAGRAPH.LEFT if marking_left else WD_ALIGN_PARAGRAPH.CENTER
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


def _full_width_row(table: Any, text: str | None, size: float) -> None:
    """A row of ``table`` merged across it, holding ``text`` in bold."""
    row = table.add_row()
    _set_cell(row.cells[0].merge(row.cells[-1]), text, size, bold=True)


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
            _full_width_row(table, current, 9)
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
    for section, recs in by_section(plan):
        _full_width_row(table, section, 10)
        for rec in recs:
            _full_width_row(table, f"Recommendation {rec.number}: {rec.text}", 10)
            for i, a in enumerate(rec.actions):
                code = (a.code or "").lower()
                _add_row(table, [code, a.text, a.lead, a.target, a.milestones, a.rag], 10, space_after=0)
                expected.append(record(path.with_suffix(".pdf").name, rec, i))
    _set_widths(table, [1.4, 8.0, 4.6, 3.0, 5.6, 2.4])
    doc.save(str(path))
    return expected


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


def word_plain_paragraphs(path: Path, plan: list[Recommendation] = WESTHOLM) -> list[dict[str, Any]]:
    """Word, portrait, no borders, the header row repeated: cells of several
    paragraphs with 3 pt after each, and rows set apart by the same 3 pt, so
    only the cells' level tops say where a row starts. Narrow page margins
    put the protective marking (at the left, in the page header) just above
    the repeated header and the footer just under the table's last line."""
    from docx.shared import Cm

    labels = ["Recommendation", "Scope", "Action to take", "Lead agency", "Key milestones", "Target date"]
    doc, table = _word_table(
        WESTHOLM_TITLE, "OFFICIAL - SENSITIVE", "Westholm DHR action plan", labels, 8, 1.5, ruled=False
    )
    section = doc.sections[0]
    section.top_margin, section.header_distance = Cm(1.3), Cm(0.8)
    section.bottom_margin, section.footer_distance = Cm(1.2), Cm(0.6)
    _page_furniture(section, "OFFICIAL - SENSITIVE", "Westholm DHR action plan", marking_left=True)
    _repeat_header(table.rows[0])
    expected = []
    for rec in plan:
        a = rec.actions[0]
        values = [f"{rec.number}. {rec.text}", a.scope, a.text, a.lead, a.milestones, a.target]
        _add_row(table, values, 10, space_after=3, paragraph_space=3)
        expected.append(record(path.with_suffix(".pdf").name, rec, 0))
    _set_widths(table, [3.4, 1.6, 3.4, 2.2, 3.0, 1.8])
    doc.save(str(path))
    return expected
