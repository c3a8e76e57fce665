"""A benchmark corpus of whole review documents in mixed house styles.

    python bench/corpus.py OUT_DIR [--plans 200] [--seed 0]

Published DHR PDFs are mostly long overview reports with the action plan at
the end, and some are strategies with no plan at all. Each document here is
a narrative report followed by an action plan in one of the sample house
styles from ``samples/generate.py``, its recommendations repeated one to
three times; about one in eight is a strategy with no plan. The narrative is
written to look like the prose around real plans (``_narrative``): plan
words opening headings and sentences, numbered clauses and bulleted lists,
two-column guidance tables, a terms-of-reference part, a cover of labelled
details and sometimes a chronology table, none of it a plan. With
``--reports``, whole overview reports instead: 40–150 pages of narrative
with the plan as an appendix, one in three with more of the report after it
and one in three scanned (every page an image at 200 dpi). With ``--real
DIR``, the plans appended to real documents that hold none (each PDF of DIR
of ``REAL_MIN_PAGES`` pages or more) instead. Documents are built from a
seed, in parallel, and cached: a corpus already in OUT_DIR with the same
parameters and generator is reused.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "samples"))

import generate  # noqa: E402
import plans  # noqa: E402
import prose  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.platypus import PageBreak  # noqa: E402

STYLES: dict[str, tuple[Any, list[plans.Recommendation]]] = {
    "ruled-coded": (generate.ruled_coded, plans.NORTHMOOR),
    "sections-numbered": (generate.sections_numbered, plans.EASTBRIDGE),
    "open-rules": (generate.open_rules, plans.WESTVALE),
    "borderless": (generate.borderless, plans.SOUTHDOWN),
    "ruled-no-repeat": (generate.ruled_no_repeat, plans.RIVERSIDE),
    "agency-rows": (generate.agency_rows, plans.KINGSFORD),
}
NO_PLAN_SHARE = 1 / 8
# The share of a narrative's sections written as protocol-like prose
# (``samples/prose.py``); the rest tell the case in plain paragraphs.
PROTOCOL_SHARE = 0.5
# Real documents this long or longer host a plan in the ``--real`` corpus: a
# report's length, not a one-page test file.
REAL_MIN_PAGES = 15
SCAN_DPI = 200

SENTENCES = [
    "The review panel met on six occasions and considered chronologies from eleven agencies.",
    "Agencies were asked to set out their contact with the victim and the perpetrator in the five years before the homicide.",
    "The victim disclosed controlling behaviour to her GP but no referral to a specialist service followed.",
    "Police attended the address on three occasions; on each a risk assessment was started but not completed.",
    "The family told the review that they had noticed her withdrawing from friends in the months before her death.",
    "Children's social care closed the case after a single visit, judging the risk to the children to be low.",
    "Information held by the housing provider about repeated damage to the property was not shared with other agencies.",
    "The perpetrator had been referred to a behaviour change programme but did not attend after the first session.",
    "Practitioners described a lack of confidence in asking about domestic abuse during routine appointments.",
    "The review heard that MARAC referrals were delayed by a backlog during the period under review.",
    "Mental health services had assessed the perpetrator twice and recorded concerns about his jealousy.",
    "The panel thanks the family for their contribution, which shaped the findings and recommendations of this review.",
    "Learning from this review has been shared with the partnership board and the safeguarding partnerships.",
    "Terms of reference were agreed at the first panel meeting and are set out in the appendix.",
]
HEADINGS = [
    "Introduction",
    "Terms of reference",
    "Methodology",
    "Involvement of family",
    "Background",
    "Chronology",
    "Overview",
    "Analysis",
    "Findings",
    "Conclusions",
    "Lessons to be learned",
    "Good practice",
]


@dataclass(frozen=True)
class BenchDoc:
    name: str
    style: str
    repeat: int
    narrative_paragraphs: int
    chronology: bool
    seed: int
    expected_records: int = 0
    pages: int = 0
    after_paragraphs: int = 0  # prose after the plan: a plan in the middle of a report
    scanned: bool = False  # published as a scan: every page an image
    source: str = ""  # a real document with no plan, the plan appended to it (instead of a narrative)


def _narrative(rng: random.Random, paragraphs: int, chronology: bool) -> list[Any]:
    """A review's prose: a cover with its labelled details, then numbered
    sections whose paragraphs tell the case, among them the protocol-like
    parts real reports hold (``samples/prose.py``: headings and sentences
    opening with plan words, numbered clauses with bulleted lists, guidance,
    glossary and panel tables, a terms-of-reference part), and sometimes a
    chronology table. None of it is a plan."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    story: list[Any] = prose.cover(rng, "Domestic Homicide Review: Overview Report")
    tor_at = rng.randrange(max(1, paragraphs // 6))
    for n in range(paragraphs):
        if n % 6 == 0:
            number = n // 6 + 1
            if number - 1 == tor_at:
                story.extend(prose.terms_of_reference(rng))
            if rng.random() < PROTOCOL_SHARE:
                story.extend(prose.section(rng, number))
            else:
                story.append(generate.para(f"{number}. {HEADINGS[(n // 6) % len(HEADINGS)]}", generate.HEADING))
        story.append(generate.para(" ".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 7))), generate.PROSE))
        if chronology and n == paragraphs // 2:
            rows = [["Date", "Event", "Agency"]] + [
                [
                    f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/20{rng.randint(10, 20)}",
                    rng.choice(SENTENCES),
                    rng.choice(["Police", "GP", "Housing", "Children's Social Care", "Mental Health Trust"]),
                ]
                for _ in range(rng.randint(10, 40))
            ]
            table = Table(
                [[generate.para(c) for c in r] for r in rows], colWidths=[25 * mm, 110 * mm, 40 * mm], repeatRows=1
            )
            table.setStyle(
                TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")])
            )
            story.append(table)
    return [*story, PageBreak()]


def build_doc(doc: BenchDoc, folder: Path) -> BenchDoc:
    import pikepdf

    rng = random.Random(doc.seed)
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(doc.source) if doc.source else Path(tmp) / "report.pdf"
        if not doc.source:
            generate.build(report, A4, _narrative(rng, doc.narrative_paragraphs, doc.chronology), "Overview Report")
        plan = Path(tmp) / doc.name
        if doc.style == "no-plan":
            expected = generate.no_plan(plan)
        else:
            make, recs = STYLES[doc.style]
            expected = make(plan, plan=recs * doc.repeat)
        parts = [plan]
        if doc.after_paragraphs:
            rest = Path(tmp) / "rest.pdf"
            generate.build(rest, A4, _narrative(rng, doc.after_paragraphs, False), "Overview Report")
            parts.append(rest)
        with pikepdf.open(report) as out:
            for part in parts:
                with pikepdf.open(part) as more:
                    out.pages.extend(more.pages)
            target = Path(tmp) / "whole.pdf" if doc.scanned else folder / doc.name
            out.save(target, deterministic_id=True)
            pages = len(out.pages)
        if doc.scanned:
            generate.scanned(target, folder / doc.name, dpi=SCAN_DPI)
    return BenchDoc(**{**asdict(doc), "expected_records": len(expected), "pages": pages})


def plan_corpus(plans_wanted: int, seed: int) -> list[BenchDoc]:
    rng = random.Random(seed)
    docs = []
    styles = sorted(STYLES)
    for i in range(plans_wanted):
        style = "no-plan" if rng.random() < NO_PLAN_SHARE else styles[i % len(styles)]
        docs.append(
            BenchDoc(
                f"bench-{i:04d}-{style}.pdf",
                style,
                rng.randint(1, 3),
                rng.randint(70, 150),
                rng.random() < 0.35,
                rng.randrange(1 << 30),
            )
        )
    return docs


def report_corpus(reports: int, seed: int) -> list[BenchDoc]:
    """Whole overview reports: 40–150 pages of narrative with the plan as
    an appendix, one in three with more of the report after it and one in
    three scanned."""
    rng = random.Random(seed)
    styles = sorted(STYLES)
    return [
        BenchDoc(
            f"report-{i:03d}-{styles[i % len(styles)]}.pdf",
            styles[i % len(styles)],
            rng.randint(1, 2),
            rng.randint(280, 1000),
            rng.random() < 0.5,
            rng.randrange(1 << 30),
            after_paragraphs=rng.randint(40, 120) if i % 3 == 2 else 0,
            scanned=i % 3 == 1,
        )
        for i in range(reports)
    ]


def real_corpus(folder: Path, seed: int) -> list[BenchDoc]:
    """A plan appended to each real document of ``folder`` that holds none
    and has ``REAL_MIN_PAGES`` pages or more (PDFs pdfium and pikepdf open),
    the house styles in turn."""
    import pikepdf

    rng = random.Random(seed)
    styles = sorted(STYLES)
    docs = []
    for path in sorted(folder.glob("*.pdf")):
        try:
            with pikepdf.open(path) as pdf:
                if len(pdf.pages) < REAL_MIN_PAGES:
                    continue
        except Exception:  # encrypted, broken: not a host for a plan
            continue
        style = styles[len(docs) % len(styles)]
        name = f"real-{len(docs):02d}-{style}.pdf"
        docs.append(BenchDoc(name, style, 1, 0, False, rng.randrange(1 << 30), source=str(path.resolve())))
    return docs


def _fingerprint(plans_wanted: int, seed: int, real: Path | None = None) -> str:
    h = hashlib.sha256(f"{plans_wanted}:{seed}".encode())
    if real is not None:
        for path in sorted(real.glob("*.pdf")):
            h.update(f"{path.name}:{path.stat().st_size}".encode())
    for src in (Path(__file__), *(ROOT / "samples" / f for f in ("generate.py", "plans.py", "prose.py"))):
        h.update(src.read_bytes())
    return h.hexdigest()[:16]


def build_corpus(
    folder: Path, plans_wanted: int = 200, seed: int = 0, jobs: int = 2, reports: bool = False, real: Path | None = None
) -> list[BenchDoc]:
    """The corpus in ``folder`` (built, or reused when it matches): review
    documents, with ``reports`` whole overview reports, or with ``real``
    plans appended to the real documents in that folder."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = folder / "manifest.json"
    fingerprint = _fingerprint(plans_wanted, seed, real) + ("-reports" if reports else "") + ("-real" if real else "")
    if manifest.exists():
        saved = json.loads(manifest.read_text())
        if saved.get("fingerprint") == fingerprint and all((folder / d["name"]).exists() for d in saved["docs"]):
            return [BenchDoc(**d) for d in saved["docs"]]
    for old in folder.glob("*.pdf"):
        old.unlink()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        if real is not None:
            planned = real_corpus(real, seed)
        else:
            planned = report_corpus(plans_wanted, seed) if reports else plan_corpus(plans_wanted, seed)
        docs = list(pool.map(build_doc, planned, [folder] * len(planned), chunksize=4))
    manifest.write_text(json.dumps({"fingerprint": fingerprint, "docs": [asdict(d) for d in docs]}, indent=1))
    return docs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--plans", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--reports", action="store_true", help="whole overview reports (40-150 pages) instead")
    parser.add_argument("--real", type=Path, help="plans appended to the real documents (no plan) in this folder")
    args = parser.parse_args()
    docs = build_corpus(args.out, args.plans, args.seed, reports=args.reports, real=args.real)
    print(
        f"{args.out}: {len(docs)} documents, {sum(d.pages for d in docs)} pages, "
        f"{sum(d.expected_records for d in docs)} expected records"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
