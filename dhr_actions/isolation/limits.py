"""What one document may cost a worker process before it is given up."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_TIME_LIMIT_S = 600
DEFAULT_MEMORY_LIMIT_MB = 4096
DEFAULT_MAX_PAGES = 2000


@dataclass(frozen=True)
class Limits:
    """What one document may cost a worker process before it is given up."""

    seconds: int = DEFAULT_TIME_LIMIT_S
    memory_mb: int = DEFAULT_MEMORY_LIMIT_MB
    max_pages: int = DEFAULT_MAX_PAGES

    def __post_init__(self) -> None:
        if self.seconds < 1:
            raise ValueError(f"time limit: {self.seconds} s must be at least 1")
        if self.memory_mb < 64:
            raise ValueError(f"memory limit: {self.memory_mb} MB must be at least 64")
        if self.max_pages < 1:
            raise ValueError(f"page limit: {self.max_pages} must be at least 1")
