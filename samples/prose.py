"""Prose that reads like the documents around a plan, and holds none.

Protocols, strategies, terms of reference and overview reports are full of
the plan's own words where no plan is: headings ("Scope of this protocol",
"Outcomes we expect"), numbered clauses that open lists ("3.1. This
protocol applies to:"), bullets, sentences that open with "Actions",
"Lead" or "Recommendations", a cover page of labelled details, panel and
glossary tables, and two-column guidance tables with a heading over each
column and bulleted points under them. ``story`` builds such a document
from a seed as reportlab flowables; none of it is a plan, so a reader of
plans must give no records from it and read few of its pages in full.
"""

from __future__ import annotations

import random
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

BODY = ParagraphStyle("prose-body", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=6)
CLAUSE = ParagraphStyle("prose-clause", parent=BODY, leftIndent=12 * mm, firstLineIndent=-12 * mm)
BULLET = ParagraphStyle("prose-bullet", parent=BODY, leftIndent=18 * mm, bulletIndent=12 * mm, spaceAfter=2)
HEADING = ParagraphStyle(
    "prose-heading", fontName="Helvetica-Bold", fontSize=12, leading=15, spaceBefore=8, spaceAfter=6
)
TITLE = ParagraphStyle("prose-title", fontName="Helvetica-Bold", fontSize=16, leading=20, alignment=1, spaceAfter=8)
CELL = ParagraphStyle("prose-cell", fontName="Helvetica", fontSize=9, leading=11)
CELL_BOLD = ParagraphStyle("prose-cell-bold", parent=CELL, fontName="Helvetica-Bold")

# Headings that open with a word a plan's header uses.
HEADINGS = [
    "Scope of this protocol",
    "Outcomes we expect",
    "Actions arising from the audit",
    "Lead professional responsibilities",
    "Key milestones in the review process",
    "Recommendations of earlier reviews",
    "Target dates and timescales for referrals",
    "Progress since the last strategy",
    "Responsibilities of partner agencies",
    "Status of this document",
    "Action to be taken when a concern is raised",
    "Agency involvement",
    "Owner and review of this protocol",
    "Monitoring and evaluation",
    "Purpose",
    "Definitions",
    "Information sharing",
    "Escalation and resolution of disagreements",
]
OPENINGS = [
    "Actions agreed at the panel are recorded in the minutes and followed up by the chair.",
    "Lead professionals are named for each family at the first strategy meeting.",
    "Recommendations from earlier reviews have been reported to the partnership board each quarter.",
    "Outcomes for victims are measured through the survivor survey and case audits.",
    "Target dates for completing assessments are set by each agency's own procedures.",
    "Scope of the work includes adults at risk, children in the household and the person causing harm.",
    "Progress is reported to the board twice a year by the partnership manager.",
    "Key milestones are agreed with the family before the review begins.",
    "Responsible agencies are expected to confirm receipt of a referral within one working day.",
    "Status updates are shared with the family liaison officer at each stage.",
]
SENTENCES = [
    "Practitioners should consider whether the information they hold is relevant to the safety of others.",
    "Where there is doubt, advice should be sought from the agency's safeguarding lead before any decision is made.",
    "The partnership expects every agency to train its staff to recognise coercive and controlling behaviour.",
    "Consent should be sought unless seeking it would increase the risk of harm to the victim or to children.",
    "Records of the decision, and the reasons for it, should be kept on the agency's case management system.",
    "The board will receive an annual report on the use of this protocol and any disagreements escalated under it.",
    "Families told us that they wanted to be kept informed and to be asked about what they knew.",
    "Agencies reported that the volume of referrals had risen by a fifth over the year.",
    "Frontline staff described good working relationships but limited time for multi-agency meetings.",
    "The audit sampled forty cases closed in the last twelve months across five agencies.",
    "Screening tools were used inconsistently, and risk was sometimes recorded without a plan to manage it.",
    "The partnership will publish a summary of the findings once the family has been consulted.",
]
CLAUSES = [
    "This protocol applies to:",
    "The review panel will consider:",
    "Agencies are asked to provide:",
    "The key lines of enquiry are:",
    "The audit looked at:",
    "Practitioners should be alert to:",
]
POINTS = [
    "all staff and volunteers working with adults or children",
    "the agency's contact with the victim and the perpetrator",
    "whether risk assessments were completed and shared",
    "how the views of the family were sought and recorded",
    "any barriers to the victim seeking help",
    "the use of interpreters and accessible information",
    "referrals to MARAC and the response to them",
    "the support offered to children in the household",
    "whether policies and procedures were followed",
    "changes in behaviour reported by friends or colleagues",
]
GUIDANCE = [
    ("Indicators of risk", "Actions for practitioners"),
    ("What we heard", "What we will do"),
    ("Outcomes", "Evidence we will look for"),
    ("Strengths", "Areas for development"),
    ("Agency", "Contact details"),
]
GLOSSARY = [
    ("CSP", "Community Safety Partnership"),
    ("DASH", "Domestic Abuse, Stalking and Honour-based violence risk checklist"),
    ("IDVA", "Independent Domestic Violence Adviser"),
    ("MARAC", "Multi-Agency Risk Assessment Conference"),
    ("MASH", "Multi-Agency Safeguarding Hub"),
    ("MAPPA", "Multi-Agency Public Protection Arrangements"),
]
ROLES = [
    ("Independent Chair", "Independent"),
    ("Detective Inspector", "Police"),
    ("Safeguarding Lead", "Clinical Commissioning Group"),
    ("Service Manager", "Children's Social Care"),
    ("Head of Service", "Housing"),
    ("Operations Manager", "Domestic Abuse Service"),
    ("Named Nurse", "Mental Health Trust"),
]


def paragraph(text: str, style: ParagraphStyle = BODY, bullet: str | None = None) -> Paragraph:
    html = text.replace("&", "&amp;").replace("<", "&lt;")
    return Paragraph(html, style, bulletText=bullet)


def _grid(rows: list[list[str]], widths: list[float], ruled: bool, header: bool = True) -> Table:
    table = Table(
        [[paragraph(c, CELL_BOLD if header and i == 0 else CELL) for c in row] for i, row in enumerate(rows)],
        colWidths=widths,
        repeatRows=1 if header else 0,
    )
    style = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    if ruled:
        style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    table.setStyle(TableStyle(style))
    return table


def cover(rng: random.Random, title: str) -> list[Any]:
    """A title and a block of labelled details, as on a cover page."""
    details = [
        ("Author", "Partnership Manager"),
        ("Lead officer", rng.choice(["Head of Community Safety", "Safeguarding Adults Manager"])),
        ("Date", f"{rng.randint(1, 28)} {rng.choice(['March', 'June', 'October'])} 20{rng.randint(18, 24)}"),
        ("Review date", f"April 20{rng.randint(25, 27)}"),
        ("Status", rng.choice(["Final", "Approved by the board"])),
        ("Version", f"{rng.randint(1, 4)}.{rng.randint(0, 3)}"),
    ]
    return [
        Spacer(1, 40 * mm),
        paragraph(title, TITLE),
        Spacer(1, 20 * mm),
        _grid([[k, v] for k, v in details], [40 * mm, 80 * mm], ruled=False, header=False),
        PageBreak(),
    ]


def section(rng: random.Random, number: int) -> list[Any]:
    """A numbered section: its heading, paragraphs (some opening with a plan
    word), numbered clauses with bulleted lists, and now and then a
    two-column guidance table, a glossary or the panel's membership."""
    out = clauses(rng, number)
    extra = rng.random()
    if extra < 0.3:
        left, right = rng.choice(GUIDANCE)
        rows = [[left, right]] + [
            [
                "\n".join(f"\u2022 {p}" for p in rng.sample(POINTS, 3)),
                "\n".join(f"\u2022 {s}" for s in rng.sample(SENTENCES, 2)),
            ]
            for _ in range(rng.randint(1, 3))
        ]
        out.append(_guidance(rows, ruled=rng.random() < 0.5))
    elif extra < 0.4:
        out.append(_grid([["Term", "Meaning"], *[[a, b] for a, b in GLOSSARY]], [30 * mm, 120 * mm], ruled=False))
    elif extra < 0.5:
        rows = [["Name", "Role", "Agency"]] + [
            [f"{rng.choice('ABCDEFGHJKLMNPRS')}. {rng.choice(['Patel', 'Jones', 'Smith', 'Khan', 'Evans'])}", r, a]
            for r, a in rng.sample(ROLES, rng.randint(4, 7))
        ]
        out.append(_grid(rows, [40 * mm, 60 * mm, 70 * mm], ruled=True))
    return out


def clauses(rng: random.Random, number: int) -> list[Any]:
    """A numbered section of text alone: its heading, then clauses
    ("3.2. …") with a hanging indent, some opening with a plan word, some
    opening a bulleted list."""
    out: list[Any] = [paragraph(f"{number}. {rng.choice(HEADINGS)}", HEADING)]
    for clause in range(1, rng.randint(3, 7)):
        kind = rng.random()
        label = f"{number}.{clause}."
        if kind < 0.35:
            out.append(paragraph(f"{label} {rng.choice(CLAUSES)}", CLAUSE))
            out.extend(paragraph(p, BULLET, "\u2022") for p in rng.sample(POINTS, rng.randint(3, 6)))
        else:
            opening = rng.choice(OPENINGS) if kind < 0.7 else rng.choice(SENTENCES)
            text = " ".join([opening, *rng.sample(SENTENCES, rng.randint(2, 5))])
            out.append(paragraph(f"{label} {text}", CLAUSE))
    return out


def _guidance(rows: list[list[str]], ruled: bool) -> Table:
    table = Table(
        [
            [paragraph(c, CELL_BOLD) if i == 0 else [paragraph(p, CELL) for p in c.split("\n")] for c in row]
            for i, row in enumerate(rows)
        ],
        colWidths=[85 * mm, 85 * mm],
    )
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black)]
    if ruled:
        style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    table.setStyle(TableStyle(style))
    return table


def terms_of_reference(rng: random.Random) -> list[Any]:
    """A terms-of-reference page: purpose, the period under review, the
    key lines of enquiry numbered, and who sits on the panel."""
    out: list[Any] = [PageBreak(), paragraph("Terms of Reference", HEADING)]
    out.append(paragraph("Purpose of the review", HEADING))
    out.extend(paragraph(s) for s in rng.sample(SENTENCES, 2))
    out.append(
        paragraph(f"Scope: the review will cover the period from January 20{rng.randint(12, 18)} to the homicide.")
    )
    out.append(paragraph("Key lines of enquiry", HEADING))
    for n, point in enumerate(rng.sample(POINTS, 6), 1):
        out.append(paragraph(f"{n}. To establish {point}.", CLAUSE))
    out.append(paragraph("Panel membership", HEADING))
    out.append(
        _grid(
            [["Role", "Agency"], *[[r, a] for r, a in rng.sample(ROLES, 5)]],
            [60 * mm, 80 * mm],
            ruled=rng.random() < 0.5,
        )
    )
    return [*out, PageBreak()]


def story(rng: random.Random, sections: int, title: str = "Multi-Agency Protocol") -> list[Any]:
    """A whole document of realistic prose and no plan: a cover, sections
    (a terms-of-reference part among them) and a glossary."""
    out = cover(rng, title)
    tor_at = rng.randint(1, max(1, sections - 1))
    for n in range(1, sections + 1):
        if n == tor_at:
            out.extend(terms_of_reference(rng))
        out.extend(section(rng, n))
    return out
