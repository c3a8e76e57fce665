"""Lead agencies, not people: each lead resolved to its organisation.

A lead cell mixes people, roles and organisations: "Det Supt Head of PVP",
"Adele McGuigan – Service Manager", "Named GP for Safeguarding, Northshire
ICB", "All agencies". Each part of a lead is read against a gazetteer
(``organisations.toml``, extended by the file in ``DHR_ORGANISATIONS``):

- a named organisation or its abbreviation ("Home Office", "DHSC");
- else a phrase ending in words that name a type of organisation
  ("Harbourside Police", "Northmoor Borough Council"), qualified by the
  plan's area when it is only the type's words ("Integrated Care Board");
- else a role that tells the type ("Principal Social Worker": a council),
  resolved to that type's organisation in the plan's area ("Riverside
  council"), or the area's only listed organisation of the type.

The role is kept as a second level, made only of the words roles are made
of, so a person's name never reaches a count: it stays only in the record
as printed.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ..store.models import Document, Partnership, RecordRow
from ..store.repository import Store

GAZETTEER = Path(__file__).with_name("organisations.toml")
ALL_AGENCIES = "All agencies"
NOT_NAMED = "(organisation not named)"
# The words a role is named by ("Head of ...", "... Manager").
_HEADS = frozenset(
    [
        "head",
        "director",
        "manager",
        "lead",
        "leader",
        "officer",
        "nurse",
        "doctor",
        "gp",
        "worker",
        "coordinator",
        "co-ordinator",
        "chair",
        "commissioner",
        "inspector",
        "superintendent",
        "supt",
        "analyst",
        "practitioner",
        "adviser",
        "advisor",
        "consultant",
        "sergeant",
        "constable",
    ]
)
# Words that begin a role, not an organisation's own name ("Senior
# Probation Officer" names no organisation called "Senior Probation").
_NOT_A_NAME = _HEADS | frozenset(
    ["senior", "principal", "deputy", "assistant", "chief", "named", "designated", "executive", "strategic"]
)
_ALL = re.compile(
    r"^(?:all|every)\s+(?:agencies|partners|partner agencies|organisations|organizations|services)\b", re.I
)
_SEGMENTS = re.compile(r"\s*(?:[,;/()]|\s[–—-]\s|:)\s*")
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’&-]*|&")


@dataclass(frozen=True)
class OrgType:
    key: str
    label: str
    names: tuple[str, ...]
    roles: tuple[str, ...]
    default: str


@dataclass(frozen=True)
class Organisation:
    name: str
    type: str
    abbreviations: tuple[str, ...] = ()
    area: str | None = None


@dataclass(frozen=True, eq=False)  # hashed by identity: the readings of a lead are cached per gazetteer
class Gazetteer:
    types: dict[str, OrgType]
    organisations: tuple[Organisation, ...]
    role_words: frozenset[str]
    # Compiled once, as every lead of a store is read against them:
    # (type, pattern) of each type's naming words and role words, and each
    # organisation with the patterns of its name and abbreviations (local
    # ones first, then the longest name).
    name_patterns: tuple[tuple[str, re.Pattern[str]], ...] = ()
    role_patterns: tuple[tuple[str, int, re.Pattern[str]], ...] = ()
    organisation_patterns: tuple[tuple[Organisation, tuple[re.Pattern[str], ...]], ...] = ()
    # Every type's naming words, lower case ("police", "integrated care board").
    type_words: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Lead:
    """One lead, resolved: the organisation and its type, and the role."""

    organisation: str
    type: str  # a type key, "all", or "unknown"
    role: str | None
    inferred: bool = False  # the organisation is the type's in the plan's area, not printed


def load_gazetteer(extra: str | None = None) -> Gazetteer:
    """The shipped gazetteer, with the user's file (``extra``, else
    ``DHR_ORGANISATIONS``) added to it."""
    return _gazetteer(extra or os.environ.get("DHR_ORGANISATIONS") or "")


@cache
def _gazetteer(extra: str) -> Gazetteer:
    data = tomllib.loads(GAZETTEER.read_text(encoding="utf-8"))
    files = [data]
    if extra:
        files.append(tomllib.loads(Path(extra).read_text(encoding="utf-8")))
    types: dict[str, OrgType] = {}
    organisations: list[Organisation] = []
    role_words: set[str] = set()
    for d in files:
        for key, t in d.get("types", {}).items():
            old = types.get(key)
            types[key] = OrgType(
                key,
                t.get("label", old.label if old else key),
                (*(old.names if old else ()), *t.get("names", [])),
                (*(old.roles if old else ()), *t.get("roles", [])),
                t.get("default", old.default if old else key),
            )
        for o in d.get("organisations", []):
            organisations.append(Organisation(o["name"], o["type"], tuple(o.get("abbreviations", [])), o.get("area")))
        role_words.update(w.lower() for w in d.get("role_words", []))
    for o in organisations:
        if o.type not in types:
            raise ValueError(f"{extra or GAZETTEER}: organisation {o.name!r} has unknown type {o.type!r}")
    ranked = sorted(organisations, key=lambda o: (o.area is None, -len(o.name)))
    return Gazetteer(
        types,
        tuple(organisations),
        frozenset(role_words),
        tuple((kind, _word_pattern(n)) for kind, t in types.items() for n in t.names),
        tuple((kind, len(r), _word_pattern(r)) for kind, t in types.items() for r in t.roles),
        tuple(
            (o, (re.compile(re.escape(o.name), re.I), *(re.compile(rf"\b{re.escape(a)}\b") for a in o.abbreviations)))
            for o in ranked
        ),
        frozenset(n.lower() for t in types.values() for n in t.names),
    )


def _word_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase as whole words; in any case unless it is in capitals ("ICB")."""
    return re.compile(rf"\b{re.escape(phrase)}\b", 0 if phrase.isupper() else re.I)


def resolve(lead: str, area: str | None = None, gazetteer: Gazetteer | None = None) -> Lead | None:
    """One part of a lead cell (``split_leads``) resolved, in the plan of a
    partnership of ``area`` (None when it names nothing to count)."""
    g = gazetteer or load_gazetteer()
    text = " ".join(lead.split())
    if _ALL.match(text):
        return Lead(ALL_AGENCIES, "all", None)
    if text.islower():  # "gloucestershire safeguarding children board."
        text = text.title()
    org, kind, rest = _named(text, g, area)
    if org is None:
        org, kind, rest = _phrase(text, g, bare=False)
    inferred = False
    if org is None:
        kind = _type_by_role(text, g)
        if kind is None:
            _bare, kind, rest = _phrase(text, g, bare=True)
        if kind is not None:
            org, inferred = _by_area(g, kind, area), True
    role = _role(rest, g)
    if org is None and _ACRONYM.fullmatch(text):
        return Lead(text, "unknown", None)  # an organisation by its initials
    if org is None or kind is None:
        return Lead(NOT_NAMED, "unknown", role) if role else None
    return Lead(org, kind, role, inferred)


def split_leads(lead: str | None) -> list[str]:
    """The parts of a lead cell naming one lead each (one a line)."""
    if not lead:
        return []
    parts = [p.strip(" .,-–") for p in re.split(r"[\n;]+", lead)]
    seen: dict[str, None] = {}
    for p in parts:
        if p and len(p) <= 120:
            seen.setdefault(p, None)
    return list(seen)


def agencies(
    store: Store, roles: bool = False, counted: set[int] | None = None, organisations: str | None = None
) -> list[dict[str, Any]]:
    """Lead organisations (and with ``roles``, each organisation's roles)
    with the records and reviews naming them, most named first. Only the
    documents in ``counted`` (one copy of each review) when given; the
    gazetteer extended by the file ``organisations`` when given."""
    g = load_gazetteer(organisations)
    with store.session() as s:
        q = (
            select(RecordRow.lead, Document.id, Partnership.name)
            .join(Document, RecordRow.document_id == Document.id)
            .outerjoin(Partnership, Document.partnership_id == Partnership.id)
            .where(Document.is_current.is_(True), Document.withdrawn_at.is_(None))
        )
        rows = s.execute(q).all()
    # A store prints the same few hundred leads over and over: each (lead
    # cell, area) is resolved once.
    seen: dict[tuple[str | None, str | None], set[Lead]] = {}
    resolved = []
    for lead, doc_id, area in rows:
        if counted is not None and doc_id not in counted:
            continue
        if (lead, area) not in seen:
            seen[lead, area] = {r for r in (resolve(p, area, g) for p in split_leads(lead)) if r is not None}
        resolved.append((doc_id, area, seen[lead, area]))
    names = _naming(resolved, g)
    groups: dict[tuple[str, ...], dict[str, Any]] = {}
    for doc_id, area, leads in resolved:
        for printed_as, found in {(r.organisation, names(area, r)) for r in leads}:
            key: tuple[str, ...] = (
                (_key(found.organisation), found.role or "") if roles else (_key(found.organisation),)
            )
            entry = groups.setdefault(
                key, {"type": found.type, "records": 0, "docs": set(), "roles": Counter(), "forms": Counter()}
            )
            entry["records"] += 1
            entry["docs"].add(doc_id)
            # An abbreviation is a form of its organisation's name; an
            # organisation known by role takes the name printed elsewhere.
            entry["forms"][printed_as if _ACRONYM.fullmatch(printed_as) else found.organisation] += 1
            if found.role:
                entry["roles"][found.role] += 1
    out = []
    for key, e in groups.items():
        forms = [f for f, _n in e["forms"].most_common()]
        shown = max(forms, key=lambda f: (not f.isupper(), any(c.isupper() for c in f), e["forms"][f], len(f)))
        row: dict[str, Any] = {"agency": shown, "type": type_label(e["type"], g)}
        if roles:
            row["role"] = key[1] or None
        row["records"], row["reviews"] = e["records"], len(e["docs"])
        if not roles:
            row["roles"] = "; ".join(r for r, _n in e["roles"].most_common(3)) or None
        row["variants"] = "; ".join(f for f in forms if f != shown) or None
        out.append(row)
    out.sort(key=lambda r: (-r["records"], r["agency"], r.get("role") or ""))
    return out


def _naming(resolved: Sequence[tuple[int, str | None, set[Lead]]], g: Gazetteer) -> Any:
    """How a resolved lead is named in the counts: an organisation known
    only by its type in an area takes the area's one printed organisation
    of that type (a partnership's plans name its council in full in one
    place and by role elsewhere), and an abbreviation the initials of a
    printed organisation ("GSCB")."""
    printed: dict[tuple[str, str], set[str]] = defaultdict(set)
    by_initials: dict[str, Lead] = {}
    for _d, area, leads in resolved:
        for r in leads:
            if r.inferred or r.type not in g.types:
                continue
            if area and area.lower() in r.organisation.lower():
                printed[area, r.type].add(_key(r.organisation))
            by_initials.setdefault(_initials(r.organisation), r)
    full = {_key(r.organisation): r.organisation for _d, _a, leads in resolved for r in leads if not r.inferred}

    def name(area: str | None, found: Lead) -> Lead:
        if found.inferred and area and len(printed.get((area, found.type), ())) == 1:
            return replace(found, organisation=full[next(iter(printed[area, found.type]))], inferred=False)
        if found.type == "unknown" and found.organisation in by_initials:
            named = by_initials[found.organisation]
            return replace(found, type=named.type, organisation=named.organisation)
        return found

    return name


# A store prints the same few hundred lead cells in every partnership's
# plans: what does not depend on the partnership is read once per text.
_READINGS = 16_384


@lru_cache(maxsize=_READINGS)
def _key(organisation: str) -> str:
    """An organisation's name for grouping: case, punctuation and "the" aside."""
    key = organisation.lower().replace("&", " and ")
    key = re.sub(r"[^a-z0-9 ]+", " ", key)
    return re.sub(r"^the ", "", " ".join(key.split()))


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in {"of", "and", "the", "for", "&"}).upper()


def type_label(kind: str, g: Gazetteer | None = None) -> str:
    """How an organisation type is shown ("Police force")."""
    g = g or load_gazetteer()
    if kind in g.types:
        return g.types[kind].label
    return {"all": "All agencies", "unknown": "Not named"}.get(kind, kind)


def _named(text: str, g: Gazetteer, area: str | None) -> tuple[str | None, str | None, str]:
    """A gazetteer organisation the text names, by name or abbreviation;
    "the Trust" and the like are the area's only organisation of a type."""
    low = text.lower()
    for o, rest in _organisations_named(text, g):
        if not (o.area and area and o.area.lower() != area.lower()):
            return o.name, o.type, rest
    the = re.search(r"\bthe (trust|council|ccg|icb|constabulary|force)\b", low)
    if the and area:
        kind = {"trust": "nhs_trust", "council": "council", "ccg": "icb", "icb": "icb"}.get(the.group(1), "police")
        return _by_area(g, kind, area), kind, (text[: the.start()] + " " + text[the.end() :]).strip()
    return None, None, text


@lru_cache(maxsize=_READINGS)
def _organisations_named(text: str, g: Gazetteer) -> tuple[tuple[Organisation, str], ...]:
    """Every gazetteer organisation the text names, in the gazetteer's
    order, each with the text left when its name is taken out."""
    out = []
    for o, patterns in g.organisation_patterns:
        hit = next((m for m in (p.search(text) for p in patterns) if m), None)
        if hit:
            out.append((o, (text[: hit.start()] + " " + text[hit.end() :]).strip()))
    return tuple(out)


@lru_cache(maxsize=_READINGS)
def _phrase(text: str, g: Gazetteer, bare: bool) -> tuple[str | None, str | None, str]:
    """An organisation named by a phrase ending in a type's words, with
    the capitalised words before them ("Harbourside Police"); with
    ``bare``, the type's words alone too ("Integrated Care Board"),
    qualified by the plan's area."""
    best: tuple[int, str, str, str] | None = None  # (length of match, organisation, type, rest)
    for kind, pattern in g.name_patterns:
        for m in pattern.finditer(text):
            start = _qualifier_start(text, m.start())
            org = text[start : m.end()].strip()
            if org.lower() in g.type_words and not bare:  # a type's words alone
                continue
            if best is None or m.end() - m.start() > best[0]:
                best = (m.end() - m.start(), org, kind, (text[:start] + " " + text[m.end() :]).strip())
    if best is None:
        return None, None, text
    return best[1], best[2], best[3]


def _qualifier_start(text: str, end: int) -> int:
    """Where the capitalised words before ``end`` (the organisation's own
    name: "Harbourside", "Lindow Partnership") begin: back to a separator,
    a lower-case word or a role's head word ("Head of Probation")."""
    start = end
    for w in reversed(list(re.finditer(r"\S+", text[:end]))):
        token = w.group(0)
        if token in {"–", "—", "-", "/"} or token.endswith((",", ";", ":", ")")) or token.startswith("("):
            break
        if token.lower() in _NOT_A_NAME or not (token[0].isupper() or token.lower() in {"and", "of", "&"}):
            break
        start = w.start()
    lead_in = re.match(r"(?:(?:and|of|&)\s+)+", text[start:end], re.I)
    return start + (lead_in.end() if lead_in else 0)


@lru_cache(maxsize=_READINGS)
def _type_by_role(text: str, g: Gazetteer) -> str | None:
    """The type the longest role phrase in ``text`` tells ("Named GP": an ICB)."""
    best: tuple[int, str] | None = None
    for kind, length, pattern in g.role_patterns:
        if (best is None or length > best[0]) and pattern.search(text):
            best = (length, kind)
    return best[1] if best else None


def _by_area(g: Gazetteer, kind: str, area: str | None) -> str:
    """The organisation of a type in the plan's area: the gazetteer's one
    for the area, else the type's name after the area's ("Riverside council")."""
    local = [o for o in g.organisations if o.type == kind and o.area and area and o.area.lower() == area.lower()]
    if len(local) == 1:
        return local[0].name
    default = g.types[kind].default
    return f"{area} {default}" if area else default[:1].upper() + default[1:]


@lru_cache(maxsize=_READINGS)
def _role(text: str, g: Gazetteer) -> str | None:
    """The role in what is left of a lead: its segments made of role words
    when one of them names a role ("Service Manager"); any other word,
    such as a person's name, is left out."""
    fillers = {"of", "for", "and", "the", "&", "in", "to", "on", "with"}
    kept: list[str] = []
    named = False
    for segment in _SEGMENTS.split(text):
        printed = _WORD.findall(segment)
        words = [w for w in printed if w.lower().strip("'’") in g.role_words]
        has_head = any(w.lower() in _HEADS for w in words)
        if not words or not (has_head or len(words) == len(printed)):
            continue
        named = named or has_head
        while words and words[0].lower() in fillers:
            words.pop(0)
        while words and words[-1].lower() in fillers:
            words.pop()
        if words:
            kept.append(" ".join(words))
    return ", ".join(kept) if named and kept else None
