"""Article metadata (title, outlet, author, publication date, URL) from a text's header lines.

Fields a source gives explicitly (JSON keys, HTML meta tags) win over what the text's lines suggest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from claimhouse.dates import MONTHS, find_dates, first_full_date
from claimhouse.reference import outlet_names, outlet_of_url, place_aliases
from ingest.clean import DATE_MARKER, MARKDOWN_LINK, boilerplate_rule, split_lines

HEADER_LINES = 15  # metadata is looked for in this many non-empty lines at the top
MAX_TITLE_CHARS = 200
MAX_DATELINE_CHARS = 80
MAX_OUTLET_LINE_WORDS = 6  # 'DAILY SABAH WITH AGENCIES': a line in capitals that starts with an outlet's name
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))

# Whole-line datelines that name an outlet, as news sites and aggregators print them.
OUTLET_DATELINES = [
    # "date 2020-10-02 By Trend"
    re.compile(r"^date\s+(?P<date>\d{4}-\d{2}-\d{2})\s+by\s+(?P<outlet>.{2,60})$", re.I),
    # "Global Research, October 27, 2020" / "Reuters, 27 October 2020"
    re.compile(rf"^(?P<outlet>[A-Z][\w .&'-]{{1,60}}),\s+(?P<date>(?:(?:{_MONTH})\.?\s+\d{{1,2}},?|"
               rf"\d{{1,2}}\s+(?:{_MONTH})\.?)\s+\d{{4}})$", re.I),
]
# "BAKU, (BM) – ..." / "YEREVAN, Oct 5 (Reuters) - ...": a place in capitals, then the outlet in brackets.
WIRE_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z .'-]{2,40}),\s*(?:[^()]{0,20}?\s*)?\((?P<outlet>[^()]{1,40})\)"
                           r"\s*[-–—]")
# "MOSCOW, October 11. /TASS/. ..." / "STEPANAKERT, OCTOBER 15, ARMENPRESS. ..." / "Baku, 12 October, AZERTAC -":
# a place, a date (often without its year) and the agency, before the first paragraph on the same line.
AGENCY_PLACE = re.compile(r"^(?P<place>[A-Z][A-Za-z'’ -]{1,30}(?:/[A-Z][A-Za-z'’ -]{1,30})*)[,.]\s+"
                          r"(?:[A-Z][a-z]+,\s+)?")  # "BAKU, Azerbaijan, Oct.15"
AGENCY_NAME = re.compile(r"^[.,]?\s*(?:[-–—]\s*)?(?:(?P<open>[/(\[])\s*)?(?P<outlet>[A-Z][\w.&'’ -]{1,30}?)\s*"
                         r"(?(open)[/)\]])\s*(?:[.,:–—-]|$)")
# what may follow a dateline's date: nothing, or a time of day ('18.40 GMT', 'at 10:05 am', '14:05 (UTC+4)')
TIME_OF_DAY = re.compile(r"\s*(?:[,|-]?\s*(?:at\s+)?\d{1,2}[.:]\d{2}(?:\s*[ap]\.?m\.?)?"
                         r"(?:\s*\(?[A-Z]{2,4}(?:[+-]\d{1,2})?\)?)?)?\s*", re.I)
BYLINE = re.compile(r"^by\s+(?P<author>[^.!?]{2,80})$", re.I)
URL_LINE = re.compile(r"^(?:url|source|link|originally published at|original article)\s*:\s*(?P<url>https?://\S+)$",
                      re.I)
# A date in a URL's path, as news sites write it: '/2020/10/16/', '/2020/oct/08/'
URL_DATE = re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<month>\d{1,2}|[a-z]{3})/(?P<day>\d{1,2})(?:/|$)", re.I)
MONTHS_ABBREVIATED = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
# Pages that name their publisher in a fixed line.
PUBLISHER_LINES = {re.compile(r"^from wikipedia, the free encyclopedia$", re.I): "Wikipedia"}


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published_date: date | None = None
    url: str | None = None
    # 0-based indexes of lines that hold only metadata (datelines, bylines): not article text.
    header_lines: frozenset[int] = frozenset()


def extract_metadata(text: str, fields: dict[str, str] | None = None) -> Metadata:
    fields = fields or {}
    found: dict[str, object] = {}
    header: set[int] = set()
    title_index = None
    seen = 0
    for index, raw in enumerate(split_lines(text)):
        line = MARKDOWN_LINK.sub(r"\1", raw).strip()
        if not line:
            continue
        seen += 1
        if seen > HEADER_LINES:
            break
        if _read_header_line(line, found, text):
            header.add(index)
        elif title_index is None and "title" not in found and _looks_like_title(line):
            found["title"] = line
            title_index = index
    published = parse_date_value(fields["published"]) if fields.get("published") else None
    url = fields.get("url") or found.get("url")
    marker = DATE_MARKER.match(text)
    return Metadata(
        title=fields.get("title") or found.get("title"),
        # the outlet the text names, else the one its URL is published by
        outlet=fields.get("outlet") or found.get("outlet") or outlet_of_url(url),
        author=found.get("author"),
        # the date the source gives, else the text's (its dateline, a store's date marker), else the URL's
        published_date=published or found.get("published_date") or (
            date.fromisoformat(marker["date"]) if marker else None) or date_in_url(url),
        url=url,
        header_lines=frozenset(header),
    )


def date_in_url(url: str | None) -> date | None:
    """The date a news site writes in its URLs' paths: '/2020/10/16/', '/2020/oct/08/'."""
    m = URL_DATE.search(url or "")
    if m is None:
        return None
    month = int(m["month"]) if m["month"].isdigit() else MONTHS_ABBREVIATED.get(m["month"].lower())
    try:
        return date(int(m["year"]), month, int(m["day"])) if month else None
    except ValueError:  # '/2020/13/45/': no date
        return None


def _read_header_line(line: str, found: dict[str, object], text: str) -> bool:
    """Record what a header line says; True when the whole line is metadata."""
    for pattern, publisher in PUBLISHER_LINES.items():
        if pattern.match(line):
            found.setdefault("outlet", publisher)
            return True
    for pattern in OUTLET_DATELINES:
        m = pattern.match(line)
        if m:
            if m["outlet"].strip().lower() not in place_aliases():  # 'Baku, 30 October 2020' names a place
                found.setdefault("outlet", m["outlet"].strip())
            found.setdefault("published_date", parse_date_value(m["date"]))
            return True
    dateline = _read_agency_dateline(line, found, text)
    if dateline is not None:
        return dateline == "line"  # else the article's first paragraph follows on the same line
    named = _registry_outlet_at(line)
    if named is not None and (line[named[1]:].strip() in ("", ":") or (
            line.isupper() and len(line.split()) <= MAX_OUTLET_LINE_WORDS)):
        found.setdefault("outlet", named[0])  # 'Trend:', 'DAILY SABAH WITH AGENCIES'
        return True
    m = WIRE_DATELINE.match(line)
    if m:
        found.setdefault("outlet", m["outlet"].strip())
        return False
    m = URL_LINE.match(line)
    if m:
        found.setdefault("url", m["url"])
        return True
    m = BYLINE.match(line)
    if m:
        found.setdefault("author", m["author"].strip())
        return True
    if len(line) <= MAX_DATELINE_CHARS and (when := first_full_date(line)) and _is_only_a_date(line):
        found.setdefault("published_date", when)
        return True
    return False


def _read_agency_dateline(line: str, found: dict[str, object], text: str) -> str | None:
    """A news agency's dateline: place (perhaps with its country), date, and the agency, before the first
    paragraph on the same line ("inline"); or place and date alone on a line of their own ("line"), the place
    in capitals. The agency must be bracketed or slashed, written in capitals or known to the outlet
    registry. A yearless date takes the year of the covered conflict period it falls in, else that of the
    first date the article writes in full."""
    place = AGENCY_PLACE.match(line)
    if not place:
        return None
    rest = line[place.end():]
    dates = find_dates(rest[:40])
    if not dates or dates[0].start != 0:
        return None
    when = dates[0].value
    if when is None and (written := first_full_date(text)) is not None:
        when = find_dates(rest[:40], written)[0].value
    if when is None:
        return None
    after = rest[dates[0].end:]
    lead = after.lstrip(" .,:–—-/([")
    named = _registry_outlet_at(lead)
    if named is not None:  # 'Baku. 8 October. REPORT.AZ'
        outlet, end = named
        found.setdefault("outlet", outlet)
        found.setdefault("published_date", when)
        return "line" if not lead[end:].strip(" ./)]") else "inline"
    if not after.strip(" .,") and place["place"].isupper():
        found.setdefault("published_date", when)
        return "line"
    agency = AGENCY_NAME.match(after)
    name = agency["outlet"].strip() if agency else ""
    if agency and (agency["open"] or name.isupper() or name.lower() in outlet_names()):
        found.setdefault("outlet", outlet_names().get(name.lower(), name))
        found.setdefault("published_date", when)
        return "line" if not after[agency.end():].strip() else "inline"
    known_place = place["place"].isupper() or place["place"].lower() in place_aliases()
    if known_place and re.match(r"[.,:–—-]\s+\S", after):
        found.setdefault("published_date", when)  # 'STEPANAKERT, 12.10.2020. The ...': no agency named
        return "inline"
    return None


@cache
def _outlets_longest_first() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(outlet_names().items(), key=lambda item: -len(item[0])))


def _registry_outlet_at(text: str) -> tuple[str, int] | None:
    """The outlet of the registry `text` starts with, as the registry spells it, and where its name ends."""
    lowered = text.lower()
    for key, name in _outlets_longest_first():
        if lowered.startswith(key) and not lowered[len(key):len(key) + 1].isalnum():
            return name, len(key)
    return None


def _is_only_a_date(line: str) -> bool:
    """A short line that ends with its date, perhaps with a name before it and a time after it: 'South Front
    26 October 2020', 'Mon 26 Oct 2020 18.40 GMT'."""
    dates = find_dates(line)
    if not dates or not TIME_OF_DAY.fullmatch(line[dates[-1].end:]):
        return False
    words = re.findall(r"[A-Za-z]+", line[:dates[-1].start])
    return len(words) <= 4


def _looks_like_title(line: str) -> bool:
    return (len(line) <= MAX_TITLE_CHARS and not line.endswith(".") and boilerplate_rule(line) is None
            and not line.startswith(("http", "www.")))


def parse_date_value(value: str) -> date | None:
    """A date from a metadata value: ISO 8601 (with or without a time) or a written date with its year."""
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return first_full_date(value)
