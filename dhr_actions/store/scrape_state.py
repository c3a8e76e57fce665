"""What the scraper remembers between runs: runs, document URLs, validators."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from .models import Document, RemoteFile, ScrapeRun, utcnow
from .repository import Store


@dataclass(frozen=True)
class RemoteState:
    url: str
    file_name: str | None
    etag: str | None
    last_modified: str | None
    sha256: str | None
    status: str


class ScrapeState:
    def __init__(self, store: Store) -> None:
        self.store = store

    def start_run(self, config_path: str | None, offline: bool = False) -> int:
        with self.store.session() as s, s.begin():
            run = ScrapeRun(config_path=config_path, offline=offline, status="running")
            s.add(run)
            s.flush()
            return run.id

    def finish_run(self, run_id: int, status: str, counts: dict[str, Any]) -> None:
        with self.store.session() as s, s.begin():
            run = s.get(ScrapeRun, run_id)
            assert run is not None
            run.status = status
            run.finished_at = utcnow()
            run.counts = counts

    def runs(self, limit: int = 50) -> list[ScrapeRun]:
        with self.store.session() as s:
            return list(s.scalars(select(ScrapeRun).order_by(ScrapeRun.id.desc()).limit(limit)))

    def known(self, source: str) -> dict[str, RemoteState]:
        with self.store.session() as s:
            rows = s.scalars(select(RemoteFile).where(RemoteFile.source == source))
            return {r.url: RemoteState(r.url, r.file_name, r.etag, r.last_modified, r.sha256, r.status) for r in rows}

    def seen(
        self,
        source: str,
        url: str,
        run_id: int | None,
        sha256: str | None = None,
        file_name: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> None:
        """Record that ``url`` is linked from ``source`` now (and reappears if
        it had been withdrawn)."""
        now = utcnow()
        with self.store.session() as s, s.begin():
            row = s.scalars(select(RemoteFile).where(RemoteFile.source == source, RemoteFile.url == url)).one_or_none()
            if row is None:
                row = RemoteFile(source=source, url=url, first_seen_at=now)
                s.add(row)
            row.last_seen_at = now
            row.last_run_id = run_id
            if row.status == "withdrawn":
                row.status, row.withdrawn_at = "active", None
                s.execute(update(Document).where(Document.source_url == url).values(withdrawn_at=None))
            if sha256:
                row.sha256 = sha256
            if file_name:
                row.file_name = file_name
            if etag is not None or last_modified is not None:
                row.etag, row.last_modified = etag, last_modified

    def withdraw(self, source: str, urls: Iterable[str]) -> int:
        """Mark files gone from their site; nothing is deleted."""
        now = utcnow()
        n = 0
        with self.store.session() as s, s.begin():
            for url in urls:
                row = s.scalars(
                    select(RemoteFile).where(RemoteFile.source == source, RemoteFile.url == url)
                ).one_or_none()
                if row is None or row.status == "withdrawn":
                    continue
                row.status, row.withdrawn_at = "withdrawn", now
                s.execute(update(Document).where(Document.source_url == url).values(withdrawn_at=now))
                n += 1
        return n
