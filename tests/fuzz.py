"""Mutants of the sample PDFs for fuzzing the whole import.

Each mutant is made from a seed, so a failure names the seed that
reproduces it: ``make_mutant(random.Random(seed), source)``. Mutations work
at two levels: the file's bytes (flips, spans overwritten, deleted or
doubled, a cut followed by a fresh end-of-file marker, numbers and names in
the object syntax swapped for hostile ones) and the pages' content streams,
decoded, mutated and written back so that the PDF's structure stays valid
and the text and drawing operators themselves are fuzzed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

NUMBERS = [b"0", b"-1", b"1", b"999999999", b"-999999999", b"1e308", b"0.0000001", b"3.5", b"65535", b"2147483648"]
NAMES = [b"/Page", b"/Pages", b"/Catalog", b"/FlateDecode", b"/DCTDecode", b"/Type", b"/Kids", b"/Null", b"/"]
OPERATORS = [
    b"BT",
    b"ET",
    b"Tf",
    b"Td",
    b"TD",
    b"Tm",
    b"TJ",
    b"Tj",
    b"'",
    b'"',
    b"re",
    b"m",
    b"l",
    b"S",
    b"f",
    b"q",
    b"Q",
]
OPERATORS += [b"cm", b"Do", b"BI", b"ID", b"EI", b"w", b"gs", b"(", b")", b"<", b">", b"[", b"]", b"\\"]


def _flip(rng: random.Random, data: bytearray) -> None:
    for _ in range(rng.randint(1, 24)):
        i = rng.randrange(len(data))
        data[i] ^= 1 << rng.randrange(8)


def _overwrite(rng: random.Random, data: bytearray) -> None:
    i = rng.randrange(len(data))
    n = rng.randint(1, 256)
    data[i : i + n] = rng.randbytes(n)


def _delete(rng: random.Random, data: bytearray) -> None:
    i = rng.randrange(len(data))
    del data[i : i + rng.randint(1, 2048)]


def _duplicate(rng: random.Random, data: bytearray) -> None:
    i = rng.randrange(len(data))
    span = data[i : i + rng.randint(1, 2048)]
    j = rng.randrange(len(data))
    data[j:j] = span


def _cut(rng: random.Random, data: bytearray) -> None:
    del data[rng.randrange(len(data) // 4, len(data)) :]
    data += b"\n%%EOF\n"


def _swap_tokens(rng: random.Random, data: bytearray, pattern: bytes, choices: list[bytes]) -> None:
    spans = [m.span() for m in re.finditer(pattern, bytes(data))]
    for start, end in sorted(rng.sample(spans, min(len(spans), rng.randint(1, 8))), reverse=True):
        data[start:end] = rng.choice(choices)


def _numbers(rng: random.Random, data: bytearray) -> None:
    _swap_tokens(rng, data, rb"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])", NUMBERS)


def _names(rng: random.Random, data: bytearray) -> None:
    _swap_tokens(rng, data, rb"/[A-Za-z]+", NAMES)


def _operators(rng: random.Random, data: bytearray) -> None:
    _swap_tokens(rng, data, rb"(?<![\w/])(?:[A-Za-z]{1,3}|['\"])(?=[\s\[(<]|$)", OPERATORS)


BYTE_MUTATIONS: list[Callable[[random.Random, bytearray], None]] = [
    _flip,
    _overwrite,
    _delete,
    _duplicate,
    _cut,
    _numbers,
    _names,
]
CONTENT_MUTATIONS: list[Callable[[random.Random, bytearray], None]] = [_flip, _overwrite, _delete, _duplicate, _numbers]
CONTENT_MUTATIONS += [_operators, _operators]


def _mutate_content(rng: random.Random, source: Path, dest: Path) -> None:
    import pikepdf

    with pikepdf.open(source) as pdf:
        for page in pdf.pages:
            if rng.random() < 0.5:
                continue
            contents = page.obj.get("/Contents")
            streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
            for stream in streams:
                if not isinstance(stream, pikepdf.Stream):
                    continue
                data = bytearray(stream.read_bytes())
                for _ in range(rng.randint(1, 3)):
                    if data:
                        rng.choice(CONTENT_MUTATIONS)(rng, data)
                stream.write(bytes(data))
        pdf.save(dest)


def make_mutant(rng: random.Random, source: Path, dest: Path) -> str:
    """Write a mutant of ``source`` to ``dest``; returns what was done."""
    if rng.random() < 0.4:
        _mutate_content(rng, source, dest)
        return "content streams"
    data = bytearray(source.read_bytes())
    done = []
    for _ in range(rng.randint(1, 3)):
        mutation = rng.choice(BYTE_MUTATIONS)
        mutation(rng, data)
        done.append(mutation.__name__.lstrip("_"))
    dest.write_bytes(bytes(data))
    return "bytes: " + ", ".join(done)


XML_MUTATIONS: list[Callable[[random.Random, bytearray], None]] = [_flip, _overwrite, _delete, _duplicate, _numbers]


def make_office_mutant(rng: random.Random, source: Path, dest: Path) -> str:
    """Write a mutant of a Word or Excel file to ``dest``: one or two of its
    XML parts changed inside a valid zip (so the parsers, not the unzipper,
    meet them), or the package's bytes changed. Returns what was done."""
    import zipfile

    if source.suffix not in (".docx", ".xlsx") or rng.random() < 0.25:
        data = bytearray(source.read_bytes())
        mutation = rng.choice([_flip, _overwrite, _delete, _duplicate, _cut])
        mutation(rng, data)
        dest.write_bytes(bytes(data))
        return f"bytes: {mutation.__name__.lstrip('_')}"
    with zipfile.ZipFile(source) as zin:
        parts = {info.filename: zin.read(info) for info in zin.infolist()}
    xml = sorted(n for n in parts if n.endswith(".xml"))
    changed = rng.sample(xml, min(len(xml), rng.randint(1, 2)))
    for name in changed:
        data = bytearray(parts[name])
        for _ in range(rng.randint(1, 3)):
            if data:
                rng.choice(XML_MUTATIONS)(rng, data)
        parts[name] = bytes(data)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    return "parts: " + ", ".join(changed)
