"""Theme tagging measured on labelled records: precision and recall.

    python bench/theme_bench.py [--errors]

Sets reported apart. The taxonomy was edited against the tuning sets, so
their figures are what it was tuned to reach; each was labelled before it
was first read, and its unseen figure then is given:

- tuning: ``tests/data/theme_labels.jsonl``, records from the samples and
  the dev corpus;
- tuning2: ``bench/data/theme_labels_tuning2.jsonl``, 62 records written in
  words of their own (unseen: 0.87 / 0.92);
- tuning3, tuning4, tuning5: ``bench/data/theme_labels_tuning3.jsonl``,
  ``..._tuning4.jsonl`` and ``..._tuning5.jsonl``, 62, 62 and 60 records in
  new words (unseen: 0.92 / 0.78, 0.93 / 0.76 and 0.86 / 0.74; tuning5 is
  full of incidental mentions: bodies' names, narrated findings, words used
  in another sense);
- tuning6: ``bench/data/theme_labels_tuning6.jsonl``, 64 records held out
  through two rounds of edits (unseen: 0.90 / 0.65, then 0.88 / 0.92).

The held-out sets have never been used to make an edit and their errors
are not listed:

- fresh3, fresh4, fresh5: ``bench/data/theme_labels_fresh3.jsonl``,
  ``..._fresh4.jsonl`` and ``..._fresh5.jsonl``, 62 records each in new
  words, labelled by meaning before the edits they measure (fresh5, written
  after the others' last edit, read 0.849 / 0.886 unseen). Together they are
  the figure to expect on unseen reviews.

The independent readers' labels of ``../shared/corpus/themes`` (58
records, two readers), when they are there, are reported apart: the tags
against each reader, and the readers against each other.

Precision is the share of the tags given that the labels hold; recall the
share of the labels' themes that were tagged. ``--errors`` lists the
tuning sets' misses and false tags (the fresh set's are left unread, so
that it stays unseen).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dhr_actions.research.themes import load_taxonomy  # noqa: E402

SHARED_THEMES = ROOT.parent / "shared" / "corpus" / "themes"
SETS = {
    "tuning": ROOT / "tests" / "data" / "theme_labels.jsonl",
    **{f"tuning{n}": ROOT / "bench" / "data" / f"theme_labels_tuning{n}.jsonl" for n in range(2, 7)},
    "fresh3": ROOT / "bench" / "data" / "theme_labels_fresh3.jsonl",
    "fresh4": ROOT / "bench" / "data" / "theme_labels_fresh4.jsonl",
    "fresh5": ROOT / "bench" / "data" / "theme_labels_fresh5.jsonl",
}


def measure(*paths: Path, errors: bool = False) -> tuple[int, float, float]:
    taxonomy = load_taxonomy()
    tp = fp = fn = 0
    rows = [
        json.loads(line) for path in paths for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    for row in rows:
        got = {t.theme for t in taxonomy.tag(row["recommendation"], row.get("action"))}
        want = set(row["themes"])
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        if errors and got != want:
            print(f"  {row.get('id') or row.get('ref')}: missed {sorted(want - got)} extra {sorted(got - want)}")
            print(f"      {row['recommendation'][:110]}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return len(rows), precision, recall


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="list the tuning sets' errors")
    args = parser.parse_args(argv[1:])
    print("Theme tags against labelled records:")
    for name, path in SETS.items():
        n, precision, recall = measure(path, errors=args.errors and name.startswith("tuning"))
        print(f"  {name:10} {n:3} records   precision {precision:.3f}   recall {recall:.3f}")
    n, precision, recall = measure(*(path for name, path in SETS.items() if name.startswith("fresh")))
    print(f"  {'held out':10} {n:3} records   precision {precision:.3f}   recall {recall:.3f}")
    readers()
    return 0


def readers() -> None:
    """The independent readers' labels in ../shared, when they are there:
    the tags against each reader, and the readers against each other (the
    ceiling), apart from the team's own sets."""
    from dhr_actions.research.evaluation import agreement, labels_of, read_labels, tagged

    folder = SHARED_THEMES
    if not (folder / "labels-a.jsonl").is_file():
        print(f"Independent readers: {folder} is not there")
        return
    taxonomy = load_taxonomy()
    a, b = read_labels(folder / "labels-a.jsonl"), read_labels(folder / "labels-b.jsonl")
    tags, _evidence = tagged(a, lambda rec, act: {t.theme: t.phrase for t in taxonomy.tag(rec, act)})
    print(f"Independent readers ({folder}, {len(a)} records; F1 of one against the other):")
    for name, found in (
        ("tags vs A", agreement(labels_of(a), tags)),
        ("tags vs B", agreement(labels_of(b), tags)),
        ("B vs A", agreement(labels_of(a), labels_of(b))),
    ):
        o = found.overall
        print(f"  {name:10} precision {o.precision:.3f}   recall {o.recall:.3f}   F1 {o.f1:.3f}")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
