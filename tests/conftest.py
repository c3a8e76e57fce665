from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dhr_actions.store.repository import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SAMPLE_PDFS = sorted(SAMPLES.glob("*.pdf"))


def expected_records(pdf: Path) -> list[dict[str, Any]]:
    path = pdf.with_name(pdf.stem + ".expected.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def squash(value: Any) -> Any:
    """Line breaks inside a cell are layout, not content: compare text with
    runs of whitespace folded to one space."""
    return " ".join(value.split()) if isinstance(value, str) else value


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "test.sqlite")


@pytest.fixture
def store(db_path: str) -> Iterator[Store]:
    s = Store(db_path)
    yield s
    s.close()
