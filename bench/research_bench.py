"""Time a theme query and a full-text search on a store of 100k records.

    python bench/research_bench.py [--records N]

The store is generated from the sample plans' records (text varied per
copy), inserted in bulk, tagged with the default taxonomy; each query is
timed as the median of several runs, and the first theme query apart: on
a new store it groups copies of one review and keeps the grouping; in a new
process it reads the grouping kept. Targets: under 100 ms each.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from dhr_actions.research import copies  # noqa: E402
from dhr_actions.research.queries import search, theme_counts  # noqa: E402
from dhr_actions.research.tagging import rebuild_document_themes  # noqa: E402
from dhr_actions.research.themes import load_taxonomy  # noqa: E402
from dhr_actions.store.models import Document, Partnership, RecordRow, RecordTheme  # noqa: E402
from dhr_actions.store.repository import Store  # noqa: E402

PER_DOC = 25


def sample_records() -> list[dict[str, str]]:
    out = []
    for path in sorted((ROOT / "samples").glob("*.expected.jsonl")):
        out += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def build(store: Store, n: int) -> None:
    base = sample_records()
    taxonomy = load_taxonomy()
    tags = [taxonomy.tag(r["recommendation"], r["action"]) for r in base]
    docs = (n + PER_DOC - 1) // PER_DOC
    with store.session() as s, s.begin():
        s.execute(insert(Partnership), [{"id": i + 1, "name": f"Partnership {i}"} for i in range(300)])
        s.execute(
            insert(Document),
            [
                {"id": d + 1, "file_name": f"plan-{d}.pdf", "sha256": f"{d:064d}", "version": 1, "is_current": True,
                 "outcome": "imported", "record_count": PER_DOC, "partnership_id": d % 300 + 1, "year": 2012 + d % 12}
                for d in range(docs)
            ],
        )  # fmt: skip
        rows, theme_rows = [], []
        for i in range(n):
            r = base[i % len(base)]
            rows.append(
                {"id": i + 1, "document_id": i // PER_DOC + 1, "position": i % PER_DOC, "ref": r["ref"],
                 "recommendation": f"{r['recommendation']} (plan {i // PER_DOC})", "action": r["action"],
                 "milestones": r["milestones"], "lead": r["lead"], "target_date": r["target_date"], "status": r["status"]}
            )  # fmt: skip
            theme_rows += [
                {"record_id": i + 1, "theme": t.theme, "phrase": t.phrase, "taxonomy": taxonomy.digest}
                for t in tags[i % len(base)]
            ]
            if len(rows) >= 10_000:
                s.execute(insert(RecordRow), rows)
                rows = []
        if rows:
            s.execute(insert(RecordRow), rows)
        for k in range(0, len(theme_rows), 20_000):
            s.execute(insert(RecordTheme), theme_rows[k : k + 20_000])
        rebuild_document_themes(s)


def timed(fn, runs: int = 7) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Store(str(Path(tmp) / "bench.sqlite")) as store:
        start = time.perf_counter()
        build(store, args.records)
        built = time.perf_counter() - start
        copies._cache.clear()  # the first query on a new store groups copies of one review
        first_ms = timed(lambda: theme_counts(store), runs=1)
        copies._cache.clear()  # a new process on the same store reads the grouping kept
        process_ms = timed(lambda: theme_counts(store), runs=1)
        theme_ms = timed(lambda: theme_counts(store))
        search_ms = timed(lambda: search(store, "coercive control", limit=20))
        rare_ms = timed(lambda: search(store, "tenancy officers", limit=20))
    print(f"research store: {args.records} records generated and indexed in {built:.1f} s")
    print(f"theme counts, first on the store:  {first_ms:7.1f} ms  (groups copies of one review, kept)")
    print(f"theme counts, first in a process:  {process_ms:7.1f} ms  (reads the grouping kept)")
    print(f"theme counts (all themes):         {theme_ms:7.1f} ms  (target < 100 ms)")
    print(f"search 'coercive control' top 20: {search_ms:7.1f} ms  (target < 100 ms)")
    print(f"search 'tenancy officers' top 20: {rare_ms:7.1f} ms  (target < 100 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
