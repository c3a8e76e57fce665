"""Score the samples with ../shared's scorer, one score per kind of copy.

    python bench/score_samples.py [--samples DIR] [--scorer SCORE.py] [--each] [--steps]
                                  [--unseen CORPUS] [--verbose]

Every sample plan is there as several copies: the born-digital PDF, its
Word or Excel file and their conversions, the HTML print, a clean scan, a
photocopy-quality scan (``samples/degrade.py``). They are imported into one
fresh store and exported once; the export is then scored per kind (the part
of the name after ``--``, or the file's format), so that a regression in one
producer is not hidden by the others. The last line is the score of all
files together. ``--each`` also scores every file alone, under its kind,
marking those below ``FLOOR``.

``--steps`` also measures each degradation of the photocopies alone:
every sample PDF is degraded by one step (``degrade.STEPS``: resolution,
skew, a quarter turn, a cut margin, grey paper, speckle, blur, JPEG) in a
scratch folder and scored, beside a clean scan of the same files.

``--unseen CORPUS`` scores photocopies of plans the pipeline was not
written against: every PDF of CORPUS (a folder with ``gold/``, such as
``../shared/corpus/dev``) degraded ``UNSEEN_COPIES`` times, each copy with a
seed of its own.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "samples"))
DOCUMENTS = (".pdf", ".docx", ".doc", ".xlsx", ".xls", ".odt", ".ods", ".rtf")
SCORE = re.compile(r"^score: ([\d.]+)$", re.M)
FLOOR = 90.0  # what every degraded copy should reach
UNSEEN_COPIES = 3


def kind(path: Path) -> str:
    """ "photocopy" for ``<name>--photocopy.pdf``, "pdf" for ``<name>.pdf``,
    "docx" for ``<name>.docx``."""
    stem = path.name[: -len(path.suffix)]
    return stem.split("--", 1)[1] if "--" in stem else path.suffix.lstrip(".").lower()


def dhr(*args: str) -> None:
    subprocess.run([str(Path(sys.executable).with_name("dhr")), *args], check=True, capture_output=True)


def score(files: list[Path], golds: Path, export: Path, scorer: Path, verbose: bool) -> tuple[float, str]:
    """Score the records of ``files`` in ``export`` against ``golds``."""
    with tempfile.TemporaryDirectory(prefix="dhr-score-") as tmp:
        corpus = Path(tmp)
        (corpus / "gold").mkdir()
        names = {f.name for f in files}
        for f in files:
            (corpus / f.name).symlink_to(f.resolve())
        for g in golds.glob("*.jsonl"):
            shutil.copy(g, corpus / "gold" / g.name)
        mine = corpus / "export.jsonl"
        with export.open(encoding="utf-8") as src, mine.open("w", encoding="utf-8") as dst:
            for line in src:
                if line.strip() and Path(json.loads(line)["document"]).name in names:
                    dst.write(line)
        done = subprocess.run(
            [sys.executable, str(scorer), str(mine), str(corpus), *(["--verbose"] if verbose else [])],
            capture_output=True,
            text=True,
            check=False,
        )
    found = SCORE.search(done.stdout)
    if not found:
        raise SystemExit(f"{scorer}: no score in its output: {done.stderr.strip() or done.stdout[-200:]}")
    return float(found.group(1)), done.stdout


def import_and_export(files: list[Path], work: Path) -> Path:
    db, export = work / "samples.sqlite", work / "export.jsonl"
    dhr("import", "-q", *map(str, files), "--db", str(db))
    dhr("export", "--db", str(db), "-o", str(export))
    return export


def golds_of(samples: Path, work: Path) -> Path:
    """The samples' expected records, named as the scorer wants them."""
    golds = work / "gold"
    golds.mkdir(exist_ok=True)
    for f in samples.glob("*.expected.jsonl"):
        shutil.copy(f, golds / f.name.replace(".expected.jsonl", ".jsonl"))
    return golds


def plan_in(document: Path, golds: Path) -> bool:
    """Does the gold for ``document`` hold any record?"""
    gold = golds / (document.name[: -len(document.suffix)].split("--", 1)[0] + ".jsonl")
    return gold.is_file() and bool(gold.read_text(encoding="utf-8").strip())


def records_of(document: Path, export: Path) -> int:
    with export.open(encoding="utf-8") as f:
        return sum(1 for line in f if line.strip() and Path(json.loads(line)["document"]).name == document.name)


def report(
    groups: dict[str, list[Path]], golds: Path, export: Path, scorer: Path, verbose: bool, each: bool = False
) -> None:
    for name, files in sorted(groups.items()):
        value, text = score(files, golds, export, scorer, verbose)
        print(f"{name:12} {len(files):4} files  score {value:5.1f}")
        if each:
            for f in files:
                alone, _ = score([f], golds, export, scorer, False)
                if not plan_in(f, golds):  # the scorer gives a document with no plan no score of its own
                    n = records_of(f, export)
                    print(f"    {f.name:52} no plan, {n} record(s) found{'  wrong' if n else ''}")
                    continue
                print(f"    {f.name:52} {alone:5.1f}{'  below ' + str(FLOOR) if alone < FLOOR else ''}")
        if verbose:
            print(text)


def steps(samples: Path, work: Path, golds: Path, scorer: Path, verbose: bool) -> None:
    from degrade import STEPS, photocopy, seed_for
    from generate import scanned

    sources = sorted(p for p in samples.glob("*.pdf") if "--" not in p.name)
    copies: dict[str, list[Path]] = defaultdict(list)
    folder = work / "steps"
    folder.mkdir()
    for src in sources:
        clean = folder / f"{src.stem}--clean.pdf"
        scanned(src, clean)
        copies["clean scan"].append(clean)
        for step in STEPS:
            target = folder / f"{src.stem}--{step}.pdf"
            photocopy(src, target, seed_for(src.stem), only=step)
            copies[step].append(target)
    export = import_and_export([f for group in copies.values() for f in group], folder)
    print(f"each degradation alone, on {len(sources)} sample PDFs:")
    report(copies, golds, export, scorer, verbose)


def unseen(corpus: Path, work: Path, scorer: Path, verbose: bool) -> None:
    from degrade import photocopy, seed_for

    sources = sorted(corpus.glob("*.pdf"))
    folder = work / "unseen"
    folder.mkdir()
    copies = []
    for src in sources:
        for k in range(1, UNSEEN_COPIES + 1):
            target = folder / f"{src.stem}--photocopy{k}.pdf"
            photocopy(src, target, seed_for(target.stem))
            copies.append(target)
    export = import_and_export(copies, folder)
    value, text = score(copies, corpus / "gold", export, scorer, verbose)
    print(f"photocopies of {len(sources)} unseen PDFs in {corpus}, {UNSEEN_COPIES} each: score {value:.1f}")
    if verbose:
        print(text)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=Path, default=ROOT / "samples")
    parser.add_argument("--scorer", type=Path, default=ROOT.parent / "shared" / "eval" / "score.py")
    parser.add_argument("--each", action="store_true", help="also score every file alone")
    parser.add_argument("--steps", action="store_true", help="also score each degradation alone")
    parser.add_argument("--unseen", type=Path, help="also score photocopies of this corpus's PDFs (it has gold/)")
    parser.add_argument("--verbose", action="store_true", help="the scorer's per-document detail")
    args = parser.parse_args(argv[1:])
    if not args.scorer.is_file():
        print(f"{args.scorer}: not found, nothing scored")
        return 0
    files = sorted(p for p in args.samples.iterdir() if p.suffix.lower() in DOCUMENTS)
    groups: dict[str, list[Path]] = defaultdict(list)
    for f in files:
        groups[kind(f)].append(f)
    with tempfile.TemporaryDirectory(prefix="dhr-samples-") as tmp:
        work = Path(tmp)
        golds = golds_of(args.samples, work)
        export = import_and_export(files, work)
        report(groups, golds, export, args.scorer, args.verbose, args.each)
        value, _text = score(files, golds, export, args.scorer, False)
        if args.steps:
            steps(args.samples, work, golds, args.scorer, args.verbose)
        if args.unseen and (args.unseen / "gold").is_dir():
            unseen(args.unseen, work, args.scorer, args.verbose)
    print(f"all {len(files)} files: score {value:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
