"""Target dates: the latest date a free-text cell mentions, at the precision printed.

Policy (SCHEMA.md, "Dates"):

* UK order: ``04/03/15`` is 4 March 2015; ``31.03.2022`` and ``1 st April 2013`` are days.
* Two-digit years are 20YY: ``Sept 21`` → ``2021-09``, ``Dec-20`` → ``2020-12``.
* Seasons and financial quarters with a year give the year; a financial year
  ``2021/22`` runs April 2021 to March 2022, and its quarter Q3 lies in 2021.
* "Latest" compares the end of each period; on a tie the more precise wins.
* Words around dates are ignored; nothing datable gives ``None``. A day or a
  month is never invented.

Spans are found and read with the patterns below (most specific first, each
span used once); a day is then checked by one configured ``dateparser``
parser (English, day-first), which rejects impossible days such as 31/02.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

Precision = Literal["day", "month", "year"]

# Years outside this range are not target dates of a DHR action plan
# ("1/1/1000" is a typing slip, "3000" a quantity).
MIN_YEAR, MAX_YEAR = 1950, 2099

_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")  # fmt: skip


def _prefixes(name: str) -> str:
    """``name`` or any start of it of three letters or more, as a regular
    expression: "dec", "decem", "decembe" (a month cut short by a narrow
    column, or its last letter lost by OCR) and "december"."""
    return name[:3] + "".join(f"(?:{c}" for c in name[3:]) + ")?" * (len(name) - 3)


# Welsh partnerships print their plans in Welsh and English, dates too
# ("Mawrth 2023 / March 2023"): the Welsh months, by their whole names only.
_WELSH_MONTH_NAMES = ("ionawr", "chwefror", "mawrth", "ebrill", "mai", "mehefin", "gorffennaf", "awst", "medi", "hydref", "tachwedd", "rhagfyr")  # fmt: skip

# A month by the first three letters of its name, however much of it is printed.
_MONTHS = {name[:3]: n for names in (_MONTH_NAMES, _WELSH_MONTH_NAMES) for n, name in enumerate(names, start=1)}
_MONTH = "(?P<month>" + "|".join([*(_prefixes(name) for name in _MONTH_NAMES), *_WELSH_MONTH_NAMES]) + ")"
# A two-digit year, unless a month name follows: in "January 31 March 2021"
# the 31 is the day of March. A year with a slash and the next year after it
# is a financial year's start ("2023/24": ``_opens_financial_year``), one
# with a slash and words or other numbers after it is not ("Mawrth 2023/
# March 2023", "March 2021 / 10").
_YEAR = (
    r"(?P<year>(?:19|20)\d{2}|'?\d{2}(?!\s*(?:st|nd|rd|th)?\s+(?:of\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)))(?!\d)"
)
_ORD = r"(?:\s*(?:st|nd|rd|th))?"
_QUARTER_WORDS = {"1": 1, "2": 2, "3": 3, "4": 4, "one": 1, "two": 2, "three": 3, "four": 4, "first": 1, "second": 2, "third": 3, "fourth": 4}  # fmt: skip

_ISO_DAY = re.compile(r"(?<![\d/.])(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d])")
_NUMERIC_DAY = re.compile(
    r"(?<![\d/.])(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4}|\d{2})(?![\d/.]\d)"
)
_DAY_MONTH_YEAR = re.compile(rf"(?<!\d)(?P<d>\d{{1,2}}){_ORD}\s*(?:of\s+)?{_MONTH}\.?,?\s*[-/]?\s*{_YEAR}", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\.?\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<year>(?:19|20)\d{{2}})\b", re.I)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\b\.?,?\s*[-/']?\s*{_YEAR}", re.I)
_NUMERIC_MONTH = re.compile(r"(?<![\d/.])(?P<m>\d{1,2})\s*[/.]\s*(?P<year>(?:19|20)\d{2})\b")
_QUARTER = re.compile(
    r"\b(?:q(?:tr)?\s*(?P<q1>[1-4])|(?P<q2>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter|quarter\s*(?P<q3>[1-4]|one|two|three|four))"
    r"(?:\s*\((?P<range>[^)]*)\))?\s*(?:of\s+)?(?:(?P<fy1>(?:19|20)\d{2})\s*[/\-–]\s*(?P<fy2>\d{2}|\d{4})|(?P<year>(?:19|20)\d{2}))\b",
    re.I,
)
_SEASON = re.compile(
    r"\b(?P<season>spring|summer|autumn|fall|winter)\s*(?:of\s+)?(?P<year>(?:19|20)\d{2})(?:\s*[/\-–]\s*(?P<y2>\d{2}|\d{4}))?\b",
    re.I,
)
# A financial year's second year ("2023/24", "2023/2024").
_FY2 = r"(?P<fy2>\d{2}|(?:19|20)\d{2})(?!\d)"
_FINANCIAL_YEAR = re.compile(rf"(?<!\d)(?P<fy1>(?:19|20)\d{{2}})\s*[/\-–]\s*{_FY2}")
# What follows a year that opens a financial year: a slash and the next year.
_FINANCIAL_REST = re.compile(rf"\s*/\s*{_FY2}")
_BARE_YEAR = re.compile(r"(?<![\d/.£$])(?P<year>(?:19[5-9]|20\d)\d)(?![\d%])")


@dataclass(frozen=True, order=True)
class Period:
    """A printed date: its last day, how precisely it was printed, and the ISO form."""

    end: date
    rank: int  # 0 year, 1 month, 2 day: on a tie the more precise wins
    iso: str

    @property
    def precision(self) -> Precision:
        return ("year", "month", "day")[self.rank]  # type: ignore[return-value]


_BROKEN_YEAR = re.compile(r"\b(\d{1,2}[/.-]\d{1,2}[/.-](?:19|20))\s*\n\s*(\d{2})\b")


def target_date(text: str | None) -> str | None:
    """The latest date ``text`` mentions, in ISO 8601 at the printed precision."""
    periods = find_periods(text)
    return max(periods).iso if periods else None


def find_periods(text: str | None) -> list[Period]:
    """Every datable span of ``text``, in order of the patterns that found them."""
    if not text:
        return []
    # A date broken in a narrow column: "30/06/20" over "23".
    s = " ".join(_BROKEN_YEAR.sub(r"\1\2", text).split())
    found: list[Period] = []
    taken: list[tuple[int, int]] = []

    def claim(m: re.Match[str]) -> bool:
        a, b = m.span()
        if any(a < y and x < b for x, y in taken):
            return False
        taken.append((a, b))
        return True

    # A span is claimed only when it reads as a real day: "0 January 31"
    # must not hide the "31 March 2021" that follows it.
    for m in (*_ISO_DAY.finditer(s), *_NUMERIC_DAY.finditer(s)):
        year = _year(m.group("y"))
        p = _day(year, int(m.group("m")), int(m.group("d"))) if year else None
        if p and claim(m):
            found.append(p)
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for m in pattern.finditer(s):
            if not _is_month_word(m.group("month")) or _opens_financial_year(s, m):
                continue
            year = _year(m.group("year"))
            p = _day(year, _MONTHS[m.group("month").lower()[:3]], int(m.group("d"))) if year else None
            if p and claim(m):
                found.append(p)
    for m in _QUARTER.finditer(s):
        if claim(m):
            word = (m.group("q1") or m.group("q2") or m.group("q3") or "").lower()
            q = _QUARTER_WORDS.get(word[:1] if word[:1].isdigit() else word, 0)
            if m.group("year"):
                year = int(m.group("year"))
            elif q:
                first = int(m.group("fy1"))
                year = first + 1 if q == 4 else first
            else:
                continue
            # "Quarter 3 (Oct-Dec) 2021": the cell states the months, so the
            # quarter ends with the last month it names.
            months = [_MONTHS[w.lower()[:3]] for w in re.findall(_MONTH, m.group("range") or "", re.I)]
            found.append(_month_period(year, months[-1]) if months else _year_period(year))
    for m in _SEASON.finditer(s):
        if claim(m):
            year = int(m.group("year"))
            if m.group("y2") and m.group("season").lower() == "winter":
                year = _year(m.group("y2")) or year
            found.append(_year_period(year))
    for m in _MONTH_YEAR.finditer(s):
        if not _is_month_word(m.group("month")) or _opens_financial_year(s, m):
            continue
        year = _year(m.group("year"))
        if year and claim(m):
            found.append(_month_period(year, _MONTHS[m.group("month").lower()[:3]]))
    for m in _NUMERIC_MONTH.finditer(s):
        month = int(m.group("m"))
        if 1 <= month <= 12 and claim(m):
            found.append(_month_period(int(m.group("year")), month))
    for m in _FINANCIAL_YEAR.finditer(s):
        first = int(m.group("fy1"))
        if _next_year(first, m.group("fy2")) and claim(m):
            found.append(_year_period(first + 1))
    for m in _BARE_YEAR.finditer(s):
        if claim(m):
            found.append(_year_period(int(m.group("year"))))
    return [p for p in found if MIN_YEAR <= p.end.year <= MAX_YEAR]


def _opens_financial_year(s: str, m: re.Match[str]) -> bool:
    """Is the year ``m`` ends with the first of a financial year ("March
    2023/24"), which the financial year reads?"""
    rest = _FINANCIAL_REST.match(s, m.end("year"))
    year = _year(m.group("year"))
    return bool(rest and year and _next_year(year, rest.group("fy2")))


def _next_year(first: int, second: str) -> bool:
    """Is ``second`` ("24", "2024") the year after ``first``: a financial
    year's second year?"""
    return _year(second) == first + 1


def _is_month_word(word: str) -> bool:
    # "may" and "mar" are also English words: only capitalised they are months.
    return word.lower() not in {"may", "mar"} or word[0].isupper()


def _year(text: str | None) -> int | None:
    if not text:
        return None
    digits = text.lstrip("'")
    if len(digits) == 2:
        return 2000 + int(digits)
    if len(digits) == 4 and MIN_YEAR <= int(digits) <= MAX_YEAR:
        return int(digits)
    return None


def period_end(iso: str) -> date:
    """The last day of a date written at its precision: "2018" → 2018-12-31,
    "2018-09" → 2018-09-30, "2018-09-04" itself."""
    parts = [int(p) for p in iso.split("-")]
    year, month, day = parts[0], parts[1] if len(parts) > 1 else 12, parts[2] if len(parts) > 2 else None
    return date(year, month, day or calendar.monthrange(year, month)[1])


def _year_period(year: int) -> Period:
    iso = f"{year:04d}"
    return Period(period_end(iso), 0, iso)


def _month_period(year: int, month: int) -> Period:
    iso = f"{year:04d}-{month:02d}"
    return Period(period_end(iso), 1, iso)


def _day(year: int, month: int, day: int) -> Period | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    parsed = _parse_day(f"{day:02d}/{month:02d}/{year:04d}")
    if parsed is None:
        return None
    return Period(parsed, 2, parsed.isoformat())


@lru_cache(maxsize=4096)
def _parse_day(text: str) -> date | None:
    """Read a day-first date with the one configured dateparser parser."""
    data = _parser().get_date_data(text)
    if data.date_obj is None or data.period != "day":
        return None
    return data.date_obj.date()


@lru_cache(maxsize=1)
def _parser():  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True},
    )
