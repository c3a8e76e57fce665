"""The research layer on the sample plans: themes, search, queries, browse, report."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import SAMPLE_PDFS, expected_records

from dhr_actions import load_records
from dhr_actions.cli import main
from dhr_actions.compose import import_file
from dhr_actions.importer import ImportOptions
from dhr_actions.research.queries import (
    agencies,
    overdue,
    period_end,
    recurring,
    search,
    theme_counts,
)
from dhr_actions.research.themes import TaxonomyError, load_taxonomy, parse_taxonomy
from dhr_actions.store.repository import DocumentImport, Store

LABELS = Path(__file__).resolve().parent / "data" / "theme_labels.jsonl"
PLANS = [p for p in SAMPLE_PDFS if expected_records(p)]
# Copies of another sample's plan: Fenwick's summary prints its full plan's
# recommendations, Harbourside's tracker (Excel) its plan (Word), Bryncoed's
# print with its learning column its bilingual one. Counts of reviews and
# their records count each plan once, through the other file.
COPIES = {
    "fenwick-dhr-2019-02-summary.pdf": "fenwick-dhr-2019-02.pdf",
    "harbourside-dhr-mr-e-tracker.pdf": "harbourside-dhr-mr-e.pdf",
    "bryncoed-dhr-2022-01-learning.pdf": "bryncoed-dhr-2022-01.pdf",
}
REVIEWS = [p for p in PLANS if p.name not in COPIES]


@pytest.fixture(scope="module")
def research_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = str(tmp_path_factory.mktemp("research") / "r.sqlite")
    with Store(db) as store:
        for pdf in SAMPLE_PDFS:
            import_file(store, pdf, IN_PROCESS)
    yield db


@pytest.fixture
def store(research_db: str) -> Iterator[Store]:
    with Store(research_db) as s:
        yield s


IN_PROCESS = ImportOptions(jobs=0)  # trusted samples: no worker processes needed


def sample_records() -> list[dict[str, object]]:
    return [r for pdf in PLANS for r in expected_records(pdf)]


def review_records() -> list[dict[str, object]]:
    """The records counted: one copy of each review."""
    return [r for pdf in REVIEWS for r in expected_records(pdf)]


def test_theme_tagging_precision_and_recall() -> None:
    taxonomy = load_taxonomy()
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 60
    tp = fp = fn = 0
    for row in rows:
        got = {t.theme for t in taxonomy.tag(row["recommendation"], row["action"])}
        want = set(row["themes"])
        assert want <= {t.key for t in taxonomy.themes}, row
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert precision >= 0.90, precision
    assert recall >= 0.80, recall


def test_tags_keep_the_phrase_that_matched() -> None:
    tags = {
        t.theme: t.phrase
        for t in load_taxonomy().tag("Officers attending a Domestic Incident", "complete the DASH alone")
    }
    assert tags["police_response"] == "Domestic Incident"  # as printed
    assert tags["risk_assessment"] == "DASH"
    # Exclusions: "adult children" is not about children.
    assert "children_young_people" not in {
        t.theme for t in load_taxonomy().tag("abuse by adult children of their parents")
    }


def test_phrase_shorthand_inflects_and_spans_a_clause() -> None:
    taxonomy = parse_taxonomy(
        "[[theme]]\nkey = 'asking'\nphrases = ['ask~ ... about abuse']\n"
        "[[theme]]\nkey = 'sharing'\nphrases = ['share~ information', 'notify~ the GP']\n"
    )

    def themes(text: str) -> set[str]:
        return {t.theme for t in taxonomy.tag(text)}

    assert themes("Keyworkers asked each client, at every review, about abuse") == {"asking"}
    assert themes("Staff will ask about abuse") == {"asking"}
    # The gap holds within a clause, and for six words at most.
    assert themes("Ask the client. Tell her about abuse services") == set()
    assert themes("ask one two three four five six seven about abuse") == set()
    assert themes("sharing information; the ward notified the GP") == {"sharing"}
    assert themes("shares information") == themes("shared information") == {"sharing"}
    assert themes("the GP was notifiable") == set()
    # A "~" after anything but a word would look for a "~" and never match.
    with pytest.raises(TaxonomyError, match="~ must follow a word"):
        parse_taxonomy("[[theme]]\nkey = 'x'\nphrases = ['(ask|tell)~ about abuse']\n")


def test_word_classes_name_every_verb_and_agency_at_once() -> None:
    taxonomy = parse_taxonomy(
        "[words]\nagency = ['GPs?', 'police', '(\\w+ )?team']\ntell = ['tell~', 'inform~', 'notif(y|ied)']\n"
        "told = ['told', 'informed']\nbody = ['{agency}', 'the board']\n"
        "[[theme]]\nkey = 'sharing'\nphrases = ['{tell} the {agency}', '{body} should be {told}']\n"
    )

    def themes(text: str) -> set[str]:
        return {t.theme for t in taxonomy.tag(text)}

    assert themes("Ward staff should inform the safeguarding team") == {"sharing"}
    assert themes("The midwife notified the GP") == themes("telling the police") == {"sharing"}
    assert themes("The board should be told within a week") == {"sharing"}  # a class using one above it
    assert themes("inform the victim") == themes("the team should be ready") == set()
    with pytest.raises(TaxonomyError, match=r"uses \{tel\}, which \[words\] does not define"):
        parse_taxonomy("[words]\ntell = ['tell~']\n[[theme]]\nkey = 'x'\nphrases = ['{tel} the GP']\n")
    with pytest.raises(TaxonomyError, match=r"words 'a': \{b\} is not defined above it"):
        parse_taxonomy("[words]\na = ['{b}']\nb = ['x']\n[[theme]]\nkey = 'x'\nphrases = ['{a}']\n")
    with pytest.raises(TaxonomyError, match=r"words 'a' must be a list of phrases"):
        parse_taxonomy("[words]\na = 'x'\n[[theme]]\nkey = 'x'\nphrases = ['{a}']\n")


def test_theme_counts_match_the_expected_records(store: Store) -> None:
    taxonomy = load_taxonomy()
    records, reviews = Counter(), {}
    for r in review_records():
        for t in {t.theme for t in taxonomy.tag(r["recommendation"], r["action"])}:  # type: ignore[arg-type]
            records[t] += 1
            reviews.setdefault(t, set()).add(r["document"])
    got = {row["theme"]: (row["records"], row["reviews"]) for row in theme_counts(store)}
    assert got == {t: (records[t], len(reviews[t])) for t in records}
    assert {"northmoor-dhr-adult-a.pdf", "southdown-dhr-ms-c.pdf", "westvale-dhr-mrs-b.pdf"} <= reviews["housing"]


def test_themes_by_csp_and_year(store: Store) -> None:
    by_csp = theme_counts(store, "csp")
    assert {r["csp"] for r in by_csp} == {p.name.split("-")[0].capitalize() for p in PLANS}
    by_year = theme_counts(store, "year")
    years = {r["year"] for r in by_year}
    assert 2021 in years  # "EDHR 2021-03"
    assert sum(r["records"] for r in by_year) == sum(r["records"] for r in theme_counts(store))
    with pytest.raises(ValueError, match="by: 'month'"):
        theme_counts(store, "month")


def test_search_ranks_and_snippets(store: Store) -> None:
    hits = search(store, "coercive control")
    assert hits and hits[0]["document"] == "northmoor-dhr-adult-a.pdf"
    assert {h["ref"] for h in hits if h["document"] == "northmoor-dhr-adult-a.pdf"} == {"1A", "1B", "1C"}
    assert "[coercive]" in hits[0]["snippet"].lower()
    assert search(store, "zzzz nothing like this") == []


def test_search_fallback_finds_the_same_records(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import dhr_actions.research.queries as queries

    fts = {(h["document"], h["ref"]) for h in search(store, "tenancy officers", limit=50)}
    monkeypatch.setattr(queries, "has_fts", lambda engine: False)
    plain = {(h["document"], h["ref"]) for h in search(store, "tenancy officers", limit=50)}
    assert fts == plain and ("southdown-dhr-ms-c.pdf", "5") in plain


def test_overdue(store: Store) -> None:
    as_of = date(2022, 6, 30)
    want = sorted(
        (r["document"], r["ref"])
        for r in review_records()
        if r["target_date"] and r["status"] != "complete" and period_end(r["target_date"]) < as_of  # type: ignore[arg-type]
    )
    got = overdue(store, as_of)
    assert sorted((r["document"], r["ref"]) for r in got) == want
    assert ("northmoor-dhr-adult-a.pdf", "1A") in want  # 31.03.2022, no status
    assert all(r["days_overdue"] > 0 for r in got)


def test_period_end() -> None:
    assert [period_end(x) for x in ("2020", "2021-02", "2022-03-04")] == [
        date(2020, 12, 31),
        date(2021, 2, 28),
        date(2022, 3, 4),
    ]


def test_copies_of_one_review_are_grouped_and_counted_once(store: Store) -> None:
    from dhr_actions.research.copies import reviews

    grouped = {r.key: set(r.files) for r in reviews(store) if len(r.files) > 1}
    assert grouped == {kept: {kept, copy} for copy, kept in COPIES.items()}
    result = CliRunner().invoke(main, ["documents", "--db", str(store.engine.url.database), "--format", "json"])
    copy_of = {d["document"]: d["copy_of"] for d in json.loads(result.output)}
    assert {d: c for d, c in copy_of.items() if c} == COPIES


def test_the_grouping_of_copies_is_kept_for_the_next_process(any_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy import update

    from dhr_actions.normalise.record import Record
    from dhr_actions.research import copies
    from dhr_actions.store.models import Document, utcnow

    def plan(*texts: str) -> list[Record]:
        return [
            Record("x.pdf", None, str(i), t, None, None, None, None, None, None, None, None)
            for i, t in enumerate(texts, 1)
        ]

    alpha = plan(
        "Pharmacists should notice signs of coercion when a partner collects every prescription.",
        "Health visitors should ask new mothers about abuse at every visit.",
        "The council should review its allocation policy for victims fleeing abuse.",
    )
    beta = plan(
        "Police should record the voice of the child at every domestic incident.",
        "Probation should check the address of any new partner of a man on licence.",
        "The hospital should offer an IDVA to patients attending with injuries.",
    )
    with Store(any_db) as store:
        for n, (name, records) in enumerate({"alpha.pdf": alpha, "alpha-scan.pdf": alpha, "beta.pdf": beta}.items()):
            store.save(DocumentImport(file_name=name, sha256=str(n) * 64, outcome="imported", records=records))
        first = copies.reviews(store)
        assert sorted(r.files for r in first) == [("alpha.pdf", "alpha-scan.pdf"), ("beta.pdf",)]
        copies._cache.clear()  # as a new process would start

        def grouped_again(*_args: object) -> None:
            raise AssertionError("copies grouped again for the same documents")

        monkeypatch.setattr(copies, "group", grouped_again)
        assert copies.reviews(store) == first
        monkeypatch.undo()
        # A copy withdrawn changes the set of current documents: grouped again.
        with store.session() as s, s.begin():
            s.execute(update(Document).where(Document.file_name == "alpha-scan.pdf").values(withdrawn_at=utcnow()))
        assert sorted(r.files for r in copies.reviews(store)) == [("alpha.pdf",), ("beta.pdf",)]


def test_recurring_recommendations_across_reviews(tmp_path: Path) -> None:
    from dhr_actions.normalise.record import Record

    pdf = next(p for p in PLANS if p.name.startswith("northmoor"))
    copy = tmp_path / "northmoor-republished.pdf"
    copy.write_bytes(pdf.read_bytes() + b"\n% republished\n")  # other bytes, same plan

    def rec(ref: str, text: str) -> Record:
        return Record("x.pdf", None, ref, text, None, None, None, None, None, None, None, None)

    shared = "Pharmacists should be trained to notice signs of coercion when a partner collects every prescription."
    plans = {
        "alpha.pdf": [rec("1", shared), rec("2", "Health visitors should ask new mothers about abuse at every visit.")],
        "beta.pdf": [
            rec("1", "The council should review its allocation policy for victims fleeing abuse."),
            rec("2", shared.replace("every", "each")),
            rec("3", "Police should record the voice of the child at every domestic incident."),
        ],
    }
    with Store(str(tmp_path / "rec.sqlite")) as s:
        import_file(s, pdf, IN_PROCESS)
        import_file(s, copy, IN_PROCESS)
        # A plan and its copy are one review: nothing recurs across reviews.
        assert recurring(s, min_reviews=2)["recommendations"] == []
        for n, (name, records) in enumerate(plans.items()):
            s.save(DocumentImport(file_name=name, sha256=str(n) * 64, outcome="imported", records=records))
        found = recurring(s, min_reviews=2)["recommendations"]
    assert [(c["reviews"], sorted(w.split()[0] for w in c["where"].split("; "))) for c in found] == [
        (2, ["alpha.pdf", "beta.pdf"])
    ]


def test_agencies_merge_case_punctuation_and_acronyms(tmp_path: Path) -> None:
    from dhr_actions.normalise.record import Record

    def rec(lead: str) -> Record:
        return Record("x.pdf", None, "1", "r", None, "a", lead, None, None, None, None, None)

    leads = [
        "GSCB",
        "Gloucestershire Safeguarding Children Board",
        "gloucestershire safeguarding children board.",
        "Home Office\nGSCB",
    ]
    with Store(str(tmp_path / "a.sqlite")) as s:
        s.save(DocumentImport(file_name="x.pdf", sha256="1" * 64, outcome="imported", records=[rec(x) for x in leads]))
        rows = agencies(s)
    top = rows[0]
    assert (
        top["agency"] == "Gloucestershire Safeguarding Children Board" and top["records"] == 4 and top["reviews"] == 1
    )
    assert "GSCB" in top["variants"]
    assert [r["agency"] for r in rows[1:]] == ["Home Office"]


def test_agencies_on_samples(store: Store) -> None:
    rows = {r["agency"]: r for r in agencies(store)}
    # Roles are not agencies: "Principal Social Worker" is a role at a council.
    assert "Principal Social Worker" not in rows
    named = {r["document"] for r in review_records() if r["lead"] == "Principal Social Worker"}
    by_role = [r for r in agencies(store, roles=True) if r["role"] == "Principal Social Worker"]
    assert len(named) >= 2 and sum(r["reviews"] for r in by_role) == len(named)
    assert all(r["type"] == "Council" for r in by_role)
    assert rows["Harbourside Police"]["type"] == "Police force"
    assert rows["Home Office"]["type"] == "National body"


def test_leads_resolve_to_organisations_and_never_count_a_person(tmp_path: Path) -> None:
    from dhr_actions.normalise.record import Record
    from dhr_actions.research.agencies import resolve
    from dhr_actions.research.report import build_report

    officer = resolve("Det Supt Head of PVP", "Northshire")
    assert officer is not None and (officer.organisation, officer.type, officer.role) == (
        "Northshire police",
        "police",
        "Det Supt Head of PVP",
    )
    found = resolve("Named GP for Safeguarding, Northshire ICB", "Northshire")
    assert found is not None and (found.organisation, found.type, found.role) == (
        "Northshire ICB",
        "icb",
        "Named GP for Safeguarding",
    )
    assert resolve("All agencies") is not None and resolve("All agencies").type == "all"  # type: ignore[union-attr]
    people = ["Adele McGuigan", "Jane Okonkwo-Smith", "Priya Raman"]
    leads = [
        f"{people[0]} – Service Manager",
        f"DS {people[1]}, Head of Public Protection",
        f"Dr {people[2]} (Named GP)",
        "Northshire Police",
        "Principal Social Worker",
    ]

    def rec(ref: str, lead: str) -> Record:
        return Record("x.pdf", None, ref, "r", None, "a", lead, None, None, "2020-01", None, None)

    db = str(tmp_path / "people.sqlite")
    with Store(db) as s:
        s.save(
            DocumentImport(
                file_name="northshire-dhr.pdf",
                sha256="7" * 64,
                outcome="imported",
                partnership="Northshire",
                records=[rec(str(n), lead) for n, lead in enumerate(leads, 1)],
            )
        )
        rows = agencies(s) + agencies(s, roles=True)
        page = build_report(s, date(2024, 1, 1))
    assert {r["agency"] for r in agencies_of(rows)} >= {"Northshire Police", "Northshire ICB", "Northshire council"}
    everything = json.dumps(rows) + page.split("<h2>Overdue")[0]
    for person in people:
        for part in person.replace("-", " ").split():
            assert part not in everything, part
    # The police officer's role goes to the force the plan names in full.
    assert {r["agency"] for r in rows if r.get("role") == "Head of Public Protection"} == {"Northshire Police"}


def agencies_of(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in rows if "role" not in r]


def test_load_records(research_db: str) -> None:
    frame = load_records(research_db)
    assert len(frame) == len(sample_records())
    assert {"document", "csp", "year", "ref", "themes", "target_date", "status"} <= set(frame.columns)
    row = frame[(frame.document == "northmoor-dhr-adult-a.pdf") & (frame.ref == "3A")].iloc[0]
    assert {"primary_care", "routine_enquiry", "training"} <= set(row.themes)


def test_retag_with_an_edited_taxonomy(tmp_path: Path) -> None:
    db = str(tmp_path / "t.sqlite")
    with Store(db) as s:
        import_file(s, next(p for p in PLANS if p.name.startswith("southdown")), IN_PROCESS)
    taxonomy = tmp_path / "mine.toml"
    taxonomy.write_text(
        "[[theme]]\nkey = 'hospitals'\nlabel = 'Hospitals'\nphrases = ['hospitals?', 'emergency department']\n"
    )
    result = CliRunner().invoke(main, ["themes", "retag", "--db", db, "--taxonomy", str(taxonomy)])
    assert result.exit_code == 0 and "Tagged 5 records with 2 theme tags" in result.output
    out = CliRunner().invoke(main, ["themes", "--db", db, "--format", "json"], env={"DHR_TAXONOMY": str(taxonomy)})
    assert [(r["theme"], r["records"]) for r in json.loads(out.output)] == [("hospitals", 2)]


def test_import_tags_with_the_taxonomy_it_is_given(tmp_path: Path) -> None:
    """``dhr import --taxonomy FILE``: the tag stage crosses into the worker
    processes with its file, and the records carry that taxonomy's themes."""
    db = str(tmp_path / "t.sqlite")
    taxonomy = tmp_path / "mine.toml"
    taxonomy.write_text(
        "[[theme]]\nkey = 'hospitals'\nlabel = 'Hospitals'\nphrases = ['hospitals?', 'emergency department']\n"
    )
    plan = next(p for p in PLANS if p.name.startswith("southdown"))
    result = CliRunner().invoke(main, ["import", str(plan), "--db", db, "--jobs", "1", "--taxonomy", str(taxonomy)])
    assert result.exit_code == 0, result.output
    out = CliRunner().invoke(main, ["themes", "--db", db, "--format", "json"], env={"DHR_TAXONOMY": str(taxonomy)})
    assert [(r["theme"], r["records"]) for r in json.loads(out.output)] == [("hospitals", 2)]


def test_bad_taxonomy_is_one_clear_line() -> None:
    with pytest.raises(TaxonomyError, match=r"theme .x.: phrases: bad regular expression"):
        parse_taxonomy("[[theme]]\nkey = 'x'\nphrases = ['(']\n", "t.toml")


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_research_commands_formats(research_db: str, fmt: str) -> None:
    for args in (
        ["themes"],
        ["themes", "--by", "csp"],
        ["search", "housing"],
        ["recurring"],
        ["overdue", "--as-of", "2022-06-30"],
        ["agencies"],
    ):
        result = CliRunner().invoke(main, [*args, "--db", research_db, "--format", fmt], catch_exceptions=False)
        assert result.exit_code == 0, (args, result.output)
        if fmt == "json":
            json.loads(result.output)
        elif fmt == "csv":
            assert "," in result.output.splitlines()[0]


def test_report_and_xlsx(research_db: str, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", "--db", research_db, "--output", str(out), "--as-of", "2022-06-30"])
    assert result.exit_code == 0
    page = out.read_text()
    assert (
        page.count("<svg") == 3
        and "<script" not in page
        and "http" not in page.split("<body>")[1].split("Generated")[0]
    )
    n_plans, n_partnerships = len(REVIEWS), len({p.name.split("-")[0] for p in PLANS})
    assert f"{n_plans} action plans from {n_partnerships} partnerships, {len(review_records())} recommendations" in page
    assert f"read from {len(PLANS)} files" in page
    assert "Overdue actions (" in page
    xlsx = tmp_path / "r.xlsx"
    result = CliRunner().invoke(main, ["export", "--db", research_db, "--format", "xlsx", "-o", str(xlsx)])
    assert result.exit_code == 0
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx).active
    assert sheet.max_row == len(sample_records()) + 1 and sheet.cell(1, 1).value == "document"


def test_report_says_what_it_counts_and_summarises_the_overdue(store: Store) -> None:
    from dhr_actions.research.report import PALETTE, build_report

    page = build_report(store, date(2022, 6, 30), top=3)
    late = overdue(store, date(2022, 6, 30))
    n_themes = len(theme_counts(store))
    assert f"the 3 themes with most records (of {n_themes})" in page
    assert "counts once under each" in page and "Records naming each lead organisation" in page
    # The overdue actions are counted by partnership and year, not listed.
    assert late and f"Overdue actions ({len(late)})" in page
    section = page.split("Overdue actions (")[1].split("<h2>")[0]
    assert section.count("<tr>") <= 1 + 16
    for r in late[:3]:
        assert r["action"] not in section
    rows = [row.split("</td>")[:-1] for row in section.split("<tbody>")[1].split("<tr>")[1:]]
    by_csp = Counter(r["csp"] for r in late)
    assert [row[0].removeprefix("<td>") for row in rows] == sorted(by_csp, key=lambda c: (-by_csp[c], c))
    assert [int(row[-1].removeprefix("<td>")) for row in rows] == sorted(by_csp.values(), reverse=True)
    # The colour-blind-safe palette, in order, for the top themes.
    chart = page.split("Themes by review year")[1].split("<h2>")[0]
    assert all(colour in chart for colour in PALETTE[:3]) and PALETTE[3] not in chart


def test_long_chart_labels_wrap_instead_of_running_off_the_chart() -> None:
    from dhr_actions.research.report import LABEL_SMALL_CHARS, bar_chart, wrapped

    name = "Gloucestershire County Domestic Abuse and Sexual Violence Commissioning Board and its Partners in Health and Care"
    lines = wrapped(name, LABEL_SMALL_CHARS)
    assert len(lines) == 2 and all(len(line) <= LABEL_SMALL_CHARS for line in lines)
    assert lines[0].startswith("Gloucestershire County") and lines[1].endswith("…")
    assert wrapped("Police") == ["Police"]
    svg = bar_chart([(name, 3), ("Police", 2)])
    assert "<tspan" in svg and f"<title>{name}</title>" in svg  # the whole name on hover


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(research_db: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A running `dhr serve` on a copy of the research store: (URL, file)."""
    db = tmp_path / "served.sqlite"
    shutil.copy(research_db, db)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "dhr_actions.cli", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        yield f"{base}/{db.stem}", str(db)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_answers_real_http(served: tuple[str, str]) -> None:
    served, db = served
    rows = json.loads(urllib.request.urlopen(served + "/current_records.json?_shape=array&_size=max", timeout=5).read())
    assert len(rows) == len(sample_records())
    themes = json.loads(urllib.request.urlopen(served + "/themes.json?_shape=array", timeout=5).read())
    with Store(db) as s:
        want = {r["theme"]: (r["records"], r["reviews"]) for r in theme_counts(s)}
    assert {r["theme"]: (r["records"], r["reviews"]) for r in themes} == want
    late = json.loads(urllib.request.urlopen(served + "/overdue.json?_shape=array&as_of=2022-06-30", timeout=5).read())
    assert len(late) == len(overdue_expected(date(2022, 6, 30)))
    found = json.loads(urllib.request.urlopen(served + "/search.json?_shape=array&q=tenancy", timeout=5).read())
    assert any(r["document"] == "southdown-dhr-ms-c.pdf" for r in found)


def housing_reviews() -> set[str]:
    taxonomy = load_taxonomy()
    return {
        r["document"]
        for r in review_records()
        if "housing" in {t.theme for t in taxonomy.tag(r["recommendation"], r["action"])}  # type: ignore[arg-type]
    }


def overdue_expected(as_of: date) -> list[tuple[object, object]]:
    return [
        (r["document"], r["ref"])
        for r in review_records()
        if r["target_date"] and r["status"] != "complete" and period_end(r["target_date"]) < as_of  # type: ignore[arg-type]
    ]


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium (Debian package chromium): `make system-deps`")
def test_serve_renders_in_headless_chromium(served: tuple[str, str], tmp_path: Path) -> None:
    url = served[0] + "/current_records?_facet=csp"
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    dom = subprocess.run([CHROMIUM, *flags, "--dump-dom", url], capture_output=True, text=True, timeout=90).stdout
    assert 'class="rows-and-columns"' in dom
    assert "northmoor-dhr-adult-a.pdf" in dom and "Northmoor" in dom
    shot = tmp_path / "records.png"
    subprocess.run(
        [CHROMIUM, *flags, f"--screenshot={shot}", "--window-size=1280,900", url], capture_output=True, timeout=90
    )
    assert shot.exists() and shot.stat().st_size > 10_000


def test_queries_on_postgresql(any_db: str) -> None:
    """The same answers from both databases (search by the portable path on PostgreSQL)."""
    with Store(any_db) as s:
        for pdf in PLANS:
            import_file(s, pdf, IN_PROCESS)
        themes = {r["theme"]: (r["records"], r["reviews"]) for r in theme_counts(s)}
        late = sorted((r["document"], r["ref"]) for r in overdue(s, date(2022, 6, 30)))
        hits = {(h["document"], h["ref"]) for h in search(s, "tenancy officers", limit=50)}
        leads = agencies(s)[:3]
        frame = load_records(s)
    assert themes["housing"][1] == len(housing_reviews())
    assert late == sorted(overdue_expected(date(2022, 6, 30)))
    assert ("southdown-dhr-ms-c.pdf", "5") in hits
    assert leads and len(frame) == len(sample_records())


def test_incidental_mentions_tag_no_theme() -> None:
    """The taxonomy's mask: a list of audiences, a body's name, a body cited."""
    taxonomy = load_taxonomy()

    def themes(text: str) -> set[str]:
        return {t.theme for t in taxonomy.tag(text)}

    assert themes("Deliver refresher training to staff in health, housing and substance misuse services.") == {
        "training"
    }
    assert not {"adults_at_risk", "children_young_people"} & themes(
        "Present the findings to the Safeguarding Adults and Children Forum."
    )
    assert "national_government" not in themes("Follow the guidance issued by the Government on disclosure.")
    assert "national_government" not in themes("Publish the report once it has the Home Office's approval.")
    assert themes("Display posters in GP waiting rooms, pharmacies and supermarkets.") == {"public_awareness"}


def test_a_clause_that_narrates_beside_one_that_directs_tags_nothing() -> None:
    taxonomy = load_taxonomy()

    def themes(text: str) -> set[str]:
        return {t.theme for t in taxonomy.tag(text)}

    narrated = "The perpetrator's brother had called the police twice; the council should run a campaign at gyms."
    assert themes(narrated) == {"public_awareness"}
    # Alone, a narrated finding is all there is to go on.
    assert {"perpetrators", "police_response"} <= themes("The perpetrator's brother had called the police twice.")
    # A clause that narrates and directs at once is read whole.
    assert "police_response" in themes("Where the police were called twice, officers should consider a DVPN.")


def test_subjects_count_only_as_whom_a_recommendation_is_addressed_to() -> None:
    taxonomy = parse_taxonomy(
        """
[[theme]]
key = "national"
phrases = ['legislation']
subjects = ['Department (of|for)( [A-Z][a-z]+| and)+', 'NHS England']
"""
    )
    tags = taxonomy.tag("The Department of Health and Social Care should issue guidance to hospitals.")
    assert [(t.theme, t.phrase) for t in tags] == [("national", "Department of Health and Social Care")]
    assert taxonomy.tag("The partnership should write to NHS England about the contract.")
    assert not taxonomy.tag("Staff used a leaflet from NHS England.")  # cited, not addressed
    with pytest.raises(TaxonomyError, match="subjects must be a list"):
        parse_taxonomy('[[theme]]\nkey = "x"\nphrases = ["a"]\nsubjects = "b"\n')
    with pytest.raises(TaxonomyError, match="mask: bad regular expression"):
        parse_taxonomy('mask = ["("]\n[[theme]]\nkey = "x"\nphrases = ["a"]\n')


def test_the_readers_rules() -> None:
    """The rules the taxonomy shares with independent readers, each on
    wording of its own."""
    taxonomy = load_taxonomy()

    def themes(text: str, action: str | None = None) -> set[str]:
        return {t.theme for t in taxonomy.tag(text, action)}

    # A force or a service addressed by name does the work: its sector's theme.
    assert "police_response" in themes("The Northfield Police Service should supervise every domestic investigation.")
    assert "perpetrators" in themes("The Regional Probation Service must review its licence recall decisions.")
    # ... but one only named as an example of an audience, or a source of checks, is not a theme.
    assert not {"police_response", "adults_at_risk"} & themes(
        "The ward should pass concerns to other agencies such as the police and adult social care."
    )
    assert not {"police_response", "children_young_people"} & themes(
        "The team should complete enquiries with police and children's services before each visit."
    )
    # Bulletins, briefings and raising staff awareness are training; the public knowing how to help is not.
    assert "training" in themes("Publish a safeguarding bulletin on the new referral route.")
    assert "training" in themes("Raise awareness of honour-based abuse.", "Northfield Police")
    assert "training" not in themes("Friends and neighbours should know how to help, through a campaign.")
    assert "training" not in themes("Raise awareness of coercive control through a national campaign.")
    assert "training" in themes("Send an all-staff email on the revised escalation route.")
    assert "training" in themes("Issue a reminder to all officers about the stalking questions.")
    # Case information sent on to an agency is information sharing.
    assert "information_sharing" in themes("Forward the conference minutes to each family's GP.")
    # A MARAC referral is multi-agency risk assessment, not information sharing.
    got = themes("Practitioners should refer to MARAC on professional judgement.")
    assert {"risk_assessment", "multi_agency"} <= got and "information_sharing" not in got
    # An inflected word written whole matches the word itself.
    assert "training" in themes("Improve awareness of the revised escalation route.")
