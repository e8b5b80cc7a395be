"""Date expressions in English news text: find them, and turn them into dates with a stated precision."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from claimhouse.reference import ConflictPeriod, conflict_periods

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
# The lookahead for the months' first letters lets the search pass most positions without trying each name.
_MONTH = (r"(?=[" + "".join(sorted({name[0] for name in MONTHS})) + r"])(?P<month>"
          + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_MONTH_DAY = r"(?:(?<=\.)\s*|\s+)"  # "Oct 15", "Oct. 15" and "Oct.15"
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# Days named relative to the article's date: how many days before it.
RELATIVE_DAYS = {"today": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "tonight": 0,
                 "yesterday": 1, "last night": 1, "the day before yesterday": 2}
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                 "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
                 "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
                 "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40}
_ORDINAL = r"(?P<ordinal>\d{1,2}(?:st|nd|rd|th)|" + "|".join(ORDINAL_WORDS) + ")"
# What "the fourth day of ..." counts from: a conflict of the covered periods (reference seed).
_CONFLICT_NOUNS = r"(?:war|fighting|hostilities|clashes|conflict|offensive|counter-?offensive|escalation)"

class _AnyOf:
    """Found in a text that holds any of `words`, in any case (substring tests: a regular expression's
    alternation of words tries each at every position, several times slower)."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = tuple(sorted(set(words)))

    def search(self, text: str) -> bool:
        lowered = text.lower()
        return any(word in lowered for word in self.words)


# What a text must hold for a pattern to match: each is searched at most once a text, and spares most
# sentences (which write no date, or a date of one form) the searches of the patterns that cannot match.
_DIGIT = re.compile(r"\d")
_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")
_MONTH_LETTERS = _AnyOf(name[:3] for name in MONTHS)  # every month's name and abbreviation starts so
_DAY_LETTERS = _AnyOf(["day"])  # in "day" and every weekday's name
# the last word of every relative day ('today', 'last night'), and the parts of a day 'part_of_day' names
_TIME_OF_DAY_WORDS = _AnyOf(phrase.split()[-1] for phrase in RELATIVE_DAYS)
# (kind, pattern, what the text must hold). Order matters: the forms with a year come before the same
# forms without one.
DATE_PATTERNS = [
    ("iso", re.compile(rf"\b{_YEAR}-(?P<month_num>[01]\d)-(?P<day>[0-3]\d)\b"), (_YEAR_DIGITS,)),
    # "02.10.2020": written with dots, the day comes first (as European, Russian and Turkish outlets print it)
    ("dotted", re.compile(rf"\b(?P<day>[0-3]?\d)\.(?P<month_num>[01]?\d)\.{_YEAR}\b"), (_YEAR_DIGITS,)),
    ("day_month_year", re.compile(rf"\b{_DAY}\s+{_MONTH}\s*,?\s+{_YEAR}\b", re.I), (_YEAR_DIGITS, _MONTH_LETTERS)),
    ("month_day_year", re.compile(rf"\b{_MONTH}{_MONTH_DAY}{_DAY}\s*,?\s+{_YEAR}\b", re.I),
     (_YEAR_DIGITS, _MONTH_LETTERS)),
    ("day_month", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?![a-z])", re.I), (_DIGIT, _MONTH_LETTERS)),
    ("month_day", re.compile(rf"\b{_MONTH}{_MONTH_DAY}{_DAY}\b(?!\s*(?:,\s*)?(?:19|20)\d{{2}})", re.I),
     (_DIGIT, _MONTH_LETTERS)),
    # "the fourth day of the war": counted from the start of the conflict the article's date falls in
    ("day_of_conflict", re.compile(rf"\bthe\s+{_ORDINAL}\s+day\s+of\s+(?:the\s+)?(?:[a-z-]+\s+)?{_CONFLICT_NOUNS}\b",
                                   re.I), (_DAY_LETTERS,)),
    # "on the sixth day", "on the morning of the seventh day": in a war report, a day of the war
    ("day_of_conflict", re.compile(rf"\bon\s+the\s+(?:(?:morning|afternoon|evening|night)\s+of\s+the\s+)?"
                                   rf"{_ORDINAL}\s+day\b(?!\s+(?:of|after|before|since)\b)", re.I), (_DAY_LETTERS,)),
    ("relative_day", re.compile(r"\b(?P<relative>" + "|".join(sorted(RELATIVE_DAYS, key=len, reverse=True))
                                + r")\b", re.I), (_TIME_OF_DAY_WORDS,)),
    # "on Tuesday": the last such day on or before the article's date
    ("weekday", re.compile(r"\b(?:on|last|since|by|from|late|early|until)\s+(?:(?:early|late)\s+)?"
                           r"(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.I), (_DAY_LETTERS,)),
    # 'announced Thursday that ...': a weekday written with its capital, as American wire copy writes it
    ("weekday", re.compile(r"\b(?P<weekday>" + "|".join(w.capitalize() for w in WEEKDAYS) + r")\b"), (_DAY_LETTERS,)),
    # "on the evening of 29": a part of a day of the article's month (as ordinal_day)
    ("part_of_day", re.compile(r"\b(?:the\s+)?(?:morning|afternoon|evening|night)\s+of\s+(?:the\s+)?(?P<day>[0-3]?\d)"
                               r"(?:st|nd|rd|th)?\b(?!\s*[-–]\s*\d)", re.I),
     (_DIGIT, _TIME_OF_DAY_WORDS)),
    # "on the 29th": a day of the article's month (or of the month before, if that day is still to come)
    ("ordinal_day", re.compile(r"\bthe\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:century|anniversary|"
                               r"brigade|division|regiment|army|corps|battalion|session|round|minute|hour))", re.I),
     (_DIGIT,)),
]


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    text: str
    value: date | None
    # day: a full date; day_no_year: day and month given, year from the reference date (or, without one,
    # from the covered conflict period the day falls in); day_of_reference_month: only the day given
    # ("the 29th", "the evening of 29"), month and year from the reference date; weekday / relative_day
    # ("yesterday"): counted back from the reference date; day_of_conflict: "the fourth day of the war",
    # from the conflict's start
    precision: str


def find_dates(text: str, reference: date | None = None) -> list[DateMatch]:
    """Every calendar date expression in `text`, left to right, without overlaps.

    A day and month without a year takes the year of `reference` (the article's date) when there is
    one; without a reference the value stays None and the precision says so.
    """
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    holds: dict[re.Pattern[str] | _AnyOf, bool] = {}
    for kind, pattern, needs in DATE_PATTERNS:
        if not all(_holds(needed, text, holds) for needed in needs):
            continue
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            value, precision = _to_date(kind, m, reference)
            if precision == "invalid":
                continue
            taken.append((m.start(), m.end()))
            found.append(DateMatch(m.start(), m.end(), m.group(0), value, precision))
    return sorted(found, key=lambda d: d.start)


def _holds(needed: re.Pattern[str] | _AnyOf, text: str, holds: dict) -> bool:
    """Whether `text` holds what a pattern needs, searched once a text (`holds`: what was found so far)."""
    if needed not in holds:
        holds[needed] = bool(needed.search(text))
    return holds[needed]


def _to_date(kind: str, m: re.Match, reference: date | None) -> tuple[date | None, str]:
    groups = m.groupdict()
    if kind in ("ordinal_day", "part_of_day"):
        return _day_of_reference_month(int(groups["day"]), reference)
    if kind in ("relative_day", "weekday", "day_of_conflict"):
        return _counted_day(kind, groups, reference), kind
    month = int(groups["month_num"]) if groups.get("month_num") else MONTHS[groups["month"].lower()]
    day = int(groups["day"])
    if groups.get("year"):
        year, precision = int(groups["year"]), "day"
    elif reference is not None:
        year, precision = reference.year, "day_no_year"
    elif (covered := _covered_year(month, day)) is not None:
        year, precision = covered, "day_no_year"
    else:
        return (None, "day_no_year") if _valid(2000, month, day) else (None, "invalid")
    if not _valid(year, month, day):
        return None, "invalid"
    return date(year, month, day), precision


def _counted_day(kind: str, groups: dict[str, str], reference: date | None) -> date | None:
    """A day counted from the article's date ('yesterday', 'on Tuesday') or from its conflict's start."""
    if reference is None:
        return None
    if kind == "relative_day":
        return reference - timedelta(days=RELATIVE_DAYS[" ".join(groups["relative"].lower().split())])
    if kind == "weekday":
        back = (reference.weekday() - WEEKDAYS.index(groups["weekday"].lower())) % 7
        return reference - timedelta(days=back)
    ordinal = groups["ordinal"].lower()
    number = int(ordinal[:-2]) if ordinal[0].isdigit() else ORDINAL_WORDS[ordinal]
    conflict = _conflict_at(reference)
    if conflict is None or number < 1:
        return None
    return conflict.start_date + timedelta(days=number - 1)


def _conflict_at(day: date) -> ConflictPeriod | None:
    """The latest covered conflict that had started by `day` and had not ended long before it."""
    started = [c for c in conflict_periods() if c.start_date <= day <= c.end_date + timedelta(days=30)]
    return max(started, key=lambda c: c.start_date, default=None)


def _covered_year(month: int, day: int) -> int | None:
    """The year in which a yearless day falls inside the covered conflict periods, if exactly one does."""
    years = {c.start_date.year for c in conflict_periods()}
    inside = {year for year in years if _valid(year, month, day) and any(
        c.start_date <= date(year, month, day) <= c.end_date for c in conflict_periods()
        if c.start_date.year == year)}
    return inside.pop() if len(inside) == 1 else None


def _day_of_reference_month(day: int, reference: date | None) -> tuple[date | None, str]:
    if not 1 <= day <= 31:
        return None, "invalid"
    if reference is None:
        return None, "day_of_reference_month"
    year, month = reference.year, reference.month
    if day > reference.day:
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    if not _valid(year, month, day):
        return None, "invalid"
    return date(year, month, day), "day_of_reference_month"


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def first_full_date(text: str) -> date | None:
    """The first date in `text` that is written with its year, if any."""
    for match in find_dates(text):
        if match.precision == "day":
            return match.value
    return None
