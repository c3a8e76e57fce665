"""Build the sample PDFs and their expected records.

    python samples/generate.py [OUT_DIR]

Each sample is a plan from ``plans.py`` laid out in one house style; beside
each PDF, ``<name>.expected.jsonl`` holds the records (SCHEMA.md's export
format) that a correct extraction gives. The output is deterministic, so the
files in the repository can be rebuilt and compared.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

sys.path.insert(0, str(Path(__file__).resolve().parent))
from plans import EASTBRIDGE, EASTBRIDGE_TITLE, NORTHMOOR, NORTHMOOR_TITLE, WESTVALE, WESTVALE_TITLE, Recommendation

rl_config.invariant = 1  # no timestamps or random ids: rebuilds are byte-identical

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=8, leading=9.6)
BOLD = ParagraphStyle("bold", parent=BODY, fontName="Helvetica-Bold")
TITLE = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=11, leading=14, alignment=1)
PROSE = ParagraphStyle("prose", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=6)
HEADING = ParagraphStyle("heading", fontName="Helvetica-Bold", fontSize=12, leading=15, spaceBefore=8, spaceAfter=6)


def para(text: str | None, style: ParagraphStyle = BODY) -> Paragraph | str:
    if not text:
        return ""
    html = (text or "").replace("&", "&amp;").replace("<", "&lt;").replace("\n", "<br/>")
    return Paragraph(html, style)


def footer(label: str) -> Callable[[Canvas, Any], None]:
    def draw(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        width, _height = doc.pagesize
        canvas.drawRightString(width - 15 * mm, 10 * mm, f"Page {doc.page}")
        canvas.drawString(15 * mm, 10 * mm, label)
        canvas.restoreState()

    return draw


def record(document: str, rec: Recommendation, action_index: int, with_rec: bool = True) -> dict[str, Any]:
    a = rec.actions[action_index]
    milestones = [a.milestones] + [m for m, _o in a.sub_rows]
    outcomes = [o for o in [a.outcome] + [o for _m, o in a.sub_rows] if o]
    return {
        "document": document,
        "section": rec.section,
        "ref": a.code or rec.number,
        "recommendation": rec.text if with_rec else None,
        "scope": a.scope,
        "action": a.text or None,
        "lead": a.lead,
        "milestones": "\n".join(m for m in milestones if m) or None,
        "target_date_text": a.target,
        "target_date": a.target_date,
        "outcome": "\n".join(outcomes) or None,
        "status": a.status,
    }


def build(path: Path, pagesize: tuple[float, float], story: list[Any], label: str) -> None:
    doc = SimpleDocTemplate(
        str(path),
        pagesize=pagesize,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
        title=path.stem,
        author="dhr-actions samples",
    )
    draw = footer(label)
    doc.build(story, onFirstPage=draw, onLaterPages=draw)


# -- house styles -------------------------------------------------------------
def ruled_coded(path: Path) -> list[dict[str, Any]]:
    """Full grid; the recommendation cell spans its actions; action codes
    open the action cell; the header repeats; long rows split across pages."""
    header = [
        "Recommendation",
        "Scope of recommendation",
        "Action to take",
        "Lead agency",
        "Key milestones (and progress where appropriate)",
        "Target date",
    ]
    data: list[list[Any]] = [[para(h, BOLD) for h in header]]
    spans = []
    expected = []
    for rec in NORTHMOOR:
        first = len(data)
        for i, a in enumerate(rec.actions):
            data.append(
                [
                    para(f"{rec.number} - {rec.text}") if i == 0 else "",
                    para(a.scope),
                    para(f"{a.code} – {a.text}"),
                    para(a.lead),
                    para(a.milestones),
                    para(a.target),
                ]
            )
            expected.append(record(path.name, rec, i))
        spans.append(("SPAN", (0, first), (0, len(data) - 1)))
    widths = [48 * mm, 30 * mm, 52 * mm, 40 * mm, 60 * mm, 30 * mm]
    table = Table(data, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#d9d9d9")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                *spans,
            ]
        )
    )
    story: list[Any] = [para(line, TITLE) for line in NORTHMOOR_TITLE] + [Spacer(1, 4 * mm), table]
    build(path, landscape(A4), story, "Northmoor CSP – DHR Adult A – OFFICIAL")
    return expected


def sections_numbered(path: Path) -> list[dict[str, Any]]:
    """One grid per section, each with a full-width section title row and the
    header repeated on every page; the reference sits in an unlabelled
    first column; sub-rows with no reference continue the row above."""
    header = [
        "",
        "Recommendation",
        "Scope",
        "Action to take",
        "Lead Agency",
        "Key milestones achieved in enacting recommendation",
        "Target Date",
        "Outcome",
        "Completion/ RAG",
    ]
    widths = [10 * mm, 38 * mm, 18 * mm, 38 * mm, 30 * mm, 38 * mm, 28 * mm, 38 * mm, 22 * mm]
    story: list[Any] = [para(line, TITLE) for line in EASTBRIDGE_TITLE] + [Spacer(1, 3 * mm)]
    expected = []
    sections: list[tuple[str, list[Recommendation]]] = []
    for rec in EASTBRIDGE:
        if not sections or sections[-1][0] != rec.section:
            sections.append((rec.section or "", []))
        sections[-1][1].append(rec)
    for n, (title, recs) in enumerate(sections):
        data: list[list[Any]] = [[para(title, BOLD)] + [""] * 8, [para(h, BOLD) for h in header]]
        for rec in recs:
            a = rec.actions[0]
            data.append(
                [
                    para(f"{rec.number}."),
                    para(rec.text),
                    para(a.scope),
                    para(a.text),
                    para(a.lead),
                    para(a.milestones),
                    para(a.target),
                    para(a.outcome),
                    para(a.rag),
                ]
            )
            for milestone, outcome in a.sub_rows:
                data.append(["", "", "", "", "", para(milestone), "", para(outcome), ""])
            expected.append(record(path.name, rec, 0))
        table = Table(data, colWidths=widths, repeatRows=2, splitInRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("SPAN", (0, 0), (-1, 0)),
                    ("BACKGROUND", (0, 0), (-1, 1), colors.HexColor("#d9d9d9")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(table)
        if n < len(sections) - 1:
            story.append(PageBreak() if n == 0 else Spacer(1, 8 * mm))
    build(path, landscape(A4), story, "EDHR 2021-03")
    return expected


def open_rules(path: Path) -> list[dict[str, Any]]:
    """Portrait; horizontal rules only; a Ref column with sub-action refs;
    the recommendation printed on its first action's row only."""
    header = [
        "Ref",
        "Learning / Recommendation",
        "SMART Action",
        "Responsible Officer",
        "Timescale",
        "Progress Update",
        "RAG",
    ]
    widths = [12 * mm, 38 * mm, 38 * mm, 28 * mm, 20 * mm, 30 * mm, 14 * mm]
    data: list[list[Any]] = [[para(h, BOLD) for h in header]]
    expected = []
    for rec in WESTVALE:
        for i, a in enumerate(rec.actions):
            data.append(
                [
                    para(a.code),
                    para(rec.text) if i == 0 else "",
                    para(a.text),
                    para(a.lead),
                    para(a.target),
                    para(a.milestones),
                    para(a.rag),
                ]
            )
            expected.append(record(path.name, rec, i))
    table = Table(data, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black),
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    intro = (
        "The panel agreed the recommendations below. Each agency named is responsible for its actions "
        "and reports progress to the partnership every quarter."
    )
    story: list[Any] = [para(line, TITLE) for line in WESTVALE_TITLE] + [
        Spacer(1, 4 * mm),
        para(intro, PROSE),
        Spacer(1, 2 * mm),
        table,
    ]
    build(path, A4, story, "Westvale CSP")
    return expected


def no_plan(path: Path) -> list[dict[str, Any]]:
    """A strategy document with tables that are not action plans."""
    story: list[Any] = [
        para("Westvale Community Safety Partnership", TITLE),
        para("Domestic Abuse Strategy 2022–2025", TITLE),
        Spacer(1, 6 * mm),
    ]
    prose = (
        "This strategy sets out how partners in Westvale will prevent domestic abuse, support victims and their "
        "children, and hold perpetrators to account. It was written after consultation with survivors, frontline "
        "practitioners and the voluntary sector, and it will be reviewed every year by the partnership board."
    )
    for n in range(1, 7):
        story.append(para(f"{n}. Priority area {n}", HEADING))
        for _ in range(3):
            story.append(para(prose, PROSE))
        if n == 2:
            budget = [["Service", "Lead", "Budget 2022/23", "Notes"]] + [
                [f"Service line {i}", "Commissioning team", f"£{40 + i * 5},000", "Grant funded"] for i in range(1, 8)
            ]
            t = Table([[para(c) for c in row] for row in budget], colWidths=[50 * mm, 40 * mm, 30 * mm, 50 * mm])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            story.append(t)
        if n == 4:
            timeline = [["Stage", "Activity", "Timescale"]] + [
                [f"Stage {i}", "Consultation with partners and survivors", f"Quarter {i} 2022/23"] for i in range(1, 5)
            ]
            t = Table([[para(c) for c in row] for row in timeline], colWidths=[30 * mm, 90 * mm, 50 * mm])
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            story.append(t)
    build(path, A4, story, "Domestic Abuse Strategy")
    return []


SAMPLES: dict[str, Callable[[Path], list[dict[str, Any]]]] = {
    "northmoor-dhr-adult-a.pdf": ruled_coded,
    "eastbridge-edhr-2021-03.pdf": sections_numbered,
    "westvale-dhr-mrs-b.pdf": open_rules,
    "westvale-da-strategy.pdf": no_plan,
}


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent
    out.mkdir(parents=True, exist_ok=True)
    for name, make in SAMPLES.items():
        pdf = out / name
        expected = make(pdf)
        write_jsonl(out / (pdf.stem + ".expected.jsonl"), expected)
        print(f"{pdf}: {len(expected)} expected records")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
