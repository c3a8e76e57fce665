"""The scrape configuration: a TOML file the user edits, checked on load.

    [scrape]
    user_agent = "dhr-actions/0.1 (+mailto:research@example.org)"
    delay = 2.0            # seconds between two requests to one host
    timeout = 30           # seconds for one request
    max_bytes = 50_000_000
    retries = 3
    downloads = "downloads"   # content-addressed copies of every document fetched
    time_limit = 600       # seconds one downloaded document may take to extract
    max_memory = 4096      # MB one document may use while extracted
    max_document_pages = 2000   # PDFs with more pages are refused

    [[source]]
    name = "cheltenham"
    partnership = "Cheltenham"
    start = ["https://www.cheltenham.gov.uk/domestic-homicide-reviews"]
    max_depth = 2
    include = ["(?i)homicide|dhr|action"]   # URL patterns to follow (any)
    exclude = ["(?i)/news/"]                 # URL patterns never to follow
    hosts = ["democracy.cheltenham.gov.uk"]  # hosts besides the start URLs'
    delay = 5.0                              # this source's own rate limit

Every error names the file, the key and the reason in one line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..isolation.limits import DEFAULT_MAX_PAGES as DEFAULT_MAX_DOCUMENT_PAGES
from ..isolation.limits import DEFAULT_MEMORY_LIMIT_MB, DEFAULT_TIME_LIMIT_S, Limits

DEFAULT_USER_AGENT = "dhr-actions/0.1 (+https://github.com/dhr-actions; research use)"
DEFAULT_DELAY = 2.0
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_BYTES = 50_000_000
DEFAULT_RETRIES = 3
DEFAULT_MAX_DEPTH = 2
DEFAULT_MAX_PAGES = 200


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message is one line."""


@dataclass(frozen=True)
class Source:
    name: str
    start: tuple[str, ...]
    partnership: str | None = None
    max_depth: int = DEFAULT_MAX_DEPTH
    max_pages: int = DEFAULT_MAX_PAGES
    include: tuple[re.Pattern[str], ...] = ()
    exclude: tuple[re.Pattern[str], ...] = ()
    hosts: frozenset[str] = frozenset()
    delay: float | None = None
    example: bool = False

    def allows_host(self, netloc: str) -> bool:
        return netloc.lower() in self.hosts

    def follows(self, url: str) -> bool:
        """May a page link be followed? (Document links are always taken when
        their host is allowed.)"""
        if any(p.search(url) for p in self.exclude):
            return False
        return not self.include or any(p.search(url) for p in self.include)


@dataclass(frozen=True)
class ScrapeConfig:
    sources: tuple[Source, ...]
    user_agent: str = DEFAULT_USER_AGENT
    delay: float = DEFAULT_DELAY
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    retries: int = DEFAULT_RETRIES
    max_retry_after: float = 120.0
    downloads: Path = Path("downloads")
    # Downloads are extracted in a worker process under these limits, as
    # `dhr import` does: files fetched unattended are the ones that need them.
    limits: Limits = field(default_factory=Limits)
    path: Path | None = field(default=None, compare=False)

    def source(self, name: str) -> Source:
        for s in self.sources:
            if s.name == name:
                return s
        names = ", ".join(s.name for s in self.sources)
        raise ConfigError(f"{self.path}: no source named {name!r} (sources: {names})")


_SCRAPE_KEYS = {
    "user_agent",
    "delay",
    "timeout",
    "max_bytes",
    "retries",
    "max_retry_after",
    "downloads",
    "time_limit",
    "max_memory",
    "max_document_pages",
}
_SOURCE_KEYS = {
    "name",
    "partnership",
    "start",
    "max_depth",
    "max_pages",
    "include",
    "exclude",
    "hosts",
    "delay",
    "example",
}


def load_config(path: Path) -> ScrapeConfig:
    """Read and check a scrape configuration file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such configuration file") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read it: {exc}") from exc
    return parse_config(raw, path)


def parse_config(raw: dict[str, Any], path: Path | None = None) -> ScrapeConfig:
    where = str(path) if path else "<config>"
    unknown = set(raw) - {"scrape", "source"}
    if unknown:
        raise ConfigError(
            f"{where}: unknown section(s) {', '.join(sorted(unknown))} (expected [scrape] and [[source]])"
        )
    top = raw.get("scrape", {})
    if not isinstance(top, dict):
        raise ConfigError(f"{where}: [scrape] must be a table")
    _no_unknown(where, "scrape", top, _SCRAPE_KEYS)
    sources_raw = raw.get("source", [])
    if not isinstance(sources_raw, list) or not sources_raw:
        raise ConfigError(f"{where}: at least one [[source]] is needed")
    sources = []
    seen: set[str] = set()
    for i, item in enumerate(sources_raw, start=1):
        src = _source(where, i, item)
        if src.name in seen:
            raise ConfigError(f"{where}: source {i}: name {src.name!r} is used twice")
        seen.add(src.name)
        sources.append(src)
    downloads = Path(_get(where, "scrape.downloads", top.get("downloads", "downloads"), str))
    if path is not None and not downloads.is_absolute():
        downloads = path.parent / downloads
    return ScrapeConfig(
        sources=tuple(sources),
        user_agent=_get(where, "scrape.user_agent", top.get("user_agent", DEFAULT_USER_AGENT), str),
        delay=_number(where, "scrape.delay", top.get("delay", DEFAULT_DELAY), 0, 3600),
        timeout=_number(where, "scrape.timeout", top.get("timeout", DEFAULT_TIMEOUT), 0.1, 3600),
        max_bytes=int(_number(where, "scrape.max_bytes", top.get("max_bytes", DEFAULT_MAX_BYTES), 1024, 10**10)),
        retries=int(_number(where, "scrape.retries", top.get("retries", DEFAULT_RETRIES), 0, 10)),
        max_retry_after=_number(where, "scrape.max_retry_after", top.get("max_retry_after", 120.0), 0, 86400),
        downloads=downloads,
        limits=Limits(
            seconds=int(_number(where, "scrape.time_limit", top.get("time_limit", DEFAULT_TIME_LIMIT_S), 1, 86400)),
            memory_mb=int(
                _number(where, "scrape.max_memory", top.get("max_memory", DEFAULT_MEMORY_LIMIT_MB), 64, 10**6)
            ),
            max_pages=int(
                _number(
                    where,
                    "scrape.max_document_pages",
                    top.get("max_document_pages", DEFAULT_MAX_DOCUMENT_PAGES),
                    1,
                    10**6,
                )
            ),
        ),
        path=path,
    )


def _source(where: str, i: int, item: Any) -> Source:
    key = f"source {i}"
    if not isinstance(item, dict):
        raise ConfigError(f"{where}: {key} must be a table")
    _no_unknown(where, key, item, _SOURCE_KEYS)
    name = item.get("name")
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", name):
        raise ConfigError(f"{where}: {key}: name must be a word of letters, digits, '-', '_' or '.'")
    key = f"source {name!r}"
    start = item.get("start")
    if isinstance(start, str):
        start = [start]
    if not isinstance(start, list) or not start or not all(isinstance(u, str) for u in start):
        raise ConfigError(f"{where}: {key}: start must be a URL or a list of URLs")
    hosts = set()
    for url in start:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(f"{where}: {key}: start URL {url!r} is not an http(s) URL")
        hosts.add(parts.netloc.lower())
    extra = item.get("hosts", [])
    if not isinstance(extra, list) or not all(isinstance(h, str) and h and "/" not in h for h in extra):
        raise ConfigError(f"{where}: {key}: hosts must be a list of host names (host or host:port)")
    hosts.update(h.lower() for h in extra)
    return Source(
        name=name,
        start=tuple(start),
        partnership=_get(where, f"{key}.partnership", item.get("partnership"), str, optional=True),
        max_depth=int(_number(where, f"{key}.max_depth", item.get("max_depth", DEFAULT_MAX_DEPTH), 0, 10)),
        max_pages=int(_number(where, f"{key}.max_pages", item.get("max_pages", DEFAULT_MAX_PAGES), 1, 100000)),
        include=_patterns(where, f"{key}.include", item.get("include", [])),
        exclude=_patterns(where, f"{key}.exclude", item.get("exclude", [])),
        hosts=frozenset(hosts),
        delay=None if item.get("delay") is None else _number(where, f"{key}.delay", item["delay"], 0, 3600),
        example=bool(_get(where, f"{key}.example", item.get("example", False), bool)),
    )


def _no_unknown(where: str, key: str, table: dict[str, Any], known: set[str]) -> None:
    extra = set(table) - known
    if extra:
        raise ConfigError(
            f"{where}: {key}: unknown key(s) {', '.join(sorted(extra))} (known: {', '.join(sorted(known))})"
        )


def _get(where: str, key: str, value: Any, kind: type, optional: bool = False) -> Any:
    if value is None and optional:
        return None
    if not isinstance(value, kind):
        raise ConfigError(f"{where}: {key} must be a {kind.__name__}, not {type(value).__name__}")
    return value


def _number(where: str, key: str, value: Any, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{where}: {key} must be a number, not {type(value).__name__}")
    if not low <= value <= high:
        raise ConfigError(f"{where}: {key} = {value} is outside {low}..{high}")
    return float(value)


def _patterns(where: str, key: str, value: Any) -> tuple[re.Pattern[str], ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise ConfigError(f"{where}: {key} must be a list of regular expressions")
    out = []
    for p in value:
        try:
            out.append(re.compile(p))
        except re.error as exc:
            raise ConfigError(f"{where}: {key}: bad regular expression {p!r}: {exc}") from exc
    return tuple(out)
