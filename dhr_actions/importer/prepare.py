"""One document extracted, tagged and described: everything but saving.

Runs in a worker process (or in the caller's with ``jobs=0``) and never
raises for a bad file: the import comes back FAILED with its reason.
"""

from __future__ import annotations

import logging
import re

from .. import __version__
from ..ingest.extractors.base import Extractor, get_extractor
from ..isolation.workers import MEMORY_REASON, free_cores
from ..model.errors import DocumentError
from ..normalise.record import Record
from ..store.models import Outcome
from ..store.repository import DocumentImport
from .plan import ImportJob
from .stages import Stages

log = logging.getLogger(__name__)


def prepare_import(job: ImportJob, stages: Stages, extractor: Extractor | None = None) -> DocumentImport:
    """Read, tag and describe one document with the ``stages`` handed in."""
    ex = extractor or get_extractor(
        job.extractor, ocr=job.ocr, triage=job.triage, ocr_threads=free_cores, engine=job.engine
    )
    imp = failed_import(job, None, ex.name)
    try:
        result = stages.read(job.path, ex, job.name, job.max_pages, "; see --max-pages")
        imp.page_count = result.page_count
        imp.title = result.title
        opening = result.opening_text
        imp.partnership = job.partnership or guess_partnership(job.name, opening)
        imp.as_at = printed_as_at(imp.title, opening, job.name)
    except DocumentError as exc:
        imp.reason = str(exc)
        return imp
    except MemoryError:
        imp.reason = MEMORY_REASON
        return imp
    except Exception as exc:  # an extractor bug must not stop the batch
        log.debug("extraction of %s failed", job.path, exc_info=True)
        detail = str(exc).splitlines()[0][:200] if str(exc) else ""
        imp.reason = f"extraction error: {type(exc).__name__}{': ' + detail if detail else ''}"
        return imp
    if stages.tag is not None:
        imp.taxonomy = stages.tag(result.records)
    imp.records = result.records
    imp.year = review_year(job.name, imp.title, result.records)
    imp.notes = result.notes
    imp.ocr = result.ocr
    if result.records:
        imp.outcome = Outcome.IMPORTED
    else:
        imp.outcome = Outcome.NO_PLAN
        imp.reason = result.notes[0] if result.notes else "no action-plan table found"
    return imp


def failed_import(job: ImportJob, reason: str | None, extractor: str | None = None) -> DocumentImport:
    """A failed import of ``job``: the starting point of every import, and
    the result when a limit gives the document up."""
    return DocumentImport(
        file_name=job.name,
        sha256=job.sha256,
        outcome=Outcome.FAILED,
        reason=reason,
        size_bytes=job.size,
        source_path=str(job.path.resolve()),
        source_url=job.source_url,
        partnership=job.partnership,
        extractor=extractor or job.extractor,
        extractor_version=__version__,
    )


def guess_partnership(file_name: str, opening_text: str) -> str | None:
    """Name the publishing partnership from the first page's text, else from
    the words that open the file name ("south-worcestershire-dhr-3.pdf")."""
    m = re.search(
        r"([A-Z][A-Za-z'&.]+(?:[ -][A-Z][A-Za-z'&.]+){0,3})\s+(Community Safety Partnership|Safer\s+\w+\s+Partnership|Strategic Leadership Group|Safeguarding (?:Adults )?Board)",
        opening_text,
    )
    if m:
        return " ".join(m.group(1).split())
    stem = re.sub(r"\.(pdf|docx?|xlsx?|odt|ods|rtf)$", "", file_name, flags=re.I)
    words: list[str] = []
    for word in re.split(r"[-_\s]+", stem):
        if not word.isalpha() or _REVIEW_CODE.match(word) or word.lower() in _REVIEW_WORDS:
            break
        words.append(word.capitalize())
    return " ".join(words) or None


# Where a file name's partnership ends: a review's code, "DHR" with the
# place's initial or two before it or a number after ("ldhr", "BDHR",
# "sdhr12"), or the words that name the kind of document.
_REVIEW_CODE = re.compile(r"^[a-z]{0,3}dhr\d*$", re.I)
_REVIEW_WORDS = frozenset({"domestic", "homicide", "review", "action", "plan"})


# "Updated November 2015", "Position as at May 2022", "Progress update:
# 31/03/2023", "Status as of June 2021": the date a version speaks for.
_AS_AT = re.compile(
    r"\b(?:updated?(?:\s+(?:on|at|as\s+(?:at|of)))?|position\s+(?:as\s+)?(?:at|of)|(?:progress|status)(?:\s+update)?"
    r"\s+(?:as\s+)?(?:at|of|to)|progress\s+update|as\s+(?:at|of))\s*[:\-–]?\s*",
    re.I,
)


_DATE_START = re.compile(r"\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|autumn|winter)", re.I)


def printed_as_at(title: str | None, opening_text: str, file_name: str) -> str | None:
    """The date the document's progress is given as at, when its title,
    first page or file name prints one after words such as "updated" or
    "position as at" (ISO 8601 at the printed precision)."""
    from ..normalise.dates import find_periods

    for text in (title or "", opening_text[:2000], file_name.replace("-", " ").replace("_", " ")):
        for m in _AS_AT.finditer(text):
            rest = text[m.end() : m.end() + 30]
            # The date must follow the words (not a table's first cell a
            # "Progress update" header happens to stand before).
            periods = find_periods(rest) if _DATE_START.match(rest) else []
            if periods:
                return periods[0].iso
    return None


def review_year(file_name: str, title: str | None, records: list[Record]) -> int | None:
    """The review's year: the first year in its title or file name, else the
    earliest year among its target dates."""
    for text in (title or "", file_name):
        m = re.search(r"(?<!\d)(199\d|20\d\d)(?!\d)", text)
        if m:
            return int(m.group(1))
    years = [int(r.target_date[:4]) for r in records if r.target_date]
    return min(years) if years else None
