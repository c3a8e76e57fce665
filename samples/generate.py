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
import time
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
from degrade import photocopy, seed_for
from plans import (
    EASTBRIDGE,
    EASTBRIDGE_TITLE,
    KINGSFORD,
    KINGSFORD_INTRO,
    NORTHMOOR,
    NORTHMOOR_TITLE,
    RIVERSIDE,
    RIVERSIDE_TITLE,
    SOUTHDOWN,
    SOUTHDOWN_INTRO,
    WESTVALE,
    WESTVALE_TITLE,
    Recommendation,
)

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


def by_section(recs: list[Recommendation]) -> list[tuple[str, list[Recommendation]]]:
    """Consecutive recommendations grouped under their section."""
    groups: list[tuple[str, list[Recommendation]]] = []
    for rec in recs:
        if not groups or groups[-1][0] != rec.section:
            groups.append((rec.section or "", []))
        groups[-1][1].append(rec)
    return groups


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
def ruled_coded(path: Path, plan: list[Recommendation] | None = None) -> list[dict[str, Any]]:
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
    for rec in plan or NORTHMOOR:
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


def sections_numbered(path: Path, ruled: bool = True, plan: list[Recommendation] | None = None) -> list[dict[str, Any]]:
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
    sections = by_section(plan or EASTBRIDGE)
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
        lines = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("BACKGROUND", (0, 0), (-1, 1), colors.HexColor("#d9d9d9")),
        ]
        # Unruled, the columns keep reportlab's tight padding: labels such as
        # "Recommendation Scope" nearly touch, as in many published plans.
        tight = [("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
        table.setStyle(
            TableStyle([*(lines if ruled else tight), ("SPAN", (0, 0), (-1, 0)), ("VALIGN", (0, 0), (-1, -1), "TOP")])
        )
        story.append(table)
        if n < len(sections) - 1:
            story.append(PageBreak() if n == 0 else Spacer(1, 8 * mm))
    build(path, landscape(A4), story, "EDHR 2021-03")
    return expected


def open_rules(path: Path, plan: list[Recommendation] | None = None) -> list[dict[str, Any]]:
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
    for rec in plan or WESTVALE:
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
                ("TOPPADDING", (0, 1), (-1, -1), 14),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 14),
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


def borderless(path: Path, plan: list[Recommendation] | None = None) -> list[dict[str, Any]]:
    """No rules at all: columns by whitespace, rows by vertical gaps. A page of
    prose comes first; each agency's table is headed by a plain paragraph;
    the reference is written inside the recommendation text."""
    header = ["Recommendation", "Action Required by Agency", "Implementation Lead", "Deadline", "Status / Evidence"]
    widths = [50 * mm, 45 * mm, 32 * mm, 22 * mm, 33 * mm]
    story: list[Any] = [
        para("Southdown Community Safety Partnership", TITLE),
        para("Domestic Homicide Review: Ms C", TITLE),
        Spacer(1, 6 * mm),
    ]
    story.append(para("Executive summary", HEADING))
    for _ in range(5):
        story.append(para(SOUTHDOWN_INTRO, PROSE))
    story.append(para("Recommendations by agency", HEADING))
    expected = []
    groups = by_section(plan or SOUTHDOWN)
    for heading, recs in groups:
        story.append(Spacer(1, 4 * mm))
        story.append(para(heading, PROSE))
        data: list[list[Any]] = [[para(h, BOLD) for h in header]]
        for rec in recs:
            a = rec.actions[0]
            data.append(
                [
                    para(f"Recommendation No {rec.number} {rec.text}"),
                    para(a.text),
                    para(a.lead),
                    para(a.target),
                    para(a.outcome),
                ]
            )
            expected.append(record(path.name, rec, 0))
        table = Table(data, colWidths=widths, repeatRows=1, splitInRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 1), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        story.append(table)
    story.append(Spacer(1, 8 * mm))
    story.append(
        para(
            "The partnership board will review progress against this plan every quarter until all actions are complete.",
            PROSE,
        )
    )
    build(path, A4, story, "Southdown CSP")
    return expected


def ruled_no_repeat(path: Path, plan: list[Recommendation] | None = None) -> list[dict[str, Any]]:
    """A ruled grid that runs over several pages without repeating its
    header; the "Recommendation" header spans the number and text columns."""
    header = ["Recommendation", "", "Action", "Lead Officer", "Target Completion Date", "Progress Update", "RAG"]
    widths = [9 * mm, 34 * mm, 34 * mm, 26 * mm, 22 * mm, 38 * mm, 14 * mm]
    big = ParagraphStyle("big", parent=BODY, fontSize=9, leading=11)
    data: list[list[Any]] = [[para(h, BOLD) for h in header]]
    expected = []
    for rec in plan or RIVERSIDE:
        a = rec.actions[0]
        data.append(
            [
                para(f"{rec.number}.", big),
                para(rec.text, big),
                para(a.text, big),
                para(a.lead, big),
                para(a.target, big),
                para(a.milestones, big),
                para(a.rag, big),
            ]
        )
        expected.append(record(path.name, rec, 0))
    table = Table(data, colWidths=widths, repeatRows=0, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("SPAN", (0, 0), (1, 0)),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e0e0e0")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 1), (-1, -1), 40),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 40),
            ]
        )
    )
    story: list[Any] = [para(line, TITLE) for line in RIVERSIDE_TITLE] + [Spacer(1, 5 * mm), table]
    build(path, A4, story, "Riverside SCP – DHR 07")
    return expected


def agency_rows(path: Path, plan: list[Recommendation] | None = None) -> list[dict[str, Any]]:
    """A page of prose, then one ruled table whose header is printed once;
    short agency rows span the full width inside the body; a recommendation's
    number and text cells are merged over its actions, which carry no codes."""
    header = ["No.", "Recommendation", "Key Actions", "Owner", "Deadline", "Completion/RAG"]
    widths = [12 * mm, 45 * mm, 45 * mm, 35 * mm, 22 * mm, 22 * mm]
    data: list[list[Any]] = [[para(h, BOLD) for h in header]]
    style: list[Any] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dddddd")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    expected = []
    section = None
    for rec in plan or KINGSFORD:
        if rec.section != section:
            section = rec.section
            data.append([para(section, BOLD)] + [""] * 5)
            style.append(("SPAN", (0, len(data) - 1), (-1, len(data) - 1)))
        first = len(data)
        for i, a in enumerate(rec.actions):
            data.append(
                [
                    para(rec.number) if i == 0 else "",
                    para(rec.text) if i == 0 else "",
                    para(a.text),
                    para(a.lead),
                    para(a.target),
                    para(a.rag),
                ]
            )
            expected.append(record(path.name, rec, i))
        if len(rec.actions) > 1:
            style += [("SPAN", (0, first), (0, len(data) - 1)), ("SPAN", (1, first), (1, len(data) - 1))]
    table = Table(data, colWidths=widths, repeatRows=0)
    table.setStyle(TableStyle(style))
    story: list[Any] = [
        para("Kingsford Community Safety Partnership", TITLE),
        para("Domestic Homicide Review: Mr D – Overview Report", TITLE),
        Spacer(1, 6 * mm),
    ]
    for n in range(1, 4):
        story.append(para(f"{n}. Findings", HEADING))
        for _ in range(3):
            story.append(para(KINGSFORD_INTRO, PROSE))
    story += [PageBreak(), para("Action plan", HEADING), table, Spacer(1, 6 * mm), para(KINGSFORD_INTRO, PROSE)]
    build(path, A4, story, "Kingsford CSP – Overview Report")
    return expected


def no_plan(path: Path) -> list[dict[str, Any]]:
    """A long strategy document whose tables are not action plans: a risk
    threshold matrix, budgets, a process timeline with Action and Lead
    columns, an outcomes framework."""
    story: list[Any] = [
        para("Westvale Community Safety Partnership", TITLE),
        para("Domestic Abuse Strategy 2022–2025", TITLE),
        Spacer(1, 6 * mm),
    ]
    prose = (
        "This strategy sets out how partners in Westvale will prevent domestic abuse, support victims and their "
        "children, and hold perpetrators to account. It was written after consultation with survivors, frontline "
        "practitioners and the voluntary sector, and it takes account of the recommendations of local domestic "
        "homicide reviews. It will be reviewed every year by the partnership board."
    )

    def grid(rows: list[list[str]], widths: list[float]) -> Table:
        t = Table(
            [[para(c, BOLD if i == 0 else BODY) for c in row] for i, row in enumerate(rows)],
            colWidths=widths,
            repeatRows=1,
        )
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return t

    tables = {
        2: grid(
            [["Risk level", "Indicators", "Response", "Lead agency"]]
            + [
                [level, "Threats, escalation, separation, pregnancy, access to weapons", response, agency]
                for level, response, agency in [
                    ("Standard", "Advice and safety planning", "Domestic abuse service"),
                    ("Medium", "Referral to outreach and review in four weeks", "Domestic abuse service"),
                    ("High", "Referral to MARAC and an independent adviser", "Police"),
                ]
            ],
            [30 * mm, 60 * mm, 50 * mm, 35 * mm],
        ),
        4: grid(
            [["Stage", "Action", "Lead", "Timescale"]]
            + [
                [f"Stage {i}", step, lead, f"Quarter {i} 2022/23"]
                for i, (step, lead) in enumerate(
                    [
                        ("Consult survivors and partners on the draft strategy", "Partnership Manager"),
                        ("Publish the strategy and the delivery plan", "Communications Officer"),
                        ("Commission services against the new priorities", "Commissioning Lead"),
                        ("Report on the first year to the board", "Partnership Manager"),
                    ],
                    start=1,
                )
            ],
            [25 * mm, 75 * mm, 40 * mm, 35 * mm],
        ),
        6: grid(
            [["Service", "Lead", "Budget 2022/23", "Notes"]]
            + [[f"Service line {i}", "Commissioning team", f"£{40 + i * 5},000", "Grant funded"] for i in range(1, 8)],
            [50 * mm, 40 * mm, 30 * mm, 55 * mm],
        ),
        8: grid(
            [["Priority", "Outcome we want", "How we will measure it", "Target date"]]
            + [
                [
                    f"Priority {i}",
                    "Fewer repeat victims and earlier help",
                    "Repeat referrals to MARAC; survivor survey",
                    "March 2025",
                ]
                for i in range(1, 5)
            ],
            [30 * mm, 55 * mm, 60 * mm, 30 * mm],
        ),
    }
    for n in range(1, 13):
        story.append(para(f"{n}. Priority area {n}", HEADING))
        for _ in range(7):
            story.append(para(prose, PROSE))
        if n in tables:
            story.append(tables[n])
    build(path, A4, story, "Domestic Abuse Strategy")
    return []


def scanned(source: Path, path: Path, dpi: int = 200) -> None:
    """An image-only copy of ``source``: every page rendered to a greyscale
    picture, as a scanner would produce it."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(source))
    images = [pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for i in range(len(pdf))]
    pdf.close()
    fixed = time.gmtime(1640995200)  # 2022-01-01, not the run time: rebuilds are byte-identical
    images[0].save(
        path, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:], creationDate=fixed, modDate=fixed
    )


SAMPLES: dict[str, Callable[[Path], list[dict[str, Any]]]] = {
    "northmoor-dhr-adult-a.pdf": ruled_coded,
    "eastbridge-edhr-2021-03.pdf": sections_numbered,
    "westvale-dhr-mrs-b.pdf": open_rules,
    "southdown-dhr-ms-c.pdf": borderless,
    "riverside-dhr-07.pdf": ruled_no_repeat,
    "kingsford-dhr-mr-d.pdf": agency_rows,
    "westvale-da-strategy.pdf": no_plan,
}
# Variants: "<name>--<style>.pdf" shares the expected records of <name>.
# Clean scans ("<name>--scan.pdf") of a few; a photocopy-quality scan
# ("<name>--photocopy.pdf", samples/degrade.py) of every one.
SCANS = ["northmoor-dhr-adult-a.pdf", "westvale-dhr-mrs-b.pdf"]
VARIANTS: dict[str, Callable[[Path], list[dict[str, Any]]]] = {
    "eastbridge-edhr-2021-03--borderless.pdf": lambda path: sections_numbered(path, ruled=False),
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
    for name, make in VARIANTS.items():
        make(out / name)
        print(f"{out / name}: variant")
    for name in SCANS:
        scan = out / name.replace(".pdf", "--scan.pdf")
        scanned(out / name, scan)
        print(f"{scan}: image-only copy of {name}")
    for name in SAMPLES:
        copy = out / name.replace(".pdf", "--photocopy.pdf")
        print(f"{copy}: {photocopy(out / name, copy, seed_for(Path(name).stem)).describe()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
