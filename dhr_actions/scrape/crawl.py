"""Crawl one source: pages → links → document URLs, and fetch the documents.

Pages are followed breadth-first from the start URLs, to ``max_depth``, on
the source's hosts only, through its include/exclude patterns. A link is a
document candidate when its path ends in .pdf or an Office ending (.docx,
.xlsx, .odt, …), when an earlier run found a document there, or when a
page turns out to be one (servers that hand out files from
``/download?id=3`` or ``/downloads/file/77/dhr-2019-plan``). Links found on
a page at the last allowed depth are still requested, when their path does
not say they are HTML pages, to learn what they are; an HTML answer there
is not read for links. Bytes decide, never the name: a .pdf URL that
answers with HTML is reported, not imported, and a Word file at a .pdf URL
is a Word file.

Documents are fetched with the validators of the last run (ETag,
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

from ..office.formats import DOCUMENT_SUFFIXES, Format, detect_bytes
from .config import Source
from .http import Fetched, FetchError, NotAllowed, PoliteClient, Validators

# Path endings that name an HTML page: never requested just to learn what
# they are.
PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml", ".asp", ".aspx", ".php", ".jsp", ".cfm")
# A download whose bytes name no single format (an encrypted Office package).
UNKNOWN_SUFFIX = ".bin"


@dataclass(frozen=True)
class Known:
    """What the last run learned about a document URL."""

    validators: Validators
    sha256: str | None


@dataclass
class DocumentResult:
    url: str
    outcome: str  # "downloaded", "not modified", "failed", "gone", "not a document", "skipped", "listed"
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
    documents: list[DocumentResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    skipped_links: int = 0  # links to hosts the source does not allow
    offsite_documents: list[str] = field(default_factory=list)  # document links among them


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


def document_format(body: bytes | None) -> Format | None:
    """The format of a downloaded body when it is a document the importer
    reads (PDF, Word, Excel, OpenDocument, RTF), else None."""
    if not body:
        return None
    fmt = detect_bytes(body)
    return fmt if fmt.is_document else None


def looks_like_document_url(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(DOCUMENT_SUFFIXES)


def may_be_document(url: str) -> bool:
    """Whether a link's path leaves open that it serves a document (no
    ending, or one that names no HTML page)."""
    parts = urlsplit(url)
    return bool(parts.query) or not parts.path.lower().endswith((*PAGE_SUFFIXES, "/"))


def file_name_for(fetched: Fetched, fmt: Format = Format.PDF) -> str:
    """The document's file name: Content-Disposition, else the URL's last
    path segment, else host and hash; ending as its bytes say it is (a
    Word file served as "plan.pdf" is "plan.docx"). Never a path."""
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
        name = f"{urlsplit(fetched.url).hostname or 'download'}-{digest}"
    name = re.sub(r"[\x00-\x1f\x7f/\\\\]+", "_", name).strip(" .") or "download"
    suffix = fmt.suffix
    if not suffix or name.lower().endswith(suffix):
        return name
    stem, dot, ending = name.rpartition(".")
    if dot and f".{ending.lower()}" in DOCUMENT_SUFFIXES:
        name = stem
    return name + suffix


class BlobStore:
    """Downloaded documents kept by SHA-256 (``ab/abcdef….pdf``, ``….docx``),
    so a run can be replayed."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        """Where the copy with this hash is (a PDF's path when there is none)."""
        folder = self.root / sha256[:2]
        for suffix in (*DOCUMENT_SUFFIXES, UNKNOWN_SUFFIX):
            if (folder / f"{sha256}{suffix}").exists():
                return folder / f"{sha256}{suffix}"
        return folder / f"{sha256}.pdf"

    def put(self, body: bytes, suffix: str = ".pdf") -> tuple[str, Path]:
        sha = hashlib.sha256(body).hexdigest()
        target = self.root / sha[:2] / f"{sha}{suffix or UNKNOWN_SUFFIX}"
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".part")
            with os.fdopen(fd, "wb") as fh:
                fh.write(body)
            os.replace(tmp, target)
        return sha, target


def crawl_source(
    client: PoliteClient, source: Source, known: Mapping[str, Known], blobs: BlobStore, fetch: bool = True
) -> CrawlResult:
    """Walk a source's pages and fetch its documents (unless ``fetch`` is
    false: a dry run lists them without downloading, and says which it
    would skip)."""
    result = CrawlResult(source)
    # (url, depth); a link past max_depth is only requested to learn what it is.
    queue: list[tuple[str, int]] = [(u, 0) for u in source.start]
    seen: set[str] = set()
    document_urls: dict[str, None] = {}
    served: dict[str, DocumentResult] = {}  # documents that came back from page URLs
    start_urls = set(source.start)
    while queue and result.pages < source.max_pages:
        url, depth = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        if looks_like_document_url(url) or url in known:
            document_urls[url] = None
            continue
        try:
            page = client.get(url, source)
        except FetchError as exc:
            result.problems.append(f"page {url}: {exc}")
            continue
        result.pages += 1
        if url in start_urls:
            result.start_ok = True
        fmt = document_format(page.body)
        if fmt is not None:
            document_urls[url] = None
            served[url] = _downloaded(url, page, fmt, blobs) if fetch else DocumentResult(url, "listed")
            continue
        if depth > source.max_depth:
            continue  # a probe past the last depth: its links are not followed
        for link in page_links(page.body or b"", page.url):
            if not source.allows_host(urlsplit(link).netloc):
                result.skipped_links += 1
                if looks_like_document_url(link) and link not in result.offsite_documents:
                    result.offsite_documents.append(link)
                continue
            if looks_like_document_url(link) or link in known:
                document_urls[link] = None
            elif link in seen or not source.follows(link):
                continue
            elif depth < source.max_depth or may_be_document(link):
                queue.append((link, depth + 1))
    for url in document_urls:
        if url in served:
            result.documents.append(served[url])
        elif not fetch:
            result.documents.append(_listed(client, source, url))
        else:
            result.documents.append(_fetch_document(client, source, url, known.get(url), blobs))
    return result


def _listed(client: PoliteClient, source: Source, url: str) -> DocumentResult:
    """A dry run's entry: listed, or skipped with the reason a real run would give."""
    try:
        client.check_allowed(url, source)
    except NotAllowed as exc:
        return DocumentResult(url, "skipped", str(exc))
    return DocumentResult(url, "listed")


def _fetch_document(
    client: PoliteClient, source: Source, url: str, known: Known | None, blobs: BlobStore
) -> DocumentResult:
    try:
        fetched = client.get(url, source, known.validators if known else None)
    except NotAllowed as exc:
        return DocumentResult(url, "skipped", str(exc))
    except FetchError as exc:
        return DocumentResult(url, "gone" if exc.gone else "failed", str(exc))
    if fetched.not_modified:
        return DocumentResult(
            url, "not modified", sha256=known.sha256 if known else None, validators=fetched.validators
        )
    fmt = document_format(fetched.body)
    if fmt is None:
        body = fetched.body or b""
        kind = (
            "an HTML page" if b"<" in body[:512] else "a zip archive" if body[:4] == b"PK\x03\x04" else "something else"
        )
        return DocumentResult(url, "not a document", f"not a PDF or Office document: the server sent {kind}")
    return _downloaded(url, fetched, fmt, blobs)


def _downloaded(url: str, fetched: Fetched, fmt: Format, blobs: BlobStore) -> DocumentResult:
    """``url`` is the link followed; ``fetched.url`` where redirects ended."""
    sha, path = blobs.put(fetched.body or b"", fmt.suffix)
    return DocumentResult(
        url,
        "downloaded",
        sha256=sha,
        blob=path,
        file_name=file_name_for(fetched, fmt),
        validators=fetched.validators,
    )
