"""The nightly scrape against fake CSP sites on 127.0.0.1."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from fake_sites import Document, Site, sample, serve, start_server, stop, write_config
from werkzeug import Request, Response

from dhr_actions.cli import main
from dhr_actions.scrape.config import ConfigError, load_config
from dhr_actions.scrape.crawl import page_links
from dhr_actions.scrape.runner import run_scrape
from dhr_actions.store.repository import Store
from dhr_actions.store.scrape_state import ScrapeState

MB = 1_000_000


class Flaky:
    """Fails ``times`` times with ``status`` (and headers), then serves."""

    def __init__(self, site: Site, path: str, status: int, times: int = 1, headers: dict[str, str] | None = None):
        self.site, self.path, self.status, self.left, self.headers = site, path, status, times, headers or {}
        self.attempts: list[float] = []

    def __call__(self, request: Request) -> Response:
        self.attempts.append(time.monotonic())
        if self.left > 0:
            self.left -= 1
            self.site.calls.append((self.path, self.status))
            return Response("busy", status=self.status, headers=self.headers)
        return self.site.handle(request)


def slow(site: Site, seconds: float):  # type: ignore[no-untyped-def]
    def handler(request: Request) -> Response:
        time.sleep(seconds)
        return site.handle(request)

    return handler


@pytest.fixture
def sites() -> Iterator[tuple[Site, Site, Site]]:
    alpha, beta, outside = Site(start_server()), Site(start_server()), Site(start_server())
    yield alpha, beta, outside
    stop([alpha.server, beta.server, outside.server])


@pytest.fixture
def one_plan(sites: tuple[Site, Site, Site]) -> tuple[Site, Site]:
    """Beta serves one page linking one plan; alpha is there but idle."""
    alpha, beta, _outside = sites
    beta.page("/reviews", ["/files/b-plan.pdf"])
    beta.files["/files/b-plan.pdf"] = Document(sample("westvale-dhr"))
    serve(beta)
    return alpha, beta


def build_sites(alpha: Site, beta: Site, outside: Site) -> dict[str, object]:
    alpha.files["/robots.txt"] = Document(b"User-agent: *\nDisallow: /private/\n", "text/plain")
    alpha.page(
        "/dhr/",
        [
            "review-1.html",  # a nested review page (relative link)
            "/dhr/plan-a.pdf",
            "/private/secret.pdf",  # robots.txt says no
            outside.url("/elsewhere.pdf"),  # another host: never followed
            "/old/plan-moved.pdf",  # redirects
            "/dhr/flaky.pdf",  # 500 once, then fine
            "/dhr/busy.pdf",  # 429 with Retry-After, then fine
            "/dhr/slow.pdf",  # slower than the timeout
            "/dhr/huge.pdf",  # over max_bytes
            "/dhr/not-really.pdf",  # an HTML page behind a .pdf URL
            "/download?id=7",  # a PDF with no .pdf in its URL
            "mailto:dhr@example.org",
        ],
    )
    alpha.page("/dhr/review-1.html", ["/dhr/plan-nested.pdf", "#top"])
    alpha.files["/dhr/plan-a.pdf"] = Document(sample("northmoor"))
    alpha.files["/dhr/plan-nested.pdf"] = Document(sample("kingsford"))
    alpha.files["/private/secret.pdf"] = Document(sample("riverside"))
    alpha.files["/dhr/plan-moved-target.pdf"] = Document(sample("eastbridge"))
    alpha.files["/dhr/flaky.pdf"] = Document(sample("westvale-dhr"))
    alpha.files["/dhr/busy.pdf"] = Document(sample("riverside"))
    alpha.files["/dhr/slow.pdf"] = Document(sample("riverside"))
    alpha.files["/dhr/huge.pdf"] = Document(b"%PDF-1.4\n" + b"0" * (2 * MB) + b"\n%%EOF\n")
    alpha.files["/dhr/not-really.pdf"] = Document(b"<html><body>Moved to our new site</body></html>", "text/html")
    alpha.files["/download?id=7"] = Document(
        sample("southdown"), headers={"Content-Disposition": 'attachment; filename="southdown-plan.pdf"'}
    )
    outside.files["/elsewhere.pdf"] = Document(sample("northmoor"))
    beta.page("/reviews", ["/files/b-plan.pdf", "/files/strategy.pdf"])
    beta.files["/files/b-plan.pdf"] = Document(sample("westvale-dhr"))
    beta.files["/files/strategy.pdf"] = Document(sample("westvale-da"))

    def redirect(request: Request) -> Response:
        alpha.calls.append(("/old/plan-moved.pdf", 301))
        return Response(status=301, headers={"Location": "/dhr/plan-moved-target.pdf"})

    specials = {
        "/old/plan-moved.pdf": redirect,
        "/dhr/flaky.pdf": Flaky(alpha, "/dhr/flaky.pdf", 500),
        "/dhr/busy.pdf": Flaky(alpha, "/dhr/busy.pdf", 429, headers={"Retry-After": "1"}),
        "/dhr/slow.pdf": slow(alpha, 1.5),
    }
    serve(alpha, specials)
    serve(beta)
    serve(outside)
    return specials


def config_text(alpha: Site, beta: Site, downloads: Path) -> str:
    return f"""
[scrape]
user_agent = "dhr-actions-test/1.0 (+mailto:test@example.org)"
delay = 0.05
timeout = 0.5
retries = 1
max_bytes = {MB}
downloads = "{downloads}"

[[source]]
name = "alpha"
partnership = "Alpha"
start = ["{alpha.url("/dhr/")}"]
max_depth = 2
include = ["(?i)dhr|download"]

[[source]]
name = "beta"
partnership = "Beta"
start = "{beta.url("/reviews")}"
"""


def test_first_and_second_run(sites: tuple[Site, Site, Site], tmp_path: Path) -> None:
    alpha, beta, outside = sites
    specials = build_sites(alpha, beta, outside)
    config = load_config(write_config(tmp_path / "scrape.toml", config_text(alpha, beta, tmp_path / "dl")))
    lines: list[str] = []
    with Store(str(tmp_path / "s.sqlite")) as store:
        first = run_scrape(config, store, echo=lines.append)
        by_name = {r.name: r for r in first.sources}
        a, b = by_name["alpha"], by_name["beta"]
        # plan-a, nested, moved, flaky, busy, download?id=7
        assert (a.new, a.changed, a.unchanged) == (6, 0, 0)
        assert a.failed == 2  # slow and huge
        assert a.skipped == 2  # robots.txt and the HTML behind .pdf
        assert (b.new, b.failed) == (2, 0)
        assert first.failed == 2
        text = "\n".join(lines)
        assert "robots.txt of 127.0.0.1" in text and "disallows /private/secret.pdf" in text
        assert "timed out after 2 tries" in text
        assert "larger than the 1.0 MB limit" in text
        assert "not a PDF or Office document: the server sent an HTML page" in text
        assert outside.calls == []  # the other host was never contacted
        assert a.offsite == 1 and "1 document links on other hosts not fetched" in a.summary()
        assert f"not fetched: {outside.url('/elsewhere.pdf')}: its host is not in this source's hosts" in text
        assert alpha.status_of("/private/secret.pdf") == []
        assert specials["/dhr/flaky.pdf"].left == 0 and alpha.status_of("/dhr/flaky.pdf") == [500, 200]  # type: ignore[attr-defined]
        busy = specials["/dhr/busy.pdf"].attempts  # type: ignore[attr-defined]
        assert len(busy) == 2 and busy[1] - busy[0] >= 0.95  # Retry-After: 1 honoured
        docs = {d.file_name: d for d in store.documents()}
        assert docs["southdown-plan.pdf"].record_count == 5  # named by Content-Disposition
        assert docs["plan-moved-target.pdf"].source_url == alpha.url("/old/plan-moved.pdf")
        assert docs["strategy.pdf"].outcome == "no plan found"
        assert docs["plan-a.pdf"].partnership.name == "Alpha"  # type: ignore[union-attr]
        blobs = list((tmp_path / "dl").rglob("*.pdf"))
        assert len(blobs) == 7  # content-addressed: the same bytes are kept once
        (run,) = ScrapeState(store).runs()
        assert run.status == "failed" and run.counts["alpha"]["new"] == 6  # type: ignore[index]

        # Overnight: plan-a is revised; the nested review page drops its plan,
        # which the server no longer has either.
        alpha.files["/dhr/plan-a.pdf"] = Document(sample("riverside"))
        alpha.page("/dhr/review-1.html", [])
        del alpha.files["/dhr/plan-nested.pdf"]
        del alpha.files["/dhr/slow.pdf"], alpha.files["/dhr/huge.pdf"]
        alpha.calls.clear()
        beta.calls.clear()
        lines.clear()
        second = run_scrape(config, store, only=["alpha", "beta"], echo=lines.append)
        a2 = {r.name: r for r in second.sources}["alpha"]
        b2 = {r.name: r for r in second.sources}["beta"]
        assert (a2.new, a2.changed, a2.withdrawn) == (0, 1, 1)
        assert (b2.new, b2.changed, b2.unchanged, b2.records) == (0, 0, 2, 0)
        # No body is downloaded again but the revised one: 304s only.
        assert alpha.bodies_sent() == ["/dhr/plan-a.pdf"]
        assert beta.bodies_sent() == []
        assert alpha.status_of("/dhr/flaky.pdf") == [304] and beta.status_of("/files/b-plan.pdf") == [304]
        versions = [(d.version, d.is_current) for d in store.documents() if d.file_name == "plan-a.pdf"]
        assert versions == [(1, False), (2, True)]
        nested = next(d for d in store.documents() if d.file_name == "plan-nested.pdf")
        assert nested.withdrawn_at is not None and nested.record_count == 5  # kept, never deleted

        # Third run, nothing changed at all: nothing downloaded, nothing imported.
        alpha.calls.clear()
        beta.calls.clear()
        third = run_scrape(config, store, echo=lines.append)
        assert alpha.bodies_sent() == [] and beta.bodies_sent() == []
        assert sum(r.records for r in third.sources) == 0
        assert sum(r.new + r.changed for r in third.sources) == 0


def test_site_down_withdraws_nothing(one_plan: tuple[Site, Site], tmp_path: Path) -> None:
    alpha, beta = one_plan
    config = load_config(write_config(tmp_path / "s.toml", config_text(alpha, beta, tmp_path / "dl")))
    with Store(str(tmp_path / "s.sqlite")) as store:
        run_scrape(config, store, only=["beta"], echo=lambda _line: None)
        del beta.pages["/reviews"]  # the index page is gone (404)
        report = run_scrape(config, store, only=["beta"], echo=lambda _line: None)
        (b,) = report.sources
        assert b.failed == 1 and b.withdrawn == 0
        assert all(d.withdrawn_at is None for d in store.documents())


def test_politeness_delay_between_requests_to_one_host(sites: tuple[Site, Site, Site], tmp_path: Path) -> None:
    alpha, beta, _outside = sites
    beta.page("/reviews", ["/files/1.pdf", "/files/2.pdf", "/files/3.pdf"])
    for n in (1, 2, 3):
        beta.files[f"/files/{n}.pdf"] = Document(sample("westvale-da"))
    serve(beta)
    text = config_text(alpha, beta, tmp_path / "dl").replace("delay = 0.05", "delay = 0.3")
    config = load_config(write_config(tmp_path / "s.toml", text))
    with Store(str(tmp_path / "s.sqlite")) as store:
        run_scrape(config, store, only=["beta"], echo=lambda _line: None)
    gaps = [b - a for a, b in zip(beta.arrivals, beta.arrivals[1:], strict=False)]
    assert len(beta.arrivals) == 5  # robots.txt, the page, three PDFs
    assert min(gaps) >= 0.28


def test_dry_run_downloads_and_records_nothing(one_plan: tuple[Site, Site], tmp_path: Path) -> None:
    alpha, beta = one_plan
    config = load_config(write_config(tmp_path / "s.toml", config_text(alpha, beta, tmp_path / "dl")))
    with Store(str(tmp_path / "s.sqlite")) as store:
        lines: list[str] = []
        report = run_scrape(config, store, only=["beta"], dry_run=True, echo=lines.append)
        assert report.run_id is None and report.sources[0].new == 1
        assert any(line.strip() == f"new: {beta.url('/files/b-plan.pdf')}" for line in lines)
        assert beta.bodies_sent() == []
        assert store.documents() == [] and ScrapeState(store).runs() == []


def test_offline_replay_into_a_fresh_database(one_plan: tuple[Site, Site], tmp_path: Path) -> None:
    alpha, beta = one_plan
    config = load_config(write_config(tmp_path / "s.toml", config_text(alpha, beta, tmp_path / "dl")))
    with Store(str(tmp_path / "s.sqlite")) as store:
        run_scrape(config, store, only=["beta"], echo=lambda _line: None)
    stop([beta.server])  # the network is gone
    # Same scrape state, documents dropped: replay imports from local copies.
    with Store(str(tmp_path / "s.sqlite")) as store, store.session() as s, s.begin():
        from dhr_actions.store.models import Document as Doc

        for doc in s.query(Doc).all():
            s.delete(doc)
    with Store(str(tmp_path / "s.sqlite")) as store:
        report = run_scrape(config, store, only=["beta"], offline=True, echo=lambda _line: None)
        assert report.sources[0].new == 1 and report.sources[0].records == 7


def test_cli_scrape_and_runs(one_plan: tuple[Site, Site], tmp_path: Path) -> None:
    alpha, beta = one_plan
    cfg = write_config(tmp_path / "s.toml", config_text(alpha, beta, tmp_path / "dl"))
    db = str(tmp_path / "c.sqlite")
    result = CliRunner().invoke(main, ["scrape", "--config", str(cfg), "--source", "beta", "--db", db])
    assert result.exit_code == 0, result.output
    assert (
        "beta: 1 pages; documents 1 new, 0 changed, 0 unchanged, 0 failed, 0 withdrawn, 0 skipped; 7 records imported"
        in result.output
    )
    assert result.output.splitlines()[-1].startswith("run 1: 1 sources in ")
    runs = CliRunner().invoke(main, ["runs", "--db", db])
    assert runs.exit_code == 0 and " ok " in runs.output
    bad = CliRunner().invoke(main, ["scrape", "--config", str(cfg), "--source", "nope", "--db", db])
    assert bad.exit_code == 1 and "no source named 'nope'" in bad.output


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[source]]\nname = 'x'\n", "start must be a URL or a list of URLs"),
        ("[[source]]\nname = 'x'\nstart = 'ftp://a/b'\n", "is not an http(s) URL"),
        ("[[source]]\nname = 'x'\nstart = 'http://a/'\ninclude = ['(']\n", "bad regular expression"),
        ("[scrape]\ndelay = -1\n[[source]]\nname = 'x'\nstart = 'http://a/'\n", "scrape.delay = -1 is outside"),
        ("[scrape]\ncolour = 'red'\n[[source]]\nname = 'x'\nstart = 'http://a/'\n", "unknown key(s) colour"),
        ("[scrape]\n", "at least one [[source]] is needed"),
        ("[[source]]\nname = 'x'\nstart = 'http://a/'\n[[source]]\nname = 'x'\nstart = 'http://b/'\n", "is used twice"),
        ("this is = = not toml", "not valid TOML"),
    ],
)
def test_config_errors_are_one_clear_line(tmp_path: Path, text: str, message: str) -> None:
    path = write_config(tmp_path / "bad.toml", text)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert message in str(err.value) and str(path) in str(err.value) and "\n" not in str(err.value)


def test_example_config_is_valid() -> None:
    config = load_config(Path(__file__).resolve().parent.parent / "examples" / "scrape.toml")
    assert {s.name for s in config.sources} >= {"cheltenham", "south-worcestershire", "home-office"}
    assert all(s.example for s in config.sources)


def test_page_links() -> None:
    html = b'<base href="/a/"><a href="x.pdf">x</a><a href="#f">f</a><a href="mailto:z">m</a><iframe src="/v.pdf"></iframe><a href="x.pdf#p2">again</a>'
    assert page_links(html, "http://h/start") == ["http://h/a/x.pdf", "http://h/v.pdf"]


@pytest.mark.parametrize(
    ("url", "disposition", "expected"),
    [
        ("https://csp.example/files/plan.pdf", 'attachment; filename="../../etc/passwd.pdf"', "_.._etc_passwd.pdf"),
        (
            "https://csp.example/files/plan.pdf",
            'attachment; filename="reports\\\\2021\\\\plan.pdf"',
            "reports_2021_plan.pdf",
        ),
        ("https://csp.example/files/plan.pdf", "attachment; filename*=UTF-8''a%2Fb%0Ac.pdf", "a_b_c.pdf"),
        ("https://csp.example/files/dhr%2F7%0A.pdf", None, "dhr_7_.pdf"),
        ("https://csp.example/download?id=7", None, "download.pdf"),
        ("https://csp.example/", None, None),
    ],
)
def test_downloaded_file_names_are_never_paths(url: str, disposition: str | None, expected: str | None) -> None:
    from dhr_actions.scrape.crawl import file_name_for
    from dhr_actions.scrape.http import Fetched

    headers = {"Content-Disposition": disposition} if disposition else {}
    name = file_name_for(Fetched(url, 200, headers, b"%PDF-1.4"))
    assert "/" not in name and "\\" not in name and "\n" not in name and not name.startswith(".")
    if expected:
        assert name == expected
    else:
        assert name.startswith("csp.example-") and name.endswith(".pdf")


def test_hostile_downloads_fail_alone_and_the_run_is_recorded(tmp_path: Path) -> None:
    """A site serving a decompression bomb and a 5,000-page PDF beside a good
    plan: the real `dhr scrape` process imports the plan, fails the two in
    one line each, exits 1 and records the run, in well under two minutes."""
    import subprocess
    import sys

    from badfiles import make_decompression_bomb, make_many_pages

    site = Site(start_server())
    try:
        site.page("/dhr/", ["/dhr/plan.pdf", "/dhr/bomb.pdf", "/dhr/huge.pdf"])
        site.files["/dhr/plan.pdf"] = Document(sample("northmoor"))
        site.files["/dhr/bomb.pdf"] = Document(make_decompression_bomb(tmp_path / "bomb.pdf", 1500).read_bytes())
        site.files["/dhr/huge.pdf"] = Document(make_many_pages(tmp_path / "huge.pdf", 5000).read_bytes())
        serve(site)
        cfg = write_config(
            tmp_path / "s.toml",
            f'[scrape]\ndelay = 0.0\ndownloads = "{tmp_path / "dl"}"\n\n'
            f'[[source]]\nname = "hostile"\nstart = "{site.url("/dhr/")}"\n',
        )
        db = str(tmp_path / "h.sqlite")
        started = time.monotonic()
        run = subprocess.run(
            [sys.executable, "-m", "dhr_actions.cli", "scrape", "--config", str(cfg), "--db", db],
            capture_output=True,
            text=True,
            timeout=120,
        )
        seconds = time.monotonic() - started
    finally:
        stop([site.server])
    assert run.returncode == 1, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert any(ln.strip().startswith("imported: plan.pdf (11 records)") for ln in lines), run.stdout
    (bomb,) = [ln for ln in lines if "bomb.pdf" in ln]
    assert bomb.strip().startswith(f"failed: {site.url('/dhr/bomb.pdf')}: decompression bomb")
    (huge,) = [ln for ln in lines if "huge.pdf" in ln]
    assert (
        huge.strip()
        == f"failed: {site.url('/dhr/huge.pdf')}: too many pages: 5000 (the limit is 2000; see --max-pages)"
    )
    assert "1 new, 0 changed, 0 unchanged, 2 failed" in lines[-1]
    with Store(db) as store:
        (last,) = ScrapeState(store).runs(1)
        assert last.status == "failed" and last.counts["hostile"]["failed"] == 2
        assert [d.file_name for d in store.documents() if d.outcome == "imported"] == ["plan.pdf"]
    assert seconds < 120


def test_scrape_limits_come_from_the_config(one_plan: tuple[Site, Site], tmp_path: Path) -> None:
    """The worker limits are the config's: with a 1-page limit a 2-page plan is refused."""
    alpha, beta = one_plan
    beta.files["/files/b-plan.pdf"] = Document(sample("northmoor"))
    text = config_text(alpha, beta, tmp_path / "dl").replace(
        "[scrape]\n", "[scrape]\ntime_limit = 30\nmax_memory = 2048\nmax_document_pages = 1\n"
    )
    config = load_config(write_config(tmp_path / "s.toml", text))
    assert (config.limits.seconds, config.limits.memory_mb, config.limits.max_pages) == (30, 2048, 1)
    lines: list[str] = []
    with Store(str(tmp_path / "l.sqlite")) as store:
        report = run_scrape(config, store, only=["beta"], echo=lines.append)
    assert report.failed == 1
    assert any(ln.endswith("b-plan.pdf: too many pages: 2 (the limit is 1; see --max-pages)") for ln in lines), lines


def test_office_documents_and_cms_links_at_the_last_depth(sites: tuple[Site, Site, Site], tmp_path: Path) -> None:
    """A council-like site: the DHR page links per-year pages (the last
    allowed depth), which link the plans as Word and Excel files, one at a
    CMS-style URL with no extension and one at a .pdf URL that is really a
    Word file. Each is known by its bytes; the dry run says which links
    robots.txt rules out instead of listing them as new."""
    site, _beta, _outside = sites
    docx = SAMPLES / "harbourside-dhr-mr-e.docx"
    xlsx = SAMPLES / "fenwick-dhr-2019-02.xlsx"
    site.files["/robots.txt"] = Document(b"User-agent: *\nDisallow: /members/\n", "text/plain")
    site.page("/dhr", ["/dhr/2019", "/dhr/2020"])
    site.page(
        "/dhr/2019", ["/downloads/file/77/dhr-2019-plan", "/dhr/about.html", "/dhr/contact", "/members/dhr-draft.docx"]
    )
    site.page("/dhr/2020", ["/dhr/files/tracker.xlsx", "/dhr/files/plan-2020.pdf"])
    site.page("/dhr/contact", ["/dhr/deeper-plan.pdf"])  # past the last depth: never followed
    site.page("/dhr/about.html", [])
    site.files["/downloads/file/77/dhr-2019-plan"] = Document(
        docx.read_bytes(), "application/octet-stream", {"Content-Disposition": 'attachment; filename="dhr-2019-plan"'}
    )
    site.files["/dhr/files/tracker.xlsx"] = Document(xlsx.read_bytes(), "application/vnd.ms-excel")
    site.files["/dhr/files/plan-2020.pdf"] = Document(docx.read_bytes(), "application/pdf")
    site.files["/members/dhr-draft.docx"] = Document(docx.read_bytes())
    site.files["/dhr/deeper-plan.pdf"] = Document(sample("northmoor"))
    serve(site)
    config = load_config(
        write_config(
            tmp_path / "s.toml",
            f"""
[scrape]
user_agent = "dhr-actions-test/1.0"
delay = 0
downloads = "{tmp_path / "dl"}"

[[source]]
name = "council"
start = "{site.url("/dhr")}"
max_depth = 1
include = ["(?i)dhr"]
""",
        )
    )
    with Store(str(tmp_path / "s.sqlite")) as store:
        lines: list[str] = []
        dry = run_scrape(config, store, dry_run=True, echo=lines.append)
        text = "\n".join(lines)
        assert f"would skip: {site.url('/members/dhr-draft.docx')}: robots.txt of {site.host} disallows" in text
        assert f"new: {site.url('/members/dhr-draft.docx')}" not in text
        assert (dry.sources[0].new, dry.sources[0].skipped) == (3, 1)
        assert store.documents() == []

        site.calls.clear()
        lines.clear()
        report = run_scrape(config, store, echo=lines.append).sources[0]
        assert (report.new, report.failed, report.skipped) == (3, 0, 1), "\n".join(lines)
        docs = {d.file_name: d for d in store.documents()}
        assert set(docs) == {"dhr-2019-plan.docx", "tracker.xlsx", "plan-2020.docx"}
        assert docs["dhr-2019-plan.docx"].record_count == 8 and docs["tracker.xlsx"].record_count == 4
        assert docs["dhr-2019-plan.docx"].source_url == site.url("/downloads/file/77/dhr-2019-plan")
        asked = {path for path, _status in site.calls}
        assert "/dhr/about.html" not in asked  # a page past the last depth is not requested
        assert "/dhr/contact" in asked and "/dhr/deeper-plan.pdf" not in asked  # probed, its links not followed
        assert "/members/dhr-draft.docx" not in asked
        assert {p.suffix for p in (tmp_path / "dl").rglob("*") if p.is_file()} == {".docx", ".xlsx"}

        # Next night the CMS link is known to be a document: one conditional GET, no body.
        site.calls.clear()
        again = run_scrape(config, store, echo=lambda _line: None).sources[0]
        assert (again.new, again.changed, again.unchanged) == (0, 0, 3)
        assert site.status_of("/downloads/file/77/dhr-2019-plan") == [304]
