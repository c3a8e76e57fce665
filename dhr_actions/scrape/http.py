"""A polite HTTP client for crawling CSP websites.

* robots.txt is read once per host and obeyed (with its Crawl-delay);
  401/403 on robots.txt means stay out, 404 means no rules, and an
  unreachable robots.txt means the host is skipped this run.
* One request at a time per host, spaced by the source's delay.
* Every request identifies itself (User-Agent) and has a timeout.
* 429 and 5xx answers and dropped connections are retried with exponential
  backoff; a Retry-After header is honoured (up to ``max_retry_after``).
* Bodies are streamed and abandoned past ``max_bytes``.
* Redirects are followed by hand, so that every hop is checked: http(s)
  only, configured hosts only, robots.txt.
* Conditional GET: ETag / Last-Modified validators give 304 Not Modified.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import requests

from .config import ScrapeConfig, Source

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5
BACKOFF_BASE = 0.5
BACKOFF_CAP = 30.0
CHUNK = 64 * 1024


class FetchError(Exception):
    """A URL that could not be fetched; ``str(err)`` is the one-line reason."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.status = status

    @property
    def gone(self) -> bool:
        """The server says the file is not there (404 / 410)."""
        return self.status in (404, 410)


class NotAllowed(FetchError):
    """Refused before any request: another host, another scheme, robots.txt."""


@dataclass(frozen=True)
class Validators:
    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        out = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int
    headers: Mapping[str, str]
    body: bytes | None  # None when not modified

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def validators(self) -> Validators:
        return Validators(self.headers.get("ETag"), self.headers.get("Last-Modified"))


class PoliteClient:
    def __init__(
        self,
        config: ScrapeConfig,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = config.user_agent
        self.sleep = sleep
        self.clock = clock
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | str] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()
        self.requests_made = 0

    def close(self) -> None:
        self.session.close()

    # -- public ------------------------------------------------------------
    def get(self, url: str, source: Source, validators: Validators | None = None) -> Fetched:
        """GET ``url`` for ``source``, following allowed redirects."""
        headers = validators.headers() if validators else {}
        for _hop in range(MAX_REDIRECTS + 1):
            self.check_allowed(url, source)
            status, resp_headers, body = self._request(url, source, headers)
            if status in REDIRECT_STATUSES:
                location = resp_headers.get("Location")
                if not location:
                    raise FetchError(f"HTTP {status} redirect without a Location", status)
                url = urljoin(url, location)
                continue
            return Fetched(url, status, resp_headers, body)
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    # -- rules -------------------------------------------------------------
    def check_allowed(self, url: str, source: Source) -> None:
        """Raise :class:`NotAllowed` when ``url`` may not be requested for
        ``source`` (scheme, host, robots.txt: read once per host)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise NotAllowed(f"not an http(s) URL: {url}")
        if not source.allows_host(parts.netloc):
            raise NotAllowed(f"host {parts.netloc} is not configured for source {source.name!r}")
        robots = self._robots_for(parts.scheme, parts.netloc, source)
        if isinstance(robots, str):
            raise NotAllowed(robots)
        if not robots.can_fetch(self._agent_token(), url):
            raise NotAllowed(f"robots.txt of {parts.netloc} disallows {parts.path or '/'}")

    def _agent_token(self) -> str:
        return self.config.user_agent.split("/")[0].split()[0]

    def _robots_for(self, scheme: str, netloc: str, source: Source) -> RobotFileParser | str:
        with self._guard:
            lock = self._robots_locks.setdefault(netloc, threading.Lock())
        with lock:  # threads crawling one host wait for a single fetch
            cached = self._robots.get(netloc)
            if cached is None:
                cached = self._fetch_robots(scheme, netloc, source)
                self._robots[netloc] = cached
            return cached

    def _fetch_robots(self, scheme: str, netloc: str, source: Source) -> RobotFileParser | str:
        robots_url = f"{scheme}://{netloc}/robots.txt"
        parser = RobotFileParser(robots_url)
        result: RobotFileParser | str
        try:
            status, _headers, body = self._request(robots_url, source, {})
        except FetchError as exc:
            if exc.status in (401, 403):
                parser.parse(["User-agent: *", "Disallow: /"])
                result = parser
            elif exc.status is not None and 400 <= exc.status < 500:
                parser.parse([])  # no robots.txt: no rules
                result = parser
            else:
                result = f"robots.txt of {netloc} could not be read ({exc}): host skipped this run"
        else:
            if status in REDIRECT_STATUSES or body is None:
                parser.parse([])
            else:
                parser.parse(body.decode("utf-8", errors="replace").splitlines())
            result = parser
        return result

    def _delay_for(self, netloc: str, source: Source) -> float:
        delay = source.delay if source.delay is not None else self.config.delay
        robots = self._robots.get(netloc)
        if isinstance(robots, RobotFileParser):
            crawl_delay = robots.crawl_delay(self._agent_token())
            if crawl_delay:
                delay = max(delay, float(crawl_delay))
        return delay

    # -- transport ---------------------------------------------------------
    def _request(
        self, url: str, source: Source, headers: dict[str, str]
    ) -> tuple[int, Mapping[str, str], bytes | None]:
        netloc = urlsplit(url).netloc
        with self._guard:
            lock = self._locks.setdefault(netloc, threading.Lock())
        attempts = self.config.retries + 1
        for attempt in range(attempts):
            last_try = attempt == attempts - 1
            outcome: tuple[int, Mapping[str, str], bytes | None] | Exception
            with lock:  # one request at a time per host
                self._wait_turn(netloc, source)
                try:
                    outcome = self._once(url, headers)
                except (requests.Timeout, requests.ConnectionError) as exc:
                    outcome = exc
                finally:
                    self._last[netloc] = self.clock()
            if isinstance(outcome, Exception):
                if last_try:
                    kind = "timed out" if isinstance(outcome, requests.Timeout) else "connection failed"
                    raise FetchError(f"{kind} after {attempts} tries") from outcome
                self.sleep(self._backoff(attempt))
                continue
            status, resp_headers, body = outcome
            if status in RETRY_STATUSES:
                if last_try:
                    raise FetchError(f"HTTP {status} after {attempts} tries", status)
                wait = _retry_after(resp_headers.get("Retry-After"))
                if wait is not None and wait > self.config.max_retry_after:
                    raise FetchError(f"HTTP {status}: server asks to wait {wait:.0f} s, over the limit", status)
                self.sleep(wait if wait is not None else self._backoff(attempt))
                continue
            if status >= 400:
                raise FetchError(f"HTTP {status}", status)
            return status, resp_headers, body
        raise AssertionError("unreachable")

    def _once(self, url: str, headers: dict[str, str]) -> tuple[int, Mapping[str, str], bytes | None]:
        timeout = self.config.timeout
        self.requests_made += 1
        with self.session.get(
            url, headers=headers, timeout=(timeout, timeout), stream=True, allow_redirects=False
        ) as r:
            resp_headers = dict(r.headers)
            if r.status_code in REDIRECT_STATUSES or r.status_code == 304 or r.status_code >= 400:
                return r.status_code, resp_headers, None
            declared = r.headers.get("Content-Length")
            limit = self.config.max_bytes
            if declared and declared.isdigit() and int(declared) > limit:
                raise FetchError(f"larger than the {_mb(limit)} limit ({_mb(int(declared))})")
            deadline = self.clock() + 4 * timeout
            chunks: list[bytes] = []
            size = 0
            for chunk in r.iter_content(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise FetchError(f"larger than the {_mb(limit)} limit")
                if self.clock() > deadline:
                    raise FetchError(f"download took longer than {4 * timeout:.0f} s")
                chunks.append(chunk)
            return r.status_code, resp_headers, b"".join(chunks)

    def _wait_turn(self, netloc: str, source: Source) -> None:
        last = self._last.get(netloc)
        if last is None:
            return
        wait = last + self._delay_for(netloc, source) - self.clock()
        if wait > 0:
            self.sleep(wait)

    def _backoff(self, attempt: int) -> float:
        return min(BACKOFF_BASE * (2**attempt), BACKOFF_CAP)


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"
