"""Fake CSP websites on 127.0.0.1 for the scraper tests: real HTTP servers
(pytest-httpserver) with the misbehaviours real sites show."""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from conftest import SAMPLE_PDFS
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response


def sample(prefix: str) -> bytes:
    return next(p for p in SAMPLE_PDFS if p.name.startswith(prefix)).read_bytes()


@dataclass
class Document:
    """A file a site serves, with validators for conditional GET."""

    body: bytes
    content_type: str = "application/pdf"
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'

    def respond(self, request: Request) -> Response:
        if request.headers.get("If-None-Match") == self.etag:
            return Response(status=304, headers={"ETag": self.etag})
        return Response(self.body, content_type=self.content_type, headers={"ETag": self.etag, **self.headers})


class Site:
    """One fake site: pages and files by path, and a log of what was asked."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.files: dict[str, Document] = {}
        self.pages: dict[str, str] = {}
        self.calls: list[tuple[str, int]] = []  # (path, status)
        self.arrivals: list[float] = []

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.server.port}"

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"

    def page(self, path: str, links: list[str]) -> None:
        anchors = "".join(f'<li><a href="{href}">{href}</a></li>' for href in links)
        self.pages[path] = f"<html><head><title>Reviews</title></head><body><ul>{anchors}</ul></body></html>"

    def handle(self, request: Request) -> Response:
        self.arrivals.append(time.monotonic())
        path = request.full_path.rstrip("?")
        if path in self.pages:
            resp = Response(self.pages[path], content_type="text/html")
        elif path in self.files:
            resp = self.files[path].respond(request)
        else:
            resp = Response("not here", status=404)
        self.calls.append((path, resp.status_code))
        return resp

    def status_of(self, path: str) -> list[int]:
        return [s for p, s in self.calls if p == path]

    def bodies_sent(self) -> list[str]:
        """Paths answered 200 with a PDF body."""
        return [
            p for p, s in self.calls if s == 200 and p in self.files and self.files[p].content_type == "application/pdf"
        ]


def start_server() -> HTTPServer:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    return server


def serve(site: Site, special: dict[str, object] | None = None) -> None:
    """Route every request to ``site``, with ``special`` handlers by path."""
    for path, handler in (special or {}).items():
        site.server.expect_request(path).respond_with_handler(handler)  # type: ignore[arg-type]
    site.server.expect_request(re.compile(".*")).respond_with_handler(site.handle)


def stop(servers: Iterator[HTTPServer] | list[HTTPServer]) -> None:
    for server in servers:
        server.clear()
        if server.is_running():
            server.stop()


def write_config(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
