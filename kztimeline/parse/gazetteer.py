"""Recognise curated actors and places in text, and places not yet curated from an offline gazetteer.

The curated seeds (names and aliases of actors and places) are the gazetteer: a name matches case-insensitively,
except that an all-caps acronym ("US", "UN") must be printed in capitals and a capitalised name ("West") must not be
printed in lowercase ("west of Almaty"). Russian words are matched on their stems, so "Токаева" and "Казахстане"
find "Токаев" and "Казахстан".

Places the seeds do not know are looked up in the GeoNames gazetteer shipped in the package (cities of 15,000+
people and all countries, offline: :mod:`kztimeline.geodata`), so ``import`` can propose them with coordinates
instead of a hand list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Final

from kztimeline.curation.yaml_source import read_seed_file
from kztimeline.parse.document import Mention

_CYRILLIC_ENDINGS: Final = sorted(
    [
        "ами",
        "ями",
        "ого",
        "его",
        "ому",
        "ему",
        "ыми",
        "ими",
        "ой",
        "ей",
        "ом",
        "ем",
        "ам",
        "ям",
        "ах",
        "ях",
        "ую",
        "юю",
        "ая",
        "яя",
        "ое",
        "ее",
        "ые",
        "ие",
        "ый",
        "ий",
        "а",
        "я",
        "у",
        "ю",
        "е",
        "и",
        "ы",
        "о",
        "ь",
        "й",
    ],
    key=len,
    reverse=True,
)
_CYRILLIC = re.compile(r"[а-яёА-ЯЁәғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_TOKEN = re.compile(r"[\w’'.&-]+")


def stem(word: str) -> str:
    """A Russian word without its case ending (other words are returned casefolded as they are)."""
    lowered = word.casefold()
    if not _CYRILLIC.search(lowered):
        return lowered
    for ending in _CYRILLIC_ENDINGS:
        if lowered.endswith(ending) and len(lowered) - len(ending) >= 2:
            return lowered[: -len(ending)]
    return lowered


_WORD_SPLIT = re.compile(r"[\s\-–—/]+")
_TEXT_WORD = re.compile(r"[^\s\-–—/]+")
_EDGE = ".,;:!?()[]{}\"“”«»„‘’'…*"


@lru_cache(maxsize=65_536)
def word_key(word: str) -> str:
    """One word's lookup key: casefolded, outer punctuation off, typographic apostrophes straight, stemmed."""
    return stem(word.replace("’", "'").strip(_EDGE).casefold())


@lru_cache(maxsize=65_536)
def name_key(text: str) -> str:
    """The lookup key of a name as printed: its word keys, so hyphens, spacing, apostrophes, outer punctuation
    and Russian case endings do not matter ("Kassym-Jomart Tokayev" = "Kassym Jomart Tokayev")."""
    return " ".join(key for key in (word_key(word) for word in _WORD_SPLIT.split(text)) if key)


def text_words(text: str) -> list[tuple[re.Match[str], str]]:
    """The words of a text with their lookup keys, computed once and shared by the actor and place gazetteers."""
    return [(match, key) for match in _TEXT_WORD.finditer(text) if (key := word_key(match[0]))]


def _core(match: re.Match[str]) -> tuple[int, int]:
    """A word's span without outer punctuation, keeping an abbreviation's final dot ("U.S.")."""
    raw = match[0]
    lead = len(raw) - len(raw.lstrip(_EDGE))
    trail = len(raw) - len(raw.rstrip(_EDGE))
    start, end = match.start() + lead, match.end() - trail
    if raw[len(raw) - trail :].startswith(".") and "." in raw[lead : len(raw) - trail]:
        end += 1
    return start, end


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    kind: str | None
    # lowercase words of the name and aliases ("president" from "President Tokayev"): "the president said" can
    # find the curated actor the article named before
    words: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Alias:
    keys: tuple[str, ...]
    entry: Entry
    case_sensitive: bool  # an acronym ("US", "UN") must be printed in capitals
    capitalised: bool  # a capitalised name ("West") must not be printed in lowercase
    forms: frozenset[str]  # the acronym's printed forms, without outer punctuation


class Gazetteer:
    """Names and aliases of curated entities (actors or places), matched in text word by word.

    Matching looks each word of the text up in an index of aliases by their first word, so it costs the same
    with ten aliases or ten thousand.
    """

    def __init__(self, entries: Iterable[tuple[Entry, Iterable[str]]]) -> None:
        self.by_key: dict[str, Entry] = {}
        self.by_id: dict[str, Entry] = {}
        self._index: dict[str, list[_Alias]] = {}
        for entry, names in entries:
            self.by_id[entry.id] = entry
            for name in names:
                keys = tuple(k for k in (word_key(w) for w in _WORD_SPLIT.split(name.strip())) if k)
                if not keys:
                    continue
                self.by_key.setdefault(" ".join(keys), entry)
                bare = name.strip().strip(_EDGE)
                acronym = len(bare) <= 5 and bare.replace(".", "").isupper()
                alias = _Alias(keys, entry, acronym, name[0].isupper() and not acronym, frozenset({bare}))
                self._index.setdefault(keys[0], []).append(alias)
        for aliases in self._index.values():
            aliases.sort(key=lambda alias: -len(alias.keys))

    def lookup(self, text: str) -> Entry | None:
        """The entity a name (as printed) refers to, or None."""
        key = name_key(text)
        entry = self.by_key.get(key)
        if entry is None:
            for determiner in ("the ", "a ", "an "):
                if key.startswith(determiner):
                    entry = self.by_key.get(key[len(determiner) :])
                    break
        return entry

    def find(self, text: str, words: list[tuple[re.Match[str], str]] | None = None) -> Iterator[Mention]:
        """Every curated name in ``text``, longest first, with its entity id (``words``: from :func:`text_words`)."""
        if words is None:
            words = text_words(text)
        keys = [key for _, key in words]  # compared a slice at a time, in C, against each alias's keys
        index = 0
        while index < len(words):
            found = None
            for alias in self._index.get(keys[index], ()):
                size = len(alias.keys)
                if index + size > len(words):
                    continue
                if size == 1 or tuple(keys[index : index + size]) == alias.keys:
                    start, end = _core(words[index][0])[0], _core(words[index + size - 1][0])[1]
                    printed = text[start:end]
                    if alias.case_sensitive and printed.strip(_EDGE) not in alias.forms:
                        continue
                    if alias.capitalised and printed[0].islower() and not _CYRILLIC.search(printed):
                        continue
                    found = Mention(alias.entry.id, printed, start, end, kind=alias.entry.kind)
                    index += size
                    break
            if found:
                yield found
            else:
                index += 1

    def find_within(self, text: str) -> Mention | None:
        """The longest curated name inside a short phrase (a speaker's noun phrase), if any."""
        best: Mention | None = None
        for mention in self.find(text):
            if best is None or len(mention.text) > len(best.text):
                best = mention
        return best


def _records(seeds: Path, section: str) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for path in sorted([*seeds.glob("*.yaml"), *seeds.glob("*.yml")]):
        seed_file, problems = read_seed_file(path, str(path))
        if problems:  # an unreadable file is reported by `validate`; the parser just sees fewer names
            continue
        data = seed_file.content
        if isinstance(data, dict) and isinstance(data.get(section), list):
            records.extend(record for record in data[section] if isinstance(record, dict) and record.get("id"))
    return records


def _entries(records: list[dict[str, Any]]) -> Iterator[tuple[Entry, list[str]]]:
    for record in records:
        aliases = record.get("aliases") or []
        names = [str(record["name"]), *(str(alias) for alias in aliases if alias)] if record.get("name") else []
        words = frozenset(re.findall(r"\w+", " ".join(names).casefold()))
        yield Entry(str(record["id"]), str(record.get("name") or record["id"]), record.get("kind"), words), names


@dataclass
class Gazetteers:
    """The curated actors and places a parse run recognises."""

    actors: Gazetteer
    places: Gazetteer
    place_geonames_ids: dict[str, int] = field(default_factory=dict)  # curated place id -> GeoNames id

    @classmethod
    def from_seeds(cls, seeds: Path) -> Gazetteers:
        return cls.from_records(_records(seeds, "actors"), _records(seeds, "places"))

    @classmethod
    def from_records(cls, actors: list[dict[str, Any]], places: list[dict[str, Any]]) -> Gazetteers:
        """The gazetteers of actor and place records already read (``import`` reads the seeds once)."""
        geonames_ids = {
            str(record["id"]): int(record["geonames_id"])
            for record in places
            if isinstance(record.get("geonames_id"), int)
        }
        return cls(Gazetteer(_entries(actors)), Gazetteer(_entries(places)), geonames_ids)

    @classmethod
    def empty(cls) -> Gazetteers:
        return cls(Gazetteer([]), Gazetteer([]))


# ---- GeoNames, for places not yet curated --------------------------------------------------------------------------


@dataclass(frozen=True)
class GeoPlace:
    name: str
    geonames_id: int
    kind: str  # city | country
    country: str | None  # ISO 3166 alpha-2
    country_name: str | None
    latitude: float | None
    longitude: float | None
    population: int


# Latin and Cyrillic letters, with the Kazakh ones (Қарағанды, Өскемен)
_NAME_OK = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏА-Яа-яЁёӘҒҚҢӨҰҮҺІәғқңөұүһі][A-Za-zÀ-ÖØ-öø-ɏА-Яа-яЁёӘҒҚҢӨҰҮҺІәғқңөұүһі’' .-]+$")


def _indexable(name: str) -> bool:
    """Whether a GeoNames name can be matched in text: four letters or more, capitalised, in Latin or Cyrillic."""
    return len(name) >= 4 and bool(_NAME_OK.match(name)) and name[0].isupper()


def usable_alternate(name: str, population: int) -> bool:
    """Whether a city's alternate name is worth matching: Cyrillic names for Russian and Kazakh texts; other
    alternates ("Kiev", "Alma-Ata") only for big cities, because GeoNames also lists demonyms and old names of small
    towns ("Kazakh" for Petropavl). ``scripts/build_geodata.py`` ships only these."""
    return _indexable(name) and (bool(_CYRILLIC.search(name)) or population >= 300_000)


# Russian and Kazakh country names that are also common words: "Того же дня" is "that same day", not Togo
_COUNTRY_NAMES_THAT_ARE_WORDS: Final = frozenset({"того"})


@cache
def geonames_index() -> dict[str, GeoPlace]:
    """GeoNames cities (15,000+ people) and countries by name key; the most populous wins a shared name.

    Built once per process from the shipped gazetteer (:mod:`kztimeline.geodata`), and only when a text has a
    capitalised name that the curated places do not know.
    """
    from kztimeline.geodata import geodata

    data = geodata()
    index: dict[str, GeoPlace] = {}

    def add(name: str, place: GeoPlace) -> None:
        if not _indexable(name):
            return
        key = name_key(name)
        current = index.get(key)
        if current is None or place.population > current.population:
            index[key] = place

    for code, country in data.countries.items():
        place = GeoPlace(
            country.name, country.geonames_id, "country", code, country.name, None, None,
            country.population * 10,  # a country outranks a town of the same name
        )  # fmt: skip
        for name in (country.name, *country.alternate_names):
            if name.casefold() not in _COUNTRY_NAMES_THAT_ARE_WORDS:
                add(name, place)
    for city in data.cities:
        country_name = data.countries[city.country].name if city.country in data.countries else None
        place = GeoPlace(
            city.name, city.geonames_id, "city", city.country, country_name, city.latitude, city.longitude,
            city.population,
        )  # fmt: skip
        add(city.name, place)
        for alternate in city.alternate_names:
            if usable_alternate(alternate, city.population):
                add(alternate, place)
    return index


@cache
def _countries_by_code() -> dict[str, GeoPlace]:
    return {place.country: place for place in geonames_index().values() if place.kind == "country" and place.country}


def geonames_country(code: str) -> GeoPlace | None:
    """A country from its ISO 3166 alpha-2 code."""
    return _countries_by_code().get(code)


_CAPITALISED_RUN = re.compile(r"(?<![\w’'-])[A-ZА-ЯЁ][\w’'-]*(?:\s+(?:(?:de|al|el|la|upon|on)\s+)?[A-ZА-ЯЁ][\w’'-]*)*")


@cache
def _geonames_first_words() -> frozenset[str]:
    return frozenset(key.split()[0] for key in geonames_index())


def find_geonames_places(
    text: str,
    known: list[Mention],
    common_words: frozenset[str],
    words: list[tuple[re.Match[str], str]] | None = None,
) -> Iterator[Mention]:
    """Capitalised names in ``text`` that GeoNames knows as a city or country and no curated name covers.

    A one-word town is accepted only when it is large (100,000+ people) or its country is named in the text, so
    words that happen to be town names ("Police" in Poland) are not proposed as places.
    """
    index = geonames_index()
    first_words = _geonames_first_words()
    from kztimeline.parse.segments import SpanSet  # here: segments imports nothing from this module, but keep it lazy

    taken = SpanSet((mention.start, mention.end) for mention in known)
    lowered_words = {key for match, key in (words or text_words(text)) if match[0][:1].islower()}
    candidates: list[tuple[GeoPlace, Mention]] = []
    for run in _CAPITALISED_RUN.finditer(text):
        words_in_run = list(re.finditer(r"[\w’'-]+", run[0]))
        # try the longest sub-run (up to four words) first at each position
        position = 0
        while position < len(words_in_run):
            if word_key(words_in_run[position][0]) not in first_words:
                position += 1
                continue
            for length in range(min(4, len(words_in_run) - position), 0, -1):
                first, last = words_in_run[position], words_in_run[position + length - 1]
                start, end = run.start() + first.start(), run.start() + last.end()
                printed = text[start:end]
                place = index.get(name_key(printed))
                if place is None:
                    continue
                if taken.overlaps(start, end):
                    break
                if length == 1 and (printed.casefold() in common_words or word_key(printed) in lowered_words):
                    break
                after_preposition = re.search(r"(?i)\b(?:in|from|of|near|из|в|во|под|около|у)\s+$", text[:start][-8:])
                followed = position + length < len(words_in_run)
                if followed and length == 1 and place.kind == "city" and not after_preposition:
                    break  # a town name opening a longer name ("Washington Post"), but "из Новосибирска Светлана …"
                candidates.append((place, _geo_mention(place, printed, start, end)))
                position += length - 1
                break
            position += 1
    countries_named = {place.country for place, _ in candidates if place.kind == "country"}
    countries_named |= {name_key(m.text) for m in known}
    for place, mention in candidates:
        country_named = place.country in countries_named or name_key(place.country_name or "") in countries_named
        if place.kind == "city" and place.population < 100_000 and not country_named:
            continue
        yield mention


def _geo_mention(place: GeoPlace, printed: str, start: int, end: int) -> Mention:
    return Mention(
        None, printed, start, end, kind=place.kind, name=place.name, geonames_id=place.geonames_id,
        country=place.country, latitude=place.latitude, longitude=place.longitude,
    )  # fmt: skip


def resolve_place_name(
    printed: str, start: int, end: int, gazetteers: Gazetteers, use_geonames: bool = True
) -> Mention:
    """A place name found on its own (a dateline's "ALMATY"), as a mention: the curated place of that name, else
    the GeoNames city or country (with the curated id when the seeds have it under its GeoNames name), else the
    name as printed with no id."""
    curated = gazetteers.places.lookup(printed)
    if curated:
        return Mention(curated.id, printed, start, end, kind=curated.kind)
    place = geonames_index().get(name_key(printed)) if use_geonames else None
    if place is None:
        return Mention(None, printed, start, end)
    mention = _geo_mention(place, printed, start, end)
    known = gazetteers.places.lookup(place.name)
    mention.id = known.id if known else None
    return mention
