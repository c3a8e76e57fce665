"""Crawl one source: pages → links → PDF URLs, and fetch the PDFs.

Pages are followed breadth-first from the start URLs, to ``max_depth``, on
the source's hosts only, through its include/exclude patterns. A link is a
PDF candidate when its path ends in .pdf, when an earlier run found a PDF
there, or when a page turns out to be one (servers that hand out PDFs from
``/download?id=3``). Bytes decide, never the name: a .pdf URL that answers
with HTML is reported, not imported.

PDFs are fetched with the validators of the last run (ETag,
Last-Modified); an unchanged file costs a 304 and no body.
"""

from __future__ import annotations

import contextlib
import email.message
import hashlib
import os
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from .config import Source
from .http import Fetched, FetchError, NotAllowed, PoliteClient, Validators


@dataclass(frozen=True)
class Known:
    """What the last run learned about a PDF URL."""

    validators: Validators
    sha256: str | None


@dataclass
class PdfResult:
    url: str
    outcome: str  # "downloaded", "not modified", "failed", "gone", "not a pdf", "skipped", "listed"
    reason: str | None = None
    sha256: str | None = None
    blob: Path | None = None
    file_name: str | None = None
    validators: Validators | None = None


@dataclass
class CrawlResult:
    source: Source
    pages: int = 0
    start_ok: bool = False
    pdfs: list[PdfResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    skipped_links: int = 0  # links to hosts the source does not allow
    offsite_pdfs: list[str] = field(default_factory=list)  # PDF links among them


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "base" and a.get("href"):
            self.base = a["href"]
        elif tag in ("a", "area", "link") and a.get("href"):
            self.links.append(a["href"] or "")
        elif tag in ("iframe", "embed", "frame") and a.get("src"):
            self.links.append(a["src"] or "")
        elif tag == "object" and a.get("data"):
            self.links.append(a["data"] or "")


def page_links(html: bytes, page_url: str) -> list[str]:
    """Absolute http(s) links of a page, fragments dropped, in order, once each."""
    parser = _Links()
    with contextlib.suppress(Exception):  # malformed markup: keep what was read
        parser.feed(html.decode("utf-8", errors="replace"))
    base = urljoin(page_url, parser.base) if parser.base else page_url
    out: dict[str, None] = {}
    for href in parser.links:
        href = href.strip()
        if not href or href.startswith(("mailto:", "tel:", "javascript:", "#")):
            continue
        url = urldefrag(urljoin(base, href)).url
        if urlsplit(url).scheme in ("http", "https"):
            out[url] = None
    return list(out)


def is_pdf(body: bytes | None) -> bool:
    return bool(body) and b"%PDF-" in body[:1024]  # type: ignore[index]


def looks_like_pdf_url(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(".pdf")


def file_name_for(fetched: Fetched) -> str:
    """The PDF's file name: Content-Disposition, else the URL's last path
    segment, else host and hash. Never a path."""
    disposition = fetched.headers.get("Content-Disposition")
    name = None
    if disposition:
        msg = email.message.Message()
        msg["Content-Disposition"] = disposition
        name = msg.get_filename()
    if not name:
        segment = unquote(PurePosixPath(urlsplit(fetched.url).path).name)
        name = segment or None
    if not name:
        digest = hashlib.sha256(fetched.body or b"").hexdigest()[:12]
        name = f"{urlsplit(fetched.url).hostname or 'download'}-{digest}.pdf"
    name = re.sub(r"[\x00-\x1f\x7f/\\\\]+", "_", name).strip(" .") or "download.pdf"
    if not name.lower().endswith(".pdf"):
        name += ".pdf"
    return name


class BlobStore:
    """PDFs kept by SHA-256 (``ab/abcdef….pdf``), so a run can be replayed."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / f"{sha256}.pdf"

    def put(self, body: bytes) -> tuple[str, Path]:
        sha = hashlib.sha256(body).hexdigest()
        target = self.path(sha)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
            with os.fdopen(fd, "wb") as fh:
                fh.write(body)
            os.replace(tmp, target)
        return sha, target


def crawl_source(
    client: PoliteClient, source: Source, known: Mapping[str, Known], blobs: BlobStore, fetch_pdfs: bool = True
) -> CrawlResult:
    """Walk a source's pages and fetch its PDFs (unless ``fetch_pdfs`` is
    false: a dry run lists them without downloading)."""
    result = CrawlResult(source)
    queue: list[tuple[str, int]] = [(u, 0) for u in source.start]
    seen: set[str] = set()
    pdf_urls: dict[str, None] = {}
    served: dict[str, PdfResult] = {}  # PDFs that came back from page URLs
    start_urls = set(source.start)
    while queue and result.pages < source.max_pages:
        url, depth = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        if looks_like_pdf_url(url) or url in known:
            pdf_urls[url] = None
            continue
        try:
            page = client.get(url, source)
        except FetchError as exc:
            result.problems.append(f"page {url}: {exc}")
            continue
        result.pages += 1
        if url in start_urls:
            result.start_ok = True
        if is_pdf(page.body):
            pdf_urls[url] = None
            served[url] = _downloaded(url, page, blobs) if fetch_pdfs else PdfResult(url, "listed")
            continue
        for link in page_links(page.body or b"", page.url):
            if not source.allows_host(urlsplit(link).netloc):
                result.skipped_links += 1
                if looks_like_pdf_url(link) and link not in result.offsite_pdfs:
                    result.offsite_pdfs.append(link)
                continue
            if looks_like_pdf_url(link) or link in known:
                pdf_urls[link] = None
            elif depth < source.max_depth and source.follows(link) and link not in seen:
                queue.append((link, depth + 1))
    for url in pdf_urls:
        if url in served:
            result.pdfs.append(served[url])
        elif not fetch_pdfs:
            result.pdfs.append(PdfResult(url, "listed"))
        else:
            result.pdfs.append(_fetch_pdf(client, source, url, known.get(url), blobs))
    return result


def _fetch_pdf(client: PoliteClient, source: Source, url: str, known: Known | None, blobs: BlobStore) -> PdfResult:
    try:
        fetched = client.get(url, source, known.validators if known else None)
    except NotAllowed as exc:
        return PdfResult(url, "skipped", str(exc))
    except FetchError as exc:
        return PdfResult(url, "gone" if exc.gone else "failed", str(exc))
    if fetched.not_modified:
        return PdfResult(url, "not modified", sha256=known.sha256 if known else None, validators=fetched.validators)
    if not is_pdf(fetched.body):
        kind = "an HTML page" if b"<" in (fetched.body or b"")[:512] else "something else"
        return PdfResult(url, "not a pdf", f"not a PDF: the server sent {kind}")
    return _downloaded(url, fetched, blobs)


def _downloaded(url: str, fetched: Fetched, blobs: BlobStore) -> PdfResult:
    """``url`` is the link followed; ``fetched.url`` where redirects ended."""
    sha, path = blobs.put(fetched.body or b"")
    return PdfResult(
        url,
        "downloaded",
        sha256=sha,
        blob=path,
        file_name=file_name_for(fetched),
        validators=fetched.validators,
    )
