"""Wire datelines and credit lines: where and when a story was filed, and which agency filed it.

Agencies open their copy with a dateline, and outlets that run it keep it::

    ALMATY, Jan 11, 2022 (Steppe Wire) - …        NUR-SULTAN, 11 January 2022 /Kazinform/ - …
    ALMATY, January 11 (Reuters) — …              MOSCOW, Jan. 11 (Xinhua) -- …
    ALMATY, Kazakhstan (AP) — …                   ALMATY, Kazakhstan – …
    АЛМАТЫ, 11 января. /ТАСС/. …                  Алматы. 11 января. ИНТЕРФАКС-КАЗАХСТАН - …
    НУР-СУЛТАН, 6 янв — РИА Новости. …            Алматы, 17 января 2022 года. …

:func:`read_dateline` reads one at the start of a paragraph: the place as printed, the date (often without a year),
the agency as printed and under its usual name (from ``agencies.yaml``; an agency missing there keeps the name it
is printed with), and where the lede starts. :func:`read_credit_line` reads the end-of-story credits of Reuters
copy ("Reporting by X in Almaty; Editing by Y") and :func:`split_byline_agency` a byline's agency ("By Jane Doe,
Associated Press").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

import yaml

from kztimeline.parse.lexicon import MONTHS

_AGENCIES_FILE: Final = Path(__file__).with_name("agencies.yaml")


def _agency_key(printed: str) -> str:
    """Spellings compared without case, dots, quotation marks and spacing ("РИА «Новости»" = "РИА Новости")."""
    return " ".join(re.sub(r"[.\"“”«»„']", " ", printed).casefold().split())


@cache
def _agency_names() -> dict[str, str]:
    entries = yaml.safe_load(_AGENCIES_FILE.read_text(encoding="utf-8"))
    return {_agency_key(spelling): entry["name"] for entry in entries for spelling in entry["spellings"]}


def agency_name(printed: str) -> str | None:
    """The usual name of a known news agency as printed ("ТАСС" -> "TASS", "AP" -> "Associated Press"), else None."""
    return _agency_names().get(_agency_key(printed))


@dataclass(frozen=True)
class Dateline:
    """A dateline at ``start``..``end`` of the text (``end`` is where the lede starts, after the dash).

    ``year`` is None when the dateline gives only a month and a day ("January 11"): the year is not the
    dateline's to guess. ``agency`` is the agency under its usual name, ``agency_text`` as printed.
    """

    start: int
    end: int
    text: str  # as printed, with the separator before the lede
    place: str | None  # as printed ("ALMATY"); None in "(Bloomberg) --" and "7 января — ГЛАС."
    place_span: tuple[int, int] | None
    region: str | None = None  # "Kazakhstan" in "ALMATY, Kazakhstan (AP)"
    month: int | None = None
    day: int | None = None
    year: int | None = None
    agency: str | None = None
    agency_text: str | None = None
    author: str | None = None  # "НУР-СУЛТАН, 5 янв — Sputnik, Жанна Пробная."


_PLACE_WORD = r"[A-ZА-ЯЁ][\w’'\-]*"
# "ALMATY", "NUR-SULTAN", "Ust-Kamenogorsk", "NEW YORK", "St. Petersburg", "Rio de Janeiro"
_PLACE: Final = re.compile(
    rf"(?:(?:St|Ст)\.\s?)?{_PLACE_WORD}(?:\s+(?:(?:de|la|el|al|upon|on|на)\s+)?{_PLACE_WORD}){{0,3}}"
)
_REGION: Final = re.compile(rf"{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,2}}")
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_FIRST: Final = re.compile(
    rf"(?P<month>{_MONTH_NAMES})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<year>(?:19|20)\d\d)(?!\d))?"
    r"(?:,?\s+(?:[01]?\d|2[0-3]):[0-5]\d(?!\d))?",
    re.IGNORECASE,
)
_DAY_FIRST: Final = re.compile(
    rf"(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH_NAMES})(?![^\W\d_])\.?"
    r"(?:(?:\s*,\s*|\s+)(?P<year>(?:19|20)\d\d)(?!\d)(?:\s*(?:года|год|г\.|г(?![^\W\d_])))?)?"
    r"(?:,?\s+(?:[01]?\d|2[0-3]):[0-5]\d(?!\d))?",  # "Бишкек, 8 октября, 2020, 07:00 — ИА Регнум."
    re.IGNORECASE,
)
# the agency: "(Reuters)", "/ТАСС/", "— РИА Новости." or a name in capitals before a dash ("ИНТЕРФАКС-КАЗАХСТАН -")
_IN_PARENTHESES: Final = re.compile(r"\((?P<agency>[^\W\d_][^()\n]{0,40}?)\)")
_IN_SLASHES: Final = re.compile(r"/(?P<agency>[^\W\d_][^/\n]{0,40}?)/")
# "— РИА Новости.", "— Sputnik, Жанна Пробная." (the reporter after the agency)
_AFTER_DASH: Final = re.compile(
    r"[—–-]{1,2}\s*(?P<agency>[A-ZА-ЯЁ][\w\-]*(?:\s+[A-ZА-ЯЁ«\"][\w\-»\"]*){0,2})"
    r"(?:,\s+(?P<author>[A-ZА-ЯЁ][\w’'\-]+(?:\s+[A-ZА-ЯЁ][\w’'\-]+){1,2}))?\.(?=\s|$)"
)
# "ИНТЕРФАКС-КАЗАХСТАН -", "KAZINFORM –", "INTERFAX.RU -"
_IN_CAPITALS: Final = re.compile(
    r"(?P<agency>[A-ZА-ЯЁ][A-ZА-ЯЁ\-]{1,30}(?:\.[A-ZА-ЯЁ]{2,4})?(?:\s+[A-ZА-ЯЁ][A-ZА-ЯЁ\-]{1,30})?)(?=\s*[—–-])"
)
# what separates the dateline from the lede: a dash (or two), a full stop, a colon
_SEPARATOR: Final = re.compile(r"\s*\.?\s*(?:(?P<dash>[—–-]{1,2}|:)\s*)?")


def read_dateline(
    text: str, start: int, end: int, *, is_place: Callable[[str], bool] = lambda name: False
) -> Dateline | None:
    """The dateline opening ``text[start:end]`` (one paragraph), or None.

    Sentences open the same way as datelines ("Tokayev, the president (pictured) …"), so a dateline must look like
    one: a place in capitals with a date, a country or an agency ("ALMATY, Kazakhstan (AP) —"), or alone on its
    line with a date ("ALMATY, March 20"); a place in ordinary case with a date and an agency, or a known agency, or
    a full date with its year ("Алматы, 17 января 2022 года."); a date and an agency without a place ("7 января —
    ГЛАС.") or a known agency alone ("(Bloomberg) --"). ``is_place`` (a gazetteer lookup) admits the rest: "ALMATY –
    …", "Алматы, 17 января — …".
    """
    date = _date_at(text, start, end)  # "7 января — ГЛАС.": no place
    place = None if date else _PLACE.match(text, start, end)
    in_capitals = place is not None and place[0] == place[0].upper() and sum(c.isalpha() for c in place[0]) >= 3
    position, region, opening = (date.end() if date else start), None, None
    if place:
        position = place.end()
        while position < end and text[position] == "/" and (more := _PLACE.match(text, position + 1, end)):
            position = more.end()  # "ALMATY/MOSCOW, Jan 7 (Reuters)": filed from both; the first is the place
        opening = _COMMA.match(text, position, end) or _STOP.match(text, position, end)
        if opening:
            date = _date_at(text, opening.end(), end)
            if date is None and opening[0].startswith(","):
                region = _REGION.match(text, opening.end(), end)
                comma = _COMMA.match(text, region.end(), end) if region else None
                date = _date_at(text, comma.end(), end) if comma else None
            position = date.end() if date else region.end() if region else position
    stopped = False  # "17 января 2022 года." (a full stop after the date)
    if date:
        after_date = _AFTER_DATE.match(text, position, end)
        assert after_date is not None  # it matches the empty string
        stopped, position = "." in after_date[0], after_date.end()
    else:
        position = _SPACE.match(text, position, end).end()  # type: ignore[union-attr]
    agency = _agency_at(text, position, end)
    if agency is None and opening and not (date or region):  # "NUR-SULTAN. KAZINFORM – …"
        agency = _agency_at(text, opening.end(), end)
    separator = _SEPARATOR.match(text, agency.end() if agency else position, end)
    assert separator is not None  # it matches the empty string
    lede = separator.end()
    agency_text = agency["agency"].strip() if agency else None
    known_agency = agency_name(agency_text) if agency_text else None
    with_year = bool(date and date["year"])
    dash = bool(separator["dash"]) and separator["dash"] != ":"
    colon = separator["dash"] == ":"  # "ALMATY: …" (a place alone); "ANCHOR (Dana X):" is a transcript
    alone = lede >= end
    if place is None:  # "(Bloomberg) --", "Jan. 5 (UPI) --", "7 января — ГЛАС."
        accepted = agency is not None and (
            bool(known_agency)
            or (bool(date) and (dash or alone or agency.re is _AFTER_DASH or agency["agency"].isupper()))
        )
    elif agency is None:
        named_place = bool((dash or colon) and (in_capitals or date) and is_place(place[0]))  # looked up last
        accepted = (dash and ((in_capitals and bool(date or region)) or with_year or named_place)) or (
            with_year and (stopped or "." in separator[0])
        )
        accepted = accepted or (colon and named_place)
        accepted = accepted or (alone and in_capitals and bool(date))  # "ALMATY, March 20" on its own line
    elif agency.re in (_IN_PARENTHESES, _IN_SLASHES):
        accepted = bool(known_agency or date or (in_capitals and (region or dash)))
    else:  # "— РИА Новости.", "ИНТЕРФАКС-КАЗАХСТАН -": names without brackets need a date or to be known
        accepted = bool(date or (known_agency and in_capitals))
    if not accepted or (not alone and not _LEDE_OPENING.match(text, lede)):
        return None
    return Dateline(
        start=start,
        end=lede,
        text=text[start:lede].strip(),
        place=place[0] if place else None,
        place_span=place.span() if place else None,
        region=region[0] if region else None,
        month=MONTHS[date["month"].casefold()] if date else None,
        day=int(date["day"]) if date else None,
        year=int(date["year"]) if date and date["year"] else None,
        agency=known_agency or agency_text,
        agency_text=agency_text,
        author=agency["author"] if agency and agency.re is _AFTER_DASH else None,
    )


def _agency_at(text: str, start: int, end: int) -> re.Match[str] | None:
    return next((match for pattern in _AGENCY_FORMS if (match := pattern.match(text, start, end))), None)


_COMMA: Final = re.compile(r",\s+")
_STOP: Final = re.compile(r"\.\s+")
_SPACE: Final = re.compile(r"\s*")
_AFTER_DATE: Final = re.compile(r"\.?\s*")
_AGENCY_FORMS: Final = (_IN_PARENTHESES, _IN_SLASHES, _AFTER_DASH, _IN_CAPITALS)
# a lede opens with a capital, a digit, a quotation mark or a bracket
_LEDE_OPENING: Final = re.compile(r"[\"“«„'‘(\[\dA-ZА-ЯЁ]")


def _date_at(text: str, start: int, end: int) -> re.Match[str] | None:
    date = _MONTH_FIRST.match(text, start, end) or _DAY_FIRST.match(text, start, end)
    if date is None or not 1 <= int(date["day"]) <= 31:
        return None
    return date


# "Reporting by Jane Doe in Almaty and John Roe in Moscow; Writing by X; Editing by Y": Reuters' closing credits
_CREDIT: Final = re.compile(
    r"(?P<role>(?:additional\s+)?(?:reporting|writing|editing|compiled|graphics|reporting\s+and\s+writing)(?:\s+by)?)"
    r"\s+(?:by\s+)?(?P<names>[A-ZА-ЯЁ][^;()]{0,160}?)\s*",
    re.IGNORECASE,
)
_PERSON: Final = re.compile(r"[A-ZА-ЯЁ][\w’'.\-]*(?:\s+(?:(?:de|van|von|al|el|bin)\s+)?[A-ZА-ЯЁ][\w’'.\-]*){0,3}")
_IN_PLACE: Final = re.compile(r"\s+(?:in|from)\s+[A-ZА-ЯЁ][\w’'\-]*(?:\s+[A-ZА-ЯЁ][\w’'\-]*)?")


def read_credit_line(line: str) -> tuple[bool, str | None]:
    """Whether ``line`` is a closing credit line, and the article's authors it names.

    The reporters and the writer are the authors ("Reporting by A and B in Almaty; Writing by C" -> "A, B and C");
    editors and additional reporting are not.
    """
    inner = line.strip()
    if inner.startswith("(") and inner.endswith(")"):
        inner = inner[1:-1].strip()
    parts = [part.strip() for part in inner.rstrip(".").split(";") if part.strip()]
    credits = [_CREDIT.fullmatch(part) for part in parts]
    if not parts or not all(credits) or not re.match(r"(?i)(?:additional\s+)?\w+\s+by\b", parts[0]):
        return False, None
    names: list[str] = []
    for credit in credits:
        assert credit is not None
        credited = [name.strip() for name in re.split(r",\s*|\s+and\s+|\s*&\s*", _IN_PLACE.sub("", credit["names"]))]
        if not all(_PERSON.fullmatch(name) for name in credited):
            return False, None  # "Reporting by the ministry showed …": a sentence, not credits
        if credit["role"].casefold().startswith(("reporting", "writing", "compiled")):
            names.extend(name for name in credited if name not in names)
    if not names:
        return True, None
    return True, names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def split_byline_agency(byline: str) -> tuple[str, str | None]:
    """A byline's names and the agency it credits ("Jane Doe, Associated Press" -> ("Jane Doe", "Associated
    Press")); a byline naming no known agency is returned whole."""
    match = re.fullmatch(r"(?P<names>.+?)\s*(?:,|\||·|—|–|\bfor\b|\()\s*(?P<agency>[^,|·()]+?)\)?", byline.strip())
    if match:
        agency = agency_name(match["agency"])
        if agency:
            return match["names"].strip(), agency
    return byline.strip(), None
