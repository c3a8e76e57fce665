"""Theme tagging: a taxonomy of phrases, applied to recommendation + action text.

The taxonomy is a TOML file (``themes.toml`` beside this module, or the
user's own): each theme has phrases, regular expressions matched
case-insensitively on word boundaries, and exclusions masked out first.
Two things keep incidental mentions from tagging a theme: ``mask``, text
masked out for every theme before any is tried (a list of audiences, the
name of a board or service, a body merely cited: matched case-sensitively,
only the group named ``masked`` when there is one), and a theme's
``subjects``, phrases that count only as whom a recommendation is
addressed to ("The Department of Health and Social Care should …", "write
to NHS England"). A clause that only narrates what happened, beside one
that says what should be done, is context and tags nothing. Phrases may
name classes of words the file lists under ``[words]`` ("{tell} the
{agency}"), so that one phrase holds for every verb and every agency.
Every tag keeps the phrase that matched, so a researcher can see why.
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .literals import Screened, fold

DEFAULT_TAXONOMY = "themes.toml"


class TaxonomyError(ValueError):
    """A taxonomy file that cannot be used; the message is one line."""


@dataclass(frozen=True)
class Theme:
    key: str
    label: str
    phrases: tuple[Screened, ...]
    exclude: tuple[Screened, ...] = ()
    subjects: tuple[Screened, ...] = ()


@dataclass(frozen=True)
class Tag:
    theme: str
    phrase: str  # the text that matched, as printed


@dataclass(frozen=True)
class Taxonomy:
    themes: tuple[Theme, ...]
    digest: str  # changes when the file does: tags made with another digest are stale
    mask: tuple[Screened, ...] = ()

    def tag(self, *texts: str | None) -> list[Tag]:
        # Line breaks inside a cell are layout: "across the\npartnership".
        text = "\n".join(_context_blanked(" ".join(t.split())) for t in texts if t)
        text, folded = _masked(self.mask, text, fold(text))
        tags = []
        for theme in self.themes:
            masked, mfolded = _masked(theme.exclude, text, folded)
            for screened in (*theme.phrases, *theme.subjects):
                m = screened.search(masked, mfolded)
                if m:
                    pattern = screened.pattern
                    found = (m.group("phrase") if "phrase" in pattern.groupindex else None) or m.group()
                    tags.append(Tag(theme.key, found.strip()))
                    break
        return tags

    def label(self, key: str) -> str:
        return next((t.label for t in self.themes if t.key == key), key)


# A recommendation often tells what happened before it says what should be
# done ("The victim had told her trainer about the abuse; the CSP should run
# a campaign"). The telling is context: who was involved then is not what
# the recommendation is about, so a clause that only narrates, beside one
# that directs, tags nothing.
_CLAUSES = re.compile(r"(?<=[;.!?])\s+")
_DIRECTIVE = re.compile(
    r"\b(?:should|must|shall|needs? to|ought to|(?:is|are) (?:asked|invited|encouraged) to|recommend\w*"
    r"|to (?:ensure|review|consider|develop|make|provide|undertake|explore|promote|raise|deliver|introduce|produce))\b",
    re.IGNORECASE,
)
_NARRATIVE = re.compile(r"\b(?:had|was|were|did|found|heard|told|showed|said|noted)\b", re.IGNORECASE)


def _context_blanked(text: str) -> str:
    """``text`` with its clauses that narrate beside one that directs
    turned to spaces (offsets hold)."""
    clauses = _CLAUSES.split(text)
    if len(clauses) < 2 or not any(_DIRECTIVE.search(c) for c in clauses):
        return text
    kept = [" " * len(c) if _NARRATIVE.search(c) and not _DIRECTIVE.search(c) else c for c in clauses]
    seps = [m.group() for m in _CLAUSES.finditer(text)]
    return "".join(c + sep for c, sep in zip(kept, [*seps, ""], strict=True))


def _masked(patterns: tuple[Screened, ...], text: str, folded: str) -> tuple[str, str]:
    """``text`` with each pattern's matches blanked, and its folded form."""
    for screened in patterns:
        if screened.may_match(folded):
            blanked = screened.pattern.sub(_blank, text)
            if blanked != text:
                text, folded = blanked, fold(blanked)
    return text, folded


def _blank(m: re.Match[str]) -> str:
    """A match (or its ``masked`` group) turned to spaces, so that offsets hold."""
    if "masked" in m.re.groupindex and m.group("masked") is not None:
        a, b = m.span("masked")
        start = m.start()
        return m.group()[: a - start] + " " * (b - a) + m.group()[b - start :]
    return " " * len(m.group())


# A phrase that names whom a recommendation is addressed to: the subject of
# a sentence that says what it should do, or the one written to or asked.
_ADDRESSED = (
    r"(?:(?:^|[.;:!?\n])\s*(?:that\s+)?(?:the\s+)?(?P<phrase>{p})[^.;:\n]{{0,80}}?\b"
    r"(?:should|must|shall|will|is asked to|are asked to|needs? to|to consider|consider)\b"
    r"|\b(?:recommend(?:s|ed)? that|write(?:s)? to|wrote to|written to|letter to|ask(?:s|ed)?|asking|lobby(?:ing)?|urge(?:s|d)?)"
    r"\s+(?:the\s+)?(?:{p})\b)"
)


def _compiled(
    where: str, what: str, patterns: object, wrap: Callable[[str], str] = str, flags: int = re.IGNORECASE
) -> tuple[Screened, ...]:
    """A list of regular expressions from the file, each wrapped and
    compiled; ``what`` names them in errors ("theme 'x': phrases")."""
    if patterns is None:
        return ()
    if not isinstance(patterns, list) or not all(isinstance(p, str) and p for p in patterns):
        raise TaxonomyError(f"{where}: {what} must be a list of regular expressions")
    out = []
    for p in patterns:
        try:
            out.append(Screened.of(re.compile(wrap(p), flags)))
        except KeyError as exc:
            raise TaxonomyError(
                f"{where}: {what}: {p!r} uses {{{exc.args[0]}}}, which [words] does not define"
            ) from exc
        except re.error as exc:
            raise TaxonomyError(f"{where}: {what}: bad regular expression {p!r}: {exc}") from exc
    return tuple(out)


# Shorthand in phrases, so that one phrase holds however a sentence words
# it: ``ask~`` is the word and its inflections (asks, asked, asking); `` ... ``
# between two words lets up to six others stand between them ("ask ...
# about abuse" holds for "ask each client at every review about abuse");
# ``{tell}`` is any of the file's ``[words]`` of that name, so that one
# phrase ("{tell} the {agency}") holds for every verb and every agency.
_INFLECTED = re.compile(r"\b([A-Za-z]+)~")
_GAP = re.compile(r"\s+\.\.\.\s+")
_CLASS = re.compile(r"\{([a-z][a-z0-9_]*)\}")
GAP_WORDS = 6
_GAP_RE = rf"(?:,?\s+[\w'\u2019-]+){{0,{GAP_WORDS}}}?,?\s+"


def _inflections(m: re.Match[str]) -> str:
    word = m.group(1)
    if word.endswith("e"):
        return rf"{word[:-1]}(?:e|es|ed|ing|er|ers)"
    if len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou":
        return rf"{word[:-1]}(?:y|ies|ied|ying)"
    return rf"{word}(?:s|es|ed|ing|er|ers)?"


def _expand(p: str, words: Mapping[str, str] | None = None) -> str:
    """The phrase shorthand (``~``, `` ... ``, ``{class}``) as regular
    expressions; ``words`` holds each class already expanded."""

    def word_class(m: re.Match[str]) -> str:
        if words is None or m.group(1) not in words:
            raise KeyError(m.group(1))
        return words[m.group(1)]

    p = _CLASS.sub(word_class, p)
    p = _GAP.sub(lambda _m: _GAP_RE, p)
    p = _INFLECTED.sub(_inflections, p)
    if re.search(r"(?<!\\)~", p):  # "(ask|tell)~" would look for a "~" and never match
        raise re.error("~ must follow a word (write ask~|tell~, not (ask|tell)~)")
    return p


def _word_classes(where: str, raw: object) -> dict[str, str]:
    """The file's ``[words]``: each name with its alternatives as one group."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise TaxonomyError(f"{where}: [words] must be a table of lists")
    classes: dict[str, str] = {}
    for name, items in raw.items():
        if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            raise TaxonomyError(f"{where}: words: name {name!r} must be lower-case letters, digits and '_'")
        if not isinstance(items, list) or not items or not all(isinstance(w, str) and w for w in items):
            raise TaxonomyError(f"{where}: words {name!r} must be a list of phrases")
        try:
            classes[name] = "(?:" + "|".join(_expand(w, classes) for w in items) + ")"
        except KeyError as exc:
            raise TaxonomyError(f"{where}: words {name!r}: {{{exc.args[0]}}} is not defined above it") from exc
        except re.error as exc:
            raise TaxonomyError(f"{where}: words {name!r}: {exc}") from exc
    return classes


def _phrase(words: Mapping[str, str]) -> Callable[[str], str]:
    """A phrase on word boundaries."""
    return lambda p: rf"(?<![\w-])(?:{_expand(p, words)})(?![\w-])"


def _addressed(words: Mapping[str, str]) -> Callable[[str], str]:
    """A phrase as whom a recommendation is addressed to."""
    return lambda p: _ADDRESSED.format(p=_expand(p, words))


def parse_taxonomy(text: str, where: str = "<taxonomy>") -> Taxonomy:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TaxonomyError(f"{where}: not valid TOML: {exc}") from exc
    items = raw.get("theme")
    if not isinstance(items, list) or not items:
        raise TaxonomyError(f"{where}: no [[theme]] entries")
    words = _word_classes(where, raw.get("words"))
    themes: list[Theme] = []
    for i, item in enumerate(items, start=1):
        key = item.get("key") if isinstance(item, dict) else None
        if not isinstance(key, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", key):
            raise TaxonomyError(f"{where}: theme {i}: key must be lower-case letters, digits and '_'")
        if any(t.key == key for t in themes):
            raise TaxonomyError(f"{where}: theme {key!r} appears twice")
        phrases = _compiled(where, f"theme {key!r}: phrases", item.get("phrases"), _phrase(words))
        if not phrases:
            raise TaxonomyError(f"{where}: theme {key!r} has no phrases")
        themes.append(
            Theme(
                key,
                str(item.get("label") or key),
                phrases,
                _compiled(where, f"theme {key!r}: exclude", item.get("exclude"), _phrase(words)),
                _compiled(where, f"theme {key!r}: subjects", item.get("subjects"), _addressed(words)),
            )
        )
    mask = _compiled(where, "mask", raw.get("mask"), flags=0)
    return Taxonomy(tuple(themes), hashlib.sha256(text.encode()).hexdigest()[:12], mask)


@lru_cache(maxsize=8)
def _load(path: str | None) -> Taxonomy:
    if path is None:
        text = resources.files(__package__).joinpath(DEFAULT_TAXONOMY).read_text(encoding="utf-8")
        return parse_taxonomy(text, DEFAULT_TAXONOMY)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise TaxonomyError(f"{path}: cannot read it: {exc.strerror or exc}") from exc
    return parse_taxonomy(text, path)


def taxonomy_path() -> str | None:
    """The taxonomy file in force: ``DHR_TAXONOMY`` if set, else the default."""
    return os.environ.get("DHR_TAXONOMY") or None


def load_taxonomy(path: Path | str | None = None) -> Taxonomy:
    """The taxonomy at ``path``, or the one shipped with dhr-actions."""
    return _load(str(path) if path else None)
