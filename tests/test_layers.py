"""The package's imports run one way, with the data: a module never imports
a layer above its own, and the two readers (``ingest/`` for PDFs,
``office/`` for Word, Excel and OpenDocument) never import each other."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "dhr_actions"

# Lowest first. A module may import its own layer's package and any layer
# below; layers of one rank are peers that do not import each other.
LAYERS: dict[str, int] = {
    "language": 0,  # word lists and the column vocabulary
    "isolation": 0,  # worker processes under limits
    "model": 1,  # tables, geometry, errors, settings shared by the readers
    "ingest": 2,  # PDF -> tables
    "office": 2,  # Word, Excel, OpenDocument -> tables
    "normalise": 3,  # tables -> records
    "pipeline": 5,  # one document -> records (handed to the importer, never imported by it)
    "store": 4,  # records -> rows
    "importer": 5,  # stages handed in, run under limits, saved whole
    "research": 5,  # questions asked of the store
    "compose": 6,  # the import path put together: extraction, tags, importer
    "scrape": 7,  # the nightly crawl
    "cli": 8,  # the dhr command
}
TOP = {"__init__", "__main__"}  # the package's face re-exports from every layer


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[tuple[int, str]]:
    """Every module ``path`` imports from the package, at any depth (lazy
    imports inside functions count), with its line."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            targets = [target] + [f"{target}.{a.name}" for a in node.names] if target == "dhr_actions" else [target]
            found += [(node.lineno, t) for t in targets if t.startswith("dhr_actions.")]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("dhr_actions.")]
    return found


def upward_imports() -> list[str]:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        own = layer_of(module_name(path))
        if own in TOP:
            continue
        assert own in LAYERS, f"{path}: the package {own!r} has no layer in this test"
        for line, target in imports(path):
            if target == "dhr_actions.__version__":
                continue  # a constant the package defines before it imports anything
            theirs = layer_of(target)
            if theirs == own:
                continue
            if theirs in TOP or LAYERS[theirs] >= LAYERS[own]:
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} ({own}) imports {target} ({theirs})")
    return wrong


def test_no_import_runs_against_the_flow() -> None:
    assert upward_imports() == []


def test_ingest_has_no_loose_modules() -> None:
    """``ingest/`` is laid out by stage: its modules live in sub-packages."""
    loose = [p.name for p in (PACKAGE / "ingest").glob("*.py") if p.name != "__init__.py"]
    assert loose == []
