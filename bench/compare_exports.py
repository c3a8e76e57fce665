"""Import each corpus and keep its export, or compare with a kept one.

A change meant to leave behaviour alone (a refactor, a move) says so here:

    python bench/compare_exports.py --out before/          # on the old code
    python bench/compare_exports.py --out after/ --against before/

Each corpus (the samples, and ../shared's dev, producers and nonplans when
present) is imported into a fresh SQLite file and exported as JSON Lines,
records sorted, so two runs on the same code give the same bytes. With
``--against`` the records of every document are compared and each
difference is printed; the exit status is 1 when any record differs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DHR = [sys.executable, "-m", "dhr_actions.cli"]


def corpora(shared: Path) -> dict[str, Path]:
    found = {"samples": ROOT / "samples"}
    for name in ("dev", "producers", "nonplans"):
        if (shared / "corpus" / name).is_dir():
            found[name] = shared / "corpus" / name
    return found


def export_corpus(folder: Path, out: Path, jobs: int) -> int:
    """Import every document of ``folder`` and write its sorted records."""
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "corpus.sqlite")
        subprocess.run([*DHR, "import", "-q", "--jobs", str(jobs), str(folder), "--db", db], check=False)
        exported = subprocess.run([*DHR, "export", "--db", db], check=True, capture_output=True, text=True).stdout
    lines = sorted(line for line in exported.splitlines() if line.strip())
    out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)


def by_document(path: Path) -> dict[str, list[str]]:
    docs: dict[str, list[str]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        docs[json.loads(line).get("document", "")].append(line)
    return docs


def compare(before: Path, after: Path) -> int:
    """Print the documents whose records differ; return how many."""
    old, new = by_document(before), by_document(after)
    differing = 0
    for doc in sorted(set(old) | set(new)):
        if old.get(doc) == new.get(doc):
            continue
        differing += 1
        gone = [r for r in old.get(doc, []) if r not in new.get(doc, [])]
        came = [r for r in new.get(doc, []) if r not in old.get(doc, [])]
        print(f"  {doc}: {len(old.get(doc, []))} -> {len(new.get(doc, []))} records, {len(gone)} changed")
        for line in gone[:2]:
            print(f"    - {line[:200]}")
        for line in came[:2]:
            print(f"    + {line[:200]}")
    return differing


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True, help="folder for one export per corpus")
    ap.add_argument("--against", type=Path, help="a folder written by an earlier run, to compare with")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", nargs="*", help="corpus names to run (default: all found)")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    status = 0
    for name, folder in corpora(args.shared).items():
        if args.only and name not in args.only:
            continue
        out = args.out / f"{name}.jsonl"
        n = export_corpus(folder, out, args.jobs)
        line = f"{name}: {n} records"
        if args.against:
            kept = args.against / f"{name}.jsonl"
            if not kept.exists():
                line += " (nothing kept to compare with)"
            else:
                differing = compare(kept, out)
                line += f", {'the same records' if not differing else f'{differing} document(s) differ'}"
                status |= differing > 0
        print(line, flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
